import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

describe('lesson 02, "Place the practices": the maturity key stays with the check', () => {
  it('a cell cannot read the hidden setup’s answers, by name or through the kernel’s scope', async () => {
    session = await openLessonSession(shippedLesson('ml-lifecycle'));
    await session.runAll('levels');
    expect(await session.attempt('levels', 'const myLevels = { ...practiceLevels };')).toEqual({
      pass: false,
      message: 'The cell threw: practiceLevels is not defined',
    });
    const viaScope = await session.attempt(
      'levels',
      'const myLevels = { ...(__scope.practiceLevels ?? {}) };',
    );
    expect(viaScope.pass).toBe(false);
    expect(viaScope.message).toMatch(/^Keep every practice in myLevels/);
    // The check still reads the key: the real answer passes after the failed tries.
    expect(await session.attempt('levels', session.exercise('levels').solution)).toMatchObject({
      pass: true,
    });
  });

  it('a cell’s own practiceLevels does not replace the key the check compares with', async () => {
    session = await openLessonSession(shippedLesson('ml-lifecycle'));
    await session.runAll('levels');
    const forged = `const practiceLevels = { x: 1 };\nconst myLevels = { x: 1 };`;
    expect((await session.attempt('levels', forged)).pass).toBe(false);
  });
});
