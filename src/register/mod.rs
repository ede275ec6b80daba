//! The register of processing (GDPR art. 30) and the DPIA input sheet, rendered from the compiled
//! policy alone: `leadguard policy register`. And `leadguard policy lint`, the risky-but-legal
//! settings of the same policy as warnings.
//!
//! Why from the policy: the policy already states, and the guard already enforces, the purposes,
//! recipients, transfers, treatments and interconnections a DPO otherwise copies by hand into the
//! register; generating the document from the enforced configuration keeps the two from
//! drifting apart. Nothing here reads events or keys' material: the register holds no personal
//! value, only names, countries, rule ids and key ids.
//!
//! [`Register`] is the typed document (its JSON form is the `--format json` output);
//! [`markdown`] and [`html`] render it; [`risks`] computes the DPIA risks, of which the
//! warnings are what `policy lint` prints.

pub mod cli;
pub mod html;
pub mod markdown;
pub mod risks;

use serde::Serialize;

use crate::category::Category;
use crate::policy::{InterconnectionMode, Policy, Regime, Transfer, Treatment};
use crate::rules::transfer::EEA;

pub use risks::{Risk, Severity};

/// A purpose and its legal basis.
#[derive(Debug, Clone, Serialize)]
pub struct PurposeEntry {
    pub name: String,
    /// The policy's regime name: `prospecting`, `consent` or `none`.
    pub regime: &'static str,
    /// The legal basis that regime stands for, in words.
    pub legal_basis: &'static str,
    pub rules: Vec<&'static str>,
    /// Datasets collected for this purpose.
    pub datasets: Vec<String>,
    /// Destinations serving this purpose.
    pub destinations: Vec<String>,
}

/// A dataset and the purpose it was collected for (I1).
#[derive(Debug, Clone, Serialize)]
pub struct DatasetEntry {
    pub name: String,
    pub purpose: String,
}

/// A category of personal data, with the lead schema fields annotated with it.
#[derive(Debug, Clone, Serialize)]
pub struct DataCategory {
    pub category: &'static str,
    /// GDPR art. 9/10 special category (S2).
    pub special: bool,
    /// S1: never forwarded (national id) or never in clear (payment card).
    pub forbidden: bool,
    pub fields: Vec<String>,
}

/// A category of people concerned, and why the policy implies it.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleCategory {
    pub name: &'static str,
    pub basis: String,
}

/// What one destination receives of one personal field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldEntry {
    pub path: String,
    pub category: &'static str,
    /// The treatment name (`keep`, `token`, `encrypt`…); `remove` fields are left out.
    pub treatment: &'static str,
}

/// A recipient: one destination of the policy.
#[derive(Debug, Clone, Serialize)]
pub struct RecipientEntry {
    pub destination: String,
    pub recipient: String,
    pub country: String,
    pub in_eea: bool,
    /// `none` (inside the EEA), `adequacy`, `safeguarded` or `blocked` (T1–T3).
    pub transfer: &'static str,
    /// The safeguard declared in the policy (`none`, `adequacy`, `dpf`, `scc`, `bcr`).
    pub safeguard: &'static str,
    pub purpose: String,
    pub channels: Vec<&'static str>,
    /// What an unauthorised interconnection does at this destination (I4): `flag` or `block`.
    pub unauthorised_interconnection: &'static str,
    /// Personal fields it may receive and how; the others are removed.
    pub fields: Vec<FieldEntry>,
}

/// Retention and time limits.
#[derive(Debug, Clone, Serialize)]
pub struct Retention {
    /// R1: no event forwarded whose last contact is older.
    pub prospect_months: u32,
    /// C5: consent older than this is expired.
    pub consent_max_age_months: u32,
    /// C5: tolerance for consent captured after the event.
    pub clock_skew_seconds: i64,
}

/// A technical measure the guard applies.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub measure: &'static str,
    pub detail: String,
    pub rules: Vec<&'static str>,
}

/// An authorised interconnection (I4).
#[derive(Debug, Clone, Serialize)]
pub struct InterconnectionEntry {
    pub datasets: [String; 2],
    pub purposes: [String; 2],
    pub reference: String,
}

/// An approved consent text version (C4).
#[derive(Debug, Clone, Serialize)]
pub struct ConsentTextEntry {
    pub form: String,
    pub purpose: String,
    pub version: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub sha256: String,
}

/// A heading of the DPIA checklist (seed 004) with the risks filed under it.
#[derive(Debug, Clone, Serialize)]
pub struct DpiaSection {
    pub heading: &'static str,
    /// The heading in the seed's words (French).
    pub heading_fr: &'static str,
    pub risks: Vec<Risk>,
}

/// The register of processing and the DPIA input sheet of one policy.
#[derive(Debug, Clone, Serialize)]
pub struct Register {
    pub policy_version: String,
    pub policy_sha256: String,
    pub purposes: Vec<PurposeEntry>,
    pub datasets: Vec<DatasetEntry>,
    pub data_categories: Vec<DataCategory>,
    pub people: Vec<PeopleCategory>,
    pub recipients: Vec<RecipientEntry>,
    pub retention: Retention,
    /// Approved consent texts; empty when the policy registers none.
    pub consent_texts: Vec<ConsentTextEntry>,
    pub security: Vec<Measure>,
    pub interconnections: Vec<InterconnectionEntry>,
    /// The DPIA input sheet: the seed 004 headings in order, each with its risks.
    pub dpia: Vec<DpiaSection>,
}

/// The legal basis a regime stands for, and the rules that state it.
fn legal_basis(regime: Regime) -> (&'static str, &'static str, Vec<&'static str>) {
    match regime {
        Regime::Prospecting => (
            "prospecting",
            "consent (art. 6(1)(a)) for e-mail/SMS to individuals; legitimate interest \
             (art. 6(1)(f)) for professionals, existing customers (soft opt-in), phone and \
             postal, unless the person objected",
            vec!["C1", "C2", "C3", "C6"],
        ),
        Regime::Consent => (
            "consent",
            "consent (art. 6(1)(a)) for this purpose and each channel",
            vec!["C4", "C7", "C8"],
        ),
        Regime::None => (
            "none",
            "legitimate interest (art. 6(1)(f)), no one contacted and no direct identifier in clear",
            vec!["S4", "P1"],
        ),
    }
}

fn transfer_name(t: Transfer) -> &'static str {
    match t {
        Transfer::None => "none",
        Transfer::Adequacy(_) => "adequacy",
        Transfer::Safeguarded(_) => "safeguarded",
        Transfer::Unsafeguarded => "blocked",
    }
}

fn mode_name(m: InterconnectionMode) -> &'static str {
    match m {
        InterconnectionMode::Flag => "flag",
        InterconnectionMode::Block => "block",
    }
}

/// Names of the destinations whose plan applies `t` to a personal field, in policy order.
fn destinations_with(policy: &Policy, t: Treatment) -> Vec<&'static str> {
    let leaves = &policy.lead_schema.fields.leaves;
    policy
        .destinations
        .iter()
        .filter(|d| {
            d.plan
                .iter()
                .zip(leaves)
                .any(|(a, l)| *a == t && l.category.is_personal())
        })
        .map(|d| d.name)
        .collect()
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "no destination".to_string()
    } else {
        names.join(", ")
    }
}

impl Register {
    /// Builds the register of a compiled policy.
    pub fn build(policy: &Policy) -> Register {
        let purpose_name = |id: u16| policy.purposes[id as usize].name.clone();
        let mut datasets: Vec<DatasetEntry> = policy
            .datasets
            .iter()
            .map(|(name, p)| DatasetEntry {
                name: name.clone(),
                purpose: purpose_name(*p),
            })
            .collect();
        datasets.sort_by(|a, b| a.name.cmp(&b.name));

        let purposes = policy
            .purposes
            .iter()
            .map(|p| {
                let (regime, basis, rules) = legal_basis(p.regime);
                PurposeEntry {
                    name: p.name.clone(),
                    regime,
                    legal_basis: basis,
                    rules,
                    datasets: datasets
                        .iter()
                        .filter(|d| d.purpose == p.name)
                        .map(|d| d.name.clone())
                        .collect(),
                    destinations: policy
                        .destinations
                        .iter()
                        .filter(|d| policy.purposes[d.purpose as usize].name == p.name)
                        .map(|d| d.name.to_string())
                        .collect(),
                }
            })
            .collect();

        let leaves = &policy.lead_schema.fields.leaves;
        let data_categories = Category::ALL
            .iter()
            .filter(|c| c.is_personal())
            .filter_map(|c| {
                let fields: Vec<String> = leaves
                    .iter()
                    .filter(|l| l.category == *c)
                    .map(|l| l.path.to_string())
                    .collect();
                (!fields.is_empty()).then(|| DataCategory {
                    category: c.as_str(),
                    special: c.is_special(),
                    forbidden: matches!(c, Category::NationalId | Category::PaymentCard),
                    fields,
                })
            })
            .collect();

        let recipients = policy
            .destinations
            .iter()
            .map(|d| RecipientEntry {
                destination: d.name.to_string(),
                recipient: d.recipient.clone(),
                country: d.country.to_string(),
                in_eea: EEA.contains(&d.country),
                transfer: transfer_name(d.transfer),
                safeguard: d.safeguard.as_str(),
                purpose: purpose_name(d.purpose),
                channels: d.channels.iter().map(|c| c.as_str()).collect(),
                unauthorised_interconnection: mode_name(d.interconnection),
                fields: d
                    .plan
                    .iter()
                    .zip(leaves)
                    .filter(|(a, l)| **a != Treatment::Remove && l.category.is_personal())
                    .map(|(a, l)| FieldEntry {
                        path: l.path.to_string(),
                        category: l.category.as_str(),
                        treatment: a.as_str(),
                    })
                    .collect(),
            })
            .collect();

        let mut interconnections: Vec<InterconnectionEntry> = policy
            .authorised
            .iter()
            .map(|((a, b), reference)| InterconnectionEntry {
                purposes: [a, b].map(|d| {
                    policy
                        .dataset_purpose(d)
                        .map(purpose_name)
                        .unwrap_or_default()
                }),
                datasets: [a.clone(), b.clone()],
                reference: reference.clone(),
            })
            .collect();
        interconnections.sort_by(|a, b| a.datasets.cmp(&b.datasets));

        let risks = risks::assess(policy);
        let dpia = risks::HEADINGS
            .iter()
            .map(|(heading, heading_fr)| DpiaSection {
                heading,
                heading_fr,
                risks: risks
                    .iter()
                    .filter(|r| r.heading == *heading)
                    .cloned()
                    .collect(),
            })
            .collect();

        Register {
            policy_version: policy.version.to_string(),
            policy_sha256: policy.sha256.to_string(),
            purposes,
            datasets,
            data_categories,
            people: people(policy),
            recipients,
            retention: Retention {
                prospect_months: policy.retention_months,
                consent_max_age_months: policy.consent_max_age_months,
                clock_skew_seconds: policy.clock_skew_seconds,
            },
            consent_texts: policy
                .consent_texts
                .iter()
                .flat_map(|t| &t.texts)
                .map(|t| ConsentTextEntry {
                    form: t.form.clone(),
                    purpose: t.purpose.clone(),
                    version: t.version.clone(),
                    valid_from: crate::clock::format(t.valid_from),
                    valid_until: t.valid_until.map(crate::clock::format),
                    sha256: t.sha256.clone(),
                })
                .collect(),
            security: security(policy),
            interconnections,
            dpia,
        }
    }

    /// The register as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("register serialises")
    }
}

/// The categories of people the policy implies: prospects whenever a purpose prospects, split
/// into individuals and professionals by the schema's `subject.kind`; customers when the schema
/// carries a customer code or a purpose manages customers (C3 soft opt-in).
fn people(policy: &Policy) -> Vec<PeopleCategory> {
    let mut out = Vec::new();
    let prospecting: Vec<&str> = policy
        .purposes
        .iter()
        .filter(|p| p.regime == Regime::Prospecting)
        .map(|p| p.name.as_str())
        .collect();
    if !prospecting.is_empty() {
        out.push(PeopleCategory {
            name: "prospects (individuals)",
            basis: format!(
                "purposes {}: opt-in for e-mail/SMS (C1)",
                prospecting.join(", ")
            ),
        });
        out.push(PeopleCategory {
            name: "prospects (professionals)",
            basis: "B2B contacts, prospected unless they objected (C2)".to_string(),
        });
    }
    let has_code = policy
        .lead_schema
        .fields
        .leaves
        .iter()
        .any(|l| l.category == Category::CustomerCode);
    if has_code || !prospecting.is_empty() {
        out.push(PeopleCategory {
            name: "customers",
            basis: "existing customers (soft opt-in, C3) identified by the customer code"
                .to_string(),
        });
    }
    if out.is_empty() {
        out.push(PeopleCategory {
            name: "persons submitting a web form",
            basis: "the lead schema's subject".to_string(),
        });
    }
    out
}

/// The technical measures the compiled policy makes the guard apply.
fn security(policy: &Policy) -> Vec<Measure> {
    let keys = &policy.keys;
    let mut m = vec![
        Measure {
            measure: "pseudonymisation",
            detail: format!(
                "keyed HMAC-SHA-256 tokens of normalised values (key id `{}`), for: {}",
                keys.pseudonym.id,
                list_or_none(&destinations_with(policy, Treatment::Token))
            ),
            rules: vec!["P1", "P2", "P3"],
        },
        Measure {
            measure: "encryption",
            detail: format!(
                "AES-256-GCM envelopes bound to the field path (key id `{}`, {} previous key(s) kept to decrypt), for: {}",
                keys.encryption.id,
                keys.encryption_previous.len(),
                list_or_none(&destinations_with(policy, Treatment::Encrypt))
            ),
            rules: vec!["P2", "S2"],
        },
        Measure {
            measure: "free-text redaction",
            detail: format!(
                "NIR, payment cards, IBANs, contact details and special-category statements \
                 redacted in free text ({} vocabularies), for: {}",
                policy.vocabulary.sizes().len(),
                list_or_none(&destinations_with(policy, Treatment::Redact))
            ),
            rules: vec!["S1", "S3"],
        },
        Measure {
            measure: "forbidden identifiers removed",
            detail: "national id never forwarded; payment card never in clear".to_string(),
            rules: vec!["S1"],
        },
        Measure {
            measure: "minimisation",
            detail: "each destination receives only the fields of its plan; undeclared fields are \
                     refused by the lead schema"
                .to_string(),
            rules: vec!["S4"],
        },
        Measure {
            measure: "audit trail",
            detail: format!(
                "one record per decision, without personal values, chained by HMAC-SHA-256 \
                 (key id `{}`); dead letters encrypted (key id `{}`)",
                keys.audit.id, keys.dead_letter.id
            ),
            rules: vec!["A1", "A2"],
        },
    ];
    m.push(Measure {
        measure: "signed checkpoints",
        detail: match &policy.checkpoints {
            Some(c) => format!(
                "Ed25519-signed checkpoints of the audit chains (key `{}`) every {} records or {} s, \
                 verifiable without the audit key",
                c.signer.name(),
                c.every,
                c.interval.as_secs()
            ),
            None => "not configured: the audit chain can only be checked with the audit key"
                .to_string(),
        },
        rules: vec!["A2"],
    });
    m.push(Measure {
        measure: "signed consent proofs",
        detail: match &policy.consent_proofs {
            Some(p) => p.describe(),
            None => "not configured: a consent's proof reference is recorded, not verified".into(),
        },
        rules: vec!["C4"],
    });
    m
}

#[cfg(test)]
mod tests;
