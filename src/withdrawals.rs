//! Withdrawals, objections and suppression lists (C6), as in-memory tables looked up by
//! normalised identity.
//!
//! Every instance holds the whole table: a withdrawal applies to every event processed after it
//! is known, whichever partition carried it (contract §3).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use crate::channel::Channel;
use crate::clock::{self, Timestamp};
use crate::normalize;
use crate::schema::Schema;

/// A withdrawal that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawalError {
    #[error("withdrawal is not JSON")]
    NotJson,
    #[error("withdrawal does not match the schema: {0}")]
    Invalid(String),
    #[error("withdrawal identifies no one (no normalisable e-mail or phone)")]
    NoIdentity,
}

/// One rule: what was withdrawn, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    /// None means every purpose (`*`).
    purpose: Option<String>,
    /// None means every channel (`*`).
    channel: Option<Channel>,
    at: Timestamp,
}

/// A withdrawal as received (contract §3).
#[derive(Debug, Deserialize)]
struct Raw {
    email: Option<String>,
    phone: Option<String>,
    purpose: String,
    channel: String,
    at: String,
}

/// What applying a withdrawal did, for logs and metrics (no personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// When the person withdrew (the `at` field).
    pub at: Timestamp,
    /// Identities (e-mail, phone) it was recorded under.
    pub identities: usize,
}

/// The withdrawals table.
#[derive(Debug, Default)]
pub struct WithdrawalTable {
    by_identity: HashMap<String, Vec<Rule>>,
    /// Erasure requests (GDPR art. 17): identity → when the person asked.
    erased: HashMap<String, Timestamp>,
    count: usize,
}

impl WithdrawalTable {
    /// Number of withdrawals applied so far.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Parses, validates and applies one withdrawal message.
    pub fn apply_json(
        &mut self,
        raw: &[u8],
        schema: &Schema,
        country_code: &str,
    ) -> Result<Applied, WithdrawalError> {
        let value: Value = serde_json::from_slice(raw).map_err(|_| WithdrawalError::NotJson)?;
        schema
            .check(&value)
            .map_err(|e| WithdrawalError::Invalid(e.to_string()))?;
        let w: Raw =
            serde_json::from_value(value).map_err(|e| WithdrawalError::Invalid(e.to_string()))?;
        let at = clock::parse(&w.at).ok_or_else(|| WithdrawalError::Invalid("at".into()))?;
        let purpose = (w.purpose != "*").then_some(w.purpose);
        let channel = match w.channel.as_str() {
            "*" => None,
            c => Some(
                c.parse::<Channel>()
                    .map_err(|e| WithdrawalError::Invalid(e.to_string()))?,
            ),
        };
        let mut keys = Vec::with_capacity(2);
        if let Some(e) = w.email.as_deref().and_then(normalize::email) {
            keys.push(e);
        }
        if let Some(p) = w
            .phone
            .as_deref()
            .and_then(|p| normalize::phone(p, country_code))
        {
            keys.push(p);
        }
        if keys.is_empty() {
            return Err(WithdrawalError::NoIdentity);
        }
        let rule = Rule {
            purpose,
            channel,
            at,
        };
        for k in &keys {
            let rules = self.by_identity.entry(k.clone()).or_default();
            if !rules.contains(&rule) {
                rules.push(rule.clone());
            }
        }
        self.count += 1;
        Ok(Applied {
            at,
            identities: keys.len(),
        })
    }

    /// An erasure request (GDPR art. 17) of the person known by `identities` (normalised) at
    /// `at`, besides the destruction of their keys: every purpose and channel withdrawn (C6),
    /// and destinations that need no consent (statistics) refused too. Later events of the
    /// person are refused unless they carry a consent captured after `at`.
    pub fn erase(&mut self, identities: &[&str], at: Timestamp) {
        let rule = Rule {
            purpose: None,
            channel: None,
            at,
        };
        for k in identities {
            let rules = self.by_identity.entry((*k).to_string()).or_default();
            if !rules.contains(&rule) {
                rules.push(rule.clone());
            }
            let e = self.erased.entry((*k).to_string()).or_insert(at);
            *e = (*e).max(at);
        }
        self.count += 1;
    }

    /// The withdrawals of one person (any of `identities`), looked up once per event.
    pub fn person(&self, identities: &[&str]) -> Withdrawn<'_> {
        if self.by_identity.is_empty() {
            return Withdrawn::default();
        }
        Withdrawn {
            rules: identities
                .iter()
                .filter_map(|id| self.by_identity.get(*id))
                .flatten()
                .collect(),
            erased_at: identities
                .iter()
                .filter_map(|id| self.erased.get(*id))
                .max()
                .copied(),
        }
    }

    /// The latest time any of `identities` withdrew `purpose` on `channel`, if they did.
    pub fn withdrawn_at(
        &self,
        identities: &[&str],
        purpose: &str,
        channel: Channel,
    ) -> Option<Timestamp> {
        self.person(identities).at(purpose, channel)
    }
}

/// One person's withdrawal rules.
#[derive(Debug, Default)]
pub struct Withdrawn<'t> {
    rules: Vec<&'t Rule>,
    erased_at: Option<Timestamp>,
}

impl Withdrawn<'_> {
    /// When the person asked for erasure (the latest request), if they did.
    pub fn erased_at(&self) -> Option<Timestamp> {
        self.erased_at
    }

    /// The latest time the person withdrew `purpose` on `channel`, if they did.
    pub fn at(&self, purpose: &str, channel: Channel) -> Option<Timestamp> {
        self.rules
            .iter()
            .filter(|r| r.purpose.as_deref().is_none_or(|p| p == purpose))
            .filter(|r| r.channel.is_none_or(|c| c == channel))
            .map(|r| r.at)
            .max()
    }
}

/// A suppression list for channel `phone` (e.g. a do-not-call register extract).
#[derive(Default)]
pub struct SuppressionList {
    /// E.164 numbers as integers (the digits after `+`; a country code never starts with 0, so
    /// the integer is unique), sorted: 8 bytes a number, so ten million fit in 80 MB, and one
    /// look-up per event is a binary search.
    phones: Vec<u64>,
}

/// Phone numbers are personal data: only their count is shown.
impl std::fmt::Debug for SuppressionList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuppressionList")
            .field("phones", &self.phones.len())
            .finish()
    }
}

/// The integer of a normalised phone (`+33612345678` → 33612345678).
fn phone_key(normalised: &str) -> Option<u64> {
    let digits = normalised.strip_prefix('+')?;
    (!digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

impl SuppressionList {
    /// Reads one phone number per line, any format; blank lines and `#` comments skipped.
    /// Returns the list and the line numbers that could not be normalised.
    pub fn parse(text: &str, country_code: &str) -> (SuppressionList, Vec<usize>) {
        let mut phones = Vec::new();
        let mut bad = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match normalize::phone(line, country_code)
                .as_deref()
                .and_then(phone_key)
            {
                Some(p) => phones.push(p),
                None => bad.push(i + 1),
            }
        }
        phones.sort_unstable();
        phones.dedup();
        phones.shrink_to_fit();
        (SuppressionList { phones }, bad)
    }

    pub fn len(&self) -> usize {
        self.phones.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phones.is_empty()
    }

    pub fn contains(&self, normalised_phone: &str) -> bool {
        phone_key(normalised_phone).is_some_and(|k| self.phones.binary_search(&k).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn schema() -> Schema {
        let mut problems = Vec::new();
        Schema::withdrawal(None, Path::new("."), &mut problems).unwrap()
    }

    #[test]
    fn c6_withdrawal_matches_whatever_the_phone_format() {
        let mut t = WithdrawalTable::default();
        t.apply_json(
            br#"{"type":"withdrawal","phone":"06 61 57 08 30","purpose":"*","channel":"*","at":"2026-11-22T10:00:00Z"}"#,
            &schema(),
            "33",
        )
        .unwrap();
        for f in ["+33 6 61 57 08 30", "0661570830", "0033661570830"] {
            let id = normalize::phone(f, "33").unwrap();
            assert!(t
                .withdrawn_at(&[&id], "prospecting", Channel::Email)
                .is_some());
        }
        assert!(t
            .withdrawn_at(&["+33600000000"], "prospecting", Channel::Email)
            .is_none());
    }

    #[test]
    fn c6_email_matching_ignores_case_and_spaces_and_scope_is_respected() {
        let mut t = WithdrawalTable::default();
        t.apply_json(
            "{\"type\":\"withdrawal\",\"email\":\" LÉA.PETIT@SOCIÉTÉ.EXAMPLE \",\"purpose\":\"prospecting\",\"channel\":\"sms\",\"at\":\"2026-11-22T09:00:00Z\"}".as_bytes(),
            &schema(),
            "33",
        )
        .unwrap();
        let id = normalize::email("léa.petit@société.example").unwrap();
        assert!(t
            .withdrawn_at(&[&id], "prospecting", Channel::Sms)
            .is_some());
        assert!(t
            .withdrawn_at(&[&id], "prospecting", Channel::Email)
            .is_none());
        assert!(t
            .withdrawn_at(&[&id], "partner_sharing", Channel::Sms)
            .is_none());
    }

    #[test]
    fn invalid_withdrawals_are_refused_without_personal_data_in_the_error() {
        let mut t = WithdrawalTable::default();
        let e = t
            .apply_json(
                br#"{"type":"withdrawal","email":"a@b.c","purpose":"*","channel":"fax","at":"2026-11-22T09:00:00Z"}"#,
                &schema(),
                "33",
            )
            .unwrap_err();
        assert!(!e.to_string().contains("a@b.c"));
        assert_eq!(
            t.apply_json(b"nope", &schema(), "33"),
            Err(WithdrawalError::NotJson)
        );
        assert!(t.is_empty());
    }

    #[test]
    fn suppression_list_normalises_and_reports_bad_lines() {
        let (s, bad) = SuppressionList::parse(
            "0648.17.13.91\n# comment\n\n+33 6 53 28 28 56\nnot a phone\n",
            "33",
        );
        assert_eq!(s.len(), 2);
        assert!(s.contains("+33648171391"));
        assert!(s.contains("+33653282856"));
        assert!(!s.contains("+33653282857"));
        assert!(
            !s.contains("0653282856"),
            "only normalised numbers are looked up"
        );
        assert_eq!(bad, vec![5]);
        // The same number twice is kept once; Debug shows a count, never a number.
        let (s, _) = SuppressionList::parse(
            "+33 6 48 17 13 91
06 48 17 13 91
",
            "33",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(format!("{s:?}"), "SuppressionList { phones: 1 }");
    }
}
