import assert from 'node:assert/strict';
import { collabLink, parseCollabLink, signallingOrigins, SignallingUrls } from '../../core';
import { canvasCsp } from '../../extension/webviewCsp';

describe('collaboration links and signalling settings', () => {
  it('a link made by Start reads back, also with the spaces and quotes chat adds', () => {
    const invite = { room: 'hZ-3pbQw8aLm_xY1', password: 'p4ssw0rd-p4ssw0rd_long' };
    assert.deepEqual(parseCollabLink(collabLink(invite)), { ok: true, invite });
    assert.deepEqual(parseCollabLink(`  "${collabLink(invite)}" `), { ok: true, invite });
  });

  it('a wrong link says what is wrong with it', () => {
    assert.deepEqual(parseCollabLink('https://example.com/x'), { ok: false, message: 'a session link starts with "bmad-collab:"' });
    assert.deepEqual(parseCollabLink('bmad-collab:roomroomroom'), { ok: false, message: 'a session link is bmad-collab:<room>#<password>' });
    const short = parseCollabLink('bmad-collab:roomroomroom#abc');
    assert.equal(short.ok, false);
    assert.match(short.ok ? '' : short.message, /^the link's password: expected 8–128 letters/);
  });

  it('signalling URLs must be ws:// or wss://, and name the entry that is not', () => {
    assert.ok(SignallingUrls.safeParse(['ws://127.0.0.1:4444', 'wss://signal.example.org/path']).success);
    const r = SignallingUrls.safeParse(['ws://127.0.0.1:4444', 'https://signal.example.org']);
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues.map((i) => [i.path, i.message]), [[[1], 'expected a ws:// or wss:// URL']]);
  });

  it("the canvas's CSP connects to exactly the configured signalling origins, and nowhere without any", () => {
    const origins = signallingOrigins(['wss://b.example.org/room', 'ws://127.0.0.1:4444', 'ws://127.0.0.1:4444/other']);
    assert.deepEqual(origins, ['ws://127.0.0.1:4444', 'wss://b.example.org']);
    assert.match(canvasCsp('n', 'src', origins), /; connect-src ws:\/\/127\.0\.0\.1:4444 wss:\/\/b\.example\.org$/);
    assert.doesNotMatch(canvasCsp('n', 'src'), /connect-src/);
  });
});
