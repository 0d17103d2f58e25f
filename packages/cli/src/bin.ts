#!/usr/bin/env node
import { main } from './program/main.js';

// A closed pipe (`sealbus queue list | head -1`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// The AWS SDK's multi-line notice about Node 20 would break the one-line error contract on
// stderr; the engines field already states the supported Node versions.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

process.exitCode = await main(process.argv.slice(2));
