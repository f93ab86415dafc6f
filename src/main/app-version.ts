import pkg from '../../package.json' with { type: 'json' };

/** The app's version, recorded in manifests and runs. */
export const APP_VERSION: string = pkg.version;
