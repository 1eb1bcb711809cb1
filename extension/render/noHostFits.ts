import * as vscode from 'vscode';
import { z } from 'zod';
import { refText } from '../../runner/pipelines/registry';
import { PREVIEW_TARGET_ID } from '../../runner/targets/local';
import { needs, type Unfit } from '../../runner/targets/router';

/**
 * What a render does when no configured host can run a pipeline it needs (`bmad.render.whenNoHostFits`):
 * ask (the default), use the CPU preview without asking, or stop. A preview made in place of a tier's
 * pipeline is recorded as preview output and its badge says so: it never passes for the tier's own.
 */
export const WhenNoHostFits = z.enum(['ask', 'preview', 'stop']);
export type WhenNoHostFits = z.infer<typeof WhenNoHostFits>;

const SETTING = 'render.whenNoHostFits';
const USE_PREVIEW = 'Render with CPU Preview';
const ALWAYS = 'Always Use CPU Preview';
export const ADD_HOST = 'Add Host…';

export function whenNoHostFits(scope?: vscode.Uri): WhenNoHostFits {
  const r = WhenNoHostFits.safeParse(vscode.workspace.getConfiguration('bmad', scope).get(SETTING));
  return r.success ? r.data : 'ask';
}

/**
 * One line per pipeline no host can run: what it renders, what it needs, and why each configured host
 * cannot (the CPU preview's own "runs preview pipelines" goes without saying).
 */
export const unfitLines = (unfit: readonly Unfit[]): string[] =>
  unfit.map((u) => {
    const hosts = u.considered.filter((c) => c.target !== PREVIEW_TARGET_ID).map((c) => `${c.target} ${c.why}`);
    return `${u.manifest.kinds.join(', ')} at tier ${u.manifest.tiers.join('/')}: ${refText(u.manifest)} needs ${needs(u.manifest)}${hosts.length ? ` (${hosts.join('; ')})` : ''}`;
  });

/** The person's answer: use the preview or not, and whether they were asked (then a refusal needs no error). */
export interface NoHostFitsAnswer {
  readonly usePreview: boolean;
  readonly asked: boolean;
}

export async function decideNoHostFits(unfit: readonly Unfit[], scope: vscode.Uri, log: vscode.LogOutputChannel): Promise<NoHostFitsAnswer> {
  const setting = whenNoHostFits(scope);
  if (setting !== 'ask') {
    log.info(`no host fits; bmad.${SETTING} is "${setting}"`);
    return { usePreview: setting === 'preview', asked: false };
  }
  const n = unfit.length;
  const choice = await vscode.window.showWarningMessage(
    `No configured host can run ${n === 1 ? 'a pipeline' : `${n} pipelines`} this render needs.`,
    {
      modal: true,
      detail: `${unfitLines(unfit).join('\n')}\n\nThe CPU preview can make these nodes now as a draft. They are recorded as preview output, never as the tier's own, and their badge says so.`,
    },
    USE_PREVIEW,
    ALWAYS,
    ADD_HOST,
  );
  if (choice === ALWAYS) await vscode.workspace.getConfiguration('bmad').update(SETTING, 'preview', vscode.ConfigurationTarget.Global);
  if (choice === ADD_HOST) void vscode.commands.executeCommand('bmad.hosts.add');
  log.info(`no host fits: ${choice ?? 'cancelled'}`);
  return { usePreview: choice === USE_PREVIEW || choice === ALWAYS, asked: true };
}
