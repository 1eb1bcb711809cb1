import { DialogueParam } from './DialogueParam';
import type { FieldSpec } from './fieldSpecs';
import { FieldFrame } from './FieldFrame';
import { ListParam } from './ListParam';
import { BooleanParam, EnumParam, JsonParam, NumberParam, TextParam } from './ScalarFields';
import { WardrobeParam } from './WardrobeParam';

interface Props {
  readonly nodeId: string;
  readonly spec: FieldSpec;
  readonly value: unknown;
  readonly error: string | undefined;
  readonly commit: (key: string, value: unknown) => void;
  readonly fail: (key: string, message: string) => void;
}

/** One param: the control its schema type calls for, framed with label, help and error. */
export function ParamField({ nodeId, spec, value, error, commit, fail }: Props) {
  const id = `param-${nodeId}-${spec.key}`;
  const common = { id, value, invalid: error !== undefined, commit, fail };
  let control;
  switch (spec.type) {
    case 'text': control = <TextParam {...common} spec={spec} />; break;
    case 'number': control = <NumberParam {...common} spec={spec} />; break;
    case 'enum': control = <EnumParam {...common} spec={spec} />; break;
    case 'boolean': control = <BooleanParam {...common} spec={spec} />; break;
    case 'list': control = <ListParam {...common} spec={spec} />; break;
    case 'dialogue': control = <DialogueParam {...common} spec={spec} nodeId={nodeId} />; break;
    case 'wardrobe': control = <WardrobeParam {...common} spec={spec} nodeId={nodeId} />; break;
    case 'json': control = <JsonParam {...common} spec={spec} />; break;
  }
  const label = spec.optional ? `${spec.key} (optional)` : spec.key;
  return <FieldFrame id={id} label={label} help={spec.description} error={error}>{control}</FieldFrame>;
}
