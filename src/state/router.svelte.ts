import { parseRoute, type Route } from '../lib/routes/routes';

/** The page the address names, kept current as the hash changes (the table: src/lib/routes). */
export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      window.scrollTo(0, 0);
    });
  }
}
