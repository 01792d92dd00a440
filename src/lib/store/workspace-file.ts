import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Table } from 'dexie';
import { z } from 'zod';
import type { LabbookDB } from './db';
import { guard, StoreError } from './errors';
import { BINARY_TABLES, CURRENT_VERSION, migrateRows, TABLE_NAMES, type TableName } from './schema';

export const WORKSPACE_FORMAT = 'mlops-labbook-workspace';
export const FORMAT_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.number().int().min(0)),
});
export type WorkspaceManifest = z.infer<typeof manifestSchema>;

const rowSchemas: Record<TableName, z.ZodType> = {
  cells: z.object({
    lessonId: z.string(),
    cellId: z.string(),
    source: z.string(),
    updatedAt: z.number(),
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
  outputs: z.object({
    lessonId: z.string(),
    cellId: z.string(),
    executionCount: z.number(),
    status: z.enum(['ok', 'error']),
    durationMs: z.number(),
    ranAt: z.number(),
  }),
  settings: z.object({ key: z.string(), value: z.unknown() }),
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
  documents: z.object({ table: z.string(), docId: z.number().int(), doc: z.unknown() }),
  experiments: z.object({ id: z.string(), name: z.string() }).loose(),
  runs: z.object({ id: z.string(), experimentId: z.string(), startTime: z.number() }).loose(),
  metricPoints: z.object({
    runId: z.string(),
    key: z.string(),
    step: z.number(),
    value: z.number(),
    timestamp: z.number(),
  }),
  artifacts: z
    .object({ runId: z.string(), path: z.string(), bytes: z.instanceof(Uint8Array) })
    .loose(),
  models: z.object({ name: z.string() }).loose(),
  modelVersions: z
    .object({ name: z.string(), version: z.number().int().min(1), runId: z.string() })
    .loose(),
  requests: z.object({ id: z.string(), endpoint: z.string(), at: z.number() }).loose(),
  endpoints: z.object({ name: z.string() }).loose(),
  deploymentEvents: z.object({ id: z.string(), endpoint: z.string(), at: z.number() }).loose(),
};

export interface Problem {
  file: string;
  row?: number;
  field?: string;
  message: string;
}

export type Inspection =
  | { ok: true; manifest: WorkspaceManifest; tables: Record<string, unknown[]>; problems: [] }
  | { ok: false; problems: Problem[] };

/**
 * The whole workspace as one zip. `extras` are more files to carry (e.g. `exports/` for MLflow and
 * TF.js); importing ignores them, since the tables hold everything.
 */
export async function exportWorkspace(
  db: LabbookDB,
  appVersion = '0',
  extras: Record<string, Uint8Array> = {},
): Promise<Uint8Array> {
  const tables = await guard(async () =>
    Object.fromEntries(
      await Promise.all(TABLE_NAMES.map(async (n) => [n, await db[n].toArray()] as const)),
    ),
  );
  const manifest: WorkspaceManifest = {
    format: WORKSPACE_FORMAT,
    formatVersion: FORMAT_VERSION,
    schemaVersion: CURRENT_VERSION,
    appVersion,
    exportedAt: new Date().toISOString(),
    tables: Object.fromEntries(TABLE_NAMES.map((n) => [n, tables[n]!.length])),
  };
  const files: Record<string, Uint8Array> = {
    ...extras,
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
  };
  for (const name of TABLE_NAMES) {
    let rows: unknown[] = tables[name]!;
    // Binary fields go beside the JSON as files; the row keeps the file's name.
    if (BINARY_TABLES.includes(name))
      rows = rows.map((row, i) => {
        const { bytes, ...rest } = row as { bytes: Uint8Array };
        const file = `blobs/${name}/${i}.bin`;
        files[file] = bytes;
        return { ...rest, bytesFile: file };
      });
    files[`tables/${name}.json`] = strToU8(JSON.stringify(rows));
  }
  // Data chunks are already compact binary; zip's deflate would only cost time on them.
  return zipSync(files, { level: 1 });
}

/** Puts back the `bytes` of rows exported with a `bytesFile` reference. */
function withBinaryFields(
  rows: unknown[],
  files: Record<string, Uint8Array>,
  file: string,
  problems: Problem[],
): unknown[] {
  return rows.map((row, index) => {
    const ref = (row as { bytesFile?: unknown } | null)?.bytesFile;
    if (typeof ref !== 'string') return row;
    const { bytesFile: _, ...rest } = row as { bytesFile: string };
    const bytes = files[ref];
    if (!bytes)
      problems.push({
        file,
        row: index,
        field: 'bytesFile',
        message: `${file}, row ${index}: its data file ${ref} is missing from the zip.`,
      });
    return { ...rest, bytes };
  });
}

/** Checks a file completely before anything in the workspace changes. */
export function inspectWorkspaceFile(bytes: Uint8Array): Inspection {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return {
      ok: false,
      problems: [
        {
          file: '(file)',
          message: 'This is not a Labbook workspace export: it is not a zip file.',
        },
      ],
    };
  }
  const read = (file: string): unknown => JSON.parse(strFromU8(files[file]!));
  if (!files['manifest.json'])
    return {
      ok: false,
      problems: [
        {
          file: 'manifest.json',
          message: 'The zip has no manifest.json, so it is not a Labbook workspace export.',
        },
      ],
    };
  let manifest: WorkspaceManifest;
  try {
    const parsed = manifestSchema.safeParse(read('manifest.json'));
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.map((i) => ({
          file: 'manifest.json',
          field: i.path.join('.'),
          message: `manifest.json, field "${i.path.join('.')}": ${i.message}. This is not a Labbook workspace export.`,
        })),
      };
    }
    manifest = parsed.data;
  } catch {
    return {
      ok: false,
      problems: [{ file: 'manifest.json', message: 'manifest.json is not valid JSON.' }],
    };
  }
  if (manifest.schemaVersion > CURRENT_VERSION) {
    return {
      ok: false,
      problems: [
        {
          file: 'manifest.json',
          field: 'schemaVersion',
          message: `This file comes from a newer Labbook (data version ${manifest.schemaVersion}; this one reads up to ${CURRENT_VERSION}). Update the Labbook (reload) and import again.`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  let tables: Record<string, unknown[]> = {};
  for (const name of Object.keys(manifest.tables)) {
    const file = `tables/${name}.json`;
    if (!files[file])
      problems.push({
        file,
        message: `${file} is listed in the manifest but missing from the zip.`,
      });
    else {
      try {
        const rows = read(file);
        if (Array.isArray(rows)) tables[name] = withBinaryFields(rows, files, file, problems);
        else problems.push({ file, message: `${file} should hold a list of rows.` });
      } catch {
        problems.push({ file, message: `${file} is not valid JSON.` });
      }
    }
  }
  tables = migrateRows(manifest.schemaVersion, tables);
  for (const name of TABLE_NAMES) {
    (tables[name] ?? []).forEach((row, index) => {
      const parsed = rowSchemas[name].safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problems.push({
          file: `tables/${name}.json`,
          row: index,
          field: issue.path.join('.'),
          message: `tables/${name}.json, row ${index}, field "${issue.path.join('.')}": ${issue.message}.`,
        });
      }
    });
  }
  return problems.length
    ? { ok: false, problems: problems.slice(0, 50) }
    : { ok: true, manifest, tables, problems: [] };
}

export interface ImportReport {
  tables: Record<string, { added: number; updated: number; skipped: number }>;
}

/** All or nothing: one transaction; `replace` clears the workspace first, `merge` upserts. */
export async function importWorkspace(
  db: LabbookDB,
  bytes: Uint8Array,
  options: { mode: 'replace' | 'merge' },
): Promise<ImportReport> {
  const inspection = inspectWorkspaceFile(bytes);
  if (!inspection.ok)
    throw new StoreError('invalid-import', inspection.problems.map((p) => p.message).join('\n'));
  const report: ImportReport = { tables: {} };
  await guard(() =>
    db.transaction('rw', db.tables, async () => {
      for (const name of TABLE_NAMES) {
        const table = db[name];
        const rows = inspection.tables[name] ?? [];
        if (options.mode === 'replace') await table.clear();
        const existing = options.mode === 'merge' ? await table.count() : 0;
        await (table as unknown as Table<unknown>).bulkPut(rows);
        const after = await table.count();
        const added = options.mode === 'replace' ? rows.length : after - existing;
        report.tables[name] = { added, updated: rows.length - added, skipped: 0 };
      }
    }),
  );
  return report;
}
