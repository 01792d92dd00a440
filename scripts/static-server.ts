import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.gz': 'application/gzip',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export interface StaticServer {
  url: string;
  server: Server;
  /** Bytes sent per path since start (gzip-equivalent sizes are measured by the bench itself). */
  close(): Promise<void>;
}

/**
 * Serves a built site under a base path (e.g. `/labbook/`), as a static host would, so tests and
 * benchmarks prove the site works away from the domain root.
 */
export async function startStaticServer(options: {
  root: string;
  base?: string;
  port?: number;
}): Promise<StaticServer> {
  const root = resolve(options.root);
  const base = options.base ?? '/';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(base)) {
        res.writeHead(404).end('Not under the base path');
        return;
      }
      let path = normalize(decodeURIComponent(url.pathname.slice(base.length)));
      if (path === '.' || path.endsWith('/')) path = join(path, 'index.html');
      const file = join(root, path);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end('Not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
