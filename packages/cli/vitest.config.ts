import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('cli', { testTimeout: 120_000 });
