//! `generalise`: a coarse form of a value for statistics (S4, minimisation): a date becomes its
//! year (or year and month), a French postcode its department, an age its ten-year band.
//!
//! The form is chosen by the shape of the value, not by its path, so the treatment applies to
//! any field a policy names. A value of no known shape is not forwarded: generalising is a
//! promise that the copy holds nothing finer, and a value we cannot read could be anything.

use serde::Deserialize;
use serde_json::Value;

use super::{Applied, Leaf};
use crate::json_out;

/// Settings of `generalise` (`[generalise]` in the policy).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneraliseSettings {
    /// How much of a date is kept.
    #[serde(default)]
    pub date: DateGranularity,
}

/// How much of a date `generalise` keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateGranularity {
    #[default]
    Year,
    YearMonth,
}

/// Oldest age read as an age: a larger number is something else.
const MAX_AGE: u64 = 150;

pub(super) fn write(
    leaf: &Leaf,
    settings: &GeneraliseSettings,
    out: &mut Vec<u8>,
) -> Option<Applied> {
    json_out::str(out, &generalise(leaf.value, settings)?);
    Some(Applied::Generalised)
}

/// The coarse form of `value`, if it has a shape we know.
pub(crate) fn generalise(value: &Value, settings: &GeneraliseSettings) -> Option<String> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .and_then(age_band),
        Value::String(s) => {
            let s = s.trim();
            date(s, settings.date)
                .or_else(|| department(s))
                .or_else(|| {
                    (s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| s.parse().ok().and_then(age_band))
                        .flatten()
                })
        }
        _ => None,
    }
}

/// `1966-09-17` (or a date-time) → `1966` or `1966-09`.
fn date(s: &str, granularity: DateGranularity) -> Option<String> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '));
    let month: u8 = s.get(5..7)?.parse().ok()?;
    if !shaped || !(1..=12).contains(&month) {
        return None;
    }
    Some(match granularity {
        DateGranularity::Year => s[..4].to_string(),
        DateGranularity::YearMonth => s[..7].to_string(),
    })
}

/// A French postcode → its department: `13001` → `13`, Corsica `20000`–`20199` → `2A` and
/// `20200`–`20699` → `2B`, overseas `97x`/`98x` → three digits.
fn department(s: &str) -> Option<String> {
    if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match &s[..2] {
        "00" => return None,
        "20" => match s.as_bytes()[2] {
            b'0' | b'1' => "2A".to_string(),
            b'2'..=b'6' => "2B".to_string(),
            _ => return None,
        },
        "97" | "98" => s[..3].to_string(),
        d => d.to_string(),
    })
}

/// `42` → `40-49`.
fn age_band(age: u64) -> Option<String> {
    (age <= MAX_AGE).then(|| {
        let low = age / 10 * 10;
        format!("{low}-{}", low + 9)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn g(v: Value) -> Option<String> {
        generalise(&v, &GeneraliseSettings::default())
    }

    #[test]
    fn s4_dates_keep_their_year_or_year_and_month() {
        assert_eq!(g(json!("1966-09-17")).as_deref(), Some("1966"));
        assert_eq!(g(json!("2026-11-14T07:59:00Z")).as_deref(), Some("2026"));
        let month = GeneraliseSettings {
            date: DateGranularity::YearMonth,
        };
        assert_eq!(
            generalise(&json!("1966-09-17"), &month).as_deref(),
            Some("1966-09")
        );
        assert_eq!(g(json!("1966-13-17")), None);
        assert_eq!(g(json!("17/09/1966")), None);
    }

    #[test]
    fn s4_postcodes_keep_their_department() {
        assert_eq!(g(json!("13001")).as_deref(), Some("13"));
        assert_eq!(g(json!(" 75011 ")).as_deref(), Some("75"));
        assert_eq!(g(json!("20000")).as_deref(), Some("2A"));
        assert_eq!(g(json!("20200")).as_deref(), Some("2B"));
        assert_eq!(g(json!("97400")).as_deref(), Some("974"));
        assert_eq!(g(json!("00100")), None);
        assert_eq!(g(json!("SW1A 1AA")), None);
    }

    #[test]
    fn s4_ages_keep_their_ten_year_band() {
        assert_eq!(g(json!(42)).as_deref(), Some("40-49"));
        assert_eq!(g(json!(7)).as_deref(), Some("0-9"));
        assert_eq!(g(json!("35")).as_deref(), Some("30-39"));
        assert_eq!(g(json!(151)), None);
        assert_eq!(g(json!(-3)), None);
    }

    #[test]
    fn s4_values_of_no_known_shape_are_not_forwarded() {
        assert_eq!(g(json!("Dupont SARL")), None);
        assert_eq!(g(json!(true)), None);
        assert_eq!(g(json!({"a": 1})), None);
    }
}
