import type { InputColumn } from '../features/frame';
import type { ModelTestReport } from './model-tests';
import type { VersionPins } from './pins';

/** One input or output column of a model: what serving validates requests against. */
export type ColumnSpec = InputColumn;

/** MLflow's model signature: the columns a model takes and the ones it returns. */
export interface Signature {
  inputs: ColumnSpec[];
  outputs: ColumnSpec[];
}

/** A registered model: a name that versions are filed under, with aliases that point at them. */
export interface RegisteredModel {
  name: string;
  description: string;
  tags: Record<string, string>;
  /** alias → version number, e.g. { champion: 3, challenger: 4 }. */
  aliases: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

/** One version of a registered model: a run's model artifact, frozen with its metadata. */
export interface ModelVersion {
  name: string;
  version: number;
  runId: string;
  /** Where the weights and preprocessing live, e.g. `runs:/<runId>/model`. */
  source: string;
  /** The run's artifact holding the model JSON. */
  artifactPath: string;
  datasetVersion: string | null;
  signature: Signature;
  inputExample: Record<string, number | string>[];
  description: string;
  tags: Record<string, string>;
  createdAt: number;
  /** The latest model-test report, attached by `ModelRegistry.testVersion`. */
  tests: ModelTestReport | null;
  /**
   * The library versions it was registered with (its MLmodel's pins); absent on versions
   * registered before they were recorded, which load with a warning (see pins.ts).
   */
  pins?: VersionPins;
}

/** Where the registry lives (IndexedDB in the app, memory in tests). */
export interface RegistryPort {
  model(name: string): Promise<RegisteredModel | undefined>;
  putModel(model: RegisteredModel): Promise<void>;
  models(): Promise<RegisteredModel[]>;
  version(name: string, version: number): Promise<ModelVersion | undefined>;
  putVersion(version: ModelVersion): Promise<void>;
  versions(name: string): Promise<ModelVersion[]>;
  /**
   * Asked before a gated alias (champion) moves, after the model tests: a refusal (why, and the
   * fix) or null. The store answers from the CI runs that produced or tested the version
   * (src/lib/ci/protection.ts), so every ModelRegistry over the port is gated alike.
   */
  aliasGate?: AliasGate;
}

export type AliasGate = (version: ModelVersion, alias: string) => Promise<string | null>;
