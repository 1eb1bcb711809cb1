/** One argument for the remote POSIX shell, whatever it contains. */
export const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
