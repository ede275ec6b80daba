//! Shared helpers for integration tests. Use with `mod support;` at the top
//! of a file under `tests/`.
//!
//! Each test binary compiles this module on its own and uses only part of it,
//! hence the blanket `dead_code` allowance.
#![allow(dead_code)]

pub mod broker;
