import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import { runLesson } from '../../src/lib/lessons/run/run-lesson';
import type { Lesson, LessonError } from '../../src/lib/lessons/types';
import { openLessonProject } from '../../src/lib/lessons/run/lesson-project';
import { useNodeServices } from './node-services';
import { setMysterySeeds } from '../../src/lib/lab/mystery';
import { sfc32 } from '../../src/lib/data/random';

/** The seed of the mysteries a headless run draws: the same lesson gives the same mysteries. */
export const RUNNER_MYSTERY_SEED = 17;

export { openLessonProject };

/**
 * Runs one lesson headless in Node: a fresh kernel on fresh in-memory lab services, with the
 * lesson's starter project created and made active, as the lesson page does.
 */
export async function runLessonInNode(lesson: Lesson): Promise<LessonError[]> {
  const { projects } = useNodeServices();
  // Students get mysteries from crypto; a headless run is seeded, so it fails the same way twice.
  setMysterySeeds(sfc32(RUNNER_MYSTERY_SEED));
  try {
    const kernel = createKernelRuntime();
    kernel.setLesson(lesson.meta.id); // as the app's kernel does: runs record their lesson and cell
    await openLessonProject(projects, kernel, lesson);
    return await runLesson(lesson, kernel);
  } finally {
    setMysterySeeds(undefined);
  }
}

/**
 * The lessons a command line names: by id, folder name (`07-experiment-tracking`) or number
 * (`07`, `7`); every lesson when none is named. Unknown names come back in `unknown`.
 */
export function selectLessons(
  lessons: Lesson[],
  names: string[],
): { selected: Lesson[]; unknown: string[] } {
  if (names.length === 0) return { selected: lessons, unknown: [] };
  const matches = (lesson: Lesson, name: string) =>
    name === lesson.meta.id ||
    name === `${String(lesson.meta.order).padStart(2, '0')}-${lesson.meta.slug}` ||
    (/^\d+$/.test(name) && Number(name) === lesson.meta.order);
  return {
    selected: lessons.filter((l) => names.some((n) => matches(l, n))),
    unknown: names.filter((n) => !lessons.some((l) => matches(l, n))),
  };
}
