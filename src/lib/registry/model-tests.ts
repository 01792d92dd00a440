import { z } from 'zod';
import { RegistryError } from './errors';

/** One model input: column name → value (datetimes as text, e.g. "2016-03-14 17:24:55"). */
export type InputRow = Record<string, number | string>;
export type Predict = (rows: InputRow[]) => number[];

const rows = z
  .array(z.record(z.string(), z.union([z.number(), z.string()])))
  .min(1)
  .optional();
const common = {
  name: z.string().min(1),
  /** Rows to test on; the version's input example when left out. */
  rows,
  /** A failing required test closes the champion gate; an optional one only reports. */
  required: z.boolean().default(true),
};

/**
 * The three kinds of behavioural test that "testing ML models" teaches (after Ribeiro et al.,
 * CheckList): minimum functionality, invariance, directional expectation.
 */
export const modelTestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('minimum'),
      ...common,
      expect: z
        .object({ min: z.number().optional(), max: z.number().optional() })
        .strict()
        .refine((e) => e.min !== undefined || e.max !== undefined, 'give min, max or both'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('invariance'),
      ...common,
      feature: z.string().min(1),
      /** Set the feature to each of these values… */
      values: z.array(z.number()).min(1).optional(),
      /** …or move it by each of these amounts (measurement noise, say). */
      deltas: z.array(z.number()).min(1).optional(),
      tolerance: z.number().nonnegative().default(1e-6),
    })
    .strict()
    .refine((t) => (t.values === undefined) !== (t.deltas === undefined), {
      message: 'give either values (set the feature) or deltas (move it), not both',
      path: ['values'],
    }),
  z
    .object({
      kind: z.literal('directional'),
      ...common,
      feature: z.string().min(1),
      delta: z.number().refine((d) => d !== 0, 'delta must not be 0'),
      expect: z.enum(['increase', 'decrease']),
    })
    .strict(),
]);

export type ModelTest = z.input<typeof modelTestSchema>;
type ParsedTest = z.output<typeof modelTestSchema>;

export interface ModelTestResult {
  name: string;
  kind: ModelTest['kind'];
  required: boolean;
  passed: boolean;
  /** How many rows were checked and how many broke the expectation. */
  checked: number;
  failures: number;
  message: string;
}

export interface ModelTestReport {
  at: number;
  /**
   * True when at least one required test ran and every required test passed: the champion gate
   * is open. A list of optional tests only reports — it cannot vouch for a model on its own.
   */
  passed: boolean;
  results: ModelTestResult[];
}

function parseTests(tests: unknown): ParsedTest[] {
  if (!Array.isArray(tests) || tests.length === 0)
    throw new RegistryError('bad-test', 'Give a non-empty list of model tests.');
  return tests.map((test, i) => {
    const parsed = modelTestSchema.safeParse(test);
    if (parsed.success) return parsed.data;
    const where = (test as { name?: unknown } | null)?.name;
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(test)'}: ${issue.message}`,
    );
    throw new RegistryError(
      'bad-test',
      `Test ${i + 1}${typeof where === 'string' ? ` ("${where}")` : ''} is not valid: ${problems.join('; ')}.`,
    );
  });
}

/** Four significant digits, without trailing zeros: 0.9999999 → 1, 1234.5 → 1235. */
const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** The tested feature must be a numeric input, present as a number in every row. */
function checkFeature(
  test: { name: string; feature: string },
  inputs: readonly string[],
  rows: InputRow[],
): void {
  if (!inputs.includes(test.feature))
    throw new RegistryError(
      'bad-test',
      `Test "${test.name}": the model has no input "${test.feature}" (it takes ${inputs.join(', ')}).`,
    );
  const bad = rows.findIndex((r) => typeof r[test.feature] !== 'number');
  if (bad >= 0)
    throw new RegistryError(
      'bad-test',
      `Test "${test.name}": row ${bad + 1} has ${JSON.stringify(rows[bad]![test.feature])} for "${test.feature}"; only numeric inputs can be moved.`,
    );
}

function runOne(
  test: ParsedTest,
  predict: Predict,
  example: InputRow[],
  inputs: readonly string[],
) {
  const base = test.rows ?? example;
  if (base.length === 0)
    throw new RegistryError(
      'bad-test',
      `Test "${test.name}" has no rows and the version has no input example to use instead.`,
    );
  const before = predict(base);
  const result = (failures: number, checked: number, message: string): ModelTestResult => ({
    name: test.name,
    kind: test.kind,
    required: test.required,
    passed: failures === 0,
    checked,
    failures,
    message,
  });
  if (test.kind === 'minimum') {
    const { min = -Infinity, max = Infinity } = test.expect;
    const outside = before.map((p) => !(p >= min && p <= max));
    const failures = outside.filter(Boolean).length;
    const bad = outside.indexOf(true);
    return result(
      failures,
      before.length,
      failures === 0
        ? `All ${before.length} predictions within [${fmt(min)}, ${fmt(max)}].`
        : `${failures} of ${before.length} predictions outside [${fmt(min)}, ${fmt(max)}]; row ${bad + 1} gave ${fmt(before[bad]!)}.`,
    );
  }
  checkFeature(test, inputs, base);
  if (test.kind === 'invariance') {
    const moves = test.deltas ?? test.values!;
    const moved = (r: InputRow, m: number) => (test.deltas ? (r[test.feature] as number) + m : m);
    let failures = 0;
    let worst = { change: 0, row: 0, move: 0 };
    for (const move of moves) {
      const after = predict(base.map((r) => ({ ...r, [test.feature]: moved(r, move) })));
      after.forEach((p, i) => {
        const change = Math.abs(p - before[i]!);
        if (!(change <= test.tolerance)) failures++;
        if (!(change <= worst.change)) worst = { change, row: i, move };
      });
    }
    const checked = base.length * moves.length;
    const how = test.deltas
      ? `${test.feature} is moved by ${moves.map(fmt).join(', ')}`
      : `${test.feature} is set to ${moves.map(fmt).join(', ')}`;
    const culprit = test.deltas
      ? `${test.feature} moved by ${fmt(worst.move)}`
      : `${test.feature} = ${fmt(worst.move)}`;
    return result(
      failures,
      checked,
      failures === 0
        ? `Predictions unchanged (±${fmt(test.tolerance)}) when ${how}.`
        : `${failures} of ${checked} predictions moved by more than ${fmt(test.tolerance)} when ${how}; the largest move, ${fmt(worst.change)}, was row ${worst.row + 1} with ${culprit}.`,
    );
  }
  const after = predict(
    base.map((r) => ({ ...r, [test.feature]: (r[test.feature] as number) + test.delta })),
  );
  const wrong = after.map((p, i) =>
    test.expect === 'increase' ? !(p > before[i]!) : !(p < before[i]!),
  );
  const failures = wrong.filter(Boolean).length;
  const first = wrong.indexOf(true);
  const change = `${test.delta > 0 ? 'raising' : 'lowering'} ${test.feature} by ${fmt(Math.abs(test.delta))}`;
  return result(
    failures,
    base.length,
    failures === 0
      ? `All ${base.length} predictions ${test.expect === 'increase' ? 'rose' : 'fell'} on ${change}.`
      : `${failures} of ${base.length} predictions did not ${test.expect} on ${change}; row ${first + 1} went from ${fmt(before[first]!)} to ${fmt(after[first]!)}.`,
  );
}

/** Runs behavioural tests against a model's predict function. */
export function runModelTests(
  tests: unknown,
  predict: Predict,
  options: { example: InputRow[]; inputs: readonly string[]; now?: number },
): ModelTestReport {
  const results = parseTests(tests).map((t) => runOne(t, predict, options.example, options.inputs));
  const required = results.filter((r) => r.required);
  return {
    at: options.now ?? Date.now(),
    passed: required.length > 0 && required.every((r) => r.passed),
    results,
  };
}
