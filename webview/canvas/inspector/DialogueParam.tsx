import type { DialogueLine } from '../../../core/nodes/shot';
import { useConnectedCharacters } from '../../hooks/useConnectedCharacters';
import './rowEditor.css';
import { useLocked } from './readOnlyContext';
import { rowsOf } from './rowsOf';
import type { FieldProps } from './ScalarFields';
import { useFocusAfterChange } from './useFocusAfterChange';
import { eventValue, VscodeButton, VscodeOption, VscodeSingleSelect, VscodeTextarea } from './vscodeElements';

type Action = 'up' | 'down' | 'remove';

const KEYS = ['character', 'line'] as const;

/**
 * A shot's dialogue as rows: who speaks (a character connected to the shot's Characters input, or the
 * name already there) and the line. Each change — a speaker picked, a line edited, a row added,
 * moved or removed — commits the whole list as one op, so it is one undo step.
 */
export function DialogueParam({ id, nodeId, spec, value, invalid, commit }: FieldProps<'dialogue'> & { nodeId: string }) {
  const rows: DialogueLine[] = rowsOf(value, KEYS);
  const cast = useConnectedCharacters(nodeId);
  // Read-only: the rows as they are, to read and copy from; no buttons that could only be refused.
  const locked = useLocked();
  // Focus follows a moved row to its button (the other move button at an end of the list, where its
  // own is disabled) and stays in the list when a row goes.
  const { ref: focusRef, focusAfter } = useFocusAfterChange(value);
  const other = (a: Action): Action => (a === 'up' ? 'down' : 'up');
  const set = (next: DialogueLine[]) => commit(spec.key, next);
  const edit = (i: number, patch: Partial<DialogueLine>) => set(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, to: number, action: Action) => {
    const next = rows.slice();
    const [row] = next.splice(i, 1);
    next.splice(to, 0, row!);
    set(next);
    focusAfter([`${to}:${action}`, `${to}:${other(action)}`]);
  };
  const remove = (i: number) => {
    set(rows.filter((_, j) => j !== i));
    focusAfter(rows.length > 1 ? [`${Math.min(i, rows.length - 2)}:remove`] : ['add']);
  };
  const ref = (i: number, action: Action) => focusRef(`${i}:${action}`);

  return (
    <div className="row-editor dialogue-editor" id={id} role="group" aria-invalid={invalid}>
      {rows.length === 0 && <p className="row-empty">No lines yet.</p>}
      {rows.map((row, i) => {
        const n = i + 1;
        const speakers = cast.includes(row.character) ? cast : [...cast, row.character];
        return (
          <div className="row-card dialogue-row" key={i} data-row={i} role="group" aria-label={`Line ${n}`}>
            <div className="row-head">
              <VscodeSingleSelect className="nodrag nokey dialogue-speaker" aria-label={`Line ${n}: who speaks`}
                value={row.character} disabled={locked}
                onChange={(e: Event) => eventValue(e) !== row.character && edit(i, { character: eventValue(e) })}>
                {speakers.map((name) => (
                  <VscodeOption key={name} value={name} selected={name === row.character}>
                    {speakerLabel(name, cast)}
                  </VscodeOption>
                ))}
              </VscodeSingleSelect>
              {!locked && (
                <>
                  <VscodeButton secondary className="nokey row-button" ref={ref(i, 'up')} disabled={i === 0}
                    aria-label={`Move line ${n} up`} title="Move up"
                    onClick={() => move(i, i - 1, 'up')}>↑</VscodeButton>
                  <VscodeButton secondary className="nokey row-button" ref={ref(i, 'down')}
                    disabled={i === rows.length - 1} aria-label={`Move line ${n} down`} title="Move down"
                    onClick={() => move(i, i + 1, 'down')}>↓</VscodeButton>
                  <VscodeButton secondary className="nokey row-button" ref={ref(i, 'remove')}
                    aria-label={`Remove line ${n}`} title="Remove" onClick={() => remove(i)}>✕</VscodeButton>
                </>
              )}
            </div>
            <VscodeTextarea className="nodrag nokey dialogue-line" aria-label={`Line ${n}: what is said`} value={row.line}
              rows={2} resize="vertical" placeholder="What they say" readonly={locked}
              onChange={(e: Event) => eventValue(e) !== row.line && edit(i, { line: eventValue(e) })} />
          </div>
        );
      })}
      {!locked && (
        <VscodeButton secondary className="nokey row-add" ref={focusRef('add')}
          onClick={() => set([...rows, { character: cast[0] ?? '', line: '' }])}>Add line</VscodeButton>
      )}
    </div>
  );
}

function speakerLabel(name: string, cast: readonly string[]): string {
  if (name === '') return '(no one)';
  return cast.includes(name) ? name : `${name} (not connected)`;
}
