import { describe, expect, it } from 'vitest';
import {
  clearProjectDrafts,
  draftKey,
  loadDraft,
  mergeDraft,
  saveDraft,
  type DraftStorage,
} from '../../../src/renderer/lib/drafts';

class MemoryStorage implements DraftStorage {
  readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const defaults = { width: 32 as number | null, name: '', flip: true, methods: ['random'], nested: { k: 2 } };

describe('form drafts', () => {
  it('round-trips what was typed', () => {
    const storage = new MemoryStorage();
    const key = draftKey('p', 'score');
    saveDraft(storage, key, { ...defaults, width: 64, name: 'x', methods: ['dm', 'rded'] });
    expect(loadDraft(storage, key, defaults)).toEqual({
      ...defaults,
      width: 64,
      name: 'x',
      methods: ['dm', 'rded'],
    });
  });

  it('keeps defaults where the stored value has another shape', () => {
    const merged = mergeDraft(defaults, {
      width: 'wide',
      name: 7,
      flip: 'yes',
      methods: ['dm', 3, 'pca'],
      nested: { k: 'x' },
      extra: 1,
    });
    expect(merged).toEqual({ ...defaults, methods: ['dm', 'pca'] });
    expect(mergeDraft(defaults, null)).toBe(defaults);
    expect(mergeDraft(defaults, [1, 2])).toBe(defaults);
  });

  it('accepts an emptied number field (null) and merges nested objects', () => {
    expect(mergeDraft(defaults, { width: null, nested: { k: 4 } })).toEqual({
      ...defaults,
      width: null,
      nested: { k: 4 },
    });
  });

  it('survives corrupt JSON and a missing storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('p', 'f'), '{not json');
    expect(loadDraft(storage, draftKey('p', 'f'), defaults)).toBe(defaults);
    expect(loadDraft(null, draftKey('p', 'f'), defaults)).toBe(defaults);
    expect(() => saveDraft(null, 'k', 1)).not.toThrow();
  });

  it('forgets one project’s drafts and only those', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, draftKey('a', 'x'), 1);
    saveDraft(storage, draftKey('a', 'y'), 2);
    saveDraft(storage, draftKey('ab', 'x'), 3);
    clearProjectDrafts(storage, 'a');
    expect([...storage.map.keys()]).toEqual([draftKey('ab', 'x')]);
  });
});
