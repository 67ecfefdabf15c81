// Problems in user input are values with a position, collected and reported; they never throw.

export interface InputError {
  readonly file: string;
  /** 0-based index of the document in the file, when the problem is inside one. */
  readonly document?: number;
  /** 1-based line, when known. */
  readonly line?: number;
  readonly message: string;
}
