/**
 * A Git LFS pointer: what a checkout holds in place of a file whose content was never pulled.
 * Spec: https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md — `key value\n` lines, `version`
 * first and compared as a plain string, the other keys in ascending order, `oid` and `size` required.
 */

export interface LfsPointer {
  readonly oid: string;
  readonly size: number;
}

const VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';
/** The spec asks pointers to stay small; anything larger is real content, whatever it starts with. */
const MAX_POINTER_BYTES = 1024;
const LINE = /^([a-z0-9.-]+) ([^\r\n]*)$/;
const OID = /^sha256:[0-9a-f]{64}$/;
const SIZE = /^(0|[1-9][0-9]*)$/;

/** The pointer this text is, or undefined when it is anything else (a real file, JSON, a near miss). */
export function parseLfsPointer(text: string): LfsPointer | undefined {
  if (text.length > MAX_POINTER_BYTES || !text.endsWith('\n')) return undefined;
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== VERSION_LINE) return undefined;
  const values = new Map<string, string>();
  let previous = '';
  for (const line of lines.slice(1)) {
    const m = LINE.exec(line);
    const [key, value] = m ? [m[1] ?? '', m[2] ?? ''] : ['', ''];
    if (!m || key <= previous || key === 'version') return undefined;
    previous = key;
    values.set(key, value);
  }
  const oid = values.get('oid');
  const size = values.get('size');
  if (!oid || !OID.test(oid) || !size || !SIZE.test(size)) return undefined;
  const bytes = Number(size);
  return Number.isSafeInteger(bytes) ? { oid, size: bytes } : undefined;
}

/** The start of a file is enough to decide: a pointer is never longer than this. */
export const LFS_POINTER_PROBE_BYTES = MAX_POINTER_BYTES + 1;

/** "12.3 MB", "512 B": sizes as the Problems view and the canvas show them (decimal units, like git-lfs). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
