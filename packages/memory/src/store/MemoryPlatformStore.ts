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

/** Platform applications and endpoints in process memory; records are copied in and out. */
export class MemoryPlatformStore implements PlatformStore {
  readonly #applications = new Map<string, PlatformApplicationRecord>();
  readonly #endpoints = new Map<string, PlatformEndpointRecord>();

  async createApplication(
    record: PlatformApplicationRecord,
  ): Promise<{ created: boolean; record: PlatformApplicationRecord }> {
    const existing = this.#applications.get(record.arn);
    if (existing !== undefined) return { created: false, record: copy(existing) };
    this.#applications.set(record.arn, copy(record));
    return { created: true, record: copy(record) };
  }

  async getApplication(arn: string): Promise<PlatformApplicationRecord | undefined> {
    const record = this.#applications.get(arn);
    return record === undefined ? undefined : copy(record);
  }

  async listApplications(): Promise<PlatformApplicationRecord[]> {
    return sortedByArn([...this.#applications.values()]).map(copy);
  }

  async updateApplication(
    arn: string,
    patch: PlatformApplicationPatch,
  ): Promise<PlatformApplicationRecord | PlatformApplicationMissing> {
    const existing = this.#applications.get(arn);
    if (existing === undefined) return platformApplicationMissing(arn);
    const { credentialDigest: current, ...rest } = existing;
    const digest =
      patch.credentialDigest === undefined ? current : (patch.credentialDigest ?? undefined);
    const updated: PlatformApplicationRecord = {
      ...rest,
      attributes: { ...patch.attributes },
      ...(digest === undefined ? {} : { credentialDigest: digest }),
    };
    this.#applications.set(arn, updated);
    return copy(updated);
  }

  async deleteApplication(arn: string): Promise<boolean> {
    if (!this.#applications.delete(arn)) return false;
    for (const [endpointArn, endpoint] of this.#endpoints) {
      if (endpoint.applicationArn === arn) this.#endpoints.delete(endpointArn);
    }
    return true;
  }

  async createEndpoint(
    record: PlatformEndpointRecord,
  ): Promise<{ created: boolean; record: PlatformEndpointRecord } | PlatformApplicationMissing> {
    if (!this.#applications.has(record.applicationArn)) {
      return platformApplicationMissing(record.applicationArn);
    }
    for (const endpoint of this.#endpoints.values()) {
      if (endpoint.applicationArn === record.applicationArn && endpoint.token === record.token) {
        return { created: false, record: copy(endpoint) };
      }
    }
    this.#endpoints.set(record.arn, copy(record));
    return { created: true, record: copy(record) };
  }

  async getEndpoint(arn: string): Promise<PlatformEndpointRecord | undefined> {
    const record = this.#endpoints.get(arn);
    return record === undefined ? undefined : copy(record);
  }

  async listEndpoints(applicationArn: string): Promise<PlatformEndpointRecord[]> {
    return sortedByArn(
      [...this.#endpoints.values()].filter((e) => e.applicationArn === applicationArn),
    ).map(copy);
  }

  async updateEndpoint(
    arn: string,
    patch: PlatformEndpointPatch,
  ): Promise<PlatformEndpointRecord | PlatformEndpointMissing> {
    const existing = this.#endpoints.get(arn);
    if (existing === undefined) return platformEndpointMissing(arn);
    const updated = { ...existing, token: patch.token, attributes: { ...patch.attributes } };
    this.#endpoints.set(arn, updated);
    return copy(updated);
  }

  async deleteEndpoint(arn: string): Promise<boolean> {
    return this.#endpoints.delete(arn);
  }
}

/** Callers may mutate what they get; the stored record must not change with it. */
function copy<T extends { attributes: Record<string, string> }>(record: T): T {
  return { ...record, attributes: { ...record.attributes } };
}

function sortedByArn<T extends { arn: string }>(records: T[]): T[] {
  return records.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}
