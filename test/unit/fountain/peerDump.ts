import type { FountainDocument, FountainElement } from '../../../core/fountain';

/**
 * Prints our parse tree in the dump format of the peer fixtures (../shared/vendor/fountain-tools-tests,
 * README there). The peer keeps blank lines between paragraphs of action as elements: "merged", one
 * action runs on over blank lines; "unmerged", every line of action and dialogue is its own element
 * and each blank line between two actions is an empty one. Ours are paragraphs with source lines, so
 * the gaps are counted from the lines.
 */
const q = (s: string) => `"${s}"`;

function line(e: FountainElement): string {
  switch (e.kind) {
    case 'heading':
      return `HEADING:${q(e.text)}${e.sceneNumber === undefined ? '' : ` (${e.sceneNumber})`}`;
    case 'action':
      return `ACTION:${q(e.text)}`;
    case 'centered':
      return `ACTION:${q(e.text)} (centered)`;
    case 'character':
      return `CHARACTER:${q(e.name)}${e.extensions.length ? ` ${q(e.extensions.join(' '))}` : ''}${e.dual === 'right' ? ' (Dual)' : ''}`;
    case 'pageBreak':
      return 'PAGEBREAK:""';
    case 'section':
      return `SECTION:${q(e.text)} (${e.depth})`;
    case 'note':
      return `NOTE:${q(e.text)}`;
    default:
      return `${e.kind.toUpperCase()}:${q(e.text)}`;
  }
}

const isAction = (e: FountainElement | undefined) => e?.kind === 'action' || e?.kind === 'centered';

export function peerDump(doc: FountainDocument, mode: 'merged' | 'unmerged'): string {
  const out = doc.titlePage.map((t) => `TITLEENTRY:${q(t.key)}:${q(t.value)}`);
  let previous: FountainElement | undefined;
  for (const e of doc.elements) {
    const gap = previous ? e.range.start.line - previous.range.end.line - 1 : 0;
    if (isAction(previous) && isAction(e)) {
      if (mode === 'merged' && previous!.kind === 'action' && e.kind === 'action') {
        out[out.length - 1] = `ACTION:${q(`${(previous as { text: string }).text}${'\n'.repeat(gap + 1)}${e.text}`)}`;
        previous = { ...e, text: `${(previous as { text: string }).text}${'\n'.repeat(gap + 1)}${e.text}` };
        continue;
      }
      for (let k = 0; k < gap; k++) out.push('ACTION:""');
    }
    const split = mode === 'unmerged' && (e.kind === 'action' || e.kind === 'dialogue');
    if (split) for (const text of e.text.split('\n')) out.push(line({ ...e, text }));
    else out.push(line(e));
    previous = e;
  }
  return out.join('\n');
}
