import { describe, expect, it } from 'vitest';
import { readDashboardSettings, windowIssues } from '../../../src/lib/monitoring/traffic';

describe('monitoring dashboard settings', () => {
  it('reads saved settings back, each invalid one falling back to its default alone', () => {
    expect(
      readDashboardSettings({
        windowSize: 50,
        step: 25,
        labelsAsOf: 'before-end',
        beforeEndS: 1.5,
        rules: { p95Ms: '300', datasetDrift: false, bogus: 3 },
        auto: false,
      }),
    ).toEqual({
      windowSize: 50,
      step: 25,
      labelsAsOf: 'before-end',
      beforeEndS: 1.5,
      rules: { p95Ms: '300', datasetDrift: false },
      auto: false,
    });
    expect(readDashboardSettings({ windowSize: 1.5, step: -1, labelsAsOf: 'later' })).toEqual({
      windowSize: 100,
      step: null,
      labelsAsOf: 'now',
      beforeEndS: 0,
      rules: {},
      auto: true,
    });
    expect(readDashboardSettings('garbage').windowSize).toBe(100);
  });

  it('accepts a step from 1 to the window size, and says what is wrong otherwise', () => {
    expect(windowIssues(100, 100)).toBeNull();
    expect(windowIssues(100, 1)).toBeNull();
    expect(windowIssues(100, 101)).toEqual({
      step: 'at most the window size (100): larger would skip requests',
    });
    expect(windowIssues(100, 0)?.step).toMatch(/1 or more/);
    expect(windowIssues(100, 2.5)?.step).toMatch(/whole number/);
    expect(windowIssues(1, 1)).toEqual({ windowSize: 'a whole number from 2 to 100,000' });
  });
});
