//! Timestamps as Unix seconds, parsed from RFC 3339, and calendar-month arithmetic (C5, R1).
//!
//! The guard never reads the wall clock on its own: callers pass "now", so that runs and replays
//! are reproducible (`--now`).

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime};

/// Seconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// Parses an RFC 3339 timestamp.
pub fn parse(s: &str) -> Option<Timestamp> {
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp)
}

/// Formats a timestamp as RFC 3339 (UTC, `Z`, whole seconds): `2026-11-22T12:00:00Z`.
///
/// Written digit by digit: two timestamps go into every audit record, and the general
/// formatter cost more than the rest of the record's text.
pub fn format(t: Timestamp) -> String {
    let Ok(d) = OffsetDateTime::from_unix_timestamp(t) else {
        return t.to_string();
    };
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.format(&Rfc3339).unwrap_or_else(|_| t.to_string());
    }
    let mut b = *b"0000-00-00T00:00:00Z";
    let mut put = |at: usize, v: u32, width: usize| {
        let mut v = v;
        for i in (0..width).rev() {
            b[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, year as u32, 4);
    put(5, d.month() as u32, 2);
    put(8, u32::from(d.day()), 2);
    put(11, u32::from(d.hour()), 2);
    put(14, u32::from(d.minute()), 2);
    put(17, u32::from(d.second()), 2);
    String::from_utf8(b.to_vec()).expect("ASCII digits")
}

/// The wall clock, for production use.
pub fn now() -> Timestamp {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// `t` minus `months` calendar months, the day clamped to the target month's length
/// (31 March − 1 month = 28/29 February).
pub fn months_before(t: Timestamp, months: u32) -> Timestamp {
    let Ok(dt) = OffsetDateTime::from_unix_timestamp(t) else {
        return t;
    };
    let total = dt.year() as i64 * 12 + (dt.month() as i64 - 1) - months as i64;
    let year = total.div_euclid(12) as i32;
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let last_day = month.length(year);
    let day = dt.day().min(last_day);
    match Date::from_calendar_date(year, month, day) {
        Ok(date) => dt.replace_date(date).unix_timestamp(),
        Err(_) => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_rfc3339() {
        let t = parse("2026-11-22T12:00:00Z").unwrap();
        assert_eq!(format(t), "2026-11-22T12:00:00Z");
        assert_eq!(parse("2026-11-22T13:00:00+01:00"), Some(t));
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn fast_format_agrees_with_the_time_crate() {
        for t in [
            0,
            1,
            951_782_400,
            1_700_000_000,
            1_795_348_800,
            4_102_444_799,
            -1,
        ] {
            let expected = OffsetDateTime::from_unix_timestamp(t)
                .unwrap()
                .format(&Rfc3339)
                .unwrap();
            assert_eq!(format(t), expected, "{t}");
        }
    }

    #[test]
    fn months_are_calendar_months() {
        let now = parse("2026-11-22T12:00:00Z").unwrap();
        assert_eq!(format(months_before(now, 36)), "2023-11-22T12:00:00Z");
        let end_of_march = parse("2026-03-31T00:00:00Z").unwrap();
        assert_eq!(
            format(months_before(end_of_march, 1)),
            "2026-02-28T00:00:00Z"
        );
        assert_eq!(
            format(months_before(end_of_march, 15)),
            "2024-12-31T00:00:00Z"
        );
    }
}
