import type { KeyboardEvent } from 'react';
import { foldName } from '../../../core/breakdown/beats';
import type { WardrobeEntry } from '../../../core/nodes/shot';
import { useShotCast, type ShotCast } from '../../hooks/useShotCast';
import './rowEditor.css';
import { useLocked } from './readOnlyContext';
import { rowsOf } from './rowsOf';
import type { FieldProps } from './ScalarFields';
import { useFocusAfterChange } from './useFocusAfterChange';
import { eventValue, VscodeButton, VscodeOption, VscodeSingleSelect, VscodeTextfield } from './vscodeElements';

const KEYS = ['character', 'wardrobe'] as const;

/**
 * A shot's wardrobe as rows: whose costume (someone in the shot, or another character of the canvas)
 * and what they wear. Each change commits the whole list as one op, so it is one undo step; removing
 * the last row unsets the param, as emptying any optional field does. Delete on a row's character or
 * its Remove button removes the row (in the costume field it deletes text, as ever).
 */
export function WardrobeParam({ id, nodeId, spec, value, invalid, commit }: FieldProps<'wardrobe'> & { nodeId: string }) {
  const rows: WardrobeEntry[] = rowsOf(value, KEYS);
  const cast = useShotCast(nodeId);
  // Read-only: the rows as they are, to read and copy from; no buttons that could only be refused.
  const locked = useLocked();
  const { ref, focusAfter } = useFocusAfterChange(value);
  const set = (next: WardrobeEntry[]) => commit(spec.key, next.length === 0 && spec.optional ? null : next);
  const edit = (i: number, patch: Partial<WardrobeEntry>) => set(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    set([...rows, { character: nextCharacter(cast, rows), wardrobe: '' }]);
    // Straight to the new row's character, so the keyboard can pick who it is.
    focusAfter([`${rows.length}:who`]);
  };
  const remove = (i: number) => {
    set(rows.filter((_, j) => j !== i));
    focusAfter(rows.length > 1 ? [`${Math.min(i, rows.length - 2)}:remove`] : ['add']);
  };
  const onRowKey = (i: number) => (e: KeyboardEvent) => {
    const on = e.target instanceof HTMLElement ? e.target.localName : '';
    // An open list keeps its keys; a closed one, or the Remove button, takes Delete for the row.
    const open = (e.target as { open?: unknown }).open === true;
    if (locked || e.key !== 'Delete' || open || (on !== 'vscode-single-select' && on !== 'vscode-button')) return;
    e.preventDefault();
    remove(i);
  };

  return (
    <div className="row-editor wardrobe-editor" id={id} role="group" aria-invalid={invalid}>
      {rows.length === 0 && <p className="row-empty">Everyone wears their usual.</p>}
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <div className="row-card wardrobe-row" key={i} data-row={i} role="group" aria-label={`Costume ${n}`} onKeyDown={onRowKey(i)}>
            <VscodeSingleSelect className="nodrag nokey wardrobe-who" aria-label={`Costume ${n}: who wears it`} ref={ref(`${i}:who`)}
              value={row.character} disabled={locked}
              onChange={(e: Event) => eventValue(e) !== row.character && edit(i, { character: eventValue(e) })}>
              {choices(cast, row.character).map(({ name, label }) => (
                <VscodeOption key={name} value={name} selected={name === row.character}>{label}</VscodeOption>
              ))}
            </VscodeSingleSelect>
            <div className="list-row">
              <VscodeTextfield className="nodrag nokey wardrobe-what" aria-label={`Costume ${n}: what they wear`} value={row.wardrobe}
                maxLength={200} placeholder="What they wear, e.g. oilskin coat" readonly={locked}
                onChange={(e: Event) => eventValue(e) !== row.wardrobe && edit(i, { wardrobe: eventValue(e) })} />
              {!locked && (
                <VscodeButton secondary className="nokey row-button" ref={ref(`${i}:remove`)}
                  aria-label={`Remove costume ${n}`} title="Remove" onClick={() => remove(i)}>✕</VscodeButton>
              )}
            </div>
          </div>
        );
      })}
      {!locked && (
        <VscodeButton secondary className="nokey row-add" ref={ref('add')} onClick={add}>Add costume</VscodeButton>
      )}
    </div>
  );
}

/** A new row is for the first one in the shot who has no row yet (else anyone on the canvas who has none). */
function nextCharacter(cast: ShotCast, rows: readonly WardrobeEntry[]): string {
  const taken = new Set(rows.map((r) => foldName(r.character)));
  return [...cast.inShot, ...cast.elsewhere].find((name) => !taken.has(foldName(name))) ?? '';
}

/**
 * The names a row can pick: the shot's cast, then the canvas's other characters (marked), and the
 * row's own name when it is neither, kept as written so nothing is lost by opening the list.
 */
function choices(cast: ShotCast, current: string): { name: string; label: string }[] {
  const mine = (name: string) => (foldName(name) === foldName(current) ? current : name);
  const known = [
    ...cast.inShot.map((name) => ({ name: mine(name), label: mine(name) })),
    ...cast.elsewhere.map((name) => ({ name: mine(name), label: `${mine(name)} (not in shot)` })),
  ];
  if (known.some((c) => c.name === current)) return known;
  return [...known, { name: current, label: current === '' ? '(no one)' : `${current} (not on the canvas)` }];
}
