# syntax=docker/dockerfile:1
# Production image of dbplane. Build: docker build -t dbplane .
# The Pulumi CLI and the pinned DigitalOcean provider plugin join this image with the Pulumi engine.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY proto proto
COPY src src
RUN ./mvnw -B -q -DskipTests package && cp target/dbplane-*.jar /dbplane.jar

FROM eclipse-temurin:17-jre
# tini reaps child processes (Pulumi runs providers as subprocesses); curl serves the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/dbplane --create-home dbplane
COPY --from=build /dbplane.jar /opt/dbplane/dbplane.jar
USER dbplane
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/dbplane/dbplane.jar"]
