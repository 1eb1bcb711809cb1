import type { ReactNode } from 'react';
import { VscodeFormGroup, VscodeFormHelper, VscodeLabel } from './vscodeElements';

/** Label, control, help text (the schema's description) and the inline validation message. */
export function FieldFrame({ id, label, help, error, children }: { id: string; label: string; help?: string | undefined; error?: string | undefined; children: ReactNode }) {
  return (
    <VscodeFormGroup variant="vertical" className={error ? 'field has-error' : 'field'}>
      <VscodeLabel htmlFor={id}>{label}</VscodeLabel>
      {children}
      {help && <VscodeFormHelper>{help}</VscodeFormHelper>}
      {error && <div className="field-error" role="alert" id={id + '-error'}>{error}</div>}
    </VscodeFormGroup>
  );
}
