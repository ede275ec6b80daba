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
//! Why both chain and input checks: the chain proves that nothing was changed between records
//! the writer produced; only the input positions prove that the writer produced one record per
//! input, and only an expected range proves that the end of the trail is the end of the input.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;

use crate::audit::{genesis, verify_record, ChainError, ChainRef, InputRef};
use crate::crypto::TokenKey;
use crate::schema::Schema;

use super::source::{Position, RawRecord, ReadStats};

/// Links remembered per chain, to recognise copies and late records. Beyond it a late record is
/// still reported, with less detail.
const WINDOW: u64 = 100_000;
/// A forward jump larger than this is reported at once instead of being tracked seq by seq.
const MAX_TRACKED_GAP: u64 = 10_000;
/// Breaks kept for the output; more are counted.
const MAX_BREAKS_KEPT: usize = 10_000;

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

struct Seen {
    hash: String,
    position: Position,
    /// This record jumped ahead of its chain (opened a gap): if it later turns out to be a copy,
    /// it is the copy that was put out of place, and the "reordered" reports it caused go.
    opened_gap: bool,
}

struct Gap {
    opened_at: Position,
    opener_seq: u64,
}

/// Input positions seen, as disjoint half-open intervals (contiguous inputs cost one entry),
/// each with the audit position of the record that audits its first input — so that a hole can
/// be located "before" a record of the trail.
#[derive(Default)]
struct RangeSet(BTreeMap<i64, (i64, Position)>);

impl RangeSet {
    /// Adds input `x` audited at `at`; false if it was already there.
    fn insert(&mut self, x: i64, at: &Position) -> bool {
        if let Some((&s, (e, _))) = self.0.range(..=x).next_back() {
            let e = *e;
            if x < e {
                return false;
            }
            if x == e {
                let mut end = x + 1;
                if let Some((next_end, _)) = self.0.remove(&end) {
                    end = next_end;
                }
                if let Some(v) = self.0.get_mut(&s) {
                    v.0 = end;
                }
                return true;
            }
        }
        let end = match self.0.remove(&(x + 1)) {
            Some((e, _)) => e,
            None => x + 1,
        };
        self.0.insert(x, (end, at.clone()));
        true
    }

    /// Sub-ranges of `[from, to)` not covered, each with the position of the record that audits
    /// the input right after it (if any).
    fn missing(&self, from: i64, to: i64) -> Vec<(i64, i64, Option<Position>)> {
        let mut out = Vec::new();
        let mut at = from;
        for (&s, (e, pos)) in &self.0 {
            if *e <= at {
                continue;
            }
            if s >= to {
                break;
            }
            if s > at {
                out.push((at, s, Some(pos.clone())));
            }
            at = at.max(*e);
        }
        if at < to {
            out.push((at, to, None));
        }
        out
    }

    fn min(&self) -> Option<i64> {
        self.0.keys().next().copied()
    }

    fn max(&self) -> Option<i64> {
        self.0.values().next_back().map(|(e, _)| e - 1)
    }
}

struct ChainState {
    genesis: String,
    records: u64,
    breaks: u64,
    last_seq: Option<u64>,
    recent: BTreeMap<u64, Seen>,
    /// Records whose predecessor was not seen yet: (claimed prev, position).
    pending_prev: BTreeMap<u64, (String, Position)>,
    gaps: BTreeMap<u64, Gap>,
    /// Indices of "reordered" breaks, by the seq of the record that opened their gap.
    reordered_by_opener: BTreeMap<u64, Vec<usize>>,
    inputs: RangeSet,
    is_file: bool,
    first_seq: u64,
    first_position: Position,
    last_position: Position,
    head: (u64, String, Position),
}

/// Streams records and collects breaks; [`Verifier::finish`] adds the completeness checks.
pub struct Verifier<'k> {
    key: &'k TokenKey,
    schema: Schema,
    chains: BTreeMap<String, ChainState>,
    breaks: Vec<Option<Break>>,
    breaks_total: u64,
    records: u64,
}

fn input_unit(is_file: bool) -> &'static str {
    if is_file {
        "line"
    } else {
        "offset"
    }
}

/// "line 88 has no audit record" / "lines 80..88 have no audit record".
fn no_record(unit: &str, a: i64, b_exclusive: i64) -> String {
    if b_exclusive - a == 1 {
        format!("input {unit} {a} has no audit record")
    } else {
        format!(
            "input {unit}s {a}..{} ({} inputs) have no audit record",
            b_exclusive - 1,
            b_exclusive - a
        )
    }
}

impl<'k> Verifier<'k> {
    pub fn new(key: &'k TokenKey) -> Self {
        Verifier {
            key,
            schema: Schema::audit(),
            chains: BTreeMap::new(),
            breaks: Vec::new(),
            breaks_total: 0,
            records: 0,
        }
    }

    fn report(&mut self, b: Break) -> Option<usize> {
        self.breaks_total += 1;
        if let Some(chain) = b.chain.as_ref().and_then(|c| self.chains.get_mut(c)) {
            chain.breaks += 1;
        }
        if self.breaks.len() < MAX_BREAKS_KEPT {
            self.breaks.push(Some(b));
            Some(self.breaks.len() - 1)
        } else {
            None
        }
    }

    fn retract(&mut self, idx: usize) {
        if let Some(b) = self.breaks.get_mut(idx).and_then(Option::take) {
            self.breaks_total -= 1;
            if let Some(chain) = b.chain.as_ref().and_then(|c| self.chains.get_mut(c)) {
                chain.breaks -= 1;
            }
        }
    }

    /// Checks one record.
    pub fn push(&mut self, raw: RawRecord) {
        self.records += 1;
        let pos = raw.position;
        let brk = |kind, chain: Option<&str>, seq, message: String| Break {
            kind,
            position: Some(pos.clone()),
            chain: chain.map(str::to_string),
            seq,
            message,
        };
        let value: Value = match serde_json::from_slice(&raw.bytes) {
            Ok(v) => v,
            Err(_) => {
                let what = if raw.bytes.is_empty() {
                    "an empty line/message"
                } else {
                    "not JSON"
                };
                self.report(brk(
                    BreakKind::NotJson,
                    None,
                    None,
                    format!("{what}: not an audit record"),
                ));
                return;
            }
        };
        let (link, hash_ok) = match verify_record(self.key, &raw.bytes) {
            Ok(link) => (link, true),
            Err(ChainError::BadHash) => match claimed_link(&value) {
                Some(link) => (link, false),
                None => {
                    self.report(brk(
                        BreakKind::NotAuditRecord,
                        None,
                        None,
                        "JSON without a readable chain link".into(),
                    ));
                    return;
                }
            },
            Err(_) => {
                self.report(brk(
                    BreakKind::NotAuditRecord,
                    None,
                    None,
                    "JSON but not an audit record (no chain link)".into(),
                ));
                return;
            }
        };
        let shape = self.schema.check(&value).err();
        let input: Option<InputRef> = value
            .get("input")
            .and_then(|i| serde_json::from_value(i.clone()).ok());
        let chain_id = link.id.clone();
        if !self.chains.contains_key(&chain_id) {
            let is_file = match &input {
                Some(i) => matches!(i, InputRef::File { .. }),
                None => chain_id.starts_with("file:"),
            };
            self.chains.insert(
                chain_id.clone(),
                ChainState {
                    genesis: genesis(self.key, &chain_id),
                    records: 0,
                    breaks: 0,
                    last_seq: None,
                    recent: BTreeMap::new(),
                    pending_prev: BTreeMap::new(),
                    gaps: BTreeMap::new(),
                    reordered_by_opener: BTreeMap::new(),
                    inputs: RangeSet::default(),
                    is_file,
                    first_seq: link.seq,
                    first_position: pos.clone(),
                    last_position: pos.clone(),
                    head: (link.seq, link.hash.clone(), pos.clone()),
                },
            );
        }
        if !hash_ok {
            let extra = match &shape {
                Some(inv) => format!("; it also breaks the record format ({inv})"),
                None => String::new(),
            };
            self.report(brk(
                BreakKind::HashMismatch,
                Some(&chain_id),
                Some(link.seq),
                format!("the record does not match its hash: it was edited or forged{extra}"),
            ));
        } else if let Some(inv) = shape {
            self.report(brk(
                BreakKind::NotAuditRecord,
                Some(&chain_id),
                Some(link.seq),
                format!("hash verifies but the record is not leadguard.audit/v1: {inv}"),
            ));
        }
        let duplicate = self.link(&chain_id, &link, &pos);
        let chain = self
            .chains
            .get_mut(&chain_id)
            .expect("chain inserted above");
        chain.records += 1;
        chain.last_position = pos.clone();
        if duplicate {
            return;
        }
        if link.seq < chain.first_seq {
            chain.first_seq = link.seq;
        }
        if link.seq >= chain.head.0 {
            chain.head = (link.seq, link.hash.clone(), pos.clone());
        }
        if let Some(input) = input {
            let at = input.position();
            if !chain.inputs.insert(at, &pos) {
                let unit = input_unit(chain.is_file);
                self.report(brk(
                    BreakKind::InputDuplicate,
                    Some(&chain_id),
                    Some(link.seq),
                    format!("input {unit} {at} already has an audit record: audited twice"),
                ));
            }
        }
    }

    /// Chain-order checks of one record; returns whether it was a duplicate (copy or conflict).
    fn link(&mut self, chain_id: &str, link: &ChainRef, pos: &Position) -> bool {
        let s = link.seq;
        let brk = |kind, seq: u64, position: &Position, message: String| Break {
            kind,
            position: Some(position.clone()),
            chain: Some(chain_id.to_string()),
            seq: Some(seq),
            message,
        };
        let mut out: Vec<Break> = Vec::new();
        let mut retract: Vec<usize> = Vec::new();
        let mut reordered_gap_opener: Option<u64> = None;
        let chain = self.chains.get_mut(chain_id).expect("known chain");

        // 1. A seq seen before: a copy, or a different record claiming a used seq.
        if let Some(seen) = chain.recent.get(&s) {
            let same = seen.hash == link.hash;
            let seen_at = seen.position.clone();
            let copy_was_ahead = seen.opened_gap;
            if same && copy_was_ahead {
                // The earlier occurrence jumped ahead of its chain: it is the copy put out of
                // place, and the records it made look "late" were in their place.
                retract = chain.reordered_by_opener.remove(&s).unwrap_or_default();
                chain.gaps.retain(|_, g| g.opener_seq != s);
                out.push(brk(
                    BreakKind::Duplicate,
                    s,
                    &seen_at,
                    format!("copy of the record at {pos}, inserted out of place"),
                ));
                if let Some(seen) = chain.recent.get_mut(&s) {
                    seen.position = pos.clone();
                    seen.opened_gap = false;
                }
            } else if same {
                out.push(brk(
                    BreakKind::Duplicate,
                    s,
                    pos,
                    format!("copy of the record at {seen_at}: a record was inserted"),
                ));
            } else {
                out.push(brk(
                    BreakKind::SeqConflict,
                    s,
                    pos,
                    format!(
                        "seq {s} is already used by a different record at {seen_at}: a record was inserted or forged"
                    ),
                ));
            }
            for i in retract {
                self.retract(i);
            }
            for b in out {
                self.report(b);
            }
            return true;
        }

        // 2. The link to the predecessor (now, or when the predecessor arrives).
        if s == 0 {
            if link.prev != chain.genesis {
                out.push(brk(
                    BreakKind::PrevMismatch,
                    s,
                    pos,
                    "the chain's first record does not link to the chain's genesis (chain id changed, or written with another key)".into(),
                ));
            }
        } else if let Some(p) = chain.recent.get(&(s - 1)) {
            if link.prev != p.hash {
                out.push(brk(
                    BreakKind::PrevMismatch,
                    s,
                    pos,
                    format!(
                        "prev does not match the hash of seq {} at {}: a record was replaced or inserted",
                        s - 1,
                        p.position
                    ),
                ));
            }
        } else {
            chain
                .pending_prev
                .insert(s, (link.prev.clone(), pos.clone()));
        }
        if let Some((prev, at)) = chain.pending_prev.remove(&(s + 1)) {
            if prev != link.hash {
                out.push(brk(
                    BreakKind::PrevMismatch,
                    s + 1,
                    &at,
                    format!("prev does not match the hash of seq {s} at {pos}: a record was replaced or inserted"),
                ));
            }
        }

        // 3. Order.
        let expected = chain.last_seq.map_or(0, |l| l + 1);
        let mut opened_gap = false;
        if s == expected {
            chain.last_seq = Some(s);
        } else if s > expected {
            if s - expected > MAX_TRACKED_GAP {
                out.push(brk(
                    BreakKind::SeqJump,
                    s,
                    pos,
                    format!(
                        "seq jumps from {} to {s}: {} record(s) missing or seq forged",
                        chain
                            .last_seq
                            .map_or("the chain start".to_string(), |l| l.to_string()),
                        s - expected
                    ),
                ));
            } else {
                for m in expected..s {
                    chain.gaps.insert(
                        m,
                        Gap {
                            opened_at: pos.clone(),
                            opener_seq: s,
                        },
                    );
                }
                opened_gap = true;
            }
            chain.last_seq = Some(s);
        } else {
            let last = chain.last_seq.unwrap_or(0);
            match chain.gaps.remove(&s) {
                Some(g) => {
                    reordered_gap_opener = Some(g.opener_seq);
                    out.push(brk(
                        BreakKind::Reordered,
                        s,
                        pos,
                        format!(
                            "seq {s} comes after seq {last}: records reordered (its place is before {})",
                            g.opened_at
                        ),
                    ));
                }
                None => out.push(brk(
                    BreakKind::Reordered,
                    s,
                    pos,
                    format!("seq {s} comes after seq {last}: out of order"),
                )),
            }
        }
        chain.recent.insert(
            s,
            Seen {
                hash: link.hash.clone(),
                position: pos.clone(),
                opened_gap,
            },
        );
        if let Some(last) = chain.last_seq {
            let floor = last.saturating_sub(WINDOW);
            while chain
                .recent
                .first_key_value()
                .is_some_and(|(k, _)| *k < floor)
            {
                chain.recent.pop_first();
            }
            while chain
                .pending_prev
                .first_key_value()
                .is_some_and(|(k, _)| *k < floor)
            {
                chain.pending_prev.pop_first();
            }
            chain.reordered_by_opener.retain(|k, _| *k >= floor);
        }
        for b in out {
            let is_reordered = b.kind == BreakKind::Reordered;
            let idx = self.report(b);
            if let (true, Some(opener), Some(idx)) = (is_reordered, reordered_gap_opener, idx) {
                if let Some(chain) = self.chains.get_mut(chain_id) {
                    chain
                        .reordered_by_opener
                        .entry(opener)
                        .or_default()
                        .push(idx);
                }
            }
        }
        false
    }

    /// Reports what is still missing and checks input completeness.
    pub fn finish(mut self, opts: &VerifyOptions, source: String, read: ReadStats) -> Verification {
        let mut late: Vec<Break> = Vec::new();
        for (id, chain) in &self.chains {
            // Holes in the chain that nothing filled: deleted records.
            let mut run: Option<(u64, u64, Position)> = None;
            let flush = |run: &mut Option<(u64, u64, Position)>, late: &mut Vec<Break>| {
                if let Some((a, b, at)) = run.take() {
                    late.push(Break {
                        kind: BreakKind::Missing,
                        position: Some(at.clone()),
                        chain: Some(id.clone()),
                        seq: Some(a),
                        message: if a == b {
                            format!("seq {a} is missing before {at}: a record was deleted")
                        } else {
                            format!(
                                "seq {a}..{b} ({} records) missing before {at}: records were deleted",
                                b - a + 1
                            )
                        },
                    });
                }
            };
            for (&m, g) in &chain.gaps {
                match &mut run {
                    Some((_, b, at)) if *b + 1 == m && *at == g.opened_at => *b = m,
                    _ => {
                        flush(&mut run, &mut late);
                        run = Some((m, m, g.opened_at.clone()));
                    }
                }
            }
            flush(&mut run, &mut late);

            // Input contiguity: every line of a file; offsets of a partition unless allowed.
            let unit = input_unit(chain.is_file);
            if let (Some(lo), Some(hi)) = (chain.inputs.min(), chain.inputs.max()) {
                let start = if chain.is_file { 1 } else { lo };
                if chain.is_file || !opts.allow_offset_gaps {
                    for (a, b, next) in chain.inputs.missing(start, hi + 1) {
                        let message = match &next {
                            Some(p) => {
                                format!("{} (the hole is just before {p})", no_record(unit, a, b))
                            }
                            None => no_record(unit, a, b),
                        };
                        late.push(Break {
                            kind: BreakKind::InputGap,
                            position: next.or_else(|| Some(chain.last_position.clone())),
                            chain: Some(id.clone()),
                            seq: None,
                            message,
                        });
                    }
                }
            }
        }

        // Expected inputs: lines of files, offset ranges of partitions.
        let mut expectations: Vec<(String, i64, i64)> = Vec::new();
        for e in &opts.expect_inputs {
            match &e.file {
                Some(f) => expectations.push((format!("file:{f}"), 1, e.lines as i64 + 1)),
                None => {
                    let files: Vec<&String> = self
                        .chains
                        .iter()
                        .filter(|(_, c)| c.is_file)
                        .map(|(k, _)| k)
                        .collect();
                    if files.is_empty() {
                        late.push(Break {
                            kind: BreakKind::ChainAbsent,
                            position: None,
                            chain: None,
                            seq: None,
                            message: format!(
                                "{} input line(s) expected, but no file chain has any record",
                                e.lines
                            ),
                        });
                    }
                    for f in files {
                        expectations.push((f.clone(), 1, e.lines as i64 + 1));
                    }
                }
            }
        }
        for r in &opts.input_ranges {
            expectations.push((r.chain.clone(), r.from, r.to));
        }
        for (id, from, to) in expectations {
            let Some(chain) = self.chains.get(&id) else {
                late.push(Break {
                    kind: BreakKind::ChainAbsent,
                    position: None,
                    chain: Some(id.clone()),
                    seq: None,
                    message: format!("no audit record at all for inputs {from}..{}", to - 1),
                });
                continue;
            };
            let unit = input_unit(chain.is_file);
            for (a, b, next) in chain.inputs.missing(from, to) {
                // Holes inside the chain's own span were reported as gaps already.
                let beyond_end = chain.inputs.max().is_none_or(|hi| a > hi);
                let before_start = chain.inputs.min().is_none_or(|lo| b <= lo);
                if beyond_end {
                    late.push(Break {
                        kind: BreakKind::InputMissing,
                        position: Some(chain.head.2.clone()),
                        chain: Some(id.clone()),
                        seq: Some(chain.head.0),
                        message: format!(
                            "{}: the chain ends at seq {} ({} of the audit) — cut short",
                            no_record(unit, a, b),
                            chain.head.0,
                            chain.head.2
                        ),
                    });
                } else if before_start && !chain.is_file {
                    late.push(Break {
                        kind: BreakKind::InputMissing,
                        position: Some(chain.first_position.clone()),
                        chain: Some(id.clone()),
                        seq: Some(chain.first_seq),
                        message: format!(
                            "{}: the chain's first record audits a later input",
                            no_record(unit, a, b)
                        ),
                    });
                } else if !chain.is_file && opts.allow_offset_gaps {
                    late.push(Break {
                        kind: BreakKind::InputMissing,
                        position: next.or_else(|| Some(chain.last_position.clone())),
                        chain: Some(id.clone()),
                        seq: None,
                        message: no_record(unit, a, b),
                    });
                }
            }
            if chain.is_file {
                if let Some(hi) = chain.inputs.max() {
                    if hi >= to {
                        late.push(Break {
                            kind: BreakKind::InputUnexpected,
                            position: Some(chain.head.2.clone()),
                            chain: Some(id.clone()),
                            seq: Some(chain.head.0),
                            message: format!(
                                "records audit lines up to {hi}, but only {} were expected",
                                to - 1
                            ),
                        });
                    }
                }
            }
        }
        for b in late {
            self.report(b);
        }

        let mut breaks: Vec<Break> = self.breaks.into_iter().flatten().collect();
        breaks.sort_by(|a, b| match (&a.position, &b.position) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let chains = self
            .chains
            .into_iter()
            .map(|(id, c)| ChainSummary {
                records: c.records,
                first_seq: c.first_seq,
                last_seq: c.head.0,
                input_unit: input_unit(c.is_file),
                first_input: c.inputs.min(),
                last_input: c.inputs.max(),
                first_position: c.first_position,
                last_position: c.last_position,
                head_hash: c.head.1,
                breaks: c.breaks,
                id,
            })
            .collect();
        Verification {
            schema: "leadguard.audit-verification/v1",
            source,
            records: self.records,
            ok: self.breaks_total == 0 && self.records > 0,
            breaks_total: self.breaks_total,
            chains,
            breaks,
            read,
        }
    }
}

/// The chain link a record claims, for records whose hash does not verify (so that one edited
/// record does not also break its neighbours' checks).
fn claimed_link(v: &Value) -> Option<ChainRef> {
    let c = v.get("chain")?;
    Some(ChainRef {
        id: c.get("id")?.as_str()?.to_string(),
        seq: c.get("seq")?.as_u64()?,
        prev: c.get("prev")?.as_str()?.to_string(),
        hash: c.get("hash")?.as_str()?.to_string(),
    })
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
    fn range_sets_merge_and_find_holes() {
        let mut r = RangeSet::default();
        for x in [1, 2, 3, 5, 4, 9, 7] {
            assert!(r.insert(
                x,
                &Position::Line {
                    line: x as u64 * 10
                }
            ));
        }
        assert!(!r.insert(3, &Position::Line { line: 99 }));
        assert_eq!(r.min(), Some(1));
        assert_eq!(r.max(), Some(9));
        let l = |line| Some(Position::Line { line });
        assert_eq!(r.missing(1, 10), vec![(6, 7, l(70)), (8, 9, l(90))]);
        assert_eq!(
            r.missing(0, 12),
            vec![(0, 1, l(10)), (6, 7, l(70)), (8, 9, l(90)), (10, 12, None)]
        );
        assert_eq!(r.0.len(), 3);
    }

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
