import * as vscode from 'vscode';
import { DirectorProposal } from '../../runner/agent/director';
import { applyProposal } from '../script/applyProposal';
import type { SessionRegistry } from '../sessionRegistry';
import { registerSetApiKey } from './agentSettings';
import { APPLY_COMMAND, registerDirector } from './directorParticipant';

/** The language-model path: the API key command, `@director`, and applying what it proposes. */
export function registerAgent(context: vscode.ExtensionContext, sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerSetApiKey(context.secrets),
    ...registerDirector(sessions, context.secrets, context.extensionUri),
    vscode.commands.registerCommand(APPLY_COMMAND, async (uri: unknown, raw: unknown): Promise<boolean> => {
      const proposal = DirectorProposal.safeParse(raw);
      if (!(uri instanceof vscode.Uri) || !proposal.success) return false;
      const r = await applyProposal(sessions, uri, proposal.data);
      if (!r.ok) {
        log.warn(`@director proposal not applied: ${r.message}`);
        void vscode.window.showErrorMessage(`BMAD: not applied: ${r.message}`);
      }
      return r.ok;
    }),
  ];
}
