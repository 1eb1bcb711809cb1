import assert from 'node:assert/strict';
import { formatBytes, parseLfsPointer } from '../../core/lfsPointer';

/** A pointer is told from real content by the spec's exact shape, never by a loose prefix match. */
describe('core: Git LFS pointer', () => {
  const OID = `sha256:${'4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'}`;
  const pointer = (body: string) => `version https://git-lfs.github.com/spec/v1\n${body}`;

  it('reads oid and size from a v1 pointer, with or without extra keys', () => {
    assert.deepEqual(parseLfsPointer(pointer(`oid ${OID}\nsize 12345\n`)), { oid: OID, size: 12345 });
    assert.deepEqual(parseLfsPointer(pointer(`ext-0-foo sha256:ab\noid ${OID}\nsize 0\n`)), { oid: OID, size: 0 });
  });

  it('is not fooled by near misses', () => {
    const cases: [string, string][] = [
      ['no trailing newline', pointer(`oid ${OID}\nsize 1`)],
      ['CRLF lines', pointer(`oid ${OID}\r\nsize 1\r\n`)],
      ['keys out of order', pointer(`size 1\noid ${OID}\n`)],
      ['size missing', pointer(`oid ${OID}\n`)],
      ['short oid', pointer('oid sha256:abc\nsize 1\n')],
      ['another hash', pointer(`oid sha1:${'a'.repeat(64)}\nsize 1\n`)],
      ['negative size', pointer(`oid ${OID}\nsize -1\n`)],
      ['another version', `version https://git-lfs.github.com/spec/v2\noid ${OID}\nsize 1\n`],
      ['a canvas', '{\n  "version": 1\n}\n'],
      ['too long to be a pointer', pointer(`oid ${OID}\nsize 1\nzz ${'x'.repeat(2000)}\n`)],
    ];
    for (const [why, text] of cases) assert.equal(parseLfsPointer(text), undefined, why);
  });

  it('sizes read as people say them', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(12_300_000), '12.3 MB');
    assert.equal(formatBytes(1_500), '1.5 kB');
  });
});
