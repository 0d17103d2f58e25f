import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('cli', { testTimeout: 60_000 });
