/**
 * For profileLatency.ts: a page's CPU profile cut into busy runs (busy samples with less than JOIN_MS
 * of idle between them), the long ones (> 16 ms) listed, and self time per package or folder of ours.
 * A busy run is an upper bound of a task: back-to-back tasks under load merge into one (the long
 * animation frames that profileLatency.ts also prints are the browser's own count). The page's bundle is
 * not minified: esbuild heads each module with a `// path` comment, which maps a line to its module.
 */

export interface Profile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const LONG_MS = 16;
/** A gap of idle this short between busy samples is still one task (the sampler's own jitter). */
const JOIN_MS = 0.5;
const IDLE = new Set(['(idle)']);

/** Line → module group, from the bundle's module comments. */
export function moduleGroups(bundle: string): (line: number) => string {
  const starts: [number, string][] = [];
  bundle.split('\n').forEach((text, line) => {
    const m = /^ {2}\/\/ (\S+\.(?:m?js|cjs|ts|tsx))$/.exec(text);
    if (m) starts.push([line, group(m[1]!)]);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = 'bundle prelude';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]![0] <= line) {
        found = starts[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

function group(modulePath: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(modulePath);
  if (pkg) return pkg[1]!;
  const ours = /^((?:webview|core)\/[^/]+)/.exec(modulePath);
  return ours ? ours[1]!.replace(/\.tsx?$/, '') : modulePath;
}

interface Sample {
  at: number;
  ms: number;
  fn: string;
  group: string;
}

function samplesOf(profile: Profile, bundleUrl: string, groupOf: (line: number) => string): Sample[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let at = profile.startTime / 1000;
  return profile.samples.map((id, i) => {
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)!.callFrame;
    const name = f.functionName || '(anonymous)';
    const grp = f.url === bundleUrl ? groupOf(f.lineNumber) : f.url ? f.url.split('/').pop()! : name;
    return { at, ms: (profile.timeDeltas[i + 1] ?? 0) / 1000, fn: `${name} ${grp}:${f.lineNumber}`, group: grp };
  });
}

/** Runs of busy samples; each a task as far as the sampler can tell. */
function tasks(samples: readonly Sample[]): Sample[][] {
  const out: Sample[][] = [];
  let cur: Sample[] = [];
  let idleSince = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    if (IDLE.has(s.fn.split(' ')[0]!)) {
      if (idleSince === Number.NEGATIVE_INFINITY) idleSince = s.at;
      if (cur.length && s.at - idleSince >= JOIN_MS) {
        out.push(cur);
        cur = [];
      }
      continue;
    }
    idleSince = Number.NEGATIVE_INFINITY;
    cur.push(s);
  }
  if (cur.length) out.push(cur);
  return out;
}

const sum = (xs: readonly Sample[]) => xs.reduce((a, s) => a + s.ms, 0);
const span = (t: readonly Sample[]) => t.at(-1)!.at + t.at(-1)!.ms - t[0]!.at;

function bySelf(xs: readonly Sample[], key: (s: Sample) => string, rows: number, per = 1): string[] {
  const m = new Map<string, number>();
  for (const s of xs) m.set(key(s), (m.get(key(s)) ?? 0) + s.ms);
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms${per !== 1 ? ` ${(v / per).toFixed(3).padStart(7)} ms/update` : ''}  ${k}`);
}

/** The report: busy time per group per update, the task length distribution, and what the long tasks run. */
export function breakdown(profile: Profile, bundleUrl: string, groupOf: (line: number) => string, updates: number): string[] {
  const samples = samplesOf(profile, bundleUrl, groupOf);
  const busy = samples.filter((s) => !IDLE.has(s.fn.split(' ')[0]!));
  const all = tasks(samples);
  const lens = all.map(span).sort((a, b) => a - b);
  const long = all.filter((t) => span(t) > LONG_MS);
  const q = (p: number) => (lens[Math.min(lens.length - 1, Math.floor((p / 100) * lens.length))] ?? 0).toFixed(1);
  return [
    `busy ${sum(busy).toFixed(0)} ms in ${all.length} busy runs; run p50/p95/p99/max ${q(50)} / ${q(95)} / ${q(99)} / ${lens.at(-1)?.toFixed(1)} ms`,
    `self time per group (${updates} updates):`,
    ...bySelf(busy, (s) => s.group, 14, updates),
    `long busy runs (> ${LONG_MS} ms): ${long.length}; at s from the profile's start: length ms (of which (program) ms)`,
    `  ${long.map((t) => `@${((t[0]!.at - samples[0]!.at) / 1000).toFixed(2)}: ${span(t).toFixed(0)} (${sum(t.filter((x) => x.group === '(program)')).toFixed(0)})`).join(', ')}`,
    ...(long.length ? ['  their self time per group:', ...bySelf(long.flat(), (s) => s.group, 10), '  their top functions:',
      ...bySelf(long.flat(), (s) => s.fn, 16)] : []),
  ];
}
