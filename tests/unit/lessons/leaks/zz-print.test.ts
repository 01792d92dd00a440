import { test } from 'vitest';
import { checkAll } from '../../../../src/lib/lessons';
import { runLesson } from '../../../../src/lib/lessons/run/run-lesson';
import { createKernelRuntime } from '../../../../src/lib/kernel/runtime';
import { followActiveProject } from '../../../../src/lib/lab/project-services';
import { projectSource } from '../../../../src/lib/project/modules/project-source';
import { ensureLessonProject } from '../../../../src/lib/project/seed';
import { useNodeServices } from '../../../../scripts/lesson-runner/node-services';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';
test('print', async () => {
  const lesson = checkAll(readLessonFiles('lessons')).lessons.find((l) => l.meta.id === 'testing-ml-code')!;
  const { projects } = useNodeServices();
  const kernel = createKernelRuntime();
  followActiveProject(projects, (a) => kernel.useProject(a === null ? null : projectSource(projects.port, a)));
  const { project } = await ensureLessonProject(projects.port, lesson.meta.id, lesson.seed!);
  projects.setActive(project.id);
  const spy = {
    reset: () => kernel.reset(),
    run: async (id: string, src: string, cb: () => void) => { const r = await kernel.run(id, src, cb); if (['explore','first-mutant','sample','refit','predictions','api-answers','final'].includes(id)) console.log(id, JSON.stringify(r.outputs).slice(0, 1500)); return r; },
    check: async (id: string, src: string, hint: string) => { const r = await kernel.check(id, src, hint); console.log('CHECK', id, r.pass, r.message); return r; },
  };
  console.log(await runLesson(lesson, spy));
}, 120000);
