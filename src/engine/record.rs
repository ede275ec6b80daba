//! Phase 5, record: the audit record of one event (A1, A3) — outcome, per-destination entries,
//! flags, findings, interconnections — and the records of rejected inputs. Rendered to JSON
//! only when sealed into its chain ([`crate::audit::AuditChain::seal`]).

use super::decide::Decided;
use super::intake::{Admitted, Rejection};
use super::scan::Scan;
use super::seal::Sealer;
use super::treat::Treated;
use super::{Guard, Processed};
use crate::audit::{AuditRecord, InputRef, PolicyRef, Text, AUDIT_SCHEMA_NAME};
use crate::category::Category;
use crate::clock::{self, Timestamp};
use crate::rules::interconnection;
use crate::subject_keys::SubjectKeys;
use crate::treatment::Treatment;
use crate::verdict::{DestOutcome, Flag, Flags, Outcome, Reason};

impl Guard {
    pub(super) fn base_record(&self, input: &InputRef, now: Timestamp) -> AuditRecord {
        AuditRecord {
            schema: Text::Borrowed(AUDIT_SCHEMA_NAME),
            kind: None,
            event_id: None,
            subject_ref: None,
            subject_refs: Vec::new(),
            input: input.clone(),
            processed_at: clock::format(now),
            occurred_at: None,
            dataset: None,
            outcome: Outcome::Rejected,
            reasons: Vec::new(),
            detail: None,
            destinations: Vec::new(),
            flags: Vec::new(),
            findings: Vec::new(),
            interconnections: Vec::new(),
            withdrawals_applied: 0,
            erasure: None,
            signals: None,
            policy: PolicyRef {
                version: Text::Borrowed(self.policy.version),
                sha256: Text::Borrowed(self.policy.sha256),
            },
            chain: Default::default(),
        }
    }

    /// Rejects an input: dead-letter record (payload encrypted, under the person's key when
    /// the event names one and `keys` is given) and audit record.
    pub(super) fn reject(
        &self,
        raw: &[u8],
        input: &InputRef,
        now: Timestamp,
        rejection: Rejection,
        keys: Option<&SubjectKeys>,
    ) -> Processed {
        let Rejection {
            reason,
            detail,
            event_id,
            subjects,
        } = rejection;
        let mut audit = self.base_record(input, now);
        audit.reasons = vec![Text::Borrowed(reason.as_str())];
        audit.event_id = event_id;
        let sealer = Sealer::new(&self.keyring, keys, &subjects);
        let dead_letter =
            self.dead_letter_record(raw, input, reason, &detail, &audit.processed_at, &sealer);
        audit.detail = Some(detail);
        Processed {
            outcome: Outcome::Rejected,
            outputs: Vec::new(),
            dead_letter: Some(dead_letter),
            audit,
            identity_updates: Vec::new(),
            subject_keys: sealer.into_pending(),
        }
    }

    /// Rejects an event over `limits.max_event_bytes`. `kept` may be only the start of an event
    /// whose rest the reader did not buffer; `size` is its true length.
    pub fn reject_too_large(
        &self,
        kept: &[u8],
        size: usize,
        input: &InputRef,
        now: Timestamp,
    ) -> Processed {
        let cut = if kept.len() < size {
            format!(" (the dead letter keeps its first {} bytes)", kept.len())
        } else {
            String::new()
        };
        let detail = format!(
            "event of {size} bytes exceeds the limit of {} bytes{cut}",
            self.policy.max_event_bytes
        );
        self.reject(
            kept,
            input,
            now,
            Rejection {
                reason: Reason::EventMalformed,
                detail,
                event_id: None,
                subjects: Vec::new(),
            },
            None,
        )
    }

    /// Phase 5: the record of a judged event. `correlated` says whether the I3 index met this
    /// person from another purpose's dataset at a destination of this event.
    pub(super) fn record(
        &self,
        input: &InputRef,
        event: Admitted,
        scan: Scan,
        decided: Decided,
        treated: Treated,
        correlated: bool,
    ) -> Processed {
        let Admitted {
            lead,
            mut interconnections,
            subject,
            ..
        } = event;
        let mut flags = Flags::default();
        for v in &decided.verdicts {
            if v.outcome == DestOutcome::Forwarded {
                if let Some(f) = v.transfer.flag() {
                    flags.insert(f);
                }
            }
        }
        if correlated {
            interconnections.push(interconnection::correlated(lead.dataset));
        }
        interconnection::flags(&interconnections, &self.policy, &mut flags);
        let consented = &decided.consented;
        if scan.special_present.iter().any(|c| !consented.contains(c)) {
            flags.insert(Flag::SensitiveRemoved);
        }
        if treated.encrypted_special {
            flags.insert(Flag::SensitiveEncrypted);
        }
        // S3: a text was redacted in a copy, or holds what every copy must have redacted.
        let always_redacted = scan.redactions.iter().any(|r| r.found().always_redacts());
        if treated.redacted_text || always_redacted {
            flags.insert(Flag::TextRedacted);
        }
        if scan.undeclared {
            flags.insert(Flag::FieldUndeclared);
        }
        // C4: consent accepted from a form whose texts are not registered (migration period).
        let unregistered = self.policy.consent_texts.as_ref().is_some_and(|t| {
            t.unregistered_allowed(lead.form_id) && lead.consents.iter().any(|c| c.granted)
        });
        if unregistered {
            flags.insert(Flag::ConsentTextUnregistered);
        }
        if decided.signals.tcf_invalid() {
            flags.insert(Flag::SignalInvalid);
        }

        let outcome = if treated.outputs.is_empty() {
            Outcome::Dropped
        } else {
            Outcome::Forwarded
        };
        let mut audit = self.base_record(input, decided.now.at);
        audit.event_id = Some(self.audit_event_id(lead.event_id));
        audit.subject_ref = subject.tokens.first().cloned();
        audit.subject_refs = subject.tokens;
        audit.occurred_at = Some(clock::format(lead.occurred_at));
        audit.dataset = Some(lead.dataset.to_string());
        audit.outcome = outcome;
        audit.destinations = decided.verdicts.into_iter().map(|v| v.entry).collect();
        audit.flags = flags.iter().map(|f| Text::Borrowed(f.as_str())).collect();
        audit.findings = scan
            .findings
            .into_iter()
            .map(|mut f| {
                if let Ok(c) = f.category.as_ref().parse::<Category>() {
                    if c.is_special() && consented.contains(&c) {
                        f.action = Text::Borrowed(Treatment::Encrypt.as_str());
                    }
                }
                f
            })
            .collect();
        audit.interconnections = interconnections;
        audit.withdrawals_applied = decided.withdrawals_applied;
        audit.signals = decided.signals.audit();
        Processed {
            outcome,
            outputs: treated.outputs,
            dead_letter: None,
            audit,
            identity_updates: Vec::new(),
            subject_keys: Vec::new(),
        }
    }
}
