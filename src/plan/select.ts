import { GateproofError } from '../domain/errors.ts';
import { CHECK_KINDS, FAMILIES, familyOf, type CheckKind } from '../domain/kinds.ts';

/** Parses `--only auth,route.mapped` into a predicate over kinds; unknown names are a usage error. */
export function parseOnly(values: string[] | undefined): (kind: CheckKind) => boolean {
  const names = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return () => true;
  for (const name of names) {
    if (!(FAMILIES as readonly string[]).includes(name) && !(CHECK_KINDS as readonly string[]).includes(name)) {
      throw new GateproofError('USAGE', `--only: unknown family or kind "${name}"`, {
        hint: `use families (${FAMILIES.join(', ')}) or kinds such as auth.missing, comma separated`,
      });
    }
  }
  const wanted = new Set(names);
  return (kind) => wanted.has(kind) || wanted.has(familyOf(kind));
}
