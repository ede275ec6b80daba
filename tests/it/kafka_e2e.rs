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
//! - `a_refused_record_stops_the_guard_and_the_restart_audits_every_input_once`: a record the
//!   client refuses to enqueue stops the guard with the reason and commits nothing past it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::support::broker::Broker;
use crate::support::fixtures::{assert_no_personal_value, examples, file_mode, json_lines, NOW};
use crate::support::guard::{GuardProcess, ServeSetup, KAFKA_PROPERTIES, WAIT};
use crate::support::http::{free_port, metric_value};
use crate::support::topics::{read_all, verify_chains, write_jsonl, Rec, Topics};
use leadguard::audit::InputRef;
use leadguard::audit_tools::source::Source;
use leadguard::audit_tools::transparency;
use leadguard::checkpoint::VerifierKey;
use leadguard::engine::Guard;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::TopicPartitionList;
use serde_json::Value;

/// One guard's working folder and config (one HTTP port for all its runs).
struct Setup {
    serve: ServeSetup,
    config: PathBuf,
    http_port: u16,
    delivery: String,
    sections: String,
}

impl Setup {
    fn new(bootstrap: &str, topics: &Topics, delivery: &str) -> Setup {
        let serve = ServeSetup::new(bootstrap);
        let http_port = free_port();
        let sections = format!(
            r#"
[pipeline]
statistics_interval = "1s"
workers = 2

[exactly_once]
transactional_id = "{group}-tx"
batch_max_wait = "50ms"
"#,
            group = serve.group
        );
        // Checkpoints every 25 records (1,000 as shipped), so that the run writes some.
        let policy = std::fs::read_to_string(&serve.policy).unwrap();
        std::fs::write(&serve.policy, policy.replace("every = 1000", "every = 25")).unwrap();
        let config = serve.config(topics, http_port, delivery, KAFKA_PROPERTIES, &sections);
        Setup {
            serve,
            config,
            http_port,
            delivery: delivery.to_string(),
            sections,
        }
    }

    /// Another config of the same guard with more `[kafka.properties]`, on its own HTTP port.
    fn variant(&self, topics: &Topics, properties: &str) -> (PathBuf, u16) {
        let port = free_port();
        let all = format!("{KAFKA_PROPERTIES}{properties}");
        let config = self
            .serve
            .config(topics, port, &self.delivery, &all, &self.sections);
        (config, port)
    }

    fn guard(&self) -> Guard {
        self.serve.guard()
    }

    /// Starts `leadguard serve`; `run` names its log.
    fn start(&self, run: &str) -> GuardProcess {
        self.serve.start(run, &self.config, self.http_port)
    }

    /// File mode over the examples with the same policy: `out/` of `leadguard run`.
    fn file_mode(&self) -> PathBuf {
        let out = self.serve.dir.path().join("file-mode");
        file_mode(
            &self.serve.policy,
            &examples().join("leads.jsonl"),
            &out,
            NOW,
        );
        out
    }
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

fn examples_end_to_end(delivery: &str) {
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, 1, 2);
    let setup = Setup::new(&broker.bootstrap(), &topics, delivery);
    let guard = setup.guard();
    let file_out = setup.file_mode();
    let file_audit = json_lines(&file_out.join("audit.jsonl"));
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
    let mut serve = setup.start("1");
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
        let want: Vec<Value> = json_lines(&file_out.join(format!("{name}.jsonl")));
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
    assert_no_personal_value("the guard's log", &logs);

    // The signed checkpoints verify with the public key alone; at-least-once also checkpoints
    // the released partition at SIGTERM, exactly-once leaves the tail for the next owner.
    let dir = tempfile::tempdir().unwrap();
    let (audit_file, cp_file) = (dir.path().join("audit.jsonl"), dir.path().join("cp.jsonl"));
    write_jsonl(&read_all(&broker, &topics.audit), &audit_file);
    write_jsonl(&read_all(&broker, &topics.checkpoints), &cp_file);
    let public = examples().join("keys/checkpoint.key.pub");
    let key = VerifierKey::parse(&std::fs::read_to_string(&public).unwrap()).unwrap();
    let v = transparency::verify(&Source::File(audit_file), &Source::File(cp_file), &key).unwrap();
    assert!(v.ok, "{}", v.render_text());
    assert_eq!((v.records, v.chains.len()), (90, 1));
    let proven = v.chains[0].checkpointed;
    match delivery {
        "at-least-once" => assert_eq!(proven, 90, "{}", v.render_text()),
        _ => assert!(proven >= 75, "{}", v.render_text()),
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
    let mut first = setup.start("1");
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
    let committed1 = committed(&broker, &setup.serve.group, &topics.input, PARTITIONS);
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
    let mut second = setup.start("2");
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
    // Three partitions over two judging workers: both judged, and together everything.
    let per_worker: Vec<f64> = (0..2)
        .map(|w| second.metric(&format!("leadguard_worker_events_total{{worker=\"{w}\"}}")))
        .collect();
    assert!(
        per_worker.iter().all(|n| *n > 0.0),
        "every worker judged: {per_worker:?}"
    );
    assert_eq!(
        per_worker.iter().sum::<f64>() as usize,
        total - audit1.len(),
        "the workers judged every remaining input once"
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
    let committed2 = committed(&broker, &setup.serve.group, &topics.input, PARTITIONS);
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

/// A record librdkafka refuses to enqueue (here every record over `message.max.bytes`, the
/// ~2.1 KB audit records among them) stops the guard with the reason. Nothing it could not
/// write is committed: the restart with a sound config audits every input exactly once.
#[test]
fn a_refused_record_stops_the_guard_and_the_restart_audits_every_input_once() {
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, 1, 2);
    let setup = Setup::new(&broker.bootstrap(), &topics, "at-least-once");
    let guard = setup.guard();
    let lines: Vec<String> = std::fs::read_to_string(examples().join("leads.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok())
        .map(str::to_string)
        .collect();
    let total = lines.len();
    assert_eq!(broker.python_produce(&topics.input, None, &lines), total);

    let (config, port) = setup.variant(&topics, "\"message.max.bytes\" = 2000\n");
    let mut refused = setup.serve.start("refused", &config, port);
    let (_, status) = refused.wait_exit(WAIT);
    let logs = refused.logs();
    assert!(!status.success(), "exit: {status}\n{logs}");
    assert!(logs.contains("MessageSizeTooLarge"), "{logs}");
    assert_no_personal_value("the log of the refused run", &logs);
    let audit1 = read_all(&broker, &topics.audit);
    assert!(
        audit1.len() < total,
        "records over 2,000 bytes were written"
    );
    let audited1 = audited_offsets(&audit1);
    let prefix = audited1.get(&0).cloned().unwrap_or_default();
    assert_eq!(
        prefix,
        (0..prefix.len() as i64).collect::<Vec<_>>(),
        "audited a prefix, once each"
    );
    let committed1 = committed(&broker, &setup.serve.group, &topics.input, 1);
    assert!(
        committed1[&0].unwrap_or(0) <= prefix.len() as i64,
        "committed {:?} past the {} audited inputs",
        committed1[&0],
        prefix.len()
    );

    let mut sound = setup.start("sound");
    sound.wait_ready();
    sound.wait_metric("leadguard_audit_records_total", 1.0);
    let deadline = Instant::now() + WAIT;
    let audit = loop {
        let audit = read_all(&broker, &topics.audit);
        if audit.len() >= total || Instant::now() > deadline {
            break audit;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let (status, _) = sound.terminate();
    assert!(status.success(), "{status}");
    let all = audited_offsets(&audit);
    assert_eq!(
        all[&0],
        (0..total as i64).collect::<Vec<_>>(),
        "every input audited exactly once"
    );
    verify_chains(&guard, &audit, 2);
}

#[test]
fn broker_unreachable_at_start_and_later_keeps_the_guard_alive_and_not_ready() {
    let port = free_port();
    let topics = Topics::new();
    let setup = Setup::new(&format!("127.0.0.1:{port}"), &topics, "at-least-once");
    let mut serve = setup.start("1");

    // No broker yet: alive, not ready, retrying. (On a loaded machine the HTTP listener may take
    // more than 2 s to come up: wait for it first.)
    serve.wait_alive();
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(serve.get("/health").map(|r| r.0), Some(200));
    let (code, body) = serve.get("/ready").expect("GET /ready");
    assert_eq!(
        (code, body.trim()),
        (503, "not ready: withdrawals table not loaded yet")
    );
    assert!(serve.running(), "exited");

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
