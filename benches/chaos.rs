//! Repeatable chaos (`scripts/chaos.sh N`): two `leadguard serve` instances (at-least-once, one
//! consumer group) judge a large reference-mix stream on the test broker (tansu 0.6,
//! `memory://`) while N SIGKILLs fall on them at random moments; after the last kill both run
//! until every input is audited, then stop with SIGTERM. It prints what the topics hold: inputs,
//! audit records, inputs missing an audit record, duplicated audit records, duplicated
//! destination copies (and dead letters), lost copies, and what `leadguard audit verify` says of
//! the audit topic (every chain end to end, every input offset exactly once). Exit status 1 if
//! anything is missing, duplicated in the audit trail, lost, or if `verify` fails.
//!
//! ```text
//! scripts/chaos.sh 20                                   # 20 kills, 100,000+ events
//! cargo test --bench chaos -- --kills 20 --events 200000 --seed 7
//! ```
//!
//! The moments are random but repeatable: `--seed` (printed) gives the same kill points (shares of
//! the stream audited when a kill falls, plus a random delay up to 300 ms) and victims again. A
//! killed instance is restarted at once, so a later kill may hit it while it starts, recovers
//! its chains or rejoins the group: those are moments too.
//!
//! Without `--kills` (as under `cargo test --all-targets`) it runs a smoke round of 2 kills over
//! 1,760 events and checks the same figures, so the harness stays compiled and working.
//!
//! Duplicated destination copies are expected in at-least-once mode (an input in flight at a
//! kill is written again); they are printed, not failed on. Audit records are never duplicated:
//! a restarted instance recovers each chain's head from the audit topic and skips what it holds.

// The integration tests' harness (broker, topics, guard process, the reference stream).
#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::{BTreeMap, HashMap};
use std::process::Command;
use std::time::{Duration, Instant};

use leadguard::audit::InputRef;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use support::broker::Broker;
use support::fixtures::BIN;
use support::guard::{GuardProcess, ServeSetup};
use support::http::free_port;
use support::stream::{produce, reference_mix, AuditWatch};
use support::topics::{read_all, Topics};

const INPUT_PARTITIONS: i32 = 4;
const AUDIT_PARTITIONS: i32 = 2;
/// Lines in `examples/leads.jsonl`: one copy of the reference mix.
const MIX: usize = 88;
/// How long the stream may make no progress before the run gives up and counts what it has.
const STALL: Duration = Duration::from_secs(120);

/// The guards' `[kafka.properties]`: a short session (a killed member's partitions move on
/// quickly) and offsets auto-committed every second, so kills find inputs audited but not
/// committed.
const PROPERTIES: &str = r#""session.timeout.ms" = 3000
"heartbeat.interval.ms" = 500
"auto.commit.interval.ms" = 1000
"broker.address.family" = "v4"
"#;
const PIPELINE: &str = "\n[pipeline]\nmax_in_flight_per_partition = 200\nworkers = 2\n";

struct Args {
    kills: usize,
    events: usize,
    seed: u64,
    smoke: bool,
}

fn args() -> Args {
    let mut kills = None;
    let mut events = None;
    let mut seed = None;
    let mut it = std::env::args().skip(1);
    let number = |v: Option<String>, what: &str| -> u64 {
        v.and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{what} needs a number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--kills" => kills = Some(number(it.next(), "--kills") as usize),
            "--events" => events = Some(number(it.next(), "--events") as usize),
            "--seed" => seed = Some(number(it.next(), "--seed")),
            // What cargo passes to bench and test binaries.
            "--bench" | "--nocapture" => {}
            other => panic!("unknown argument {other:?} (--kills N, --events N, --seed S)"),
        }
    }
    let smoke = kills.is_none();
    Args {
        kills: kills.unwrap_or(2),
        events: events.unwrap_or(if smoke { 20 * MIX } else { 100_000 }),
        // The smoke round is the same every time; a real run takes a new seed unless given one.
        seed: seed.unwrap_or_else(|| if smoke { 1 } else { rand::random() }),
        smoke,
    }
}

/// Two instances of one group; each restarts on its own HTTP port.
struct Pair {
    setup: ServeSetup,
    topics: Topics,
    configs: [(std::path::PathBuf, u16); 2],
    guards: [Option<GuardProcess>; 2],
    starts: [usize; 2],
}

impl Pair {
    fn new(broker: &Broker, topics: Topics) -> Pair {
        let setup = ServeSetup::new(&broker.bootstrap());
        let configs = [0, 1].map(|_| {
            let port = free_port();
            let config = setup.config(&topics, port, "at-least-once", PROPERTIES, PIPELINE);
            (config, port)
        });
        Pair {
            setup,
            topics,
            configs,
            guards: [None, None],
            starts: [0, 0],
        }
    }

    fn start(&mut self, i: usize) {
        self.starts[i] += 1;
        let name = format!("{}{}", ["a", "b"][i], self.starts[i]);
        let (config, port) = &self.configs[i];
        self.guards[i] = Some(self.setup.start(&name, config, *port));
    }

    fn running(&mut self) -> Vec<&mut GuardProcess> {
        self.guards.iter_mut().flatten().collect()
    }
}

/// What the topics hold once both instances stopped.
#[derive(Default)]
struct Figures {
    inputs: usize,
    audit_records: usize,
    missing: usize,
    duplicated_audit: usize,
    forwarded_copies: usize,
    /// Destination records beyond the first for their input and destination, plus copies for a
    /// destination the input's audit record does not name (judged differently after a restart).
    duplicated_copies: usize,
    superseded_copies: usize,
    lost_copies: usize,
    dead_letters: usize,
    duplicated_dead_letters: usize,
    lost_dead_letters: usize,
}

fn count(broker: &Broker, topics: &Topics) -> (Figures, BTreeMap<i32, i64>) {
    let mut f = Figures::default();
    let inputs = read_all(broker, &topics.input);
    f.inputs = inputs.len();
    let mut ends: BTreeMap<i32, i64> = BTreeMap::new();
    for r in &inputs {
        let end = ends.entry(r.partition).or_default();
        *end = (*end).max(r.offset + 1);
    }
    let audit = read_all(broker, &topics.audit);
    f.audit_records = audit.len();
    let mut by_input: HashMap<String, Value> = HashMap::new();
    for r in &audit {
        let v = r.json();
        let input: InputRef = serde_json::from_value(v["input"].clone()).expect("input");
        if by_input.insert(input.to_string(), v).is_some() {
            f.duplicated_audit += 1;
        }
    }
    f.missing = inputs
        .iter()
        .filter(|r| {
            !by_input.contains_key(&format!("{}/{}@{}", topics.input, r.partition, r.offset))
        })
        .count();
    let names = |v: &Value, name: &str| {
        v["destinations"].as_array().is_some_and(|ds| {
            ds.iter()
                .any(|d| d["name"] == name && d["outcome"] == "forwarded")
        })
    };
    for (name, topic) in &topics.destinations {
        let mut got: HashMap<String, usize> = HashMap::new();
        for r in read_all(broker, topic) {
            let pos = r.input_header.expect("leadguard.input header on a copy");
            if !by_input.get(&pos).is_some_and(|v| names(v, name)) {
                f.superseded_copies += 1;
            }
            *got.entry(pos).or_default() += 1;
        }
        for (pos, v) in &by_input {
            if names(v, name) {
                f.forwarded_copies += 1;
                if !got.contains_key(pos) {
                    f.lost_copies += 1;
                }
            }
        }
        f.duplicated_copies += got.values().map(|n| n - 1).sum::<usize>();
    }
    f.duplicated_copies += f.superseded_copies;
    let mut dead: HashMap<String, usize> = HashMap::new();
    for r in read_all(broker, &topics.dead_letter) {
        *dead
            .entry(
                r.input_header
                    .expect("leadguard.input header on a dead letter"),
            )
            .or_default() += 1;
    }
    for (pos, v) in &by_input {
        if v["outcome"] == "rejected" {
            f.dead_letters += 1;
            if !dead.contains_key(pos) {
                f.lost_dead_letters += 1;
            }
        }
    }
    f.duplicated_dead_letters = dead.values().map(|n| n - 1).sum();
    (f, ends)
}

fn main() {
    let a = args();
    let started = Instant::now();
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, INPUT_PARTITIONS, AUDIT_PARTITIONS);
    let lines = reference_mix(a.events.div_ceil(MIX));
    let total = lines.len();
    println!(
        "chaos: {} SIGKILLs over {total} events, 2 instances at-least-once, seed {}{}",
        a.kills,
        a.seed,
        if a.smoke {
            " (smoke run: pass --kills N for the real one)"
        } else {
            ""
        }
    );
    produce(&broker, &topics.input, &lines);
    let watch = AuditWatch::start(&broker, &topics.audit, AUDIT_PARTITIONS);
    let mut pair = Pair::new(&broker, topics);

    // The kill points: shares of the stream audited, sorted; each with a victim and a delay.
    let mut rng = StdRng::seed_from_u64(a.seed);
    let mut points: Vec<f64> = (0..a.kills).map(|_| rng.gen_range(0.02..0.95)).collect();
    points.sort_by(f64::total_cmp);
    let plan: Vec<(f64, usize, u64)> = points
        .into_iter()
        .map(|p| (p, rng.gen_range(0..2), rng.gen_range(0..300)))
        .collect();

    pair.start(0);
    pair.start(1);
    let mut mid_stream = 0;
    for (k, (share, victim, delay_ms)) in plan.iter().enumerate() {
        wait_for(&watch, (total as f64 * share) as usize, &mut pair);
        std::thread::sleep(Duration::from_millis(*delay_ms));
        let (audited, _) = watch.counts();
        let mut g = pair.guards[*victim].take().expect("both instances run");
        let phase = match g.get("/ready") {
            Some((200, _)) => "ready",
            Some(_) => "starting",
            None => "before HTTP",
        };
        g.kill();
        if audited < total {
            mid_stream += 1;
        }
        println!(
            "kill {:>2}: {:>7.1?}  SIGKILL {} ({phase}) at {audited} of {total} audited",
            k + 1,
            started.elapsed(),
            ["a", "b"][*victim]
        );
        pair.start(*victim);
    }

    // Both run until everything is audited, then stop gracefully.
    let done = wait_for(&watch, total, &mut pair);
    for g in pair.running() {
        // A SIGTERM before the signal handler is installed would end it by the default action:
        // an instance restarted just before the end first gets ready.
        g.wait_ready();
        let (status, _) = g.terminate();
        assert!(status.success(), "exit after SIGTERM: {status}");
    }
    drop(watch);
    let (f, ends) = count(&broker, &pair.topics);

    // `leadguard audit verify` on the audit topic, as an auditor runs it: every chain end to end,
    // every input offset exactly once.
    let mut verify = Command::new(BIN);
    verify
        .args(["audit", "verify", "--config"])
        .arg(&pair.configs[0].0)
        .args(["--idle-timeout", "5s"]);
    for (p, end) in &ends {
        verify
            .arg("--input-range")
            .arg(format!("{}/{p}=0..{end}", pair.topics.input));
    }
    let out = verify.output().expect("run leadguard audit verify");
    let said = String::from_utf8_lossy(&out.stdout);
    let verified = out.status.success();

    println!(
        "after {} kills ({mid_stream} mid-stream), {:.1?} in all:",
        a.kills,
        started.elapsed()
    );
    println!("  inputs                      {}", f.inputs);
    println!("  audit records               {}", f.audit_records);
    println!("  missing (no audit record)   {}", f.missing);
    println!("  duplicated audit records    {}", f.duplicated_audit);
    println!(
        "  duplicated destination copies {} ({} superseded by another decision after a restart) of {} forwarded, {} lost",
        f.duplicated_copies, f.superseded_copies, f.forwarded_copies, f.lost_copies
    );
    println!(
        "  duplicated dead letters     {} of {}, {} lost",
        f.duplicated_dead_letters, f.dead_letters, f.lost_dead_letters
    );
    println!(
        "  leadguard audit verify      {} ({})",
        if verified { "OK" } else { "FAILED" },
        out.status
    );
    for l in said
        .lines()
        .chain(String::from_utf8_lossy(&out.stderr).lines())
    {
        println!("    {l}");
    }
    let ok = done
        && f.inputs == total
        && f.missing == 0
        && f.duplicated_audit == 0
        && f.lost_copies == 0
        && f.lost_dead_letters == 0
        && verified;
    println!("chaos: {}", if ok { "PASS" } else { "FAIL" });
    if !ok {
        std::process::exit(1);
    }
}

/// Waits until `n` distinct inputs are audited, restarting an instance that died on its own (it
/// should not: a crash is printed and counted as a failure by the caller's figures). Returns
/// false if the stream stalled for [`STALL`].
fn wait_for(watch: &AuditWatch, n: usize, pair: &mut Pair) -> bool {
    let mut last = (watch.counts().0, Instant::now());
    loop {
        let (distinct, _) = watch.counts();
        if distinct >= n {
            return true;
        }
        for i in 0..2 {
            if let Some(g) = pair.guards[i].as_mut() {
                if !g.running() {
                    println!(
                        "instance {} exited on its own:\n{}",
                        ["a", "b"][i],
                        g.logs()
                    );
                    std::process::exit(1);
                }
            }
        }
        if distinct > last.0 {
            last = (distinct, Instant::now());
        } else if last.1.elapsed() > STALL {
            println!(
                "stalled at {distinct} of {n} for {STALL:?}: {}",
                watch.missing_summary()
            );
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
