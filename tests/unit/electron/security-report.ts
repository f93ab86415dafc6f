/* The shape of the line security-probe.mjs prints, read by security-bundle.test.ts. */

/** What the app's hardening did to one webContents. */
export interface ContentsProbe {
  navigationPrevented: boolean;
  sameOriginNavigationPrevented: boolean;
  webviewPrevented: boolean;
  windowOpen: unknown;
  windowOpenApp: unknown;
}

interface HeadersAnswer {
  responseHeaders?: Record<string, string[]>;
}

export interface ProbeReport {
  windows: number;
  url: string;
  webPreferences: Record<string, unknown>;
  beforeReady: string[];
  schemes: { scheme: string; privileges: Record<string, boolean | undefined> }[];
  rpcListeners: number;
  page: { status: number; csp: string | null; body: string };
  outside: { url: string; status: number }[];
  post: number;
  permissionRequests: Record<string, boolean>;
  permissionChecks: Record<string, boolean>;
  devicePermission: boolean | undefined;
  requests: Record<string, { cancel: boolean }>;
  headersOwn: HeadersAnswer;
  headersForeign: HeadersAnswer;
  window: ContentsProbe;
  otherContents: ContentsProbe;
  downloadPrevented: boolean;
  quit: string[];
}
