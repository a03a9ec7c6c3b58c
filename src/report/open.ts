import { spawn } from 'node:child_process';

/**
 * Opens a file in the desktop's default viewer (xdg-open / open / start) without waiting for it.
 * Resolves false instead of failing when no opener exists (CI, containers).
 */
export function openInViewer(path: string, platform = process.platform): Promise<boolean> {
  const [cmd, args] = platform === 'darwin' ? ['open', [path]] : platform === 'win32' ? ['cmd', ['/c', 'start', '', path]] : ['xdg-open', [path]];
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
