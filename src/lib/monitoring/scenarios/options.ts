import { z } from 'zod';
import { LabbookError } from '../../errors';

export const SCENARIOS = ['control', 'covariate', 'label', 'concept'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export const SCENARIO_DATASETS = ['nyc-taxi', 'diabetes'] as const;
export type ScenarioDataset = (typeof SCENARIO_DATASETS)[number];

/** Every setting is recorded in the version's transform, so a scenario replays from its params. */
export const scenarioOptionsSchema = z.strictObject({
  scenario: z.enum(SCENARIOS),
  /** Seeds the row draws (sfc32); same seed and settings give the same table. */
  seed: z.number().int().min(0).max(0xffffffff),
  /** Which profile to use; found from the columns when left out. */
  dataset: z.enum(SCENARIO_DATASETS).optional(),
  /** 0 = no drift, 1 = the full shift described by the scenario. */
  strength: z.number().min(0).max(1).default(1),
  /** sudden: every drifted row at full strength; gradual: strength ramps up over the rows. */
  mode: z.enum(['sudden', 'gradual']).default('sudden'),
  /** Share of rows (in row order) before the drift begins. */
  start: z.number().min(0).lt(1).default(0),
  /** Rows to draw (with replacement); default: as many as the source has. */
  rows: z.number().int().min(1).max(10_000_000).optional(),
  /** The source's version id or name, recorded as `params.source`. */
  source: z.string().min(1).optional(),
});

export type ScenarioOptions = z.input<typeof scenarioOptionsSchema>;
export type ResolvedScenarioOptions = z.output<typeof scenarioOptionsSchema>;

export type ScenarioErrorCode = 'invalid-option' | 'missing-column' | 'unknown-dataset';

export class ScenarioError extends LabbookError<ScenarioErrorCode> {
  override name = 'ScenarioError';
}

const pathText = (path: PropertyKey[]) => ['options', ...path.map(String)].join('.');

export function parseScenarioOptions(options: ScenarioOptions): ResolvedScenarioOptions {
  const parsed = scenarioOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `${pathText(issue.path)}: unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}. Known options: ${Object.keys(scenarioOptionsSchema.shape).join(', ')}.`
      : `${pathText(issue.path)}: ${issue.message}.`,
  );
  throw new ScenarioError('invalid-option', `Invalid scenario options:\n  ${lines.join('\n  ')}`);
}
