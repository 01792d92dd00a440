import { z } from 'zod';
import { blockProblem } from './metric-blocks';
import type { TableName } from './schema';

/** What a workspace file must hold: its manifest and each table's rows, checked before import. */
export const WORKSPACE_FORMAT = 'mlops-labbook-workspace';
/** 2: the manifest lists every file (path, bytes, sha256) and `readable/` holds plain copies. */
export const FORMAT_VERSION = 2;

export const manifestSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.number().int().min(0)),
  /** Every file of the zip but the manifest (format 2 on; older exports have none). */
  files: z
    .array(
      z.object({
        path: z.string().min(1),
        bytes: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits'),
      }),
    )
    .optional(),
});
export type WorkspaceManifest = z.infer<typeof manifestSchema>;

/** A logged metric value: any number but NaN, which the tracker refuses (a loss can diverge). */
const metricValue = z.custom<number>(
  (v) => typeof v === 'number' && !Number.isNaN(v),
  'expected a number (Infinity allowed, NaN not)',
);

export const rowSchemas: Record<TableName, z.ZodType> = {
  cells: z.object({
    lessonId: z.string(),
    cellId: z.string(),
    source: z.string(),
    updatedAt: z.number(),
    starter: z.string().max(64).optional(),
  }),
  progress: z.object({ lessonId: z.string(), visitedAt: z.number() }).loose(),
  exercises: z.object({
    lessonId: z.string(),
    exerciseId: z.string(),
    status: z.enum(['passed', 'failed']),
    attempts: z.number().int(),
    lastMessage: z.string(),
    passedAt: z.number().nullable(),
    updatedAt: z.number(),
  }),
  settings: z.object({ key: z.string(), value: z.unknown(), updatedAt: z.number().optional() }),
  datasets: z
    .object({
      id: z.string(),
      rowCount: z.number().int().min(0),
      schema: z.array(z.object({ name: z.string(), type: z.string() })),
      createdAt: z.number(),
      byteLength: z.number().int().min(0),
      chunkCount: z.number().int().min(0),
    })
    .loose(),
  datasetNames: z.object({
    name: z.string(),
    versionId: z.string(),
    parents: z.array(z.string()),
    transform: z.object({ kind: z.string(), description: z.string() }).loose(),
    createdAt: z.number(),
  }),
  datasetChunks: z.object({
    versionId: z.string(),
    index: z.number().int().min(0),
    bytes: z.instanceof(Uint8Array),
  }),
  sqlDatabases: z.object({
    name: z.string(),
    bytes: z.instanceof(Uint8Array),
    updatedAt: z.number(),
  }),
  documents: z.object({
    table: z.string(),
    docId: z.number().int(),
    doc: z.unknown(),
    updatedAt: z.number().optional(),
  }),
  experiments: z.object({ id: z.string(), name: z.string() }).loose(),
  runs: z.object({ id: z.string(), experimentId: z.string(), startTime: z.number() }).loose(),
  metricBlocks: z
    .object({
      runId: z.string(),
      key: z.string(),
      block: z.number().int(),
      // Whole numbers since the tracker checks steps; a database from before may hold others.
      steps: z.array(z.number()),
      values: z.array(metricValue),
      timestamps: z.array(z.number()),
    })
    .superRefine((row, ctx) => {
      const problem = blockProblem(row);
      if (problem)
        ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message });
    }),
  artifacts: z
    .object({ runId: z.string(), path: z.string(), bytes: z.instanceof(Uint8Array) })
    .loose(),
  models: z
    .object({
      name: z.string(),
      // What a merge compares and renumbers: alias → a version number.
      aliases: z.record(z.string(), z.number().int().min(1)).optional(),
    })
    .loose(),
  modelVersions: z
    .object({ name: z.string(), version: z.number().int().min(1), runId: z.string() })
    .loose(),
  requests: z.object({ id: z.string(), endpoint: z.string(), at: z.number() }).loose(),
  endpoints: z.object({ name: z.string() }).loose(),
  deploymentEvents: z.object({ id: z.string(), endpoint: z.string(), at: z.number() }).loose(),
  projects: z
    .object({ id: z.string(), name: z.string(), createdAt: z.number(), updatedAt: z.number() })
    .loose(),
  projectFiles: z.object({
    projectId: z.string(),
    path: z.string(),
    kind: z.enum(['file', 'dir']),
    bytes: z.instanceof(Uint8Array).optional(),
    mode: z.number().int(),
    mtimeMs: z.number(),
  }),
  ciRuns: z
    .object({
      id: z.string(),
      projectId: z.string(),
      createdAt: z.number(),
      vouchedKeys: z.array(z.string()),
    })
    .loose(),
  gradebook: z
    .object({
      id: z.string(),
      lessonId: z.string(),
      student: z.object({ name: z.string(), id: z.string() }),
      submission: z.object({}).loose(),
      manual: z.record(
        z.string(),
        z.object({ points: z.number().optional(), comment: z.string().optional() }),
      ),
      updatedAt: z.number(),
    })
    .loose(),
};

/**
 * Rows of tables a later version dropped and whose rows its migration carries into another table,
 * as the versions that had them wrote them (checked before the migration reads them).
 */
export const carriedRowSchemas: Record<string, z.ZodType> = {
  // Versions 4 to 9: a metric's history a row per step (version 10 packs them into metricBlocks).
  metricPoints: z.object({
    runId: z.string(),
    key: z.string(),
    step: z.number(),
    value: z.number(),
    timestamp: z.number(),
  }),
};
