# syntax=docker/dockerfile:1
# Marketable's production image: the web app (Next's standalone server) and the worker (compiled
# JavaScript) with production dependencies only. One image, three commands (compose.yaml):
#   node apps/worker/dist/admin.js migrate     the release step, before new processes start
#   node apps/web/serve.mjs                    the web app (the default command)
#   node apps/worker/dist/main.js              a worker; run as many as you like
# The build stage runs `node scripts/package.mjs`, the same assembly the production smoke test
# (apps/web/smoke, part of `npm test`) builds and runs, so the test proves this image's layout.

FROM node:20-bookworm-slim AS build
ENV CI=true NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@12.21.0
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile
RUN node scripts/package.mjs /out

FROM node:20-bookworm-slim AS runtime
# HOST=0.0.0.0: listen on the container's interface (the default, 127.0.0.1, is for a laptop).
# MARKETABLE_ENV_FILE=none: settings come from the container's environment, not a file.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000 MARKETABLE_ENV_FILE=none
WORKDIR /app
COPY --from=build --chown=node:node /out /app
USER node
EXPOSE 3000
# Supervisors stop with SIGTERM; the processes finish or hand back their work within the stop
# timeout docs/operations.md gives (compose.yaml sets it).
STOPSIGNAL SIGTERM
CMD ["node", "apps/web/serve.mjs"]
