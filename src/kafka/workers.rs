//! The judging threads of Kafka mode (`pipeline.workers`, default: one per core).
//!
//! Each owned input partition is given to one worker when it is assigned (the least loaded), and
//! the consumer thread hands the partition's inputs to that worker's queue in offset order: one
//! partition's events are judged in order by one thread, while other partitions are judged at the
//! same time on the other workers. The consumer thread only polls and dispatches, librdkafka's
//! own threads send, and the bounded queues carry back-pressure from judging to the consumer.
//!
//! Every worker judges on the same I3 index (the instance's, or the one shared between instances
//! through `kafka.identities_topic`), so correlation does not depend on which worker judges which
//! partition.
//!
//! Inputs are handed over in batches (up to [`BATCH`] per worker, or whatever the consumer had
//! when its queue ran dry): one wake-up of a worker per batch rather than per input, which at tens
//! of thousands of events/s is most of the cost of handing over.
//!
//! A rebalance or a shutdown [`Workers::flush`]es: it hands over what is batched and returns once
//! every input handed over before it has been judged and handed to its delivery mode, so a
//! revoked partition is released with nothing left behind in a batch or a queue.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use metrics::counter;
use rdkafka::message::{Message, OwnedMessage};

use crate::engine::State;

use super::metrics::WORKER_EVENTS_TOTAL;
use super::pipeline::{lock, Mode, Pipeline, SharedPartition};

/// Inputs per batch handed to a worker.
pub const BATCH: usize = 64;

/// Batches queued per worker before the consumer thread waits: enough to keep a worker busy
/// between two polls, small enough that a flush is quick.
const QUEUE: usize = 8;

/// One input to judge.
struct Input<W> {
    partition: SharedPartition<W>,
    message: OwnedMessage,
    received: Instant,
}

enum Job<W> {
    Judge(Vec<Input<W>>),
    /// Answered once everything queued before it is done.
    Flush(SyncSender<()>),
}

/// A worker thread is gone (it panicked): the pipeline cannot go on.
#[derive(Debug, thiserror::Error)]
#[error("a judging worker stopped")]
pub struct Stopped;

/// The pool, owned by the consumer side; its threads end when it is dropped.
pub struct Workers<W> {
    queues: Vec<SyncSender<Job<W>>>,
    /// Per worker, the inputs not handed over yet (consumer thread only).
    batches: Mutex<Vec<Vec<Input<W>>>>,
}

impl<W: Send + 'static> Workers<W> {
    /// Starts `count` workers judging for delivery mode `M`.
    pub fn start<M: Mode<Work = W>>(
        pipeline: &Arc<Pipeline>,
        count: usize,
    ) -> std::io::Result<Self> {
        let publish = pipeline.identities.is_some();
        let index = pipeline
            .identities
            .clone()
            .unwrap_or_else(|| pipeline.guard.new_index());
        let mut queues = Vec::with_capacity(count);
        for i in 0..count.max(1) {
            let (tx, rx) = mpsc::sync_channel(QUEUE);
            let engine = pipeline
                .guard
                .shared_state(index.clone(), publish)
                .with_subject_keys(pipeline.subject_keys.as_ref().map(|(k, _)| k.clone()));
            let p = pipeline.clone();
            thread::Builder::new()
                .name(format!("judge-{i}"))
                .spawn(move || work::<M>(&p, i, engine, rx))?;
            queues.push(tx);
        }
        Ok(Workers {
            batches: Mutex::new((0..queues.len()).map(|_| Vec::new()).collect()),
            queues,
        })
    }

    pub fn count(&self) -> usize {
        self.queues.len()
    }

    /// Adds an input of `partition` to its worker's batch, handed over once full (waits while
    /// the worker's queue is full).
    pub fn dispatch(
        &self,
        worker: usize,
        partition: SharedPartition<W>,
        message: OwnedMessage,
        received: Instant,
    ) -> Result<(), Stopped> {
        let mut batches = lock(&self.batches);
        let batch = &mut batches[worker];
        batch.push(Input {
            partition,
            message,
            received,
        });
        if batch.len() < BATCH {
            return Ok(());
        }
        let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
        drop(batches);
        self.queues[worker]
            .send(Job::Judge(full))
            .map_err(|_| Stopped)
    }

    /// Hands over every batch, full or not (when the consumer has nothing more to give now).
    pub fn hand_over(&self) -> Result<(), Stopped> {
        let batches: Vec<Vec<Input<W>>> =
            lock(&self.batches).iter_mut().map(std::mem::take).collect();
        for (worker, batch) in batches.into_iter().enumerate() {
            if !batch.is_empty() {
                self.queues[worker]
                    .send(Job::Judge(batch))
                    .map_err(|_| Stopped)?;
            }
        }
        Ok(())
    }

    /// Hands over every batch and waits until every input dispatched so far is judged.
    pub fn flush(&self) -> Result<(), Stopped> {
        self.hand_over()?;
        let (tx, rx) = mpsc::sync_channel(self.queues.len());
        for q in &self.queues {
            q.send(Job::Flush(tx.clone())).map_err(|_| Stopped)?;
        }
        drop(tx);
        for _ in &self.queues {
            rx.recv().map_err(|_| Stopped)?;
        }
        Ok(())
    }
}

fn work<M: Mode>(
    pipeline: &Pipeline,
    worker: usize,
    mut engine: State,
    jobs: Receiver<Job<M::Work>>,
) {
    let judged = counter!(WORKER_EVENTS_TOTAL, "worker" => worker.to_string());
    for job in jobs {
        match job {
            Job::Judge(batch) => {
                for input in batch {
                    // After a fatal error nothing more is judged: a later event of a partition
                    // whose earlier one failed must not be audited (its offset would cover the
                    // failed one).
                    if !pipeline.status.is_alive() {
                        break;
                    }
                    judged.increment(1);
                    if let Err(why) = judge_one::<M>(pipeline, &mut engine, input) {
                        pipeline.status.fail(why);
                    }
                }
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}

fn judge_one<M: Mode>(
    pipeline: &Pipeline,
    engine: &mut State,
    input: Input<M::Work>,
) -> Result<(), String> {
    let mut st = lock(&input.partition);
    let offset = input.message.offset();
    let payload = input.message.payload().unwrap_or_default();
    match pipeline.judge(engine, &mut st, offset, payload, input.received) {
        Ok(judged) => M::judged(pipeline, &mut st, offset, judged),
        Err(e) => Err(format!("{}/{}@{offset}: {e}", st.topic, st.partition)),
    }
}
