// Writes a large canvas for the collaboration E2E (plain .mjs, so it runs this with tsx): the benchmark's
// grid of n legal nodes (bench/canvas/gridCanvas.ts), either as a canonical .bmad file or as what the
// canvas puts on the clipboard when those nodes are copied (`{ nodes, edges }`), shifted right by dx.
// An out of `-` writes to stdout.
//
//   tsx test/e2e/collab/gridCanvasFile.ts canvas <n> <out.bmad>
//   tsx test/e2e/collab/gridCanvasFile.ts clipboard <n> <out.json> <dx>
import fs from 'node:fs';
import { z } from 'zod';
import { gridCanvas } from '../../../bench/canvas/gridCanvas';
import { serializeDocument } from '../../../core/serialize';

const Args = z.union([
  z.tuple([z.literal('canvas'), z.coerce.number().int().positive(), z.string().min(1)]),
  z.tuple([z.literal('clipboard'), z.coerce.number().int().positive(), z.string().min(1), z.coerce.number().int()]),
]);

const parsed = Args.safeParse(process.argv.slice(2));
if (!parsed.success) {
  console.error(`usage: gridCanvasFile.ts canvas <n> <out> | clipboard <n> <out> <dx>\n${parsed.error.message}`);
  process.exit(2);
}
const [mode, n, out, dx] = parsed.data;
const doc = gridCanvas(n);
const shifted = doc.nodes.map((node) => ({ ...node, position: { x: node.position.x + (dx ?? 0), y: node.position.y } }));
const text = mode === 'canvas' ? serializeDocument(doc) : JSON.stringify({ nodes: shifted, edges: doc.edges });
if (out === '-') process.stdout.write(text);
else fs.writeFileSync(out, text);
