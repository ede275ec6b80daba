//! leadguard: judges lead events against consent, minimisation, transfer and interconnection
//! rules before they reach a CRM, and writes a tamper-evident audit trail.
//!
//! # Layout
//! - [`category`]: field and finding categories shared by schema, policy, scanner and audit.
//! - [`normalize`]: identity normalisation (C6, P3).
//! - [`detect`]: the free-text scanner (S1–S3): checksums, identifiers and contact details in
//!   text, special-category vocabularies (`lexicons/`) and their matcher.
//! - [`crypto`]: keys, HMAC tokens and AES-GCM envelopes (P1, P2).

pub mod audit;
pub mod audit_tools;
pub mod category;
pub mod channel;
pub mod clock;
pub mod crypto;
pub mod detect;
pub mod engine;
pub mod file_mode;
pub mod identity_index;
pub mod json_in;
pub mod json_out;
pub mod kafka;
pub mod lead;
pub mod normalize;
pub mod policy;
pub mod rules;
pub mod schema;
pub mod sink;
pub mod treatment;
pub mod verdict;
pub mod withdrawals;
