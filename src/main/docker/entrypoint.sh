#!/usr/bin/env bash
# Container entry point of pipeline-triage.
#   entrypoint.sh [pipeline-triage arguments...]   runs the bot (the image's CMD is "serve")
#   entrypoint.sh healthcheck                      GET /healthz on the local management port; for Docker's HEALTHCHECK
# Ports: `serve` reads PIPELINE_TRIAGE_PORT (public: chat and webhooks, default 3000) and
# PIPELINE_TRIAGE_MANAGEMENT_PORT (health and metrics, default 9090; "off" puts them on the public port) itself,
# so the health check below and the bot always agree.
# JVM flags suit a container: heap sized from the cgroup memory limit, exit on OutOfMemoryError so the
# orchestrator restarts a clean process, headless AWT for the report's chart, temporary files in $TMPDIR
# (an emptyDir under a read-only root filesystem). The garbage collector is the JVM's own choice, made from
# the cgroup's CPU and memory limits (Serial below 2 CPUs or about 1.75 GB, G1 above). Nothing is printed
# before the bot's first JSON log line. JAVA_OPTS adds or overrides flags.
set -euo pipefail

home="${PIPELINE_TRIAGE_HOME:-/opt/pipeline-triage}"
jar="${PIPELINE_TRIAGE_JAR:-$home/pipeline-triage.jar}"

if [ "${1:-}" = "healthcheck" ]; then
  port="${PIPELINE_TRIAGE_MANAGEMENT_PORT:-9090}"
  if [ "$port" = "off" ]; then
    port="${PIPELINE_TRIAGE_PORT:-3000}"
  fi
  # No curl in a slim JRE image: bash's /dev/tcp speaks just enough HTTP/1.0.
  exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
  printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || exit 1
  case "$status" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) exit 1 ;;
  esac
fi

if [ ! -f "$jar" ]; then
  echo "entrypoint: no application jar at $jar (set PIPELINE_TRIAGE_JAR)" >&2
  exit 64
fi

# The knowledge base baked into the image, unless a mounted volume or the configuration names another.
export PIPELINE_TRIAGE_KNOWLEDGE_BASE="${PIPELINE_TRIAGE_KNOWLEDGE_BASE:-$home/knowledge-base}"
if [ ! -d "$PIPELINE_TRIAGE_KNOWLEDGE_BASE" ]; then
  echo "entrypoint: knowledge base directory $PIPELINE_TRIAGE_KNOWLEDGE_BASE does not exist" >&2
  exit 66
fi
# Log collectors read one JSON object per line.
export PIPELINE_TRIAGE_LOG_FORMAT="${PIPELINE_TRIAGE_LOG_FORMAT:-json}"

java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi

# No --add-modules jdk.incubator.vector: the JVM would print a plain-text "Using incubator modules" warning
# at every start, and Lucene only speeds up vector search and large postings lists with it, which a knowledge
# base of a few hundred entries does not have.
flags=(
  "-XX:MaxRAMPercentage=${JVM_MAX_RAM_PERCENTAGE:-75}"
  -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true
  -Dfile.encoding=UTF-8
  "-Djava.io.tmpdir=${TMPDIR:-/tmp}"
)
# shellcheck disable=SC2206 # JAVA_OPTS is a list of flags, split on spaces on purpose.
extra=(${JAVA_OPTS:-})

exec "$java" "${flags[@]}" "${extra[@]}" -jar "$jar" "$@"
