import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { canvasCsp } from '../../extension/webviewCsp';
import { canvasSuite, cspViolations } from './canvasPage';

/**
 * The canvas under the webview's own CSP (no 'unsafe-eval'): nothing it does is refused. zod 4 probes
 * `new Function` for its JIT unless told to be jitless (webview/zodJitless.ts); the page reports that
 * refusal as a `securitypolicyviolation`.
 */
describe('canvas webview under its CSP in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  it('the test page carries the webview\'s CSP (plus connect-src for the stand-in host and a loopback `bmad signal`)', async () => {
    page = await canvas.open('doc=film');
    const { csp, nonce } = await page.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      nonce: document.querySelector('script')?.nonce ?? '',
    }));
    assert.ok(nonce.length >= 16, 'the page has a nonce');
    assert.equal(csp, `${canvasCsp(nonce, "'self'")}; connect-src 'self' ws://127.0.0.1:*`);
  });

  it('opening and validating a 5,000-node canvas reports no CSP violation', async () => {
    page = await canvas.open('n=5000&view=z1');
    assert.ok(await page.locator('.react-flow__node').count() > 0, 'the canvas is drawn');
    // A violation is reported asynchronously, in order: provoke a known one and wait for it, so any
    // earlier one has been reported by then.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://csp-sentinel.invalid/x.png';
      document.body.append(img);
    });
    await page.waitForFunction(() => (window as unknown as { __csp: { blocked: string }[] }).__csp.some((v) => v.blocked.includes('csp-sentinel')));
    const others = (await cspViolations(page)).filter((v) => !v.blocked.includes('csp-sentinel'));
    assert.deepEqual(others, []);
  });
});
