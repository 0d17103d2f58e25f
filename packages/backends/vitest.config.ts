import { sealbusProject } from '../../vitest.shared.js';

export default sealbusProject('backends');
