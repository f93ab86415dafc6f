import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, routePath, sameRoute } from '../../../src/renderer/lib/route';

describe('route in the URL fragment', () => {
  it('defaults to the Projects screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'projects' });
    expect(parseRoute('#token=abc')).toEqual({ screen: 'projects' });
    expect(parseRoute('#route=/nonsense/x')).toEqual({ screen: 'projects' });
    expect(parseRoute('#route=/p/')).toEqual({ screen: 'projects' });
    expect(parseRoute('#route=/p/a/b/c')).toEqual({ screen: 'projects' });
  });

  it('reads a project and step, unknown steps meaning Import', () => {
    expect(parseRoute('#token=abc&route=/p/fashion/prune')).toEqual({
      screen: 'project',
      project: 'fashion',
      step: 'prune',
    });
    expect(parseRoute('#route=/p/fashion')).toEqual({
      screen: 'project',
      project: 'fashion',
      step: 'import',
    });
    expect(parseRoute('#route=/p/fashion/teleport')).toEqual({
      screen: 'project',
      project: 'fashion',
      step: 'import',
    });
  });

  it('keeps the token and round-trips names with spaces and dots', () => {
    const route = { screen: 'project', project: 'my data v1.2', step: 'train' } as const;
    const hash = routeHash('#token=s3cr3t', route);
    expect(hash.startsWith('#token=s3cr3t&route=/p/')).toBe(true);
    expect(hash.endsWith('/train')).toBe(true);
    expect(parseRoute(hash)).toEqual(route);
    expect(new URLSearchParams(hash.slice(1)).get('token')).toBe('s3cr3t');
  });

  it('replaces an earlier route instead of adding a second one', () => {
    const first = routeHash('#token=t', { screen: 'project', project: 'a', step: 'prune' });
    const second = routeHash(first, { screen: 'projects' });
    expect(second).toBe('#token=t&route=/projects');
    expect(routePath({ screen: 'projects' })).toBe('/projects');
  });

  it('compares routes by where they lead', () => {
    expect(sameRoute({ screen: 'project', project: 'a', step: 'jobs' }, parseRoute('#route=/p/a/jobs'))).toBe(
      true,
    );
    expect(sameRoute({ screen: 'project', project: 'a', step: 'jobs' }, { screen: 'projects' })).toBe(false);
  });
});
