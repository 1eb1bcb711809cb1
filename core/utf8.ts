import type { LocatedIssue } from './issues';
import { LineIndex } from './lineIndex';

/**
 * A .bmad file is UTF-8. A lenient decoder turns every byte that is not into U+FFFD, and the next save
 * writes U+FFFD back: the original bytes are gone. So bytes are decoded strictly, and a file that is
 * not UTF-8 is refused at its first bad byte, located as VS Code shows that place (where it draws
 * the U+FFFD). A byte order mark is dropped, as VS Code does.
 */
export type Decoded = { ok: true; text: string } | { ok: false; issue: LocatedIssue };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, issue: notUtf8(bytes) };
  }
}

function notUtf8(bytes: Uint8Array): LocatedIssue {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const message = 'not valid UTF-8: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8';
    return { path: [], message, line: 1, column: 1 };
  }
  const bad = Math.max(0, firstInvalidByte(bytes));
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const hex = bytes[bad]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
  return {
    path: [],
    message:
      `not valid UTF-8 (byte 0x${hex}): a .bmad file is UTF-8; if it was saved in another encoding, ` +
      'reopen it with that encoding and save it as UTF-8',
    ...new LineIndex(before).at(before.length),
  };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15, table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when every byte is fine.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}
