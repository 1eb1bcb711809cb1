import type { FieldSpec } from './fieldSpecs';
import { useLocked } from './readOnlyContext';
import { eventChecked, eventValue, VscodeCheckbox, VscodeOption, VscodeSingleSelect, VscodeTextarea, VscodeTextfield } from './vscodeElements';

export interface FieldProps<S extends FieldSpec['type']> {
  readonly id: string;
  readonly spec: Extract<FieldSpec, { type: S }>;
  readonly value: unknown;
  readonly invalid: boolean;
  readonly commit: (key: string, value: unknown) => void;
  readonly fail: (key: string, message: string) => void;
}

/** Text commits on change (blur or Enter), not per keystroke: one edit, one op. */
export function TextParam({ id, spec, value, invalid, commit }: FieldProps<'text'>) {
  const onChange = (e: Event) => {
    const v = eventValue(e);
    commit(spec.key, spec.optional && v === '' ? null : v);
  };
  const text = typeof value === 'string' ? value : '';
  const locked = useLocked();
  const common = { id, className: 'nodrag nokey', value: text, invalid, readonly: locked, onChange };
  return spec.multiline ? <VscodeTextarea {...common} rows={3} resize="vertical" /> : <VscodeTextfield {...common} />;
}

export function NumberParam({ id, spec, value, invalid, commit }: FieldProps<'number'>) {
  const onChange = (e: Event) => {
    const raw = eventValue(e).trim();
    commit(spec.key, raw === '' ? (spec.optional ? null : Number.NaN) : Number(raw));
  };
  const locked = useLocked();
  return (
    <VscodeTextfield id={id} className="nodrag nokey" type="number" value={typeof value === 'number' ? String(value) : ''}
      min={spec.min} max={spec.max} step={spec.int ? 1 : 0.01} invalid={invalid}
      placeholder={spec.optional ? 'unset' : undefined} readonly={locked} onChange={onChange} />
  );
}

/** An optional enum (the tier) gets an empty choice that means "use the default". */
export function EnumParam({ id, spec, value, commit }: FieldProps<'enum'>) {
  const current = typeof value === 'string' ? value : '';
  const locked = useLocked();
  const onChange = (e: Event) => {
    const v = eventValue(e);
    commit(spec.key, v === '' ? null : v);
  };
  return (
    <VscodeSingleSelect id={id} className="nodrag nokey" value={current} disabled={locked} onChange={onChange}>
      {spec.optional && <VscodeOption value="" selected={current === ''}>{spec.key === 'tier' ? 'project default' : '(unset)'}</VscodeOption>}
      {spec.options.map((o) => <VscodeOption key={o} value={o} selected={o === current}>{o}</VscodeOption>)}
    </VscodeSingleSelect>
  );
}

export function BooleanParam({ id, spec, value, commit }: FieldProps<'boolean'>) {
  const locked = useLocked();
  return (
    <VscodeCheckbox id={id} className="nodrag nokey" checked={value === true} label={spec.key} disabled={locked}
      onChange={(e: Event) => commit(spec.key, eventChecked(e))} />
  );
}

/**
 * Lists of objects the form has no rows for are edited as JSON; the schema still
 * checks every entry. An absent optional param is an empty field, and emptying the field unsets it.
 */
export function JsonParam({ id, spec, value, invalid, commit, fail }: FieldProps<'json'>) {
  const onChange = (e: Event) => {
    const text = eventValue(e).trim();
    if (text === '' && spec.optional) return commit(spec.key, null);
    try {
      commit(spec.key, JSON.parse(text) as unknown);
    } catch {
      fail(spec.key, 'not valid JSON');
    }
  };
  const text = value === undefined ? '' : JSON.stringify(value, null, 1);
  const locked = useLocked();
  return (
    <VscodeTextarea id={id} className="nodrag nokey" monospace rows={4} resize="vertical" value={text} invalid={invalid}
      readonly={locked} onChange={onChange} />
  );
}
