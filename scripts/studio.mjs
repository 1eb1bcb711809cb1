// Starts code-server for `npm run studio` (see studio.sh). The extension is installed as a link to
// this repository, so the window is a normal one (not an Extension Development Host) and shows the
// current build after `npm run build` and "Developer: Reload Window". Settings, open editors and
// the like are kept in .tools/studio/ between runs. BMAD_STUDIO_PORT picks the port (default 8765).
import fs from 'node:fs';
import path from 'node:path';
import { addMissingSettings, baseSettings, freePort, repoRoot, startCodeServer } from '../test/e2e/codeServer.mjs';

const project = path.join(repoRoot, '.tools/example-film');
if (!fs.existsSync(project)) {
  const example = exampleProject();
  if (example) {
    fs.cpSync(example, project, { recursive: true, filter: (src) => path.basename(src) !== '.bmad-cache' });
    console.log(`studio: new project ${path.relative(repoRoot, project)}, copied from ${path.relative(repoRoot, example)}/`);
  } else {
    fs.mkdirSync(project, { recursive: true });
    console.log(`studio: new empty project folder ${path.relative(repoRoot, project)} (no examples/ yet)`);
  }
} else {
  console.log(`studio: using ${path.relative(repoRoot, project)} (delete it to start again from examples/)`);
}

const wanted = Number(process.env.BMAD_STUDIO_PORT ?? 8765);
const port = (await portIsFree(wanted)) ? wanted : await freePort();
if (port !== wanted) console.log(`studio: port ${wanted} is taken, using ${port}`);

const root = path.join(repoRoot, '.tools/studio');
// A studio made before a setting was part of it gets that setting too; the person's own values stay.
const settingsFile = path.join(root, 'user-data/User/settings.json');
if (fs.existsSync(settingsFile)) {
  const added = addMissingSettings(settingsFile, { 'files.autoSave': baseSettings['files.autoSave'] });
  for (const k of added) console.log(`studio: ${k} added to ${path.relative(repoRoot, settingsFile)}`);
}

const server = await startCodeServer({
  root,
  port,
  folder: project,
  linkedExtensions: [repoRoot],
  logFile: path.join(repoRoot, '.tools/studio/code-server.log'),
});
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`studio: open ${server.url}/?folder=${encodeURIComponent(project)}`);
console.log(`studio: log ${path.relative(repoRoot, server.logFile)}; Ctrl+C stops it`);
const code = await server.exited;
console.log(`studio: code-server exited with code ${code}`);
process.exit(code);

/** The example film project: examples/<name>/ with a project.json, else examples/ itself, if any. */
function exampleProject() {
  const examples = path.join(repoRoot, 'examples');
  if (!fs.existsSync(examples)) return undefined;
  const dirs = fs.readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const withManifest = dirs.find((d) => fs.existsSync(path.join(examples, d, 'project.json')));
  return withManifest ? path.join(examples, withManifest) : examples;
}

/** @param {number} p */
async function portIsFree(p) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
