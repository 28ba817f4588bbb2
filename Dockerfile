# flexcheck as a container image, for CI jobs that take an `image:` (GitLab) or run a container.
# Build: docker build -t flexcheck . ; run: docker run --rm -v "$PWD:/work" flexcheck --help
# Stage 1 builds the wheel from this checkout; stage 2 installs only that wheel, as a non-root user.
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY flexcheck ./flexcheck
COPY checks ./checks
RUN python -m pip wheel --no-cache-dir --no-deps --disable-pip-version-check --wheel-dir /dist .

FROM python:3.12-slim
LABEL org.opencontainers.image.title="flexcheck" \
      org.opencontainers.image.description="Pre-flight checks for FortiFlex API credentials" \
      org.opencontainers.image.licenses="Apache-2.0"
# No user home is needed beyond the working directory; a fixed uid suits runAsNonRoot policies.
RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin flexcheck
COPY --from=build /dist/ /tmp/dist/
COPY scripts/container-install /usr/local/bin/container-install
RUN container-install /opt/flexcheck /tmp/dist/flexcheck-*.whl && rm -rf /tmp/dist
ENV PATH="/opt/flexcheck/bin:${PATH}" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["flexcheck"]
CMD ["--help"]
