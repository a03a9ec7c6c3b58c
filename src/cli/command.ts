export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
}

/** A CLI command: parses its own argv and returns the exit code; only src/cli/main.ts exits. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * The long flags this command accepts besides the global ones (--config, --spec, --debug, --help), with
   * their dashes, e.g. ['--open', '--run']. Tools (the CI-template test) read it; when it is undefined they
   * fall back to the flags written in `usage`.
   */
  flags?: string[];
  run(argv: string[], io: CommandIO): Promise<number>;
}
