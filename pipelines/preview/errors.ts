import type { ErrorCode } from '../../core/contract';

/**
 * A failure a pipeline can name. Anything else thrown inside a pipeline is a bug and is reported as
 * INTERNAL; these carry the contract code the engine uses to decide whether to retry.
 */
export class PipelineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

export const badParams = (message: string) => new PipelineError('BAD_PARAMS', message);
export const badInput = (message: string) => new PipelineError('BAD_INPUT', message);
export const interrupted = () => new PipelineError('INTERRUPTED', 'the job was cancelled (SIGTERM)');

/** The error code and message for anything caught at the top of a job. */
export function describeError(e: unknown, aborted: boolean): { code: ErrorCode; message: string } {
  if (aborted) return { code: 'INTERRUPTED', message: 'the job was cancelled (SIGTERM)' };
  if (e instanceof PipelineError) return { code: e.code, message: e.message };
  const err = e instanceof Error ? e : new Error(String(e));
  return { code: 'INTERNAL', message: `${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}` };
}
