# syntax=docker/dockerfile:1
# crystograph container image: the Quarkus fast-jar on a slim Java 17 runtime, PyTorch native libraries unpacked at
# build time (nothing is extracted or downloaded at start-up, the root file system can be read-only).
#
#   docker build --build-arg VARIANT=cpu  -t crystograph/crystograph:0.1.0-SNAPSHOT-cpu  .
#   docker build --build-arg VARIANT=cuda -t crystograph/crystograph:0.1.0-SNAPSHOT-cuda .
#
# VARIANT=cpu  : PyTorch CPU build, Eclipse Temurin 17 JRE (Ubuntu 22.04) base.
# VARIANT=cuda : PyTorch cu124 build (Maven profile -Pcuda), NVIDIA CUDA 12.4 runtime (Ubuntu 22.04) base with the same
#                Temurin 17 JRE copied in. Needs the NVIDIA container toolkit and a driver for CUDA >= 12.4 on the node.
ARG VARIANT=cpu
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy
ARG CUDA_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04

# ---------------------------------------------------------------------------------------------------------------------
# build: dependencies first (a layer that changes only with pom.xml), then the sources
FROM ${MAVEN_IMAGE} AS build
ARG VARIANT
WORKDIR /build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN case "${VARIANT}" in cpu|cuda) ;; *) echo "VARIANT must be cpu or cuda, not '${VARIANT}'" >&2; exit 1 ;; esac
COPY pom.xml ./
# Dependency layer: resolve the dependencies, then package the still empty project so that every plugin the package
# run needs is fetched too (go-offline alone misses some); the source layer below then builds offline (-o).
# ${profile} is empty for the CPU build and must then vanish, hence unquoted.
# hadolint ignore=SC2086
RUN profile="$([[ "${VARIANT}" == cuda ]] && echo -Pcuda || true)"; \
    mvn -B -q ${profile} quarkus:go-offline dependency:go-offline \
 && mvn -B -q ${profile} package -DskipTests \
 && rm -rf target
# the UnconvBench task catalogue, which pom.xml packages from the top level (the service needs it to start)
COPY unconvbench/tasks.yaml unconvbench/
COPY src/ src/
# hadolint ignore=SC2086
RUN profile="$([[ "${VARIANT}" == cuda ]] && echo -Pcuda || true)"; \
    mvn -B -q -o ${profile} package -DskipTests \
 && flavor="$([[ "${VARIANT}" == cuda ]] && echo cu124 || echo cpu)" \
 && bash src/main/docker/unpack-libtorch.sh target/quarkus-app/lib/main "${flavor}" /build/pytorch

# ---------------------------------------------------------------------------------------------------------------------
# runtime bases: the JRE image itself, or the CUDA runtime with that JRE copied in (both Ubuntu 22.04, same glibc)
FROM ${JRE_IMAGE} AS jre

FROM ${JRE_IMAGE} AS base-cpu
ENV PYTORCH_FLAVOR=cpu

FROM ${CUDA_IMAGE} AS base-cuda
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:${PATH} \
    PYTORCH_FLAVOR=cu124 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
COPY --from=jre /opt/java/openjdk /opt/java/openjdk

# ---------------------------------------------------------------------------------------------------------------------
# runtime
# hadolint ignore=DL3006
FROM base-${VARIANT} AS runtime
ARG VARIANT
ARG PYTORCH_VERSION=2.5.1
ARG APP_UID=10001
LABEL org.opencontainers.image.title="crystograph" \
      org.opencontainers.image.description="Crystal property prediction service (CrysToGraph on DJL/PyTorch) and UnconvBench" \
      org.crystograph.variant="${VARIANT}"

# curl serves the HEALTHCHECK only; jemalloc is libtorch's allocator (see the environment below)
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid "${APP_UID}" --gid 0 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin crystograph

# PyTorch + the DJL JNI bridge, unpacked at build time; DJL finds them through these variables and never writes
COPY --from=build /build/pytorch/ /opt/crystograph/pytorch/
# the Quarkus fast-jar, libraries first (they change least often)
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/

# Container-sized JVM: heap 40% of the memory limit, the rest left to PyTorch tensors (native memory), metaspace,
# thread stacks and the JIT. JDK_JAVA_OPTIONS is read by the java launcher; override it in the pod to retune.
# libtorch: passive OpenMP waits, threads set by the pod; jemalloc keeps tensors freed on every call for reuse instead
# of handing them back to the kernel to be faulted in again, and marks pages unused for 10 s lazily free, which the
# kernel may reclaim under the memory limit (docs/performance.md, "jemalloc"); the glibc settings apply when
# LD_PRELOAD is cleared.
ENV PYTORCH_VERSION=${PYTORCH_VERSION} \
    PYTORCH_LIBRARY_PATH=/opt/crystograph/pytorch/libtorch \
    ENGINE_CACHE_DIR=/opt/crystograph/pytorch/cache \
    DJL_CACHE_DIR=/tmp/djl \
    HOME=/tmp \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -XX:InitialRAMPercentage=10 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dai.djl.offline=true" \
    OMP_WAIT_POLICY=PASSIVE \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:10000,muzzy_decay_ms:-1 \
    MALLOC_MMAP_MAX_=0 \
    MALLOC_TRIM_THRESHOLD_=100000000000 \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080

WORKDIR /deployments
USER ${APP_UID}:0
EXPOSE 8080
# start-up includes the model warm-up: give it time before failures count
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/q/health/live || exit 1
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
CMD ["serve"]
