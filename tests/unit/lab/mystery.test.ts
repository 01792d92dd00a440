import { beforeEach, describe, expect, it } from 'vitest';
import { useNodeServices } from './node-services';
import { createLab } from '../../../src/lib/lab';
import { answerKey } from '../../../src/lib/lab/mystery';
import { driftScenario } from '../../../src/lib/monitoring';
import { hashTable } from '../../../src/lib/data/catalog/content-id';
import type { LabServices } from '../../../src/lib/lab/services';

type Mysteries = Record<string, { ref: string; name: string; rows: number }>;
interface Monitoring {
  mystery(source: string, options: Record<string, unknown>): Promise<Mysteries>;
}

let services: LabServices;
let monitoring: Monitoring;
beforeEach(() => {
  services = useNodeServices();
  monitoring = createLab({ display() {} }).monitoring as Monitoring;
});

const kinds = ['covariate', 'label', 'concept'];

describe('lab.monitoring.mystery', () => {
  it('hands out one version per kind, shuffled by the seed, with the answer only in answerKey', async () => {
    const a = await monitoring.mystery('diabetes', { kinds, seed: 5 });
    expect(Object.keys(a)).toEqual(['A', 'B', 'C']);
    expect(Object.values(a).every((m) => Object.keys(m).sort().join() === 'name,ref,rows')).toBe(
      true,
    );
    expect(
      Object.values(a)
        .map((m) => answerKey(m.ref).kind)
        .sort(),
    ).toEqual([...kinds].sort());
    // Same seed, same versions; other seeds deal the kinds out in other orders.
    const again = await monitoring.mystery('diabetes', { kinds, seed: 5 });
    expect(Object.values(again).map((m) => m.ref)).toEqual(Object.values(a).map((m) => m.ref));
    const orders = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const m = await monitoring.mystery('diabetes', { kinds, seed });
      orders.add(['A', 'B', 'C'].map((n) => answerKey(m[n]!.ref).kind).join());
    }
    expect(orders.size).toBeGreaterThan(2);
  });

  it('without a seed draws one at random and keeps it for the same call', async () => {
    const first = await monitoring.mystery('diabetes', { kinds, rows: 200 });
    // An author's fixed seed in between does not replace the one drawn for the lesson's call.
    await monitoring.mystery('diabetes', { kinds, rows: 200, seed: 1 });
    const second = await monitoring.mystery('diabetes', { kinds, rows: 200 });
    expect(second).toEqual(first);
    const seeds = new Set(Object.values(first).map((m) => answerKey(m.ref).params.seed));
    expect(seeds.size).toBe(3);
  });

  it('records sealed lineage that does not name the kind, and the answer key replays the table', async () => {
    const m = await monitoring.mystery('diabetes', { kinds: ['concept'], seed: 9 });
    const version = await services.catalog.resolve(m.A!.ref);
    const source = await services.catalog.load('diabetes');
    expect(version.parents).toEqual([source.version.id]);
    expect(version.transform.params).toEqual({
      sealed: true,
      rows: source.table.rowCount,
      source: source.version.id,
    });
    expect(version.transform.description).not.toMatch(/concept|covariate|label|seed/i);
    const answer = answerKey(m.A!.ref);
    expect(answer.kind).toBe('concept');
    const replay = driftScenario(source.table, answer.params as never);
    expect(await hashTable(replay.table)).toBe(
      await hashTable((await services.catalog.load(m.A!.ref)).table),
    );
  });

  it('says what is wrong with its options, and answerKey with an unknown ref', async () => {
    await expect(monitoring.mystery('diabetes', { kinds: ['sideways'] })).rejects.toThrow(
      /not sideways/,
    );
    await expect(
      monitoring.mystery('diabetes', { kinds: ['label'], names: ['A', 'B'] }),
    ).rejects.toThrow(/2 names for 1 kinds/);
    expect(() => answerKey('nope')).toThrow(/No mystery scenario "nope"/);
  });
});
