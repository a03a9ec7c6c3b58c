import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import { codeModule } from '../domain/package.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { loadSpec } from '../openapi/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { isUrl, parseSpecText, readSpecText } from '../openapi/read.ts';
import { CONSUMER_TESTS_CONFIG } from '../contracts/regenerate.ts';
import { providerSlug } from '../contracts/sources.ts';
import { renderCheckSource } from './check-source.ts';
import { httpApiNotices } from '../gateway/http-api.ts';
import { ciFiles, type CiKind } from './ci.ts';
import { renderConfigSource } from './config-source.ts';
import { EXAMPLE_CONSUMER, renderConsumerTest, renderConsumerVitestConfig } from './consumer-source.ts';
import { credentialNeeds } from './credentials.ts';
import { renderEnvExample } from './env-example.ts';
import { stageVariables, type EnvVar } from './env-vars.ts';
import { exampleOperation } from './example-operation.ts';
import { gitignoreWith } from './gitignore.ts';
import { locateSpec } from './locate-spec.ts';
import { configTakesSigv4, specRegion } from './sigv4.ts';
import { detectStages, type StageGuess } from './stages.ts';

export interface InitOptions {
  /** The user's repository (created when missing). */
  dir: string;
  spec?: string;
  ci?: CiKind;
  /** Also scaffold consumer contract tests (contracts/) and name the provider in the config. */
  contracts?: boolean;
  force?: boolean;
}

/** The seed the scaffolded config leaves at its default (the example consumer test's request uses it too). */
const DEFAULT_SEED = 1;

export interface InitResult {
  dir: string;
  /** Paths written, relative to dir. */
  files: string[];
  /** Lines added to .gitignore (none when they were all there). */
  gitignore: string[];
  /** The operation of the example check (and consumer test), if the spec has one. */
  example?: string;
  stages: StageGuess[];
  vars: EnvVar[];
  spec: string;
  /** What the spec asks of an HTTP API that HTTP APIs do not do ("<field>: <why>"). */
  warnings: string[];
  /** What the loader noticed in the spec (gateproof plan and every report list them too). */
  specWarnings: string[];
}

/** Reads the spec, renders the scaffold and writes it; refuses to overwrite anything without `force`. */
export async function scaffold(options: InitOptions): Promise<InitResult> {
  const dir = resolve(options.dir);
  const specLocation = locateSpec(dir, options.spec);
  const model = await loadSpec(specLocation);
  const raw = parseSpecText(await readSpecText(specLocation), specLocation);
  const files = renderScaffold(model, raw, { dir, specLocation, ci: options.ci, contracts: options.contracts });
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
  const gitignorePath = join(dir, '.gitignore');
  const ignore = gitignoreWith(existsSync(gitignorePath) ? readFileSync(gitignorePath, 'utf8') : '', [
    '.env',
    'reports/',
    ...(options.contracts ? ['contracts/pacts/'] : []),
  ]);
  if (ignore) writeFileAtomic(gitignorePath, ignore.text);
  const warnings = httpApiNotices(model).map((n) => `${n.field}: ${n.message}`);
  const specWarnings = model.warnings.map((w) => (w.operation ? `${w.operation}: ${w.message}` : w.message));
  return {
    dir,
    files: Object.keys(files.contents),
    gitignore: ignore?.added ?? [],
    example: files.example,
    stages: files.stages,
    vars: files.vars,
    spec: specLocation,
    warnings,
    specWarnings,
  };
}

/** The scaffold's files (relative path -> content) for a loaded spec. Pure apart from reading ci/ templates. */
export function renderScaffold(
  model: GatewayModel,
  rawSpec: unknown,
  options: { dir: string; specLocation: string; ci?: CiKind; contracts?: boolean },
): { contents: Record<string, string>; stages: StageGuess[]; vars: EnvVar[]; example?: string } {
  const stages = detectStages(rawSpec);
  const needs = credentialNeeds(model);
  const sigv4 = configTakesSigv4();
  const vars = stages.flatMap((s) => stageVariables(s, needs, { sigv4 }));
  const provider = providerSlug(model.title);
  const example = exampleOperation(model.operations);
  const contents: Record<string, string> = {
    'gateproof.config.ts': renderConfigSource({
      importFrom: gateproofSpecifier(options.dir),
      spec: isUrl(options.specLocation) ? options.specLocation : relativeSpec(options.dir, options.specLocation),
      title: model.title,
      profile: model.awsHttpApi ? 'aws-http' : looksAws(model) ? 'aws-rest' : 'generic',
      stages,
      needs,
      ...(options.contracts ? { provider } : {}),
      sigv4,
      region: specRegion(
        stages.flatMap((s) => [s.baseURL ?? s.urlTemplate ?? '']),
        model.operations.flatMap((o) => o.integration?.uri ?? []),
      ),
    }),
    '.env.example': renderEnvExample(vars, model.title),
  };
  if (example)
    contents['checks/example.spec.ts'] = renderCheckSource(example, {
      title: model.title,
      importFrom: gateproofSpecifier(options.dir, 'gateproof/suites', join(options.dir, 'checks')),
    });
  if (options.contracts && example) {
    const consumerDir = `contracts/consumers/${EXAMPLE_CONSUMER}`;
    contents[CONSUMER_TESTS_CONFIG] = renderConsumerVitestConfig();
    contents[`${consumerDir}/${EXAMPLE_CONSUMER}.pact.ts`] = renderConsumerTest(example, {
      provider,
      title: model.title,
      seed: DEFAULT_SEED,
      importFrom: gateproofSpecifier(options.dir, 'gateproof', join(options.dir, consumerDir)),
    });
  }
  if (options.ci) Object.assign(contents, ciFiles({ ci: options.ci, stages, vars, provider }));
  return { contents, stages, vars, ...(example ? { example: example.key } : {}) };
}

const looksAws = (model: GatewayModel): boolean =>
  model.operations.some((o) => o.integration !== undefined) ||
  Object.keys(model.gatewayResponses).length > 0 ||
  Object.values(model.securitySchemes).some((s) => s.awsAuthType !== undefined || s.authorizer !== undefined);

function relativeSpec(dir: string, spec: string): string {
  const rel = relative(dir, spec).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const ENTRIES = { gateproof: 'src/index', 'gateproof/suites': 'suites/fixtures' } as const;

/**
 * How a file scaffolded into `fromDir` of the repository `dir` imports a gateproof entry: by name when the
 * package resolves from the repository (installed as a dev dependency, the usual case); otherwise by a
 * relative path to this installation, so the file loads right away.
 */
function gateproofSpecifier(dir: string, entry: keyof typeof ENTRIES = 'gateproof', fromDir = dir): string {
  try {
    createRequire(join(dir, 'package.json')).resolve('gateproof');
    return entry;
  } catch {
    const rel = relative(fromDir, codeModule(ENTRIES[entry])).split(sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  }
}
