import { Router } from '../gateway/router.ts';
import { HTTP_METHODS, type GatewayModel, type Operation } from '../openapi/model.ts';

/** How a pact request's method and path relate to the spec (path templates matched as the gateway routes them). */
export type OperationMatch<T> =
  | { kind: 'operation'; operation: T; params: Record<string, string> }
  /** The path exists, the method does not; `allowed` lists the declared methods. */
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export type RouteOperation = Pick<Operation, 'key' | 'method' | 'path'>;

/**
 * Finds the spec operation of a stage-less request path. Pact paths are written relative to the stage's base
 * URL; a spec base path (servers / basePath, stage variable removed) in front of them is tolerated.
 */
export class OperationMatcher<T extends RouteOperation = Operation> {
  private readonly router: Router<T>;

  constructor(
    operations: T[],
    private readonly basePath = '',
  ) {
    this.router = new Router(operations);
  }

  static forModel(model: GatewayModel): OperationMatcher<Operation> {
    return new OperationMatcher(model.operations, model.basePath);
  }

  match(method: string, rawPath: string): OperationMatch<T> {
    const path = stripBase(rawPath.split('?')[0] ?? '', this.basePath);
    const found = this.router.match(method.toUpperCase(), path);
    if (found.kind === 'route') return { kind: 'operation', operation: found.operation, params: found.params };
    if (found.kind === 'method') return { kind: 'method', allowed: HTTP_METHODS.filter((m) => this.router.match(m, path).kind === 'route') };
    return { kind: 'none' };
  }
}

function stripBase(path: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, '');
  if (!base) return path || '/';
  return path === base ? '/' : path.startsWith(`${base}/`) ? path.slice(base.length) : path;
}
