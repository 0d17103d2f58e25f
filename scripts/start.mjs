// `pnpm start`: builds what the main job needs, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (existsSync('apps/emr-worker/package.json')) {
  run('pnpm', [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@sealbus/emr-worker...',
    '--output-logs=errors-only',
  ]);
  run('pnpm', ['--filter', '@sealbus/emr-worker', 'start', ...process.argv.slice(2)]);
} else {
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  const { readdirSync, readFileSync } = await import('node:fs');
  console.log('sealbus packages built:');
  for (const dir of readdirSync('packages')) {
    const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
    console.log(`  ${pkg.name.padEnd(28)} ${pkg.description ?? ''}`);
  }
}
