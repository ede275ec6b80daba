//! The subject keys topic (`kafka.subject_keys_topic`): per-subject data keys, wrapped, as a
//! compacted topic keyed by key id (crypto-shredding, issue 13; see [`crate::subject_keys`]).
//!
//! - Every instance reads it whole as a global table ([`super::table`]) before the first lead,
//!   and keeps following it: keys other instances create, and their destructions (tombstones).
//! - Whoever creates a key writes its record through [`KeyWriter`] and waits for the broker's
//!   acknowledgement **before** producing any output sealed with it
//!   ([`KeyWriter::publish`]), so a crash never leaves a copy whose key is lost.
//! - An erasure writes a tombstone per destroyed key through the same producer, after the key's
//!   record: on one partition, in order, so compaction keeps the tombstone, never the key.

use std::sync::Arc;
use std::time::{Duration, Instant};

use metrics::{counter, gauge};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Message};
use rdkafka::producer::BaseRecord;
use rdkafka::{Offset, TopicPartitionList};
use tokio::runtime::Handle;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::engine::Guard;
use crate::subject_keys::{KeyId, KeyWrite, Loaded, SubjectKeyError, SubjectKeys};

use super::acks::{Acks, OutputProducer};
use super::clients::{self, ClientCtx};
use super::config::Settings;
use super::events::Site;
use super::metrics::{SUBJECT_KEYS, SUBJECT_KEYS_CREATED_TOTAL, SUBJECT_KEYS_DESTROYED_TOTAL};
use super::sink::send_blocking;
use super::status::{Client, Status};
use super::table::{self, Table};
use super::ServeError;

/// Writes key records and tombstones to the subject keys topic.
pub struct KeyWriter {
    producer: OutputProducer,
    topic: String,
}

impl std::fmt::Debug for KeyWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyWriter")
            .field("topic", &self.topic)
            .finish_non_exhaustive()
    }
}

/// A key write that could not be made durable.
#[derive(Debug, thiserror::Error)]
pub enum KeyWriteError {
    #[error("cannot write a subject key record: {0}")]
    Kafka(#[from] KafkaError),
    #[error("a subject key record was not acknowledged: {0}")]
    NotAcknowledged(String),
    #[error(transparent)]
    Store(#[from] SubjectKeyError),
}

impl KeyWriter {
    /// The writer of `topic` (see [`clients::key_producer`]).
    pub fn new(
        settings: &Settings,
        topic: &str,
        status: Arc<Status>,
    ) -> Result<KeyWriter, ServeError> {
        let producer = clients::key_producer(settings)
            .create_with_context(ClientCtx::new(Client::SubjectKeys, status))
            .map_err(ServeError::Kafka)?;
        Ok(KeyWriter {
            producer,
            topic: topic.to_string(),
        })
    }

    /// Enqueues one write (record keyed by the key id; a destruction is a tombstone); its
    /// acknowledgement.
    pub fn send(&self, w: KeyWrite<'_>) -> Result<Acks, KafkaError> {
        let group = Acks::default();
        let rec = match w {
            KeyWrite::Key { id, record } => {
                BaseRecord::<str, [u8], _>::with_opaque_to(&self.topic, group.add())
                    .key(id)
                    .payload(record)
            }
            KeyWrite::Tombstone { id } => {
                BaseRecord::<str, [u8], _>::with_opaque_to(&self.topic, group.add()).key(id)
            }
        };
        send_blocking(&group, &self.producer, rec)?;
        group.close();
        Ok(group)
    }

    /// Writes the records of the keys an event uses that are not durable yet, and returns once
    /// the broker acknowledged them (and those other workers were writing): only then may the
    /// event's outputs be produced.
    pub fn publish(
        &self,
        store: &SubjectKeys,
        ids: &[KeyId],
        runtime: &Handle,
    ) -> Result<(), KeyWriteError> {
        let mut p = store.publish(ids, |w| self.send(w))?;
        let acks = std::mem::take(&mut p.acks);
        let written = acks.len();
        wait(runtime, acks)?;
        store.confirm(&p)?;
        counter!(SUBJECT_KEYS_CREATED_TOTAL).increment(written as u64);
        Ok(())
    }

    /// Flushes what is enqueued (at shutdown).
    pub fn flush(&self, timeout: Duration) {
        use rdkafka::producer::Producer;
        let _ = self.producer.flush(timeout);
    }
}

/// Waits for deliveries to be acknowledged.
pub fn wait(runtime: &Handle, acks: Vec<Acks>) -> Result<(), KeyWriteError> {
    runtime.block_on(async {
        for a in acks {
            a.wait().await.map_err(KeyWriteError::NotAcknowledged)?;
        }
        Ok(())
    })
}

/// Starts the reader of the topic into `store`. The receiver turns `true` once it is loaded.
pub fn spawn(
    settings: Arc<Settings>,
    topic: String,
    store: Arc<SubjectKeys>,
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    status.set_subject_keys_loading(true);
    gauge!(SUBJECT_KEYS).set(0.0);
    table::spawn(settings, Keys { topic, store }, status, cancel)
}

struct Keys {
    topic: String,
    store: Arc<SubjectKeys>,
}

impl Table for Keys {
    const CLIENT: Client = Client::SubjectKeys;
    const SITE: Site = Site::SubjectKeysReader;

    fn topic(&self) -> &str {
        &self.topic
    }

    fn apply(&mut self, m: &BorrowedMessage<'_>, live: bool) -> bool {
        match self.store.load(m.key(), m.payload()) {
            Ok(loaded) => {
                if live && loaded == Loaded::Destroyed {
                    counter!(SUBJECT_KEYS_DESTROYED_TOTAL, "by" => "topic").increment(1);
                }
                gauge!(SUBJECT_KEYS).set(self.store.len() as f64);
                true
            }
            Err(e) => {
                // The error names the problem, never the record's content.
                tracing::warn!(partition = m.partition(), offset = m.offset(), error = %e, "subject key record refused");
                false
            }
        }
    }

    fn loaded(&mut self, status: &Status) {
        status.set_subject_keys_loading(false);
        tracing::info!(keys = self.store.len(), "subject keys known");
    }
}

/// The whole subject keys topic of a `leadguard serve` config, read once into a store (for
/// `leadguard decrypt --config`): every partition from the beginning, until each reports its
/// end (or nothing came for ten seconds).
pub fn read_store(config: &std::path::Path, guard: &Guard) -> Result<SubjectKeys, ServeError> {
    let settings = Settings::load(config)?;
    let Some(topic) = settings.subject_keys_topic.clone() else {
        return Err(ServeError::Fatal(format!(
            "{}: kafka.subject_keys_topic is not set",
            config.display()
        )));
    };
    let store = guard.subject_keys(0);
    let consumer: BaseConsumer = clients::reader(&settings, Client::SubjectKeys)
        .set(
            "group.id",
            format!("leadguard-decrypt-{}", std::process::id()),
        )
        .create()
        .map_err(ServeError::Kafka)?;
    let md = consumer
        .fetch_metadata(Some(&topic), Duration::from_secs(10))
        .map_err(ServeError::Kafka)?;
    let partitions = md
        .topics()
        .iter()
        .find(|t| t.name() == topic && t.error().is_none())
        .map_or(0, |t| t.partitions().len() as i32);
    if partitions == 0 {
        return Err(ServeError::Fatal(format!("topic {topic} does not exist")));
    }
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition_offset(&topic, p, Offset::Beginning)
            .map_err(ServeError::Kafka)?;
    }
    consumer.assign(&tpl).map_err(ServeError::Kafka)?;
    let mut at_end = std::collections::BTreeSet::new();
    let mut last = Instant::now();
    while (at_end.len() as i32) < partitions && last.elapsed() < Duration::from_secs(10) {
        match consumer.poll(Duration::from_millis(100)) {
            Some(Ok(m)) => {
                last = Instant::now();
                at_end.remove(&m.partition());
                if let Err(e) = store.load(m.key(), m.payload()) {
                    tracing::warn!(offset = m.offset(), error = %e, "subject key record refused");
                }
            }
            Some(Err(KafkaError::PartitionEOF(p))) => {
                at_end.insert(p);
            }
            Some(Err(e)) => tracing::debug!(error = %e, "subject keys reader"),
            None => {}
        }
    }
    Ok(store)
}
