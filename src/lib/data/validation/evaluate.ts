import { isMissing, valueAt, type Column, type ColumnarTable } from '../columnar';
import { quantileSorted } from '../../numeric/quantile';
import type { Expectation, ExpectationSuite } from './schema';
import { DataError } from '../errors';
import { sampleStd, welford } from '../../numeric/moments';

type Value = number | boolean | string | null;

export interface ExpectationResult {
  expectation_type: Expectation['expectation_type'];
  kwargs: Expectation['kwargs'];
  success: boolean;
  result: {
    observed_value?: unknown;
    element_count?: number;
    missing_count?: number;
    unexpected_count?: number;
    unexpected_percent?: number;
    /** Up to 10 failing rows: 0-based row index and value. */
    partial_unexpected_list?: { row: number; value: Value }[];
  };
  /** Why the expectation could not be evaluated (e.g. a missing column); it then fails. */
  exception_info?: { message: string };
}

export interface ValidationReport {
  suite: string;
  success: boolean;
  statistics: {
    evaluated_expectations: number;
    successful_expectations: number;
    unsuccessful_expectations: number;
    success_percent: number;
  };
  results: ExpectationResult[];
}

const EXAMPLES = 10;

function numbersOf(column: Column): Float64Array {
  if ('values' in column && column.values instanceof Float64Array) return column.values;
  throw new DataError(
    'not-numeric',
    `column "${column.name}" is ${column.type}, not a number column`,
  );
}

function bounds(value: number, min?: number | null, max?: number | null, strict = [false, false]) {
  if (min !== null && min !== undefined && (strict[0] ? value <= min : value < min)) return false;
  if (max !== null && max !== undefined && (strict[1] ? value >= max : value > max)) return false;
  return true;
}

/** GE's column-map semantics: nulls are not judged (except by not_be_null); `mostly` of the rest. */
function columnMap(
  column: Column,
  rowCount: number,
  passes: (value: Value, row: number) => boolean,
  mostly = 1,
): ExpectationResult['result'] & { success: boolean } {
  let missing = 0;
  let unexpected = 0;
  const examples: { row: number; value: Value }[] = [];
  for (let row = 0; row < rowCount; row++) {
    if (isMissing(column, row)) {
      missing++;
      continue;
    }
    const value = valueAt(column, row);
    if (!passes(value, row)) {
      unexpected++;
      if (examples.length < EXAMPLES) examples.push({ row, value });
    }
  }
  const judged = rowCount - missing;
  const percent = judged ? (unexpected / judged) * 100 : 0;
  return {
    success: judged === 0 || 1 - unexpected / judged >= mostly - 1e-12,
    element_count: rowCount,
    missing_count: missing,
    unexpected_count: unexpected,
    unexpected_percent: percent,
    partial_unexpected_list: examples,
  };
}

function aggregate(
  observed: number,
  kwargs: { min_value?: number | null; max_value?: number | null },
) {
  return {
    success: !Number.isNaN(observed) && bounds(observed, kwargs.min_value, kwargs.max_value),
    observed_value: observed,
  };
}

function presentSorted(column: Column): Float64Array {
  return numbersOf(column)
    .filter((v) => !Number.isNaN(v))
    .sort();
}

function evaluateOne(
  table: ColumnarTable,
  e: Expectation,
): Omit<ExpectationResult, 'kwargs' | 'expectation_type'> {
  const n = table.rowCount;
  const find = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column)
      throw new DataError(
        'unknown-column',
        `no column "${name}"; the table has ${table.columns.map((c) => c.name).join(', ')}`,
      );
    return column;
  };
  const split = ({ success, ...result }: { success: boolean } & ExpectationResult['result']) => ({
    success,
    result,
  });
  switch (e.expectation_type) {
    case 'expect_table_row_count_to_be_between':
      return split(aggregate(n, e.kwargs));
    case 'expect_table_columns_to_match_set': {
      const actual = table.columns.map((c) => c.name);
      const wanted = new Set(e.kwargs.column_set);
      const success =
        e.kwargs.exact_match === false
          ? [...wanted].every((c) => actual.includes(c))
          : actual.length === wanted.size && actual.every((c) => wanted.has(c));
      return { success, result: { observed_value: actual } };
    }
    case 'expect_column_to_exist':
      return { success: table.columns.some((c) => c.name === e.kwargs.column), result: {} };
    case 'expect_column_values_to_be_of_type': {
      const column = find(e.kwargs.column);
      return { success: column.type === e.kwargs.type_, result: { observed_value: column.type } };
    }
    case 'expect_column_values_to_not_be_null': {
      const column = find(e.kwargs.column);
      let missing = 0;
      const examples: { row: number; value: Value }[] = [];
      for (let row = 0; row < n; row++)
        if (isMissing(column, row)) {
          missing++;
          if (examples.length < EXAMPLES) examples.push({ row, value: null });
        }
      const mostly = e.kwargs.mostly ?? 1;
      return {
        success: n === 0 || 1 - missing / n >= mostly - 1e-12,
        result: {
          element_count: n,
          unexpected_count: missing,
          unexpected_percent: n ? (missing / n) * 100 : 0,
          partial_unexpected_list: examples,
        },
      };
    }
    case 'expect_column_values_to_be_between': {
      const { min_value, max_value, strict_min = false, strict_max = false } = e.kwargs;
      return split(
        columnMap(
          find(e.kwargs.column),
          n,
          (v) => typeof v === 'number' && bounds(v, min_value, max_value, [strict_min, strict_max]),
          e.kwargs.mostly,
        ),
      );
    }
    case 'expect_column_values_to_be_in_set': {
      const allowed = new Set<unknown>(e.kwargs.value_set);
      return split(columnMap(find(e.kwargs.column), n, (v) => allowed.has(v), e.kwargs.mostly));
    }
    case 'expect_column_values_to_match_regex': {
      const regex = new RegExp(e.kwargs.regex);
      return split(
        columnMap(find(e.kwargs.column), n, (v) => regex.test(String(v)), e.kwargs.mostly),
      );
    }
    case 'expect_column_values_to_be_unique': {
      const column = find(e.kwargs.column);
      const counts = new Map<Value, number>();
      for (let row = 0; row < n; row++)
        if (!isMissing(column, row)) {
          const v = valueAt(column, row);
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
      // As GE: every occurrence of a duplicated value is unexpected.
      return split(columnMap(column, n, (v) => counts.get(v) === 1, e.kwargs.mostly));
    }
    case 'expect_column_mean_to_be_between':
    case 'expect_column_stdev_to_be_between': {
      const moments = welford(presentSorted(find(e.kwargs.column)));
      const observed =
        e.expectation_type === 'expect_column_mean_to_be_between'
          ? moments.n
            ? moments.mean
            : NaN
          : sampleStd(moments);
      return split(aggregate(observed, e.kwargs));
    }
    case 'expect_column_quantile_values_to_be_between': {
      const { quantiles, value_ranges } = e.kwargs.quantile_ranges;
      if (quantiles.length !== value_ranges.length)
        throw new DataError(
          'bad-expectation',
          `quantile_ranges has ${quantiles.length} quantiles but ${value_ranges.length} value_ranges`,
        );
      const sorted = presentSorted(find(e.kwargs.column));
      const values = quantiles.map((q) => quantileSorted(sorted, q));
      const success = values.every((v, i) => bounds(v, value_ranges[i]![0], value_ranges[i]![1]));
      return { success, result: { observed_value: { quantiles, values } } };
    }
  }
}

/** Runs every expectation of a suite on a table; never throws for a bad column, it fails it. */
export function validate(table: ColumnarTable, suite: ExpectationSuite): ValidationReport {
  const results: ExpectationResult[] = suite.expectations.map((e) => {
    try {
      return { expectation_type: e.expectation_type, kwargs: e.kwargs, ...evaluateOne(table, e) };
    } catch (error) {
      return {
        expectation_type: e.expectation_type,
        kwargs: e.kwargs,
        success: false,
        result: {},
        exception_info: { message: (error as Error).message },
      };
    }
  });
  const passed = results.filter((r) => r.success).length;
  return {
    suite: suite.expectation_suite_name,
    success: passed === results.length,
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: passed,
      unsuccessful_expectations: results.length - passed,
      success_percent: results.length ? (passed / results.length) * 100 : 100,
    },
    results,
  };
}
