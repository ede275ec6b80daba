//! The audit record (`leadguard.audit/v1`, contract §4) and its keyed hash chain (A1, A2).
//!
//! Each record carries the HMAC-SHA-256 (audit key) of its own canonical bytes, which include the
//! previous record's hash: editing, removing, inserting or reordering a record breaks the chain,
//! and without the key nobody can forge a consistent replacement. One chain per input partition
//! (or input file), so chains stay linear under rebalances.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::crypto::TokenKey;

/// Text of an audit record: borrowed from the policy and the vocabulary on the hot path (no
/// allocation per field), owned when read back from a file or topic.
pub type Text = Cow<'static, str>;

/// The record's schema name.
pub const AUDIT_SCHEMA_NAME: &str = "leadguard.audit/v1";

/// Where an input event came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum InputRef {
    Kafka {
        topic: String,
        partition: i32,
        offset: i64,
    },
    File {
        file: String,
        line: u64,
    },
}

impl InputRef {
    /// The chain this input belongs to: one per topic partition, or per file.
    pub fn chain_id(&self) -> String {
        match self {
            InputRef::Kafka {
                topic, partition, ..
            } => format!("{topic}/{partition}"),
            InputRef::File { file, .. } => format!("file:{file}"),
        }
    }

    /// Position within the chain's input (offset or line).
    pub fn position(&self) -> i64 {
        match self {
            InputRef::Kafka { offset, .. } => *offset,
            InputRef::File { line, .. } => *line as i64,
        }
    }
}

impl std::fmt::Display for InputRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputRef::Kafka {
                topic,
                partition,
                offset,
            } => write!(f, "{topic}/{partition}@{offset}"),
            InputRef::File { file, line } => write!(f, "{file}:{line}"),
        }
    }
}

/// One destination's part of an audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditDestination {
    pub name: Text,
    pub outcome: Text,
    pub channels: Vec<Text>,
    pub reasons: Vec<Text>,
    /// Legal basis per permitted channel (forwarded destinations).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "pairs")]
    pub basis: Vec<(Text, String)>,
    /// Field path → treatment of every personal field that left (forwarded destinations, A3).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "pairs")]
    pub fields: Vec<(Text, Text)>,
    /// Country and safeguard of a transfer outside the EEA (forwarded destinations, T2, T3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferRef>,
}

/// A transfer outside the EEA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferRef {
    pub country: Text,
    pub safeguard: Text,
}

/// A sensitive finding (S1–S3): where, what, and what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub path: String,
    pub category: Text,
    pub action: Text,
}

/// An interconnection seen in the event (I2) or across events (I3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interconnection {
    pub datasets: Vec<String>,
    /// `authorised`, `unauthorised` or `correlated`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The policy a decision was taken under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    pub version: Text,
    pub sha256: Text,
}

/// Chain link. Always the last member of the record: [`AuditChain::seal`] relies on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChainRef {
    pub id: String,
    pub seq: u64,
    pub prev: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
}

/// One audit record per input event. Never holds a personal value in clear (A1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub schema: String,
    pub event_id: Option<String>,
    /// HMAC token of the normalised identity (P1, P3): e-mail if any, else phone.
    pub subject_ref: Option<String>,
    /// Tokens of every identity of the event (e-mail and phone), for subject look-ups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_refs: Vec<String>,
    pub input: InputRef,
    pub processed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    pub outcome: Text,
    /// Reasons of a rejection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Text>,
    /// Where a rejected event went wrong (field path and schema keyword, never a value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub destinations: Vec<AuditDestination>,
    pub flags: Vec<Text>,
    pub findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interconnections: Vec<Interconnection>,
    /// Channel refusals caused by withdrawals received on the withdrawals stream (C6).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withdrawals_applied: u32,
    pub policy: PolicyRef,
    pub chain: ChainRef,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Serialises `Vec<(String, String)>` as a JSON object, keeping order.
mod pairs {
    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer, K: serde::Serialize, V: serde::Serialize>(
        v: &[(K, V)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(v.len()))?;
        for (k, val) in v {
            m.serialize_entry(k, val)?;
        }
        m.end()
    }

    pub fn deserialize<'de, D, K, W>(d: D) -> Result<Vec<(K, W)>, D::Error>
    where
        D: Deserializer<'de>,
        K: serde::Deserialize<'de>,
        W: serde::Deserialize<'de>,
    {
        struct V<K, W>(std::marker::PhantomData<(K, W)>);
        impl<'de, K: serde::Deserialize<'de>, W: serde::Deserialize<'de>> Visitor<'de> for V<K, W> {
            type Value = Vec<(K, W)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry()? {
                    out.push((k, v));
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// Why a record does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("not an audit record (not JSON or no chain)")]
    NotARecord,
    #[error("hash mismatch: the record was edited or forged")]
    BadHash,
    #[error("previous-hash mismatch: a record is missing, inserted or reordered before this one")]
    BadPrev,
    #[error("sequence {found} where {expected} was expected")]
    BadSeq { expected: u64, found: u64 },
}

/// The writer's end of one chain.
pub struct AuditChain {
    key: TokenKey,
    id: String,
    next_seq: u64,
    prev: String,
}

impl std::fmt::Debug for AuditChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditChain")
            .field("id", &self.id)
            .field("next_seq", &self.next_seq)
            .finish_non_exhaustive()
    }
}

/// The `prev` of a chain's first record: bound to the chain id, so that removing the first
/// record is detected too.
pub fn genesis(key: &TokenKey, chain_id: &str) -> String {
    hex::encode(key.mac(&[b"leadguard.audit/v1 genesis\0", chain_id.as_bytes()]))
}

impl AuditChain {
    /// A new chain, or one resumed from its last record (`head` = (last seq, last hash)).
    pub fn new(key: TokenKey, id: String, head: Option<(u64, String)>) -> Self {
        let (next_seq, prev) = match head {
            Some((seq, hash)) => (seq + 1, hash),
            None => (0, genesis(&key, &id)),
        };
        AuditChain {
            key,
            id,
            next_seq,
            prev,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Sequence number the next record will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Links the record into the chain and returns its final bytes (one JSON line, no newline).
    pub fn seal(&mut self, record: &mut AuditRecord) -> Vec<u8> {
        record.chain = ChainRef {
            id: self.id.clone(),
            seq: self.next_seq,
            prev: std::mem::take(&mut self.prev),
            hash: String::new(),
        };
        let mut bytes = Vec::with_capacity(4096);
        serde_json::to_writer(&mut bytes, record).expect("audit record serialises");
        let hash = hex::encode(self.key.mac(&[&bytes]));
        // The chain object is the record's last member: the bytes end with `}}`.
        let at = bytes.len() - 2;
        let tail = format!(",\"hash\":\"{hash}\"");
        bytes.splice(at..at, tail.bytes());
        record.chain.hash.clone_from(&hash);
        self.prev = hash;
        self.next_seq += 1;
        bytes
    }
}

/// Checks one record's own hash; returns its chain link.
pub fn verify_record(key: &TokenKey, line: &[u8]) -> Result<ChainRef, ChainError> {
    let mut v: serde_json::Value =
        serde_json::from_slice(line).map_err(|_| ChainError::NotARecord)?;
    let chain = v
        .get_mut("chain")
        .and_then(|c| c.as_object_mut())
        .ok_or(ChainError::NotARecord)?;
    let hash = chain
        .remove("hash")
        .and_then(|h| h.as_str().map(str::to_string))
        .ok_or(ChainError::NotARecord)?;
    let link: ChainRef = serde_json::from_value(serde_json::Value::Object(chain.clone()))
        .map_err(|_| ChainError::NotARecord)?;
    let canonical = serde_json::to_vec(&v).map_err(|_| ChainError::NotARecord)?;
    let expected = hex::encode(key.mac(&[&canonical]));
    if !constant_time_eq(expected.as_bytes(), hash.as_bytes()) {
        return Err(ChainError::BadHash);
    }
    Ok(ChainRef { hash, ..link })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Follows one chain record by record.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: u64,
    prev: String,
}

impl ChainVerifier {
    /// Starts at the chain's genesis.
    pub fn new(key: &TokenKey, chain_id: &str) -> Self {
        ChainVerifier {
            expected_seq: 0,
            prev: genesis(key, chain_id),
        }
    }

    /// Checks the next record's link (its own hash already verified).
    pub fn next(&mut self, link: &ChainRef) -> Result<(), ChainError> {
        let result = if link.prev != self.prev {
            Err(ChainError::BadPrev)
        } else if link.seq != self.expected_seq {
            Err(ChainError::BadSeq {
                expected: self.expected_seq,
                found: link.seq,
            })
        } else {
            Ok(())
        };
        // Resynchronise on the record seen, so one break is reported once.
        self.prev.clone_from(&link.hash);
        self.expected_seq = link.seq + 1;
        result
    }
}
