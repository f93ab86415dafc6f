import type { ExportFormatName } from './dto';

/**
 * What `exports.preview` says an export of a set would write, before anything is written: the
 * files and their bytes on disk, by part. Nothing is stored.
 */

/** The parts of an export folder, as the breakdown names them. */
export type ExportPreviewPart = 'images' | 'compressed.npz' | 'labels.csv' | 'model files' | 'manifest.json';

export interface ExportPreviewRow {
  what: ExportPreviewPart;
  files: number;
  bytes: number;
}

export interface ExportPreviewDto {
  setId: number;
  format: ExportFormatName;
  /** JPEG quality used; null for png and npz. */
  quality: number | null;
  /** Files the export writes, manifest.json included (always exact). */
  files: number;
  /** Bytes on disk of all of them (exact when `exact`, else extrapolated from a sample). */
  bytes: number;
  /** True when every image was encoded (or nothing needed encoding, as for npz). */
  exact: boolean;
  /** Stored images in the set. */
  images: number;
  /** Classes of the set's dataset. */
  classes: number;
  /** Images per class, in class order. */
  perClass?: { name: string; images: number }[];
  /** The parts in the order an export folder lists them; their files and bytes sum to the totals. */
  breakdown: ExportPreviewRow[];
  /** One sentence: how the bytes were found. */
  basis: string;
}
