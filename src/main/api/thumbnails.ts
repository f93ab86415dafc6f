import { encodePng } from '../images/encode-png';
import type { SampleThumbnail } from '../../shared/api/dto';
import type { Db } from '../store/database';
import { getDatasetRow } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { join } from 'node:path';
import { readPixelRows } from '../datasets/pixel-cache';
import { SAMPLE_PAGE_MAX } from '../../shared/api/contract';

/** The first `perClass` samples of each class in a split, as PNG data URLs for a grid. */
export async function datasetThumbnails(
  db: Db,
  paths: ProjectPaths,
  datasetId: number,
  split: 'train' | 'test',
  perClass: number,
): Promise<SampleThumbnail[]> {
  const row = getDatasetRow(db, datasetId);
  // No request returns more than a page of samples: with many classes each gets fewer (at least one),
  // and the classes past the page are left to the paged browser (datasets.samples).
  const { classes } = db
    .prepare('SELECT COUNT(DISTINCT class_index) AS classes FROM samples WHERE dataset_id = ? AND split = ?')
    .get(datasetId, split) as { classes: number };
  const shown = Math.max(1, Math.min(perClass, Math.floor(SAMPLE_PAGE_MAX / Math.max(1, classes))));
  const samples = db
    .prepare(
      `SELECT id, cache_index AS cacheIndex, class_index AS classIndex FROM (
         SELECT s.*, ROW_NUMBER() OVER (PARTITION BY class_index ORDER BY cache_index) AS n
         FROM samples s WHERE dataset_id = ? AND split = ?)
       WHERE n <= ? ORDER BY class_index, cache_index LIMIT ?`,
    )
    .all(datasetId, split, shown, SAMPLE_PAGE_MAX) as {
    id: number;
    cacheIndex: number;
    classIndex: number;
  }[];
  const size = row.height * row.width * row.channels;
  const block = readPixelRows(
    join(paths.cacheDir, row.cacheFile),
    { height: row.height, width: row.width, channels: row.channels, count: row.sampleCount },
    samples.map((s) => s.cacheIndex),
  );
  return Promise.all(
    samples.map(async (s, i) => {
      const pixels = block.subarray(i * size, (i + 1) * size);
      const png = await encodePng(pixels, row.width, row.height, row.channels, 6);
      return {
        id: s.id,
        classIndex: s.classIndex,
        split,
        dataUrl: `data:image/png;base64,${png.toString('base64')}`,
      };
    }),
  );
}
