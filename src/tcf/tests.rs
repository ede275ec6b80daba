//! The decoder against TC strings whose decoded values come from the IAB Tech Lab's reference
//! implementation, `@iabtechlabtcf/core` 1.5.21 (npm): each vector's source is said beside it.
use super::*;
use crate::clock;
use proptest::prelude::*;

fn ds(rfc3339: &str, tenths: i64) -> i64 {
    clock::parse(rfc3339).unwrap() * 10 + tenths
}

fn vendors(set: &VendorSet) -> Vec<u16> {
    (1..=set.max_id).filter(|i| set.contains(*i)).collect()
}

/// The example string of the `lib_tcstring` README (docs.rs/lib_tcstring); expected values are
/// those `TCString.decode` of `@iabtechlabtcf/core` 1.5.21 gives for it.
#[test]
fn tcf_v2_0_example_string() {
    let tc = TcString::decode("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA").unwrap();
    assert_eq!(tc.version, 2);
    assert_eq!(tc.created_ds, ds("2020-02-20T23:57:39Z", 3));
    assert_eq!(tc.last_updated_ds, ds("2020-02-20T23:57:39Z", 3));
    assert_eq!((tc.cmp_id, tc.cmp_version, tc.consent_screen), (27, 0, 0));
    assert_eq!(tc.consent_language, "EN");
    assert_eq!((tc.vendor_list_version, tc.policy_version), (15, 2));
    assert_eq!(tc.purposes_consent, vec![1, 2, 3]);
    assert!(tc.purposes_legitimate_interest.is_empty());
    assert_eq!(vendors(&tc.vendor_consents), vec![2, 6, 8]);
}

/// Encoded by `@iabtechlabtcf/core` 1.5.21 (`SegmentEncoder.encode(model, Segment.CORE)`) from a
/// model with these values, TCF policy version 4 (TCF v2.2), and decoded back by its
/// `TCString.decode` to the same values.
#[test]
fn tcf_v2_2_string_with_a_bit_field_of_vendors() {
    let tc =
        TcString::decode("CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA").unwrap();
    assert_eq!(tc.created_ds, ds("2026-11-20T10:14:00Z", 0));
    assert_eq!(tc.last_updated_ds, ds("2026-11-20T10:15:30Z", 0));
    assert_eq!((tc.cmp_id, tc.cmp_version, tc.consent_screen), (300, 2, 1));
    assert_eq!(tc.consent_language, "FR");
    assert_eq!((tc.vendor_list_version, tc.policy_version), (150, 4));
    assert!(tc.is_service_specific);
    assert_eq!(tc.purposes_consent, vec![1, 2, 3, 4, 7, 9, 10]);
    assert_eq!(tc.purposes_legitimate_interest, vec![2, 7, 9, 10]);
    assert_eq!(vendors(&tc.vendor_consents), vec![2, 6, 8, 755]);
    assert_eq!(tc.vendor_consents.len(), 4);
}

/// Same source, TCF policy version 5 (TCF v2.3); the encoder chose range encoding for the
/// vendor consents (1–30 and 400–410).
#[test]
fn tcf_v2_3_string_with_vendor_ranges() {
    let tc =
        TcString::decode("CQSU_AAQe8er_AHAMDENBQFgAIAAAAAAAAqIDNQAoAAgA9AZABmgAAAAAAAA").unwrap();
    assert_eq!(tc.created_ds, ds("2025-06-01T00:00:00Z", 0));
    assert_eq!(tc.last_updated_ds, ds("2026-01-31T23:59:59Z", 9));
    assert_eq!((tc.cmp_id, tc.cmp_version, tc.consent_screen), (7, 12, 3));
    assert_eq!(tc.consent_language, "EN");
    assert_eq!((tc.vendor_list_version, tc.policy_version), (80, 5));
    assert_eq!(tc.purposes_consent, vec![1]);
    let expected: Vec<u16> = (1..=30).chain(400..=410).collect();
    assert_eq!(vendors(&tc.vendor_consents), expected);
    assert_eq!(tc.vendor_consents.ranges, vec![(1, 30), (400, 410)]);
}

/// Same source: a core segment and a disclosed-vendors segment (mandatory from TCF v2.3); only
/// the core segment is read.
#[test]
fn tcf_v2_3_string_with_a_disclosed_vendors_segment() {
    let tc = TcString::decode("CQjh0IAQjh0IAAKABCDEB4FgAKAAAAAAAAYgAFABAAwAKAAA.IAHABUAA").unwrap();
    assert_eq!((tc.cmp_id, tc.cmp_version, tc.consent_screen), (10, 1, 2));
    assert_eq!(tc.consent_language, "DE");
    assert_eq!((tc.vendor_list_version, tc.policy_version), (120, 5));
    assert_eq!(tc.created_ds, ds("2026-05-01T00:00:00Z", 0));
    assert_eq!(tc.purposes_consent, vec![1, 3]);
    assert_eq!(vendors(&tc.vendor_consents), vec![10]);
    assert_eq!(vendors(&tc.vendor_legitimate_interests), vec![10, 12]);
}

#[test]
fn invalid_strings_are_errors_not_crashes() {
    let valid = "CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA";
    for (s, e) in [
        ("", TcfError::Empty),
        (".IAHABUAA", TcfError::Empty),
        ("not base64!", TcfError::Base64),
        (&valid[..20], TcfError::TooShort),
        (&valid[..36], TcfError::TooShort),
        // TCF v1.1 (lib_tcstring's v1 example): version 1.
        ("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA", TcfError::Version),
    ] {
        assert_eq!(TcString::decode(s), Err(e), "{s:?}");
    }
    // Every cut of a valid string fails or decodes, never panics.
    for n in 0..valid.len() {
        let _ = TcString::decode(&valid[..n]);
    }
}

#[test]
fn vendor_ranges_out_of_order_or_past_max_are_errors() {
    // Core fields of the v2.2 vector up to the vendor section, then a hand-built range section.
    let tc =
        TcString::decode("CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA").unwrap();
    assert!(!tc.vendor_consents.is_empty());
    let mut bits = String::new();
    let core = TC_BASE64
        .decode("CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA")
        .unwrap();
    for byte in &core {
        bits.push_str(&format!("{byte:08b}"));
    }
    bits.truncate(213);
    // MaxVendorId 10, range encoding, 2 entries: 5, then 3 (out of order).
    bits.push_str(&format!("{:016b}1{:012b}0{:016b}0{:016b}", 10, 2, 5, 3));
    let mut bytes = Vec::new();
    while bits.len() % 8 != 0 {
        bits.push('0');
    }
    for chunk in bits.as_bytes().chunks(8) {
        bytes.push(u8::from_str_radix(std::str::from_utf8(chunk).unwrap(), 2).unwrap());
    }
    let s = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
    assert_eq!(TcString::decode(&s), Err(TcfError::Range));
}

proptest! {
    #[test]
    fn any_string_decodes_or_fails_without_panicking(s in "[A-Za-z0-9_.-]{0,300}") {
        let _ = TcString::decode(&s);
    }
}
