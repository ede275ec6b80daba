//! leadguard: judges lead events against consent, minimisation, transfer and interconnection
//! rules before they reach a CRM, and writes a tamper-evident audit trail.
//!
//! The rule ids cited throughout (C1…A4) are stated in `docs/rules.md`; how the parts fit,
//! and where to add a treatment, a detector or an output, is in `docs/architecture.md`.
//!
//! # Layout
//!
//! Configuration, compiled once at start-up:
//! - [`policy`]: the policy file (TOML) compiled into per-destination plans, purposes, datasets
//!   and vocabularies; every problem listed at once.
//! - [`schema`]: the lead schema (JSON Schema with `x-leadguard` annotations) compiled into a
//!   field tree, and the withdrawal schema.
//! - [`category`]: field and finding categories shared by schema, policy, scanner and audit.
//! - `channel`: prospecting channels and channel sets (C1).
//!
//! Judging one event, [`engine`] (intake → scan → decide → treat → record):
//! - [`json_in`]: parsing an event into a reused tree, duplicate keys refused.
//! - `lead`: the structural fields of a valid event, borrowed.
//! - [`normalize`]: identity normalisation (C6, P3).
//! - [`detect`]: the free-text scanner (S1–S3): checksums, identifiers and contact details in
//!   text, special-category vocabularies (`lexicons/`) and their matcher.
//! - `rules`: one module per rule family: consent (C1–C8), retention (R1), transfer (T1–T3),
//!   interconnection (I1–I4).
//! - `identity_index`: the bounded cross-event index of I3.
//! - [`withdrawals`]: withdrawals (C6) and the phone suppression list.
//! - `treatment`: what each field becomes in each copy: keep, remove, token, encrypt, mask,
//!   redact, generalise.
//! - `verdict`: outcomes, reasons, flags, legal bases, interconnection statuses: the codes of
//!   the contract, as enums.
//! - [`crypto`]: keys, HMAC tokens and AES-GCM envelopes (P1, P2).
//! - [`subject_keys`]: per-subject data keys, wrapped, destroyed by erasure requests
//!   (crypto-shredding, GDPR art. 17); [`erasure`]: the erasure requests themselves.
//! - [`audit`]: the audit record, its rendering and its HMAC chain (A1, A2); `json_out`
//!   writes JSON without serde on the hot path.
//! - [`clock`]: timestamps and month arithmetic.
//!
//! Running it:
//! - `sink`: outputs behind one seam (JSON-lines files, Kafka topics) and the one routing loop.
//! - [`file_mode`]: a JSON-lines file in, files out (no external service).
//! - [`kafka`]: `leadguard serve`: consumer, delivery modes (at-least-once, exactly-once),
//!   chain recovery, withdrawals table, metrics, health.
//! - [`audit_tools`]: `leadguard audit verify|report|breach-draft|subject` for security and DPO
//!   teams.
//! - [`register`]: `leadguard policy register|lint`: the register of processing (GDPR art. 30)
//!   and the DPIA input sheet rendered from the policy, and its risky settings as warnings.

// The module docs link the private modules of each phase on purpose: the documentation is for
// the people who change this code (`cargo doc --document-private-items`).
#![allow(rustdoc::private_intra_doc_links)]

pub mod audit;
pub mod audit_tools;
pub mod category;
pub(crate) mod channel;
pub mod checkpoint;
pub mod clock;
pub mod consent_proof;
pub mod crypto;
pub mod detect;
pub mod engine;
pub mod erasure;
pub mod file_mode;
pub mod identity_index;
pub mod json_in;
pub(crate) mod json_out;
pub mod kafka;
pub(crate) mod lead;
pub mod merkle;
pub mod normalize;
pub mod policy;
pub mod register;
pub(crate) mod rules;
pub mod schema;
pub(crate) mod sink;
pub mod subject_keys;
pub mod tcf;
pub(crate) mod treatment;
pub(crate) mod verdict;
pub mod withdrawals;
