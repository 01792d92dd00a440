import { ancestorsOf, baseName, parentOf } from './paths';

/** One row of the file tree as drawn: depth for indentation, folders with their open state. */
export interface TreeItem {
  path: string;
  name: string;
  kind: 'file' | 'dir';
  depth: number;
  expanded: boolean;
}

interface Entry {
  path: string;
  kind: 'file' | 'dir';
}

/**
 * The rows to draw, folders first then files, each level sorted by name as VS Code does; only
 * the children of expanded folders appear. Folders implied by a file's path count as folders.
 */
export function visibleItems(entries: readonly Entry[], expanded: ReadonlySet<string>): TreeItem[] {
  const children = new Map<string, Map<string, 'file' | 'dir'>>();
  const add = (path: string, kind: 'file' | 'dir') => {
    const parent = parentOf(path);
    let level = children.get(parent);
    if (!level) children.set(parent, (level = new Map()));
    if (level.get(path) !== 'dir') level.set(path, kind);
  };
  for (const entry of entries) {
    for (const folder of ancestorsOf(entry.path)) add(folder, 'dir');
    add(entry.path, entry.kind);
  }
  const out: TreeItem[] = [];
  const walk = (parent: string, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort(([a, ka], [b, kb]) =>
      ka === kb ? compareNames(baseName(a), baseName(b)) : ka === 'dir' ? -1 : 1,
    );
    for (const [path, kind] of level) {
      const open = kind === 'dir' && expanded.has(path);
      out.push({ path, name: baseName(path), kind, depth, expanded: open });
      if (open) walk(path, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** What a key does in the tree (WAI-ARIA tree pattern); `undefined` when the key is not the tree's. */
export type TreeAction =
  | { type: 'select'; path: string }
  | { type: 'expand'; path: string }
  | { type: 'collapse'; path: string }
  | { type: 'open'; path: string }
  | { type: 'rename'; path: string }
  | { type: 'delete'; path: string };

export function treeKey(
  items: readonly TreeItem[],
  selected: string | undefined,
  key: string,
): TreeAction | undefined {
  const index = items.findIndex((i) => i.path === selected);
  const item = items[index];
  const at = (i: number) => items[Math.max(0, Math.min(items.length - 1, i))];
  const select = (target: TreeItem | undefined): TreeAction | undefined =>
    target && { type: 'select', path: target.path };
  if (items.length === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return select(item ? at(index + 1) : items[0]);
    case 'ArrowUp':
      return select(item ? at(index - 1) : items[0]);
    case 'Home':
      return select(items[0]);
    case 'End':
      return select(items[items.length - 1]);
  }
  if (!item) return undefined;
  switch (key) {
    case 'ArrowRight':
      if (item.kind !== 'dir') return undefined;
      return item.expanded ? select(items[index + 1]) : { type: 'expand', path: item.path };
    case 'ArrowLeft':
      if (item.kind === 'dir' && item.expanded) return { type: 'collapse', path: item.path };
      return select(items.find((i) => i.path === parentOf(item.path)));
    case 'Enter':
      if (item.kind === 'file') return { type: 'open', path: item.path };
      return { type: item.expanded ? 'collapse' : 'expand', path: item.path };
    case 'F2':
      return { type: 'rename', path: item.path };
    case 'Delete':
      return { type: 'delete', path: item.path };
  }
  return undefined;
}

/**
 * Where `path` is after `from` was moved to `to` (a file, or a folder with everything in it);
 * `undefined` when the move does not touch it. Open tabs and expanded folders follow with this.
 */
export function movedPath(path: string, from: string, to: string): string | undefined {
  if (path === from) return to;
  if (path.startsWith(from + '/')) return to + path.slice(from.length);
  return undefined;
}

/** True when `path` is `folder` or inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + '/');
}

/** A free name for a copy of `path` beside it: `a.js` → `a.mine.js`, `a.mine-2.js`, … */
export function copyPath(path: string, taken: (p: string) => boolean, tag = 'mine'): string {
  const dir = parentOf(path);
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${tag}${n === 1 ? '' : `-${n}`}${ext}`;
    const full = dir ? `${dir}/${candidate}` : candidate;
    if (!taken(full)) return full;
  }
}
