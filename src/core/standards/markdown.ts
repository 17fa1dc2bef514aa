/**
 * Markdown structure for rule splitting: ATX (`## Title`) and setext (`Title` over `===`/`---`)
 * headings, ignoring anything inside fenced code blocks.
 */
export interface Heading {
  level: number;
  /** Heading text without the `#` marks or closing sequence. */
  text: string;
  /** 0-based index of the heading's first line in the lines array. */
  index: number;
  /** Number of lines the heading takes (2 for setext). */
  span: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

export function findHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  let fence = '';
  let paragraph = false; // the previous line is paragraph text (a setext candidate)
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length) {
        if (line.trim() === fenceMatch[1]) fence = '';
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] ?? '';
      paragraph = false;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ level: atx[1]?.length ?? 1, text: (atx[2] ?? '').trim(), index: i, span: 1 });
      paragraph = false;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph) {
      const prev = lines[i - 1] ?? '';
      headings.push({ level: setext[1]?.startsWith('=') ? 1 : 2, text: prev.trim(), index: i - 1, span: 2 });
      paragraph = false;
      continue;
    }
    paragraph = line.trim() !== '' && !/^ {0,3}(?:[-*+>]|\d+[.)])\s/.test(line) && !/^\s{4}/.test(line);
  }
  return headings;
}
