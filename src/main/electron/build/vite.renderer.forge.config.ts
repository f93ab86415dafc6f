import { mergeConfig } from 'vite';
import rendererConfig from '../../../../vite.renderer.config';
import { devCspMeta } from './dev-csp-meta';

/*
 * The renderer config Forge's Vite plugin uses (forge.config.ts): the project's own
 * vite.renderer.config.ts plus devCspMeta, which only acts in `electron-forge start`'s dev server,
 * so `electron-forge package`/`make` build exactly what `npm run build:electron` builds.
 */
export default mergeConfig(rendererConfig, { plugins: [devCspMeta()] });
