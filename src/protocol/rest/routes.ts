import type { ServiceModel } from '../model/shapes.js';

/**
 * The REST protocols' routing table, built once per model from each operation's `http` trait
 * (`{"method": "GET", "requestUri": "/2015-03-31/event-source-mappings/{UUID}"}`): a request's
 * method and path name the operation, and the `{labels}` carry input members.
 */
export interface RestRoute {
  operation: string;
  method: string;
  /** Matches the path; each capture is a label, in `labels` order. */
  pattern: RegExp;
  labels: string[];
  /** Query parameters the requestUri itself fixes (`?List=ALL`), which the request must carry. */
  fixedQuery: [string, string][];
  /** More literal characters win when two templates match (`/functions/{F}/url` over `/functions/{F}`). */
  literalLength: number;
  successStatus: number;
}

export interface RestMatch {
  route: RestRoute;
  /** Label name → decoded path segment(s). */
  labels: Record<string, string>;
}

const routesByModel = new WeakMap<ServiceModel, RestRoute[]>();

export function restRoutesOf(model: ServiceModel): RestRoute[] {
  let routes = routesByModel.get(model);
  if (!routes) {
    routes = Object.entries(model.operations)
      .filter(([, op]) => op.http !== undefined)
      .map(([name, op]) => compileRoute(name, op.http!.method, op.http!.requestUri, op.http!.responseCode ?? 200))
      .sort((a, b) => b.literalLength - a.literalLength || b.fixedQuery.length - a.fixedQuery.length);
    routesByModel.set(model, routes);
  }
  return routes;
}

function compileRoute(operation: string, method: string, requestUri: string, successStatus: number): RestRoute {
  const [pathTemplate = '', fixed = ''] = requestUri.split('?', 2);
  const labels: string[] = [];
  let literalLength = 0;
  const source = pathTemplate.replace(/\{([^}]+)\}|[^{]+/g, (part, label: string | undefined) => {
    if (label === undefined) {
      literalLength += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    // A greedy label (`{Key+}`) spans slashes; a plain one is one segment.
    const greedy = label.endsWith('+');
    labels.push(greedy ? label.slice(0, -1) : label);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const fixedQuery = [...new URLSearchParams(fixed)].map(([k, v]) => [k, v] as [string, string]);
  return { operation, method, pattern: new RegExp(`^${source}/?$`), labels, fixedQuery, literalLength, successStatus };
}

/** The operation a method and path name, or why none does: no route has the path, or none with that method. */
export function matchRestRoute(model: ServiceModel, method: string, path: string, query: URLSearchParams): RestMatch | 'no-path' | 'no-method' {
  let pathKnown = false;
  for (const route of restRoutesOf(model)) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (!route.fixedQuery.every(([k, v]) => query.get(k) === v || (v === '' && query.has(k)))) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    const labels: Record<string, string> = {};
    route.labels.forEach((name, i) => (labels[name] = safeDecode(m[i + 1]!)));
    return { route, labels };
  }
  return pathKnown ? 'no-method' : 'no-path';
}

/** Whether any of a model's routes has this path (whatever the method): the request is for that service. */
export function claimsPath(model: ServiceModel, path: string): boolean {
  return restRoutesOf(model).some((route) => route.pattern.test(path));
}

/** The first path segments of a model's routes (`/2015-03-31/`), where its non-GET/POST requests arrive. */
export function restPathPrefixes(model: ServiceModel): string[] {
  const prefixes = new Set<string>();
  for (const op of Object.values(model.operations)) {
    const first = /^\/[^/{?]+\//.exec(op.http?.requestUri ?? '');
    if (first) prefixes.add(first[0]);
  }
  return [...prefixes];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
