import { didYouMean, lessonError } from '../lessons/errors';
import { FENCE_OPTIONS, parseFenceInfo } from '../lessons/fences';
import { markdownParser } from '../lessons/markdown';
import { syntaxError } from '../lessons/syntax';
import type { Lesson, LessonError } from '../lessons/types';
import type { GradingPack, HiddenCheck } from './types';

/** `grading/how-this-notebook-works.md` → `how-this-notebook-works`. */
export function packLessonId(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.md$/i, '');
}

/**
 * Reads an instructor's grading pack, `grading/<lesson-id>.md`: Markdown whose
 * ` ```js hidden-check for=<exercise> ` fences are run against every submission of the lesson
 * after its own check. The fences are read by the lesson parser's fence code, and every problem
 * is a `file:line:column` error, as for a lesson.
 */
export function parseGradingPack(
  source: string,
  file: string,
  lessons: readonly Lesson[],
): { ok: true; pack: GradingPack } | { ok: false; errors: LessonError[] } {
  const errors: LessonError[] = [];
  const lessonId = packLessonId(file);
  const lesson = lessons.find((l) => l.meta.id === lessonId);
  if (!lesson) {
    const ids = lessons.map((l) => l.meta.id);
    return {
      ok: false,
      errors: [
        lessonError(
          file,
          1,
          'GRADING_PACK_UNKNOWN_LESSON',
          `A grading pack is named after its lesson's id, and no lesson has the id "${lessonId}".${didYouMean(lessonId, ids)} Rename the file to <lesson-id>.md.`,
        ),
      ],
    };
  }
  const exerciseIds = lesson.blocks.flatMap((b) => (b.kind === 'exercise' ? [b.id] : []));
  const lines = source.split(/\r?\n/);
  const checks: HiddenCheck[] = [];
  for (const token of markdownParser.parse(source, {})) {
    if (token.type !== 'fence') continue;
    const index = token.map?.[0] ?? 0;
    const line = index + 1;
    const fence = /^\s*(`{3,}|~{3,})/.exec(lines[index] ?? '');
    const column = (offset: number) => (fence ? fence[0].length : 0) + offset + 1;
    const info = parseFenceInfo(token.info);
    if ('error' in info) {
      errors.push(
        lessonError(
          file,
          line,
          'LESSON_BAD_FENCE',
          `Cannot read the fence line "${token.info}": ${info.error}.`,
          column(info.offset),
        ),
      );
      continue;
    }
    if (info.kind === 'static') continue; // prose and examples for the instructor
    if (info.kind !== 'hidden-check') {
      errors.push(
        lessonError(
          file,
          line,
          'GRADING_PACK_FENCE',
          `A grading pack holds only hidden checks, and this is a ${info.kind} fence. Write \`\`\`js hidden-check for=<exercise-id>; cells, exercises and visible checks belong in lesson.md.`,
        ),
      );
      continue;
    }
    for (const [key, { offset }] of Object.entries(info.options))
      if (!FENCE_OPTIONS['hidden-check'].includes(key))
        errors.push(
          lessonError(
            file,
            line,
            'LESSON_UNKNOWN_OPTION',
            `Unknown option "${key}" on a hidden-check fence. Allowed: ${FENCE_OPTIONS['hidden-check'].join(', ')}.`,
            column(offset),
          ),
        );
    const target = info.options['for']?.value;
    const body = token.content.replace(/\n$/, '');
    if (!target) {
      errors.push(
        lessonError(
          file,
          line,
          'GRADING_PACK_OPTIONS',
          'A hidden check names its exercise: ```js hidden-check for=mean-age',
        ),
      );
      continue;
    }
    if (!exerciseIds.includes(target)) {
      errors.push(
        lessonError(
          file,
          line,
          'GRADING_PACK_UNKNOWN_EXERCISE',
          `This hidden check is for "${target}", but lesson "${lessonId}" has no exercise with that id.${didYouMean(target, exerciseIds)} Its exercises: ${exerciseIds.join(', ') || 'none'}.`,
          column(info.options['for']!.offset),
        ),
      );
      continue;
    }
    const syntax = syntaxError(body, 'check');
    if (syntax) {
      errors.push(
        lessonError(
          file,
          line + syntax.line,
          'LESSON_SYNTAX_ERROR',
          `This hidden check is not valid JavaScript: ${syntax.message}.`,
          syntax.column,
        ),
      );
      continue;
    }
    const hint = info.options['hint']?.value;
    checks.push({
      exerciseId: target,
      source: body,
      line,
      ...(hint === undefined ? {} : { hint }),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, pack: { lessonId, file, checks } };
}
