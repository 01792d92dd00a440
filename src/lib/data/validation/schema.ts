import { z } from 'zod';
import { COLUMN_TYPES } from '../columnar/types';

/**
 * Expectation suites in Great Expectations' JSON shape (`expectation_type` + `kwargs`), so a
 * suite written here reads like one from GE, and GE's docs explain every field.
 */
const column = z.string().min(1).describe('Column name.');
const mostly = z
  .number()
  .min(0)
  .max(1)
  .optional()
  .describe('Fraction of non-null values that must pass (default 1).');
const bound = z.number().nullable().optional();

const kinds = {
  expect_column_to_exist: z.strictObject({ column }),
  expect_column_values_to_not_be_null: z.strictObject({ column, mostly }),
  expect_column_values_to_be_between: z.strictObject({
    column,
    min_value: bound,
    max_value: bound,
    strict_min: z.boolean().optional(),
    strict_max: z.boolean().optional(),
    mostly,
  }),
  expect_column_values_to_be_in_set: z.strictObject({
    column,
    value_set: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    mostly,
  }),
  expect_column_values_to_be_unique: z.strictObject({ column, mostly }),
  expect_column_values_to_match_regex: z.strictObject({ column, regex: z.string(), mostly }),
  expect_column_values_to_be_of_type: z.strictObject({ column, type_: z.enum(COLUMN_TYPES) }),
  expect_column_mean_to_be_between: z.strictObject({ column, min_value: bound, max_value: bound }),
  expect_column_stdev_to_be_between: z.strictObject({ column, min_value: bound, max_value: bound }),
  expect_column_quantile_values_to_be_between: z.strictObject({
    column,
    quantile_ranges: z.strictObject({
      quantiles: z.array(z.number().min(0).max(1)).min(1),
      value_ranges: z.array(z.tuple([bound, bound])).min(1),
    }),
  }),
  expect_table_row_count_to_be_between: z.strictObject({ min_value: bound, max_value: bound }),
  expect_table_columns_to_match_set: z.strictObject({
    column_set: z.array(z.string()),
    exact_match: z.boolean().optional(),
  }),
} as const;

export type ExpectationType = keyof typeof kinds;
export const EXPECTATION_TYPES = Object.keys(kinds) as ExpectationType[];

export const expectationSchema = z.discriminatedUnion(
  'expectation_type',
  EXPECTATION_TYPES.map((type) =>
    z.strictObject({
      expectation_type: z.literal(type),
      kwargs: kinds[type],
      meta: z.record(z.string(), z.unknown()).optional(),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const suiteSchema = z.strictObject({
  expectation_suite_name: z.string().min(1),
  expectations: z.array(expectationSchema),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type Expectation = {
  [K in ExpectationType]: {
    expectation_type: K;
    kwargs: z.infer<(typeof kinds)[K]>;
    meta?: Record<string, unknown>;
  };
}[ExpectationType];

export interface ExpectationSuite {
  expectation_suite_name: string;
  expectations: Expectation[];
  meta?: Record<string, unknown>;
}
