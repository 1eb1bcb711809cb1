import { fallbackLine } from '../../runner/report/events';
import { nodeName } from '../../core';
import type { RenderEvent } from '../../runner/render';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export interface RenderLogger {
  trace(m: string): void;
  debug(m: string): void;
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
}

/** One line per job event in the BMAD output channel; a pipeline's own log lines keep their level. */
export function renderLogLine(e: RenderEvent): [Level, string] | undefined {
  switch (e.type) {
    case 'plan': {
      const blocked = e.plan.entries.filter((x) => x.state !== 'job').length;
      return ['info', `${e.canvas}: ${e.plan.jobs.length} job(s) planned${blocked ? `, ${blocked} node(s) cannot render` : ''}${e.plan.warnings.length ? `; ${e.plan.warnings.join('; ')}` : ''}`];
    }
    case 'resume':
      return ['info', `resuming: ${e.interrupted} job(s) an earlier, killed render had started`];
    case 'fallback':
      return ['warn', fallbackLine(e.unfit)];
    case 'materialized':
      return ['info', `${e.canvas}: ${e.files.length} file(s) in 03_Renders${e.removed.length ? `, removed ${e.removed.join(', ')}` : ''}`];
    default: {
      const who = nodeName(e.job.node);
      switch (e.type) {
        case 'cached':
          return ['debug', `${who}: cached (${e.job.key.slice(0, 12)})`];
        case 'start':
          return ['info', `${who}: started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`];
        case 'progress': {
          const l = e.line;
          if (l.type === 'progress') return ['trace', `${who}: ${l.value}/${l.max}${l.stage ? ` ${l.stage}` : ''}`];
          if (l.type === 'log') return [l.level === 'debug' ? 'debug' : l.level, `${who}: ${l.message}`];
          return ['trace', `${who}: preview ${l.file}`];
        }
        case 'retry':
          return ['warn', `${who}: ${e.code}: ${e.message}; retrying in ${e.delayMs} ms (attempt ${e.attempt})`];
        case 'done':
          return ['info', `${who}: done in ${e.record.ms} ms`];
        case 'failed':
          return ['error', `${who}: failed: ${e.code}: ${e.message} (job log: .bmad-cache/logs/${e.job.key}.log)`];
        case 'skipped':
          return ['warn', `${who}: skipped: ${e.reason}`];
        case 'cancelled':
          return ['info', `${who}: cancelled`];
      }
    }
  }
}

export function logRenderEvent(log: RenderLogger, e: RenderEvent): void {
  const line = renderLogLine(e);
  if (line) log[line[0]](line[1]);
}
