/**
 * `npm run bench`: runs every bench module and prints its figures. Add a module by importing its default
 * export (a Bench, see ./types.ts) and appending it to the list below.
 */
import emulator from './emulator.ts';
import gate from './gate.ts';
import packageBench from './package.ts';
import scale from './scale.ts';
import specPlan from './spec-plan.ts';
import throttle from './throttle.ts';
import type { Bench, Figure } from './types.ts';

const benches: Bench[] = [specPlan, emulator, gate, throttle, packageBench, scale];

const only = process.argv.slice(2);
let missed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  process.stdout.write(`\n== ${bench.name}\n`);
  const figures: Figure[] = await bench.run();
  for (const f of figures) {
    const verdict = f.pass === undefined ? '' : f.pass ? '  [ok]' : '  [MISSED]';
    if (f.pass === false) missed++;
    process.stdout.write(
      `  ${f.name.padEnd(44)} ${String(f.value).padStart(10)} ${f.unit}${f.target ? `  (target ${f.target})` : ''}${verdict}${f.note ? `  - ${f.note}` : ''}\n`,
    );
  }
}
process.stdout.write(missed ? `\n${missed} target(s) missed\n` : '\nall targets met\n');
