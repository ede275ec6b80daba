//! The exactly-once abort path, on the test broker (tansu 0.6, `memory://`), whose
//! `read_committed` still returns the records of open and aborted transactions (on `s3://`
//! storage too: `docs/test-broker.md`). So what a committed reader would see is computed from the
//! transaction markers the broker stores (`support::markers`: the record batches read with a raw
//! Fetch, control batches included): a transactional record is committed when the next marker of
//! its producer is COMMIT.
//!
//! - `markers_tell_aborted_from_committed_records`: the reader itself, on a transaction aborted
//!   and one committed by rdkafka directly.
//! - `crash_between_produce_and_commit_aborts_and_committed_readers_see_no_duplicate`: an
//!   exactly-once guard is SIGKILLed while its transaction is open (caught SIGSTOPped with audit
//!   records written and no marker yet: a crash between produce and commit); the
//!   new instance, with the same `transactional.id`, aborts what the first left open. The markers
//!   show the aborted transaction; committed readers see no input audited twice, and no copy
//!   twice. They do see a gap, and the test pins why: the new instance recovered its chain heads
//!   from the audit topic, where this broker showed it the open transaction's records as if
//!   committed, so it took those inputs as audited. The gap is exactly the aborted records'
//!   inputs, and in the broker's own view every input is audited once and every chain verifies.
//!   On a broker that honours `read_committed` the recovery would not see them: that, and so "no
//!   gap", cannot be shown here.
//! - `broker_keeps_a_transaction_open_past_its_timeout`: tansu 0.6 does not implement
//!   `transaction.timeout.ms`. It stores the timeout (InitProducerId) and the transaction's start
//!   (AddPartitionsToTxn) but nothing reads them (v0.6.0 `tansu-storage/src/dynostore.rs`): a
//!   transaction left open three times its timeout gets no ABORT marker, no epoch bump, and its
//!   producer commits it afterwards.
//! - `guard_stalled_past_its_transaction_timeout_audits_every_input_once` and
//!   `guard_stalled_mid_batch_past_its_transaction_timeout_audits_every_input_once`: an
//!   exactly-once guard with a 2 s `exactly_once.transaction_timeout` is SIGSTOPped for 5 s while
//!   its transaction is open (audit records written, no marker yet; in the second, only part of
//!   its batch written), then SIGCONTed. Two outcomes, whichever happens is checked (the first
//!   test mostly meets the first, the second the second):
//!   - its messages were all sent: the guard goes on, and as the broker never expires the
//!     transaction its late commit succeeds (COMMIT marker, same epoch). Committed readers (by
//!     the markers) see every input audited once, no gap, chains verify, each forwarded copy
//!     once; any aborted record is from an abort of the guard's own.
//!   - some were still unsent at the stall: librdkafka times them out (`message.timeout.ms` is
//!     the transaction timeout) and puts the transaction in an abortable state that needs an
//!     epoch bump. The guard stops with an error: at its next enqueue (`Erroneous state`), or in
//!     its in-process abort, which cannot complete here: tansu answers the epoch-bump
//!     InitProducerId (with a producer id and epoch) with UNKNOWN_SERVER_ERROR, librdkafka
//!     retries until the abort times out — but tansu has written the open transaction's ABORT
//!     markers first (seen in a CI run of stop 22). Restarted with the same `transactional.id`,
//!     it aborts the transaction if it is still open (ABORT marker): no duplicate, and the same
//!     recovery gap as after a crash.
//! - `zombie_fenced_by_its_restart_stops_and_committed_readers_see_no_duplicate`: a guard (2 s
//!   transaction timeout) is SIGSTOPped with its transaction open — a zombie — and restarted
//!   with the same `transactional.id` while it is frozen. The restart aborts the zombie's open
//!   transaction (ABORT marker), bumps the epoch, takes the partitions and audits every input.
//!   Woken, the zombie is fenced: it writes nothing more (no record of its epoch after the
//!   restart), but tansu closes its connection instead of answering PRODUCER_FENCED, so it is
//!   never told; its commit times out four times (4 × the transaction timeout), its abort then
//!   conflicts with the commit still in progress, and it stops with an error. With the default
//!   60 s timeout that takes four minutes ("retries until killed"). When some of its messages
//!   were still unsent at the freeze (likelier on a loaded machine), they time out instead and
//!   its next enqueue (or its commit's flush) stops it, as in the mid-batch stall. Committed readers see no duplicate,
//!   and the recovery gap of the crash test.
//!
//! Not shown on tansu: the broker aborting a transaction that outlived its timeout, and what a
//! guard does when its late commit is refused (on Apache Kafka the coordinator aborts it and
//! bumps the epoch, so the commit fails with a fenced or epoch error); the guard's in-process
//! abort and rewind (`exactly_once::abort`) after a message timeout (the guard stops before it,
//! and the epoch bump it would need is refused); a fenced instance's reaction to
//! PRODUCER_FENCED (never answered: its log says `err=Storage(Api(ProducerFenced))`); "no gap"
//! after any restart over an open transaction (it needs a broker whose `read_committed` hides the
//! open records from the chain recovery).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::producer::{BaseRecord, Producer, ThreadedProducer};
use serde_json::Value;

use crate::support::broker::Broker;
use crate::support::guard::{GuardProcess, ServeSetup, KAFKA_PROPERTIES, WAIT};
use crate::support::http::free_port;
use crate::support::markers::{batches, fates, Fate, Marker};
use crate::support::stream::{produce, reference_mix, AuditWatch};
use crate::support::topics::{read_all_with, verify_chains, Rec, Topics};

const PARTITIONS: i32 = 2;
const AUDIT_PARTITIONS: i32 = 2;

/// A 3 s session: a killed or fenced member's partitions move on quickly.
const PROPERTIES: &str = r#""session.timeout.ms" = 3000
"heartbeat.interval.ms" = 500
"broker.address.family" = "v4"
"#;

/// Each record's fate by the transaction markers, per partition of `topic`.
fn fates_by_partition(
    broker: &Broker,
    topic: &str,
    partitions: i32,
) -> HashMap<i32, BTreeMap<i64, Fate>> {
    (0..partitions)
        .map(|p| (p, fates(&batches(broker.port(), topic, p))))
        .collect()
}

/// The records of `topic` a `read_committed` reader should see (by the markers), and how many
/// records aborted transactions hold.
fn committed(broker: &Broker, topic: &str, partitions: i32) -> (Vec<Rec>, usize) {
    let mut cfg: ClientConfig = broker.client_config();
    cfg.set("isolation.level", "read_uncommitted");
    let all = read_all_with(cfg, topic, partitions);
    let fate = fates_by_partition(broker, topic, partitions);
    let mut aborted = 0;
    let mut out = Vec::new();
    for r in all {
        match fate[&r.partition].get(&r.offset) {
            Some(Fate::Plain | Fate::Committed) => out.push(r),
            Some(Fate::Aborted) => aborted += 1,
            Some(Fate::Open) => {}
            None => panic!("{topic}/{}@{}: no batch holds it", r.partition, r.offset),
        }
    }
    (out, aborted)
}

/// A destination's committed copies of inputs without a committed audit record (input → copies).
type Strays = (String, HashMap<String, usize>);

/// The committed copies (by the markers) of every destination, checked against the committed
/// audit records (`by_input`: input position → record): an input has one committed copy in a
/// destination when its audit record says it was forwarded there, none otherwise. Returns the
/// forwarded copies, the copies in aborted transactions, and per destination the committed copies
/// of inputs that have no committed audit record (input → copies), for the caller to judge.
fn committed_copies(
    broker: &Broker,
    topics: &Topics,
    by_input: &HashMap<String, Value>,
) -> (usize, usize, Vec<Strays>) {
    let mut copies = 0;
    let mut aborted_copies = 0;
    let mut strays = Vec::new();
    for (name, topic) in &topics.destinations {
        let (records, aborted) = committed(broker, topic, 2);
        aborted_copies += aborted;
        let mut got: HashMap<String, usize> = HashMap::new();
        for r in records {
            *got.entry(r.input_header.expect("header")).or_default() += 1;
        }
        for (pos, v) in by_input {
            let forwarded = v["destinations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["name"] == name.as_str() && d["outcome"] == "forwarded");
            assert_eq!(
                got.remove(pos).unwrap_or(0),
                usize::from(forwarded),
                "{name}: committed copies of {pos}"
            );
            copies += usize::from(forwarded);
        }
        strays.push((name.clone(), got));
    }
    (copies, aborted_copies, strays)
}

#[test]
fn markers_tell_aborted_from_committed_records() {
    let broker = Broker::start();
    let topic = crate::support::broker::unique_name("txn");
    broker.create_topic(&topic, 1);
    let p: ThreadedProducer<_> = broker
        .transactional_producer_config(&crate::support::broker::unique_name("tx"))
        .create()
        .unwrap();
    p.init_transactions(Duration::from_secs(10)).unwrap();
    for (values, commit) in [(["a0", "a1", "a2"], false), (["c0", "c1", "c2"], true)] {
        p.begin_transaction().unwrap();
        for v in values {
            p.send(BaseRecord::<(), _>::to(&topic).payload(v)).unwrap();
        }
        p.flush(Duration::from_secs(10)).unwrap();
        if commit {
            p.commit_transaction(Duration::from_secs(10)).unwrap();
        } else {
            p.abort_transaction(Duration::from_secs(10)).unwrap();
        }
    }
    let b = batches(broker.port(), &topic, 0);
    let markers: Vec<(i64, Marker)> = b
        .iter()
        .filter_map(|b| b.marker.map(|m| (b.base_offset, m)))
        .collect();
    assert_eq!(markers, vec![(3, Marker::Abort), (7, Marker::Commit)]);
    let (seen, aborted) = committed(&broker, &topic, 1);
    let values: Vec<&[u8]> = seen.iter().map(|r| r.value.as_slice()).collect();
    assert_eq!(values, vec![&b"c0"[..], b"c1", b"c2"]);
    assert_eq!(aborted, 3);
}

/// Waits until some audit record is written by the running guard past `records` (committed or
/// not): it is mid-stream. Counted from the raw batches (one Fetch per partition), not with a
/// consumer, whose start-up per poll let a fast guard finish before the wait returned.
fn wait_writing(broker: &Broker, topic: &str, records: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let written: usize = fates_by_partition(broker, topic, AUDIT_PARTITIONS)
            .values()
            .map(BTreeMap::len)
            .sum();
        if written > records {
            return;
        }
        assert!(Instant::now() < deadline, "no audit record written");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One exactly-once run over the reference mix: the broker, its topics, the inputs produced,
/// and the serve settings of its guards (`[exactly_once]` batches of [`BATCH`], and
/// `transaction_timeout` when given).
struct Run {
    started: Instant,
    broker: Broker,
    topics: Topics,
    serve: ServeSetup,
    sections: String,
    total: usize,
}

impl Run {
    /// Starts the broker, produces the inputs, and watches the audit topic.
    fn start(transaction_timeout: Option<&str>) -> (Run, AuditWatch) {
        let started = Instant::now();
        let broker = Broker::start();
        let topics = Topics::new();
        topics.create(&broker, PARTITIONS, AUDIT_PARTITIONS);
        let serve = ServeSetup::new(&broker.bootstrap());
        let timeout = transaction_timeout
            .map(|t| format!("transaction_timeout = \"{t}\"\n"))
            .unwrap_or_default();
        let sections = format!(
            "\n[pipeline]\nworkers = 2\n\n[exactly_once]\ntransactional_id = \"{}-tx\"\nbatch_max_messages = {BATCH}\nbatch_max_wait = \"50ms\"\n{timeout}",
            serve.group
        );
        let lines = reference_mix(16);
        produce(&broker, &topics.input, &lines);
        let watch = AuditWatch::start(&broker, &topics.audit, AUDIT_PARTITIONS);
        let run = Run {
            started,
            broker,
            topics,
            serve,
            sections,
            total: lines.len(),
        };
        (run, watch)
    }

    /// A guard's config on `port`, with librdkafka `properties`.
    fn config(&self, port: u16, properties: &str) -> PathBuf {
        self.serve.config(
            &self.topics,
            port,
            "exactly-once",
            properties,
            &self.sections,
        )
    }

    /// A new instance `b` with the same `transactional.id` after the first stopped over an open
    /// transaction (`aborted_before`: aborted audit records then): it audits everything, stops
    /// on SIGTERM, and the committed views are checked ([`check_restarted`]).
    fn restart_and_check(
        &self,
        watch: AuditWatch,
        config: &Path,
        port: u16,
        aborted_before: usize,
        left_open: LeftOpen,
    ) -> String {
        let mut b = self.serve.start("b", config, port);
        b.wait_ready();
        watch.wait_for(self.total, &mut [&mut b]);
        let (status, _) = b.terminate();
        assert!(status.success(), "b: exit after SIGTERM: {status}");
        drop(watch);
        check_restarted(
            &self.broker,
            &self.topics,
            &self.serve,
            self.total,
            aborted_before,
            left_open,
        )
    }
}

#[test]
fn crash_between_produce_and_commit_aborts_and_committed_readers_see_no_duplicate() {
    let (run, watch) = Run::start(None);
    let port = free_port();
    let config = run.config(port, PROPERTIES);
    let mut a = run.serve.start("a", &config, port);
    a.wait_ready();
    // Frozen first, then killed: polling the audit topic for "mid-stream" let a fast guard
    // commit every transaction before the kill (a CI run of stop 43).
    pause_in_open_transaction(&run.broker, &run.topics.audit, &a, false);
    a.kill();
    let (_, aborted_at_crash) = committed(&run.broker, &run.topics.audit, AUDIT_PARTITIONS);
    let summary = run.restart_and_check(watch, &config, port, aborted_at_crash, LeftOpen::Yes);
    eprintln!(
        "exactly-once crash: {} inputs; {summary}; total {:.1?}",
        run.total,
        run.started.elapsed()
    );
}

/// The committed audit records by input, each input audited once.
fn once_per_input(audit: &[Rec]) -> HashMap<String, Value> {
    let mut by_input = HashMap::new();
    for r in audit {
        let input = r.input_header.clone().expect("leadguard.input header");
        assert!(
            by_input.insert(input.clone(), r.json()).is_none(),
            "two committed audit records for {input}"
        );
    }
    by_input
}

/// What the first instance left when it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeftOpen {
    /// Its transaction open: the restart must abort it.
    Yes,
    /// Its transaction already aborted: a guard whose messages timed out asks for the epoch
    /// bump on its way out, and tansu writes the ABORT markers before it answers that request
    /// with an error (module doc).
    AlreadyAborted,
}

/// After an instance was restarted with the same `transactional.id` over an open transaction
/// (`aborted_before`: aborted audit records before the restart), and the new one audited all
/// `total` inputs: the broker's view (its `read_committed`) has each input once and its chains
/// verify; the committed view (by the markers) has no input audited twice and no copy twice, and
/// lacks exactly the inputs of the aborted audit records (the recovery gap, module doc). Returns
/// the figures.
fn check_restarted(
    broker: &Broker,
    topics: &Topics,
    serve: &ServeSetup,
    total: usize,
    aborted_before: usize,
    left_open: LeftOpen,
) -> String {
    // The broker's view (what its read_committed returns): each input once, chains verify.
    let mut cfg = broker.client_config();
    cfg.set("isolation.level", "read_committed");
    let shown = read_all_with(cfg, &topics.audit, AUDIT_PARTITIONS);
    let mut shown_inputs = BTreeSet::new();
    for r in &shown {
        let input = r.input_header.clone().expect("leadguard.input header");
        assert!(
            shown_inputs.insert(input.clone()),
            "two audit records for {input}"
        );
    }
    assert_eq!(
        shown_inputs.len(),
        total,
        "every input audited (broker's view)"
    );
    verify_chains(&serve.guard(), &shown, AUDIT_PARTITIONS);

    // The committed view, by the markers.
    let (audit, aborted_audit) = committed(broker, &topics.audit, AUDIT_PARTITIONS);
    match left_open {
        LeftOpen::Yes => assert!(
            aborted_audit > aborted_before,
            "the restart aborted the crashed instance's open transaction (aborted audit \
             records: {aborted_before} at the crash, {aborted_audit} after)"
        ),
        LeftOpen::AlreadyAborted => assert_eq!(
            aborted_audit, aborted_before,
            "the transaction was aborted before the restart, which had nothing to abort"
        ),
    }
    let by_input = once_per_input(&audit);
    let committed_inputs: BTreeSet<String> = by_input.keys().cloned().collect();
    let gap: BTreeSet<&String> = shown_inputs.difference(&committed_inputs).collect();
    assert_eq!(
        gap.len(),
        aborted_audit,
        "the committed view lacks exactly the inputs of the aborted audit records"
    );

    let (copies, aborted_copies, strays) = committed_copies(broker, topics, &by_input);
    for (name, got) in strays {
        assert!(
            got.keys().all(|pos| gap.contains(pos)),
            "{name}: committed copies of inputs without a committed audit record outside the gap"
        );
        assert!(
            got.values().all(|n| *n == 1),
            "{name}: a committed copy twice"
        );
    }
    format!(
        "{aborted_audit} audit records and {aborted_copies} destination copies in aborted \
         transactions; committed view: {} audit records, none twice, {copies} forwarded copies \
         each once; gap of {} inputs, exactly the aborted records' (the broker showed them to \
         the chain recovery); broker's view: {} audit records, each input once, chains verify",
        audit.len(),
        gap.len(),
        shown.len(),
    )
}

/// tansu 0.6 stores a transaction's `transaction.timeout.ms` (InitProducerId) and its start
/// (AddPartitionsToTxn) but never reads them: a transaction left open three times its timeout is
/// neither aborted nor fenced, and its producer commits it afterwards with the same epoch. A
/// broker that expires transactions (Apache Kafka, whose check runs every
/// `transaction.abort.timed.out.transaction.cleanup.interval.ms`) would write an ABORT marker,
/// bump the epoch and fail the late commit: this test would then fail, and tell.
#[test]
fn broker_keeps_a_transaction_open_past_its_timeout() {
    let broker = Broker::start();
    let topic = crate::support::broker::unique_name("txn");
    broker.create_topic(&topic, 1);
    let mut cfg = broker.client_config();
    cfg.set(
        "transactional.id",
        crate::support::broker::unique_name("tx"),
    )
    .set("transaction.timeout.ms", "1000");
    let p: ThreadedProducer<_> = cfg.create().unwrap();
    p.init_transactions(Duration::from_secs(10)).unwrap();
    p.begin_transaction().unwrap();
    for v in ["t0", "t1", "t2"] {
        p.send(BaseRecord::<(), _>::to(&topic).payload(v)).unwrap();
    }
    p.flush(Duration::from_secs(10)).unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let open = batches(broker.port(), &topic, 0);
    assert!(
        open.iter().all(|b| b.marker.is_none()),
        "no marker 3 s past a 1 s transaction timeout: {open:?}"
    );
    p.commit_transaction(Duration::from_secs(10))
        .expect("the late commit of the expired transaction");
    let b = batches(broker.port(), &topic, 0);
    let markers: Vec<(i64, Marker, i16)> = b
        .iter()
        .filter_map(|b| b.marker.map(|m| (b.base_offset, m, b.producer_epoch)))
        .collect();
    assert_eq!(
        markers,
        vec![(3, Marker::Commit, open[0].producer_epoch)],
        "committed with the epoch of the data (no bump)"
    );
    let (seen, aborted) = committed(&broker, &topic, 1);
    assert_eq!(seen.len(), 3);
    assert_eq!(aborted, 0);
}

/// SIGSTOPs the guard at a moment its transaction is open (audit records without a marker yet:
/// written, not committed), and if `mid_batch` only part of its batch written, trying again after
/// a SIGCONT until it is; returns the open records (partition, offset).
fn pause_in_open_transaction(
    broker: &Broker,
    topic: &str,
    guard: &GuardProcess,
    mid_batch: bool,
) -> Vec<(i32, i64)> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        guard.pause();
        let open: Vec<(i32, i64)> = (0..AUDIT_PARTITIONS)
            .flat_map(|p| {
                fates(&batches(broker.port(), topic, p))
                    .into_iter()
                    .filter(|(_, f)| *f == Fate::Open)
                    .map(move |(o, _)| (p, o))
            })
            .collect();
        // Mid-batch: fewer audit records than the batch's 100 events, so the guard was still
        // writing, and some of its messages are likely still unsent.
        if !open.is_empty() && (!mid_batch || open.len() % BATCH != 0) {
            return open;
        }
        guard.resume();
        assert!(
            Instant::now() < deadline,
            "no open transaction caught in 30 s"
        );
        std::thread::sleep(Duration::from_millis(3));
    }
}

/// The stalled guard's transaction timeout: short, so that a stall outlives it.
const STALL_TXN_TIMEOUT: &str = "2s";
/// Longer than the transaction timeout, shorter than the session timeout of
/// [`KAFKA_PROPERTIES`] (6 s): the group keeps the guard, only its transaction outlives its
/// timeout.
const STALL: Duration = Duration::from_secs(5);

/// Events per transaction of the guards here (`exactly_once.batch_max_messages`).
const BATCH: usize = 100;

#[test]
fn guard_stalled_past_its_transaction_timeout_audits_every_input_once() {
    stall_past_the_transaction_timeout(false);
}

/// The same stall, caught while the guard is still writing its batch: more likely the outcome
/// where messages time out.
#[test]
fn guard_stalled_mid_batch_past_its_transaction_timeout_audits_every_input_once() {
    stall_past_the_transaction_timeout(true);
}

/// A guard SIGSTOPped for [`STALL`] with its transaction open (`mid_batch`: see
/// [`pause_in_open_transaction`]), then SIGCONTed; checks whichever outcome follows (module doc).
fn stall_past_the_transaction_timeout(mid_batch: bool) {
    let (run, watch) = Run::start(Some(STALL_TXN_TIMEOUT));
    let (broker, topics, total) = (&run.broker, &run.topics, run.total);
    let port = free_port();
    let config = run.config(port, KAFKA_PROPERTIES);
    let mut a = run.serve.start("a", &config, port);
    a.wait_ready();
    wait_writing(broker, &topics.audit, 150);
    let open_at_stall = pause_in_open_transaction(broker, &topics.audit, &a, mid_batch);
    std::thread::sleep(STALL);
    a.resume();
    // Either the guard goes on, or (when messages of the open transaction were still unsent at
    // the stall) it stops: they time out, and the transaction can only be aborted with an epoch
    // bump, which this broker refuses.
    let deadline = Instant::now() + WAIT;
    while watch.counts().0 < total && a.running() {
        assert!(Instant::now() < deadline, "{}", watch.missing_summary());
        std::thread::sleep(Duration::from_millis(5));
    }
    let outcome = if a.running() {
        let aborted_txns = a.metric("leadguard_transactions_total{result=\"aborted\"}");
        let (status, _) = a.terminate();
        assert!(status.success(), "a: exit after SIGTERM: {status}");
        drop(watch);
        check_went_on(broker, topics, &run.serve, total, aborted_txns)
    } else {
        let status = a.exit_status();
        assert!(!status.success(), "a stopped on its own: {status}");
        assert!(
            messages_timed_out(&a.logs()),
            "a stopped because messages of its transaction timed out:\n{}",
            a.logs()
        );
        let (_, aborted_before) = committed(broker, &topics.audit, AUDIT_PARTITIONS);
        let fate = fates_by_partition(broker, &topics.audit, AUDIT_PARTITIONS);
        let left_open = if open_at_stall
            .iter()
            .all(|(p, o)| fate[p][o] == Fate::Aborted)
        {
            LeftOpen::AlreadyAborted
        } else {
            assert!(
                open_at_stall.iter().all(|(p, o)| fate[p][o] == Fate::Open),
                "a stopped with its transaction either open or aborted, not half of each"
            );
            LeftOpen::Yes
        };
        let summary = run.restart_and_check(watch, &config, port, aborted_before, left_open);
        format!(
            "the guard stopped (messages timed out) and was restarted (transaction left open: \
             {left_open:?}); {summary}"
        )
    };
    let fate = fates_by_partition(broker, &topics.audit, AUDIT_PARTITIONS);
    let ended: BTreeSet<Fate> = open_at_stall.iter().map(|(p, o)| fate[p][o]).collect();
    assert!(
        !ended.contains(&Fate::Open),
        "the transaction open at the stall has ended: {ended:?}"
    );
    eprintln!(
        "exactly-once stall of {STALL:?} past a {STALL_TXN_TIMEOUT} transaction timeout (mid-batch: \
         {mid_batch}): {total} inputs; {} audit records in the transaction open at the stall, then {ended:?}; \
         {outcome}; total {:.1?}",
        open_at_stall.len(),
        run.started.elapsed()
    );
}

/// Whether a guard's log says it stopped because messages of its transaction were not delivered
/// in time: librdkafka timed them out and the transaction needs an epoch bump (found at the next
/// enqueue or abort), or they were still queued when the commit's own flush gave up (rdkafka's
/// `commit_transaction` flushes first; seen in a CI run of stop 27, where the woken zombie's
/// connection was closed).
fn messages_timed_out(log: &str) -> bool {
    (log.contains("timed out") && log.contains("requires epoch bump"))
        || log.contains("Flush error: OperationTimedOut")
}

/// After one instance went on across a stall and audited all `total` inputs, the committed view
/// (by the markers) has every input audited once — no duplicate, no gap —, its chains verify,
/// each forwarded copy is there once and nothing else; aborted records are the guard's own
/// aborts (`aborted_txns`: its aborted transactions), as the broker never expires one. Returns
/// the figures.
fn check_went_on(
    broker: &Broker,
    topics: &Topics,
    serve: &ServeSetup,
    total: usize,
    aborted_txns: f64,
) -> String {
    let (audit, aborted_audit) = committed(broker, &topics.audit, AUDIT_PARTITIONS);
    let by_input = once_per_input(&audit);
    assert_eq!(
        by_input.len(),
        total,
        "every input has a committed audit record"
    );
    verify_chains(&serve.guard(), &audit, AUDIT_PARTITIONS);
    let (copies, aborted_copies, strays) = committed_copies(broker, topics, &by_input);
    for (name, got) in strays {
        assert!(
            got.is_empty(),
            "{name}: committed copies without audit: {got:?}"
        );
    }
    assert_eq!(
        aborted_audit > 0,
        aborted_txns > 0.0,
        "aborted audit records ({aborted_audit}) iff the guard aborted ({aborted_txns})"
    );
    let epochs: BTreeSet<(i64, i16)> = (0..AUDIT_PARTITIONS)
        .flat_map(|p| batches(broker.port(), &topics.audit, p))
        .map(|b| (b.producer_id, b.producer_epoch))
        .collect();
    format!(
        "the guard went on: {aborted_txns} transactions aborted by it, {aborted_audit} audit \
         records and {aborted_copies} copies aborted, producer (id, epoch) {epochs:?}; committed \
         view: {} audit records, each input once, chains verify, {copies} forwarded copies each \
         once",
        audit.len()
    )
}

/// The (producer id, epoch) → data record offsets of each audit partition.
fn epoch_records(broker: &Broker, topic: &str) -> BTreeMap<(i64, i16), BTreeSet<(i32, i64)>> {
    let mut out: BTreeMap<(i64, i16), BTreeSet<(i32, i64)>> = BTreeMap::new();
    for p in 0..AUDIT_PARTITIONS {
        for b in batches(broker.port(), topic, p) {
            if b.marker.is_none() {
                out.entry((b.producer_id, b.producer_epoch))
                    .or_default()
                    .extend((b.base_offset..=b.last_offset).map(|o| (p, o)));
            }
        }
    }
    out
}

#[test]
fn zombie_fenced_by_its_restart_stops_and_committed_readers_see_no_duplicate() {
    let (run, watch) = Run::start(Some(STALL_TXN_TIMEOUT));
    let (broker, topics, serve, total) = (&run.broker, &run.topics, &run.serve, run.total);
    let (port_a, port_b) = (free_port(), free_port());
    let config_a = run.config(port_a, PROPERTIES);
    let config_b = run.config(port_b, PROPERTIES);

    // a freezes with its transaction open: a zombie. Its restart b, with the same
    // `transactional.id`, fences it and takes its partitions once its session expires.
    let mut a = serve.start("a", &config_a, port_a);
    a.wait_ready();
    wait_writing(broker, &topics.audit, 150);
    let open_at_stall = pause_in_open_transaction(broker, &topics.audit, &a, false);
    let (_, aborted_before) = committed(broker, &topics.audit, AUDIT_PARTITIONS);
    let zombie = epoch_records(broker, &topics.audit);
    assert_eq!(zombie.len(), 1, "one producer epoch before the restart");
    let mut b = serve.start("b", &config_b, port_b);
    b.wait_ready();
    watch.wait_for(total, &mut [&mut b]);

    // The zombie wakes up: its commit goes unanswered (tansu closes the connection instead of
    // answering PRODUCER_FENCED), or its unsent messages time out; either way it stops on its
    // own.
    a.resume();
    let (stopped_after, status) = a.wait_exit(Duration::from_secs(30));
    assert!(!status.success(), "a: {status}");
    let log = a.logs();
    // Its commit went unanswered and was retried; or, when some of its messages were still
    // unsent at the freeze (likelier on a loaded machine), they timed out (as in the mid-batch
    // stall).
    let retried = log.contains("commit_transaction failed; retrying");
    let timed_out = messages_timed_out(&log);
    assert!(
        retried || timed_out,
        "a stopped because its commit went unanswered or its messages timed out:\n{log}"
    );
    assert!(
        !log.to_lowercase().contains("fenced"),
        "a was not told it is fenced (if it now is, the broker answers PRODUCER_FENCED: update \
         docs/test-broker.md and this test):\n{log}"
    );
    let (status, _) = b.terminate();
    assert!(status.success(), "b: exit after SIGTERM: {status}");
    drop(watch);

    // The zombie wrote nothing after its restart; its open transaction was aborted.
    let after = epoch_records(broker, &topics.audit);
    let (zombie_epoch, zombie_records) = zombie.iter().next().unwrap();
    assert_eq!(
        after.get(zombie_epoch),
        Some(zombie_records),
        "the zombie's records (producer id, epoch {zombie_epoch:?}) are those it wrote before \
         the restart"
    );
    assert!(
        after
            .keys()
            .all(|(id, epoch)| id == &zombie_epoch.0 && epoch >= &zombie_epoch.1),
        "the restart kept the producer id and bumped the epoch: {:?}",
        after.keys().collect::<Vec<_>>()
    );
    let fate = fates_by_partition(broker, &topics.audit, AUDIT_PARTITIONS);
    assert!(
        open_at_stall
            .iter()
            .all(|(p, o)| fate[p][o] == Fate::Aborted),
        "the zombie's open transaction was aborted by its restart"
    );
    let summary = check_restarted(broker, topics, serve, total, aborted_before, LeftOpen::Yes);
    eprintln!(
        "exactly-once zombie: {total} inputs; {} audit records open when a froze, aborted by its \
         restart b (producer epochs {:?}); a woke after b audited everything and stopped on its \
         own {stopped_after:.1?} later ({}), unaware it was fenced, having written nothing more; \
         {summary}; total {:.1?}",
        open_at_stall.len(),
        after.keys().collect::<Vec<_>>(),
        if retried {
            "its commit retried"
        } else {
            "its messages timed out"
        },
        run.started.elapsed()
    );
}
