import path from 'node:path';
import type { BmadLauncher } from '../runner/git/gitDrivers';
import { hostRuntime, type HostRuntime } from './render/previewCommand';

/**
 * How git, from any shell, starts the `bmad` CLI this extension ships (dist/cli.js): with the
 * extension host's own executable, as the preview pipelines are started. Desktop VS Code's is
 * Electron, which runs a script as Node only with ELECTRON_RUN_AS_NODE=1, set through `env`.
 * The path names this version's folder: an update moves it, and install-git must run again.
 */
export function cliLauncher(extensionPath: string, rt: HostRuntime = hostRuntime): BmadLauncher {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  if (!rt.electron) return { argv: [rt.execPath, cli] };
  if (rt.platform === 'win32') return { argv: ['node', cli] };
  return { argv: ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', rt.execPath, cli] };
}
