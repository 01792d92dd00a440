import { parentPort, workerData } from 'node:worker_threads';
import { gradeInNode } from './grade-in-node';
import { hardenRealm } from '../../src/lib/kernel/harden-intrinsics';
import type { GradingPack, Submission } from '../../src/lib/grading/types';
import type { Lesson } from '../../src/lib/lessons/types';

// One student per thread (nodeStudentGrader): the parent terminates it when a cell runs too long.
const { lesson, submission, pack, skip } = workerData as {
  lesson: Lesson;
  submission: Submission;
  pack: GradingPack | null;
  skip: string[];
};
// Built-ins frozen as in the browser's kernel: a submission's timer cannot patch them mid-check.
await hardenRealm();
gradeInNode(lesson, submission, pack, {
  skip: new Set(skip),
  onStep: (step) => parentPort!.postMessage({ step }),
}).then(
  (outcome) => parentPort!.postMessage({ outcome }),
  (error: unknown) =>
    parentPort!.postMessage({ error: String((error as Error)?.message ?? error) }),
);
