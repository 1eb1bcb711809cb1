// The language-model path against a local OpenAI-compatible STAND-IN server (test/services/openaiStandin.ts)
// that replays responses written for these tests: no model runs here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batch, emptyDocument, serializeDocument, SingleOp, type BmadDocument } from '../../core';
import { breakDown, breakdownToOps } from '../../core/breakdown';
import { directorReply, type DirectorInput } from '../../runner/agent/director';
import { openAiComplete } from '../../runner/agent/openaiClient';
import { sha256Text } from '../../runner/hash';
import { startOpenAiStandin, type OpenAiStandin } from '../services/openaiStandin';

const SCRIPT = `EXT. PIER - DAY

ANNA waits by the rail.

ANNA
He is late again.

BEN
The tide turned early.
`;

function built(): BmadDocument {
  const r = batch(emptyDocument(), SingleOp.array().parse(breakdownToOps(breakDown(SCRIPT), emptyDocument(), 'script.fountain').ops));
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

describe('the @director agent against an OpenAI-compatible stand-in', () => {
  let standin: OpenAiStandin;
  const printed: string[] = [];
  const doc = built();
  const text = serializeDocument(doc);
  const canvas = { file: path.join(os.tmpdir(), 'agent-test', 'main.bmad'), text, doc };
  const id = (prefix: string) => doc.nodes.find((n) => n.label.startsWith(prefix))!.id;
  const fill = { shot2: id('Shot 02'), scene1: id('Scene 1') };
  const ask = (command: string, prompt: string, more: Partial<DirectorInput> = {}) =>
    directorReply({ command, prompt, canvas, complete: openAiComplete({ baseUrl: standin.baseUrl, model: 'stand-in-model', apiKey: 'sk-test' }), ...more });

  before(async () => {
    standin = await startOpenAiStandin((line) => printed.push(line));
  });
  after(async () => {
    await standin.close();
    console.log(`      ${printed[0]}`);
  });

  it('/shot sends the request and the canvas, and turns a valid answer into a proposal that applies', async () => {
    standin.replay(['close-up.json'], fill);
    const reply = await ask('shot', 'make shot 2 a close-up');
    const sent = standin.requests.at(-1)!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.authorization, 'Bearer sk-test');
    assert.deepEqual(sent.body.response_format, { type: 'json_object' });
    assert.equal(sent.body.model, 'stand-in-model');
    const user = sent.body.messages!.find((m) => m.role === 'user')!.content;
    assert.match(user, /The director asks: make shot 2 a close-up$/);
    assert.ok(user.includes(fill.shot2), 'the shots are in the context');
    assert.match(sent.body.messages![0]!.content, /Kind "shot".*"framing":\{"type":"string","enum":\["wide","medium","close-up"/s);
    assert.ok(reply.proposal, reply.markdown);
    assert.equal(reply.proposal.canvasSha256, sha256Text(text));
    assert.match(reply.markdown, /^Shot 2 becomes a close-up on Ben, held a little longer\.\n\n- set framing, duration of n_\w+\n- rename n_\w+ to "Shot 02 · close-up"$/);
    const applied = batch(doc, reply.proposal.ops);
    assert.ok(applied.ok);
    const shot = applied.doc.nodes.find((n) => n.id === fill.shot2)!;
    assert.deepEqual([shot.label, (shot.params as Record<string, unknown>).framing], ['Shot 02 · close-up', 'close-up']);
  });

  it('/style gets a new style node wired to a scene', async () => {
    standin.replay(['noir-style.json'], fill);
    const reply = await ask('style', 'write a film-noir style');
    assert.match(standin.requests.at(-1)!.body.messages![0]!.content, /Kind "style"/);
    const applied = batch(doc, reply.proposal!.ops);
    assert.ok(applied.ok);
    assert.ok(applied.doc.edges.some((e) => e.source === 'n_noir0001' && e.target === fill.scene1 && e.targetPort === 'style'));
  });

  it('refuses malformed answers with what is wrong and where, and proposes nothing', async () => {
    standin.replay(['malformed-op.json', 'not-json.json', 'unknown-node.json'], fill);
    const bad = await ask('shot', 'a dutch angle for shot 2');
    assert.equal(bad.proposal, undefined);
    assert.match(bad.markdown, /^Refused: the model's answer does not follow the op schema: ops\[2\]\.type: .*; nothing was applied\.$/);
    const prose = await ask('shot', 'make shot 2 a close-up');
    assert.equal(prose.proposal, undefined);
    assert.match(prose.markdown, /^Refused: the model's answer is not JSON \(.+\); nothing was applied\.$/);
    const unknown = await ask('shot', 'make shot 9 a close-up');
    assert.equal(unknown.proposal, undefined);
    assert.match(unknown.markdown, /^Refused: the model's ops do not apply to this canvas: .*n_nosuch00.*; nothing was applied\.$/);
  });

  it('says so when the endpoint fails, and asks no model at all while models are off', async () => {
    const before = standin.requests.length;
    const failed = await ask('shot', 'make shot 2 a close-up');
    assert.match(failed.markdown, /^The language model could not be asked: .*answered 503 .*stand-in: no recorded response left/);
    const off = await ask('shot', 'make shot 2 a close-up', { complete: undefined });
    assert.match(off.markdown, /^Language models are off\. Set `bmad\.agent\.provider`/);
    assert.equal(standin.requests.length, before + 1, 'only the first asked the endpoint');
  });

  it('/breakdown and /review use the rule-based engines, offline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-agent-'));
    try {
      const script = { file: path.join(dir, 'script.fountain'), text: `${SCRIPT}\nINT. BOATHOUSE - NIGHT\n\nCLEO\nNobody comes here.\n` };
      const empty = { file: path.join(dir, 'main.bmad'), text: serializeDocument(emptyDocument()), doc: emptyDocument() };
      const b = await directorReply({ command: 'breakdown', prompt: '', canvas: empty, script });
      assert.match(b.markdown, /^Breakdown of script\.fountain: \d+ to add, 0 to update/);
      const applied = batch(empty.doc, b.proposal!.ops);
      assert.ok(applied.ok);
      assert.equal(applied.doc.nodes.filter((n) => n.kind === 'scene').length, 2);
      const r = await directorReply({ command: 'review', prompt: '', canvas, script });
      assert.equal(r.markdown, 'No continuity problems found.');
      const help = await directorReply({ command: undefined, prompt: 'hello', canvas });
      assert.match(help.markdown, /^Ask me with a command: `\/breakdown`/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
