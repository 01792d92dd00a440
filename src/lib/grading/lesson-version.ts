import type { Lesson } from '../lessons/types';
import { contentHash } from './content-hash';

/**
 * A lesson's version as grading sees it: a hash of what students run and are checked against
 * (cells, starters, checks, points), not of its prose. A submission made against another version
 * is graded against the lesson as it is now, and flagged.
 */
export function lessonVersion(lesson: Lesson): Promise<string> {
  const graded = lesson.blocks.flatMap((b): Record<string, unknown>[] =>
    b.kind === 'code' || b.kind === 'setup'
      ? [{ kind: b.kind, id: b.id, source: b.source }]
      : b.kind === 'exercise'
        ? [{ kind: b.kind, id: b.id, source: b.source, check: b.check, points: b.points }]
        : [],
  );
  return contentHash({ id: lesson.meta.id, blocks: graded });
}
