/*
 * Globals that Electron Forge's Vite plugin defines when it builds the main process (and that
 * vite.main.config.ts defines itself for a plain `vite build`). The dev server URL is undefined
 * in a production build.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
