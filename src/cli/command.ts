export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
}

/** A CLI command: parses its own argv and returns the exit code; only src/cli/main.ts exits. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}
