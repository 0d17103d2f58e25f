import pg from 'pg';
import type { TestCluster } from '../test/support/cluster.js';

/**
 * Statements the server ran, from pg_stat_statements: the bench divides them by the messages a
 * workload completed, a count the machine's load does not change. Restarts the cluster once to
 * load the extension.
 */
export class StatementCounter {
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(cluster: TestCluster): Promise<StatementCounter> {
    const setup = new pg.Client({ connectionString: cluster.url() });
    await setup.connect();
    await setup.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await setup.end();
    cluster.stop();
    cluster.start();
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    await client.query('CREATE EXTENSION pg_stat_statements');
    return new StatementCounter(client);
  }

  async reset(): Promise<void> {
    await this.#client.query('SELECT pg_stat_statements_reset()');
  }

  /** Statements since `reset`, this counter's own left out. */
  async count(): Promise<number> {
    const { rows } = await this.#client.query<{ calls: string | null }>(
      `SELECT sum(calls) AS calls FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`,
    );
    return Number(rows[0]!.calls ?? 0);
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}
