//! The consumer side of both delivery modes: partition ownership, chain recovery at assignment,
//! and judging one input into its outputs, dead letter and sealed audit record.
//!
//! One consumer thread owns the group consumer and hands each input to the judging worker of its
//! partition ([`super::workers`]): a partition is judged by one worker at a time, in offset order,
//! and each audit record is sealed into its partition's chain before anything of the partition's
//! next event is produced, so chain order is input order. What happens after judging depends on
//! the delivery mode ([`super::at_least_once`], [`super::exactly_once`]).
//!
//! Rebalances are handled inside librdkafka's rebalance callback, which runs on the consumer
//! thread during `poll`, i.e. at a safe point between two dispatched events:
//! - **assign**: recover the chain head and last audited offset of every new partition from the
//!   audit topic ([`recovery`]) before the partition is fetched; inputs at or below the last
//!   audited offset are then skipped (their offsets still advance) — they were audited, and their
//!   outputs acknowledged, before a crash or by the previous owner;
//! - **revoke**: wait for the workers to judge what was dispatched to them, then finish what is
//!   in flight for the revoked partitions and commit their offsets
//!   before they are released (at-least-once), or drop the uncommitted batch's messages of those
//!   partitions (exactly-once: nothing of them was produced), so the next owner recovers a
//!   complete chain.
//!
//! Both eager and cooperative (`partition.assignment.strategy=cooperative-sticky`) protocols are
//! handled.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use metrics::counter;
use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext, RebalanceProtocol};
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaRespErr;
use rdkafka::TopicPartitionList;
use tokio::runtime::Handle;
use tokio_util::sync::CancellationToken;

use crate::audit::{AuditChain, InputRef};
use crate::clock::{self, Timestamp};
use crate::engine::{Guard, State};
use crate::identity_index::SharedIndex;
use crate::merkle::Frontier;
use crate::sink::{self, Record, Route, Sink};
use crate::subject_keys::SubjectKeys;

use super::acks::{Acks, OutputProducer};
use super::checkpoints;
use super::clients::ClientCtx;
use super::config::Settings;
use super::metrics::{
    EventMetrics, CHAIN_RECOVERIES_TOTAL, INPUTS_SKIPPED_TOTAL, REBALANCES_TOTAL,
};
use super::recovery::{self, RecoveryError};
use super::sink::{KafkaSink, Topics};
use super::status::{Client, Status};
use super::subject_keys::{KeyWriteError, KeyWriter};
use super::withdrawals::SharedTable;
use super::workers::{Stopped, Workers};

/// What every part of the pipeline shares.
pub struct Pipeline {
    pub settings: Arc<Settings>,
    pub guard: Arc<Guard>,
    pub table: SharedTable,
    /// The I3 index shared with the identities reader, when the history is shared between
    /// instances (`kafka.identities_topic`); else the judging workers share one of their own.
    pub identities: Option<SharedIndex>,
    pub status: Arc<Status>,
    pub producer: Arc<OutputProducer>,
    pub runtime: Handle,
    /// Cancelled on SIGINT/SIGTERM: stop consuming, finish, commit.
    pub shutdown: CancellationToken,
    /// When the shutdown must be complete (set with the signal).
    pub deadline: Arc<Mutex<Option<Instant>>>,
    /// Partitions of the audit topic, pinned at start: a chain's audit partition must not move.
    pub audit_partitions: i32,
    /// Fixed "now" for replays and tests; the wall clock otherwise.
    pub now: Option<Timestamp>,
    pub metrics: EventMetrics,
    /// Where each route goes.
    pub topics: Topics,
    /// Per-subject data keys and their writer, when `kafka.subject_keys_topic` is set.
    pub subject_keys: Option<(Arc<SubjectKeys>, Arc<KeyWriter>)>,
}

/// Why an input could not be judged into its records: fatal to the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum JudgeError {
    #[error("cannot enqueue an output: {0}")]
    Output(#[from] KafkaError),
    #[error(transparent)]
    SubjectKeys(#[from] KeyWriteError),
}

impl Pipeline {
    /// Starts the shutdown clock (grace period) unless it already runs.
    pub fn begin_shutdown(&self) {
        let mut d = self.deadline.lock().unwrap_or_else(|p| p.into_inner());
        if d.is_none() {
            *d = Some(Instant::now() + self.settings.grace_period);
        }
    }

    /// Time left before the shutdown deadline (unbounded while not shutting down).
    pub fn time_left(&self) -> Option<Duration> {
        self.deadline
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    /// Judges one input of an owned partition: outputs and dead letter enqueued, audit record
    /// sealed. `None` when the input was already audited (then only its offset advances).
    pub fn judge<W>(
        &self,
        engine: &mut State,
        st: &mut PartitionState<W>,
        offset: i64,
        payload: &[u8],
        received: Instant,
    ) -> Result<Option<Judged>, JudgeError> {
        if offset <= st.skip_through {
            counter!(INPUTS_SKIPPED_TOTAL).increment(1);
            return Ok(None);
        }
        let p = self;
        if p.settings.erasures_topic.as_deref() == Some(st.topic.as_str()) {
            return super::erasures::judge(p, st, offset, payload, received).map(Some);
        }
        let input = InputRef::Kafka {
            topic: st.topic.clone(),
            partition: st.partition,
            offset,
        };
        let now = p.now.unwrap_or_else(clock::now);
        let started = Instant::now();
        let mut processed = {
            let table = p.table.read().unwrap_or_else(|e| e.into_inner());
            p.guard.process(payload, &input, now, &table, engine)
        };
        p.metrics
            .record(&processed, started.elapsed().as_secs_f64());
        // Crypto-shredding: a new key is acknowledged before any output sealed with it.
        if let (Some((keys, writer)), false) = (&p.subject_keys, processed.subject_keys.is_empty())
        {
            writer.publish(keys, &processed.subject_keys, &p.runtime)?;
        }
        tracing::debug!(
            input = %input,
            event_id = processed.audit.event_id.as_deref().unwrap_or("-"),
            outcome = processed.outcome.as_str(),
            outputs = processed.outputs.len(),
            "judged"
        );
        let position = input.to_string();
        let mut sink = KafkaSink::new(&p.producer, &p.topics);
        let outputs = sink::deliver(&mut sink, &processed, st.chain.id(), &position)?;
        let audit = st.chain.seal(&mut processed.audit);
        let head = (
            processed.audit.chain.seq,
            processed.audit.chain.hash.clone(),
        );
        let checkpoint = p.guard.checkpoint(&mut st.chain, &position, now, false);
        Ok(Some(Judged {
            offset,
            outputs,
            audit,
            head,
            checkpoint,
            received,
        }))
    }

    /// Enqueues a signed checkpoint record of a chain (key = chain id).
    pub fn send_checkpoint(
        &self,
        chain_id: &str,
        checkpoint: &[u8],
        position: &str,
    ) -> Result<Acks, KafkaError> {
        self.send_one(Record {
            route: Route::Checkpoints,
            key: Some(chain_id),
            payload: checkpoint,
            position,
        })
    }

    /// Enqueues a sealed audit record to its chain's audit partition (key = chain id).
    pub fn send_audit<W>(&self, st: &PartitionState<W>, j: &Judged) -> Result<Acks, KafkaError> {
        let position = format!("{}/{}@{}", st.topic, st.partition, j.offset);
        self.send_one(Record {
            route: Route::Audit {
                partition: Some(st.audit_partition),
            },
            key: Some(st.chain.id()),
            payload: &j.audit,
            position: &position,
        })
    }

    fn send_one(&self, record: Record<'_>) -> Result<Acks, KafkaError> {
        let mut sink = KafkaSink::new(&self.producer, &self.topics);
        sink.send(record)?;
        Ok(sink.ack())
    }
}

/// A delivery mode as the consumer side sees it: the state it keeps per partition and what it
/// does when partitions come and go. The modes ([`super::at_least_once`],
/// [`super::exactly_once`]) implement it; this module never names them, so they depend on it
/// and not the reverse.
pub trait Mode: Sized + Send + Sync + 'static {
    /// What the mode keeps per owned partition.
    type Work: Send;

    /// The work of a newly assigned partition.
    fn start(ctx: &PipelineCtx<Self>, a: Assignment<'_>) -> Self::Work;

    /// Takes one judged input of a partition, on the partition's worker thread (`None`: the
    /// input was already audited). An error is fatal to the pipeline.
    fn judged(
        pipeline: &Pipeline,
        st: &mut PartitionState<Self::Work>,
        offset: i64,
        judged: Option<Judged>,
    ) -> Result<(), String>;

    /// Finishes what is in flight for partitions being released, once the workers judged
    /// everything dispatched to them. `commit` is false when the assignment was lost (another
    /// instance may already own them).
    fn release(
        ctx: &PipelineCtx<Self>,
        consumer: &BaseConsumer<PipelineCtx<Self>>,
        taken: Vec<SharedPartition<Self::Work>>,
        commit: bool,
    );
}

/// A newly assigned partition, as a mode starts its work on it.
pub struct Assignment<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub chain_id: &'a str,
    pub audit_partition: i32,
    /// Where its chain resumes (last seq, last hash); `None` for a new chain.
    pub head: Option<(u64, String)>,
    /// Its Merkle tree so far, when the guard checkpoints.
    pub tree: Option<Frontier>,
}

/// An input partition this instance owns, with its mode's work `W`.
pub struct PartitionState<W> {
    pub topic: String,
    pub partition: i32,
    pub chain: AuditChain,
    pub audit_partition: i32,
    /// Inputs at or below this offset are already audited (−1: none).
    pub skip_through: i64,
    pub work: W,
}

/// A partition's state, locked by its worker while judging and by the consumer thread between.
pub type SharedPartition<W> = Arc<Mutex<PartitionState<W>>>;

/// An owned partition and the worker that judges it.
pub struct Owned<W> {
    pub worker: usize,
    pub state: SharedPartition<W>,
}

/// One judged input, ready to be acknowledged.
pub struct Judged {
    pub offset: i64,
    /// Outputs, dead letter and I3 updates, enqueued.
    pub outputs: Acks,
    /// The sealed audit record.
    pub audit: Vec<u8>,
    /// The record's chain link (seq, hash).
    pub head: (u64, String),
    /// A signed checkpoint of the chain ending with this record, when one is due: to be
    /// written only once the audit record is.
    pub checkpoint: Option<Vec<u8>>,
    pub received: Instant,
}

/// Input partition key: index of the topic in [`Settings::consumed_topics`], partition.
pub type PartitionKey = (usize, i32);

/// The consumer's context: client callbacks, the rebalance protocol, and the partitions owned,
/// for delivery mode `M`.
pub struct PipelineCtx<M: Mode> {
    client: ClientCtx,
    pub pipeline: Arc<Pipeline>,
    /// The mode's own state.
    pub mode: M,
    partitions: Mutex<HashMap<PartitionKey, Owned<M::Work>>>,
    workers: Workers<M::Work>,
    /// Offsets the group coordinator confirmed, so that a revocation or shutdown commits only
    /// what moved (and does not wait on an unreachable coordinator for nothing).
    committed: Mutex<HashMap<(String, i32), i64>>,
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl<M: Mode> PipelineCtx<M> {
    /// The context of a consumer, with its judging workers started.
    pub fn new(pipeline: Arc<Pipeline>, mode: M) -> std::io::Result<Self> {
        Ok(PipelineCtx {
            client: ClientCtx::new(Client::Consumer, pipeline.status.clone()),
            workers: Workers::start::<M>(&pipeline, pipeline.settings.workers)?,
            pipeline,
            mode,
            partitions: Mutex::new(HashMap::new()),
            committed: Mutex::new(HashMap::new()),
        })
    }

    pub fn key_of(&self, topic: &str, partition: i32) -> Option<PartitionKey> {
        let s = &self.pipeline.settings;
        s.input_topics
            .iter()
            .chain(s.erasures_topic.iter())
            .position(|t| t == topic)
            .map(|i| (i, partition))
    }

    /// The owned partitions (consumer thread only; never held across a `poll`).
    pub fn partitions(&self) -> MutexGuard<'_, HashMap<PartitionKey, Owned<M::Work>>> {
        lock(&self.partitions)
    }

    /// Adds an input to its partition's worker's batch (see [`Workers`]). Inputs of partitions not
    /// owned (assigned while shutting down, recovery cancelled) are left unprocessed.
    pub fn dispatch(&self, message: OwnedMessage, received: Instant) -> Result<(), Stopped> {
        let Some(key) = self.key_of(message.topic(), message.partition()) else {
            return Ok(());
        };
        let Some((worker, state)) = self
            .partitions()
            .get(&key)
            .map(|o| (o.worker, o.state.clone()))
        else {
            return Ok(());
        };
        self.workers.dispatch(worker, state, message, received)
    }

    /// Hands the batched inputs over to the workers now.
    pub fn hand_over(&self) -> Result<(), Stopped> {
        self.workers.hand_over()
    }

    /// Waits until the workers judged every dispatched input (a worker gone is fatal).
    pub fn flush(&self) -> bool {
        match self.workers.flush() {
            Ok(()) => true,
            Err(e) => {
                self.pipeline.status.fail(e.to_string());
                false
            }
        }
    }

    /// Whether `offset` is beyond what the coordinator confirmed for the partition.
    pub fn needs_commit(&self, topic: &str, partition: i32, offset: i64) -> bool {
        lock(&self.committed)
            .get(&(topic.to_string(), partition))
            .is_none_or(|c| *c < offset)
    }

    /// Records offsets the coordinator confirmed.
    pub fn record_committed(&self, offsets: &TopicPartitionList) {
        let mut c = lock(&self.committed);
        for e in offsets.elements() {
            if let (Ok(()), Some(o)) = (e.error(), e.offset().to_raw()) {
                if o >= 0 {
                    let v = c.entry((e.topic().to_string(), e.partition())).or_insert(o);
                    *v = (*v).max(o);
                }
            }
        }
    }

    /// Takes ownership of newly assigned partitions: recovers their chains first.
    fn on_assign(&self, tpl: &TopicPartitionList) {
        let p = &self.pipeline;
        counter!(REBALANCES_TOTAL, "kind" => "assign").increment(1);
        let mut items = Vec::new();
        let mut wanted = BTreeMap::new();
        for e in tpl.elements() {
            let Some(key) = self.key_of(e.topic(), e.partition()) else {
                continue;
            };
            let chain_id = InputRef::Kafka {
                topic: e.topic().to_string(),
                partition: e.partition(),
                offset: 0,
            }
            .chain_id();
            let ap = recovery::audit_partition(e.partition(), p.audit_partitions);
            wanted.insert(chain_id.clone(), ap);
            items.push((key, e.topic().to_string(), e.partition(), chain_id, ap));
        }
        if items.is_empty() {
            return;
        }
        let recovered = self.latest_checkpoints(&wanted).and_then(|trees| {
            let tails_from = trees
                .as_ref()
                .map(|t| {
                    wanted
                        .keys()
                        .map(|c| (c.clone(), t.get(c).map_or(0, Frontier::size)))
                        .collect()
                })
                .unwrap_or_default();
            recovery::recover(
                &p.settings,
                &p.status,
                p.guard.audit_key(),
                &wanted,
                &tails_from,
                &p.shutdown,
            )
            .map(|r| (r, trees))
        });
        let (recovered, mut trees) = match recovered {
            Ok(r) => r,
            Err(RecoveryError::Cancelled) => {
                tracing::info!(
                    "shutting down during chain recovery: assigned partitions left idle"
                );
                return;
            }
            Err(e) => {
                p.status.fail(e.to_string());
                return;
            }
        };
        let mut parts = self.partitions();
        let mut load = vec![0usize; self.workers.count()];
        for o in parts.values() {
            load[o.worker] += 1;
        }
        let mut described = Vec::new();
        for (key, topic, partition, chain_id, audit_partition) in items {
            let head = recovered.heads.get(&chain_id);
            counter!(CHAIN_RECOVERIES_TOTAL, "result" => if head.is_some() { "resumed" } else { "new" })
                .increment(1);
            let mut chain = p
                .guard
                .audit_chain(chain_id.clone(), head.map(|h| (h.seq, h.hash.clone())));
            if let (Some(trees), Some(h)) = (&mut trees, head) {
                let tree = checkpoints::rebuild(
                    trees.remove(&chain_id),
                    recovered.tails.get(&chain_id),
                    h.seq,
                );
                if !tree.is_some_and(|t| chain.keep_tree(t)) {
                    tracing::warn!(
                        chain = chain_id,
                        "the chain's Merkle tree cannot be rebuilt (no checkpoint, and its first \
                         records are gone): no checkpoints for it until a new chain starts"
                    );
                }
            }
            let skip_through = head.map_or(-1, |h| h.input_offset);
            let work = M::start(
                self,
                Assignment {
                    topic: &topic,
                    partition,
                    chain_id: &chain_id,
                    audit_partition,
                    head: head.map(|h| (h.seq, h.hash.clone())),
                    tree: chain.frontier().cloned(),
                },
            );
            let worker = (0..load.len()).min_by_key(|w| load[*w]).unwrap_or(0);
            load[worker] += 1;
            described.push(match head {
                Some(h) => format!(
                    "{chain_id} (worker {worker}, chain resumed at seq {}, inputs through offset {} already audited)",
                    h.seq + 1,
                    h.input_offset
                ),
                None => format!("{chain_id} (worker {worker}, new chain)"),
            });
            parts.insert(
                key,
                Owned {
                    worker,
                    state: Arc::new(Mutex::new(PartitionState {
                        topic,
                        partition,
                        chain,
                        audit_partition,
                        skip_through,
                        work,
                    })),
                },
            );
        }
        tracing::info!(partitions = ?described, "partitions assigned");
    }

    /// The trees of the chains' latest checkpoints (`None` when the guard does not checkpoint).
    fn latest_checkpoints(
        &self,
        wanted: &BTreeMap<String, i32>,
    ) -> Result<Option<HashMap<String, Frontier>>, RecoveryError> {
        let p = &self.pipeline;
        let (Some(settings), Some(topic)) =
            (&p.guard.policy.checkpoints, &p.settings.checkpoints_topic)
        else {
            return Ok(None);
        };
        let chains = wanted.keys().cloned().collect();
        checkpoints::latest(
            &p.settings,
            &p.status,
            topic,
            &settings.signer.verifier(),
            &chains,
            &p.shutdown,
        )
        .map(Some)
    }

    /// Releases revoked partitions (all of them when `tpl` is `None`): at-least-once drains
    /// their in-flight events and commits their offsets first.
    pub fn on_revoke(
        &self,
        consumer: &BaseConsumer<PipelineCtx<M>>,
        tpl: Option<&TopicPartitionList>,
    ) {
        let keys: Vec<PartitionKey> = match tpl {
            Some(tpl) => tpl
                .elements()
                .iter()
                .filter_map(|e| self.key_of(e.topic(), e.partition()))
                .collect(),
            None => self.partitions().keys().copied().collect(),
        };
        let taken: Vec<SharedPartition<M::Work>> = {
            let mut parts = self.partitions();
            keys.iter()
                .filter_map(|k| parts.remove(k).map(|o| o.state))
                .collect()
        };
        if taken.is_empty() {
            return;
        }
        self.flush();
        counter!(REBALANCES_TOTAL, "kind" => "revoke").increment(1);
        let lost = consumer.assignment_lost();
        if lost {
            tracing::warn!("partitions lost (session expired): in-flight events may be audited again by their new owner");
        }
        let released: Vec<String> = taken
            .iter()
            .map(|s| {
                let s = lock(s);
                format!("{}/{}", s.topic, s.partition)
            })
            .collect();
        M::release(self, consumer, taken, !lost);
        tracing::info!(partitions = ?released, "partitions released");
    }
}

impl<M: Mode> ClientContext for PipelineCtx<M> {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, message: &str) {
        self.client.log(level, fac, message);
    }

    fn error(&self, error: KafkaError, reason: &str) {
        self.client.error(error, reason);
    }

    fn stats(&self, statistics: Statistics) {
        self.client.stats(statistics);
    }
}

impl<M: Mode> ConsumerContext for PipelineCtx<M> {
    fn commit_callback(
        &self,
        result: rdkafka::error::KafkaResult<()>,
        offsets: &TopicPartitionList,
    ) {
        match result {
            Ok(()) => self.record_committed(offsets),
            Err(e) => super::events::kafka_error(
                super::events::Site::OffsetCommit,
                &e,
                "offset commit failed; retried at the next commit",
            ),
        }
    }

    fn rebalance(
        &self,
        consumer: &BaseConsumer<Self>,
        err: RDKafkaRespErr,
        tpl: &mut TopicPartitionList,
    ) {
        let cooperative = matches!(
            consumer.rebalance_protocol(),
            RebalanceProtocol::Cooperative
        );
        let result = match err {
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS => {
                self.on_assign(tpl);
                if cooperative {
                    consumer.incremental_assign(tpl)
                } else {
                    consumer.assign(tpl)
                }
            }
            RDKafkaRespErr::RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS => {
                self.on_revoke(consumer, Some(tpl));
                if cooperative {
                    consumer.incremental_unassign(tpl)
                } else {
                    consumer.unassign()
                }
            }
            other => {
                tracing::error!(error = ?other, "rebalance error: releasing every partition");
                self.on_revoke(consumer, None);
                consumer.unassign()
            }
        };
        if let Err(e) = result {
            tracing::error!(error = %e, "cannot apply the partition assignment");
        }
    }
}
