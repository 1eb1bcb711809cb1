/**
 * A problem the person can fix (a wrong argument, a missing project, a take that does not exist):
 * commands print its message as one line and exit 1, never a stack trace.
 */
export class UserError extends Error {
  override name = 'UserError';
}
