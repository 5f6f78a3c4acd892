# Rampart in a container: a Swift build stage, then a slim Debian runtime with libz3.
#
#   docker build -t rampart .
#   docker run --rm -v "$PWD:/work" rampart check --policy policy.json --resource-arn arn:aws:s3:::bucket --zone-account 111122223333
#   docker run --rm -v "$PWD:/work" rampart scan snapshot --zone account --out scan-out
#
# The build stage runs scripts/install.sh (a release build with Swift's standard library linked
# statically) into /opt/rampart; the runtime stage needs only Debian's libz3-4 beside it. Both
# stages are Debian 12 (bookworm), so the libz3 the binary was built against is the one it loads.
# Not built by the test suite or CI: there is no network for images there (README.md, "Install").
ARG SWIFT_IMAGE=swift:6.0-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libz3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/install.sh --prefix /opt/rampart

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends libz3-4 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/rampart /opt/rampart
RUN ln -s /opt/rampart/bin/rampart /usr/local/bin/rampart \
 && rampart --version
WORKDIR /work
ENTRYPOINT ["rampart"]
CMD ["--help"]
