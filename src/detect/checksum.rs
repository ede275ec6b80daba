//! Checksums of the identifiers S1 and S3 forbid: NIR key, Luhn with known issuer prefixes, IBAN
//! mod-97 with the country's registered length.
//!
//! A checksum alone lets one random number in ten (Luhn) or in ninety-seven (mod-97) through, and
//! lead messages are full of order, invoice and tracking numbers. Each check therefore also asks
//! for the structure the identifier really has (a card issuer's prefix, the IBAN length that
//! ISO 13616 registers for the country), so that redaction stays rare and meaningful.

use super::iban_registry::IBAN_REGISTRY;

/// Significant characters of a NIR: 13 (sex, year, month, department, commune, order) + 2 (key).
pub(super) const NIR_LEN: usize = 15;
/// Longest payment-card number (ISO/IEC 7812).
pub(super) const CARD_MAX: usize = 19;
/// Shortest payment-card number considered (S1).
pub(super) const CARD_MIN: usize = 13;
/// Longest IBAN of the registry (ISO 13616 allows 34).
pub(super) const IBAN_MAX: usize = 34;

/// Whether `s` is a valid French social-security number (NIR, S1).
///
/// `s` must have exactly 15 characters once spaces, dots and dashes are removed: sex (1 or 2;
/// also 3, 4, 7, 8, which INSEE uses for provisional registrations), year (2 digits), month
/// (01–12, or 20–42 and 50–99, used for unknown months), department
/// (2 digits, or `2A`/`2B` for Corsica), commune (3 digits), order (3 digits), key (2 digits).
/// The key must equal `97 − (first 13 digits mod 97)`, with `2A` counted as `19` and `2B` as `18`.
pub fn nir_valid(s: &str) -> bool {
    compact::<NIR_LEN>(s).is_some_and(|(c, n)| n == NIR_LEN && nir_valid_chars(&c))
}

/// The characters of `s` without spaces, dots and dashes, upper-cased, and how many there are;
/// `None` when there are more than `N`.
fn compact<const N: usize>(s: &str) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0usize;
    for &b in s.as_bytes() {
        if matches!(b, b' ' | b'.' | b'-') {
            continue;
        }
        *out.get_mut(n)? = b.to_ascii_uppercase();
        n += 1;
    }
    Some((out, n))
}

/// NIR check on exactly 15 significant characters (see [`nir_valid`]).
pub(super) fn nir_valid_chars(c: &[u8]) -> bool {
    if c.len() != NIR_LEN || !matches!(c[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    // Department: two digits, or 2A / 2B which count as 19 / 18 in the key computation.
    let department: u64 = match (c[5], c[6].to_ascii_uppercase()) {
        (b'2', b'A') => 19,
        (b'2', b'B') => 18,
        (d1, d2) if d1.is_ascii_digit() && d2.is_ascii_digit() => {
            u64::from(d1 - b'0') * 10 + u64::from(d2 - b'0')
        }
        _ => return false,
    };
    let rest_digits = c[1..5].iter().chain(&c[7..]);
    if !rest_digits.clone().all(u8::is_ascii_digit) {
        return false;
    }
    // Month of birth: 01 – 12, or the codes given when the civil record lacks it (sources
    // name 20, 20 – 30, 30 – 42 and 50 and up: all of 20 – 42 and 50 – 99 are taken); 00,
    // 13 – 19 and 43 – 49 are never issued, whatever the key says.
    let month = (c[3] - b'0') * 10 + (c[4] - b'0');
    if !matches!(month, 1..=12 | 20..=42 | 50..=99) {
        return false;
    }
    let digits = |range: &[u8]| {
        range
            .iter()
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'))
    };
    // number13 = c[0..5] · 10^8 + department · 10^6 + c[7..13]
    let number = (digits(&c[0..5]) * 100 + department) * 1_000_000 + digits(&c[7..13]);
    let key = digits(&c[13..15]);
    key == 97 - number % 97
}

/// Whether `digits` is a payment-card number (S1): only ASCII digits, 13 to 19 of them, a known
/// issuer prefix and a valid Luhn check digit. Callers remove spaces and dashes first.
pub fn luhn_valid(digits: &str) -> bool {
    let d = digits.as_bytes();
    (CARD_MIN..=CARD_MAX).contains(&d.len())
        && d.iter().all(u8::is_ascii_digit)
        && card_issuer_known(d)
        && luhn_digits(d)
}

/// Whether the number starts with the issuer identification prefix of a card network that
/// issues cards people pay with, and has a length that network issues (ISO/IEC 7812 IIN ranges
/// of Visa, Mastercard, American Express, Discover, Diners, JCB, UnionPay, Maestro, Mir, RuPay,
/// Troy, Verve, Dankort, and UATP's 15-digit airline cards). Numbers starting with 0 or 7, or
/// with a known prefix and another length, are never cards: they are the order, account and
/// company numbers that make up most long digit runs in lead messages (a 14-digit SIRET starting
/// with 81 passes Luhn, as every SIRET does, but UnionPay issues 16 to 19 digits).
pub(super) fn card_issuer_known(d: &[u8]) -> bool {
    let prefix = |n: usize| {
        d.iter()
            .take(n)
            .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'))
    };
    let len = d.len();
    let long = (16..=19).contains(&len);
    match d.first() {
        // UATP (airline cards): always 15 digits.
        Some(b'1') => len == 15,
        // Visa: 13 (old cards), 16 or 19.
        Some(b'4') => matches!(len, 13 | 16 | 19),
        // Mir 2200–2204 (16 – 19), Mastercard 2221–2720 (16).
        Some(b'2') => match prefix(4) {
            2200..=2204 => long,
            2221..=2720 => len == 16,
            _ => false,
        },
        // Amex 34/37 (15), JCB 3528–3589 (16 – 19), Diners 300–305/309/36/38/39 (14 – 19).
        Some(b'3') => match prefix(2) {
            34 | 37 => len == 15,
            35 => matches!(prefix(4), 3528..=3589) && long,
            30 => matches!(prefix(3), 300..=305 | 309) && len >= 14,
            36 | 38 | 39 => len >= 14,
            _ => false,
        },
        // Mastercard 51–55 (16); Maestro, Verve, Dankort 50 and 56–59 (12 – 19).
        Some(b'5') => match prefix(2) {
            51..=55 => len == 16,
            _ => true,
        },
        // Discover, UnionPay, Maestro, RuPay, Verve: the whole 6 range is issued, Maestro from
        // 12 digits.
        Some(b'6') => true,
        // UnionPay / RuPay 81–82 (16 – 19).
        Some(b'8') => matches!(prefix(2), 81 | 82) && long,
        // Troy (16).
        Some(b'9') => prefix(4) == 9792 && len == 16,
        _ => false,
    }
}

/// Luhn check on ASCII digits (callers check the alphabet and length).
pub(super) fn luhn_digits(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let v = u32::from(b - b'0');
            if i % 2 == 1 {
                let v2 = v * 2;
                if v2 > 9 {
                    v2 - 9
                } else {
                    v2
                }
            } else {
                v
            }
        })
        .sum();
    sum % 10 == 0
}

/// Whether `s` is a valid IBAN (S3), written as people write it: spaces, dots or dashes
/// anywhere, either case. Valid means: a country of the ISO 13616 registry, exactly the length
/// and the BBAN structure (digits, letters) registered for it, and an ISO 7064 mod-97 of 1.
pub fn iban_valid(s: &str) -> bool {
    let Some((compact, n)) = compact::<IBAN_MAX>(s) else {
        return false;
    };
    let c = &compact[..n];
    let Some(format) = (n >= 4 && c.iter().all(u8::is_ascii_alphanumeric))
        .then(|| iban_format(c[0], c[1]))
        .flatten()
    else {
        return false;
    };
    let r = c[4..].iter().fold(0, |r, &b| mod97_push(r, b));
    format.len == n
        && c[2..4].iter().all(u8::is_ascii_digit)
        && c[4..].iter().enumerate().all(|(i, &b)| format.allows(i, b))
        && iban_finish(r, &c[..4]) == 1
}

/// What the registry says of a country's IBANs.
#[derive(Debug, Clone, Copy)]
pub(super) struct IbanFormat {
    /// Total length, country code and check digits included.
    pub len: usize,
    /// BBAN structure: `5!n` five digits, `4!a` four letters, `11!c` letters or digits.
    structure: &'static str,
}

impl IbanFormat {
    /// Whether the character `b` may stand at position `i` of the BBAN (letters in either case:
    /// people type them so).
    pub(super) fn allows(&self, i: usize, b: u8) -> bool {
        let mut at = 0usize;
        let mut count = 0usize;
        for c in self.structure.bytes() {
            match c {
                b'0'..=b'9' => count = count * 10 + usize::from(c - b'0'),
                b'!' => {}
                class => {
                    if i < at + count {
                        return match class {
                            b'n' => b.is_ascii_digit(),
                            b'a' => b.is_ascii_alphabetic(),
                            _ => b.is_ascii_alphanumeric(),
                        };
                    }
                    at += count;
                    count = 0;
                }
            }
        }
        false
    }
}

/// The registry entry of a country (letters in either case), if it is in the registry.
pub(super) fn iban_format(a: u8, b: u8) -> Option<IbanFormat> {
    let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    IBAN_REGISTRY
        .binary_search_by(|(c, _, _)| c.cmp(&code))
        .ok()
        .map(|i| IbanFormat {
            len: usize::from(IBAN_REGISTRY[i].1),
            structure: IBAN_REGISTRY[i].2,
        })
}

/// Appends one IBAN character to a running mod-97 remainder (letters count as 10..=35, i.e.
/// two decimal digits).
pub(super) fn mod97_push(r: u32, b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (r * 10 + u32::from(b - b'0')) % 97,
        b'A'..=b'Z' => (r * 100 + u32::from(b - b'A') + 10) % 97,
        b'a'..=b'z' => (r * 100 + u32::from(b - b'a') + 10) % 97,
        // Callers only pass alphanumerics; anything else makes the check fail.
        _ => 98,
    }
}

/// Completes the mod-97 with the country code and check digits, which ISO 13616 moves to the
/// end of the number.
pub(super) fn iban_finish(r: u32, head: &[u8]) -> u32 {
    head.iter().fold(r, |r, &b| mod97_push(r, b))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn nir_vectors() {
        assert!(nir_valid("184011361725217"));
        assert!(nir_valid("2 70 12 69 765 674 81"));
        assert!(nir_valid("2.70.12.69.765.674.81"));
        assert!(nir_valid("2-70-12-69-765-674-81"));
        assert!(nir_valid("2 62 08 69 099 888 96"));
        assert!(!nir_valid("1 55 12 59 146 946 35"));
        assert!(!nir_valid("1 41 01 59 904 809 58"));
        // Structure: sex digit, length, alphabet.
        assert!(!nir_valid("584011361725217"));
        assert!(!nir_valid("18401136172521"));
        assert!(!nir_valid("1840113617252170"));
        assert!(!nir_valid("18401136172521x"));
        assert!(!nir_valid(""));
        // Months: 01 – 12 and the codes for an unknown month; never 00, 13 – 19 or 43 – 49,
        // even with the right key.
        for (month, valid) in [
            ("01", true),
            ("12", true),
            ("20", true),
            ("35", true),
            ("42", true),
            ("50", true),
            ("99", true),
            ("00", false),
            ("13", false),
            ("15", false),
            ("19", false),
            ("21", true),
            ("43", false),
            ("49", false),
        ] {
            let nir = with_key(&format!("284{month}59271033"));
            assert_eq!(nir_valid(&nir), valid, "{nir}");
        }
    }

    /// Builds a NIR with a correct key from its 13 first characters (2A/2B allowed).
    pub(crate) fn with_key(first13: &str) -> String {
        let numeric: String = first13.replace("2A", "19").replace("2B", "18");
        let n: u64 = numeric.parse().expect("13 digits");
        format!("{first13}{:02}", 97 - n % 97)
    }

    #[test]
    fn nir_corsica() {
        let a = with_key("184012A004512");
        assert!(nir_valid(&a), "{a}");
        assert!(nir_valid(&a.to_lowercase()));
        let b = with_key("285022B123456");
        assert!(nir_valid(&b), "{b}");
        // 2B counts as 18 (not 20) in the key: the key computed as if it were 20 is wrong,
        // and the same digits with department 18 (Cher) share the key.
        let as_twenty = with_key("2850220123456");
        assert!(!nir_valid(&format!("285022B123456{}", &as_twenty[13..])));
        assert!(nir_valid(&b.replace("2B", "18")));
        assert!(!nir_valid(&a.replace("2A", "2C")));
        // Letters anywhere else are rejected.
        assert!(!nir_valid(&a.replace("2A", "A2")));
    }

    fn compact(s: &str) -> String {
        s.chars().filter(|c| !matches!(c, ' ' | '-')).collect()
    }

    #[test]
    fn luhn_vectors() {
        for v in [
            "4037 5196 6407 3531",
            "4606 1583 5174 9847",
            "4246141627437328",
            "5555 5555 5555 4444",
            "3782 822463 10005",
            "6011-1111-1111-1117",
            "3056 9309 0259 04",
        ] {
            assert!(luhn_valid(&compact(v)), "{v}");
        }
        for v in ["4340 5477 3038 7950", "4320 9756 6342 0330"] {
            assert!(!luhn_valid(&compact(v)), "{v}");
        }
        assert!(!luhn_valid("4037 5196 6407 3531"), "spaces are not digits");
        assert!(!luhn_valid("400000000002"), "12 digits is too short");
        assert!(!luhn_valid("40000000000000000006"), "20 digits is too long");
        // Luhn-valid, but no card network issues numbers starting with 0, 1 or 7.
        assert!(luhn_digits(b"0000000000000"));
        assert!(!luhn_valid("0000000000000"));
        assert!(luhn_digits(b"1000000000009"));
        assert!(!luhn_valid("1000000000009"));
        assert!(luhn_valid("122000000000003"), "UATP, 15 digits");
        assert!(luhn_digits(b"7000000000003"));
        assert!(!luhn_valid("7000000000003"));
    }

    #[test]
    fn issuer_prefixes() {
        let padded = |prefix: &str, len: usize| format!("{prefix:0<len$}");
        for (known, len) in [
            ("4", 13),
            ("4", 16),
            ("4", 19),
            ("2200", 16),
            ("2221", 16),
            ("2720", 16),
            ("34", 15),
            ("37", 15),
            ("300", 14),
            ("305", 14),
            ("309", 16),
            ("36", 14),
            ("38", 14),
            ("3528", 16),
            ("3589", 19),
            ("50", 13),
            ("51", 16),
            ("55", 16),
            ("56", 13),
            ("6011", 16),
            ("62", 19),
            ("65", 16),
            ("81", 16),
            ("82", 19),
            ("9792", 16),
        ] {
            assert!(
                card_issuer_known(padded(known, len).as_bytes()),
                "{known} {len}"
            );
        }
        for (unknown, len) in [
            ("0", 16),
            ("1", 16),
            ("7", 16),
            ("2100", 16),
            ("2205", 16),
            ("2721", 16),
            ("31", 16),
            ("33", 16),
            ("306", 16),
            ("3527", 16),
            ("80", 16),
            ("9791", 16),
            // Known prefixes, lengths their networks never issue.
            ("4", 14),
            ("4", 15),
            ("51", 13),
            ("55", 19),
            ("2221", 15),
            ("34", 16),
            ("37", 14),
            ("3528", 15),
            ("81", 14),
            ("9792", 15),
        ] {
            assert!(
                !card_issuer_known(padded(unknown, len).as_bytes()),
                "{unknown} {len}"
            );
        }
    }

    #[test]
    fn iban_vectors() {
        for v in [
            "FR84 7117 5683 8140 0453 6591 271",
            "FR81 8529 3944 3983 7643 5042 057",
            "FR8375612535268751648434831",
            "fr8375612535268751648434831",
            "GB82 WEST 1234 5698 7654 32",
            "DE89 3704 0044 0532 0130 00",
            "FR84-7117-5683-8140-0453-6591-271",
            "ES 58 0049 0290 3424 1352 8341",
            "NO 44 1850.05.14562",
        ] {
            assert!(iban_valid(v), "{v}");
        }
        for v in [
            "FR85 4839 1575 3273 4274 2936 757",
            "FR81 3004 2322 2013 7707 0373 141",
            "FR84",
            "8484 7117 5683 8140 0453 6591 271",
            "FR84/7117/5683/8140/0453/6591/271",
            "",
        ] {
            assert!(!iban_valid(v), "{v}");
        }
    }

    /// Recomputes the check digits of `country` + `bban` so that mod-97 holds.
    pub(crate) fn with_check(country: &str, bban: &str) -> String {
        let r = bban.bytes().fold(0, mod97_push);
        let head = format!("{country}00");
        let check = 98 - iban_finish(r, head.as_bytes());
        format!("{country}{check:02}{bban}")
    }

    #[test]
    fn iban_length_must_be_the_registered_one() {
        // A German BBAN is 18 characters: 17 or 19 fail even with mod-97 holding.
        let ok = with_check("DE", "370400440532013000");
        assert!(iban_valid(&ok), "{ok}");
        let short = with_check("DE", "37040044053201300");
        let long = with_check("DE", "3704004405320130001");
        for wrong in [&short, &long] {
            let r = wrong[4..].bytes().fold(0, mod97_push);
            assert_eq!(iban_finish(r, &wrong.as_bytes()[..4]), 1, "mod-97 holds");
            assert!(!iban_valid(wrong), "{wrong}");
        }
        // A country outside the registry is no IBAN.
        let unknown = with_check("ZZ", "370400440532013000");
        assert!(!iban_valid(&unknown));
        assert_eq!(iban_format(b'f', b'r').map(|f| f.len), Some(27));
        assert!(iban_format(b'Z', b'Z').is_none());
        // The BBAN structure is checked: a letter where France has digits fails.
        let letter = with_check("FR", "3000600001123456789018A");
        assert!(!iban_valid(&letter), "{letter}");
        let fr = iban_format(b'F', b'R').expect("FR");
        assert!(fr.allows(0, b'3') && !fr.allows(0, b'A'));
        assert!(fr.allows(10, b'A') && fr.allows(20, b'a'));
        assert!(!fr.allows(21, b'A') && !fr.allows(23, b'0'));
    }
}
