//! Phase 3, decide: each destination's verdict for the event — channels permitted, legal basis,
//! reasons, blocking checks — from the facts the intake and the scan gathered (C1–C8, R1, S2,
//! T1–T3, I4; the rules themselves are in [`crate::rules`]).

use super::intake::Admitted;
use super::scan::Scan;
use super::Guard;
use crate::audit::{AuditDestination, AuditDetail, Text};
use crate::category::Category;
use crate::channel::ChannelSet;
use crate::clock::Timestamp;
use crate::lead::Lead;
use crate::policy::{Regime, Transfer};
use crate::rules::consent::{self, Decision, Facts, Now};
use crate::rules::interconnection;
use crate::rules::signals::Signals;
use crate::verdict::{Basis, DestOutcome};
use crate::withdrawals::WithdrawalTable;

/// Every destination's verdict for one event.
pub(super) struct Decided {
    /// Special categories present with valid explicit consent (S2): encrypted, not removed.
    pub consented: Vec<Category>,
    /// One per destination, in policy order.
    pub verdicts: Vec<Verdict>,
    /// Destinations that refused at least one channel on a withdrawal (C6).
    pub withdrawals_applied: u32,
    /// The event's privacy signals (GPC, TC string), for the audit.
    pub signals: Signals,
    pub now: Now,
}

/// One destination's verdict, and its audit entry without the fields (the treat phase adds
/// them when it writes the copy).
pub(super) struct Verdict {
    pub outcome: DestOutcome,
    pub permitted: ChannelSet,
    pub transfer: Transfer,
    pub entry: AuditDestination,
}

impl Guard {
    /// Phase 3.
    pub(super) fn decide(
        &self,
        event: &Admitted,
        scan: &Scan,
        now: Timestamp,
        withdrawals: &WithdrawalTable,
    ) -> Decided {
        let policy = &self.policy;
        let lead = &event.lead;
        let now = Now::new(now, policy);
        let identities = event.subject.identities();
        let withdrawn = withdrawals.person(&identities);
        let consented: Vec<Category> = scan
            .special_present
            .iter()
            .copied()
            .filter(|c| self.special_consent(lead, *c, &now))
            .collect();
        let facts = Facts {
            lead,
            contacts: scan.contacts,
            phone: event.subject.phone.as_deref(),
            unauthorised_interconnection: interconnection::any_unauthorised(
                &event.interconnections,
            ),
            now,
        };
        let signals = Signals::read(event.value);
        let mut withdrawals_applied = 0u32;
        let verdicts = policy
            .destinations
            .iter()
            .map(|dest| {
                let mut decision =
                    consent::decide(&facts, dest, policy, &withdrawn, &self.suppression);
                signals.object(&mut decision, dest, &policy.signals);
                let Decision {
                    outcome,
                    permitted,
                    basis,
                    reasons,
                    withdrawal_applied,
                    details,
                } = decision;
                withdrawals_applied += u32::from(withdrawal_applied);
                let mut entry = AuditDestination {
                    name: Text::Borrowed(dest.name),
                    outcome,
                    channels: permitted
                        .iter()
                        .map(|c| Text::Borrowed(c.as_str()))
                        .collect(),
                    reasons: reasons.iter().map(|r| Text::Borrowed(r.as_str())).collect(),
                    basis: Vec::new(),
                    fields: Vec::new(),
                    transfer: None,
                    details: details.iter().map(AuditDetail::of).collect(),
                };
                if outcome == DestOutcome::Forwarded {
                    entry.basis = if dest.regime == Regime::None {
                        vec![(Text::Borrowed("none"), Basis::NoneNeeded.into_text())]
                    } else {
                        basis
                            .into_iter()
                            .map(|(c, b)| (Text::Borrowed(c.as_str()), self.basis_text(b)))
                            .collect()
                    };
                    entry.transfer = dest.transfer.audit_ref(dest.country);
                }
                Verdict {
                    outcome,
                    permitted,
                    transfer: dest.transfer,
                    entry,
                }
            })
            .collect();
        Decided {
            consented,
            verdicts,
            withdrawals_applied,
            signals,
            now,
        }
    }

    /// S2: explicit, valid consent for a special category (`special:<category>`).
    fn special_consent(&self, lead: &Lead, c: Category, now: &Now) -> bool {
        let purpose = format!("special:{}", c.as_str());
        lead.consents
            .iter()
            .filter(|e| e.purpose == purpose)
            .max_by_key(|e| e.captured_at)
            .is_some_and(|e| consent::consent_problem(e, lead, now, &self.policy).is_none())
    }
}

impl Guard {
    /// A legal basis as copies and the audit record it: the proof reference of a consent is
    /// the form's own text, so an identifier written into it is redacted (S1).
    pub(super) fn basis_text(&self, basis: Basis) -> Text {
        match basis {
            Basis::Consent(r) => match self.scanner.redact_identifiers(&r) {
                Some(safe) => Basis::Consent(safe).into_text(),
                None => Basis::Consent(r).into_text(),
            },
            other => other.into_text(),
        }
    }
}
