import { afterEach, describe, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { answerKey } from '../../../../src/lib/lab/mystery';
import { shippedLesson } from './shipped';

let session: LessonSession | undefined;
afterEach(() => session?.close());

const mystery = (options: string) =>
  `const mysteries = await lab.monitoring.mystery('diabetes', { ${options} });`;

describe('lesson 13, "Covariate, label or concept?": the answer key is the check’s alone', () => {
  it('lab.monitoring has no answerKey, and a cell cannot call one', async () => {
    session = await openLessonSession(shippedLesson('data-and-concept-drift'));
    await session.runAll('which-drifted');
    const cheat = `${mystery("kinds: ['covariate', 'label', 'concept']")}
const kinds = Object.fromEntries(
  Object.entries(mysteries).map(([n, m]) => [n, lab.monitoring.answerKey(m.ref).kind]),
);`;
    expect(await session.attempt('kind-of-drift', cheat)).toEqual({
      pass: false,
      message: 'The cell threw: lab.monitoring.answerKey is not a function',
    });
    const byName = `${mystery("kinds: ['covariate', 'label', 'concept']")}\nconst kinds = { A: answerKey(mysteries.A.ref).kind };`;
    expect((await session.attempt('kind-of-drift', byName)).message).toBe(
      'The cell threw: answerKey is not defined',
    );
  }, 60_000);

  it('mysteries the cell made knowable (its own seed, one kind thrice) fail even when "right"', async () => {
    session = await openLessonSession(shippedLesson('data-and-concept-drift'));
    await session.runAll('which-drifted');
    // The test (not the cell) reads the answers, to give the cheat its best chance.
    await session.run('peek', mystery("kinds: ['covariate', 'label', 'concept'], seed: 1"));
    const { version } = await session.services.catalog.load('diabetes-mystery-A');
    const seeded = Object.fromEntries(
      await Promise.all(
        ['A', 'B', 'C'].map(async (n) => [
          n,
          answerKey((await session!.services.catalog.load(`diabetes-mystery-${n}`)).version.id)
            .kind,
        ]),
      ),
    );
    expect(version.id).toBeTruthy();
    const chosenSeed = `${mystery("kinds: ['covariate', 'label', 'concept'], seed: 1")}\nconst kinds = ${JSON.stringify(seeded)};`;
    const refusal = "Keep the starter's mysteries: one of each kind, drawn without a seed.";
    expect(await session.attempt('kind-of-drift', chosenSeed)).toEqual({
      pass: false,
      message: refusal,
    });
    const oneKind = `${mystery("kinds: ['label', 'label', 'label']")}\nconst kinds = { A: 'label', B: 'label', C: 'label' };`;
    expect(await session.attempt('kind-of-drift', oneKind)).toEqual({
      pass: false,
      message: refusal,
    });
    expect(
      await session.attempt('kind-of-drift', session.exercise('kind-of-drift').solution),
    ).toMatchObject({ pass: true });
  }, 120_000);
});
