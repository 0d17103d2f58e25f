import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));
/** tsx by absolute URL: `--import tsx` would resolve it from the fresh directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cwd = mkdtempSync(join(tmpdir(), 'sealbus-examples-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** What `pnpm example <name>` runs, in a fresh directory so files land there. */
function runExample(name: string) {
  return promisify(execFile)(
    process.execPath,
    ['--conditions=@sealbus/source', '--import', TSX, join(EXAMPLES, 'run.ts'), name],
    {
      cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: cwd,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
}

/** The last lines each sample prints when it works. */
const EXPECTED_OUTPUT: Record<string, RegExp> = {
  quickstart: /^\{"invoice":42\}\n$/,
  errors: /^send refused: KMS\.DisabledException\n$/,
  'kms-local':
    /^a 32-byte data key under arn:aws:kms:us-east-1:000000000000:key\/[\w-]+\nsignature verified with the public key: true\n1 keys in \.sealbus\/kms\.db\n$/,
  gateway: /^\[ 'http:\/\/127\.0\.0\.1:\d+\/000000000000\/orders' \]\n$/,
  worker: /^billed r-1\nbilled r-2\nbilled r-3\n$/,
};

describe('the docs samples in examples/src', () => {
  const names = readdirSync(join(EXAMPLES, 'src'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -3))
    .sort();

  it('each has its expected output here', () => {
    expect(names).toEqual(Object.keys(EXPECTED_OUTPUT).sort());
  });

  it.each(names)('pnpm example %s runs to its end and prints what the page says', async (name) => {
    const { stdout, stderr } = await runExample(name);
    expect(stderr).toBe('');
    expect(stdout).toMatch(EXPECTED_OUTPUT[name]!);
  });

  it('names the samples when asked for an unknown one, exit 2', async () => {
    const failed = await runExample('nope').catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in failed && failed.code).toBe(2);
    expect(failed.stderr).toBe(
      `No example named "nope": pnpm example <name>, one of ${names.join(', ')}.\n`,
    );
  });
});
