import { useCallback, useState } from 'react';
import { formatPath } from '../../core/issues';
import { paramOf, validateParams } from '../../core/schema';
import type { BmadNode } from '../../core/schema';
import { useSession } from './useSession';

export interface ParamCommit {
  /** Validates the node's params with `key` set to `value` (null = unset) and sends one op if valid. */
  readonly commit: (key: string, value: unknown) => void;
  /** Shows a message under a field whose text could not even be read as a value. */
  readonly fail: (key: string, message: string) => void;
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * Inspector edits: checked with core's validateParams before anything is sent, so an invalid value
 * shows its message under the field and never reaches the host; a value equal to the current one
 * sends nothing. One committed edit = one `setParams` op.
 */
export function useParamCommit(node: BmadNode): ParamCommit {
  const session = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const commit = useCallback((key: string, value: unknown) => {
    const merged: Record<string, unknown> = { ...node.params };
    if (value === null || value === undefined) delete merged[key];
    else merged[key] = value;
    const r = validateParams(node.kind, merged);
    if (!r.ok) {
      const mine = r.issues.find((i) => i.path[0] === key) ?? r.issues[0];
      setErrors((e) => ({ ...e, [key]: mine ? (mine.path.length > 1 ? `${formatPath(mine.path)}: ` : '') + mine.message : 'invalid value' }));
      return;
    }
    setErrors(({ [key]: _gone, ...rest }) => rest);
    if (JSON.stringify(paramOf(node, key)) === JSON.stringify(value ?? undefined)) return;
    session.dispatch({ type: 'setParams', id: node.id, params: { [key]: value ?? null } });
  }, [node, session]);
  const fail = useCallback((key: string, message: string) => setErrors((e) => ({ ...e, [key]: message })), []);
  return { commit, fail, errors };
}
