import type { ToHost } from '../../core/protocol';

/** What VS Code injects into a webview (`acquireVsCodeApi`); typed here once, at the boundary. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Declared by VS Code's webview host (or by the bench's host shim); absent in a plain page.
  // eslint-disable-next-line no-var
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

/** The only way the canvas talks to its host: typed messages out, opaque persisted state. */
export interface HostChannel {
  post(message: ToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export function connectHost(): HostChannel {
  // acquireVsCodeApi may be called once per page; a missing one means a plain browser tab, where the
  // canvas still renders (saved state and messages simply go nowhere).
  const api: VsCodeApi = typeof globalThis.acquireVsCodeApi === 'function'
    ? globalThis.acquireVsCodeApi()
    : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
