import { describe, expect, it } from 'vitest';
import { newest, newestFirst } from '../../../src/renderer/lib/newest';

describe('newest', () => {
  const items = [
    { id: 2, name: 'b' },
    { id: 7, name: 'c' },
    { id: 1, name: 'a' },
  ];

  it('lists newest first without touching the list', () => {
    expect(newestFirst(items).map((i) => i.id)).toEqual([7, 2, 1]);
    expect(items.map((i) => i.id)).toEqual([2, 7, 1]);
  });

  it('picks the newest, or null for none', () => {
    expect(newest(items)?.name).toBe('c');
    expect(newest([])).toBeNull();
  });
});
