import { describe, expect, it } from 'vitest';
import type { Predictor } from '../../../src/lib/registry';
import type { ColumnSpec } from '../../../src/lib/registry/types';
import { checkRows, predictRows, type Row } from '../../../src/lib/serving/scoring';

const inputs: ColumnSpec[] = [{ name: 'a', type: 'double' }];
const signature = async () => inputs;
const options = {
  loc: ['body', 'dataframe_records'],
  single: false,
  maxRows: 2,
  per: 'request' as const,
};
const model = (predict: (rows: Row[]) => number[]): Predictor => ({
  signature: { inputs, outputs: [{ name: 'y', type: 'double' }] },
  predict,
});
const predictOptions = (fault?: { latencyMs: number; errorRate: number }) => ({
  version: 3,
  fault,
  random: () => 0.5,
  sleep: async () => {},
  loc: ['body', 'dataframe_records'],
  single: false,
});

describe('the scoring sequence: size → validation → fault → predict → non-finite', () => {
  it('sizes before it validates, and never loads the signature for an oversized batch', async () => {
    let asked = 0;
    const counted = async () => (asked++, inputs);
    const big = await checkRows([{ a: 'x' }, { b: 1 }, {}], counted, options);
    expect('refused' in big && big.refused.status).toBe(413);
    expect(asked).toBe(0);
    const bad = await checkRows([{ a: 'x' }], counted, options);
    expect('refused' in bad && bad.refused.status).toBe(422);
    expect(asked).toBe(1);
  });

  it('words the limit for the path that hit it', async () => {
    const rows = [{ a: 1 }, { a: 2 }, { a: 3 }];
    const job = await checkRows(rows, signature, { ...options, per: 'job' });
    expect('refused' in job && job.refused.detail).toBe(
      "3 rows exceed this endpoint's limit of 2 per job.",
    );
  });

  it('refuses an empty batch, located', async () => {
    const none = await checkRows([], signature, options);
    expect('refused' in none && none.refused.detail).toEqual([
      expect.objectContaining({ loc: ['body', 'dataframe_records'], type: 'too_short' }),
    ]);
  });

  it('applies a fault before the model runs, and then checks what the model gave', async () => {
    let ran = 0;
    const counting = model((rows) => (ran++, rows.map(() => 1)));
    const faulty = await predictRows(
      [{ a: 1 }],
      counting,
      predictOptions({ latencyMs: 0, errorRate: 1 }),
    );
    expect('refused' in faulty && faulty.refused).toMatchObject({
      status: 500,
      detail: 'v3 failed (a fault injected on this endpoint)',
    });
    expect(ran).toBe(0);
    const broken = await predictRows(
      [{ a: 1 }],
      model(() => {
        throw new RangeError('no');
      }),
      predictOptions(),
    );
    expect('refused' in broken && broken.refused.detail).toBe('v3 could not score this input: no');
    const overflow = await predictRows(
      [{ a: 1 }, { a: 1e308 }],
      model((r) => r.map((x) => (x.a as number) * 10)),
      predictOptions(),
    );
    expect('refused' in overflow && overflow.refused.status).toBe(422);
    expect('refused' in overflow && overflow.refused.detail).toEqual([
      expect.objectContaining({
        loc: ['body', 'dataframe_records', 1],
        type: 'non_finite_prediction',
      }),
    ]);
    const fine = await predictRows(
      [{ a: 2 }],
      model((r) => r.map((x) => (x.a as number) * 10)),
      predictOptions(),
    );
    expect(fine).toEqual({ predictions: [20] });
  });
});
