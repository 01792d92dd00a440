import { describe, expect, it } from 'vitest';
import {
  estimateEnergy,
  formatEnergy,
  killRunsOf,
  memoryTrackingPort,
  Tracker,
} from '../../../src/lib/tracking';

describe('energy estimate', () => {
  it('is duration × power × grid intensity, with its assumptions attached', () => {
    // One hour at 30 W is 0.03 kWh; at 440 g/kWh that is 13.2 g.
    const e = estimateEnergy(3600, { watts: 30, gramsPerKwh: 440 });
    expect(e.kwh).toBeCloseTo(0.03, 12);
    expect(e.gramsCo2e).toBeCloseTo(13.2, 10);
    expect(e.assumptions).toEqual({ watts: 30, gramsPerKwh: 440 });
    expect(formatEnergy(e)).toBe('30 Wh, 13 g CO₂e');
    expect(formatEnergy(estimateEnergy(2 * 86_400, { watts: 300, gramsPerKwh: 440 }))).toBe(
      '14.4 kWh, 6.34 kg CO₂e',
    );
  });

  it('refuses negative or missing numbers', () => {
    expect(() => estimateEnergy(10, { watts: -1, gramsPerKwh: 400 })).toThrow(/watts must be/);
    expect(() => estimateEnergy(Number.NaN)).toThrow(/seconds must be/);
  });
});

describe('runs a stopped kernel leaves behind', () => {
  it('are marked KILLED with the reason, only for that lesson', async () => {
    const port = memoryTrackingPort();
    const tracker = new Tracker(port);
    await tracker.setExperiment('x');
    const mine = await tracker.startRun({ name: 'mine', source: { lessonId: 'a', cellId: 'c1' } });
    const other = await new Tracker(port).startRun({ name: 'other', source: { lessonId: 'b' } });
    expect(await killRunsOf(port, 'a', 'interrupted', 42)).toBe(1);
    expect(await port.run(mine.id)).toMatchObject({
      status: 'KILLED',
      endTime: 42,
      tags: { 'labbook.stopped': 'interrupted' },
      source: { lessonId: 'a', cellId: 'c1' },
    });
    expect((await port.run(other.id))!.status).toBe('RUNNING');
  });
});
