import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SURFACES, parseCaseName, type Guards, type Surface } from '../tests/hostile/hostile';

/**
 * `npm run reliability`: runs the standing hostile suite (Node and Chromium) and writes
 * docs/RELIABILITY.md from its results — cases tried, handled, and data lost — as `npm run
 * bench` writes docs/PERFORMANCE.md. Needs a build (`npm run build`) for the Chromium cases.
 */
const RESULTS = 'tests/artifacts/hostile-results.json';
const REPORT = 'docs/RELIABILITY.md';

interface JsonResult {
  testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
}

interface Case {
  surface: Surface;
  guards: Guards;
  name: string;
  file: string;
  handled: boolean;
  /** Declared with knownGap(): not handled yet, and said so. */
  gap: boolean;
}

function runSuite(): JsonResult {
  if (!existsSync(`${process.env.DIST_DIR ?? 'dist'}/index.html`)) {
    console.error('No build to test in Chromium: run `npm run build` first.');
    process.exit(1);
  }
  mkdirSync('tests/artifacts', { recursive: true });
  spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'hostile',
      '--project',
      'hostile-browser',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${RESULTS}`,
    ],
    { stdio: 'inherit' },
  );
  return JSON.parse(readFileSync(RESULTS, 'utf8')) as JsonResult;
}

function casesOf(result: JsonResult): Case[] {
  return result.testResults.flatMap((file) =>
    file.assertionResults.flatMap((test) => {
      const parsed = parseCaseName(test.title);
      if (!parsed) return [];
      const where = file.name.slice(file.name.indexOf('tests/hostile/'));
      const gap = test.status === 'todo' || test.status === 'pending';
      return [{ ...parsed, file: where, handled: test.status === 'passed', gap }];
    }),
  );
}

function report(cases: Case[], date: Date): string {
  const lost = cases.filter((c) => !c.handled && c.guards === 'data').length;
  const handled = cases.filter((c) => c.handled).length;
  const gaps = cases.filter((c) => c.gap).length;
  const surfaces = Object.keys(SURFACES) as Surface[];
  const rows = surfaces.map((surface) => {
    const of = cases.filter((c) => c.surface === surface);
    const ok = of.filter((c) => c.handled).length;
    const gapped = of.filter((c) => c.gap).length;
    const dataLost = of.filter((c) => !c.handled && c.guards === 'data').length;
    return `| ${SURFACES[surface]} | ${of.length} | ${ok} | ${gapped} | ${dataLost} |`;
  });
  const list = cases.map(
    (c) =>
      `| ${c.surface} | ${c.name.replaceAll('|', '\\|')} | ${c.guards} | ${c.handled ? 'handled' : c.gap ? '**known gap**' : '**not handled**'} | \`${c.file}\` |`,
  );
  return [
    '# Reliability',
    '',
    `Written by \`npm run reliability\` from the standing hostile suite (\`tests/hostile/\`) on`,
    `${date.toISOString().slice(0, 10)}. Every input surface of the Labbook gets cases there; a case is`,
    'handled when the Labbook answered with a clear, located error (or the right result), stored',
    'everything it acknowledged and let no other input suffer. A known gap is a case declared as not',
    'handled yet, with the reason; a failed or known-gap case that guards data counts as data lost.',
    '',
    `**${cases.length} cases tried, ${handled} handled, ${gaps} known gap${gaps === 1 ? '' : 's'}, ${lost} lost data** (goal: 0).`,
    '',
    '| surface | tried | handled | known gaps | data lost |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '## Cases',
    '',
    '| surface | case | guards | result | file |',
    '| --- | --- | --- | --- | --- |',
    ...list,
    '',
  ].join('\n');
}

const cases = casesOf(runSuite());
writeFileSync(REPORT, report(cases, new Date()));
console.log(`${REPORT}: ${cases.length} cases, ${cases.filter((c) => c.handled).length} handled.`);
