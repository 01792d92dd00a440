import { describe, expect, it } from 'vitest';
import {
  CALIBRATION as C,
  formatTripRow,
  generateTaxiTrips,
  parseTaxiLine,
  taxiStats,
  type TaxiStats,
} from '../../../src/lib/data/nyc-taxi';

/** Statistics of 100,000 generated rows, measured on the CSV text a student would read. */
function statsFor(seed: number): TaxiStats {
  const rows = (function* () {
    for (const [id, t] of generateTaxiTrips({ rows: 100_000, seed })) {
      yield parseTaxiLine(formatTripRow(id, t));
    }
  })();
  return taxiStats(rows);
}

const within = (got: number, want: number, relTol: number, what: string): void => {
  expect(Math.abs(got / want - 1), `${what}: got ${got}, target ${want}`).toBeLessThanOrEqual(
    relTol,
  );
};
const near = (got: number, want: number, absTol: number, what: string): void => {
  expect(Math.abs(got - want), `${what}: got ${got}, target ${want}`).toBeLessThanOrEqual(absTol);
};

// Two seeds, so the tolerances hold for the model, not for one lucky draw.
describe.each([42, 2024])('100k generated rows (seed %i) match the calibration', (seed) => {
  const s = statsFor(seed);

  it('duration quantiles: p25–p75 within 5 %, p5/p95 within 10 %; log1p mean/std within 0.05', () => {
    for (const k of ['p25', 'p50', 'p75'] as const) {
      within(s.durationQuantiles[k], C.durationQuantiles[k], 0.05, k);
    }
    for (const k of ['p5', 'p95'] as const)
      within(s.durationQuantiles[k], C.durationQuantiles[k], 0.1, k);
    near(s.logDurationMean, C.logDurationMean, 0.05, 'mean log1p');
    near(s.logDurationStd, C.logDurationStd, 0.05, 'std log1p');
  });

  it('hour shares within 0.4 pp, weekday within 0.4 pp, month within 0.5 pp', () => {
    C.hourShares.forEach((w, h) => near(s.hourShares[h] ?? 0, w, 0.004, `hour ${h}`));
    C.weekdayShares.forEach((w, d) => near(s.weekdayShares[d] ?? 0, w, 0.004, `weekday ${d}`));
    C.monthShares.forEach((w, m) => near(s.monthShares[m] ?? 0, w, 0.005, `month ${m + 1}`));
  });

  it('the blizzard days are the two lowest; all five known low days are "abnormal" (< 80 % of a mean day)', () => {
    expect(s.lowestDays.slice(0, 2).map(([d]) => d)).toEqual(['2016-01-23', '2016-01-24']);
    const meanDay = s.rows / 182;
    for (const [day] of C.lowestDays) {
      expect((s.tripsPerDay.get(day) ?? 0) / meanDay, day).toBeLessThan(0.8);
    }
    expect(s.tripsPerDay.size).toBe(182);
  });

  it('passengers within 0.6 pp (zeros present), vendor within 0.6 pp, flag Y only for vendor 1', () => {
    C.passengers.forEach((w, k) => near(s.passengers[k] ?? 0, w, 0.006, `passengers ${k}`));
    expect(s.passengers[0]).toBeGreaterThan(0);
    near(s.share.vendor1, C.share.vendor1, 0.006, 'vendor 1');
    near(s.share.flagY, C.share.flagY, 0.0015, 'flag Y');
    expect(s.flagYVendor2).toBe(0);
  });

  it('distance quantiles p5–p95 within 8 %, airports within 25 %, corr within 0.05', () => {
    for (const k of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) {
      within(s.distanceQuantiles[k], C.distanceQuantiles[k], 0.08, `distance ${k}`);
    }
    for (const k of ['pickupJfk', 'dropoffJfk', 'pickupLga', 'dropoffLga'] as const) {
      within(s.share[k], C.share[k], 0.25, k);
    }
    near(s.corrLogKmLogDuration, C.corrLogKmLogDuration, 0.05, 'corr');
    near(s.olsSlope, C.olsSlope, 0.05, 'OLS slope');
  });

  it('dirty rows: same order of magnitude as the real data (within ×2; ×3 when < 20 rows expected)', () => {
    for (const k of [
      'under60s',
      'under30s',
      'atMost2s',
      'over6h',
      'samePoint',
      'pickupOutsideBox',
      'dropoffOutsideBox',
      'eitherOutsideBox',
    ] as const) {
      const ratio = s.share[k] / C.share[k];
      const band = C.share[k] * s.rows < 20 ? 3 : 2; // Poisson noise on a handful of rows
      expect(ratio, `${k}: ${s.share[k]} vs ${C.share[k]}`).toBeGreaterThan(1 / band);
      expect(ratio, `${k}: ${s.share[k]} vs ${C.share[k]}`).toBeLessThan(band);
    }
    expect(s.share.over24h).toBeLessThan(0.0001);
  });

  it('median speed per hour and weekday within 10 %; median duration per hour/weekday/month within 8 %', () => {
    within(s.medianSpeedClean, C.medianSpeedClean, 0.1, 'median speed');
    C.hourMedianSpeed.forEach((v, h) =>
      within(s.hourMedianSpeed[h] ?? 0, v, 0.1, `speed hour ${h}`),
    );
    C.weekdayMedianSpeed.forEach((v, d) =>
      within(s.weekdayMedianSpeed[d] ?? 0, v, 0.1, `speed wd ${d}`),
    );
    C.hourMedianDuration.forEach((v, h) =>
      within(s.hourMedianDuration[h] ?? 0, v, 0.08, `dur hour ${h}`),
    );
    C.weekdayMedianDuration.forEach((v, d) =>
      within(s.weekdayMedianDuration[d] ?? 0, v, 0.08, `dur wd ${d}`),
    );
    C.monthMedianDuration.forEach((v, m) =>
      within(s.monthMedianDuration[m] ?? 0, v, 0.08, `dur month ${m + 1}`),
    );
  });
});
