/**
 * Where a course pack's files come from: the site's `course/` folder (fetched), a zip a student
 * imported, or a folder on disk (`npm run pack`). The loader only asks for paths it found in
 * course.yaml and in the lessons' links: a static host cannot list a folder.
 */
export interface PackReader {
  /** Shown in messages: `course/` on the site, the zip's file name, the folder given to the CLI. */
  readonly label: string;
  /** The prefix of every file in errors: `course/` so `course/21-x/lesson.md:4` names the file. */
  readonly prefix: string;
  /**
   * One file, path relative to the pack's root. A file over `maxBytes` is not read: its size is
   * enough to refuse it (a 50 MB image must not be downloaded to be told it is too big).
   */
  read(path: string, maxBytes: number): Promise<PackRead>;
  /** The URL a lesson's file is shown from. */
  assetUrl(path: string, bytes: Uint8Array): string;
}

export type PackRead =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'missing' }
  | { status: 'too-large'; size: number }
  | { status: 'failed'; message: string };

/** Pack files held in memory (a read zip, a stored pack, a folder read by the CLI). */
export function memoryReader(
  files: ReadonlyMap<string, Uint8Array>,
  label: string,
  assetUrl: (path: string, bytes: Uint8Array) => string,
  prefix = 'course/',
): PackReader {
  return {
    label,
    prefix,
    read: (path, maxBytes) => {
      const bytes = files.get(path);
      if (!bytes) return Promise.resolve({ status: 'missing' });
      if (bytes.byteLength > maxBytes)
        return Promise.resolve({ status: 'too-large', size: bytes.byteLength });
      return Promise.resolve({ status: 'ok', bytes });
    },
    assetUrl,
  };
}

/** A reader that remembers every file read whole: what a pack zip or a stored pack keeps. */
export function recordReads(inner: PackReader): {
  reader: PackReader;
  used: Map<string, Uint8Array>;
} {
  const used = new Map<string, Uint8Array>();
  const reader: PackReader = {
    ...inner,
    read: async (path, max) => {
      const read = await inner.read(path, max);
      if (read.status === 'ok') used.set(path, read.bytes);
      return read;
    },
  };
  return { reader, used };
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  json: 'application/json',
};

/**
 * A file of a pack that lives in IndexedDB has no URL of its own: it is shown from a `data:` URL
 * (images are at most 2 MB, and the page's policy allows `data:` images). Anything not an image
 * is plain text, so a browser never runs it as a page.
 */
export function dataUrl(path: string, bytes: Uint8Array): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return `data:${TYPES[ext] ?? 'text/plain'};base64,${toBase64(bytes)}`;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Throws a DOMException on text that is not base64 (callers treat the row as not a pack). */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Records every file a lesson's links name while the one parser runs, so the loader knows which
 * files to fetch before the real check: every path resolves to a placeholder on this pass.
 */
export class AssetProbe extends Map<string, string> {
  readonly requested = new Set<string>();
  override get(path: string): string {
    this.requested.add(path);
    return `probe:${path}`;
  }
}
