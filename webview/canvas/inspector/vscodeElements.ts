/**
 * The @vscode-elements React wrappers we use, imported one by one: the package index imports (and so
 * registers) every element, which would put all of them in the bundle.
 */
export { default as VscodeButton } from '@vscode-elements/react-elements/dist/components/VscodeButton.js';
export { default as VscodeCheckbox } from '@vscode-elements/react-elements/dist/components/VscodeCheckbox.js';
export { default as VscodeFormGroup } from '@vscode-elements/react-elements/dist/components/VscodeFormGroup.js';
export { default as VscodeFormHelper } from '@vscode-elements/react-elements/dist/components/VscodeFormHelper.js';
export { default as VscodeLabel } from '@vscode-elements/react-elements/dist/components/VscodeLabel.js';
export { default as VscodeOption } from '@vscode-elements/react-elements/dist/components/VscodeOption.js';
export { default as VscodeSingleSelect } from '@vscode-elements/react-elements/dist/components/VscodeSingleSelect.js';
export { default as VscodeTextarea } from '@vscode-elements/react-elements/dist/components/VscodeTextarea.js';
export { default as VscodeTextfield } from '@vscode-elements/react-elements/dist/components/VscodeTextfield.js';

/** The value of the element that fired a change event (all our fields are value-bearing elements). */
export function eventValue(e: Event): string {
  const el = e.target as { value?: unknown } | null;
  return typeof el?.value === 'string' ? el.value : '';
}

export function eventChecked(e: Event): boolean {
  const el = e.target as { checked?: unknown } | null;
  return el?.checked === true;
}
