import { z } from 'zod';

/**
 * What a person sends to invite others into a collaboration session: `bmad-collab:<room>#<password>`.
 * Both parts are random (base64url), made by Start Collaboration Session; the password never reaches
 * a server in clear (it keys y-webrtc's encryption, see webview/collab/roomKey.ts).
 */
export const COLLAB_SCHEME = 'bmad-collab:';

const Token = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'expected 8–128 letters, digits, _ or -');

export const CollabInvite = z.strictObject({ room: Token, password: Token });
export type CollabInvite = z.infer<typeof CollabInvite>;

export function collabLink(invite: CollabInvite): string {
  return `${COLLAB_SCHEME}${invite.room}#${invite.password}`;
}

export type LinkResult = { ok: true; invite: CollabInvite } | { ok: false; message: string };

/** Reads a pasted link; surrounding spaces and quotes (as chat apps add them) are ignored. */
export function parseCollabLink(text: string): LinkResult {
  const t = text.trim().replace(/^["'<]+|["'>]+$/g, '');
  if (!t.startsWith(COLLAB_SCHEME)) return { ok: false, message: `a session link starts with "${COLLAB_SCHEME}"` };
  const [room = '', password, ...rest] = t.slice(COLLAB_SCHEME.length).split('#');
  if (password === undefined || rest.length) return { ok: false, message: 'a session link is bmad-collab:<room>#<password>' };
  const r = CollabInvite.safeParse({ room, password });
  if (r.success) return { ok: true, invite: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `the link's ${String(issue?.path[0] ?? 'text')}: ${issue?.message ?? 'not valid'}` };
}

/**
 * The `bmad.collaboration.signallingUrls` setting: ws:// or wss:// servers that speak y-webrtc's
 * signalling (`bmad signal`). Empty by default: no public server is ever contacted unless listed.
 */
export const SignallingUrl = z
  .string()
  .max(2000)
  .refine((s) => URL.canParse(s) && /^wss?:$/.test(new URL(s).protocol), 'expected a ws:// or wss:// URL');
export const SignallingUrls = z.array(SignallingUrl).max(16);

/** The origins a webview must be allowed to connect to (its CSP's connect-src) for these URLs. */
export function signallingOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((u) => new URL(u).origin))].sort();
}
