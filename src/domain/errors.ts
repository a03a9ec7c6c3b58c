/** Exit codes are contract (README "Exit codes"): 0 pass, 1 gate failed, 2 usage/config/spec, 3 unreachable/tool missing. */
export const ExitCode = { pass: 0, fail: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'USAGE'
  | 'SPEC_SYNTAX'
  | 'SPEC_REF'
  | 'SPEC_NOT_OPENAPI'
  | 'SPEC_FETCH'
  | 'SPEC_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'CONFIG_ENV_MISSING'
  | 'UNKNOWN_STAGE'
  | 'PROTECTED_STAGE'
  | 'TARGET_UNREACHABLE'
  | 'TOOL_MISSING'
  | 'TOOL_FAILED';

const exitFor: Record<ErrorCode, ExitCode> = {
  USAGE: 2,
  SPEC_SYNTAX: 2,
  SPEC_REF: 2,
  SPEC_NOT_OPENAPI: 2,
  SPEC_FETCH: 2,
  SPEC_INVALID: 2,
  CONFIG_NOT_FOUND: 2,
  CONFIG_INVALID: 2,
  CONFIG_ENV_MISSING: 2,
  UNKNOWN_STAGE: 2,
  PROTECTED_STAGE: 2,
  TARGET_UNREACHABLE: 3,
  TOOL_MISSING: 3,
  TOOL_FAILED: 3,
};

/**
 * An error the user can act on: what is wrong (message), where (file / field / variable),
 * and how to fix it (hint). The CLI prints these without a stack trace.
 */
export class GateproofError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly where?: string;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { where?: string; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GateproofError';
    this.code = code;
    this.exitCode = exitFor[code];
    this.where = options.where;
    this.hint = options.hint;
  }

  /** One readable block: "<where>: <message>\n  fix: <hint>". */
  describe(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  fix: ${this.hint}` : head;
  }
}

export const isGateproofError = (e: unknown): e is GateproofError => e instanceof GateproofError;
