/** Tokens read as missing in typed (non-string) columns. */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

export const isMissingToken = (s: string): boolean => MISSING.has(s);

const INTEGER = /^[+-]?\d+$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An integer literal that fits exactly in a double, or `null`. */
export function parseInteger(s: string): number | null {
  if (!INTEGER.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** `^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$`, scanned by hand: floats are most of a large file's fields. */
function isFloatLiteral(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = s.charCodeAt(i)) === 43 || c === 45)) i++;
    let exponent = 0;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      i++;
      exponent++;
    }
    if (exponent === 0) return false;
  }
  return i === n;
}

export function parseFloatStrict(s: string): number | null {
  return isFloatLiteral(s) ? Number(s) : null;
}

export function parseBoolean(s: string): number | null {
  const t = s.toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number in `s[at, at+length)` if all are ASCII digits, else -1. */
function digitsAt(s: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * The common `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DD` forms of `s[at, end)` without regex, slices
 * or Date objects: the Kaggle taxi file has 2.9 M of them. `undefined` = not this form; the
 * general parser decides.
 */
export function fastDatetime(s: string, at = 0, end = s.length): number | null | undefined {
  const n = end - at;
  if ((n !== 19 && n !== 10) || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45)
    return undefined;
  const y = digitsAt(s, at, 4);
  const mo = digitsAt(s, at + 5, 2);
  const d = digitsAt(s, at + 8, 2);
  if (y < 0 || mo < 0 || d < 0) return undefined;
  let h = 0;
  let mi = 0;
  let sec = 0;
  if (n === 19) {
    const sep = s.charCodeAt(at + 10);
    if ((sep !== 32 && sep !== 84) || s.charCodeAt(at + 13) !== 58 || s.charCodeAt(at + 16) !== 58)
      return undefined;
    h = digitsAt(s, at + 11, 2);
    mi = digitsAt(s, at + 14, 2);
    sec = digitsAt(s, at + 17, 2);
    if (h < 0 || mi < 0 || sec < 0 || sec > 59) return undefined;
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! + (mo === 2 && leap ? 1 : 0)) return null;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000;
}

/**
 * Epoch ms for `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.sss]]` and the `T` form with optional `Z` or
 * `±HH:MM`. Without an offset the wall time is read as UTC. Impossible dates give `null`.
 */
export function parseDatetime(s: string): number | null {
  const fast = fastDatetime(s);
  if (fast !== undefined) return fast;
  const m = DATETIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((v) => (v ? Number(v) : 0));
  if (mo === undefined || d === undefined || y === undefined) return null;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t;
}
