export { parseFountain } from './parse';
export { FountainError, readScreenplay } from './screenplay';
export { readShotNote, type ShotNote } from './shotNote';
export { inlineSpans, plainText, type InlineSpan } from './inline';
export type { SourcePosition, SourceRange } from './source';
export type { CharacterCue, ElementKind, FountainDocument, FountainElement, Note, TitleEntry } from './types';
export type { Camera, Framing, Screenplay, ScriptScene, ScriptShot, TimeOfDay } from './screenplayTypes';
export { fountainOutline, type OutlineItem } from './outline';
