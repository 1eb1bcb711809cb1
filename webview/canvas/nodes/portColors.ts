import { PORT_TYPES, type PortType } from '../../../core/ports';
import { kindSpec, type NodeKind } from '../../../core/nodes';

/**
 * Port types are coloured with VS Code's chart colours, which every theme (light, dark, high contrast)
 * defines; the CSS classes `port-<type>` carry the same mapping for the DOM.
 */
export const PORT_COLOR_VAR: Record<PortType, string> = {
  text: '--vscode-charts-blue',
  character: '--vscode-charts-orange',
  style: '--vscode-charts-purple',
  image: '--vscode-charts-green',
  video: '--vscode-charts-red',
  audio: '--vscode-charts-yellow',
  clip: '--vscode-charts-foreground',
};

export const PORT_TYPE_LIST: readonly PortType[] = PORT_TYPES;

/** The colour a node is drawn with when zoomed out: the type of what it produces. */
export function kindPortType(kind: NodeKind): PortType {
  const spec = kindSpec(kind);
  return spec.outputs[0]?.type ?? spec.inputs[0]?.type ?? 'clip';
}
