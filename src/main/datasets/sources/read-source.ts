import { detectSource } from './detect-format';
import { readCifar } from './read-cifar';
import { readCsvManifest } from './read-csv-manifest';
import { readIdxSource } from './read-idx-source';
import { scanImageFolder, type ScanOptions } from './scan-image-folder';
import type { SourceListing } from './types';

/** Detects the format of a path and lists it with the matching reader. */
export async function readSource(
  path: string,
  options: Pick<ScanOptions, 'signal' | 'onProgress'> = {},
): Promise<SourceListing> {
  const detected = detectSource(path);
  switch (detected.format) {
    case 'folder':
      return scanImageFolder(detected.path, options);
    case 'csv':
      return readCsvManifest(detected.path, options);
    case 'idx':
      return readIdxSource(detected.path);
    case 'cifar10':
    case 'cifar100':
      return readCifar(detected.path, detected.format);
  }
}
