//! The withdrawals topic as a global table: every instance reads all of it (contract §3).
//!
//! A dedicated reader (no consumer group, so every instance gets every partition) is assigned
//! all partitions of the withdrawals topic from the beginning. The table counts as **loaded** once
//! every partition has reported end-of-partition: librdkafka raises `PARTITION_EOF` when a fetch
//! reaches the high watermark returned *in the Fetch response*, which is exact on Apache Kafka
//! and on tansu. The ListOffsets answer (`fetch_watermarks`, "latest") is deliberately not used:
//! tansu 0.6 on `memory://` answers it with the base offset of the last record batch + 1, so a
//! reader comparing its position with it would declare the table loaded after the first batch.
//! Until loaded, `/ready` is false and no lead is judged. After that the reader keeps applying
//! new withdrawals, and refreshes the partition list every 30 s so that partitions added to the
//! topic are read too (from their beginning).
//!
//! The engine reads the table through a read lock once per event; a new withdrawal takes the
//! write lock for one insertion, so the pipeline never waits more than that.

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use metrics::{counter, gauge, histogram};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Message};
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::engine::Guard;
use crate::withdrawals::WithdrawalTable;

use super::backoff::Backoff;
use super::clients::{self, ClientCtx};
use super::config::Settings;
use super::events::{self, Site};
use super::metrics::{
    WITHDRAWALS_APPLIED_TOTAL, WITHDRAWALS_LOADED, WITHDRAWALS_REFUSED_TOTAL,
    WITHDRAWAL_LAG_LAST_SECONDS, WITHDRAWAL_LAG_SECONDS,
};
use super::status::{Client, Status};

/// The table shared by the withdrawals reader (writer) and the pipeline (readers).
pub type SharedTable = Arc<RwLock<WithdrawalTable>>;

/// How often the partition list of the withdrawals topic is refreshed.
const METADATA_REFRESH: Duration = Duration::from_secs(30);

/// Starts the reader thread. The returned receiver turns `true` once the table is loaded.
pub fn spawn(
    settings: Arc<Settings>,
    guard: Arc<Guard>,
    table: SharedTable,
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    let (loaded_tx, loaded_rx) = watch::channel(false);
    gauge!(WITHDRAWALS_LOADED).set(0.0);
    let handle = std::thread::Builder::new()
        .name("withdrawals".into())
        .spawn(move || {
            let mut reader = Reader {
                settings,
                guard,
                table,
                status,
                cancel,
                loaded_tx,
            };
            reader.run();
        })?;
    Ok((handle, loaded_rx))
}

struct Reader {
    settings: Arc<Settings>,
    guard: Arc<Guard>,
    table: SharedTable,
    status: Arc<Status>,
    cancel: CancellationToken,
    loaded_tx: watch::Sender<bool>,
}

impl Reader {
    fn run(&mut self) {
        let topic = self.settings.withdrawals_topic.clone();
        let consumer: BaseConsumer<ClientCtx> =
            match clients::reader(&self.settings, Client::Withdrawals)
                .create_with_context(ClientCtx::new(Client::Withdrawals, self.status.clone()))
            {
                Ok(c) => c,
                Err(e) => {
                    self.status
                        .fail(format!("cannot create the withdrawals reader: {e}"));
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
                                Site::WithdrawalsReader,
                                &e,
                                "cannot assign withdrawals partitions; retrying",
                            );
                            self.sleep(&mut backoff);
                            continue;
                        }
                        tracing::info!(
                            topic,
                            partitions = n,
                            "reading withdrawals partitions from the beginning"
                        );
                        partitions = n;
                    }
                    Ok(_) => {}
                    Err(why) if partitions == 0 => {
                        tracing::warn!(topic, error = %why, "withdrawals topic not available yet; retrying");
                        self.sleep(&mut backoff);
                        continue;
                    }
                    // Already reading: keep going with the partitions known, retry later.
                    Err(why) => {
                        tracing::debug!(topic, error = %why, "cannot refresh the withdrawals partitions")
                    }
                }
                refreshed = Instant::now();
                backoff = Backoff::default();
            }
            match consumer.poll(Duration::from_millis(100)) {
                None => {}
                Some(Ok(m)) => {
                    if self.apply(&m, loaded) {
                        applied += 1;
                    } else {
                        refused += 1;
                    }
                }
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    at_end.insert(p);
                    if !loaded && partitions > 0 && at_end.len() as i32 >= partitions {
                        loaded = true;
                        gauge!(WITHDRAWALS_LOADED).set(1.0);
                        self.status.set_withdrawals_loaded();
                        let _ = self.loaded_tx.send(true);
                        tracing::info!(
                            topic,
                            partitions,
                            applied,
                            refused,
                            table = self.table.read().map(|t| t.len()).unwrap_or_default(),
                            elapsed_ms = started.elapsed().as_millis() as u64,
                            "withdrawals table loaded"
                        );
                    }
                }
                Some(Err(e)) => {
                    events::kafka_error(Site::WithdrawalsReader, &e, "withdrawals reader error")
                }
            }
        }
    }

    /// Applies one message; `live` once the table was loaded (then the lag is observed).
    fn apply(&self, m: &BorrowedMessage<'_>, live: bool) -> bool {
        let Some(payload) = m.payload() else {
            // A tombstone: compaction's delete marker. A withdrawal is never undone by one.
            counter!(WITHDRAWALS_REFUSED_TOTAL, "why" => "tombstone").increment(1);
            return false;
        };
        let policy = &self.guard.policy;
        let result = self
            .table
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .apply_json(
                payload,
                &policy.withdrawal_schema,
                &policy.default_country_code,
            );
        match result {
            Ok(applied) => {
                counter!(WITHDRAWALS_APPLIED_TOTAL).increment(1);
                if live {
                    let now_ms = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_millis() as i64)
                        .unwrap_or_default();
                    let since_ms = m.timestamp().to_millis().unwrap_or(applied.at * 1000);
                    let lag = (now_ms - since_ms).max(0) as f64 / 1000.0;
                    histogram!(WITHDRAWAL_LAG_SECONDS).record(lag);
                    gauge!(WITHDRAWAL_LAG_LAST_SECONDS).set(lag);
                    tracing::info!(
                        partition = m.partition(),
                        offset = m.offset(),
                        lag_seconds = lag,
                        "withdrawal applied"
                    );
                }
                true
            }
            Err(e) => {
                counter!(WITHDRAWALS_REFUSED_TOTAL, "why" => "invalid").increment(1);
                // The error names the problem, never a value from the message.
                tracing::warn!(partition = m.partition(), offset = m.offset(), error = %e, "withdrawal refused");
                false
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
