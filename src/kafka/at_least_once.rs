//! At-least-once delivery: outputs → audit record → input offset, each step only after the
//! previous one is acknowledged, pipelined across events.
//!
//! Per input partition, two tasks form an ordered in-flight queue:
//! 1. **forward**: waits until an event's outputs and dead letter are acknowledged, then
//!    enqueues its (already sealed) audit record. Events are taken in offset order, so audit
//!    records of one chain are enqueued in chain order; the idempotent producer keeps that order
//!    on the wire, and `enable.gapless.guarantee` makes any gap a fatal error.
//! 2. **ack**: waits for the audit record's acknowledgement, then publishes the next offset
//!    after the event as the partition's acknowledged position. The consumer thread stores it
//!    (auto-commit commits stored offsets in the background), and commits it synchronously on
//!    revocation and shutdown.
//!
//! The workers keep judging while earlier events wait for their acknowledgements, so
//! throughput stays close to a plain passthrough; the queue is bounded
//! (`pipeline.max_in_flight_per_partition`), which bounds memory and the number of destination
//! records a crash can repeat. A crash anywhere leaves at worst: outputs written without their
//! audit record (re-forwarded after restart — destination records are keyed by subject so the
//! CRM upserts), or an audit record written without its offset committed (found by recovery, the
//! input is skipped). An audit record is never written twice.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use metrics::{counter, gauge, histogram, Gauge};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::acks::Acks;
use super::events::Site;
use super::metrics::{AUDIT_RECORDS_TOTAL, IN_FLIGHT_EVENTS, PROCESSING_SECONDS};
use super::pipeline::{
    lock, Assignment, Judged, Mode, PartitionState, Pipeline, PipelineCtx, SharedPartition,
};
use super::sink::send_async;
use super::status::Client;
use super::ServeError;

/// How often acknowledged offsets are handed to librdkafka's offset store.
const STORE_INTERVAL: Duration = Duration::from_millis(100);

/// The longest the final checkpoints of released partitions are waited for.
const FINAL_CHECKPOINT_WAIT: Duration = Duration::from_secs(5);

/// The longest an input waits in a partial batch while the consumer keeps receiving.
const HAND_OVER_INTERVAL: Duration = Duration::from_millis(10);

/// An event between "judged" and "audit record enqueued".
struct InFlight {
    offset: i64,
    outputs: Acks,
    audit: Vec<u8>,
    checkpoint: Option<Vec<u8>>,
    received: Instant,
}

/// An event whose audit record is enqueued.
struct AuditPending {
    offset: i64,
    delivery: Acks,
    /// Written once the audit record is acknowledged (it covers it).
    checkpoint: Option<Vec<u8>>,
    received: Instant,
}

/// At-least-once delivery, as a [`Mode`] of the consumer side.
pub struct AtLeastOnce;

type Ctx = PipelineCtx<AtLeastOnce>;

impl Mode for AtLeastOnce {
    type Work = Stages;

    fn start(ctx: &Ctx, a: Assignment<'_>) -> Stages {
        Stages::spawn(
            ctx.pipeline.clone(),
            a.topic,
            a.partition,
            a.chain_id.to_string(),
            a.audit_partition,
        )
    }

    /// Hands the judged event to the partition's forward task.
    fn judged(
        _pipeline: &Pipeline,
        st: &mut PartitionState<Stages>,
        offset: i64,
        judged: Option<Judged>,
    ) -> Result<(), String> {
        let stages = &mut st.work;
        let Some(Judged {
            outputs,
            audit,
            checkpoint,
            received,
            ..
        }) = judged
        else {
            stages.skip(offset);
            return Ok(());
        };
        stages.in_flight.increment(1.0);
        let event = InFlight {
            offset,
            outputs,
            audit,
            checkpoint,
            received,
        };
        match stages.tx.as_ref().map(|tx| tx.blocking_send(event)) {
            Some(Ok(())) => Ok(()),
            // The partition's tasks stopped: the fatal error they met is being reported.
            _ => Err(format!(
                "{}/{}@{offset}: the partition's delivery tasks stopped",
                st.topic, st.partition
            )),
        }
    }

    fn release(
        ctx: &Ctx,
        consumer: &BaseConsumer<Ctx>,
        taken: Vec<SharedPartition<Stages>>,
        commit: bool,
    ) {
        drain(ctx, consumer, &taken, commit);
    }
}

/// The in-flight queue of one input partition.
pub struct Stages {
    tx: Option<mpsc::Sender<InFlight>>,
    /// Offset + 1 of the last event fully acknowledged (−1: none yet).
    acked: Arc<AtomicI64>,
    /// The last value handed to the offset store.
    stored: i64,
    tasks: Vec<JoinHandle<()>>,
    in_flight: Gauge,
}

impl Stages {
    /// Starts the forward and ack tasks of a partition.
    pub fn spawn(
        pipeline: Arc<Pipeline>,
        topic: &str,
        partition: i32,
        chain_id: String,
        audit_partition: i32,
    ) -> Stages {
        let capacity = pipeline.settings.max_in_flight_per_partition;
        let (tx, rx) = mpsc::channel(capacity);
        let (ack_tx, ack_rx) = mpsc::channel(capacity);
        let acked = Arc::new(AtomicI64::new(-1));
        let where_ = format!("{topic}/{partition}");
        let chain_id_for_ack = chain_id.clone();
        let forward = pipeline.runtime.spawn(forward(
            pipeline.clone(),
            rx,
            ack_tx,
            chain_id,
            audit_partition,
            where_.clone(),
        ));
        let ack = pipeline.runtime.spawn(ack(
            pipeline.clone(),
            ack_rx,
            acked.clone(),
            chain_id_for_ack,
            where_,
        ));
        Stages {
            tx: Some(tx),
            acked,
            stored: -1,
            tasks: vec![forward, ack],
            in_flight: gauge!(IN_FLIGHT_EVENTS),
        }
    }

    /// Marks an input that needs no work (already audited) as acknowledged. Safe because such
    /// inputs come before any in-flight one of the partition.
    fn skip(&self, offset: i64) {
        self.acked.fetch_max(offset + 1, Ordering::AcqRel);
    }
}

async fn forward(
    pipeline: Arc<Pipeline>,
    mut rx: mpsc::Receiver<InFlight>,
    ack_tx: mpsc::Sender<AuditPending>,
    chain_id: String,
    audit_partition: i32,
    where_: String,
) {
    let p = &pipeline;
    while let Some(event) = rx.recv().await {
        if let Err(why) = event.outputs.wait().await {
            p.status.fail(format!(
                "{where_}@{}: an output was not delivered: {why}",
                event.offset
            ));
            return;
        }
        let delivery = match send_async(
            &p.producer,
            &p.settings.audit_topic,
            Some(audit_partition),
            &chain_id,
            &format!("{where_}@{}", event.offset),
            &event.audit,
        )
        .await
        {
            Ok(d) => d,
            Err(e) => {
                p.status.fail(format!(
                    "{where_}@{}: cannot enqueue the audit record: {e}",
                    event.offset
                ));
                return;
            }
        };
        let pending = AuditPending {
            offset: event.offset,
            delivery,
            checkpoint: event.checkpoint,
            received: event.received,
        };
        if ack_tx.send(pending).await.is_err() {
            return;
        }
    }
}

async fn ack(
    pipeline: Arc<Pipeline>,
    mut rx: mpsc::Receiver<AuditPending>,
    acked: Arc<AtomicI64>,
    chain_id: String,
    where_: String,
) {
    let latency = histogram!(PROCESSING_SECONDS);
    let audited = counter!(AUDIT_RECORDS_TOTAL);
    let in_flight = gauge!(IN_FLIGHT_EVENTS);
    while let Some(a) = rx.recv().await {
        if let Err(why) = a.delivery.wait().await {
            pipeline.status.fail(format!(
                "{where_}@{}: the audit record was not delivered: {why}",
                a.offset
            ));
            return;
        }
        if let (Some(c), Some(topic)) = (&a.checkpoint, &pipeline.topics.checkpoints) {
            // Not awaited: a checkpoint lost in a crash is covered by the next one.
            let position = format!("{where_}@{}", a.offset);
            if let Err(e) =
                send_async(&pipeline.producer, topic, None, &chain_id, &position, c).await
            {
                pipeline
                    .status
                    .fail(format!("{position}: cannot enqueue a checkpoint: {e}"));
                return;
            }
        }
        acked.fetch_max(a.offset + 1, Ordering::AcqRel);
        audited.increment(1);
        in_flight.decrement(1.0);
        latency.record(a.received.elapsed().as_secs_f64());
    }
}

/// The consumer loop: hand each input to its partition's worker, store acknowledged offsets.
pub fn run(consumer: &BaseConsumer<Ctx>) -> Result<(), ServeError> {
    let ctx = consumer.context().clone();
    let p = ctx.pipeline.clone();
    let topics = p.settings.consumed_topics();
    consumer.subscribe(&topics).map_err(ServeError::Kafka)?;
    let mut last_store = Instant::now();
    let mut last_hand_over = Instant::now();
    // Whether inputs wait in partial batches: then poll without waiting, and hand them over as
    // soon as the consumer's queue runs dry.
    let mut batched = false;
    while !p.shutdown.is_cancelled() && p.status.is_alive() {
        let wait = if batched {
            Duration::ZERO
        } else {
            Duration::from_millis(100)
        };
        let polled = consumer.poll(wait);
        let dry = polled.is_none();
        let handed = match polled {
            None => Ok(()),
            Some(Ok(m)) => {
                p.status.set_broker_down(Client::Consumer, false);
                batched = true;
                ctx.dispatch(m.detach(), Instant::now())
            }
            Some(Err(e)) => {
                super::events::kafka_error(Site::Consumer, &e, "consumer error");
                Ok(())
            }
        }
        .and_then(|()| {
            if batched && (dry || last_hand_over.elapsed() >= HAND_OVER_INTERVAL) {
                batched = false;
                last_hand_over = Instant::now();
                ctx.hand_over()?;
            }
            Ok(())
        });
        if let Err(e) = handed {
            p.status.fail(e.to_string());
            break;
        }
        if last_store.elapsed() >= STORE_INTERVAL {
            store_acked(&ctx, consumer);
            last_store = Instant::now();
        }
    }
    p.begin_shutdown();
    ctx.on_revoke(consumer, None);
    match p.status.failure() {
        Some(why) => Err(ServeError::Fatal(why)),
        None => Ok(()),
    }
}

/// Hands acknowledged offsets to librdkafka's offset store (committed by auto-commit).
fn store_acked(ctx: &Ctx, consumer: &BaseConsumer<Ctx>) {
    let mut tpl = TopicPartitionList::new();
    for owned in ctx.partitions().values() {
        let mut st = lock(&owned.state);
        let a = st.work.acked.load(Ordering::Acquire);
        if a > st.work.stored {
            st.work.stored = a;
            let _ = tpl.add_partition_offset(&st.topic, st.partition, Offset::Offset(a));
        }
    }
    if tpl.count() > 0 {
        if let Err(e) = consumer.store_offsets(&tpl) {
            tracing::debug!(error = %e, "cannot store offsets (partition no longer assigned?)");
        }
    }
}

/// A last checkpoint of each released chain, covering every record acknowledged (all of them:
/// only called once the partitions' tasks finished), written before the partition goes.
fn final_checkpoints(ctx: &Ctx, taken: &[SharedPartition<Stages>]) {
    let p = &ctx.pipeline;
    if p.status.is_broker_down(Client::Producer) {
        // It would wait in the producer's queue and hold the exit.
        tracing::info!("no broker reachable: no final checkpoints (the next owner makes them)");
        return;
    }
    let now = p.now.unwrap_or_else(crate::clock::now);
    let mut sent = Vec::new();
    for st in taken {
        let st = &mut *lock(st);
        let last = st.work.acked.load(Ordering::Acquire) - 1;
        let position = format!("{}/{}@{last}", st.topic, st.partition);
        if let Some(c) = p.guard.checkpoint(&mut st.chain, &position, now, true) {
            match p.send_checkpoint(st.chain.id(), &c, &position) {
                Ok(d) => sent.push(d),
                Err(e) => tracing::warn!(error = %e, "cannot enqueue a final checkpoint"),
            }
        }
    }
    if sent.is_empty() {
        return;
    }
    // Bounded well within what is left of a shutdown: the offsets must still be committed, and
    // an unreachable broker must not hold the exit (the next owner checkpoints the chains).
    let limit = p.time_left().map_or(FINAL_CHECKPOINT_WAIT, |left| {
        (left / 4).min(FINAL_CHECKPOINT_WAIT)
    });
    let delivered = p.runtime.block_on(async {
        tokio::time::timeout(limit, async {
            for d in sent {
                d.wait().await?;
            }
            Ok::<_, String>(())
        })
        .await
    });
    if !matches!(delivered, Ok(Ok(()))) {
        tracing::warn!("final checkpoints not acknowledged; the next owner checkpoints the chains");
    }
}

/// Finishes the in-flight events of released partitions, then commits their offsets
/// synchronously (when `commit`, i.e. the partitions were not lost) before they go to another
/// instance. Bounded by the shutdown deadline when shutting down.
fn drain(ctx: &Ctx, consumer: &BaseConsumer<Ctx>, taken: &[SharedPartition<Stages>], commit: bool) {
    let p = &ctx.pipeline;
    let mut tasks = Vec::new();
    for st in taken {
        let s = &mut lock(st).work;
        s.tx = None; // closing the queue ends the tasks once it is empty
        tasks.append(&mut s.tasks);
    }
    if tasks.is_empty() {
        return;
    }
    let started = Instant::now();
    let limit = p.time_left();
    let finished = p.runtime.block_on(async {
        let all = async {
            for t in tasks {
                let _ = t.await;
            }
        };
        match limit {
            Some(left) => tokio::time::timeout(left, all).await.is_ok(),
            None => {
                all.await;
                true
            }
        }
    });
    if !finished {
        p.status.fail(format!(
            "in-flight events not acknowledged within the shutdown grace period ({:?}); \
             their offsets stay uncommitted and they will be processed again",
            p.settings.grace_period
        ));
    }
    if finished && p.status.is_alive() {
        final_checkpoints(ctx, taken);
    }
    // Store the final positions as well as committing them: with auto-commit, librdkafka
    // commits the *stored* offsets of partitions leaving the assignment (rebalance, close)
    // unconditionally, so a stored offset older than the one committed here would move the
    // group's committed offset back (found by the SIGTERM test under load: committed 21 after
    // 538 was committed). Inputs between the two would then be consumed again by the next owner
    // (skipped thanks to chain recovery, but read for nothing).
    let mut stored = TopicPartitionList::new();
    let mut tpl = TopicPartitionList::new();
    for st in taken {
        let st = lock(st);
        let a = st.work.acked.load(Ordering::Acquire);
        if a > st.work.stored {
            let _ = stored.add_partition_offset(&st.topic, st.partition, Offset::Offset(a));
        }
        if a >= 0 && ctx.needs_commit(&st.topic, st.partition, a) {
            let _ = tpl.add_partition_offset(&st.topic, st.partition, Offset::Offset(a));
        }
    }
    if commit && stored.count() > 0 {
        if let Err(e) = consumer.store_offsets(&stored) {
            tracing::debug!(error = %e, "cannot store the final offsets of released partitions");
        }
    }
    if commit && tpl.count() > 0 {
        match consumer.commit(&tpl, CommitMode::Sync) {
            Ok(()) => {
                ctx.record_committed(&tpl);
                tracing::info!(
                offsets = ?tpl.elements().iter().map(|e| format!("{}/{}@{:?}", e.topic(), e.partition(), e.offset())).collect::<Vec<_>>(),
                drain_ms = started.elapsed().as_millis() as u64,
                "in-flight events finished and offsets committed"
                )
            }
            Err(e) => super::events::kafka_error(
                Site::OffsetCommit,
                &e,
                "cannot commit offsets of released partitions",
            ),
        }
    }
}
