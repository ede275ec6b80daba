//! Erasure requests (GDPR art. 17; issue 13): a person asks for their data to be erased.
//!
//! A request (`schemas/erasure.v1.schema.json`) names the person by e-mail and/or phone, when
//! they asked (`at`), how (`via`) and the request's `reference`. Applying it:
//! 1. withdraws every purpose and channel of the person at `at` (C6): later events of theirs are
//!    refused with `consent.withdrawn` unless they carry a consent captured after the erasure
//!    (a new relationship);
//! 2. destroys the person's subject keys ([`crate::subject_keys`]): every value the guard ever
//!    encrypted for them, in every copy it wrote, becomes unreadable;
//! 3. leaves an audit record of kind `erasure` in a chain of its own (the reference, the subject
//!    tokens, how many keys were destroyed; never the e-mail or phone), built by
//!    [`crate::engine::Guard::erase`].
//!
//! The withdrawal comes first, so that no event judged after the erasure creates a new key, and
//! the keys of events judged just before it are destroyed with the others.

use serde::Deserialize;
use serde_json::Value;

use crate::clock::{self, Timestamp};
use crate::normalize;
use crate::schema::Schema;
use crate::subject_keys::{KeyWrite, SubjectKeys, SubjectMac};
use crate::verdict::Reason;
use crate::withdrawals::WithdrawalTable;

/// The audit record `kind` of an erasure.
pub const ERASURE_KIND: &str = "erasure";

/// Why an erasure request is refused. The messages name the problem, never a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErasureError {
    #[error("erasure request is not JSON")]
    NotJson,
    #[error("erasure request does not match the schema: {0}")]
    Invalid(String),
    #[error("erasure request identifies no one (no normalisable e-mail or phone)")]
    NoIdentity,
}

impl ErasureError {
    /// The audit reason of the refusal.
    pub fn reason(&self) -> Reason {
        match self {
            ErasureError::NotJson => Reason::EventMalformed,
            ErasureError::Invalid(_) | ErasureError::NoIdentity => Reason::SchemaInvalid,
        }
    }

    /// A short code for metrics labels and logs.
    pub fn code(&self) -> &'static str {
        match self {
            ErasureError::NotJson => "not_json",
            ErasureError::Invalid(_) => "invalid",
            ErasureError::NoIdentity => "no_identity",
        }
    }
}

/// A valid erasure request, its identities normalised (C6, P3). `Debug` shows no identity.
pub struct ErasureRequest {
    /// Normalised e-mail, then phone, of those given.
    pub identities: Vec<String>,
    /// When the person asked.
    pub at: Timestamp,
    pub via: Option<String>,
    pub reference: String,
}

impl std::fmt::Debug for ErasureRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ErasureRequest")
            .field("reference", &self.reference)
            .field("at", &clock::format(self.at))
            .field("identities", &self.identities.len())
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Raw {
    email: Option<String>,
    phone: Option<String>,
    at: String,
    via: Option<String>,
    reference: String,
}

/// Parses and checks one request against `schema` (the policy's erasure schema).
///
/// # Errors
///
/// [`ErasureError`]: not JSON, not valid against the schema, or no identity that normalises.
pub fn parse(
    raw: &[u8],
    schema: &Schema,
    country_code: &str,
) -> Result<ErasureRequest, ErasureError> {
    let value: Value = serde_json::from_slice(raw).map_err(|_| ErasureError::NotJson)?;
    schema
        .check(&value)
        .map_err(|e| ErasureError::Invalid(e.to_string()))?;
    let r: Raw = serde_json::from_value(value)
        .map_err(|_| ErasureError::Invalid("/ fails `type`".into()))?;
    let at =
        clock::parse(&r.at).ok_or_else(|| ErasureError::Invalid("/at fails `format`".into()))?;
    let identities: Vec<String> = r
        .email
        .as_deref()
        .and_then(normalize::email)
        .into_iter()
        .chain(
            r.phone
                .as_deref()
                .and_then(|p| normalize::phone(p, country_code)),
        )
        .collect();
    if identities.is_empty() {
        return Err(ErasureError::NoIdentity);
    }
    Ok(ErasureRequest {
        identities,
        at,
        via: r.via,
        reference: r.reference,
    })
}

/// What applying an erasure did (no personal value).
#[derive(Debug)]
pub struct Applied<A> {
    /// Keys destroyed now.
    pub destroyed_now: u32,
    /// Keys of the person destroyed so far (this erasure or earlier ones): the audit's count.
    pub keys_destroyed: u32,
    /// Acknowledgements of the key destructions written.
    pub acks: Vec<A>,
}

/// Applies a valid request: the withdrawal, then the keys of `subjects` (the MACs of its
/// identities, see [`crate::engine::Guard::erasure_subjects`]). `created_through`: see
/// [`SubjectKeys::erase`]. Destructions are written through `send`.
///
/// # Errors
///
/// What `send` returns.
pub fn apply<A, E>(
    request: &ErasureRequest,
    subjects: &[SubjectMac],
    withdrawals: &mut WithdrawalTable,
    keys: Option<&SubjectKeys>,
    created_through: Option<i64>,
    send: impl FnMut(KeyWrite<'_>) -> Result<A, E>,
) -> Result<Applied<A>, E> {
    let ids: Vec<&str> = request.identities.iter().map(String::as_str).collect();
    withdrawals.erase(&ids, request.at);
    let Some(keys) = keys else {
        return Ok(Applied {
            destroyed_now: 0,
            keys_destroyed: 0,
            acks: Vec::new(),
        });
    };
    let erased = keys.erase(subjects, created_through, send)?;
    Ok(Applied {
        destroyed_now: erased.now,
        keys_destroyed: erased.total,
        acks: erased.acks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::Channel;
    use std::path::Path;

    fn schema() -> Schema {
        Schema::erasure(None, Path::new("."), &mut Vec::new()).unwrap()
    }

    #[test]
    fn a_valid_request_withdraws_everything_at_its_time() {
        let r = parse(
            br#"{"type":"erasure","email":" Camille.Martin@Example.fr ","phone":"06 12 34 56 78","at":"2026-11-21T08:00:00Z","via":"dpo_email","reference":"ERA-2026-0001"}"#,
            &schema(),
            "33",
        )
        .unwrap();
        assert_eq!(r.identities, ["camille.martin@example.fr", "+33612345678"]);
        let shown = format!("{r:?}");
        assert!(
            !shown.contains("camille") && !shown.contains("612"),
            "{shown}"
        );
        let mut t = WithdrawalTable::default();
        let a = apply(&r, &[], &mut t, None, None, |_| Ok::<(), ()>(())).unwrap();
        assert_eq!(a.keys_destroyed, 0);
        for c in [Channel::Email, Channel::Phone, Channel::Postal] {
            for purpose in ["prospecting", "partner_sharing", "statistics"] {
                assert_eq!(
                    t.withdrawn_at(&["+33612345678"], purpose, c),
                    clock::parse("2026-11-21T08:00:00Z")
                );
            }
        }
    }

    #[test]
    fn invalid_requests_are_refused_without_personal_values() {
        let cases: [(&[u8], ErasureError); 5] = [
            (b"nope", ErasureError::NotJson),
            (
                br#"{"type":"erasure","email":"a.b@example.fr","at":"2026-11-21T08:00:00Z"}"#,
                ErasureError::Invalid("/ fails `required`".into()),
            ),
            (
                br#"{"type":"erasure","at":"2026-11-21T08:00:00Z","reference":"R1"}"#,
                ErasureError::Invalid("/ fails `anyOf`".into()),
            ),
            (
                br#"{"type":"erasure","email":"a.b@example.fr","at":"2026-11-21T08:00:00Z","reference":"a.b@example.fr"}"#,
                ErasureError::Invalid("/reference fails `pattern`".into()),
            ),
            (
                br#"{"type":"erasure","phone":"not a phone","at":"2026-11-21T08:00:00Z","reference":"R1"}"#,
                ErasureError::NoIdentity,
            ),
        ];
        for (raw, expected) in cases {
            let e = parse(raw, &schema(), "33").unwrap_err();
            assert_eq!(e, expected, "{}", String::from_utf8_lossy(raw));
            let text = e.to_string();
            assert!(
                !text.contains("a.b@") && !text.contains("not a phone"),
                "{text}"
            );
        }
    }
}
