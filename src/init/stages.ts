/** A stage the scaffold declares, with the base URL the spec suggests for it. */
export interface StageGuess {
  name: string;
  /** A complete URL (every server variable filled with its default): the config's default base URL. */
  baseURL?: string;
  /** The spec's URL when a part of it has no default (shown as <name>): what .env.example asks to fill in. */
  urlTemplate?: string;
  protected: boolean;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const STAGE_VARIABLE = /^(basePath|stage|stageName|environment|env)$/i;
const STAGE_NAME = /^[A-Za-z0-9_-]+$/;
const isProtectedName = (name: string): boolean => /^(prod|production|live|prd)$/i.test(name);

/**
 * Stages from the raw spec: an OpenAPI 3 server variable named like a stage (basePath, stage: its enum and
 * default), an AWS execute-api URL's first path segment, or a Swagger 2 AWS export's basePath; else dev and
 * prod. Pure.
 */
export function detectStages(rawSpec: unknown): StageGuess[] {
  const doc = asObj(rawSpec);
  const found = new Map<string, string>();
  for (const server of Array.isArray(doc.servers) ? doc.servers.map(asObj) : []) {
    const url = typeof server.url === 'string' ? server.url : undefined;
    if (!url) continue;
    const variables = asObj(server.variables);
    const stageVar = Object.keys(variables).find((k) => STAGE_VARIABLE.test(k));
    if (stageVar) {
      const v = asObj(variables[stageVar]);
      const values = [...(Array.isArray(v.enum) ? v.enum.map(String) : []), ...(v.default !== undefined ? [String(v.default)] : [])];
      for (const stage of values.filter((s) => STAGE_NAME.test(s))) if (!found.has(stage)) found.set(stage, fill(url, variables, { [stageVar]: stage }));
      continue;
    }
    const filled = fill(url, variables);
    const aws = /^https?:\/\/[^/]+\.execute-api\.[^/]+\.amazonaws\.com\/([A-Za-z0-9_-]+)/.exec(filled);
    if (aws?.[1] && !found.has(aws[1])) found.set(aws[1], filled);
  }
  if (found.size === 0 && doc.swagger !== undefined && typeof doc.host === 'string' && doc.host.includes('.execute-api.')) {
    const stage = /^\/([A-Za-z0-9_-]+)/.exec(String(doc.basePath ?? ''))?.[1];
    if (stage) found.set(stage, fill(`https://${doc.host}/${stage}`, {}));
  }
  if (found.size === 0)
    return [
      { name: 'dev', protected: false },
      { name: 'prod', protected: true },
    ];
  const stages = [...found].map(([name, url]) => ({ name, ...urlGuess(url), protected: isProtectedName(name) }));
  return stages.length === 1 ? withCounterpart(stages[0]!) : stages;
}

/** A URL without unresolved `{...}` is a default base URL; otherwise the template with <name> placeholders. */
function urlGuess(url: string): Pick<StageGuess, 'baseURL' | 'urlTemplate'> {
  const trimmed = url.replace(/\/+$/, '');
  if (/^https?:\/\/[^{}]+$/.test(trimmed)) return { baseURL: trimmed };
  return { urlTemplate: trimmed.replace(/\{([^}]+)\}/g, '<$1>') };
}

/**
 * One stage named in the spec (AWS exports name the exported stage only): add its dev/prod counterpart on the
 * same API, so stage isolation is checked and there is an unprotected stage to throttle. Pure.
 */
function withCounterpart(stage: StageGuess): StageGuess[] {
  const other = isProtectedName(stage.name) ? 'dev' : /^(dev|development|test|staging|stage)$/i.test(stage.name) ? 'prod' : undefined;
  if (!other) return [stage];
  const swap = (url: string | undefined): string | undefined => (url?.endsWith(`/${stage.name}`) ? `${url.slice(0, -stage.name.length)}${other}` : undefined);
  const counterpart = { name: other, baseURL: swap(stage.baseURL), urlTemplate: swap(stage.urlTemplate), protected: isProtectedName(other) };
  return counterpart.protected ? [stage, counterpart] : [counterpart, stage];
}

/** Server variables filled with `values`, else their defaults; a variable without either stays `{name}`. */
function fill(url: string, variables: Obj, values: Record<string, string> = {}): string {
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = values[name] ?? asObj(variables[name]).default;
    return value === undefined ? whole : String(value);
  });
}

/** "prod" -> "PROD", "eu-dev" -> "EU_DEV": the prefix of a stage's variables. */
export const envPrefix = (stage: string): string =>
  stage
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^(\d)/, '_$1');
