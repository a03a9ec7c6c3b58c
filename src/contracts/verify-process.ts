import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redact } from '../secrets/redact.ts';
import { stripAnsi } from './verifier-result.ts';
import type { VerifyJob, VerifyJobResult } from './verify-job.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./verify-worker.ts', import.meta.url));

export interface VerifyProcessResult extends VerifyJobResult {
  /** Everything the verifier printed, each line redacted. */
  output: string[];
}

/**
 * Runs one stage's verification in a child process: the job goes over IPC, the verifier's console output is
 * captured and redacted line by line (with every secret this process knows, including minted tokens).
 */
export function runVerifyProcess(job: VerifyJob, options: { timeoutMs?: number; onLine?: (line: string) => void } = {}): Promise<VerifyProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN_TS, WORKER], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...withoutVitest(process.env), PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const output: string[] = [];
    let result: VerifyJobResult | undefined;
    const collect = (stream: NodeJS.ReadableStream): void => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) push(line);
      });
      stream.on('end', () => pending && push(pending));
    };
    const push = (line: string): void => {
      const clean = redact(stripAnsi(line));
      output.push(clean);
      options.onLine?.(clean);
    };
    collect(child.stdout!);
    collect(child.stderr!);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('message', (message) => (result = message as VerifyJobResult));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ failure: `cannot start the verifier process: ${e.message}`, states: [], exchanges: [], output });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve({ ...result, output });
      else
        resolve({
          failure: `the verifier process ended without a result (${signal ? `signal ${signal}` : `exit ${code}`})${lastLines(output)}`,
          states: [],
          exchanges: [],
          output,
        });
    });
    child.send(job);
  });
}

const lastLines = (output: string[]): string => (output.length ? `: ${output.slice(-5).join(' | ')}` : '');

/** A verification started from inside a vitest run must not look like a vitest worker itself. */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TINYPOOL_WORKER_ID'));
}
