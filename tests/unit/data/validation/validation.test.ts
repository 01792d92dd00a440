import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';
import {
  assertValid,
  parseSuite,
  suite,
  SuiteFormatError,
  validate,
  ValidationGateError,
} from '../../../../src/lib/data/validation';
import { loadFixture } from '../../monitoring/reference';

const ref = loadFixture<{
  rows: number;
  bmi_outside_20_40: number;
  bmi_first_outside_rows: number[];
  bmi_mean: number;
  bmi_std: number;
  bmi_quantiles: number[];
  age_duplicates: number;
  target_over_300: number;
}>('validation.json').cases[0]!;

async function diabetes(): Promise<ColumnarTable> {
  const { table } = await parseCsvStream(
    new Response(readFileSync('datasets/diabetes/diabetes.csv')).body!,
  );
  return table;
}

const small: ColumnarTable = {
  rowCount: 6,
  columns: [
    { name: 'id', type: 'string', values: ['a1', 'a2', 'a2', 'b3', null, 'zz'] },
    { name: 'passengers', type: 'integer', values: Float64Array.of(1, 0, 2, 7, NaN, 3) },
    {
      name: 'flag',
      type: 'category',
      codes: Uint32Array.of(0, 1, 0, 2, 0, 0xffffffff),
      dictionary: ['N', 'Y', 'X'],
    },
  ],
};

describe('validation suites on a hand-counted table', () => {
  const run = (s: ReturnType<typeof suite>) => validate(small, s.toJSON()).results[0]!;

  it('not null counts every missing value', () => {
    const r = run(suite('s').expectColumnValuesToNotBeNull('id'));
    expect([r.success, r.result.unexpected_count, r.result.partial_unexpected_list]).toEqual([
      false,
      1,
      [{ row: 4, value: null }],
    ]);
    expect(run(suite('s').expectColumnValuesToNotBeNull('id', { mostly: 0.8 })).success).toBe(true);
  });

  it('between ignores nulls, honours strict bounds and mostly', () => {
    const r = run(suite('s').expectColumnValuesToBeBetween('passengers', 1, 6));
    expect(r.result).toMatchObject({ element_count: 6, missing_count: 1, unexpected_count: 2 });
    expect(r.result.unexpected_percent).toBeCloseTo(40);
    expect(r.result.partial_unexpected_list).toEqual([
      { row: 1, value: 0 },
      { row: 3, value: 7 },
    ]);
    expect(
      run(suite('s').expectColumnValuesToBeBetween('passengers', 1, 6, { mostly: 0.6 })).success,
    ).toBe(true);
    expect(
      run(suite('s').expectColumnValuesToBeBetween('passengers', 0, 7, { strictMin: true })).result
        .unexpected_count,
    ).toBe(1);
  });

  it('in set, unique and regex', () => {
    expect(
      run(suite('s').expectColumnValuesToBeInSet('flag', ['N', 'Y'])).result.unexpected_count,
    ).toBe(1);
    const unique = run(suite('s').expectColumnValuesToBeUnique('id'));
    expect([unique.success, unique.result.unexpected_count]).toEqual([false, 2]);
    const regex = run(suite('s').expectColumnValuesToMatchRegex('id', /^[ab]\d$/));
    expect(regex.result.partial_unexpected_list).toEqual([{ row: 5, value: 'zz' }]);
  });

  it('types, column sets and row counts', () => {
    const report = validate(
      small,
      suite('s')
        .expectColumnValuesToBeOfType('passengers', 'integer')
        .expectColumnValuesToBeOfType('flag', 'string')
        .expectTableColumnsToMatchSet(['id', 'flag', 'passengers'])
        .expectTableColumnsToMatchSet(['id'], { exactMatch: false })
        .expectTableRowCountToBeBetween(10, null)
        .toJSON(),
    );
    expect(report.results.map((r) => r.success)).toEqual([true, false, true, true, false]);
    expect(report.results[1]!.result.observed_value).toBe('category');
    expect(report.statistics).toEqual({
      evaluated_expectations: 5,
      successful_expectations: 3,
      unsuccessful_expectations: 2,
      success_percent: 60,
    });
  });

  it('a missing column fails that expectation with a clear reason instead of throwing', () => {
    const r = run(suite('s').expectColumnValuesToNotBeNull('pasengers'));
    expect(r.success).toBe(false);
    expect(r.exception_info?.message).toBe(
      'no column "pasengers"; the table has id, passengers, flag',
    );
  });
});

describe('validation suites on the real diabetes data (numbers from pandas)', () => {
  it('counts unexpected values and computes aggregates like pandas', async () => {
    const table = await diabetes();
    const report = validate(
      table,
      suite('diabetes')
        .expectTableRowCountToBeBetween(442, 442)
        .expectColumnValuesToBeInSet('sex', [1, 2])
        .expectColumnValuesToBeBetween('bmi', 20, 40)
        .expectColumnMeanToBeBetween('bmi', 26, 27)
        .expectColumnStdevToBeBetween('bmi', 4, 5)
        .expectColumnQuantileValuesToBeBetween(
          'bmi',
          [0.05, 0.5, 0.95],
          [
            [19, 21],
            [25, 26],
            [34, 36],
          ],
        )
        .expectColumnValuesToBeUnique('age')
        .expectColumnValuesToBeBetween('target', null, 300)
        .toJSON(),
    );
    const [rows, sex, bmi, mean, std, quantiles, age, target] = report.results;
    expect([rows!.success, sex!.success]).toEqual([true, true]);
    expect(bmi!.result.unexpected_count).toBe(ref.bmi_outside_20_40);
    expect(bmi!.result.partial_unexpected_list!.map((u) => u.row)).toEqual(
      ref.bmi_first_outside_rows,
    );
    expect(mean!.result.observed_value).toBeCloseTo(ref.bmi_mean, 12);
    expect(std!.result.observed_value).toBeCloseTo(ref.bmi_std, 12);
    expect((quantiles!.result.observed_value as { values: number[] }).values).toEqual(
      ref.bmi_quantiles,
    );
    expect(quantiles!.success).toBe(true);
    expect(age!.result.unexpected_count).toBe(ref.age_duplicates);
    expect(target!.result.unexpected_count).toBe(ref.target_over_300);
    expect(() => assertValid(report)).toThrow(ValidationGateError);
  });
});

describe('suites as JSON and as a gate', () => {
  it('names the path of every bad field', () => {
    const bad = {
      expectation_suite_name: 'x',
      expectations: [
        {
          expectation_type: 'expect_column_values_to_be_between',
          kwargs: { column: 'a', min_value: 'low' },
        },
        { expectation_type: 'expect_column_values_to_be_pink', kwargs: {} },
      ],
    };
    const error = (() => {
      try {
        parseSuite(JSON.stringify(bad));
      } catch (e) {
        return e as SuiteFormatError;
      }
    })()!;
    expect(error).toBeInstanceOf(SuiteFormatError);
    expect(error.problems.map((p) => p.path)).toEqual([
      'expectations[0].kwargs.min_value',
      'expectations[1].expectation_type',
    ]);
    expect(() => parseSuite('{nope')).toThrow(/not JSON/);
  });

  it('stops a pipeline with a message listing what failed', () => {
    const report = validate(
      small,
      suite('gate').expectColumnValuesToBeBetween('passengers', 1, 6).toJSON(),
    );
    expect(() => assertValid(report)).toThrow(
      'Data validation "gate" failed 1 of 1 expectations:\n  expect_column_values_to_be_between on "passengers": 2 unexpected values (40.00 %)',
    );
  });
});
