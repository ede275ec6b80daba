//! Prometheus metrics of Kafka mode: names as constants, labels low-cardinality only.
//!
//! Labels are outcomes, destination names (from the policy), reason and flag codes, topic and
//! partition: bounded sets fixed by the policy and the topics. Never an event id, a subject token
//! or any value from an event. Per-event counters are resolved once into handles
//! ([`EventMetrics`]) so the hot path does a few atomic additions and no label formatting.

use std::collections::HashMap;

use metrics::{counter, histogram, Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::engine::Processed;
use crate::policy::Policy;
use crate::verdict::{DestOutcome, Flag, Outcome, Reason};

/// Input events judged, by `outcome` (forwarded, dropped, rejected).
pub const EVENTS_TOTAL: &str = "leadguard_events_total";
/// Per-destination decisions, by `destination` and `outcome` (forwarded, blocked).
pub const DESTINATION_EVENTS_TOTAL: &str = "leadguard_destination_events_total";
/// Refusal reasons of blocked destinations and rejected events, by `reason`.
pub const REFUSALS_TOTAL: &str = "leadguard_refusals_total";
/// Flags recorded on events, by `flag`.
pub const FLAGS_TOTAL: &str = "leadguard_flags_total";
/// Channel refusals caused by a withdrawal from the withdrawals topic (C6).
pub const WITHDRAWAL_REFUSALS_TOTAL: &str = "leadguard_withdrawal_refusals_total";
/// Input events judged by each judging worker, by `worker` (0 … `pipeline.workers` − 1): how
/// evenly the partitions spread over the cores.
pub const WORKER_EVENTS_TOTAL: &str = "leadguard_worker_events_total";
/// Time the engine spent judging one event.
pub const JUDGE_SECONDS: &str = "leadguard_judge_seconds";
/// From receiving an input event to storing its offset (its outputs and audit record
/// acknowledged): the guard's own processing latency.
pub const PROCESSING_SECONDS: &str = "leadguard_processing_seconds";
/// Audit records acknowledged by the broker.
pub const AUDIT_RECORDS_TOTAL: &str = "leadguard_audit_records_total";
/// Input events skipped because the audit topic already holds their record (after a crash).
pub const INPUTS_SKIPPED_TOTAL: &str = "leadguard_inputs_skipped_total";
/// Events judged but not yet acknowledged end to end.
pub const IN_FLIGHT_EVENTS: &str = "leadguard_in_flight_events";
/// Messages not yet processed per input partition (high watermark − stored offset), by `topic`
/// and `partition`, from librdkafka statistics.
pub const CONSUMER_LAG: &str = "leadguard_consumer_lag_messages";
/// Chain heads recovered at partition assignment, by `result` (resumed, new).
pub const CHAIN_RECOVERIES_TOTAL: &str = "leadguard_chain_recoveries_total";
/// Partition assignment changes, by `kind` (assign, revoke).
pub const REBALANCES_TOTAL: &str = "leadguard_rebalances_total";
/// Transactions, by `result` (committed, aborted) — exactly-once mode.
pub const TRANSACTIONS_TOTAL: &str = "leadguard_transactions_total";
/// Withdrawals applied to the table.
pub const WITHDRAWALS_APPLIED_TOTAL: &str = "leadguard_withdrawals_applied_total";
/// Withdrawal messages refused (not JSON, invalid, no identity) or ignored (tombstones).
pub const WITHDRAWALS_REFUSED_TOTAL: &str = "leadguard_withdrawals_refused_total";
/// 1 once the whole withdrawals topic has been read.
pub const WITHDRAWALS_LOADED: &str = "leadguard_withdrawals_loaded";
/// Withdrawal-to-enforcement lag: from the withdrawal message's timestamp (or its `at` when the
/// message has none) to the moment it applies to every later event. Observed for withdrawals
/// that arrive while running, not for the start-up load.
pub const WITHDRAWAL_LAG_SECONDS: &str = "leadguard_withdrawal_lag_seconds";
/// The last observed withdrawal-to-enforcement lag.
pub const WITHDRAWAL_LAG_LAST_SECONDS: &str = "leadguard_withdrawal_lag_last_seconds";
/// Erasure requests audited by this instance (the owner of their partition), by `result`
/// (`applied`, `refused`: invalid, changed nothing).
pub const ERASURES_TOTAL: &str = "leadguard_erasures_total";
/// Erasure-to-shred lag: from the person's request (`at`) to the moment their keys are
/// destroyed and every purpose withdrawn, observed once per applied erasure.
pub const ERASURE_LAG_SECONDS: &str = "leadguard_erasure_lag_seconds";
/// Subject keys held by this instance (live, not destroyed).
pub const SUBJECT_KEYS: &str = "leadguard_subject_keys";
/// Subject keys this instance created and had acknowledged.
pub const SUBJECT_KEYS_CREATED_TOTAL: &str = "leadguard_subject_keys_created_total";
/// Subject keys destroyed, by `by`: `erasure` (this instance applied an erasure) or `topic`
/// (a tombstone written by another instance).
pub const SUBJECT_KEYS_DESTROYED_TOTAL: &str = "leadguard_subject_keys_destroyed_total";
/// 1 when ready (see `/ready`), else 0.
pub const READY: &str = "leadguard_ready";
/// Kafka client errors reported by librdkafka, by `code`.
pub const KAFKA_ERRORS_TOTAL: &str = "leadguard_kafka_errors_total";

/// Installs the global recorder; `/metrics` renders the handle.
pub fn install() -> Result<PrometheusHandle, String> {
    let latency = [
        0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1.0, 2.5, 5.0, 10.0,
    ];
    let lag = [
        0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0,
    ];
    // GDPR art. 12(3): an erasure is due within a month; requests come from a DPO's queue.
    let erasure = [
        1.0,
        10.0,
        60.0,
        600.0,
        3600.0,
        21_600.0,
        86_400.0,
        259_200.0,
        604_800.0,
        2_592_000.0,
    ];
    PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(JUDGE_SECONDS.into()), &latency)
        .and_then(|b| b.set_buckets_for_metric(Matcher::Full(PROCESSING_SECONDS.into()), &latency))
        .and_then(|b| b.set_buckets_for_metric(Matcher::Full(WITHDRAWAL_LAG_SECONDS.into()), &lag))
        .and_then(|b| b.set_buckets_for_metric(Matcher::Full(ERASURE_LAG_SECONDS.into()), &erasure))
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())
}

/// Per-event counters, resolved once for the policy's destinations and the contract's codes.
#[derive(Debug)]
pub struct EventMetrics {
    outcomes: [Counter; 3],
    forwarded: Vec<Counter>,
    blocked: Vec<Counter>,
    reasons: HashMap<&'static str, Counter>,
    flags: HashMap<&'static str, Counter>,
    withdrawal_refusals: Counter,
    judge: Histogram,
}

impl EventMetrics {
    pub fn new(policy: &Policy) -> Self {
        let dest = |outcome: &'static str| -> Vec<Counter> {
            policy
                .destinations
                .iter()
                .map(|d| {
                    counter!(DESTINATION_EVENTS_TOTAL, "destination" => d.name.to_string(), "outcome" => outcome)
                })
                .collect()
        };
        EventMetrics {
            outcomes: Outcome::ALL.map(|o| counter!(EVENTS_TOTAL, "outcome" => o.as_str())),
            forwarded: dest("forwarded"),
            blocked: dest("blocked"),
            reasons: Reason::ALL
                .iter()
                .map(|r| (r.as_str(), counter!(REFUSALS_TOTAL, "reason" => r.as_str())))
                .collect(),
            flags: Flag::ALL
                .iter()
                .map(|f| (f.as_str(), counter!(FLAGS_TOTAL, "flag" => f.as_str())))
                .collect(),
            withdrawal_refusals: counter!(WITHDRAWAL_REFUSALS_TOTAL),
            judge: histogram!(JUDGE_SECONDS),
        }
    }

    /// Counts one judged event (from its audit record: the same codes the audit holds).
    pub fn record(&self, p: &Processed, judge_seconds: f64) {
        self.judge.record(judge_seconds);
        let o = Outcome::ALL
            .iter()
            .position(|o| *o == p.outcome)
            .unwrap_or_default();
        self.outcomes[o].increment(1);
        for r in &p.audit.reasons {
            if let Some(c) = self.reasons.get(&**r) {
                c.increment(1);
            }
        }
        for (i, d) in p.audit.destinations.iter().enumerate() {
            if d.outcome == DestOutcome::Forwarded {
                if let Some(c) = self.forwarded.get(i) {
                    c.increment(1);
                }
            } else {
                if let Some(c) = self.blocked.get(i) {
                    c.increment(1);
                }
                for r in &d.reasons {
                    if let Some(c) = self.reasons.get(&**r) {
                        c.increment(1);
                    }
                }
            }
        }
        for f in &p.audit.flags {
            if let Some(c) = self.flags.get(&**f) {
                c.increment(1);
            }
        }
        if p.audit.withdrawals_applied > 0 {
            self.withdrawal_refusals
                .increment(u64::from(p.audit.withdrawals_applied));
        }
    }
}
