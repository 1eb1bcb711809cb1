import * as vscode from 'vscode';
import { AgentError, openAiComplete, type ChatMessage, type Complete } from '../../runner/agent/openaiClient';
import { agentSettings, API_KEY_SECRET } from './agentSettings';

/** A VS Code language model as a Complete; it has no system role, so the instructions go first as the user's. */
function vscodeLmComplete(model: vscode.LanguageModelChat, token: vscode.CancellationToken): Complete {
  return async (messages: readonly ChatMessage[]) => {
    const lm = messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
    try {
      const response = await model.sendRequest(lm, { justification: 'BMAD proposes canvas edits as ops for you to review.' }, token);
      let text = '';
      for await (const part of response.text) text += part;
      return text;
    } catch (e) {
      throw new AgentError(e instanceof vscode.LanguageModelError ? `${model.name}: ${e.message} (${e.code})` : (e as Error).message);
    }
  };
}

/**
 * How to ask a model, as the settings say: undefined while `off`; the chat's own model (or the first
 * one VS Code offers) for `vscode-lm`; the OpenAI-compatible endpoint, with its key, for `openai`.
 */
export async function modelFor(secrets: vscode.SecretStorage, chatModel: vscode.LanguageModelChat | undefined, token: vscode.CancellationToken): Promise<Complete | undefined> {
  const s = agentSettings();
  if (s.provider === 'off') return undefined;
  if (s.provider === 'vscode-lm') {
    const model = chatModel ?? (await vscode.lm.selectChatModels())[0];
    if (!model) throw new AgentError('no VS Code language model is available: install or sign in to a provider, or use `openai`');
    return vscodeLmComplete(model, token);
  }
  if (!s.baseUrl || !s.model) throw new AgentError('set `bmad.agent.openai.baseUrl` and `bmad.agent.openai.model` to use an OpenAI-compatible endpoint');
  return openAiComplete({ baseUrl: s.baseUrl, model: s.model, apiKey: await secrets.get(API_KEY_SECRET) });
}
