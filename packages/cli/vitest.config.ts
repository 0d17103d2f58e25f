import { sealbusProject } from '../../vitest.shared.js';

// The binary under test is the built one (`dist/bin.js`): a tsx start costs ~1 s per command.
export default sealbusProject('cli', {
  testTimeout: 120_000,
  globalSetup: './test/support/buildCli.ts',
});
