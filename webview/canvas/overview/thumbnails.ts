/**
 * Decoded output thumbnails for the overview canvas, loaded the first time one is asked for: `get`
 * answers undefined until the image is ready, then `onLoad` asks for a redraw. The canvas draws from
 * the same webview URIs the cards' <img> use (img-src allows them), so nothing is fetched twice by
 * the browser's cache.
 */
export class Thumbnails {
  private readonly images = new Map<string, HTMLImageElement | 'loading' | 'failed'>();
  private used = new Set<string>();

  constructor(
    private readonly onLoad: () => void,
    /** Images kept beyond those the last draw used. */
    private readonly spare = 256,
  ) {}

  get(src: string): HTMLImageElement | undefined {
    this.used.add(src);
    const hit = this.images.get(src);
    if (hit !== undefined) return typeof hit === 'string' ? undefined : hit;
    const img = new Image();
    img.decoding = 'async';
    img.src = src;
    this.images.set(src, 'loading');
    img.decode().then(
      () => {
        if (this.images.get(src) !== 'loading') return;
        this.images.set(src, img);
        this.onLoad();
      },
      () => this.images.set(src, 'failed'),
    );
    return undefined;
  }

  /** After a draw: forget images no longer drawn once there are more than `spare` of them. */
  endDraw(): void {
    if (this.images.size > this.used.size + this.spare) {
      for (const src of this.images.keys()) if (!this.used.has(src)) this.images.delete(src);
    }
    this.used = new Set();
  }
}
