import { TIMES } from '../fountain/screenplay';
import type { TimeOfDay } from '../fountain';
import type { Setting } from './types';

const PREFIX = /^(INT\.?\/EXT|INT\/EXT|EXT\.?\/INT|I\/E|INT|EXT|EST)[. ]\s*/i;

/** More words a heading may end in than the example's strict reading takes. */
const MORE_TIMES: Readonly<Record<string, TimeOfDay>> = {
  ...TIMES, SUNRISE: 'dawn', 'EARLY MORNING': 'dawn', AFTERNOON: 'day', NOON: 'day', SUNSET: 'dusk', MIDNIGHT: 'night', 'LATE NIGHT': 'night',
};

/**
 * Setting, location and time of day from a heading such as `EXT. HARBOUR WALL - DUSK`. A time it does
 * not know (CONTINUOUS, LATER, none) carries on from the scene before, and the first scene's is day.
 */
export function readHeading(heading: string, previous: TimeOfDay | undefined): { setting: Setting; location: string; timeOfDay: TimeOfDay } {
  const prefix = PREFIX.exec(heading);
  const word = prefix?.[1]!.toUpperCase().replace('.', '') ?? '';
  const setting: Setting = word === '' ? '' : word === 'INT' || word === 'EXT' || word === 'EST' ? word : 'INT/EXT';
  const rest = prefix ? heading.slice(prefix[0].length) : heading;
  const dash = rest.search(/\s+-{1,2}\s+[^-]*$/);
  const location = (dash < 0 ? rest : rest.slice(0, dash)).trim();
  const time = dash < 0 ? '' : rest.slice(dash).replace(/^\s*-{1,2}\s*/, '').trim().toUpperCase();
  return { setting, location, timeOfDay: MORE_TIMES[time] ?? previous ?? 'day' };
}
