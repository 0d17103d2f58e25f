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
import type Database from 'better-sqlite3';
import type { WriteBatcher } from '../database/WriteBatcher.js';

interface RecordRow {
  record: string;
}

/**
 * Platform applications and endpoints in the store's SQLite file, one JSON record per row.
 * Writes go through the store's group commit; reads see the latest committed snapshot.
 */
export class SqlitePlatformStore implements PlatformStore {
  readonly #writer: WriteBatcher;
  readonly #sql;

  constructor(db: Database.Database, writer: WriteBatcher) {
    this.#writer = writer;
    const p = <T>(source: string) => db.prepare<unknown[], T>(source);
    this.#sql = {
      insertApplication: p(
        'INSERT OR IGNORE INTO platform_applications (arn, record) VALUES (?, ?)',
      ),
      application: p<RecordRow>('SELECT record FROM platform_applications WHERE arn = ?'),
      applications: p<RecordRow>('SELECT record FROM platform_applications ORDER BY arn'),
      updateApplication: p('UPDATE platform_applications SET record = ? WHERE arn = ?'),
      deleteApplication: p('DELETE FROM platform_applications WHERE arn = ?'),
      deleteEndpointsOf: p('DELETE FROM platform_endpoints WHERE application_arn = ?'),
      insertEndpoint: p(
        'INSERT OR IGNORE INTO platform_endpoints (arn, application_arn, token, record) VALUES (?, ?, ?, ?)',
      ),
      endpointByToken: p<RecordRow>(
        'SELECT record FROM platform_endpoints WHERE application_arn = ? AND token = ?',
      ),
      endpoint: p<RecordRow>('SELECT record FROM platform_endpoints WHERE arn = ?'),
      endpoints: p<RecordRow>(
        'SELECT record FROM platform_endpoints WHERE application_arn = ? ORDER BY arn',
      ),
      updateEndpoint: p('UPDATE platform_endpoints SET token = ?, record = ? WHERE arn = ?'),
      deleteEndpoint: p('DELETE FROM platform_endpoints WHERE arn = ?'),
    };
  }

  createApplication(
    record: PlatformApplicationRecord,
  ): Promise<{ created: boolean; record: PlatformApplicationRecord }> {
    return this.#writer.run(() => {
      const inserted = this.#sql.insertApplication.run(record.arn, JSON.stringify(record));
      return {
        created: inserted.changes > 0,
        record: parsed(this.#sql.application.get(record.arn)!),
      };
    });
  }

  async getApplication(arn: string): Promise<PlatformApplicationRecord | undefined> {
    const row = this.#sql.application.get(arn);
    return row === undefined ? undefined : parsed(row);
  }

  async listApplications(): Promise<PlatformApplicationRecord[]> {
    return this.#sql.applications.all().map((row) => parsed(row));
  }

  updateApplication(
    arn: string,
    patch: PlatformApplicationPatch,
  ): Promise<PlatformApplicationRecord | PlatformApplicationMissing> {
    return this.#writer.run(() => {
      const row = this.#sql.application.get(arn);
      if (row === undefined) return platformApplicationMissing(arn);
      const { credentialDigest: current, ...rest } = parsed<PlatformApplicationRecord>(row);
      const digest =
        patch.credentialDigest === undefined ? current : (patch.credentialDigest ?? undefined);
      const updated: PlatformApplicationRecord = {
        ...rest,
        attributes: patch.attributes,
        ...(digest === undefined ? {} : { credentialDigest: digest }),
      };
      this.#sql.updateApplication.run(JSON.stringify(updated), arn);
      return updated;
    });
  }

  deleteApplication(arn: string): Promise<boolean> {
    return this.#writer.run(() => {
      if (this.#sql.deleteApplication.run(arn).changes === 0) return false;
      this.#sql.deleteEndpointsOf.run(arn);
      return true;
    });
  }

  createEndpoint(
    record: PlatformEndpointRecord,
  ): Promise<{ created: boolean; record: PlatformEndpointRecord } | PlatformApplicationMissing> {
    return this.#writer.run(() => {
      if (this.#sql.application.get(record.applicationArn) === undefined) {
        return platformApplicationMissing(record.applicationArn);
      }
      const inserted = this.#sql.insertEndpoint.run(
        record.arn,
        record.applicationArn,
        record.token,
        JSON.stringify(record),
      );
      const row = this.#sql.endpointByToken.get(record.applicationArn, record.token)!;
      return { created: inserted.changes > 0, record: parsed(row) };
    });
  }

  async getEndpoint(arn: string): Promise<PlatformEndpointRecord | undefined> {
    const row = this.#sql.endpoint.get(arn);
    return row === undefined ? undefined : parsed(row);
  }

  async listEndpoints(applicationArn: string): Promise<PlatformEndpointRecord[]> {
    return this.#sql.endpoints.all(applicationArn).map((row) => parsed(row));
  }

  updateEndpoint(
    arn: string,
    patch: PlatformEndpointPatch,
  ): Promise<PlatformEndpointRecord | PlatformEndpointMissing> {
    return this.#writer.run(() => {
      const row = this.#sql.endpoint.get(arn);
      if (row === undefined) return platformEndpointMissing(arn);
      const updated: PlatformEndpointRecord = {
        ...parsed<PlatformEndpointRecord>(row),
        token: patch.token,
        attributes: patch.attributes,
      };
      this.#sql.updateEndpoint.run(patch.token, JSON.stringify(updated), arn);
      return updated;
    });
  }

  deleteEndpoint(arn: string): Promise<boolean> {
    return this.#writer.run(() => this.#sql.deleteEndpoint.run(arn).changes > 0);
  }
}

function parsed<T>(row: RecordRow): T {
  return JSON.parse(row.record) as T;
}
