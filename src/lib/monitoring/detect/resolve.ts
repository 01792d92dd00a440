import { chooseTest, type ColumnFacts, type TestChoice } from './choose-test';
import { DriftError } from './errors';
import type { ResolvedDriftOptions } from './options';
import { DRIFT_TESTS, type DriftTestName, TEST_INFO } from './drift-tests';

export interface ResolvedTest {
  test: DriftTestName;
  /** 'default' (evidently's rule) or the option that set it, e.g. `options.perColumn.bmi.test`. */
  testFrom: string;
  threshold: number;
  thresholdFrom: string;
  reason: string;
}

const testsFor = (kind: string) =>
  DRIFT_TESTS.filter((t) => (TEST_INFO[t].kinds as readonly string[]).includes(kind)).join(', ');

/**
 * The test and threshold for one column: perColumn, then numeric/categorical, then global
 * options, then evidently's default. Checks that the test fits the column and the threshold the
 * test, and says which option to change when not.
 */
export function resolveTest(
  column: string,
  facts: ColumnFacts,
  options: ResolvedDriftOptions,
): ResolvedTest {
  const own = options.perColumn[column] ?? {};
  const numeric = facts.kind === 'numeric';
  const kindKey = numeric ? 'numericTest' : 'categoricalTest';
  const kindThresholdKey = numeric ? 'numericThreshold' : 'categoricalThreshold';
  const choice: TestChoice = chooseTest(facts);
  const [test, testFrom] =
    own.test !== undefined
      ? [own.test, `options.perColumn.${column}.test`]
      : options[kindKey] !== undefined
        ? [options[kindKey], `options.${kindKey}`]
        : options.test !== undefined
          ? [options.test, 'options.test']
          : [choice.test, 'default'];
  const info = TEST_INFO[test];
  const reason =
    testFrom === 'default'
      ? choice.reason
      : `${testFrom} = "${test}" (the default would be ${choice.test}: ${choice.reason})`;
  if (!(info.kinds as readonly string[]).includes(facts.kind)) {
    throw new DriftError(
      'incompatible-test',
      `Column "${column}" is ${facts.kind}, but ${testFrom} is "${test}", which needs numbers. Either set options.perColumn.${column}.test to one of ${testsFor(facts.kind)}, or leave the column out.`,
    );
  }
  if (test === 'z' && facts.uniqueValues > 2) {
    throw new DriftError(
      'incompatible-test',
      `Column "${column}" has ${facts.uniqueValues > 5 ? 'more than 5' : facts.uniqueValues} distinct values, but ${testFrom} is "z", which compares the share of one of exactly two values. Either use chisquare or jensenshannon, or map the column to two values.`,
    );
  }
  const [threshold, thresholdFrom] =
    own.threshold !== undefined
      ? [own.threshold, `options.perColumn.${column}.threshold`]
      : options[kindThresholdKey] !== undefined
        ? [options[kindThresholdKey], `options.${kindThresholdKey}`]
        : options.threshold !== undefined
          ? [options.threshold, 'options.threshold']
          : [info.defaultThreshold, 'default'];
  if (info.score === 'p-value' && threshold >= 1) {
    throw new DriftError(
      'invalid-option',
      `Column "${column}": ${thresholdFrom} is ${threshold}, but "${test}" compares a p-value with it, so it must lie in (0, 1) (usually 0.05). Either lower it or set options.perColumn.${column}.threshold.`,
    );
  }
  return { test, testFrom, threshold, thresholdFrom, reason };
}
