import { sealbusProject } from '../../vitest.shared.js';

// The postgres backend's registry test needs a PostgreSQL server: the postgres package's
// per-run cluster.
export default sealbusProject('backends', { globalSetup: '../postgres/test/globalSetup.ts' });
