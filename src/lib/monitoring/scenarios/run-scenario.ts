import type { ColumnarTable } from '../../data/columnar/types';
import type { VersionTransform } from '../../data/catalog/content-id';
import { diabetesProfile } from './diabetes';
import { drawRows, rowIntensity } from './intensity';
import { taxiProfile } from './nyc-taxi';
import {
  parseScenarioOptions,
  ScenarioError,
  type ScenarioDataset,
  type ScenarioOptions,
} from './options';
import type { DatasetProfile } from './profile';
import { takeRows } from './table-rows';

export const PROFILES: Record<ScenarioDataset, DatasetProfile> = {
  'nyc-taxi': taxiProfile,
  diabetes: diabetesProfile,
};

export interface GroundTruth {
  kind: 'none' | 'covariate' | 'label' | 'concept';
  /** Columns the scenario changes directly (correlated ones may follow; see description). */
  driftedColumns: string[];
  description: string;
}

export interface ScenarioResult {
  table: ColumnarTable;
  groundTruth: GroundTruth;
  /** For DataCatalog.save(name, table, { parents: [sourceVersionId], transform }). */
  transform: VersionTransform;
  /** Drift intensity per row, in [0, strength] (0 everywhere for control). */
  intensity: Float64Array;
}

function findProfile(table: ColumnarTable, dataset?: ScenarioDataset): DatasetProfile {
  if (dataset) return PROFILES[dataset];
  const names = new Set(table.columns.map((c) => c.name));
  const match = Object.values(PROFILES).find((p) => p.signature.every((c) => names.has(c)));
  if (!match) {
    throw new ScenarioError(
      'unknown-dataset',
      `No drift scenarios for a table with columns ${[...names].join(', ')}. Scenarios exist for ${Object.values(
        PROFILES,
      )
        .map((p) => `${p.dataset} (${p.signature.join(', ')})`)
        .join(' and ')}. Either load one of those datasets or set options.dataset.`,
    );
  }
  return match;
}

/**
 * A seeded drift scenario: `rows` rows drawn with replacement from `source`, shifted as the
 * scenario says (see the dataset profiles), at `strength`, `sudden`ly or `gradual`ly over the
 * row order. Same source, seed and options give the same table, so the same version id.
 */
export function driftScenario(source: ColumnarTable, options: ScenarioOptions): ScenarioResult {
  const opts = parseScenarioOptions(options);
  const profile = findProfile(source, opts.dataset);
  if (source.rowCount === 0) {
    throw new ScenarioError('invalid-option', 'The source table has no rows to draw from.');
  }
  const rows = opts.rows ?? source.rowCount;
  const drifts = opts.scenario !== 'control';
  const intensity = Float64Array.from({ length: rows }, (_, i) =>
    drifts ? rowIntensity(i, rows, opts) : 0,
  );
  const shift =
    opts.scenario === 'covariate' || opts.scenario === 'label' ? profile[opts.scenario] : undefined;
  const index = drawRows(
    source.rowCount,
    rows,
    opts.seed,
    (i) => intensity[i]!,
    shift?.weights(source),
  );
  const table = takeRows(source, index, `${profile.dataset}-${opts.scenario}`);
  if (opts.scenario === 'concept') profile.concept.apply(table, intensity, source);
  const groundTruth: GroundTruth =
    opts.scenario === 'control'
      ? {
          kind: 'none',
          driftedColumns: [],
          description: 'Control: rows drawn uniformly with replacement from the source, no drift.',
        }
      : { kind: opts.scenario, ...pick(profile[opts.scenario]) };
  const sourceName = opts.source ?? source.name ?? profile.dataset;
  const how = drifts
    ? `, ${opts.mode}, strength ${opts.strength}${opts.start ? ` from ${opts.start * 100} % of the rows` : ''}`
    : '';
  return {
    table,
    groundTruth,
    intensity,
    transform: {
      kind: 'scenario',
      description: `${groundTruth.description} ${rows} rows from ${sourceName}${how}, seed ${opts.seed}.`,
      params: {
        scenario: opts.scenario,
        dataset: profile.dataset,
        seed: opts.seed,
        strength: opts.strength,
        mode: opts.mode,
        start: opts.start,
        rows,
        source: sourceName,
      },
    },
  };
}

const pick = (e: { driftedColumns: string[]; description: string }) => ({
  driftedColumns: [...e.driftedColumns],
  description: e.description,
});
