//! Signed consent proofs (C4 "provable", issue 15): the form backend signs each consent entry,
//! the guard verifies the signature against a JWK set, rotation by `kid`.
//!
//! Why: `proof_ref` only says where a proof is kept; any form can write one. A signature by the
//! form backend's key over the entry, the event and the person makes the consent provable
//! where it is judged: an entry edited after signing, moved to another event or another
//! person, or signed by an unknown key, no longer counts.
//!
//! What is signed (the payload, never transmitted, see [`jws`]): the RFC 8785 (JCS) canonical
//! JSON of `{"consent": <the entry without proof_jws>, "event_id": <event_id>, "subject":
//! {"email": <subject.email>, "phone": <subject.phone>}}`, each value exactly as in the event
//! (`null` when absent). The signature is a detached compact JWS (`EdDSA` or `ES256`) whose
//! protected header has `alg`, `kid` and `event_id`, written in the entry's `proof_jws`.
//! `docs/consent-proofs.md` tells a form backend how to produce it.

pub mod cli;
pub mod jwk;
pub mod jws;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::lead::Lead;
pub use jwk::{Alg, SignKey, VerifyKey};

/// Whether a form's consents must carry a signed proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofMode {
    /// A consent without `proof_jws` counts; one with a `proof_jws` that does not verify does
    /// not (a bad signature is evidence against the entry, not the absence of evidence).
    #[default]
    Optional,
    /// A consent without a valid `proof_jws` is refused as `consent.unprovable`.
    Required,
}

/// `[consent.proofs]` of the policy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentProofsConfig {
    /// The public JWK set (JSON), relative to the policy.
    pub jwks: PathBuf,
    /// For forms not listed in `forms` (and events without `source.form_id`).
    #[serde(default)]
    pub default: ProofMode,
    /// Per form (`source.form_id`).
    #[serde(default)]
    pub forms: BTreeMap<String, ProofMode>,
}

/// Why a consent's proof does not stand: the code in the audit's `details`, never a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofFailure {
    /// No `proof_jws` where the policy requires one.
    Missing,
    /// Not a detached compact JWS of ours, or its signature does not verify.
    Invalid,
    /// Signed with a `kid` the key set does not hold (unknown, or rotated out).
    KidUnknown,
    /// Made for another event (its header names another `event_id`): a replay.
    PayloadMismatch,
}

impl ProofFailure {
    pub const ALL: [ProofFailure; 4] = [
        ProofFailure::Missing,
        ProofFailure::Invalid,
        ProofFailure::KidUnknown,
        ProofFailure::PayloadMismatch,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ProofFailure::Missing => "signature.missing",
            ProofFailure::Invalid => "signature.invalid",
            ProofFailure::KidUnknown => "signature.kid_unknown",
            ProofFailure::PayloadMismatch => "signature.payload_mismatch",
        }
    }
}

/// The compiled setting: the key set, loaded once at start-up, and the mode per form.
pub struct ConsentProofs {
    keys: HashMap<String, VerifyKey>,
    default: ProofMode,
    forms: HashMap<String, ProofMode>,
}

impl std::fmt::Debug for ConsentProofs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsentProofs")
            .field("kids", &self.kids())
            .field("default", &self.default)
            .field("forms", &self.forms)
            .finish()
    }
}

impl ConsentProofs {
    /// Loads the key set named by the policy; every problem is added to `problems`.
    pub fn compile(
        cfg: &ConsentProofsConfig,
        base_dir: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ConsentProofs> {
        let path = base_dir.join(&cfg.jwks);
        let at = format!("consent.proofs.jwks ({})", path.display());
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{at}: cannot read: {e}"));
                return None;
            }
        };
        let mut found = Vec::new();
        let keys = jwk::read_set(&text, &mut found);
        problems.extend(found.iter().map(|p| format!("{at}: {p}")));
        if !found.is_empty() {
            return None;
        }
        Some(ConsentProofs::new(keys, cfg.default, &cfg.forms))
    }

    /// From keys already read.
    pub fn new(
        keys: Vec<(String, VerifyKey)>,
        default: ProofMode,
        forms: &BTreeMap<String, ProofMode>,
    ) -> ConsentProofs {
        ConsentProofs {
            keys: keys.into_iter().collect(),
            default,
            forms: forms.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        }
    }

    /// The key ids of the set, sorted.
    pub fn kids(&self) -> Vec<&str> {
        let mut kids: Vec<&str> = self.keys.keys().map(String::as_str).collect();
        kids.sort_unstable();
        kids
    }

    /// For the register of processing: the keys by id and where proofs are required.
    pub fn describe(&self) -> String {
        let mut required: Vec<&str> = (self.forms.iter())
            .filter(|(_, m)| **m == ProofMode::Required)
            .map(|(f, _)| f.as_str())
            .collect();
        required.sort_unstable();
        let rest = match self.default {
            ProofMode::Required => "required",
            ProofMode::Optional => "optional",
        };
        format!(
            "consent entries signed by the form backend (detached JWS, EdDSA or ES256) verified \
             against {} key(s) ({}); required for forms: {}; other forms: {rest}",
            self.keys.len(),
            self.kids().join(", "),
            if required.is_empty() {
                "none".to_string()
            } else {
                required.join(", ")
            },
        )
    }

    pub fn mode(&self, form: Option<&str>) -> ProofMode {
        form.and_then(|f| self.forms.get(f))
            .copied()
            .unwrap_or(self.default)
    }

    /// Checks the proof of every granted consent of `lead` (read from `event`, in the same
    /// order), recording each failure on its entry for the consent rules (C4).
    pub(crate) fn check(&self, lead: &mut Lead, event: &Value) {
        let Some(entries) = event.get("consents").and_then(Value::as_array) else {
            return;
        };
        let mode = self.mode(lead.form_id);
        let subject = event.get("subject").unwrap_or(&Value::Null);
        for (consent, entry) in lead.consents.iter_mut().zip(entries) {
            if !consent.granted {
                // A refusal needs no proof to be honoured.
                continue;
            }
            consent.proof = match entry.get("proof_jws").and_then(Value::as_str) {
                Some(jws) => {
                    let payload = canonical_payload(entry, lead.event_id, subject);
                    self.verify(jws, &payload, lead.event_id).err()
                }
                None if mode == ProofMode::Required => Some(ProofFailure::Missing),
                None => None,
            };
        }
    }

    /// Verifies a detached compact JWS over `payload` for event `event_id`.
    pub fn verify(
        &self,
        compact: &str,
        payload: &[u8],
        event_id: &str,
    ) -> Result<(), ProofFailure> {
        let parsed = jws::parse(compact).map_err(|_| ProofFailure::Invalid)?;
        let key = self.keys.get(&parsed.kid).ok_or(ProofFailure::KidUnknown)?;
        if key.alg() != parsed.alg {
            return Err(ProofFailure::Invalid);
        }
        if parsed.event_id != event_id {
            return Err(ProofFailure::PayloadMismatch);
        }
        let input = jws::signing_input(parsed.header_b64, payload);
        if key.verify(&input, &parsed.signature) {
            Ok(())
        } else {
            Err(ProofFailure::Invalid)
        }
    }
}

/// The bytes a proof signs: the JCS (RFC 8785) form of the consent entry without `proof_jws`,
/// the event id, and the subject's e-mail and phone as written in the event.
pub fn canonical_payload(entry: &Value, event_id: &str, subject: &Value) -> Vec<u8> {
    let consent: Map<String, Value> = entry
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| *k != "proof_jws")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let identity = |k: &str| subject.get(k).cloned().unwrap_or(Value::Null);
    let payload = json!({
        "consent": consent,
        "event_id": event_id,
        "subject": {"email": identity("email"), "phone": identity("phone")},
    });
    serde_jcs::to_vec(&payload).expect("a JSON value always canonicalises")
}

/// Signs every consent entry of a lead event in place (the form backend's step, and the
/// `leadguard proof sign` helper): writes `proof_jws`, replacing any. Returns how many entries
/// were signed.
pub fn sign_event(event: &mut Value, key: &SignKey) -> usize {
    let event_id = event
        .get("event_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let subject = event.get("subject").cloned().unwrap_or(Value::Null);
    let Some(entries) = event.get_mut("consents").and_then(Value::as_array_mut) else {
        return 0;
    };
    for entry in entries.iter_mut() {
        let payload = canonical_payload(entry, &event_id, &subject);
        let proof = jws::sign(key, &event_id, &payload);
        if let Some(o) = entry.as_object_mut() {
            o.insert("proof_jws".into(), Value::String(proof));
        }
    }
    entries.len()
}
