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
//! A rebalance or a shutdown [`Workers::flush`]es: it returns once every input dispatched before
//! it has been judged and handed to its delivery mode, so a revoked partition is released with
//! nothing left behind in a queue.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use metrics::counter;
use rdkafka::message::{Message, OwnedMessage};

use crate::engine::State;

use super::metrics::WORKER_EVENTS_TOTAL;
use super::pipeline::{lock, Mode, Pipeline, SharedPartition};

/// Inputs queued per worker before the consumer thread waits: enough to keep a worker busy
/// between two polls, small enough that a flush is quick.
const QUEUE: usize = 512;

enum Job<W> {
    Judge {
        partition: SharedPartition<W>,
        message: OwnedMessage,
        received: Instant,
    },
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
        Ok(Workers { queues })
    }

    pub fn count(&self) -> usize {
        self.queues.len()
    }

    /// Queues an input of `partition` on its worker (waits while the queue is full).
    pub fn dispatch(
        &self,
        worker: usize,
        partition: SharedPartition<W>,
        message: OwnedMessage,
        received: Instant,
    ) -> Result<(), Stopped> {
        self.queues[worker]
            .send(Job::Judge {
                partition,
                message,
                received,
            })
            .map_err(|_| Stopped)
    }

    /// Waits until every input dispatched so far is judged.
    pub fn flush(&self) -> Result<(), Stopped> {
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
            Job::Judge {
                partition,
                message,
                received,
            } => {
                // After a fatal error nothing more is judged: a later event of a partition whose
                // earlier one failed must not be audited (its offset would cover the failed one).
                if !pipeline.status.is_alive() {
                    continue;
                }
                judged.increment(1);
                let mut st = lock(&partition);
                let offset = message.offset();
                let payload = message.payload().unwrap_or_default();
                let result = match pipeline.judge(&mut engine, &mut st, offset, payload, received) {
                    Ok(judged) => M::judged(pipeline, &mut st, offset, judged),
                    Err(e) => Err(format!("{}/{}@{offset}: {e}", st.topic, st.partition)),
                };
                if let Err(why) = result {
                    pipeline.status.fail(why);
                }
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}
