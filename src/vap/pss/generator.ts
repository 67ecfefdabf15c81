// The shape of one check's CEL generator: for each version of the check in src/pss/checks (the
// same `since` values, which a test holds them to), a CEL expression of type string that is empty
// when the pod passes and `reason (detail)` — Pod Security Admission's words — when it does not.

export interface CelCheckVersion {
  readonly since: string;
  readonly violation: string;
}

export interface CelCheck {
  /** The upstream check id, as in src/pss/checks. */
  readonly id: string;
  readonly versions: readonly CelCheckVersion[];
}
