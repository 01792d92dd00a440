/** Seeded drift scenarios over the shipped datasets (see README.md). */
export { driftScenario, PROFILES, type GroundTruth, type ScenarioResult } from './run-scenario';
export {
  SCENARIOS,
  SCENARIO_DATASETS,
  ScenarioError,
  parseScenarioOptions,
  scenarioOptionsSchema,
  type ScenarioName,
  type ScenarioDataset,
  type ScenarioOptions,
  type ScenarioErrorCode,
} from './options';
export { rowIntensity, drawRows } from './intensity';
export { takeRows } from './table-rows';
export type { DatasetProfile, ScenarioEffect, ShiftEffect, ConceptEffect } from './profile';
