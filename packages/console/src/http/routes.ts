import type { ServerResponse } from 'node:http';
import type { PageRequest } from '../pages/PageRequest.js';

/** The `:name` segments of a route path, as a union of their names. */
type ParamNames<Path extends string> = Path extends `${infer Head}/${infer Rest}`
  ? ParamName<Head> | ParamNames<Rest>
  : ParamName<Path>;
type ParamName<Segment extends string> = Segment extends `:${infer Name}` ? Name : never;

/** The decoded path parameters a route's handler receives, typed from its path. */
export type RouteParams<Path extends string> = { readonly [Name in ParamNames<Path>]: string };

export type RouteMethod = 'GET' | 'POST';

/**
 * Who may reach a page route: `session` needs a session (and its CSRF token on POST) but no
 * sign-in (the sign-in form), `signedIn` (every other page and action) needs the access token.
 */
export type RouteAccess = 'session' | 'signedIn';

type AnyParams = Readonly<Record<string, string>>;

/**
 * One entry of the route table: its handler is part of it, so neither exists without the other.
 * An `asset` route is served before any session exists (stylesheets and scripts, which the
 * sign-in page needs too) and gets only the response to write.
 */
export type ConsoleRoute = {
  readonly method: RouteMethod;
  /** The path below the base path, e.g. `queues/:queue`; `''` is the base path itself. */
  readonly path: string;
} & (
  | {
      readonly access: RouteAccess;
      readonly handle: (request: PageRequest, params: AnyParams) => Promise<void>;
    }
  | {
      readonly access: 'asset';
      readonly handle: (res: ServerResponse, params: AnyParams) => Promise<void>;
    }
);

/**
 * Declares a page route: the handler's `params` are typed from the path, so a handler cannot
 * read a parameter its path does not have.
 */
export function route<Path extends string>(
  method: RouteMethod,
  path: Path,
  handle: (request: PageRequest, params: RouteParams<Path>) => Promise<void> | void,
  access: RouteAccess = 'signedIn',
): ConsoleRoute {
  return {
    method,
    path,
    access,
    handle: async (request, params) => handle(request, params as RouteParams<Path>),
  };
}

/** Declares a GET route served without a session: static files only. */
export function assetRoute<Path extends string>(
  path: Path,
  handle: (res: ServerResponse, params: RouteParams<Path>) => void,
): ConsoleRoute {
  return {
    method: 'GET',
    path,
    access: 'asset',
    handle: async (res, params) => handle(res, params as RouteParams<Path>),
  };
}

export type RouteMatch =
  | { kind: 'route'; route: ConsoleRoute; params: Readonly<Record<string, string>> }
  | { kind: 'methodNotAllowed'; allow: RouteMethod[] }
  | { kind: 'notFound' };

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/**
 * Matches the path below the base path against the table. Segments are percent-decoded one by
 * one, so a queue name can never smuggle a `/` into another route.
 */
export function matchRoute(
  table: readonly ConsoleRoute[],
  method: string,
  subPath: string,
): RouteMatch {
  let segments: string[];
  try {
    segments = segmentsOf(subPath).map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'notFound' };
  }
  const allow: RouteMethod[] = [];
  for (const entry of table) {
    const pattern = segmentsOf(entry.path);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (!matches) continue;
    if (entry.method === method || (method === 'HEAD' && entry.method === 'GET')) {
      return { kind: 'route', route: entry, params };
    }
    allow.push(entry.method);
  }
  return allow.length > 0 ? { kind: 'methodNotAllowed', allow } : { kind: 'notFound' };
}

/** A page of the console: one module, its routes (the page itself, its parts and its actions). */
export interface ConsolePage {
  /** For messages and the table's checks. */
  readonly name: string;
  readonly routes: readonly ConsoleRoute[];
}
