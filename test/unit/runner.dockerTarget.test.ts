import assert from 'node:assert/strict';
import { socketFor } from '../../runner/targets/docker/daemon';
import { baseImageOf } from '../../runner/targets/docker/pipelineImages';
import { progressOf } from '../../runner/targets/docker/logStream';

describe('docker target: the parts that need no daemon', () => {
  it('finds the socket: configured, else DOCKER_HOST, else the default; refuses a daemon elsewhere', () => {
    assert.equal(socketFor('/run/x.sock', { DOCKER_HOST: 'unix:///other.sock' }), '/run/x.sock');
    assert.equal(socketFor(undefined, { DOCKER_HOST: 'unix:///other.sock' }), '/other.sock');
    assert.equal(socketFor(undefined, {}), '/var/run/docker.sock');
    assert.throws(() => socketFor(undefined, { DOCKER_HOST: 'tcp://10.0.0.2:2375' }), {
      message: 'DOCKER_HOST=tcp://10.0.0.2:2375: only a local daemon on a unix socket can run jobs (it mounts host folders)',
    });
  });

  it("names the base image of a build: the one given, else the Dockerfile's default", () => {
    const dockerfile = '# a pipeline\nARG BASE_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04\nFROM ${BASE_IMAGE}\n';
    assert.equal(baseImageOf(dockerfile, undefined), 'nvidia/cuda:12.4.1-runtime-ubuntu22.04');
    assert.equal(baseImageOf(dockerfile, 'my/cuda:1'), 'my/cuda:1');
    assert.equal(baseImageOf('FROM python:3\n', undefined), undefined);
  });

  it('reads only valid progress lines from stdout', () => {
    assert.deepEqual(progressOf('{"type":"progress","value":1,"max":4}'), { type: 'progress', value: 1, max: 4 });
    assert.deepEqual(progressOf('{"type":"log","message":"hi"}'), { type: 'log', level: 'info', message: 'hi' });
    assert.equal(progressOf('{"type":"progress","value":-1,"max":4}'), undefined);
    assert.equal(progressOf('{not json'), undefined);
    assert.equal(progressOf('plain text'), undefined);
  });
});
