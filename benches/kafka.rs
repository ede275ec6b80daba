//! Bench binary: Kafka mode against a plain rdkafka passthrough, on the real test broker (tansu
//! 0.6, `memory://`, started by the bench). Prints events/s and MB/s of both, their ratio, and
//! leadguard's peak RSS.
//!
//! ```text
//! scripts/install-tansu.sh
//! cargo bench --bench kafka                 # 200,000 events
//! cargo bench --bench kafka -- 500000       # another count
//! cargo bench --bench kafka -- --rounds 5   # (a) then (b), five times; median ratio
//! cargo bench --bench kafka -- --only b     # one side only (e.g. under `perf record`)
//! cargo bench --bench kafka -- --prop linger.ms=20   # a [kafka.properties] entry for both
//! cargo bench --bench kafka -- --workers 1  # leadguard's `pipeline.workers` (default: cores)
//! cargo bench --bench kafka -- --pipeline max_in_flight_per_partition=500   # any [pipeline] key
//! LEADGUARD_BIN=path/to/leadguard cargo bench --bench kafka   # measure another build
//! ```
//!
//! Wall-clock figures need a quiet machine: on a shared one, run it at a better `nice` level
//! than the background work and use several rounds. It also prints CPU seconds (broker,
//! leadguard, its consumer thread, this process), which vary less.
//!
//! Without `--bench` (as under `cargo test --all-targets`) it runs a smoke round of 1,000 events
//! and checks the counts, so the bench stays compiled and working.
//!
//! The workload is the reference mix: the 88 lines of `examples/leads.jsonl` (malformed ones
//! included), repeated with unique `event_id`s, spread round-robin over 4 input partitions, with
//! the examples' withdrawals in the withdrawals topic and the reference policy. It is produced
//! once per broker before anything is timed.
//!
//! - **(a) passthrough**: one group consumer and one producer built with leadguard's own client
//!   settings (`leadguard::kafka::clients`: idempotent producer, `acks=all`, `linger.ms`,
//!   gapless guarantee; the same consumer properties), on a consumer thread plus a tokio runtime
//!   like leadguard. It judges nothing, but writes for each input exactly the records leadguard
//!   writes for it — one per forwarded destination (same topic, same key, same size), the dead
//!   letter of a rejected input, and an audit record of the same size to the audit partition of
//!   the input partition — each with the `leadguard.input` header, and stores the input's offset
//!   once they are all acknowledged. Which records and what sizes come from judging the same
//!   events with the engine beforehand (not timed), so the ratio measures the cost of the
//!   policy, not of the fan-out.
//! - **(b) leadguard**: the built binary, `leadguard serve`, at-least-once, default pipeline
//!   settings (one judging worker per core unless `--workers`).
//!
//! Each is timed from the first to the last audit record seen by a reader of the audit topic
//! (started before the run; the group join is not timed), and runs on a fresh broker so that
//! neither pays for the other's data. The machine is shared by the broker, the guard and the
//! reader: on 2 cores the broker's CPU is a large part of both figures.

// The integration tests' harness (broker, topics, guard process); the bench uses part of it.
#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use leadguard::audit::{AuditChain, InputRef};
use leadguard::clock;
use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::kafka::config::Settings;
use leadguard::kafka::{clients, sink::INPUT_HEADER};
use leadguard::policy::Policy;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Message, OwnedHeaders};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord, Producer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};
use serde_json::Value;
use support::broker::{unique_name, Broker};
use support::fixtures::{examples, policy_text, DESTINATIONS, NOW};
use support::guard::{GuardProcess, ServeSetup, KAFKA_PROPERTIES};
use support::http::free_port;
use support::topics::Topics;

/// Extra `[kafka.properties]` (`--prop`), given to both sides.
static PROPS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
/// leadguard's `[pipeline]` entries (`--workers N`, `--pipeline key=value`).
static PIPELINE: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const INPUT_PARTITIONS: i32 = 4;
const AUDIT_PARTITIONS: i32 = 2;
const WAIT: Duration = Duration::from_secs(300);

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not: then a smoke run.
    let mut bench = false;
    let mut events = None;
    let mut rounds = 1;
    // `--only a` / `--only b`: one side only (profiling).
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => bench = true,
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--rounds N")
            }
            "--only" => only = args.next(),
            "--workers" => {
                let n: usize = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--workers N");
                PIPELINE.lock().unwrap().push(format!("workers={n}"));
            }
            "--pipeline" => PIPELINE
                .lock()
                .unwrap()
                .push(args.next().expect("--pipeline key=value")),
            // `--prop key=value`: an extra `[kafka.properties]` entry for both sides.
            "--prop" => PROPS
                .lock()
                .unwrap()
                .push(args.next().expect("--prop key=value")),
            n => match n.parse::<usize>() {
                Ok(n) => events = Some(n),
                Err(_) => eprintln!("ignoring argument {n:?}"),
            },
        }
    }
    let events = events.unwrap_or(if bench { 200_000 } else { 1_000 });
    let work = Workload::new(events);
    println!(
        "kafka bench: {events} reference-mix events ({} without an event_id, malformed ones included), {INPUT_PARTITIONS} input partitions, \
         tansu 0.6 memory://, {} CPUs{}",
        work.malformed,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        if bench { "" } else { " (smoke run: pass --bench for the real one)" }
    );
    println!(
        "  per input: {:.0} B read; {:.2} records, {:.0} B written (destinations {:.2}, dead letters {:.3}, audit 1)",
        work.input_bytes as f64 / events as f64,
        work.records_out as f64 / events as f64,
        work.bytes_out as f64 / events as f64,
        work.outputs as f64 / events as f64,
        work.dead_letters as f64 / events as f64,
    );

    let mut results = Vec::new();
    for round in 0..rounds {
        if rounds > 1 {
            println!("round {}", round + 1);
        }
        if only.as_deref() == Some("b") {
            let b = run(&work, Mode::Leadguard);
            b.print("(b) leadguard serve    ", &work);
            if let Some(rss) = b.peak_rss_kb {
                println!("leadguard peak RSS (VmHWM): {:.1} MB", rss as f64 / 1024.0);
            }
            continue;
        }
        let a = run(&work, Mode::Passthrough);
        a.print("(a) rdkafka passthrough", &work);
        if only.as_deref() == Some("a") {
            continue;
        }
        let b = run(&work, Mode::Leadguard);
        b.print("(b) leadguard serve    ", &work);
        println!(
            "ratio (b)/(a): {:.2} (events/s){}",
            b.events_per_s(&work) / a.events_per_s(&work),
            if bench {
                ""
            } else {
                " — smoke run (test profile, 1,000 events): not a measurement"
            }
        );
        let per_event = |r: &RunResult| {
            (r.broker_cpu + r.own_cpu + r.guard_cpu.unwrap_or(0.0)) * 1e6 / work.events.len() as f64
        };
        println!(
            "CPU per event, broker + clients (incl. the audit reader): (a) {:.0} µs, (b) {:.0} µs",
            per_event(&a),
            per_event(&b)
        );
        if let Some(rss) = b.peak_rss_kb {
            println!("leadguard peak RSS (VmHWM): {:.1} MB", rss as f64 / 1024.0);
        }
        results.push((a, b));
    }
    if rounds > 1 && !results.is_empty() {
        let mut ratios: Vec<f64> = results
            .iter()
            .map(|(a, b)| b.events_per_s(&work) / a.events_per_s(&work))
            .collect();
        ratios.sort_by(|x, y| x.partial_cmp(y).unwrap());
        println!(
            "ratios over {rounds} rounds: {ratios:.2?}, median {:.2}",
            ratios[rounds / 2]
        );
        let mut cpu: Vec<f64> = results
            .iter()
            .filter_map(|(_, b)| b.guard_cpu)
            .map(|c| c * 1e6 / work.events.len() as f64)
            .collect();
        cpu.sort_by(|x, y| x.partial_cmp(y).unwrap());
        println!(
            "leadguard CPU per event over {rounds} rounds: {cpu:.1?} µs, median {:.1} µs",
            cpu[cpu.len() / 2]
        );
    }
}

/// What one input makes a guard write (from judging it beforehand).
struct Plan {
    /// (destination index, key, payload size).
    outputs: Vec<(usize, Option<std::sync::Arc<str>>, usize)>,
    dead_letter: Option<usize>,
    audit: usize,
}

/// The input events, and what leadguard writes for each.
struct Workload {
    /// Event `i` goes to partition `i % INPUT_PARTITIONS`, at offset `i / INPUT_PARTITIONS`.
    events: Vec<Vec<u8>>,
    plans: Vec<Plan>,
    malformed: usize,
    input_bytes: usize,
    records_out: usize,
    bytes_out: usize,
    outputs: usize,
    dead_letters: usize,
}

impl Workload {
    fn new(n: usize) -> Workload {
        let text = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut events = Vec::with_capacity(n);
        let mut malformed = 0;
        for i in 0..n {
            let line = lines[i % lines.len()];
            match serde_json::from_str::<Value>(line) {
                Ok(mut v) if v.get("event_id").and_then(Value::as_str).is_some() => {
                    let id = format!("{}-{}", v["event_id"].as_str().unwrap(), i / lines.len());
                    v["event_id"] = Value::String(id);
                    events.push(serde_json::to_vec(&v).unwrap());
                }
                _ => {
                    malformed += 1;
                    events.push(line.as_bytes().to_vec());
                }
            }
        }
        // Judge every event once, as one leadguard instance would (one engine state, one chain
        // per input partition), to know what it writes.
        let dir = tempfile::tempdir().unwrap();
        let policy_path = dir.path().join("policy.toml");
        std::fs::write(&policy_path, policy_text()).unwrap();
        let policy_v = Policy::load(&policy_path).unwrap();
        let dnc = std::fs::read_to_string(examples().join("do-not-call.txt")).unwrap();
        let (suppression, _) = SuppressionList::parse(&dnc, &policy_v.default_country_code);
        let guard = Guard::new(policy_v, suppression).unwrap();
        for (i, d) in guard.policy.destinations.iter().enumerate() {
            assert_eq!(d.name, DESTINATIONS[i], "reference policy destinations");
        }
        let mut table = WithdrawalTable::default();
        file_mode::load_withdrawals(&guard, &examples().join("withdrawals.jsonl"), &mut table)
            .unwrap();
        let now = clock::parse(NOW).unwrap();
        let mut state = guard.new_state();
        let mut chains: Vec<AuditChain> = (0..INPUT_PARTITIONS)
            .map(|p| guard.audit_chain(format!("leads-raw/{p}"), None))
            .collect();
        let mut plans = Vec::with_capacity(n);
        let (mut records_out, mut bytes_out, mut outputs, mut dead_letters) = (0, 0, 0, 0);
        for (i, e) in events.iter().enumerate() {
            let p = (i as i32) % INPUT_PARTITIONS;
            let input = InputRef::Kafka {
                topic: "leads-raw".into(),
                partition: p,
                offset: (i / INPUT_PARTITIONS as usize) as i64,
            };
            let mut done = guard.process(e, &input, now, &table, &mut state);
            let audit = chains[p as usize].seal(&mut done.audit).len();
            let plan = Plan {
                outputs: done
                    .outputs
                    .iter()
                    .map(|o| (o.destination, o.key.clone(), o.payload.len()))
                    .collect(),
                dead_letter: done.dead_letter.as_ref().map(Vec::len),
                audit,
            };
            records_out += plan.outputs.len() + usize::from(plan.dead_letter.is_some()) + 1;
            bytes_out += plan.outputs.iter().map(|o| o.2).sum::<usize>()
                + plan.dead_letter.unwrap_or(0)
                + audit;
            outputs += plan.outputs.len();
            dead_letters += usize::from(plan.dead_letter.is_some());
            plans.push(plan);
        }
        let input_bytes = events.iter().map(Vec::len).sum();
        Workload {
            events,
            plans,
            malformed,
            input_bytes,
            records_out,
            bytes_out,
            outputs,
            dead_letters,
        }
    }
}

/// The service config of one run (the reference policy, the run's topics, at-least-once,
/// `--prop` entries); returns its path.
fn config(setup: &ServeSetup, topics: &Topics, http_port: u16) -> PathBuf {
    let extra: String = PROPS
        .lock()
        .unwrap()
        .iter()
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("--prop key=value");
            format!("{k:?} = {v:?}\n")
        })
        .collect();
    let entries = PIPELINE.lock().unwrap();
    let pipeline = if entries.is_empty() {
        String::new()
    } else {
        let lines: String = entries
            .iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("--pipeline key=value");
                format!("{k} = {v}\n")
            })
            .collect();
        format!("\n[pipeline]\n{lines}")
    };
    setup.config(
        topics,
        http_port,
        "at-least-once",
        &format!("{KAFKA_PROPERTIES}{extra}"),
        &pipeline,
    )
}

/// Enqueues a record, waiting while librdkafka's queue is full.
fn send<C: rdkafka::client::ClientContext + 'static>(
    producer: &FutureProducer<C>,
    mut rec: FutureRecord<'_, str, [u8]>,
) -> DeliveryFuture {
    loop {
        match producer.send_result(rec) {
            Ok(f) => return f,
            Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                rec = back;
                std::thread::sleep(Duration::from_millis(1));
            }
            Err((e, _)) => panic!("produce: {e}"),
        }
    }
}

/// Produces the input (round-robin over the partitions) and the withdrawals; not timed.
fn preload(broker: &Broker, topics: &Topics, work: &Workload) {
    let started = Instant::now();
    let mut cfg = broker.producer_config();
    cfg.set("linger.ms", "20")
        .set("batch.num.messages", "10000");
    let producer: FutureProducer = cfg.create().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut pending = VecDeque::new();
    for (i, e) in work.events.iter().enumerate() {
        let rec = FutureRecord::<str, [u8]>::to(&topics.input)
            .partition(i as i32 % INPUT_PARTITIONS)
            .payload(e);
        pending.push_back(send(&producer, rec));
        if pending.len() > 50_000 {
            while pending.len() > 10_000 {
                let d = rt.block_on(pending.pop_front().unwrap()).unwrap();
                d.map_err(|(e, _)| e).expect("input delivered");
            }
        }
    }
    let withdrawals = std::fs::read_to_string(examples().join("withdrawals.jsonl")).unwrap();
    for l in withdrawals.lines() {
        pending.push_back(send(
            &producer,
            FutureRecord::<str, [u8]>::to(&topics.withdrawals).payload(l.as_bytes()),
        ));
    }
    for d in pending {
        rt.block_on(d)
            .unwrap()
            .map_err(|(e, _)| e)
            .expect("delivered");
    }
    println!(
        "  input produced in {:.1} s (not timed)",
        started.elapsed().as_secs_f64()
    );
}

/// Counts audit records as they appear: (first seen, N-th seen).
struct AuditWatch {
    thread: std::thread::JoinHandle<(Instant, Instant, u64)>,
    seen: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl AuditWatch {
    fn start(broker: &Broker, topic: &str, expect: u64) -> AuditWatch {
        let mut cfg = broker.client_config();
        cfg.set("group.id", unique_name("watch"))
            .set("enable.auto.commit", "false")
            .set("auto.offset.reset", "earliest")
            .set("fetch.wait.max.ms", "20");
        let c: BaseConsumer = cfg.create().unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..AUDIT_PARTITIONS {
            tpl.add_partition_offset(topic, p, Offset::Beginning)
                .unwrap();
        }
        c.assign(&tpl).unwrap();
        let seen = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (seen.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let mut first = None;
            let mut bytes = 0u64;
            let mut n = 0;
            while n < expect {
                assert!(!st.load(Ordering::Relaxed), "stopped");
                match c.poll(Duration::from_millis(50)) {
                    Some(Ok(m)) => {
                        first.get_or_insert_with(Instant::now);
                        bytes += m.payload_len() as u64;
                        n += 1;
                        s.store(n, Ordering::Relaxed);
                    }
                    Some(Err(e)) => panic!("audit watch: {e}"),
                    None => {}
                }
            }
            (first.unwrap(), Instant::now(), bytes)
        });
        AuditWatch { thread, seen, stop }
    }

    /// Waits for the N-th record; panics if `alive` says the producer side died or after WAIT.
    fn wait(self, mut alive: impl FnMut() -> bool) -> (Instant, Instant, u64) {
        let deadline = Instant::now() + WAIT;
        while !self.thread.is_finished() {
            if !alive() || Instant::now() > deadline {
                self.stop.store(true, Ordering::Relaxed);
                panic!(
                    "only {} audit records after {:?}",
                    self.seen.load(Ordering::Relaxed),
                    WAIT
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.thread.join().expect("audit watch")
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Passthrough,
    Leadguard,
}

struct RunResult {
    secs: f64,
    audit_bytes: u64,
    /// CPU seconds of the broker (and of leadguard) during the timed window.
    broker_cpu: f64,
    /// CPU seconds of this process: the passthrough (a) and the audit reader (a and b).
    own_cpu: f64,
    guard_cpu: Option<f64>,
    /// CPU seconds of the consumer thread (the one that judges, in the passthrough; the one
    /// that polls and dispatches, in leadguard).
    consumer_cpu: f64,
    /// CPU seconds of leadguard's judging workers.
    judge_cpu: Option<f64>,
    peak_rss_kb: Option<u64>,
}

impl RunResult {
    fn events_per_s(&self, w: &Workload) -> f64 {
        w.events.len() as f64 / self.secs
    }

    fn print(&self, label: &str, w: &Workload) {
        let eps = self.events_per_s(w);
        println!(
            "{label}: {} events in {:.2} s = {:>7.0} events/s, {:5.1} MB/s in, {:5.1} MB/s out \
             (audit {:.1} MB/s); CPU s: broker {:.1}, bench process {:.1}, consumer thread {:.1}{}{}",
            w.events.len(),
            self.secs,
            eps,
            w.input_bytes as f64 / self.secs / 1e6,
            w.bytes_out as f64 / self.secs / 1e6,
            self.audit_bytes as f64 / self.secs / 1e6,
            self.broker_cpu,
            self.own_cpu,
            self.consumer_cpu,
            self.judge_cpu
                .map(|c| format!(", judging workers {c:.1}"))
                .unwrap_or_default(),
            self.guard_cpu
                .map(|c| format!(
                    ", leadguard {c:.1} ({:.0} events per leadguard CPU s, {:.1} µs of leadguard \
                     CPU per event)",
                    w.events.len() as f64 / c,
                    c * 1e6 / w.events.len() as f64
                ))
                .unwrap_or_default()
        );
    }
}

/// CPU seconds (user + system) of a process, from `/proc/<pid>/stat`.
fn cpu_seconds(pid: u32) -> f64 {
    stat_cpu(&std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default())
}

/// CPU seconds of the calling thread.
fn thread_cpu_seconds() -> f64 {
    stat_cpu(&std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default())
}

fn stat_cpu(stat: &str) -> f64 {
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds of the threads of `pid` whose name starts with `name` (summed).
fn thread_cpu(pid: u32, name: &str) -> f64 {
    let mut total = 0.0;
    for e in std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
    {
        let comm = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
        if comm.trim().starts_with(name) {
            total += stat_cpu(&std::fs::read_to_string(e.path().join("stat")).unwrap_or_default());
        }
    }
    total
}

/// The broker's process id (the tansu child listening on its port).
fn broker_pid(b: &Broker) -> u32 {
    let needle = format!("tcp://127.0.0.1:{}", b.port());
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(cmd) = std::fs::read(e.path().join("cmdline")) {
            if String::from_utf8_lossy(&cmd).contains(&needle) {
                if let Ok(pid) = e.file_name().to_string_lossy().parse() {
                    return pid;
                }
            }
        }
    }
    panic!("no tansu process for {needle}")
}

fn run(work: &Workload, mode: Mode) -> RunResult {
    let n = work.events.len() as u64;
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, INPUT_PARTITIONS, AUDIT_PARTITIONS);
    preload(&broker, &topics, work);
    let setup = ServeSetup::new(&broker.bootstrap());
    let http_port = free_port();
    let config = config(&setup, &topics, http_port);
    let tansu = broker_pid(&broker);
    let watch = AuditWatch::start(&broker, &topics.audit, n);
    match mode {
        Mode::Passthrough => {
            let settings = Settings::load(&config).expect("config");
            let stop = AtomicBool::new(false);
            std::thread::scope(|scope| {
                let pt = scope.spawn(|| passthrough(&settings, &topics, work, &stop));
                let (cpu0, own0) = (cpu_seconds(tansu), cpu_seconds(std::process::id()));
                let (first, last, audit_bytes) = watch.wait(|| !pt.is_finished());
                let broker_cpu = cpu_seconds(tansu) - cpu0;
                let own_cpu = cpu_seconds(std::process::id()) - own0;
                stop.store(true, Ordering::Relaxed);
                let consumer_cpu = pt.join().expect("passthrough");
                RunResult {
                    consumer_cpu,
                    judge_cpu: None,
                    secs: (last - first).as_secs_f64(),
                    audit_bytes,
                    broker_cpu,
                    own_cpu,
                    guard_cpu: None,
                    peak_rss_kb: None,
                }
            })
        }
        Mode::Leadguard => {
            // LEADGUARD_BIN: another build of leadguard to measure (e.g. a variant's release
            // binary); the one built with this bench by default.
            let bin = std::env::var_os("LEADGUARD_BIN")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(support::fixtures::BIN));
            let log = setup.dir.path().join("serve.log");
            let mut guard = GuardProcess::start(&bin, "bench", &config, http_port, log);
            let pid = guard.pid().expect("running");
            let (cpu0, gcpu0) = (cpu_seconds(tansu), cpu_seconds(pid));
            let own0 = cpu_seconds(std::process::id());
            let (first, last, audit_bytes) = watch.wait(|| {
                guard.running() || {
                    eprintln!("{}", guard.logs());
                    false
                }
            });
            let (broker_cpu, guard_cpu) = (cpu_seconds(tansu) - cpu0, cpu_seconds(pid) - gcpu0);
            let consumer_cpu = thread_cpu(pid, "consumer");
            let judge_cpu = thread_cpu(pid, "judge-");
            let own_cpu = cpu_seconds(std::process::id()) - own0;
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
            let peak_rss_kb = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            let audited = guard.metric("leadguard_audit_records_total");
            assert_eq!(audited as u64, n, "leadguard audited every event once");
            let (status, _) = guard.terminate();
            assert!(status.success(), "leadguard serve exit: {status}");
            RunResult {
                secs: (last - first).as_secs_f64(),
                audit_bytes,
                broker_cpu,
                own_cpu,
                guard_cpu: Some(guard_cpu),
                consumer_cpu,
                judge_cpu: Some(judge_cpu),
                peak_rss_kb,
            }
        }
    }
}

/// (a): consume, write what leadguard writes for each input (without judging it), store the
/// input's offset once every record is acknowledged. Same clients, same threads as leadguard: a
/// consumer thread that produces, and per partition a task awaiting acknowledgements in order.
/// Returns the CPU seconds of its consumer thread.
fn passthrough(settings: &Settings, topics: &Topics, work: &Workload, stop: &AtomicBool) -> f64 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let producer: FutureProducer = clients::producer(settings).create().expect("producer");
    let consumer: BaseConsumer = clients::consumer(settings).create().expect("consumer");
    consumer.subscribe(&[&topics.input]).unwrap();
    let largest = work
        .plans
        .iter()
        .flat_map(|p| {
            p.outputs
                .iter()
                .map(|o| o.2)
                .chain(p.dead_letter)
                .chain([p.audit])
        })
        .max()
        .unwrap_or(0);
    let fill = vec![b'x'; largest];
    struct Part {
        tx: tokio::sync::mpsc::Sender<(i64, Vec<DeliveryFuture>)>,
        acked: Arc<AtomicI64>,
        stored: i64,
        chain_id: String,
    }
    let mut parts: HashMap<i32, Part> = HashMap::new();
    let mut last_store = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        if let Some(m) = consumer.poll(Duration::from_millis(100)) {
            let m = m.expect("consume");
            let (p, o) = (m.partition(), m.offset());
            let part = parts.entry(p).or_insert_with(|| {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<(i64, Vec<DeliveryFuture>)>(
                    settings.max_in_flight_per_partition,
                );
                let acked = Arc::new(AtomicI64::new(-1));
                let a = acked.clone();
                runtime.spawn(async move {
                    while let Some((offset, deliveries)) = rx.recv().await {
                        for d in deliveries {
                            d.await.unwrap().map_err(|(e, _)| e).expect("delivered");
                        }
                        a.store(offset + 1, Ordering::Release);
                    }
                });
                Part {
                    tx,
                    acked,
                    stored: -1,
                    chain_id: format!("{}/{p}", topics.input),
                }
            });
            let i = o as usize * INPUT_PARTITIONS as usize + p as usize;
            let plan = &work.plans[i];
            let position = format!("{}/{p}@{o}", topics.input);
            let header = || {
                OwnedHeaders::new().insert(Header {
                    key: INPUT_HEADER,
                    value: Some(position.as_str()),
                })
            };
            let mut deliveries = Vec::with_capacity(plan.outputs.len() + 2);
            for (d, key, size) in &plan.outputs {
                let mut rec = FutureRecord::<str, [u8]>::to(&topics.destinations[*d].1)
                    .payload(&fill[..*size])
                    .headers(header());
                if let Some(k) = key {
                    rec = rec.key(&**k);
                }
                deliveries.push(send(&producer, rec));
            }
            if let Some(size) = plan.dead_letter {
                let rec = FutureRecord::<str, [u8]>::to(&topics.dead_letter)
                    .key(&part.chain_id)
                    .payload(&fill[..size])
                    .headers(header());
                deliveries.push(send(&producer, rec));
            }
            let rec = FutureRecord::<str, [u8]>::to(&topics.audit)
                .partition(p % AUDIT_PARTITIONS)
                .key(&part.chain_id)
                .payload(&fill[..plan.audit])
                .headers(header());
            deliveries.push(send(&producer, rec));
            part.tx
                .blocking_send((o, deliveries))
                .expect("ack task alive");
        }
        if last_store.elapsed() >= Duration::from_millis(100) {
            let mut tpl = TopicPartitionList::new();
            for (p, part) in parts.iter_mut() {
                let a = part.acked.load(Ordering::Acquire);
                if a > part.stored {
                    part.stored = a;
                    tpl.add_partition_offset(&topics.input, *p, Offset::Offset(a))
                        .unwrap();
                }
            }
            if tpl.count() > 0 {
                consumer.store_offsets(&tpl).expect("store offsets");
            }
            last_store = Instant::now();
        }
    }
    let cpu = thread_cpu_seconds();
    let _ = consumer.commit_consumer_state(CommitMode::Sync);
    drop(parts);
    producer.flush(Duration::from_secs(10)).expect("flush");
    runtime.shutdown_timeout(Duration::from_secs(1));
    cpu
}
