//! Chain-head recovery: where an input partition's audit chain stopped, read back from the
//! audit topic when the partition is assigned.
//!
//! Each input partition has its own chain (`<topic>/<partition>`), written to audit partition
//! `partition % audit partitions`. When an instance is given an input partition it needs (a) the
//! chain's last record (sequence and hash) to link the next record to, and (b) that record's
//! input offset: inputs at or below it were already audited (by a previous owner, or by this
//! instance before a crash, after the outputs but before the offset was committed) and must be
//! skipped, so that the audit never holds two records for one input.
//!
//! The chain's last record is near the end of its audit partition, so the reader scans a window
//! that ends at the partition's end and starts `window` records before the reported high
//! watermark, widening the window (×4) until every wanted chain is found or the window reaches
//! the log start. "The end" is the end-of-partition event librdkafka raises when a fetch reaches
//! the high watermark carried by the Fetch response; the ListOffsets answer (`fetch_watermarks`)
//! is only used as the starting point, because some brokers (tansu 0.6 on `memory://`) answer it
//! with the base offset of the last batch + 1. Such an answer is never above the true end, so the
//! window still covers the tail; an answer above the end would only make the reader fall back to
//! the log start (`auto.offset.reset=earliest`).
//!
//! The head record's own hash is verified with the audit key before the chain is extended: a
//! tampered head stops the partition rather than hiding the tampering under new records.
//!
//! When the policy checkpoints, the chain's Merkle tree must continue too: the new owner takes
//! the tree of the chain's latest checkpoint ([`super::checkpoints`]) and the leaf hashes of the
//! records written after it, which this scan collects (`tails_from`: the first sequence number
//! needed per chain), widening the window until they are all found.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use serde::Deserialize;
use tokio_util::sync::CancellationToken;

use crate::audit::{verify_record, ChainRef, InputRef};
use crate::crypto::TokenKey;
use crate::merkle::Hash;

use super::backoff::{Backoff, Cancelled};
use super::clients::{self, ClientCtx};
use super::config::Settings;
use super::events::{self, Site};
use super::status::{Client, Status};

/// The last record of a chain in the audit topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: String,
    /// Input offset the record audits: every input at or below it is already audited.
    pub input_offset: i64,
    /// Where the record sits in the audit topic.
    pub audit_partition: i32,
    pub audit_offset: i64,
}

/// Recovery could not complete.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("cannot create the audit reader: {0}")]
    Client(KafkaError),
    #[error(
        "audit chain {chain}: its last record (audit partition {partition}, offset {offset}) fails \
         verification ({why}); refusing to extend a tampered chain"
    )]
    Tampered {
        chain: String,
        partition: i32,
        offset: i64,
        why: String,
    },
    #[error("chain recovery cancelled")]
    Cancelled,
}

/// The parts of an audit record recovery needs.
#[derive(Deserialize)]
struct Link {
    input: InputRef,
    chain: ChainRef,
}

/// Audit partition of an input partition's chain.
pub fn audit_partition(input_partition: i32, audit_partitions: i32) -> i32 {
    input_partition.rem_euclid(audit_partitions.max(1))
}

/// What recovery found.
#[derive(Debug, Default)]
pub struct Recovered {
    /// The head of each chain that has a record.
    pub heads: HashMap<String, ChainHead>,
    /// Per chain of `tails_from`, the leaf hashes of its records from that sequence number on.
    pub tails: HashMap<String, BTreeMap<u64, Hash>>,
}

/// Finds the heads of `wanted` chains (chain id → audit partition), and the leaf hashes of the
/// records of `tails_from` chains from the given sequence number on. Chains with no record are
/// absent from the result. Blocks; retries broker errors until `cancel`.
pub fn recover(
    settings: &Settings,
    status: &Arc<Status>,
    key: &TokenKey,
    wanted: &BTreeMap<String, i32>,
    tails_from: &HashMap<String, u64>,
    cancel: &CancellationToken,
) -> Result<Recovered, RecoveryError> {
    let started = Instant::now();
    let topic = settings.audit_topic.as_str();
    let mut by_partition: BTreeMap<i32, BTreeSet<&str>> = BTreeMap::new();
    for (chain, p) in wanted {
        by_partition.entry(*p).or_default().insert(chain);
    }
    let mut found: HashMap<String, (ChainHead, Vec<u8>)> = HashMap::new();
    let mut tails: HashMap<String, BTreeMap<u64, Hash>> = HashMap::new();
    let mut window: BTreeMap<i32, i64> = by_partition
        .keys()
        .map(|p| (*p, settings.recovery_window))
        .collect();
    let mut scanned = 0u64;
    while !window.is_empty() {
        let reader: BaseConsumer<ClientCtx> = clients::reader(settings, Client::Recovery)
            .create_with_context(ClientCtx::new(Client::Recovery, status.clone()))
            .map_err(RecoveryError::Client)?;
        let mut tpl = TopicPartitionList::new();
        let mut starts = BTreeMap::new();
        for (p, w) in &window {
            let (low, high) = watermarks(&reader, topic, *p, cancel)?;
            let start = high.saturating_sub(*w).max(low);
            starts.insert(*p, (start, low));
            tpl.add_partition_offset(topic, *p, Offset::Offset(start))
                .expect("valid offset");
        }
        reader.assign(&tpl).map_err(RecoveryError::Client)?;
        // Each pass reads a wider window from its start: the tails start again too.
        for p in window.keys() {
            for c in &by_partition[p] {
                tails.remove(*c);
            }
        }
        let mut at_end: BTreeSet<i32> = BTreeSet::new();
        let mut backoff = Backoff::default();
        while at_end.len() < window.len() {
            if cancel.is_cancelled() {
                return Err(RecoveryError::Cancelled);
            }
            match reader.poll(Duration::from_millis(100)) {
                None => {}
                Some(Ok(m)) => {
                    scanned += 1;
                    let Some(payload) = m.payload() else { continue };
                    let Ok(link) = serde_json::from_slice::<Link>(payload) else {
                        continue;
                    };
                    let chains = &by_partition[&m.partition()];
                    if let Some(chain) = chains.get(link.chain.id.as_str()) {
                        if tails_from
                            .get(*chain)
                            .is_some_and(|from| link.chain.seq >= *from)
                        {
                            tails
                                .entry((*chain).to_string())
                                .or_default()
                                .insert(link.chain.seq, crate::audit::record_leaf(payload));
                        }
                        let head = ChainHead {
                            seq: link.chain.seq,
                            hash: link.chain.hash,
                            input_offset: link.input.position(),
                            audit_partition: m.partition(),
                            audit_offset: m.offset(),
                        };
                        found.insert((*chain).to_string(), (head, payload.to_vec()));
                    }
                }
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    at_end.insert(p);
                }
                Some(Err(e)) => {
                    events::kafka_error(Site::AuditReader, &e, "audit reader error; retrying");
                    backoff.wait(cancel)?;
                }
            }
        }
        // Done with a partition once every wanted chain is found with the tail its tree needs, or
        // the window reached the start.
        window.retain(|p, w| {
            let complete = by_partition[p].iter().all(|c| {
                found.get(*c).is_some_and(|(head, _)| {
                    tails_from.get(*c).is_none_or(|from| {
                        head.seq < *from
                            || tails.get(*c).and_then(|t| t.keys().next()) == Some(from)
                    })
                })
            });
            let (start, low) = starts[p];
            if complete || start <= low {
                false
            } else {
                *w = w.saturating_mul(4);
                true
            }
        });
    }
    let mut heads = HashMap::with_capacity(found.len());
    for (chain, (head, raw)) in found {
        match verify_record(key, &raw) {
            Ok(link) if link.seq == head.seq && link.hash == head.hash && link.id == chain => {}
            Ok(_) => {
                return Err(RecoveryError::Tampered {
                    chain,
                    partition: head.audit_partition,
                    offset: head.audit_offset,
                    why: "link does not match the record".into(),
                })
            }
            Err(e) => {
                return Err(RecoveryError::Tampered {
                    chain,
                    partition: head.audit_partition,
                    offset: head.audit_offset,
                    why: e.to_string(),
                })
            }
        }
        heads.insert(chain, head);
    }
    tracing::info!(
        chains = wanted.len(),
        resumed = heads.len(),
        audit_records_read = scanned,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "audit chain heads recovered"
    );
    Ok(Recovered { heads, tails })
}

/// Low and (possibly under-reported) high watermark of one partition; retried until `cancel`.
fn watermarks(
    reader: &BaseConsumer<ClientCtx>,
    topic: &str,
    partition: i32,
    cancel: &CancellationToken,
) -> Result<(i64, i64), RecoveryError> {
    let mut backoff = Backoff::default();
    loop {
        match reader.fetch_watermarks(topic, partition, Duration::from_secs(10)) {
            Ok(w) => return Ok(w),
            Err(e) => {
                events::kafka_error(
                    Site::AuditReader,
                    &e,
                    "cannot read audit partition offsets; retrying",
                );
                backoff.wait(cancel)?;
            }
        }
    }
}

impl From<Cancelled> for RecoveryError {
    fn from(_: Cancelled) -> Self {
        RecoveryError::Cancelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_map_to_audit_partitions_by_modulo() {
        assert_eq!(audit_partition(0, 3), 0);
        assert_eq!(audit_partition(4, 3), 1);
        assert_eq!(audit_partition(7, 1), 0);
        assert_eq!(audit_partition(2, 0), 0);
    }
}
