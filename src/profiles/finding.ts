// One problem found in a security profile file: where it is, how bad, and what is wrong. Errors
// stop a profile from being installed (the runtime or the loader would refuse it, or it would not
// do what it says); warnings are profiles that load but are likely mistakes.

export type ProfileKind = 'seccomp' | 'apparmor' | 'selinux';

export interface ProfileFinding {
  readonly file: string;
  /** 1-based; undefined when the tool that found it gave no line. */
  readonly line?: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** `file:line: severity: message`, as compilers print it. */
export function formatFinding(f: ProfileFinding): string {
  return `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: ${f.severity}: ${f.message}`;
}
