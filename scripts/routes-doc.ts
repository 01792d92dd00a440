/**
 * Writes the route table of the READMEs from the one route table (src/lib/serving/routes.ts),
 * formatted by Prettier so `npm run lint` accepts it. `npm run docs:routes` regenerates it;
 * tests/unit/serving/route-table.test.ts fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { withRouteTable } from '../src/lib/serving/route-docs';

/** The files with a generated route section. */
export const ROUTE_FILES = ['README.md', 'src/lib/serving/README.md'];

/** The file's expected text: its own, with the route section generated. */
export async function routesText(file: string): Promise<string> {
  const config = (await resolveConfig(file)) ?? {};
  return format(withRouteTable(readFileSync(file, 'utf8'), file), { ...config, filepath: file });
}

/** The files whose route section is not what the table gives. */
export async function staleRouteFiles(files = ROUTE_FILES): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files)
    if (readFileSync(file, 'utf8') !== (await routesText(file))) stale.push(file);
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of ROUTE_FILES) writeFileSync(file, await routesText(file));
  console.log(`Route tables written: ${ROUTE_FILES.join(', ')}`);
}
