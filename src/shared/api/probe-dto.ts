/**
 * What `datasets.probe` found in a source before anything is imported: the detected format,
 * the classes and how the source splits them, the image sizes seen, the files the listing
 * already skips, the geometry the import would decode to with the given settings, and a few
 * images decoded exactly that way. Nothing of it is stored.
 */

export type ProbeFormat = 'folder' | 'csv' | 'idx' | 'cifar10' | 'cifar100';

/** Images of one class as listed, by the split the source gives them (`unsplit`: none given). */
export interface ProbeClassCount {
  name: string;
  train: number;
  test: number;
  unsplit: number;
}

/**
 * Where the train/test split will come from: the source's train/ and test/ folders, its
 * manifest's split column, the array files themselves, or (none given) a held-out share.
 * `partial`: a manifest gives some rows a split and not others; those are held out.
 */
export type ProbeSplitSource = 'folders' | 'manifest' | 'file' | 'hold-out' | 'partial';

export interface ProbeSize {
  height: number;
  width: number;
  count: number;
}

export interface ProbeSizes {
  /** Images whose header was read: every record of an array file, else up to 256 spread over the listing. */
  examined: number;
  /** Images that could not be read while examining (they will be reported as skipped). */
  unreadable: number;
  /** The most common size among those examined; null when none could be read. */
  common: ProbeSize | null;
  /** Examined images of another size than the most common one. */
  differing: number;
  /** The most frequent sizes, most frequent first (at most 5). */
  top: ProbeSize[];
  /** True when every examined image is greyscale. */
  allGrey: boolean;
}

export interface ProbeSkipped {
  total: number;
  byReason: Record<string, number>;
  /** A few of them (at most 20), for examples. */
  examples: { path: string; reason: string; detail?: string }[];
}

/** The geometry the import would decode every image to with the probe's settings. */
export interface ProbeTarget {
  height: number;
  width: number;
  channels: 1 | 3;
  resize: 'crop' | 'pad';
  background: { r: number; g: number; b: number };
  /** Whether the size and channels were chosen by the user or worked out from the source. */
  sizeFrom: 'settings' | 'source';
  channelsFrom: 'settings' | 'source';
}

export type ProbePreview = {
  classIndex: number;
  className: string;
  split: 'train' | 'test' | null;
  /** The file (or `file#record`) relative to the source. */
  relPath: string;
} & ({ ok: true; dataUrl: string } | { ok: false; reason: string; detail?: string });

export interface ProbeDto {
  /** The path as resolved. */
  source: string;
  format: ProbeFormat;
  /** The file or folder the format's reader read (a CSV manifest inside the folder, say). */
  readerPath: string;
  total: number;
  classes: ProbeClassCount[];
  splitSource: ProbeSplitSource;
  sizes: ProbeSizes;
  skipped: ProbeSkipped;
  /** Null when no image could be read: the import would fail. */
  target: ProbeTarget | null;
  previews: ProbePreview[];
  /** Plain-language problems the import would run into (a class with one image, nothing readable…). */
  warnings: string[];
  /** Where the time went, seconds; list and examine are the first look's when the listing was reused. */
  timing: { list: number; examine: number; previews: number; reusedListing: boolean };
}
