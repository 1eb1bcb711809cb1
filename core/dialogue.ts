import type { DialogueLine } from './nodes/shot';

/**
 * What a dialogue audio node says, from params alone: the planner renders it and the audio card shows
 * it, so both read it here. A node with a text of its own says that; otherwise it says its speaker's
 * lines in its shot, in the shot's order.
 */

/** A line's character is this speaker when the names match, whatever the case and surrounding spaces. */
export function sameSpeaker(name: string, other: string): boolean {
  return name.trim().toLowerCase() === other.trim().toLowerCase();
}

/**
 * The text (empty when there is nothing to say), and where the speaker's first line is in the shot
 * (`lines.length` when nowhere), which orders speakers within a shot.
 */
export function dialogueText(
  ownText: string,
  lines: readonly DialogueLine[],
  speaker: string | undefined,
): { text: string; lineIndex: number } {
  const mine = lines.flatMap((l, i) => (speaker !== undefined && sameSpeaker(l.character, speaker) ? [{ line: l.line, i }] : []));
  const own = ownText.trim();
  const text = own || mine.map((l) => l.line.trim()).filter(Boolean).join(' ');
  return { text, lineIndex: mine[0]?.i ?? lines.length };
}
