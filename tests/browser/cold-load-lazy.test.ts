import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inFreshPage, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, outputText, run, setCode } from './notebook-page';

const chromium = useChromium();
const DIST = process.env.DIST_DIR ?? 'dist';

/**
 * The libraries a plain cell must not pay for, as their sources appear in a chunk's source map.
 * (ESLint is not among them: the editor's linter loads with the editor, on the first input.)
 */
const HEAVY = {
  'TensorFlow.js': 'node_modules/@tensorflow/',
  'Observable Plot': 'node_modules/@observablehq/plot/',
  DuckDB: 'node_modules/@duckdb/',
  'isomorphic-git': 'node_modules/isomorphic-git/',
};

/** The libraries inside each script the page and its workers fetched, read from the build's maps. */
function librariesIn(scripts: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const script of scripts) {
    const map = join(DIST, 'assets', `${script.split('/').pop()}.map`);
    if (!existsSync(map)) continue;
    const sources = (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
    for (const [name, path] of Object.entries(HEAVY))
      if (sources.some((source) => source.includes(path))) (found[name] ??= []).push(script);
  }
  return found;
}

/** Every script the page and its dedicated workers fetch (not the service worker's precache). */
function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!request.serviceWorker() && path.endsWith('.js')) scripts.push(path);
  });
  return scripts;
}

it('a cold visit that runs a plain cell fetches no TF.js, Plot, DuckDB or git code; naming Plot loads it then', async () => {
  await inFreshPage(chromium(), async (page) => {
    const scripts = recordScripts(page);
    await openLesson(page, inject('siteUrl'), FIRST_LESSON);
    const first = cells(page).nth(0);
    await setCode(first, '1 + 1');
    await run(first);
    expect(await outputText(first)).toBe('2');

    // The record includes the kernel worker's own scripts, so an empty list below means something.
    expect(scripts.some((path) => /\/kernel\.worker-[\w-]+\.js$/.test(path))).toBe(true);
    expect(scripts.length).toBeGreaterThan(3);
    expect(librariesIn(scripts)).toEqual({});

    await setCode(first, "Plot.dot([{ x: 1, y: 2 }], { x: 'x', y: 'y' }).plot()");
    await run(first);
    await first.locator('.outputs svg').first().waitFor();
    expect(Object.keys(librariesIn(scripts))).toEqual(['Observable Plot']);
  });
}, 90_000);
