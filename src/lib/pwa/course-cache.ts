/**
 * The offline copy of a course pack (`course/` beside index.html). It is not in the precache
 * manifest, which is fixed at build time, so it is cached as it is read: network first, so an
 * instructor's edit reaches students at the next start, and the stored copy when offline. A 404
 * is kept too: offline, a site without a pack must still know it has none. The cache name is
 * one the kernel refuses to cells (src/lib/kernel/protected-storage.ts).
 */
export const COURSE_CACHE = 'labbook-course-pack';

export function isCoursePackRequest(url: URL, siteUrl: string, method: string): boolean {
  return method === 'GET' && url.href.startsWith(new URL('course/', siteUrl).href);
}

export async function networkFirstCourse(
  request: Request,
  cacheStorage: CacheStorage,
): Promise<Response> {
  const cache = await cacheStorage.open(COURSE_CACHE);
  // The version query (?v=<hash>) is part of the key, so a changed image never shows stale.
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.status === 200 || response.status === 404)
      await cache.put(request, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}
