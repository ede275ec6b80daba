//! The harness shared by the integration tests (`tests/it/`, declared once in
//! `tests/it/main.rs`) and by `benches/kafka.rs`:
//!
//! - [`fixtures`]: the repository's files, the reference examples, policy and keys, the built
//!   binary, file mode, JSON Lines files;
//! - [`broker`]: a real Kafka-protocol broker (tansu) per test, client configs, the independent
//!   Python client;
//! - [`durable`]: a broker that can be stopped or killed and started again without losing its
//!   log (tansu on a local S3 server);
//! - [`topics`]: the unique topics of one guard run, and reading them back;
//! - [`guard`]: `leadguard serve` started, awaited (readiness, metrics) and stopped (SIGTERM,
//!   SIGKILL);
//! - [`http`]: free local ports and a minimal HTTP client;
//! - [`markers`]: record batches with their transaction markers (a raw Fetch), for what a
//!   `read_committed` reader should see;
//! - [`stream`]: the reference mix as a Kafka stream, and a follower of the audit topic.

pub mod broker;
pub mod durable;
pub mod fixtures;
pub mod guard;
pub mod http;
pub mod markers;
pub mod stream;
pub mod topics;
