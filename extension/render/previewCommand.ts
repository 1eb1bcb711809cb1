import path from 'node:path';
import { ORPHAN_GUARD } from '../../runner/targets/orphanGuard';
import type { PipelineCommand } from '../../runner/targets/local';

export interface HostRuntime {
  readonly execPath: string;
  /** Set when the extension host is Electron (desktop VS Code) rather than Node (code-server, web). */
  readonly electron: string | undefined;
  readonly platform: NodeJS.Platform;
}

export const hostRuntime: HostRuntime = { execPath: process.execPath, electron: process.versions.electron, platform: process.platform };

/**
 * `node <extension>/dist/preview.js <jobDir>`, run by the executable of this extension host. In
 * desktop VS Code that is Electron, which runs as plain Node only with ELECTRON_RUN_AS_NODE=1; the
 * runner passes the host's environment unchanged, so the variable is set by `env`, which execs the
 * program (same pid, so the orphan guard still sees the extension host as its parent).
 */
export function previewCommand(extensionPath: string, rt: HostRuntime = hostRuntime): PipelineCommand {
  const script = path.join(extensionPath, 'dist', 'preview.js');
  const nodeArgs = ['--import', ORPHAN_GUARD, script];
  if (!rt.electron) return { cmd: rt.execPath, args: nodeArgs };
  if (rt.platform === 'win32') return { cmd: 'node', args: nodeArgs };
  return { cmd: '/usr/bin/env', args: ['ELECTRON_RUN_AS_NODE=1', rt.execPath, ...nodeArgs] };
}
