import { GAUNTLET, faultName } from './faults.ts';
import { isCaught, runCase, type CaseOutcome } from './run-case.ts';

/**
 * `npm run gauntlet`: every fault of the table against the local gateway; prints fault -> caught by ->
 * time, and the detection rate. Cases that don't drain buckets run two at a time (they are pacing-bound).
 */
const outcomes: CaseOutcome[] = [];
const parallel = GAUNTLET.filter((c) => !c.exclusive);
for (let i = 0; i < parallel.length; i += 2) outcomes.push(...(await Promise.all(parallel.slice(i, i + 2).map(runCase))));
for (const c of GAUNTLET.filter((x) => x.exclusive)) outcomes.push(await runCase(c));

const width = Math.max(...outcomes.map((o) => o.case.faults.join(' + ').length));
console.log(`${'fault'.padEnd(width)}  caught by${' '.repeat(40)}time`);
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
process.exitCode = detected.length === names.size && outcomes.every(isCaught) ? 0 : 1;
