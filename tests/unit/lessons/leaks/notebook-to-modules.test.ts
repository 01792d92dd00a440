import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectFiles } from '../../../../src/lib/project/files';
import { lintProject } from '../../../../src/lib/project/lint/lint-project';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';

// Lesson 16: each exercise checked against the "cheats" a student might try — a module that
// changes its input, knows the settings instead of reading them, keeps a cache or a counter,
// delegates to the monolith, logs to the console, or documents with the wrong kind of comment.
// Each cheat starts from the lesson's own solution files and changes one thing, written from the
// exercise's cell as a student would (p.write).

let session: LessonSession;
let files: ProjectFiles;
let projectId: string;

/** The lesson with its project, every cell run and every exercise solved. */
beforeAll(async () => {
  session = await openLessonSession(shippedLesson('notebook-to-modules'));
  await session.runAll();
  files = new ProjectFiles(session.services.projects.port);
  projectId = session.services.projects.active()!;
}, 120_000);
afterAll(() => session.close());

const solved = new Map<string, string>();
/** Checks `id` with `path` changed by `edit` from its cell, then puts the solved file back. */
async function checkWith(id: string, path: string, edit: (text: string) => string) {
  const original = solved.get(path) ?? (await files.readText(projectId, path));
  solved.set(path, original);
  const changed = edit(original);
  expect(changed, `the cheat for ${id} changes ${path}`).not.toBe(original);
  try {
    return await session.attempt(
      id,
      `await p.write(${JSON.stringify(path)}, ${JSON.stringify(changed)});`,
    );
  } finally {
    await files.write(projectId, path, original);
  }
}
const replace = (from: string | RegExp, to: string) => (text: string) => text.replace(from, to);

describe('lesson 16, the solved state', () => {
  it('passes every check, and the hidden reference agrees with the seeded notebook.js', async () => {
    for (const id of ['extract-features', 'move-config', 'train-evaluate', 'errors-logs-docs'])
      expect(await session.check(id, session.exercise(id).check), id).toMatchObject({
        pass: true,
      });
    // Only checks see the hidden setup, so the comparison runs as one.
    const agree = await session.check(
      'reference',
      `const p = await lab.project.current();
       const got = (await p.importFresh('notebook.js')).runNotebook(checkTripsA);
       const want = referenceRun(checkTripsA, notebookSettings);
       expect(got.rmsle === want.rmsle && got.rmse === want.rmse, JSON.stringify({ got, want }));`,
    );
    expect(agree).toMatchObject({ pass: true });
  }, 60_000);
});

describe('lesson 16, the lint pass', () => {
  it("flags the notebook's complexity, and nothing in the solved modules", async () => {
    const paths = (await files.tree(projectId)).filter((r) => r.kind === 'file').map((r) => r.path);
    const report = lintProject(
      await Promise.all(
        paths.map(async (path) => ({ path, text: await files.readText(projectId, path) })),
      ),
    );
    expect(report.files.flatMap((f) => f.diagnostics.map((d) => `${d.path} ${d.ruleId}`))).toEqual([
      'notebook.js complexity',
    ]);
  });
});

describe('lesson 16 cheats fail their checks', () => {
  it('extract-features: addFeatures that writes the features into the rows it was given', async () => {
    const result = await checkWith(
      'extract-features',
      'src/features.js',
      replace('return {\n      ...row,', 'return Object.assign(row, {'),
    );
    expect(result.pass).toBe(false);
  });

  it('extract-features: haversine with latitude and longitude swapped', async () => {
    const result = await checkWith(
      'extract-features',
      'src/features.js',
      replace(
        'export function haversine(lat1, lon1, lat2, lon2)',
        'export function haversine(lon1, lat1, lon2, lat2)',
      ),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/haversine/);
  });

  it('extract-features: a high-traffic window one hour short', async () => {
    const result = await checkWith(
      'extract-features',
      'src/features.js',
      replace('hour >= 13 && hour <= 20', 'hour >= 13 && hour < 20'),
    );
    expect(result).toMatchObject({ pass: false });
    // The message counts the disagreements; it never says which pair or what the answer is.
    expect(result.message).toMatch(/1 of the 168/);
    expect(result.message).not.toMatch(/20|Saturday/);
  });

  it('move-config: loadConfig that returns the notebook settings whatever the text says', async () => {
    const result = await checkWith('move-config', 'src/config.js', () =>
      [
        'export function loadConfig(text) {',
        "  return { random_state: 42, test_size: 0.3, alpha: 1, features: ['log_distance_haversine', 'hour', 'weekday', 'is_high_traffic_trip'] };",
        '}',
      ].join('\n'),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/ignores the text/);
  });

  it('move-config: a config.yml without alpha', async () => {
    const result = await checkWith('move-config', 'config.yml', replace(/^alpha:.*\n/m, ''));
    expect(result).toMatchObject({ pass: false });
  });

  it('train-evaluate: alpha typed into trainModel instead of read from config', async () => {
    const result = await checkWith(
      'train-evaluate',
      'src/train.js',
      replace('A[i][i] += config.alpha', 'A[i][i] += 1'),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/changed copy of config.yml/);
  });

  it("train-evaluate: the notebook's cache, keyed on the number of rows", async () => {
    const result = await checkWith('train-evaluate', 'src/features.js', (text) =>
      text
        .replace(
          'export function addFeatures(rows) {',
          'let cache = null;\nexport function addFeatures(rows) {\n  if (cache && cache.length === rows.length) return cache;',
        )
        .replace('  return rows.map((row) => {', '  return (cache = rows.map((row) => {')
        .replace(/\n {2}\}\);\n\}\n?$/, '\n  }));\n}\n'),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/module-level state/);
  });

  it('train-evaluate: a cache kept on globalThis, where a fresh import cannot reset it', async () => {
    const result = await checkWith('train-evaluate', 'src/features.js', (text) =>
      text
        .replace(
          'export function addFeatures(rows) {',
          'export function addFeatures(rows) {\n  const cached = globalThis.__features;\n  if (cached && cached.length === rows.length) return cached;',
        )
        .replace(
          '  return rows.map((row) => {',
          '  return (globalThis.__features = rows.map((row) => {',
        )
        .replace(/\n {2}\}\);\n\}\n?$/, '\n  }));\n}\n'),
    );
    delete (globalThis as { __features?: unknown }).__features;
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/cache or other module-level state/);
  });

  it('train-evaluate: a call counter that moves the seed', async () => {
    const result = await checkWith('train-evaluate', 'src/train.js', (text) =>
      text
        .replace('function seededRandom(seed) {', 'let calls = 0;\nfunction seededRandom(seed) {')
        .replace(
          'const rand = seededRandom(config.random_state);',
          'const rand = seededRandom(config.random_state + calls++);',
        ),
    );
    expect(result).toMatchObject({ pass: false });
  });

  it('train-evaluate: evaluate.js that runs the monolith instead', async () => {
    const result = await checkWith('train-evaluate', 'src/evaluate.js', (text) =>
      text.replace(
        /export function evaluateModel\(model, test(, logger = console)?\) \{/,
        "import { runNotebook } from '../notebook.js';\nexport function evaluateModel(model, test) {\n  return runNotebook(test);",
      ),
    );
    expect(result).toMatchObject({ pass: false });
  });

  it('train-evaluate: train and test swapped', async () => {
    const result = await checkWith(
      'train-evaluate',
      'src/train.js',
      replace('test: idx.slice(0, nTest)', 'test: idx.slice(nTest)'),
    );
    expect(result).toMatchObject({ pass: false });
  });

  it('errors-logs-docs: a loadConfig that refuses every config', async () => {
    const result = await checkWith(
      'errors-logs-docs',
      'src/config.js',
      replace(
        'const config = YAML.parse(text);',
        "const config = YAML.parse(text);\n  throw new Error('config.yml: test_size, alpha, random_state, features are wrong');",
      ),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/refuses your own config.yml/);
  });

  it('errors-logs-docs: an error that does not name the field', async () => {
    const result = await checkWith(
      'errors-logs-docs',
      'src/config.js',
      replace(
        "throw new Error('config.yml: ' + field + ' ' + why);",
        "throw new Error('invalid config');",
      ),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/does not name/);
  });

  it('errors-logs-docs: logging with console.log instead of the logger', async () => {
    const result = await checkWith(
      'errors-logs-docs',
      'src/train.js',
      replace('logger.info(', 'console.log('),
    );
    expect(result).toMatchObject({ pass: false });
    expect(result.message).toMatch(/trainModel.*logger/);
  });

  it('errors-logs-docs: a line comment instead of JSDoc, and a JSDoc without one @param', async () => {
    const lineComment = await checkWith(
      'errors-logs-docs',
      'src/evaluate.js',
      replace(/\/\*\*\n \* The model's predictions[\s\S]*?\*\/\n/, "// The model's predictions.\n"),
    );
    expect(lineComment).toMatchObject({ pass: false });
    expect(lineComment.message).toMatch(/predict has no \/\*\* JSDoc \*\/ comment/);
    const missingParam = await checkWith(
      'errors-logs-docs',
      'src/features.js',
      replace(/ \* @param \{number\} hour .*\n/, ''),
    );
    expect(missingParam).toMatchObject({ pass: false });
    expect(missingParam.message).toMatch(/isHighTraffic has no @param for hour/);
  });
});
