import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GateproofError } from '../domain/errors.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { loadSpec } from '../openapi/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { isUrl, parseSpecText, readSpecText } from '../openapi/read.ts';
import { ciFiles, type CiKind } from './ci.ts';
import { renderConfigSource } from './config-source.ts';
import { credentialNeeds } from './credentials.ts';
import { renderEnvExample } from './env-example.ts';
import { stageVariables, type EnvVar } from './env-vars.ts';
import { locateSpec } from './locate-spec.ts';
import { detectStages, type StageGuess } from './stages.ts';

export interface InitOptions {
  /** The user's repository (created when missing). */
  dir: string;
  spec?: string;
  ci?: CiKind;
  force?: boolean;
}

export interface InitResult {
  dir: string;
  /** Paths written, relative to dir. */
  files: string[];
  stages: StageGuess[];
  vars: EnvVar[];
  spec: string;
}

/** Reads the spec, renders the scaffold and writes it; refuses to overwrite anything without `force`. */
export async function scaffold(options: InitOptions): Promise<InitResult> {
  const dir = resolve(options.dir);
  const specLocation = locateSpec(dir, options.spec);
  const model = await loadSpec(specLocation);
  const raw = parseSpecText(await readSpecText(specLocation), specLocation);
  const files = renderScaffold(model, raw, { dir, specLocation, ci: options.ci });
  const existing = Object.keys(files.contents).filter((f) => existsSync(join(dir, f)));
  if (existing.length && !options.force) {
    throw new GateproofError('USAGE', `refusing to overwrite ${existing.join(', ')}`, {
      where: dir,
      hint: 'move those files away, or pass --force to replace them',
    });
  }
  for (const [file, content] of Object.entries(files.contents)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileAtomic(join(dir, file), content);
  }
  return { dir, files: Object.keys(files.contents), stages: files.stages, vars: files.vars, spec: specLocation };
}

/** The scaffold's files (relative path -> content) for a loaded spec. Pure apart from reading ci/ templates. */
export function renderScaffold(
  model: GatewayModel,
  rawSpec: unknown,
  options: { dir: string; specLocation: string; ci?: CiKind },
): { contents: Record<string, string>; stages: StageGuess[]; vars: EnvVar[] } {
  const stages = detectStages(rawSpec);
  const needs = credentialNeeds(model);
  const vars = stages.flatMap((s) => stageVariables(s, needs));
  const contents: Record<string, string> = {
    'gateproof.config.ts': renderConfigSource({
      importFrom: gateproofSpecifier(options.dir),
      spec: isUrl(options.specLocation) ? options.specLocation : relativeSpec(options.dir, options.specLocation),
      title: model.title,
      profile: looksAws(model) ? 'aws-rest' : 'generic',
      stages,
      needs,
    }),
    '.env.example': renderEnvExample(vars, model.title),
  };
  if (options.ci) Object.assign(contents, ciFiles({ ci: options.ci, stages, vars }));
  return { contents, stages, vars };
}

const looksAws = (model: GatewayModel): boolean =>
  model.operations.some((o) => o.integration !== undefined) ||
  Object.keys(model.gatewayResponses).length > 0 ||
  Object.values(model.securitySchemes).some((s) => s.awsAuthType !== undefined || s.authorizer !== undefined);

function relativeSpec(dir: string, spec: string): string {
  const rel = relative(dir, spec).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * 'gateproof' when the package resolves from the user's folder (installed as a dev dependency, the usual
 * case); otherwise a relative import of this installation, so the config loads right away.
 */
export function gateproofSpecifier(dir: string): string {
  try {
    createRequire(join(dir, 'package.json')).resolve('gateproof');
    return 'gateproof';
  } catch {
    const index = fileURLToPath(new URL('../index.ts', import.meta.url));
    const rel = relative(dir, index).split(sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  }
}
