// Prints the plain closing line CI reads ("N passed, N failed[, N skipped]") from vitest's JSON
// report, and fails when the report is missing or no test ran, so an empty run is never green.
// Each `--check name=exitCode` (CI steps outside vitest: release:check, the Node 22/24 runs)
// counts as one more test, passed when its exit code is 0.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { check: { type: 'string', multiple: true } },
  allowPositionals: true,
});
const checks = (values.check ?? []).map((check) => {
  const [name, code] = check.split('=');
  return { name, ok: code === '0' };
});
for (const check of checks.filter((c) => !c.ok)) console.log(`failed: ${check.name}`);
const checksPassed = checks.filter((c) => c.ok).length;
const checksFailed = checks.length - checksPassed;

const file = positionals[0] ?? '.vitest-report.json';
if (!existsSync(file)) {
  console.log('vitest wrote no report (lint, typecheck or the run itself failed before it)');
  console.log(`${checksPassed} passed, ${1 + checksFailed} failed`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = (report.numPassedTests ?? 0) + checksPassed;
const failed =
  (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) + checksFailed;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || (report.numPassedTests ?? 0) === 0 ? 1 : 0);
