//! Exactly-once delivery with Kafka transactions.
//!
//! The consumer thread collects a batch (`exactly_once.batch_max_messages` events or
//! `batch_max_wait`), then in one transaction: judges every event, produces its outputs, dead
//! letter and audit record, and adds the batch's input offsets with
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
//! bug), so only the committed path can be tested there.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use metrics::{counter, histogram};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::producer::Producer;
use rdkafka::{Offset, TopicPartitionList};

use super::events::Site;
use super::metrics::{AUDIT_RECORDS_TOTAL, PROCESSING_SECONDS, TRANSACTIONS_TOTAL};
use super::pipeline::{Mode, PartitionKey, PartitionState, PipelineCtx};
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
}

impl Mode for ExactlyOnce {
    type Work = Transactional;

    fn start(
        _ctx: &Ctx,
        _topic: &str,
        _partition: i32,
        _chain_id: &str,
        _audit_partition: i32,
        head: Option<(u64, String)>,
    ) -> Transactional {
        Transactional {
            committed_head: head,
        }
    }

    /// Nothing of an uncommitted batch was produced: its messages of released partitions are
    /// dropped, and their next owner reads them again.
    fn release(
        ctx: &Ctx,
        _consumer: &BaseConsumer<Ctx>,
        taken: Vec<PartitionState<Transactional>>,
        _commit: bool,
    ) {
        ctx.mode
            .batch
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(m, _)| {
                !taken
                    .iter()
                    .any(|st| st.topic == m.topic() && st.partition == m.partition())
            });
    }
}

/// The consumer loop: collect a batch, process it in one transaction, repeat.
pub fn run(consumer: &BaseConsumer<Ctx>) -> Result<(), ServeError> {
    let ctx = consumer.context().clone();
    let p = ctx.pipeline.clone();
    let topics: Vec<&str> = p.settings.input_topics.iter().map(String::as_str).collect();
    consumer.subscribe(&topics).map_err(ServeError::Kafka)?;
    while !p.shutdown.is_cancelled() && p.status.is_alive() {
        collect(&ctx, consumer);
        let batch = std::mem::take(&mut *ctx.mode.batch.lock().unwrap_or_else(|e| e.into_inner()));
        if batch.is_empty() {
            continue;
        }
        match transact(&ctx, consumer, &batch) {
            Ok(()) => {}
            Err(Failure::Abort(e)) => {
                super::events::kafka_error(
                    Site::Transaction,
                    &e,
                    &format!(
                        "transaction aborted; the batch of {} events will be processed again",
                        batch.len()
                    ),
                );
                abort(&ctx, consumer, &batch);
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
        let n = ctx
            .mode
            .batch
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len();
        let left = p.settings.batch_max_wait.saturating_sub(started.elapsed());
        if n >= p.settings.batch_max_messages || left.is_zero() || p.shutdown.is_cancelled() {
            return;
        }
        match consumer.poll(left.min(Duration::from_millis(100))) {
            None => {}
            Some(Ok(m)) => {
                p.status.set_broker_down(Client::Consumer, false);
                let owned: OwnedMessage = m.detach();
                ctx.mode
                    .batch
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((owned, Instant::now()));
            }
            Some(Err(e)) => super::events::kafka_error(Site::Consumer, &e, "consumer error"),
        }
    }
}

/// One transaction: outputs, audit records and input offsets of the batch.
fn transact(
    ctx: &Ctx,
    consumer: &BaseConsumer<Ctx>,
    batch: &[(OwnedMessage, Instant)],
) -> Result<(), Failure> {
    let p = &ctx.pipeline;
    let producer = &p.producer;
    let timeout = p.settings.transaction_timeout;
    producer.begin_transaction().map_err(classify)?;
    let mut parts = ctx.partitions();
    let mut next: BTreeMap<PartitionKey, (String, i32, i64)> = BTreeMap::new();
    let mut heads: HashMap<PartitionKey, (u64, String)> = HashMap::new();
    let mut audited = 0u64;
    let mut deliveries = Vec::with_capacity(batch.len() * 3);
    for (m, received) in batch {
        let Some(key) = ctx.key_of(m.topic(), m.partition()) else {
            continue;
        };
        let Some(st) = parts.get_mut(&key) else {
            continue;
        };
        next.insert(key, (st.topic.clone(), st.partition, m.offset() + 1));
        let judged = ctx
            .judge(st, m.offset(), m.payload().unwrap_or_default(), *received)
            .map_err(Failure::Fatal)?;
        if let Some(mut j) = judged {
            deliveries.append(&mut j.deliveries);
            deliveries.push(ctx.send_audit(st, &j).map_err(Failure::Fatal)?);
            audited += 1;
            heads.insert(key, j.head);
        }
    }
    drop(parts);
    let mut tpl = TopicPartitionList::new();
    for (topic, partition, offset) in next.values() {
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
    drop(deliveries);
    // Committed: the new heads become the rollback points.
    let mut parts = ctx.partitions();
    for (key, head) in heads {
        if let Some(st) = parts.get_mut(&key) {
            st.work.committed_head = Some(head);
        }
    }
    drop(parts);
    counter!(TRANSACTIONS_TOTAL, "result" => "committed").increment(1);
    counter!(AUDIT_RECORDS_TOTAL).increment(audited);
    let latency = histogram!(PROCESSING_SECONDS);
    for (_, received) in batch {
        latency.record(received.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Aborts the open transaction, rewinds the batch's chains and offsets.
fn abort(ctx: &Ctx, consumer: &BaseConsumer<Ctx>, batch: &[(OwnedMessage, Instant)]) {
    let p = &ctx.pipeline;
    counter!(TRANSACTIONS_TOTAL, "result" => "aborted").increment(1);
    if let Err(e) = p.producer.abort_transaction(p.settings.transaction_timeout) {
        p.status.fail(format!("cannot abort the transaction: {e}"));
        return;
    }
    let mut first: BTreeMap<PartitionKey, i64> = BTreeMap::new();
    for (m, _) in batch {
        if let Some(key) = ctx.key_of(m.topic(), m.partition()) {
            first.entry(key).or_insert(m.offset());
        }
    }
    let mut parts = ctx.partitions();
    for (key, offset) in first {
        let Some(st) = parts.get_mut(&key) else {
            continue;
        };
        st.chain = p
            .guard
            .audit_chain(st.chain.id().to_string(), st.work.committed_head.clone());
        if let Err(e) = consumer.seek(
            &st.topic,
            st.partition,
            Offset::Offset(offset),
            Duration::from_secs(10),
        ) {
            p.status.fail(format!(
                "cannot rewind {}/{} after an aborted transaction: {e}",
                st.topic, st.partition
            ));
        }
    }
}
