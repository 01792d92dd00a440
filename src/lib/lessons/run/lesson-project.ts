import type { KernelRuntime } from '../../kernel/runtime';
import { followActiveProject, type LabProjectServices } from '../../lab/project-services';
import { projectSource } from '../../project/modules/project-source';
import { ensureLessonProject } from '../../project/seed';
import type { Lesson } from '../types';

/**
 * As the lesson page does: the kernel follows the active project, and a lesson with a starter
 * project gets it created (once) and made active. Headless runs and grading share it.
 */
export async function openLessonProject(
  projects: LabProjectServices,
  kernel: Pick<KernelRuntime, 'useProject'>,
  lesson: Lesson,
): Promise<void> {
  followActiveProject(projects, (id) =>
    kernel.useProject(id === null ? null : projectSource(projects.port, id)),
  );
  if (!lesson.seed) return;
  const { project } = await ensureLessonProject(projects.port, lesson.meta.id, lesson.seed);
  projects.setActive(project.id);
}
