import { z } from 'zod';
import { CollabInvite, SignallingUrls } from './collabLink';
import { KIND_NAMES } from './nodes';
import { Op } from './ops';
import { CollabUser, PresenceState } from './presence';
import { BmadEdge, BmadNode, Conflict, NodeId } from './schema';
import { CHANGE_MARKS } from './compareView';

/**
 * Every message between the canvas webview and the extension host. Both sides parse what they
 * receive with these schemas; a message that does not parse is logged and dropped, never applied.
 */

/** Palette commands the canvas runs from its own shortcuts and buttons; `bmad.<name>` on the host. */
export const CANVAS_SHORTCUT_COMMANDS = ['addNode', 'generateNode', 'openScript', 'breakDownScript'] as const;
export type CanvasShortcutCommand = (typeof CANVAS_SHORTCUT_COMMANDS)[number];

const NodeKindName = z.enum(KIND_NAMES as [string, ...string[]]);
/** Binary data as base64 (a Y.Doc state of a 5,000-node canvas is a few MB; 64 MB is far beyond). */
const Base64 = z.string().max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const CanvasSettings = z.strictObject({
  snapToGrid: z.boolean(),
  showMinimap: z.boolean(),
});
export type CanvasSettings = z.infer<typeof CanvasSettings>;

const DocumentMessage = z.strictObject({
  version: z.literal(1),
  nodes: z.array(BmadNode),
  edges: z.array(BmadEdge),
});

const LocatedIssue = z.strictObject({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});

/** 1-based line and column, as problems are printed; the host clamps them to the document. */
const TextPlace = z.strictObject({
  line: z.number().int().min(1).max(100_000_000),
  column: z.number().int().min(1).max(100_000_000),
});

/**
 * A generating node's render state on the canvas. `missing`, `stale` and `done` come from comparing
 * the document with render.lock (`bmad status`); `queued`, `running` and `failed` from a render in
 * progress; `needs-input` from planning, for a node (or what it waits for) that lacks a connected
 * input — a warning, not a failure. URIs are webview URIs of files the host materialized in the
 * project's 03_Renders.
 */
export const RENDER_STATES = ['missing', 'stale', 'queued', 'running', 'done', 'failed', 'needs-input'] as const;
export type RenderStateName = (typeof RENDER_STATES)[number];
export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const NodeRender = z.strictObject({
  state: z.enum(RENDER_STATES),
  /** 0..1 while running, when the pipeline reports it. */
  progress: z.number().min(0).max(1).optional(),
  /** Why it failed, is stale, was skipped or needs input; shown as text and tooltip. */
  message: z.string().max(2000).optional(),
  /** An image for the card: the keyframe, a video's poster frame, the film's contact sheet. */
  thumbnail: z.string().max(4000).optional(),
  /** The node's own output, for the inspector to show or play. */
  media: z.strictObject({ kind: z.enum(MEDIA_KINDS), src: z.string().max(4000) }).optional(),
  /** Where its output was made: the target's id (`local` is the embedded CPU preview) and the pipeline. */
  made: z.strictObject({ on: z.string().max(200), pipeline: z.string().max(200) }).optional(),
});
export type NodeRender = z.infer<typeof NodeRender>;

/** A file a node names that is a Git LFS pointer: the param, the path as written, the size of its content. */
export const AssetPointer = z.strictObject({
  param: z.string().max(100),
  path: z.string().max(260),
  size: z.number().int().nonnegative(),
});
export type AssetPointer = z.infer<typeof AssetPointer>;

export const ToHost = z.discriminatedUnion('type', [
  /** The webview has loaded and wants the document. */
  z.strictObject({ type: z.literal('ready') }),
  /**
   * One of the page's own files (its bundle or stylesheet) did not load: sent by the page's inline
   * watch script (extension/pageLoadWatch.ts), the host loads the page again.
   */
  z.strictObject({ type: z.literal('pageLoadFailed'), url: z.string().max(4000) }),
  /** A canvas gesture, as a semantic op; `seq` pairs it with its `opResult`. */
  z.strictObject({ type: z.literal('op'), seq: z.number().int().nonnegative(), op: Op }),
  z.strictObject({ type: z.literal('selection'), nodeIds: z.array(z.string()).max(10000) }),
  /** Open the file in the text editor, with the cursor at a problem's line and column when given. */
  z.strictObject({ type: z.literal('openAsText'), at: TextPlace.optional() }),
  /**
   * Pull Git LFS content (`git lfs pull --include`): the canvas file itself when it is a pointer, or with
   * `nodeId` the files that node names which the host last found to be pointers (never a path the page names).
   */
  z.strictObject({ type: z.literal('lfsPull'), nodeId: NodeId.optional() }),
  z.strictObject({ type: z.literal('history'), action: z.enum(['undo', 'redo']) }),
  /**
   * A canvas shortcut or button that runs a palette command (Shift+A, Shift+G, a script node's Open
   * Script). The webview handles these keys
   * itself, never the workbench: VS Code forwards every keydown from a webview, where `inputFocus` is
   * false even while the person types in the inspector, so a workbench keybinding would fire mid-word.
   */
  z.strictObject({ type: z.literal('runCommand'), command: z.enum(CANVAS_SHORTCUT_COMMANDS) }),
  /**
   * The merge view's choices, by index into the `merge` message's conflicts; `version` is the
   * document version that message showed, so choices made on an older text are never applied.
   */
  z.strictObject({
    type: z.literal('resolve'),
    seq: z.number().int().nonnegative(),
    version: z.number().int(),
    choices: z.array(z.strictObject({ index: z.number().int().nonnegative(), side: z.enum(['ours', 'theirs']) })).max(100_000),
  }),
  /**
   * The compare bar's buttons: leave compare mode, or make the canvas what the compared version was;
   * with `nodeIds` (the inspector's Restore), only those nodes.
   */
  z.strictObject({
    type: z.literal('compareAction'),
    action: z.enum(['close', 'restore']),
    nodeIds: z.array(NodeId).min(1).max(100_000).optional(),
  }),
  /**
   * The proposal bar and inspector: accept (apply as one edit) or reject (drop) the given nodes of the
   * proposal shown, or all of it when no ids are given; `close` leaves the review, the proposal kept.
   */
  z.strictObject({ type: z.literal('proposalAction'), action: z.enum(['accept', 'reject', 'close']), nodeIds: z.array(NodeId).max(100_000).optional() }),
  z.strictObject({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(4000) }),
  /**
   * While a collaboration session runs: the shared canvas as it is now, whenever it differs from
   * what the host's text was last told; the host writes it as the canonical text (minimal edit).
   */
  z.strictObject({ type: z.literal('collabDoc'), doc: DocumentMessage }),
  /**
   * The session's Y.Doc state (Y.encodeStateAsUpdate, base64), sent a moment after it changes and on
   * Leave. The host keeps it per room and file, so that a peer whose canvas or window closed rejoins on
   * the session's history and merges its offline edits field by field (CanvasDoc.adopt).
   */
  z.strictObject({ type: z.literal('collabSnapshot'), room: z.string().min(1).max(128), update: Base64 }),
  /** The session as the webview's provider sees it, for the status bar. */
  z.strictObject({
    type: z.literal('collabStatus'),
    state: z.enum(['off', 'connecting', 'connected']),
    room: z.string().max(128).optional(),
    peers: z.number().int().nonnegative().max(1000),
    problem: z.string().max(2000).optional(),
    /** The names of the peers present (awareness), for the status bar's tooltip. */
    names: z.array(CollabUser.shape.name).max(1000).optional(),
  }),
  /** While Live Share relays presence (`presenceRelay`): this peer's state, whenever it changes. */
  z.strictObject({ type: z.literal('presence'), state: PresenceState }),
]);
export type ToHost = z.infer<typeof ToHost>;

const PeerPresenceMessage = PresenceState.extend({ id: z.number().int() });

export const ToWebview = z.discriminatedUnion('type', [
  /** The document as the TextDocument holds it now: on load, and after any change from elsewhere. */
  z.strictObject({
    type: z.literal('document'),
    file: z.string(),
    doc: DocumentMessage,
    settings: CanvasSettings,
    /** Set when the file cannot be written (an older version from git): names that version. */
    readOnly: z.string().max(200).optional(),
  }),
  /**
   * Compare mode (read-only): `doc` is the working canvas with the compared version's removed nodes
   * put back as ghosts; `marks` and `changes` come from core's compareView.
   */
  z.strictObject({
    type: z.literal('compare'),
    file: z.string(),
    against: z.string().max(200),
    doc: DocumentMessage,
    settings: CanvasSettings,
    marks: z.record(NodeId, z.enum(CHANGE_MARKS)),
    changes: z.record(NodeId, z.array(z.strictObject({ key: z.string(), before: z.string(), after: z.string() })).max(10_000)),
    order: z.array(NodeId).max(1_000_000),
    /** Set when what is shown is a proposal applied in preview (nothing written yet): who made it. */
    proposal: z.strictObject({ by: z.string().max(200) }).optional(),
    /** Set when the file cannot be written (the newer side of a diff of two git versions): names it. */
    readOnly: z.string().max(200).optional(),
  }),
  /**
   * The text does not parse: show the error view, edit nothing. `lfsPointer` is set when the text is
   * a Git LFS pointer (the content was never pulled): the view offers Pull instead of the issues.
   */
  z.strictObject({
    type: z.literal('invalid'),
    file: z.string(),
    issues: z.array(LocatedIssue),
    lfsPointer: z.strictObject({ size: z.number().int().nonnegative() }).optional(),
  }),
  /**
   * The text holds a merge that is not decided (our driver's `conflicts`, or git's markers): show the
   * merge view. `doc` holds ours' values; each conflict keeps base, ours and theirs.
   */
  z.strictObject({
    type: z.literal('merge'),
    file: z.string(),
    version: z.number().int(),
    source: z.enum(['driver', 'markers']),
    doc: DocumentMessage,
    conflicts: z.array(Conflict).max(100_000),
  }),
  /**
   * The files nodes name (ASSET_PARAMS) that are Git LFS pointers never pulled, by node: the whole
   * map each time (probed on load, on change of those files, after a pull); a node not in it has none.
   */
  z.strictObject({ type: z.literal('assetPointers'), nodes: z.record(NodeId, z.array(AssetPointer).min(1).max(16)) }),
  z.strictObject({ type: z.literal('opResult'), seq: z.number().int().nonnegative(), ok: z.boolean(), message: z.string().optional() }),
  /**
   * Render state per generating node. `full`: every node the canvas has state for (replace what is
   * shown); otherwise only the nodes that changed (merge).
   */
  z.strictObject({ type: z.literal('renderState'), full: z.boolean(), nodes: z.record(z.string(), NodeRender) }),
  z.strictObject({
    type: z.literal('command'),
    command: z.enum(['fitView', 'selectAll', 'addNode']),
    kind: NodeKindName.optional(),
  }),
  /** Join (or start) a collaboration session on this canvas through these signalling servers. */
  z.strictObject({
    type: z.literal('collabJoin'),
    invite: CollabInvite,
    signallingUrls: SignallingUrls.min(1),
    user: CollabUser,
    /** The last collabSnapshot this peer sent for this room and file, when there is one. */
    resume: Base64.optional(),
  }),
  z.strictObject({ type: z.literal('collabLeave') }),
  /** Edit › Undo / Redo reached the TextDocument while in session: the peer's own undo does it instead. */
  z.strictObject({ type: z.literal('collabHistory'), action: z.enum(['undo', 'redo']) }),
  /**
   * Live Share: presence goes through the extension (a vsls shared service), not WebRTC. The canvas
   * sends `presence` as `user` in `colour` until `presenceRelayEnd`; `presencePeers` are the others.
   */
  z.strictObject({ type: z.literal('presenceRelay'), user: CollabUser, colour: PresenceState.shape.colour }),
  z.strictObject({ type: z.literal('presenceRelayEnd') }),
  z.strictObject({ type: z.literal('presencePeers'), peers: z.array(PeerPresenceMessage).max(1000) }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const first = r.error.issues[0];
  const type = raw && typeof raw === 'object' && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : '?';
  return { ok: false, error: `invalid "${type}" message at ${first ? first.path.join('.') || '(root)' : '?'}: ${first?.message ?? 'unknown'}` };
}

export const parseToHost = (raw: unknown) => parseWith(ToHost, raw);
export const parseToWebview = (raw: unknown) => parseWith(ToWebview, raw);
