import { strFromU8, strToU8, zipSync } from 'fflate';
import type { Table } from 'dexie';
import type { ZodType } from 'zod';
import type { LabbookDB } from './db';
import { guard, StoreError } from './errors';
import { jsonTooDeep } from './json-depth';
import { readNonFinite, writeNonFinite } from './json-non-finite';
import { APP_VERSION } from '../app-version';
import { hashProblems, listFiles, listingProblems } from './workspace-listing';
import { emptyReport, mergeTables, putRows, type MergeReport } from './workspace-merge';
import { READABLE_PREFIX, readableFiles, type ReadableTables } from './workspace-readable';
import {
  boundedUnzip,
  importBudget,
  MAX_ENTRIES,
  type Problem,
  type UnzipLimits,
} from './workspace-unzip';
import {
  BINARY_TABLES,
  carriedForward,
  CURRENT_VERSION,
  droppedSince,
  migrateRows,
  TABLE_NAMES,
} from './schema';
import {
  carriedRowSchemas,
  FORMAT_VERSION,
  manifestSchema,
  rowSchemas,
  WORKSPACE_FORMAT,
  type WorkspaceManifest,
} from './workspace-schemas';

export { WORKSPACE_FORMAT, FORMAT_VERSION, type WorkspaceManifest } from './workspace-schemas';

export type { Problem } from './workspace-unzip';

/** Deeper than any row the Labbook writes (documents included), far short of a stack overflow. */
export const MAX_JSON_DEPTH = 256;

export type Inspection =
  | {
      ok: true;
      manifest: WorkspaceManifest;
      tables: Record<string, unknown[]>;
      /** Rows left out, per table the Labbook no longer has (an export made before it dropped them). */
      ignored: Record<string, number>;
      /** The files read, for the hash check (`verifyWorkspaceFile`). */
      files: Record<string, Uint8Array>;
      problems: [];
    }
  | { ok: false; problems: Problem[] };

/** Copies importing never reads back, so it never inflates them (their sizes are still checked). */
const NEVER_READ = ['exports/', READABLE_PREFIX];

/**
 * The whole workspace as one zip: the tables (the source of truth), plain copies a person can
 * read under `readable/`, and `extras` (e.g. `exports/` for MLflow and TF.js); the manifest lists
 * every file with its size and SHA-256. Importing reads the tables only. `readable: false`
 * leaves the copies out (snapshots, which are only ever imported back).
 */
export async function exportWorkspace(
  db: LabbookDB,
  appVersion = APP_VERSION,
  extras: Record<string, Uint8Array> = {},
  options: { readable?: boolean } = {},
): Promise<Uint8Array> {
  const tables = await guard(async () =>
    Object.fromEntries(
      await Promise.all(TABLE_NAMES.map(async (n) => [n, await db[n].toArray()] as const)),
    ),
  );
  const files: Record<string, Uint8Array> = {
    ...extras,
    ...(options.readable === false ? {} : readableFiles(tables as unknown as ReadableTables)),
  };
  for (const name of TABLE_NAMES) {
    let rows: unknown[] = tables[name]!;
    // Binary fields go beside the JSON as files; the row keeps the file's name.
    if (BINARY_TABLES.includes(name))
      rows = rows.map((row, i) => {
        const { bytes, ...rest } = row as { bytes?: Uint8Array };
        if (!bytes) return rest; // a project folder row has no content
        const file = `blobs/${name}/${i}.bin`;
        files[file] = bytes;
        return { ...rest, bytesFile: file };
      });
    files[`tables/${name}.json`] = strToU8(JSON.stringify(rows, writeNonFinite));
  }
  const manifest: WorkspaceManifest = {
    format: WORKSPACE_FORMAT,
    formatVersion: FORMAT_VERSION,
    schemaVersion: CURRENT_VERSION,
    appVersion,
    exportedAt: new Date().toISOString(),
    tables: Object.fromEntries(TABLE_NAMES.map((n) => [n, tables[n]!.length])),
    files: await listFiles(files),
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
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

/**
 * Checks a file completely before anything in the workspace changes: sizes while inflating
 * (`limits`, by default the budget without a known quota), entry names, the manifest against the
 * contents, JSON depth, and every row.
 */
export function inspectWorkspaceFile(
  bytes: Uint8Array,
  limits: UnzipLimits = { maxTotalBytes: importBudget(), maxEntries: MAX_ENTRIES },
): Inspection {
  const unzipped = boundedUnzip(bytes, { ...limits, skip: NEVER_READ });
  if (!unzipped.ok) return { ok: false, problems: [unzipped.problem] };
  const files = unzipped.files;
  const read = (file: string): unknown => {
    const text = strFromU8(files[file]!);
    const at = jsonTooDeep(text, MAX_JSON_DEPTH);
    if (at !== undefined) throw new TooDeep(file, at);
    return JSON.parse(text, readNonFinite);
  };
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
  } catch (error) {
    return { ok: false, problems: [jsonProblem('manifest.json', error)] };
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
  for (const [name, declared] of Object.entries(manifest.tables)) {
    const file = `tables/${name}.json`;
    const known =
      (TABLE_NAMES as readonly string[]).includes(name) ||
      droppedSince(name, manifest.schemaVersion);
    if (!known)
      problems.push({
        file: 'manifest.json',
        field: `tables.${name}`,
        message: `manifest.json lists a table "${name}" that the Labbook does not have.`,
      });
    else if (!files[file])
      problems.push({
        file,
        message: `${file} is listed in the manifest but missing from the zip.`,
      });
    else {
      try {
        const rows = read(file);
        if (!Array.isArray(rows))
          problems.push({ file, message: `${file} should hold a list of rows.` });
        else if (rows.length !== declared)
          problems.push({
            file,
            message: `manifest.json says ${file} holds ${declared} rows, but it holds ${rows.length}: the file was changed after export.`,
          });
        else tables[name] = withBinaryFields(rows, files, file, problems);
      } catch (error) {
        problems.push(jsonProblem(file, error));
      }
    }
  }
  for (const file of Object.keys(files))
    if (file.startsWith('tables/') && !(file.slice(7, -5) in manifest.tables))
      problems.push({
        file,
        message: `${file} is in the zip but not in manifest.json: the file was changed after export.`,
      });
  // After the tables' own problems, which say more (a missing data file names its row too).
  problems.push(...listingProblems(manifest.files, unzipped.sizes));
  // Rows a migration carries into a table of today (metric points into blocks) are checked as
  // their own version wrote them, so a problem names the file that has it.
  const carried = Object.entries(carriedRowSchemas).flatMap(([name, schema]) =>
    rowProblems(name, tables[name] ?? [], schema),
  );
  // The migration would read rows it cannot use.
  if (carried.length) return { ok: false, problems: [...problems, ...carried].slice(0, 50) };
  const beforeMigration = tables;
  tables = migrateRows(manifest.schemaVersion, tables);
  // Rows of tables this Labbook no longer keeps (dropped by a later schema version).
  const ignored = Object.fromEntries(
    Object.entries(beforeMigration)
      .filter(([name]) => !(name in tables) && !carriedForward(name))
      .map(([name, rows]) => [name, rows.length]),
  );
  for (const name of TABLE_NAMES)
    problems.push(...rowProblems(name, tables[name] ?? [], rowSchemas[name]));
  return problems.length
    ? { ok: false, problems: problems.slice(0, 50) }
    : { ok: true, manifest, tables, ignored, files, problems: [] };
}

/** Each row of `tables/<name>.json` that `schema` refuses: the row, the field and why. */
function rowProblems(name: string, rows: unknown[], schema: ZodType): Problem[] {
  const problems: Problem[] = [];
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return;
    const issue = parsed.error.issues[0]!;
    problems.push({
      file: `tables/${name}.json`,
      row: index,
      field: issue.path.join('.'),
      message: `tables/${name}.json, row ${index}, field "${issue.path.join('.')}": ${issue.message}.`,
    });
  });
  return problems;
}

/**
 * `inspectWorkspaceFile`, then every file read checked against the SHA-256 the manifest lists
 * (format 2 on): what importing and the Workspace page's check run.
 */
export async function verifyWorkspaceFile(
  bytes: Uint8Array,
  limits?: UnzipLimits,
): Promise<Inspection> {
  const inspection = inspectWorkspaceFile(bytes, limits);
  if (!inspection.ok) return inspection;
  const problems = await hashProblems(inspection.manifest.files, inspection.files);
  return problems.length ? { ok: false, problems: problems.slice(0, 50) } : inspection;
}

class TooDeep {
  constructor(
    readonly file: string,
    readonly at: number,
  ) {}
}

function jsonProblem(file: string, error: unknown): Problem {
  return error instanceof TooDeep
    ? {
        file,
        message: `${file} nests deeper than ${MAX_JSON_DEPTH} levels (at character ${error.at}); no Labbook export does. Refused.`,
      }
    : { file, message: `${file} is not valid JSON.` };
}

export type ImportReport = MergeReport & {
  /** Rows of tables the Labbook no longer keeps, left out (see `ignored` of an Inspection). */
  ignored: Record<string, number>;
};

/**
 * All or nothing: one transaction. `replace` makes the workspace the file's; `merge` keeps the
 * newer of two versions of a row and both versions of a cell edited on both sides (workspace-merge).
 */
export async function importWorkspace(
  db: LabbookDB,
  bytes: Uint8Array,
  options: { mode: 'replace' | 'merge'; limits?: UnzipLimits },
): Promise<ImportReport> {
  const inspection = await verifyWorkspaceFile(bytes, options.limits);
  if (!inspection.ok)
    throw new StoreError('invalid-import', inspection.problems.map((p) => p.message).join('\n'));
  const { tables, ignored } = inspection;
  return guard(() =>
    db.transaction('rw', db.tables, async () => {
      if (options.mode === 'merge') return { ...(await mergeTables(db, tables)), ignored };
      const report: ImportReport = { ...emptyReport(), ignored };
      for (const name of TABLE_NAMES) {
        const rows = (tables[name] ?? []) as Record<string, unknown>[];
        await db[name].clear();
        await putRows(db[name] as unknown as Table<Record<string, unknown>>, name, rows);
        report.tables[name] = { added: rows.length, updated: 0, skipped: 0 };
      }
      return report;
    }),
  );
}
