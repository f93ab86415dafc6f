import type { ApiHandlers } from '../../shared/api/contract';

type Handler = (params: unknown) => Promise<unknown>;

/**
 * API calls on each project that have not settled yet. A rename or delete closes the project's
 * database and moves its folder: an asynchronous call still working on it (combining a set,
 * writing an export or a report) would lose its database or write into a folder that moved.
 */
export class ProjectLeases {
  private readonly inFlight = new Map<string, Map<string, number>>();

  acquire(project: string, method: string): void {
    const methods = this.inFlight.get(project) ?? new Map<string, number>();
    methods.set(method, (methods.get(method) ?? 0) + 1);
    this.inFlight.set(project, methods);
  }

  release(project: string, method: string): void {
    const methods = this.inFlight.get(project);
    if (!methods) return;
    const left = (methods.get(method) ?? 1) - 1;
    if (left > 0) methods.set(method, left);
    else methods.delete(method);
    if (methods.size === 0) this.inFlight.delete(project);
  }

  /** The methods with a call on `project` still in progress. */
  methods(project: string): string[] {
    return [...(this.inFlight.get(project)?.keys() ?? [])];
  }
}

function projectOf(params: unknown): string | null {
  if (typeof params !== 'object' || params === null || !('project' in params)) return null;
  return typeof params.project === 'string' ? params.project : null;
}

/**
 * Every handler that names a project holds a lease on it until its promise settles. The
 * `projects.*` handlers are left out: they are synchronous and are the ones that check leases.
 */
export function holdLeases(handlers: ApiHandlers, leases: ProjectLeases): ApiHandlers {
  const wrapped: Record<string, Handler> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, Handler][]) {
    wrapped[method] = method.startsWith('projects.')
      ? handler
      : async (params) => {
          const project = projectOf(params);
          if (project === null) return handler(params);
          leases.acquire(project, method);
          try {
            return await handler(params);
          } finally {
            leases.release(project, method);
          }
        };
  }
  // Same keys, same parameter and result types: only the calls are wrapped.
  return wrapped as unknown as ApiHandlers;
}
