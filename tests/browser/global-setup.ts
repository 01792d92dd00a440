import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/static-server';

/**
 * Serves the built site (npm test builds it first) under a non-root base path. DIST_DIR names
 * another build (`vite build --outDir <dir>`), so two checkouts' tests need not share one dist/.
 */
export default async function setup(project: TestProject) {
  const root = process.env.DIST_DIR ?? 'dist';
  if (!existsSync(`${root}/index.html`)) {
    throw new Error(
      `${root}/ is missing: run \`npm run build\` before the browser tests (npm test does).`,
    );
  }
  const site = await startStaticServer({ root, base: '/labbook/' });
  project.provide('siteUrl', site.url);
  return () => site.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
