import path from 'node:path';
import * as vscode from 'vscode';
import { NodeNames, type BmadDocument } from '../../core';
import { LockProblem } from '../../runner/lock';
import { upstreamOf } from '../../runner/plan/plan';
import { ProjectProblem } from '../../runner/project';
import { ProjectBusy } from '../../runner/projectLock';
import { UserError } from '../../runner/errors';
import type { RenderEvent, RenderSummary } from '../../runner/render';
import { summaryLine } from '../../runner/report/reporter';
import { NoTargetFits } from '../../runner/targets/router';
import { readHosts, affectsHosts } from '../hosts/hostsConfig';
import { makeTargets } from '../hosts/probeHost';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';
import { openCanvasProject, projectRootOf } from './canvasProject';
import { previewCommand } from './previewCommand';
import { generatingSelection, renderRefusal, type Refusal } from './renderGuard';
import { ADD_HOST, decideNoHostFits, unfitLines } from './noHostFits';
import { logRenderEvent } from './renderLog';
import { RenderProgress } from './renderProgress';
import { renderReport, type RenderReport } from './renderReport';
import { RenderService } from './renderService';
import { RenderStateView } from './renderStateView';
import { StatusThread } from './statusThread';

/** What Render Canvas and Generate Node resolve with (tests read it); undefined when refused. */
export interface RenderOutcome {
  readonly ok: boolean;
  readonly cancelled: boolean;
  /** Node ids whose pipeline ran. */
  readonly ran: string[];
  readonly cached: number;
  /** What it did not make: failed, skipped for a failure, or waiting for an input nobody connected. */
  readonly failures: { node: string; label: string; state: 'failed' | 'skipped' | 'needs-input'; reason: string }[];
  /** Project-relative paths of the films the render made. */
  readonly films: string[];
}

/**
 * Rendering in the editor: Render Canvas, Generate Node (the selection, as interactive jobs) and
 * Cancel Render; a cancellable notification per render; every job in the BMAD log; each canvas's
 * node states (see RenderStateView). Renders the document's current text, saved or not.
 */
export function registerRender(context: vscode.ExtensionContext, sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const service = new RenderService(
    () => previewCommand(context.extensionUri.fsPath),
    // No hosts, no targets bundle: a render on the CPU preview alone never loads dist/targets.js.
    async () => {
      const { targets, problems } = readHosts();
      for (const p of problems) log.warn(`hosts: ${p} (skipped)`);
      return targets.length ? makeTargets(targets, context.secrets, log) : [];
    },
    (busy) => void vscode.commands.executeCommand('setContext', 'bmad.rendering', busy),
  );
  const views = new Map<CanvasSession, RenderStateView>();
  const statusThread = new StatusThread();
  const attach = (s: CanvasSession) => {
    const view = new RenderStateView(s, () => projectOf(s), log, statusThread);
    views.set(s, view);
    const closed = s.panel.onDidDispose(() => {
      closed.dispose();
      view.dispose();
      views.delete(s);
    });
  };
  const projectOf = (s: CanvasSession) => {
    if (!projectRootOf(s.uri)) return undefined;
    try {
      return openCanvasProject(s.uri);
    } catch {
      return undefined;
    }
  };

  const sessionFor = (arg: unknown): CanvasSession | undefined => {
    const s = arg instanceof vscode.Uri ? sessions.get(arg) : sessions.active;
    if (!s) void vscode.window.showWarningMessage('Open a BMAD canvas first.');
    return s;
  };

  async function run(session: CanvasSession, generate: boolean, explicit?: readonly string[]): Promise<RenderOutcome | undefined> {
    const file = vscode.workspace.asRelativePath(session.uri, false);
    const parsed = session.current();
    const refusal = renderRefusal({ trusted: vscode.workspace.isTrusted, scheme: session.uri.scheme, projectRoot: projectRootOf(session.uri), parsed: parsed.ok, file });
    if (refusal || !parsed.ok) return refuse(refusal ?? { message: `${file} has errors` });
    let nodes: string[] | undefined;
    if (generate) {
      const picked = generatingSelection(parsed.doc, explicit ?? session.selection);
      if (!picked.ok) {
        void vscode.window.showWarningMessage(`BMAD: ${picked.message}`);
        return undefined;
      }
      nodes = picked.nodes;
    }
    let cp;
    try {
      cp = openCanvasProject(session.uri);
    } catch (e) {
      return refuse({ message: (e as Error).message });
    }
    const view = views.get(session);
    const doc = parsed.doc;
    const namer = new NodeNames(doc.nodes);
    const names = nodes?.map((id) => namer.of(doc.nodes.find((n) => n.id === id)!)).join(', ');
    const controller = service.controller();
    log.info(`${generate ? `generate ${nodes!.join(', ')} in` : 'render'} ${file}${session.document.isDirty ? ' (unsaved text)' : ''}`);
    const title = generate ? `BMAD: Generating ${names}` : `BMAD: Rendering ${path.basename(file)}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const cancel = token.onCancellationRequested(() => controller.abort());
      const bar = new RenderProgress(progress, namer);
      let wanted: Set<string> | undefined;
      const onEvent = (e: RenderEvent) => {
        if (e.type === 'plan') {
          const jobs = nodes ? nodes.flatMap((id) => upstreamOf(e.plan, id)) : e.plan.jobs;
          wanted = new Set([...jobs.map((j) => j.node.id), ...(nodes ?? [])]);
          bar.expect(jobs.map((j) => j.node.id));
        }
        logRenderEvent(log, e);
        view?.onEvent(e, wanted);
        bar.onEvent(e);
      };
      view?.beginRender();
      let asked = false;
      const noHostFits = async (unfit: Parameters<typeof decideNoHostFits>[0]) => {
        const answer = await decideNoHostFits(unfit, session.uri, log);
        asked = answer.asked;
        return answer.usePreview;
      };
      try {
        const summary = await service.run({
          ...cp,
          doc,
          nodes,
          signal: controller.signal,
          onEvent,
          onWaiting: () => progress.report({ message: 'waiting for the render in progress' }),
          noHostFits,
        });
        return report(cp.project.root, doc, file, summary);
      } catch (e) {
        if (e instanceof NoTargetFits) return noHost(file, e, asked);
        const known = e instanceof ProjectProblem || e instanceof LockProblem || e instanceof ProjectBusy || e instanceof UserError;
        log.error(`render of ${file} failed: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`BMAD: ${known ? '' : 'render failed: '}${(e as Error).message}`, 'Show Log').then((c) => c && log.show());
        return undefined;
      } finally {
        cancel.dispose();
        service.release(controller);
        view?.endRender();
      }
    });
  }

  function report(root: string, doc: BmadDocument, file: string, s: RenderSummary | undefined): RenderOutcome {
    if (!s) {
      log.info(`render of ${file} cancelled before it started`);
      void vscode.window.showInformationMessage('BMAD: render cancelled.');
      return { ok: false, cancelled: true, ran: [], cached: 0, failures: [], films: [] };
    }
    const films = s.plans.flatMap((p) => p.jobs.flatMap((j) => (j.node.kind === 'output' && s.recorded.has(`${p.canvas}#${j.node.id}`) ? [['03_Renders', path.basename(p.canvas, '.bmad'), j.node.params.file].join('/')] : [])));
    const failures = s.failures.map((f) => ({ node: f.node, label: f.label, state: f.state, reason: f.reason }));
    const ran = s.ran.map((r) => r.slice(r.indexOf('#') + 1));
    log.info(`render of ${file}: ${summaryLine(s)}${films.length ? `; film: ${films.join(', ')}` : ''}`);
    tell(renderReport(s, doc, films), root);
    return { ok: s.ok, cancelled: s.cancelled, ran, cached: s.cached, failures, films };
  }

  /** A render no host could run: said once in the log; shown unless the person just chose not to go on. */
  function noHost(file: string, e: NoTargetFits, asked: boolean): RenderOutcome {
    log.warn(`render of ${file} stopped: no host fits\n  ${unfitLines(e.unfit).join('\n  ')}`);
    if (!asked) {
      void vscode.window.showErrorMessage(`BMAD: no configured host can run what ${path.basename(file)} needs at its tier (see the log).`, ADD_HOST, 'Show Log').then((c) => {
        if (c === ADD_HOST) void vscode.commands.executeCommand('bmad.hosts.add');
        else if (c === 'Show Log') log.show();
      });
    }
    return { ok: false, cancelled: asked, ran: [], cached: 0, failures: [], films: [] };
  }

  /** The end-of-render notification; its buttons open or reveal the film, or show the log. */
  function tell(r: RenderReport, root: string): void {
    const { showInformationMessage, showWarningMessage, showErrorMessage } = vscode.window;
    const show = { info: showInformationMessage, warning: showWarningMessage, error: showErrorMessage }[r.level];
    void show(r.text, ...r.actions).then((choice) => {
      const film = r.film && vscode.Uri.file(path.join(root, r.film));
      if (choice === 'Show Log') log.show();
      // vscode.open picks the editor VS Code uses for the file by default (its video player for mp4).
      else if (choice === 'Open Film' && film) void vscode.commands.executeCommand('vscode.open', film);
      else if (choice === 'Reveal in Explorer' && film) void vscode.commands.executeCommand('revealInExplorer', film);
    });
  }

  function refuse(r: Refusal): undefined {
    log.warn(`render refused: ${r.message}`);
    const action = r.fix === 'manageTrust' ? 'Manage Workspace Trust' : r.fix === 'newProject' ? 'New Film Project' : r.fix === 'openAsText' ? 'Open as Text' : undefined;
    const command = r.fix === 'manageTrust' ? 'workbench.trust.manage' : r.fix === 'newProject' ? 'bmad.newProject' : 'bmad.openAsText';
    void (action ? vscode.window.showErrorMessage(`BMAD: ${r.message}`, action) : vscode.window.showErrorMessage(`BMAD: ${r.message}`)).then((c) => c && vscode.commands.executeCommand(command));
    return undefined;
  }

  return [
    sessions.onDidOpen(attach),
    vscode.workspace.onDidChangeConfiguration((e) => affectsHosts(e) && service.hostsChanged()),
    new vscode.Disposable(() => {
      service.dispose();
      for (const v of views.values()) v.dispose();
      statusThread.dispose();
    }),
    vscode.commands.registerCommand('bmad.renderCanvas', (arg?: unknown) => {
      const s = sessionFor(arg);
      return s && run(s, false);
    }),
    /** [nodeIds]: the nodes to generate (tests, keybindings); the canvas selection otherwise. */
    vscode.commands.registerCommand('bmad.generateNode', (arg?: unknown) => {
      const explicit = Array.isArray(arg) && arg.every((x) => typeof x === 'string') ? (arg as string[]) : undefined;
      const s = sessionFor(arg instanceof vscode.Uri ? arg : undefined);
      return s && run(s, true, explicit);
    }),
    vscode.commands.registerCommand('bmad.cancelRender', () => {
      const n = service.cancelAll();
      log.info(n ? `cancel: ${n} render(s) stopping` : 'cancel: no render in progress');
      if (!n) void vscode.window.showInformationMessage('BMAD: no render in progress.');
      return n;
    }),
  ];
}
