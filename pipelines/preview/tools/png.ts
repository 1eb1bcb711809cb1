import { badInput } from '../errors';

/** Width and height from a PNG's IHDR; throws BAD_INPUT for anything that is not a PNG. */
export function pngSize(png: Buffer, what: string): { width: number; height: number } {
  const sig = '89504e470d0a1a0a';
  if (png.length < 24 || png.toString('hex', 0, 8) !== sig || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw badInput(`${what} is not a PNG file`);
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
