import type { ApiHandlers } from '../../shared/api/contract';
import { createListingCache } from '../datasets/probe/listing-cache';
import { probeSource } from '../datasets/probe/probe-source';

type ImportMethods = 'datasets.probe';

/**
 * The import wizard's look before importing. It runs in the API process, not as a job: it
 * lists the source and decodes only a few preview images, and it stores nothing, so no project
 * is involved. The last listing is kept here so a live preview of settings can reuse it.
 */
export function importHandlers(): Pick<ApiHandlers, ImportMethods> {
  const listings = createListingCache();
  return {
    'datasets.probe': async (params) => probeSource(params, listings),
  };
}
