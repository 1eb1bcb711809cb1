import readline from 'node:readline';
import { ToWorker, WORKER_PROTOCOL, type FromWorker } from '../../core/workerProtocol';
import { runJob } from './runJob';

/**
 * `preview.js --worker`: the preview backend as a long-lived process that runs one job after another
 * (core/workerProtocol.ts), so the engine pays Node's start-up and the pipelines' loading once per
 * slot instead of once per job. Each job is exactly what `preview.js <jobDir>` does; its ffmpeg and
 * speech children are this process's children, in its process group.
 */

const send = (m: FromWorker) => process.stdout.write(JSON.stringify(m) + '\n');

export function serveJobs(): void {
  let current: { id: number; controller: AbortController } | undefined;

  const start = (id: number, dir: string) => {
    const controller = new AbortController();
    current = { id, controller };
    void runJob(dir, controller.signal, (line) => send({ type: 'line', id, line }))
      .catch((e: unknown) => {
        // runJob reports every pipeline failure in result.json; this is result.json itself failing.
        process.stderr.write(`preview worker: job ${id}: ${String(e)}\n`);
        return 70;
      })
      .then((code) => {
        current = undefined;
        send({ type: 'done', id, code });
      });
  };

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (text) => {
    let parsed;
    try {
      parsed = ToWorker.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      process.stderr.write(`preview worker: ignored a line that is not a request: ${text.slice(0, 200)}\n`);
      return;
    }
    const m = parsed.data;
    if (m.type === 'cancel') {
      if (current?.id === m.id) current.controller.abort();
    } else if (current) {
      // The engine sends a job only to an idle worker; two at once would share ffmpeg's CPU and temp names.
      process.stderr.write(`preview worker: asked to run job ${m.id} while job ${current.id} runs\n`);
      process.exit(70);
    } else start(m.id, m.dir);
  });
  // stdin closes when the engine retires this worker, or when the engine died: a job still running
  // has nobody left to report to, so it stops at once with everything in its process group.
  lines.on('close', () => {
    if (!current) process.exit(0);
    current.controller.abort();
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      /* not a group leader: the aborted job's children already got SIGTERM */
    }
    process.exit(137);
  });
  send({ type: 'ready', protocol: WORKER_PROTOCOL });
}
