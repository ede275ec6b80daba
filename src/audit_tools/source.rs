//! Where audit records come from, and the exact position of each one.
//!
//! Three shapes, one stream of [`RawRecord`]s:
//! - an audit file (JSON lines, as file mode writes it): position = line number;
//! - a `kcat -C -J` dump of the audit topic (one envelope per line with `partition`, `offset` and
//!   the record as `payload`): position = partition + offset, so that a team that exported the
//!   topic with kcat gets the same positions as a live read;
//! - the audit topic itself, every partition read from the beginning by a consumer that joins no
//!   group and commits nothing (a read-only audit must not move anyone's offsets).
//!
//! End of the topic: librdkafka raises a partition-EOF event when a fetch reaches the high
//! watermark carried by the Fetch response. Some brokers (tansu 0.6 on `memory://`) under-report
//! the ListOffsets watermark, so it is used only as a sanity check ("we have not read up to it
//! yet, keep going"), never as the sole end signal; and an idle timeout stops the read when
//! neither signal arrives (a broker that never sends EOF, a partition that cannot be fetched).
//! Records are streamed to a visitor, so memory does not grow with the topic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;

use super::AuditToolError;

/// Where a record sits: a line of a file, or a partition and offset of the audit topic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum Position {
    Line { line: u64 },
    Kafka { partition: i32, offset: i64 },
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line { line } => write!(f, "line {line}"),
            Position::Kafka { partition, offset } => {
                write!(f, "partition {partition} offset {offset}")
            }
        }
    }
}

/// One record as read, not yet parsed.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub position: Position,
    pub bytes: Vec<u8>,
}

/// Connection to the audit topic.
#[derive(Debug, Clone)]
pub struct TopicSource {
    pub brokers: String,
    pub topic: String,
    /// librdkafka properties passed through (TLS, SASL…). Values are never printed.
    pub properties: Vec<(String, String)>,
    /// Stop when nothing arrived for this long (see the module doc).
    pub idle_timeout: Duration,
}

/// An audit file or the audit topic.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Topic(TopicSource),
}

/// How a read ended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadStats {
    pub records: u64,
    /// Topic only: partitions whose end was not confirmed (the idle timeout stopped the read).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed_partitions: Vec<i32>,
}

impl Source {
    /// A short description for outputs (file path or topic name; never broker credentials).
    pub fn describe(&self) -> String {
        match self {
            Source::File(p) => format!("file {}", p.display()),
            Source::Topic(t) => format!("topic {}", t.topic),
        }
    }

    /// Streams every record to `visit`, in order (per partition for a topic).
    pub fn read(&self, mut visit: impl FnMut(RawRecord)) -> Result<ReadStats, AuditToolError> {
        match self {
            Source::File(path) => read_file(path, &mut visit),
            Source::Topic(t) => read_topic(t, &mut visit),
        }
    }
}

fn read_file(
    path: &PathBuf,
    visit: &mut dyn FnMut(RawRecord),
) -> Result<ReadStats, AuditToolError> {
    let file = File::open(path).map_err(|source| AuditToolError::Read {
        path: path.clone(),
        source,
    })?;
    read_lines(BufReader::new(file), visit).map_err(|source| AuditToolError::Read {
        path: path.clone(),
        source,
    })
}

/// Streams the records of an audit file's bytes to `visit`: one per line (`\n`, an optional
/// `\r` before it), a `kcat -J` envelope unwrapped to its topic position. Public so that the
/// `audit_verify` fuzz target (`fuzz/`) reads arbitrary bytes exactly as `audit verify --file`.
///
/// # Errors
///
/// The reader's.
pub fn read_lines(
    mut reader: impl BufRead,
    visit: &mut dyn FnMut(RawRecord),
) -> io::Result<ReadStats> {
    let mut stats = ReadStats::default();
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        let record = match unwrap_kcat(&buf) {
            Some(r) => r,
            None => RawRecord {
                position: Position::Line { line },
                bytes: std::mem::take(&mut buf),
            },
        };
        stats.records += 1;
        visit(record);
    }
    Ok(stats)
}

/// A `kcat -J` envelope (`{"topic":…,"partition":…,"offset":…,"payload":"<record>"}`) → the
/// record at its topic position. Audit records themselves have no `payload` member.
fn unwrap_kcat(line: &[u8]) -> Option<RawRecord> {
    // Cheap pre-check: most lines are plain audit records.
    if !line.starts_with(b"{\"topic\"") && !memchr_str(line, b"\"payload\"") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(line).ok()?;
    let o = v.as_object()?;
    if o.contains_key("schema") {
        return None;
    }
    let partition = i32::try_from(o.get("partition")?.as_i64()?).ok()?;
    let offset = o.get("offset")?.as_i64()?;
    let payload = match o.get("payload")? {
        serde_json::Value::String(s) => s.as_bytes().to_vec(),
        serde_json::Value::Null => Vec::new(),
        _ => return None,
    };
    Some(RawRecord {
        position: Position::Kafka { partition, offset },
        bytes: payload,
    })
}

fn memchr_str(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// How long metadata and watermark requests may take before the read gives up on them.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

fn kafka_err(what: &str, e: KafkaError) -> AuditToolError {
    AuditToolError::Kafka(format!("{what}: {e}"))
}

fn read_topic(
    t: &TopicSource,
    visit: &mut dyn FnMut(RawRecord),
) -> Result<ReadStats, AuditToolError> {
    let mut cfg = ClientConfig::new();
    cfg.set("bootstrap.servers", &t.brokers)
        .set("client.id", "leadguard-audit-reader")
        .set("fetch.wait.max.ms", "100");
    for (k, v) in &t.properties {
        cfg.set(k, v);
    }
    // Set last: a read-only audit never joins a group, never commits, reads everything.
    cfg.set(
        "group.id",
        format!("leadguard-audit-reader-{}", std::process::id()),
    )
    .set("enable.auto.commit", "false")
    .set("enable.auto.offset.store", "false")
    .set("auto.offset.reset", "earliest")
    .set("enable.partition.eof", "true")
    .set("isolation.level", "read_committed");
    let consumer: BaseConsumer = cfg
        .create()
        .map_err(|e| kafka_err("cannot create the reader", e))?;

    let md = consumer
        .fetch_metadata(Some(&t.topic), REQUEST_TIMEOUT)
        .map_err(|e| kafka_err("cannot read the topic's metadata", e))?;
    let partitions: Vec<i32> = md
        .topics()
        .iter()
        .find(|m| m.name() == t.topic && m.error().is_none())
        .map(|m| m.partitions().iter().map(|p| p.id()).collect())
        .unwrap_or_default();
    if partitions.is_empty() {
        return Err(AuditToolError::Kafka(format!(
            "topic {} does not exist or has no partition",
            t.topic
        )));
    }
    let mut tpl = TopicPartitionList::new();
    for p in &partitions {
        tpl.add_partition_offset(&t.topic, *p, Offset::Beginning)
            .map_err(|e| kafka_err("cannot assign partitions", e))?;
    }
    consumer
        .assign(&tpl)
        .map_err(|e| kafka_err("cannot assign partitions", e))?;

    // ListOffsets high watermarks, kept only where they look sane (0 ≤ low ≤ high).
    let mut high: BTreeMap<i32, i64> = BTreeMap::new();
    for p in &partitions {
        if let Ok((lo, hi)) = consumer.fetch_watermarks(&t.topic, *p, REQUEST_TIMEOUT) {
            if lo >= 0 && hi >= lo {
                high.insert(*p, hi);
            }
        }
    }

    let mut next: BTreeMap<i32, i64> = BTreeMap::new();
    let mut at_eof: BTreeSet<i32> = BTreeSet::new();
    let mut stats = ReadStats::default();
    let mut last_activity = Instant::now();
    let mut last_error: Option<KafkaError> = None;
    let done = |at_eof: &BTreeSet<i32>, next: &BTreeMap<i32, i64>| {
        partitions.iter().all(|p| {
            at_eof.contains(p)
                && high
                    .get(p)
                    .is_none_or(|h| next.get(p).copied().unwrap_or(0) >= *h)
        })
    };
    loop {
        if done(&at_eof, &next) {
            break;
        }
        if last_activity.elapsed() >= t.idle_timeout {
            stats.unconfirmed_partitions = partitions
                .iter()
                .copied()
                .filter(|p| !at_eof.contains(p))
                .collect();
            if stats.records == 0 {
                if let Some(e) = last_error {
                    return Err(kafka_err("no record could be read", e));
                }
            }
            break;
        }
        match consumer.poll(Duration::from_millis(100)) {
            None => {}
            Some(Ok(m)) => {
                last_activity = Instant::now();
                at_eof.remove(&m.partition());
                next.insert(m.partition(), m.offset() + 1);
                stats.records += 1;
                visit(RawRecord {
                    position: Position::Kafka {
                        partition: m.partition(),
                        offset: m.offset(),
                    },
                    bytes: m.payload().unwrap_or_default().to_vec(),
                });
            }
            Some(Err(KafkaError::PartitionEOF(p))) => {
                at_eof.insert(p);
            }
            Some(Err(e)) => last_error = Some(e),
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kcat_envelopes_carry_their_topic_position() {
        let line = br#"{"topic":"leads.audit","partition":2,"offset":41,"tstype":"create","ts":1,"broker":1,"key":"leads.raw/2","payload":"{\"schema\":\"leadguard.audit/v1\"}"}"#;
        let r = unwrap_kcat(line).expect("envelope");
        assert_eq!(
            r.position,
            Position::Kafka {
                partition: 2,
                offset: 41
            }
        );
        assert_eq!(r.bytes, br#"{"schema":"leadguard.audit/v1"}"#);
        assert!(unwrap_kcat(br#"{"schema":"leadguard.audit/v1","payload":"x"}"#).is_none());
        assert!(unwrap_kcat(b"not json").is_none());
    }

    #[test]
    fn files_are_read_line_by_line_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, b"{\"a\":1}\r\n\n{\"b\":2}").unwrap();
        let mut got = Vec::new();
        let stats = Source::File(p)
            .read(|r| got.push((r.position, r.bytes)))
            .unwrap();
        assert_eq!(stats.records, 3);
        assert_eq!(got[0], (Position::Line { line: 1 }, b"{\"a\":1}".to_vec()));
        assert_eq!(got[1], (Position::Line { line: 2 }, Vec::new()));
        assert_eq!(got[2], (Position::Line { line: 3 }, b"{\"b\":2}".to_vec()));
    }

    #[test]
    fn any_reader_is_read_like_a_file_kcat_envelopes_unwrapped() {
        let bytes =
            b"{\"topic\":\"a\",\"partition\":1,\"offset\":7,\"payload\":\"x\"}\nnot json\r\n";
        let mut got = Vec::new();
        let stats = read_lines(&bytes[..], &mut |r| got.push((r.position, r.bytes))).unwrap();
        assert_eq!(stats.records, 2);
        assert_eq!(
            got[0],
            (
                Position::Kafka {
                    partition: 1,
                    offset: 7
                },
                b"x".to_vec()
            )
        );
        assert_eq!(got[1], (Position::Line { line: 2 }, b"not json".to_vec()));
        assert_eq!(read_lines(&b""[..], &mut |_| ()).unwrap().records, 0);
    }
}
