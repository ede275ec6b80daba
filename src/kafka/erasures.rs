//! The erasures topic (`kafka.erasures_topic`): erasure requests (GDPR art. 17, see
//! [`crate::erasure`]) in Kafka mode. It is read two ways:
//!
//! - **by every instance, whole, as a global table** ([`spawn`]): each applies every request to
//!   its own state — every purpose and channel withdrawn, and every key it holds for the person
//!   destroyed (a tombstone each, through the [`KeyWriter`]; writing one twice is harmless). So
//!   an instance that created a key for the person just before it learnt of the erasure destroys
//!   it too. While loading at start-up it only destroys keys created no later than the request's
//!   timestamp plus [`ERASURE_SETTLE_SECONDS`]: later keys belong to a new relationship;
//! - **by the consumer group, as an input** ([`judge`]): the instance that owns a partition
//!   applies each request again (idempotent) and writes its audit record (kind `erasure`) in the
//!   partition's chain, after the tombstones are acknowledged and before the offset is
//!   committed: each request is audited once, with at-least-once or exactly-once delivery like
//!   a lead.

use std::sync::Arc;
use std::time::Instant;

use metrics::{counter, histogram};
use rdkafka::message::{BorrowedMessage, Message};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::audit::InputRef;
use crate::clock;
use crate::engine::Guard;
use crate::subject_keys::{SubjectKeys, ERASURE_SETTLE_SECONDS};

use super::acks::Acks;
use super::config::Settings;
use super::events::{self, Site};
use super::metrics::{ERASURES_TOTAL, ERASURE_LAG_SECONDS, SUBJECT_KEYS_DESTROYED_TOTAL};
use super::pipeline::{JudgeError, Judged, PartitionState, Pipeline};
use super::status::{Client, Status};
use super::subject_keys::{wait, KeyWriter};
use super::table::{self, Table};
use super::withdrawals::SharedTable;

/// Starts the global reader of the erasures topic. The receiver turns `true` once every request
/// there is has been applied.
pub fn spawn(
    settings: Arc<Settings>,
    topic: String,
    guard: Arc<Guard>,
    table: SharedTable,
    keys: (Arc<SubjectKeys>, Arc<KeyWriter>),
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    status.set_erasures_loading(true);
    table::spawn(
        settings,
        Erasures {
            topic,
            guard,
            table,
            keys,
        },
        status,
        cancel,
    )
}

struct Erasures {
    topic: String,
    guard: Arc<Guard>,
    table: SharedTable,
    keys: (Arc<SubjectKeys>, Arc<KeyWriter>),
}

impl Table for Erasures {
    const CLIENT: Client = Client::Erasures;
    const SITE: Site = Site::ErasuresReader;

    fn topic(&self) -> &str {
        &self.topic
    }

    fn apply(&mut self, m: &BorrowedMessage<'_>, live: bool) -> bool {
        let Some(payload) = m.payload() else {
            return false;
        };
        // Rebuilding: keys created after the request (plus the settle time) are a new
        // relationship's. The request's `at` stands in for a missing timestamp.
        let through = if live {
            None
        } else {
            let at = m
                .timestamp()
                .to_millis()
                .map(|ms| ms / 1000)
                .or_else(|| self.guard.read_erasure(payload).ok().map(|r| r.at));
            Some(at.unwrap_or(i64::MIN) + ERASURE_SETTLE_SECONDS)
        };
        let input = InputRef::Kafka {
            topic: self.topic.clone(),
            partition: m.partition(),
            offset: m.offset(),
        };
        let (store, writer) = &self.keys;
        let result = {
            let mut table = self.table.write().unwrap_or_else(|p| p.into_inner());
            self.guard.erase(
                payload,
                &input,
                clock::now(),
                &mut table,
                Some(store),
                through,
                |w| writer.send(w),
            )
        };
        match result {
            Ok(e) => match e.result {
                Ok(applied) => {
                    counter!(SUBJECT_KEYS_DESTROYED_TOTAL, "by" => "erasure")
                        .increment(u64::from(applied.destroyed_now));
                    if live || applied.destroyed_now > 0 {
                        tracing::info!(
                            partition = m.partition(),
                            offset = m.offset(),
                            keys_destroyed = applied.destroyed_now,
                            "erasure applied"
                        );
                    }
                    true
                }
                // The owner of the partition counts and logs refusals, once (see `judge`).
                Err(_) => false,
            },
            Err(e) => {
                events::kafka_error(Site::ErasuresReader, &e, "cannot write a key's tombstone");
                false
            }
        }
    }

    fn loaded(&mut self, status: &Status) {
        status.set_erasures_loading(false);
    }
}

/// Judges one erasure request of an owned partition of the erasures topic: applied (the
/// withdrawal, the person's keys destroyed and their tombstones acknowledged) or refused, and
/// its audit record sealed into the partition's chain.
pub fn judge<W>(
    p: &Pipeline,
    st: &mut PartitionState<W>,
    offset: i64,
    payload: &[u8],
    received: Instant,
) -> Result<Judged, JudgeError> {
    let input = InputRef::Kafka {
        topic: st.topic.clone(),
        partition: st.partition,
        offset,
    };
    let now = p.now.unwrap_or_else(clock::now);
    let keys = p.subject_keys.as_ref();
    let mut erasure = {
        let mut table = p.table.write().unwrap_or_else(|e| e.into_inner());
        p.guard.erase(
            payload,
            &input,
            now,
            &mut table,
            keys.map(|(k, _)| &**k),
            None,
            |w| match keys {
                Some((_, writer)) => writer.send(w),
                None => Err(rdkafka::error::KafkaError::Canceled),
            },
        )?
    };
    match &mut erasure.result {
        Ok(applied) => {
            wait(&p.runtime, std::mem::take(&mut applied.acks))?;
            counter!(SUBJECT_KEYS_DESTROYED_TOTAL, "by" => "erasure")
                .increment(u64::from(applied.destroyed_now));
            counter!(ERASURES_TOTAL, "result" => "applied").increment(1);
            let at = erasure
                .audit
                .erasure
                .as_ref()
                .and_then(|e| clock::parse(&e.at));
            if let Some(at) = at {
                histogram!(ERASURE_LAG_SECONDS).record((clock::now() - at).max(0) as f64);
            }
            tracing::info!(
                input = %input,
                keys_destroyed = applied.keys_destroyed,
                "erasure request applied and audited"
            );
        }
        Err(why) => {
            counter!(ERASURES_TOTAL, "result" => "refused").increment(1);
            // The error names the failing rule, never a value of the request.
            tracing::warn!(input = %input, why = why.code(), error = %why, "erasure request refused");
        }
    }
    let audit = st.chain.seal(&mut erasure.audit);
    let checkpoint = p
        .guard
        .checkpoint(&mut st.chain, &input.to_string(), now, false);
    Ok(Judged {
        offset,
        outputs: Acks::none(),
        audit,
        head: (erasure.audit.chain.seq, erasure.audit.chain.hash.clone()),
        checkpoint,
        received,
    })
}
