import type { ColumnarTable } from '../../data/columnar/types';
import { type DatasetProfile, tiltWeights } from './profile';
import { numericColumn, zScores } from './table-rows';

const DATASET = 'diabetes';
const col = (t: ColumnarTable, name: string) => numericColumn(t, name, DATASET);

/** Share of the bmi and ltg (s5) effect on progression that the new treatment removes. */
const TREATMENT_EFFECT = 0.7;

/** Least squares y ~ a + b1·x1 + b2·x2 on centred data (rows with a missing value skipped). */
export function fitTwo(x1: Float64Array, x2: Float64Array, y: Float64Array) {
  const ok = (i: number) =>
    Number.isFinite(x1[i]) && Number.isFinite(x2[i]) && Number.isFinite(y[i]);
  let n = 0;
  const mean = [0, 0, 0];
  for (let i = 0; i < y.length; i++) {
    if (!ok(i)) continue;
    n++;
    mean[0]! += x1[i]!;
    mean[1]! += x2[i]!;
    mean[2]! += y[i]!;
  }
  const [m1, m2, my] = mean.map((s) => s / n) as [number, number, number];
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let s1y = 0;
  let s2y = 0;
  for (let i = 0; i < y.length; i++) {
    if (!ok(i)) continue;
    const a = x1[i]! - m1;
    const b = x2[i]! - m2;
    const c = y[i]! - my;
    s11 += a * a;
    s12 += a * b;
    s22 += b * b;
    s1y += a * c;
    s2y += b * c;
  }
  const det = s11 * s22 - s12 * s12;
  return { b1: (s1y * s22 - s2y * s12) / det, b2: (s2y * s11 - s1y * s12) / det, m1, m2 };
}

/**
 * The diabetes table (sklearn's raw data: age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu and
 * `target`, disease progression one year after baseline).
 */
export const diabetesProfile: DatasetProfile = {
  dataset: DATASET,
  target: 'target',
  signature: ['bmi', 'ltg', 'target'],
  covariate: {
    driftedColumns: ['age', 'bmi'],
    description:
      'Covariate shift: an older, heavier patient population (rows reweighted by exp(0.8·z_age + 0.8·z_bmi)); columns correlated with age and bmi (bp, ltg, target) move with them, the age/bmi → progression relation does not change.',
    weights: (t) =>
      tiltWeights(
        [
          [zScores(col(t, 'age')), 0.8],
          [zScores(col(t, 'bmi')), 0.8],
        ],
        t.rowCount,
      ),
  },
  label: {
    driftedColumns: ['target'],
    description:
      'Label shift: more advanced disease (rows reweighted by exp(z_target)); features follow the target through their usual relation (bmi, ltg, bp rise), P(features | target) is unchanged.',
    weights: (t) => tiltWeights([[zScores(col(t, 'target')), 1]], t.rowCount),
  },
  concept: {
    driftedColumns: ['target'],
    description: `Concept drift: a new treatment removes ${TREATMENT_EFFECT * 100} % of the bmi and ltg (s5) effect on progression (fitted by least squares on the source); features are drawn as before.`,
    apply(table, intensity, source) {
      const fit = fitTwo(col(source, 'bmi'), col(source, 'ltg'), col(source, 'target'));
      const bmi = col(table, 'bmi');
      const ltg = col(table, 'ltg');
      const target = col(table, 'target');
      for (let i = 0; i < table.rowCount; i++) {
        const effect = fit.b1 * (bmi[i]! - fit.m1) + fit.b2 * (ltg[i]! - fit.m2);
        // Rounded: progression is an integer column.
        if (Number.isFinite(effect))
          target[i] = Math.round(target[i]! - intensity[i]! * TREATMENT_EFFECT * effect);
      }
    },
  },
};
