#!/usr/bin/env bash
# Runs the Dockerfile's build and start steps without a container engine: copies the
# files the Dockerfile copies before `npm ci` to a temp folder and runs `npm ci` there,
# then the rest of the build context (minus .dockerignore's folders), `npm run build`,
# `npm prune --omit=dev`, then starts web + worker the way the image's CMD does with a
# temp data dir, checks /api/health, /api/ready, /api/metrics and the worker's liveness
# port, stops them with SIGTERM, and checks nothing was written outside the data dir and
# /tmp (the image runs with a read-only root filesystem).
# What the image build keeps in cache mounts comes from this machine: npm's cache (no
# network: `npm ci --offline`) and, when the checkout has one, a copy of its .next/cache
# (Turbopack validates it; the build still compiles every change).
# Every step runs on the Node the tests run on (`npm test` runs this with node_modules/.bin,
# hence .tools/node, first on PATH), and the Dockerfile's base image must be that version.
# Part of `npm test`. Usage: scripts/ci/dockerfile-steps.sh [--keep]   (prints the bundle size)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/printernizer-image-XXXXXX")"
app="$work/app"
data="$work/data"
keep="${1:-}"
pid=""

cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  if [[ "$keep" != "--keep" ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

step() { printf '\n== [%ss] %s\n' "$SECONDS" "$*" >&2; }

# The steps below mirror these Dockerfile lines; fail loudly when the Dockerfile changes.
before_ci=(package.json package-lock.json prisma prisma.config.ts scripts lib/db/url.ts)
for line in 'COPY package.json package-lock.json ./' 'COPY prisma ./prisma' 'COPY prisma.config.ts ./' 'COPY scripts ./scripts' \
  'COPY lib/db/url.ts ./lib/db/url.ts' 'RUN --mount=type=cache,target=/root/.npm npm ci' \
  'RUN --mount=type=cache,target=/app/.next/cache npm run build' 'RUN npm prune --omit=dev' 'ln -s /tmp/next-cache .next/cache' \
  'rm -rf .next/cache e2e test-results bench test testing .tools node_modules/node-linux-* node_modules/.bin/node' \
  'rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src' \
  'CMD ["node", "scripts/start.mjs"]' 'PRINTERNIZER_DATA_DIR=/data' 'USER 10001:10001'; do
  grep -qF "$line" "$repo/Dockerfile" || { echo "Dockerfile no longer contains: $line (update $0)" >&2; exit 1; }
done
node_version="$(node -p process.versions.node)"
grep -qF "ARG NODE_IMAGE=node:$node_version-bookworm-slim" "$repo/Dockerfile" \
  || { echo "the Dockerfile's NODE_IMAGE is not node:$node_version-bookworm-slim, the Node these steps and the tests run on" >&2; exit 1; }

context() {
  tar -C "$repo" \
    --exclude=./.git --exclude=./.ci --exclude=./node_modules --exclude=./.tools --exclude=./.next --exclude=./data \
    --exclude=./test-results --exclude=./playwright-report --exclude=./bench/out --exclude=./lib/db/generated \
    --exclude='*.tsbuildinfo' --exclude='./.env*' --exclude=./deploy/k8s --exclude=./ops \
    --exclude='*.test.ts' --exclude='./tmp-*.ts' --exclude=./test/fixtures \
    -cf - "$@" | tar -C "$app" -xf -
}

step "COPY package.json package-lock.json prisma prisma.config.ts scripts lib/db/url.ts"
mkdir -p "$app" "$data"
context "${before_ci[@]/#/./}"

cd "$app"
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
step "npm ci (offline, from npm's cache) on Node $node_version"
npm ci --offline --no-audit --no-fund --loglevel=error >&2
step "COPY . ."
context .
# The build's cache mount.
if [[ -d "$repo/.next/cache" ]]; then mkdir -p .next && cp -a "$repo/.next/cache" .next/cache; fi
step "npm run build"
npm run build >&2
step "npm prune --omit=dev"
npm prune --omit=dev --no-audit --no-fund --loglevel=error >&2
rm -rf .next/cache e2e test-results bench test testing .tools node_modules/node-linux-* node_modules/.bin/node
rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src
mkdir -p /tmp/next-cache
ln -s /tmp/next-cache .next/cache

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
web_port="$(free_port)"
worker_port="$(free_port)"
marker="$work/started"
touch "$marker"

step "start web + worker (node scripts/start.mjs) on :$web_port, worker liveness :$worker_port"
NODE_ENV=production PORT="$web_port" PRINTERNIZER_DATA_DIR="$data" PRINTERNIZER_WORKER_PORT="$worker_port" \
  PRINTERNIZER_WORKER_HOST=127.0.0.1 LOG_LEVEL=warn node scripts/start.mjs >"$work/start.log" 2>&1 &
pid=$!

wait_for() {
  local url="$1" deadline=$((SECONDS + 90))
  until curl -fs -o /dev/null "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/start.log" >&2; echo "process exited while waiting for $url" >&2; exit 1; fi
    if ((SECONDS > deadline)); then cat "$work/start.log" >&2; echo "timed out waiting for $url" >&2; exit 1; fi
    sleep 0.5
  done
}

wait_for "http://127.0.0.1:$web_port/api/health"
wait_for "http://127.0.0.1:$web_port/api/ready?worker=1"
wait_for "http://127.0.0.1:$worker_port/health"
curl -fsS "http://127.0.0.1:$web_port/api/ready?worker=1" >&2; echo >&2
# Read whole before grep: `curl | grep -q` fails under pipefail when grep stops at its match
# while curl is still writing (curl: (23) Failed writing body).
web_metrics="$(curl -fsS "http://127.0.0.1:$web_port/api/metrics")"
grep -q '^printernizer_worker_lease_holder{' <<<"$web_metrics" || { echo "/api/metrics has no lease holder" >&2; exit 1; }
worker_metrics="$(curl -fsS "http://127.0.0.1:$worker_port/metrics")"
grep -q '^process_resident_memory_bytes' <<<"$worker_metrics" || { echo "worker /metrics has no process metrics" >&2; exit 1; }

step "stop (SIGTERM)"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[[ "$status" == 0 ]] || { cat "$work/start.log" >&2; echo "start.mjs exited with $status" >&2; exit 1; }

written="$(find "$app" -newer "$marker" -not -type d | head -20)"
if [[ -n "$written" ]]; then
  echo "written outside the data dir and /tmp (breaks a read-only root filesystem):" >&2
  echo "$written" >&2
  exit 1
fi
[[ -f "$data/printernizer.db" ]] || { echo "no database in the data dir" >&2; exit 1; }

step "image payload"
echo "bundle: .next $(du -sm .next | cut -f1) MiB, node_modules (prod) $(du -sm node_modules | cut -f1) MiB, total app $(du -sm "$app" | cut -f1) MiB"
echo "dockerfile-steps: ok"
