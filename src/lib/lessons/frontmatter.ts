import { didYouMean, formatPath, lessonError } from './errors';
import { frontmatterFields, frontmatterSchema, type Frontmatter } from './schema';
import type { LessonError } from './types';
import { mergedItemErrors, parseYamlSource } from './yaml-source';

export interface SplitLesson {
  yaml: string;
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
}

/** Cuts the `---` frontmatter off the top of a lesson. */
export function splitFrontmatter(source: string, file: string): SplitLesson | LessonError {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return lessonError(
      file,
      1,
      'LESSON_NO_FRONTMATTER',
      'A lesson starts with YAML frontmatter between two "---" lines. Run `npm run new-lesson -- <slug>` for a template.',
    );
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    return lessonError(
      file,
      1,
      'LESSON_UNCLOSED_FRONTMATTER',
      'The frontmatter has no closing "---" line. Add one after the last field.',
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
  const source = parseYamlSource(yaml);
  const fileLine = (line: number) => Math.max(1, line + 1); // +1 for the opening ---
  if (source.errors.length > 0) {
    return source.errors.map((e) =>
      lessonError(
        file,
        fileLine(e.line),
        'LESSON_BAD_YAML',
        `The frontmatter is not valid YAML: ${e.message}`,
        e.column,
      ),
    );
  }
  const value = source.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [
      lessonError(
        file,
        2,
        'LESSON_BAD_YAML',
        'The frontmatter must be a mapping of fields (`title: …` lines), not a list or a value.',
      ),
    ];
  }
  const merged = mergedItemErrors(source, file, 1);
  const parsed = frontmatterSchema.safeParse(value);
  if (parsed.success) return merged.length > 0 ? merged : parsed.data;
  return merged.concat(
    parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) =>
          lessonError(
            file,
            fileLine(source.keyLine([], key)),
            'LESSON_UNKNOWN_FIELD',
            `Unknown frontmatter field "${key}".${didYouMean(key, frontmatterFields)} Expected one of: ${frontmatterFields.join(', ')}.`,
          ),
        );
      }
      const field = String(issue.path[0] ?? '');
      if (!Object.hasOwn(value, field)) {
        const description = frontmatterSchema.shape[field as keyof Frontmatter]?.description;
        return [
          lessonError(
            file,
            1,
            'LESSON_MISSING_FIELD',
            `The frontmatter needs "${field}"${description ? `: ${description}` : '.'}`,
          ),
        ];
      }
      return [
        lessonError(
          file,
          fileLine(source.lineOf(issue.path)),
          'LESSON_BAD_FIELD',
          `Field "${formatPath(issue.path)}": ${issue.message}.`,
        ),
      ];
    }),
  );
}
