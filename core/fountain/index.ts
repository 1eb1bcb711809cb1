export { FountainError, parseFountain } from './parse';
export type { Camera, Framing, Screenplay, ScriptScene, ScriptShot, TimeOfDay } from './types';
