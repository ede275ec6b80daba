//! Internal events of Kafka mode that are both logged and counted, each in one call, so that
//! no error is logged without being counted (or the reverse) and every site logs alike.

use metrics::counter;
use rdkafka::error::KafkaError;

use super::clients::is_transient;
use super::metrics::KAFKA_ERRORS_TOTAL;

/// Where a Kafka error was met: the `site` label of `leadguard_kafka_errors_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Site {
    /// A client's error callback (connections, brokers).
    Client,
    /// Polling the input consumer.
    Consumer,
    /// Committing input offsets.
    OffsetCommit,
    /// Reading the audit topic to recover chains.
    AuditReader,
    /// Reading the withdrawals topic.
    WithdrawalsReader,
    /// Reading the shared I3 history.
    IdentitiesReader,
    /// Reading the subject keys topic.
    SubjectKeysReader,
    /// Reading the erasures topic.
    ErasuresReader,
    /// Start-up steps: topic metadata, transactions.
    Startup,
    /// An exactly-once transaction.
    Transaction,
}

/// Logs and counts one Kafka error. Transient ones (broker unreachable, timeouts: librdkafka
/// retries them and `/ready` reports the outage) are logged at debug level, others at warn.
pub fn kafka_error(site: Site, error: &KafkaError, what: &str) {
    let code = error
        .rdkafka_error_code()
        .map_or_else(|| "other".to_string(), |c| format!("{c:?}"));
    let site_name: &'static str = site.into();
    counter!(KAFKA_ERRORS_TOTAL, "site" => site_name, "code" => code).increment(1);
    if is_transient(error) {
        tracing::debug!(site = site_name, error = %error, "{what}");
    } else {
        tracing::warn!(site = site_name, error = %error, "{what}");
    }
}
