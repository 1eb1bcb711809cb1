import { GlobalFonts } from '@napi-rs/canvas';
import { PipelineError } from '../errors';

/**
 * With no system fonts (containers, CI) Skia silently draws no text at all, so the preview ships its
 * own: DejaVu Sans from @fontsource (OFL). Registered once per process under aliases nobody else uses.
 */
export const SANS = 'BmadPreviewSans';
export const SANS_BOLD = 'BmadPreviewSansBold';
export const SANS_ITALIC = 'BmadPreviewSansItalic';

let registered = false;

export function registerFonts(): void {
  if (registered) return;
  const faces: [string, string][] = [
    ['dejavu-sans-latin-400-normal.woff2', SANS],
    ['dejavu-sans-latin-700-normal.woff2', SANS_BOLD],
    ['dejavu-sans-latin-400-italic.woff2', SANS_ITALIC],
  ];
  for (const [file, alias] of faces) {
    let full: string;
    try {
      full = require.resolve(`@fontsource/dejavu-sans/files/${file}`);
    } catch {
      throw new PipelineError('INTERNAL', `font ${file} not found: is @fontsource/dejavu-sans installed?`);
    }
    // registerFromPath returns null instead of throwing when the file is unusable.
    if (GlobalFonts.registerFromPath(full, alias) === null) throw new PipelineError('INTERNAL', `could not register font ${full}`);
  }
  registered = true;
}
