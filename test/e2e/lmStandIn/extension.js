// Test-only STAND-IN for a VS Code language model (no model runs here): registers, through the
// proposed `chatProvider` API (code-server is started with `--enable-proposed-api` for this
// extension), a chat model that replays recorded responses — the OpenAI chat completions in
// test/fixtures/agent/ that the OpenAI-compatible stand-in replays too — one per request, in order.
// It offers a model only between `bmadE2E.lmStandIn.replay` and `bmadE2E.lmStandIn.stop`, so the
// other tests see a VS Code with no language model, as code-server without Copilot is.
// VS Code 1.100 shows the Chat view only once a default chat participant (Copilot Chat's, normally)
// is registered; the first replay registers a STAND-IN one (proposal `defaultChatParticipant`), so
// `@director` can be asked in the real Chat view.
const vscode = require('vscode');

const NAME = 'BMAD STAND-IN model (replays recorded responses)';

exports.activate = (context) => {
  /** @type {string[]} */
  const queue = [];
  /** @type {string[][]} what each request sent: the text of its messages */
  let requests = [];
  /** @type {vscode.Disposable | undefined} */
  let provider;
  const out = vscode.window.createOutputChannel('BMAD E2E language model STAND-IN');

  const register = () => vscode.lm.registerChatModelProvider('replay', {
    async provideLanguageModelResponse(messages, _options, extensionId, progress) {
      requests.push(messages.map((m) => m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')));
      const next = queue.shift();
      if (next === undefined) throw new Error('stand-in: no recorded response left');
      out.appendLine(`STAND-IN language model: replayed a recorded response to ${extensionId}`);
      // Two parts, so the caller has to put a streamed answer together.
      const cut = Math.ceil(next.length / 2);
      progress.report({ index: 0, part: new vscode.LanguageModelTextPart(next.slice(0, cut)) });
      progress.report({ index: 0, part: new vscode.LanguageModelTextPart(next.slice(cut)) });
    },
    async provideTokenCount(text) {
      return Math.ceil((typeof text === 'string' ? text.length : 0) / 4);
    },
  }, {
    vendor: 'bmad-stand-in', name: NAME, family: 'stand-in', version: '0', maxInputTokens: 100000, maxOutputTokens: 10000,
    isUserSelectable: true, isDefault: true,
  });

  /** @type {vscode.Disposable | undefined} */
  let chat;
  const defaultParticipant = () => vscode.chat.createChatParticipant('bmadE2E.standInDefault', (_request, _context, stream) => {
    stream.markdown('STAND-IN default participant (no model runs here): ask `@director`.');
  });

  context.subscriptions.push(out, { dispose: () => provider?.dispose() }, { dispose: () => chat?.dispose() },
    /** Offers the model (if it is not offered yet) and queues the content of recorded chat completions. */
    vscode.commands.registerCommand('bmadE2E.lmStandIn.replay', (/** @type {string[]} */ completions) => {
      for (const text of completions) queue.push(JSON.parse(text).choices[0].message.content);
      provider ??= register();
      chat ??= defaultParticipant();
      return NAME;
    }),
    /** Withdraws the model; returns what it was asked and how many responses were left unread. */
    vscode.commands.registerCommand('bmadE2E.lmStandIn.stop', () => {
      provider?.dispose();
      provider = undefined;
      const report = { requests, unread: queue.length };
      queue.length = 0;
      requests = [];
      return report;
    }));
};
