import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Data files the site ships; dataset cards (README.md) stay in the repository. */
const DATA_FILE = /\.(csv|csv\.gz)$/;

function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => DATA_FILE.test(path) && statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

/**
 * Ships `datasets/` with the site under `<base>/datasets/`, byte for byte (a `.csv.gz` stays
 * gzipped; the app decompresses it in a worker), and serves the same files in dev.
 */
export function datasetsPlugin(options: { dir: string }): Plugin {
  const dir = options.dir;
  return {
    name: 'labbook-datasets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
        const match = /\/datasets\/(.+)$/.exec(path);
        const file = match ? match[1]! : '';
        if (!match || !dataFiles(dir).includes(file)) return next();
        res.setHeader('Content-Type', file.endsWith('.gz') ? 'application/gzip' : 'text/csv');
        createReadStream(join(dir, file)).pipe(res);
      });
    },
    generateBundle() {
      for (const file of dataFiles(dir)) {
        this.emitFile({
          type: 'asset',
          fileName: `datasets/${file}`,
          source: readFileSync(join(dir, file)),
        });
      }
    },
  };
}
