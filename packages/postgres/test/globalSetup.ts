import type { TestProject } from 'vitest/node';
import { startCluster } from './support/cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser connection string of the run's cluster (database `postgres`). */
    postgresUrl: string;
    /** The cluster's data directory (tables and WAL), for at-rest scans. */
    postgresDataDir: string;
  }
}

/** One real PostgreSQL 15 cluster for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url());
  project.provide('postgresDataDir', cluster.dataDir);
  return () => cluster.destroy();
}
