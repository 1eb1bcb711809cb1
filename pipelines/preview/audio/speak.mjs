// Speech for the preview backend: one utterance per process, spoken by eSpeak NG compiled to wasm.
//
// LICENCE: @echogarden/espeak-ng-emscripten is GPL-3.0. This file is a separate program that the
// preview pipeline spawns (`node speak.mjs <out.pcm>` with a JSON request on stdin); it is never
// bundled into the extension or the pipeline bundle, so the GPL applies to this program and the engine
// only talks to it over a pipe. Ship it beside dist/preview.js together with the npm package.
//
// Request: {"text": "...", "voice": "en-us+m3", "pitch": 0-99, "rate": 80-450}
// Output:  raw signed 16-bit little-endian mono PCM in <out.pcm>, and on stdout
//          {"sampleRate": 22050, "samples": n}. Exit 2 for a bad request (message on stderr), 1 otherwise.
//
// Determinism: eSpeak keeps state between utterances, so each process speaks exactly one; and voices
// with breath noise seed their generator from the clock, so Date.now is pinned while the worker is made.
import fs from 'node:fs';
import createModule from '@echogarden/espeak-ng-emscripten';

const DATA = '/usr/share/espeak-ng-data';

function fail(code, message) {
  process.stderr.write(message + '\n');
  process.exit(code);
}

function readRequest() {
  let req;
  try {
    req = JSON.parse(fs.readFileSync(0, 'utf8'));
  } catch (e) {
    fail(2, `request is not JSON: ${e.message}`);
  }
  const { text, voice, pitch, rate } = req ?? {};
  if (typeof text !== 'string' || !text.trim()) fail(2, 'text: expected a non-empty string');
  if (typeof voice !== 'string' || !/^[A-Za-z0-9_-]+(\+[A-Za-z0-9_-]+)?$/.test(voice)) fail(2, `voice: "${voice}" is not a voice id like en-us or en-us+m3`);
  if (!Number.isInteger(pitch) || pitch < 0 || pitch > 99) fail(2, `pitch: ${pitch} is not an integer from 0 to 99`);
  if (!Number.isInteger(rate) || rate < 80 || rate > 450) fail(2, `rate: ${rate} is not an integer from 80 to 450 words per minute`);
  return { text, voice, pitch, rate };
}

/** Every file name under a folder of the module's virtual file system, lower-cased. */
function names(FS, dir, out = new Set()) {
  for (const e of FS.readdir(dir)) {
    if (e === '.' || e === '..') continue;
    const p = `${dir}/${e}`;
    if (FS.isDir(FS.stat(p).mode)) names(FS, p, out);
    else out.add(e.toLowerCase());
  }
  return out;
}

/** eSpeak accepts unknown variants silently and falls back; we would rather say the voice is wrong. */
function checkVoice(FS, voice) {
  const [lang, variant] = voice.toLowerCase().split('+');
  if (!names(FS, `${DATA}/lang`).has(lang)) fail(2, `voice: no eSpeak language "${lang}" (try en, en-us, en-gb-x-rp, en-029, fr, de …)`);
  if (variant && !names(FS, `${DATA}/voices/!v`).has(variant)) fail(2, `voice: no eSpeak variant "${variant}" (try m1–m7, f1–f5, klatt, croak, whisper …)`);
}

const req = readRequest();
const out = process.argv[2];
if (!out) fail(2, 'usage: node speak.mjs <out.pcm> < request.json');

const m = await createModule();
checkVoice(m.FS, req.voice);
const realNow = Date.now;
let worker;
try {
  Date.now = () => 0;
  worker = new m.eSpeakNGWorker();
} finally {
  Date.now = realNow;
}
if (worker.set_voice(req.voice) !== 0) fail(2, `voice: eSpeak refused "${req.voice}"`);
worker.set_rate(req.rate);
worker.set_pitch(req.pitch);
const chunks = [];
worker.synthesize(req.text, (audio) => {
  if (audio && audio.length) chunks.push(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
  return 0;
});
const pcm = Buffer.concat(chunks);
if (pcm.length === 0) fail(1, 'eSpeak produced no audio');
fs.writeFileSync(out, pcm);
process.stdout.write(JSON.stringify({ sampleRate: worker.get_samplerate(), samples: pcm.length / 2 }) + '\n');
