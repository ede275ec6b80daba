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

use crate::treatment::Applied;
use crate::verdict::{DestOutcome, InterconnectionStatus, Outcome};

/// Text of an audit record: borrowed from the policy and the vocabulary on the hot path (no
/// allocation per field), owned when read back from a file or topic.
pub type Text = Cow<'static, str>;

/// The schema name of the records the guard writes.
pub const AUDIT_SCHEMA_NAME: &str = "leadguard.audit/v2";
/// The schema name of the records written before v2, which the tools still read.
pub const AUDIT_SCHEMA_NAME_V1: &str = "leadguard.audit/v1";

mod chain;
pub use chain::{
    genesis, record_leaf, verify_record, AuditChain, ChainError, ChainVerifier, Format,
};

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
    pub schema: Text,
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
        self.schema.write_json(out);
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

#[cfg(test)]
mod tests;
