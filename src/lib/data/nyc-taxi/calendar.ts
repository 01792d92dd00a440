import { CALIBRATION } from './calibration';

/** 2016-01-01 00:00:00 (pickup times are local NYC wall-clock times, handled as UTC numbers). */
const START_MS = Date.UTC(2016, 0, 1);
const DAYS = 182; // 2016-01-01 .. 2016-06-30
const DAY_MS = 86_400_000;

/** Relative volume of the known low days (share of an ordinary day of the same weekday/month). */
const SPECIAL_DAYS: Record<string, number> = {
  '2016-01-23': 0.16, // blizzard, travel ban
  '2016-01-24': 0.44, // blizzard aftermath
  '2016-01-25': 0.83, // snow clean-up Monday
  '2016-05-30': 0.72, // Memorial Day
  '2016-06-13': 0.8, // low Monday in the real data
};

export function dayKey(day: number): string {
  return new Date(START_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday of a day index, Mon = 0 (2016-01-01 was a Friday). */
export function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

export function monthOf(day: number): number {
  return new Date(START_MS + day * DAY_MS).getUTCMonth();
}

/**
 * Expected trip volume per day (sums to 1): weekday factor × month factor × special-day factor,
 * with the weekday and month factors fitted by iterative proportional fitting so that the
 * weekday and month shares match the calibration.
 */
export function dayWeights(): number[] {
  const special = Array.from({ length: DAYS }, (_, d) => SPECIAL_DAYS[dayKey(d)] ?? 1);
  const wd = Array.from({ length: DAYS }, (_, d) => weekdayOf(d));
  const mo = Array.from({ length: DAYS }, (_, d) => monthOf(d));
  const wf = new Array<number>(7).fill(1);
  const mf = new Array<number>(6).fill(1);
  const weights = (): number[] => {
    const w = special.map((s, d) => s * (wf[wd[d] ?? 0] ?? 1) * (mf[mo[d] ?? 0] ?? 1));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  for (let iter = 0; iter < 50; iter++) {
    let w = weights();
    const byWd = new Array<number>(7).fill(0);
    w.forEach((x, d) => (byWd[wd[d] ?? 0] = (byWd[wd[d] ?? 0] ?? 0) + x));
    byWd.forEach((s, k) => (wf[k] = (wf[k] ?? 1) * ((CALIBRATION.weekdayShares[k] ?? 0) / s)));
    w = weights();
    const byMo = new Array<number>(6).fill(0);
    w.forEach((x, d) => (byMo[mo[d] ?? 0] = (byMo[mo[d] ?? 0] ?? 0) + x));
    byMo.forEach((s, k) => (mf[k] = (mf[k] ?? 1) * ((CALIBRATION.monthShares[k] ?? 0) / s)));
  }
  return weights();
}

/** `2016-03-14 17:24:55` from seconds since START. */
export function formatDateTime(secondsSinceStart: number): string {
  const iso = new Date(START_MS + secondsSinceStart * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** 2016-03-13 02:00–02:59 does not exist in New York (DST starts); real pickups skip it. */
export const DST_GAP_DAY = 72; // day index of 2016-03-13
