/** The file name the host shim reports for each bench document (`doc=` in the page's query). */
export function benchFile(doc: string | null): string {
  if (doc === 'film') return 'film/02_Source_Creative/main.bmad';
  if (doc === 'example') return 'last-light-at-gull-point/02_Source_Creative/main.bmad';
  return 'bench/grid.bmad';
}
