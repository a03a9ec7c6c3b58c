import type { Operation } from '../openapi/model.ts';

/**
 * AWS REST resource matching, precompiled into a segment trie: literal segments win over {param}, which wins
 * over a greedy {proxy+}; ANY answers methods the resource does not declare itself. Paths are matched
 * case-sensitively after percent-decoding each segment (a percent-encoded spelling reaches the same route and
 * therefore the same auth). One trailing slash is ignored like AWS does; empty segments never match.
 * HTTP APIs (`methodFallThrough`) select by route and method together: a more specific resource that lacks the
 * method does not stop the search, a less specific route with the method (or ANY) still matches.
 */

/** What the router needs of an operation. */
export type Routable = Pick<Operation, 'method' | 'path'>;

export type RouteMatch<T extends Routable = Operation> =
  | { kind: 'route'; operation: T; params: Record<string, string> }
  /** The resource exists but not the method (AWS answers like an unknown path). */
  | { kind: 'method' }
  | { kind: 'none' };

interface Node<T> {
  literal: Map<string, Node<T>>;
  param?: { name: string; node: Node<T> };
  greedy?: { name: string; methods: Map<string, T> };
  methods: Map<string, T>;
}

const newNode = <T>(): Node<T> => ({ literal: new Map(), methods: new Map() });
const NONE = { kind: 'none' } as const;
const METHOD = { kind: 'method' } as const;

export interface RouterOptions {
  /** Keep looking past a resource that lacks the method (HTTP APIs); REST answers for the most specific resource. */
  methodFallThrough?: boolean;
}

export class Router<T extends Routable = Operation> {
  private readonly root = newNode<T>();
  private readonly fallThrough: boolean;

  constructor(operations: Iterable<T>, options: RouterOptions = {}) {
    this.fallThrough = options.methodFallThrough ?? false;
    for (const op of operations) this.add(op);
  }

  private add(op: T): void {
    let node = this.root;
    const segments = op.path.split('/').filter((s) => s !== '');
    for (const [i, segment] of segments.entries()) {
      const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (param?.endsWith('+') && i === segments.length - 1) {
        node.greedy ??= { name: param.slice(0, -1), methods: new Map() };
        node.greedy.methods.set(op.method, op);
        return;
      }
      if (param !== undefined) {
        node.param ??= { name: param, node: newNode<T>() };
        node = node.param.node;
      } else {
        let next = node.literal.get(segment);
        if (!next) node.literal.set(segment, (next = newNode<T>()));
        node = next;
      }
    }
    node.methods.set(op.method, op);
  }

  /** `path` is the raw request path below the stage (no query), e.g. "/pets/abc%20d". */
  match(method: string, path: string): RouteMatch<T> {
    const segments = splitPath(path);
    if (!segments) return NONE;
    const params: Record<string, string> = {};
    const found = this.walk(this.root, segments, 0, method, params);
    if (found === undefined) return NONE;
    if (found === null) return METHOD;
    return { kind: 'route', operation: found, params };
  }

  /** undefined: no resource; null: resource without this method; else the operation. */
  private walk(node: Node<T>, segments: string[], i: number, method: string, params: Record<string, string>): T | null | undefined {
    if (i === segments.length) return node.methods.size > 0 ? pick(node.methods, method) : undefined;
    const segment = segments[i]!;
    // REST: the most specific resource wins even when it lacks the method (AWS matches the resource first).
    let lacksMethod = false;
    const literal = node.literal.get(segment);
    if (literal) {
      const r = this.walk(literal, segments, i + 1, method, params);
      if (r) return r;
      if (r === null && !this.fallThrough) return null;
      lacksMethod ||= r === null;
    }
    if (node.param) {
      const r = this.walk(node.param.node, segments, i + 1, method, params);
      if (r) {
        params[node.param.name] = segment;
        return r;
      }
      if (r === null && !this.fallThrough) return null;
      lacksMethod ||= r === null;
    }
    if (node.greedy) {
      const op = pick(node.greedy.methods, method);
      if (op) {
        params[node.greedy.name] = segments.slice(i).join('/');
        return op;
      }
      if (!this.fallThrough) return null;
      lacksMethod = true;
    }
    return lacksMethod ? null : undefined;
  }
}

function pick<T>(methods: Map<string, T>, method: string): T | null {
  return methods.get(method) ?? methods.get('ANY') ?? null;
}

/** Decoded segments of a path, or undefined for a path AWS would not route (empty segment, bad escape). */
export function splitPath(path: string): string[] | undefined {
  if (path === '' || path === '/') return [];
  if (path.charCodeAt(0) !== 47) return undefined;
  const trimmed = path.endsWith('/') ? path.slice(1, -1) : path.slice(1);
  const raw = trimmed.split('/');
  const out: string[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    if (s === '') return undefined;
    if (s.includes('%')) {
      try {
        out[i] = decodeURIComponent(s);
      } catch {
        return undefined;
      }
    } else out[i] = s;
  }
  return out;
}
