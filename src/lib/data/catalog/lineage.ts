import type { DataVersion } from './content-id';

export interface LineageNode {
  /** The version under its first name; `names` lists every name it has. */
  version: DataVersion;
  names: string[];
  /** Column: 0 = the oldest ancestor shown. */
  layer: number;
  /** Position within its column. */
  row: number;
}

export interface LineageLayout {
  nodes: LineageNode[];
  edges: { from: string; to: string }[];
  layers: number;
  maxPerLayer: number;
}

/**
 * One entry per version id: a version saved under several names is one node (its content is
 * one), with every name and the parents any of its names recorded.
 */
export function byVersion(
  versions: DataVersion[],
): Map<string, { version: DataVersion; names: string[] }> {
  const byId = new Map<string, { version: DataVersion; names: string[] }>();
  for (const v of [...versions].sort((a, b) => a.createdAt - b.createdAt)) {
    const seen = byId.get(v.id);
    if (!seen) byId.set(v.id, { version: { ...v }, names: [v.name] });
    else {
      if (!seen.names.includes(v.name)) seen.names.push(v.name);
      const parents = v.parents.filter((p) => p !== v.id && !seen.version.parents.includes(p));
      seen.version.parents = [...seen.version.parents, ...parents];
    }
  }
  return byId;
}

/**
 * The ancestors and descendants of `focus` as a left-to-right DAG: a node's layer is one more
 * than its deepest parent's (longest-path layering), so every edge points right.
 */
export function lineageLayout(versions: DataVersion[], focus: string): LineageLayout {
  const grouped = byVersion(versions);
  const byId = new Map([...grouped].map(([id, g]) => [id, g.version]));
  const children = new Map<string, string[]>();
  for (const v of byId.values())
    for (const p of v.parents) children.set(p, [...(children.get(p) ?? []), v.id]);

  const related = new Set<string>([focus]);
  const walk = (id: string, next: (id: string) => string[]) => {
    for (const other of next(id))
      if (byId.has(other) && !related.has(other)) {
        related.add(other);
        walk(other, next);
      }
  };
  walk(focus, (id) => byId.get(id)?.parents ?? []);
  walk(focus, (id) => children.get(id) ?? []);

  const layerOf = new Map<string, number>();
  const layer = (id: string, seen = new Set<string>()): number => {
    if (layerOf.has(id)) return layerOf.get(id)!;
    if (seen.has(id)) return 0; // a cycle cannot come from content hashes; guard anyway
    seen.add(id);
    const parents = (byId.get(id)?.parents ?? []).filter((p) => related.has(p));
    const value = parents.length ? Math.max(...parents.map((p) => layer(p, seen))) + 1 : 0;
    layerOf.set(id, value);
    return value;
  };
  const ids = [...related].filter((id) => byId.has(id));
  const rows = new Map<number, number>();
  const nodes = ids
    .sort((a, b) => byId.get(a)!.createdAt - byId.get(b)!.createdAt)
    .map((id) => {
      const l = layer(id);
      const row = rows.get(l) ?? 0;
      rows.set(l, row + 1);
      return { version: byId.get(id)!, names: grouped.get(id)!.names, layer: l, row };
    });
  const edges = nodes.flatMap((n) =>
    n.version.parents.filter((p) => related.has(p)).map((p) => ({ from: p, to: n.version.id })),
  );
  return {
    nodes,
    edges,
    layers: Math.max(0, ...nodes.map((n) => n.layer)) + 1,
    maxPerLayer: Math.max(0, ...rows.values()),
  };
}
