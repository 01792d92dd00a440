import { strToU8 } from 'fflate';
import { decodeTable } from '../data/columnar';
import { tableCsv } from '../export/python/csv';
import { parseStudentCellId } from '../notebook/scratch-id';
import type { ProjectFileRow, ProjectRow } from '../project/types';
import type { CellRow, DatasetChunkRow, DatasetNameRow } from './schema';

/** Where the readable copies go in a workspace zip; importing never reads them back. */
export const READABLE_PREFIX = 'readable/';

/** A data version larger than this (encoded) gets no CSV copy: the export must fit in memory. */
export const MAX_CSV_SOURCE_BYTES = 64 * 1024 * 1024;

/**
 * A name as one safe path segment: anything but letters, digits, `.`, `_` and `-` becomes `_`,
 * so a lesson or cell named `../../x` stays inside its folder (`.._.._x`), never `.` or `..`.
 */
export function safeSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

/** A path of safe segments, unique within `taken` (a clash gets `-2`, `-3`… before the extension). */
function unique(path: string, taken: Set<string>): string {
  const dot = path.lastIndexOf('.');
  const [stem, ext] =
    dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  let candidate = path;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A Markdown code fence longer than any run of backticks in the code, so the code cannot end it. */
function fenced(code: string, lang: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code}${code.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** Lesson cells in id order, each followed by the student's scratch and note cells anchored to it. */
function ordered(cells: CellRow[]): CellRow[] {
  const anchor = (c: CellRow) => parseStudentCellId(c.cellId)?.anchorId;
  const serial = (c: CellRow) => parseStudentCellId(c.cellId)!.serial;
  const base = cells.filter((c) => anchor(c) === undefined);
  const own = groupBy(
    cells.filter((c) => anchor(c) !== undefined),
    (c) => anchor(c)!,
  );
  const known = new Set(base.map((c) => c.cellId));
  const orphans = [...own].flatMap(([at, list]) => (known.has(at) ? [] : list));
  return base
    .sort((a, b) => (a.cellId < b.cellId ? -1 : 1))
    .flatMap((c) => [c, ...(own.get(c.cellId) ?? []).sort((a, b) => serial(a) - serial(b))])
    .concat(orphans);
}

/** One lesson's cells as Markdown: the student's code in fences, their notes as Markdown. */
function lessonMarkdown(lessonId: string, cells: CellRow[]): string {
  const parts = [`# Lesson \`${lessonId}\`: your cells`, ''];
  for (const cell of ordered(cells)) {
    const kind = parseStudentCellId(cell.cellId)?.kind;
    const when = new Date(cell.updatedAt).toISOString();
    const title = kind === 'note' ? 'Your note' : kind === 'scratch' ? 'Your scratch cell' : 'Cell';
    parts.push(`## ${title} \`${cell.cellId}\``, '', `Edited ${when}.`, '');
    parts.push(kind === 'note' ? cell.source : fenced(cell.source, 'js'), '');
  }
  return parts.join('\n');
}

export interface ReadableTables {
  cells: CellRow[];
  projects: ProjectRow[];
  projectFiles: ProjectFileRow[];
  datasetNames: DatasetNameRow[];
  datasetChunks: DatasetChunkRow[];
}

/** A data version as CSV, or why it has none. */
function datasetCsv(chunks: DatasetChunkRow[]): { csv: Uint8Array } | { skipped: string } {
  const total = chunks.reduce((s, c) => s + c.bytes.byteLength, 0);
  if (total > MAX_CSV_SOURCE_BYTES)
    return {
      skipped: `over ${MAX_CSV_SOURCE_BYTES / 1024 / 1024} MB stored; the binary form holds it`,
    };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of [...chunks].sort((a, b) => a.index - b.index))
    bytes.set(c.bytes, (at += c.bytes.byteLength) - c.bytes.byteLength);
  try {
    return { csv: strToU8(tableCsv(decodeTable(bytes))) };
  } catch (error) {
    return { skipped: `its stored bytes do not decode (${(error as Error).message})` };
  }
}

/**
 * Plain files a person can read without the Labbook, under `readable/`: each lesson's cells as
 * Markdown, each project's files (without `.git`), each named data version as CSV, and a README
 * saying what is where. Copies only: the tables stay the source of truth on import.
 */
export function readableFiles(tables: ReadableTables): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const taken = new Set<string>();
  const put = (path: string, bytes: Uint8Array) => (files[unique(path, taken)] = bytes);
  const notes: string[] = [];
  const byLesson = groupBy(tables.cells, (c) => c.lessonId);
  for (const [lessonId, cells] of byLesson)
    put(
      `${READABLE_PREFIX}lessons/${safeSegment(lessonId)}.md`,
      strToU8(lessonMarkdown(lessonId, cells)),
    );
  const projects = new Map(tables.projects.map((p) => [p.id, p]));
  for (const row of tables.projectFiles) {
    if (row.kind !== 'file' || !row.bytes || row.path === '.git' || row.path.startsWith('.git/'))
      continue;
    const project = safeSegment(projects.get(row.projectId)?.name ?? row.projectId);
    put(
      `${READABLE_PREFIX}projects/${project}/${row.path.split('/').map(safeSegment).join('/')}`,
      row.bytes,
    );
  }
  const chunks = groupBy(tables.datasetChunks, (c) => c.versionId);
  for (const { name, versionId } of tables.datasetNames) {
    const table = datasetCsv(chunks.get(versionId) ?? []);
    const path = `${READABLE_PREFIX}datasets/${safeSegment(name)}@${safeSegment(versionId.slice(0, 12))}.csv`;
    if ('csv' in table) put(path, table.csv);
    else notes.push(`- \`${name}\` (version ${versionId}): no CSV copy, ${table.skipped}.`);
  }
  put(`${READABLE_PREFIX}README.md`, strToU8(readme(notes)));
  return files;
}

function readme(notes: string[]): string {
  return [
    '# Your Labbook workspace, readable',
    '',
    'Copies of your work that open without the Labbook. Importing the workspace file reads the',
    'tables (`tables/`, `blobs/`), never these copies; `manifest.json` lists every file of the zip',
    'with its size and SHA-256.',
    '',
    '- `lessons/<lesson>.md`: the cells you edited in each lesson, your code in ```js fences, your',
    '  scratch cells after the cell they follow, your notes as Markdown.',
    "- `projects/<project>/…`: each project's files as they are in the editor (the `.git` folder is",
    '  left out; download the repository from the Projects page for it).',
    '- `datasets/<name>@<version>.csv`: each named data version as CSV (datetimes as',
    '  `YYYY-MM-DD HH:MM:SS`, missing values empty).',
    ...(notes.length ? ['', 'Not copied:', '', ...notes] : []),
    '',
  ].join('\n');
}
