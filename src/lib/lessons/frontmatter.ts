import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { closest, lessonError } from './errors';
import { frontmatterFields, frontmatterSchema, type Frontmatter } from './schema';
import type { LessonError } from './types';

export interface SplitLesson {
  yaml: string;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

export function splitFrontmatter(source: string, file: string): SplitLesson | LessonError {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return lessonError(
      file,
      1,
      'LESSON_NO_FRONTMATTER',
      'A lesson starts with YAML frontmatter between two "---" lines.',
    );
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    return lessonError(
      file,
      1,
      'LESSON_UNCLOSED_FRONTMATTER',
      'The frontmatter has no closing "---" line.',
    );
  }
  return {
    yaml: lines.slice(1, end).join('\n'),
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

/** Parses and validates the frontmatter; every error names the line of the offending field. */
export function parseFrontmatter(yaml: string, file: string): Frontmatter | LessonError[] {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, prettyErrors: false });
  const lineOf = (offset: number) => counter.linePos(offset).line + 1; // +1 for the opening ---
  if (doc.errors.length > 0) {
    return doc.errors.map((e) =>
      lessonError(
        file,
        lineOf(e.pos[0]),
        'LESSON_BAD_YAML',
        `The frontmatter is not valid YAML: ${e.message.split('\n')[0]}`,
      ),
    );
  }
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range)
        keyLines.set(String(pair.key.value), lineOf(pair.key.range[0]));
    }
  }
  const parsed = frontmatterSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  return parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const hint = closest(key, frontmatterFields);
        return lessonError(
          file,
          keyLines.get(key) ?? 1,
          'LESSON_UNKNOWN_FIELD',
          `Unknown frontmatter field "${key}".${hint ? ` Did you mean "${hint}"?` : ''} Expected one of: ${frontmatterFields.join(', ')}.`,
        );
      });
    }
    const field = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && !keyLines.has(field);
    return [
      lessonError(
        file,
        keyLines.get(field) ?? 1,
        missing ? 'LESSON_MISSING_FIELD' : 'LESSON_BAD_FIELD',
        missing
          ? `The frontmatter needs "${field}": ${frontmatterSchema.shape[field as keyof typeof frontmatterSchema.shape]?.description ?? ''}`
          : `Field "${issue.path.join('.')}": ${issue.message}.`,
      ),
    ];
  });
}
