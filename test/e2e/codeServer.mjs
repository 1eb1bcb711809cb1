// Starts and stops a real code-server (VS Code 1.100 in a browser) for the E2E tests and the studio.
// Each start is isolated: a temporary HOME (code-server writes ~/.config/code-server/config.yaml, and
// the extension host inherits HOME, so git inside tests sees our .gitconfig, not the developer's), a
// fresh user-data-dir and extensions dir. It binds to loopback only and runs without auth.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdits, modify, parse } from 'jsonc-parser';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServerBin = path.join(repoRoot, '.tools/code-server/node_modules/.bin/code-server');

/**
 * Settings that keep the trust dialog and the welcome page from covering the UI, and make this VS
 * Code behave as desktop VS Code does: the web build saves by itself a second after each change
 * (files.autoSave "afterDelay"), so Save and a dirty canvas would mean nothing.
 */
export const baseSettings = {
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * @typedef {object} CodeServer
 * @property {string} url          base URL, e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {number} pid          pid of code-server, also the id of its process group
 * @property {string} root         temporary folder holding home/, user-data/, extensions/
 * @property {string} logFile      code-server's stdout and stderr
 * @property {() => Promise<void>} stop  ends code-server and everything it started
 * @property {Promise<number>} exited       settles with the exit code when code-server ends
 */

/**
 * Adds to a settings.json the settings it does not mention at all, keeping everything else — the
 * person's own values and comments — as it is. Returns the keys it added.
 * @param {string} file
 * @param {Record<string, unknown>} settings
 */
export function addMissingSettings(file, settings) {
  let text = fs.readFileSync(file, 'utf8');
  /** @type {import('jsonc-parser').ParseError[]} */
  const errors = [];
  const current = parse(text, errors, { allowTrailingComma: true });
  if (errors.length || !current || typeof current !== 'object' || Array.isArray(current)) {
    throw new Error(`${file} is not a JSON object of settings; fix it or delete it`);
  }
  const added = Object.keys(settings).filter((k) => !(k in current));
  for (const k of added) {
    text = applyEdits(text, modify(text, [k], settings[k], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  if (added.length) fs.writeFileSync(file, text);
  return added;
}

/** Asks the OS for a free loopback port (released right away; code-server binds it a moment later). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * @param {object} [opts]
 * @param {Record<string, unknown>} [opts.settings]   merged over baseSettings into User/settings.json
 *                                                     (only when the root has none yet)
 * @param {Record<string, string>} [opts.env]         extra environment; the extension host inherits it
 * @param {string[]} [opts.extensions]               unpacked extension folders to install (copied)
 * @param {string[]} [opts.linkedExtensions]         extension folders to install as symbolic links
 * @param {string[]} [opts.enableProposedApi]        ids of extensions allowed proposed API (`enabledApiProposals`)
 * @param {string[]} [opts.vsix]                     .vsix files to install as a person would
 *                                                     (`code-server --install-extension`), before it starts
 * @param {string} [opts.folder]                       folder code-server opens by default
 * @param {string} [opts.logFile]                      where to write code-server's output
 * @param {string} [opts.root]                         keep state here instead of a new temp folder
 * @param {number} [opts.port]                         fixed port (default: a free one)
 * @param {number} [opts.healthTimeoutMs]
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(opts = {}) {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run \`bash scripts/setup.sh\``);
  }
  const ownRoot = !opts.root; // a temporary root of our own is removed again by stop()
  const root = opts.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-code-server-'));
  const home = path.join(root, 'home');
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  for (const d of [home, path.join(userDataDir, 'User'), extensionsDir]) fs.mkdirSync(d, { recursive: true });
  // Written once per root: in a kept root (the studio's) the person's own settings survive.
  const settingsFile = path.join(userDataDir, 'User/settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...baseSettings, ...opts.settings }, null, 2));
  }
  // Tests make commits and use LFS from inside the extension host, which sees this HOME.
  fs.writeFileSync(
    path.join(home, '.gitconfig'),
    [
      '[user]', '\tname = BMAD E2E', '\temail = e2e@localhost',
      '[init]', '\tdefaultBranch = main',
      '[filter "lfs"]', '\tclean = git-lfs clean -- %f', '\tsmudge = git-lfs smudge -- %f',
      '\tprocess = git-lfs filter-process', '\trequired = true', '',
    ].join('\n'),
  );

  for (const ext of opts.extensions ?? []) installUnpacked(ext, extensionsDir);
  for (const ext of opts.linkedExtensions ?? []) installUnpacked(ext, extensionsDir, { link: true });

  const port = opts.port ?? (await freePort());
  const logFile = opts.logFile ?? path.join(root, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const env = { ...process.env, HOME: home, ...opts.env };
  // XDG_* would send code-server's config and data back into the real home.
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR']) delete env[k];
  delete env.VSCODE_IPC_HOOK_CLI; // set when this runs in a VS Code terminal; would redirect commands
  for (const vsix of opts.vsix ?? []) await installVsix(vsix, { userDataDir, extensionsDir, env });
  const log = fs.openSync(logFile, 'w');

  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    // Trust is left to settings.json (not --disable-workspace-trust) so a test can turn it on.
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
  ];
  for (const id of opts.enableProposedApi ?? []) args.push('--enable-proposed-api', id);
  if (opts.folder) args.push(opts.folder);
  // detached: its own process group, so stop() also ends the file watchers and extension hosts.
  const child = spawn(codeServerBin, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${codeServerBin}`);
  const pid = child.pid;
  /** @type {number | null} */
  let exitCode = null;
  /** @type {Promise<number>} */
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    exitCode = code ?? (signal ? 128 : 1);
    resolve(exitCode);
  }));

  const stop = async () => {
    await kill(); // also when code-server itself has gone: its children may not have
    if (ownRoot) fs.rmSync(root, { recursive: true, force: true });
  };
  const kill = async () => {
    try { process.kill(-pid, 'SIGTERM'); } catch { return; }
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise((resolve) => { timer = setTimeout(() => resolve(false), 5000); }),
    ]);
    clearTimeout(timer); // a pending timer would keep the caller's process alive
    if (!killed) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    // Children that outlive the leader (watchers) are in the same group: make sure they go too.
    try { process.kill(-pid, 'SIGKILL'); } catch { /* group empty */ }
  };

  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.healthTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== null) {
      throw new Error(`code-server exited with code ${exitCode} before answering /healthz:\n${tail(logFile)}`);
    }
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return { url, port, pid, root, logFile, stop, exited };
}

/**
 * The URL of a window whose extension host loads the extension at extensionDevelopmentPath (an
 * "Extension Development Host"); with extensionTestsPath it also runs that module's run() and exits.
 * code-server has no CLI flags for these; the workbench takes them from the `payload` query parameter.
 * @param {CodeServer} server
 * Only one extensionDevelopmentPath loads (code-server's server side takes the last one given); put
 * other extensions in the extensions dir (startCodeServer's `extensions`).
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} target
 */
export function workbenchUrl(server, target) {
  const remote = (/** @type {string} */ p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  /** @type {[string, string][]} */
  const payload = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  let url = `${server.url}/?folder=${encodeURIComponent(path.resolve(target.folder))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Installs an unpacked extension the way code-server finds it at start-up: a copy in
 * <extensions-dir>/<publisher>.<name>-<version>/ (`--install-extension <folder>` does not work).
 * A copy leaves node_modules out (fine for the test-only probe); a link (code-server 4.100 follows
 * it) keeps the runtime packages the real extension loads from node_modules (ffmpeg, canvas) and
 * always shows the folder's current build, after a window reload.
 * @param {string} from folder with the extension's package.json
 * @param {string} extensionsDir
 * @param {{ link?: boolean }} [how]
 */
export function installUnpacked(from, extensionsDir, how = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'));
  const dest = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase());
  fs.rmSync(dest, { recursive: true, force: true });
  if (how.link) {
    fs.symlinkSync(path.resolve(from), dest, 'dir');
    return dest;
  }
  const skip = new Set(['node_modules', '.git', '.tools', 'test-results', '.bmad-cache']);
  fs.cpSync(from, dest, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  return dest;
}

/**
 * `code-server --install-extension x.vsix` into extensionsDir: what a person runs to install the
 * packaged extension. Rejects with code-server's output when it does not say it installed it.
 * @param {string} vsix
 * @param {{ userDataDir: string, extensionsDir: string, env: NodeJS.ProcessEnv }} where
 */
export async function installVsix(vsix, where) {
  const args = [
    '--user-data-dir', where.userDataDir, '--extensions-dir', where.extensionsDir, '--install-extension', path.resolve(vsix),
  ];
  const child = spawn(codeServerBin, args, { env: where.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${out.trim()}`);
  }
}

/** @param {string} url */
async function healthy(url) {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Last lines of a log file, for error messages. @param {string} file */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}
