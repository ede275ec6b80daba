# leadguard: build with the Rust toolchain, run on a slim Debian.
FROM rust:1-bookworm AS build
WORKDIR /src
# Build dependencies first, so that source edits do not rebuild librdkafka.
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src benches && echo 'fn main() {}' > src/main.rs && touch src/lib.rs \
    && echo 'fn main() {}' > benches/engine.rs && echo 'fn main() {}' > benches/throughput.rs \
    && cargo build --release --locked --bin leadguard || true
COPY . .
RUN touch src/main.rs src/lib.rs && cargo build --release --locked --bin leadguard

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 leadguard
COPY --from=build /src/target/release/leadguard /usr/local/bin/leadguard
COPY schemas /usr/share/leadguard/schemas
USER leadguard
EXPOSE 9464
ENTRYPOINT ["/usr/local/bin/leadguard"]
CMD ["serve", "--config", "/etc/leadguard/kafka.toml"]
