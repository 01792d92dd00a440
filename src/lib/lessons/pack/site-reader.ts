import { fnv1a } from '../../notebook/starter-hash';
import type { PackRead, PackReader } from './reader';

/**
 * The `course/` folder next to the site's index.html, fetched. A 404 is "no such file" (no pack
 * at all, for course.yaml); a host that answers every path with the app's own page (an SPA
 * fallback) is the same, since a course file is never HTML. Any other failure is reported.
 * Files are shown from their own URL, with the content hash as a version, so the offline copy
 * (the service worker's `course/` cache) never shows a stale image under a new lesson.
 */
export function siteReader(siteUrl: string, fetcher: typeof fetch = fetch): PackReader {
  const root = new URL('course/', siteUrl);
  const url = (path: string) => new URL(path.split('/').map(encodeURIComponent).join('/'), root);
  return {
    label: 'course/ on this site',
    prefix: 'course/',
    read: async (path, maxBytes): Promise<PackRead> => {
      let response: Response;
      try {
        response = await fetcher(url(path), { cache: 'no-cache' });
      } catch (error) {
        return { status: 'failed', message: `the request failed (${String(error)})` };
      }
      if (response.status === 404 || response.status === 410) return { status: 'missing' };
      if (!response.ok) return { status: 'failed', message: `HTTP ${response.status}` };
      if ((response.headers.get('content-type') ?? '').includes('text/html')) {
        await response.body?.cancel();
        return { status: 'missing' };
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await response.body?.cancel();
        return { status: 'too-large', size: declared };
      }
      return readBounded(response, maxBytes);
    },
    assetUrl: (path, bytes) =>
      `course/${path.split('/').map(encodeURIComponent).join('/')}?v=${fnv1a(bytes)}`,
  };
}

/** Reads a body, stopping as soon as it is over the limit (a host may not say its length). */
async function readBounded(response: Response, maxBytes: number): Promise<PackRead> {
  const reader = response.body?.getReader();
  if (!reader) return { status: 'ok', bytes: new Uint8Array(await response.arrayBuffer()) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { status: 'too-large', size };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: 'ok', bytes };
}
