//! Fault and scale-out tests of Kafka mode (`leadguard serve`, at-least-once) on a real
//! Kafka-protocol broker (tansu 0.6, `memory://`), driving the built binary.
//!
//! Setup: `scripts/install-tansu.sh && scripts/install-python-client.sh`. Without them these
//! tests fail with instructions (they never skip).
//!
//! - `sigkill_mid_stream_loses_nothing_and_audits_each_input_once`: ≥ 10,000 reference-mix
//!   events (the examples, malformed lines included, with unique event ids) on 3 input
//!   partitions; the guard is killed with SIGKILL four times at different points and restarted.
//!   Afterwards every input offset has exactly one audit record, every forwarded copy and every
//!   dead letter exists, only inputs in flight at a kill were written twice (counted, printed,
//!   bounded), and every chain verifies end to end.
//! - `scale_out_sigterm_*` / `scale_out_sigkill_*`: two instances in one consumer group over a
//!   4-partition input; one stops midway (SIGTERM: drains and commits, so nothing is repeated;
//!   SIGKILL: the other takes over after the session timeout) and the other finishes: every input
//!   audited exactly once, nothing lost, chains verify.
//!
//! Inputs are produced by the independent Python client (`confluent-kafka`); the topics are read
//! back with rdkafka; chains are verified with `leadguard::audit`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

use crate::support::broker::Broker;
use crate::support::fixtures::examples;
use crate::support::guard::{GuardProcess, ServeSetup, WAIT};
use crate::support::http::free_port;
use crate::support::stream::{produce, reference_mix, AuditWatch};
use crate::support::topics::{read_all, verify_chains, Topics};
use leadguard::audit::InputRef;
use leadguard::engine::Guard;
use serde_json::Value;

pub(crate) const AUDIT_PARTITIONS: i32 = 2;

/// `[kafka.properties]` of this file's guards: the group's session timeout is 3 s (the other
/// Kafka tests use 6 s): a killed member holds its partitions until its session expires (on tansu
/// about session timeout + 4 s), and this file kills members on purpose. Offsets are
/// auto-committed every second, so a kill finds some inputs committed and some audited but not
/// committed (those are skipped after recovery).
const PROPERTIES: &str = r#""session.timeout.ms" = 3000
"heartbeat.interval.ms" = 500
"auto.commit.interval.ms" = 1000
"broker.address.family" = "v4"
"#;

/// The topics of one test, created with `input_partitions` and [`AUDIT_PARTITIONS`].
fn create_topics(broker: &Broker, input_partitions: i32) -> Topics {
    let t = Topics::new();
    t.create(broker, input_partitions, AUDIT_PARTITIONS);
    t
}

/// A working folder with the reference policy; one config per instance (same group, own HTTP
/// port).
struct Setup {
    serve: ServeSetup,
    max_in_flight: usize,
}

impl Setup {
    fn new(broker: &Broker, max_in_flight: usize) -> Setup {
        Setup {
            serve: ServeSetup::new(&broker.bootstrap()),
            max_in_flight,
        }
    }

    /// Starts one instance on a port of its own; `name` names it in messages and its log.
    fn start(&self, topics: &Topics, name: &str) -> GuardProcess {
        let port = free_port();
        let pipeline = format!(
            "\n[pipeline]\nmax_in_flight_per_partition = {}\nstatistics_interval = \"1s\"\nworkers = 3\n",
            self.max_in_flight
        );
        let config = self
            .serve
            .config(topics, port, "at-least-once", PROPERTIES, &pipeline);
        self.serve.start(name, &config, port)
    }

    fn guard(&self) -> Guard {
        self.serve.guard()
    }
}

/// What the final checks found.
pub(crate) struct Report {
    pub(crate) inputs: usize,
    pub(crate) forwarded_copies: usize,
    pub(crate) dead_letters: usize,
    /// Inputs with more than one record in a destination or dead-letter topic.
    pub(crate) repeated_inputs: usize,
    /// Destination and dead-letter records beyond the first for their input and topic.
    pub(crate) repeated_records: usize,
    /// Destination records for an input whose audit record does not say "forwarded" there:
    /// written by a run killed before the input's audit record, re-judged differently after the
    /// restart (the I3 index of the new process started empty).
    pub(crate) superseded_records: usize,
    pub(crate) chains: BTreeMap<String, u64>,
}

/// What the fault tests print after their checks.
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} inputs, each audited once; {} forwarded copies and {} dead letters, none lost; \
             {} destination/dead-letter records repeated ({} superseded by a different decision \
             after a restart) for {} inputs; chains {:?}",
            self.inputs,
            self.forwarded_copies,
            self.dead_letters,
            self.repeated_records + self.superseded_records,
            self.superseded_records,
            self.repeated_inputs,
            self.chains
        )
    }
}

/// The final checks, on everything the topics hold once the guards are stopped:
/// - every input offset of every partition has exactly one audit record (its header, key, audit
///   partition and JSON `input` agree);
/// - every chain (one per input partition) verifies with the audit key from seq 0, contiguous;
/// - every forwarded copy the audit names exists in its destination topic, and every rejected
///   input has its dead letter: none lost;
/// - repeats are counted (the caller bounds them).
pub(crate) fn check_everything(broker: &Broker, topics: &Topics, guard: &Guard) -> Report {
    // Inputs per partition, as the broker holds them.
    let inputs = read_all(broker, &topics.input);
    let mut input_counts: BTreeMap<i32, i64> = BTreeMap::new();
    for r in &inputs {
        assert_eq!(
            r.offset,
            input_counts.get(&r.partition).copied().unwrap_or(0),
            "input offsets are contiguous"
        );
        *input_counts.entry(r.partition).or_default() += 1;
    }

    // Audit: exactly one record per input position; chains verify end to end.
    let audit = read_all(broker, &topics.audit);
    let mut by_input: HashMap<String, Value> = HashMap::new();
    let mut per_partition: BTreeMap<i32, BTreeSet<i64>> = BTreeMap::new();
    let chains = verify_chains(guard, &audit, AUDIT_PARTITIONS);
    for r in &audit {
        let v: Value = serde_json::from_slice(&r.value).expect("audit JSON");
        let input: InputRef = serde_json::from_value(v["input"].clone()).unwrap();
        let InputRef::Kafka {
            topic,
            partition,
            offset,
        } = &input
        else {
            panic!("audit input is not a Kafka position: {input}")
        };
        assert_eq!(topic, &topics.input);
        assert_eq!(
            r.input_header.as_deref(),
            Some(input.to_string().as_str()),
            "leadguard.input header of the audit record"
        );
        assert!(
            per_partition.entry(*partition).or_default().insert(*offset),
            "two audit records for input {input}"
        );
        by_input.insert(input.to_string(), v);
    }
    assert_eq!(
        per_partition.keys().collect::<Vec<_>>(),
        input_counts.keys().collect::<Vec<_>>(),
        "audited partitions"
    );
    for (p, offsets) in &per_partition {
        let n = input_counts[p];
        assert_eq!(offsets.len() as i64, n, "partition {p}: audited inputs");
        assert_eq!(
            offsets.iter().copied().collect::<Vec<_>>(),
            (0..n).collect::<Vec<_>>(),
            "partition {p}: every offset audited once"
        );
    }
    assert_eq!(audit.len(), inputs.len(), "one audit record per input");
    for (id, n) in &chains {
        let p: i32 = id.rsplit_once('/').unwrap().1.parse().unwrap();
        assert_eq!(
            *n as i64, input_counts[&p],
            "chain {id} covers its partition"
        );
    }

    // Destinations and dead letters: nothing lost; repeats counted.
    let mut repeated_inputs: BTreeSet<String> = BTreeSet::new();
    let mut repeated_records = 0;
    let mut superseded_records = 0;
    let mut forwarded_copies = 0;
    for (name, topic) in &topics.destinations {
        let mut got: HashMap<String, usize> = HashMap::new();
        for r in read_all(broker, topic) {
            let pos = r.input_header.expect("leadguard.input header on an output");
            let audit = by_input
                .get(&pos)
                .unwrap_or_else(|| panic!("{name}: output for {pos}, which is not audited"));
            let forwarded = audit["destinations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["name"] == name.as_str() && d["outcome"] == "forwarded");
            if forwarded {
                assert_eq!(
                    r.key.as_deref(),
                    audit["subject_ref"].as_str(),
                    "{name}: key = subject token"
                );
            } else {
                superseded_records += 1;
                repeated_inputs.insert(pos.clone());
            }
            *got.entry(pos).or_default() += 1;
        }
        for (pos, audit) in &by_input {
            let forwarded = audit["destinations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["name"] == name.as_str() && d["outcome"] == "forwarded");
            if forwarded {
                forwarded_copies += 1;
                assert!(got.contains_key(pos), "{name}: the copy of {pos} is lost");
            }
        }
        for (pos, n) in got {
            if n > 1 {
                repeated_records += n - 1;
                repeated_inputs.insert(pos);
            }
        }
    }
    let mut dead: HashMap<String, usize> = HashMap::new();
    for r in read_all(broker, &topics.dead_letter) {
        let pos = r
            .input_header
            .expect("leadguard.input header on a dead letter");
        assert_eq!(
            by_input.get(&pos).map(|a| &a["outcome"]),
            Some(&Value::from("rejected")),
            "dead letter for {pos}"
        );
        *dead.entry(pos).or_default() += 1;
    }
    let mut dead_letters = 0;
    for (pos, audit) in &by_input {
        if audit["outcome"] == "rejected" {
            dead_letters += 1;
            assert!(dead.contains_key(pos), "the dead letter of {pos} is lost");
        }
    }
    for (pos, n) in dead {
        if n > 1 {
            repeated_records += n - 1;
            repeated_inputs.insert(pos);
        }
    }
    Report {
        inputs: inputs.len(),
        forwarded_copies,
        dead_letters,
        repeated_inputs: repeated_inputs.len(),
        repeated_records,
        superseded_records,
        chains,
    }
}

#[test]
fn sigkill_mid_stream_loses_nothing_and_audits_each_input_once() {
    const PARTITIONS: i32 = 3;
    const MAX_IN_FLIGHT: usize = 200;
    let started = Instant::now();
    let broker = Broker::start();
    let topics = create_topics(&broker, PARTITIONS);
    let setup = Setup::new(&broker, MAX_IN_FLIGHT);
    let lines = reference_mix(114);
    let total = lines.len();
    assert!(total >= 10_000);
    produce(&broker, &topics.input, &lines);
    let watch = AuditWatch::start(&broker, &topics.audit, AUDIT_PARTITIONS);

    // Kill points: a share of all inputs audited, or (None) as soon as the run audits anything
    // (just after chain recovery, with the pipeline filling up).
    let kills: [Option<f64>; 3] = [Some(0.2), None, Some(0.6)];
    for (i, at) in kills.iter().enumerate() {
        let mut g = setup.start(&topics, &format!("run{}", i + 1));
        g.wait_ready();
        let run_started = Instant::now();
        match at {
            Some(share) => watch.wait_for((total as f64 * share) as usize, &mut [&mut g]),
            None => g.wait_metric("leadguard_audit_records_total", 1.0),
        }
        g.kill();
        let (distinct, records) = watch.counts();
        eprintln!(
            "run {}: SIGKILL {:.1?} after ready, {distinct} of {total} inputs audited ({records} audit records)",
            i + 1,
            run_started.elapsed()
        );
        assert!(
            distinct < total,
            "the kill must come mid-stream (all {total} audited already)"
        );
    }

    // The last run finishes the stream and stops gracefully.
    let mut last = setup.start(&topics, "final");
    last.wait_ready();
    watch.wait_for(total, &mut [&mut last]);
    let skipped = last.metric("leadguard_inputs_skipped_total");
    let (status, took) = last.terminate();
    assert!(status.success(), "exit after SIGTERM: {status}");
    drop(watch);

    let report = check_everything(&broker, &topics, &setup.guard());
    assert_eq!(report.inputs, total);
    assert_eq!(
        report.chains.len(),
        PARTITIONS as usize,
        "one chain per partition"
    );
    // What can repeat: per kill and partition, the events between "outputs enqueued" and "audit
    // record acknowledged" — the two in-flight queues, plus the one event each stage holds.
    let bound = kills.len() * PARTITIONS as usize * (2 * MAX_IN_FLIGHT + 3);
    eprintln!(
        "SIGKILL x{}: {report} (in flight at a kill: bound {bound}); final run skipped {skipped} \
         already-audited inputs, shutdown {took:.1?}; total {:.1?}",
        kills.len(),
        started.elapsed()
    );
    assert!(
        report.repeated_inputs <= bound,
        "{} inputs repeated, more than can be in flight at {} kills ({bound})",
        report.repeated_inputs,
        kills.len()
    );
}

/// The partitions of an instance's last assignment, from its log: partition → description
/// ("new chain" or "chain resumed at seq …").
fn last_assignment(logs: &str) -> BTreeMap<String, String> {
    let line = logs
        .lines()
        .rev()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|v| v["message"] == "partitions assigned")
        .expect("a partitions assigned log line");
    // The field is the Debug rendering of a list of strings.
    let list: Vec<String> = serde_json::from_str(line["partitions"].as_str().unwrap()).unwrap();
    list.into_iter()
        .map(|d| {
            let (p, rest) = d.split_once(' ').unwrap_or((&d, ""));
            (p.to_string(), rest.to_string())
        })
        .collect()
}

/// Two instances in one group over a 4-partition input; `a` stops midway (SIGTERM or SIGKILL),
/// `b` takes over and finishes.
fn scale_out(kill: bool) {
    const PARTITIONS: i32 = 4;
    const MAX_IN_FLIGHT: usize = 200;
    let started = Instant::now();
    let broker = Broker::start();
    let topics = create_topics(&broker, PARTITIONS);
    let setup = Setup::new(&broker, MAX_IN_FLIGHT);
    // The stream comes in three parts: before the instances start, just before `a` stops (so
    // that it stops in the middle of it), and after (so that `b` must judge the rest of `a`'s
    // partitions).
    let lines = reference_mix(70);
    let total = lines.len();
    let (first, rest) = lines.split_at(total * 2 / 5);
    let (second, third) = rest.split_at(rest.len() / 2);
    produce(&broker, &topics.input, first);
    let watch = AuditWatch::start(&broker, &topics.audit, AUDIT_PARTITIONS);

    let mut a = setup.start(&topics, "a");
    let mut b = setup.start(&topics, "b");
    a.wait_ready();
    b.wait_ready();
    // Both judge: the group split the partitions between them; every chain has begun.
    a.wait_metric("leadguard_audit_records_total", 1.0);
    b.wait_metric("leadguard_audit_records_total", 1.0);
    watch.wait_for_partitions(PARTITIONS as usize, &mut [&mut a, &mut b]);
    let a_owned = last_assignment(&a.logs());
    assert!(
        !a_owned.is_empty() && a_owned.len() < PARTITIONS as usize,
        "a owns part of the input: {a_owned:?}"
    );
    produce(&broker, &topics.input, second);
    let (a_done, b_done) = (
        a.metric("leadguard_audit_records_total"),
        b.metric("leadguard_audit_records_total"),
    );
    let stop_started = Instant::now();
    if kill {
        a.kill();
    } else {
        let (status, took) = a.terminate();
        assert!(status.success(), "a: exit after SIGTERM: {status}");
        assert!(took < Duration::from_secs(20), "a: shutdown took {took:?}");
    }
    let (at_stop, _) = watch.counts();
    let audited_at_stop = watch.inputs();
    eprintln!(
        "a {} after {a_done} audited (b {b_done}); {at_stop} of {total} audited",
        if kill {
            "SIGKILLed"
        } else {
            "stopped (SIGTERM)"
        }
    );
    produce(&broker, &topics.input, third);
    watch.wait_for(total, &mut [&mut b]);
    let takeover = stop_started.elapsed();
    let b_assigns = b.metric("leadguard_rebalances_total{kind=\"assign\"}");
    let (status, _) = b.terminate();
    assert!(status.success(), "b: exit after SIGTERM: {status}");
    drop(watch);

    let report = check_everything(&broker, &topics, &setup.guard());
    assert_eq!(report.inputs, total);
    assert_eq!(
        report.chains.len(),
        PARTITIONS as usize,
        "one chain per partition"
    );
    assert!(b_assigns >= 2.0, "b was assigned a's partitions");
    let b_owned = last_assignment(&b.logs());
    assert_eq!(b_owned.len(), PARTITIONS as usize, "b took every partition");
    // Chains a owned when it stopped and that had records then: b continued them.
    let continued: Vec<&String> = a_owned
        .keys()
        .filter(|p| {
            audited_at_stop
                .iter()
                .any(|h| h.starts_with(&format!("{p}@")))
        })
        .collect();
    assert!(
        !continued.is_empty(),
        "a had audited some of its partitions"
    );
    for p in continued {
        assert!(
            b_owned[p].contains("chain resumed at seq"),
            "b resumed the chain of {p}, which a had written: {}",
            b_owned[p]
        );
    }
    eprintln!(
        "scale-out ({}), 2 instances: {report}; b finished {takeover:.1?} after a stopped; total {:.1?}",
        if kill { "SIGKILL" } else { "SIGTERM" },
        started.elapsed()
    );
    if kill {
        let bound = PARTITIONS as usize * (2 * MAX_IN_FLIGHT + 3);
        assert!(report.repeated_inputs <= bound, "repeats beyond {bound}");
    } else {
        // A graceful stop finishes in-flight events and commits before leaving the group.
        assert_eq!(report.repeated_inputs, 0, "nothing repeats after SIGTERM");
    }
}

#[test]
fn scale_out_sigterm_one_instance_midway_the_other_takes_over() {
    scale_out(false);
}

#[test]
fn scale_out_sigkill_one_instance_midway_the_other_takes_over() {
    scale_out(true);
}

/// I3 across instances: the history one instance records reaches the others through the
/// identities topic, so a rebalance keeps it. Instance A alone judges a person's event from a
/// dataset of one purpose (examples line 19, loyalty program); then B joins and A leaves, and B
/// judges the same person from a dataset of another purpose reaching the same destination
/// (line 53, web form): B never saw the first event, yet flags `interconnection.correlated`,
/// as the reference expects. Without the shared history B could not.
#[test]
fn i3_history_is_shared_between_instances_and_survives_a_rebalance() {
    let broker = Broker::start();
    let topics = create_topics(&broker, 2);
    let identities = crate::support::broker::unique_name("leads-identities");
    broker.create_topic_with_config(&identities, 2, &[("cleanup.policy", "compact")]);
    let setup = Setup::new(&broker, 100);
    let start = |name: &str| {
        let port = free_port();
        let config = setup
            .serve
            .config(&topics, port, "at-least-once", PROPERTIES, "");
        let text = std::fs::read_to_string(&config).unwrap().replace(
            &format!("withdrawals_topic = \"{}\"", topics.withdrawals),
            &format!(
                "withdrawals_topic = \"{}\"\nidentities_topic = \"{identities}\"",
                topics.withdrawals
            ),
        );
        std::fs::write(&config, text).unwrap();
        let mut g = setup.serve.start(name, &config, port);
        g.wait_ready();
        g
    };
    let lines: Vec<String> = std::fs::read_to_string(examples().join("leads.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let audited = |n: usize| {
        let deadline = Instant::now() + WAIT;
        loop {
            let audit = read_all(&broker, &topics.audit);
            if audit.len() >= n || Instant::now() > deadline {
                return audit;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };

    let mut a = start("a");
    assert_eq!(
        broker.python_produce(&topics.input, None, &lines[18..19]),
        1
    );
    let audit = audited(1);
    assert_eq!(audit.len(), 1, "the first event is audited");
    // A published the person's history: keyed by a pseudonym, holding names only.
    let shared = read_all(&broker, &identities);
    assert!(
        !shared.is_empty(),
        "an identity record on the identities topic"
    );
    for r in &shared {
        let key = r.key.as_deref().unwrap();
        assert!(
            key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()),
            "{key}"
        );
        let v = r.json();
        assert_eq!(v["schema"], "leadguard.identity/v1");
        assert!(!String::from_utf8_lossy(&r.value).contains('@'));
    }

    let mut b = start("b");
    // A leaves only once B is in the group (it owns a partition), as in a rolling restart.
    let deadline = Instant::now() + WAIT;
    while !b.logs().contains("partitions assigned") {
        assert!(Instant::now() < deadline, "B never got a partition");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, _) = a.terminate();
    assert!(status.success(), "A stops cleanly: {status:?}");
    assert_eq!(
        broker.python_produce(&topics.input, None, &lines[52..53]),
        1
    );
    let audit = audited(2);
    assert_eq!(audit.len(), 2, "the second event is audited");
    let second = audit
        .iter()
        .map(|r| r.json())
        .find(|v| v["event_id"] == "lead-000053")
        .expect("audit record of lead-000053");
    let flags: Vec<&str> = second["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        flags.contains(&"interconnection.correlated"),
        "B correlates with what A judged: {flags:?}"
    );
    verify_chains(&setup.guard(), &audit, AUDIT_PARTITIONS);
    b.assert_running();
}
