//! The end of a read: what is still missing (deleted records) and whether every input has its
//! record (completeness, A2) — the part the chain alone cannot prove.

use std::collections::BTreeMap;

use super::chain::Verifier;
use super::{Break, BreakKind, ChainSummary, Verification, VerifyOptions};
use crate::audit_tools::source::{Position, ReadStats};

/// Input positions seen, as disjoint half-open intervals (contiguous inputs cost one entry),
/// each with the audit position of the record that audits its first input — so that a hole can
/// be located "before" a record of the trail.
#[derive(Default)]
pub(super) struct RangeSet(BTreeMap<i64, (i64, Position)>);

impl RangeSet {
    /// Adds input `x` audited at `at`; false if it was already there.
    pub(super) fn insert(&mut self, x: i64, at: &Position) -> bool {
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
    pub(super) fn missing(&self, from: i64, to: i64) -> Vec<(i64, i64, Option<Position>)> {
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

    pub(super) fn min(&self) -> Option<i64> {
        self.0.keys().next().copied()
    }

    pub(super) fn max(&self) -> Option<i64> {
        self.0.values().next_back().map(|(e, _)| e - 1)
    }
}

pub(super) fn input_unit(is_file: bool) -> &'static str {
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

impl Verifier<'_> {
    /// Reports what is still missing and checks input completeness.
    pub fn finish(mut self, opts: &VerifyOptions, source: String, read: ReadStats) -> Verification {
        let mut late: Vec<Break> = Vec::new();
        if self.records == 0 {
            late.push(Break {
                kind: BreakKind::ChainAbsent,
                position: None,
                chain: None,
                seq: None,
                message: "the source holds no audit record".into(),
            });
        }
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
}
