import type pg from 'pg';

/** Deadlock and serialization failures: PostgreSQL rolled the transaction back; run it again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in one transaction on one pooled connection: committed whole, or rolled back whole
 * (also when the process dies: the server drops an unfinished transaction with its connection).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    // A connection lost between statements (a server restart) emits 'error' on the client; the
    // pending statement rejects anyway, so the event only marks the connection for disposal.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      const code = (error as { code?: string }).code;
      if (code === undefined || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
    } finally {
      client.off('error', lost);
      // A connection whose rollback failed is dead: destroy it instead of pooling it.
      client.release(broken);
    }
  }
}
