import { z } from 'zod';

/**
 * zod 4 compiles a fast object parser with `new Function`, and first probes whether it may. The
 * webview's CSP has no 'unsafe-eval', so the probe is refused: a CSP violation on every open, and the
 * interpreted parser anyway. `jitless` (zod's documented switch) skips probe and compiler. It must run
 * before any schema is built, because an object schema decides at construction: main.tsx imports this
 * module first. The extension host and the CLI have no CSP and keep the JIT.
 */
z.config({ jitless: true });
