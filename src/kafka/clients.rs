//! librdkafka client settings and the callbacks every client shares (logs, errors, statistics).
//!
//! The properties the delivery guarantee rests on are set here and cannot be overridden from the
//! config (see [`MANAGED_PROPERTIES`](super::config::MANAGED_PROPERTIES)); the rest of
//! `[kafka.properties]` passes through to every client.

use std::sync::Arc;

use metrics::gauge;
use rdkafka::client::ClientContext;
use rdkafka::config::{ClientConfig, RDKafkaLogLevel};
use rdkafka::consumer::ConsumerContext;
use rdkafka::error::KafkaError;
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;

use super::config::{Delivery, Settings};
use super::metrics::CONSUMER_LAG;
use super::status::{Client, Status};

/// Default prefetch of the input consumer, in KB (see [`consumer`]).
const CONSUMER_PREFETCH_KB: &str = "24576";

/// Settings shared by every client: brokers, statistics, then the pass-through properties.
fn base(settings: &Settings, client: Client) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &settings.brokers)
        .set("client.id", format!("leadguard-{}", client.as_str()))
        .set(
            "statistics.interval.ms",
            settings.statistics_interval.as_millis().to_string(),
        );
    for (k, v) in settings.properties.iter() {
        c.set(k, v);
    }
    c
}

/// The producer of outputs, dead letters and audit records.
///
/// At-least-once: idempotent (no duplicates or reordering from retries), `acks=all`, and
/// retried without a deadline (`message.timeout.ms=0`) so that an unreachable broker delays
/// records instead of failing them; `enable.gapless.guarantee` turns any failure that could leave
/// a gap in a partition (and so in an audit chain) into a fatal error instead. Exactly-once: a
/// transactional producer (`transactional.id`), which implies idempotence.
pub fn producer(settings: &Settings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("linger.ms", "5");
    if settings.delivery == Delivery::AtLeastOnce {
        c.set("message.timeout.ms", "0");
    }
    for (k, v) in base(settings, Client::Producer).config_map() {
        c.set(k, v);
    }
    c.set("enable.idempotence", "true").set("acks", "all");
    match settings.delivery {
        Delivery::AtLeastOnce => {
            c.set("enable.gapless.guarantee", "true");
        }
        Delivery::ExactlyOnce => {
            c.set("transactional.id", &settings.transactional_id).set(
                "transaction.timeout.ms",
                settings.transaction_timeout.as_millis().to_string(),
            );
        }
    }
    c
}

/// The producer of subject key records and their destructions (crypto-shredding).
///
/// Never transactional: a key must be durable before any output sealed with it, whatever
/// becomes of the transaction that carries the outputs. Idempotent with `acks=all`, so that a
/// key's destruction lands after its record (same producer, same partition, in order). No
/// linger: a judging worker waits for a new key's acknowledgement before it writes the outputs,
/// so linger would be paid once per new person. Retried without a deadline, like the outputs in
/// at-least-once: an unreachable broker delays the event (and `/ready` says why), it does not
/// fail it.
pub fn key_producer(settings: &Settings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("linger.ms", "0").set("message.timeout.ms", "0");
    for (k, v) in base(settings, Client::SubjectKeys).config_map() {
        c.set(k, v);
    }
    c.set("enable.idempotence", "true").set("acks", "all");
    c
}

/// The group consumer of the input topics. Offsets are stored by the pipeline, only once an
/// input's outputs and audit record are acknowledged (at-least-once; committed in the background
/// by auto-commit), or committed inside the transaction (exactly-once).
///
/// The prefetch queue is 24 MB instead of librdkafka's 64 MB: the guard judges far slower than
/// the broker sends, so a deeper queue only holds memory (peak RSS in the Kafka bench: 147 MB
/// instead of 200 MB). A `[kafka.properties]` value overrides it.
pub fn consumer(settings: &Settings) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("queued.max.messages.kbytes", CONSUMER_PREFETCH_KB);
    for (k, v) in base(settings, Client::Consumer).config_map() {
        c.set(k, v);
    }
    c.set("group.id", &settings.group_id)
        .set("auto.offset.reset", "earliest")
        .set("enable.partition.eof", "false")
        .set("enable.auto.offset.store", "false")
        .set("isolation.level", "read_committed")
        .set(
            "enable.auto.commit",
            match settings.delivery {
                Delivery::AtLeastOnce => "true",
                Delivery::ExactlyOnce => "false",
            },
        );
    c
}

/// A reader outside the group (withdrawals, audit recovery): partitions are assigned by hand, and
/// end-of-partition events tell when it has read everything (see `withdrawals` for why not the
/// high watermark). `group.id` is only set because librdkafka wants one; it never joins.
pub fn reader(settings: &Settings, client: Client) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("fetch.wait.max.ms", "100");
    for (k, v) in base(settings, client).config_map() {
        c.set(k, v);
    }
    c.set(
        "group.id",
        format!("{}.{}-reader", settings.group_id, client.as_str()),
    )
    .set("enable.auto.commit", "false")
    .set("enable.auto.offset.store", "false")
    .set("auto.offset.reset", "earliest")
    .set("enable.partition.eof", "true")
    .set("isolation.level", "read_committed");
    c
}

/// Errors that only mean "broker not reachable right now": librdkafka retries them by itself,
/// logs the connection failures once per state change, and [`Status`] reports the outage, so
/// they are logged at debug level instead of once per occurrence.
pub fn is_transient(e: &KafkaError) -> bool {
    use RDKafkaErrorCode::*;
    matches!(
        e.rdkafka_error_code(),
        Some(
            BrokerTransportFailure
                | AllBrokersDown
                | Resolve
                | OperationTimedOut
                | TimedOutQueue
                | RequestTimedOut
                | NetworkException
                | WaitingForCoordinator
                | CoordinatorNotAvailable
                | CoordinatorLoadInProgress
                | NotCoordinator
                | LeaderNotAvailable
                | NotLeaderForPartition
        )
    )
}

/// Callbacks of every client: librdkafka logs into `tracing`, errors and broker reachability
/// into [`Status`] and metrics, consumer lag from statistics.
#[derive(Clone)]
pub struct ClientCtx {
    client: Client,
    status: Arc<Status>,
}

impl ClientCtx {
    pub fn new(client: Client, status: Arc<Status>) -> Self {
        ClientCtx { client, status }
    }

    pub fn status(&self) -> &Arc<Status> {
        &self.status
    }
}

impl ClientContext for ClientCtx {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, message: &str) {
        let client = self.client.as_str();
        match level {
            RDKafkaLogLevel::Emerg
            | RDKafkaLogLevel::Alert
            | RDKafkaLogLevel::Critical
            | RDKafkaLogLevel::Error => {
                tracing::error!(target: "librdkafka", client, facility = fac, "{message}")
            }
            // Configuration notes (a consumer property given to the producer, an experimental
            // property): expected with one shared `[kafka.properties]`, so not warnings.
            RDKafkaLogLevel::Warning if fac == "CONFWARN" => {
                tracing::info!(target: "librdkafka", client, facility = fac, "{message}")
            }
            RDKafkaLogLevel::Warning => {
                tracing::warn!(target: "librdkafka", client, facility = fac, "{message}")
            }
            RDKafkaLogLevel::Notice | RDKafkaLogLevel::Info => {
                tracing::info!(target: "librdkafka", client, facility = fac, "{message}")
            }
            RDKafkaLogLevel::Debug => {
                tracing::debug!(target: "librdkafka", client, facility = fac, "{message}")
            }
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let code = error.rdkafka_error_code();
        if code == Some(RDKafkaErrorCode::PartitionEOF) {
            // Also delivered as an event to the readers, which rely on it: not an error.
            return;
        }
        match code {
            Some(RDKafkaErrorCode::AllBrokersDown) => {
                self.status.set_broker_down(self.client, true)
            }
            Some(RDKafkaErrorCode::Fatal) => self.status.fail(format!(
                "{} client: fatal Kafka error: {error}: {reason}",
                self.client.as_str()
            )),
            _ => {}
        }
        super::events::kafka_error(
            super::events::Site::Client,
            &error,
            &format!("{} client: {reason}", self.client.as_str()),
        );
    }

    fn stats(&self, stats: Statistics) {
        let up = stats.brokers.values().any(|b| b.state == "UP");
        if !stats.brokers.is_empty() {
            self.status.set_broker_down(self.client, !up);
        }
        if self.client == Client::Consumer {
            for (topic, t) in &stats.topics {
                for (p, s) in &t.partitions {
                    if *p < 0 || s.fetch_state == "none" {
                        continue;
                    }
                    // Not yet acknowledged (at-least-once stores offsets), else not yet
                    // committed, else (exactly-once commits in transactions, unseen by the
                    // consumer) not yet consumed.
                    let lag = if s.consumer_lag_stored >= 0 {
                        s.consumer_lag_stored
                    } else if s.consumer_lag >= 0 {
                        s.consumer_lag
                    } else if s.hi_offset >= 0 && s.app_offset >= 0 {
                        let end = if s.ls_offset >= 0 {
                            s.ls_offset
                        } else {
                            s.hi_offset
                        };
                        (end - s.app_offset).max(0)
                    } else {
                        -1
                    };
                    if lag >= 0 {
                        gauge!(CONSUMER_LAG, "topic" => topic.clone(), "partition" => p.to_string())
                            .set(lag as f64);
                    }
                }
            }
        }
    }
}

impl ConsumerContext for ClientCtx {}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(extra: &str) -> Settings {
        crate::kafka::config::test_settings(extra).unwrap()
    }

    #[test]
    fn the_input_prefetch_is_bounded_unless_the_operator_says_otherwise() {
        let c = consumer(&settings(""));
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("24576"));
        assert_eq!(c.get("group.id"), Some("g"));
        let c = consumer(&settings(
            "[kafka.properties]\n\"queued.max.messages.kbytes\" = 65536\n",
        ));
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("65536"));
    }

    #[test]
    fn the_key_producer_is_idempotent_unlingering_and_never_transactional() {
        let mut s = settings("");
        s.delivery = Delivery::ExactlyOnce;
        let c = key_producer(&s);
        assert_eq!(c.get("enable.idempotence"), Some("true"));
        assert_eq!(c.get("acks"), Some("all"));
        assert_eq!(c.get("linger.ms"), Some("0"));
        assert_eq!(
            c.get("transactional.id"),
            None,
            "a key outlives any transaction"
        );
        assert_eq!(c.get("client.id"), Some("leadguard-subject-keys"));
    }
}
