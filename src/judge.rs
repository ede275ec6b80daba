//! The decision for one event and one destination (contract §2): channel regimes and consent
//! (C1–C8), blocking checks (R1, T3, I4), and the reasons of a refusal.
//!
//! Pure functions of the event view, the policy and the lookups: no I/O, no clock.

use crate::channel::{Channel, ChannelSet};
use crate::clock::{months_before, Timestamp};
use crate::lead::{Consent, Lead};
use crate::policy::{Destination, InterconnectionMode, Policy, Regime, Transfer};
use crate::verdict::{Basis, DestOutcome, Reason};
use crate::withdrawals::{SuppressionList, WithdrawalTable};

/// The facts about one event that every destination's decision reads.
pub struct Facts<'a> {
    pub lead: &'a Lead<'a>,
    /// Channels for which the event has a contact value.
    pub contacts: ChannelSet,
    /// Normalised identities (e-mail, phone) for withdrawal look-ups.
    pub identities: &'a [&'a str],
    /// Normalised phone, for the suppression list.
    pub phone: Option<&'a str>,
    /// The event carries an unauthorised interconnection (I2).
    pub unauthorised_interconnection: bool,
    pub now: Timestamp,
}

/// The decision for one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: DestOutcome,
    /// Permitted channels (with a contact value and a legal basis).
    pub permitted: ChannelSet,
    /// Legal basis of each permitted channel, in channel order.
    pub basis: Vec<(Channel, Basis)>,
    /// Blocking reasons, then (only when no channel is permitted) channel refusals; for a
    /// forwarded destination, the refusals of the other channels (informative).
    pub reasons: Vec<Reason>,
    /// A withdrawal from the withdrawals stream refused at least one channel (C6).
    pub withdrawal_applied: bool,
}

/// Result of evaluating one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ChannelVerdict {
    Permitted(Basis),
    Refused(Reason),
    /// Refused by a withdrawal received on the withdrawals stream (C6).
    Withdrawn,
}

/// Methods that are an active act (C4).
fn active_method(m: Option<&str>) -> bool {
    matches!(
        m,
        Some("checkbox" | "double_opt_in" | "signature" | "recorded_call")
    )
}

/// Why a consent entry is not valid consent (C4, C5), or None if it is.
pub fn consent_problem(
    c: &Consent,
    lead: &Lead,
    now: Timestamp,
    policy: &Policy,
) -> Option<Reason> {
    if c.withdrawn_at.is_some_and(|w| w <= now) {
        return Some(Reason::ConsentWithdrawn);
    }
    if !c.granted {
        return Some(Reason::ConsentRefused);
    }
    if c.prechecked || c.method == Some("prechecked_box") {
        return Some(Reason::ConsentPrechecked);
    }
    if c.method == Some("terms_and_conditions") {
        return Some(Reason::ConsentImplicit);
    }
    let missing = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    if !active_method(c.method) || missing(c.proof_ref) || missing(c.text_version) {
        return Some(Reason::ConsentUnprovable);
    }
    let skew = policy.clock_skew_seconds;
    if c.captured_at > lead.occurred_at + skew || c.captured_at > now + skew {
        return Some(Reason::ConsentFuture);
    }
    if c.captured_at < months_before(now, policy.consent_max_age_months) {
        return Some(Reason::ConsentExpired);
    }
    None
}

/// The entry that expresses the person's latest will for a purpose and channel.
fn latest_entry<'l, 'a>(
    lead: &'l Lead<'a>,
    purpose: &str,
    channel: Channel,
) -> Option<&'l Consent<'a>> {
    lead.consents
        .iter()
        .filter(|c| c.purpose == purpose && c.channel == Some(channel))
        .max_by_key(|c| c.captured_at)
}

fn evaluate_channel(
    facts: &Facts,
    purpose: &str,
    regime: Regime,
    channel: Channel,
    policy: &Policy,
    withdrawals: &WithdrawalTable,
    suppression: &SuppressionList,
) -> ChannelVerdict {
    let lead = facts.lead;
    let entry = latest_entry(lead, purpose, channel);
    let problem = entry.map(|c| consent_problem(c, lead, facts.now, policy));

    // C6: a withdrawal known to the guard refuses the channel whatever the regime, unless the
    // person consented again after it.
    if let Some(at) = withdrawals.withdrawn_at(facts.identities, purpose, channel) {
        let renewed = matches!((entry, &problem), (Some(c), Some(None)) if c.captured_at > at);
        if !renewed {
            return ChannelVerdict::Withdrawn;
        }
    }
    // C6: suppression lists (do-not-call) refuse the phone channel.
    if channel == Channel::Phone && facts.phone.is_some_and(|p| suppression.contains(p)) {
        return ChannelVerdict::Refused(Reason::Suppressed);
    }

    let opt_out_basis = match regime {
        Regime::None => return ChannelVerdict::Permitted(Basis::NoneNeeded),
        Regime::Consent => None,
        Regime::Prospecting if !channel.is_electronic() => Some(Basis::OptOut),
        Regime::Prospecting if lead.professional => Some(Basis::B2b),
        Regime::Prospecting if lead.customer && lead.objection_offered => Some(Basis::SoftOptIn),
        Regime::Prospecting => None,
    };
    match (entry, problem.flatten(), opt_out_basis) {
        // Valid consent is the best basis in any regime.
        (Some(c), None, _) => {
            ChannelVerdict::Permitted(Basis::Consent(c.proof_ref.unwrap_or_default().to_string()))
        }
        // Opt-in regime (C1, C8).
        (None, _, None) => ChannelVerdict::Refused(Reason::ConsentMissing),
        (Some(_), Some(reason), None) => ChannelVerdict::Refused(reason),
        // Opt-out regimes (C1–C3): only an objection or a withdrawal refuses.
        (Some(_), Some(Reason::ConsentRefused), Some(_)) => {
            ChannelVerdict::Refused(Reason::Objection)
        }
        (Some(_), Some(Reason::ConsentWithdrawn), Some(_)) => {
            ChannelVerdict::Refused(Reason::ConsentWithdrawn)
        }
        (_, _, Some(basis)) => ChannelVerdict::Permitted(basis),
    }
}

/// Decides one destination for one event.
pub fn decide(
    facts: &Facts,
    dest: &Destination,
    policy: &Policy,
    withdrawals: &WithdrawalTable,
    suppression: &SuppressionList,
) -> Decision {
    let mut reasons = Vec::new();
    // R1: retention, from the last contact (or the event itself).
    let last_contact = facts.lead.last_contact_at.unwrap_or(facts.lead.occurred_at);
    if last_contact < months_before(facts.now, policy.retention_months) {
        reasons.push(Reason::RetentionExpired);
    }
    // T3: transfer without safeguard.
    if dest.transfer == Transfer::Unsafeguarded {
        reasons.push(Reason::TransferUnsafeguarded);
    }
    // I4: unauthorised interconnection where the policy blocks it.
    if facts.unauthorised_interconnection && dest.interconnection == InterconnectionMode::Block {
        reasons.push(Reason::InterconnectionUnauthorised);
    }
    let blocked_by_checks = !reasons.is_empty();

    let purpose = &policy.purposes[dest.purpose as usize].name;
    let mut permitted = ChannelSet::EMPTY;
    let mut basis = Vec::new();
    let mut refusals = Vec::new();
    let mut withdrawal_applied = false;
    if dest.regime == Regime::None {
        // Statistics: no channel, no consent needed.
    } else {
        for channel in dest.channels.iter() {
            if !facts.contacts.contains(channel) {
                continue;
            }
            match evaluate_channel(
                facts,
                purpose,
                dest.regime,
                channel,
                policy,
                withdrawals,
                suppression,
            ) {
                ChannelVerdict::Permitted(b) => {
                    permitted.insert(channel);
                    basis.push((channel, b));
                }
                ChannelVerdict::Refused(r) => refusals.push(r),
                ChannelVerdict::Withdrawn => {
                    withdrawal_applied = true;
                    refusals.push(Reason::ConsentWithdrawn);
                }
            }
        }
    }
    let any_channel = dest.regime == Regime::None || !permitted.is_empty();
    if !any_channel {
        if dest.channels.intersects(facts.contacts) {
            reasons.extend(refusals.iter().copied());
        } else {
            reasons.push(Reason::ContactMissing);
        }
    } else if !blocked_by_checks {
        reasons.extend(refusals.iter().copied());
    }
    reasons.sort_unstable();
    reasons.dedup();
    let outcome = if blocked_by_checks || !any_channel {
        DestOutcome::Blocked
    } else {
        if dest.regime == Regime::None {
            basis.clear();
        }
        DestOutcome::Forwarded
    };
    if outcome == DestOutcome::Blocked {
        permitted = ChannelSet::EMPTY;
        basis.clear();
    }
    Decision {
        outcome,
        permitted,
        basis,
        reasons,
        withdrawal_applied,
    }
}
