# syntax=docker/dockerfile:1
# Pipeline Triage: build with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#   docker build -t pipeline-triage --build-arg SOURCE_URL=https://git.example.com/you/pipeline-triage \
#     --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) .
#   docker run -e PIPELINE_TRIAGE_CONFIG=/etc/pipeline-triage/config.yaml -e SLACK_BOT_TOKEN ... pipeline-triage
# Secrets come from the environment or mounted files at run time; none is passed to or stored in any layer.
# Base images: Temurin 25, the JDK every test runs on. Pin them by digest for a reproducible build
# (docs/deployment.md, "Pinning the base images"):
#   --build-arg JDK_IMAGE=eclipse-temurin:25-jdk-noble@sha256:... --build-arg JRE_IMAGE=eclipse-temurin:25-jre-noble@sha256:...
ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble

FROM ${JDK_IMAGE} AS build
# Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about at every run otherwise.
ENV MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
WORKDIR /src
# Dependencies first, so source edits do not invalidate the downloaded Maven repository layer.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY knowledge-base knowledge-base
COPY runbooks runbooks
# Tests run in CI (.ci/run); the image build only packages.
RUN ./mvnw -B -q -DskipTests package

FROM ${JRE_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
# Where this image's source lives; a placeholder until the build says (see the build command above).
ARG SOURCE_URL=https://example.invalid/pipeline-triage
LABEL org.opencontainers.image.title="pipeline-triage" \
      org.opencontainers.image.description="Chat-ops bot that triages failed CI jobs: code, platform or flaky." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0"

# A fixed numeric id, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
RUN groupadd --system --gid 10001 triage \
 && useradd --system --uid 10001 --gid triage --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin triage \
 && mkdir -p /var/lib/pipeline-triage \
 && chown 10001:10001 /var/lib/pipeline-triage

WORKDIR /opt/pipeline-triage
COPY --from=build /src/target/pipeline-triage.jar pipeline-triage.jar
# Baked in; mount a volume over /opt/pipeline-triage/knowledge-base (and runbooks) or set
# PIPELINE_TRIAGE_KNOWLEDGE_BASE to serve another one. Runbooks sit beside it, as the loader expects.
COPY knowledge-base knowledge-base
COPY runbooks runbooks
COPY src/main/docker/entrypoint.sh bin/entrypoint.sh
COPY LICENSE LICENSE

# serve reads both ports from these variables (its --port and --management-port defaults), and so does the
# health check: public 3000 (chat and webhooks), management 9090 (health and metrics).
ENV PIPELINE_TRIAGE_HOME=/opt/pipeline-triage \
    PIPELINE_TRIAGE_LOG_FORMAT=json \
    PIPELINE_TRIAGE_PORT=3000 \
    PIPELINE_TRIAGE_MANAGEMENT_PORT=9090
VOLUME ["/var/lib/pipeline-triage"]
EXPOSE 3000 9090
USER 10001:10001
# The working directory is the state volume, owned by the user above: the embedded store's default
# directory (./data, when the configuration names none) is then writable and kept across restarts.
WORKDIR /var/lib/pipeline-triage

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/opt/pipeline-triage/bin/entrypoint.sh", "healthcheck"]
ENTRYPOINT ["/opt/pipeline-triage/bin/entrypoint.sh"]
CMD ["serve"]
