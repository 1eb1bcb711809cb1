import * as vscode from 'vscode';
import { SignallingUrls } from '../../core';

export const SIGNALLING_SETTING = 'bmad.collaboration.signallingUrls';

/** The configured signalling servers; a wrong value counts as none (and says so in `problem`). */
export function signallingSettings(): { urls: string[]; problem?: string } {
  const raw = vscode.workspace.getConfiguration('bmad.collaboration').get<unknown>('signallingUrls', []);
  const r = SignallingUrls.safeParse(raw);
  if (r.success) return { urls: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `[${issue.path.join('.')}]` : '';
  return { urls: [], problem: `${SIGNALLING_SETTING}${where}: ${issue?.message ?? 'not valid'}` };
}

export const signallingUrls = (): string[] => signallingSettings().urls;
