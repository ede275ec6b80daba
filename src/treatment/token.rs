//! `token`: a keyed HMAC of the normalised value, so that one person has one token whatever the
//! formatting of their contact details (P1, P3).

use std::borrow::Cow;

use serde_json::Value;

use super::{Applied, Leaf, Tools};
use crate::category::Category;
use crate::json_out;
use crate::normalize;

pub(super) fn write(leaf: &Leaf, tools: &Tools, out: &mut Vec<u8>) -> Applied {
    match leaf.token {
        Some(t) => json_out::str(out, t),
        None => {
            let norm = normalised_for_token(leaf.category, leaf.value, tools.country_code);
            tools.pseudonym.write_token_json(norm.as_bytes(), out);
        }
    }
    Applied::Token
}

/// The value a token is computed over: the normalised identity for contacts (P3); other
/// strings trimmed, borrowed when nothing changes.
pub(crate) fn normalised_for_token<'v>(
    category: Category,
    value: &'v Value,
    cc: &str,
) -> Cow<'v, str> {
    match (category, value) {
        (Category::Email, Value::String(s)) => normalize::email(s)
            .map(Cow::Owned)
            .unwrap_or_else(|| Cow::Borrowed(s.trim())),
        (Category::Phone, Value::String(s)) => normalize::phone(s, cc)
            .map(Cow::Owned)
            .unwrap_or_else(|| Cow::Borrowed(s.trim())),
        (_, Value::String(s)) => Cow::Borrowed(s.trim()),
        (_, other) => Cow::Owned(other.to_string()),
    }
}
