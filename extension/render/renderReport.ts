import path from 'node:path';
import { NodeNames, type BmadDocument } from '../../core';
import type { RenderSummary } from '../../runner/render';
import { failureCounts } from '../../runner/report/reporter';

/**
 * What a person is told when a render ends, decided without `vscode` so it can be unit-tested: one
 * short notification (never a modal). A finished film comes with Open Film and Reveal in Explorer; a
 * failure names the node by its label and offers the log; nodes that need an input are a warning,
 * counted apart from failures.
 */

export type ReportAction = 'Open Film' | 'Reveal in Explorer' | 'Show Log';

export interface RenderReport {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  readonly actions: readonly ReportAction[];
  /** Project-relative path of the film the film actions act on. */
  readonly film?: string;
}

const FILM_ACTIONS: readonly ReportAction[] = ['Open Film', 'Reveal in Explorer'];
/** Beyond this many, a list of names ends with "and N more". */
const MAX_NAMED = 3;

export function renderReport(s: RenderSummary, doc: BmadDocument, films: readonly string[]): RenderReport {
  const names = new NodeNames(doc.nodes);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const name = (id: string, label = '') => names.of(byId.get(id) ?? { id, kind: '', label });
  // Jobs side by side finish in any order: named in the canvas's order, the same message every time.
  const place = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const at = (id: string) => place.get(id) ?? doc.nodes.length;
  const ran = s.ran.map((r) => r.slice(r.indexOf('#') + 1)).sort((a, b) => at(a) - at(b));
  const film = films[0];
  const withFilm = (r: Omit<RenderReport, 'film'>): RenderReport =>
    film ? { ...r, film, actions: [...FILM_ACTIONS, ...r.actions] } : r;

  if (s.cancelled) {
    const kept = ran.length ? `; ${ran.length} finished job(s) are kept` : '';
    return { level: 'info', text: `BMAD: render cancelled${kept}.`, actions: [] };
  }
  const n = failureCounts(s);
  const ready = () => `${films.map((f) => path.posix.basename(f)).join(', ')} ${films.length > 1 ? 'are' : 'is'} ready`;
  const made = film ? ready() : rendered(ran.map((id) => name(id)), s.cached);
  if (n.failed + n.skipped > 0) {
    const f = s.failures.find((x) => x.state === 'failed') ?? s.failures.find((x) => x.state === 'skipped')!;
    const others = [...plural(n.failed + n.skipped - 1, 'other failure', 'other failures'), ...needInput(n['needs-input'])];
    const more = others.length ? ` (${others.join(', ')}: see the BMAD log)` : '';
    const what = f.state === 'failed' ? 'failed' : 'was not rendered';
    return { level: 'error', text: `BMAD: ${name(f.node, f.label)} ${what}: ${f.reason}${more}`, actions: ['Show Log'] };
  }
  // In plan order, upstream first: the first one needs the input itself, later ones may wait for it.
  const waiting = s.failures.filter((x) => x.state === 'needs-input');
  if (waiting.length) {
    const first = waiting[0]!;
    const more = waiting.length > 1 ? `; ${waiting.length - 1} more ${waiting.length === 2 ? 'needs' : 'need'} input` : '';
    const text = `BMAD: ${made}; ${name(first.node, first.label)} needs input — ${first.reason}${more}.`;
    return withFilm({ level: 'warning', text, actions: ['Show Log'] });
  }
  return withFilm({ level: 'info', text: `BMAD: ${made}.`, actions: [] });
}

/** "rendered "Keyframe" and "Clip" (2 cached)", that nothing needed rendering, or that nothing could. */
function rendered(names: readonly string[], cached: number): string {
  if (!names.length) return cached ? `everything was up to date (${cached} cached)` : 'nothing was rendered';
  const shown = names.length > MAX_NAMED ? [...names.slice(0, MAX_NAMED), `${names.length - MAX_NAMED} more`] : names;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]!;
  return `rendered ${list}${cached ? ` (${cached} cached)` : ''}`;
}

const plural = (k: number, one: string, many: string): string[] => (k > 0 ? [`${k} ${k === 1 ? one : many}`] : []);
const needInput = (k: number): string[] => plural(k, 'node needs input', 'nodes need input');
