//! Acknowledgements counted per group of records in librdkafka's delivery callback.
//!
//! The pipeline never needs to know when one record is acknowledged, only when all the records
//! of a step are: an event's copies, dead letter and I3 updates before its audit record; the
//! audit record before the offset. So a step's records share one [`Acks`]: each record carries a
//! reference to it as its delivery opaque, the producer's polling thread counts it down, and
//! the last acknowledgement wakes the one task waiting. A `FutureProducer` gave every record a
//! oneshot channel, a boxed sender and a future of its own instead, five times per event.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rdkafka::message::DeliveryResult;
use rdkafka::producer::{ProducerContext, ThreadedProducer};
use tokio::sync::Notify;

use super::clients::ClientCtx;

/// The producer of outputs, dead letters, audit records, I3 history and checkpoints.
pub type OutputProducer = ThreadedProducer<ClientCtx>;

/// The acknowledgement of a group of records: complete once every record added to it is
/// acknowledged or failed, and the group is [closed](Acks::close).
#[derive(Debug, Clone)]
pub struct Acks(Arc<Group>);

#[derive(Debug)]
pub struct Group {
    /// Records not acknowledged yet, plus one until the group is closed: the count cannot
    /// reach zero while records are still being added.
    pending: AtomicUsize,
    /// The first failure, if any (librdkafka's error text: no personal data).
    failure: Mutex<Option<String>>,
    done: Notify,
}

impl Default for Acks {
    fn default() -> Self {
        Acks(Arc::new(Group {
            pending: AtomicUsize::new(1),
            failure: Mutex::new(None),
            done: Notify::new(),
        }))
    }
}

impl Acks {
    /// A group whose records are all acknowledged already (it has none).
    pub fn none() -> Acks {
        let acks = Acks::default();
        acks.close();
        acks
    }

    /// The opaque of one more record of the group, for [`rdkafka::producer::BaseRecord`].
    pub fn add(&self) -> Arc<Group> {
        self.0.pending.fetch_add(1, Ordering::AcqRel);
        self.0.clone()
    }

    /// Takes back a record that librdkafka refused to enqueue (its opaque came back unused).
    pub fn remove(&self, opaque: Arc<Group>) {
        drop(opaque);
        self.0.count_down();
    }

    /// No more records join the group. Closing twice would complete it early: callers close
    /// once, where the group is made.
    pub fn close(&self) {
        self.0.count_down();
    }

    /// Waits until every record of the closed group is acknowledged; the first failure
    /// otherwise.
    pub async fn wait(&self) -> Result<(), String> {
        loop {
            // Registered before the check: an acknowledgement between the two still wakes it.
            let notified = self.0.done.notified();
            if self.0.pending.load(Ordering::Acquire) == 0 {
                break;
            }
            notified.await;
        }
        match self
            .0
            .failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }
}

impl Group {
    /// One record of the group is acknowledged, or failed with `failure`.
    fn acknowledged(&self, failure: Option<String>) {
        if let Some(why) = failure {
            let mut first = self.failure.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(why);
        }
        self.count_down();
    }

    fn count_down(&self) {
        if self.pending.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.done.notify_one();
        }
    }
}

impl ProducerContext for ClientCtx {
    type DeliveryOpaque = Arc<Group>;

    /// On the producer's polling thread.
    fn delivery(&self, result: &DeliveryResult<'_>, group: Arc<Group>) {
        group.acknowledged(result.as_ref().err().map(|(e, _)| e.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_group_completes_when_closed_and_its_last_record_is_acknowledged() {
        let acks = Acks::default();
        let (a, b) = (acks.add(), acks.add());
        acks.close();
        let waiting = tokio::spawn({
            let acks = acks.clone();
            async move { acks.wait().await }
        });
        a.acknowledged(None);
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "one record is still pending");
        b.acknowledged(None);
        assert_eq!(waiting.await.unwrap(), Ok(()));
    }

    #[tokio::test]
    async fn an_open_group_never_completes_even_with_no_record_pending() {
        let acks = Acks::default();
        acks.add().acknowledged(None);
        let waited = tokio::time::timeout(std::time::Duration::from_millis(20), acks.wait()).await;
        assert!(waited.is_err(), "still open: more records may join");
        acks.close();
        assert_eq!(acks.wait().await, Ok(()));
        assert_eq!(Acks::none().wait().await, Ok(()));
    }

    #[tokio::test]
    async fn the_first_failure_is_reported_and_a_refused_record_is_taken_back() {
        let acks = Acks::default();
        let (a, b, refused) = (acks.add(), acks.add(), acks.add());
        acks.remove(refused);
        a.acknowledged(Some("first".into()));
        b.acknowledged(Some("second".into()));
        acks.close();
        assert_eq!(acks.wait().await, Err("first".to_string()));
    }
}
