import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isAssetKind } from '../../../core/assetParams';
import { AssetPointerBadge } from '../../lfs/AssetPointerBadge';
import { useSpokenLine } from '../../hooks/useSpokenLine';
import { RenderCorner, RenderSlot } from '../../render/RenderSlot';
import { handlesOf } from './cardLayout';
import { CardShell } from './CardShell';
import type { CardNode } from './flowTypes';
import type { Spoken } from './spokenLines';
import './spokenLine.css';

/**
 * One memoized component per card family. React Flow passes a new props object per render of the
 * wrapper, but `data` keeps its identity while the node is unchanged, so memo skips the card.
 */
export const StoryCard = memo(function StoryCard({ id, data, selected }: NodeProps<CardNode>) {
  return (
    <CardShell data={data} selected={selected}>
      {isAssetKind(data.kind) && <AssetPointerBadge id={id} />}
    </CardShell>
  );
});

/** A character names its reference image and LoRA: a badge says when one is an LFS pointer never pulled. */
export const CastCard = memo(function CastCard({ id, data, selected }: NodeProps<CardNode>) {
  return (
    <CardShell data={data} selected={selected}>
      {isAssetKind(data.kind) && <AssetPointerBadge id={id} />}
    </CardShell>
  );
});

/** Edit and output render too (the cut, the film): their state shows in the corner. */
export const FinishCard = memo(function FinishCard({ id, data, selected }: NodeProps<CardNode>) {
  return (
    <CardShell data={data} selected={selected}>
      <RenderCorner id={id} />
    </CardShell>
  );
});

/** Generating kinds show their output's thumbnail and render status (webview/render/). */
export const GenerateCard = memo(function GenerateCard({ id, data, selected }: NodeProps<CardNode>) {
  return (
    <CardShell data={data} selected={selected}>
      <RenderSlot id={id} kind={data.kind} />
    </CardShell>
  );
});

/**
 * Audio renders like the other generating kinds; in dialogue mode its summary is the line it speaks,
 * and who speaks it, which usually come from the connected shot and character rather than its params.
 */
export const AudioCard = memo(function AudioCard({ id, data, selected }: NodeProps<CardNode>) {
  const spoken = useSpokenLine(id);
  return (
    <CardShell data={data} selected={selected} summary={spoken && <SpokenSummary spoken={spoken} />}>
      <RenderSlot id={id} kind={data.kind} />
    </CardShell>
  );
});

function SpokenSummary({ spoken }: { spoken: Spoken }) {
  if (!spoken.text) {
    return <span className="spoken-line is-empty">{spoken.speaker ? `${spoken.speaker}: no line yet` : 'no line yet'}</span>;
  }
  return (
    <span className="spoken-line" title={spoken.speaker ? `${spoken.speaker}: ${spoken.text}` : spoken.text}>
      {spoken.speaker && <span className="spoken-speaker">{spoken.speaker}</span>}
      <q className="spoken-text">{spoken.text}</q>
    </span>
  );
}

/**
 * An edge end whose card is not mounted (see toGhostNode). It draws nothing, but keeps invisible
 * anchors where the card's handles are: when a card turns into a ghost, React Flow re-reads handle
 * positions from the DOM, and without anchors its edges would lose their ends.
 */
export const GhostCard = memo(function GhostCard({ data }: NodeProps<CardNode>) {
  return (
    <>
      {handlesOf(data.kind).map((h) => (
        <div key={`${h.type}-${h.id}`} className={`ghost-anchor ${h.type}`} data-handleid={h.id ?? undefined} data-handlepos={h.position}
          style={{ left: h.x, top: h.y, width: h.width, height: h.height }} />
      ))}
    </>
  );
});
