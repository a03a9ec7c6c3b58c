import { spawn, type ChildProcess } from 'node:child_process';

/** Processes that busy-loop on the cores (a loaded CI machine); kill them with SIGKILL when done. */
export function cpuHogs(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}
