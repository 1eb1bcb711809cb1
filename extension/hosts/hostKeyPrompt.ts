import * as vscode from 'vscode';

/**
 * Asked when an SSH host's key is not in known_hosts, or differs from the one there. The CLI refuses
 * both; here the person decides, seeing the fingerprint (to compare with `ssh-keygen -lf` on the host).
 * A changed key is said loudly: it is what a man-in-the-middle looks like.
 */
export async function askAboutHostKey(address: string, fingerprint: string, state: 'unknown' | 'changed'): Promise<boolean> {
  if (state === 'unknown') {
    const trust = 'Trust and Connect';
    const choice = await vscode.window.showWarningMessage(
      `The host ${address} is not known yet.`,
      { modal: true, detail: `Its key fingerprint is ${fingerprint}.\nCompare it with the host's own (ssh-keygen -lf on the host) before you trust it.` },
      trust,
    );
    return choice === trust;
  }
  const replace = 'Replace the Key and Connect';
  const choice = await vscode.window.showErrorMessage(
    `The key of ${address} has changed.`,
    {
      modal: true,
      detail: `It now presents ${fingerprint}, which differs from the key in known_hosts. Someone may be intercepting the connection, or the host was reinstalled. Replace the key only if you know why it changed.`,
    },
    replace,
  );
  return choice === replace;
}
