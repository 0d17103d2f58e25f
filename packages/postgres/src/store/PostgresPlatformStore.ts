import {
  type PlatformApplicationMissing,
  type PlatformApplicationPatch,
  type PlatformApplicationRecord,
  type PlatformEndpointMissing,
  type PlatformEndpointPatch,
  type PlatformEndpointRecord,
  type PlatformStore,
  platformApplicationMissing,
  platformEndpointMissing,
} from '@sealbus/broker-engine';
import type pg from 'pg';
import { inTransaction } from './transactions.js';

/** Platform applications and endpoints in PostgreSQL, one JSONB record per row. */
export class PostgresPlatformStore implements PlatformStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async createApplication(
    record: PlatformApplicationRecord,
  ): Promise<{ created: boolean; record: PlatformApplicationRecord }> {
    const inserted = await this.#pool.query(
      `INSERT INTO sb_platform_applications (arn, record) VALUES ($1, $2)
       ON CONFLICT (arn) DO NOTHING RETURNING record`,
      [record.arn, JSON.stringify(record)],
    );
    if (inserted.rows[0] !== undefined) return { created: true, record: inserted.rows[0].record };
    const existing = await this.getApplication(record.arn);
    // Deleted between the two statements: try again.
    if (existing === undefined) return this.createApplication(record);
    return { created: false, record: existing };
  }

  async getApplication(arn: string): Promise<PlatformApplicationRecord | undefined> {
    const rows = await this.#pool.query(
      'SELECT record FROM sb_platform_applications WHERE arn = $1',
      [arn],
    );
    return rows.rows[0]?.record;
  }

  async listApplications(): Promise<PlatformApplicationRecord[]> {
    const rows = await this.#pool.query(
      'SELECT record FROM sb_platform_applications ORDER BY arn COLLATE "C"',
    );
    return rows.rows.map((row) => row.record);
  }

  updateApplication(
    arn: string,
    patch: PlatformApplicationPatch,
  ): Promise<PlatformApplicationRecord | PlatformApplicationMissing> {
    return inTransaction(this.#pool, async (client) => {
      const row = (
        await client.query(
          'SELECT record FROM sb_platform_applications WHERE arn = $1 FOR UPDATE',
          [arn],
        )
      ).rows[0];
      if (row === undefined) return platformApplicationMissing(arn);
      const { credentialDigest: current, ...rest } = row.record as PlatformApplicationRecord;
      const digest =
        patch.credentialDigest === undefined ? current : (patch.credentialDigest ?? undefined);
      const updated: PlatformApplicationRecord = {
        ...rest,
        attributes: patch.attributes,
        ...(digest === undefined ? {} : { credentialDigest: digest }),
      };
      await client.query('UPDATE sb_platform_applications SET record = $2 WHERE arn = $1', [
        arn,
        JSON.stringify(updated),
      ]);
      return updated;
    });
  }

  deleteApplication(arn: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      const deleted = await client.query('DELETE FROM sb_platform_applications WHERE arn = $1', [
        arn,
      ]);
      if (deleted.rowCount === 0) return false;
      await client.query('DELETE FROM sb_platform_endpoints WHERE application_arn = $1', [arn]);
      return true;
    });
  }

  createEndpoint(
    record: PlatformEndpointRecord,
  ): Promise<{ created: boolean; record: PlatformEndpointRecord } | PlatformApplicationMissing> {
    return inTransaction(this.#pool, async (client) => {
      // FOR SHARE: a concurrent deleteApplication waits, so no endpoint outlives its application.
      const application = await client.query(
        'SELECT 1 FROM sb_platform_applications WHERE arn = $1 FOR SHARE',
        [record.applicationArn],
      );
      if (application.rowCount === 0) return platformApplicationMissing(record.applicationArn);
      const inserted = await client.query(
        `INSERT INTO sb_platform_endpoints (arn, application_arn, token, record)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [record.arn, record.applicationArn, record.token, JSON.stringify(record)],
      );
      const row = (
        await client.query(
          'SELECT record FROM sb_platform_endpoints WHERE application_arn = $1 AND token = $2',
          [record.applicationArn, record.token],
        )
      ).rows[0];
      return { created: inserted.rowCount === 1, record: row.record };
    });
  }

  async getEndpoint(arn: string): Promise<PlatformEndpointRecord | undefined> {
    const rows = await this.#pool.query('SELECT record FROM sb_platform_endpoints WHERE arn = $1', [
      arn,
    ]);
    return rows.rows[0]?.record;
  }

  async listEndpoints(applicationArn: string): Promise<PlatformEndpointRecord[]> {
    const rows = await this.#pool.query(
      'SELECT record FROM sb_platform_endpoints WHERE application_arn = $1 ORDER BY arn COLLATE "C"',
      [applicationArn],
    );
    return rows.rows.map((row) => row.record);
  }

  async updateEndpoint(
    arn: string,
    patch: PlatformEndpointPatch,
  ): Promise<PlatformEndpointRecord | PlatformEndpointMissing> {
    const rows = await this.#pool.query(
      `UPDATE sb_platform_endpoints SET token = $2,
         record = record || jsonb_build_object('token', $2::text, 'attributes', $3::jsonb)
       WHERE arn = $1 RETURNING record`,
      [arn, patch.token, JSON.stringify(patch.attributes)],
    );
    return rows.rows[0]?.record ?? platformEndpointMissing(arn);
  }

  async deleteEndpoint(arn: string): Promise<boolean> {
    const deleted = await this.#pool.query('DELETE FROM sb_platform_endpoints WHERE arn = $1', [
      arn,
    ]);
    return (deleted.rowCount ?? 0) > 0;
  }
}
