//! The audit record (`leadguard.audit/v2`, contract §4) and its keyed hash chain (A1, A2).
//!
//! Each record carries a keyed hash (HMAC-SHA-256, audit key) of its own canonical bytes, which
//! include the previous record's hash: editing, removing, inserting or reordering a record breaks
//! the chain, and without the key nobody can forge a consistent replacement. One chain per input
//! partition (or input file), so chains stay linear under rebalances.
//!
//! Two formats are read; only v2 is written (see [`Format`]).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::checkpoint::{ChainTree, CheckpointSettings};
use crate::clock::Timestamp;
use crate::crypto::{hex_str, TokenKey};
use crate::merkle::{self, Frontier, Hash};
use crate::treatment::Applied;
use crate::verdict::{DestOutcome, InterconnectionStatus, Outcome};

/// Text of an audit record: borrowed from the policy and the vocabulary on the hot path (no
/// allocation per field), owned when read back from a file or topic.
pub type Text = Cow<'static, str>;

/// The schema name of the records the guard writes.
pub const AUDIT_SCHEMA_NAME: &str = "leadguard.audit/v2";

/// The audit formats, told apart by a record's first member (`{"schema":"leadguard.audit/v…"`,
/// which the writer always puts first and the hash covers).
///
/// v1 MACs the whole canonical record (the line without its hash member), and its Merkle leaf
/// (checkpoints) hashes the whole sealed line again: two SHA-256 passes over the largest thing
/// the guard writes, a fifth of the engine's time. v2 hashes the canonical bytes once, into
/// `D = SHA-256(canonical)`; the hash is the HMAC of `D`, and the leaf the RFC 6962 leaf hash
/// of `D ‖ hash` — so the tree still commits to every byte of the line, and anyone can
/// recompute it without the key. The members are the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    V1,
    V2,
}

impl Format {
    /// The format of a sealed line (v1 unless it starts as a v2 record).
    pub fn of(line: &[u8]) -> Format {
        if line.starts_with(b"{\"schema\":\"leadguard.audit/v2\"") {
            Format::V2
        } else {
            Format::V1
        }
    }
}

/// What a v2 record's hash MACs, before the digest of its canonical bytes: keeps the two
/// constructions apart.
const V2_MAC_DOMAIN: &[u8] = b"leadguard.audit/v2\0";

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
    pub outcome: DestOutcome,
    pub channels: Vec<Text>,
    pub reasons: Vec<Text>,
    /// Legal basis per permitted channel (forwarded destinations).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "pairs")]
    pub basis: Vec<(Text, Text)>,
    /// Field path → treatment of every personal field that left (forwarded destinations, A3).
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "pairs")]
    pub fields: Vec<(Text, Applied)>,
    /// Country and safeguard of a transfer outside the EEA (forwarded destinations, T2, T3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferRef>,
    /// Why some reasons were given (a consent proof's failure, a privacy signal): codes only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<AuditDetail>,
}

/// One `details` entry of a destination: reason, channel (when a channel's), code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditDetail {
    pub reason: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Text>,
    pub code: Text,
}

impl AuditDetail {
    pub fn of(d: &crate::verdict::Detail) -> AuditDetail {
        AuditDetail {
            reason: Text::Borrowed(d.reason.as_str()),
            channel: d.channel.map(|c| Text::Borrowed(c.as_str())),
            code: Text::Borrowed(d.code),
        }
    }
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
    pub status: InterconnectionStatus,
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

/// What an erasure request did (GDPR art. 17): the request's reference, when the person asked,
/// how, and how many of their subject keys are destroyed. Never the e-mail or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureRef {
    pub reference: String,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Subject keys of the person destroyed (by this erasure or an earlier one).
    pub keys_destroyed: u32,
}

/// One audit record per input event (or erasure request). Never holds a personal value in
/// clear (A1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub schema: String,
    /// `erasure` for the record of an erasure request; absent for a lead event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text>,
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
    pub outcome: Outcome,
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
    /// The erasure request of a record of kind `erasure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erasure: Option<ErasureRef>,
    /// The privacy signals the event carried (GPC, the decoded TC string), built by
    /// `rules::signals::audit`: never a personal value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signals: Option<serde_json::Value>,
    pub policy: PolicyRef,
    pub chain: ChainRef,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl AuditRecord {
    /// Writes the record as compact JSON, byte for byte what `serde_json::to_vec` gives (a
    /// test checks it), without serde's per-byte escaping of plain strings: the audit record is
    /// written once per event and is the largest thing the guard writes.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        use crate::json_out::{int, key, plain, str, str_array, str_pairs, JsonStr};
        let opt = |out: &mut Vec<u8>, v: &Option<String>| match v {
            Some(s) => str(out, s),
            None => out.extend_from_slice(b"null"),
        };
        let mut first = true;
        out.push(b'{');
        key(out, &mut first, "schema");
        str(out, &self.schema);
        if let Some(k) = &self.kind {
            key(out, &mut first, "kind");
            str(out, k);
        }
        key(out, &mut first, "event_id");
        opt(out, &self.event_id);
        key(out, &mut first, "subject_ref");
        opt(out, &self.subject_ref);
        if !self.subject_refs.is_empty() {
            key(out, &mut first, "subject_refs");
            str_array(out, &self.subject_refs);
        }
        key(out, &mut first, "input");
        let mut f = true;
        out.push(b'{');
        match &self.input {
            InputRef::Kafka {
                topic,
                partition,
                offset,
            } => {
                key(out, &mut f, "topic");
                str(out, topic);
                key(out, &mut f, "partition");
                int(out, *partition);
                key(out, &mut f, "offset");
                int(out, *offset);
            }
            InputRef::File { file, line } => {
                key(out, &mut f, "file");
                str(out, file);
                key(out, &mut f, "line");
                int(out, *line);
            }
        }
        out.push(b'}');
        key(out, &mut first, "processed_at");
        str(out, &self.processed_at);
        if let Some(v) = &self.occurred_at {
            key(out, &mut first, "occurred_at");
            str(out, v);
        }
        if let Some(v) = &self.dataset {
            key(out, &mut first, "dataset");
            str(out, v);
        }
        key(out, &mut first, "outcome");
        plain(out, self.outcome.as_str());
        if !self.reasons.is_empty() {
            key(out, &mut first, "reasons");
            str_array(out, &self.reasons);
        }
        if let Some(v) = &self.detail {
            key(out, &mut first, "detail");
            str(out, v);
        }
        key(out, &mut first, "destinations");
        out.push(b'[');
        for (i, d) in self.destinations.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let mut f = true;
            out.push(b'{');
            key(out, &mut f, "name");
            d.name.write_json(out);
            key(out, &mut f, "outcome");
            plain(out, d.outcome.as_str());
            key(out, &mut f, "channels");
            str_array(out, &d.channels);
            key(out, &mut f, "reasons");
            str_array(out, &d.reasons);
            if !d.basis.is_empty() {
                key(out, &mut f, "basis");
                str_pairs(out, &d.basis);
            }
            if !d.fields.is_empty() {
                key(out, &mut f, "fields");
                str_pairs(out, &d.fields);
            }
            if let Some(t) = &d.transfer {
                key(out, &mut f, "transfer");
                str_pairs(out, &[("country", &t.country), ("safeguard", &t.safeguard)]);
            }
            if !d.details.is_empty() {
                key(out, &mut f, "details");
                out.push(b'[');
                for (i, x) in d.details.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    match &x.channel {
                        Some(c) => str_pairs(
                            out,
                            &[("reason", &x.reason), ("channel", c), ("code", &x.code)],
                        ),
                        None => str_pairs(out, &[("reason", &x.reason), ("code", &x.code)]),
                    }
                }
                out.push(b']');
            }
            out.push(b'}');
        }
        out.push(b']');
        key(out, &mut first, "flags");
        str_array(out, &self.flags);
        key(out, &mut first, "findings");
        out.push(b'[');
        for (i, x) in self.findings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            str_pairs(
                out,
                &[
                    ("path", x.path.as_str()),
                    ("category", &x.category),
                    ("action", &x.action),
                ],
            );
        }
        out.push(b']');
        if !self.interconnections.is_empty() {
            key(out, &mut first, "interconnections");
            out.push(b'[');
            for (i, ic) in self.interconnections.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let mut f = true;
                out.push(b'{');
                key(out, &mut f, "datasets");
                str_array(out, &ic.datasets);
                key(out, &mut f, "status");
                plain(out, ic.status.as_str());
                if let Some(r) = &ic.reference {
                    key(out, &mut f, "reference");
                    str(out, r);
                }
                out.push(b'}');
            }
            out.push(b']');
        }
        if self.withdrawals_applied != 0 {
            key(out, &mut first, "withdrawals_applied");
            int(out, self.withdrawals_applied);
        }
        if let Some(e) = &self.erasure {
            key(out, &mut first, "erasure");
            let mut f = true;
            out.push(b'{');
            key(out, &mut f, "reference");
            str(out, &e.reference);
            key(out, &mut f, "at");
            str(out, &e.at);
            if let Some(v) = &e.via {
                key(out, &mut f, "via");
                str(out, v);
            }
            key(out, &mut f, "keys_destroyed");
            int(out, e.keys_destroyed);
            out.push(b'}');
        }
        if let Some(s) = &self.signals {
            key(out, &mut first, "signals");
            serde_json::to_writer(&mut *out, s).expect("a JSON value writes to a Vec");
        }
        key(out, &mut first, "policy");
        str_pairs(
            out,
            &[
                ("version", &self.policy.version),
                ("sha256", &self.policy.sha256),
            ],
        );
        key(out, &mut first, "chain");
        let mut f = true;
        out.push(b'{');
        key(out, &mut f, "id");
        str(out, &self.chain.id);
        key(out, &mut f, "seq");
        int(out, self.chain.seq);
        key(out, &mut f, "prev");
        str(out, &self.chain.prev);
        if !self.chain.hash.is_empty() {
            key(out, &mut f, "hash");
            str(out, &self.chain.hash);
        }
        out.push(b'}');
        out.push(b'}');
    }
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
    /// The chain's Merkle tree, when it is checkpointed and its start is known.
    tree: Option<ChainTree>,
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
            tree: None,
        }
    }

    /// Keeps the chain's Merkle tree from now on, continuing `frontier`; refused (false) unless
    /// the frontier covers exactly the records so far.
    pub fn keep_tree(&mut self, frontier: Frontier) -> bool {
        let fits = frontier.size() == self.next_seq;
        if fits {
            self.tree = Some(ChainTree::new(frontier));
        }
        fits
    }

    /// The chain's Merkle tree so far, when it keeps one.
    pub fn frontier(&self) -> Option<&Frontier> {
        self.tree.as_ref().map(ChainTree::frontier)
    }

    /// A signed checkpoint record of the chain when one is due (see [`ChainTree::checkpoint`]).
    pub fn checkpoint(
        &mut self,
        settings: &CheckpointSettings,
        input: &str,
        now: Timestamp,
        force: bool,
    ) -> Option<Vec<u8>> {
        self.tree
            .as_mut()?
            .checkpoint(settings, &self.id, input, now, force)
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
        // The chain writes only the current format, whatever a record read back says.
        if record.schema != AUDIT_SCHEMA_NAME {
            record.schema = AUDIT_SCHEMA_NAME.to_string();
        }
        record.chain = ChainRef {
            id: self.id.clone(),
            seq: self.next_seq,
            prev: std::mem::take(&mut self.prev),
            hash: String::new(),
        };
        let mut bytes = Vec::with_capacity(4096);
        record.write_json(&mut bytes);
        // v2: the canonical bytes are hashed once, for the MAC and the tree.
        let digest: Hash = Sha256::digest(&bytes).into();
        let tag = self.key.mac(&[V2_MAC_DOMAIN, &digest]);
        let hash = hex_str(&tag, &mut [0; 64]).to_string();
        // The chain object is the record's last member: the bytes end with `}}`.
        bytes.truncate(bytes.len() - 2);
        bytes.extend_from_slice(HASH_MEMBER);
        bytes.extend_from_slice(hash.as_bytes());
        bytes.extend_from_slice(b"\"}}");
        record.chain.hash.clone_from(&hash);
        self.prev = hash;
        self.next_seq += 1;
        if let Some(tree) = &mut self.tree {
            tree.push(v2_leaf(&digest, &tag));
        }
        bytes
    }
}

/// The member the writer appends last: `,"hash":"<64 hex>"` before the closing `}}`.
const HASH_MEMBER: &[u8] = b",\"hash\":\"";

/// A sealed line cut at its hash member: the bytes before it, and the hash's text.
fn split_sealed(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = line.trim_ascii_end();
    let tail = HASH_MEMBER.len() + 64 + 3; // `"}}`
    if line.len() < tail || !line.ends_with(b"\"}}") {
        return None;
    }
    let at = line.len() - tail;
    (&line[at..at + HASH_MEMBER.len()] == HASH_MEMBER)
        .then(|| (&line[..at], &line[at + HASH_MEMBER.len()..line.len() - 3]))
}

/// SHA-256 of a v2 record's canonical bytes: the line without its hash member.
fn canonical_digest(before_hash: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(before_hash);
    h.update(b"}}");
    h.finalize().into()
}

/// A v2 record's Merkle leaf: the RFC 6962 leaf hash of its digest and its MAC.
fn v2_leaf(digest: &Hash, tag: &[u8; 32]) -> Hash {
    let mut entry = [0u8; 64];
    entry[..32].copy_from_slice(digest);
    entry[32..].copy_from_slice(tag);
    merkle::leaf_hash(&entry)
}

/// The Merkle leaf of a sealed record, as its chain's checkpoints hash it: a v1 record's whole
/// line, a v2 record's `D ‖ hash` (see [`Format`]). A line that is no sealed v2 record is
/// hashed whole, so a damaged record still takes its place in the tree and fails the root.
pub fn record_leaf(line: &[u8]) -> Hash {
    let line = line.trim_ascii_end();
    let mut tag = [0u8; 32];
    match (Format::of(line), split_sealed(line)) {
        (Format::V2, Some((before, hash))) if hex::decode_to_slice(hash, &mut tag).is_ok() => {
            v2_leaf(&canonical_digest(before), &tag)
        }
        _ => merkle::leaf_hash(line),
    }
}

/// Checks one record's own hash; returns its chain link.
///
/// The hash covers the record's exact bytes without its hash member, so any edit anywhere in
/// the line (even whitespace) breaks it, and verification does not depend on re-serialising.
pub fn verify_record(key: &TokenKey, line: &[u8]) -> Result<ChainRef, ChainError> {
    let line = line.trim_ascii_end();
    let (before, hash) = split_sealed(line).ok_or(ChainError::NotARecord)?;
    let hash = std::str::from_utf8(hash).map_err(|_| ChainError::NotARecord)?;
    // The writer only writes lower-case hex: any other spelling of the same bytes is an edit.
    let mut tag = [0u8; 32];
    let lower_hex = hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !lower_hex || hex::decode_to_slice(hash, &mut tag).is_err() {
        return Err(ChainError::BadHash);
    }
    // The canonical bytes are the line without its hash member: the part before it, then `}}`.
    let authentic = match Format::of(line) {
        Format::V1 => key.verify(&[before, b"}}"], &tag),
        Format::V2 => key.verify(&[V2_MAC_DOMAIN, &canonical_digest(before)], &tag),
    };
    if !authentic {
        return Err(ChainError::BadHash);
    }
    let record: serde_json::Value =
        serde_json::from_slice(line).map_err(|_| ChainError::NotARecord)?;
    let link: ChainRef =
        serde_json::from_value(record["chain"].clone()).map_err(|_| ChainError::NotARecord)?;
    if link.hash != hash {
        return Err(ChainError::BadHash);
    }
    Ok(link)
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

#[cfg(test)]
mod tests;
