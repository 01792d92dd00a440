import { checkAll } from '../../../../src/lib/lessons';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';
import type { Lesson } from '../../../../src/lib/lessons/types';

/** A cell of a shipped lesson as the student's editor holds it: starter, solution or plain code. */
export interface LessonCell {
  lesson: string;
  name: string;
  /** Line of the cell's block in lesson.md, to find it. */
  line: number;
  source: string;
}

export const shippedLessons: Lesson[] = checkAll(readLessonFiles('lessons')).lessons;

/** Every cell a student can have in an editor: setup and code cells, each exercise's starter and solution. */
export function cellsOf(lesson: Lesson): LessonCell[] {
  const cells: LessonCell[] = [];
  const add = (name: string, line: number, source: string) =>
    cells.push({ lesson: lesson.meta.path, name, line, source });
  for (const block of lesson.blocks) {
    if (block.kind === 'code' || block.kind === 'setup') add(block.id, block.line, block.source);
    if (block.kind === 'exercise') {
      add(`${block.id} (starter)`, block.line, block.source);
      add(`${block.id} (solution)`, block.line, block.solution);
    }
  }
  return cells;
}
