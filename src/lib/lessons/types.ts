/** What the lesson list needs, without loading the lesson body. */
export interface LessonMeta {
  /** Stable kebab-case id from the frontmatter; student work is stored under it. */
  id: string;
  title: string;
  summary: string;
  objectives: string[];
  datasets: string[];
  minutes: number;
  prerequisites: string[];
  /** `NN` of the folder name `NN-slug`. */
  order: number;
  /** `slug` of the folder name `NN-slug`. */
  slug: string;
  /** Repository path of the lesson file, for error messages. */
  path: string;
  /** Number of exercises in the lesson (derived), for progress on the lesson list. */
  exercises: number;
  /** Frontmatter `project:`: settings of the starter project in the lesson's `project/` folder. */
  project?: { name: string };
}

export type Block =
  | { kind: 'markdown'; html: string }
  | { kind: 'code'; id: string; source: string; line: number }
  | { kind: 'setup'; id: string; source: string; line: number }
  | {
      kind: 'exercise';
      id: string;
      title: string;
      source: string;
      check: string;
      /** Hints as HTML, revealed one at a time after a failed check: `hint=`, then `md hint`s. */
      hints: string[];
      /** The author's answer: the lesson runner checks it; students see it only on request. */
      solution: string;
      /** Attempts before "Show solution" appears; null = never shown to students. */
      solutionAfter: number | null;
      /** What the exercise is worth on the Gradebook (`points=`, default 1; 0 = not graded). */
      points: number;
      line: number;
    }
  | { kind: 'widget'; id: string; name: string; options: Record<string, unknown>; line: number };

export interface Lesson {
  meta: LessonMeta;
  blocks: Block[];
  /** The starter project from the lesson's `project/` folder, if it has one. */
  seed?: LessonSeed;
  /** Files beside lesson.md that the lesson shows or links to (paths inside its folder). */
  assets?: string[];
}

/** A lesson's starter project, bundled with the lesson (docs/authoring.md, "Starter projects"). */
export interface LessonSeed {
  /** Default project name: frontmatter `project.name`, else the folder slug. */
  name: string;
  /** Content hash of every path and text: a different hash means the starter changed. */
  hash: string;
  /** Canonical project paths and their UTF-8 text, sorted by path. */
  files: { path: string; text: string }[];
}

/** One file of a lesson's `project/` folder as read from disk: path inside `project/`, bytes. */
export interface SeedEntry {
  path: string;
  bytes: Uint8Array;
}

/** Errors are values: a code to test against, and where and why for the author (1-based). */
export interface LessonError {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: LessonError[] };

/** One lesson file as read from disk: repository-relative path and text. */
export interface LessonFile {
  file: string;
  source: string;
  /** The files of the `project/` folder beside it, when there is one. */
  project?: SeedEntry[];
  /** Every other file beside lesson.md (subfolders too), with the URL it would be served at. */
  assets?: AssetEntry[];
}

/** A file beside lesson.md: path inside the lesson folder, bytes, and its served (hashed) URL. */
export interface AssetEntry {
  path: string;
  bytes: Uint8Array;
  url: string;
  /** The file's size when its bytes were not read because it is over the limit (course packs). */
  size?: number;
}
