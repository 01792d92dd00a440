/** Tokens read as missing in typed (non-string) columns. */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

export const isMissingToken = (s: string): boolean => MISSING.has(s);

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An integer literal that fits exactly in a double, or `null`. */
export function parseInteger(s: string): number | null {
  if (!INTEGER.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseFloatStrict(s: string): number | null {
  if (!FLOAT.test(s)) return null;
  return Number(s);
}

export function parseBoolean(s: string): number | null {
  const t = s.toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : null;
}

/**
 * Epoch ms for `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.sss]]` and the `T` form with optional `Z` or
 * `±HH:MM`. Without an offset the wall time is read as UTC. Impossible dates give `null`.
 */
export function parseDatetime(s: string): number | null {
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
