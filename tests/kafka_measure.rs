//! Measurements and behaviour probes against tansu, not regular tests: every
//! test here is `#[ignore]` and asserts nothing about timing. Run with
//!
//! ```text
//! cargo test --release --test kafka_measure -- --ignored --nocapture --test-threads=1
//! ```
//!
//! and read the printed lines. `probe_*` record how tansu 0.6 behaves on
//! APIs the smoke tests deliberately avoid.

mod support;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, ResourceSpecifier, TopicReplication};
use rdkafka::client::{ClientContext, DefaultClientContext};
use rdkafka::consumer::{
    BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance, StreamConsumer,
};
use rdkafka::message::Message;
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord, Producer};
use rdkafka::{Offset, TopicPartitionList};
use support::broker::{unique_name, Broker};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn produce_n(producer: &FutureProducer, topic: &str, n: usize, size: usize) -> Duration {
    let payload = vec![b'x'; size];
    let start = Instant::now();
    let mut pending: VecDeque<DeliveryFuture> = VecDeque::new();
    for i in 0..n {
        let key = format!("lead-{}", i % 1000);
        let mut rec = FutureRecord::to(topic).key(&key).payload(&payload);
        loop {
            match producer.send_result(rec) {
                Ok(f) => {
                    pending.push_back(f);
                    break;
                }
                Err((_, back)) => {
                    rec = back;
                    // queue full: drain some delivery reports
                    for _ in 0..1000 {
                        match pending.pop_front() {
                            Some(f) => {
                                f.await.unwrap().map_err(|(e, _)| e).expect("delivery");
                            }
                            None => break,
                        }
                    }
                }
            }
        }
    }
    while let Some(f) = pending.pop_front() {
        f.await.unwrap().map_err(|(e, _)| e).expect("delivery");
    }
    start.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run explicitly"]
async fn measure_broker_start() {
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let b = Broker::start();
        times.push(t.elapsed());
        drop(b);
    }
    times.sort();
    println!(
        "MEASURE broker start (spawn + TCP + metadata), 10 runs: min {} median {} max {}",
        ms(times[0]),
        ms(times[5]),
        ms(times[9])
    );
    let b = Broker::start();
    let t = Instant::now();
    b.create_topic(&unique_name("t"), 4);
    println!(
        "MEASURE create_topic (tansu CLI + metadata check): {}",
        ms(t.elapsed())
    );
}

#[derive(Clone, Default)]
struct RebalanceLog(Arc<Mutex<Vec<(Instant, String)>>>);
impl ClientContext for RebalanceLog {}
impl ConsumerContext for RebalanceLog {
    fn post_rebalance(&self, _c: &BaseConsumer<Self>, r: &Rebalance<'_>) {
        let what = match r {
            Rebalance::Assign(tpl) => format!(
                "assign {:?}",
                tpl.elements()
                    .iter()
                    .map(|e| e.partition())
                    .collect::<Vec<_>>()
            ),
            Rebalance::Revoke(tpl) => format!(
                "revoke {:?}",
                tpl.elements()
                    .iter()
                    .map(|e| e.partition())
                    .collect::<Vec<_>>()
            ),
            Rebalance::Error(e) => format!("error {e}"),
        };
        self.0.lock().unwrap().push((Instant::now(), what));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run explicitly"]
async fn measure_group_join() {
    let broker = Broker::start();
    let topic = unique_name("join");
    broker.create_topic(&topic, 4);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    produce_n(&producer, &topic, 100, 100).await;
    let group = unique_name("g");

    let log1 = RebalanceLog::default();
    let t0 = Instant::now();
    let c1: StreamConsumer<RebalanceLog> = broker
        .consumer_config(&group)
        .create_with_context(log1.clone())
        .unwrap();
    c1.subscribe(&[&topic]).unwrap();
    c1.recv().await.unwrap();
    let first_msg = t0.elapsed();
    for (t, w) in log1.0.lock().unwrap().iter() {
        println!("MEASURE join#1 {w} at {}", ms(*t - t0));
    }
    println!(
        "MEASURE first consumer, new group: subscribe -> first message {}",
        ms(first_msg)
    );

    // A second member joins while the first is active: rebalance.
    let log2 = RebalanceLog::default();
    let t1 = Instant::now();
    let c2: StreamConsumer<RebalanceLog> = broker
        .consumer_config(&group)
        .create_with_context(log2.clone())
        .unwrap();
    c2.subscribe(&[&topic]).unwrap();
    // keep c1 polling so it can take part in the rebalance
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        tokio::select! {
            _ = c1.recv() => {},
            _ = c2.recv() => {},
            _ = tokio::time::sleep(Duration::from_millis(50)) => {},
        }
        if log2
            .0
            .lock()
            .unwrap()
            .iter()
            .any(|(_, w)| w.starts_with("assign"))
        {
            break;
        }
    }
    for (t, w) in log1.0.lock().unwrap().iter().filter(|(t, _)| *t > t1) {
        println!("MEASURE rebalance c1 {w} at +{}", ms(*t - t1));
    }
    for (t, w) in log2.0.lock().unwrap().iter() {
        println!("MEASURE rebalance c2 {w} at +{}", ms(*t - t1));
    }
    c1.commit_consumer_state(CommitMode::Sync).ok();
    drop(c1);
    drop(c2);

    // Restart: same group, nobody else in it.
    let t2 = Instant::now();
    let log3 = RebalanceLog::default();
    let c3: StreamConsumer<RebalanceLog> = broker
        .consumer_config(&group)
        .create_with_context(log3.clone())
        .unwrap();
    c3.subscribe(&[&topic]).unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(30), c3.recv()).await;
    for (t, w) in log3.0.lock().unwrap().iter() {
        println!("MEASURE restart c3 {w} at +{}", ms(*t - t2));
    }
    println!(
        "MEASURE restart in same group: subscribe -> first message {}",
        ms(t2.elapsed())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run explicitly"]
async fn measure_throughput_200k_600b() {
    const N: usize = 200_000;
    const SIZE: usize = 600;
    let broker = Broker::start();
    let topic = unique_name("tput");
    broker.create_topic(&topic, 4);

    for (label, idempotent) in [("idempotent acks=all", true)] {
        let mut cfg = broker.producer_config();
        cfg.set("enable.idempotence", idempotent.to_string());
        let producer: FutureProducer = cfg.create().unwrap();
        let d = produce_n(&producer, &topic, N, SIZE).await;
        println!(
            "MEASURE produce {N} x {SIZE} B ({label}, FutureProducer): {:.2} s = {:.0} msg/s, {:.1} MB/s",
            d.as_secs_f64(),
            N as f64 / d.as_secs_f64(),
            (N * SIZE) as f64 / d.as_secs_f64() / 1e6
        );
    }

    let consumer: StreamConsumer = broker.consumer_config(&unique_name("g")).create().unwrap();
    consumer.subscribe(&[&topic]).unwrap();
    let t = Instant::now();
    let first = consumer.recv().await.unwrap().offset();
    let joined = t.elapsed();
    let t = Instant::now();
    let mut bytes = 0usize;
    for _ in 1..N {
        let m = tokio::time::timeout(Duration::from_secs(60), consumer.recv())
            .await
            .expect("timeout")
            .unwrap();
        bytes += m.payload().map_or(0, |p| p.len());
    }
    let d = t.elapsed();
    println!(
        "MEASURE consume {N} (StreamConsumer::recv, group join {} excluded, first offset {first}): {:.2} s = {:.0} msg/s, {:.1} MB/s",
        ms(joined),
        d.as_secs_f64(),
        N as f64 / d.as_secs_f64(),
        bytes as f64 / d.as_secs_f64() / 1e6
    );
    let t = Instant::now();
    consumer.commit_consumer_state(CommitMode::Sync).unwrap();
    println!("MEASURE sync commit: {}", ms(t.elapsed()));
    let rss = std::fs::read_to_string(format!("/proc/{}/status", broker_pid(&broker)))
        .unwrap_or_default();
    if let Some(l) = rss.lines().find(|l| l.starts_with("VmRSS")) {
        println!("MEASURE tansu {l} after 200k x 600 B in memory");
    }
}

fn broker_pid(b: &Broker) -> u32 {
    // find the tansu child listening on the broker port via /proc (best effort)
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
    0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_offset_apis() {
    let broker = Broker::start();
    let topic = unique_name("probe");
    broker.create_topic(&topic, 2);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    let before = chrono_ms();
    tokio::time::sleep(Duration::from_millis(20)).await;
    let mut deliveries = Vec::new();
    for i in 0..10 {
        let d = producer
            .send(
                FutureRecord::to(&topic)
                    .key(&format!("k{i}"))
                    .payload(&format!("v{i}"))
                    .partition(i % 2),
                Duration::from_secs(5),
            )
            .await
            .map_err(|(e, _)| e)
            .unwrap();
        deliveries.push((d.partition, d.offset));
    }
    println!("PROBE deliveries {deliveries:?}");
    let c: StreamConsumer = broker.consumer_config(&unique_name("g")).create().unwrap();
    for p in 0..2 {
        println!(
            "PROBE fetch_watermarks p{p}: {:?} (5 records produced)",
            c.fetch_watermarks(&topic, p, Duration::from_secs(5))
        );
    }
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition_offset(&topic, 0, Offset::Offset(before))
        .unwrap();
    tpl.add_partition_offset(&topic, 1, Offset::Offset(chrono_ms() + 60_000))
        .unwrap();
    println!(
        "PROBE offsets_for_times(p0: before all, p1: future): {:?}",
        c.offsets_for_times(tpl, Duration::from_secs(5))
            .map(|t| t.to_topic_map())
    );
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition(&topic, 0);
    tpl.add_partition(&topic, 1);
    println!(
        "PROBE committed_offsets before any commit: {:?}",
        c.committed_offsets(tpl.clone(), Duration::from_secs(5))
            .map(|t| t.to_topic_map())
    );
    c.subscribe(&[&topic]).unwrap();
    for _ in 0..10 {
        c.recv().await.unwrap();
    }
    c.commit_consumer_state(CommitMode::Sync).unwrap();
    println!(
        "PROBE committed_offsets after reading all: {:?}",
        c.committed_offsets(tpl.clone(), Duration::from_secs(5))
            .map(|t| t.to_topic_map())
    );
    println!(
        "PROBE position: {:?}",
        c.position().map(|t| t.to_topic_map())
    );

    // auto.offset.reset=latest on a fresh group, then produce 1 more record
    let mut cfg = broker.consumer_config(&unique_name("g-latest"));
    cfg.set("auto.offset.reset", "latest");
    let latest: StreamConsumer = cfg.create().unwrap();
    latest.subscribe(&[&topic]).unwrap();
    let r = tokio::time::timeout(Duration::from_secs(8), latest.recv()).await;
    println!(
        "PROBE auto.offset.reset=latest, no new records: {:?}",
        r.map(|m| m.map(|m| (m.partition(), m.offset())))
    );
    producer
        .send(
            FutureRecord::to(&topic)
                .key("new")
                .payload("new")
                .partition(0),
            Duration::from_secs(5),
        )
        .await
        .unwrap();
    let r = tokio::time::timeout(Duration::from_secs(8), latest.recv()).await;
    println!(
        "PROBE auto.offset.reset=latest, after 1 new record on p0: {:?}",
        r.map(|m| m.map(|m| (
            m.partition(),
            m.offset(),
            m.payload().map(|p| String::from_utf8_lossy(p).into_owned())
        )))
    );
    for p in 0..2 {
        println!(
            "PROBE fetch_watermarks p{p} after 11 records: {:?}",
            c.fetch_watermarks(&topic, p, Duration::from_secs(5))
        );
    }

    // produce to a topic that does not exist
    let missing = unique_name("missing");
    let r = producer
        .send(
            FutureRecord::to(&missing).key("k").payload("v"),
            Duration::from_secs(5),
        )
        .await;
    println!(
        "PROBE produce to missing topic: {:?}",
        r.map_err(|(e, _)| e)
    );
    println!(
        "PROBE metadata for missing topic after that: {:?}",
        broker.topic_partitions(&missing)
    );
}

/// Drops (closes) a consumer on another thread; reports how long it took, or
/// that it hung (the thread is leaked then).
fn timed_close<T: Send + 'static>(c: T, limit: Duration) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    let t = Instant::now();
    std::thread::spawn(move || {
        drop(c);
        let _ = tx.send(());
    });
    match rx.recv_timeout(limit) {
        Ok(()) => ms(t.elapsed()),
        Err(_) => format!("HUNG > {limit:?}"),
    }
}

fn chrono_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_admin_and_compaction() {
    let broker = Broker::start();
    let admin: AdminClient<DefaultClientContext> = broker.client_config().create().unwrap();
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(5)));
    let t = unique_name("admin");
    let r = admin
        .create_topics(&[NewTopic::new(&t, 3, TopicReplication::Fixed(1))], &opts)
        .await;
    println!(
        "PROBE AdminClient::create_topics(3 partitions): {r:?}; metadata partitions = {:?}",
        broker.topic_partitions(&t)
    );
    let r = admin
        .create_topics(&[NewTopic::new(&t, 3, TopicReplication::Fixed(1))], &opts)
        .await;
    println!("PROBE AdminClient::create_topics again: {r:?}");
    let r = admin
        .describe_configs(&[ResourceSpecifier::Topic(&t)], &opts)
        .await;
    println!(
        "PROBE describe_configs(plain topic): {:?}",
        r.map(|v| v
            .into_iter()
            .map(|c| c.map(|c| c.entries.len()))
            .collect::<Vec<_>>())
    );

    let compact = unique_name("compact");
    broker.create_topic_with_config(&compact, 1, &[("cleanup.policy", "compact")]);
    let r = admin
        .describe_configs(&[ResourceSpecifier::Topic(&compact)], &opts)
        .await;
    match r {
        Ok(v) => {
            for c in v {
                match c {
                    Ok(c) => println!(
                        "PROBE describe_configs(compact via tansu CLI): cleanup.policy = {:?} ({} entries)",
                        c.entry_map().get("cleanup.policy").map(|e| e.value.clone()),
                        c.entries.len()
                    ),
                    Err(e) => println!("PROBE describe_configs(compact) error {e:?}"),
                }
            }
        }
        Err(e) => println!("PROBE describe_configs(compact) failed: {e}"),
    }
    let compact2 = unique_name("compact-admin");
    let r = admin
        .create_topics(
            &[NewTopic::new(&compact2, 1, TopicReplication::Fixed(1))
                .set("cleanup.policy", "compact")],
            &opts,
        )
        .await;
    println!("PROBE AdminClient::create_topics(cleanup.policy=compact): {r:?}");

    // Same key many times on the compacted topic: does anything disappear?
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    for i in 0..50 {
        producer
            .send(
                FutureRecord::to(&compact)
                    .key("same")
                    .payload(&format!("v{i}")),
                Duration::from_secs(5),
            )
            .await
            .map_err(|(e, _)| e)
            .unwrap();
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let c: StreamConsumer = broker.consumer_config(&unique_name("g")).create().unwrap();
    c.subscribe(&[&compact]).unwrap();
    let mut n = 0;
    while let Ok(Ok(_)) = tokio::time::timeout(Duration::from_secs(8), c.recv()).await {
        n += 1;
    }
    println!("PROBE compacted topic: 50 records with one key, {n} read back after 3 s");

    // tombstone (null payload)
    producer
        .send(
            FutureRecord::<str, [u8]>::to(&compact).key("same"),
            Duration::from_secs(5),
        )
        .await
        .map_err(|(e, _)| e)
        .unwrap();
    let m = tokio::time::timeout(Duration::from_secs(8), c.recv()).await;
    println!(
        "PROBE tombstone read back: {:?}",
        m.map(|m| m.map(|m| (m.offset(), m.payload().map(|p| p.len()))))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_abort_read_committed_rdkafka() {
    let broker = Broker::start();
    let topic = unique_name("abort");
    broker.create_topic(&topic, 1);
    let txp: FutureProducer = broker
        .transactional_producer_config(&unique_name("tx"))
        .create()
        .unwrap();
    let t = Instant::now();
    txp.init_transactions(Duration::from_secs(30)).unwrap();
    println!("PROBE init_transactions: {}", ms(t.elapsed()));
    for (i, commit) in [(0, true), (1, false), (2, true)] {
        let t = Instant::now();
        txp.begin_transaction().unwrap();
        for j in 0..3 {
            txp.send(
                FutureRecord::to(&topic).key("k").payload(&format!(
                    "tx{i}-{j}-{}",
                    if commit { "commit" } else { "abort" }
                )),
                Duration::from_secs(5),
            )
            .await
            .map_err(|(e, _)| e)
            .unwrap();
        }
        if commit {
            txp.commit_transaction(Duration::from_secs(30)).unwrap();
        } else {
            txp.abort_transaction(Duration::from_secs(30)).unwrap();
        }
        println!(
            "PROBE transaction {i} ({}) took {}",
            if commit { "commit" } else { "abort" },
            ms(t.elapsed())
        );
    }
    for iso in ["read_committed", "read_uncommitted"] {
        let mut cfg = broker.consumer_config(&unique_name("g"));
        cfg.set("isolation.level", iso);
        let c: StreamConsumer = cfg.create().unwrap();
        c.subscribe(&[&topic]).unwrap();
        let mut seen = Vec::new();
        while let Ok(Ok(m)) = tokio::time::timeout(Duration::from_secs(6), c.recv()).await {
            seen.push(format!(
                "{}@{}",
                String::from_utf8_lossy(m.payload().unwrap_or_default()),
                m.offset()
            ));
        }
        println!("PROBE rdkafka {iso}: {seen:?}");
        println!(
            "PROBE watermarks: {:?}",
            c.fetch_watermarks(&topic, 0, Duration::from_secs(5))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_watermarks_batched() {
    let broker = Broker::start();
    let topic = unique_name("wm");
    broker.create_topic(&topic, 4);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    produce_n(&producer, &topic, 1000, 100).await;
    let c: StreamConsumer = broker.consumer_config(&unique_name("g")).create().unwrap();
    c.subscribe(&[&topic]).unwrap();
    let mut max_off = [-1i64; 4];
    let mut count = [0usize; 4];
    for _ in 0..1000 {
        let m = c.recv().await.unwrap();
        let p = m.partition() as usize;
        max_off[p] = max_off[p].max(m.offset());
        count[p] += 1;
    }
    for p in 0..4 {
        println!(
            "PROBE batched p{p}: {} records, last offset {}, fetch_watermarks {:?}",
            count[p],
            max_off[p],
            c.fetch_watermarks(&topic, p as i32, Duration::from_secs(5))
        );
    }
    let mut tpl = TopicPartitionList::new();
    for p in 0..4 {
        tpl.add_partition_offset(&topic, p, Offset::Offset(chrono_ms() + 60_000))
            .unwrap();
    }
    println!(
        "PROBE offsets_for_times(future) batched: {:?}",
        c.offsets_for_times(tpl, Duration::from_secs(5))
            .map(|t| t.to_topic_map())
    );
    // "latest" group on a topic with data, then 1 new record
    let mut cfg = broker.consumer_config(&unique_name("g-latest"));
    cfg.set("auto.offset.reset", "latest");
    let latest: StreamConsumer = cfg.create().unwrap();
    latest.subscribe(&[&topic]).unwrap();
    let r = tokio::time::timeout(Duration::from_secs(8), latest.recv()).await;
    println!(
        "PROBE batched latest, no new records: {:?}",
        r.map(|m| m.map(|m| (m.partition(), m.offset())))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run explicitly"]
async fn measure_group_join_vs_session_timeout() {
    let broker = Broker::start();
    let topic = unique_name("join-session");
    broker.create_topic(&topic, 4);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    produce_n(&producer, &topic, 100, 100).await;
    let cases = [
        ("45000", "3000"),
        ("10000", "3000"),
        ("6000", "1000"),
        ("3000", "1000"),
        ("2000", "500"),
        ("1000", "300"),
    ];
    for (session, heartbeat) in &cases {
        let (session, heartbeat): (&str, &str) = (session, heartbeat);
        let g = unique_name("g");
        for member in 0..2 {
            // member 0: new group; member 1: restart after member 0 closed cleanly
            let mut cfg = broker.consumer_config(&g);
            cfg.set("session.timeout.ms", session)
                .set("heartbeat.interval.ms", heartbeat);
            let t = Instant::now();
            let c: StreamConsumer = match cfg.create() {
                Ok(c) => c,
                Err(e) => {
                    println!("MEASURE session {session}: create failed {e}");
                    break;
                }
            };
            c.subscribe(&[&topic]).unwrap();
            let r = tokio::time::timeout(Duration::from_secs(60), c.recv()).await;
            let res = match &r {
                Ok(Ok(_)) => "got a message".to_string(),
                Ok(Err(e)) => format!("error {e}"),
                Err(_) => "timeout 60 s".to_string(),
            };
            // The message borrows the consumer but rdkafka does not tie its
            // drop to the consumer's: a BorrowedMessage still alive when the
            // consumer is dropped makes rd_kafka_destroy hang forever.
            drop(r);
            println!(
                "MEASURE session.timeout.ms={session} heartbeat={heartbeat} member #{member}: subscribe -> first message {} ({res})",
                ms(t.elapsed())
            );
            let t = Instant::now();
            let committed = c.commit_consumer_state(CommitMode::Sync);
            println!(
                "MEASURE   sync commit: {} {:?}",
                ms(t.elapsed()),
                committed.err()
            );
            println!(
                "MEASURE   close: {}",
                timed_close(c, Duration::from_secs(20))
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_consumer_close() {
    let broker = Broker::start();
    let topic = unique_name("close");
    broker.create_topic(&topic, 4);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    produce_n(&producer, &topic, 100, 100).await;
    for (label, read_all, on_thread, commit) in [
        ("read all, drop inline, commit", true, false, true),
        ("read all, drop inline, no commit", true, false, false),
        ("read 1, drop inline, no commit", false, false, false),
        ("read all, drop on thread, commit", true, true, true),
        ("read 1, drop on thread, commit", false, true, true),
    ] {
        let c: StreamConsumer = broker.consumer_config(&unique_name("g")).create().unwrap();
        c.subscribe(&[&topic]).unwrap();
        let n = if read_all { 100 } else { 1 };
        for _ in 0..n {
            c.recv().await.unwrap();
        }
        if commit {
            c.commit_consumer_state(CommitMode::Sync).unwrap();
        }
        let d = if on_thread {
            timed_close(c, Duration::from_secs(20))
        } else {
            let t = Instant::now();
            drop(c);
            ms(t.elapsed())
        };
        println!("PROBE close ({label}): {d}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "probe; run explicitly"]
async fn probe_consumer_close_variants() {
    let broker = Broker::start();
    let topic = unique_name("close2");
    broker.create_topic(&topic, 4);
    let producer: FutureProducer = broker.producer_config().create().unwrap();
    produce_n(&producer, &topic, 100, 100).await;
    for variant in 0..4 {
        let mut cfg = broker.consumer_config(&unique_name("g"));
        if variant == 1 || variant == 3 {
            cfg.set("session.timeout.ms", "6000").set("heartbeat.interval.ms", "1000");
        }
        let c: StreamConsumer = cfg.create().unwrap();
        c.subscribe(&[&topic]).unwrap();
        if variant >= 2 {
            let _ = tokio::time::timeout(Duration::from_secs(60), c.recv()).await;
        } else {
            c.recv().await.unwrap();
        }
        let t = Instant::now();
        c.commit_consumer_state(CommitMode::Sync).unwrap();
        let commit = t.elapsed();
        println!("PROBE close variant {variant} (commit {}): {}", ms(commit), timed_close(c, Duration::from_secs(20)));
    }
}
