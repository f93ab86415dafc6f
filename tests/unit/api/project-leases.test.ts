import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../src/shared/api/contract';
import { holdLeases, ProjectLeases } from '../../../src/main/api/project-leases';

describe('holdLeases', () => {
  it('holds a lease per project until a call settles, failed calls included', async () => {
    const leases = new ProjectLeases();
    let finish = () => {};
    const handlers = {
      'sets.list': () => new Promise<[]>((resolve) => (finish = () => resolve([]))),
      'jobs.list': async () => {
        throw new Error('boom');
      },
      'projects.list': async () => [],
    } as unknown as ApiHandlers;
    const wrapped = holdLeases(handlers, leases);
    const listing = wrapped['sets.list']({ project: 'p' });
    const failing = wrapped['jobs.list']({ project: 'p' });
    expect(leases.methods('p').sort()).toEqual(['jobs.list', 'sets.list']);
    expect(leases.methods('q')).toEqual([]);
    await expect(failing).rejects.toThrow('boom');
    expect(leases.methods('p')).toEqual(['sets.list']);
    finish();
    await listing;
    expect(leases.methods('p')).toEqual([]);
    expect(wrapped['projects.list']).toBe(handlers['projects.list']);
  });
});
