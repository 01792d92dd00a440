import { execSync } from 'node:child_process';
import { launchChromium } from '../../tests/browser/chromium';
import { startStaticServer } from '../static-server';
import { benchColdLoad } from './cold-load';
import { benchImport } from './import';
import { benchManyRuns } from './many-runs';
import { benchTraining } from './training';
import { describeMachine } from './machine';
import { writeReport, type BenchSuite } from './report';

// Benchmarks measure the production build, served under a base path like a real static host.
execSync('npx vite build', { stdio: 'inherit' });
const site = await startStaticServer({ root: 'dist', base: '/labbook/' });
const browser = await launchChromium();
try {
  const suites: BenchSuite[] = [
    { title: 'Cold load of the built site', results: await benchColdLoad(browser, site.url) },
    {
      title: 'Training throughput at full size (1,458,644 taxi rows)',
      results: await benchTraining(browser, site.url),
    },
    {
      title: 'Tracking UI at scale',
      results: await benchManyRuns(browser, site.url),
    },
    {
      title: 'CSV import at full size (NYC taxi, Kaggle schema)',
      results: await benchImport(launchChromium, site.url),
    },
  ];
  const text = writeReport('docs/PERFORMANCE.md', describeMachine(browser), suites);
  console.log(text);
} finally {
  await browser.close();
  await site.close();
}
