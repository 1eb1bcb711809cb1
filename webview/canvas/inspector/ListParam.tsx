import { useLocked } from './readOnlyContext';
import type { FieldProps } from './ScalarFields';
import { eventValue, VscodeButton, VscodeTextfield } from './vscodeElements';

/**
 * A list of strings or colours: one field per item, Add and Remove. Every change commits the whole
 * list (one op); the schema's min/max items are enforced by the same validation as everything else.
 */
export function ListParam({ id, spec, value, invalid, commit }: FieldProps<'list'>) {
  const items = Array.isArray(value) ? value.map(String) : [];
  const set = (next: string[]) => commit(spec.key, next);
  const color = spec.item === 'color';
  const locked = useLocked();
  return (
    <div className="list-editor" id={id} role="group" aria-invalid={invalid}>
      {items.map((item, i) => (
        <div className="list-row" key={i}>
          {color && <span className="swatch" style={{ background: /^#[0-9a-fA-F]{6}$/.test(item) ? item : 'transparent' }} aria-hidden="true" />}
          <VscodeTextfield className="nodrag nokey" value={item} aria-label={`${spec.key} ${i + 1}`} readonly={locked}
            onChange={(e: Event) => set(items.map((v, j) => (j === i ? eventValue(e) : v)))} />
          {!locked && (
            <VscodeButton secondary className="nokey" aria-label={`Remove ${spec.key} ${i + 1}`}
              onClick={() => set(items.filter((_, j) => j !== i))}>Remove</VscodeButton>
          )}
        </div>
      ))}
      {!locked && (
        <VscodeButton secondary className="nokey" onClick={() => set([...items, color ? '#808080' : ''])}>Add</VscodeButton>
      )}
    </div>
  );
}
