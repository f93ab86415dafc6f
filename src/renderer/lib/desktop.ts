import { getContext, setContext } from 'svelte';

/**
 * What the desktop shell adds to the page (native pickers, "show in folder"), shared through
 * Svelte context so a button deep in a panel need not have it threaded through every parent.
 * The getters read the App's live state: `app.info` arrives after the first render.
 */
export interface DesktopAbilities {
  readonly canShowPaths: boolean;
}

const KEY = Symbol('datapress.desktop');

export function provideDesktop(abilities: DesktopAbilities): void {
  setContext(KEY, abilities);
}

export function desktop(): DesktopAbilities {
  return getContext<DesktopAbilities | undefined>(KEY) ?? { canShowPaths: false };
}
