/**
 * The augmentation policy as the Augment preview and the training form both choose it: which
 * crop, its scale and aspect ranges, and flipping. The crop ranges take "4/3" as well as 1.333.
 */

export type AugmentKind = 'constrained' | 'whole' | 'shuffle' | 'none';

export interface PolicyValues {
  augment: AugmentKind;
  scaleLow: number | null;
  scaleHigh: number | null;
  /** Aspect ratios as typed: a number or a fraction such as "3/4". */
  ratioLow: string;
  ratioHigh: string;
  flip: boolean;
}

export type PolicyField = 'scale' | 'ratio';

/** What the API takes for a policy (`sets.previewViews`, `training.start`). */
export interface PolicyParams {
  augment: AugmentKind;
  cropScale?: [number, number];
  cropRatio?: [number, number];
  flip: boolean;
}

export type PolicyCheck =
  { ok: true; policy: PolicyParams } | { ok: false; errors: Partial<Record<PolicyField, string>> };

export const POLICY_CHOICES: readonly { value: AugmentKind; label: string; hint: string }[] = [
  {
    value: 'constrained',
    label: 'Constrained (recommended for mosaics)',
    hint: 'constrained: each view is a crop inside one cell of the mosaic, so it never mixes two images — PCA’s augmentation.',
  },
  {
    value: 'whole',
    label: 'Whole image',
    hint: 'whole: each view is a crop anywhere in the stored image, so on a mosaic one crop can mix parts of several images — the usual random-resized crop.',
  },
  {
    value: 'shuffle',
    label: 'Shuffle patches',
    hint: 'shuffle: the rows and columns of cells are shuffled, then a crop is taken anywhere — RDED’s augmentation (RDED uses a crop scale from 1/k to 1).',
  },
  {
    value: 'none',
    label: 'None',
    hint: 'none: every view is the stored image itself (mirrored, when flip is on).',
  },
];

export const POLICY_HINTS = {
  scale:
    'The share of the area each crop covers — of one cell for constrained, of the whole image otherwise — from low to high. 0.08 to 1 is the usual.',
  ratio: 'Width ÷ height of each crop, from low to high, as numbers or fractions. 3/4 to 4/3 is the usual.',
  flip: 'Mirror about half the views left to right.',
} as const;

/** The API's defaults: constrained crops of scale 0.08–1, aspect 3/4–4/3, flipped half the time. */
export function defaultPolicy(): PolicyValues {
  return {
    augment: 'constrained',
    scaleLow: 0.08,
    scaleHigh: 1,
    ratioLow: '3/4',
    ratioHigh: '4/3',
    flip: true,
  };
}

/** "4/3" → 1.333…, "0.75" → 0.75; anything else (zero, negative, text) → null. */
export function parseRatio(text: string): number | null {
  const t = text.trim();
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  const value = fraction
    ? Number(fraction[1]) / Number(fraction[2])
    : /^\d*\.?\d+$/.test(t)
      ? Number(t)
      : NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** The policy crops (so its scale and ratio matter) unless it is none. */
export function usesCrop(augment: AugmentKind): boolean {
  return augment !== 'none';
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

/** Checks the policy; the ranges only when the policy crops. */
export function checkPolicy(values: PolicyValues): PolicyCheck {
  if (!usesCrop(values.augment)) return { ok: true, policy: { augment: values.augment, flip: values.flip } };
  const errors: Partial<Record<PolicyField, string>> = {};
  const lo = values.scaleLow;
  const hi = values.scaleHigh;
  if (missing(lo) || missing(hi)) errors.scale = 'Give both ends of the crop scale';
  else if ((lo as number) <= 0 || (hi as number) > 1 || (lo as number) > (hi as number))
    errors.scale = 'The crop scale must be above 0 and at most 1, the low end first';
  const rLo = parseRatio(values.ratioLow);
  const rHi = parseRatio(values.ratioHigh);
  if (rLo === null || rHi === null)
    errors.ratio = 'Give both ends of the aspect ratio as positive numbers or fractions such as 3/4';
  else if (rLo > rHi) errors.ratio = 'The aspect ratio’s low end must not be above its high end';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    policy: {
      augment: values.augment,
      cropScale: [lo as number, hi as number],
      cropRatio: [rLo as number, rHi as number],
      flip: values.flip,
    },
  };
}
