//! Compacted topics read whole by every instance as global tables: the withdrawals (contract
//! §3) and, when configured, the I3 identity history.
//!
//! A dedicated reader (no consumer group, so every instance gets every partition) is assigned
//! all partitions of the topic from the beginning. The table counts as **loaded** once every
//! partition has reported end-of-partition: librdkafka raises `PARTITION_EOF` when a fetch
//! reaches the high watermark returned *in the Fetch response*, which is exact on Apache Kafka
//! and on tansu. The ListOffsets answer (`fetch_watermarks`, "latest") is deliberately not used:
//! tansu 0.6 on `memory://` answers it with the base offset of the last record batch + 1, so a
//! reader comparing its position with it would declare the table loaded after the first batch.
//! Until loaded, `/ready` is false and no lead is judged. After that the reader keeps applying
//! new records, and refreshes the partition list every 30 s so that partitions added to the
//! topic are read too (from their beginning).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::BorrowedMessage;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use super::backoff::Backoff;
use super::clients::{self, ClientCtx};
use super::config::Settings;
use super::events::{self, Site};
use super::status::{Client, Status};

/// How often the partition list of a table's topic is refreshed.
const METADATA_REFRESH: Duration = Duration::from_secs(30);

/// What a global table does with its records.
pub trait Table: Send + 'static {
    /// The reader's client, for logs and readiness.
    const CLIENT: Client;
    /// Where its Kafka errors are counted.
    const SITE: Site;

    /// The topic read.
    fn topic(&self) -> &str;

    /// Applies one record; `live` once the table was loaded. Whether it was applied.
    fn apply(&mut self, m: &BorrowedMessage<'_>, live: bool) -> bool;

    /// Called once, when every partition was read to its end.
    fn loaded(&mut self, status: &Status);
}

/// Starts the reader thread of `table`. The returned receiver turns `true` once it is loaded.
pub fn spawn<T: Table>(
    settings: Arc<Settings>,
    table: T,
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    let (loaded_tx, loaded_rx) = watch::channel(false);
    let handle = std::thread::Builder::new()
        .name(T::CLIENT.as_str().into())
        .spawn(move || {
            let mut reader = Reader {
                settings,
                table,
                status,
                cancel,
                loaded_tx,
            };
            reader.run();
        })?;
    Ok((handle, loaded_rx))
}

struct Reader<T> {
    settings: Arc<Settings>,
    table: T,
    status: Arc<Status>,
    cancel: CancellationToken,
    loaded_tx: watch::Sender<bool>,
}

impl<T: Table> Reader<T> {
    fn run(&mut self) {
        let topic = self.table.topic().to_string();
        let name = T::CLIENT.as_str();
        let consumer: BaseConsumer<ClientCtx> = match clients::reader(&self.settings, T::CLIENT)
            .create_with_context(ClientCtx::new(T::CLIENT, self.status.clone()))
        {
            Ok(c) => c,
            Err(e) => {
                self.status
                    .fail(format!("cannot create the {name} reader: {e}"));
                return;
            }
        };
        let started = Instant::now();
        let mut partitions = 0;
        let mut at_end: BTreeSet<i32> = BTreeSet::new();
        let mut loaded = false;
        let mut refreshed = Instant::now() - METADATA_REFRESH;
        let mut backoff = Backoff::default();
        let (mut applied, mut refused) = (0u64, 0u64);
        while !self.cancel.is_cancelled() {
            if refreshed.elapsed() >= METADATA_REFRESH {
                match partition_count(&consumer, &topic) {
                    Ok(n) if n > partitions => {
                        if let Err(e) = assign_new(&consumer, &topic, partitions, n) {
                            events::kafka_error(
                                T::SITE,
                                &e,
                                "cannot assign the table's partitions; retrying",
                            );
                            self.sleep(&mut backoff);
                            continue;
                        }
                        tracing::info!(
                            topic,
                            partitions = n,
                            table = name,
                            "reading the table's partitions from the beginning"
                        );
                        partitions = n;
                    }
                    Ok(_) => {}
                    Err(why) if partitions == 0 => {
                        tracing::warn!(topic, error = %why, "table topic not available yet; retrying");
                        self.sleep(&mut backoff);
                        continue;
                    }
                    // Already reading: keep going with the partitions known, retry later.
                    Err(why) => {
                        tracing::debug!(topic, error = %why, "cannot refresh the table's partitions")
                    }
                }
                refreshed = Instant::now();
                backoff = Backoff::default();
            }
            match consumer.poll(Duration::from_millis(100)) {
                None => {}
                Some(Ok(m)) => {
                    if self.table.apply(&m, loaded) {
                        applied += 1;
                    } else {
                        refused += 1;
                    }
                }
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    at_end.insert(p);
                    if !loaded && partitions > 0 && at_end.len() as i32 >= partitions {
                        loaded = true;
                        self.table.loaded(&self.status);
                        let _ = self.loaded_tx.send(true);
                        tracing::info!(
                            topic,
                            partitions,
                            applied,
                            refused,
                            elapsed_ms = started.elapsed().as_millis() as u64,
                            "{name} table loaded"
                        );
                    }
                }
                Some(Err(e)) => events::kafka_error(T::SITE, &e, "table reader error"),
            }
        }
    }

    fn sleep(&self, backoff: &mut Backoff) {
        // Cancellation ends the reader's loop, which checks it next.
        let _ = backoff.wait(&self.cancel);
    }
}

/// Partitions of the topic, or why it cannot be read.
fn partition_count(consumer: &BaseConsumer<ClientCtx>, topic: &str) -> Result<i32, String> {
    let md = consumer
        .fetch_metadata(Some(topic), Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    let t = md
        .topics()
        .iter()
        .find(|t| t.name() == topic)
        .ok_or_else(|| "not in the metadata".to_string())?;
    if let Some(e) = t.error() {
        return Err(format!("{e:?}"));
    }
    match t.partitions().len() {
        0 => Err("no partitions".into()),
        n => Ok(n as i32),
    }
}

/// Adds partitions `from..to` at their beginning, keeping the positions of those already read.
fn assign_new(
    consumer: &BaseConsumer<ClientCtx>,
    topic: &str,
    from: i32,
    to: i32,
) -> Result<(), KafkaError> {
    let mut tpl = if from == 0 {
        TopicPartitionList::new()
    } else {
        consumer.position()?
    };
    for p in from..to {
        tpl.add_partition_offset(topic, p, Offset::Beginning)?;
    }
    consumer.assign(&tpl)
}
