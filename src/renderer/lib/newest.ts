/** Anything the backend numbers in the order it was made: a later id is newer. */
export interface Numbered {
  id: number;
}

/** A copy of the list, newest first. */
export function newestFirst<T extends Numbered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.id - a.id);
}

/** The newest item, or null for an empty list. */
export function newest<T extends Numbered>(items: readonly T[]): T | null {
  return newestFirst(items)[0] ?? null;
}
