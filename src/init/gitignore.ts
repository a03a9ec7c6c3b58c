/**
 * The .gitignore with the lines init needs (the .env holding credentials, the reports folder, generated pacts),
 * added once: a line already there in any usual spelling (`reports`, `/reports/`) is not repeated. Returns
 * undefined when nothing is missing. Pure.
 */
export function gitignoreWith(existing: string, lines: readonly string[]): { text: string; added: string[] } | undefined {
  const norm = (line: string): string => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const present = new Set(existing.split(/\r?\n/).map(norm));
  const added = lines.filter((line) => !present.has(norm(line)));
  if (added.length === 0) return undefined;
  const head = existing.length && !existing.endsWith('\n') ? `${existing}\n` : existing;
  return { text: `${head}${head ? '\n' : ''}# gateproof (gateproof init)\n${added.join('\n')}\n`, added };
}
