//! End-to-end tests of Kafka mode (`leadguard serve`) on a real Kafka-protocol broker (tansu 0.6,
//! `memory://`), driving the built binary as operators run it.
//!
//! Setup: `scripts/install-tansu.sh && scripts/install-python-client.sh`. Without them these
//! tests fail with instructions (they never skip).
//!
//! - `examples_at_least_once` / `examples_exactly_once`: the shared examples produced by the
//!   independent Python client give the same audit records as file mode (everything but the
//!   input position and the chain link), destination topics hold exactly the forwarded copies
//!   (the same copies as file mode, encrypted values aside), rejected lines sit in the
//!   dead-letter topic (decryptable back to the original line), chains verify with the audit key,
//!   a withdrawal produced while running applies to later events, metrics and logs are right.
//! - `sigterm_commits_everything_and_restart_reaudits_nothing`: graceful shutdown mid-stream
//!   exits 0 with every audited input's offset committed; a restart resumes the chains and audits
//!   the rest, each input exactly once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::support::broker::{unique_name, Broker};
use leadguard::audit::{verify_record, ChainVerifier, InputRef};
use leadguard::engine::Guard;
use leadguard::policy::Policy;
use leadguard::withdrawals::SuppressionList;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::Value;

const NOW: &str = "2026-11-22T12:00:00Z";
const WAIT: Duration = Duration::from_secs(60);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> PathBuf {
    repo().join("examples")
}

/// The topics of one test run, all with unique names.
struct Topics {
    input: String,
    audit: String,
    dead_letter: String,
    withdrawals: String,
    /// Destination name → topic, in policy order.
    destinations: Vec<(String, String)>,
}

impl Topics {
    fn new() -> Topics {
        let dest = |name: &str| (name.to_string(), unique_name(&format!("dest-{name}")));
        Topics {
            input: unique_name("leads-raw"),
            audit: unique_name("leads-audit"),
            dead_letter: unique_name("leads-dead-letter"),
            withdrawals: unique_name("leads-withdrawals"),
            destinations: ["crm", "emailing", "callcenter", "partners", "analytics"]
                .into_iter()
                .map(dest)
                .collect(),
        }
    }

    fn create(&self, broker: &Broker, input_partitions: i32, audit_partitions: i32) {
        broker.create_topic(&self.input, input_partitions);
        broker.create_topic(&self.audit, audit_partitions);
        broker.create_topic(&self.dead_letter, 1);
        broker.create_topic_with_config(&self.withdrawals, 2, &[("cleanup.policy", "compact")]);
        for (_, t) in &self.destinations {
            broker.create_topic(t, 2);
        }
    }
}

/// A working folder with the reference policy rewritten to this run's destination topics (keys
/// by absolute path) and a service config.
struct Setup {
    dir: tempfile::TempDir,
    policy: PathBuf,
    config: PathBuf,
    http_port: u16,
    group: String,
}

impl Setup {
    fn new(bootstrap: &str, topics: &Topics, delivery: &str) -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut policy = std::fs::read_to_string(examples().join("policy.toml")).unwrap();
        for (name, topic) in &topics.destinations {
            let from = format!("topic = \"leads.{name}\"");
            assert!(policy.contains(&from), "reference policy has no {from}");
            policy = policy.replace(&from, &format!("topic = \"{topic}\""));
        }
        policy = policy.replace(
            "file = \"keys/",
            &format!("file = \"{}/keys/", examples().display()),
        );
        let policy_path = dir.path().join("policy.toml");
        std::fs::write(&policy_path, policy).unwrap();
        let http_port = free_port();
        let group = unique_name("leadguard");
        let config = format!(
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

[kafka.properties]
"session.timeout.ms" = 6000
"heartbeat.interval.ms" = 1000
"broker.address.family" = "v4"

[http]
listen = "127.0.0.1:{http_port}"

[shutdown]
grace_period = "20s"

[log]
format = "json"
level = "info"

[pipeline]
statistics_interval = "1s"

[exactly_once]
transactional_id = "{group}-tx"
batch_max_wait = "50ms"
"#,
            dnc = examples().join("do-not-call.txt").display(),
            brokers = bootstrap,
            input = topics.input,
            audit = topics.audit,
            dead_letter = topics.dead_letter,
            withdrawals = topics.withdrawals,
        );
        let config_path = dir.path().join("kafka.toml");
        std::fs::write(&config_path, config).unwrap();
        Setup {
            dir,
            policy: policy_path,
            config: config_path,
            http_port,
            group,
        }
    }

    /// The guard as the tests' own judge: same policy, keys and suppression list.
    fn guard(&self) -> Guard {
        let policy = Policy::load(&self.policy).expect("policy");
        let dnc = std::fs::read_to_string(examples().join("do-not-call.txt")).unwrap();
        let (list, bad) = SuppressionList::parse(&dnc, &policy.default_country_code);
        assert!(bad.is_empty());
        Guard::new(policy, list).expect("guard")
    }

    /// File mode over the examples with the same policy: `out/` of `leadguard run`.
    fn file_mode(&self) -> PathBuf {
        let out = self.dir.path().join("file-mode");
        let status = Command::new(env!("CARGO_BIN_EXE_leadguard"))
            .arg("run")
            .arg("--policy")
            .arg(&self.policy)
            .arg("--input")
            .arg(examples().join("leads.jsonl"))
            .arg("--withdrawals")
            .arg(examples().join("withdrawals.jsonl"))
            .arg("--suppress")
            .arg(examples().join("do-not-call.txt"))
            .arg("--out")
            .arg(&out)
            .arg("--now")
            .arg(NOW)
            .stdout(Stdio::null())
            .status()
            .expect("run leadguard run");
        assert!(status.success(), "file mode failed: {status}");
        out
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `leadguard serve`. Killed on drop; its log is printed if the test panics.
struct GuardProcess {
    child: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl GuardProcess {
    fn start(setup: &Setup, run: &str) -> GuardProcess {
        let log = setup.dir.path().join(format!("serve-{run}.log"));
        let err = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_leadguard"))
            .arg("serve")
            .arg("--config")
            .arg(&setup.config)
            .arg("--now")
            .arg(NOW)
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(err)
            .spawn()
            .expect("spawn leadguard serve");
        GuardProcess {
            child: Some(child),
            port: setup.http_port,
            log,
        }
    }

    fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.port, path)
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some((200, _)) = self.get("/ready") {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "leadguard serve exited with {status} before ready:\n{}",
                    self.logs()
                );
            }
            assert!(
                Instant::now() < deadline,
                "not ready within {WAIT:?}:\n{}",
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The value of one metric line (`name{labels}` exactly as rendered), 0 when absent.
    fn metric(&self, series: &str) -> f64 {
        let (code, body) = self.get("/metrics").expect("GET /metrics");
        assert_eq!(code, 200);
        metric_value(&body, series).unwrap_or(0.0)
    }

    fn wait_metric(&self, series: &str, at_least: f64) {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.metric(series);
            if v >= at_least {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{series} = {v}, expected >= {at_least} within {WAIT:?}:\n{}",
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, then waits for the exit (bounded).
    fn terminate(&mut self) -> (ExitStatus, Duration) {
        let child = self.child.as_mut().unwrap();
        let started = Instant::now();
        let ok = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(ok.success());
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                self.child = None;
                return (status, started.elapsed());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no exit 30 s after SIGTERM"
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
                "--- leadguard serve log ({}), last lines:\n{}\n---",
                self.log.display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
    }
}

/// A minimal HTTP/1.1 GET (no client library needed): (status, body).
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let code = raw.split_whitespace().nth(1)?.parse().ok()?;
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((code, body))
}

fn metric_value(body: &str, series: &str) -> Option<f64> {
    body.lines().find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

/// A record read back from a topic.
#[derive(Debug, Clone)]
struct Rec {
    partition: i32,
    offset: i64,
    key: Option<String>,
    value: Vec<u8>,
    input_header: Option<String>,
}

impl Rec {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.value).expect("JSON record")
    }
}

/// Everything in `topic`, read to the end of every partition (end-of-partition events, which
/// are exact on tansu, unlike its ListOffsets answer).
fn read_all(broker: &Broker, topic: &str) -> Vec<Rec> {
    let mut cfg = broker.client_config();
    cfg.set("group.id", unique_name("reader"))
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "true")
        .set("auto.offset.reset", "earliest")
        .set("fetch.wait.max.ms", "50");
    let c: BaseConsumer = cfg.create().expect("reader");
    let partitions = broker.topic_partitions(topic).expect("topic exists");
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition_offset(topic, p, Offset::Beginning)
            .unwrap();
    }
    c.assign(&tpl).unwrap();
    let mut out = Vec::new();
    let mut eof = BTreeSet::new();
    let deadline = Instant::now() + WAIT;
    while (eof.len() as i32) < partitions {
        assert!(
            Instant::now() < deadline,
            "could not read {topic} to its end"
        );
        match c.poll(Duration::from_millis(100)) {
            Some(Ok(m)) => out.push(Rec {
                partition: m.partition(),
                offset: m.offset(),
                key: m
                    .key()
                    .map(|k| String::from_utf8(k.to_vec()).expect("UTF-8 key")),
                value: m.payload().unwrap_or_default().to_vec(),
                input_header: m.headers().and_then(|h| {
                    h.iter()
                        .find(|h| h.key == "leadguard.input")
                        .and_then(|h| h.value)
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                }),
            }),
            Some(Err(KafkaError::PartitionEOF(p))) => {
                eof.insert(p);
            }
            Some(Err(e)) => panic!("reading {topic}: {e}"),
            None => {}
        }
    }
    out.sort_by_key(|r| (r.partition, r.offset));
    out
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The audit record without where it came from and its chain link: what must equal file mode.
fn decisions(record: &Value) -> Value {
    let mut v = record.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("input");
    o.remove("chain");
    v
}

/// Encrypted values use fresh nonces: compare them as placeholders.
fn mask_encrypted(v: &Value) -> Value {
    match v {
        Value::String(s) if s.starts_with("enc:") => Value::String("enc:*".into()),
        Value::Array(a) => Value::Array(a.iter().map(mask_encrypted).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), mask_encrypted(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Verifies every chain of `audit` (records in topic order) with the audit key; returns the
/// number of records per chain.
fn verify_chains(guard: &Guard, audit: &[Rec], audit_partitions: i32) -> BTreeMap<String, u64> {
    let mut verifiers: HashMap<String, ChainVerifier> = HashMap::new();
    let mut counts = BTreeMap::new();
    for r in audit {
        let link = verify_record(guard.audit_key(), &r.value)
            .unwrap_or_else(|e| panic!("audit record {}@{}: {e}", r.partition, r.offset));
        let v = r.json();
        let input: InputRef = serde_json::from_value(v["input"].clone()).unwrap();
        assert_eq!(link.id, input.chain_id(), "chain id of {input}");
        assert_eq!(
            r.key.as_deref(),
            Some(link.id.as_str()),
            "audit record key = chain id"
        );
        let InputRef::Kafka { partition, .. } = input else {
            panic!("audit input is not a Kafka position: {input}")
        };
        assert_eq!(
            r.partition,
            partition % audit_partitions,
            "audit partition of {input}"
        );
        verifiers
            .entry(link.id.clone())
            .or_insert_with(|| ChainVerifier::new(guard.audit_key(), &link.id))
            .next(&link)
            .unwrap_or_else(|e| panic!("chain {} broken at {input}: {e}", link.id));
        *counts.entry(link.id).or_default() += 1;
    }
    counts
}

/// The example line whose e-mail gets withdrawn while the guard runs ("plain": e-mail consent,
/// forwarded to `emailing` by e-mail).
const LIVE_LINE: usize = 26;

fn live_event(event_id: &str) -> String {
    let text = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    let mut v: Value = serde_json::from_str(text.lines().nth(LIVE_LINE - 1).unwrap()).unwrap();
    assert_eq!(v["subject"]["email"], "françois.bernard1811@EXEMPLE.COM");
    v["event_id"] = Value::String(event_id.into());
    serde_json::to_string(&v).unwrap()
}

fn destination<'a>(audit: &'a Value, name: &str) -> &'a Value {
    audit["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("no destination {name}"))
}

/// Personal values of the examples that must never reach a log line.
fn personal_values() -> Vec<String> {
    let text = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    let mut out = Vec::new();
    for l in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(l) else {
            continue;
        };
        for f in ["email", "phone", "last_name"] {
            if let Some(s) = v["subject"][f].as_str() {
                if s.trim().len() > 4 {
                    out.push(s.trim().to_string());
                }
            }
        }
        if let Some(s) = v["subject"]["address"]["street"].as_str() {
            out.push(s.to_string());
        }
    }
    out
}

fn examples_end_to_end(delivery: &str) {
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, 1, 2);
    let setup = Setup::new(&broker.bootstrap(), &topics, delivery);
    let guard = setup.guard();
    let file_out = setup.file_mode();
    let file_audit = lines(&file_out.join("audit.jsonl"));
    assert_eq!(file_audit.len(), 88);

    // Withdrawals first, then the leads, both by the independent client.
    let withdrawals: Vec<String> = std::fs::read_to_string(examples().join("withdrawals.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        broker.python_produce(&topics.withdrawals, None, &withdrawals),
        6
    );
    let leads = std::fs::read(examples().join("leads.jsonl")).unwrap();
    let lead_lines: Vec<&[u8]> = leads
        .strip_suffix(b"\n")
        .unwrap_or(&leads)
        .split(|b| *b == b'\n')
        .collect();
    assert_eq!(lead_lines.len(), 88);
    assert_eq!(broker.python_produce(&topics.input, None, &lead_lines), 88);

    let started = Instant::now();
    let mut serve = GuardProcess::start(&setup, "1");
    serve.wait_ready();
    assert_eq!(serve.get("/health").map(|r| r.0), Some(200));
    serve.wait_metric("leadguard_audit_records_total", 88.0);
    let caught_up = started.elapsed();

    // Audit, read by the independent client: one record per input, decisions as in file mode.
    let py_audit = broker.python_consume(&topics.audit, 88, WAIT, None);
    let mut by_offset: BTreeMap<i64, Value> = BTreeMap::new();
    for r in &py_audit {
        let v: Value = serde_json::from_slice(&r.value).unwrap();
        assert_eq!(v["input"]["topic"], topics.input.as_str());
        let offset = v["input"]["offset"].as_i64().unwrap();
        assert!(
            by_offset.insert(offset, v).is_none(),
            "two audit records for offset {offset}"
        );
    }
    assert_eq!(
        by_offset.keys().copied().collect::<Vec<_>>(),
        (0..88).collect::<Vec<_>>()
    );
    let mut mismatches = Vec::new();
    for (offset, got) in &by_offset {
        let want = &file_audit[*offset as usize];
        assert_eq!(want["input"]["line"], offset + 1);
        if decisions(got) != decisions(want) {
            mismatches.push(format!(
                "line {}:\n  kafka: {}\n  file:  {}",
                offset + 1,
                decisions(got),
                decisions(want)
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} audit records differ from file mode:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    let count = |outcome: &str| {
        by_offset
            .values()
            .filter(|v| v["outcome"] == outcome)
            .count()
    };
    let (forwarded, dropped, rejected) = (count("forwarded"), count("dropped"), count("rejected"));
    assert!(
        forwarded > 0 && rejected > 0,
        "the examples have forwarded and rejected lines"
    );
    assert!(
        by_offset
            .values()
            .any(|v| v["withdrawals_applied"].as_u64().unwrap_or(0) > 0),
        "the withdrawals read at start-up apply to the first leads"
    );

    // Destination topics: exactly the forwarded copies, the same as file mode's.
    for (name, topic) in &topics.destinations {
        let got = read_all(&broker, topic);
        let want: Vec<Value> = lines(&file_out.join(format!("{name}.jsonl")));
        let audited: Vec<i64> = by_offset
            .iter()
            .filter(|(_, v)| {
                v["destinations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["name"] == name.as_str() && d["outcome"] == "forwarded")
            })
            .map(|(o, _)| *o)
            .collect();
        assert_eq!(
            got.len(),
            audited.len(),
            "{name}: records vs forwarded in the audit"
        );
        assert_eq!(got.len(), want.len(), "{name}: records vs file mode");
        let mut got_by_offset = BTreeMap::new();
        for r in &got {
            let pos = r.input_header.clone().expect("leadguard.input header");
            let offset: i64 = pos.rsplit_once('@').unwrap().1.parse().unwrap();
            let audit = &by_offset[&offset];
            assert_eq!(
                r.key.as_deref(),
                audit["subject_ref"].as_str(),
                "{name}: key = subject token"
            );
            got_by_offset.insert(offset, mask_encrypted(&r.json()));
        }
        assert_eq!(
            got_by_offset.keys().copied().collect::<Vec<_>>(),
            audited,
            "{name}: offsets"
        );
        let want_masked: Vec<Value> = want.iter().map(mask_encrypted).collect();
        assert_eq!(
            got_by_offset.into_values().collect::<Vec<_>>(),
            want_masked,
            "{name}: copies"
        );
    }

    // Dead letters: one per rejected line, original bytes recoverable with the key.
    let dead = read_all(&broker, &topics.dead_letter);
    assert_eq!(dead.len(), rejected);
    for r in &dead {
        let v = r.json();
        let input: InputRef = serde_json::from_value(v["input"].clone()).unwrap();
        let InputRef::Kafka { offset, .. } = input else {
            panic!("{input}")
        };
        assert_eq!(by_offset[&offset]["outcome"], "rejected");
        assert_eq!(v["reason"], by_offset[&offset]["reasons"][0]);
        let plain = guard
            .open_dead_letter(&input, v["payload"].as_str().unwrap())
            .expect("dead letter decrypts");
        assert_eq!(
            plain, lead_lines[offset as usize],
            "dead letter of offset {offset}"
        );
    }

    // A withdrawal produced while running applies to the events after it.
    let before = live_event("lead-live-before");
    assert_eq!(broker.python_produce(&topics.input, None, &[before]), 1);
    serve.wait_metric("leadguard_audit_records_total", 89.0);
    let withdrawal = r#"{"type": "withdrawal", "email": "FRANÇOIS.BERNARD1811@exemple.com", "purpose": "prospecting", "channel": "email", "at": "2026-11-22T11:30:00Z", "via": "unsubscribe_link"}"#;
    assert_eq!(
        broker.python_produce(&topics.withdrawals, None, &[withdrawal]),
        1
    );
    serve.wait_metric("leadguard_withdrawals_applied_total", 7.0);
    let after = live_event("lead-live-after");
    assert_eq!(broker.python_produce(&topics.input, None, &[after]), 1);
    serve.wait_metric("leadguard_audit_records_total", 90.0);
    let audit = read_all(&broker, &topics.audit);
    assert_eq!(audit.len(), 90);
    let live: HashMap<String, Value> = audit
        .iter()
        .map(|r| r.json())
        .filter(|v| {
            v["event_id"]
                .as_str()
                .is_some_and(|e| e.starts_with("lead-live-"))
        })
        .map(|v| (v["event_id"].as_str().unwrap().to_string(), v))
        .collect();
    let (b, a) = (&live["lead-live-before"], &live["lead-live-after"]);
    assert_eq!(destination(b, "emailing")["outcome"], "forwarded");
    assert_eq!(
        destination(b, "emailing")["channels"],
        serde_json::json!(["email"])
    );
    assert_eq!(destination(a, "emailing")["outcome"], "blocked");
    assert!(
        destination(a, "emailing")["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "consent.withdrawn"),
        "after the withdrawal: {}",
        destination(a, "emailing")
    );
    assert!(!destination(a, "crm")["channels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "email"));
    assert_eq!(
        a["withdrawals_applied"].as_u64(),
        Some(2),
        "crm and emailing refused e-mail"
    );

    // Chains verify with the audit key, across everything written.
    let chains = verify_chains(&guard, &audit, 2);
    assert_eq!(
        chains,
        BTreeMap::from([(format!("{}/0", topics.input), 90)])
    );

    // Metrics: the same counts as the audit; withdrawal lag observed; ready.
    let (code, m) = serve.get("/metrics").unwrap();
    assert_eq!(code, 200);
    let v = |s: &str| metric_value(&m, s).unwrap_or(0.0);
    assert_eq!(
        v("leadguard_events_total{outcome=\"forwarded\"}") as usize,
        forwarded + 2
    );
    assert_eq!(
        v("leadguard_events_total{outcome=\"dropped\"}") as usize,
        dropped
    );
    assert_eq!(
        v("leadguard_events_total{outcome=\"rejected\"}") as usize,
        rejected
    );
    assert_eq!(v("leadguard_withdrawal_lag_seconds_count"), 1.0);
    assert_eq!(v("leadguard_ready"), 1.0);
    assert!(v("leadguard_processing_seconds_count") >= 90.0);
    assert!(
        m.contains("leadguard_destination_events_total{destination=\"crm\",outcome=\"forwarded\"}")
    );
    assert!(m.contains("leadguard_refusals_total{reason=\"consent.withdrawn\"}"));
    assert!(
        m.contains("leadguard_consumer_lag_messages{"),
        "consumer lag from statistics"
    );

    let (status, took) = serve.terminate();
    assert!(status.success(), "exit after SIGTERM: {status}");
    assert!(took < Duration::from_secs(20), "shutdown took {took:?}");
    let logs = serve.logs();
    for line in logs.lines() {
        assert!(
            serde_json::from_str::<Value>(line).is_ok(),
            "log line is not JSON: {line}"
        );
    }
    for p in personal_values() {
        assert!(
            !logs.contains(&p),
            "a personal value ({} chars) is in the logs",
            p.len()
        );
    }
    eprintln!(
        "{delivery}: 88 examples judged in {caught_up:?} (from start, incl. group join); {forwarded} forwarded, {dropped} dropped, {rejected} rejected; shutdown {took:?}"
    );
}

#[test]
fn examples_at_least_once() {
    examples_end_to_end("at-least-once");
}

#[test]
fn examples_exactly_once() {
    examples_end_to_end("exactly-once");
}

/// Committed offset of every partition of the group (`None`: nothing committed).
fn committed(
    broker: &Broker,
    group: &str,
    topic: &str,
    partitions: i32,
) -> BTreeMap<i32, Option<i64>> {
    let mut cfg = broker.client_config();
    cfg.set("group.id", group)
        .set("enable.auto.commit", "false");
    let c: BaseConsumer = cfg.create().unwrap();
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(topic, p);
    }
    c.committed_offsets(tpl, Duration::from_secs(10))
        .unwrap()
        .elements()
        .iter()
        .map(|e| (e.partition(), e.offset().to_raw().filter(|o| *o >= 0)))
        .collect()
}

/// Input offsets audited, per input partition.
fn audited_offsets(audit: &[Rec]) -> BTreeMap<i32, Vec<i64>> {
    let mut out: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for r in audit {
        let v = r.json();
        out.entry(v["input"]["partition"].as_i64().unwrap() as i32)
            .or_default()
            .push(v["input"]["offset"].as_i64().unwrap());
    }
    for v in out.values_mut() {
        v.sort_unstable();
    }
    out
}

#[test]
fn sigterm_commits_everything_and_restart_reaudits_nothing() {
    const PARTITIONS: i32 = 3;
    const COPIES: usize = 40;
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, PARTITIONS, 2);
    let setup = Setup::new(&broker.bootstrap(), &topics, "at-least-once");
    let guard = setup.guard();
    let leads = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    // Valid JSON lines, keyed by event id (spread over the partitions), many times over.
    let lines: Vec<String> = (0..COPIES)
        .flat_map(|i| {
            leads.lines().filter_map(move |l| {
                let mut v: Value = serde_json::from_str(l).ok()?;
                let id = format!("{}-{i}", v["event_id"].as_str()?);
                v["event_id"] = Value::String(id);
                Some(serde_json::to_string(&v).unwrap())
            })
        })
        .collect();
    let total = lines.len();
    assert_eq!(
        broker.python_produce(&topics.input, Some("event_id"), &lines),
        total
    );

    // Run 1: SIGTERM as soon as the first events are audited.
    let mut first = GuardProcess::start(&setup, "1");
    first.wait_ready();
    first.wait_metric("leadguard_audit_records_total", 1.0);
    let (status, took) = first.terminate();
    assert!(
        status.success(),
        "exit after SIGTERM: {status}\n{}",
        first.logs()
    );
    assert!(took < Duration::from_secs(20), "shutdown took {took:?}");
    let audit1 = read_all(&broker, &topics.audit);
    let done = audited_offsets(&audit1);
    let committed1 = committed(&broker, &setup.group, &topics.input, PARTITIONS);
    for p in 0..PARTITIONS {
        let offsets = done.get(&p).cloned().unwrap_or_default();
        assert_eq!(
            offsets,
            (0..offsets.len() as i64).collect::<Vec<_>>(),
            "partition {p}: audited a prefix, once each"
        );
        let want = (!offsets.is_empty()).then_some(offsets.len() as i64);
        assert_eq!(
            committed1[&p], want,
            "partition {p}: committed offset = audited inputs"
        );
    }
    verify_chains(&guard, &audit1, 2);
    eprintln!(
        "run 1 audited {} of {total} before SIGTERM; shutdown took {took:?}",
        audit1.len()
    );

    // Run 2: the same group resumes; nothing is audited twice, the chains continue.
    let mut second = GuardProcess::start(&setup, "2");
    second.wait_ready();
    second.wait_metric(
        "leadguard_audit_records_total",
        (total - audit1.len()) as f64,
    );
    assert_eq!(
        second.metric("leadguard_inputs_skipped_total"),
        0.0,
        "committed offsets were complete"
    );
    let (status, _) = second.terminate();
    assert!(status.success(), "{status}");
    let audit = read_all(&broker, &topics.audit);
    assert_eq!(audit.len(), total, "one audit record per input");
    let all = audited_offsets(&audit);
    let mut per_partition = 0;
    for (p, offsets) in &all {
        assert_eq!(
            offsets,
            &(0..offsets.len() as i64).collect::<Vec<_>>(),
            "partition {p}"
        );
        per_partition += offsets.len();
    }
    assert_eq!(per_partition, total);
    let chains = verify_chains(&guard, &audit, 2);
    assert_eq!(
        chains.len(),
        PARTITIONS as usize,
        "one chain per input partition"
    );
    let committed2 = committed(&broker, &setup.group, &topics.input, PARTITIONS);
    for (p, offsets) in &all {
        assert_eq!(
            committed2[p],
            Some(offsets.len() as i64),
            "partition {p} fully committed"
        );
    }
    assert!(
        second.logs().contains("chain resumed at seq"),
        "run 2 resumed the chains"
    );
}

#[test]
fn broker_unreachable_at_start_and_later_keeps_the_guard_alive_and_not_ready() {
    let port = free_port();
    let topics = Topics::new();
    let setup = Setup::new(&format!("127.0.0.1:{port}"), &topics, "at-least-once");
    let mut serve = GuardProcess::start(&setup, "1");

    // No broker yet: alive, not ready, retrying.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(serve.get("/health").map(|r| r.0), Some(200));
    let (code, body) = serve.get("/ready").expect("GET /ready");
    assert_eq!(
        (code, body.trim()),
        (503, "not ready: withdrawals table not loaded yet")
    );
    assert!(
        serve.child.as_mut().unwrap().try_wait().unwrap().is_none(),
        "exited"
    );

    // The broker comes up (topics created late too): the guard catches up without restarting.
    let broker = Broker::start_on(port);
    topics.create(&broker, 1, 1);
    let withdrawals: Vec<String> = std::fs::read_to_string(examples().join("withdrawals.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    broker.python_produce(&topics.withdrawals, None, &withdrawals);
    let leads = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    let valid: Vec<&str> = leads
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok())
        .collect();
    broker.python_produce(&topics.input, None, &valid);
    serve.wait_ready();
    serve.wait_metric("leadguard_audit_records_total", valid.len() as f64);
    let audit = read_all(&broker, &topics.audit);
    assert_eq!(audit.len(), valid.len());
    verify_chains(&setup.guard(), &audit, 1);

    // The broker goes away: still alive, not ready.
    drop(broker);
    let deadline = Instant::now() + WAIT;
    loop {
        let (code, body) = serve.get("/ready").expect("GET /ready");
        if code == 503 {
            assert_eq!(body.trim(), "not ready: no Kafka broker reachable");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still ready {WAIT:?} after the broker stopped"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(serve.get("/health").map(|r| r.0), Some(200));
    let (status, took) = serve.terminate();
    assert!(
        status.success(),
        "exit after SIGTERM with the broker down: {status}"
    );
    assert!(took < Duration::from_secs(20), "shutdown took {took:?}");
}
