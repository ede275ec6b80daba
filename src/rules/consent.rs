//! Consent and channel regimes (C1–C8), and the decision for one event and one destination
//! (contract §2) that combines them with the blocking checks of the other rule families (R1,
//! T3, I4) and says the reasons of a refusal.
//!
//! Pure functions of the event view, the policy and the lookups: no I/O, no clock.

use crate::channel::{Channel, ChannelSet};
use crate::clock::{months_before, Timestamp};
use crate::lead::{Consent, Lead};
use crate::policy::{Destination, Policy, Regime};
use crate::rules::{interconnection, retention};
use crate::verdict::{Basis, DestOutcome, Detail, Reason, Reasons};
use crate::withdrawals::{SuppressionList, Withdrawn};

/// "Now" and the limits derived from it, computed once per event rather than per destination.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub at: Timestamp,
    /// Consent captured before this is expired (C5).
    pub consent_cutoff: Timestamp,
    /// A last contact before this is past retention (R1).
    pub retention_cutoff: Timestamp,
}

impl Now {
    pub fn new(at: Timestamp, policy: &Policy) -> Now {
        Now {
            at,
            consent_cutoff: months_before(at, policy.consent_max_age_months),
            retention_cutoff: months_before(at, policy.retention_months),
        }
    }
}

/// The facts about one event that every destination's decision reads.
pub struct Facts<'a> {
    pub lead: &'a Lead<'a>,
    /// Channels for which the event has a contact value.
    pub contacts: ChannelSet,
    /// Normalised phone, for the suppression list.
    pub phone: Option<&'a str>,
    /// The event carries an unauthorised interconnection (I2).
    pub unauthorised_interconnection: bool,
    pub now: Now,
}

/// The decision for one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: DestOutcome,
    /// Permitted channels (with a contact value and a legal basis).
    pub permitted: ChannelSet,
    /// Legal basis of each permitted channel, in channel order.
    pub basis: Vec<(Channel, Basis)>,
    /// Blocking reasons, plus the channel refusals when no channel is permitted; for a
    /// forwarded destination, the refusals of the other channels (informative).
    pub reasons: Reasons,
    /// A withdrawal from the withdrawals stream refused at least one channel (C6).
    pub withdrawal_applied: bool,
    /// Why some of `reasons` were given (a consent proof's failure, C4).
    pub details: Vec<Detail>,
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
pub fn consent_problem(c: &Consent, lead: &Lead, now: &Now, policy: &Policy) -> Option<Reason> {
    if c.withdrawn_at.is_some_and(|w| w <= now.at) {
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
    // Provable (C4): the signed proof, where the policy checks proofs, stands.
    if c.proof.is_some() {
        return Some(Reason::ConsentUnprovable);
    }
    let skew = policy.clock_skew_seconds;
    if c.captured_at > lead.occurred_at + skew || c.captured_at > now.at + skew {
        return Some(Reason::ConsentFuture);
    }
    if c.captured_at < now.consent_cutoff {
        return Some(Reason::ConsentExpired);
    }
    // Informed (C4): the text shown was approved for this form and purpose when captured.
    if let Some(texts) = &policy.consent_texts {
        let version = c.text_version.unwrap_or_default();
        if !texts.informed(lead.form_id, c.purpose, version, c.captured_at) {
            return Some(Reason::ConsentUninformed);
        }
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
    withdrawn: &Withdrawn,
    suppression: &SuppressionList,
) -> ChannelVerdict {
    let lead = facts.lead;
    let entry = latest_entry(lead, purpose, channel);
    let problem = entry.map(|c| consent_problem(c, lead, &facts.now, policy));

    // C6: a withdrawal known to the guard refuses the channel whatever the regime, unless the
    // person consented again after it.
    if let Some(at) = withdrawn.at(purpose, channel) {
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
    withdrawn: &Withdrawn,
    suppression: &SuppressionList,
) -> Decision {
    let mut reasons = Reasons::default();
    // The blocking checks of the other rule families: R1, T3, I4.
    for blocked in [
        retention::blocks(facts.lead, &facts.now),
        dest.transfer.blocks(),
        interconnection::blocks(facts.unauthorised_interconnection, dest.interconnection),
    ]
    .into_iter()
    .flatten()
    {
        reasons.insert(blocked);
    }
    let blocked_by_checks = !reasons.is_empty();

    let purpose = &policy.purposes[dest.purpose as usize].name;
    let mut permitted = ChannelSet::EMPTY;
    let mut basis = Vec::new();
    let mut refusals = Reasons::default();
    let mut withdrawal_applied = false;
    let mut details = Vec::new();
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
                withdrawn,
                suppression,
            ) {
                ChannelVerdict::Permitted(b) => {
                    permitted.insert(channel);
                    basis.push((channel, b));
                }
                ChannelVerdict::Refused(r) => {
                    let proof = latest_entry(facts.lead, purpose, channel).and_then(|c| c.proof);
                    if let (Reason::ConsentUnprovable, Some(f)) = (r, proof) {
                        details.push(Detail::of(r, Some(channel), f.as_str()));
                    }
                    refusals.insert(r)
                }
                ChannelVerdict::Withdrawn => {
                    withdrawal_applied = true;
                    refusals.insert(Reason::ConsentWithdrawn);
                }
            }
        }
    }
    // GDPR art. 17: an erased person's later events reach no destination, statistics included,
    // unless they consented again after the erasure (a new relationship).
    let erased = dest.regime == Regime::None
        && withdrawn.erased_at().is_some_and(|at| {
            !facts.lead.consents.iter().any(|c| {
                c.captured_at > at && consent_problem(c, facts.lead, &facts.now, policy).is_none()
            })
        });
    if erased {
        withdrawal_applied = true;
        refusals.insert(Reason::ConsentWithdrawn);
    }
    let any_channel = (dest.regime == Regime::None && !erased) || !permitted.is_empty();
    if !any_channel {
        if erased || dest.channels.intersects(facts.contacts) {
            reasons.extend(refusals);
        } else {
            reasons.insert(Reason::ContactMissing);
        }
    } else if !blocked_by_checks {
        reasons.extend(refusals);
    }
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
    details.retain(|d| reasons.contains(d.reason));
    Decision {
        outcome,
        permitted,
        basis,
        reasons,
        withdrawal_applied,
        details,
    }
}

#[cfg(test)]
mod tests {
    //! One test per rule of RULES.md sections C, R, T and I, on the reference policy.
    use super::*;
    use crate::clock;
    use crate::policy::Policy;
    use crate::withdrawals::WithdrawalTable;
    use serde_json::{json, Value};
    use std::path::Path;

    fn policy() -> Policy {
        Policy::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml")).unwrap()
    }

    fn event(kind: &str, relationship: &str, offered: bool, consents: Value) -> Value {
        json!({
            "event_id": "t", "occurred_at": "2026-11-20T10:15:00Z",
            "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
            "subject": {"kind": kind, "relationship": relationship, "objection_offered": offered,
                        "last_contact_at": "2026-11-20T10:15:00Z"},
            "consents": consents
        })
    }

    fn consent(channel: &str, extra: Value) -> Value {
        let mut c = json!({"purpose": "prospecting", "channel": channel, "granted": true,
            "method": "checkbox", "prechecked": false, "captured_at": "2026-11-20T10:14:00Z",
            "text_version": "2026-03", "proof_ref": "form:x", "withdrawn_at": null});
        for (k, v) in extra.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    }

    struct Case {
        withdrawals: WithdrawalTable,
        suppression: SuppressionList,
        unauthorised: bool,
        contacts: ChannelSet,
    }

    impl Default for Case {
        fn default() -> Self {
            Case {
                withdrawals: WithdrawalTable::default(),
                suppression: SuppressionList::default(),
                unauthorised: false,
                contacts: Channel::ALL.into_iter().collect(),
            }
        }
    }

    fn decide_for(ev: &Value, dest: &str, case: &Case) -> Decision {
        let p = policy();
        let lead = Lead::read(ev).unwrap();
        let ids = ["camille@example.fr", "+33612345678"];
        let facts = Facts {
            lead: &lead,
            contacts: case.contacts,
            phone: Some("+33612345678"),
            unauthorised_interconnection: case.unauthorised,
            now: Now::new(clock::parse("2026-11-22T12:00:00Z").unwrap(), &p),
        };
        let d = p.destinations.iter().find(|d| d.name == dest).unwrap();
        decide(
            &facts,
            d,
            &p,
            &case.withdrawals.person(&ids),
            &case.suppression,
        )
    }

    fn channels(d: &Decision) -> Vec<Channel> {
        d.permitted.iter().collect()
    }

    fn reasons(d: &Decision) -> Vec<Reason> {
        d.reasons.iter().collect()
    }

    #[test]
    fn c1_electronic_channels_of_individuals_need_opt_in() {
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "emailing",
            &Case::default(),
        );
        assert_eq!(d.outcome, DestOutcome::Blocked);
        assert_eq!(reasons(&d), vec![Reason::ConsentMissing]);
        let d = decide_for(
            &event(
                "individual",
                "prospect",
                false,
                json!([consent("email", json!({}))]),
            ),
            "emailing",
            &Case::default(),
        );
        assert_eq!(channels(&d), vec![Channel::Email]);
        assert_eq!(
            d.basis,
            vec![(Channel::Email, Basis::Consent("form:x".into()))]
        );
    }

    #[test]
    fn c1_phone_and_postal_are_opt_out() {
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "crm",
            &Case::default(),
        );
        assert_eq!(channels(&d), vec![Channel::Phone, Channel::Postal]);
        let objected = json!([consent("phone", json!({"granted": false}))]);
        let d = decide_for(
            &event("individual", "prospect", false, objected),
            "callcenter",
            &Case::default(),
        );
        assert_eq!(d.outcome, DestOutcome::Blocked);
        assert_eq!(reasons(&d), vec![Reason::Objection]);
    }

    #[test]
    fn c2_professionals_get_email_and_sms_unless_they_object() {
        let d = decide_for(
            &event("professional", "prospect", false, json!([])),
            "emailing",
            &Case::default(),
        );
        assert_eq!(channels(&d), vec![Channel::Email, Channel::Sms]);
        assert!(d.basis.contains(&(Channel::Email, Basis::B2b)));
        let objected = json!([consent("email", json!({"granted": false}))]);
        let d = decide_for(
            &event("professional", "prospect", false, objected),
            "emailing",
            &Case::default(),
        );
        assert_eq!(channels(&d), vec![Channel::Sms]);
        assert_eq!(reasons(&d), vec![Reason::Objection]);
    }

    #[test]
    fn c3_soft_opt_in_only_for_customers_offered_a_way_to_object() {
        let d = decide_for(
            &event("individual", "customer", true, json!([])),
            "emailing",
            &Case::default(),
        );
        assert_eq!(channels(&d), vec![Channel::Email, Channel::Sms]);
        assert!(d.basis.contains(&(Channel::Email, Basis::SoftOptIn)));
        let d = decide_for(
            &event("individual", "customer", false, json!([])),
            "emailing",
            &Case::default(),
        );
        assert_eq!(d.outcome, DestOutcome::Blocked);
    }

    #[test]
    fn c4_consent_must_be_an_active_provable_act() {
        for (extra, reason) in [
            (json!({"prechecked": true}), Reason::ConsentPrechecked),
            (
                json!({"method": "prechecked_box"}),
                Reason::ConsentPrechecked,
            ),
            (
                json!({"method": "terms_and_conditions"}),
                Reason::ConsentImplicit,
            ),
            (json!({"proof_ref": null}), Reason::ConsentUnprovable),
            (json!({"text_version": ""}), Reason::ConsentUnprovable),
            (json!({"granted": false}), Reason::ConsentRefused),
        ] {
            let ev = event(
                "individual",
                "prospect",
                false,
                json!([consent("email", extra.clone())]),
            );
            let d = decide_for(&ev, "partners", &Case::default());
            assert_eq!(d.outcome, DestOutcome::Blocked, "{extra}");
            let ev = event(
                "individual",
                "prospect",
                false,
                json!([consent("email", extra.clone())]),
            );
            let c = Case {
                contacts: [Channel::Email].into_iter().collect(),
                ..Case::default()
            };
            let d = decide_for(&ev, "emailing", &c);
            assert_eq!(reasons(&d), vec![reason], "{extra}");
        }
    }

    #[test]
    fn c5_consent_after_the_event_or_too_old_is_invalid() {
        let c = Case {
            contacts: [Channel::Email].into_iter().collect(),
            ..Case::default()
        };
        // Within the 5-minute skew: valid.
        let ok = json!([consent(
            "email",
            json!({"captured_at": "2026-11-20T10:19:00Z"})
        )]);
        assert_eq!(
            decide_for(&event("individual", "prospect", false, ok), "emailing", &c).outcome,
            DestOutcome::Forwarded
        );
        let future = json!([consent(
            "email",
            json!({"captured_at": "2026-11-20T10:21:00Z"})
        )]);
        assert_eq!(
            reasons(&decide_for(
                &event("individual", "prospect", false, future),
                "emailing",
                &c
            )),
            vec![Reason::ConsentFuture]
        );
        // 36 months before "now" (2026-11-22T12:00Z) is 2023-11-22T12:00Z.
        let expired = json!([consent(
            "email",
            json!({"captured_at": "2023-11-22T11:59:00Z"})
        )]);
        assert_eq!(
            reasons(&decide_for(
                &event("individual", "prospect", false, expired),
                "emailing",
                &c
            )),
            vec![Reason::ConsentExpired]
        );
    }

    #[test]
    fn c6_a_withdrawal_refuses_every_regime_until_consent_is_renewed() {
        let p = policy();
        let mut c = Case::default();
        c.withdrawals
            .apply_json(br#"{"type":"withdrawal","phone":"06 12 34 56 78","purpose":"*","channel":"*","at":"2026-11-21T00:00:00Z"}"#, &p.withdrawal_schema, "33")
            .unwrap();
        let d = decide_for(
            &event(
                "professional",
                "prospect",
                false,
                json!([consent("email", json!({}))]),
            ),
            "crm",
            &c,
        );
        assert_eq!(d.outcome, DestOutcome::Blocked);
        assert_eq!(reasons(&d), vec![Reason::ConsentWithdrawn]);
        assert!(d.withdrawal_applied);
        // Consent captured after the withdrawal is a new active act.
        let renewed = json!([consent(
            "email",
            json!({"captured_at": "2026-11-21T10:00:00Z"})
        )]);
        let mut ev = event("individual", "prospect", false, renewed);
        ev["occurred_at"] = json!("2026-11-21T10:00:00Z");
        let d = decide_for(&ev, "emailing", &c);
        assert_eq!(channels(&d), vec![Channel::Email]);
        // Withdrawn inside the event.
        let in_event = json!([consent(
            "email",
            json!({"withdrawn_at": "2026-11-21T00:00:00Z"})
        )]);
        let d = decide_for(
            &event("individual", "prospect", false, in_event),
            "emailing",
            &Case {
                contacts: [Channel::Email].into_iter().collect(),
                ..Case::default()
            },
        );
        assert_eq!(reasons(&d), vec![Reason::ConsentWithdrawn]);
    }

    #[test]
    fn c6_suppression_list_refuses_the_phone_channel_only() {
        let (suppression, _) = SuppressionList::parse("+33 6 12 34 56 78\n", "33");
        let c = Case {
            suppression,
            ..Case::default()
        };
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "callcenter",
            &c,
        );
        assert_eq!(reasons(&d), vec![Reason::Suppressed]);
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "crm",
            &c,
        );
        assert_eq!(channels(&d), vec![Channel::Postal]);
    }

    #[test]
    fn c7_c8_partner_sharing_needs_its_own_consent() {
        // Prospecting consent does not cover partner sharing (C7, C8), not even for B2B.
        let d = decide_for(
            &event(
                "professional",
                "prospect",
                false,
                json!([consent("email", json!({}))]),
            ),
            "partners",
            &Case::default(),
        );
        assert!(d.reasons.contains(Reason::ConsentMissing));
        let mut partner = consent("email", json!({}));
        partner["purpose"] = json!("partner_sharing");
        let d = decide_for(
            &event("individual", "prospect", false, json!([partner])),
            "partners",
            &Case::default(),
        );
        // Consent is there; the US transfer without safeguard still blocks (T3).
        assert_eq!(reasons(&d), vec![Reason::TransferUnsafeguarded]);
    }

    #[test]
    fn r1_retention_blocks_every_destination() {
        let mut ev = event("individual", "prospect", false, json!([]));
        ev["subject"]["last_contact_at"] = json!("2023-11-01T00:00:00Z");
        for dest in ["crm", "analytics"] {
            let d = decide_for(&ev, dest, &Case::default());
            assert_eq!(d.outcome, DestOutcome::Blocked);
            assert!(d.reasons.contains(Reason::RetentionExpired));
        }
    }

    #[test]
    fn t3_and_i4_blocks_are_reported_with_the_channel_state() {
        let c = Case {
            unauthorised: true,
            ..Case::default()
        };
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "partners",
            &c,
        );
        assert_eq!(
            reasons(&d),
            vec![
                Reason::ConsentMissing,
                Reason::TransferUnsafeguarded,
                Reason::InterconnectionUnauthorised
            ]
        );
        // I4: the crm flags but does not block.
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "crm",
            &c,
        );
        assert_eq!(d.outcome, DestOutcome::Forwarded);
    }

    #[test]
    fn no_contact_for_any_channel_is_contact_missing() {
        let c = Case {
            contacts: [Channel::Email].into_iter().collect(),
            ..Case::default()
        };
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "callcenter",
            &c,
        );
        assert_eq!(reasons(&d), vec![Reason::ContactMissing]);
        // Statistics needs no contact and no consent.
        let d = decide_for(
            &event("individual", "prospect", false, json!([])),
            "analytics",
            &c,
        );
        assert_eq!(d.outcome, DestOutcome::Forwarded);
    }
}
