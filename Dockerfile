# aimsbook as a container image: the self-contained binary of `make dist` on a slim Debian.
#
#   docker build -t aimsbook .
#   docker run --rm -v "$PWD:/handbook" aimsbook check --format github
#   docker run --rm -v "$PWD:/handbook" --user "$(id -u):$(id -g)" aimsbook build
#
# The image has no git, so built pages leave out their "last changed" line (as `--no-git` does).

# Build stage: the Swift toolchain image of the Swift version the project builds with.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
# cmark-gfm's static archives come with Debian's -dev packages; git names the commit in --version.
# Versions are not pinned: bookworm's security updates replace them, and a pin would then fail.
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        git libcmark-gfm-dev libcmark-gfm-extensions-dev make pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The binary of the release tarball; the files are copied out of the stage link so the final stage
# copies plain files.
RUN make dist \
    && cp -rL .build/dist-stage/current /aimsbook

# Final stage: the binary and its licences only. Its dynamic dependencies are the C library family,
# which every Debian image has.
FROM ${RUNTIME_IMAGE}
COPY --from=build /aimsbook/aimsbook /usr/local/bin/aimsbook
COPY --from=build /aimsbook/licenses /usr/share/doc/aimsbook/licenses
COPY --from=build /aimsbook/README.md /usr/share/doc/aimsbook/README.md
WORKDIR /handbook
ENTRYPOINT ["aimsbook"]
CMD ["check"]
