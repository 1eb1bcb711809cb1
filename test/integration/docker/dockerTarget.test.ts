import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { LABELS } from '../../../runner/targets/docker/containerSpec';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { dockerd } from '../../services/dockerd';
import { probeImage } from '../../services/testImages';
import { dockerConfig, envWith, job, jobIo, manifestFor, progressLog, tempRoot } from './fixtures';

/** The docker target against a real dockerd, with the probe pipeline looking at its own container. */

const containersOf = async (docker: Docker, key: string) => docker.listContainers({ all: true, filters: { label: [`${LABELS.key}=${key}`] } });

describe('docker target (real dockerd)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let socket: string;
  let root: string;
  let models: string;
  let env: ReturnType<typeof envWith>;

  before(async () => {
    const d = await dockerd();
    docker = d.docker;
    socket = d.socket;
    env = envWith(manifestFor('test.probe', await probeImage(docker)), manifestFor('test.absent', 'bmad/absent.image:1'));
    root = tempRoot();
    models = path.join(root, 'models');
    fs.mkdirSync(models);
    fs.writeFileSync(path.join(models, 'weights.bin'), 'w');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs a job in a container that has no network, read-only mounts, a read-only root and no privileges', async () => {
    const inputs = [{ name: 'ref.png', data: 'pretend png' }];
    const j = job('test.probe', { mode: 'inspect' }, inputs);
    const io = jobIo(root, inputs);
    const placed: string[] = [];
    const target = createDockerTarget(dockerConfig(socket, models), env);
    const r = await target.run(j, io, new AbortController().signal, () => undefined, (h) => placed.push(h));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.outputs, [{ name: 'probe.json', role: 'report', mime: 'application/json' }]);
    const report = JSON.parse(fs.readFileSync(path.join(io.outputsDir, 'probe.json'), 'utf8'));
    assert.equal(report.job_key, j.key);
    assert.deepEqual(report.inputs, ['ref.png']);
    assert.equal(report.uid, 1000);
    assert.equal(report.gid, 1000);
    assert.deepEqual(report.writable, { '/job': false, '/inputs': false, '/models': false, '/outputs': true, '/tmp': true, '/': false, '/usr': false });
    assert.deepEqual(report.network.interfaces, ['lo']);
    assert.notEqual(report.network.tcp, 'connected');
    assert.notEqual(report.network.dns, 'connected');
    assert.equal(report.no_new_privs, '1');
    assert.equal(report.cap_eff, '0000000000000000');
    assert.equal(placed.length, 1);
    assert.deepEqual(await containersOf(docker, j.key), [], 'the container is removed after the job');
  });
});
