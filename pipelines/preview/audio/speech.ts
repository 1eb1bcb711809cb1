import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError, badParams, interrupted } from '../errors';

/**
 * Runs speak.mjs, the GPL-3.0 eSpeak NG program, as a separate process (never imported: see its
 * header). It sits beside this file in the source tree and beside preview.js in dist/.
 */
export function speakScript(): string {
  const candidates = [path.join(__dirname, 'speak.mjs'), path.join(__dirname, 'audio', 'speak.mjs')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new PipelineError('INTERNAL', `speak.mjs not found next to the pipeline (looked in ${candidates.join(', ')})`);
  return found;
}

const Reply = z.strictObject({ sampleRate: z.number().int().positive(), samples: z.number().int().nonnegative() });

export interface Utterance {
  text: string;
  voice: string;
  pitch: number;
  rate: number;
}

/** Speaks one line; returns mono samples in [-1, 1] at eSpeak's rate (22,050 Hz). */
export function speak(u: Utterance, pcmFile: string, signal: AbortSignal): Promise<{ sampleRate: number; data: Float32Array }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(interrupted());
    const child = spawn(process.execPath, [speakScript(), pcmFile], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const onAbort = () => child.kill('SIGTERM');
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => reject(new PipelineError('INTERNAL', `could not start speak.mjs: ${e.message}`)));
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(interrupted());
      if (code === 2) return reject(badParams(`params.${err.trim()}`));
      if (code !== 0) return reject(new PipelineError('INTERNAL', `speak.mjs failed (exit ${code}): ${err.trim()}`));
      const reply = Reply.safeParse(JSON.parse(out.trim().split('\n').pop() ?? 'null'));
      if (!reply.success) return reject(new PipelineError('INTERNAL', `speak.mjs replied ${out.trim()}`));
      const raw = fs.readFileSync(pcmFile);
      fs.rmSync(pcmFile, { force: true });
      const data = new Float32Array(raw.length >> 1);
      for (let i = 0; i < data.length; i++) data[i] = raw.readInt16LE(i * 2) / 32768;
      resolve({ sampleRate: reply.data.sampleRate, data });
    });
    child.stdin.end(JSON.stringify(u));
  });
}
