//! Identity normalisation (C6, P3).
//!
//! A withdrawal, a suppression-list entry and an event must agree on who a person is even when
//! each writes the e-mail or phone number differently, and the HMAC token of an identity (P1) is
//! only stable if it is computed over one canonical form. These functions produce that form:
//! lower-cased, trimmed e-mail addresses and E.164 phone numbers (`+<country code><number>`).
//!
//! Both functions are pure, allocation-light (one output `String`) and idempotent: normalising an
//! already normalised value returns it unchanged, so values can be normalised at every boundary
//! without drifting.

/// E.164 allows at most 15 digits (country code included).
const E164_MAX_DIGITS: usize = 15;
/// Shortest number accepted; anything shorter is a typo or a short service code, not a person.
const E164_MIN_DIGITS: usize = 8;
/// Raw digits we are willing to buffer: `00` + 15 digits. Longer input cannot become valid.
const RAW_MAX_DIGITS: usize = E164_MAX_DIGITS + 2;

/// Normalises an e-mail address for matching and tokenisation (C6, P3).
///
/// Surrounding Unicode whitespace is trimmed and the whole address is Unicode lower-cased (the
/// local part is case-sensitive in theory, but no real provider treats it so, and C6 requires
/// `Camille.Martin@Example.fr` and `camille.martin@example.fr` to be one person). Returns `None`
/// when nothing is left or there is no `@`, so garbage never produces a token that looks valid.
pub fn email(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || !trimmed.contains('@') {
        return None;
    }
    // Nearly every address is ASCII: lower-case it without the Unicode tables.
    Some(if trimmed.is_ascii() {
        trimmed.to_ascii_lowercase()
    } else {
        trimmed.to_lowercase()
    })
}

/// Normalises a phone number to E.164 (`+<digits>`) for matching and tokenisation (C6, P3).
///
/// Accepted writing styles (all give `+33612345678` with `default_country_code = "33"`):
/// `+33 6 12 34 56 78`, `0033612345678`, `0612345678`, `06.12.34.56.78`, `06-12-34-56-78`,
/// `06/12/34/56/78`, `(06) 12 34 56 78`, `+33 (0)6 12 34 56 78`.
///
/// Rules, applied in one pass without regex because this runs for every event:
/// - spaces (any Unicode whitespace), `.`, `-`, `/`, `(` and `)` are ignored;
/// - `+` is only allowed first; `+CC…` is already international;
/// - `00CC…` is the international dialling prefix and becomes `+CC…`;
/// - `0…` is a national number: the trunk `0` is replaced by `+<default_country_code>`;
/// - `(0)` after an international prefix is the conventional "drop this trunk 0 when dialling
///   from abroad" notation (`+33 (0)6…`, `+44 (0)20…`) and is dropped;
/// - digits without any prefix are taken as international when they already start with the
///   default country code (the `33612345678` form of CRM exports and SMS gateways), otherwise as
///   a national number whose trunk `0` was omitted (`612345678`, typed next to a country
///   selector);
/// - any letter or other character, a country code starting with `0`, or a result with fewer
///   than 8 or more than 15 digits gives `None`.
///
/// `default_country_code` is digits, optionally with a leading `+` (`"33"` or `"+33"`); if it is
/// not 1 to 3 digits, national numbers cannot be resolved and give `None`.
pub fn phone(raw: &str, default_country_code: &str) -> Option<String> {
    let s = raw.trim();
    let bytes = s.as_bytes();
    let mut digits = [0u8; RAW_MAX_DIGITS];
    let mut n = 0usize;
    let mut plus = false;
    let mut i = 0usize;

    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'0'..=b'9' => {
                if n == RAW_MAX_DIGITS {
                    return None;
                }
                digits[n] = b;
                n += 1;
            }
            b'+' => {
                // Only as the very first significant character.
                if plus || n > 0 {
                    return None;
                }
                plus = true;
            }
            b'(' => {
                // `(0)` after an international prefix: trunk zero to drop.
                if bytes.get(i + 1) == Some(&b'0') && bytes.get(i + 2) == Some(&b')') {
                    let international = plus || (n > 2 && digits[0] == b'0' && digits[1] == b'0');
                    if international && n > 0 {
                        i += 3;
                        continue;
                    }
                }
            }
            b')' | b'[' | b']' | b'.' | b'-' | b'/' | b'_' | b' ' | b'\t' | b'\n' | b'\r'
            | 0x0b | 0x0c => {}
            _ if b < 0x80 => return None,
            _ => {
                // Non-ASCII: only whitespace (e.g. the no-break spaces of French typography).
                let c = s.get(i..).and_then(|rest| rest.chars().next())?;
                if !c.is_whitespace() {
                    return None;
                }
                i += c.len_utf8();
                continue;
            }
        }
        i += 1;
    }

    let digits = &digits[..n];
    let (country, rest): (&[u8], &[u8]) = if plus {
        (&[], digits)
    } else if let Some(rest) = digits.strip_prefix(b"00") {
        (&[], rest)
    } else {
        let cc = country_code(default_country_code)?;
        if let Some(rest) = digits.strip_prefix(b"0") {
            (cc, rest)
        } else if digits.starts_with(cc) {
            (&[], digits)
        } else {
            (cc, digits)
        }
    };

    let total = country.len() + rest.len();
    if !(E164_MIN_DIGITS..=E164_MAX_DIGITS).contains(&total) {
        return None;
    }
    // A country code never starts with 0 (`+0…`, `000…`, `00 0…` are typos, not numbers).
    if country.first().or(rest.first()) == Some(&b'0') {
        return None;
    }
    let mut out = String::with_capacity(total + 1);
    out.push('+');
    out.extend(country.iter().chain(rest).map(|&d| char::from(d)));
    Some(out)
}

/// The default country code as digits, if it is a plausible E.164 country code.
fn country_code(raw: &str) -> Option<&[u8]> {
    let cc = raw.trim();
    let cc = cc.strip_prefix('+').unwrap_or(cc).as_bytes();
    let plausible = (1..=3).contains(&cc.len())
        && cc.iter().all(u8::is_ascii_digit)
        && cc.first() != Some(&b'0');
    plausible.then_some(cc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FR: &str = "33";

    #[test]
    fn email_trims_and_lowercases() {
        assert_eq!(
            email("  Camille.Martin@Example.fr\u{a0}\n").as_deref(),
            Some("camille.martin@example.fr")
        );
        assert_eq!(
            email("ÉLODIE@EXAMPLE.FR").as_deref(),
            Some("élodie@example.fr")
        );
        assert_eq!(email("   "), None);
        assert_eq!(email(""), None);
        assert_eq!(email("camille.martin.example.fr"), None);
    }

    #[test]
    fn phone_examples_of_the_brief() {
        for raw in [
            "+33 6 12 34 56 78",
            "0612345678",
            "0033612345678",
            "06.12.34.56.78",
            "+33 (0)6 12 34 56 78",
            "06-12-34-56-78",
            "06/12/34/56/78",
            "(06) 12 34 56 78",
            "+33\u{202f}6\u{a0}12 34 56 78",
            "0033 (0)6 12 34 56 78",
            "33612345678",
            "612345678",
            " +33612345678 ",
        ] {
            assert_eq!(phone(raw, FR).as_deref(), Some("+33612345678"), "{raw}");
        }
    }

    #[test]
    fn phone_default_country_code_forms() {
        assert_eq!(phone("0612345678", "+33").as_deref(), Some("+33612345678"));
        assert_eq!(
            phone("020 7946 0018", "44").as_deref(),
            Some("+442079460018")
        );
        assert_eq!(
            phone("+44 (0)20 7946 0018", FR).as_deref(),
            Some("+442079460018")
        );
        // A national number cannot be resolved without a usable default country code.
        assert_eq!(phone("0612345678", ""), None);
        assert_eq!(phone("0612345678", "3x"), None);
        assert_eq!(phone("0612345678", "0033"), None);
        // International numbers do not need it.
        assert_eq!(phone("+33612345678", "").as_deref(), Some("+33612345678"));
    }

    #[test]
    fn phone_rejects_garbage() {
        for raw in [
            "",
            "   ",
            "06 12 34 56 7a",
            "call me",
            "+33 6 12 34 56 78 ext 12",
            "06 12 34 56 78#",
            "6+33612345678",
            "++33612345678",
            "+0612345678",
            "000612345678",
            "+331234",                  // 6 digits
            "+33 1234 5678 9012 3456",  // 18 digits
            "0033 1234 5678 9012 3456", // 18 digits after 00
            "0612",
        ] {
            assert_eq!(phone(raw, FR), None, "{raw:?}");
        }
    }

    #[test]
    fn phone_length_limits() {
        assert_eq!(phone("+1234567", FR), None);
        assert_eq!(phone("+12345678", FR).as_deref(), Some("+12345678"));
        assert_eq!(
            phone("+123456789012345", FR).as_deref(),
            Some("+123456789012345")
        );
        assert_eq!(phone("+1234567890123456", FR), None);
    }

    /// A random French mobile number: `6` or `7` then eight digits.
    fn french_mobile() -> impl Strategy<Value = String> {
        (prop::sample::select(vec!['6', '7']), "[0-9]{8}")
            .prop_map(|(first, rest)| format!("{first}{rest}"))
    }

    /// Splits a 9-digit national significant number into the usual pairs `6 12 34 56 78`.
    fn pairs(nsn: &str, sep: &str) -> String {
        let (head, tail) = nsn.split_at(1);
        let mut out = head.to_string();
        for chunk in tail.as_bytes().chunks(2) {
            out.push_str(sep);
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        }
        out
    }

    proptest! {
        #[test]
        fn phone_is_idempotent(raw in "[+]?[0-9 .()/-]{0,24}") {
            if let Some(p) = phone(&raw, FR) {
                prop_assert_eq!(phone(&p, FR), Some(p.clone()));
                prop_assert!(p.starts_with('+'));
                let digits = p.len() - 1;
                prop_assert!((8..=15).contains(&digits));
            }
        }

        #[test]
        fn phone_variants_of_one_mobile_agree(nsn in french_mobile(), sep in prop::sample::select(vec![" ", ".", "-", "/", "", "\u{a0}"])) {
            let expected = format!("+33{nsn}");
            let variants = [
                format!("+33{sep}{}", pairs(&nsn, sep)),
                format!("0{}", pairs(&nsn, sep)),
                format!("0033{sep}{}", pairs(&nsn, sep)),
                format!("+33 (0){}", pairs(&nsn, sep)),
                format!("  0{nsn}\t"),
                format!("33{nsn}"),
                expected.clone(),
            ];
            for v in &variants {
                prop_assert_eq!(phone(v, FR), Some(expected.clone()), "variant {:?}", v);
            }
        }

        #[test]
        fn email_is_idempotent(raw in "\\PC{0,40}") {
            if let Some(e) = email(&raw) {
                prop_assert_eq!(email(&e), Some(e.clone()));
            }
        }

        #[test]
        fn email_case_and_space_variants_agree(
            local in "[a-zA-Zéèçà0-9._%+-]{1,20}",
            domain in "[a-zA-Z0-9-]{1,15}\\.[a-zA-Z]{2,6}",
            left in "[ \t\n\u{a0}\u{2003}]{0,3}",
            right in "[ \t\n\u{a0}\u{2003}]{0,3}",
        ) {
            let canonical = email(&format!("{local}@{domain}"));
            prop_assert!(canonical.is_some());
            let variants = [
                format!("{left}{local}@{domain}{right}"),
                format!("{}@{}", local.to_uppercase(), domain.to_uppercase()),
                format!("{left}{}@{}{right}", local.to_lowercase(), domain),
            ];
            for v in &variants {
                prop_assert_eq!(&email(v), &canonical, "variant {:?}", v);
            }
        }
    }
}
