//! `audit subject`: one person's audit records, for an access request (GDPR art. 15) and as the
//! proof of their consent (C4).
//!
//! The person is found the way the guard tokenised them: the e-mail or phone is normalised by
//! [`crate::normalize`] (C6, P3) and turned into a token with the pseudonymisation key (P1), then
//! matched against each record's `subject_ref` and `subject_refs`. Nothing else is compared, so
//! no other person's record can match, and the output carries only the token — never the e-mail
//! or phone given on the command line, nor the other tokens of the matched records.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::audit::{AuditRecord, ErasureRef};
use crate::engine::Guard;
use crate::normalize;
use crate::verdict::DestOutcome;
use crate::verdict::Reason;

use super::report::md_cell;
use super::source::{Position, Source};
use super::AuditToolError;

/// Which identity the person was looked up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityKind {
    Email,
    Phone,
}

/// The token of an identity given on the command line, normalised exactly as the guard does.
/// Errors never repeat the value.
pub fn subject_token(
    guard: &Guard,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<(IdentityKind, String), AuditToolError> {
    match (email, phone) {
        (Some(e), None) => normalize::email(e)
            .map(|n| (IdentityKind::Email, guard.subject_token(&n)))
            .ok_or_else(|| {
                AuditToolError::Usage("--email is not an e-mail address (no '@')".into())
            }),
        (None, Some(p)) => normalize::phone(p, &guard.policy.default_country_code)
            .map(|n| (IdentityKind::Phone, guard.subject_token(&n)))
            .ok_or_else(|| {
                AuditToolError::Usage(
                    "--phone is not a phone number the guard can normalise (E.164, or national with the policy's default country code)".into(),
                )
            }),
        _ => Err(AuditToolError::Usage(
            "give exactly one of --email or --phone".into(),
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Basis {
    pub channel: String,
    /// `consent:<proof_ref>`, `b2b`, `soft_opt_in`, `opt_out`, `none_needed`.
    pub basis: String,
    /// The consent proof reference, when the basis is consent (C4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_proof: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub destination: String,
    pub channels: Vec<String>,
    pub basis: Vec<Basis>,
    /// Field path → treatment (`clear`, `token`, `encrypted`, `masked`, `redacted`).
    pub fields: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub reason: String,
    pub rules: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub destination: String,
    pub reasons: Vec<Refusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingOut {
    pub path: String,
    pub category: String,
    pub action: String,
}

/// One record of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectRecord {
    pub event_id: Option<String>,
    pub processed_at: String,
    pub occurred_at: Option<String>,
    pub dataset: Option<String>,
    pub outcome: String,
    /// Where the input event came from (file:line, or topic/partition@offset).
    pub input: String,
    /// Where the audit record sits (line, or partition + offset of the audit topic).
    pub audit_position: Position,
    pub received: Vec<Received>,
    pub blocked: Vec<Blocked>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rejection_reasons: Vec<String>,
    pub withdrawals_applied: u32,
    /// The erasure request of a record of kind `erasure` (GDPR art. 17): reference, when the
    /// person asked, how, and how many of their subject keys were destroyed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erasure: Option<ErasureRef>,
    pub policy_version: String,
}

/// The answer (`leadguard.subject-records/v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectReport {
    pub schema: &'static str,
    pub subject_token: String,
    pub looked_up_by: IdentityKind,
    pub source: String,
    pub records_scanned: u64,
    pub records: Vec<SubjectRecord>,
    /// Destination → copies received.
    pub destinations_received: BTreeMap<String, u64>,
    /// Every consent proof reference the person's data was forwarded under.
    pub consent_proofs: Vec<String>,
}

fn to_subject_record(r: &AuditRecord, position: Position) -> SubjectRecord {
    let mut received = Vec::new();
    let mut blocked = Vec::new();
    for d in &r.destinations {
        if d.outcome == DestOutcome::Forwarded {
            received.push(Received {
                destination: d.name.to_string(),
                channels: d.channels.iter().map(|c| c.to_string()).collect(),
                basis: d
                    .basis
                    .iter()
                    .map(|(c, b)| Basis {
                        channel: c.to_string(),
                        basis: b.to_string(),
                        consent_proof: b.strip_prefix("consent:").map(str::to_string),
                    })
                    .collect(),
                fields: d
                    .fields
                    .iter()
                    .map(|(p, t)| (p.to_string(), t.as_str().to_string()))
                    .collect(),
                transfer: d
                    .transfer
                    .as_ref()
                    .map(|t| format!("{} ({})", t.country, t.safeguard)),
            });
        } else {
            blocked.push(Blocked {
                destination: d.name.to_string(),
                reasons: d
                    .reasons
                    .iter()
                    .map(|x| Refusal {
                        reason: x.to_string(),
                        rules: Reason::parse(x)
                            .map(|r| r.rules().to_string())
                            .unwrap_or_default(),
                    })
                    .collect(),
            });
        }
    }
    SubjectRecord {
        event_id: r.event_id.clone(),
        processed_at: r.processed_at.clone(),
        occurred_at: r.occurred_at.clone(),
        dataset: r.dataset.clone(),
        outcome: r.outcome.as_str().to_string(),
        input: r.input.to_string(),
        audit_position: position,
        received,
        blocked,
        findings: r
            .findings
            .iter()
            .map(|f| FindingOut {
                path: f.path.clone(),
                category: f.category.to_string(),
                action: f.action.to_string(),
            })
            .collect(),
        rejection_reasons: r.reasons.iter().map(|x| x.to_string()).collect(),
        withdrawals_applied: r.withdrawals_applied,
        erasure: r.erasure.clone(),
        policy_version: r.policy.version.to_string(),
    }
}

/// Reads the source and keeps the records of `token` only.
pub fn lookup(
    source: &Source,
    kind: IdentityKind,
    token: &str,
) -> Result<SubjectReport, AuditToolError> {
    let mut records = Vec::new();
    let mut scanned = 0u64;
    source.read(|raw| {
        scanned += 1;
        let Ok(r) = serde_json::from_slice::<AuditRecord>(&raw.bytes) else {
            return;
        };
        let mine =
            r.subject_ref.as_deref() == Some(token) || r.subject_refs.iter().any(|t| t == token);
        if mine {
            records.push(to_subject_record(&r, raw.position));
        }
    })?;
    let mut destinations_received: BTreeMap<String, u64> = BTreeMap::new();
    let mut proofs: BTreeSet<String> = BTreeSet::new();
    for r in &records {
        for d in &r.received {
            *destinations_received
                .entry(d.destination.clone())
                .or_default() += 1;
            for b in &d.basis {
                if let Some(p) = &b.consent_proof {
                    proofs.insert(p.clone());
                }
            }
        }
    }
    Ok(SubjectReport {
        schema: "leadguard.subject-records/v1",
        subject_token: token.to_string(),
        looked_up_by: kind,
        source: source.describe(),
        records_scanned: scanned,
        records,
        destinations_received,
        consent_proofs: proofs.into_iter().collect(),
    })
}

impl SubjectReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("subject report serialises")
    }

    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Audit records of one person\n");
        let _ = writeln!(
            s,
            "- Subject token: `{}` (looked up by {})",
            self.subject_token,
            match self.looked_up_by {
                IdentityKind::Email => "e-mail",
                IdentityKind::Phone => "phone",
            }
        );
        let _ = writeln!(
            s,
            "- Source: {} ({} record(s) scanned)",
            md_cell(&self.source),
            self.records_scanned
        );
        let _ = writeln!(s, "- Records found: **{}**", self.records.len());
        if !self.destinations_received.is_empty() {
            let d: Vec<String> = self
                .destinations_received
                .iter()
                .map(|(k, v)| format!("{} ({v})", md_cell(k)))
                .collect();
            let _ = writeln!(s, "- Destinations that received data: {}", d.join(", "));
        }
        if !self.consent_proofs.is_empty() {
            let _ = writeln!(
                s,
                "- Consent proof references: {}",
                self.consent_proofs
                    .iter()
                    .map(|p| format!("`{}`", md_cell(p)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for r in &self.records {
            let title = match (&r.erasure, &r.event_id) {
                (Some(e), _) => format!("erasure request {}", e.reference),
                (None, Some(id)) => id.clone(),
                (None, None) => "(no event id)".into(),
            };
            let _ = writeln!(s, "\n## {} — {}\n", md_cell(&title), r.outcome.as_str());
            let _ = writeln!(
                s,
                "- Processed at {} · occurred at {} · dataset `{}` · policy {}",
                r.processed_at,
                r.occurred_at.as_deref().unwrap_or("—"),
                md_cell(r.dataset.as_deref().unwrap_or("—")),
                md_cell(&r.policy_version)
            );
            let _ = writeln!(
                s,
                "- Input {} · audit record at {}",
                md_cell(&r.input),
                r.audit_position
            );
            if let Some(e) = &r.erasure {
                let _ = writeln!(
                    s,
                    "- Erasure request `{}` (asked at {}{}): {} subject key(s) destroyed — every value the guard encrypted for this person is unreadable; every purpose and channel withdrawn",
                    md_cell(&e.reference),
                    e.at,
                    e.via.as_deref().map(|v| format!(", via {}", md_cell(v))).unwrap_or_default(),
                    e.keys_destroyed
                );
            }
            if r.withdrawals_applied > 0 {
                let _ = writeln!(
                    s,
                    "- Withdrawals applied: {} channel refusal(s)",
                    r.withdrawals_applied
                );
            }
            if !r.rejection_reasons.is_empty() {
                let _ = writeln!(s, "- Rejected: {}", r.rejection_reasons.join(", "));
            }
            if !r.received.is_empty() {
                let _ = writeln!(s, "\n| received by | channels | legal basis | fields (treatment) | transfer |\n|---|---|---|---|---|");
                for d in &r.received {
                    let basis: Vec<String> = d
                        .basis
                        .iter()
                        .map(|b| format!("{}: `{}`", md_cell(&b.channel), md_cell(&b.basis)))
                        .collect();
                    let fields: Vec<String> = d
                        .fields
                        .iter()
                        .map(|(p, t)| format!("`{}` {}", md_cell(p), md_cell(t)))
                        .collect();
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} | {} |",
                        md_cell(&d.destination),
                        if d.channels.is_empty() {
                            "—".to_string()
                        } else {
                            d.channels.join(", ")
                        },
                        basis.join("<br>"),
                        fields.join("<br>"),
                        md_cell(d.transfer.as_deref().unwrap_or("—"))
                    );
                }
            }
            if !r.blocked.is_empty() {
                let _ = writeln!(s, "\n| not sent to | reasons (rules) |\n|---|---|");
                for b in &r.blocked {
                    let reasons: Vec<String> = b
                        .reasons
                        .iter()
                        .map(|x| format!("`{}` ({})", md_cell(&x.reason), x.rules))
                        .collect();
                    let _ = writeln!(
                        s,
                        "| {} | {} |",
                        md_cell(&b.destination),
                        reasons.join(", ")
                    );
                }
            }
            if !r.findings.is_empty() {
                let f: Vec<String> = r
                    .findings
                    .iter()
                    .map(|f| format!("`{}` {} → {}", md_cell(&f.path), f.category, f.action))
                    .collect();
                let _ = writeln!(s, "\nSensitive data found: {}", f.join("; "));
            }
        }
        s
    }
}
