// The runtime cost budget. cel-go counts a cost for every evaluated step and stops the program
// with "operation cancelled: actual cost limit exceeded" once the limit is passed
// (cel-go interpreter/runtimecost.go); Kubernetes sets the limit per expression (PerCallLimit)
// and a budget shared by the expressions of one call (RuntimeCELCostBudget).
// Upstream: k8s.io/apiserver/pkg/apis/cel/config.go.

/** Cost limit of one expression evaluation (celconfig.PerCallLimit). */
export const PER_CALL_LIMIT = 1_000_000;
/** Cost budget of all the validations of one ValidatingAdmissionPolicyBinding or custom resource (celconfig.RuntimeCELCostBudget). */
export const RUNTIME_COST_BUDGET = 10_000_000;
/** Cost budget of the matchConditions of one object (celconfig.RuntimeCELCostBudgetMatchConditions). */
export const MATCH_CONDITIONS_COST_BUDGET = 2_500_000;

/** cel-go's message when the limit is passed (interpreter.CostLimitExceeded, surfaced by Program.Eval). */
export const COST_LIMIT_EXCEEDED = 'operation cancelled: actual cost limit exceeded';

/** Thrown from inside an evaluation to stop it; never escapes src/cel. */
export class CostLimitExceeded extends Error {
  constructor() {
    super(COST_LIMIT_EXCEEDED);
  }
}

/** The meter of the evaluation under way. Evaluation is synchronous, so one is enough. */
export class CostMeter {
  cost = 0;
  exceeded = false;
  constructor(readonly limit: number) {}

  /** Adds cost; past the limit, throws and stays exceeded, so an error-absorbing `||` cannot swallow it. */
  add(n: number): void {
    this.cost += n;
    if (this.exceeded || this.cost > this.limit) {
      this.exceeded = true;
      throw new CostLimitExceeded();
    }
  }
}

let current: CostMeter | undefined;

/** Runs fn with meter as the active one. */
export function withMeter<T>(meter: CostMeter, fn: () => T): T {
  const outer = current;
  current = meter;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** Charges the active evaluation (library functions call this with their size-based cost). */
export function charge(n: number): void {
  current?.add(n);
}

/** Cost of a function over a string or list of this size: cel-go's 0.1 per byte or element, rounded up (checker/cost.go common factor). */
export function sizeCost(size: number): number {
  return Math.ceil(size * 0.1);
}
