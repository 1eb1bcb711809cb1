import fs from 'node:fs';
import { PipelineError } from '../errors';

/**
 * ffmpeg and ffprobe come from npm so that a fresh `npm install` can render with no system packages.
 * Byte-identical outputs are tied to these exact builds (pinned in package.json), which is also why we
 * never fall back to an ffmpeg on PATH: a different build would silently give different bytes.
 */
let cached: { ffmpeg: string; ffprobe: string } | undefined;

export function binaries(): { ffmpeg: string; ffprobe: string } {
  if (cached) return cached;
  // Literal requires so a bundler sees them; both packages must stay external (they locate binaries by __dirname).
  const ffmpeg = modulePath('@ffmpeg-installer/ffmpeg', () => require('@ffmpeg-installer/ffmpeg'));
  const ffprobe = modulePath('ffprobe-static', () => require('ffprobe-static'));
  // Some packagers and unpackers drop the executable bit; restore it rather than fail with EACCES.
  for (const bin of [ffmpeg, ffprobe]) {
    try {
      fs.accessSync(bin, fs.constants.X_OK);
    } catch {
      try {
        fs.chmodSync(bin, 0o755);
      } catch (e) {
        throw new PipelineError('INTERNAL', `${bin} is not executable and could not be made so: ${String(e)}`);
      }
    }
  }
  return (cached = { ffmpeg, ffprobe });
}

function modulePath(name: string, load: () => unknown): string {
  let mod: unknown;
  try {
    mod = load();
  } catch (e) {
    throw new PipelineError('INTERNAL', `the npm package ${name} is missing (run npm install): ${String(e)}`);
  }
  const p = (mod as { path?: unknown }).path;
  if (typeof p !== 'string' || !fs.existsSync(p)) throw new PipelineError('INTERNAL', `${name} has no binary for ${process.platform}-${process.arch}`);
  return p;
}
