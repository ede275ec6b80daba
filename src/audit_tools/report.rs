//! `audit report`: what the guard decided over a time window, as counts (A1: the controller
//! demonstrates compliance). Counts only — the report never holds a token, an event id or any
//! other per-person value, so it can be shared beyond the people allowed to see the trail.
//!
//! Counting rules (the same as `leadguard run`'s summary, so the two can be reconciled):
//! - events: one per audit record, by record outcome (`forwarded` to at least one destination,
//!   `dropped`, `rejected`);
//! - per destination: `events_in` = records that name the destination (rejected events name
//!   none), split into `forwarded` and `blocked`;
//! - refusals: every reason of every blocked destination, plus the reason of every rejection; a
//!   destination blocked for two reasons counts under both. Rule ids come from the reason codes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::audit::AuditRecord;
use crate::clock::{self, Timestamp};
use crate::verdict::{DestOutcome, InterconnectionStatus, Outcome, Reason};

use super::source::Source;
use super::{AuditToolError, Window};

/// Time bucket of the decisions-over-time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Hour,
    Day,
}

impl Bucket {
    fn seconds(self) -> i64 {
        match self {
            Bucket::Hour => 3600,
            Bucket::Day => 86_400,
        }
    }
}

/// Above this many buckets the series is sparse (empty buckets left out).
const MAX_FILLED_BUCKETS: i64 = 2_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Events {
    #[serde(rename = "in")]
    pub input: u64,
    pub forwarded: u64,
    pub dropped: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DestinationCounts {
    pub name: String,
    pub events_in: u64,
    pub forwarded: u64,
    pub blocked: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: String,
    /// Rule ids of RULES.md (`C1`, `T3`…); empty for a code this version does not know.
    pub rules: Vec<String>,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferCount {
    pub country: String,
    pub safeguard: String,
    pub destination: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryCount {
    pub country: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterconnectionCount {
    pub datasets: Vec<String>,
    pub status: InterconnectionStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Interconnections {
    pub authorised: u64,
    pub unauthorised: u64,
    pub correlated: u64,
    pub details: Vec<InterconnectionCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingCount {
    pub category: String,
    pub count: u64,
    /// Per action taken (`remove`, `encrypt`, `redact`…).
    pub actions: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Withdrawals {
    /// Sum of the records' `withdrawals_applied` (channel refusals caused by withdrawals
    /// received on the withdrawals stream, C6).
    pub withdrawals_applied: u64,
    /// Records with at least one such refusal.
    pub events_affected: u64,
    /// `consent.withdrawn` refusals of destinations (withdrawals in the event itself included).
    pub consent_withdrawn: u64,
}

/// Erasure requests (GDPR art. 17): counted apart from lead events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erasures {
    /// Requests applied (records of kind `erasure`, outcome `erased`).
    pub applied: u64,
    /// Requests refused as invalid (they changed nothing).
    pub refused: u64,
    /// Sum of the subject keys destroyed the applied records report.
    pub keys_destroyed: u64,
    /// Erasure-to-shred lag: from the person's request (`erasure.at`) to the keys destroyed
    /// (`processed_at`), in seconds; absent without applied requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lag_seconds: Option<Lag>,
}

/// A lag distribution, in whole seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lag {
    pub min: i64,
    pub median: i64,
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagCount {
    pub flag: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TimeBucket {
    /// Start of the bucket (RFC 3339, UTC).
    pub start: String,
    pub forwarded: u64,
    pub dropped: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub bucket: Bucket,
    pub buckets: Vec<TimeBucket>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowOut {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Earliest and latest `processed_at` of the records counted.
    pub first_processed_at: Option<String>,
    pub last_processed_at: Option<String>,
}

/// The report (`leadguard.audit-report/v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub source: String,
    pub generated_at: String,
    pub window: WindowOut,
    pub events: Events,
    pub destinations: Vec<DestinationCounts>,
    pub refusals: Vec<ReasonCount>,
    pub refusals_by_rule: Vec<RuleCount>,
    pub transfers: Vec<TransferCount>,
    pub transfers_by_country: Vec<CountryCount>,
    pub interconnections: Interconnections,
    pub sensitive_findings: Vec<FindingCount>,
    pub withdrawals: Withdrawals,
    pub erasures: Erasures,
    pub flags: Vec<FlagCount>,
    pub timeline: Timeline,
    /// Lines/messages that are not audit records (run `audit verify` to see where).
    pub unreadable_records: u64,
    /// Records outside the window.
    pub outside_window: u64,
}

/// Accumulates records into a [`Report`].
#[derive(Debug, Default)]
pub struct Aggregator {
    window: Window,
    events: Events,
    dest_order: Vec<String>,
    dests: BTreeMap<String, DestinationCounts>,
    reasons: BTreeMap<String, u64>,
    transfers: BTreeMap<(String, String, String), u64>,
    interconnections: BTreeMap<(Vec<String>, InterconnectionStatus, Option<String>), u64>,
    findings: BTreeMap<String, BTreeMap<String, u64>>,
    withdrawals: Withdrawals,
    erasures: Erasures,
    /// Lags of the applied erasures, in seconds.
    erasure_lags: Vec<i64>,
    flags: BTreeMap<String, u64>,
    /// Bucket-less timeline: processed_at (seconds) → outcome counts.
    times: BTreeMap<Timestamp, [u64; 3]>,
    unreadable: u64,
    outside: u64,
}

impl Aggregator {
    pub fn new(window: Window) -> Self {
        Aggregator {
            window,
            ..Default::default()
        }
    }

    /// A line that is not an audit record.
    pub fn unreadable(&mut self) {
        self.unreadable += 1;
    }

    /// Counts one record (if it falls in the window).
    pub fn add(&mut self, r: &AuditRecord) {
        if !self.window.contains_record(r) {
            self.outside += 1;
            return;
        }
        if r.kind.as_deref() == Some(crate::erasure::ERASURE_KIND) {
            match &r.erasure {
                Some(e) if r.outcome == Outcome::Erased => {
                    self.erasures.applied += 1;
                    self.erasures.keys_destroyed += u64::from(e.keys_destroyed);
                    if let (Some(at), Some(done)) =
                        (clock::parse(&e.at), clock::parse(&r.processed_at))
                    {
                        self.erasure_lags.push((done - at).max(0));
                    }
                }
                _ => self.erasures.refused += 1,
            }
            return;
        }
        self.events.input += 1;
        let slot = match r.outcome {
            Outcome::Forwarded => {
                self.events.forwarded += 1;
                0
            }
            Outcome::Dropped => {
                self.events.dropped += 1;
                1
            }
            Outcome::Rejected => {
                self.events.rejected += 1;
                2
            }
            // Only erasure records have this outcome; a lead record with it is not counted.
            Outcome::Erased => return,
        };
        if let Some(t) = clock::parse(&r.processed_at) {
            self.times.entry(t).or_default()[slot] += 1;
        }
        for reason in &r.reasons {
            *self.reasons.entry(reason.to_string()).or_default() += 1;
        }
        for d in &r.destinations {
            let name = d.name.to_string();
            let c = self.dests.entry(name.clone()).or_insert_with(|| {
                self.dest_order.push(name.clone());
                DestinationCounts {
                    name,
                    events_in: 0,
                    forwarded: 0,
                    blocked: 0,
                }
            });
            c.events_in += 1;
            if d.outcome == DestOutcome::Forwarded {
                c.forwarded += 1;
                if let Some(t) = &d.transfer {
                    *self
                        .transfers
                        .entry((
                            t.country.to_string(),
                            t.safeguard.to_string(),
                            d.name.to_string(),
                        ))
                        .or_default() += 1;
                }
            } else {
                c.blocked += 1;
                for reason in &d.reasons {
                    *self.reasons.entry(reason.to_string()).or_default() += 1;
                    if reason == "consent.withdrawn" {
                        self.withdrawals.consent_withdrawn += 1;
                    }
                }
            }
        }
        for i in &r.interconnections {
            *self
                .interconnections
                .entry((i.datasets.clone(), i.status, i.reference.clone()))
                .or_default() += 1;
        }
        for f in &r.findings {
            *self
                .findings
                .entry(f.category.to_string())
                .or_default()
                .entry(f.action.to_string())
                .or_default() += 1;
        }
        if r.withdrawals_applied > 0 {
            self.withdrawals.withdrawals_applied += u64::from(r.withdrawals_applied);
            self.withdrawals.events_affected += 1;
        }
        for f in &r.flags {
            *self.flags.entry(f.to_string()).or_default() += 1;
        }
    }

    /// The report. `bucket`: `None` chooses hours for a span of up to three days, else days.
    pub fn finish(self, source: String, bucket: Option<Bucket>, generated_at: Timestamp) -> Report {
        let first = self.times.keys().next().copied();
        let last = self.times.keys().next_back().copied();
        let bucket = bucket.unwrap_or(match (first, last) {
            (Some(a), Some(b)) if b - a > 3 * 86_400 => Bucket::Day,
            _ => Bucket::Hour,
        });
        let width = bucket.seconds();
        let mut per_bucket: BTreeMap<Timestamp, [u64; 3]> = BTreeMap::new();
        for (t, c) in &self.times {
            let b = per_bucket.entry(t.div_euclid(width) * width).or_default();
            for i in 0..3 {
                b[i] += c[i];
            }
        }
        if let (Some(a), Some(b)) = (
            per_bucket.keys().next().copied(),
            per_bucket.keys().next_back().copied(),
        ) {
            if (b - a) / width <= MAX_FILLED_BUCKETS {
                let mut t = a;
                while t <= b {
                    per_bucket.entry(t).or_default();
                    t += width;
                }
            }
        }
        let buckets = per_bucket
            .into_iter()
            .map(|(t, c)| TimeBucket {
                start: clock::format(t),
                forwarded: c[0],
                dropped: c[1],
                rejected: c[2],
            })
            .collect();

        let mut refusals: Vec<ReasonCount> = self
            .reasons
            .iter()
            .map(|(reason, count)| ReasonCount {
                reason: reason.clone(),
                rules: Reason::parse(reason)
                    .map(|r| r.rules().split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                count: *count,
            })
            .collect();
        refusals.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
        let mut rules: BTreeMap<String, u64> = BTreeMap::new();
        for r in &refusals {
            for rule in &r.rules {
                *rules.entry(rule.clone()).or_default() += r.count;
            }
        }
        let mut refusals_by_rule: Vec<RuleCount> = rules
            .into_iter()
            .map(|(rule, count)| RuleCount { rule, count })
            .collect();
        refusals_by_rule.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(&b.rule)));

        let mut transfers: Vec<TransferCount> = self
            .transfers
            .iter()
            .map(|((country, safeguard, destination), count)| TransferCount {
                country: country.clone(),
                safeguard: safeguard.clone(),
                destination: destination.clone(),
                count: *count,
            })
            .collect();
        transfers.sort_by(|a, b| b.count.cmp(&a.count).then(a.country.cmp(&b.country)));
        let mut by_country: BTreeMap<String, u64> = BTreeMap::new();
        for t in &transfers {
            *by_country.entry(t.country.clone()).or_default() += t.count;
        }
        let mut transfers_by_country: Vec<CountryCount> = by_country
            .into_iter()
            .map(|(country, count)| CountryCount { country, count })
            .collect();
        transfers_by_country.sort_by(|a, b| b.count.cmp(&a.count).then(a.country.cmp(&b.country)));

        let mut interconnections = Interconnections::default();
        for ((datasets, status, reference), count) in self.interconnections {
            match status {
                InterconnectionStatus::Authorised => interconnections.authorised += count,
                InterconnectionStatus::Unauthorised => interconnections.unauthorised += count,
                InterconnectionStatus::Correlated => interconnections.correlated += count,
            }
            interconnections.details.push(InterconnectionCount {
                datasets,
                status,
                reference,
                count,
            });
        }
        interconnections
            .details
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.status.cmp(&b.status)));

        let mut sensitive_findings: Vec<FindingCount> = self
            .findings
            .into_iter()
            .map(|(category, actions)| FindingCount {
                count: actions.values().sum(),
                category,
                actions,
            })
            .collect();
        sensitive_findings.sort_by(|a, b| b.count.cmp(&a.count).then(a.category.cmp(&b.category)));

        let mut flags: Vec<FlagCount> = self
            .flags
            .into_iter()
            .map(|(flag, count)| FlagCount { flag, count })
            .collect();
        flags.sort_by(|a, b| b.count.cmp(&a.count).then(a.flag.cmp(&b.flag)));

        let (from, to) = self.window.bounds();
        let mut erasures = self.erasures;
        let mut lags = self.erasure_lags;
        lags.sort_unstable();
        if let (Some(min), Some(max)) = (lags.first(), lags.last()) {
            erasures.lag_seconds = Some(Lag {
                min: *min,
                median: lags[lags.len() / 2],
                max: *max,
            });
        }
        let mut dests = self.dests;
        let destinations = self
            .dest_order
            .iter()
            .filter_map(|n| dests.remove(n))
            .collect();
        Report {
            schema: "leadguard.audit-report/v1",
            source,
            generated_at: clock::format(generated_at),
            window: WindowOut {
                from,
                to,
                first_processed_at: first.map(clock::format),
                last_processed_at: last.map(clock::format),
            },
            events: self.events,
            destinations,
            refusals,
            refusals_by_rule,
            transfers,
            transfers_by_country,
            interconnections,
            sensitive_findings,
            withdrawals: self.withdrawals,
            erasures,
            flags,
            timeline: Timeline { bucket, buckets },
            unreadable_records: self.unreadable,
            outside_window: self.outside,
        }
    }
}

/// Reads a source and aggregates every record in the window.
pub fn build(
    source: &Source,
    window: Window,
    bucket: Option<Bucket>,
    now: Timestamp,
) -> Result<Report, AuditToolError> {
    let mut agg = Aggregator::new(window);
    source.read(
        |raw| match serde_json::from_slice::<AuditRecord>(&raw.bytes) {
            Ok(r) => agg.add(&r),
            Err(_) => agg.unreadable(),
        },
    )?;
    Ok(agg.finish(source.describe(), bucket, now))
}

/// Escapes a table cell (pipes and line breaks would break the table).
pub(crate) fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

impl Report {
    /// The report as JSON (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises")
    }

    /// The report as Markdown tables.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let w = &self.window;
        let _ = writeln!(s, "# leadguard audit report\n");
        let _ = writeln!(
            s,
            "- Source: {}\n- Window (processed_at): {} → {}\n- Records counted: first {} · last {}\n- Generated: {}",
            md_cell(&self.source),
            w.from.as_deref().unwrap_or("beginning"),
            w.to.as_deref().unwrap_or("end"),
            w.first_processed_at.as_deref().unwrap_or("—"),
            w.last_processed_at.as_deref().unwrap_or("—"),
            self.generated_at
        );
        if self.unreadable_records > 0 {
            let _ = writeln!(
                s,
                "- **{} line(s) are not audit records** — run `leadguard audit verify`",
                self.unreadable_records
            );
        }
        let e = &self.events;
        let _ = writeln!(s, "\n## Decisions\n");
        let _ = writeln!(
            s,
            "| events in | forwarded | dropped | rejected |\n|---:|---:|---:|---:|"
        );
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            e.input, e.forwarded, e.dropped, e.rejected
        );
        let _ = writeln!(s, "\n## Per destination\n");
        let _ = writeln!(
            s,
            "| destination | events in | forwarded | blocked |\n|---|---:|---:|---:|"
        );
        for d in &self.destinations {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md_cell(&d.name),
                d.events_in,
                d.forwarded,
                d.blocked
            );
        }
        let _ = writeln!(s, "\n## Refusals by reason\n");
        let _ = writeln!(s, "| reason | rules | count |\n|---|---|---:|");
        for r in &self.refusals {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} |",
                md_cell(&r.reason),
                r.rules.join(", "),
                r.count
            );
        }
        let _ = writeln!(s, "\n## Refusals by rule\n");
        let _ = writeln!(s, "| rule | count |\n|---|---:|");
        for r in &self.refusals_by_rule {
            let _ = writeln!(s, "| {} | {} |", r.rule, r.count);
        }
        let _ = writeln!(s, "\n## Transfers outside the EEA\n");
        let _ = writeln!(
            s,
            "| country | safeguard | destination | forwarded copies |\n|---|---|---|---:|"
        );
        for t in &self.transfers {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md_cell(&t.country),
                md_cell(&t.safeguard),
                md_cell(&t.destination),
                t.count
            );
        }
        let i = &self.interconnections;
        let _ = writeln!(s, "\n## Interconnections\n");
        let _ = writeln!(
            s,
            "| authorised | unauthorised | correlated |\n|---:|---:|---:|\n| {} | {} | {} |\n",
            i.authorised, i.unauthorised, i.correlated
        );
        let _ = writeln!(
            s,
            "| datasets | status | reference | count |\n|---|---|---|---:|"
        );
        for d in &i.details {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md_cell(&d.datasets.join(" + ")),
                md_cell(d.status.as_str()),
                md_cell(d.reference.as_deref().unwrap_or("—")),
                d.count
            );
        }
        let _ = writeln!(s, "\n## Sensitive findings\n");
        let _ = writeln!(s, "| category | count | actions |\n|---|---:|---|");
        for f in &self.sensitive_findings {
            let actions: Vec<String> = f.actions.iter().map(|(a, n)| format!("{a} {n}")).collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                md_cell(&f.category),
                f.count,
                actions.join(", ")
            );
        }
        let wd = &self.withdrawals;
        let _ = writeln!(s, "\n## Withdrawals (C6)\n");
        let _ = writeln!(
            s,
            "| refusals from the withdrawals stream | events affected | consent.withdrawn refusals |\n|---:|---:|---:|\n| {} | {} | {} |",
            wd.withdrawals_applied, wd.events_affected, wd.consent_withdrawn
        );
        let er = &self.erasures;
        let _ = writeln!(s, "\n## Erasure requests (GDPR art. 17)\n");
        let lag = er.lag_seconds.as_ref().map_or("—".to_string(), |l| {
            format!("{} / {} / {}", l.min, l.median, l.max)
        });
        let _ = writeln!(
            s,
            "| applied | refused (invalid) | subject keys destroyed | erasure-to-shred lag, s (min / median / max) |\n|---:|---:|---:|---|\n| {} | {} | {} | {} |",
            er.applied, er.refused, er.keys_destroyed, lag
        );
        let _ = writeln!(
            s,
            "\n## Decisions over time ({})\n",
            match self.timeline.bucket {
                Bucket::Hour => "per hour",
                Bucket::Day => "per day",
            }
        );
        let _ = writeln!(
            s,
            "| from | forwarded | dropped | rejected |\n|---|---:|---:|---:|"
        );
        for b in &self.timeline.buckets {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                b.start, b.forwarded, b.dropped, b.rejected
            );
        }
        let _ = writeln!(s, "\n## Flags\n");
        let _ = writeln!(s, "| flag | count |\n|---|---:|");
        for f in &self.flags {
            let _ = writeln!(s, "| `{}` | {} |", md_cell(&f.flag), f.count);
        }
        s
    }
}
