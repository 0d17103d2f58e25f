import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('console', { testTimeout: 120_000 });
