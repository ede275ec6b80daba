//! `token`: a keyed HMAC of the normalised value, so that one person has one token whatever the
//! formatting of their contact details (P1, P3).

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
            json_out::str(out, &tools.pseudonym.token(norm.as_bytes()));
        }
    }
    Applied::Token
}

/// The value a token is computed over: the normalised identity for contacts (P3).
pub(crate) fn normalised_for_token(category: Category, value: &Value, cc: &str) -> String {
    match (category, value) {
        (Category::Email, Value::String(s)) => {
            normalize::email(s).unwrap_or_else(|| s.trim().to_string())
        }
        (Category::Phone, Value::String(s)) => {
            normalize::phone(s, cc).unwrap_or_else(|| s.trim().to_string())
        }
        (_, Value::String(s)) => s.trim().to_string(),
        (_, other) => other.to_string(),
    }
}
