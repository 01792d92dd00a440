import { describe, expect, test } from 'vitest';
import { checkAll } from '../../../../src/lib/lessons';
import { NOT_YET_MESSAGE } from '../../../../src/lib/lessons/exercises';
import type { Block, Lesson } from '../../../../src/lib/lessons/types';
import { createKernelRuntime } from '../../../../src/lib/kernel/runtime';
import { followActiveProject } from '../../../../src/lib/lab/project-services';
import { projectSource } from '../../../../src/lib/project/modules/project-source';
import { ensureLessonProject } from '../../../../src/lib/project/seed';
import { useNodeServices } from '../../../../scripts/lesson-runner/node-services';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';

/**
 * Lesson 18's checks against the cheats a student might try: each must fail its check. The real
 * test files come from the lesson's own solutions, so a cheat is "the solution, plus a trick"
 * or "less than the solution", never a copy kept here.
 */
const lesson: Lesson = checkAll(readLessonFiles('lessons')).lessons.find(
  (l) => l.meta.id === 'testing-ml-code',
)!;

type Exercise = Extract<Block, { kind: 'exercise' }>;
const exercise = (id: string) =>
  lesson.blocks.find((b): b is Exercise => b.kind === 'exercise' && b.id === id)!;

/** The test file a solution writes: the text between its first pair of backticks. */
const solutionTests = (id: string) => /`([\s\S]*?)`/.exec(exercise(id).solution)![1]!;
const write = (path: string, text: string) =>
  `await project.write(${JSON.stringify(path)}, ${JSON.stringify(text)});`;

/**
 * A kernel where the student has done everything before `id` (cells, and earlier exercises'
 * solutions); `attempt(source)` runs source in the exercise's cell, then its check.
 */
async function before(id: string) {
  const { projects } = useNodeServices();
  const kernel = createKernelRuntime();
  followActiveProject(projects, (active) =>
    kernel.useProject(active === null ? null : projectSource(projects.port, active)),
  );
  const { project } = await ensureLessonProject(projects.port, lesson.meta.id, lesson.seed!);
  projects.setActive(project.id);
  await kernel.reset();
  const run = async (cellId: string, source: string) => {
    const { outputs } = await kernel.run(cellId, source, () => {});
    const error = outputs.find((o) => o.type === 'error');
    if (error) throw new TypeError(`${cellId}: ${JSON.stringify(error)}`);
  };
  // Hidden setup as the app runs it: in its own scope, which checks read and cells cannot.
  for (const block of lesson.blocks)
    if (block.kind === 'setup') await kernel.runSetup(block.id, block.source, () => {});
  for (const block of lesson.blocks) {
    if ('id' in block && block.id === id) break;
    if (block.kind === 'code') await run(block.id, block.source);
    if (block.kind === 'exercise') await run(block.id, block.solution);
  }
  return {
    attempt: async (source: string) => {
      await run(id, source);
      return kernel.check(id, exercise(id).check, NOT_YET_MESSAGE);
    },
  };
}

const TIMEOUT = 60_000;

describe('lesson 18 (testing-ml-code): cheats fail the checks', () => {
  test(
    'unit-tests: the solution passes; a source snapshot, a suite that fails, and an edited src/ do not',
    async () => {
      const tests = solutionTests('unit-tests');
      const { attempt } = await before('unit-tests');
      expect(await attempt(write('tests/features.test.js', tests))).toMatchObject({ pass: true });

      // Asserting the source text "catches" every change of the text, whatever it does.
      const snapshotCheat = write(
        'tests/snapshot.test.js',
        "import { haversine, isHighTraffic } from '../src/features.js';\n" +
          'const text = haversine.toString() + isHighTraffic.toString();\n' +
          "test('the code is the code I saw', () => expect(text).to.include('toRadians(lat1)').and.include('hour >= 8'));",
      );
      const snap = await attempt(snapshotCheat);
      expect(snap.pass).toBe(false);
      expect(snap.message).toMatch(/behaves exactly the same/);

      const failing = await attempt(
        write('tests/snapshot.test.js', "test('always fails', () => { throw new Error('no'); });"),
      );
      expect(failing).toMatchObject({
        pass: false,
        message: expect.stringMatching(/must pass on the real code/),
      });

      const edited = await attempt(
        `${write('tests/snapshot.test.js', "test('ok', () => {});")}\nawait project.write('src/features.js', (await project.read('src/features.js')).replace('hour >= 8', 'hour >= 7'));`,
      );
      expect(edited).toMatchObject({
        pass: false,
        message: expect.stringMatching(
          /src\/features\.js in the open project, "taxi-tests", is not the starter.s/,
        ),
      });
    },
    TIMEOUT,
  );

  test(
    'unit-tests: a cell that replaces lab.test.mutate with a fake gains nothing',
    async () => {
      const { attempt } = await before('unit-tests');
      const fake =
        "lab.test.mutate = async (mutants) => ({ baselinePassed: true, falseAlarms: 0, caught: mutants.length, total: mutants.length, mutants: mutants.map((m) => ({ name: m.name, status: 'caught' })), baseline: { failed: 0, timedOut: 0, total: 1 } });";
      const faked = await attempt(
        `${write('tests/features.test.js', "test('ok', () => {});")}\n${fake}`,
      );
      expect(faked.pass).toBe(false);
    },
    TIMEOUT,
  );

  test(
    'unit-tests: north–south distances only cannot tell latitude from longitude',
    async () => {
      const { attempt } = await before('unit-tests');
      const weak = solutionTests('unit-tests')
        .replace(/\n {2}\/\/ geopy[\s\S]*?\n {2}\}\);\n/, '\n')
        .replace('haversine(0, 0, 0, 90)', 'haversine(0, 0, 90, 0)');
      expect(weak).not.toContain('21.77');
      const result = await attempt(write('tests/features.test.js', weak));
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(/caught 5 of 6 .*latitude and longitude mixed up/);
      // The failure names the bug, never a distance or an expected value.
      expect(result.message).not.toMatch(/\d+\.\d+/);
    },
    TIMEOUT,
  );

  test(
    'data-tests: a check of the first row only, and a snapshot of this batch, fail',
    async () => {
      const tests = solutionTests('data-tests');
      const { attempt } = await before('data-tests');
      const firstRowOnly =
        "import trips from '../data/trips-sample.js';\nconst [t] = trips;\n" +
        "test('first row', () => { expect(t.trip_duration).to.be.a('number').and.above(0); expect(t.passenger_count).to.be.a('number'); expect(t.pickup_latitude).to.be.within(40, 42); expect(t.dropoff_latitude).to.be.a('number'); });";
      const first = await attempt(write('tests/data.test.js', firstRowOnly));
      expect(first.pass).toBe(false);
      expect(first.message).toMatch(/stopped 1 of 5 bad batches/);

      const pinned = `${tests}\ntest('the batch as I saw it', () => expect(trips[0].id).to.equal('id5767213'));\n`;
      const snap = await attempt(write('tests/data.test.js', pinned));
      expect(snap).toMatchObject({
        pass: false,
        message: expect.stringMatching(/another clean batch/),
      });

      // A snapshot of the whole batch, order-proof, "catches" every bad batch, and every new one.
      const sorted =
        'const byId = (a, b) => (a.id < b.id ? -1 : 1);\nconst snapshot = (rows) => JSON.stringify([...rows].sort(byId));\n';
      const frozen = await attempt(
        "import shippedTrips from 'project:data/trips-sample.js';\n" +
          'const shot = JSON.stringify([...shippedTrips].sort((a, b) => (a.id < b.id ? -1 : 1)));\n' +
          `await project.write('tests/data.test.js', ${JSON.stringify(`${tests}\n${sorted}`)} + "test('the batch is the batch', () => expect(snapshot(trips)).to.equal(" + JSON.stringify(shot) + '));\\n');`,
      );
      expect(frozen).toMatchObject({
        pass: false,
        message: expect.stringMatching(/another clean batch of trips/),
      });

      const emptied = await attempt(
        `${write('tests/data.test.js', tests)}\nawait project.write('data/trips-sample.js', 'export default [];');`,
      );
      expect(emptied).toMatchObject({
        pass: false,
        message: expect.stringMatching(/no longer holds the sample/),
      });
    },
    TIMEOUT,
  );

  test(
    'model-tests: "not shorter" written as at.least lets a model that ignores distance through',
    async () => {
      const { attempt } = await before('model-tests');
      const weak = solutionTests('model-tests')
        .replace(/\n {2}test\('a 10 km trip[\s\S]*?\n {2}\}\);\n/, '\n')
        .replaceAll('to.be.above(', 'to.be.at.least(');
      const result = await attempt(write('tests/model.test.js', weak));
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(/Still undetected: a model that ignores the distance\.$/);
    },
    TIMEOUT,
  );

  test(
    'api-tests: asserting the status alone misses a 422 that names no field and a text prediction',
    async () => {
      const { attempt } = await before('api-tests');
      const statusOnly = solutionTests('api-tests')
        .replace(/\n\s*expect\(fieldsIn\(response\)\)[^\n]*/g, '')
        .replace(".to.be.a('number').and.above(0)", '.to.exist');
      const result = await attempt(write('tests/api.test.js', statusOnly));
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(
        /a 422 that does not say which field; a prediction sent back as text/,
      );
    },
    TIMEOUT,
  );

  test(
    'coverage: tests that run addFeatures but assert nothing reach the coverage and still fail',
    async () => {
      const { attempt } = await before('coverage');
      const noAssertions =
        "import { addFeatures } from '../src/features.js';\n" +
        "test('runs', () => { addFeatures({ pickup_datetime: '2016-02-10 20:14:03', pickup_latitude: 40.7, pickup_longitude: -74, dropoff_latitude: 40.8, dropoff_longitude: -73.9 }); try { addFeatures({ pickup_datetime: 'x' }); } catch {} });";
      const result = await attempt(
        `${write('tests/add-features.test.js', noAssertions)}\nconst report = await lab.test.run({ coverage: true });`,
      );
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(/coverage only says the lines ran: 0 of 4 broken versions/);
    },
    TIMEOUT,
  );
});
