import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleDir } from './bundles';

/** A real `bmad signal` process (the bundled CLI) on a free port of 127.0.0.1. */
export interface SignalProcess {
  readonly url: string;
  /** Sends Ctrl+C (SIGINT) and waits for the exit. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr(): string;
}

export async function startBmadSignal(extra: readonly string[] = []): Promise<SignalProcess> {
  const cli = path.join(await bundleDir(), 'cli.js');
  const child = spawn(process.execPath, [cli, 'signal', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /listening on (ws:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`bmad signal exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}
