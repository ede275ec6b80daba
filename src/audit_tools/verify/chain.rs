//! Chain order, streamed: each record against its chain's recent links (hash, `prev`, `seq`),
//! with the bookkeeping that tells a deletion from a reordering or an inserted copy.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::audit::{genesis, verify_record, ChainError, ChainRef, InputRef};
use crate::crypto::TokenKey;
use crate::schema::{AuditSchema, Schema};

use super::finish::{input_unit, RangeSet};
use super::{Break, BreakKind};
use crate::audit_tools::source::{Position, RawRecord};

/// Links remembered per chain, to recognise copies and late records. Beyond it a late record is
/// still reported, with less detail.
const WINDOW: u64 = 100_000;
/// A forward jump larger than this is reported at once instead of being tracked seq by seq.
const MAX_TRACKED_GAP: u64 = 10_000;
/// Breaks kept for the output; more are counted.
const MAX_BREAKS_KEPT: usize = 10_000;

pub(super) struct Seen {
    hash: String,
    position: Position,
    /// This record jumped ahead of its chain (opened a gap): if it later turns out to be a copy,
    /// it is the copy that was put out of place, and the "reordered" reports it caused go.
    opened_gap: bool,
}

pub(super) struct Gap {
    pub(super) opened_at: Position,
    pub(super) opener_seq: u64,
}

pub(super) struct ChainState {
    pub(super) genesis: String,
    pub(super) records: u64,
    pub(super) breaks: u64,
    pub(super) last_seq: Option<u64>,
    pub(super) recent: BTreeMap<u64, Seen>,
    /// Records whose predecessor was not seen yet: (claimed prev, position).
    pub(super) pending_prev: BTreeMap<u64, (String, Position)>,
    pub(super) gaps: BTreeMap<u64, Gap>,
    /// Indices of "reordered" breaks, by the seq of the record that opened their gap.
    pub(super) reordered_by_opener: BTreeMap<u64, Vec<usize>>,
    pub(super) inputs: RangeSet,
    pub(super) is_file: bool,
    pub(super) first_seq: u64,
    pub(super) first_position: Position,
    pub(super) last_position: Position,
    pub(super) head: (u64, String, Position),
}

/// Streams records and collects breaks; [`Verifier::finish`] adds the completeness checks.
pub struct Verifier<'k> {
    pub(super) key: &'k TokenKey,
    pub(super) schema: AuditSchema,
    pub(super) chains: BTreeMap<String, ChainState>,
    pub(super) breaks: Vec<Option<Break>>,
    pub(super) breaks_total: u64,
    pub(super) records: u64,
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

    pub(super) fn report(&mut self, b: Break) -> Option<usize> {
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
                format!("hash verifies but the record does not match its audit schema: {inv}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditChain, AuditRecord};
    use crate::audit_tools::verify::{InputRange, Verification, VerifyOptions};
    use crate::crypto::SecretKey;

    fn key() -> TokenKey {
        TokenKey::new("a1", SecretKey::from_bytes([7; 32]))
    }

    /// A minimal record of input `topic/0@offset`.
    fn record(offset: i64, outcome: &str) -> AuditRecord {
        serde_json::from_value(serde_json::json!({
            "schema": "leadguard.audit/v2",
            "event_id": format!("e{offset}"),
            "subject_ref": null,
            "input": {"topic": "t", "partition": 0, "offset": offset},
            "processed_at": "2026-11-22T12:00:00Z",
            "outcome": outcome,
            "destinations": [],
            "flags": [],
            "findings": [],
            "policy": {"version": "v", "sha256": "0".repeat(64)},
            "chain": {"id": "", "seq": 0, "prev": ""}
        }))
        .unwrap()
    }

    fn sealed(chain: &mut AuditChain, offset: i64, outcome: &str) -> Vec<u8> {
        chain.seal(&mut record(offset, outcome))
    }

    fn run(lines: &[Vec<u8>], opts: &VerifyOptions) -> Verification {
        let k = key();
        let mut v = Verifier::new(&k);
        for (i, l) in lines.iter().enumerate() {
            v.push(RawRecord {
                position: Position::Kafka {
                    partition: 0,
                    offset: i as i64,
                },
                bytes: l.clone(),
            });
        }
        v.finish(opts, "test".into(), Default::default())
    }

    fn kinds(v: &Verification) -> Vec<(&'static str, i64)> {
        v.breaks
            .iter()
            .map(|b| {
                let at = match &b.position {
                    Some(Position::Kafka { offset, .. }) => *offset,
                    _ => -1,
                };
                (b.kind.code(), at)
            })
            .collect()
    }

    #[test]
    fn a_clean_chain_verifies() {
        let mut c = AuditChain::new(key(), "t/0".into(), None);
        let lines: Vec<_> = (0..5).map(|o| sealed(&mut c, o, "forwarded")).collect();
        let v = run(&lines, &VerifyOptions::default());
        assert!(v.ok, "{}", v.render_text());
        assert_eq!(v.chains[0].records, 5);
    }

    #[test]
    fn a_different_record_with_a_used_seq_is_a_conflict() {
        let mut a = AuditChain::new(key(), "t/0".into(), None);
        let mut b = AuditChain::new(key(), "t/0".into(), None);
        let mut lines: Vec<_> = (0..3).map(|o| sealed(&mut a, o, "forwarded")).collect();
        let forged = sealed(&mut b, 0, "dropped"); // seq 0 again, valid hash (key holder)
        lines.push(forged);
        let v = run(&lines, &VerifyOptions::default());
        assert_eq!(kinds(&v), [("chain.seq_conflict", 3)]);
    }

    #[test]
    fn a_replaced_record_breaks_both_links() {
        let mut a = AuditChain::new(key(), "t/0".into(), None);
        let mut b = AuditChain::new(key(), "t/0".into(), None);
        let mut lines: Vec<_> = (0..3).map(|o| sealed(&mut a, o, "forwarded")).collect();
        sealed(&mut b, 0, "dropped");
        lines[1] = sealed(&mut b, 1, "dropped"); // seq 1 of another history
        let v = run(&lines, &VerifyOptions::default());
        assert_eq!(
            kinds(&v),
            [("chain.prev_mismatch", 1), ("chain.prev_mismatch", 2)]
        );
    }

    #[test]
    fn a_huge_jump_is_reported_at_once() {
        let mut a = AuditChain::new(key(), "t/0".into(), None);
        let first = sealed(&mut a, 0, "forwarded");
        let mut far = AuditChain::new(key(), "t/0".into(), Some((50_000, "ab".repeat(32))));
        let v = run(
            &[first, sealed(&mut far, 1, "forwarded")],
            &VerifyOptions::default(),
        );
        assert_eq!(kinds(&v), [("chain.seq_jump", 1)]);
    }

    #[test]
    fn inputs_audited_twice_skipped_or_absent_are_named() {
        let mut a = AuditChain::new(key(), "t/0".into(), None);
        let lines = vec![
            sealed(&mut a, 0, "forwarded"),
            sealed(&mut a, 1, "forwarded"),
            sealed(&mut a, 1, "forwarded"), // input offset 1 again
            sealed(&mut a, 3, "forwarded"), // offset 2 skipped
        ];
        let opts = VerifyOptions {
            input_ranges: vec![
                "t/0=0..4".parse::<InputRange>().unwrap(),
                "t/1=0..10".parse::<InputRange>().unwrap(),
            ],
            ..Default::default()
        };
        let v = run(&lines, &opts);
        assert_eq!(
            kinds(&v),
            [
                ("input.duplicate", 2),
                ("input.gap", 3),
                ("chain.absent", -1)
            ]
        );
        let gaps_allowed = run(
            &lines,
            &VerifyOptions {
                allow_offset_gaps: true,
                ..Default::default()
            },
        );
        assert_eq!(kinds(&gaps_allowed), [("input.duplicate", 2)]);
    }

    #[test]
    fn an_empty_source_does_not_verify() {
        let v = run(&[], &VerifyOptions::default());
        assert!(!v.ok);
        assert_eq!(kinds(&v), [("chain.absent", -1)]);
    }
}
