//! At-least-once delivery: outputs → audit record → input offset, each step only after the
//! previous one is acknowledged, pipelined across events.
//!
//! The consumer thread only polls: it hands each event to the judge thread of its partition
//! ([`Workers`]; partitions are spread over `pipeline.judge_threads` threads, so they are judged
//! in parallel while each partition is judged in offset order). The judge thread judges the
//! event, enqueues its outputs and dead letter to the producer, seals its audit record into the
//! partition's chain and puts it in the partition's in-flight queue.
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
//! The judge threads keep judging while earlier events wait for their acknowledgements, so
//! throughput stays close to a plain passthrough; the queue is bounded
//! (`pipeline.max_in_flight_per_partition`), which bounds memory and the number of destination
//! records a crash can repeat. A crash anywhere leaves at worst: outputs written without their
//! audit record (re-forwarded after restart — destination records are keyed by subject so the
//! CRM upserts), or an audit record written without its offset committed (found by recovery, the
//! input is skipped). An audit record is never written twice.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{mpsc as std_mpsc, Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use metrics::{counter, gauge, histogram};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::DeliveryFuture;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::audit::AuditChain;
use crate::engine::State;
use crate::identity_index::IdentityIndex;

use super::metrics::{
    AUDIT_RECORDS_TOTAL, INPUTS_SKIPPED_TOTAL, IN_FLIGHT_EVENTS, PROCESSING_SECONDS,
};
use super::pipeline::{send_blocking_async, PartitionState, Pipeline, PipelineCtx, Work};
use super::status::Client;
use super::ServeError;

/// How often acknowledged offsets are handed to librdkafka's offset store.
const STORE_INTERVAL: Duration = Duration::from_millis(100);

/// An event between "judged" and "audit record enqueued".
struct InFlight {
    offset: i64,
    deliveries: Vec<DeliveryFuture>,
    audit: Vec<u8>,
    received: Instant,
}

/// An event whose audit record is enqueued.
struct AuditPending {
    offset: i64,
    delivery: DeliveryFuture,
    received: Instant,
}

/// Events a judge thread's queue holds before the consumer thread waits for it.
const JUDGE_QUEUE: usize = 512;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The judging side of one input partition: used by its judge thread only, except when the
/// partition is released (after a [`Workers::barrier`]).
pub struct Judging {
    topic: String,
    partition: i32,
    inner: Mutex<JudgingInner>,
}

struct JudgingInner {
    chain: AuditChain,
    /// The partition's in-flight queue; `None` once the partition is released.
    tx: Option<mpsc::Sender<InFlight>>,
}

/// Work for a judge thread.
enum Job {
    Judge {
        part: Arc<Judging>,
        offset: i64,
        payload: Vec<u8>,
        received: Instant,
    },
    /// Answered once every job sent before it is done.
    Barrier(std_mpsc::SyncSender<()>),
}

/// The judge threads. Each owned partition is given to the least loaded one, which judges all
/// its events in offset order; all of them share the instance's I3 identity index.
pub struct Workers {
    senders: Vec<std_mpsc::SyncSender<Job>>,
    /// Partitions per thread.
    load: Mutex<Vec<usize>>,
}

impl Workers {
    /// Starts `n` judge threads sharing `index`. They stop when `Workers` is dropped.
    pub fn spawn(
        pipeline: &Arc<Pipeline>,
        n: usize,
        index: &IdentityIndex,
    ) -> std::io::Result<Workers> {
        let mut senders = Vec::with_capacity(n);
        for i in 0..n.max(1) {
            let (tx, rx) = std_mpsc::sync_channel(JUDGE_QUEUE);
            let state = State {
                index: index.shared(),
            };
            let p = pipeline.clone();
            std::thread::Builder::new()
                .name(format!("judge-{i}"))
                .spawn(move || judge_thread(p, state, rx))?;
            senders.push(tx);
        }
        Ok(Workers {
            load: Mutex::new(vec![0; senders.len()]),
            senders,
        })
    }

    fn pick(&self) -> usize {
        let mut load = lock(&self.load);
        let (i, _) = load
            .iter()
            .enumerate()
            .min_by_key(|(_, n)| **n)
            .expect("at least one judge thread");
        load[i] += 1;
        i
    }

    fn release(&self, i: usize) {
        let mut load = lock(&self.load);
        load[i] = load[i].saturating_sub(1);
    }

    /// Hands a job to judge thread `i` (waits while its queue is full).
    fn send(&self, i: usize, job: Job) -> bool {
        self.senders[i].send(job).is_ok()
    }

    /// Waits until the judge threads `which` have done every job sent to them before; false if
    /// `limit` passed first.
    fn barrier(&self, which: &BTreeSet<usize>, limit: Option<Duration>) -> bool {
        let until = limit.map(|l| Instant::now() + l);
        let mut answers = Vec::new();
        for i in which {
            let (tx, rx) = std_mpsc::sync_channel(1);
            if self.send(*i, Job::Barrier(tx)) {
                answers.push(rx);
            }
        }
        answers.into_iter().all(|rx| match until {
            Some(u) => rx
                .recv_timeout(u.saturating_duration_since(Instant::now()))
                .is_ok(),
            None => rx.recv().is_ok(),
        })
    }
}

/// A judge thread: judges the events it is given, in order, and queues them in their
/// partition's in-flight queue.
fn judge_thread(p: Arc<Pipeline>, mut state: State, rx: std_mpsc::Receiver<Job>) {
    let in_flight = gauge!(IN_FLIGHT_EVENTS);
    while let Ok(job) = rx.recv() {
        let (part, offset, payload, received) = match job {
            Job::Barrier(done) => {
                let _ = done.send(());
                continue;
            }
            Job::Judge {
                part,
                offset,
                payload,
                received,
            } => (part, offset, payload, received),
        };
        if !p.status.is_alive() {
            continue; // stopping on a fatal error: nothing more is produced
        }
        let mut inner = lock(&part.inner);
        let JudgingInner { chain, tx } = &mut *inner;
        let Some(tx) = tx.as_ref() else {
            continue; // released (cannot happen: released only after a barrier)
        };
        match p.judge(
            &mut state,
            chain,
            &part.topic,
            part.partition,
            offset,
            &payload,
            received,
        ) {
            Ok(j) => {
                in_flight.increment(1.0);
                let event = InFlight {
                    offset,
                    deliveries: j.deliveries,
                    audit: j.audit,
                    received,
                };
                // An error means the partition's tasks stopped: a fatal error is being reported.
                let _ = tx.blocking_send(event);
            }
            Err(e) => p.status.fail(format!(
                "{}/{}@{offset}: cannot enqueue an output: {e}",
                part.topic, part.partition
            )),
        }
    }
}

/// The judge thread and in-flight queue of one input partition.
pub struct Stages {
    judging: Arc<Judging>,
    /// Index of its judge thread.
    worker: usize,
    /// Offset + 1 of the last event fully acknowledged (−1: none yet).
    acked: Arc<AtomicI64>,
    /// The last value handed to the offset store.
    stored: i64,
    tasks: Vec<JoinHandle<()>>,
}

impl Stages {
    /// Gives a partition to a judge thread and starts its forward and ack tasks.
    pub fn spawn(
        pipeline: Arc<Pipeline>,
        workers: &Workers,
        topic: &str,
        partition: i32,
        chain: AuditChain,
        audit_partition: i32,
    ) -> Stages {
        let capacity = pipeline.settings.max_in_flight_per_partition;
        let (tx, rx) = mpsc::channel(capacity);
        let (ack_tx, ack_rx) = mpsc::channel(capacity);
        let acked = Arc::new(AtomicI64::new(-1));
        let where_ = format!("{topic}/{partition}");
        let forward = pipeline.runtime.spawn(forward(
            pipeline.clone(),
            rx,
            ack_tx,
            chain.id().to_string(),
            audit_partition,
            where_.clone(),
        ));
        let ack = pipeline
            .runtime
            .spawn(ack(pipeline.clone(), ack_rx, acked.clone(), where_));
        Stages {
            judging: Arc::new(Judging {
                topic: topic.to_string(),
                partition,
                inner: Mutex::new(JudgingInner {
                    chain,
                    tx: Some(tx),
                }),
            }),
            worker: workers.pick(),
            acked,
            stored: -1,
            tasks: vec![forward, ack],
        }
    }

    /// Marks an input that needs no work (already audited) as acknowledged. Safe because such
    /// inputs come before any judged one of the partition.
    fn skip(&self, offset: i64) {
        self.acked.fetch_max(offset + 1, Ordering::AcqRel);
    }
}

/// Waits for an enqueued record's acknowledgement.
async fn delivered(d: DeliveryFuture) -> Result<(i32, i64), String> {
    match d.await {
        Ok(Ok(delivery)) => Ok((delivery.partition, delivery.offset)),
        Ok(Err((e, _))) => Err(e.to_string()),
        Err(_) => Err("the producer was closed".into()),
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
        for d in event.deliveries {
            if let Err(why) = delivered(d).await {
                p.status.fail(format!(
                    "{where_}@{}: an output was not delivered: {why}",
                    event.offset
                ));
                return;
            }
        }
        let delivery = match send_blocking_async(
            &p.producer,
            &p.settings.audit_topic,
            audit_partition,
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
    where_: String,
) {
    let latency = histogram!(PROCESSING_SECONDS);
    let audited = counter!(AUDIT_RECORDS_TOTAL);
    let in_flight = gauge!(IN_FLIGHT_EVENTS);
    while let Some(a) = rx.recv().await {
        if let Err(why) = delivered(a.delivery).await {
            pipeline.status.fail(format!(
                "{where_}@{}: the audit record was not delivered: {why}",
                a.offset
            ));
            return;
        }
        acked.fetch_max(a.offset + 1, Ordering::AcqRel);
        audited.increment(1);
        in_flight.decrement(1.0);
        latency.record(a.received.elapsed().as_secs_f64());
    }
}

/// The consumer loop: hand each event to its partition's judge thread, store acknowledged
/// offsets.
pub fn run(consumer: &BaseConsumer<PipelineCtx>) -> Result<(), ServeError> {
    let ctx = consumer.context().clone();
    let p = ctx.pipeline.clone();
    let workers = ctx
        .workers
        .as_ref()
        .expect("at-least-once has judge threads");
    let topics: Vec<&str> = p.settings.input_topics.iter().map(String::as_str).collect();
    consumer.subscribe(&topics).map_err(ServeError::Kafka)?;
    let skipped = counter!(INPUTS_SKIPPED_TOTAL);
    let mut last_store = Instant::now();
    while !p.shutdown.is_cancelled() && p.status.is_alive() {
        match consumer.poll(Duration::from_millis(100)) {
            None => {}
            Some(Ok(m)) => {
                p.status.set_broker_down(Client::Consumer, false);
                let received = Instant::now();
                let Some(key) = ctx.key_of(m.topic(), m.partition()) else {
                    continue;
                };
                let mut parts = ctx.partitions();
                let Some(st) = parts.get_mut(&key) else {
                    // Assigned while shutting down (recovery cancelled): left unprocessed.
                    continue;
                };
                let Work::Pipelined(stages) = &st.work else {
                    unreachable!("at-least-once partitions are pipelined")
                };
                if m.offset() <= st.skip_through {
                    skipped.increment(1);
                    stages.skip(m.offset());
                    continue;
                }
                let job = Job::Judge {
                    part: stages.judging.clone(),
                    offset: m.offset(),
                    payload: m.payload().unwrap_or_default().to_vec(),
                    received,
                };
                let worker = stages.worker;
                drop(parts);
                if !workers.send(worker, job) {
                    p.status.fail("a judge thread stopped".into());
                }
            }
            Some(Err(e)) if super::clients::is_transient(&e) => {
                tracing::debug!(error = %e, "consumer error")
            }
            Some(Err(e)) => tracing::warn!(error = %e, "consumer error"),
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
fn store_acked(ctx: &PipelineCtx, consumer: &BaseConsumer<PipelineCtx>) {
    let mut tpl = TopicPartitionList::new();
    for st in ctx.partitions().values_mut() {
        if let Work::Pipelined(s) = &mut st.work {
            let a = s.acked.load(Ordering::Acquire);
            if a > s.stored {
                s.stored = a;
                let _ = tpl.add_partition_offset(&st.topic, st.partition, Offset::Offset(a));
            }
        }
    }
    if tpl.count() > 0 {
        if let Err(e) = consumer.store_offsets(&tpl) {
            tracing::debug!(error = %e, "cannot store offsets (partition no longer assigned?)");
        }
    }
}

/// Finishes the in-flight events of released partitions, then commits their offsets
/// synchronously (when `commit`, i.e. the partitions were not lost) before they go to another
/// instance. Bounded by the shutdown deadline when shutting down.
pub fn drain(
    ctx: &PipelineCtx,
    consumer: &BaseConsumer<PipelineCtx>,
    mut taken: Vec<PartitionState>,
    commit: bool,
) {
    let p = &ctx.pipeline;
    let started = Instant::now();
    // Every event already handed to a judge thread is judged and queued first.
    let judges: BTreeSet<usize> = taken
        .iter()
        .filter_map(|st| match &st.work {
            Work::Pipelined(s) => Some(s.worker),
            Work::Transactional { .. } => None,
        })
        .collect();
    if let Some(workers) = &ctx.workers {
        if !workers.barrier(&judges, p.time_left()) {
            p.status.fail(format!(
                "events handed to the judge threads not judged within the shutdown grace \
                 period ({:?}); their offsets stay uncommitted and they will be processed again",
                p.settings.grace_period
            ));
        }
    }
    let mut tasks = Vec::new();
    for st in &mut taken {
        if let Work::Pipelined(s) = &mut st.work {
            // Closing the queue ends the tasks once it is empty.
            lock(&s.judging.inner).tx = None;
            tasks.append(&mut s.tasks);
            if let Some(workers) = &ctx.workers {
                workers.release(s.worker);
            }
        }
    }
    if tasks.is_empty() {
        return;
    }
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
    let mut tpl = TopicPartitionList::new();
    for st in &taken {
        if let Work::Pipelined(s) = &st.work {
            let a = s.acked.load(Ordering::Acquire);
            if a >= 0 && ctx.needs_commit(&st.topic, st.partition, a) {
                let _ = tpl.add_partition_offset(&st.topic, st.partition, Offset::Offset(a));
            }
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
            Err(KafkaError::ConsumerCommit(code)) => {
                tracing::warn!(error = ?code, "cannot commit offsets of released partitions")
            }
            Err(e) => tracing::warn!(error = %e, "cannot commit offsets of released partitions"),
        }
    }
}
