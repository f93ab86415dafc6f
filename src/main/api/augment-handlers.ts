import type { ApiHandlers } from '../../shared/api/contract';
import { ApiError } from '../../shared/rpc/errors';
import { readSetPixels } from '../compress/set-pixels';
import { encodePng } from '../images/encode-png';
import { previewViewsJs } from '../ml/augment/preview-js';
import type { ProjectRegistry } from './project-registry';

/** Previews of the augmentation a training run would apply to a stored image. */
export function augmentHandlers(registry: ProjectRegistry): Pick<ApiHandlers, 'sets.previewViews'> {
  return {
    'sets.previewViews': async ({
      project,
      setId,
      position,
      augment,
      cropScale,
      cropRatio,
      flip,
      count,
      seed,
    }) => {
      const p = registry.get(project);
      const set = readSetPixels(p.db, p.paths, setId);
      if (position >= set.count)
        throw new ApiError(
          'bad_request',
          `compressed set ${setId} has ${set.count} stored images; position ${position} is past the end`,
        );
      if (cropScale[0] > cropScale[1] || cropRatio[0] > cropRatio[1])
        throw new ApiError('bad_request', 'crop scale and ratio ranges must be [low, high]');
      const [h, w, c] = set.shape;
      if (h !== w)
        throw new ApiError('unsupported', `views need square images; set ${setId} stores ${h}×${w}`);
      const size = h * w * c;
      const image = set.images.subarray(position * size, (position + 1) * size);
      // Plain JS over the bytes (the same draws and crop as training): the API process runs no
      // tensor work and never loads TensorFlow.js.
      const policy = { kind: augment, k: set.grid, scale: cropScale, ratio: cropRatio, flip };
      const out = previewViewsJs(image, set.shape, policy, seed, count);
      const url = async (pixels: Uint8Array) =>
        `data:image/png;base64,${(await encodePng(pixels, w, h, c, 6)).toString('base64')}`;
      return {
        setId,
        position,
        classIndex: set.labels[position] as number,
        grid: set.grid,
        original: await url(image),
        views: await Promise.all(
          out.views.map(async (v, i) => ({
            dataUrl: await url(v),
            cell: out.cells ? (out.cells[i] as number) : null,
            flipped: out.flips[i] === 1,
          })),
        ),
      };
    },
  };
}
