import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobResult } from '../../../core/contract';
import { ComfyHttp } from '../../../runner/targets/comfyui/http';
import { createComfyUiTarget } from '../../../runner/targets/comfyui/target';
import { imageParams, makeJob, testEnv } from './jobs';
import { CuttableProxy } from './proxy';
import { comfyServer, type ComfyServer } from './server';
import { STANDIN_SLOW_IMAGE, STANDINS } from './standins';

/**
 * Cancel, a dropped connection and reattach, on the real server, with the STAND-IN blur chain
 * (params.steps blurs) as a job that takes a while without model weights.
 */

const never = new AbortController().signal;

/** Resolves once ComfyUI says the prompt is `state` (polled: ComfyUI has no event for another client's prompt). */
async function until(http: ComfyHttp, promptId: string, state: 'running' | 'pending' | 'finished'): Promise<void> {
  for (;;) {
    const now = state === 'finished' ? ((await http.history(promptId, never)) ? 'finished' : undefined) : await http.queued(promptId, never);
    if (now === state) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A long STAND-IN prompt queued straight on ComfyUI, so the job under test waits behind it for as long
 * as the test needs; interrupting it lets that job run.
 */
async function blocker(http: ComfyHttp): Promise<string> {
  const { job } = makeJob(STANDIN_SLOW_IMAGE, 'low', {});
  const graph = STANDIN_SLOW_IMAGE.graph({ ...job, prefix: 'blocker', params: imageParams({ steps: 60 }), loras: [] });
  const submitted = await http.submit(graph, randomUUID(), never);
  assert.ok(submitted.accepted);
  await until(http, submitted.promptId, 'running');
  return submitted.promptId;
}

async function messagesOf(http: ComfyHttp, promptId: string): Promise<string[]> {
  return ((await http.history(promptId, never))?.status?.messages ?? []).map(([type]) => type);
}

describe('ComfyUI target: cancel, dropped connections and reattach on the real server', function () {
  this.timeout(240_000);
  let server: ComfyServer;
  let http: ComfyHttp;
  before(async () => {
    server = await comfyServer();
    http = new ComfyHttp(server.url);
  });
  const target = () => createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv(), STANDINS);

  it('cancelling a running job interrupts its prompt (execution_interrupted) and the job ends INTERRUPTED', async () => {
    const t = target();
    const { job, io } = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 150 }));
    const cancel = new AbortController();
    let promptId = '';
    const result = await t.run(job, io, cancel.signal, () => {}, (id) => {
      promptId = id;
      void until(http, id, 'running').then(() => cancel.abort());
    });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INTERRUPTED');
    assert.ok((await messagesOf(http, promptId)).includes('execution_interrupted'), 'ComfyUI stopped the prompt');
    assert.deepEqual(fs.readdirSync(io.outputsDir), [], 'no output');
  });

  it('cancelling a job that has not started takes it out of the queue', async () => {
    const t = target();
    const first = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 150 }));
    const second = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 150 }));
    const stopFirst = new AbortController();
    const stopSecond = new AbortController();
    let firstId = '';
    let secondId = '';
    const running = t.run(first.job, first.io, stopFirst.signal, () => {}, (id) => (firstId = id));
    while (!firstId) await new Promise((r) => setTimeout(r, 20));
    await until(http, firstId, 'running');
    const waiting = await t.run(second.job, second.io, stopSecond.signal, () => {}, (id) => {
      secondId = id;
      void until(http, id, 'pending').then(() => stopSecond.abort());
    });
    assert.ok(!waiting.ok);
    assert.equal(waiting.error.code, 'INTERRUPTED');
    assert.equal(await http.queued(secondId, never), undefined, 'no longer queued');
    assert.equal(await http.history(secondId, never), undefined, 'and never ran');
    stopFirst.abort();
    assert.equal(((await running) as Extract<JobResult, { ok: false }>).error.code, 'INTERRUPTED');
  });

  it('a connection cut mid-job reconnects and takes the result from /history', async () => {
    const proxy = await CuttableProxy.start(server.port);
    try {
      const t = createComfyUiTarget({ type: 'comfyui', id: 'local', url: proxy.url, concurrency: 1 }, testEnv(), STANDINS);
      const ahead = await blocker(http);
      const { job, io } = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 3 }));
      let acceptedBeforeResume = 0;
      const result = await t.run(job, io, never, () => {}, (id) => {
        void (async () => {
          await until(http, id, 'pending');
          proxy.cut();
          // The job runs and ends while the target cannot hear of it.
          await http.interrupt(ahead, never);
          await until(http, id, 'finished');
          acceptedBeforeResume = proxy.accepted;
          proxy.resume();
        })();
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.ok(acceptedBeforeResume > 0 && proxy.accepted > acceptedBeforeResume, 'the target came back through the proxy');
      assert.ok(fs.statSync(path.join(io.outputsDir, 'keyframe.png')).size > 0);
      t.dispose?.();
    } finally {
      await proxy.close();
    }
  });

  it('a new engine reattaches to the prompt a killed one placed, and the job runs once', async () => {
    const ahead = await blocker(http);
    const { job, io } = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 3 }));
    fs.writeFileSync(path.join(io.dir, 'job.json'), JSON.stringify(job));
    fs.writeFileSync(path.join(io.dir, 'io.json'), JSON.stringify(io));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'placeAndDie.ts'), server.url, path.join(io.dir, 'job.json'), path.join(io.dir, 'io.json')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const handle = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += String(d);
        const m = /placed (\S+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the placing engine exited (${code}) before placing: ${out}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    assert.equal(await http.queued(handle, never), 'pending', 'the job was still waiting when its engine died');
    await http.interrupt(ahead, never);

    const result = await target().reattach!(handle, job, io, never, () => {});
    assert.ok(result?.ok, JSON.stringify(result));
    assert.ok(fs.statSync(path.join(io.outputsDir, 'keyframe.png')).size > 0);
    const all = (await (await fetch(`${server.url}/history`)).json()) as Record<string, { prompt: [number, string, Record<string, { inputs: { filename_prefix?: string } }>] }>;
    const runs = Object.values(all).filter((e) => Object.values(e.prompt[2]).some((n) => n.inputs.filename_prefix === `bmad/${job.key.slice(0, 16)}`));
    assert.equal(runs.length, 1, 'ComfyUI ran the job once');
  });

  it('reattach to a finished prompt collects its output; to an unknown one says it does not know it', async () => {
    const t = target();
    const { job, io } = makeJob(STANDIN_SLOW_IMAGE, 'low', imageParams({ steps: 1 }));
    let handle = '';
    assert.ok((await t.run(job, io, never, () => {}, (h) => (handle = h))).ok);
    fs.rmSync(path.join(io.outputsDir, 'keyframe.png'));
    const again = await t.reattach!(handle, job, io, never, () => {});
    assert.ok(again?.ok, JSON.stringify(again));
    assert.ok(fs.existsSync(path.join(io.outputsDir, 'keyframe.png')));
    assert.equal(await t.reattach!('00000000-0000-4000-8000-000000000000', job, io, never, () => {}), undefined);
  });
});
