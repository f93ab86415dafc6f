/**
 * What the dataset readers hand to the import job: the samples they found and what they
 * skipped, and why. Entries and skip records are plain JSON; only an embedded listing's
 * `pixels` array is binary.
 */

export type SourceFormat = 'folder' | 'csv' | 'idx' | 'cifar10' | 'cifar100';

export type SplitName = 'train' | 'test';

/** An image file on disk, decoded later (folder and CSV formats). */
export interface FileEntry {
  kind: 'file';
  /** Absolute path, as reached from the root (symbolic links are not resolved). */
  path: string;
  /** Path relative to the listing's baseDir, '/'-separated. */
  relPath: string;
  className: string;
  split: SplitName | null;
  bytes: number;
}

/**
 * A record inside an array file (IDX, CIFAR): its pixels are already decoded, at
 * `listing.pixels[offset .. offset + bytes)`, H×W×C uint8 interleaved.
 */
export interface EmbeddedEntry {
  kind: 'embedded';
  /** Absolute path of the file that holds the record. */
  path: string;
  /** `<file name>#<record index>`: a stable name for the sample. */
  relPath: string;
  /** Index of the record inside its file. */
  record: number;
  className: string;
  split: SplitName | null;
  bytes: number;
  offset: number;
  height: number;
  width: number;
  channels: 1 | 3;
}

export type SourceEntry = FileEntry | EmbeddedEntry;

/** Why a file (or folder) was not listed. A closed set: the UI groups and explains them. */
export const SKIP_REASONS = [
  'hidden', // dot files, Thumbs.db, desktop.ini, __MACOSX, ...
  'not-an-image', // no image extension, or the content is not an image whatever its name
  'unsupported-format', // a real image in a format this build cannot decode (HEIC, PSD, RLE BMP, ...)
  'unreadable', // permission denied, broken symbolic link, not a regular file
  'truncated-or-corrupt', // looks like an image but does not decode completely
  'too-large', // more pixels than the decoder's safety limit
  'zero-bytes',
  'symlink-loop', // a symbolic link back to a folder that contains it
  'vanished', // listed, then gone before it could be read
  'missing', // named by a manifest but not on disk
  'invalid-utf8-name', // a file name that is not valid UTF-8
  'outside-class-folder', // an image not inside any class folder
  'unused-split', // e.g. val/ when test/ exists too
  'bad-row', // a manifest row that cannot be used
  'duplicate', // a manifest names the same file twice
  'empty-class', // a warning: a class folder with no usable image
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedFile {
  /** Absolute path (for invalid UTF-8 names, decoded with U+FFFD; the bytes are in detail). */
  path: string;
  reason: SkipReason;
  detail?: string;
}

interface ListingBase {
  /** The path the reader was given. */
  root: string;
  /** Folder that relPaths are relative to. */
  baseDir: string;
  /** Every class with at least one entry; folder and CSV: sorted by UTF-8 bytes; arrays: label order. */
  classNames: string[];
  skipped: SkippedFile[];
}

export interface FileListing extends ListingBase {
  format: 'folder' | 'csv';
  entries: FileEntry[];
}

export interface EmbeddedListing extends ListingBase {
  format: 'idx' | 'cifar10' | 'cifar100';
  entries: EmbeddedEntry[];
  height: number;
  width: number;
  channels: 1 | 3;
  /** All records' pixels, N×H×W×C uint8 in entry order. */
  pixels: Uint8Array;
}

export type SourceListing = FileListing | EmbeddedListing;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** The geometry every sample is decoded to. */
export interface DecodeTarget {
  /** A number is a square side; otherwise height and width. */
  size: number | { height: number; width: number };
  channels: 1 | 3;
  /** crop: scale the short side to fit, then centre-crop; pad: fit inside, pad with background. */
  resize: 'crop' | 'pad';
  /** Padding colour and what transparent pixels are composited onto. */
  background: Rgb;
}
