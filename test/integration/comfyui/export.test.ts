import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { ApiGraph } from '../../../runner/targets/comfyui/graphs/graph';
import { recipeFor } from '../../../runner/targets/comfyui/graphs/recipes';
import { runCli } from '../../../runner/cliMain';
import { ComfyHttp } from '../../../runner/targets/comfyui/http';
import { comfyServer, placeholderModels, removeModels, type ComfyServer } from './server';

/** `bmad export comfyui` on the example film: the printed graph is one the real ComfyUI accepts. */

const PROJECT = path.resolve(__dirname, '../../../examples/last-light-at-gull-point');
const CANVAS = JSON.parse(fs.readFileSync(path.join(PROJECT, '02_Source_Creative/main.bmad'), 'utf8')) as {
  nodes: { id: string; kind: string; params: { prompt?: string } }[];
};
const firstOf = (kind: string) => CANVAS.nodes.find((n) => n.kind === kind)!;

async function bmad(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += String(d)));
  err.on('data', (d) => (stderr += String(d)));
  const code = await runCli(args, { cwd: PROJECT, stdout: out, stderr: err, signal: new AbortController().signal });
  return { code, stdout, stderr };
}

describe('bmad export comfyui', function () {
  this.timeout(120_000);
  let server: ComfyServer;
  before(async () => {
    server = await comfyServer();
  });
  afterEach(() => removeModels(server));

  it('prints an image node\'s graph for the tier, which ComfyUI accepts with the listed models in place', async () => {
    const image = firstOf('image');
    const r = await bmad(['export', 'comfyui', 'main', '--node', image.id, '--tier', 'standard']);
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as ApiGraph;
    assert.equal(Object.values(graph).find((n) => n.class_type === 'UNETLoader')?.inputs.unet_name, 'flux1-schnell.safetensors');
    const prompt = String(Object.values(graph).find((n) => n.class_type === 'CLIPTextEncode')?.inputs.text);
    if (image.params.prompt) assert.ok(prompt.startsWith(image.params.prompt.trim()), `the node's own prompt leads: ${prompt}`);
    const models = recipeFor('image', 'standard')!.models.map((m) => `${m.folder}/${m.file}`);
    assert.match(r.stderr, new RegExp(`comfyui\\.image\\.standard \\(standard\\): needs ${models.map((m) => `models/${m}`).join(', ').replace(/[.]/g, '\\.')}`));
    placeholderModels(server, models);
    const submitted = await new ComfyHttp(server.url).submit(graph, randomUUID(), new AbortController().signal);
    assert.ok(submitted.accepted, JSON.stringify(!submitted.accepted && submitted.rejected));
  });

  it('a video node\'s graph loads the keyframe the person uploads, named on stderr', async () => {
    const video = firstOf('video');
    const r = await bmad(['export', 'comfyui', '--node', video.id, '--tier', 'high']);
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as ApiGraph;
    assert.equal(Object.values(graph).find((n) => n.class_type === 'LoadImage')?.inputs.image, 'keyframe.png');
    assert.match(r.stderr, /^upload keyframe\.png .* into ComfyUI's input folder$/m);
    const http = new ComfyHttp(server.url);
    const signal = new AbortController().signal;
    await http.upload('keyframe.png', new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../../media/example-contact-sheet.png'))), signal);
    placeholderModels(server, recipeFor('video', 'high')!.models.map((m) => `${m.folder}/${m.file}`));
    const submitted = await http.submit(graph, randomUUID(), signal);
    assert.ok(submitted.accepted, JSON.stringify(!submitted.accepted && submitted.rejected));
  });

  it('says which tiers have graphs when the node\'s has none, and refuses anything but comfyui', async () => {
    const low = await bmad(['export', 'comfyui', '--node', firstOf('video').id, '--tier', 'low']);
    assert.equal(low.code, 1);
    assert.match(low.stderr, /^bmad export: no ComfyUI graph for the video node "n_\w+" at the low tier: video nodes have ComfyUI graphs at standard, high$/m);
    const other = await bmad(['export', 'blender', '--node', 'x']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /only "comfyui" is known/);
    assert.equal(low.stdout, '', 'nothing on stdout when there is no graph');
  });
});
