import { z } from 'zod';

/** What flows along an edge. A connection is legal only between ports of the same type. */
export const PORT_TYPES = ['text', 'character', 'style', 'image', 'video', 'audio', 'clip'] as const;
export const PortType = z.enum(PORT_TYPES);
export type PortType = z.infer<typeof PortType>;

export interface PortSpec {
  readonly id: string;
  readonly type: PortType;
  readonly label: string;
  /** An input that accepts several edges (characters in a shot, clips in an edit). */
  readonly multiple?: boolean;
}

export const TIERS = ['low', 'standard', 'high'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

/** Seeds are unsigned 32-bit so every pipeline (numpy, torch, our own PRNG) can take them as they are. */
export const Seed = z.number().int().min(0).max(0xffffffff);
