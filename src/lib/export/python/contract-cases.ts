import type { ColumnSpec } from '../../registry/types';

/** One request of the Labbook's API contract and the status the Labbook answers it with. */
export interface ContractCase {
  name: string;
  route: 'predict' | 'invocations';
  /** The body as sent: JSON text, so malformed bodies can be cases too. */
  body: string;
  contentType: string;
  status: number;
}

const NUMERIC = new Set(['double', 'long']);

/**
 * The contract requests for a model: its input example (200), and the refusals the Labbook's
 * tests pin (tests/unit/serving/contract.test.ts) — a missing field, a word for a number, NaN
 * as text, an unknown field, broken JSON, a list for an object, text/plain, a batch format
 * MLflow does not know. The Node test sends each to the Labbook's router and to the exported
 * FastAPI app, and both must answer `status`.
 */
export function contractCases(
  inputs: readonly ColumnSpec[],
  example: Record<string, unknown>,
): ContractCase[] {
  const json = 'application/json';
  const body = (v: unknown) => JSON.stringify(v);
  const first = inputs[0];
  const numeric = inputs.find((c) => NUMERIC.has(c.type));
  let extra = 'unexpected_field';
  while (inputs.some((c) => c.name === extra)) extra += '_';
  const cases: ContractCase[] = [
    {
      name: 'the input example',
      route: 'predict',
      body: body(example),
      contentType: json,
      status: 200,
    },
    {
      name: 'an unknown field',
      route: 'predict',
      body: body({ ...example, [extra]: 1 }),
      contentType: json,
      status: 422,
    },
    { name: 'broken JSON', route: 'predict', body: '{"a": 1,', contentType: json, status: 422 },
    {
      name: 'a list for an object',
      route: 'predict',
      body: '[1, 2, 3]',
      contentType: json,
      status: 422,
    },
    { name: 'null', route: 'predict', body: 'null', contentType: json, status: 422 },
    {
      name: 'text/plain',
      route: 'predict',
      body: body(example),
      contentType: 'text/plain',
      status: 415,
    },
    {
      name: 'a batch of records',
      route: 'invocations',
      body: body({ dataframe_records: [example, example] }),
      contentType: json,
      status: 200,
    },
    {
      name: 'an unknown batch format',
      route: 'invocations',
      body: body({ rows: [] }),
      contentType: json,
      status: 422,
    },
  ];
  if (first) {
    const { [first.name]: _, ...rest } = example;
    cases.push({
      name: `"${first.name}" missing`,
      route: 'predict',
      body: body(rest),
      contentType: json,
      status: 422,
    });
  }
  if (numeric) {
    for (const [what, value] of [
      ['a word', 'two'],
      ['NaN as text', 'NaN'],
    ] as const)
      cases.push({
        name: `${what} for "${numeric.name}"`,
        route: 'predict',
        body: body({ ...example, [numeric.name]: value }),
        contentType: json,
        status: 422,
      });
  }
  return cases;
}
