# podguard's image for builders with a registry (docker build, podman build, buildah bud, kaniko).
# Where no registry is reachable, scripts/build-image.sh (`npm run image`) builds the same image
# from Debian packages without a daemon: Node.js 20, no shell, user 65532, the npm package.
#
#   docker build -t REGISTRY/podguard:0.1.0 . && docker push REGISTRY/podguard:0.1.0
#
# Run-time properties the chart and deploy/ rely on: numeric non-root user 65532 (runAsNonRoot is
# verifiable), nothing written to the root filesystem (readOnlyRootFilesystem), no shell or
# package manager, entrypoint `node /app/bin/podguard.js` (the manifests pass only arguments).

# --- build: compile, pack exactly what npm publishes, install production dependencies ---------
FROM docker.io/library/node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY bin ./bin
COPY src ./src
COPY docs ./docs
COPY README.md ./
RUN npx tsc -p tsconfig.json \
 && npm pack --ignore-scripts --pack-destination /tmp \
 && mkdir /app && tar -xzf /tmp/podguard-*.tgz -C /app --strip-components=1 \
 && cp package-lock.json /app/ \
 && cd /app && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm package-lock.json \
 && chmod -R go-w /app

# --- runtime: distroless Node.js 20 on Debian 12 (no shell), files owned by root --------------
FROM gcr.io/distroless/nodejs20-debian12:nonroot
COPY --from=build --chown=0:0 /app /app
ENV NODE_ENV=production
USER 65532:65532
WORKDIR /home/nonroot
EXPOSE 8443
ENTRYPOINT ["/nodejs/bin/node", "/app/bin/podguard.js"]
CMD ["--help"]
