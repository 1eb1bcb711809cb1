import os from 'node:os';
import { simpleGit } from 'simple-git';
import * as vscode from 'vscode';
import { CollabUser } from '../../core';

/**
 * The name the other peers see. VS Code has no API for the user's name, so: the project's git
 * `user.name` (what this person's commits carry), else the OS user name, else "Someone".
 */
export async function collabUser(canvas: vscode.Uri): Promise<CollabUser> {
  const folder = vscode.workspace.getWorkspaceFolder(canvas)?.uri.fsPath;
  let name: string | null = null;
  if (folder) {
    try {
      name = (await simpleGit({ baseDir: folder }).getConfig('user.name')).value;
    } catch {
      // Not a git folder, or no git: the OS user name will do.
    }
  }
  for (const candidate of [name, osUser(), 'Someone']) {
    const r = CollabUser.safeParse({ name: candidate?.slice(0, 100) });
    if (r.success) return r.data;
  }
  return { name: 'Someone' };
}

function osUser(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}
