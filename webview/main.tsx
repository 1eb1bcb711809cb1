// First: schemas are built when core's modules load, and zod must be jitless by then.
import './zodJitless';
import '@xyflow/react/dist/style.css';
import './styles/canvas.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBenchHook } from './bench/benchHook';
import { App } from './canvas/App';
import { connectHost } from './host/hostChannel';
import { SessionContext } from './hooks/useSession';
import { CanvasSession } from './state/session';

/**
 * Webview entry. Order matters: listen before announcing `ready`, and restore saved state before the
 * first render so a reloaded webview shows its canvas in the first frame.
 */
if (__BMAD_BENCH__) performance.mark('bmad:main');
const session = new CanvasSession(connectHost());
window.addEventListener('message', (e: MessageEvent<unknown>) => session.receive(e.data));
window.addEventListener('pagehide', () => session.dispose());
// A page that fails shows nothing; without these the host never hears why.
window.addEventListener('error', (e) => session.log('error', `canvas page error: ${e.message} (${e.filename}:${e.lineno}:${e.colno})`));
window.addEventListener('unhandledrejection', (e) => session.log('error', `canvas page: unhandled rejection: ${String(e.reason)}`));
if (__BMAD_BENCH__) installBenchHook();
session.start();

const root = document.getElementById('root');
if (!root) throw new Error('the canvas page has no #root element');
const reportRender = (what: string) => (error: unknown, info: { componentStack?: string }) =>
  session.log('error', `canvas ${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}${info.componentStack ?? ''}`);
createRoot(root, {
  onUncaughtError: reportRender('render failed'),
  onCaughtError: reportRender('render error caught'),
  onRecoverableError: reportRender('render recovered'),
}).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);
