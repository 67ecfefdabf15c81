// The small part of the CEL library's extension API that podguard's libraries use. The library
// (@marcbachmann/cel-js) types its macro hooks loosely; these names say what each hook receives.

/** An expression node of the parsed expression. */
export type AstNode = { op: string; args: unknown; pos?: number };

/** The type checker handed to a macro's typeCheck. */
export interface Checker {
  check(node: AstNode, ctx: Scope): unknown;
  getType(name: string): unknown;
  createError(code: string, message: string, node?: AstNode): Error;
}

/** The evaluator handed to a macro's evaluate. */
export interface Evaluator {
  run(node: AstNode, ctx: Scope): unknown;
  createError(code: string, message: string, node?: AstNode): Error;
}

/** A variable scope (the library's RootContext/OverlayContext). */
export interface Scope {
  forkWithVariable(name: string, type: unknown): Scope & { setIterValue(v: unknown, ev: Evaluator): Scope };
}

/** What a macro's expander receives: its arguments as expressions, and the receiver. */
export interface MacroCall {
  args: AstNode[];
  receiver: AstNode;
  ast: AstNode;
}

/** The registration surface podguard uses (the library's Environment). */
export interface Registrar {
  registerFunction(signature: string, handler: unknown): Registrar;
  registerType(name: string, ctor: unknown): Registrar;
  registerVariable(name: string, type: string): Registrar;
  registerConstant(name: string, type: string, value: unknown): Registrar;
  registerOperator(signature: string, handler: unknown): Registrar;
}
