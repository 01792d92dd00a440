/** Hash routes keep the site hostable under any base path on any static host. */
export type Route =
  | { name: 'home' }
  | { name: 'lesson'; lessonId: string }
  | { name: 'workspace' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/workspace') return { name: 'workspace' };
  const lesson = /^\/lesson\/([a-z0-9-]+)$/.exec(path);
  if (lesson?.[1]) return { name: 'lesson', lessonId: lesson[1] };
  return { name: 'not-found', path };
}

export function lessonHref(lessonId: string): string {
  return `#/lesson/${lessonId}`;
}

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      window.scrollTo(0, 0);
    });
  }
}
