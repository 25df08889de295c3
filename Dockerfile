# One image recipe for every deployable of the dealer platform.
#
# The jar is built OUTSIDE Docker (no Maven in here; the one OS package is the CJK font of letter PDFs):
#
#   mvn -DskipTests package
#   docker build --build-arg MODULE=sales-service -t dealer/sales-service:local .
#
# MODULE is one of: customer-service, sales-service, aftersales-service,
# notification-service, gateway. docker-compose.yml builds all five from this file.
#
# The listening port is not baked in: every app reads SERVER_PORT (compose and the
# Kubernetes manifests set it); without it the app falls back to its own default.

FROM eclipse-temurin:17-jre

ARG MODULE

# ECO-2: notification-service prints Chinese letters with WenQuanYi Micro Hei (TrueType outlines, found by LetterFont
# at /usr/share/fonts/truetype/wqy/wqy-microhei.ttc); the other apps do not need it.
RUN if [ "$MODULE" = "notification-service" ]; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-wqy-microhei \
      && rm -rf /var/lib/apt/lists/*; \
    fi

# Dependency-free health probe (bash /dev/tcp; no curl/wget needed in the image).
COPY ops/docker/healthcheck.sh /opt/dealer/healthcheck.sh

# Fail early with a readable message instead of a cryptic COPY error; create the
# unprivileged runtime user. (No --chmod/--chown flags that need BuildKit: this file
# also builds with the classic builder.)
RUN : "${MODULE:?build arg MODULE is required, e.g. --build-arg MODULE=sales-service}" \
 && groupadd --system --gid 10001 dealer \
 && useradd --system --uid 10001 --gid dealer --home-dir /opt/dealer --no-create-home \
            --shell /usr/sbin/nologin dealer \
 && chmod 0755 /opt/dealer/healthcheck.sh

LABEL org.opencontainers.image.title="dealer-platform ${MODULE}" \
      org.opencontainers.image.description="Dealer platform: ${MODULE} (Spring Boot)"

WORKDIR /opt/dealer

# The jar stays root-owned and read-only for the runtime user.
COPY ${MODULE}/target/${MODULE}.jar /opt/dealer/app.jar

# Container-aware memory: max heap = 75 % of the container's memory limit.
# Exit (and let the orchestrator restart the container) instead of limping on after an OOM.
# Override per deployment by setting JAVA_TOOL_OPTIONS in the environment.
ENV DEALER_MODULE=${MODULE} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Duser.timezone=UTC -Djava.io.tmpdir=/tmp"

USER 10001:10001

# Start-up is CPU-bound (~10-15 s when several apps start together on 2 cores).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD ["/opt/dealer/healthcheck.sh"]

# Exec form: java is PID 1 and receives SIGTERM directly (graceful shutdown).
ENTRYPOINT ["java", "-jar", "/opt/dealer/app.jar"]
