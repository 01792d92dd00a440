import './buffer-global';
import { expose } from 'comlink';
import { guardKernelScope } from './kernel-guards';
import { memoryBudget } from '../lib/kernel/memory-budget';
import { meterBuffers } from '../lib/kernel/memory-meter';
import { createKernelRuntime } from '../lib/kernel/runtime';
import { setLabServices } from '../lib/lab/services';
import { setProjectTestHost } from '../lib/lab/project-test-host';
import { ProjectTestBridge } from '../bridges/project-test-bridge';
import { openLessonProject } from '../lib/lessons/run/lesson-project';
import { gradeStudent } from '../lib/grading/grade-student';
import type { GradingPack, StudentOutcome, Submission } from '../lib/grading/types';
import type { Lesson } from '../lib/lessons/types';
import { createWorkerServices } from './worker-services';
import { runPipeline } from '../lib/pipeline';
import { hardenRealm } from '../lib/kernel/harden-intrinsics';

// One student per worker (GradingBridge starts a fresh one for each): a student's code runs here
// with the same guards as in a lesson kernel, so it cannot open the Labbook's database (where the
// grading packs are) nor start an unguarded worker; over the memory budget, allocations throw.
guardKernelScope(globalThis);
meterBuffers(
  self as unknown as Record<string, unknown>,
  memoryBudget((navigator as { deviceMemory?: number }).deviceMemory),
  () => undefined,
);
// Then the built-ins and the libraries checks call frozen, as in a lesson's kernel worker: a
// submission's timer or patch cannot change them while a check awaits.
const hardened = hardenRealm();
const testBridge = new ProjectTestBridge();
setProjectTestHost((files, options) => testBridge.run(files, options));

const api = {
  /**
   * Re-executes one submission against the lesson's checks and the pack's hidden checks, on
   * in-memory storage: nothing the student's code stores reaches the instructor's workspace.
   */
  async grade(
    siteUrl: string,
    lesson: Lesson,
    submission: Submission,
    pack: GradingPack | null,
    skip: string[],
    onStep: (cellId: string) => void,
  ): Promise<StudentOutcome> {
    await hardened;
    const services = await createWorkerServices(siteUrl, { memoryOnly: true });
    // Sweeps run here, on these memory services: a pipeline worker would open the database.
    services.pipelineLanes = {
      size: 1,
      open: () => ({
        run: (config, options) => runPipeline(config, services, options),
        close() {},
      }),
    };
    setLabServices(services);
    const kernel = createKernelRuntime();
    kernel.setLesson(lesson.meta.id);
    await openLessonProject(services.projects, kernel, lesson);
    return gradeStudent(lesson, submission, pack, kernel, { skip: new Set(skip), onStep });
  },
};

expose(api);
export type GradingWorkerApi = typeof api;
