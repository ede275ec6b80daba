//! Phase 1, intake: raw bytes to a parsed, valid lead ready to judge, or the reason it is
//! rejected. Nothing here decides anything about destinations.

use serde_json::Value;

use super::Guard;
use crate::audit::Interconnection;
use crate::json_in;
use crate::lead::Lead;
use crate::normalize;
use crate::policy::PurposeId;
use crate::rules::interconnection;
use crate::verdict::Reason;

/// Why an input is rejected. The detail names positions and rules, never a value.
pub(super) struct Rejection {
    pub reason: Reason,
    pub detail: String,
    pub event_id: Option<String>,
    /// MACs of the identities of an event that parsed but is invalid: its dead letter is
    /// sealed under the person's key (crypto-shredding).
    pub subjects: Vec<[u8; 32]>,
}

impl Rejection {
    fn malformed(detail: String) -> Rejection {
        Rejection {
            reason: Reason::EventMalformed,
            detail,
            event_id: None,
            subjects: Vec::new(),
        }
    }
}

/// A parsed, schema-valid lead.
pub(super) struct Admitted<'v> {
    pub value: &'v Value,
    pub lead: Lead<'v>,
    /// The purpose of the lead's dataset.
    pub purpose: PurposeId,
    /// I2: enrichment blocks from datasets of other purposes.
    pub interconnections: Vec<Interconnection>,
    pub subject: Subject,
}

/// The person an event is about, as the rules and the audit know them: normalised identities
/// (C6, P3), their keyed MACs (the I3 index) and tokens (`subject_ref`).
pub(super) struct Subject {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub macs: Vec<[u8; 32]>,
    pub tokens: Vec<String>,
}

impl Subject {
    /// The normalised e-mail, then phone, of those present.
    pub fn identities(&self) -> Vec<&str> {
        self.email
            .iter()
            .chain(self.phone.iter())
            .map(String::as_str)
            .collect()
    }

    pub fn email_token(&self) -> Option<&str> {
        self.email
            .as_ref()
            .and(self.tokens.first())
            .map(String::as_str)
    }

    pub fn phone_token(&self) -> Option<&str> {
        self.phone
            .as_ref()
            .and(self.tokens.last())
            .map(String::as_str)
    }
}

impl Guard {
    /// The event id as the audit records it: an identifier written into it is redacted (S1),
    /// since the audit topic is read by people who must not see one.
    pub(super) fn audit_event_id(&self, event_id: &str) -> String {
        self.scanner
            .redact_identifiers(event_id)
            .unwrap_or_else(|| event_id.to_string())
    }

    /// Phase 1: parses `raw` into `value` (a tree reused from event to event, see
    /// [`json_in`]) and checks it against the lead schema and the policy's datasets.
    pub(super) fn admit<'v>(
        &self,
        raw: &[u8],
        value: &'v mut Value,
    ) -> Result<Admitted<'v>, Rejection> {
        // simdutf8's check is several times faster than the standard one on the mostly ASCII
        // bytes of an event, and reports the same offset on failure.
        let text = simdutf8::compat::from_utf8(raw).map_err(|e| {
            Rejection::malformed(format!(
                "not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        json_in::parse_into(value, text).map_err(|e| {
            Rejection::malformed(format!(
                "not JSON ({:?} error at line {} column {})",
                e.classify(),
                e.line(),
                e.column()
            ))
        })?;
        let value: &'v Value = value;
        let invalid = |detail: String| Rejection {
            reason: Reason::SchemaInvalid,
            detail,
            event_id: value
                .get("event_id")
                .and_then(Value::as_str)
                .filter(|s| s.len() <= 200)
                .map(|s| self.audit_event_id(s)),
            subjects: self.subject(value).macs,
        };
        if let Err(e) = self.policy.lead_schema.check(value) {
            return Err(invalid(e.to_string()));
        }
        let mut lead = Lead::read(value)
            .map_err(|u| invalid(format!("{} is not a readable timestamp", u.0)))?;
        if let Some(proofs) = &self.policy.consent_proofs {
            proofs.check(&mut lead, value);
        }
        let Some(purpose) = self.policy.dataset_purpose(lead.dataset) else {
            return Err(invalid(
                "/source/dataset names a dataset the policy does not declare".into(),
            ));
        };
        let mut interconnections = Vec::new();
        for ds in &lead.enrichment {
            let Some(p) = self.policy.dataset_purpose(ds) else {
                return Err(invalid(
                    "/enrichment names a dataset the policy does not declare".into(),
                ));
            };
            // I2: an enrichment block from a dataset of another purpose.
            if p != purpose {
                interconnections.push(interconnection::of_enrichment(
                    &self.policy,
                    lead.dataset,
                    ds,
                ));
            }
        }
        let subject = self.subject(value);
        Ok(Admitted {
            value,
            lead,
            purpose,
            interconnections,
            subject,
        })
    }

    fn subject(&self, value: &Value) -> Subject {
        let cc = &self.policy.default_country_code;
        let subject = value.get("subject");
        let email = subject
            .and_then(|s| s.get("email"))
            .and_then(Value::as_str)
            .and_then(normalize::email);
        let phone = subject
            .and_then(|s| s.get("phone"))
            .and_then(Value::as_str)
            .and_then(|p| normalize::phone(p, cc));
        let macs: Vec<[u8; 32]> = email
            .iter()
            .chain(phone.iter())
            .map(|i| self.pseudonym.mac(&[i.as_bytes()]))
            .collect();
        let tokens = macs.iter().map(|m| self.pseudonym.token_of(m)).collect();
        Subject {
            email,
            phone,
            macs,
            tokens,
        }
    }
}
