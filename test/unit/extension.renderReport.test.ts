import assert from 'node:assert/strict';
import { emptyDocument, insert, makeNode, type BmadNode } from '../../core';
import { renderReport } from '../../extension/render/renderReport';
import type { NodeFailure, RenderSummary } from '../../runner/render';

/** The notification a render ends with: short, by label, film buttons, needs-input apart from failures. */
describe('extension: the render-done message', () => {
  const node = (id: string, kind: BmadNode['kind'], label: string): BmadNode => ({ ...makeNode(kind, { x: 0, y: 0 }, label), id });
  const r = insert(emptyDocument(), [node('img', 'image', 'Keyframe'), node('vid', 'video', 'Clip'), node('vid2', 'video', 'Clip'), node('out', 'output', 'Film')], []);
  assert.ok(r.ok);
  const doc = r.doc;
  const summary = (o: Partial<RenderSummary>): RenderSummary =>
    ({ ok: true, cancelled: false, ran: [], cached: 0, failures: [], plans: [], lockChanged: false, interrupted: 0, recorded: new Map(), ...o }) as RenderSummary;
  const failure = (node: string, state: NodeFailure['state'], reason: string): NodeFailure => ({ canvas: 'main.bmad', node, kind: 'video', label: 'Clip', state, reason });

  it('a finished film: a short information message with Open Film and Reveal in Explorer', () => {
    const m = renderReport(summary({ ran: ['main.bmad#img', 'main.bmad#out'], cached: 2 }), doc, ['03_Renders/main/film.mp4']);
    assert.deepEqual(m, { level: 'info', text: 'BMAD: film.mp4 is ready.', actions: ['Open Film', 'Reveal in Explorer'], film: '03_Renders/main/film.mp4' });
  });

  it('no film: says what was rendered, by label (ids only for a shared label)', () => {
    const m = renderReport(summary({ ran: ['main.bmad#img', 'main.bmad#vid'], cached: 1 }), doc, []);
    assert.deepEqual(m, { level: 'info', text: 'BMAD: rendered "Keyframe" and "Clip" (vid) (1 cached).', actions: [] });
    assert.equal(renderReport(summary({ cached: 3 }), doc, []).text, 'BMAD: everything was up to date (3 cached).');
  });

  it('names what was rendered in the canvas order, whatever order the jobs finished in', () => {
    for (const ran of [['main.bmad#img', 'main.bmad#vid'], ['main.bmad#vid', 'main.bmad#img']]) {
      assert.equal(renderReport(summary({ ran }), doc, []).text, 'BMAD: rendered "Keyframe" and "Clip" (vid).');
    }
  });

  it('a failure is an error naming the node by label, with the log, counting the rest apart', () => {
    const m = renderReport(
      summary({ ok: false, failures: [failure('vid2', 'needs-input', 'no keyframe'), failure('img', 'failed', 'BAD_PARAMS: steps'), failure('out', 'skipped', 'upstream failed')] }),
      doc,
      [],
    );
    assert.deepEqual(m, { level: 'error', text: 'BMAD: "Keyframe" failed: BAD_PARAMS: steps (1 other failure, 1 node needs input: see the BMAD log)', actions: ['Show Log'] });
  });

  it('nodes that need input are a warning, not a failure, and say which input; a film still gets its buttons', () => {
    const failures = [
      failure('vid', 'needs-input', 'Keyframe: connect an image node to it'),
      failure('out', 'needs-input', 'waits for "Clip" (vid) (Keyframe)'),
    ];
    const m = renderReport(summary({ ok: false, ran: ['main.bmad#img'], failures }), doc, []);
    assert.equal(m.level, 'warning');
    assert.equal(m.text, 'BMAD: rendered "Keyframe"; "Clip" (vid) needs input — Keyframe: connect an image node to it; 1 more needs input.');
    assert.deepEqual(m.actions, ['Show Log']);
    const withFilm = renderReport(summary({ ok: false, failures: failures.slice(0, 1) }), doc, ['03_Renders/main/film.mp4']);
    assert.deepEqual(withFilm.actions, ['Open Film', 'Reveal in Explorer', 'Show Log']);
    assert.match(withFilm.text, /^BMAD: film\.mp4 is ready; "Clip" \(vid\) needs input — Keyframe/);
    const only = renderReport(summary({ ok: false, failures: failures.slice(0, 1) }), doc, []);
    assert.equal(only.text, 'BMAD: nothing was rendered; "Clip" (vid) needs input — Keyframe: connect an image node to it.');
  });

  it('a cancelled render says what is kept, with no buttons', () => {
    assert.deepEqual(renderReport(summary({ ok: false, cancelled: true, ran: ['main.bmad#img'] }), doc, []), { level: 'info', text: 'BMAD: render cancelled; 1 finished job(s) are kept.', actions: [] });
  });
});
