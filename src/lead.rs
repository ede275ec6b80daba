//! A typed view of a schema-valid lead event: the structural fields the rules read.
//!
//! The view borrows from the parsed JSON; it is built once per event, after validation, so its
//! accessors never fail on shape.

use serde_json::Value;

use crate::channel::Channel;
use crate::clock::{self, Timestamp};

/// One consent entry (contract §1, C4).
#[derive(Debug, Clone)]
pub struct Consent<'a> {
    pub purpose: &'a str,
    pub channel: Option<Channel>,
    pub granted: bool,
    pub method: Option<&'a str>,
    pub prechecked: bool,
    pub captured_at: Timestamp,
    pub text_version: Option<&'a str>,
    pub proof_ref: Option<&'a str>,
    pub withdrawn_at: Option<Timestamp>,
}

/// The structural part of a lead event.
#[derive(Debug)]
pub struct Lead<'a> {
    pub event_id: &'a str,
    pub occurred_at: Timestamp,
    pub dataset: &'a str,
    /// C2: a professional contact.
    pub professional: bool,
    /// C3: an existing customer.
    pub customer: bool,
    /// C3: offered a simple way to object at collection.
    pub objection_offered: bool,
    pub last_contact_at: Option<Timestamp>,
    pub consents: Vec<Consent<'a>>,
    /// Datasets of the enrichment blocks (I2).
    pub enrichment: Vec<&'a str>,
}

/// Why a schema-valid event still cannot be read (a timestamp that parses under the schema's
/// `format` but not as RFC 3339, for instance). Carries a field path, never a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub &'static str);

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn time_at(v: &Value, key: &str, path: &'static str) -> Result<Option<Timestamp>, Unreadable> {
    match str_at(v, key) {
        None => Ok(None),
        Some(s) => clock::parse(s).map(Some).ok_or(Unreadable(path)),
    }
}

impl<'a> Lead<'a> {
    /// Reads the structural fields of a schema-valid event.
    pub fn read(ev: &'a Value) -> Result<Lead<'a>, Unreadable> {
        let subject = ev.get("subject").ok_or(Unreadable("/subject"))?;
        let occurred_at =
            time_at(ev, "occurred_at", "/occurred_at")?.ok_or(Unreadable("/occurred_at"))?;
        let mut consents = Vec::new();
        if let Some(list) = ev.get("consents").and_then(Value::as_array) {
            consents.reserve(list.len());
            for c in list {
                consents.push(Consent {
                    purpose: str_at(c, "purpose").unwrap_or_default(),
                    channel: str_at(c, "channel").and_then(|s| s.parse().ok()),
                    granted: c.get("granted").and_then(Value::as_bool).unwrap_or(false),
                    method: str_at(c, "method"),
                    prechecked: c
                        .get("prechecked")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    captured_at: time_at(c, "captured_at", "/consents/*/captured_at")?
                        .ok_or(Unreadable("/consents/*/captured_at"))?,
                    text_version: str_at(c, "text_version"),
                    proof_ref: str_at(c, "proof_ref"),
                    withdrawn_at: time_at(c, "withdrawn_at", "/consents/*/withdrawn_at")?,
                });
            }
        }
        let enrichment = ev
            .get("enrichment")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(|b| str_at(b, "dataset")).collect())
            .unwrap_or_default();
        Ok(Lead {
            event_id: str_at(ev, "event_id").ok_or(Unreadable("/event_id"))?,
            occurred_at,
            dataset: ev
                .get("source")
                .and_then(|s| str_at(s, "dataset"))
                .ok_or(Unreadable("/source/dataset"))?,
            professional: str_at(subject, "kind") == Some("professional"),
            customer: str_at(subject, "relationship") == Some("customer"),
            objection_offered: subject
                .get("objection_offered")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            last_contact_at: time_at(subject, "last_contact_at", "/subject/last_contact_at")?,
            consents,
            enrichment,
        })
    }
}
