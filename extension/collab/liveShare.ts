import * as vscode from 'vscode';
import { presenceColour } from '../../core';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';
import { PresenceRelay, type RelayChannel } from './presenceRelay';
import { collabUser } from './userName';

/**
 * Live Share. Editing needs nothing from here: a guest's canvas opens on the shared `vsls:` document
 * and writes it through the same TextDocument edits as any canvas (readOnly.ts leaves it writable
 * unless Live Share's file system is read-only), and Live Share carries the text. Presence goes
 * through a shared service, `bmadPresence` (host: shareService, guest: getSharedService), relayed by
 * presenceRelay.ts. When Live Share does not grant this extension its API or the service, the canvas
 * works as ever and says so once.
 *
 * The Live Share API is reached through the extension's exports, typed below as the `vsls` package
 * (1.0.4753) declares them, rather than through that package: it would bring
 * @microsoft/servicehub-framework into the bundle for ten lines that do exactly this.
 * UNTESTED against the real service: Live Share cannot run here (no account, no service).
 */

const LIVE_SHARE = 'ms-vsliveshare.vsliveshare';
const API_VERSION = '1.0.4753';
const SERVICE = 'bmadPresence';
const UNAVAILABLE = 'Live Share: presence is not available for this extension';
/** vsls Role. */
const HOST = 1;
const GUEST = 2;

interface LiveSharePeer {
  readonly peerNumber: number;
  readonly role: number;
  readonly user: { readonly displayName: string } | null;
}
interface LiveShareService extends RelayChannel {
  readonly isServiceAvailable: boolean;
  readonly onDidChangeIsServiceAvailable: vscode.Event<boolean>;
}
interface LiveShareApi {
  readonly session: LiveSharePeer & { readonly id: string | null };
  readonly onDidChangeSession: vscode.Event<unknown>;
  readonly onDidChangePeers: vscode.Event<{ readonly added: readonly LiveSharePeer[]; readonly removed: readonly LiveSharePeer[] }>;
  shareService(name: string): Promise<LiveShareService | null>;
  unshareService(name: string): Promise<void>;
  getSharedService(name: string): Promise<LiveShareService | null>;
}
interface LiveShareExports {
  getApi(version: string, callingExtensionId?: string): Promise<LiveShareApi | null>;
}

/** A canvas's name in the session: its path in the (shared) workspace, the same for host and guests. */
const canvasKey = (s: CanvasSession): string => vscode.workspace.asRelativePath(s.uri, false);

export function registerLiveShare(extensionId: string, sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
  const extension = vscode.extensions.getExtension<LiveShareExports>(LIVE_SHARE);
  // Without Live Share there is nothing to relay; it is looked for once, when the first canvas opens.
  if (!extension) return new vscode.Disposable(() => undefined);
  const presence = new LiveSharePresence(extension, extensionId, sessions, log);
  return presence;
}

class LiveSharePresence implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private readonly canvasSubs = new Map<CanvasSession, vscode.Disposable[]>();
  private api: Promise<LiveShareApi | null> | undefined;
  private relay: { relay: PresenceRelay; role: number; colour: string; name?: string; sub: vscode.Disposable; end: () => void } | undefined;
  private told = false;
  /** Session changes are handled one after another: each awaits Live Share. */
  private changing: Promise<void> = Promise.resolve();

  constructor(
    private readonly extension: vscode.Extension<LiveShareExports>,
    private readonly extensionId: string,
    private readonly sessions: SessionRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(sessions.onDidOpen((s) => void this.opened(s)));
  }

  private async opened(s: CanvasSession): Promise<void> {
    const api = await (this.api ??= this.connect());
    if (!api) {
      // Only a guest knows it is in a Live Share session without the API (its canvas is on vsls:).
      if (s.uri.scheme === 'vsls') this.tell('the Live Share API was not granted');
      return;
    }
    const subs = [
      s.onDidReceive((m) => {
        if (m.type === 'ready') void this.offer(s);
        if (m.type === 'presence') this.relay?.relay.local(canvasKey(s), m.state);
      }),
      s.panel.onDidDispose(() => {
        this.relay?.relay.local(canvasKey(s), null);
        for (const d of this.canvasSubs.get(s) ?? []) d.dispose();
        this.canvasSubs.delete(s);
      }),
    ];
    this.canvasSubs.set(s, subs);
    // Its `ready` may have come while the API was being fetched; an offer to a page still loading is repeated at ready.
    void this.offer(s);
  }

  private async connect(): Promise<LiveShareApi | null> {
    try {
      const exports = this.extension.isActive ? this.extension.exports : await this.extension.activate();
      const api = (await exports?.getApi(API_VERSION, this.extensionId)) ?? null;
      if (!api) {
        this.log.info(`${UNAVAILABLE}: Live Share returned no API`);
        return null;
      }
      this.subs.push(
        api.onDidChangeSession(() => void this.sessionChanged(api)),
        api.onDidChangePeers((e) => {
          for (const p of e.removed) this.relay?.relay.peerLeft(p.peerNumber);
          if (e.added.length) this.relay?.relay.peerJoined();
        }),
      );
      await this.sessionChanged(api);
      return api;
    } catch (e) {
      this.log.warn(`Live Share: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  /** A Live Share session started, ended, or this person's role in it changed. */
  private sessionChanged(api: LiveShareApi): Promise<void> {
    this.changing = this.changing.then(() => this.follow(api)).catch((e: unknown) => this.log.warn(`Live Share: ${String(e)}`));
    return this.changing;
  }

  private async follow(api: LiveShareApi): Promise<void> {
    const { role, peerNumber } = api.session;
    if (this.relay?.role === role) return;
    this.stop();
    if (role !== HOST && role !== GUEST) return;
    const service = role === HOST ? await api.shareService(SERVICE) : await api.getSharedService(SERVICE);
    if (!service) return this.tell('the shared service was refused');
    const relay = new PresenceRelay(role === HOST ? 'host' : 'guest', peerNumber, service, {
      peers: (canvas, peers) => {
        for (const s of this.canvases()) if (canvasKey(s) === canvas) s.post({ type: 'presencePeers', peers });
      },
      invalid: (message) => this.log.warn(message),
    });
    // A guest's proxy exists before the host shares the service (or without it, when the host has no
    // BMAD): once it is there, every canvas sends its state again, which is what the host missed.
    const sub = service.onDidChangeIsServiceAvailable((up) => up && this.canvases().forEach((s) => void this.offer(s)));
    const name = api.session.user?.displayName;
    const end = () => void (role === HOST && api.unshareService(SERVICE).catch(() => undefined));
    this.relay = { relay, role, colour: presenceColour(peerNumber), sub, end, ...(name && { name }) };
    const waiting = service.isServiceAvailable ? '' : '; the host has not shared it yet';
    this.log.info(`Live Share: relaying presence as ${role === HOST ? 'host' : 'guest'} (peer ${peerNumber})${waiting}`);
    for (const s of this.canvases()) void this.offer(s);
  }

  /** Tells a canvas's page to send its presence, and who is there already. */
  private async offer(s: CanvasSession): Promise<void> {
    const r = this.relay;
    if (!r) return;
    const user = r.name?.trim() ? { name: r.name.trim().slice(0, 100) } : await collabUser(s.uri);
    s.post({ type: 'presenceRelay', user, colour: r.colour });
    s.post({ type: 'presencePeers', peers: r.relay.peersOn(canvasKey(s)) });
  }

  private canvases(): CanvasSession[] {
    return [...this.canvasSubs.keys()];
  }

  private stop(): void {
    if (!this.relay) return;
    this.relay.relay.dispose();
    this.relay.sub.dispose();
    this.relay.end();
    this.relay = undefined;
    for (const s of this.canvases()) s.post({ type: 'presenceRelayEnd' });
  }

  private tell(why: string): void {
    this.log.info(`${UNAVAILABLE}: ${why}`);
    if (this.told) return;
    this.told = true;
    void vscode.window.showInformationMessage(UNAVAILABLE);
  }

  dispose(): void {
    this.stop();
    for (const d of this.subs) d.dispose();
    for (const subs of this.canvasSubs.values()) for (const d of subs) d.dispose();
    this.canvasSubs.clear();
  }
}
