export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  objectives: string[];
  datasets: string[];
  minutes: number;
  prerequisites: string[];
  /** From the folder name `NN-slug`. */
  order: number;
  slug: string;
  /** Repository path of the lesson file, for error messages. */
  path: string;
  exercises: number;
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
      hint: string;
      line: number;
    }
  | { kind: 'widget'; id: string; name: string; options: Record<string, unknown>; line: number };

export interface Lesson {
  meta: LessonMeta;
  blocks: Block[];
}

/** Errors are values: a code to test against, and where and why for the author. */
export interface LessonError {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: LessonError[] };
