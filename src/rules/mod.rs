//! The rules of `docs/rules.md`, one module per family. Each is a set of pure functions of the
//! event's facts and the compiled policy: no I/O, no clock.
//!
//! - [`consent`], channel regimes and consent (C1–C8), and the destination decision that
//!   combines them with the blocking checks below;
//! - [`retention`], R1;
//! - [`transfer`], transfers outside the EEA (T1–T3);
//! - [`interconnection`], datasets of different purposes meeting (I1–I4);
//! - [`signals`], the privacy signals an event carries (GPC objection, TCF recorded).
//!
//! Special categories and identifiers (S1–S4) are found by [`crate::detect`] and treated by
//! [`crate::treatment`]; pseudonymisation (P1–P3) is [`crate::crypto`]; the audit trail (A1–A4)
//! is [`crate::audit`].

pub mod consent;
pub mod interconnection;
pub mod retention;
pub mod signals;
pub mod transfer;
