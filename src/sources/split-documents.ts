// Splits a YAML stream into its documents without parsing it, so that one broken document
// cannot hide the others (a YAML parser stops at the first error in a stream). A line that
// starts with `---` or `...` followed by white space or the end of the line is a document marker
// wherever it appears — YAML forbids such lines inside scalars (c-forbidden), so this is exact.

export interface DocumentChunk {
  /** The document's text; it starts with its `---` line when it has one. */
  readonly text: string;
  /** 0-based line of the chunk's first line in the file. */
  readonly startLine: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * True when the text holds nothing but white space and comments. One pass over the characters:
 * a regular expression for this (`(?:[ \t]*(?:#[^\n]*)?\r?\n?)*`) backtracks exponentially on a
 * banner of `#` characters followed by content, which is how many public manifests begin.
 */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      const eol = text.indexOf('\n', i);
      if (eol === -1) return true;
      i = eol;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
      return false;
    }
  }
  return true;
}

export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let scanned = 0;
  // `---` opens a document that belongs to the marker's line; `...` closes the current one.
  const countLines = (from: number, to: number) => {
    let n = 0;
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  let explicitOpen = false; // whether the current chunk began with `---`
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    line += countLines(scanned, m.index);
    scanned = m.index;
    const before = text.slice(start, m.index);
    if (m[0] === '---') {
      if (explicitOpen || !isBlank(before)) chunks.push({ text: before, startLine });
      start = m.index;
      startLine = line;
      explicitOpen = true;
    } else {
      const eol = text.indexOf('\n', m.index);
      const end = eol === -1 ? text.length : eol + 1;
      if (explicitOpen || !isBlank(before)) chunks.push({ text: text.slice(start, end), startLine });
      if (eol !== -1) {
        line += 1;
        scanned = end;
      }
      start = end;
      startLine = line;
      explicitOpen = false;
    }
  }
  const rest = text.slice(start);
  if (explicitOpen || !isBlank(rest)) chunks.push({ text: rest, startLine });
  return chunks;
}
