//! `leadguard serve` configuration: a TOML file, validated once at start-up.
//!
//! The file is read into [`RawConfig`] (plain strings, `deny_unknown_fields`, so a misspelt key
//! is an error rather than a silently ignored setting) and then checked into [`Settings`], which
//! collects every problem before failing: an operator fixing a config should see the whole list,
//! not one problem per restart. Relative paths are resolved against the config file's folder.
//!
//! Secrets never sit in the file: a `[kafka.properties]` value may be `env:NAME` (read from the
//! environment) or `file:/path` (read from a file, trailing newline removed). Values of keys that
//! look secret (see [`is_sensitive_key`]) are never logged or printed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("config {path} has {} problem(s):\n  - {}", problems.len(), problems.join("\n  - "))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
}

/// The delivery guarantee between an input offset and what the guard wrote for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    /// Idempotent producer; outputs, then the audit record, then the input offset, each step
    /// only after the previous one is acknowledged. A crash may repeat a destination record
    /// (keyed by subject, so the CRM upserts it), never an audit record.
    #[default]
    AtLeastOnce,
    /// Kafka transactions: outputs, audit records and input offsets of a batch commit together.
    ExactlyOnce,
}

impl Delivery {
    pub const fn as_str(self) -> &'static str {
        match self {
            Delivery::AtLeastOnce => "at-least-once",
            Delivery::ExactlyOnce => "exactly-once",
        }
    }
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log shippers.
    Json,
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Policy file (TOML).
    pub policy: PathBuf,
    /// Suppression list for channel `phone` (one number per line, any format).
    #[serde(default)]
    pub suppression_list: Option<PathBuf>,
    /// `at-least-once` (default) or `exactly-once`.
    #[serde(default)]
    pub delivery: Delivery,
    pub kafka: RawKafka,
    #[serde(default)]
    pub http: RawHttp,
    #[serde(default)]
    pub shutdown: RawShutdown,
    #[serde(default)]
    pub log: RawLog,
    #[serde(default)]
    pub pipeline: RawPipeline,
    #[serde(default)]
    pub exactly_once: RawExactlyOnce,
    /// `[outputs]`: the topic of each policy destination, by name. A destination not named here
    /// goes to its policy's (deprecated) `topic`, else to `leads.<name>`.
    #[serde(default)]
    pub outputs: BTreeMap<String, String>,
}

/// `[kafka]`: where the guard reads and writes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKafka {
    /// `bootstrap.servers`: comma-separated `host:port` list.
    pub brokers: String,
    /// Consumer group shared by every instance of this guard (they split the input partitions).
    pub group_id: String,
    /// Topics of lead events.
    pub input_topics: Vec<String>,
    /// One audit record per input event (keyed by chain id = `<input topic>/<partition>`).
    pub audit_topic: String,
    /// Rejected events: reason and position in clear, original bytes encrypted.
    pub dead_letter_topic: String,
    /// Withdrawals (compacted, keyed by normalised identity), read whole by every instance.
    pub withdrawals_topic: String,
    /// I3 history shared by every instance of the group (compacted, keyed by the identity's
    /// pseudonymous index key). Without it, each instance correlates only what it judged.
    #[serde(default)]
    pub identities_topic: Option<String>,
    /// Signed checkpoints of the audit chains; required when the policy has `[checkpoints]`.
    #[serde(default)]
    pub checkpoints_topic: Option<String>,
    /// Per-subject data keys, wrapped (compacted, keyed by key id), read whole by every
    /// instance and appended to by whichever creates a key. Without it, values are sealed under
    /// the master key and an erasure cannot shred them.
    #[serde(default)]
    pub subject_keys_topic: Option<String>,
    /// Erasure requests (GDPR art. 17; `schemas/erasure.v1`), applied by every instance and
    /// audited once by the group. Needs `subject_keys_topic`.
    #[serde(default)]
    pub erasures_topic: Option<String>,
    /// Any librdkafka property, passed to every client (consumers and producer): TLS, SASL,
    /// timeouts. Values may be `env:NAME` or `file:/path`. Properties the guard's delivery
    /// guarantee depends on are refused (see [`MANAGED_PROPERTIES`]).
    #[serde(default)]
    pub properties: BTreeMap<String, toml::Value>,
}

/// `[http]`: the operations endpoints.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHttp {
    /// Address of `/metrics`, `/health` and `/ready`.
    #[serde(default = "default_listen")]
    pub listen: String,
}

impl Default for RawHttp {
    fn default() -> Self {
        RawHttp {
            listen: default_listen(),
        }
    }
}

/// All interfaces, so that an orchestrator's probes and a Prometheus scraper can reach it.
fn default_listen() -> String {
    "0.0.0.0:9464".into()
}

/// `[shutdown]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShutdown {
    /// How long SIGTERM/SIGINT may take to finish in-flight events and commit, e.g. `"30s"`.
    #[serde(default = "default_grace")]
    pub grace_period: String,
}

impl Default for RawShutdown {
    fn default() -> Self {
        RawShutdown {
            grace_period: default_grace(),
        }
    }
}

/// Kubernetes' default `terminationGracePeriodSeconds`.
fn default_grace() -> String {
    "30s".into()
}

/// `[log]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLog {
    /// `text` (default) or `json`.
    #[serde(default)]
    pub format: LogFormat,
    /// Default filter (`RUST_LOG` overrides it), e.g. `"info"`.
    #[serde(default)]
    pub level: Option<String>,
}

/// `[pipeline]`: tuning; the defaults suit most deployments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPipeline {
    /// Events per input partition between "judged" and "offset stored" (at-least-once): bounds
    /// memory and the number of destination records a crash can repeat.
    #[serde(default = "default_max_in_flight")]
    pub max_in_flight_per_partition: usize,
    /// Judging threads (default: one per core); each partition is judged by one of them.
    #[serde(default)]
    pub workers: Option<usize>,
    /// Audit records read back from the end of an audit partition at first when recovering a
    /// chain head; doubled until the chain's last record is found.
    #[serde(default = "default_recovery_window")]
    pub recovery_window: i64,
    /// librdkafka statistics interval (consumer lag, broker state), e.g. `"5s"`.
    #[serde(default = "default_stats_interval")]
    pub statistics_interval: String,
}

impl Default for RawPipeline {
    fn default() -> Self {
        RawPipeline {
            max_in_flight_per_partition: default_max_in_flight(),
            workers: None,
            recovery_window: default_recovery_window(),
            statistics_interval: default_stats_interval(),
        }
    }
}

/// Enough to keep the producer's batches full at several thousand events/s per partition: in
/// the Kafka bench 1,000 gives the same events/s as 2,000 with 28 MB less peak RSS (141 against
/// 169 MB with two judging workers, which fill the queues faster than one), while 500 costs 15 %.
fn default_max_in_flight() -> usize {
    1000
}

/// A few seconds of audit traffic: usually enough to find every chain's head in one pass.
fn default_recovery_window() -> i64 {
    4096
}

fn default_stats_interval() -> String {
    "5s".into()
}

/// `[exactly_once]`: only read when `delivery = "exactly-once"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExactlyOnce {
    /// `transactional.id` of this instance: unique per instance and stable across its restarts
    /// (so a restarted instance fences its zombie). Default: `<group_id>-<hostname>`.
    #[serde(default)]
    pub transactional_id: Option<String>,
    /// Events per transaction at most.
    #[serde(default = "default_batch_max_messages")]
    pub batch_max_messages: usize,
    /// How long a transaction collects events before it commits, e.g. `"100ms"`.
    #[serde(default = "default_batch_max_wait")]
    pub batch_max_wait: String,
    /// `transaction.timeout.ms` of the producer, e.g. `"60s"`.
    #[serde(default = "default_transaction_timeout")]
    pub transaction_timeout: String,
}

impl Default for RawExactlyOnce {
    fn default() -> Self {
        RawExactlyOnce {
            transactional_id: None,
            batch_max_messages: default_batch_max_messages(),
            batch_max_wait: default_batch_max_wait(),
            transaction_timeout: default_transaction_timeout(),
        }
    }
}

fn default_batch_max_messages() -> usize {
    1000
}

/// Commit latency is what readers in `read_committed` wait for: keep it short.
fn default_batch_max_wait() -> String {
    "100ms".into()
}

fn default_transaction_timeout() -> String {
    "60s".into()
}

/// Properties the guard sets itself: overriding them would break the delivery guarantee or the
/// recovery protocol, so `[kafka.properties]` may not name them.
pub const MANAGED_PROPERTIES: &[&str] = &[
    "bootstrap.servers",
    "metadata.broker.list",
    "group.id",
    "enable.auto.commit",
    "enable.auto.offset.store",
    "auto.offset.reset",
    "enable.partition.eof",
    "isolation.level",
    "enable.idempotence",
    "enable.gapless.guarantee",
    "transactional.id",
    "acks",
    "request.required.acks",
];

/// Whether a property's value must never be logged (passwords, keys, tokens, SASL settings).
pub fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "secret", "key", "token", "sasl"]
        .iter()
        .any(|w| k.contains(w))
}

/// librdkafka properties with their resolved values. `Debug` and [`Properties::display`] hide
/// the values of sensitive keys.
#[derive(Clone, Default)]
pub struct Properties(Vec<(String, String)>);

impl Properties {
    /// Key/value pairs, secrets included: for building clients only.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `key=value` pairs safe for logs.
    pub fn display(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(k, v)| {
                if is_sensitive_key(k) {
                    format!("{k}=[redacted]")
                } else {
                    format!("{k}={v}")
                }
            })
            .collect()
    }
}

impl fmt::Debug for Properties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.display()).finish()
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file, for messages.
    pub source: PathBuf,
    pub policy: PathBuf,
    pub suppression_list: Option<PathBuf>,
    pub delivery: Delivery,
    pub brokers: String,
    pub group_id: String,
    pub input_topics: Vec<String>,
    pub audit_topic: String,
    pub dead_letter_topic: String,
    pub withdrawals_topic: String,
    pub identities_topic: Option<String>,
    pub checkpoints_topic: Option<String>,
    pub subject_keys_topic: Option<String>,
    pub erasures_topic: Option<String>,
    pub properties: Properties,
    pub listen: SocketAddr,
    pub grace_period: Duration,
    pub log_format: LogFormat,
    pub log_level: String,
    pub max_in_flight_per_partition: usize,
    /// Judging threads.
    pub workers: usize,
    pub recovery_window: i64,
    pub statistics_interval: Duration,
    pub transactional_id: String,
    pub batch_max_messages: usize,
    pub batch_max_wait: Duration,
    pub transaction_timeout: Duration,
    /// Topic per destination name (`[outputs]`).
    pub outputs: BTreeMap<String, String>,
}

impl Settings {
    /// Reads and validates a config file; every problem is listed in the error.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Settings::validate(raw, path, base, &|name| std::env::var(name).ok())
    }

    /// Checks a parsed file. `env` looks up environment variables (injected for tests).
    pub fn validate(
        raw: RawConfig,
        source: &Path,
        base: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Settings, ConfigError> {
        let mut problems = Vec::new();
        let resolve = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        let policy = resolve(&raw.policy);
        if !policy.is_file() {
            problems.push(format!("policy: {} is not a file", policy.display()));
        }
        let suppression_list = raw.suppression_list.as_deref().map(resolve);
        if let Some(s) = &suppression_list {
            if !s.is_file() {
                problems.push(format!("suppression_list: {} is not a file", s.display()));
            }
        }

        let k = &raw.kafka;
        if k.brokers.trim().is_empty() {
            problems.push("kafka.brokers: empty".into());
        }
        if k.group_id.trim().is_empty() {
            problems.push("kafka.group_id: empty".into());
        }
        if k.input_topics.is_empty() {
            problems.push("kafka.input_topics: at least one topic is needed".into());
        }
        let mut seen = BTreeSet::new();
        let named = k
            .input_topics
            .iter()
            .map(|t| ("kafka.input_topics", t))
            .chain([
                ("kafka.audit_topic", &k.audit_topic),
                ("kafka.dead_letter_topic", &k.dead_letter_topic),
                ("kafka.withdrawals_topic", &k.withdrawals_topic),
            ])
            .chain(
                [
                    ("kafka.identities_topic", &k.identities_topic),
                    ("kafka.checkpoints_topic", &k.checkpoints_topic),
                    ("kafka.subject_keys_topic", &k.subject_keys_topic),
                    ("kafka.erasures_topic", &k.erasures_topic),
                ]
                .into_iter()
                .filter_map(|(field, t)| t.as_ref().map(|t| (field, t))),
            );
        if k.erasures_topic.is_some() && k.subject_keys_topic.is_none() {
            problems.push(
                "kafka.erasures_topic: needs kafka.subject_keys_topic (an erasure destroys the person's subject keys)".into(),
            );
        }
        for (field, topic) in named {
            if let Err(why) = check_topic_name(topic) {
                problems.push(format!("{field}: {topic:?} {why}"));
            }
            if !seen.insert(topic.as_str()) {
                problems.push(format!(
                    "{field}: topic {topic:?} is used twice (input, audit, dead-letter, withdrawals, identities, checkpoints, subject keys and erasures topics must differ)"
                ));
            }
        }

        for (name, topic) in &raw.outputs {
            if let Err(why) = check_topic_name(topic) {
                problems.push(format!("outputs.{name}: {topic:?} {why}"));
            }
            if seen.contains(topic.as_str()) {
                problems.push(format!(
                    "outputs.{name}: topic {topic:?} is an input, audit, dead-letter or withdrawals topic"
                ));
            }
        }

        let mut properties = Vec::new();
        for (key, value) in &k.properties {
            if MANAGED_PROPERTIES.contains(&key.as_str()) {
                problems.push(format!(
                    "kafka.properties.{key}: set by leadguard itself (its delivery guarantee depends on it){}",
                    match key.as_str() {
                        "bootstrap.servers" | "metadata.broker.list" => "; use kafka.brokers",
                        "group.id" => "; use kafka.group_id",
                        "transactional.id" => "; use exactly_once.transactional_id",
                        _ => "",
                    }
                ));
                continue;
            }
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                _ => {
                    problems.push(format!(
                        "kafka.properties.{key}: must be a string, number or boolean"
                    ));
                    continue;
                }
            };
            match resolve_secret(&text, env) {
                Ok(v) => properties.push((key.clone(), v)),
                Err(why) => problems.push(format!("kafka.properties.{key}: {why}")),
            }
        }

        let listen = raw.http.listen.parse::<SocketAddr>().unwrap_or_else(|_| {
            problems.push(format!(
                "http.listen: {:?} is not an address such as 0.0.0.0:9464",
                raw.http.listen
            ));
            SocketAddr::from(([0, 0, 0, 0], 0))
        });
        let mut duration = |field: &str, text: &str| {
            parse_duration(text).unwrap_or_else(|| {
                problems.push(format!(
                    "{field}: {text:?} is not a duration such as \"30s\", \"500ms\" or \"2m\""
                ));
                Duration::ZERO
            })
        };
        let grace_period = duration("shutdown.grace_period", &raw.shutdown.grace_period);
        let statistics_interval = duration(
            "pipeline.statistics_interval",
            &raw.pipeline.statistics_interval,
        );
        let batch_max_wait = duration(
            "exactly_once.batch_max_wait",
            &raw.exactly_once.batch_max_wait,
        );
        let transaction_timeout = duration(
            "exactly_once.transaction_timeout",
            &raw.exactly_once.transaction_timeout,
        );
        if raw.pipeline.max_in_flight_per_partition == 0 {
            problems.push("pipeline.max_in_flight_per_partition: must be at least 1".into());
        }
        if raw.pipeline.workers == Some(0) {
            problems.push("pipeline.workers: must be at least 1".into());
        }
        if raw.pipeline.recovery_window < 1 {
            problems.push("pipeline.recovery_window: must be at least 1".into());
        }
        if raw.exactly_once.batch_max_messages == 0 {
            problems.push("exactly_once.batch_max_messages: must be at least 1".into());
        }
        let log_level = raw.log.level.clone().unwrap_or_else(|| "info".into());
        // Non-ASCII is refused before the parser sees it: tracing-subscriber 0.3.23 panics
        // slicing a directive inside a multi-byte character (found by the kafka_config fuzz
        // target), where a bad config must fail with its problems listed.
        if !log_level.is_ascii() || tracing_subscriber::EnvFilter::try_new(&log_level).is_err() {
            problems.push(format!("log.level: {log_level:?} is not a log filter"));
        }
        let transactional_id = match &raw.exactly_once.transactional_id {
            Some(id) if id.trim().is_empty() => {
                problems.push("exactly_once.transactional_id: empty".into());
                String::new()
            }
            Some(id) => id.clone(),
            None => format!("{}-{}", k.group_id, hostname(env)),
        };

        if !problems.is_empty() {
            return Err(ConfigError::Invalid {
                path: source.to_path_buf(),
                problems,
            });
        }
        Ok(Settings {
            source: source.to_path_buf(),
            policy,
            suppression_list,
            delivery: raw.delivery,
            brokers: k.brokers.clone(),
            group_id: k.group_id.clone(),
            input_topics: k.input_topics.clone(),
            audit_topic: k.audit_topic.clone(),
            dead_letter_topic: k.dead_letter_topic.clone(),
            withdrawals_topic: k.withdrawals_topic.clone(),
            identities_topic: k.identities_topic.clone(),
            checkpoints_topic: k.checkpoints_topic.clone(),
            subject_keys_topic: k.subject_keys_topic.clone(),
            erasures_topic: k.erasures_topic.clone(),
            properties: Properties(properties),
            listen,
            grace_period,
            log_format: raw.log.format,
            log_level,
            max_in_flight_per_partition: raw.pipeline.max_in_flight_per_partition,
            workers: raw.pipeline.workers.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            }),
            recovery_window: raw.pipeline.recovery_window,
            statistics_interval,
            transactional_id,
            batch_max_messages: raw.exactly_once.batch_max_messages,
            batch_max_wait,
            transaction_timeout,
            outputs: raw.outputs,
        })
    }
}

/// `env:NAME` and `file:/path` references; anything else is the value itself.
fn resolve_secret(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    if let Some(name) = text.strip_prefix("env:") {
        env(name).ok_or_else(|| format!("environment variable {name} is not set"))
    } else if let Some(path) = text.strip_prefix("file:") {
        std::fs::read_to_string(path)
            .map(|s| s.trim_end_matches(['\n', '\r']).to_string())
            .map_err(|e| format!("cannot read {path}: {e}"))
    } else {
        Ok(text.to_string())
    }
}

/// Kafka's topic name rule: 1–249 characters of `[a-zA-Z0-9._-]`, not `.` or `..`.
fn check_topic_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.len() > 249 {
        return Err("is longer than 249 characters");
    }
    if name == "." || name == ".." {
        return Err("is not a valid topic name");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err("has characters other than letters, digits, '.', '_' and '-'");
    }
    Ok(())
}

/// A duration as [`humantime::parse_duration`] reads it (`30s`, `500ms`, `2m`, `5 min`, `1h 30m`,
/// `1.5s`, `2d`…), or a bare number of seconds (`7`), which humantime refuses but our configs
/// have always accepted.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok().map(Duration::from_secs);
    }
    humantime::parse_duration(t).ok()
}

impl Settings {
    /// The topics the group consumer reads: the input topics, then the erasures topic (each
    /// erasure is audited once, by the instance that owns its partition).
    pub fn consumed_topics(&self) -> Vec<&str> {
        self.input_topics
            .iter()
            .chain(self.erasures_topic.iter())
            .map(String::as_str)
            .collect()
    }
}

/// The host name, for the default `transactional.id`.
fn hostname(env: &dyn Fn(&str) -> Option<String>) -> String {
    env("HOSTNAME")
        .filter(|h| !h.trim().is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "localhost".into())
}

/// A minimal valid config with `extra` TOML appended, checked against `examples/` (for the tests
/// of the modules that read [`Settings`]).
#[cfg(test)]
pub(crate) fn test_settings(extra: &str) -> Result<Settings, ConfigError> {
    let text = format!(
        "policy = \"policy.toml\"\n[kafka]\nbrokers = \"b:9092\"\ngroup_id = \"g\"\n\
         input_topics = [\"in\"]\naudit_topic = \"audit\"\ndead_letter_topic = \"dl\"\n\
         withdrawals_topic = \"wd\"\ncheckpoints_topic = \"cp\"\n{extra}"
    );
    let raw: RawConfig = toml::from_str(&text).expect("parses");
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    Settings::validate(raw, Path::new("k.toml"), &examples, &|_| None)
}

#[cfg(test)]
mod tests;
