import assert from 'node:assert/strict';
import { RenderStore } from '../../webview/render/renderStore';

describe('webview: render store', () => {
  it('merges partial updates, replaces on full, and notifies only the nodes that changed', () => {
    const s = new RenderStore();
    const calls: string[] = [];
    for (const id of ['a', 'b', 'c']) s.subscribe(id, () => calls.push(id));
    s.apply(true, { a: { state: 'missing' }, b: { state: 'stale', thumbnail: 't' } });
    assert.deepEqual(calls.splice(0), ['a', 'b']);
    s.apply(false, { a: { state: 'running', progress: 0.5 } });
    assert.deepEqual(calls.splice(0), ['a']);
    assert.deepEqual(s.get('b'), { state: 'stale', thumbnail: 't' });
    s.apply(false, { a: { state: 'running', progress: 0.5 } });
    assert.deepEqual(calls.splice(0), [], 'an unchanged state notifies nobody');
    s.apply(true, { c: { state: 'done' } });
    assert.deepEqual(calls.splice(0).sort(), ['a', 'b', 'c']);
    assert.equal(s.get('a'), undefined);
  });

  it('takes only valid renderState messages and ignores the rest', () => {
    const s = new RenderStore();
    s.receive({ type: 'document', doc: {} });
    s.receive({ type: 'renderState', full: true, nodes: { a: { state: 'exploded' } } });
    assert.equal(s.get('a'), undefined);
    s.receive({ type: 'renderState', full: false, nodes: { a: { state: 'failed', message: 'BAD_PARAMS: x' } } });
    assert.deepEqual(s.get('a'), { state: 'failed', message: 'BAD_PARAMS: x' });
  });

  it('tells whole-canvas listeners once per update that changed something', () => {
    const s = new RenderStore();
    let n = 0;
    const off = s.subscribeAll(() => n++);
    s.apply(false, { a: { state: 'running' }, b: { state: 'queued' } });
    assert.equal(n, 1);
    s.apply(false, { a: { state: 'running' } });
    assert.equal(n, 1, 'nothing changed');
    off();
    s.apply(true, {});
    assert.equal(n, 1);
  });

  it('unsubscribes', () => {
    const s = new RenderStore();
    let n = 0;
    const off = s.subscribe('a', () => n++);
    off();
    s.apply(true, { a: { state: 'done' } });
    assert.equal(n, 0);
  });
});
