import path from 'node:path';
import { NODE_KINDS, paramOf, type BmadNode, type NodeKind, type NodeOf, type ParamsOf } from '../../core';
import type { CharacterContext, SceneContext, ShotContext, StyleContext } from '../../core/previewParams';
import { sameSpeaker } from '../../core/dialogue';
import type { AssetKind, AssetParam } from '../../core/assetParams';
import { formatBytes } from '../../core/lfsPointer';
import { hashFileNow, type HashFile } from '../fileHashes';
import { readLfsPointerSync } from '../git/lfsPull';
import { existingFileInside, PathRefused } from '../projectPaths';
import type { CanvasGraph } from './graph';

/**
 * Resolves what a generating node takes from upstream: its shot, scene, style and characters, typed
 * by kind (core/schema.ts NodeOf) into the contexts every pipeline reads. Params carry only content (no ids or labels), so a copied subgraph keeps its job keys.
 */

/** Planning failed for one node; the message names the node and the param. */
export class PlanError extends Error {}

/**
 * Planning stopped at an input the node needs and nobody connected: nothing failed, the canvas is
 * not finished. The message starts with the input's name as its card shows it ("Keyframe: connect
 * an image node to it"), so the part a card has room for says which input.
 */
export class NeedsInput extends PlanError {
  /** The input's label on the card. */
  readonly input: string;

  constructor(kind: NodeKind, port: string, hint: string) {
    const input = NODE_KINDS[kind].inputs.find((p) => p.id === port)?.label ?? port;
    super(`${input}: ${hint}`);
    this.input = input;
  }
}

/** The node at the start of a chain of nodes that need input, and the input it lacks. */
export interface Waiting {
  readonly node: string;
  readonly input: string;
}

/**
 * A node cannot be planned because another one it takes params from cannot: it is skipped, not
 * failed; it needs input too (`waiting`) when that other node is waiting for one.
 */
export class Blocked extends Error {
  constructor(
    message: string,
    readonly waiting?: Waiting,
  ) {
    super(message);
  }
}

export interface AssetFile {
  readonly rel: string;
  readonly real: string;
  readonly sha256: string;
}

type Shot = NodeOf<'shot'>;
type Scene = NodeOf<'scene'>;
type Character = NodeOf<'character'>;


export class ContextResolver {
  private readonly assets = new Map<string, AssetFile>();
  private characterNodes: readonly Character[] | undefined;

  constructor(
    readonly graph: CanvasGraph,
    readonly root: string,
    private readonly hashFile: HashFile = hashFileNow,
  ) {}

  /** Follows text edges upward from `port` of `node`: the first shot, scene and script on the way. */
  textChain(node: BmadNode, port: string): { shot?: Shot; scene?: Scene } {
    const found: { shot?: Shot; scene?: Scene } = {};
    let next = this.graph.inputs(node.id, port)[0];
    const seen = new Set<string>();
    while (next && !seen.has(next.id)) {
      seen.add(next.id);
      if (next.kind === 'shot') found.shot ??= next;
      else if (next.kind === 'scene') found.scene ??= next;
      else if (next.kind === 'script') {
        // The script is not read by any pipeline, but a canvas must not point outside its project.
        this.asset(next, 'file');
        break;
      }
      next = this.graph.inputs(next.id, next.kind === 'shot' ? 'scene' : 'script')[0];
    }
    return found;
  }

  shot({ params: p }: Shot): ShotContext {
    const dialogue = p.dialogue.map((d) => ({ character: d.character, line: d.line }));
    return { number: p.number, action: p.action, framing: p.framing, camera: p.camera, duration: p.duration, dialogue };
  }

  scene({ params: p }: Scene): SceneContext {
    return { number: p.number, heading: p.heading, timeOfDay: p.timeOfDay, synopsis: p.synopsis };
  }

  /** The first style connected to any of `nodes` (most specific first), else the house default. */
  style(nodes: readonly (BmadNode | undefined)[]): StyleContext {
    for (const n of nodes) {
      const s = n && this.graph.inputs(n.id, 'style', 'style')[0];
      if (s) return styleOf(s.params);
    }
    return styleOf(NODE_KINDS.style.defaults());
  }

  /** The style for a node when one is connected somewhere up its chain, else null. */
  styleOrNull(nodes: readonly (BmadNode | undefined)[]): StyleContext | null {
    return nodes.some((n) => n && this.graph.inputs(n.id, 'style', 'style').length) ? this.style(nodes) : null;
  }

  /**
   * Characters in shot: those connected to the node or its shot, plus canvas characters the shot
   * names. The shot's own name list sets the order; others follow by name.
   */
  characters(sources: readonly (BmadNode | undefined)[], shot: Shot | undefined): Character[] {
    const byId = new Map<string, Character>();
    for (const n of sources) if (n) for (const c of this.graph.inputs(n.id, 'characters', 'character')) byId.set(c.id, c);
    const named = shot ? shot.params.characters : [];
    const all = this.allCharacters();
    for (const name of named) {
      const c = [...byId.values()].find((x) => sameName(x, name)) ?? all.find((x) => sameName(x, name));
      if (c) byId.set(c.id, c);
    }
    const rank = (c: Character) => {
      const i = named.findIndex((name) => sameName(c, name));
      return i < 0 ? named.length : i;
    };
    const nameOf = (c: Character) => c.params.name;
    return [...byId.values()].sort((a, b) => rank(a) - rank(b) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : a.id < b.id ? -1 : 1));
  }

  /** The canvas's characters by id, found once per plan: a canvas of thousands of nodes asks per job. */
  private allCharacters(): readonly Character[] {
    this.characterNodes ??= [...this.graph.nodes.values()]
      .filter((n): n is Character => n.kind === 'character')
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return this.characterNodes;
  }

  /** A character as pipelines read it; `files` names its reference image and LoRA among the job's inputs. */
  character({ params: p }: Character, files: { reference: string | null; lora: string | null }): CharacterContext {
    const { name, description, silhouette, voice, pitch, rate } = p;
    return { name, description, silhouette, colors: [...p.colors], voice, pitch, rate, ...files };
  }

  /** A project file named by `node.params[param]`, checked to stay inside the project, with its hash. */
  asset<K extends AssetKind>(node: NodeOf<K>, param: AssetParam<K>): AssetFile {
    const rel = String(paramOf(node as BmadNode, param));
    const memo = this.assets.get(rel);
    if (memo) return memo;
    try {
      const real = existingFileInside(this.root, rel, `${this.graph.name(node.id)} params.${param}`);
      // A pointer would be hashed and sent to a pipeline as if it were the image or the LoRA.
      const pointer = readLfsPointerSync(real);
      if (pointer) throw new Error(`${rel} is a Git LFS pointer: its ${formatBytes(pointer.size)} were never pulled (git lfs pull --include "${rel}")`);
      const file = { rel, real, sha256: this.hashFile(real) };
      this.assets.set(rel, file);
      return file;
    } catch (e) {
      throw new PlanError(e instanceof PathRefused ? e.message : `${this.graph.name(node.id)} params.${param}: ${(e as Error).message}`);
    }
  }
}

export function sameName(character: Character, name: string): boolean {
  return sameSpeaker(character.params.name, name);
}

function styleOf(p: ParamsOf<'style'>): StyleContext {
  return { name: p.name, prompt: p.prompt, negativePrompt: p.negativePrompt, palette: [...p.palette], grain: p.grain };
}

export function extOf(file: string): string {
  return path.extname(file).toLowerCase() || '.bin';
}
