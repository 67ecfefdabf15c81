// Where strict JSON (RFC 8259, as Go's encoding/json reads it) first goes wrong, as an offset:
// Node 20's JSON.parse says what it disliked but not where. One pass, an explicit stack, no
// recursion, so a deeply nested file cannot overflow it.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Offset of the first syntax error, or undefined when the text is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  const ws = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const literal = (word: string): boolean => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    return false;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // After a value: a comma, the end of the open container, or the end of the text.
  const afterValue = (): boolean => {
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i === n;
      if (text[i] === ',') {
        i++;
        ws();
        if (top === '{') {
          if (!string()) return false;
          ws();
          if (text[i] !== ':') return false;
          i++;
        }
        return true;
      }
      if (!((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']'))) return false;
      i++;
      stack.pop();
    }
  };
  for (;;) {
    ws();
    const c = text[i];
    let ok: boolean;
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if ((c === '{' && text[i] === '}') || (c === '[' && text[i] === ']')) {
        i++;
        stack.pop();
        ok = true;
      } else if (c === '{') {
        if (!string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
        continue;
      } else continue;
    } else if (c === '"') ok = string();
    else if (c === 't') ok = literal('true');
    else if (c === 'f') ok = literal('false');
    else if (c === 'n') ok = literal('null');
    else ok = number();
    if (!ok) return i;
    if (!afterValue()) return i;
    if (stack.length === 0) return undefined;
  }
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
