export type RouteName =
  | 'root'
  | 'asset'
  | 'login'
  | 'logout'
  | 'queues'
  | 'queue'
  | 'moveTask'
  | 'redrive'
  | 'cancelMove'
  | 'revealBody'
  | 'dlqs'
  | 'topics'
  | 'keys';

export interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  params: string[];
}

const TABLE: readonly { name: RouteName; method: 'GET' | 'POST'; pattern: readonly string[] }[] = [
  { name: 'root', method: 'GET', pattern: [] },
  { name: 'asset', method: 'GET', pattern: ['assets', ':name'] },
  { name: 'login', method: 'GET', pattern: ['login'] },
  { name: 'login', method: 'POST', pattern: ['login'] },
  { name: 'logout', method: 'POST', pattern: ['logout'] },
  { name: 'queues', method: 'GET', pattern: ['queues'] },
  { name: 'queue', method: 'GET', pattern: ['queues', ':queue'] },
  { name: 'moveTask', method: 'GET', pattern: ['queues', ':queue', 'move-task'] },
  { name: 'redrive', method: 'POST', pattern: ['queues', ':queue', 'redrive'] },
  { name: 'cancelMove', method: 'POST', pattern: ['queues', ':queue', 'move-task', 'cancel'] },
  {
    name: 'revealBody',
    method: 'POST',
    pattern: ['queues', ':queue', 'messages', ':messageId', 'body'],
  },
  { name: 'dlqs', method: 'GET', pattern: ['dlqs'] },
  { name: 'topics', method: 'GET', pattern: ['topics'] },
  { name: 'keys', method: 'GET', pattern: ['keys'] },
];

export type RouteMatch =
  | { kind: 'route'; route: Route }
  | { kind: 'methodNotAllowed'; allow: string[] }
  | { kind: 'notFound' };

/**
 * Matches the path below the base path. Segments are percent-decoded one by one, so a queue
 * name can never smuggle a `/` into another route.
 */
export function matchRoute(method: string, subPath: string): RouteMatch {
  const raw = subPath.split('/').filter((segment) => segment.length > 0);
  let segments: string[];
  try {
    segments = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'notFound' };
  }
  const allow: string[] = [];
  for (const entry of TABLE) {
    if (entry.pattern.length !== segments.length) continue;
    const params: string[] = [];
    const matches = entry.pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params.push(segments[i]!);
        return true;
      }
      return part === segments[i];
    });
    if (!matches) continue;
    if (entry.method === method || (method === 'HEAD' && entry.method === 'GET')) {
      return { kind: 'route', route: { name: entry.name, method: entry.method, params } };
    }
    allow.push(entry.method);
  }
  return allow.length > 0 ? { kind: 'methodNotAllowed', allow } : { kind: 'notFound' };
}
