import { CiError } from './errors';

/** A POSIX cron line (minute hour day-of-month month day-of-week), as sets of allowed values. */
export interface Cron {
  source: string;
  fields: Set<number>[];
  /** `*` in day-of-month or day-of-week: cron then matches on the other one alone. */
  anyDay: boolean;
  anyWeekday: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 6 },
] as const;

export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  const bad = (why: string) =>
    new CiError(
      'bad-cron',
      `cron "${source}": ${why}. Write five fields, minute hour day month weekday, e.g. "0 3 * * 1" (Mondays 03:00 UTC) or "*/15 * * * *".`,
    );
  if (parts.length !== 5) throw bad(`${parts.length} fields instead of 5`);
  const fields = parts.map((part, i) => {
    const { name, min, max } = FIELDS[i]!;
    const set = new Set<number>();
    for (const item of part.split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) throw bad(`"${item}" is not a ${name} (a number, a-b, * or */n)`);
      const from = m[1] === '*' ? min : Number(m[2]);
      const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : from;
      const step = m[4] ? Number(m[4]) : 1;
      if (from < min || to > max || from > to || step < 1)
        throw bad(`${name} "${item}" is outside ${min}–${max}`);
      for (let v = from; v <= to; v += step) set.add(v);
    }
    return set;
  });
  return { source, fields, anyDay: parts[2] === '*', anyWeekday: parts[4] === '*' };
}

export function cronMatches(cron: Cron, ms: number): boolean {
  const d = new Date(ms);
  const [minute, hour, day, month, weekday] = cron.fields as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (
    !minute.has(d.getUTCMinutes()) ||
    !hour.has(d.getUTCHours()) ||
    !month.has(d.getUTCMonth() + 1)
  )
    return false;
  const dayOk = day.has(d.getUTCDate());
  const weekdayOk = weekday.has(d.getUTCDay());
  // POSIX: when both day fields are restricted, either one matching is enough.
  if (cron.anyDay || cron.anyWeekday) return dayOk && weekdayOk;
  return dayOk || weekdayOk;
}

/** At most this many fire times per advance of the clock: a year of "* * * * *" is not queued. */
const MAX_FIRES_PER_ADVANCE = 100;

/** The minutes in (from, to] at which the cron fires, oldest first, at most `limit`. */
export function firesBetween(
  cron: Cron,
  from: number,
  to: number,
  limit = MAX_FIRES_PER_ADVANCE,
): number[] {
  const fires: number[] = [];
  const minute = 60_000;
  // Walk minutes, but skip whole hours and days that cannot match, so a year is cheap.
  for (let t = Math.floor(from / minute) * minute + minute; t <= to && fires.length < limit;) {
    const d = new Date(t);
    if (!cron.fields[1]!.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (cronMatches(cron, t)) fires.push(t);
    t += minute;
  }
  return fires;
}
