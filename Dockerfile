# syntax=docker/dockerfile:1.7
# Printernizer: one image for the web and the worker (different commands, see below).
# scripts/ci/dockerfile-steps.sh runs the same build and start steps without a container
# engine; keep the two in step (the script checks the RUN/CMD lines it mirrors).

# The same Node as .tools/node (package.json's optionalDependencies node-linux-*), the one
# the tests run on; scripts/ci/dockerfile-steps.sh fails when the two differ.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
COPY lib/db/url.ts ./lib/db/url.ts
# Cache mounts keep npm's download cache and Next's build cache between image builds
# (never in the image); scripts/ci/dockerfile-steps.sh reuses the machine's the same way.
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN --mount=type=cache,target=/app/.next/cache npm run build
# Dev dependencies, build caches, test code, better-sqlite3's sources (it loads its bundled
# Node-API binary) and the npm package of Node (the image's own Node is the same version) stay behind.
RUN npm prune --omit=dev \
 && rm -rf .next/cache e2e test-results bench test testing .tools node_modules/node-linux-* node_modules/.bin/node \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && ln -s /tmp/next-cache .next/cache

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tini curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 printernizer \
 && useradd --system --uid 10001 --gid printernizer --home-dir /data --shell /usr/sbin/nologin printernizer \
 && mkdir -p /data && chown printernizer:printernizer /data
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    PRINTERNIZER_DATA_DIR=/data \
    PRINTERNIZER_WORKER_HOST=0.0.0.0 \
    PRINTERNIZER_WORKER_PORT=3100 \
    TMPDIR=/tmp
COPY --from=build --chown=root:root /app /app
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000 3100
# Writes go only to /data (database, files, backups, key file) and /tmp (tsx and Next caches),
# so the container runs with a read-only root filesystem.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/api/health" || exit 1
ENTRYPOINT ["/usr/bin/tini", "--"]
# Web and worker in one container (single box). Web only:
#   docker run ... printernizer node --liftoff-only scripts/web-server.mjs
# Worker only (its probe: GET :3100/health; HEALTHCHECK must then be overridden):
#   docker run ... printernizer node --liftoff-only --max-semi-space-size=1 --import tsx worker/main.ts
CMD ["node", "scripts/start.mjs"]
