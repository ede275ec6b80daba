//! Signed checkpoints in Kafka mode (`kafka.checkpoints_topic`, when the policy has
//! `[checkpoints]`): where they are written, and how a chain's Merkle tree continues when its
//! partition changes owner or the guard restarts.
//!
//! Writing: a checkpoint only ever covers audit records the broker has acknowledged — in
//! at-least-once it is produced by the partition's ack task right after the audit record it ends
//! with is acknowledged, in exactly-once inside the same transaction as the records — so a
//! crash can lose a checkpoint (the next one covers its records) but never publish one for
//! records that do not exist. A partition released (rebalance, shutdown) gets a last checkpoint
//! covering everything acknowledged (at-least-once).
//!
//! Continuing: at assignment the new owner reads the topic to its end (it holds one record per
//! checkpoint, a few hundred bytes per thousand events; compaction keyed by chain keeps only the
//! latest), takes the chain's latest checkpoint whose signature and subtrees verify with the
//! guard's own key, and appends the leaf hashes of the audit records written after it, which
//! chain recovery collects ([`super::recovery`]). Without a usable checkpoint the whole chain is
//! hashed from its first record; if that record is gone (retention) the chain goes on without
//! checkpoints and a warning says so.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;

use crate::checkpoint::{CheckpointRecord, VerifierKey};
use crate::merkle::{Frontier, Hash};

use super::backoff::Backoff;
use super::clients::{self, ClientCtx};
use super::config::Settings;
use super::events::{self, Site};
use super::recovery::RecoveryError;
use super::status::{Client, Status};

/// The tree of each `wanted` chain's latest valid checkpoint in `topic`.
pub fn latest(
    settings: &Settings,
    status: &Arc<Status>,
    topic: &str,
    key: &VerifierKey,
    wanted: &BTreeSet<String>,
    cancel: &CancellationToken,
) -> Result<HashMap<String, Frontier>, RecoveryError> {
    let reader: BaseConsumer<ClientCtx> = clients::reader(settings, Client::Recovery)
        .create_with_context(ClientCtx::new(Client::Recovery, status.clone()))
        .map_err(RecoveryError::Client)?;
    let mut backoff = Backoff::default();
    let partitions = loop {
        match reader.fetch_metadata(Some(topic), Duration::from_secs(10)) {
            Ok(md) => match md.topics().iter().find(|t| t.name() == topic) {
                Some(t) if !t.partitions().is_empty() => break t.partitions().len() as i32,
                _ => {}
            },
            Err(e) => events::kafka_error(Site::AuditReader, &e, "checkpoints topic metadata"),
        }
        backoff.wait(cancel)?;
    };
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition_offset(topic, p, Offset::Beginning)
            .expect("valid offset");
    }
    reader.assign(&tpl).map_err(RecoveryError::Client)?;
    let mut found: HashMap<String, Frontier> = HashMap::new();
    let mut at_end = BTreeSet::new();
    while at_end.len() < partitions as usize {
        if cancel.is_cancelled() {
            return Err(RecoveryError::Cancelled);
        }
        match reader.poll(Duration::from_millis(100)) {
            None => {}
            Some(Ok(m)) => {
                let Some(rec) = m
                    .payload()
                    .and_then(|p| serde_json::from_slice::<CheckpointRecord>(p).ok())
                else {
                    continue;
                };
                if !wanted.contains(&rec.chain) {
                    continue;
                }
                match rec.frontier(key) {
                    Some(f) if found.get(&rec.chain).is_none_or(|g| g.size() < f.size()) => {
                        found.insert(rec.chain, f);
                    }
                    Some(_) => {}
                    None => tracing::warn!(
                        chain = rec.chain,
                        partition = m.partition(),
                        offset = m.offset(),
                        "a checkpoint that does not verify with the guard's key; ignored"
                    ),
                }
            }
            Some(Err(KafkaError::PartitionEOF(p))) => {
                at_end.insert(p);
            }
            Some(Err(e)) => {
                events::kafka_error(Site::AuditReader, &e, "checkpoints reader error");
                backoff.wait(cancel)?;
            }
        }
    }
    Ok(found)
}

/// The chain's tree through record `head_seq`: its latest checkpoint's tree, then the leaves of
/// the records after it. `None` when a leaf is missing or the checkpoint is ahead of the chain.
pub fn rebuild(
    checkpoint: Option<Frontier>,
    tail: Option<&BTreeMap<u64, Hash>>,
    head_seq: u64,
) -> Option<Frontier> {
    let mut tree = checkpoint.unwrap_or_default();
    if tree.size() > head_seq + 1 {
        return None;
    }
    for seq in tree.size()..=head_seq {
        tree.push(*tail?.get(&seq)?);
    }
    Some(tree)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::{leaf_hash, root};

    #[test]
    fn a_tree_continues_from_a_checkpoint_and_the_records_after_it() {
        let leaves: Vec<Hash> = (0u8..10).map(|i| leaf_hash(&[i])).collect();
        let mut at4 = Frontier::default();
        leaves[..4].iter().for_each(|l| at4.push(*l));
        let tail: BTreeMap<u64, Hash> = (4..10).map(|i| (i as u64, leaves[i])).collect();
        let tree = rebuild(Some(at4.clone()), Some(&tail), 9).unwrap();
        assert_eq!((tree.size(), tree.root()), (10, root(&leaves)));
        // From scratch, with every record.
        let all: BTreeMap<u64, Hash> = (0..10).map(|i| (i as u64, leaves[i])).collect();
        assert_eq!(rebuild(None, Some(&all), 9).unwrap().root(), root(&leaves));
        // A missing record, no records, or a checkpoint ahead of the chain: no tree.
        let mut gap = tail.clone();
        gap.remove(&6);
        assert!(rebuild(Some(at4.clone()), Some(&gap), 9).is_none());
        assert!(rebuild(None, None, 9).is_none());
        assert!(rebuild(Some(at4.clone()), Some(&tail), 2).is_none());
        // The checkpoint already covers the head.
        assert_eq!(rebuild(Some(at4.clone()), None, 3).unwrap(), at4);
    }
}
