/** One argument for the remote POSIX shell, whatever it contains. */
export const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A folder from the config as a shell word on the host: absolute as written; `~`, `~/…` and relative
 * paths below the login folder, as ssh and scp take them (a quoted `~` would not expand).
 */
export function hostPath(p: string): string {
  if (p.startsWith('/')) return shq(p);
  const rel = p.replace(/^~(\/|$)/, '');
  return rel ? `"$HOME"/${shq(rel)}` : '"$HOME"';
}
