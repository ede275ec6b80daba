//! Field categories (contract §1) and finding categories (contract §4).
//!
//! One enum serves both: the schema annotates each field with a category, the free-text scanner
//! reports findings with the same names, and the policy's field handling is keyed by them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a field (or a finding in free text) is, as far as the rules are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Envelope data that identifies no one (ids, timestamps, dataset, kind).
    Meta,
    /// Non-identifying business data (product interest, budget, postcode).
    Ordinary,
    /// Names, street, birth date: identify a person directly.
    DirectIdentifier,
    /// Contact for channel `email`.
    Email,
    /// Contact for channels `sms` and `phone`.
    Phone,
    /// Internal customer code (C8: never shared with partners).
    CustomerCode,
    /// Free text, scanned and redacted (S3).
    FreeText,
    /// French social-security number (S1, forbidden).
    NationalId,
    /// Payment-card number (S1).
    PaymentCard,
    /// Bank account number (S3).
    Iban,
    // Special categories (S2, GDPR art. 9 and 10).
    Health,
    EthnicOrigin,
    PoliticalOpinion,
    Religion,
    TradeUnion,
    Genetic,
    Biometric,
    SexLife,
    Criminal,
    SocialDifficulty,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 20] = [
        Category::Meta,
        Category::Ordinary,
        Category::DirectIdentifier,
        Category::Email,
        Category::Phone,
        Category::CustomerCode,
        Category::FreeText,
        Category::NationalId,
        Category::PaymentCard,
        Category::Iban,
        Category::Health,
        Category::EthnicOrigin,
        Category::PoliticalOpinion,
        Category::Religion,
        Category::TradeUnion,
        Category::Genetic,
        Category::Biometric,
        Category::SexLife,
        Category::Criminal,
        Category::SocialDifficulty,
    ];

    /// The name used in schemas, policies, audit records and reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Meta => "meta",
            Category::Ordinary => "ordinary",
            Category::DirectIdentifier => "direct_identifier",
            Category::Email => "email",
            Category::Phone => "phone",
            Category::CustomerCode => "customer_code",
            Category::FreeText => "free_text",
            Category::NationalId => "national_id",
            Category::PaymentCard => "payment_card",
            Category::Iban => "iban",
            Category::Health => "health",
            Category::EthnicOrigin => "ethnic_origin",
            Category::PoliticalOpinion => "political_opinion",
            Category::Religion => "religion",
            Category::TradeUnion => "trade_union",
            Category::Genetic => "genetic",
            Category::Biometric => "biometric",
            Category::SexLife => "sex_life",
            Category::Criminal => "criminal",
            Category::SocialDifficulty => "social_difficulty",
        }
    }

    /// Special categories of GDPR art. 9/10 (S2): need explicit `special:<category>` consent.
    pub const fn is_special(self) -> bool {
        matches!(
            self,
            Category::Health
                | Category::EthnicOrigin
                | Category::PoliticalOpinion
                | Category::Religion
                | Category::TradeUnion
                | Category::Genetic
                | Category::Biometric
                | Category::SexLife
                | Category::Criminal
                | Category::SocialDifficulty
        )
    }

    /// The identifiers found by their checksum wherever they are written (S1, S3).
    pub const fn is_forbidden_identifier(self) -> bool {
        matches!(
            self,
            Category::NationalId | Category::PaymentCard | Category::Iban
        )
    }

    /// Categories whose presence is reported as a finding in the audit record (S1–S3).
    pub const fn is_sensitive(self) -> bool {
        self.is_special() || self.is_forbidden_identifier()
    }

    /// Personal data: everything except envelope metadata.
    pub const fn is_personal(self) -> bool {
        !matches!(self, Category::Meta)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a category name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category `{0}` (known: meta, ordinary, direct_identifier, email, phone, customer_code, free_text, national_id, payment_card, iban, health, ethnic_origin, political_opinion, religion, trade_union, genetic, biometric, sex_life, criminal, social_difficulty)")]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCategory(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        assert!("shoe_size".parse::<Category>().is_err());
    }

    #[test]
    fn special_categories_are_those_of_s2() {
        let special: Vec<_> = Category::ALL.iter().filter(|c| c.is_special()).collect();
        assert_eq!(special.len(), 10);
        assert!(!Category::NationalId.is_special());
        assert!(Category::NationalId.is_sensitive());
    }
}
