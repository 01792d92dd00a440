import type { WorkflowRun } from '../ci/run-types';
import type { GradebookRow } from '../grading/gradebook';
import type { ProjectFileRow, ProjectRow } from '../project/types';
import { packPoints, type MetricBlockRow } from './metric-blocks';
import { splitDatasetNames } from './migrate-dataset-names';

/**
 * The database schema history, oldest first. Never rename the database and never edit a
 * released version: add a new one with an upgrade, so a student's work survives every release.
 */
export interface CellRow {
  lessonId: string;
  cellId: string;
  source: string;
  updatedAt: number;
  /**
   * `starterHash` of the lesson's starter code this edit was based on (not indexed: no schema
   * version). Rows from before it have none, and cannot tell whether the starter changed.
   */
  starter?: string;
}
export interface ProgressRow {
  lessonId: string;
  visitedAt: number;
}
export interface ExerciseRow {
  lessonId: string;
  exerciseId: string;
  status: 'passed' | 'failed';
  attempts: number;
  lastMessage: string;
  passedAt: number | null;
  updatedAt: number;
}
export interface SettingRow {
  key: string;
  value: unknown;
  /** When it was written: a merge keeps the newer (rows from before it have none). */
  updatedAt?: number;
}

export interface DatasetTransform {
  kind: string;
  description: string;
  params?: Record<string, unknown>;
}
/**
 * A stored data version's content, keyed by its content hash; its bytes live in chunks. Names
 * are separate rows (DatasetNameRow), so equal content saved under two names is stored once and
 * neither name hides the other.
 */
export interface DatasetRow {
  id: string;
  rowCount: number;
  schema: { name: string; type: string }[];
  /** When this content was first stored. */
  createdAt: number;
  byteLength: number;
  chunkCount: number;
  stats?: unknown;
}
/** One name given to a data version, with the lineage the save that named it recorded. */
export interface DatasetNameRow {
  name: string;
  versionId: string;
  parents: string[];
  transform: DatasetTransform;
  /** When the name last pointed here: a name resolves to its newest version. */
  createdAt: number;
}
/** Versions 3 and 4 kept the one name (and lineage) on the version row itself. */
export interface DatasetRowV4 extends DatasetRow {
  name: string;
  parents: string[];
  transform: DatasetTransform;
}
/** Part of a data version's encoded columnar bytes (IndexedDB values stay well under limits). */
export interface DatasetChunkRow {
  versionId: string;
  index: number;
  bytes: Uint8Array;
}
/** A SQLite database file, saved after every change made from a cell. */
export interface SqlDatabaseRow {
  name: string;
  bytes: Uint8Array;
  updatedAt: number;
}
/** One document of the NoSQL (TinyDB-like) store. */
export interface DocumentRow {
  table: string;
  docId: number;
  doc: unknown;
  /** When it was written: a merge keeps the newer (rows from before it have none). */
  updatedAt?: number;
}

/**
 * Tracking, registry and serving rows. Their shapes belong to their domain modules
 * (src/lib/tracking, registry, serving); the store only needs the keys below.
 */
export interface ExperimentRow {
  id: string;
  name: string;
  [field: string]: unknown;
}
export interface RunRow {
  id: string;
  experimentId: string;
  startTime: number;
  [field: string]: unknown;
}
/** Versions 4 to 9 stored a metric's history one row per step; version 10 packs it in blocks. */
export interface MetricPointRow {
  runId: string;
  key: string;
  step: number;
  value: number;
  timestamp: number;
}
export interface ArtifactRow {
  runId: string;
  path: string;
  bytes: Uint8Array;
  [field: string]: unknown;
}
export interface ModelRow {
  name: string;
  [field: string]: unknown;
}
export interface ModelVersionRow {
  name: string;
  version: number;
  runId: string;
  [field: string]: unknown;
}
export interface RequestRow {
  id: string;
  endpoint: string;
  at: number;
  [field: string]: unknown;
}
export interface EndpointRow {
  name: string;
  [field: string]: unknown;
}
export interface DeploymentEventRow {
  id: string;
  endpoint: string;
  at: number;
  [field: string]: unknown;
}

/** Version 1 progress rows embedded the passed exercises; version 2 moved them to a table. */
export interface ProgressRowV1 extends ProgressRow {
  completedExercises?: string[];
}

export type Tables = {
  cells: CellRow;
  progress: ProgressRow;
  exercises: ExerciseRow;
  settings: SettingRow;
  datasets: DatasetRow;
  datasetNames: DatasetNameRow;
  datasetChunks: DatasetChunkRow;
  sqlDatabases: SqlDatabaseRow;
  documents: DocumentRow;
  experiments: ExperimentRow;
  runs: RunRow;
  metricBlocks: MetricBlockRow;
  artifacts: ArtifactRow;
  models: ModelRow;
  modelVersions: ModelVersionRow;
  requests: RequestRow;
  endpoints: EndpointRow;
  deploymentEvents: DeploymentEventRow;
  projects: ProjectRow;
  projectFiles: ProjectFileRow;
  ciRuns: CiRunRow;
  gradebook: GradebookRow;
};

/** A stored CI run; `vouchedKeys` (`name@version`) index the model versions it vouches for. */
export type CiRunRow = WorkflowRun & { vouchedKeys: string[] };

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Pure row migration, shared by the database upgrade and by importing an older export. */
  migrate?: (tables: Record<string, unknown[]>) => Record<string, unknown[]>;
  /**
   * The tables the migration reads and writes (default: every table at that version). Naming
   * them keeps an upgrade from loading unrelated tables — 200 MB of data chunks — into memory.
   */
  migrates?: readonly string[];
  /** Tables this version drops whose rows the migration carries into another (named) table. */
  carries?: Record<string, string>;
}

export const DB_NAME = 'mlops-labbook';

export const SCHEMA: SchemaVersion[] = [
  {
    version: 1,
    stores: { cells: '[lessonId+cellId], lessonId', progress: 'lessonId' },
  },
  {
    version: 2,
    stores: {
      exercises: '[lessonId+exerciseId], lessonId',
      outputs: '[lessonId+cellId], lessonId',
      settings: 'key',
    },
    migrate: (tables) => {
      const progress = (tables.progress ?? []) as ProgressRowV1[];
      const exercises: ExerciseRow[] = progress.flatMap((p) =>
        (p.completedExercises ?? []).map((exerciseId) => ({
          lessonId: p.lessonId,
          exerciseId,
          status: 'passed' as const,
          attempts: 1,
          lastMessage: 'Passed (recorded by an earlier version).',
          passedAt: p.visitedAt,
          updatedAt: p.visitedAt,
        })),
      );
      return {
        ...tables,
        progress: progress.map(({ lessonId, visitedAt }) => ({ lessonId, visitedAt })),
        exercises: [...((tables.exercises ?? []) as ExerciseRow[]), ...exercises],
      };
    },
  },
  {
    version: 3,
    stores: {
      datasets: 'id, name, createdAt',
      datasetChunks: '[versionId+index], versionId',
      sqlDatabases: 'name',
      documents: '[table+docId], table',
    },
  },
  {
    version: 4,
    stores: {
      experiments: 'id, &name',
      runs: 'id, experimentId, startTime',
      // One value per (run, metric, step): logging a step again replaces it.
      metricPoints: '[runId+key+step], runId, [runId+key]',
      artifacts: '[runId+path], runId',
      models: 'name',
      modelVersions: '[name+version], name, runId',
      requests: 'id, endpoint, at, [endpoint+at]',
      endpoints: 'name',
      deploymentEvents: 'id, endpoint, at',
    },
  },
  {
    version: 5,
    stores: {
      datasets: 'id, createdAt',
      datasetNames: '[name+versionId], name, versionId, createdAt',
    },
    migrate: splitDatasetNames,
    migrates: ['datasets', 'datasetNames'],
  },
  {
    // Projects: a student's file tree, its .git folder included (src/lib/project).
    version: 6,
    stores: {
      projects: 'id, &name, updatedAt',
      projectFiles: '[projectId+path], projectId',
    },
  },
  {
    // CI runs of project workflows (src/lib/ci); the champion gate finds a version's runs.
    version: 7,
    stores: {
      ciRuns: 'id, projectId, createdAt, *vouchedKeys',
    },
  },
  {
    // The instructor's Gradebook (src/lib/grading): one row per student and lesson, with the
    // submission, its re-executed results, manual points and comments.
    version: 8,
    stores: {
      gradebook: 'id, lessonId, updatedAt',
    },
  },
  {
    // `outputs` (each cell's last execution count, status and time) was written on every run
    // and never read: the notebook keeps outputs in memory. Dropped, with its rows; an export
    // made before still imports, its `outputs` rows left out and counted (workspace-file.ts).
    version: 9,
    stores: { outputs: null },
    migrate: ({ outputs: _dropped, ...tables }) => tables,
    // The upgrade reads no table: Dexie deletes `outputs` itself.
    migrates: [],
  },
  {
    // A metric's history in blocks of steps (metric-blocks.ts), not a row per step: charting
    // 500 runs' histories read 50,000 rows. Dexie drops `metricPoints` after the upgrade.
    version: 10,
    stores: { metricPoints: null, metricBlocks: '[runId+key+block], runId' },
    migrate: ({ metricPoints, ...tables }) => ({
      ...tables,
      metricBlocks: [
        ...((tables.metricBlocks ?? []) as MetricBlockRow[]),
        ...packPoints((metricPoints ?? []) as MetricPointRow[]),
      ],
    }),
    migrates: ['metricPoints', 'metricBlocks'],
    carries: { metricPoints: 'metricBlocks' },
  },
];

export const CURRENT_VERSION = SCHEMA[SCHEMA.length - 1]!.version;
export const TABLE_NAMES = [
  'cells',
  'progress',
  'exercises',
  'settings',
  'datasets',
  'datasetNames',
  'datasetChunks',
  'sqlDatabases',
  'documents',
  'experiments',
  'runs',
  'metricBlocks',
  'artifacts',
  'models',
  'modelVersions',
  'requests',
  'endpoints',
  'deploymentEvents',
  'projects',
  'projectFiles',
  'ciRuns',
  'gradebook',
] as const;
/** Tables whose rows carry a `bytes` field, exported as binary files beside the JSON. */
export const BINARY_TABLES: readonly TableName[] = [
  'datasetChunks',
  'sqlDatabases',
  'artifacts',
  'projectFiles',
];
export type TableName = (typeof TABLE_NAMES)[number];

/**
 * Whether an export made at `version` may hold table `name` that later versions dropped (its rows
 * are then left out on import, not refused).
 */
export const droppedSince = (name: string, version: number): boolean =>
  SCHEMA.some((v) => v.version > version && v.stores[name] === null) &&
  SCHEMA.some((v) => v.version <= version && typeof v.stores[name] === 'string');

/** Whether a dropped table's rows live on in another table (an import does not count them as left out). */
export const carriedForward = (name: string): boolean => SCHEMA.some((v) => v.carries?.[name]);

/** Runs the pure migrations from `from` (exclusive) to the current version. */
export function migrateRows(
  from: number,
  tables: Record<string, unknown[]>,
): Record<string, unknown[]> {
  return SCHEMA.filter((v) => v.version > from && v.migrate).reduce(
    (rows, v) => v.migrate!(rows),
    tables,
  );
}
