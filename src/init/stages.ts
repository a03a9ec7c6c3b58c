/** A stage the scaffold declares, with the base URL the spec suggests for it. */
export interface StageGuess {
  name: string;
  baseURL?: string;
  protected: boolean;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const STAGE_VARIABLE = /^(basePath|stage|stageName|environment|env)$/i;
const STAGE_NAME = /^[A-Za-z0-9_-]+$/;
export const isProtectedName = (name: string): boolean => /^(prod|production|live|prd)$/i.test(name);

/**
 * Stages from the raw spec: an OpenAPI 3 server variable named like a stage (basePath, stage: its enum and
 * default), an AWS execute-api URL's first path segment, or a Swagger 2 AWS export's basePath; else dev and
 * prod. Pure.
 */
export function detectStages(rawSpec: unknown): StageGuess[] {
  const doc = asObj(rawSpec);
  const found = new Map<string, string | undefined>();
  for (const server of Array.isArray(doc.servers) ? doc.servers.map(asObj) : []) {
    const url = typeof server.url === 'string' ? server.url : undefined;
    if (!url) continue;
    const variables = asObj(server.variables);
    const stageVar = Object.keys(variables).find((k) => STAGE_VARIABLE.test(k));
    if (stageVar) {
      const v = asObj(variables[stageVar]);
      const values = [...(Array.isArray(v.enum) ? v.enum.map(String) : []), ...(v.default !== undefined ? [String(v.default)] : [])];
      for (const stage of values.filter((s) => STAGE_NAME.test(s))) if (!found.has(stage)) found.set(stage, substitute(url, variables, stageVar, stage));
      continue;
    }
    const aws = /^https?:\/\/[^/]+\.execute-api\.[^/]+\.amazonaws\.com\/([A-Za-z0-9_-]+)/.exec(url);
    if (aws?.[1] && !found.has(aws[1])) found.set(aws[1], url.replace(/\/+$/, ''));
  }
  if (found.size === 0 && typeof doc.swagger === 'string' && typeof doc.host === 'string' && doc.host.includes('.execute-api.')) {
    const stage = /^\/([A-Za-z0-9_-]+)/.exec(String(doc.basePath ?? ''))?.[1];
    const scheme = Array.isArray(doc.schemes) && doc.schemes.includes('https') ? 'https' : 'https';
    if (stage) found.set(stage, `${scheme}://${doc.host}/${stage}`);
  }
  if (found.size === 0)
    return [
      { name: 'dev', protected: false },
      { name: 'prod', protected: true },
    ];
  const stages = [...found].map(([name, baseURL]) => ({ name, baseURL, protected: isProtectedName(name) }));
  return stages.length === 1 ? withCounterpart(stages[0]!) : stages;
}

/**
 * One stage named in the spec (AWS exports name the exported stage only): add its dev/prod counterpart on the
 * same API, so stage isolation is checked and there is an unprotected stage to throttle. Pure.
 */
function withCounterpart(stage: StageGuess): StageGuess[] {
  const other = isProtectedName(stage.name) ? 'dev' : /^(dev|development|test|staging|stage)$/i.test(stage.name) ? 'prod' : undefined;
  if (!other) return [stage];
  const swap = (url: string | undefined): string | undefined => (url?.endsWith(`/${stage.name}`) ? `${url.slice(0, -stage.name.length)}${other}` : undefined);
  const counterpart = { name: other, baseURL: swap(stage.baseURL), protected: isProtectedName(other) };
  return counterpart.protected ? [stage, counterpart] : [counterpart, stage];
}

function substitute(url: string, variables: Obj, stageVar: string, stage: string): string | undefined {
  const filled = url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === stageVar) return stage;
    const def = asObj(variables[name]).default;
    return def === undefined ? `{${name}}` : String(def);
  });
  return /^https?:\/\/[^{}]+$/.test(filled) ? filled.replace(/\/+$/, '') : undefined;
}

/** "prod" -> "PROD", "eu-dev" -> "EU_DEV": the prefix of a stage's variables. */
export const envPrefix = (stage: string): string =>
  stage
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^(\d)/, '_$1');
