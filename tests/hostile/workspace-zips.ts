import { strToU8, zipSync } from 'fflate';

/** Hand-made workspace zips for hostile cases (Node and Chromium). */
const MANIFEST = {
  format: 'mlops-labbook-workspace',
  formatVersion: 1,
  schemaVersion: 4,
  appVersion: 'x',
  exportedAt: '2026-01-01T00:00:00Z',
};
export const cell = (source: string) => ({ lessonId: 'l', cellId: 'c', source, updatedAt: 1 });

export function workspaceZip(
  tables: Record<string, unknown[]>,
  extra: Record<string, Uint8Array> = {},
  manifestTables = Object.fromEntries(Object.entries(tables).map(([n, r]) => [n, r.length])),
): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(JSON.stringify({ ...MANIFEST, tables: manifestTables })),
    ...extra,
  };
  for (const [name, rows] of Object.entries(tables))
    files[`tables/${name}.json`] = strToU8(JSON.stringify(rows));
  return zipSync(files, { level: 1 });
}

/** Rewrites the uncompressed size an entry declares, in its local and central headers. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = strToU8(name);
  for (let i = 0; i < out.length - 46; i++) {
    const sig = view.getUint32(i, true);
    const [nameAt, sizeAt] =
      sig === 0x04034b50 ? [i + 30, i + 22] : sig === 0x02014b50 ? [i + 46, i + 24] : [-1, -1];
    if (nameAt < 0) continue;
    if (encoded.every((b, j) => out[nameAt + j] === b)) view.setUint32(sizeAt, size, true);
  }
  return out;
}
