import { type ColumnType } from '../columnar/types';
import { parseFor } from './builder';
import { fastDatetime } from './values';

/** Exact powers of ten: every one up to 1e22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const TWO_53 = 2 ** 53;

/**
 * `s[at, end)` as an integer if it is `[+-]?digits` with at most 15 digits (always exact),
 * else `undefined`: the general parser decides (missing tokens, long or odd literals).
 */
export function integerAt(s: string, at: number, end: number): number | undefined {
  let i = at;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) i++;
  if (i === end || end - i > 15) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return sign === 45 ? -v : v;
}

function restAreDigits(s: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/**
 * `s[at, end)` as a float if it is `[+-]?digits[.digits]`, else `undefined` (exponents, missing
 * tokens and the rest go to the general parser). When the digits (trailing zeros of the
 * fraction dropped) make an integer m below 2^53 with k ≤ 22 of them after the point, `m / 10^k`
 * divides two exact doubles once, so it is correctly rounded — the very double `Number(text)`
 * gives (Clinger's fast path); longer ones are read by `Number` itself.
 */
export function floatAt(s: string, at: number, end: number): number | undefined {
  let i = at;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) i++;
  let m = 0;
  let k = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
  }
  if (i < end && s.charCodeAt(i) === 46) {
    let zeros = 0;
    for (i++; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      digits++;
      if (d === 0) zeros++;
      else {
        k += zeros + 1;
        m = m * POW10[Math.min(zeros + 1, 22)]! + d;
        zeros = 0;
        // Past the exact range (most 17-digit coordinates): only check the rest is digits.
        if (m >= TWO_53 || k > 22)
          return restAreDigits(s, i + 1, end) ? Number(s.slice(at, end)) : undefined;
      }
    }
  }
  if (i !== end || digits === 0) return undefined;
  // A rounded product is at least 2^53 whenever the exact one is: no inexact m gets through.
  // Longer literals are still well formed: `Number` reads them (`parseFloatStrict` would too).
  if (m >= TWO_53 || k > 22) return Number(s.slice(at, end));
  const v = m / POW10[k]!;
  return sign === 45 ? -v : v;
}

/**
 * The value `parseFor(type, s.slice(at, end))` gives, without making the string for the
 * common forms: a number, `NaN` for missing, `null` when the text does not fit `type`.
 */
export function valueAt(type: ColumnType, s: string, at: number, end: number): number | null {
  let v: number | null | undefined;
  if (at === end) {
    if (type === 'integer' || type === 'float' || type === 'datetime') return NaN;
  } else if (type === 'integer') v = integerAt(s, at, end);
  else if (type === 'float') v = floatAt(s, at, end);
  else if (type === 'datetime') v = fastDatetime(s, at, end);
  return v === undefined ? parseFor(type, s.slice(at, end)) : v;
}
