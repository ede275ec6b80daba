//! Field treatments: what one field becomes in one forwarded copy (S1–S4, P1–P3).
//!
//! The policy names a [`Treatment`] per category or field path; the copy writer calls
//! [`apply`], and the audit records the [`Applied`] result. Each treatment that does more than
//! copy or drop lives in its own module, so adding one is: a variant here, a module, and its
//! audit name in `schemas/audit.v1.schema.json` (see `docs/architecture.md`).

mod encrypt;
mod generalise;
mod mask;
pub(crate) mod redact;
mod token;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::category::Category;
use crate::crypto::TokenKey;
use crate::detect::ContactsKept;
use crate::engine::Sealer;
use crate::json_out;

pub use generalise::{DateGranularity, GeneraliseSettings};

/// What the policy asks for a field in a destination's copy. The names are the policy's
/// (`keep`, `token`…) and the findings' `action` in the audit.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Treatment {
    /// Forward in clear.
    Keep,
    /// Do not forward.
    Remove,
    /// Replace by a keyed HMAC token of the normalised value (P1–P3).
    Token,
    /// Replace by an AES-256-GCM envelope bound to the field path (P2).
    Encrypt,
    /// Replace all but the last two characters by `*`.
    Mask,
    /// Free text: scan and redact findings in place (S3).
    Redact,
    /// Keep only a coarse form for statistics (S4): a date's year, a postcode's department,
    /// an age's ten-year band.
    Generalise,
}

impl Treatment {
    /// The policy's name, also the findings' `action` in the audit.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What was done to a field that left, as the audit records it (`destinations[].fields`).
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
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Applied {
    Clear,
    Token,
    Encrypted,
    Masked,
    Redacted,
    Generalised,
}

impl Applied {
    /// The audit's name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the copy holds the value itself, or enough of it to read it (a masked value
    /// keeps its last characters): what the breach register counts as exposed.
    pub fn exposes_value(self) -> bool {
        matches!(self, Applied::Clear | Applied::Masked)
    }
}

impl json_out::JsonStr for Applied {
    fn write_json(&self, out: &mut Vec<u8>) {
        json_out::plain(out, self.as_str());
    }
}

/// The keys and settings treatments use, compiled once at start-up.
pub(crate) struct Tools<'g> {
    pub pseudonym: &'g TokenKey,
    /// Seals `encrypt`ed values (per person when there is a subject key store).
    pub sealer: &'g Sealer<'g>,
    pub country_code: &'g str,
    pub generalise: &'g GeneraliseSettings,
}

/// One non-null leaf of one copy, as the treatments see it.
pub(crate) struct Leaf<'a> {
    pub category: Category,
    pub value: &'a Value,
    /// The value rendered as JSON.
    pub clear: &'a [u8],
    /// Its concrete path (bound into envelopes).
    pub path: &'a str,
    /// The token of the normalised e-mail or phone when already computed for the subject.
    pub token: Option<&'a str>,
    /// A free text with findings.
    pub redaction: Option<&'a redact::Redaction<'a>>,
}

/// Writes `leaf` as `treatment` says into `out` (a JSON value); `None` when the field must not
/// be written at all (removed, or a value the treatment cannot make safe). `kept` says which
/// contact details a free text may keep in clear in this copy, asked only when needed.
pub(crate) fn apply(
    treatment: Treatment,
    leaf: &Leaf,
    tools: &Tools,
    kept: impl FnOnce() -> ContactsKept,
    out: &mut Vec<u8>,
) -> Option<Applied> {
    match treatment {
        Treatment::Remove => None,
        Treatment::Keep => {
            out.extend_from_slice(leaf.clear);
            Some(Applied::Clear)
        }
        Treatment::Token => Some(token::write(leaf, tools, out)),
        Treatment::Encrypt => encrypt::write(leaf, tools, out),
        Treatment::Mask => Some(mask::write(leaf, out)),
        Treatment::Redact => Some(redact::write(leaf, kept, out)),
        Treatment::Generalise => generalise::write(leaf, tools.generalise, out),
    }
}

/// A string leaf as itself, anything else as its JSON text.
fn plain_text(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::String(s) => s.as_str().into(),
        other => other.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn names_round_trip_from_one_definition() {
        for t in Treatment::VARIANTS {
            assert_eq!(t.as_str().parse::<Treatment>().unwrap(), *t);
        }
        for a in Applied::VARIANTS {
            assert_eq!(a.as_str().parse::<Applied>().unwrap(), *a);
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
        }
        assert_eq!(Treatment::Generalise.as_str(), "generalise");
        assert_eq!(Applied::Generalised.as_str(), "generalised");
    }

    #[test]
    fn the_audit_schema_lists_every_applied_treatment() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/audit.v2.schema.json")).unwrap();
        let fields = &schema["properties"]["destinations"]["items"]["properties"]["fields"];
        let mut listed: Vec<&str> = fields["additionalProperties"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let mut ours: Vec<&str> = Applied::VARIANTS.iter().map(|a| a.as_str()).collect();
        listed.sort_unstable();
        ours.sort_unstable();
        assert_eq!(listed, ours);
    }
}
