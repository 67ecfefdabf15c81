// Expiry dates of exceptions: `YYYY-MM-DD` (the exception applies through that day, UTC) or an
// RFC 3339 date-time (it applies until that instant).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The first instant (ms) at which an exception expiring at `text` no longer applies, or undefined when `text` is not a valid date. */
export function parseExpiry(text: string): number | undefined {
  const d = DATE.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const start = Date.UTC(y, m - 1, day);
    const check = new Date(start);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return undefined;
    return start + 24 * 60 * 60 * 1000;
  }
  if (DATE_TIME.test(text)) {
    const t = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

export const EXPIRY_FORMAT = 'a date (2026-03-31, valid through that day, UTC) or an RFC 3339 time (2026-03-31T12:00:00Z)';
