/**
 * Where the user is, kept in the page's URL fragment beside the session token
 * (`#token=…&route=/p/<project>/<step>`), so a reload, the browser's Back button and a
 * bookmark all come back to the same screen. The token must survive: a reload without it
 * could not reconnect.
 */

export const STEP_IDS = [
  'import',
  'prune',
  'combine',
  'augment',
  'train',
  'benchmark',
  'export',
  'jobs',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type Route = { screen: 'projects' } | { screen: 'project'; project: string; step: StepId };

export const PROJECTS_ROUTE: Route = { screen: 'projects' };

function isStep(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

/** The route in a fragment; anything unknown or malformed means the Projects screen. */
export function parseRoute(hash: string): Route {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('route');
  if (!raw) return PROJECTS_ROUTE;
  const parts = raw.split('/').filter((p) => p.length > 0);
  if (parts[0] !== 'p' || parts.length < 2 || parts.length > 3) return PROJECTS_ROUTE;
  let project: string;
  try {
    project = decodeURIComponent(parts[1]!);
  } catch {
    return PROJECTS_ROUTE;
  }
  if (project.trim() === '') return PROJECTS_ROUTE;
  const step = parts[2] ?? 'import';
  return { screen: 'project', project, step: isStep(step) ? step : 'import' };
}

export function routePath(route: Route): string {
  return route.screen === 'projects' ? '/projects' : `/p/${encodeURIComponent(route.project)}/${route.step}`;
}

/** The fragment for a route, keeping every other parameter of the current one (the token). */
export function routeHash(currentHash: string, route: Route): string {
  const params = new URLSearchParams(currentHash.replace(/^#/, ''));
  params.set('route', routePath(route));
  // URLSearchParams encodes "/" as %2F; keep the route readable in the address bar.
  return `#${params.toString().replace(/route=([^&]*)/, (_, v: string) => `route=${v.replace(/%2F/gi, '/')}`)}`;
}

export function sameRoute(a: Route, b: Route): boolean {
  return routePath(a) === routePath(b);
}
