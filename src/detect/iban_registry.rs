//! IBAN lengths and BBAN structures per country (ISO 13616 registry), from python-stdnum 2.2
//! `stdnum/iban.dat`
//! (itself generated from the SWIFT IBAN registry, `iban-registry-v101.txt`).
//!
//! Each length is 4 (country code and check digits) plus the BBAN length that the file's BBAN
//! structure gives (`5!n5!n11!c2!n` for FR: 5 + 5 + 11 + 2 = 23, so 27), checked against the
//! length of python-stdnum's valid test samples for the 66 countries that have one. The
//! file marks no country as a partial or experimental member, so all of its 89 countries
//! are here and none is flagged; territories that use another country's IBAN (French overseas
//! departments under FR, Åland under FI, …) have no entry of their own.
//! python-stdnum is LGPL-2.1-or-later (Arthur de Jong); the lengths are facts of the registry.

/// (country code, total IBAN length, BBAN structure), sorted by country code. The structure
/// is the registry's: `5!n` five digits, `4!a` four letters, `11!c` eleven letters or digits.
pub(super) const IBAN_REGISTRY: &[([u8; 2], u8, &str)] = &[
    (*b"AD", 24, "4!n4!n12!c"),          // Andorra
    (*b"AE", 23, "3!n16!n"),             // United Arab Emirates (The)
    (*b"AL", 28, "8!n16!c"),             // Albania
    (*b"AT", 20, "5!n11!n"),             // Austria
    (*b"AZ", 28, "4!a20!c"),             // Azerbaijan
    (*b"BA", 20, "3!n3!n8!n2!n"),        // Bosnia and Herzegovina
    (*b"BE", 16, "3!n7!n2!n"),           // Belgium
    (*b"BG", 22, "4!a4!n2!n8!c"),        // Bulgaria
    (*b"BH", 22, "4!a14!c"),             // Bahrain
    (*b"BI", 27, "5!n5!n11!n2!n"),       // Burundi
    (*b"BR", 29, "8!n5!n10!n1!a1!c"),    // Brazil
    (*b"BY", 28, "4!c4!n16!c"),          // Belarus
    (*b"CH", 21, "5!n12!c"),             // Switzerland
    (*b"CR", 22, "4!n14!n"),             // Costa Rica
    (*b"CY", 28, "3!n5!n16!c"),          // Cyprus
    (*b"CZ", 24, "4!n16!n"),             // Czechia
    (*b"DE", 22, "8!n10!n"),             // Germany
    (*b"DJ", 27, "5!n5!n11!n2!n"),       // Djibouti
    (*b"DK", 18, "4!n9!n1!n"),           // Denmark
    (*b"DO", 28, "4!c20!n"),             // Dominican Republic
    (*b"EE", 20, "2!n14!n"),             // Estonia
    (*b"EG", 29, "4!n4!n17!n"),          // Egypt
    (*b"ES", 24, "4!n4!n1!n1!n10!n"),    // Spain
    (*b"FI", 18, "3!n11!n"),             // Finland
    (*b"FK", 18, "2!a12!n"),             // Falkland Islands (Malvinas)
    (*b"FO", 18, "4!n9!n1!n"),           // Faroe Islands
    (*b"FR", 27, "5!n5!n11!c2!n"),       // France
    (*b"GB", 22, "4!a6!n8!n"),           // United Kingdom
    (*b"GE", 22, "2!a16!n"),             // Georgia
    (*b"GI", 23, "4!a15!c"),             // Gibraltar
    (*b"GL", 18, "4!n9!n1!n"),           // Greenland
    (*b"GR", 27, "3!n4!n16!c"),          // Greece
    (*b"GT", 28, "4!c20!c"),             // Guatemala
    (*b"HN", 28, "4!a20!n"),             // Honduras
    (*b"HR", 21, "7!n10!n"),             // Croatia
    (*b"HU", 28, "3!n4!n1!n15!n1!n"),    // Hungary
    (*b"IE", 22, "4!a6!n8!n"),           // Ireland
    (*b"IL", 23, "3!n3!n13!n"),          // Israel
    (*b"IQ", 23, "4!a3!n12!n"),          // Iraq
    (*b"IS", 26, "4!n2!n6!n10!n"),       // Iceland
    (*b"IT", 27, "1!a5!n5!n12!c"),       // Italy
    (*b"JO", 30, "4!a4!n18!c"),          // Jordan
    (*b"KW", 30, "4!a22!c"),             // Kuwait
    (*b"KZ", 20, "3!n13!c"),             // Kazakhstan
    (*b"LB", 28, "4!n20!c"),             // Lebanon
    (*b"LC", 32, "4!a24!c"),             // Saint Lucia
    (*b"LI", 21, "5!n12!c"),             // Liechtenstein
    (*b"LT", 20, "5!n11!n"),             // Lithuania
    (*b"LU", 20, "3!n13!c"),             // Luxembourg
    (*b"LV", 21, "4!a13!c"),             // Latvia
    (*b"LY", 25, "3!n3!n15!n"),          // Libya
    (*b"MC", 27, "5!n5!n11!c2!n"),       // Monaco
    (*b"MD", 24, "2!c18!c"),             // Moldova, Republic of
    (*b"ME", 22, "3!n13!n2!n"),          // Montenegro
    (*b"MK", 19, "3!n10!c2!n"),          // North Macedonia
    (*b"MN", 20, "4!n12!n"),             // Mongolia
    (*b"MR", 27, "5!n5!n11!n2!n"),       // Mauritania
    (*b"MT", 31, "4!a5!n18!c"),          // Malta
    (*b"MU", 30, "4!a2!n2!n12!n3!n3!a"), // Mauritius
    (*b"NI", 28, "4!a20!n"),             // Nicaragua
    (*b"NL", 18, "4!a10!n"),             // Netherlands (The)
    (*b"NO", 15, "4!n6!n1!n"),           // Norway
    (*b"OM", 23, "3!n16!c"),             // Oman
    (*b"PK", 24, "4!a16!c"),             // Pakistan
    (*b"PL", 28, "8!n16!n"),             // Poland
    (*b"PS", 29, "4!a21!c"),             // Palestine, State of
    (*b"PT", 25, "4!n4!n11!n2!n"),       // Portugal
    (*b"QA", 29, "4!a21!c"),             // Qatar
    (*b"RO", 24, "4!a16!c"),             // Romania
    (*b"RS", 22, "3!n13!n2!n"),          // Serbia
    (*b"RU", 33, "9!n5!n15!c"),          // Russian Federation
    (*b"SA", 24, "2!n18!c"),             // Saudi Arabia
    (*b"SC", 31, "4!a2!n2!n16!n3!a"),    // Seychelles
    (*b"SD", 18, "2!n12!n"),             // Sudan
    (*b"SE", 24, "3!n16!n1!n"),          // Sweden
    (*b"SI", 19, "5!n8!n2!n"),           // Slovenia
    (*b"SK", 24, "4!n6!n10!n"),          // Slovakia
    (*b"SM", 27, "1!a5!n5!n12!c"),       // San Marino
    (*b"SO", 23, "4!n3!n12!n"),          // Somalia
    (*b"ST", 25, "4!n4!n11!n2!n"),       // Sao Tome and Principe
    (*b"SV", 28, "4!a20!n"),             // El Salvador
    (*b"TL", 23, "3!n14!n2!n"),          // Timor-Leste
    (*b"TN", 24, "2!n3!n13!n2!n"),       // Tunisia
    (*b"TR", 26, "5!n1!n16!c"),          // Turkiye
    (*b"UA", 29, "6!n19!c"),             // Ukraine
    (*b"VA", 22, "3!n15!n"),             // Holy See
    (*b"VG", 24, "4!a16!n"),             // Virgin Islands (British)
    (*b"XK", 20, "4!n10!n2!n"),          // Kosovo
    (*b"YE", 30, "4!a4!n18!c"),          // Yemen
];

#[cfg(test)]
mod tests {
    use super::IBAN_REGISTRY;

    #[test]
    fn sorted_unique_and_known_lengths() {
        assert!(
            IBAN_REGISTRY.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted by country code, no duplicates"
        );
        let len = |cc: &[u8; 2]| {
            IBAN_REGISTRY
                .iter()
                .find(|(c, _, _)| c == cc)
                .map(|&(_, n, _)| n)
        };
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
        // Every structure adds up to the length (4 for the country and check digits).
        for (cc, n, structure) in IBAN_REGISTRY {
            let bban: usize = structure
                .split(|c: char| c.is_ascii_alphabetic())
                .filter_map(|g| g.strip_suffix('!'))
                .map(|g| g.parse::<usize>().unwrap())
                .sum();
            assert_eq!(bban + 4, usize::from(*n), "{}", String::from_utf8_lossy(cc));
        }
    }
}
