import { PORT_TYPES } from '../../../core/ports';
import { PORT_COLOR_VAR } from '../nodes/portColors';

/** Theme colours resolved from VS Code's CSS variables, for drawing on a <canvas>. */
export interface Palette {
  readonly port: readonly string[];
  readonly nodeFill: string;
  readonly nodeBorder: string;
  readonly selection: string;
  readonly text: string;
  readonly minimapBackground: string;
  readonly fontFamily: string;
}

export function readPalette(el: Element = document.body): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const fg = v('--vscode-foreground', '#cccccc');
  return {
    port: PORT_TYPES.map((t) => v(PORT_COLOR_VAR[t], fg)),
    nodeFill: v('--vscode-editorWidget-background', '#252526'),
    nodeBorder: v('--vscode-contrastBorder', '') || v('--vscode-widget-border', '') || v('--vscode-editorWidget-border', '#454545'),
    selection: v('--vscode-focusBorder', '#007fd4'),
    text: v('--vscode-editor-foreground', fg),
    minimapBackground: v('--vscode-editorWidget-background', '#252526'),
    fontFamily: v('--vscode-font-family', 'sans-serif'),
  };
}
