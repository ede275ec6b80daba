//! The integration tests, as one test binary (`cargo test --test it`): one module per area, all
//! sharing the harness in `tests/support/`. One binary links librdkafka and the crate once instead
//! of once per file, and its tests share the test threads (`cargo test --test it kafka_faults`
//! runs one module).
//!
//! Every test is independent of the others in this process: each Kafka test starts its own tansu
//! broker on a free port with unique topic and group names, each test writes only under its own
//! temporary directory, and nothing here changes the environment or the current directory.

#[path = "../support/mod.rs"]
mod support;

mod audit_tools;
mod audit_v1;
mod cli;
mod consent_evidence;
mod examples;
mod free_text;
mod kafka_aborts;
mod kafka_broker_restart;
mod kafka_checkpoints;
mod kafka_e2e;
mod kafka_faults;
mod kafka_shredding;
mod kafka_smoke;
mod policy_register;
mod shredding;
mod transparency;
