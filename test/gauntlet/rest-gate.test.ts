import { describe, expect, it } from 'vitest';
import { FAULT_SYNTAX } from '../../src/emulator/index.ts';
import { gateFaultCases } from './expect-caught.ts';
import { GAUNTLET, faultName } from './faults.ts';

describe('defect gauntlet, REST API (examples/): auth, route and stage', () => {
  it('covers every fault of the contract table', () => {
    const covered = new Set(GAUNTLET.flatMap((c) => c.faults.map(faultName)));
    expect([...covered].sort()).toEqual(FAULT_SYNTAX.map(faultName).sort());
  });

  gateFaultCases(GAUNTLET);
});
