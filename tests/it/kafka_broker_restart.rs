//! Broker restarts under a running guard (`leadguard serve`), at-least-once and exactly-once, on
//! the durable test broker (tansu 0.6 with `s3://` storage on a local S3 server:
//! `tests/support/durable.rs`; setup `scripts/install-s3-server.sh`).
//!
//! One guard judges a reference-mix stream in three parts. Mid-stream the broker is stopped
//! (SIGTERM, a rolling upgrade) for [`OUTAGE`] and started again; later it is killed (SIGKILL, a
//! crash) for [`OUTAGE`] and started again, and the stream goes on. The guard is never
//! restarted. Afterwards every input has exactly one audit record, every chain verifies end to
//! end from seq 0, every forwarded copy and dead letter exists (nothing lost), and `/ready`
//! answered 503 "no Kafka broker reachable" during each outage and 200 after it.
//!
//! The SIGKILL falls when the guard has nothing in flight (the second part audited, the third
//! not yet produced), not in the middle of a write, because the test broker itself loses
//! acknowledged records when it is SIGKILLed during a write: measured with the Python client
//! alone (an idempotent `acks=all` producer, 856 records, SIGKILL at the 848th ack, restart), 3
//! acknowledged records were gone after the restart and their offsets given to later records
//! (the producer's retry of the in-flight batch is answered "duplicate sequence", which the
//! client reports as delivered). A guard's output lost that way is the broker's loss, which no
//! client can detect; with SIGTERM nothing is lost (846 of 846). See `docs/test-broker.md`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::ClientContext;

use crate::kafka_faults::{check_everything, AUDIT_PARTITIONS};
use crate::support::durable::DurableBroker;
use crate::support::guard::{GuardProcess, ServeSetup, KAFKA_PROPERTIES};
use crate::support::http::{free_port, http_get};
use crate::support::stream::{produce, reference_mix, AuditWatch};
use crate::support::topics::Topics;

/// How long the broker stays down.
const OUTAGE: Duration = Duration::from_secs(10);
const PARTITIONS: i32 = 2;

/// Polls `/ready` every 50 ms and keeps every change: (time, HTTP status, body).
struct ReadyProbe {
    changes: Arc<Mutex<Vec<(Instant, u16, String)>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ReadyProbe {
    fn start(port: u16) -> ReadyProbe {
        let changes: Arc<Mutex<Vec<(Instant, u16, String)>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (c, s) = (changes.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let (code, body) = http_get(port, "/ready").unwrap_or((0, String::new()));
                let mut g = c.lock().unwrap();
                if g.last().is_none_or(|l| l.1 != code) {
                    g.push((Instant::now(), code, body.trim().to_string()));
                }
                drop(g);
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        ReadyProbe {
            changes,
            stop,
            thread: Some(thread),
        }
    }

    /// How long `/ready` was not 200 between `from` and `to`, and the reasons it gave.
    fn not_ready_between(&self, from: Instant, to: Instant) -> (Duration, Vec<String>) {
        let g = self.changes.lock().unwrap();
        let mut total = Duration::ZERO;
        let mut reasons = Vec::new();
        for (i, (at, code, body)) in g.iter().enumerate() {
            if *code == 200 {
                continue;
            }
            let end = g.get(i + 1).map_or(to, |n| n.0).min(to);
            let start = (*at).max(from);
            if end > start {
                total += end - start;
                reasons.push(format!("{code} {body}"));
            }
        }
        (total, reasons)
    }

    /// Waits until `/ready` answers 200 again after having answered something else since
    /// `since`; returns when it did.
    fn wait_ready(&self, guard: &mut GuardProcess, since: Instant) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some((at, 200, _)) = self.changes.lock().unwrap().last() {
                if *at > since {
                    return *at;
                }
            }
            guard.assert_running();
            assert!(
                Instant::now() < deadline,
                "no change of /ready from not ready to ready within 60 s of the restart"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ReadyProbe {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Counts the feeder's deliveries.
#[derive(Default)]
struct Deliveries {
    ok: AtomicUsize,
    failed: Mutex<Vec<String>>,
}

impl ClientContext for Deliveries {}

impl ProducerContext for Deliveries {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        match result {
            Ok(_) => {
                self.ok.fetch_add(1, Ordering::Relaxed);
            }
            Err((e, _)) => self.failed.lock().unwrap().push(e.to_string()),
        }
    }
}

/// Lead events arriving while the broker goes away and comes back, as forms keep sending them:
/// [`FEED_BATCH`] lines every 20 ms by an idempotent `acks=all` producer whose messages wait in
/// its queue while no broker is reachable.
struct Feeder {
    total: usize,
    sent: Arc<AtomicUsize>,
    producer: Arc<ThreadedProducer<Deliveries>>,
    thread: Option<JoinHandle<()>>,
}

/// Lines the feeder sends every 20 ms.
const FEED_BATCH: usize = 4;

impl Feeder {
    fn start(broker: &DurableBroker, topic: &str, lines: Vec<String>) -> Feeder {
        let mut cfg = broker.producer_config();
        cfg.set("message.timeout.ms", "120000");
        let producer: Arc<ThreadedProducer<Deliveries>> = Arc::new(
            cfg.create_with_context(Deliveries::default())
                .expect("feeder producer"),
        );
        let sent = Arc::new(AtomicUsize::new(0));
        let (p, n, topic) = (producer.clone(), sent.clone(), topic.to_string());
        let feed = lines.clone();
        let thread = std::thread::spawn(move || {
            for chunk in feed.chunks(FEED_BATCH) {
                for line in chunk {
                    let key = serde_json::from_str::<serde_json::Value>(line)
                        .ok()
                        .and_then(|v| v["event_id"].as_str().map(str::to_string));
                    let mut record = BaseRecord::to(&topic).payload(line.as_str());
                    if let Some(k) = &key {
                        record = record.key(k.as_str());
                    }
                    p.send(record).expect("the feeder's queue has room");
                    n.fetch_add(1, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        Feeder {
            total: lines.len(),
            sent,
            producer,
            thread: Some(thread),
        }
    }

    /// Lines handed to the producer so far.
    fn sent(&self) -> usize {
        self.sent.load(Ordering::Relaxed)
    }

    /// Waits until every line is sent and acknowledged; returns how many.
    fn finish(&mut self) -> usize {
        self.thread.take().unwrap().join().unwrap();
        self.producer
            .flush(Duration::from_secs(120))
            .expect("the feeder's lines delivered");
        let d = self.producer.context();
        assert!(
            d.failed.lock().unwrap().is_empty(),
            "feeder delivery errors: {:?}",
            d.failed.lock().unwrap()
        );
        d.ok.load(Ordering::Relaxed)
    }
}

/// One outage: the broker stopped by `signal` once `at` inputs are audited, down for
/// [`OUTAGE`], started again; the guard must say it is not ready during, and be ready after.
///
/// With a `feeder`, checks that events were still arriving when the broker stopped and kept
/// arriving (queued by the producer) while it was down.
fn outage(
    broker: &mut DurableBroker,
    signal: &str,
    watch: &AuditWatch,
    at: usize,
    guard: &mut GuardProcess,
    probe: &ReadyProbe,
    feeder: Option<&Feeder>,
) {
    watch.wait_for(at, &mut [&mut *guard]);
    let (audited, _) = watch.counts();
    let down = Instant::now();
    let took = broker.stop(signal);
    let (at_stop, _) = watch.counts();
    let fed_at_stop = feeder.map(Feeder::sent);
    std::thread::sleep(OUTAGE);
    if let (Some(f), Some(before)) = (feeder, fed_at_stop) {
        let after = f.sent();
        eprintln!(
            "fed {before} of {} events when the broker stopped, {after} when it restarts",
            f.total
        );
        assert!(
            before < f.total && after > before,
            "events arrive before, during and after the outage"
        );
    }
    guard.assert_running();
    let restart = Instant::now();
    broker.restart();
    let ready = probe.wait_ready(guard, down);
    let (not_ready, reasons) = probe.not_ready_between(down, ready);
    eprintln!(
        "SIG{signal} at {audited} audited, {at_stop} when stopped (took {took:.1?}): broker down {:.1?}, \
         up again in {:.1?}; /ready not 200 for {not_ready:.1?} ({reasons:?}), 200 again \
         {:.1?} after the restart",
        restart - down,
        restart.elapsed(),
        ready.saturating_duration_since(restart)
    );
    assert!(
        reasons
            .iter()
            .any(|r| r == "503 not ready: no Kafka broker reachable"),
        "/ready reported the outage: {reasons:?}"
    );
    assert!(
        not_ready >= OUTAGE / 2,
        "/ready was not 200 for only {not_ready:?} of a {OUTAGE:?} outage"
    );
}

fn broker_restarts(delivery: &str) {
    let started = Instant::now();
    let mut broker = DurableBroker::start();
    let topics = Topics::new();
    topics.create(&broker, PARTITIONS, AUDIT_PARTITIONS);
    let serve = ServeSetup::new(&broker.bootstrap());
    let port = free_port();
    let sections = format!(
        "\n[pipeline]\nworkers = 2\n\n[exactly_once]\ntransactional_id = \"{}-tx\"\nbatch_max_wait = \"50ms\"\n",
        serve.group
    );
    let config = serve.config(&topics, port, delivery, KAFKA_PROPERTIES, &sections);
    let lines = reference_mix(40);
    let total = lines.len();
    let (first, rest) = lines.split_at(total / 10);
    let (second, third) = rest.split_at(rest.len() * 3 / 4);
    produce(&broker, &topics.input, first);
    let watch = AuditWatch::start(&broker, &topics.audit, AUDIT_PARTITIONS);

    let mut guard = serve.start("guard", &config, port);
    guard.wait_ready();
    let probe = ReadyProbe::start(port);
    // A rolling restart while events keep arriving: the feeder sends the second part before,
    // during and after the outage.
    watch.wait_for(first.len(), &mut [&mut guard]);
    let mut feeder = Feeder::start(&broker, &topics.input, second.to_vec());
    outage(
        &mut broker,
        "TERM",
        &watch,
        first.len(),
        &mut guard,
        &probe,
        Some(&feeder),
    );
    assert_eq!(feeder.finish(), second.len(), "every fed event delivered");
    // A crash once everything is audited, offsets committed (librdkafka's auto-commit runs every
    // 5 s) and the group settled (see the module doc for why not during a write: what tansu
    // wrote last before a SIGKILL is not always there after the restart — once, under load, a
    // crash 2 s after a rebalance left the group unable to assign partitions again).
    watch.wait_for(first.len() + second.len(), &mut [&mut guard]);
    std::thread::sleep(Duration::from_secs(6));
    outage(
        &mut broker,
        "KILL",
        &watch,
        first.len() + second.len(),
        &mut guard,
        &probe,
        None,
    );
    produce(&broker, &topics.input, third);
    watch.wait_for(total, &mut [&mut guard]);
    let (status, _) = guard.terminate();
    assert!(status.success(), "exit after SIGTERM: {status}");
    drop(probe);
    drop(watch);

    let report = check_everything(&broker, &topics, &serve.guard());
    assert_eq!(report.inputs, total);
    assert_eq!(report.chains.len(), PARTITIONS as usize);
    eprintln!(
        "{delivery}, broker stopped and killed: {report}; total {:.1?}",
        started.elapsed()
    );
}

#[test]
fn broker_stopped_and_killed_mid_stream_at_least_once() {
    broker_restarts("at-least-once");
}

#[test]
fn broker_stopped_and_killed_mid_stream_exactly_once() {
    broker_restarts("exactly-once");
}
