import { driftScenario, SCENARIOS, type ScenarioOptions } from '../monitoring';
import { sfc32 } from '../data/random';
import { labServices } from './services';
import { mysterySeed, recordMysteryAnswer } from './mystery-answers';

export { answerKey, setMysterySeeds, type MysteryAnswer } from './mystery-answers';

/**
 * Mystery drift scenarios for exercises: data versions whose kind of drift the student finds out
 * from evidence. The kinds are shuffled and the rows drawn by a seed the student's cell does not
 * show; the answer stays in this module, for the checks (`answerKey`, in a check's scope only).
 */
export interface MysteryOptions {
  /** One scenario kind per mystery (the order they are handed out in is shuffled). */
  kinds: ScenarioOptions['scenario'][];
  /** The mysteries' names (default A, B, C, …). */
  names?: string[];
  strength?: number;
  mode?: 'sudden' | 'gradual';
  rows?: number;
  /** For tests and authors only: a fixed seed (lessons leave it out so the answer is unknown). */
  seed?: number;
}

/** A seeded Fisher–Yates shuffle. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = sfc32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function mysteryScenarios(source: string, options: MysteryOptions) {
  const {
    kinds,
    names = kinds.map((_, i) => String.fromCharCode(65 + i)),
    seed,
    ...rest
  } = options;
  const unknown = kinds.filter((k) => !(SCENARIOS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0 || names.length !== kinds.length)
    throw new TypeError(
      `lab.monitoring.mystery('${source}', …): give kinds, a list of ${SCENARIOS.join(', ')}${
        unknown.length ? ` (not ${unknown.join(', ')})` : ''
      }, and as many names as kinds (${names.length} names for ${kinds.length} kinds).`,
    );
  const key = JSON.stringify([source, kinds, names, rest]);
  // A fixed seed is used as given; otherwise one is drawn on the first call and remembered.
  const drawn = seed ?? mysterySeed(key);

  const { catalog } = labServices();
  const { version, table } = await catalog.load(source);
  const order = shuffled(kinds, drawn);
  const out: Record<string, { ref: string; name: string; rows: number }> = {};
  for (const [i, name] of names.entries()) {
    const result = driftScenario(table, {
      ...rest,
      scenario: order[i]!,
      seed: (drawn + i) >>> 0,
      source: version.id,
    });
    // The lineage says where the rows came from and that the settings are sealed: the kind and
    // seed would give the answer away on the Data page. The answer key keeps them for replay.
    const saved = await catalog.save(`${version.name}-mystery-${name}`, result.table, {
      parents: [version.id],
      transform: {
        kind: 'scenario',
        description: `Mystery drift scenario "${name}" drawn from ${version.name}; its kind and settings are sealed (only the exercise's check can read them).`,
        params: { sealed: true, rows: result.table.rowCount, source: version.id },
      },
    });
    recordMysteryAnswer(saved.id, {
      ...result.groundTruth,
      params: result.transform.params ?? {},
      sealed: seed === undefined,
    });
    out[name] = { ref: saved.id, name: saved.name, rows: saved.rowCount };
  }
  return out;
}
