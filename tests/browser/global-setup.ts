import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/static-server';

/** Serves the built site (npm test builds it first) under a non-root base path. */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) {
    throw new Error(
      'dist/ is missing: run `npm run build` before the browser tests (npm test does).',
    );
  }
  const site = await startStaticServer({ root: 'dist', base: '/labbook/' });
  project.provide('siteUrl', site.url);
  return () => site.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
