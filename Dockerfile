# One image for every app: each Kubernetes container names what it runs (`node dist/apps/<app>/main.js`,
# or Prisma's CLI for the migrations Job). Not built on the development machines (they have no Docker
# engine); tools/workspace-checks/k8s/manifests.spec.ts checks this file against the manifests instead.
#   docker build -t registry.example.com/streaming-platform/streaming-platform:0.1.0-dev .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# openssl: Prisma's CLI reads the libssl version to pick the schema-engine build that `migrate deploy`
# runs (without it, it guesses openssl 1.1 and the engine fails to load on bookworm).
FROM ${NODE_IMAGE} AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM base AS build
# The manifests first, so that the install layer is rebuilt only when the lock or a package.json changes.
COPY package.json package-lock.json ./
COPY apps/broker/package.json apps/broker/
COPY apps/chat-consumer/package.json apps/chat-consumer/
COPY apps/event-router/package.json apps/event-router/
COPY apps/monitor-api/package.json apps/monitor-api/
COPY apps/pipeline-trigger/package.json apps/pipeline-trigger/
COPY libs/assignors/package.json libs/assignors/
COPY libs/db/package.json libs/db/
COPY libs/domain/package.json libs/domain/
COPY libs/kafka-consume/package.json libs/kafka-consume/
COPY libs/kafka-protocol/package.json libs/kafka-protocol/
COPY libs/platform/package.json libs/platform/
COPY libs/redis-streams/package.json libs/redis-streams/
COPY libs/telemetry/package.json libs/telemetry/
COPY libs/testing/package.json libs/testing/
# @prisma/engines' install script downloads the schema engine for this platform here, with network.
RUN npm ci --no-audit --no-fund
COPY . .
# Every app's build first runs db:prisma-generate: the generated client is TypeScript that webpack
# bundles into each main.js. The Lua scripts and the dashboard's files are emitted beside main.js by
# the apps' webpack configs, so dist/ is all the apps need of the build.
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --outputStyle=static
# Production packages only. Workspace packages (@app/*) are bundled into main.js, so their links into
# apps/ and libs/ would dangle in the runtime image. `prisma version` fails the build if the schema
# engine that `migrate deploy` needs is missing, rather than letting the Job try to download it.
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@app node_modules/.cache \
 && node node_modules/prisma/build/index.js version \
 && ls node_modules/@prisma/engines/schema-engine-*

FROM base AS runtime
# The last segment of the repository the overlays pull (registry.example.com/streaming-platform/streaming-platform).
LABEL org.opencontainers.image.title="streaming-platform"
# CHECKPOINT_DISABLE and PRISMA_HIDE_UPDATE_MESSAGE keep Prisma's CLI from calling home from the cluster.
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# Nothing in the containers installs packages; without npm, npx, yarn and corepack there is less to patch.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
# Files stay owned by root: the app user can read them but not change its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# What `prisma migrate deploy` reads: its config (the database URL comes from DATABASE_URL), the schema
# and the migrations.
COPY --from=build /app/prisma.config.ts ./prisma.config.ts
COPY --from=build /app/prisma ./prisma
# Numeric, so that the kubelet can check `runAsNonRoot` (it cannot resolve a name); 1000 is the
# manifests' runAsUser and the base image's `node` user.
USER 1000:1000
# Every manifest names its command; a container that does not should stop rather than start some app.
CMD ["node", "-e", "console.error('streaming-platform: name the app to run, e.g. node dist/apps/broker/main.js (see k8s/apps/<app>/base)'); process.exit(64)"]
