/**
 * Props the insert rule looks for in action: things a camera would cut in close on. A plain list,
 * matched as whole words (plurals too), so what makes an insert is easy to see and to extend. Words
 * that are most often verbs in action ("a phone rings") stay out: ring.
 */
export const PROPS = [
  'bag', 'book', 'bottle', 'box', 'candle', 'card', 'chimney', 'clock', 'compass', 'cup', 'diary', 'door', 'envelope', 'flame',
  'gun', 'glass', 'key', 'keys', 'knife', 'lamp', 'lantern', 'letter', 'map', 'match', 'money', 'necklace', 'note', 'phone',
  'photo', 'photograph', 'radio', 'report', 'rope', 'scarf', 'screen', 'suitcase', 'sword', 'ticket', 'toolbox',
  'watch', 'wallet', 'wick',
] as const;

const PATTERN = new RegExp(`\\b(${PROPS.join('|')})(?:e?s)?\\b`, 'gi');

/** The props named in a text, first mention first, each once. */
export function propsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(PATTERN)) found.add(m[1]!.toLowerCase());
  return [...found];
}
