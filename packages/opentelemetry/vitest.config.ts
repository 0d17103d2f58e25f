import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('opentelemetry', { testTimeout: 60_000 });
