/**
 * Fountain is read block by block: a block is text between blank lines (two or more line breaks). Each
 * keeps where it starts, so an error and a script breakdown can point at the line and column.
 */
export interface Block {
  /** The block without the whitespace around it; lines are joined by \n whatever the file used. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export function blocksOf(source: string): Block[] {
  const text = source.replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  let line = 1;
  // With the separator captured, parts alternate: text, blank lines, text…
  for (const part of text.split(/(\n{2,})/)) {
    const body = part.trim();
    if (body && !/^\n+$/.test(part)) {
      const lead = part.slice(0, part.length - part.trimStart().length);
      const leadBreaks = lead.split('\n').length - 1;
      const column = lead.length - (leadBreaks ? lead.lastIndexOf('\n') + 1 : 0) + 1;
      blocks.push({ text: body, line: line + leadBreaks, column });
    }
    line += part.split('\n').length - 1;
  }
  return blocks;
}
