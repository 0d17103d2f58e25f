import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('emr-worker', { testTimeout: 120_000 });
