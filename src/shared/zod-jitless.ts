import { config } from 'zod';

/*
 * Imported first by the preload, before any schema is built: zod probes `new Function` when a
 * schema is constructed, and in a page under script-src 'self' that probe is a CSP violation
 * (caught by zod, but reported in the console). jitless parsing is plenty fast for one message.
 */
config({ jitless: true });
