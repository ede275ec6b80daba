//! Kafka mode (`leadguard serve`): the guard as a long-running consumer/producer between web
//! forms and the CRM, with the same judgement and the same audit records as file mode.
//!
//! # Layout
//! - [`config`]: the service's TOML configuration, validated at start-up (every problem listed).
//! - [`clients`]: librdkafka settings the delivery guarantee rests on, and shared callbacks.
//! - [`withdrawals`]: the withdrawals topic read whole into a global table before the first lead.
//! - [`subject_keys`], [`erasures`]: crypto-shredding — the per-subject keys topic read whole
//!   before the first lead and written before any output sealed with a new key; erasure
//!   requests applied by every instance and audited once by the group.
//! - [`recovery`]: an input partition's chain head and last audited offset, from the audit topic.
//! - [`checkpoints`]: signed checkpoints of the audit chains, and their trees across owners.
//! - [`pipeline`]: partition ownership and rebalances; judging one input into its records.
//! - [`workers`]: the judging threads, each partition on one of them.
//! - [`at_least_once`]: outputs → audit → offset, pipelined per partition (the default).
//! - [`exactly_once`]: outputs, audit records and offsets in one Kafka transaction per batch.
//! - [`metrics`], [`http`], [`status`]: Prometheus metrics, `/metrics` `/health` `/ready`.
//! - [`shutdown`]: SIGINT/SIGTERM → drain within the grace period → exit code.
//!
//! # Start-up order
//! Configuration and policy (fail fast, every problem at once) → HTTP endpoints (not ready) →
//! withdrawals table (and shared I3 history, subject keys, then erasures) loaded → topics present → producer (transactions initialised) → group
//! consumer. Until the table is loaded no lead is judged; a broker that cannot be reached at any
//! step is retried with backoff while `/ready` says why.

pub mod acks;
pub mod at_least_once;
pub mod backoff;
pub mod checkpoints;
pub mod clients;
pub mod config;
pub mod erasures;
pub mod events;
pub mod exactly_once;
pub mod http;
pub mod identities;
pub mod metrics;
pub mod pipeline;
pub mod recovery;
pub mod shutdown;
pub mod sink;
pub mod status;
pub mod subject_keys;
pub mod table;
pub mod withdrawals;
pub mod workers;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use rdkafka::consumer::BaseConsumer;
use rdkafka::error::KafkaError;
use rdkafka::producer::Producer;
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use crate::clock::{self, Timestamp};
use crate::engine::Guard;
use crate::policy::Policy;
use crate::subject_keys::DEFAULT_CACHE_CAPACITY;
use crate::withdrawals::{SuppressionList, WithdrawalTable};

use self::backoff::Backoff;
use self::events::Site;
use self::sink::Topics;

use self::acks::OutputProducer;
use self::at_least_once::AtLeastOnce;
use self::clients::ClientCtx;
use self::config::{ConfigError, Delivery, LogFormat, Settings};
use self::exactly_once::ExactlyOnce;
use self::pipeline::{Pipeline, PipelineCtx};
use self::status::{Client, Status};
use self::subject_keys::KeyWriter;

/// Why `leadguard serve` stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Policy(String),
    #[error("cannot start the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot install the metrics recorder: {0}")]
    Metrics(String),
    #[error("cannot listen on {0}: {1}")]
    Http(SocketAddr, std::io::Error),
    #[error("Kafka client: {0}")]
    Kafka(KafkaError),
    #[error("{0}")]
    Fatal(String),
    #[error("shutdown did not complete within the grace period ({})", humantime::format_duration(*.0))]
    ShutdownTimeout(Duration),
    #[error("the consumer thread stopped unexpectedly")]
    ConsumerThread,
}

/// `leadguard serve`: loads the configuration and runs until SIGINT/SIGTERM (`Ok`) or a fatal
/// error. With `check_only`, validates configuration and policy and prints a summary.
pub fn run_service(
    config: &Path,
    now: Option<Timestamp>,
    check_only: bool,
) -> Result<(), ServeError> {
    let settings = Settings::load(config)?;
    let guard = load_guard(&settings)?;
    let topics = Topics::resolve(&settings, &guard.policy)
        .map_err(|problems| ServeError::Policy(problems.join("; ")))?;
    if check_only {
        for d in &guard.policy.deprecations {
            println!("warning: {d}");
        }
        println!(
            "config {} is valid: delivery {}, group {}, inputs {:?}, audit {}, dead letter {}, withdrawals {}, subject keys {}, erasures {}",
            config.display(),
            settings.delivery.as_str(),
            settings.group_id,
            settings.input_topics,
            settings.audit_topic,
            settings.dead_letter_topic,
            settings.withdrawals_topic,
            settings.subject_keys_topic.as_deref().unwrap_or("(none: no crypto-shredding)"),
            settings.erasures_topic.as_deref().unwrap_or("(none)")
        );
        for (d, t) in guard.policy.destinations.iter().zip(&topics.destinations) {
            println!("destination {} -> topic {t}", d.name);
        }
        println!("properties: {:?}", settings.properties.display());
        return Ok(());
    }
    init_logging(settings.log_format, &settings.log_level);
    for d in &guard.policy.deprecations {
        tracing::warn!("{d}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("leadguard-rt")
        .build()
        .map_err(ServeError::Runtime)?;
    let result = runtime.block_on(serve(Arc::new(settings), Arc::new(guard), topics, now));
    runtime.shutdown_timeout(Duration::from_secs(1));
    match &result {
        Ok(()) => tracing::info!("stopped"),
        Err(e) => tracing::error!(error = %e, "stopped on error"),
    }
    result
}

/// The policy and suppression list named by the configuration, compiled.
pub fn load_guard(settings: &Settings) -> Result<Guard, ServeError> {
    let policy = Policy::load(&settings.policy).map_err(|e| ServeError::Policy(e.to_string()))?;
    let suppression = match &settings.suppression_list {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                ServeError::Policy(format!("cannot read suppression list {}: {e}", p.display()))
            })?;
            let (list, bad) = SuppressionList::parse(&text, &policy.default_country_code);
            if !bad.is_empty() {
                return Err(ServeError::Policy(format!(
                    "suppression list {}: lines {bad:?} are not phone numbers",
                    p.display()
                )));
            }
            list
        }
        None => SuppressionList::default(),
    };
    let guard = Guard::new(policy, suppression).map_err(|e| ServeError::Policy(e.to_string()))?;
    let ours: Vec<&String> = [
        &settings.audit_topic,
        &settings.dead_letter_topic,
        &settings.withdrawals_topic,
    ]
    .into_iter()
    .chain(settings.subject_keys_topic.iter())
    .chain(settings.erasures_topic.iter())
    .collect();
    let clashes: Vec<String> = guard
        .policy
        .destinations
        .iter()
        .filter(|d| settings.input_topics.contains(&d.topic) || ours.contains(&&d.topic))
        .map(|d| format!("destination {} writes to {:?}, which the config uses as an input, audit, dead-letter, withdrawals, subject keys or erasures topic", d.name, d.topic))
        .collect();
    if !clashes.is_empty() {
        return Err(ServeError::Policy(clashes.join("\n")));
    }
    Ok(guard)
}

/// Installs the `tracing` subscriber: `RUST_LOG` if set, else the configured level.
pub fn init_logging(format: LogFormat, level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Runs the service on the current runtime until shutdown or a fatal error.
pub async fn serve(
    settings: Arc<Settings>,
    guard: Arc<Guard>,
    topics: Topics,
    now: Option<Timestamp>,
) -> Result<(), ServeError> {
    let handle = metrics::install().map_err(ServeError::Metrics)?;
    let status = Arc::new(Status::new());
    let shutdown = CancellationToken::new();
    let background = CancellationToken::new();
    let deadline = Arc::new(Mutex::new(None));
    tracing::info!(
        config = %settings.source.display(),
        delivery = settings.delivery.as_str(),
        group = %settings.group_id,
        inputs = ?settings.input_topics,
        properties = ?settings.properties.display(),
        policy_version = %guard.policy.version,
        "starting"
    );
    if let Some(t) = now {
        tracing::warn!(now = %clock::format(t), "rules use a fixed \"now\" (--now)");
    }

    let (addr, server) = http::bind(
        settings.listen,
        handle.clone(),
        status.clone(),
        background.clone(),
    )
    .await
    .map_err(|e| ServeError::Http(settings.listen, e))?;
    tracing::info!(%addr, "serving /metrics, /health and /ready");
    let http_task = tokio::spawn(server);
    tokio::spawn(upkeep(handle, background.clone()));
    tokio::spawn(shutdown::on_signal(
        shutdown.clone(),
        status.clone(),
        deadline.clone(),
        settings.grace_period,
    ));

    let table = Arc::new(RwLock::new(WithdrawalTable::default()));
    let (withdrawals_thread, mut loaded) = withdrawals::spawn(
        settings.clone(),
        guard.clone(),
        table.clone(),
        status.clone(),
        background.clone(),
    )
    .map_err(ServeError::Runtime)?;

    // I3 across instances: the shared history is read whole before the first lead, like the
    // withdrawals.
    let identities = match &settings.identities_topic {
        Some(topic) => {
            let index = guard.new_index();
            let (thread, loaded) = identities::spawn(
                settings.clone(),
                topic.clone(),
                guard.clone(),
                index.clone(),
                status.clone(),
                background.clone(),
            )
            .map_err(ServeError::Runtime)?;
            Some((index, thread, loaded))
        }
        None => None,
    };

    // Crypto-shredding: the subject keys are read whole before the first lead, then the
    // erasure requests applied on them (see `subject_keys`, `erasures`).
    let shredding = match &settings.subject_keys_topic {
        Some(topic) => {
            let store = Arc::new(guard.subject_keys(DEFAULT_CACHE_CAPACITY));
            let writer = Arc::new(KeyWriter::new(&settings, topic, status.clone())?);
            let (thread, loaded) = subject_keys::spawn(
                settings.clone(),
                topic.clone(),
                store.clone(),
                status.clone(),
                background.clone(),
            )
            .map_err(ServeError::Runtime)?;
            Some((store, writer, thread, loaded))
        }
        None => None,
    };
    let mut erasures_thread = None;

    let result = async {
        tokio::select! {
            _ = loaded.wait_for(|l| *l) => {}
            _ = shutdown.cancelled() => return Ok(()),
            why = failed(&status) => return Err(ServeError::Fatal(why)),
        }
        if let Some((store, writer, _, loaded)) = &shredding {
            let mut loaded = loaded.clone();
            tokio::select! {
                _ = loaded.wait_for(|l| *l) => {}
                _ = shutdown.cancelled() => return Ok(()),
                why = failed(&status) => return Err(ServeError::Fatal(why)),
            }
            if let Some(topic) = &settings.erasures_topic {
                let (thread, mut loaded) = erasures::spawn(
                    settings.clone(),
                    topic.clone(),
                    guard.clone(),
                    table.clone(),
                    (store.clone(), writer.clone()),
                    status.clone(),
                    background.clone(),
                )
                .map_err(ServeError::Runtime)?;
                erasures_thread = Some(thread);
                tokio::select! {
                    _ = loaded.wait_for(|l| *l) => {}
                    _ = shutdown.cancelled() => return Ok(()),
                    why = failed(&status) => return Err(ServeError::Fatal(why)),
                }
            }
        }
        if let Some((_, _, loaded)) = &identities {
            let mut loaded = loaded.clone();
            tokio::select! {
                _ = loaded.wait_for(|l| *l) => {}
                _ = shutdown.cancelled() => return Ok(()),
                why = failed(&status) => return Err(ServeError::Fatal(why)),
            }
        }
        let producer: Arc<OutputProducer> = Arc::new(
            clients::producer(&settings)
                .create_with_context(ClientCtx::new(Client::Producer, status.clone()))
                .map_err(ServeError::Kafka)?,
        );
        let audit_partitions = {
            let (p, s, t, c) = (
                producer.clone(),
                settings.clone(),
                topics.destinations.clone(),
                shutdown.clone(),
            );
            match tokio::task::spawn_blocking(move || wait_for_topics(&p, &s, &t, &c))
                .await
                .map_err(|_| ServeError::ConsumerThread)?
            {
                Some(n) => n,
                None => return Ok(()),
            }
        };
        if settings.delivery == Delivery::ExactlyOnce {
            let (p, c) = (producer.clone(), shutdown.clone());
            let ok = tokio::task::spawn_blocking(move || init_transactions(&p, &c))
                .await
                .map_err(|_| ServeError::ConsumerThread)?;
            if !ok {
                return Ok(());
            }
        }
        let pipeline = Arc::new(Pipeline {
            metrics: self::metrics::EventMetrics::new(&guard.policy),
            topics,
            settings: settings.clone(),
            guard: guard.clone(),
            table,
            identities: identities.as_ref().map(|(index, _, _)| index.clone()),
            status: status.clone(),
            producer: producer.clone(),
            runtime: tokio::runtime::Handle::current(),
            shutdown: shutdown.clone(),
            deadline: deadline.clone(),
            audit_partitions,
            now,
            subject_keys: shredding
                .as_ref()
                .map(|(store, writer, _, _)| (store.clone(), writer.clone())),
        });
        let config = clients::consumer(&settings);
        // The consumer loop of the configured mode; dropping the consumer at its end closes it,
        // which leaves the group (its revocation finds nothing left to drain).
        let consume: Box<dyn FnOnce() -> Result<(), ServeError> + Send> = match settings.delivery {
            Delivery::AtLeastOnce => {
                let consumer: BaseConsumer<PipelineCtx<AtLeastOnce>> = config
                    .create_with_context(
                        PipelineCtx::new(pipeline.clone(), AtLeastOnce)
                            .map_err(ServeError::Runtime)?,
                    )
                    .map_err(ServeError::Kafka)?;
                Box::new(move || at_least_once::run(&consumer))
            }
            Delivery::ExactlyOnce => {
                let consumer: BaseConsumer<PipelineCtx<ExactlyOnce>> = config
                    .create_with_context(
                        PipelineCtx::new(pipeline.clone(), ExactlyOnce::default())
                            .map_err(ServeError::Runtime)?,
                    )
                    .map_err(ServeError::Kafka)?;
                Box::new(move || exactly_once::run(&consumer))
            }
        };
        let (done_tx, mut done_rx) = oneshot::channel();
        std::thread::Builder::new()
            .name("consumer".into())
            .spawn(move || {
                let _ = done_tx.send(consume());
            })
            .map_err(ServeError::Runtime)?;
        tracing::info!(audit_partitions, "consuming");
        let r = tokio::select! {
            r = &mut done_rx => r.unwrap_or(Err(ServeError::ConsumerThread)),
            _ = shutdown.cancelled() => {
                match tokio::time::timeout(settings.grace_period, &mut done_rx).await {
                    Ok(r) => r.unwrap_or(Err(ServeError::ConsumerThread)),
                    Err(_) => Err(ServeError::ShutdownTimeout(settings.grace_period)),
                }
            }
        };
        let left = pipeline.time_left().unwrap_or(Duration::from_secs(5));
        let _ = tokio::task::spawn_blocking(move || producer.flush(left)).await;
        r
    }
    .await;

    status.set_shutting_down();
    background.cancel();
    // Both stop within a poll interval; bounded anyway, so an idle keep-alive connection or a
    // metadata request to a dead broker cannot hold the exit.
    let identities_thread = identities.map(|(_, thread, _)| thread);
    let (writer, keys_thread) = match shredding {
        Some((_, writer, thread, _)) => (Some(writer), Some(thread)),
        None => (None, None),
    };
    let joined = tokio::task::spawn_blocking(move || {
        let _ = withdrawals_thread.join();
        for t in [identities_thread, keys_thread, erasures_thread]
            .into_iter()
            .flatten()
        {
            let _ = t.join();
        }
        // Tombstones the erasures reader enqueued.
        if let Some(w) = writer {
            w.flush(Duration::from_secs(5));
        }
    });
    let _ = tokio::time::timeout(Duration::from_secs(2), joined).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), http_task).await;
    result
}

/// Resolves when the status records a fatal error.
async fn failed(status: &Status) -> String {
    loop {
        if let Some(why) = status.failure() {
            return why;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Histogram upkeep the Prometheus recorder needs when it has no HTTP listener of its own.
async fn upkeep(handle: metrics_exporter_prometheus::PrometheusHandle, stop: CancellationToken) {
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => handle.run_upkeep(),
        }
    }
}

/// Waits until every topic exists; returns the audit topic's partition count (`None` when
/// shutting down first).
fn wait_for_topics(
    producer: &OutputProducer,
    settings: &Settings,
    destinations: &[String],
    shutdown: &CancellationToken,
) -> Option<i32> {
    let mut wanted: Vec<&str> = settings.input_topics.iter().map(String::as_str).collect();
    wanted.extend([
        settings.audit_topic.as_str(),
        settings.dead_letter_topic.as_str(),
    ]);
    wanted.extend(destinations.iter().map(String::as_str));
    wanted.extend(settings.identities_topic.as_deref());
    wanted.extend(settings.checkpoints_topic.as_deref());
    wanted.extend(settings.subject_keys_topic.as_deref());
    wanted.extend(settings.erasures_topic.as_deref());
    let mut backoff = Backoff::default();
    loop {
        match producer
            .client()
            .fetch_metadata(None, Duration::from_secs(10))
        {
            Ok(md) => {
                let count = |name: &str| {
                    md.topics()
                        .iter()
                        .find(|t| t.name() == name && t.error().is_none())
                        .map_or(0, |t| t.partitions().len())
                };
                let missing: Vec<&str> = wanted.iter().copied().filter(|t| count(t) == 0).collect();
                if missing.is_empty() {
                    return Some(count(&settings.audit_topic) as i32);
                }
                tracing::error!(
                    ?missing,
                    "topics do not exist (leadguard does not create topics); retrying"
                );
            }
            Err(e) => {
                events::kafka_error(Site::Startup, &e, "cannot read topic metadata; retrying")
            }
        }
        backoff.wait(shutdown).ok()?;
    }
}

/// `init_transactions`, retried while the broker cannot be reached (false when shutting down).
fn init_transactions(producer: &OutputProducer, shutdown: &CancellationToken) -> bool {
    let mut backoff = Backoff::default();
    loop {
        if shutdown.is_cancelled() {
            return false;
        }
        match producer.init_transactions(Duration::from_secs(30)) {
            Ok(()) => return true,
            Err(e) => events::kafka_error(Site::Startup, &e, "init_transactions failed; retrying"),
        }
        if backoff.wait(shutdown).is_err() {
            return false;
        }
    }
}
