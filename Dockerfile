# syntax=docker/dockerfile:1
# Production image of dbplane: the service on a JRE, with the pinned Pulumi CLI and DigitalOcean
# provider plugin, as a non-root user under an init that reaps the CLI's provider subprocesses.
#   docker build -t dbplane .
# The pins below are checked against the code by DockerfilePinsTest: the CLI is the one the
# real-engine tests build from sandbox/toolchain/go.mod and prove; the provider is the official one
# (the sandbox provider never goes into this image).

ARG PULUMI_VERSION=3.274.1
ARG DIGITALOCEAN_PROVIDER_VERSION=4.76.0

# 1. Build the service with the Maven wrapper.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY proto proto
COPY src src
RUN ./mvnw -B -q -DskipTests package && cp target/dbplane-*.jar /dbplane.jar

# 2. Fetch the Pulumi CLI and install the provider plugin into a PULUMI_HOME of their own.
FROM eclipse-temurin:17-jre AS pulumi
ARG PULUMI_VERSION
ARG DIGITALOCEAN_PROVIDER_VERSION
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL "https://get.pulumi.com/releases/sdk/pulumi-v${PULUMI_VERSION}-linux-x64.tar.gz" | tar -xz -C /opt \
 && /opt/pulumi/pulumi version \
 && PULUMI_HOME=/opt/pulumi-home /opt/pulumi/pulumi plugin install resource digitalocean "v${DIGITALOCEAN_PROVIDER_VERSION}"

# 3. The runtime image.
FROM eclipse-temurin:17-jre
# tini reaps child processes (the CLI runs providers as subprocesses); curl serves the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/dbplane --create-home dbplane
COPY --from=pulumi /opt/pulumi /opt/pulumi
COPY --from=pulumi --chown=dbplane:dbplane /opt/pulumi-home /var/lib/dbplane/pulumi-home
COPY --from=build /dbplane.jar /opt/dbplane/dbplane.jar
ENV PATH="/opt/pulumi:${PATH}" \
    DBPLANE_DATA_DIR=/var/lib/dbplane/data \
    DBPLANE_PULUMI_HOME=/var/lib/dbplane/pulumi-home \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
RUN mkdir -p /var/lib/dbplane/data && chown dbplane:dbplane /var/lib/dbplane/data
USER dbplane
VOLUME /var/lib/dbplane/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
# umask 077: every file written here (H2, keyset, Pulumi state and work files) is the owner's only.
# The heap takes 25 % of the container's memory, so that the workers' Pulumi CLIs and plugins fit
# beside the JVM (README, Sizing; ImageSizingTest holds the sum).
ENTRYPOINT ["/usr/bin/tini", "--", "sh", "-c", "umask 077 && exec java -XX:MaxRAMPercentage=25 -jar /opt/dbplane/dbplane.jar \"$@\"", "dbplane"]
