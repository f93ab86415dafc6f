import { z } from 'zod';
import { importParamsSchema } from './import-params';

/**
 * What `datasets.probe` needs: the source (path and format) and the settings that change how an
 * image is decoded, taken from the import's own schema so a preview decodes exactly as the
 * import will. Split, duplicates, name and limits do not change a decoded image and stay out.
 */
export const probeParamsSchema = importParamsSchema
  .pick({
    path: true,
    format: true,
    size: true,
    sizeCap: true,
    channels: true,
    resize: true,
    background: true,
  })
  .extend({
    /** How many images to decode for the preview, spread over the classes. */
    previewCount: z
      .number()
      .int()
      .min(1, 'previewCount must be from 1 to 12')
      .max(12, 'previewCount must be from 1 to 12')
      .default(6),
    /**
     * Reuse the listing of the last probe of the same path (kept for two idle minutes) instead
     * of listing again: a settings preview then answers in milliseconds, not seconds.
     */
    reuseListing: z.boolean().default(false),
  });

export type ProbeParams = z.output<typeof probeParamsSchema>;
export type ProbeParamsInput = z.input<typeof probeParamsSchema>;
