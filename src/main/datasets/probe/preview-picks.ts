import type { SourceEntry } from '../sources/types';

export interface PreviewPick {
  classIndex: number;
  entry: SourceEntry;
}

/**
 * Which images a preview shows: `count` spread over the classes (evenly spaced classes when
 * there are more classes than images, else every class in turn), and inside a class evenly
 * spaced over its listing. The same listing and count always give the same images, so a
 * preview changes only when the settings do.
 */
export function pickPreviews(
  classNames: readonly string[],
  entries: readonly SourceEntry[],
  count: number,
): PreviewPick[] {
  const byClass = new Map<string, SourceEntry[]>(classNames.map((name) => [name, []]));
  for (const entry of entries) byClass.get(entry.className)?.push(entry);
  const classes = classNames
    .map((name, classIndex) => ({ classIndex, entries: byClass.get(name) ?? [] }))
    .filter((c) => c.entries.length > 0);
  if (classes.length === 0 || count < 1) return [];

  // How many images each class shows.
  const shown = new Array<number>(classes.length).fill(0);
  const total = Math.min(
    count,
    classes.reduce((n, c) => n + c.entries.length, 0),
  );
  if (classes.length >= total) {
    for (let j = 0; j < total; j++) shown[Math.floor((j * classes.length) / total)]!++;
  } else {
    let placed = 0;
    for (let round = 0; placed < total; round++) {
      for (let c = 0; c < classes.length && placed < total; c++) {
        if ((classes[c] as { entries: SourceEntry[] }).entries.length > round) {
          shown[c]!++;
          placed++;
        }
      }
    }
  }

  const picks: PreviewPick[] = [];
  classes.forEach((c, i) => {
    const q = shown[i] as number;
    for (let k = 0; k < q; k++) {
      const entry = c.entries[Math.floor((k * c.entries.length) / q)] as SourceEntry;
      picks.push({ classIndex: c.classIndex, entry });
    }
  });
  return picks;
}
