import { execFileSync, execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../tests/browser/chromium';
import { startStaticServer } from '../static-server';
import { benchCiInChromium } from './ci-chromium';
import { benchColdLoad } from './cold-load';
import { benchImport } from './import';
import { benchManyRuns } from './many-runs';
import { benchLongMetric } from './long-metric';
import { benchServing } from './serving';
import type { benchDrift } from './drift';
import { benchDriftInWorker } from './drift-worker';
import { benchTraining } from './training';
import { benchProjectTests } from './project-tests';
import { benchStudentApi } from './student-api';
import { benchGrading } from './grading';
import { describeMachine } from './machine';
import { formatSuites, writeReport, type BenchResult, type BenchSuite } from './report';

type Suite = {
  key: string;
  title: string;
  run: (browser: Browser, url: string) => Promise<BenchResult[]>;
};

const SUITES: Suite[] = [
  { key: 'load', title: 'Cold load of the built site', run: benchColdLoad },
  {
    key: 'training',
    title: 'Training throughput at full size (1,458,644 taxi rows)',
    run: benchTraining,
  },
  {
    key: 'tracking',
    title: 'Tracking UI at scale',
    run: async (b, url) => [...(await benchManyRuns(b, url)), ...(await benchLongMetric(b, url))],
  },
  { key: 'serving', title: 'Serving: the prediction API under load', run: benchServing },
  {
    key: 'drift',
    title: 'Drift tests at 1,000,000 vs 1,000,000 rows (Node vs scipy)',
    run: async (b, url) => {
      // The columns are written once into the served site: scipy reads them from disk, the
      // kernel worker fetches the same files.
      const folder = 'bench-drift';
      try {
        const node = driftInOwnProcess(join(root, folder));
        return [
          ...node.results,
          ...(await benchDriftInWorker(b, url, `${url}${folder}/`, node.scipy)),
        ];
      } finally {
        rmSync(join(root, folder), { recursive: true, force: true });
      }
    },
  },
  {
    key: 'git',
    title: 'Git in the project workspace (Node; in the page it runs in the project worker)',
    run: async () => gitInOwnProcess(),
  },
  {
    key: 'ci',
    title: 'CI workflows (Node; and from the CI panel of the built site in Chromium, CI worker)',
    run: async (b, url) => [
      ...ownProcess('scripts/bench/ci.ts'),
      ...(await benchCiInChromium(b, url)),
    ],
  },
  {
    key: 'gbdt',
    title:
      "Boosted trees vs scikit-learn's HistGradientBoostingRegressor (Node; in the app the gbdt worker)",
    run: async () => ownProcess('scripts/bench/gbdt.ts'),
  },
  {
    key: 'project-tests',
    title: 'Project tests: the runner (issue 15)',
    run: () => benchProjectTests(),
  },
  {
    key: 'student-api',
    title: "Students' own APIs: the router's student path (issue 16)",
    run: () => benchStudentApi(),
  },
  {
    key: 'grading',
    title: 'Gradebook: submissions re-executed in grading workers (issue 17)',
    run: benchGrading,
  },
  {
    key: 'duckdb',
    title: 'DuckDB: a group-by over 1,458,644 taxi rows against pandas (Node, the shipped wasm)',
    run: async () => ownProcess('scripts/bench/duckdb.ts'),
  },
  {
    key: 'import',
    title: 'CSV import at full size (NYC taxi, Kaggle schema)',
    run: (_, url) => benchImport(launchChromium, url),
  },
];

/** The Node drift run in a process of its own, on a fresh heap, as scipy's runs in its own. */
function driftInOwnProcess(dataDir: string): ReturnType<typeof benchDrift> {
  const out = execFileSync('npx', ['tsx', 'scripts/bench/drift.ts', '--json', dataDir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ReturnType<typeof benchDrift>;
}

/** The git cases in a process of their own (fake-indexeddb must not become this process's global). */
function gitInOwnProcess(): BenchResult[] {
  const out = execFileSync('npx', ['tsx', 'scripts/bench/git.ts', '--json'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as BenchResult[];
}

/** A Node bench script's `--json` results, from a process of its own. */
function ownProcess(script: string): BenchResult[] {
  const out = execFileSync('npx', ['tsx', script, '--json'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as BenchResult[];
}

// `npm run bench` runs every suite and writes docs/PERFORMANCE.md; `npm run bench -- serving`
// runs the named suites only and prints them (the report always comes from a full run).
const only = process.argv.slice(2);
const unknown = only.filter((k) => !SUITES.some((s) => s.key === k));
if (unknown.length)
  throw new Error(
    `Unknown suite(s) ${unknown.join(', ')}; there are ${SUITES.map((s) => s.key).join(', ')}.`,
  );

// Benchmarks measure the production build, served under a base path like a real static host.
// DIST_DIR: a build made already (e.g. by `npx vite build --outDir /tmp/dist`) instead of a new one.
const root = process.env['DIST_DIR'] ?? 'dist';
if (!process.env['DIST_DIR']) execSync('npx vite build', { stdio: 'inherit' });
const site = await startStaticServer({ root, base: '/labbook/' });
const browser = await launchChromium();
const machine = describeMachine(browser);
try {
  const suites: BenchSuite[] = [];
  for (const suite of SUITES.filter((s) => only.length === 0 || only.includes(s.key)))
    suites.push({ title: suite.title, results: await suite.run(browser, site.url) });
  console.log(
    only.length ? formatSuites(suites) : writeReport('docs/PERFORMANCE.md', machine, suites),
  );
} finally {
  await browser.close();
  await site.close();
}
