//! `leadguard serve` as operators run it: a working folder with the reference policy and a
//! service config for one run's topics ([`ServeSetup`]), and the running process
//! ([`GuardProcess`]: readiness, metrics, SIGTERM, SIGKILL, SIGSTOP/SIGCONT, its log shown when a
//! test fails).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use leadguard::engine::Guard;

use super::broker::unique_name;
use super::fixtures::{self, policy_text, shared_examples, NOW};
use super::http::{http_get, metric_value};
use super::topics::Topics;

/// How long the harness waits for readiness, a metric or a topic's end.
pub const WAIT: Duration = Duration::from_secs(60);

/// How often the harness asks the guard whether it is ready or a metric is reached.
const POLL: Duration = Duration::from_millis(10);

/// `[kafka.properties]` of the tests' guards: tansu's group join takes about half the session
/// timeout (see `docs/test-broker.md`).
pub const KAFKA_PROPERTIES: &str = r#""session.timeout.ms" = 6000
"heartbeat.interval.ms" = 1000
"broker.address.family" = "v4"
"#;

/// A working folder with the reference policy (keys by absolute path), the configs of its guard
/// instances (the run's topics, destinations in `[outputs]`) and their logs.
///
/// `LEADGUARD_KEEP_LOGS=1` keeps the folder for inspection.
pub struct ServeSetup {
    pub dir: tempfile::TempDir,
    pub policy: PathBuf,
    pub bootstrap: String,
    /// The consumer group of every instance started from this setup.
    pub group: String,
}

impl ServeSetup {
    pub fn new(bootstrap: &str) -> ServeSetup {
        let mut dir = tempfile::tempdir().expect("temp dir");
        if std::env::var_os("LEADGUARD_KEEP_LOGS").is_some() {
            dir.disable_cleanup(true);
            eprintln!("guard logs kept in {}", dir.path().display());
        }
        let policy = dir.path().join("policy.toml");
        std::fs::write(&policy, policy_text()).unwrap();
        ServeSetup {
            dir,
            policy,
            bootstrap: bootstrap.to_string(),
            group: unique_name("leadguard"),
        }
    }

    /// Writes the config of one instance on `topics`, listening on `http_port`; returns its path.
    /// `properties` is the body of `[kafka.properties]` (e.g. [`KAFKA_PROPERTIES`]), `sections`
    /// more TOML tables (`[pipeline]`, `[exactly_once]`…).
    pub fn config(
        &self,
        topics: &Topics,
        http_port: u16,
        delivery: &str,
        properties: &str,
        sections: &str,
    ) -> PathBuf {
        let text = format!(
            r#"
policy = "policy.toml"
suppression_list = "{dnc}"
delivery = "{delivery}"

[kafka]
brokers = "{brokers}"
group_id = "{group}"
input_topics = ["{input}"]
audit_topic = "{audit}"
dead_letter_topic = "{dead_letter}"
withdrawals_topic = "{withdrawals}"
checkpoints_topic = "{checkpoints}"

[kafka.properties]
{properties}
[http]
listen = "127.0.0.1:{http_port}"

[shutdown]
grace_period = "20s"

[log]
format = "json"
level = "info"

[outputs]
{outputs}{sections}"#,
            dnc = shared_examples().join("do-not-call.txt").display(),
            brokers = self.bootstrap,
            group = self.group,
            input = topics.input,
            audit = topics.audit,
            dead_letter = topics.dead_letter,
            withdrawals = topics.withdrawals,
            checkpoints = topics.checkpoints,
            outputs = topics
                .destinations
                .iter()
                .map(|(name, topic)| format!("{name} = \"{topic}\"\n"))
                .collect::<String>(),
        );
        let path = self.dir.path().join(format!("kafka-{http_port}.toml"));
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The guard as the tests' own judge: same policy, keys and suppression list.
    pub fn guard(&self) -> Guard {
        fixtures::guard(&self.policy)
    }

    /// Starts the built `leadguard serve` with `config` (listening on `http_port`), its log in
    /// this folder.
    pub fn start(&self, name: &str, config: &Path, http_port: u16) -> GuardProcess {
        let log = self.dir.path().join(format!("serve-{name}.log"));
        GuardProcess::start(Path::new(fixtures::BIN), name, config, http_port, log)
    }
}

/// A running `leadguard serve`. Killed on drop; the tail of its log is printed if the test
/// panics.
pub struct GuardProcess {
    name: String,
    child: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl GuardProcess {
    /// Starts `bin serve --config CONFIG --now NOW`, its stderr (the log) in `log`; `http_port`
    /// is the HTTP port of the config.
    pub fn start(
        bin: &Path,
        name: &str,
        config: &Path,
        http_port: u16,
        log: PathBuf,
    ) -> GuardProcess {
        let err = std::fs::File::create(&log).unwrap();
        let child = Command::new(bin)
            .arg("serve")
            .arg("--config")
            .arg(config)
            .arg("--now")
            .arg(NOW)
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(err)
            .spawn()
            .expect("spawn leadguard serve");
        GuardProcess {
            name: name.to_string(),
            child: Some(child),
            port: http_port,
            log,
        }
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// The log so far.
    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `GET path` on its HTTP port: (status, body).
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.port, path)
    }

    /// Whether the process is still running (it was started and has not exited).
    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.try_wait().unwrap().is_none())
    }

    /// Panics, with the log, if the process has exited.
    pub fn assert_running(&mut self) {
        let child = self.child.as_mut().expect("started");
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "leadguard serve {} exited with {status}:\n{}",
                self.name,
                self.logs()
            );
        }
    }

    /// Waits until `/ready` answers 200; panics if the process exits first or after [`WAIT`].
    pub fn wait_ready(&mut self) {
        self.wait_until(|g| match g.get("/ready") {
            Some((200, _)) => Ok(()),
            other => Err(format!("not ready (/ready: {other:?})")),
        });
    }

    /// Waits until the HTTP endpoint answers `/health` (a loaded machine may take seconds to
    /// start the process).
    pub fn wait_alive(&mut self) {
        self.wait_until(|g| match g.get("/health") {
            Some((200, _)) => Ok(()),
            other => Err(format!("not alive (/health: {other:?})")),
        });
    }

    /// The value of one metric line (`name{labels}` exactly as rendered), 0 when absent.
    pub fn metric(&self, series: &str) -> f64 {
        let (code, body) = self.get("/metrics").expect("GET /metrics");
        assert_eq!(code, 200);
        metric_value(&body, series).unwrap_or(0.0)
    }

    /// Waits until `series` is at least `at_least`; panics if the process exits first or after
    /// [`WAIT`].
    pub fn wait_metric(&mut self, series: &str, at_least: f64) {
        self.wait_until(|g| match g.metric(series) {
            v if v >= at_least => Ok(()),
            v => Err(format!("{series} = {v}, expected >= {at_least}")),
        });
    }

    /// Polls `done` until it is `Ok`; panics with its last `Err` and the log if the process exits
    /// first or after [`WAIT`].
    fn wait_until(&mut self, done: impl Fn(&GuardProcess) -> Result<(), String>) {
        let deadline = Instant::now() + WAIT;
        loop {
            let Err(why) = done(self) else {
                return;
            };
            self.assert_running();
            assert!(
                Instant::now() < deadline,
                "{}: {why} after {WAIT:?}:\n{}",
                self.name,
                self.logs()
            );
            std::thread::sleep(POLL);
        }
    }

    /// What a stuck instance is doing: its pipeline metrics and its threads' stacks (gdb).
    pub fn diagnose(&self) -> String {
        let Some(pid) = self.pid() else {
            return format!("{}: not running", self.name);
        };
        let metrics = self
            .get("/metrics")
            .map(|(_, body)| {
                body.lines()
                    .filter(|l| {
                        !l.starts_with('#')
                            && (l.contains("in_flight")
                                || l.contains("consumer_lag")
                                || l.contains("audit_records_total")
                                || l.contains("skipped")
                                || l.contains("rebalances")
                                || l.contains("errors"))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let stacks = Command::new("gdb")
            .args([
                "-p",
                &pid.to_string(),
                "-batch",
                "-ex",
                "thread apply all bt 12",
            ])
            .stdin(Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_else(|e| format!("gdb: {e}"));
        format!(
            "--- {} metrics:\n{metrics}\n--- {} threads:\n{stacks}",
            self.name, self.name
        )
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        let mut child = self.child.take().expect("running");
        child.kill().expect("SIGKILL");
        let status = child.wait().unwrap();
        assert!(!status.success(), "{}: {status}", self.name);
    }

    /// SIGSTOP: the whole process freezes, librdkafka's threads included, as in a long pause of
    /// its machine; [`GuardProcess::resume`] lets it go on.
    pub fn pause(&self) {
        self.signal("STOP");
    }

    /// SIGCONT after [`GuardProcess::pause`].
    pub fn resume(&self) {
        self.signal("CONT");
    }

    fn signal(&self, name: &str) {
        let pid = self.pid().expect("running");
        let ok = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success(), "{}: kill -{name}", self.name);
    }

    /// The exit status of a process that stopped on its own.
    pub fn exit_status(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("started");
        child.wait().unwrap()
    }

    /// Waits until the process stops on its own; panics, with its log, if it still runs after
    /// `within`. Returns how long it took and the exit status.
    pub fn wait_exit(&mut self, within: Duration) -> (Duration, ExitStatus) {
        let started = Instant::now();
        while self.running() {
            assert!(
                started.elapsed() < within,
                "{} still runs {within:?} later:\n{}",
                self.name,
                self.diagnose()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        (started.elapsed(), self.exit_status())
    }

    /// SIGTERM, then waits for the exit (bounded).
    pub fn terminate(&mut self) -> (ExitStatus, Duration) {
        let started = Instant::now();
        self.signal("TERM");
        let child = self.child.as_mut().expect("running");
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                self.child = None;
                return (status, started.elapsed());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{}: no exit 30 s after SIGTERM",
                self.name
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for GuardProcess {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        if std::thread::panicking() {
            let logs = self.logs();
            let tail: Vec<&str> = logs.lines().rev().take(60).collect();
            eprintln!(
                "--- leadguard serve {} log ({}), last lines:\n{}\n---",
                self.name,
                self.log.display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
    }
}
