//! IBAN lengths per country (ISO 13616 registry), from python-stdnum 2.2 `stdnum/iban.dat`
//! (itself generated from the SWIFT IBAN registry, `iban-registry-v101.txt`).
//!
//! Each length is 4 (country code and check digits) plus the BBAN length that the file's BBAN
//! structure gives (`5!n5!n11!c2!n` for FR: 5 + 5 + 11 + 2 = 23, so 27), checked against the
//! length of python-stdnum's valid test samples for the 66 countries that have one. The
//! file marks no country as a partial or experimental member, so all of its 89 countries
//! are here and none is flagged; territories that use another country's IBAN (French overseas
//! departments under FR, Åland under FI, …) have no entry of their own.
//! python-stdnum is LGPL-2.1-or-later (Arthur de Jong); the lengths are facts of the registry.

/// (country code, total IBAN length), sorted by country code.
pub(super) const IBAN_LENGTHS: &[([u8; 2], u8)] = &[
    (*b"AD", 24), // Andorra: 4!n4!n12!c
    (*b"AE", 23), // United Arab Emirates (The): 3!n16!n
    (*b"AL", 28), // Albania: 8!n16!c
    (*b"AT", 20), // Austria: 5!n11!n
    (*b"AZ", 28), // Azerbaijan: 4!a20!c
    (*b"BA", 20), // Bosnia and Herzegovina: 3!n3!n8!n2!n
    (*b"BE", 16), // Belgium: 3!n7!n2!n
    (*b"BG", 22), // Bulgaria: 4!a4!n2!n8!c
    (*b"BH", 22), // Bahrain: 4!a14!c
    (*b"BI", 27), // Burundi: 5!n5!n11!n2!n
    (*b"BR", 29), // Brazil: 8!n5!n10!n1!a1!c
    (*b"BY", 28), // Belarus: 4!c4!n16!c
    (*b"CH", 21), // Switzerland: 5!n12!c
    (*b"CR", 22), // Costa Rica: 4!n14!n
    (*b"CY", 28), // Cyprus: 3!n5!n16!c
    (*b"CZ", 24), // Czechia: 4!n16!n
    (*b"DE", 22), // Germany: 8!n10!n
    (*b"DJ", 27), // Djibouti: 5!n5!n11!n2!n
    (*b"DK", 18), // Denmark: 4!n9!n1!n
    (*b"DO", 28), // Dominican Republic: 4!c20!n
    (*b"EE", 20), // Estonia: 2!n14!n
    (*b"EG", 29), // Egypt: 4!n4!n17!n
    (*b"ES", 24), // Spain: 4!n4!n1!n1!n10!n
    (*b"FI", 18), // Finland: 3!n11!n
    (*b"FK", 18), // Falkland Islands (Malvinas): 2!a12!n
    (*b"FO", 18), // Faroe Islands: 4!n9!n1!n
    (*b"FR", 27), // France: 5!n5!n11!c2!n
    (*b"GB", 22), // United Kingdom: 4!a6!n8!n
    (*b"GE", 22), // Georgia: 2!a16!n
    (*b"GI", 23), // Gibraltar: 4!a15!c
    (*b"GL", 18), // Greenland: 4!n9!n1!n
    (*b"GR", 27), // Greece: 3!n4!n16!c
    (*b"GT", 28), // Guatemala: 4!c20!c
    (*b"HN", 28), // Honduras: 4!a20!n
    (*b"HR", 21), // Croatia: 7!n10!n
    (*b"HU", 28), // Hungary: 3!n4!n1!n15!n1!n
    (*b"IE", 22), // Ireland: 4!a6!n8!n
    (*b"IL", 23), // Israel: 3!n3!n13!n
    (*b"IQ", 23), // Iraq: 4!a3!n12!n
    (*b"IS", 26), // Iceland: 4!n2!n6!n10!n
    (*b"IT", 27), // Italy: 1!a5!n5!n12!c
    (*b"JO", 30), // Jordan: 4!a4!n18!c
    (*b"KW", 30), // Kuwait: 4!a22!c
    (*b"KZ", 20), // Kazakhstan: 3!n13!c
    (*b"LB", 28), // Lebanon: 4!n20!c
    (*b"LC", 32), // Saint Lucia: 4!a24!c
    (*b"LI", 21), // Liechtenstein: 5!n12!c
    (*b"LT", 20), // Lithuania: 5!n11!n
    (*b"LU", 20), // Luxembourg: 3!n13!c
    (*b"LV", 21), // Latvia: 4!a13!c
    (*b"LY", 25), // Libya: 3!n3!n15!n
    (*b"MC", 27), // Monaco: 5!n5!n11!c2!n
    (*b"MD", 24), // Moldova, Republic of: 2!c18!c
    (*b"ME", 22), // Montenegro: 3!n13!n2!n
    (*b"MK", 19), // North Macedonia: 3!n10!c2!n
    (*b"MN", 20), // Mongolia: 4!n12!n
    (*b"MR", 27), // Mauritania: 5!n5!n11!n2!n
    (*b"MT", 31), // Malta: 4!a5!n18!c
    (*b"MU", 30), // Mauritius: 4!a2!n2!n12!n3!n3!a
    (*b"NI", 28), // Nicaragua: 4!a20!n
    (*b"NL", 18), // Netherlands (The): 4!a10!n
    (*b"NO", 15), // Norway: 4!n6!n1!n
    (*b"OM", 23), // Oman: 3!n16!c
    (*b"PK", 24), // Pakistan: 4!a16!c
    (*b"PL", 28), // Poland: 8!n16!n
    (*b"PS", 29), // Palestine, State of: 4!a21!c
    (*b"PT", 25), // Portugal: 4!n4!n11!n2!n
    (*b"QA", 29), // Qatar: 4!a21!c
    (*b"RO", 24), // Romania: 4!a16!c
    (*b"RS", 22), // Serbia: 3!n13!n2!n
    (*b"RU", 33), // Russian Federation: 9!n5!n15!c
    (*b"SA", 24), // Saudi Arabia: 2!n18!c
    (*b"SC", 31), // Seychelles: 4!a2!n2!n16!n3!a
    (*b"SD", 18), // Sudan: 2!n12!n
    (*b"SE", 24), // Sweden: 3!n16!n1!n
    (*b"SI", 19), // Slovenia: 5!n8!n2!n
    (*b"SK", 24), // Slovakia: 4!n6!n10!n
    (*b"SM", 27), // San Marino: 1!a5!n5!n12!c
    (*b"SO", 23), // Somalia: 4!n3!n12!n
    (*b"ST", 25), // Sao Tome and Principe: 4!n4!n11!n2!n
    (*b"SV", 28), // El Salvador: 4!a20!n
    (*b"TL", 23), // Timor-Leste: 3!n14!n2!n
    (*b"TN", 24), // Tunisia: 2!n3!n13!n2!n
    (*b"TR", 26), // Turkiye: 5!n1!n16!c
    (*b"UA", 29), // Ukraine: 6!n19!c
    (*b"VA", 22), // Holy See: 3!n15!n
    (*b"VG", 24), // Virgin Islands (British): 4!a16!n
    (*b"XK", 20), // Kosovo: 4!n10!n2!n
    (*b"YE", 30), // Yemen: 4!a4!n18!c
];

#[cfg(test)]
mod tests {
    use super::IBAN_LENGTHS;

    #[test]
    fn sorted_unique_and_known_lengths() {
        assert!(
            IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted by country code, no duplicates"
        );
        let len = |cc: &[u8; 2]| IBAN_LENGTHS.iter().find(|(c, _)| c == cc).map(|&(_, n)| n);
        for (cc, n) in [
            (b"FR", 27),
            (b"DE", 22),
            (b"GB", 22),
            (b"NO", 15),
            (b"MC", 27),
            (b"ES", 24),
        ] {
            assert_eq!(len(cc), Some(n), "{}", String::from_utf8_lossy(cc));
        }
    }
}
