# Outpost: one image for every role (web, worker, or both on the embedded database).
# Build: docker build -t outpost .        Run: see compose.yaml and README "Operating Outpost".
# No `# syntax=` line: BuildKit's built-in frontend (and the classic builder) suffice, so a host
# without Docker Hub can build it. NODE_IMAGE: any Debian-based Node 24 image with npm and a `node`
# user, e.g. one built from Debian packages by deploy/offline/build-base-images.sh.
ARG NODE_IMAGE=node:24-bookworm-slim


# 0. The workspace manifests, so the dependency layers are cached until one of them changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
ENV CI=true
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/bot/package.json apps/bot/
COPY apps/portal/package.json apps/portal/
COPY apps/server/package.json apps/server/
COPY apps/worker/package.json apps/worker/
COPY packages/auth/package.json packages/auth/
COPY packages/core/package.json packages/core/
COPY packages/i18n/package.json packages/i18n/
COPY packages/infra/package.json packages/infra/
COPY packages/log/package.json packages/log/
COPY packages/pdf/package.json packages/pdf/
COPY packages/ui/package.json packages/ui/
COPY db/package.json db/
COPY test/package.json test/
# The root postinstall (npm ci in the build stage) patches postgres.js (decision record 054).
COPY scripts/patch-postgres.mjs scripts/

# 1. Every dependency, to build the portal.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w @outpost/portal

# 2. Production dependencies only (no Vite, no test tools; no install scripts run).
FROM manifests AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# 3. What runs: sources (Node 24 strips their types), the built portal, production modules.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=prod-deps /app /app
# The build context holds no node_modules or build output (.dockerignore).
COPY . /app
COPY --from=build /app/apps/portal/build /app/apps/portal/build
# The install above ran no scripts: apply the postgres.js connection-close guard (decision record 054).
RUN node scripts/patch-postgres.mjs
# /data/files too: a named volume mounted there starts with this directory's owner, and
# uploads are written into it (test:deploy checks it).
RUN mkdir -p /data/files && chown -R node:node /data
# The code is root's and read-only to the process; only /data is writable.
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "apps/server/src/main.ts"]
CMD ["--role=all"]
