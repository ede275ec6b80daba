//! `audit verify`: every chain end to end with the audit key, and completeness of the inputs (A2).
//!
//! A chain is one input partition or file (`chain.id`), `seq` counts from 0 and each record's
//! `prev` is its predecessor's hash (the first record's is the chain's genesis). The verifier
//! streams records once and keeps, per chain, only a window of recent links, so an audit topic
//! of any length verifies in bounded memory. Each break is named with the record's position
//! (line, or partition + offset) and its chain, and classified so that a security team knows
//! what happened, not only that something did:
//!
//! | what was done to the trail | what is reported |
//! |---|---|
//! | a record edited | `hash.mismatch` at that record |
//! | a record deleted | `chain.missing` (seq range, before the next record) |
//! | a copied record inserted | `chain.duplicate` at the copy |
//! | a different record with a used seq inserted | `chain.seq_conflict` (and usually `hash.mismatch`) |
//! | records reordered | `chain.reordered` at the record that comes late |
//! | a record's predecessor replaced | `chain.prev_mismatch` |
//! | the tail cut off | `input.missing` (with `--expect-inputs` / `--input-range`) |
//! | an input audited twice, or skipped | `input.duplicate`, `input.gap` |
//! | a line that is not an audit record | `record.not_json`, `record.invalid` |
//!
//! `chain` follows the order of each chain as records stream in; `finish` reports, at the
//! end of the read, what is still missing and whether every input has its record.
//!
//! Why both chain and input checks: the chain proves that nothing was changed between records
//! the writer produced; only the input positions prove that the writer produced one record per
//! input, and only an expected range proves that the end of the trail is the end of the input.

mod chain;
mod finish;

use std::fmt::Write as _;
use std::str::FromStr;

use serde::Serialize;

use crate::crypto::TokenKey;

use super::source::{Position, ReadStats};

pub use chain::Verifier;

/// What kind of break (stable codes for scripts and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BreakKind {
    #[serde(rename = "record.not_json")]
    NotJson,
    #[serde(rename = "record.invalid")]
    NotAuditRecord,
    #[serde(rename = "hash.mismatch")]
    HashMismatch,
    #[serde(rename = "chain.prev_mismatch")]
    PrevMismatch,
    #[serde(rename = "chain.missing")]
    Missing,
    #[serde(rename = "chain.reordered")]
    Reordered,
    #[serde(rename = "chain.duplicate")]
    Duplicate,
    #[serde(rename = "chain.seq_conflict")]
    SeqConflict,
    #[serde(rename = "chain.seq_jump")]
    SeqJump,
    #[serde(rename = "input.duplicate")]
    InputDuplicate,
    #[serde(rename = "input.gap")]
    InputGap,
    #[serde(rename = "input.missing")]
    InputMissing,
    #[serde(rename = "input.unexpected")]
    InputUnexpected,
    #[serde(rename = "chain.absent")]
    ChainAbsent,
}

impl BreakKind {
    pub fn code(self) -> &'static str {
        match self {
            BreakKind::NotJson => "record.not_json",
            BreakKind::NotAuditRecord => "record.invalid",
            BreakKind::HashMismatch => "hash.mismatch",
            BreakKind::PrevMismatch => "chain.prev_mismatch",
            BreakKind::Missing => "chain.missing",
            BreakKind::Reordered => "chain.reordered",
            BreakKind::Duplicate => "chain.duplicate",
            BreakKind::SeqConflict => "chain.seq_conflict",
            BreakKind::SeqJump => "chain.seq_jump",
            BreakKind::InputDuplicate => "input.duplicate",
            BreakKind::InputGap => "input.gap",
            BreakKind::InputMissing => "input.missing",
            BreakKind::InputUnexpected => "input.unexpected",
            BreakKind::ChainAbsent => "chain.absent",
        }
    }
}

/// One break in the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    pub kind: BreakKind,
    /// Where in the audit source (for a missing record: the record after the hole; for a cut
    /// tail: the chain's last record).
    pub position: Option<Position>,
    pub chain: Option<String>,
    pub seq: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.position {
            Some(p) => write!(f, "{p}")?,
            None => f.write_str("(no position)")?,
        }
        if let Some(c) = &self.chain {
            write!(f, " · chain {c}")?;
        }
        if let Some(s) = self.seq {
            write!(f, " · seq {s}")?;
        }
        write!(f, " · {}: {}", self.kind.code(), self.message)
    }
}

/// `--expect-inputs [FILE=]N`: the input file had N lines, each must have exactly one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectInputs {
    /// The input file as recorded in `input.file`; `None`: every file chain.
    pub file: Option<String>,
    pub lines: u64,
}

impl FromStr for ExpectInputs {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (file, n) = match s.rsplit_once('=') {
            Some((f, n)) => (Some(f.strip_prefix("file:").unwrap_or(f).to_string()), n),
            None => (None, s),
        };
        let lines = n
            .trim()
            .parse()
            .map_err(|_| format!("{s:?}: expected N or FILE=N (number of input lines)"))?;
        Ok(ExpectInputs { file, lines })
    }
}

/// `--input-range TOPIC/PARTITION=FROM..TO` (TO exclusive) or `FROM..=TO` (inclusive): every
/// input offset in the range must have exactly one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputRange {
    /// Chain id: `<input topic>/<partition>` (or `file:<path>`).
    pub chain: String,
    pub from: i64,
    /// Exclusive.
    pub to: i64,
}

impl FromStr for InputRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?}: expected TOPIC/PARTITION=FROM..TO or FROM..=TO");
        let (chain, range) = s.rsplit_once('=').ok_or_else(bad)?;
        // `a..=b` splits at the `=` of `..=`: put it back together.
        let (chain, range) = if let Some(c) = chain.strip_suffix("..") {
            let (c, from) = c.rsplit_once('=').ok_or_else(bad)?;
            (c, format!("{from}..={range}"))
        } else {
            (chain, range.to_string())
        };
        let (from, to) = range.split_once("..").ok_or_else(bad)?;
        let from: i64 = from.trim().parse().map_err(|_| bad())?;
        let to: i64 = match to.strip_prefix('=') {
            Some(t) => t.trim().parse::<i64>().map_err(|_| bad())? + 1,
            None => to.trim().parse().map_err(|_| bad())?,
        };
        if chain.is_empty() || from < 0 || to < from {
            return Err(bad());
        }
        Ok(InputRange {
            chain: chain.to_string(),
            from,
            to,
        })
    }
}

/// What completeness to check besides the chains themselves.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    pub expect_inputs: Vec<ExpectInputs>,
    pub input_ranges: Vec<InputRange>,
    /// Kafka input offsets may have holes (transaction markers, compaction): do not report them.
    pub allow_offset_gaps: bool,
}

/// One chain, as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainSummary {
    pub id: String,
    pub records: u64,
    pub first_seq: u64,
    pub last_seq: u64,
    /// `line` (file chains) or `offset` (topic chains).
    pub input_unit: &'static str,
    pub first_input: Option<i64>,
    pub last_input: Option<i64>,
    pub first_position: Position,
    pub last_position: Position,
    /// Hash of the record with the highest seq: pin it to detect a later cut of the tail.
    pub head_hash: String,
    pub breaks: u64,
}

/// The result of a verification.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub schema: &'static str,
    pub source: String,
    pub records: u64,
    pub ok: bool,
    pub breaks_total: u64,
    pub chains: Vec<ChainSummary>,
    pub breaks: Vec<Break>,
    pub read: ReadStats,
}

impl Verification {
    /// Human-readable result, one line per chain and per break.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "audit verify: {}: {} record(s), {} chain(s)",
            self.source,
            self.records,
            self.chains.len()
        );
        for c in &self.chains {
            let inputs = match (c.first_input, c.last_input) {
                (Some(a), Some(b)) => format!("{}s {a}..{b}", c.input_unit),
                _ => "no input position".to_string(),
            };
            let _ = writeln!(
                s,
                "  chain {}: {} record(s), seq {}..{}, {inputs}, audit {} .. {}, head {}{}",
                c.id,
                c.records,
                c.first_seq,
                c.last_seq,
                c.first_position,
                c.last_position,
                c.head_hash,
                if c.breaks == 0 {
                    " — ok".to_string()
                } else {
                    format!(" — {} break(s)", c.breaks)
                }
            );
        }
        for b in &self.breaks {
            let _ = writeln!(s, "BREAK {b}");
        }
        if self.breaks_total > self.breaks.len() as u64 {
            let _ = writeln!(
                s,
                "… and {} more break(s)",
                self.breaks_total - self.breaks.len() as u64
            );
        }
        if !self.read.unconfirmed_partitions.is_empty() {
            let _ = writeln!(
                s,
                "warning: the end of audit partition(s) {:?} was not confirmed by the broker; the read stopped after the idle timeout",
                self.read.unconfirmed_partitions
            );
        }
        if self.ok {
            let _ = writeln!(
                s,
                "result: OK — every chain verifies end to end with the audit key"
            );
        } else {
            let _ = writeln!(s, "result: FAILED — {} break(s)", self.breaks_total);
        }
        s
    }
}

/// Verifies a whole source.
pub fn verify(
    source: &super::source::Source,
    key: &TokenKey,
    opts: &VerifyOptions,
) -> Result<Verification, super::AuditToolError> {
    let mut v = Verifier::new(key);
    let read = source.read(|r| v.push(r))?;
    Ok(v.finish(opts, source.describe(), read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse() {
        assert_eq!(
            "88".parse::<ExpectInputs>().unwrap(),
            ExpectInputs {
                file: None,
                lines: 88
            }
        );
        assert_eq!(
            "examples/leads.jsonl=88".parse::<ExpectInputs>().unwrap(),
            ExpectInputs {
                file: Some("examples/leads.jsonl".into()),
                lines: 88
            }
        );
        assert!("many".parse::<ExpectInputs>().is_err());
        assert_eq!(
            "leads.raw/3=0..10".parse::<InputRange>().unwrap(),
            InputRange {
                chain: "leads.raw/3".into(),
                from: 0,
                to: 10
            }
        );
        assert_eq!(
            "leads.raw/3=5..=9".parse::<InputRange>().unwrap(),
            InputRange {
                chain: "leads.raw/3".into(),
                from: 5,
                to: 10
            }
        );
        assert!("leads.raw/3=9..5".parse::<InputRange>().is_err());
        assert!("leads.raw/3".parse::<InputRange>().is_err());
    }
}
