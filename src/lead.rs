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
    /// Why its signed proof does not stand, when the policy checks proofs (C4, set by
    /// [`crate::consent_proof::ConsentProofs::check`]).
    pub proof: Option<crate::consent_proof::ProofFailure>,
}

/// The structural part of a lead event.
#[derive(Debug)]
pub struct Lead<'a> {
    pub event_id: &'a str,
    pub occurred_at: Timestamp,
    pub dataset: &'a str,
    /// `source.form_id`: the form that showed the consent texts (C4).
    pub form_id: Option<&'a str>,
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

fn time_of(s: Option<&str>, path: &'static str) -> Result<Option<Timestamp>, Unreadable> {
    match s {
        None => Ok(None),
        Some(s) => clock::parse(s).map(Some).ok_or(Unreadable(path)),
    }
}

/// The members of an object, or none.
fn members(v: &Value) -> impl Iterator<Item = (&str, &Value)> {
    v.as_object()
        .into_iter()
        .flat_map(|o| o.iter().map(|(k, v)| (k.as_str(), v)))
}

impl<'a> Consent<'a> {
    /// One pass over the entry's members rather than a map look-up per field: this runs for
    /// every consent of every event.
    fn read(c: &'a Value) -> Result<Consent<'a>, Unreadable> {
        let (mut purpose, mut channel, mut granted, mut method, mut prechecked) =
            ("", None, false, None, false);
        let (mut captured_at, mut text_version, mut proof_ref, mut withdrawn_at) =
            (None, None, None, None);
        for (k, v) in members(c) {
            match k {
                "purpose" => purpose = v.as_str().unwrap_or_default(),
                "channel" => channel = v.as_str().and_then(|s| s.parse().ok()),
                "granted" => granted = v.as_bool().unwrap_or(false),
                "method" => method = v.as_str(),
                "prechecked" => prechecked = v.as_bool().unwrap_or(false),
                "captured_at" => captured_at = v.as_str(),
                "text_version" => text_version = v.as_str(),
                "proof_ref" => proof_ref = v.as_str(),
                "withdrawn_at" => withdrawn_at = v.as_str(),
                _ => {}
            }
        }
        Ok(Consent {
            purpose,
            channel,
            granted,
            method,
            prechecked,
            captured_at: time_of(captured_at, "/consents/*/captured_at")?
                .ok_or(Unreadable("/consents/*/captured_at"))?,
            text_version,
            proof_ref,
            withdrawn_at: time_of(withdrawn_at, "/consents/*/withdrawn_at")?,
            proof: None,
        })
    }
}

impl<'a> Lead<'a> {
    /// Reads the structural fields of a schema-valid event.
    pub fn read(ev: &'a Value) -> Result<Lead<'a>, Unreadable> {
        let subject = ev.get("subject").ok_or(Unreadable("/subject"))?;
        let occurred_at = time_of(str_at(ev, "occurred_at"), "/occurred_at")?
            .ok_or(Unreadable("/occurred_at"))?;
        let consents = match ev.get("consents").and_then(Value::as_array) {
            Some(list) => list.iter().map(Consent::read).collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        let enrichment = ev
            .get("enrichment")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(|b| str_at(b, "dataset")).collect())
            .unwrap_or_default();
        let (mut kind, mut relationship, mut objection_offered, mut last_contact_at) =
            (None, None, false, None);
        for (k, v) in members(subject) {
            match k {
                "kind" => kind = v.as_str(),
                "relationship" => relationship = v.as_str(),
                "objection_offered" => objection_offered = v.as_bool().unwrap_or(false),
                "last_contact_at" => last_contact_at = v.as_str(),
                _ => {}
            }
        }
        Ok(Lead {
            event_id: str_at(ev, "event_id").ok_or(Unreadable("/event_id"))?,
            occurred_at,
            dataset: ev
                .get("source")
                .and_then(|s| str_at(s, "dataset"))
                .ok_or(Unreadable("/source/dataset"))?,
            form_id: ev.get("source").and_then(|s| str_at(s, "form_id")),
            professional: kind == Some("professional"),
            customer: relationship == Some("customer"),
            objection_offered,
            last_contact_at: time_of(last_contact_at, "/subject/last_contact_at")?,
            consents,
            enrichment,
        })
    }
}
