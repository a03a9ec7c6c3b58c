import { GAUNTLET, HTTP_API_GAUNTLET, faultName, type GauntletCase } from './faults.ts';
import { isCaught, runCase, type CaseOutcome } from './run-case.ts';

/**
 * `npm run gauntlet [-- rest|http]`: every fault of the table against the local gateway, for the REST API example
 * and the HTTP API example (both unless one is named); prints fault -> caught by -> time, and the detection rate.
 * Cases that don't drain buckets run two at a time (they are pacing-bound).
 */
const TABLES: Record<string, GauntletCase[]> = { rest: GAUNTLET, http: HTTP_API_GAUNTLET };
const chosen = process.argv.slice(2).filter((a) => a in TABLES);

async function runTable(mode: string, table: GauntletCase[]): Promise<boolean> {
  const outcomes: CaseOutcome[] = [];
  const parallel = table.filter((c) => !c.exclusive);
  for (let i = 0; i < parallel.length; i += 2) outcomes.push(...(await Promise.all(parallel.slice(i, i + 2).map(runCase))));
  for (const c of table.filter((x) => x.exclusive)) outcomes.push(await runCase(c));

  const width = Math.max(...outcomes.map((o) => o.case.faults.join(' + ').length));
  console.log(`\n${mode.toUpperCase()} API\n${'fault'.padEnd(width)}  caught by${' '.repeat(40)}time`);
  for (const o of outcomes) {
    const caught = isCaught(o)
      ? o.caughtBy.join(', ')
      : `MISSED (exit ${o.exitCode}; failed: ${o.caughtBy.join(', ') || 'nothing intended'}${o.unrelated.length ? `; unrelated: ${o.unrelated.join(', ')}` : ''})`;
    console.log(`${o.case.faults.join(' + ').padEnd(width)}  ${caught.padEnd(48)} ${(o.durationMs / 1000).toFixed(1)} s`);
  }
  const names = new Set(outcomes.flatMap((o) => o.case.faults.map(faultName)));
  const detected = [...names].filter((name) => outcomes.filter((o) => o.case.faults.length === 1 && faultName(o.case.faults[0]!) === name).every(isCaught));
  console.log(
    `\ndetection: ${Math.round((detected.length / names.size) * 100)}% (${detected.length}/${names.size} faults; ${outcomes.filter(isCaught).length}/${outcomes.length} cases incl. combinations)`,
  );
  return detected.length === names.size && outcomes.every(isCaught);
}

let allCaught = true;
for (const mode of chosen.length ? chosen : Object.keys(TABLES)) allCaught = (await runTable(mode, TABLES[mode]!)) && allCaught;
process.exitCode = allCaught ? 0 : 1;
