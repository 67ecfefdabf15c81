// Kubernetes name checks with their messages, as PodSecurityConfiguration validation uses them:
// exempt namespaces must be DNS-1123 labels (apimachinery api/validation ValidateNamespaceName),
// exempt runtime classes DNS-1123 subdomains (NameIsDNSSubdomain). Upstream:
// k8s.io/apimachinery/pkg/util/validation/validation.go IsDNS1123Label, IsDNS1123Subdomain,
// MaxLenError, RegexError. Written as character scans rather than regular expressions: linear in
// any input, however long.

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
// RegexError(msg, fmt, examples...): note the two spaces before "or" that its loop writes.
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character" +
  ` (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL_FMT}')`;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character" +
  ` (e.g. 'example.com', regex used for validation is '${SUBDOMAIN_FMT}')`;

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** `s[from, to)` matches ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ */
function isLabelText(s: string, from: number, to: number): boolean {
  if (to <= from || !isAlnum(s.charCodeAt(from)) || !isAlnum(s.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && c !== 0x2d) return false;
  }
  return true;
}

function isSubdomainText(s: string): boolean {
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s.charCodeAt(i) === 0x2e) {
      if (!isLabelText(s, start, i)) return false;
      start = i + 1;
    }
  }
  return true;
}

/** Go's len(): the length in UTF-8 bytes. */
function goLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** IsDNS1123Label: the problems with `value` as a namespace name, in upstream's words (none: valid). */
export function dns1123LabelProblems(value: string): string[] {
  const out: string[] = [];
  if (goLen(value) > 63) out.push('must be no more than 63 characters');
  if (!isLabelText(value, 0, value.length)) {
    // A valid subdomain that is not a label can only have failed for its dots.
    out.push(isSubdomainText(value) ? 'must not contain dots' : LABEL_MESSAGE);
  }
  return out;
}

/** IsDNS1123Subdomain: the problems with `value` as a runtime class name (none: valid). */
export function dns1123SubdomainProblems(value: string): string[] {
  const out: string[] = [];
  if (goLen(value) > 253) out.push('must be no more than 253 characters');
  if (!isSubdomainText(value)) out.push(SUBDOMAIN_MESSAGE);
  return out;
}
