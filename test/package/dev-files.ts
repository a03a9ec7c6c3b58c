/** Playwright test files the package runs: the gate itself and the example's own checks (`gateproof demo`). */
const RUNTIME_SPECS = /^dist\/(suites\/gate\.spec|examples\/checks\/[\w-]+\.spec)\.js$/;

/** Files of gateproof's own development that must never reach a team: tests, fixtures, benches, scripts, CI, sources. */
export function devFiles(paths: readonly string[]): string[] {
  return paths.filter(
    (p) =>
      /^(test|bench|scripts|\.ci|src|suites|examples|contracts|reports|node_modules)\//.test(p) ||
      /(^|\/)(fixtures|__fixtures__)\//.test(p) ||
      (/\.(test|spec)\.[cm]?[jt]s$/.test(p) && !RUNTIME_SPECS.test(p)) ||
      /(^|\/)tsconfig[\w.]*\.json$|(^|\/)vitest\.config\.ts$|\.tsbuildinfo$/.test(p),
  );
}
