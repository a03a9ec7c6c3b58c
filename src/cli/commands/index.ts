import type { Command } from '../command.ts';
import { contractsCommand } from './contracts.ts';
import { demoCommand } from './demo.ts';
import { emulateCommand } from './emulate.ts';
import { planCommand } from './plan.ts';
import { reportCommand } from './report.ts';
import { smokeCommand } from './smoke.ts';
import { initCommand } from './init.ts';
import { loadCommand } from './load.ts';

export const commands: Command[] = [demoCommand, planCommand, smokeCommand, loadCommand, contractsCommand, emulateCommand, reportCommand, initCommand];
