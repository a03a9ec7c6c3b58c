import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckKind } from '../../src/domain/kinds.ts';
import type { CheckResult } from '../../src/domain/result.ts';
import { describeFailures, GATE_TEST_TIMEOUT_MS, type GateRun } from './gate-run.ts';

/** A misconfiguration planted on one stage of a generality gateway: on one operation, or stage-wide. */
export interface PlantedDefect {
  name: string;
  stage: string;
  operation?: string;
}

/** A planted defect and what the gate must make of it. */
interface PlantedCase<D extends PlantedDefect = PlantedDefect> {
  defect: D;
  /** At least one of these kinds fails on the defect's stage (and operation). */
  catches: CheckKind[];
  /** These may fail there too (the same defect seen from another angle); nothing else may fail. */
  alsoAffected?: CheckKind[];
  /**
   * The operations a stage-wide defect affects (e.g. the validated ones, the API-key ones); its failures are
   * about these. Default: the defect's own operation, or any on its stage.
   */
  on?: string[];
}

/**
 * Several defects planted in one deployment, gated in one run (a run per defect would cost 15 to 45 s each).
 * They must not be mistaken for each other: no two on one stage share a kind, unless they affect different
 * operations (see `conflicts`); nor may two together let through what neither would alone (e.g. a signature
 * and an audience left unchecked on one stage accept another stage's token): the group's design keeps such
 * pairs apart, and a failure none of them explains fails the test. `only`: the families or kinds the run is
 * limited to (none: the whole gate).
 */
export interface PlantedGroup<D extends PlantedDefect = PlantedDefect> {
  only?: string;
  cases: PlantedCase<D>[];
}

const kindsOf = (c: PlantedCase): Set<string> => new Set([...c.catches, ...(c.alsoAffected ?? [])]);

/** The operations the defect's failures are about; undefined: any on its stage. */
const scopeOf = (c: PlantedCase): string[] | undefined => c.on ?? (c.defect.operation === undefined ? undefined : [c.defect.operation]);

const describeDefect = (d: PlantedDefect): string => `${d.name}${d.operation ? ` ${d.operation}` : ''} on ${d.stage}`;

/** Whether a check is about the operation: the check's own, or for a check over several operations (throttle.coverage), the one its finding names. */
const isAbout = (check: CheckResult, operation: string): boolean =>
  /^[A-Z]+ \//.test(check.operation) ? check.operation === operation : check.actual.includes(operation);

/** Whether a failed check may come from the planted defect: its stage, one of its kinds, one of its operations. */
const explains = (c: PlantedCase, check: CheckResult): boolean =>
  check.stage === c.defect.stage && kindsOf(c).has(check.kind) && (scopeOf(c)?.some((op) => isAbout(check, op)) ?? true);

/** Pairs of a group's defects whose failures could be mistaken for each other's. */
function conflicts(group: PlantedGroup): string[] {
  const found: string[] = [];
  group.cases.forEach((a, i) => {
    for (const b of group.cases.slice(i + 1)) {
      if (a.defect.stage !== b.defect.stage) continue;
      const [x, y] = [scopeOf(a), scopeOf(b)];
      const sameCell = x === undefined || y === undefined || x.some((op) => y.includes(op));
      const shared = [...kindsOf(a)].filter((k) => kindsOf(b).has(k));
      if (sameCell && shared.length > 0) found.push(`${describeDefect(a.defect)} and ${describeDefect(b.defect)} both explain ${shared.join(', ')}`);
    }
  });
  return found;
}

/** The failed checks the planted defect explains that are of the kinds meant to catch it. */
const caughtBy = (c: PlantedCase, failed: readonly CheckResult[]): CheckResult[] =>
  failed.filter((check) => explains(c, check) && (c.catches as string[]).includes(check.kind));

/** Failed checks none of the group's defects explains: false alarms. */
const unexplained = (group: PlantedGroup, failed: readonly CheckResult[]): CheckResult[] =>
  failed.filter((check) => !group.cases.some((c) => explains(c, check)));

/** One line per defect for the test's output: the kinds that failed on its stage (and operation). */
const caughtSummary = (gateway: string, group: PlantedGroup, failed: readonly CheckResult[]): string =>
  group.cases
    .map((c) => {
      const kinds = [...new Set(failed.filter((check) => explains(c, check)).map((check) => check.kind))].sort();
      return `${gateway} planted ${describeDefect(c.defect)}: failed ${kinds.join(', ') || 'nothing'}`;
    })
    .join('\n');

/**
 * The planted-defect tests of one gateway: per group, one deployment with its defects and one gate run, then
 * one test per defect (its intended kind failed, on its stage and operations) and one for the run (exit 1,
 * no failure that none of the defects explains). Prints, per defect, the kinds that failed for it.
 */
export function plantedSuite<D extends PlantedDefect>(gateway: string, groups: PlantedGroup<D>[], gate: (group: PlantedGroup<D>) => Promise<GateRun>): void {
  for (const group of groups) {
    const names = group.cases.map((c) => describeDefect(c.defect)).join('; ');
    describe(`planted together (${group.only ? `--only ${group.only}` : 'the whole gate'}): ${names}`, () => {
      let run: GateRun | undefined;
      beforeAll(async () => {
        expect(conflicts(group), 'defects of one group that could be mistaken for each other').toEqual([]);
        run = await gate(group);
        console.log(
          `${caughtSummary(gateway, group, run.failed)}\n(${gateway} gate run: ${run.gate.checks.length} checks in ${(run.gate.durationMs / 1000).toFixed(1)} s)`,
        );
      }, GATE_TEST_TIMEOUT_MS);

      it('the gate fails, and no check fails that none of the planted defects explains', () => {
        expect(run!.code, run!.output).toBe(1);
        expect(
          unexplained(group, run!.failed).map((c) => `${c.id}: ${c.actual}`),
          'false alarms',
        ).toEqual([]);
      });

      for (const c of group.cases) {
        it(`${describeDefect(c.defect)} fails ${c.catches.join(' or ')}`, () => {
          expect(caughtBy(c, run!.failed).length, `none of ${c.catches.join(', ')} failed for it:\n${describeFailures(run!)}`).toBeGreaterThan(0);
        });
      }
    });
  }
}
