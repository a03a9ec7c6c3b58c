import type { Command } from '../command.ts';
import { pending } from './pending.ts';
import { planCommand } from './plan.ts';

export const commands: Command[] = [
  pending('demo', 'start the local gateway with examples/, run smoke, contracts and a short load run, print the verdict', 'gateproof demo [--fault F]... [--skip-load] [--only KIND,...]'),
  planCommand,
  pending('smoke', 'run the gate suites (Playwright Test) against the configured stages', 'gateproof smoke [--stage S]... [--only KIND,...] [--allow-protected]'),
  pending('load', 'run a k6 scenario and fold its thresholds into the report', 'gateproof load --scenario throttle|slo|soak [--stage S] [--duration D] [--archive]'),
  pending('contracts', 'verify pacts through the gateway, check pacts against the spec, publish pacts', 'gateproof contracts verify [--stage S] | check | publish'),
  pending('emulate', 'serve the local gateway until stopped', 'gateproof emulate [--port N] [--fault F]...'),
  pending('report', 'rebuild the unified report from the latest results', 'gateproof report [--open]'),
  pending('init', 'scaffold gateproof.config.ts, .env.example and a CI template', 'gateproof init [--spec S] [--ci github|gitlab]'),
];
