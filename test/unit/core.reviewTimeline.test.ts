// A proposal's review following the canvas's undo and redo: an editor is simulated by its undo stack
// of canonical texts (what VS Code's undo and redo of a custom text editor give back, byte for byte).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { applyOp, emptyDocument, parseDocument, serializeDocument, type BmadDocument, type SingleOp } from '../../core';
import {
  acceptIn, acceptWritten, breakDown, breakdownToOps, rejectIn, startTimeline, timelineAt, touchedIds, undecided,
  Proposal, type ProposalPick, type ReviewTimeline,
} from '../../core/breakdown';

const SCRIPT = fs.readFileSync(path.resolve(__dirname, '../../examples/last-light-at-gull-point/02_Source_Creative/script.fountain'), 'utf8');
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** A canvas with VS Code's undo model: a stack of texts, a new edit drops what could be redone. */
class Editor {
  private texts = [serializeDocument(emptyDocument())];
  private at = 0;
  get text(): string {
    return this.texts[this.at]!;
  }
  get doc(): BmadDocument {
    const r = parseDocument(this.text);
    assert.ok(r.ok);
    return r.doc;
  }
  edit(ops: SingleOp[]): void {
    const r = applyOp(this.doc, { type: 'batch', ops });
    assert.ok(r.ok, r.ok ? '' : r.message);
    this.texts = [...this.texts.slice(0, this.at + 1), serializeDocument(r.doc)];
    this.at++;
  }
  undo(): void {
    assert.ok(this.at > 0, 'nothing to undo');
    this.at--;
  }
  redo(): void {
    assert.ok(this.at < this.texts.length - 1, 'nothing to redo');
    this.at++;
  }
}

/** The review with the proposal of the example script, on an empty canvas. */
function start() {
  const editor = new Editor();
  const r = breakdownToOps(breakDown(SCRIPT), editor.doc, 'script.fountain');
  const proposal = Proposal.parse({
    version: 1, by: 'bmad breakdown', canvas: 'main.bmad', canvasSha256: sha(editor.text), script: 'script.fountain',
    scriptSha256: '1'.repeat(64), summary: r.summary, changes: r.changes, ops: r.ops,
  });
  let timeline = startTimeline(proposal);
  const sceneIds = proposal.changes.filter((c) => c.kind === 'scene').map((c) => c.id);
  return {
    editor, proposal, sceneIds,
    get timeline(): ReviewTimeline {
      return timeline;
    },
    /** What the extension does on Accept: one edit, then the text it wrote is recorded. */
    accept(pick: ProposalPick): void {
      const a = acceptIn(timeline, editor.doc, pick, sha(editor.text));
      editor.edit(a.picked);
      timeline = acceptWritten(a.timeline, sha(editor.text));
    },
    reject(pick: ProposalPick): void {
      timeline = rejectIn(timeline, editor.doc, pick);
    },
    /** What the extension does on any change of the text: the review follows it. */
    follow(): Proposal {
      timeline = timelineAt(timeline, sha(editor.text));
      return undecided(timeline);
    },
  };
}

const only = (id: string): ProposalPick => ({ nodes: [id], edges: [] });
const nodeIds = (doc: BmadDocument) => doc.nodes.map((n) => n.id).sort();
/** What the canvas would be with every undecided op applied: the preview the review shows. */
function preview(doc: BmadDocument, p: Proposal): BmadDocument {
  const r = applyOp(doc, { type: 'batch', ops: p.ops as SingleOp[] });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.doc;
}

describe('core/breakdown: a review follows undo and redo of its accepts', () => {
  it('undo puts an accepted scene back into the proposal, redo takes it out again, any number of times', () => {
    const s = start();
    const scene = s.sceneIds[0]!;
    const all = s.proposal.summary.added;
    s.accept(only(scene));
    const whole = nodeIds(preview(s.editor.doc, s.follow()));
    for (let round = 0; round < 3; round++) {
      s.editor.undo();
      let left = s.follow();
      assert.equal(left.summary.added, all, `round ${round}: undone, the scene is proposed again`);
      assert.ok(touchedIds(left.ops as SingleOp[]).has(scene));
      assert.ok(!s.editor.doc.nodes.some((n) => n.id === scene));
      assert.deepEqual(nodeIds(preview(s.editor.doc, left)), whole, 'the preview is the same canvas');
      s.editor.redo();
      left = s.follow();
      assert.equal(left.summary.added, all - 1, `round ${round}: redone, the scene left the proposal`);
      assert.ok(!touchedIds(left.ops as SingleOp[]).has(scene));
      assert.ok(s.editor.doc.nodes.some((n) => n.id === scene));
      assert.deepEqual(nodeIds(preview(s.editor.doc, left)), whole, 'what is left still applies over the redone accept');
    }
  });

  it('several accepts with an unrelated edit between them: undo all and redo all land on the same states', () => {
    const s = start();
    const [a, b] = s.sceneIds;
    s.accept(only(a!));
    s.editor.edit([{ type: 'move', moves: [{ id: a!, x: 900, y: 40 }] }]);
    assert.equal(s.follow().summary.added, s.proposal.summary.added - 1, 'an unrelated edit leaves the review as it was');
    s.accept(only(b!));
    const counts = () => s.follow().summary.added;
    const seen = [counts()];
    for (let k = 0; k < 3; k++) {
      s.editor.undo();
      seen.push(counts());
    }
    for (let k = 0; k < 3; k++) {
      s.editor.redo();
      seen.push(counts());
    }
    const n = s.proposal.summary.added;
    assert.deepEqual(seen, [n - 2, n - 1, n - 1, n, n - 1, n - 1, n - 2]);
  });

  it('accepting all of it leaves nothing undecided, and an undo brings all of it back', () => {
    const s = start();
    const everything = [...touchedIds(s.proposal.ops as SingleOp[])];
    s.accept({ nodes: everything, edges: everything });
    assert.equal(s.follow().ops.length, 0);
    s.editor.undo();
    assert.deepEqual(s.follow().ops, s.proposal.ops);
    s.editor.redo();
    assert.equal(s.follow().ops.length, 0);
  });

  it('a new accept after an undo ends the redo history of the one undone', () => {
    const s = start();
    const [a, b] = s.sceneIds;
    s.accept(only(a!));
    const redoneText = s.editor.text;
    s.editor.undo();
    s.follow();
    s.accept(only(b!));
    assert.equal(s.timeline.steps.length, 1);
    const left = timelineAt(s.timeline, sha(redoneText));
    assert.equal(left, s.timeline, 'the text of the dropped accept is no state any more');
    assert.ok(touchedIds(undecided(left).ops as SingleOp[]).has(a!), 'the scene undone is still proposed');
  });

  it('a rejection is no edit: undo and redo of an accept do not bring the rejected nodes back', () => {
    const s = start();
    const [a, b] = s.sceneIds;
    s.accept(only(a!));
    s.editor.undo();
    s.follow();
    s.reject(only(b!));
    assert.ok(!touchedIds(s.follow().ops as SingleOp[]).has(b!));
    s.editor.redo();
    let left = s.follow();
    assert.equal(left.summary.added, s.proposal.summary.added - 2, 'redone: the accepted and the rejected scene are both gone');
    assert.ok(!touchedIds(left.ops as SingleOp[]).has(b!));
    s.editor.undo();
    left = s.follow();
    assert.ok(touchedIds(left.ops as SingleOp[]).has(a!) && !touchedIds(left.ops as SingleOp[]).has(b!));
    preview(s.editor.doc, left);
  });
});
