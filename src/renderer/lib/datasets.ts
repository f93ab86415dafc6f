import type { ClassCount, DatasetDto, SampleThumbnail } from '../../shared/api/dto';

export interface ClassTotals {
  train: number;
  test: number;
}

export function classTotals(classes: readonly ClassCount[]): ClassTotals {
  return classes.reduce((sum, c) => ({ train: sum.train + c.train, test: sum.test + c.test }), {
    train: 0,
    test: 0,
  });
}

export interface ThumbnailRow {
  classIndex: number;
  className: string;
  thumbnails: SampleThumbnail[];
}

/** Groups thumbnails into one row per class, in class order; classes without samples are left out. */
export function thumbnailRows(
  thumbnails: readonly SampleThumbnail[],
  classes: readonly ClassCount[],
): ThumbnailRow[] {
  const byClass = new Map<number, SampleThumbnail[]>();
  for (const thumb of thumbnails) {
    const list = byClass.get(thumb.classIndex) ?? [];
    list.push(thumb);
    byClass.set(thumb.classIndex, list);
  }
  const nameOf = (index: number) => classes.find((c) => c.index === index)?.name ?? `Class ${index}`;
  return [...byClass.keys()]
    .sort((a, b) => a - b)
    .map((classIndex) => ({
      classIndex,
      className: nameOf(classIndex),
      thumbnails: byClass.get(classIndex)!,
    }));
}

/** "28 × 28 × 1" */
export function describeShape(dataset: Pick<DatasetDto, 'height' | 'width' | 'channels'>): string {
  return `${dataset.height} × ${dataset.width} × ${dataset.channels}`;
}
