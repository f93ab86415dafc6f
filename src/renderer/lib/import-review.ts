import type { ProbeDto, ProbeFormat, ProbeSizes, ProbeTarget } from '../../shared/api/probe-dto';
import { formatCount } from './format';
import { defaultSizeCap, FORMAT_CHOICES, type ImportFormValues } from './import-form';

/**
 * What the wizard says about a looked-at source (Review) and about the import it is about to
 * start (Start), in plain words: the people importing know their data, not the file formats.
 */

const FORMAT_NAMES: Record<ProbeFormat, string> = {
  folder: 'Image folders (one sub-folder per class)',
  csv: 'CSV manifest (a list of image files and their labels)',
  idx: 'IDX files (MNIST style)',
  cifar10: 'CIFAR-10 binary batches',
  cifar100: 'CIFAR-100 binary batches',
};

export function describeFormat(format: ProbeFormat): string {
  return FORMAT_NAMES[format] ?? format;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "151 images in 3 classes." */
export function describeFound(dto: Pick<ProbeDto, 'total' | 'classes'>): string {
  return `${plural(dto.total, 'image')} in ${plural(dto.classes.length, 'class', 'classes')}.`;
}

/** Where the train/test split will come from; for a hold-out, the share the settings give. */
export function describeProbeSplit(
  dto: Pick<ProbeDto, 'splitSource' | 'classes'>,
  testPercent: number | null,
): string {
  const share = testPercent === null || Number.isNaN(testPercent) ? '?' : `${testPercent}%`;
  switch (dto.splitSource) {
    case 'folders':
      return 'The source has train/ and test/ folders: they are used as they are.';
    case 'manifest':
      return 'The manifest’s split column gives each image its split.';
    case 'file':
      return 'The files come split into training and test images: that split is used.';
    case 'hold-out':
      return `The source has no train/test split: ${share} of each class will be held out at random for testing (change it in Settings).`;
    case 'partial': {
      const open = dto.classes.reduce((n, c) => n + c.unsplit, 0);
      return `The manifest gives a split for some rows only: ${share} of the other ${plural(open, 'image')} will be held out per class.`;
    }
  }
}

/**
 * The sizes seen: the most common one and how many differ, or that none could be read. A large
 * folder is only sampled (the import chooses its size the same way), and the words say so.
 */
export function describeSizes(sizes: ProbeSizes, format: ProbeFormat, total: number): string {
  const grey = sizes.allGrey ? ' All greyscale.' : '';
  if (!sizes.common)
    return `None of the ${plural(sizes.examined, 'file')} examined could be read as an image.`;
  const common = `${sizes.common.height} × ${sizes.common.width} px`;
  if (format !== 'folder' && format !== 'csv') return `Every image is ${common}.${grey}`;
  const sample =
    sizes.examined < total
      ? `${formatCount(sizes.examined)} examined (spread over all ${formatCount(total)})`
      : `${formatCount(sizes.examined)} examined`;
  if (sizes.differing === 0 && sizes.unreadable === 0) return `All ${sample} are ${common}.${grey}`;
  const differ =
    sizes.differing === 0 ? 'none differs' : `${plural(sizes.differing, 'has', 'have')} another size`;
  return `Most common: ${common}, in ${formatCount(sizes.common.count)} of ${sample}; ${differ}.${grey}`;
}

/** "28 × 28 px (automatic), 1 channel (greyscale), cropped to fill" — what every image becomes. */
export function describeTarget(target: ProbeTarget): string {
  const size = `${target.height} × ${target.width} px${target.sizeFrom === 'source' ? ' (automatic)' : ''}`;
  const channels = target.channels === 1 ? '1 channel (greyscale)' : '3 channels (colour)';
  return `${size}, ${channels}, ${target.resize === 'crop' ? 'cropped to fill' : 'padded to fit'}`;
}

/** The geometry as chosen, where no preview has shown it yet: "automatic" parts in words. */
function describeChosen(values: ImportFormValues): string {
  const size = values.size.trim()
    ? `${values.size.trim()} px`
    : `the most common size (shrunk to at most ${defaultSizeCap()} px)`;
  const channels =
    values.channels === 'auto'
      ? 'channels as found'
      : values.channels === '1'
        ? '1 channel (greyscale)'
        : '3 channels (colour)';
  return `${size}, ${channels}, ${values.resize === 'crop' ? 'cropped to fill' : 'padded to fit'}`;
}

/**
 * The Start step's summary: every choice as a label and a sentence. `target` is the geometry a
 * preview of exactly the current settings showed, if any.
 */
export function startSummary(
  values: ImportFormValues,
  review: ProbeDto | null,
  target: ProbeTarget | null,
): [string, string][] {
  const rows: [string, string][] = [['Source', values.path.trim()]];
  if (review) {
    rows.push(['Found', `${describeFormat(review.format)}: ${describeFound(review)}`]);
    rows.push(['Split', describeProbeSplit(review, values.testPercent)]);
  } else {
    rows.push(['Format', FORMAT_CHOICES.find((c) => c.value === values.format)?.label ?? values.format]);
  }
  rows.push(['Images become', target ? describeTarget(target) : describeChosen(values)]);
  rows.push(['Identical images', values.duplicates === 'keep' ? 'Keep every copy' : 'Drop the extra copies']);
  if (values.limitPerClass !== null && !Number.isNaN(values.limitPerClass))
    rows.push(['Limit', `At most ${plural(values.limitPerClass, 'image')} per class and split`]);
  rows.push(['Name', values.name.trim() || 'the folder’s or file’s name']);
  return rows;
}
