import { useEffect, useState } from 'react';
import { readPalette, type Palette } from '../canvas/overview/palette';

/**
 * Canvas-drawn layers cannot use CSS variables, so they read the theme once and again whenever VS
 * Code switches it (it rewrites the body class and the variables on <html>).
 */
export function usePalette(): Palette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const mo = new MutationObserver(() => setPalette(readPalette()));
    mo.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    return () => mo.disconnect();
  }, []);
  return palette;
}
