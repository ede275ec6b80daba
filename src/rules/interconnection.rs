//! Interconnections (I1–I4): datasets collected for different purposes meeting in one event
//! (an enrichment block, I2) or across events (the same person reaching the same destination
//! from another purpose's dataset, I3, found by [`crate::identity_index`]); authorised pairs
//! (I4) are flagged, unauthorised ones flagged or blocked as each destination says.

use crate::audit::Interconnection;
use crate::engine::IdentityUpdate;
use crate::identity_index::Key;
use crate::json_out;
use crate::policy::{InterconnectionMode, Policy, PurposeId};
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

/// Schema name of an identities-topic record.
pub const IDENTITY_SCHEMA_NAME: &str = "leadguard.identity/v1";

/// The identities-topic record of an identity's I3 history (I3 across instances): key = the
/// identity's index key in hex (a pseudonym: a prefix of its keyed HMAC), value = the
/// (destination, purpose) pairs by name, so that instances agree whatever their order.
pub fn identity_update(policy: &Policy, key: &Key, pairs: &[(u16, PurposeId)]) -> IdentityUpdate {
    let mut payload = Vec::with_capacity(64 + 32 * pairs.len());
    payload.extend_from_slice(b"{\"schema\":");
    json_out::str(&mut payload, IDENTITY_SCHEMA_NAME);
    payload.extend_from_slice(b",\"pairs\":[");
    let mut first = true;
    for (d, p) in pairs {
        let (Some(d), Some(p)) = (
            policy.destinations.get(usize::from(*d)),
            policy.purposes.get(usize::from(*p)),
        ) else {
            continue;
        };
        if !std::mem::take(&mut first) {
            payload.push(b',');
        }
        payload.push(b'[');
        json_out::str(&mut payload, d.name);
        payload.push(b',');
        json_out::str(&mut payload, &p.name);
        payload.push(b']');
    }
    payload.extend_from_slice(b"]}");
    IdentityUpdate {
        key: hex::encode(key),
        payload,
    }
}

/// Reads an identities-topic record back into an index key and pairs of this policy; names it
/// does not know are skipped (another instance may run a newer policy). `None` when the record
/// is not one.
pub fn read_identity_update(
    policy: &Policy,
    key: &[u8],
    payload: &[u8],
) -> Option<(Key, Vec<(u16, PurposeId)>)> {
    #[derive(serde::Deserialize)]
    struct Update {
        schema: String,
        pairs: Vec<(String, String)>,
    }
    let key: Key = hex::decode(key).ok()?.try_into().ok()?;
    let u: Update = serde_json::from_slice(payload).ok()?;
    if u.schema != IDENTITY_SCHEMA_NAME {
        return None;
    }
    let pairs = u
        .pairs
        .iter()
        .filter_map(|(d, p)| {
            let d = policy.destinations.iter().position(|x| x.name == d)?;
            let p = policy.purposes.iter().position(|x| &x.name == p)?;
            Some((u16::try_from(d).ok()?, PurposeId::try_from(p).ok()?))
        })
        .collect();
    Some((key, pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn policy() -> Policy {
        Policy::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml")).unwrap()
    }

    #[test]
    fn i3_history_records_round_trip_by_name_and_hold_no_value() {
        let p = policy();
        let key: Key = [0xab; 16];
        let u = identity_update(&p, &key, &[(0, 0), (4, 1), (99, 0)]);
        assert_eq!(u.key, "ab".repeat(16));
        let text = String::from_utf8(u.payload.clone()).unwrap();
        assert!(
            text.starts_with("{\"schema\":\"leadguard.identity/v1\""),
            "{text}"
        );
        let (k, pairs) = read_identity_update(&p, u.key.as_bytes(), &u.payload).unwrap();
        assert_eq!(k, key);
        // Destination 99 does not exist: left out on the way out.
        assert_eq!(pairs, [(0, 0), (4, 1)]);
        // Names this policy does not know are skipped; foreign records are refused.
        let other = br#"{"schema":"leadguard.identity/v1","pairs":[["crm","prospecting"],["fax","prospecting"]]}"#;
        let (_, pairs) = read_identity_update(&p, u.key.as_bytes(), other).unwrap();
        assert_eq!(pairs.len(), 1);
        assert!(read_identity_update(&p, b"not hex", &u.payload).is_none());
        assert!(
            read_identity_update(&p, u.key.as_bytes(), b"{\"schema\":\"x\",\"pairs\":[]}")
                .is_none()
        );
    }
}
