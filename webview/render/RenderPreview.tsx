import { RenderBadge } from './RenderBadge';
import './render.css';
import { useNodeRender } from './useNodeRender';

/** In the inspector: the selected node's output — the image, or a player for its video or audio. */
export function RenderPreview({ id }: { id: string }) {
  const r = useNodeRender(id);
  if (!r) return null;
  const media = r.media;
  return (
    <section className="bmad-render-preview" aria-label="Render">
      <div className="bmad-render-preview-state">
        <RenderBadge render={r} />
        {r.message && <span className="bmad-render-preview-message">{r.message}</span>}
      </div>
      {media?.kind === 'image' && <img className="bmad-render-media" src={media.src} alt="Rendered image" />}
      {/* key: a new render is a new file; the element must load it, not keep playing the old one. */}
      {media?.kind === 'video' && <video key={media.src} className="bmad-render-media" src={media.src} poster={r.thumbnail} controls preload="metadata" />}
      {media?.kind === 'audio' && <audio key={media.src} className="bmad-render-audio-player" src={media.src} controls preload="metadata" />}
    </section>
  );
}
