import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

// Kept apart from vite.config.ts so unit tests do not depend on the app's build plugins.
// The build's `define` of src/lib/app-version.ts (scripts/vite/app-version.ts), read here without
// importing a local module, which Vite's native config loader warns about. Projects do not
// inherit the root's `define`, so each names it.
const define = {
  __LABBOOK_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
};

export default defineConfig({
  test: {
    projects: [
      {
        define,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
        },
      },
      {
        // The standing hostile suite (tests/hostile/hostile.ts), in Node and in Chromium.
        define,
        test: {
          name: 'hostile',
          include: ['tests/hostile/*.hostile.test.ts'],
          environment: 'node',
          env: { TZ: 'UTC' },
        },
      },
      {
        define,
        test: {
          name: 'hostile-browser',
          include: ['tests/hostile/browser/*.hostile.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { TZ: 'UTC' },
        },
      },
      {
        define,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
