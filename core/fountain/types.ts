import type { SourceRange } from './source';

/**
 * A Fountain document (https://fountain.io/syntax) as elements in reading order, each with the
 * source range it came from. Text keeps what the writer typed between the markers: emphasis and
 * inline notes stay in it (inline.ts reads them), forcing characters and indentation do not.
 */

interface Located {
  readonly range: SourceRange;
}

export interface TitleEntry extends Located {
  readonly key: string;
  /** The text after the colon, then each indented line below it on its own line, as written. */
  readonly value: string;
}

export type FountainElement =
  | (Located & { kind: 'heading'; text: string; sceneNumber?: string; forced: boolean })
  | (Located & { kind: 'action'; text: string; forced: boolean })
  | (Located & { kind: 'centered'; text: string })
  | (Located & CharacterCue & { kind: 'character' })
  | (Located & { kind: 'parenthetical'; text: string })
  | (Located & { kind: 'dialogue'; text: string })
  | (Located & { kind: 'lyric'; text: string })
  | (Located & { kind: 'transition'; text: string; forced: boolean })
  | (Located & { kind: 'pageBreak' })
  | (Located & { kind: 'section'; text: string; depth: number })
  | (Located & { kind: 'synopsis'; text: string })
  /** A paragraph that is one note and nothing else. */
  | (Located & { kind: 'note'; text: string });

export type ElementKind = FountainElement['kind'];

export interface CharacterCue {
  /** As written, without the `@`, extensions or the `^`. */
  readonly name: string;
  /** Parenthesised extensions such as `(V.O.)`, as written; `(CONT'D)` is not among them. */
  readonly extensions: readonly string[];
  readonly contd: boolean;
  readonly forced: boolean;
  /** `right` is the cue marked `^`; `left` the one before it, whose speech runs beside it. */
  readonly dual?: 'left' | 'right';
}

export interface Note extends Located {
  /** The text between `[[` and `]]`. */
  readonly text: string;
}

export interface FountainDocument {
  readonly titlePage: readonly TitleEntry[];
  readonly elements: readonly FountainElement[];
  /** Every note, inline or on its own, in source order. */
  readonly notes: readonly Note[];
  readonly boneyards: readonly SourceRange[];
}
