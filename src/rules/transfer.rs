//! Transfers outside the EEA (T1–T3): how a recipient country stands, which transfers block a
//! destination, and what a forwarded copy's audit entry and flags say about it. The policy
//! classifies each destination once at start-up ([`classify`]); the guard reads the result.

use std::collections::HashSet;

use crate::audit::{Text, TransferRef};
use crate::policy::Safeguard;
use crate::verdict::{Flag, Reason};

/// The 27 EU member states plus Iceland, Liechtenstein and Norway (T1).
pub const EEA: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Countries with an EU adequacy decision (T2). US only for DPF-certified recipients, which is
/// why it is not in this list: a US recipient needs safeguard `dpf`.
pub const DEFAULT_ADEQUACY: [&str; 14] = [
    "AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY",
];

/// How a destination's recipient country stands with respect to transfers (T1–T3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transfer {
    /// Inside the EEA: not a transfer.
    None,
    /// Adequacy decision (or DPF): allowed and recorded (`transfer.adequacy`).
    Adequacy(Safeguard),
    /// SCC or BCR: allowed and recorded (`transfer.safeguarded`).
    Safeguarded(Safeguard),
    /// No safeguard: blocked (`transfer.unsafeguarded`).
    Unsafeguarded,
}

impl Transfer {
    /// T3: a transfer without safeguard blocks the destination.
    pub fn blocks(self) -> Option<Reason> {
        (self == Transfer::Unsafeguarded).then_some(Reason::TransferUnsafeguarded)
    }

    /// T2, T3: the flag a forwarded copy to this destination raises.
    pub fn flag(self) -> Option<Flag> {
        match self {
            Transfer::Adequacy(_) => Some(Flag::TransferAdequacy),
            Transfer::Safeguarded(_) => Some(Flag::TransferSafeguarded),
            Transfer::None | Transfer::Unsafeguarded => None,
        }
    }

    /// The country and safeguard a forwarded copy's audit entry records.
    pub fn audit_ref(self, country: &'static str) -> Option<TransferRef> {
        match self {
            Transfer::Adequacy(s) | Transfer::Safeguarded(s) => Some(TransferRef {
                country: Text::Borrowed(country),
                safeguard: Text::Borrowed(s.as_str()),
            }),
            Transfer::None | Transfer::Unsafeguarded => None,
        }
    }
}

/// Transfer status of a recipient country with its declared safeguard (T1–T3).
pub fn classify(country: &str, safeguard: Safeguard, adequacy: &HashSet<String>) -> Transfer {
    if EEA.contains(&country) {
        return Transfer::None;
    }
    match safeguard {
        Safeguard::Scc | Safeguard::Bcr => Transfer::Safeguarded(safeguard),
        Safeguard::Dpf if country == "US" => Transfer::Adequacy(safeguard),
        _ if adequacy.contains(country) && country != "US" => {
            Transfer::Adequacy(Safeguard::Adequacy)
        }
        _ => Transfer::Unsafeguarded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfers_follow_t1_to_t3() {
        let adequacy: HashSet<String> = DEFAULT_ADEQUACY.iter().map(|s| s.to_string()).collect();
        assert_eq!(classify("IE", Safeguard::None, &adequacy), Transfer::None);
        assert_eq!(classify("NO", Safeguard::None, &adequacy), Transfer::None);
        assert_eq!(
            classify("CH", Safeguard::None, &adequacy),
            Transfer::Adequacy(Safeguard::Adequacy)
        );
        // T2: the US only under the Data Privacy Framework.
        assert_eq!(
            classify("US", Safeguard::None, &adequacy),
            Transfer::Unsafeguarded
        );
        assert_eq!(
            classify("US", Safeguard::Dpf, &adequacy),
            Transfer::Adequacy(Safeguard::Dpf)
        );
        // T3: elsewhere, SCCs or BCRs, or blocked.
        assert_eq!(
            classify("MA", Safeguard::Scc, &adequacy),
            Transfer::Safeguarded(Safeguard::Scc)
        );
        assert_eq!(
            classify("MA", Safeguard::None, &adequacy),
            Transfer::Unsafeguarded
        );
    }
}
