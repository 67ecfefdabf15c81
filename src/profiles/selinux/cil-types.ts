// The types a CIL policy declares, by their full names: `(type process)` inside
// `(block my_container …)` is `my_container.process`, which is what a pod's
// seLinuxOptions.type names (udica's generated policies are written this way). One pass over
// the text with a stack of open blocks; comments (`;` to end of line) and strings are skipped.

export function cilTypes(text: string): string[] {
  const types: string[] = [];
  // For each open parenthesis: the block name it opened, or null.
  const open: (string | null)[] = [];
  const blocks: string[] = [];
  let i = 0;
  const n = text.length;
  const atom = (): string => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    const start = i;
    while (i < n && !' \t\r\n()";'.includes(text[i]!)) i++;
    return text.slice(start, i);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i++;
      i++;
    } else if (c === '(') {
      i++;
      const keyword = atom();
      let opened: string | null = null;
      if (keyword === 'block' || keyword === 'optional' || keyword === 'in') {
        const name = atom();
        if (keyword === 'block' && name !== '') opened = name;
      } else if (keyword === 'type') {
        const name = atom();
        if (name !== '') types.push([...blocks, name].join('.'));
      }
      if (opened !== null) blocks.push(opened);
      open.push(opened);
    } else if (c === ')') {
      const closed = open.pop();
      if (closed !== null && closed !== undefined) blocks.pop();
      i++;
    } else i++;
  }
  return types;
}
