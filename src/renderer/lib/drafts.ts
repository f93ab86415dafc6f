/**
 * Form drafts: what a user typed into a wizard step, kept in the page's storage so leaving the
 * step, the project or the page (a reload) and coming back finds the entries as they were.
 * Drafts are hints, never trusted: a stored value replaces a default only when it has the
 * default's shape, so an old or hand-edited draft cannot put a wrong type into a form.
 */

/** The part of the Web Storage API drafts use (localStorage in the page, a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'datapress.draft.';

export function draftKey(project: string, form: string): string {
  return `${PREFIX}${project}\u0000${form}`;
}

/** The page's localStorage, or null where there is none (or it is blocked). */
export function pageStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sameShape(template: unknown, value: unknown): boolean {
  if (template === null) return value === null || typeof value === 'number' || typeof value === 'string';
  if (Array.isArray(template)) return Array.isArray(value);
  if (typeof template === 'object')
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === typeof template;
}

/**
 * `defaults` with each field replaced by the stored one where it has the same shape. Number
 * fields that are empty are stored as null, so null is accepted where the default is a number
 * and a number where the default is null. Nested objects merge field by field.
 */
export function mergeDraft<T extends object>(defaults: T, stored: unknown): T {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return defaults;
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, template] of Object.entries(defaults)) {
    if (!Object.prototype.hasOwnProperty.call(stored, key)) continue;
    const value = (stored as Record<string, unknown>)[key];
    const numberLike = typeof template === 'number' && value === null;
    if (!numberLike && !sameShape(template, value)) continue;
    if (template !== null && typeof template === 'object' && !Array.isArray(template)) {
      out[key] = mergeDraft(template as object, value);
    } else if (Array.isArray(template) && Array.isArray(value)) {
      // Arrays (chosen methods, IPC lists): keep only elements of the default's element type.
      const kind = template.length > 0 ? typeof template[0] : null;
      out[key] = kind ? value.filter((v) => typeof v === kind) : value;
    } else {
      out[key] = value;
    }
  }
  return out as T;
}

export function loadDraft<T extends object>(storage: DraftStorage | null, key: string, defaults: T): T {
  if (!storage) return defaults;
  try {
    const raw = storage.getItem(key);
    return raw === null ? defaults : mergeDraft(defaults, JSON.parse(raw) as Json);
  } catch {
    return defaults;
  }
}

export function saveDraft(storage: DraftStorage | null, key: string, value: unknown): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or blocked storage loses the draft, never the page.
  }
}

export function clearDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // As above.
  }
}

/** Forgets every draft of a project (after it is deleted or renamed). */
export function clearProjectDrafts(storage: DraftStorage | null, project: string): void {
  if (!storage) return;
  const prefix = draftKey(project, '');
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(prefix)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
}
