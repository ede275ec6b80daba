//! The audit trail as a product (`leadguard audit …`): the tools a security team or a DPO would
//! otherwise script by hand against the audit topic (rules A1–A4, seed 002).
//!
//! Every tool reads the same thing — audit records (`leadguard.audit/v1`, contract §4) from an
//! audit file or from the audit topic — and never prints a personal value: records hold none
//! (A1), and the tools print counts, codes, field paths and HMAC tokens only.
//!
//! # Layout
//! - [`source`]: where records come from (JSON-lines file, `kcat -J` dump, or the audit topic
//!   read from the beginning) and the exact position of each one (line, or partition + offset).
//! - [`verify`]: every chain end to end with the audit key, plus completeness of the inputs
//!   (A2); names each break with its position and chain.
//! - [`report`]: counts over a time window (decisions, refusals by reason and rule, transfers,
//!   interconnections, sensitive findings, withdrawals) as JSON and Markdown.
//! - [`html`]: the same report as one self-contained HTML page with charts.
//! - [`breach`]: a CNIL notification draft (GDPR art. 33, A3) and the append-only breach register.
//! - [`subject`]: one person's records, found by the token of their e-mail or phone (access
//!   requests, proof of consent, C4).
//! - [`cli`]: the `leadguard audit` sub-commands (argument parsing and output files).

pub mod breach;
pub mod cli;
pub mod html;
pub mod report;
pub mod source;
pub mod subject;
pub mod transparency;
pub mod verify;

use std::path::PathBuf;

use crate::audit::AuditRecord;
use crate::clock::{self, Timestamp};

/// Why an audit tool could not do its job (as opposed to what it found, which is its output).
#[derive(Debug, thiserror::Error)]
pub enum AuditToolError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("audit topic: {0}")]
    Kafka(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyError),
    #[error(transparent)]
    Guard(#[from] crate::engine::GuardError),
    #[error(transparent)]
    Config(#[from] crate::kafka::config::ConfigError),
    /// `audit verify` found breaks: the report was printed; the exit status must say so.
    #[error("audit verification failed: {breaks} break(s) found in {records} record(s) read")]
    VerificationFailed { breaks: u64, records: u64 },
    /// `audit verify-proof`: the proof does not hold.
    #[error("the proof does not hold: {0}")]
    ProofFailed(String),
}

/// A half-open time window on `processed_at`: `from` inclusive, `to` exclusive, both optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
}

impl Window {
    /// Parses the `--from` / `--to` arguments (RFC 3339).
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Window, AuditToolError> {
        let one = |name: &str, v: Option<&str>| -> Result<Option<Timestamp>, AuditToolError> {
            v.map(|s| {
                clock::parse(s).ok_or_else(|| {
                    AuditToolError::Usage(format!("--{name} {s:?} is not an RFC 3339 timestamp"))
                })
            })
            .transpose()
        };
        let w = Window {
            from: one("from", from)?,
            to: one("to", to)?,
        };
        if let (Some(f), Some(t)) = (w.from, w.to) {
            if t <= f {
                return Err(AuditToolError::Usage(
                    "--to must be later than --from".to_string(),
                ));
            }
        }
        Ok(w)
    }

    /// Whether a record processed at `t` falls in the window.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|to| t < to)
    }

    /// Whether a record falls in the window; a record whose `processed_at` cannot be read
    /// only falls in an unbounded window (it cannot be placed in a bounded one).
    pub fn contains_record(&self, r: &AuditRecord) -> bool {
        match clock::parse(&r.processed_at) {
            Some(t) => self.contains(t),
            None => self.from.is_none() && self.to.is_none(),
        }
    }

    /// `from` and `to` as RFC 3339 strings, for outputs.
    pub fn bounds(&self) -> (Option<String>, Option<String>) {
        (self.from.map(clock::format), self.to.map(clock::format))
    }
}

/// Field path of an audit record (`/enrichment/0/fields`) → schema path of the lead schema's
/// annotations (`/enrichment/*/fields`): array indices become `*`.
pub fn schema_path(field_path: &str) -> String {
    field_path
        .split('/')
        .map(|seg| {
            if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_indices_become_wildcards() {
        assert_eq!(schema_path("/enrichment/0/fields"), "/enrichment/*/fields");
        assert_eq!(schema_path("/subject/email"), "/subject/email");
        assert_eq!(schema_path("/a/12/b/3"), "/a/*/b/*");
    }

    #[test]
    fn window_is_half_open() {
        let w = Window::parse(Some("2026-11-22T10:00:00Z"), Some("2026-11-22T11:00:00Z")).unwrap();
        assert!(w.contains(clock::parse("2026-11-22T10:00:00Z").unwrap()));
        assert!(w.contains(clock::parse("2026-11-22T10:59:59Z").unwrap()));
        assert!(!w.contains(clock::parse("2026-11-22T11:00:00Z").unwrap()));
        assert!(Window::parse(Some("x"), None).is_err());
        assert!(Window::parse(Some("2026-11-22T11:00:00Z"), Some("2026-11-22T10:00:00Z")).is_err());
    }
}
