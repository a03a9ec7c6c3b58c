/** ANSI colour only for a TTY, and never under NO_COLOR, CI or FORCE_COLOR=0. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.CI || env.GITHUB_ACTIONS || env.GITLAB_CI) return false;
  if (env.FORCE_COLOR) return true;
  return stream.isTTY === true;
}

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string): string => s;

export const paint = (color: boolean): Paint =>
  color
    ? { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) }
    : { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };
