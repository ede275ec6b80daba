//! Outcomes, reasons, flags and legal bases: the vocabulary of decisions (contract §4).
//!
//! They are enums in code and rendered as the contract's codes only at the edge (audit records,
//! metrics, reports), so a typo in a code cannot compile.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Outcome of one input event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Forwarded to at least one destination.
    Forwarded,
    /// Valid, but forwarded nowhere.
    Dropped,
    /// Invalid input, sent to the dead-letter destination.
    Rejected,
    /// An erasure request applied (the record of kind `erasure`; not a lead event, so not in
    /// [`Outcome::ALL`]).
    Erased,
}

/// Outcome for one destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DestOutcome {
    Forwarded,
    Blocked,
}

/// Why a destination or a channel was refused, or an event rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    ConsentMissing,
    ConsentRefused,
    ConsentPrechecked,
    ConsentImplicit,
    ConsentUnprovable,
    ConsentUninformed,
    ConsentFuture,
    ConsentExpired,
    ConsentWithdrawn,
    Objection,
    Suppressed,
    ContactMissing,
    RetentionExpired,
    TransferUnsafeguarded,
    InterconnectionUnauthorised,
    SchemaInvalid,
    EventMalformed,
}

/// Why a reason was given when the code alone does not say (a consent proof's failure, a
/// privacy signal): a code, never a value. Rendered in the destination's audit `details`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub reason: Reason,
    /// The channel refused, when the reason is a channel's.
    pub channel: Option<crate::channel::Channel>,
    pub code: &'static str,
}

impl Detail {
    pub fn of(
        reason: Reason,
        channel: Option<crate::channel::Channel>,
        code: &'static str,
    ) -> Self {
        Detail {
            reason,
            channel,
            code,
        }
    }
}

/// How datasets of different purposes met in one event (I2, I3).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InterconnectionStatus {
    /// An enrichment block from another purpose's dataset, with an authorisation (I4).
    Authorised,
    /// The same, without one (I2).
    Unauthorised,
    /// The same person reached the same destination from another purpose's dataset (I3).
    Correlated,
}

impl InterconnectionStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Something recorded about an event that does not refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    TransferAdequacy,
    TransferSafeguarded,
    InterconnectionAuthorised,
    InterconnectionUnauthorised,
    InterconnectionCorrelated,
    SensitiveRemoved,
    SensitiveEncrypted,
    TextRedacted,
    FieldUndeclared,
    ConsentTextUnregistered,
    /// A privacy signal of the event could not be read (an invalid TC string): ignored.
    SignalInvalid,
}

impl Outcome {
    /// The outcomes of a lead event.
    pub const ALL: [Outcome; 3] = [Outcome::Forwarded, Outcome::Dropped, Outcome::Rejected];
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Forwarded => "forwarded",
            Outcome::Dropped => "dropped",
            Outcome::Rejected => "rejected",
            Outcome::Erased => "erased",
        }
    }
}

impl DestOutcome {
    pub const fn as_str(self) -> &'static str {
        match self {
            DestOutcome::Forwarded => "forwarded",
            DestOutcome::Blocked => "blocked",
        }
    }
}

impl Reason {
    pub const ALL: [Reason; 17] = [
        Reason::ConsentMissing,
        Reason::ConsentRefused,
        Reason::ConsentPrechecked,
        Reason::ConsentImplicit,
        Reason::ConsentUnprovable,
        Reason::ConsentUninformed,
        Reason::ConsentFuture,
        Reason::ConsentExpired,
        Reason::ConsentWithdrawn,
        Reason::Objection,
        Reason::Suppressed,
        Reason::ContactMissing,
        Reason::RetentionExpired,
        Reason::TransferUnsafeguarded,
        Reason::InterconnectionUnauthorised,
        Reason::SchemaInvalid,
        Reason::EventMalformed,
    ];

    /// The contract's reason code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::ConsentMissing => "consent.missing",
            Reason::ConsentRefused => "consent.refused",
            Reason::ConsentPrechecked => "consent.prechecked",
            Reason::ConsentImplicit => "consent.implicit",
            Reason::ConsentUnprovable => "consent.unprovable",
            Reason::ConsentUninformed => "consent.uninformed",
            Reason::ConsentFuture => "consent.future",
            Reason::ConsentExpired => "consent.expired",
            Reason::ConsentWithdrawn => "consent.withdrawn",
            Reason::Objection => "objection",
            Reason::Suppressed => "suppressed",
            Reason::ContactMissing => "contact.missing",
            Reason::RetentionExpired => "retention.expired",
            Reason::TransferUnsafeguarded => "transfer.unsafeguarded",
            Reason::InterconnectionUnauthorised => "interconnection.unauthorised",
            Reason::SchemaInvalid => "schema.invalid",
            Reason::EventMalformed => "event.malformed",
        }
    }

    /// The rule ids behind the code (RULES.md, restated in docs/rules.md), for reports.
    pub const fn rules(self) -> &'static str {
        match self {
            Reason::ConsentMissing | Reason::ConsentRefused => "C1,C8",
            Reason::ConsentPrechecked
            | Reason::ConsentImplicit
            | Reason::ConsentUnprovable
            | Reason::ConsentUninformed => "C4",
            Reason::ConsentFuture | Reason::ConsentExpired => "C5",
            Reason::ConsentWithdrawn | Reason::Suppressed => "C6",
            Reason::Objection => "C1,C2,C3",
            Reason::ContactMissing => "C1",
            Reason::RetentionExpired => "R1",
            Reason::TransferUnsafeguarded => "T3",
            Reason::InterconnectionUnauthorised => "I4",
            Reason::SchemaInvalid => "S4",
            Reason::EventMalformed => "A1",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Flag {
    pub const ALL: [Flag; 11] = [
        Flag::TransferAdequacy,
        Flag::TransferSafeguarded,
        Flag::InterconnectionAuthorised,
        Flag::InterconnectionUnauthorised,
        Flag::InterconnectionCorrelated,
        Flag::SensitiveRemoved,
        Flag::SensitiveEncrypted,
        Flag::TextRedacted,
        Flag::FieldUndeclared,
        Flag::ConsentTextUnregistered,
        Flag::SignalInvalid,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Flag::TransferAdequacy => "transfer.adequacy",
            Flag::TransferSafeguarded => "transfer.safeguarded",
            Flag::InterconnectionAuthorised => "interconnection.authorised",
            Flag::InterconnectionUnauthorised => "interconnection.unauthorised",
            Flag::InterconnectionCorrelated => "interconnection.correlated",
            Flag::SensitiveRemoved => "sensitive.removed",
            Flag::SensitiveEncrypted => "sensitive.encrypted",
            Flag::TextRedacted => "text.redacted",
            Flag::FieldUndeclared => "field.undeclared",
            Flag::ConsentTextUnregistered => "consent.text_unregistered",
            Flag::SignalInvalid => "signal.invalid",
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of flags, as a bit mask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    pub fn insert(&mut self, f: Flag) {
        self.0 |= f.bit();
    }
    pub const fn contains(self, f: Flag) -> bool {
        self.0 & f.bit() != 0
    }
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Flag::as_str))
    }
}

/// A set of refusal reasons, as a bit mask. Iterates in [`Reason`] order, which is how audit
/// records list them: sorted and without repeats, with no allocation per destination.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reasons(u32);

impl Reasons {
    pub fn insert(&mut self, r: Reason) {
        self.0 |= r.bit();
    }
    pub fn extend(&mut self, other: Reasons) {
        self.0 |= other.0;
    }
    pub const fn contains(self, r: Reason) -> bool {
        self.0 & r.bit() != 0
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

/// The legal basis of a permitted channel (contract §4 `basis`): proof without personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Valid consent, with its proof reference (C4).
    Consent(String),
    /// Professional contact, no objection (C2).
    B2b,
    /// Existing customer offered a way to object, no objection (C3).
    SoftOptIn,
    /// Phone or postal, no objection (C1).
    OptOut,
    /// Statistics: no consent needed.
    NoneNeeded,
}

impl Basis {
    /// The audit rendering: borrowed for the fixed bases, so that only a consent (which
    /// carries its proof reference) costs an allocation per event.
    pub fn into_text(self) -> std::borrow::Cow<'static, str> {
        match self {
            Basis::Consent(r) => format!("consent:{r}").into(),
            Basis::B2b => "b2b".into(),
            Basis::SoftOptIn => "soft_opt_in".into(),
            Basis::OptOut => "opt_out".into(),
            Basis::NoneNeeded => "none_needed".into(),
        }
    }
}

macro_rules! serialize_as_str {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
serialize_as_str!(Outcome, DestOutcome, Reason, Flag);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_round_trip() {
        for r in Reason::ALL {
            assert_eq!(Reason::parse(r.as_str()), Some(r));
        }
        assert_eq!(Reason::parse("consent.maybe"), None);
    }

    #[test]
    fn flags_serialize_as_contract_codes_in_stable_order() {
        let mut f = Flags::default();
        f.insert(Flag::TextRedacted);
        f.insert(Flag::TransferSafeguarded);
        f.insert(Flag::TextRedacted);
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"["transfer.safeguarded","text.redacted"]"#
        );
    }

    #[test]
    fn reasons_list_sorted_once_whatever_the_insertion_order() {
        let mut r = Reasons::default();
        assert!(r.is_empty());
        for x in [
            Reason::TransferUnsafeguarded,
            Reason::ConsentMissing,
            Reason::TransferUnsafeguarded,
        ] {
            r.insert(x);
        }
        let mut other = Reasons::default();
        other.insert(Reason::InterconnectionUnauthorised);
        r.extend(other);
        assert_eq!(
            r.iter().collect::<Vec<_>>(),
            vec![
                Reason::ConsentMissing,
                Reason::TransferUnsafeguarded,
                Reason::InterconnectionUnauthorised
            ]
        );
        assert!(!r.contains(Reason::Objection));
        // Every reason has its own bit.
        let all = Reason::ALL
            .into_iter()
            .fold(Reasons::default(), |mut s, x| {
                s.insert(x);
                s
            });
        assert_eq!(all.iter().count(), Reason::ALL.len());
    }

    #[test]
    fn basis_renders_proof_reference() {
        assert_eq!(
            Basis::Consent("form:x".into()).into_text(),
            "consent:form:x"
        );
        assert_eq!(Basis::SoftOptIn.into_text(), "soft_opt_in");
    }
}
