//! The topics of one guard run on a test broker, all with unique names, and reading them back
//! with rdkafka.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use leadguard::audit::{verify_record, ChainVerifier, InputRef};
use leadguard::engine::Guard;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use serde_json::Value;

use super::broker::{unique_name, Broker};
use super::fixtures::DESTINATIONS;
use super::guard::WAIT;

/// The topics of one run, all with unique names.
pub struct Topics {
    pub input: String,
    pub audit: String,
    pub dead_letter: String,
    pub withdrawals: String,
    /// Signed checkpoints (the reference policy checkpoints).
    pub checkpoints: String,
    /// Destination name → topic, in policy order.
    pub destinations: Vec<(String, String)>,
}

impl Topics {
    pub fn new() -> Topics {
        Topics {
            input: unique_name("leads-raw"),
            audit: unique_name("leads-audit"),
            dead_letter: unique_name("leads-dead-letter"),
            withdrawals: unique_name("leads-withdrawals"),
            checkpoints: unique_name("leads-checkpoints"),
            destinations: DESTINATIONS
                .into_iter()
                .map(|name| (name.to_string(), unique_name(&format!("dest-{name}"))))
                .collect(),
        }
    }

    /// Creates every topic on `broker`: the input and audit topics with the given partitions, the
    /// dead-letter topic with one, the (compacted) withdrawals and each destination with two.
    pub fn create(&self, broker: &Broker, input_partitions: i32, audit_partitions: i32) {
        broker.create_topic(&self.input, input_partitions);
        broker.create_topic(&self.audit, audit_partitions);
        broker.create_topic(&self.dead_letter, 1);
        broker.create_topic_with_config(&self.withdrawals, 2, &[("cleanup.policy", "compact")]);
        broker.create_topic(&self.checkpoints, 1);
        for (_, t) in &self.destinations {
            broker.create_topic(t, 2);
        }
    }
}

/// A record read back from a topic.
#[derive(Debug, Clone)]
pub struct Rec {
    pub partition: i32,
    pub offset: i64,
    pub key: Option<String>,
    pub value: Vec<u8>,
    /// The `leadguard.input` header: the input position the record was written for.
    pub input_header: Option<String>,
}

impl Rec {
    pub fn new(m: &BorrowedMessage<'_>) -> Rec {
        Rec {
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
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.value).expect("JSON record")
    }
}

/// A consumer of every partition of `topic` from the beginning (no group membership, no commits),
/// with end-of-partition events.
pub fn reader(mut cfg: ClientConfig, topic: &str, partitions: i32) -> BaseConsumer {
    cfg.set("group.id", unique_name("reader"))
        .set("enable.auto.commit", "false")
        .set("enable.partition.eof", "true")
        .set("auto.offset.reset", "earliest")
        .set("fetch.wait.max.ms", "50");
    let c: BaseConsumer = cfg.create().expect("reader");
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition_offset(topic, p, Offset::Beginning)
            .unwrap();
    }
    c.assign(&tpl).unwrap();
    c
}

/// Everything in `topic`, read to the end of every partition (end-of-partition events, which
/// are exact on tansu, unlike its ListOffsets answer), in (partition, offset) order.
pub fn read_all(broker: &Broker, topic: &str) -> Vec<Rec> {
    let partitions = broker.topic_partitions(topic).expect("topic exists");
    read_all_with(broker.client_config(), topic, partitions)
}

/// [`read_all`] with a client config of its own (e.g. kept from a broker's
/// [`Broker::client_config`]) and a known number of partitions.
pub fn read_all_with(cfg: ClientConfig, topic: &str, partitions: i32) -> Vec<Rec> {
    let c = reader(cfg, topic, partitions);
    let mut out = Vec::new();
    let mut eof = BTreeSet::new();
    let deadline = Instant::now() + WAIT;
    while (eof.len() as i32) < partitions {
        assert!(
            Instant::now() < deadline,
            "could not read {topic} to its end"
        );
        match c.poll(Duration::from_millis(100)) {
            Some(Ok(m)) => out.push(Rec::new(&m)),
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

/// Verifies every chain of `audit` (audit records in topic order) with the audit key: each
/// record's link, its chain (the input partition's), its key (the chain id) and its audit
/// partition (input partition modulo `audit_partitions`), and that each chain follows its input
/// partition in strictly increasing offsets. Returns the number of records per chain.
pub fn verify_chains(guard: &Guard, audit: &[Rec], audit_partitions: i32) -> BTreeMap<String, u64> {
    let mut verifiers: HashMap<String, ChainVerifier> = HashMap::new();
    let mut counts = BTreeMap::new();
    // Per chain, the last input offset: a chain follows its input partition in offset order.
    let mut last_offset: HashMap<String, i64> = HashMap::new();
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
        let InputRef::Kafka {
            partition, offset, ..
        } = input
        else {
            panic!("audit input is not a Kafka position: {input}")
        };
        if let Some(before) = last_offset.insert(link.id.clone(), offset) {
            assert!(
                offset > before,
                "chain {} out of input order: offset {offset} after {before}",
                link.id
            );
        }
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

/// The records of a topic as JSON lines, partition by partition in offset order.
pub fn write_jsonl(records: &[Rec], path: &Path) {
    let mut sorted: Vec<&Rec> = records.iter().collect();
    sorted.sort_by_key(|r| (r.partition, r.offset));
    let text: String = sorted
        .iter()
        .map(|r| String::from_utf8(r.value.clone()).unwrap() + "\n")
        .collect();
    std::fs::write(path, text).unwrap();
}
