import { readdirSync } from 'node:fs';

/**
 * `pnpm example <name>` runs examples/src/<name>.ts from the workspace's TypeScript sources (the
 * root script starts node with tsx and the `@sealbus/source` condition, so nothing is built).
 */
const names = readdirSync(new URL('./src/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const name = process.argv[2];
if (name === undefined || !names.includes(name)) {
  process.stderr.write(
    `${name === undefined ? 'Name an example' : `No example named "${name}"`}: pnpm example <name>, one of ${names.join(', ')}.\n`,
  );
  process.exit(2);
}
await import(`./src/${name}.ts`);
