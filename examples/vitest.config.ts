import { sealbusProject } from '../vitest.shared.js';

export default sealbusProject('examples', { testTimeout: 60_000 });
