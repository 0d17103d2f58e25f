import pg from 'pg';
import { URL_SCHEMES } from '../redactUrl.js';

/**
 * Pools whose sessions plan every execution for its own parameter values
 * (`plan_cache_mode = force_custom_plan`, set by `customPlanPool`).
 */
const customPlanPools = new WeakSet<pg.Pool>();

/**
 * A pool whose sessions plan every execution of a prepared statement for its own values, so the
 * hot statements (send, receive, delete) can be prepared once per connection: PostgreSQL then
 * skips parsing and rewriting them on every call, about a fifth of their server time. A cached
 * generic plan is what must not happen: one made while the queue table was nearly empty scans
 * the whole table once it holds a backlog (the generic plans of the claim and the delete turn
 * into sequential scans as the table's statistics change). The setting travels in the
 * connection's startup options, added to any the URL already carries; a connection string that
 * is not a URL gets an ordinary pool, on which statements stay unnamed.
 */
export function customPlanPool(
  connectionString: string,
  config: Omit<pg.PoolConfig, 'connectionString'>,
): pg.Pool {
  let url: URL | undefined;
  try {
    url = new URL(connectionString);
  } catch {
    url = undefined;
  }
  if (url === undefined || !URL_SCHEMES.has(url.protocol)) {
    return new pg.Pool({ ...config, connectionString });
  }
  const options = url.searchParams.get('options');
  url.searchParams.set(
    'options',
    `${options === null ? '' : `${options} `}-c plan_cache_mode=force_custom_plan`,
  );
  const pool = new pg.Pool({ ...config, connectionString: url.toString() });
  customPlanPools.add(pool);
  return pool;
}

/**
 * `text` as a statement prepared under `name` on pools made by `customPlanPool`, and as an
 * unnamed one on any other pool: a session whose plan cache mode is unknown could keep a generic
 * plan for it.
 */
export function hotStatement(
  pool: pg.Pool,
  name: string,
  text: string,
  values: unknown[],
): pg.QueryConfig {
  return customPlanPools.has(pool) ? { name, text, values } : { text, values };
}
