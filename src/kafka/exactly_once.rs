//! Exactly-once delivery with Kafka transactions.
//!
//! The consumer thread collects a batch (`exactly_once.batch_max_messages` events or
//! `batch_max_wait`), then in one transaction: the workers judge every event (each partition on
//! its worker, in order) and produce its outputs, dead letter and audit record; once they are
//! done the consumer thread adds the batch's input offsets with
//! `send_offsets_to_transaction` (with the consumer's group metadata, so a zombie instance of an
//! older group generation is fenced). Readers of the outputs and of the audit topic in
//! `read_committed` see a batch's records and offsets appear together, or not at all.
//!
//! Transactions never span a `poll`: a batch is only collected between transactions, so a
//! revocation just drops the collected-but-unprocessed events of the revoked partitions. When a
//! transaction aborts, the chains of its partitions are rewound to the last committed head and
//! the consumer seeks back to the batch's first offsets.
//!
//! On tansu 0.6, `read_committed` readers still see records of aborted transactions (a broker
//! bug): the abort path is tested through the broker's transaction markers instead
//! (`tests/it/kafka_aborts.rs`; what that cannot show is in `docs/test-broker.md`).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use metrics::{counter, histogram};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::producer::Producer;
use rdkafka::{Offset, TopicPartitionList};

use crate::merkle::Frontier;

use super::events::Site;
use super::metrics::{AUDIT_RECORDS_TOTAL, PROCESSING_SECONDS, TRANSACTIONS_TOTAL};
use super::pipeline::{
    lock, Assignment, Judged, Mode, PartitionKey, PartitionState, Pipeline, PipelineCtx,
    SharedPartition,
};
use super::status::Client;
use super::ServeError;

/// How a failed transactional call is handled.
enum Failure {
    /// Abort the transaction and process the batch again.
    Abort(KafkaError),
    /// The producer cannot continue.
    Fatal(KafkaError),
}

fn classify(e: KafkaError) -> Failure {
    match &e {
        KafkaError::Transaction(t) if t.txn_requires_abort() => Failure::Abort(e),
        KafkaError::Transaction(t) if t.is_retriable() && !t.is_fatal() => Failure::Abort(e),
        _ => Failure::Fatal(e),
    }
}

/// Exactly-once delivery, as a [`Mode`] of the consumer side.
#[derive(Default)]
pub struct ExactlyOnce {
    /// Messages collected for the next transaction.
    batch: Mutex<Vec<(OwnedMessage, Instant)>>,
}

type Ctx = PipelineCtx<ExactlyOnce>;

/// What exactly-once keeps per partition.
pub struct Transactional {
    /// The chain head as of the last committed transaction, restored on abort.
    committed_head: Option<(u64, String)>,
    /// The chain's Merkle tree as of the last committed transaction, restored on abort.
    committed_tree: Option<Frontier>,
    /// The chain head after the open transaction's events.
    head: Option<(u64, String)>,
    /// Audit records of the open transaction.
    audited: u64,
}

impl Mode for ExactlyOnce {
    type Work = Transactional;

    fn start(_ctx: &Ctx, a: Assignment<'_>) -> Transactional {
        Transactional {
            head: a.head.clone(),
            committed_head: a.head,
            committed_tree: a.tree,
            audited: 0,
        }
    }

    /// Enqueues the audit record right after the event's outputs, inside the open transaction.
    fn judged(
        pipeline: &Pipeline,
        st: &mut PartitionState<Transactional>,
        offset: i64,
        judged: Option<Judged>,
    ) -> Result<(), String> {
        let Some(j) = judged else {
            return Ok(());
        };
        // The transaction's commit acknowledges every record it holds (`commit_transaction`
        // flushes first and fails if one failed): the records' own acknowledgements are not
        // waited for.
        pipeline.send_audit(st, &j).map_err(|e| {
            format!(
                "{}/{}@{offset}: cannot enqueue the audit record: {e}",
                st.topic, st.partition
            )
        })?;
        // In the same transaction as the records it covers: both appear, or neither.
        if let Some(c) = &j.checkpoint {
            pipeline
                .send_checkpoint(
                    st.chain.id(),
                    c,
                    &format!("{}/{}@{offset}", st.topic, st.partition),
                )
                .map_err(|e| format!("cannot enqueue a checkpoint: {e}"))?;
        }
        let work = &mut st.work;
        work.audited += 1;
        work.head = Some(j.head);
        Ok(())
    }

    /// Nothing of an uncommitted batch was produced: its messages of released partitions are
    /// dropped, and their next owner reads them again.
    fn release(
        ctx: &Ctx,
        _consumer: &BaseConsumer<Ctx>,
        taken: Vec<SharedPartition<Transactional>>,
        _commit: bool,
    ) {
        let taken: Vec<(String, i32)> = taken
            .iter()
            .map(|st| {
                let st = lock(st);
                (st.topic.clone(), st.partition)
            })
            .collect();
        lock(&ctx.mode.batch).retain(|(m, _)| {
            !taken
                .iter()
                .any(|(topic, partition)| topic == m.topic() && *partition == m.partition())
        });
    }
}

/// The consumer loop: collect a batch, process it in one transaction, repeat.
pub fn run(consumer: &BaseConsumer<Ctx>) -> Result<(), ServeError> {
    let ctx = consumer.context().clone();
    let p = ctx.pipeline.clone();
    let topics = p.settings.consumed_topics();
    consumer.subscribe(&topics).map_err(ServeError::Kafka)?;
    while !p.shutdown.is_cancelled() && p.status.is_alive() {
        collect(&ctx, consumer);
        let batch = std::mem::take(&mut *lock(&ctx.mode.batch));
        if batch.is_empty() {
            continue;
        }
        let span = Span::of(&ctx, &batch);
        let events = batch.len();
        match transact(&ctx, consumer, batch, &span) {
            Ok(()) => {}
            Err(Failure::Abort(e)) => {
                super::events::kafka_error(
                    Site::Transaction,
                    &e,
                    &format!(
                        "transaction aborted; the batch of {} events will be processed again",
                        events
                    ),
                );
                abort(&ctx, consumer, &span);
            }
            Err(Failure::Fatal(e)) => {
                p.status.fail(format!("transactional producer: {e}"));
            }
        }
    }
    p.begin_shutdown();
    ctx.on_revoke(consumer, None);
    match p.status.failure() {
        Some(why) => Err(ServeError::Fatal(why)),
        None => Ok(()),
    }
}

/// Polls until the batch is full or its time is up (rebalances happen here, between
/// transactions).
fn collect(ctx: &Ctx, consumer: &BaseConsumer<Ctx>) {
    let p = &ctx.pipeline;
    let started = Instant::now();
    loop {
        let n = lock(&ctx.mode.batch).len();
        let left = p.settings.batch_max_wait.saturating_sub(started.elapsed());
        if n >= p.settings.batch_max_messages || left.is_zero() || p.shutdown.is_cancelled() {
            return;
        }
        match consumer.poll(left.min(Duration::from_millis(100))) {
            None => {}
            Some(Ok(m)) => {
                p.status.set_broker_down(Client::Consumer, false);
                lock(&ctx.mode.batch).push((m.detach(), Instant::now()));
            }
            Some(Err(e)) => super::events::kafka_error(Site::Consumer, &e, "consumer error"),
        }
    }
}

/// The input offsets a batch spans, per owned partition.
struct Span {
    /// First offset of each partition in the batch: where an abort rewinds to.
    first: BTreeMap<PartitionKey, i64>,
    /// The offset after each partition's last: what the transaction commits.
    next: BTreeMap<PartitionKey, (String, i32, i64)>,
}

impl Span {
    fn of(ctx: &Ctx, batch: &[(OwnedMessage, Instant)]) -> Span {
        let parts = ctx.partitions();
        let mut span = Span {
            first: BTreeMap::new(),
            next: BTreeMap::new(),
        };
        for (m, _) in batch {
            let Some(key) = ctx.key_of(m.topic(), m.partition()) else {
                continue;
            };
            if !parts.contains_key(&key) {
                continue;
            }
            span.first.entry(key).or_insert(m.offset());
            span.next
                .insert(key, (m.topic().to_string(), m.partition(), m.offset() + 1));
        }
        span
    }

    /// The batch's partitions still owned.
    fn partitions(&self, ctx: &Ctx) -> Vec<SharedPartition<Transactional>> {
        let parts = ctx.partitions();
        self.first
            .keys()
            .filter_map(|k| parts.get(k).map(|o| o.state.clone()))
            .collect()
    }
}

/// One transaction: outputs, audit records and input offsets of the batch.
fn transact(
    ctx: &Ctx,
    consumer: &BaseConsumer<Ctx>,
    batch: Vec<(OwnedMessage, Instant)>,
    span: &Span,
) -> Result<(), Failure> {
    let p = &ctx.pipeline;
    let producer = &p.producer;
    let timeout = p.settings.transaction_timeout;
    producer.begin_transaction().map_err(classify)?;
    let received: Vec<Instant> = batch.iter().map(|(_, r)| *r).collect();
    for (m, r) in batch {
        ctx.dispatch(m, r)
            .map_err(|_| Failure::Fatal(KafkaError::Canceled))?;
    }
    // A worker's failure (an output that cannot be enqueued) is already reported as fatal.
    if !ctx.flush() || !p.status.is_alive() {
        return Err(Failure::Fatal(KafkaError::Canceled));
    }
    let partitions = span.partitions(ctx);
    let mut audited = 0u64;
    for st in &partitions {
        let work = &mut lock(st).work;
        audited += std::mem::take(&mut work.audited);
    }
    let mut tpl = TopicPartitionList::new();
    for (topic, partition, offset) in span.next.values() {
        tpl.add_partition_offset(topic, *partition, Offset::Offset(*offset))
            .map_err(Failure::Fatal)?;
    }
    let group = consumer
        .group_metadata()
        .ok_or_else(|| Failure::Fatal(KafkaError::Canceled))?;
    producer
        .send_offsets_to_transaction(&tpl, &group, timeout)
        .map_err(classify)?;
    let mut attempts = 0;
    loop {
        match producer.commit_transaction(timeout) {
            Ok(()) => break,
            Err(KafkaError::Transaction(t)) if t.is_retriable() && attempts < 3 => {
                attempts += 1;
                tracing::warn!(error = %t, "commit_transaction failed; retrying");
            }
            Err(e) => return Err(classify(e)),
        }
    }
    // Committed: the new heads become the rollback points.
    for st in &partitions {
        let st = &mut *lock(st);
        st.work.committed_head = st.work.head.clone();
        st.work.committed_tree = st.chain.frontier().cloned();
    }
    counter!(TRANSACTIONS_TOTAL, "result" => "committed").increment(1);
    counter!(AUDIT_RECORDS_TOTAL).increment(audited);
    let latency = histogram!(PROCESSING_SECONDS);
    for r in received {
        latency.record(r.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Aborts the open transaction, rewinds the batch's chains and offsets.
fn abort(ctx: &Ctx, consumer: &BaseConsumer<Ctx>, span: &Span) {
    let p = &ctx.pipeline;
    counter!(TRANSACTIONS_TOTAL, "result" => "aborted").increment(1);
    if let Err(e) = p.producer.abort_transaction(p.settings.transaction_timeout) {
        p.status.fail(format!("cannot abort the transaction: {e}"));
        return;
    }
    let parts = ctx.partitions();
    for (key, offset) in &span.first {
        let Some(owned) = parts.get(key) else {
            continue;
        };
        let mut st = lock(&owned.state);
        let st = &mut *st;
        st.chain = p
            .guard
            .audit_chain(st.chain.id().to_string(), st.work.committed_head.clone());
        if let Some(tree) = &st.work.committed_tree {
            st.chain.keep_tree(tree.clone());
        }
        st.work.head = st.work.committed_head.clone();
        st.work.audited = 0;
        if let Err(e) = consumer.seek(
            &st.topic,
            st.partition,
            Offset::Offset(*offset),
            Duration::from_secs(10),
        ) {
            p.status.fail(format!(
                "cannot rewind {}/{} after an aborted transaction: {e}",
                st.topic, st.partition
            ));
        }
    }
}
