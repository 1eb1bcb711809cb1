import { spawn } from 'node:child_process';
import { PipelineError, interrupted } from '../errors';
import { binaries } from './binaries';

/**
 * Flags that make ffmpeg's output a function of its input alone (RECIPES.md, "Byte-identical video"):
 * no encoder/muxer version strings or creation times, one thread (x264's output depends on the thread
 * count), and x264's SIMD pinned to what every x86-64 CPU has, so another machine gives the same bytes.
 */
export const BITEXACT_GLOBAL = ['-fflags', '+bitexact', '-filter_threads', '1', '-filter_complex_threads', '1'] as const;
export const BITEXACT_OUTPUT = ['-map_metadata', '-1', '-map_chapters', '-1', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-threads', '1'] as const;

/** Scaling is never left to defaults: these flags give the same pixels every run. */
export const SCALE_FLAGS = 'bicubic+accurate_rnd+full_chroma_int+bitexact';

export function h264(fps: number): string[] {
  const gop = String(Math.max(1, Math.round(fps * 2)));
  return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-g', gop, '-x264-params', 'asm=MMX2,SSE,SSE2'];
}

export const AAC = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'] as const;

export interface RunOptions {
  signal: AbortSignal;
  /** Called with the seconds of output written so far (from `-progress`). */
  onTime?: (seconds: number) => void;
  /** Raw stdout instead of progress parsing (ffprobe, or ffmpeg writing to pipe:1). */
  captureStdout?: boolean;
}

/**
 * Runs ffmpeg. On abort the child gets SIGTERM (ffmpeg then finishes the file it writes, which is why
 * every output goes to a temporary name first) and we reject only once it has exited.
 */
export function ffmpeg(args: readonly string[], opts: RunOptions): Promise<Buffer> {
  const progress = opts.captureStdout ? [] : ['-progress', 'pipe:1', '-nostats'];
  return run(binaries().ffmpeg, ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...progress, ...BITEXACT_GLOBAL, ...args], opts);
}

export function ffprobeJson(file: string, signal: AbortSignal): Promise<unknown> {
  return run(binaries().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { signal, captureStdout: true }).then((b) =>
    JSON.parse(b.toString('utf8')),
  );
}

function run(bin: string, args: string[], opts: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (opts.signal.aborted) return reject(interrupted());
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let partial = '';
    let last = -1;
    child.stdout.on('data', (d: Buffer) => {
      if (opts.captureStdout) return void out.push(d);
      partial += d.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        // Newer builds print both out_time_ms and out_time_us (both in µs): report each time once.
        const m = /^out_time_(?:ms|us)=(\d+)/.exec(l);
        if (m && opts.onTime && Number(m[1]) !== last) opts.onTime((last = Number(m[1])) / 1e6);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 20000) err += d.toString('utf8');
    });
    const onAbort = () => child.kill('SIGTERM');
    opts.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      opts.signal.removeEventListener('abort', onAbort);
      reject(new PipelineError('INTERNAL', `could not start ${bin}: ${e.message}`));
    });
    child.on('close', (code, sig) => {
      opts.signal.removeEventListener('abort', onAbort);
      if (opts.signal.aborted) return reject(interrupted());
      if (code === 0) return resolve(Buffer.concat(out));
      const name = bin.endsWith('ffprobe') ? 'ffprobe' : 'ffmpeg';
      reject(new PipelineError('INTERNAL', `${name} failed (${sig ?? `exit ${code}`}): ${err.trim().split('\n').slice(-6).join(' | ') || 'no message'}`));
    });
  });
}
