import type pg from 'pg';
import { createPostgresPool } from '../../src/index.js';

/**
 * A store pool that records the text of every statement its connections run (transaction
 * control included), so a test can count the round trips of one store call.
 */
export function countingPool(url: string): { pool: pg.Pool; statements: string[] } {
  const pool = createPostgresPool(url, 4);
  const statements: string[] = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const text = args[0];
      statements.push(typeof text === 'string' ? text : (text as { text: string }).text);
      return query(...args);
    };
  });
  return { pool, statements };
}
