import type { NodeOf } from '../../../core';
import type { AssetParam } from '../../../core/assetParams';
import { extOf } from '../context';
import { pad, type Builder, type PlannedInput } from './types';

/** A keyframe: its shot, scene and style, and its characters with their reference images and LoRAs as inputs. */
export const buildImage: Builder<'image'> = ({ r }, n) => {
  const p = n.params;
  const { shot, scene } = r.textChain(n, 'shot');
  const inputs: PlannedInput[] = [];
  const file = (c: NodeOf<'character'>, param: AssetParam<'character'>, i: number): string | null => {
    if (!c.params[param]) return null;
    const asset = r.asset(c, param);
    const name = `${param}-${pad(i + 1)}${extOf(asset.rel)}`;
    inputs.push({ name, role: `${param}:${i + 1}`, asset });
    return name;
  };
  const characters = r.characters([n, shot], shot).map((c, i) => r.character(c, { reference: file(c, 'reference', i), lora: file(c, 'lora', i) }));
  const params = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    steps: p.steps,
    guidance: p.guidance,
    shot: shot ? r.shot(shot) : null,
    scene: scene ? r.scene(scene) : null,
    style: r.style([n, shot, scene]),
    characters,
  };
  return { params, inputs };
};
