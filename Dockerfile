# wharf: AWS SQS/SNS/Kinesis emulator on port 4566, on Node.js 26 (the Active LTS line since 2026-10-28).
#   docker build -t wharf .
#   docker run --rm -p 127.0.0.1:4566:4566 wharf
# State lives in the volume at /var/lib/wharf; name it to keep it across containers:
#   docker run -p 127.0.0.1:4566:4566 -v wharf-data:/var/lib/wharf wharf
# or keep it in memory with -e WHARF_DATA_DIR= (empty).

# ── build: compile TypeScript and better-sqlite3's native addon ──────────────────────────
FROM node:26-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# `npm ci` builds dist/ through the prepare script; then drop the dev dependencies.
RUN npm ci && npm prune --omit=dev

# ── runtime: production dependencies and compiled code only, as the unprivileged node user ──
FROM node:26-slim
# 0.0.0.0: inside a container, loopback is unreachable from the host and other containers;
# publish the port on 127.0.0.1 (-p 127.0.0.1:4566:4566) to keep it private to the host.
ENV NODE_ENV=production \
    WHARF_HOST=0.0.0.0 \
    WHARF_PORT=4566 \
    WHARF_DATA_DIR=/var/lib/wharf
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/src/models ./src/models
# The web dashboard (/_wharf/ui/): static files, served as they are.
COPY ui ./ui
COPY docker/healthcheck.js ./docker/healthcheck.js
RUN mkdir -p /var/lib/wharf && chown node:node /var/lib/wharf
VOLUME ["/var/lib/wharf"]
USER node
EXPOSE 4566
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=5 CMD ["node", "docker/healthcheck.js"]
ENTRYPOINT ["node", "bin/wharf.js"]
