//! A stream of reference events for the Kafka fault tests and the chaos bench: the reference mix
//! (the examples, malformed lines included, with unique event ids), produced with the independent
//! Python client, and a follower of the audit topic counting what is audited while guards run and
//! die.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::error::KafkaError;
use serde_json::Value;

use super::broker::Broker;
use super::fixtures::examples;
use super::guard::{GuardProcess, WAIT};
use super::topics::{read_all_with, reader, Rec};

/// The reference mix, `copies` times: every line of the examples (malformed ones included),
/// event ids made unique by a suffix.
pub fn reference_mix(copies: usize) -> Vec<String> {
    let text = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    let mut out = Vec::new();
    for i in 0..copies {
        for line in text.lines() {
            match serde_json::from_str::<Value>(line) {
                Ok(mut v) if v.get("event_id").and_then(Value::as_str).is_some() => {
                    let id = format!("{}-{i}", v["event_id"].as_str().unwrap());
                    v["event_id"] = Value::String(id);
                    out.push(serde_json::to_string(&v).unwrap());
                }
                _ => out.push(line.to_string()),
            }
        }
    }
    out
}

/// Follows the audit topic while the guards run: the distinct input positions audited so far
/// (from the records' `leadguard.input` header) and the number of records.
pub struct AuditWatch {
    /// For a fresh read of the topic when waiting fails (`Broker::client_config`).
    client: ClientConfig,
    topic: String,
    partitions: i32,
    seen: Arc<Mutex<(BTreeSet<String>, usize)>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl AuditWatch {
    /// Follows `topic`, which has `partitions` partitions.
    pub fn start(broker: &Broker, topic: &str, partitions: i32) -> AuditWatch {
        let c = reader(broker.client_config(), topic, partitions);
        let seen = Arc::new(Mutex::new((BTreeSet::new(), 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (seen.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                match c.poll(Duration::from_millis(20)) {
                    Some(Ok(m)) => {
                        let r = Rec::new(&m);
                        let mut g = s.lock().unwrap();
                        g.0.insert(r.input_header.expect("leadguard.input header on audit"));
                        g.1 += 1;
                    }
                    Some(Err(KafkaError::PartitionEOF(_))) | None => {}
                    Some(Err(e)) => eprintln!("audit watch: {e}"),
                }
            }
        });
        AuditWatch {
            client: broker.client_config(),
            topic: topic.to_string(),
            partitions,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    /// (distinct inputs audited, audit records).
    pub fn counts(&self) -> (usize, usize) {
        let g = self.seen.lock().unwrap();
        (g.0.len(), g.1)
    }

    /// Per partition: audited count and the gaps below the highest audited offset.
    pub fn missing_summary(&self) -> String {
        let mut per: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        for h in &self.seen.lock().unwrap().0 {
            let (p, o) = h.rsplit_once('@').unwrap();
            per.entry(p.to_string())
                .or_default()
                .insert(o.parse().unwrap());
        }
        per.iter()
            .map(|(p, offsets)| {
                let max = offsets.last().copied().unwrap_or(-1);
                let gaps: Vec<i64> = (0..max).filter(|o| !offsets.contains(o)).take(20).collect();
                format!(
                    "{p}: {} audited, highest {max}, gaps {gaps:?}",
                    offsets.len()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Waits until `n` input partitions have audit records.
    pub fn wait_for_partitions(&self, n: usize, guards: &mut [&mut GuardProcess]) {
        let deadline = Instant::now() + WAIT;
        loop {
            let partitions: BTreeSet<String> = self
                .inputs()
                .iter()
                .map(|h| h.rsplit_once('@').unwrap().0.to_string())
                .collect();
            if partitions.len() >= n {
                return;
            }
            for g in guards.iter_mut() {
                g.assert_running();
            }
            assert!(
                Instant::now() < deadline,
                "only {partitions:?} audited after {WAIT:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The input positions audited so far (`<topic>/<partition>@<offset>`).
    pub fn inputs(&self) -> BTreeSet<String> {
        self.seen.lock().unwrap().0.clone()
    }

    /// Waits until at least `n` distinct inputs are audited, checking that `guards` keep running.
    pub fn wait_for(&self, n: usize, guards: &mut [&mut GuardProcess]) {
        let deadline = Instant::now() + WAIT;
        loop {
            let (distinct, _) = self.counts();
            if distinct >= n {
                return;
            }
            for g in guards.iter_mut() {
                g.assert_running();
            }
            if Instant::now() >= deadline {
                let fresh: BTreeSet<String> =
                    read_all_with(self.client.clone(), &self.topic, self.partitions)
                        .into_iter()
                        .filter_map(|r| r.input_header)
                        .collect();
                // The watcher's own consumer can miss records the broker holds (seen once on the
                // test broker: 6,144 of 6,160 watched, all 6,160 read again): what counts is
                // the audit topic, which a fresh consumer reads in full.
                if fresh.len() >= n {
                    eprintln!(
                        "watcher saw {distinct} of {n} audited inputs; a fresh read finds {}",
                        fresh.len()
                    );
                    return;
                }
                let missing = self.missing_summary();
                for g in guards.iter() {
                    eprintln!("{}", g.diagnose());
                }
                panic!(
                    "{distinct} of {n} inputs audited after {WAIT:?} ({} when read again); \
                     not audited: {missing}",
                    fresh.len()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for AuditWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Produces `lines` with the Python client: JSON objects keyed by `event_id` (so they spread
/// evenly over the partitions), the lines that have none (malformed) unkeyed, in the middle.
pub fn produce(broker: &Broker, topic: &str, lines: &[String]) {
    let started = Instant::now();
    let (keyed, unkeyed): (Vec<&String>, Vec<&String>) = lines.iter().partition(|l| {
        serde_json::from_str::<Value>(l)
            .is_ok_and(|v| v.get("event_id").and_then(Value::as_str).is_some())
    });
    let (first, second) = keyed.split_at(keyed.len() / 2);
    assert_eq!(
        broker.python_produce(topic, Some("event_id"), first),
        first.len()
    );
    assert_eq!(broker.python_produce(topic, None, &unkeyed), unkeyed.len());
    assert_eq!(
        broker.python_produce(topic, Some("event_id"), second),
        second.len()
    );
    eprintln!(
        "produced {} events ({} without an event_id, unkeyed) with the Python client in {:.1?}",
        lines.len(),
        unkeyed.len(),
        started.elapsed()
    );
}
