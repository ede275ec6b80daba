//! The risks a policy raises, for the DPIA input sheet; its warnings are `policy lint`'s.
//!
//! A risk is either a **warning** (a legal but risky setting a DPO should confirm or change:
//! what `policy lint` prints) or a **note** (a fact of the processing the impact assessment must
//! weigh, such as a transfer relying on standard contractual clauses). Each is filed under one
//! heading of the seed 004 checklist and cites the rules (docs/rules.md) it comes from.

use serde::Serialize;

use crate::category::Category;
use crate::policy::consent_texts::UnknownForm;
use crate::policy::{InterconnectionMode, Policy, Transfer, Treatment};

/// How much attention a risk needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Risky but legal: printed by `policy lint`, fails it with `--deny-warnings`.
    Warning,
    /// To weigh in the impact assessment; not a lint warning.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One risk.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    /// Stable code, e.g. `transfer.identifiers_in_clear`.
    pub code: &'static str,
    pub severity: Severity,
    /// The checklist heading (English form of [`HEADINGS`]) it is filed under.
    pub heading: &'static str,
    pub rules: Vec<&'static str>,
    /// The destination it concerns, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    pub text: String,
}

pub const CONSENT: &str = "Insufficient consent";
pub const PURPOSE: &str = "Misuse of customer data for another purpose";
pub const SECURITY: &str = "Missing or insufficient security measures";
pub const INFORMATION: &str = "Breach of the information obligations";
pub const RETENTION: &str = "Inappropriate retention and deletion";

/// The headings of the seed 004 checklist (English, and the seed's French), in its order.
pub const HEADINGS: [(&str, &str); 5] = [
    (CONSENT, "Consentement insuffisant"),
    (
        PURPOSE,
        "Détournement des données de la base de données clients",
    ),
    (SECURITY, "Absence ou insuffisance de mesures de sécurité"),
    (INFORMATION, "Violation des obligations d'information"),
    (
        RETENTION,
        "Conservation et suppression inappropriées des données",
    ),
];

/// The CNIL's usual ceiling for prospect data and consent (C5, R1 default).
const MONTHS_CEILING: u32 = 36;

fn risk(
    code: &'static str,
    severity: Severity,
    heading: &'static str,
    rules: &[&'static str],
    destination: Option<&str>,
    text: String,
) -> Risk {
    Risk {
        code,
        severity,
        heading,
        rules: rules.to_vec(),
        destination: destination.map(str::to_string),
        text,
    }
}

/// Every risk of a policy, in checklist order then policy order.
pub fn assess(policy: &Policy) -> Vec<Risk> {
    use Severity::{Note, Warning};
    let mut out = Vec::new();
    let leaves = &policy.lead_schema.fields.leaves;

    // Consent.
    if policy.consent_max_age_months > MONTHS_CEILING {
        out.push(risk(
            "consent.max_age_long",
            Warning,
            CONSENT,
            &["C5"],
            None,
            format!(
                "consent is valid for {} months, above the {MONTHS_CEILING} months the CNIL accepts",
                policy.consent_max_age_months
            ),
        ));
    }
    for d in &policy.destinations {
        let special: Vec<&str> = d
            .plan
            .iter()
            .zip(leaves)
            .filter(|(a, l)| l.category.is_special() && **a != Treatment::Remove)
            .map(|(_, l)| l.path)
            .collect();
        if !special.is_empty() {
            out.push(risk(
                "special.forwarded",
                Note,
                CONSENT,
                &["S2", "C4"],
                Some(d.name),
                format!(
                    "special categories forwarded with explicit consent ({} field(s): {})",
                    special.len(),
                    special.join(", ")
                ),
            ));
        }
    }

    // Purpose limitation and interconnections.
    let flag_only: Vec<&str> = policy
        .destinations
        .iter()
        .filter(|d| d.interconnection == InterconnectionMode::Flag)
        .map(|d| d.name)
        .collect();
    if !flag_only.is_empty() {
        out.push(risk(
            "interconnection.flag_only",
            Warning,
            PURPOSE,
            &["I4", "C7"],
            None,
            format!(
                "unauthorised interconnections are only flagged, the events still forwarded, at: {}",
                flag_only.join(", ")
            ),
        ));
    }
    let mut authorised: Vec<_> = policy.authorised.iter().collect();
    authorised.sort();
    for ((a, b), reference) in authorised {
        out.push(risk(
            "interconnection.authorised",
            Note,
            PURPOSE,
            &["I1", "I4"],
            None,
            format!("{a} ↔ {b} related under reference {reference}"),
        ));
    }

    // Security: transfers and data in clear.
    for d in &policy.destinations {
        match d.transfer {
            Transfer::None => {}
            Transfer::Adequacy(s) => out.push(risk(
                "transfer.adequacy",
                Note,
                SECURITY,
                &["T2"],
                Some(d.name),
                format!(
                    "transfer to {} ({}) under an adequacy decision ({})",
                    d.recipient,
                    d.country,
                    s.as_str()
                ),
            )),
            Transfer::Safeguarded(s) => out.push(risk(
                "transfer.safeguarded",
                Note,
                SECURITY,
                &["T3"],
                Some(d.name),
                format!(
                    "transfer to {} ({}) relying on {}: needs a transfer impact assessment",
                    d.recipient,
                    d.country,
                    s.as_str()
                ),
            )),
            Transfer::Unsafeguarded => out.push(risk(
                "transfer.unsafeguarded",
                Warning,
                SECURITY,
                &["T3"],
                Some(d.name),
                format!(
                    "{} ({}) has no transfer safeguard: every event to it is blocked",
                    d.recipient, d.country
                ),
            )),
        }
        let in_clear = |pred: fn(Category) -> bool| -> Vec<&str> {
            d.plan
                .iter()
                .zip(leaves)
                .filter(|(a, l)| **a == Treatment::Keep && pred(l.category))
                .map(|(_, l)| l.path)
                .collect()
        };
        let identifiers = in_clear(|c| {
            matches!(
                c,
                Category::DirectIdentifier
                    | Category::Email
                    | Category::Phone
                    | Category::CustomerCode
            )
        });
        if !matches!(d.transfer, Transfer::None | Transfer::Unsafeguarded)
            && !identifiers.is_empty()
        {
            out.push(risk(
                "transfer.identifiers_in_clear",
                Warning,
                SECURITY,
                &["T1", "T3", "P1"],
                Some(d.name),
                format!(
                    "outside the EEA ({}), identifiers in clear: {}",
                    d.country,
                    identifiers.join(", ")
                ),
            ));
        }
        let special = in_clear(Category::is_special);
        if !special.is_empty() {
            out.push(risk(
                "special.in_clear",
                Warning,
                SECURITY,
                &["S2", "P2"],
                Some(d.name),
                format!(
                    "special categories forwarded in clear when consented: {}",
                    special.join(", ")
                ),
            ));
        }
        let iban = in_clear(|c| c == Category::Iban);
        if !iban.is_empty() {
            out.push(risk(
                "iban.in_clear",
                Warning,
                SECURITY,
                &["S3", "P2"],
                Some(d.name),
                format!("bank account numbers in clear: {}", iban.join(", ")),
            ));
        }
    }
    if policy.checkpoints.is_none() {
        out.push(risk(
            "audit.no_checkpoints",
            Note,
            SECURITY,
            &["A2"],
            None,
            "no signed checkpoints: only holders of the audit key can check the audit trail"
                .to_string(),
        ));
    }

    // Information: which consent texts count (C4 "informed").
    match &policy.consent_texts {
        None => out.push(risk(
            "consent.text_unchecked",
            Note,
            INFORMATION,
            &["C4"],
            None,
            "no consent text is registered: the version shown is recorded but not checked"
                .to_string(),
        )),
        Some(t) if t.unknown_form == UnknownForm::Allow => out.push(risk(
            "consent.unknown_form_allowed",
            Warning,
            INFORMATION,
            &["C4"],
            None,
            "consents from forms without registered texts are accepted (flagged \
             `consent.text_unregistered`): end the migration period with `unknown_form = \"refuse\"`"
                .to_string(),
        )),
        Some(t) => out.push(risk(
            "consent.texts_registered",
            Note,
            INFORMATION,
            &["C4"],
            None,
            format!(
                "{} approved consent text version(s) pinned by SHA-256; consents from other \
                 forms or versions are refused as uninformed",
                t.texts.len()
            ),
        )),
    }

    // Retention.
    if policy.retention_months > MONTHS_CEILING {
        out.push(risk(
            "retention.long",
            Warning,
            RETENTION,
            &["R1"],
            None,
            format!(
                "prospect data forwarded up to {} months after the last contact, above {MONTHS_CEILING}",
                policy.retention_months
            ),
        ));
    }
    out.push(risk(
        "retention.downstream",
        Note,
        RETENTION,
        &["R1"],
        None,
        format!(
            "retention ({} months) is enforced when forwarding; deletion in each recipient's \
             systems is the recipient's",
            policy.retention_months
        ),
    ));
    out
}

/// The warnings of a policy: what `policy lint` prints.
pub fn lint(policy: &Policy) -> Vec<Risk> {
    assess(policy)
        .into_iter()
        .filter(|r| r.severity == Severity::Warning)
        .collect()
}
