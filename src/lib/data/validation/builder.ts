import type { ColumnType } from '../columnar';
import { parseSuite } from './parse';
import type { Expectation, ExpectationSuite } from './schema';

type Bound = number | null;
type Mostly = { mostly?: number };

/**
 * Writes a suite in a cell, GE-style but in JavaScript: each method adds one expectation and
 * returns the builder; `toJSON()` gives the same JSON a suite file holds.
 */
export class SuiteBuilder {
  readonly #expectations: Expectation[] = [];
  constructor(readonly name: string) {}

  #add(e: Expectation): this {
    this.#expectations.push(e);
    return this;
  }

  expectColumnToExist(column: string) {
    return this.#add({ expectation_type: 'expect_column_to_exist', kwargs: { column } });
  }
  expectColumnValuesToNotBeNull(column: string, options: Mostly = {}) {
    return this.#add({
      expectation_type: 'expect_column_values_to_not_be_null',
      kwargs: { column, ...options },
    });
  }
  expectColumnValuesToBeBetween(
    column: string,
    min: Bound,
    max: Bound,
    options: Mostly & { strictMin?: boolean; strictMax?: boolean } = {},
  ) {
    const { strictMin, strictMax, mostly } = options;
    return this.#add({
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: {
        column,
        min_value: min,
        max_value: max,
        ...(strictMin === undefined ? {} : { strict_min: strictMin }),
        ...(strictMax === undefined ? {} : { strict_max: strictMax }),
        ...(mostly === undefined ? {} : { mostly }),
      },
    });
  }
  expectColumnValuesToBeInSet(
    column: string,
    values: (string | number | boolean)[],
    options: Mostly = {},
  ) {
    return this.#add({
      expectation_type: 'expect_column_values_to_be_in_set',
      kwargs: { column, value_set: values, ...options },
    });
  }
  expectColumnValuesToBeUnique(column: string, options: Mostly = {}) {
    return this.#add({
      expectation_type: 'expect_column_values_to_be_unique',
      kwargs: { column, ...options },
    });
  }
  expectColumnValuesToMatchRegex(column: string, regex: string | RegExp, options: Mostly = {}) {
    return this.#add({
      expectation_type: 'expect_column_values_to_match_regex',
      kwargs: { column, regex: typeof regex === 'string' ? regex : regex.source, ...options },
    });
  }
  expectColumnValuesToBeOfType(column: string, type: ColumnType) {
    return this.#add({
      expectation_type: 'expect_column_values_to_be_of_type',
      kwargs: { column, type_: type },
    });
  }
  expectColumnMeanToBeBetween(column: string, min: Bound, max: Bound) {
    return this.#add({
      expectation_type: 'expect_column_mean_to_be_between',
      kwargs: { column, min_value: min, max_value: max },
    });
  }
  expectColumnStdevToBeBetween(column: string, min: Bound, max: Bound) {
    return this.#add({
      expectation_type: 'expect_column_stdev_to_be_between',
      kwargs: { column, min_value: min, max_value: max },
    });
  }
  expectColumnQuantileValuesToBeBetween(
    column: string,
    quantiles: number[],
    ranges: [Bound, Bound][],
  ) {
    return this.#add({
      expectation_type: 'expect_column_quantile_values_to_be_between',
      kwargs: { column, quantile_ranges: { quantiles, value_ranges: ranges } },
    });
  }
  expectTableRowCountToBeBetween(min: Bound, max: Bound) {
    return this.#add({
      expectation_type: 'expect_table_row_count_to_be_between',
      kwargs: { min_value: min, max_value: max },
    });
  }
  expectTableColumnsToMatchSet(columns: string[], options: { exactMatch?: boolean } = {}) {
    return this.#add({
      expectation_type: 'expect_table_columns_to_match_set',
      kwargs: {
        column_set: columns,
        ...(options.exactMatch === undefined ? {} : { exact_match: options.exactMatch }),
      },
    });
  }

  /** The suite as GE-style JSON, checked against the suite schema. */
  toJSON(): ExpectationSuite {
    return parseSuite({ expectation_suite_name: this.name, expectations: this.#expectations });
  }
}

export const suite = (name: string) => new SuiteBuilder(name);
