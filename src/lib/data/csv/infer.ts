import { type ColumnType } from '../columnar/types';
import {
  isMissingToken,
  parseBoolean,
  parseDatetime,
  parseFloatStrict,
  parseInteger,
} from './values';

/** Category when the sample has at most this many distinct values… */
const MAX_SAMPLE_CATEGORIES = 1000;

/**
 * The narrowest type that fits every non-missing value of a column in the sample rows:
 * integer, float, boolean, datetime, else category (few distinct values, at most half the
 * non-missing count) or string. An all-missing column is `string`.
 */
export function inferType(values: readonly string[]): ColumnType {
  let int = true;
  let float = true;
  let bool = true;
  let date = true;
  let present = 0;
  const distinct = new Set<string>();
  for (const s of values) {
    if (isMissingToken(s)) continue;
    present++;
    if (int && parseInteger(s) === null) int = false;
    if (float && !int && parseFloatStrict(s) === null) float = false;
    if (bool && parseBoolean(s) === null) bool = false;
    if (date && parseDatetime(s) === null) date = false;
    if (distinct.size <= MAX_SAMPLE_CATEGORIES) distinct.add(s);
  }
  if (present === 0) return 'string';
  if (int) return 'integer';
  if (float) return 'float';
  if (bool) return 'boolean';
  if (date) return 'datetime';
  const nonEmpty = values.filter((s) => s !== '').length;
  return distinct.size <= MAX_SAMPLE_CATEGORIES && distinct.size * 2 <= nonEmpty
    ? 'category'
    : 'string';
}
