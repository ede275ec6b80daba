//! Phone numbers spelled out in words, as people read them aloud or write them to dodge robots:
//! `zéro six, quarante-deux, dix-huit, soixante-treize, zéro neuf`, `oh seven seven double oh,
//! nine double oh, three eight two`. The writer still hands over a number, so a destination that
//! must not have one must not get it spelled out either (S3).
//!
//! A number is read from a word for zero (`zéro`, `zero`, `oh`): French and British numbers
//! start with their trunk zero, and a run of number words that starts elsewhere is a quantity
//! far more often than a phone. The words are turned into digits as they are said (French
//! groups of two, `quatre-vingt-huit` = 88; English digits, `double`/`triple`, `hundred` = 00),
//! and the digits must make a national number: ten digits after the zero, or eleven (UK).
//!
//! The search is linear: the bytes that may start a zero word are found by `memchr`, and a
//! candidate reads its words once.

use super::identifiers::Found;
use crate::category::Category;

/// What a number word says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 0 – 9, said as one digit.
    Unit(u8),
    /// French `quatre`: a 4, or the start of `quatre-vingt` (80).
    Quatre,
    /// 10 – 19, French `dix` – `seize` and English teens.
    Teen(u8),
    /// 20, 30 … 90.
    Tens(u8),
    /// `hundred`: the unit before it, then two zeros.
    Hundred,
    /// `double` / `triple`: the next digit two or three times.
    Repeat(u8),
    /// `et` of `soixante et onze`, `vingt et un`.
    And,
}

/// The number words of both languages, folded to ASCII lower case (accents removed).
const WORDS: [(&str, Word); 55] = [
    ("zero", Word::Unit(0)),
    ("oh", Word::Unit(0)),
    ("un", Word::Unit(1)),
    ("une", Word::Unit(1)),
    ("deux", Word::Unit(2)),
    ("trois", Word::Unit(3)),
    ("quatre", Word::Quatre),
    ("cinq", Word::Unit(5)),
    ("six", Word::Unit(6)),
    ("sept", Word::Unit(7)),
    ("huit", Word::Unit(8)),
    ("neuf", Word::Unit(9)),
    ("dix", Word::Teen(10)),
    ("onze", Word::Teen(11)),
    ("douze", Word::Teen(12)),
    ("treize", Word::Teen(13)),
    ("quatorze", Word::Teen(14)),
    ("quinze", Word::Teen(15)),
    ("seize", Word::Teen(16)),
    ("vingt", Word::Tens(20)),
    ("vingts", Word::Tens(20)),
    ("trente", Word::Tens(30)),
    ("quarante", Word::Tens(40)),
    ("cinquante", Word::Tens(50)),
    ("soixante", Word::Tens(60)),
    ("et", Word::And),
    ("one", Word::Unit(1)),
    ("two", Word::Unit(2)),
    ("three", Word::Unit(3)),
    ("four", Word::Unit(4)),
    ("five", Word::Unit(5)),
    ("seven", Word::Unit(7)),
    ("eight", Word::Unit(8)),
    ("nine", Word::Unit(9)),
    ("ten", Word::Teen(10)),
    ("eleven", Word::Teen(11)),
    ("twelve", Word::Teen(12)),
    ("thirteen", Word::Teen(13)),
    ("fourteen", Word::Teen(14)),
    ("fifteen", Word::Teen(15)),
    ("sixteen", Word::Teen(16)),
    ("seventeen", Word::Teen(17)),
    ("eighteen", Word::Teen(18)),
    ("nineteen", Word::Teen(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("double", Word::Repeat(2)),
    ("triple", Word::Repeat(3)),
];

/// Most words read for one number (a phone said in single digits with repeats is about 12).
const MAX_WORDS: usize = 24;

/// The number word at `at` (folded), and where it ends.
fn word_at(text: &str, at: usize) -> Option<(Word, usize)> {
    let mut buf = [0u8; 10];
    let mut len = 0;
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        let f = match c {
            'a'..='z' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            'é' | 'É' | 'è' => 'e',
            // A longer word that starts like a number word (`oho`, `sixième`).
            _ if c.is_alphanumeric() => return None,
            _ => break,
        };
        if len == buf.len() {
            return None;
        }
        buf[len] = f as u8;
        len += 1;
        end = at + i + c.len_utf8();
    }
    let folded = std::str::from_utf8(&buf[..len]).ok()?;
    let (_, word) = WORDS.iter().find(|(w, _)| *w == folded)?;
    Some((*word, end))
}

/// Skips what may stand between two number words: spaces, commas, hyphens, dots, slashes.
fn skip_between(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|b| matches!(b, b' ' | b',' | b'-' | b'.' | b'/'))
    {
        i += 1;
    }
    i
}

/// The digits said by the words from `start` (a zero word), and the end of the last word read.
fn read(text: &str, start: usize) -> (Vec<u8>, usize) {
    let bytes = text.as_bytes();
    let mut digits = Vec::with_capacity(16);
    // A number being said (`quatre` of `quatre-vingt`, `soixante` of `soixante-treize`).
    let mut open: Option<u8> = None;
    let mut repeat = 1u8;
    // Whether the last word said one digit (`nine` before `hundred`).
    let mut after_unit = false;
    let mut end = start;
    let mut i = start;
    let flush = |open: &mut Option<u8>, digits: &mut Vec<u8>| {
        if let Some(n) = open.take() {
            if n >= 10 {
                digits.push(b'0' + n / 10);
            }
            digits.push(b'0' + n % 10);
        }
    };
    for _ in 0..MAX_WORDS {
        let Some((word, word_end)) = word_at(text, i) else {
            break;
        };
        let unit = match word {
            Word::Unit(u) => Some(u),
            Word::Quatre => Some(4),
            _ => None,
        };
        match word {
            Word::Unit(_) | Word::Quatre => {
                let u = unit.unwrap_or(0);
                match open {
                    // `vingt-deux`, `soixante-dix-sept`, `forty two`, `dix-huit`; a zero
                    // never ends a number of two digits (`soixante-dix, zéro trois`).
                    Some(t) if u != 0 && (t == 10 || t >= 20 && t % 10 == 0) => {
                        open = Some(t + u);
                        flush(&mut open, &mut digits);
                    }
                    // Maybe `quatre-vingt`: kept open.
                    _ if word == Word::Quatre => {
                        flush(&mut open, &mut digits);
                        open = Some(4);
                    }
                    _ => {
                        flush(&mut open, &mut digits);
                        digits.resize(digits.len() + usize::from(repeat), b'0' + u);
                        repeat = 1;
                    }
                }
            }
            Word::Teen(n) => match open {
                // `soixante-dix`, `quatre-vingt-douze`, `soixante et onze`.
                Some(t @ (60 | 80)) => open = Some(t + n),
                _ => {
                    flush(&mut open, &mut digits);
                    open = Some(n);
                }
            },
            Word::Tens(t) => match open {
                Some(4) if t == 20 => open = Some(80),
                _ => {
                    flush(&mut open, &mut digits);
                    open = Some(t);
                }
            },
            Word::Hundred if after_unit => {
                flush(&mut open, &mut digits);
                digits.extend_from_slice(b"00");
            }
            Word::Hundred => break,
            Word::Repeat(n) => {
                flush(&mut open, &mut digits);
                repeat = n;
            }
            Word::And => {}
        }
        after_unit = unit.is_some();
        if word != Word::And {
            end = word_end;
        }
        i = skip_between(bytes, word_end);
    }
    flush(&mut open, &mut digits);
    (digits, end)
}

/// Whether the digits make a national number: a trunk zero, then nine digits (France,
/// Belgium's mobiles, Switzerland) or ten (the United Kingdom).
fn national(digits: &[u8]) -> bool {
    digits.first() == Some(&b'0')
        && digits.get(1) != Some(&b'0')
        && (10..=11).contains(&digits.len())
}

/// The first phone number spelled in words in `text[from..limit]` (it may end after `limit`).
pub(super) fn find(text: &str, from: usize, limit: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let haystack = bytes.get(from..limit)?;
    // A zero word starts with `z` or `o`, either case: the first such number in each of the
    // two searches, the earlier of them.
    let first = |positions: &mut dyn Iterator<Item = usize>| {
        positions.map(|p| from + p).find_map(|at| {
            // `oh`, `zero`, `zéro`: the next byte first, the cheapest test.
            let next = bytes.get(at + 1).map_or(0, |b| b | 0x20);
            let zero = matches!(next, b'h' | b'e' | 0xE3)
                && !super::identifiers::alnum_before(text, at)
                && matches!(word_at(text, at), Some((Word::Unit(0), _)));
            let (digits, end) = zero.then(|| read(text, at))?;
            national(&digits).then_some(Found {
                start: at,
                end,
                category: Category::Phone,
            })
        })
    };
    let lower = first(&mut memchr::memchr2_iter(b'z', b'o', haystack));
    let limit = lower.map_or(haystack.len(), |f| f.start - from);
    let upper = first(&mut memchr::memchr2_iter(b'Z', b'O', &haystack[..limit]));
    upper.or(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits of the first number found, and the text it covers.
    fn first(text: &str) -> Option<(String, &str)> {
        let f = find(text, 0, text.len())?;
        let (digits, _) = read(text, f.start);
        Some((String::from_utf8(digits).unwrap(), &text[f.start..f.end]))
    }

    #[test]
    fn french_numbers_in_groups_of_two() {
        for (text, digits) in [
            (
                "Tel : zéro six, quarante-deux, dix-huit, soixante-treize, zéro neuf. Merci",
                "0642187309",
            ),
            (
                "au ZERO SEPT quatre-vingt-dix-sept soixante et onze vingt et un douze",
                "0797712112",
            ),
            (
                "zéro un, quatre-vingt-huit, trente, quatorze, seize",
                "0188301416",
            ),
            // A zero after a number of two digits starts the next group.
            (
                "zero six, quarante deux, dix huit, soixante dix, zero trois",
                "0642187003",
            ),
        ] {
            let (got, covered) = first(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got, digits, "{text}");
            assert!(covered.to_lowercase().starts_with("zero") || covered.starts_with("zéro"));
        }
    }

    #[test]
    fn english_digits_with_repeats_and_hundreds() {
        for (text, digits) in [
            (
                "Number's oh seven seven double oh, nine double oh, three eight two.",
                "07700900382",
            ),
            (
                "my number is oh seven seven double oh, nine hundred, three one two",
                "07700900312",
            ),
            (
                "ring me on oh-seven-seven-double-oh, nine-double-oh, five-six-two",
                "07700900562",
            ),
            (
                "Zero two zero, seven nine four six, triple oh one",
                "02079460001",
            ),
            // `four twenty` is 4 and 20 in English (`quatre-vingt` is 80 in French only).
            (
                "oh two oh, four twenty, triple five, one two",
                "02042055512",
            ),
        ] {
            assert_eq!(first(text).map(|f| f.0).as_deref(), Some(digits), "{text}");
        }
        // The covered text ends with the last number word, not the punctuation after it.
        assert_eq!(
            first("call oh seven seven double oh nine double oh three eight two, thanks")
                .unwrap()
                .1,
            "oh seven seven double oh nine double oh three eight two"
        );
    }

    #[test]
    fn quantities_and_short_runs_are_no_phone() {
        for text in [
            "Oh, and zero stress: two or three days is fine, twenty-four hours max.",
            "zéro problème, on peut livrer deux ou trois cartons",
            "zero to sixty in five seconds",
            "un, deux, trois, soleil",
            "zéro six",
            "oh seven seven double oh nine",
            "ozone zoo oho zéroième",
            // Eleven digits from a trunk zero is a British number only; twelve is too many.
            "zéro six, quarante-deux, dix-huit, soixante-treize, zéro neuf, douze",
        ] {
            assert_eq!(first(text), None, "{text}");
        }
    }

    #[test]
    fn the_earlier_of_lower_and_upper_case_starts_is_found() {
        let text = "ZERO six 42 18 73 09 no; call Oh seven seven double oh nine double oh three eight two or zéro six quarante-deux dix-huit soixante-treize zéro neuf";
        let f = find(text, 0, text.len()).unwrap();
        assert!(text[f.start..].starts_with("Oh seven"));
        let f = find(text, f.end, text.len()).unwrap();
        assert!(text[f.start..].starts_with("zéro six"));
    }
}
