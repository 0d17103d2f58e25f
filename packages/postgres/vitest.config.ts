import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('postgres', {
  testTimeout: 30_000,
  globalSetup: './test/globalSetup.ts',
});
