// Plain functions over production code, for tests that run them in a worker with a deadline
// (time-limit.ts): a worker can only call a module's exports with cloneable arguments.

import { compilePattern } from '../../src/exceptions/pattern';

export function globMatches(pattern: string, name: string): boolean {
  return compilePattern(pattern).test(name);
}
