import type { Token } from "./tokenize";
import type { CommandError } from "./result";

/** Thrown inside a parser to stop at the first problem; caught by `parseCommand` only. */
export class ParseStop extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

/** iproute2's matches(): a non-empty prefix of the keyword. */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/** A cursor over the words of one command line. */
export class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    /** How the tool names itself in "Try ... help" messages, e.g. "ip route". */
    readonly tool: string,
    private readonly endColumn: number,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): string | undefined {
    return this.tokens[this.i]?.text;
  }

  /** Column of the current word (or the end of the line). */
  column(): number {
    return this.tokens[this.i]?.column ?? this.endColumn;
  }

  next(): string {
    const token = this.tokens[this.i];
    if (!token) this.incomplete();
    this.i++;
    return token.text;
  }

  /** The value after a keyword, e.g. the N of "mtu N". */
  value(): string {
    return this.next();
  }

  lastColumn(): number {
    return this.tokens[this.i - 1]?.column ?? this.endColumn;
  }

  incomplete(): never {
    this.stop(`Command line is not complete. Try "${this.tool} help".`, this.endColumn);
  }

  stop(message: string, column = this.lastColumn()): never {
    throw new ParseStop({ message, column });
  }

  /** iproute2's duparg2(): the word just read was not understood where `key` could go. */
  garbage(word: string, key = "dev"): never {
    this.stop(`Error: either "${key}" is duplicate, or "${word}" is a garbage.`);
  }
}
