//! Interconnections (I1–I4): datasets collected for different purposes meeting in one event
//! (an enrichment block, I2) or across events (the same person reaching the same destination
//! from another purpose's dataset, I3, found by [`crate::identity_index`]); authorised pairs
//! (I4) are flagged, unauthorised ones flagged or blocked as each destination says.

use crate::audit::Interconnection;
use crate::policy::{InterconnectionMode, Policy};
use crate::verdict::{Flag, Flags, InterconnectionStatus, Reason};

/// I2, I4: an enrichment block from `other`, a dataset of another purpose than `dataset`'s.
pub fn of_enrichment(policy: &Policy, dataset: &str, other: &str) -> Interconnection {
    let reference = policy.authorisation(dataset, other);
    Interconnection {
        datasets: vec![dataset.to_string(), other.to_string()],
        status: if reference.is_some() {
            InterconnectionStatus::Authorised
        } else {
            InterconnectionStatus::Unauthorised
        },
        reference: reference.map(str::to_string),
    }
}

/// I3: the event's person met at one of its destinations from another purpose's dataset.
pub fn correlated(dataset: &str) -> Interconnection {
    Interconnection {
        datasets: vec![dataset.to_string()],
        status: InterconnectionStatus::Correlated,
        reference: None,
    }
}

/// Whether any interconnection of the event is unauthorised (I2).
pub fn any_unauthorised(interconnections: &[Interconnection]) -> bool {
    interconnections
        .iter()
        .any(|i| i.status == InterconnectionStatus::Unauthorised)
}

/// I4: an unauthorised interconnection blocks a destination whose policy says `block`.
pub fn blocks(unauthorised: bool, mode: InterconnectionMode) -> Option<Reason> {
    (unauthorised && mode == InterconnectionMode::Block)
        .then_some(Reason::InterconnectionUnauthorised)
}

/// The flags of an event's interconnections: authorised and correlated ones always, an
/// unauthorised one where some destination flags rather than blocks.
pub fn flags(interconnections: &[Interconnection], policy: &Policy, flags: &mut Flags) {
    for ic in interconnections {
        match ic.status {
            InterconnectionStatus::Authorised => flags.insert(Flag::InterconnectionAuthorised),
            InterconnectionStatus::Correlated => flags.insert(Flag::InterconnectionCorrelated),
            InterconnectionStatus::Unauthorised
                if policy
                    .destinations
                    .iter()
                    .any(|d| d.interconnection == InterconnectionMode::Flag) =>
            {
                flags.insert(Flag::InterconnectionUnauthorised)
            }
            InterconnectionStatus::Unauthorised => {}
        }
    }
}
