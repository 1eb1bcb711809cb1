import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatusRequest } from './statusCompute';
import type { StatusReply, ToStatusWorker } from './statusMessages';

/**
 * The extension host's side of the status worker thread: one thread for every canvas, started on the
 * first request, answering in order. It never keeps the process alive while nothing is asked.
 */
export class StatusThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (r: StatusReply) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  /** `script`: the bundled worker, dist/statusWorker.js beside dist/extension.js. */
  constructor(private readonly script = path.join(__dirname, 'statusWorker.js')) {}

  request(view: string, full: boolean, request: StatusRequest): Promise<StatusReply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      this.send({ type: 'status', id, view, full, request });
    });
  }

  forget(view: string): void {
    this.send({ type: 'forget', view });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.fail(new Error('the status thread was stopped'));
  }

  private send(m: ToStatusWorker): void {
    this.worker?.postMessage(m);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    w.on('message', (r: StatusReply) => {
      const p = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (!this.waiting.size) w.unref();
      p?.resolve(r);
    });
    // A crash loses the thread's memory of hashes and of what each view was sent; the next request starts anew.
    w.on('error', (e) => this.lost(w, e));
    w.on('exit', (code) => this.lost(w, new Error(`the status thread exited with code ${code}`)));
    w.unref();
    return (this.worker = w);
  }

  private lost(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.fail(e);
  }

  private fail(e: Error): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }
}
