//! Identifiers and contact details in free text (S1, S3, and the e-mail and phone findings).
//!
//! People write numbers the way they read them: `4037 5196 6407 3531`, `ES15-0049-1806-…`,
//! `NO 44 1850.05.14562`, `06.12.34.56.78`. The finder reads digits and letters across single
//! separators (space, dot, dash, no-break space) and then asks each checksum whether the run is
//! really an identifier. Candidates must stand alone (no letter or digit glued before or after),
//! so that `CMD4037…` or the tail of a longer number is never carved out and tested.
//!
//! Every search is linear in the text: a run is read once and skipped whole, an IBAN candidate
//! reads at most 34 characters, and an e-mail address is expanded around its `@` without going
//! back past the previous one.

use super::checksum::{
    card_issuer_known, iban_finish, iban_format, luhn_digits, mod97_push, nir_valid_chars,
    CARD_MAX, CARD_MIN, NIR_LEN,
};
use super::fold;
use crate::category::Category;
use crate::normalize;

/// An identifier or contact found in text: byte range and category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub category: Category,
}

/// Length in bytes of the separator at `i` that may stand inside a written number: a space,
/// dot, dash, slash, underscore (copied from a form that showed its fields so), or the no-break
/// spaces of French typography (U+00A0, U+202F).
pub(super) fn separator_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b' ' | b'.' | b'-' | b'/' | b'_' => Some(1),
        0xC2 if bytes.get(i + 1) == Some(&0xA0) => Some(2),
        0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xAF) => Some(3),
        _ => None,
    }
}

/// Labels people glue to the number they name (`NIR199113155509897`, `N°CB4971…`, `tel0612…`):
/// the digits after one are a candidate, unlike those of a code glued to letters (`AA1 01 2345`).
const GLUED_LABELS: [&str; 10] = [
    "nir", "secu", "ss", "cb", "visa", "card", "carte", "tel", "gsm", "mob",
];

/// Whether the letters right before byte `at` are a whole word that is a [`GLUED_LABELS`] label.
fn label_before(bytes: &[u8], at: usize) -> bool {
    let start = bytes[..at]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let word = &bytes[start..at];
    !(start > 0 && bytes[start - 1].is_ascii_digit())
        && GLUED_LABELS
            .iter()
            .any(|l| word.eq_ignore_ascii_case(l.as_bytes()))
}

/// Words that name a reference, not a phone: a number written right after one (`Gas meter no.
/// 0522-1887-641`, `bag tag 0125 448812`, `commande n° 0612…`) is that reference. Phone numbers
/// have no check digit to tell them apart, so this is read for phones only.
const REFERENCE_WORDS: [&str; 37] = [
    "ref",
    "réf",
    "reference",
    "référence",
    "meter",
    "compteur",
    "order",
    "commande",
    "invoice",
    "facture",
    "contract",
    "contrat",
    "dossier",
    "policy",
    "ticket",
    "tracking",
    "suivi",
    "colis",
    "parcel",
    "serial",
    "série",
    "siret",
    "siren",
    "pdl",
    "pce",
    "tag",
    "booking",
    "réservation",
    "licence",
    "imei",
    // Belgium's company number (`BCE 0852.231.013`), ten digits from a zero.
    "bce",
    "kbo",
    // Member and customer numbers.
    "adhérent",
    "adhérente",
    "client",
    "customer",
    "membership",
];

/// Number words between a label and its number (`n°`, `no.`, `#`), and what French puts
/// after a meter's label (`compteur d'eau n° …`), skipped to find the label.
const NUMBER_WORDS: [&str; 11] = [
    "n", "no", "nr", "num", "number", "numéro", "d", "de", "du", "eau", "gaz",
];

/// Whether the number starting at byte `at` is a reference: glued by a hyphen to a code
/// (`LDN-0207-946-02`) or written after a [`REFERENCE_WORDS`] label.
fn reference_before(text: &str, at: usize) -> bool {
    let head = &text[..at];
    if head.ends_with('-') && alnum_before(text, at - 1) {
        return true;
    }
    let mut rest = head;
    for _ in 0..4 {
        let trimmed = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
        if trimmed.ends_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(trimmed.len(), |(i, _)| i);
        let word = trimmed[start..].to_lowercase();
        if REFERENCE_WORDS.contains(&word.as_str()) {
            return true;
        }
        if !NUMBER_WORDS.contains(&word.as_str()) {
            return false;
        }
        rest = &trimmed[..start];
    }
    false
}

/// Whether `bytes[start..end]` is the number of a postal item (UPU S10: two capital letters,
/// nine digits, the two-letter country: `RR 123 456 789 FR`), which a parcel's tracking number
/// is, and not a phone in Belgium's nine-digit shape.
fn postal_item(bytes: &[u8], start: usize, end: usize) -> bool {
    let capitals = |pair: Option<&[u8]>| pair.is_some_and(|p| p.iter().all(u8::is_ascii_uppercase));
    let head = start - usize::from(start > 0 && bytes[start - 1] == b' ');
    let tail = end + usize::from(bytes.get(end) == Some(&b' '));
    let nine = bytes[start..end]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .count()
        == 9;
    nine && head >= 2
        && capitals(bytes.get(head - 2..head))
        && (head == 2 || !bytes[head - 3].is_ascii_alphanumeric())
        && capitals(bytes.get(tail..tail + 2))
        && !bytes.get(tail + 2).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether the character starting at byte `at` (if any) is alphanumeric.
pub(super) fn alnum_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Whether the character ending at byte `at` (if any) is alphanumeric.
pub(super) fn alnum_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| text.as_bytes().get(p)) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text
            .get(..at)
            .and_then(|head| head.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
}

/// A maximal run of digits separated by single separators.
struct Run {
    end: usize,
    /// Significant characters (digits, and the `A`/`B` of a Corsican department), first 19.
    chars: [u8; CARD_MAX],
    /// Number of significant characters (may exceed 19: the run is then no candidate).
    count: usize,
    has_letter: bool,
}

/// Reads the run starting at `start` (an ASCII digit).
fn read_run(bytes: &[u8], start: usize) -> Run {
    let mut run = Run {
        end: start,
        chars: [0; CARD_MAX],
        count: 0,
        has_letter: false,
    };
    let mut i = start;
    let push = |run: &mut Run, b: u8| {
        if run.count < CARD_MAX {
            run.chars[run.count] = b;
        }
        run.count += 1;
    };
    loop {
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_digit() {
                push(&mut run, b);
            } else if matches!(b, b'A' | b'B' | b'a' | b'b')
                // The A/B of 2A/2B, right after the `2` that is the NIR's 6th character.
                && run.count == 6
                && i > start
                && bytes[i - 1] == b'2'
            {
                push(&mut run, b.to_ascii_uppercase());
                run.has_letter = true;
            } else {
                break;
            }
            i += 1;
        }
        match number_joint_len(bytes, i) {
            Some(n) => i += n,
            None => break,
        }
    }
    run.end = i;
    run
}

/// The length of what joins two parts of one number at byte `i`, as [`read_run`] reads it: a
/// single separator before a digit, or a spaced dash or a [`CARD_JOINTS`] joint, only between
/// two groups of four as cards are printed (a date or a phone number after a dash stays apart:
/// `… 7893 - 06/27`).
pub(super) fn number_joint_len(bytes: &[u8], i: usize) -> Option<usize> {
    match separator_len(bytes, i) {
        Some(n) if bytes.get(i + n).is_some_and(u8::is_ascii_digit) => Some(n),
        _ => fold::spaced_dash_len(bytes, i)
            .or_else(|| joint_len(bytes, i, &CARD_JOINTS))
            .filter(|&n| group_of_four_ends(bytes, i) && group_of_four_starts(bytes, i + n)),
    }
}

/// The longest joint [`number_joint_len`] reads (`", puis "`; a spaced dash is at most five
/// bytes).
pub(super) const NUMBER_JOINT_MAX: usize = 7;

const _: () = {
    let mut i = 0;
    while i < CARD_JOINTS.len() {
        assert!(CARD_JOINTS[i].len() <= NUMBER_JOINT_MAX);
        i += 1;
    }
};

/// What people put between two groups of four of a card number besides a spaced dash: two
/// spaces, as when copied from a printed card (`6567  6670 …`), or a word between the halves
/// they dictate (`4532 1160 then 5139 0121`, `4532 5359 puis 0406 5525`). The whole must still
/// pass Luhn with an issuer's prefix.
const CARD_JOINTS: [&[u8]; 5] = [b"  ", b" then ", b", then ", b" puis ", b", puis "];

/// A slash between spaces, as people type a line break or a field boundary in a one-line box
/// (`FR76 / 33701 / 13210 / …`).
const IBAN_JOINTS: [&[u8]; 1] = [b" / "];

/// The length of the first of `joints` written at byte `i`, in any case.
fn joint_len(bytes: &[u8], i: usize, joints: &[&[u8]]) -> Option<usize> {
    joints
        .iter()
        .find(|j| {
            bytes
                .get(i..i + j.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(j))
        })
        .map(|j| j.len())
}

/// Whether exactly four digits end at `end` (exclusive), after a non-digit or the start.
fn group_of_four_ends(bytes: &[u8], end: usize) -> bool {
    end >= 4
        && bytes[end - 4..end].iter().all(u8::is_ascii_digit)
        && (end == 4 || !bytes[end - 5].is_ascii_digit())
}

/// Whether exactly four digits start at `start`, followed by a non-digit or the end.
fn group_of_four_starts(bytes: &[u8], start: usize) -> bool {
    bytes
        .get(start..start + 4)
        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !bytes.get(start + 4).is_some_and(u8::is_ascii_digit)
}

/// What a run is, if it is a forbidden identifier with a valid checksum.
fn classify(run: &Run) -> Option<Category> {
    let chars = &run.chars[..run.count.min(CARD_MAX)];
    if run.count == NIR_LEN && nir_valid_chars(chars) {
        return Some(Category::NationalId);
    }
    let card = !run.has_letter
        && (CARD_MIN..=CARD_MAX).contains(&run.count)
        && card_issuer_known(chars)
        && luhn_digits(chars);
    card.then_some(Category::PaymentCard)
}

/// The key of a NIR written apart from its 13 first characters (`… 384 072 clé 10`,
/// `… 377 / 53`, `… 104 key 32`, `… 233  64`), as people copy it from a card that prints it
/// apart: its two digits and where they end. Between them: blanks and at most two labels (`/`,
/// `:`, a dash, `(`, `+`, `clé`, `clef`, `key`), nothing else.
fn nir_key_after(text: &str, bytes: &[u8], end: usize) -> Option<([u8; 2], usize)> {
    let blanks = |mut i: usize| {
        while let Some(n) = separator_len(bytes, i).filter(|_| bytes[i] != b'-' && bytes[i] != b'.')
        {
            i += n;
        }
        i
    };
    let mut i = blanks(end);
    // At most two labels: `– clé 86`, `clé : 10`.
    for _ in 0..2 {
        let rest = text.get(i..)?;
        let label = [
            "clé", "clef", "cle", "key", "Clé", "Clef", "Cle", "Key", "CLÉ", "CLE", "KEY",
        ]
        .iter()
        .find(|l| rest.starts_with(*l) && !alnum_at(text, i + l.len()))
        .or_else(|| {
            ["–", "—", "/", ":", "-", "(", "+"]
                .iter()
                .find(|l| rest.starts_with(*l))
        });
        match label {
            Some(l) => i = blanks(i + l.len()),
            None => break,
        }
    }
    if i == end {
        return None;
    }
    let key = [*bytes.get(i)?, *bytes.get(i + 1)?];
    let end = i + 2;
    let more_digits = separator_len(bytes, end)
        .is_some_and(|n| bytes.get(end + n).is_some_and(u8::is_ascii_digit));
    (key.iter().all(u8::is_ascii_digit) && !alnum_at(text, end) && !more_digits)
        .then_some((key, end))
}

/// End of a NIR whose key is written apart after `run` (see [`nir_key_after`]).
fn separate_nir_key(text: &str, bytes: &[u8], run: &Run) -> Option<usize> {
    if run.count != NIR_LEN - 2 {
        return None;
    }
    let (key, end) = nir_key_after(text, bytes, run.end)?;
    let mut chars = [0u8; NIR_LEN];
    chars[..NIR_LEN - 2].copy_from_slice(&run.chars[..NIR_LEN - 2]);
    chars[NIR_LEN - 2..].copy_from_slice(&key);
    nir_valid_chars(&chars).then_some(end)
}

/// End of a valid IBAN starting at `start`: a registry country (either case), check digits,
/// then exactly the country's registered number and kinds of characters (digits where the
/// registry has digits: words are not account numbers), single separators allowed anywhere,
/// ending at a word boundary, with mod-97 = 1.
fn iban_at(text: &str, bytes: &[u8], start: usize) -> Option<usize> {
    let (a, b) = (*bytes.get(start)?, *bytes.get(start + 1)?);
    // Quick rejection of ordinary words: the check digits follow the country code.
    let check_at = start + 2 + separator_len(bytes, start + 2).unwrap_or(0);
    if !(a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
        && bytes.get(check_at).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    let format = iban_format(a, b)?;
    let mut head = [a.to_ascii_uppercase(), b.to_ascii_uppercase(), 0, 0];
    let mut r = 0u32;
    let mut count = 2usize;
    let mut i = start + 2;
    while count < format.len {
        // At most one separator between two characters of the number.
        if let Some(n) = fold::spaced_dash_len(bytes, i)
            .or_else(|| joint_len(bytes, i, &IBAN_JOINTS))
            .or_else(|| separator_len(bytes, i))
        {
            i += n;
        }
        let c = *bytes.get(i).filter(|c| c.is_ascii_alphanumeric())?;
        if count < 4 {
            if !c.is_ascii_digit() {
                return None;
            }
            head[count] = c;
        } else {
            if !format.allows(count - 4, c) {
                return None;
            }
            r = mod97_push(r, c);
        }
        count += 1;
        i += 1;
    }
    (!alnum_at(text, i) && iban_finish(r, &head) == 1).then_some(i)
}

/// Shortest and longest national number with its trunk `0` (France: 10 digits; the United
/// Kingdom and others: 11).
const NATIONAL_DIGITS: std::ops::RangeInclusive<usize> = 10..=11;

/// End of a phone number starting at `start` (a `+` or a digit): `+33 6 12 34 56 78`,
/// `+33 (0)6 12 34 56 78`, `0033 6…`, `06.12.34.56.78`, `06 12 34 56 78`. National numbers must
/// start with the trunk `0` and a non-zero digit: a bare run of digits is an order number far
/// more often than a phone number. The result must normalise to E.164 (C6).
fn phone_at(text: &str, bytes: &[u8], start: usize, country_code: &str) -> Option<usize> {
    // A bracket around the first group: `(+221) 77 645 32 18`, `[0596] 63 12 84`.
    let mut closer = match bytes[start] {
        b'(' => Some(b')'),
        b'[' => Some(b']'),
        _ => None,
    };
    let mut i = start + usize::from(closer.is_some());
    let plus = bytes.get(i) == Some(&b'+');
    i += usize::from(plus);
    let mut digits = 0usize;
    let mut groups = 0usize;
    let mut first = [0u8; 2];
    // A group in parentheses after an international prefix: `+1 (646) 555-0172`.
    let opens_group = |j: usize| {
        bytes.get(j) == Some(&b'(') && bytes.get(j + 1).is_some_and(|d| (b'1'..=b'9').contains(d))
    };
    // Known once the first group is read (`+…` or `00…`).
    let mut international = plus;
    // The separator of a number written in five pairs, once its first pair is read.
    let mut paired: Option<u8> = None;
    let mut last_group: usize;
    loop {
        let parenthesised = international && digits > 0 && opens_group(i);
        i += usize::from(parenthesised);
        let group_start = i;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            if digits < 2 {
                first[digits] = b;
            }
            digits += 1;
            i += 1;
        }
        if i == group_start || digits > 17 {
            return None;
        }
        groups += 1;
        last_group = i - group_start;
        international = plus || first == *b"00";
        if let Some(c) = closer.take().or(parenthesised.then_some(b')')) {
            if bytes.get(i) != Some(&c) {
                return None;
            }
            i += 1;
            if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                continue;
            }
        }
        // `(0)`, the trunk zero written after an international prefix.
        let at = i + usize::from(bytes.get(i) == Some(&b' '));
        if international && bytes.get(at..at + 3) == Some(b"(0)") {
            i = at + 3 + usize::from(bytes.get(at + 3) == Some(&b' '));
            continue;
        }
        // A slash or an underscore is a date's or a reference's more often than a phone's:
        // only after a national prefix of three or four digits (`0475/38.12.64`, Belgium), or
        // between the five pairs of a French number (`06/84/12/99/03`), which no date has.
        if groups == 1 && digits == 2 && !international {
            paired = bytes
                .get(i)
                .copied()
                .filter(|&sep| five_pairs(bytes, group_start, sep));
        }
        let slash_ok = groups == 1 && !international && (3..=4).contains(&digits)
            || paired.is_some_and(|sep| bytes.get(i) == Some(&sep));
        match separator_len(bytes, i).filter(|_| !matches!(bytes[i], b'/' | b'_') || slash_ok) {
            Some(n)
                if bytes.get(i + n).is_some_and(u8::is_ascii_digit)
                    || international && opens_group(i + n) =>
            {
                i += n
            }
            _ => break,
        }
    }
    let plausible = if plus {
        (8..=15).contains(&digits)
    } else if first == *b"00" {
        (10..=17).contains(&digits)
    } else {
        // Nine digits as Belgian landlines are written (`04 223 18 47`), in groups only, the
        // last of two digits at least: `06 12 45 78 9` is a member number.
        let grouped_nine = digits == 9 && groups >= 3 && last_group >= 2;
        first[0] == b'0' && first[1] != b'0' && (NATIONAL_DIGITS.contains(&digits) || grouped_nine)
    };
    let text_of = text.get(start..i)?;
    (plausible && !alnum_at(text, i) && normalize::phone(text_of, country_code).is_some())
        .then_some(i)
}

/// Whether five pairs of digits separated by `sep` start at `start`, and nothing follows them
/// that continues the number.
fn five_pairs(bytes: &[u8], start: usize, sep: u8) -> bool {
    bytes.get(start..start + 14).is_some_and(|g| {
        g.iter().enumerate().all(|(k, &b)| {
            if k % 3 == 2 {
                b == sep
            } else {
                b.is_ascii_digit()
            }
        })
    }) && !bytes.get(start + 14).is_some_and(u8::is_ascii_digit)
        && !(bytes.get(start + 14) == Some(&sep)
            && bytes.get(start + 15).is_some_and(u8::is_ascii_digit))
}

/// What comes before a number without its `+` in a messaging link: `wa.me/33612345678`,
/// `api.whatsapp.com/send?phone=33612345678`.
const LINK_PREFIXES: [&str; 2] = ["wa.me/", "phone="];

/// End of the international number of a messaging link starting at `start` (see
/// [`LINK_PREFIXES`]): its digits without separators, valid once the `+` is put back.
fn link_phone_at(text: &str, bytes: &[u8], start: usize, country_code: &str) -> Option<usize> {
    let linked = LINK_PREFIXES.iter().any(|p| {
        start
            .checked_sub(p.len())
            .and_then(|from| text.get(from..start))
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    if !linked {
        return None;
    }
    let end = start
        + bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    ((8..=15).contains(&(end - start))
        && !alnum_at(text, end)
        && normalize::phone(&format!("+{}", &text[start..end]), country_code).is_some())
    .then_some(end)
}

/// End of a North American number starting at `start` (a digit or `(`): `(312) 555-0148`,
/// `514-555-0187`, `1-800-555-0199`, `617.555.0134`: an optional `1`, an area code (in
/// parentheses or not) and an exchange that start with 2 – 9, then four digits, in groups of
/// exactly that shape with a separator between them. A bare run of ten digits is left alone
/// (an order number far more often than a phone number).
fn nanp_at(text: &str, bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let group = |i: usize, n: usize| -> Option<usize> {
        let g = bytes.get(i..i + n)?;
        (g.iter().all(u8::is_ascii_digit) && !bytes.get(i + n).is_some_and(u8::is_ascii_digit))
            .then_some(i + n)
    };
    let sep = |i: usize| matches!(bytes.get(i), Some(b' ' | b'-' | b'.')).then_some(i + 1);
    if bytes[i] == b'1' {
        i = sep(group(i, 1)?)?;
    }
    let parenthesised = bytes.get(i) == Some(&b'(');
    let area_digit = *bytes.get(i + usize::from(parenthesised))?;
    // Where the exchange starts, after the area code.
    let exchange = if parenthesised {
        let end = group(i + 1, 3)?;
        (bytes.get(end) == Some(&b')')).then_some(())?;
        sep(end + 1).unwrap_or(end + 1)
    } else {
        sep(group(i, 3)?)?
    };
    let line = sep(group(exchange, 3)?)?;
    let end = group(line, 4)?;
    let plausible = |d: u8| (b'2'..=b'9').contains(&d);
    (plausible(area_digit) && plausible(bytes[exchange]) && !alnum_at(text, end)).then_some(end)
}

/// Whether `c` may stand in the local part of an e-mail address.
fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

/// File name extensions that no address ends with: `logo@2x.png` is a file.
const FILE_EXTENSIONS: [&str; 14] = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "heic", "pdf", "doc", "docx", "xls", "xlsx", "csv",
    "txt",
];

/// The e-mail address around the `@` at byte `at`, not starting before `floor`.
fn email_around(text: &str, at: usize, floor: usize) -> Option<Found> {
    let head = text.get(floor..at)?;
    let mut start = at;
    for (i, c) in head.char_indices().rev() {
        if !local_char(c) {
            break;
        }
        start = floor + i;
    }
    // A dot cannot start a local part (`fin de phrase.jean@…`).
    while text.as_bytes().get(start) == Some(&b'.') {
        start += 1;
    }
    if start == at {
        return None;
    }
    let tail = text.get(at + 1..)?;
    let mut end = at + 1;
    for (i, c) in tail.char_indices() {
        if !(c.is_alphanumeric() || c == '.' || c == '-') {
            break;
        }
        end = at + 1 + i + c.len_utf8();
    }
    // A sentence's final dot is not part of the domain.
    while end > at + 1 && matches!(text.as_bytes()[end - 1], b'.' | b'-') {
        end -= 1;
    }
    domain_ok(text.get(at + 1..end)?).then_some(Found {
        start,
        end,
        category: Category::Email,
    })
}

/// Whether `domain` is an address's: labels joined by dots, ending with an alphabetic
/// top-level domain that is no file extension.
fn domain_ok(domain: &str) -> bool {
    let Some((labels, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let tld_ok = tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !FILE_EXTENSIONS.iter().any(|x| tld.eq_ignore_ascii_case(x));
    tld_ok && !labels.is_empty() && labels.split('.').all(|l| !l.is_empty())
}

/// The address around the `@` at byte `at` written one character at a time, a space between
/// each, to dodge robots (`m a r c . h e n r y @ g m a i l . c o m`): the characters read
/// back without their spaces must make an address, and none of them may be a longer word.
fn spaced_email_around(bytes: &[u8], at: usize, floor: usize) -> Option<Found> {
    let single = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
            && !(i > 0 && bytes[i - 1].is_ascii_alphanumeric())
            && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    };
    if at < floor + 2 || bytes[at - 1] != b' ' || bytes.get(at + 1) != Some(&b' ') {
        return None;
    }
    // Backwards from the `@`: `c ` pairs.
    let mut start = at;
    while start >= floor + 2 && bytes[start - 1] == b' ' && single(start - 2) {
        start -= 2;
    }
    // Forwards: ` c` pairs.
    let mut end = at + 1;
    let mut domain = String::new();
    while bytes.get(end) == Some(&b' ') && single(end + 1) {
        domain.push(char::from(bytes[end + 1]));
        end += 2;
    }
    // A sentence's final dot is not part of the domain.
    while domain.ends_with('.') {
        domain.pop();
        end -= 2;
    }
    (at - start >= 4 && domain_ok(&domain)).then_some(Found {
        start,
        end,
        category: Category::Email,
    })
}

/// Whether `text` may hold a forbidden identifier at all: long enough for the shortest one, a
/// run of 13 digits or more across
/// single separators, as the finder reads runs (a card or a NIR), or the head of an IBAN where
/// a word starts (two letters, then two check digits). A cheap pass that lets most structured
/// values (names, e-mail addresses, streets, phone numbers, timestamps) skip the finder; never
/// false where the finder would find one (a superset: `A`/`B` continue any run, and a non-ASCII
/// byte may precede a word start).
pub(super) fn may_hold_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < CARD_MIN || is_plain_timestamp(bytes) {
        return false;
    }
    let mut run = 0usize;
    let mut word_start = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit() || run > 0 && matches!(b, b'A' | b'B' | b'a' | b'b') {
            run += 1;
            if run >= CARD_MIN {
                return true;
            }
            word_start = false;
        } else if b.is_ascii_alphabetic() {
            if word_start && iban_head_at(bytes, i) {
                return true;
            }
            run = 0;
            word_start = false;
        } else {
            // A spaced dash is looked for only inside a run: most blanks end none.
            let sep = (run > 0)
                .then(|| fold::spaced_dash_len(bytes, i).or_else(|| separator_len(bytes, i)))
                .flatten();
            match sep {
                Some(n) if bytes.get(i + n).is_some_and(u8::is_ascii_digit) => {
                    i += n;
                    continue;
                }
                _ => run = 0,
            }
            word_start = true;
        }
        i += 1;
    }
    false
}

/// Whether `b` is an RFC 3339 timestamp without fractional seconds (`2026-11-20T10:15:00Z`,
/// `…+01:00`): the commonest long structured value, answered without the byte loop.
fn is_plain_timestamp(b: &[u8]) -> bool {
    const SHAPE: &[u8; 19] = b"dddd-dd-ddTdd:dd:dd";
    let zone = match b.get(19..) {
        Some(b"Z" | b"z") => true,
        Some([sign, h1, h2, b':', m1, m2]) => {
            matches!(sign, b'+' | b'-') && [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit())
        }
        _ => false,
    };
    zone && SHAPE.iter().zip(b).all(|(&want, &got)| match want {
        b'd' => got.is_ascii_digit(),
        b'T' => matches!(got, b'T' | b't' | b' '),
        _ => got == want,
    })
}

/// Whether an IBAN's head starts at `i`: two letters, then two check digits, as `iban_at`
/// reads them (one separator allowed before each check digit).
fn iban_head_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) && {
        let d = i + 2 + separator_len(bytes, i + 2).unwrap_or(0);
        let e = d + 1 + separator_len(bytes, d + 1).unwrap_or(0);
        bytes.get(d).is_some_and(u8::is_ascii_digit) && bytes.get(e).is_some_and(u8::is_ascii_digit)
    }
}

/// Finds identifiers and contacts left to right, each once. Keeps the next e-mail candidate, so
/// that a text with many numbers before one `@` is still read once.
pub(super) struct Finder<'t> {
    text: &'t str,
    from: usize,
    country_code: &'t str,
    /// The next e-mail address at or after `from`: `None` when not searched yet,
    /// `Some(None)` when there is none.
    email: Option<Option<Found>>,
    /// The next phone number spelled in words at or after `from`, kept likewise.
    spoken: Option<Option<Found>>,
    /// Whether e-mail addresses and phone numbers are searched too, or only identifiers.
    contacts: bool,
}

/// A kept search result that still holds at `from`: the finding if it starts there or later,
/// `Some(None)` when the search found none; `None` when the search must run (again).
fn still_ahead(kept: Option<Option<Found>>, from: usize) -> Option<Option<Found>> {
    match kept {
        Some(Some(f)) if f.start >= from => Some(Some(f)),
        Some(None) => Some(None),
        _ => None,
    }
}

impl<'t> Finder<'t> {
    /// Identifiers, e-mail addresses and phone numbers.
    pub(super) fn new(text: &'t str, country_code: &'t str) -> Finder<'t> {
        Finder {
            text,
            from: 0,
            country_code,
            email: None,
            spoken: None,
            contacts: true,
        }
    }

    /// Identifiers only (NIR, card, IBAN): for structured values, where looking for contact
    /// details would only cost time.
    pub(super) fn identifiers(text: &'t str) -> Finder<'t> {
        Finder {
            text,
            from: 0,
            country_code: "",
            email: Some(None),
            spoken: Some(None),
            contacts: false,
        }
    }

    fn next_email(&mut self) -> Option<Found> {
        if let Some(kept) = still_ahead(self.email, self.from) {
            return kept;
        }
        let bytes = self.text.as_bytes();
        let mut floor = self.from;
        let mut i = self.from;
        let found = loop {
            let Some(at) = bytes
                .get(i..)
                .and_then(|b| b.iter().position(|&c| c == b'@'))
            else {
                break None;
            };
            let at = i + at;
            if let Some(f) =
                email_around(self.text, at, floor).or_else(|| spaced_email_around(bytes, at, floor))
            {
                break Some(f);
            }
            floor = at + 1;
            i = at + 1;
        };
        // An address spelled out to dodge robots, if one comes first.
        let limit = found.map_or(self.text.len(), |f| f.start);
        let found = super::obfuscated::find(self.text, self.from, limit).or(found);
        self.email = Some(found);
        found
    }

    /// The next phone number spelled in words (see [`super::phone_words`]), searched once for
    /// the rest of the text and kept until passed.
    fn next_spoken(&mut self) -> Option<Found> {
        if let Some(kept) = still_ahead(self.spoken, self.from) {
            return kept;
        }
        let found = super::phone_words::find(self.text, self.from, self.text.len());
        self.spoken = Some(found);
        found
    }

    /// The first identifier (NIR, card, IBAN) or phone number in `from..limit`.
    fn next_number(&self, limit: usize) -> Option<Found> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.from;
        while i < limit {
            let b = bytes[i];
            // Candidates start with an ASCII digit, `+` or letter; every other byte, including
            // non-ASCII, is skipped without decoding.
            if b.is_ascii_digit() {
                // Digits glued to a word, and the groups that go on from them (`AA1 01 2345
                // 678 4` of a parcel number), are one code: no candidate starts inside.
                if alnum_before(text, i) && !label_before(bytes, i) {
                    i = read_run(bytes, i).end;
                    continue;
                }
                let run = read_run(bytes, i);
                if let Some(end) = separate_nir_key(text, bytes, &run) {
                    return Some(Found {
                        start: i,
                        end,
                        category: Category::NationalId,
                    });
                }
                if let Some(category) = classify(&run).filter(|_| !alnum_at(text, run.end)) {
                    return Some(Found {
                        start: i,
                        end: run.end,
                        category,
                    });
                }
                let phone = self.contacts.then(|| {
                    link_phone_at(text, bytes, i, self.country_code)
                        .or_else(|| {
                            phone_at(text, bytes, i, self.country_code)
                                .filter(|&end| !postal_item(bytes, i, end))
                        })
                        .or_else(|| nanp_at(text, bytes, i))
                });
                if let Some(end) = phone.flatten().filter(|_| !reference_before(text, i)) {
                    return Some(Found {
                        start: i,
                        end,
                        category: Category::Phone,
                    });
                }
                // Skip the whole run: its tail is not a candidate of its own.
                i = run.end;
                continue;
            }
            if b == b'+'
                && self.contacts
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && !alnum_before(text, i)
            {
                if let Some(end) = phone_at(text, bytes, i, self.country_code) {
                    return Some(Found {
                        start: i,
                        end,
                        category: Category::Phone,
                    });
                }
            } else if matches!(b, b'(' | b'[')
                && self.contacts
                && bytes
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_digit() || *c == b'+')
                && !alnum_before(text, i)
            {
                if let Some(end) =
                    phone_at(text, bytes, i, self.country_code).or_else(|| nanp_at(text, bytes, i))
                {
                    return Some(Found {
                        start: i,
                        end,
                        category: Category::Phone,
                    });
                }
            } else if b.is_ascii_alphabetic() {
                if let Some(end) = iban_at(text, bytes, i).filter(|_| !alnum_before(text, i)) {
                    return Some(Found {
                        start: i,
                        end,
                        category: Category::Iban,
                    });
                }
                // No candidate starts inside a word: skip the rest of it at once, and the digit
                // groups that go on from its last digit (see above); but for a label glued to
                // its number.
                while bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && label_before(bytes, i + 1) {
                    i += 1;
                    continue;
                }
                while bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                if bytes[i].is_ascii_digit() {
                    i = read_run(bytes, i).end;
                    continue;
                }
            }
            i += 1;
        }
        None
    }
}

impl Iterator for Finder<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let email = self.next_email();
        let spoken = self.next_spoken();
        // The earlier of the two bounds the search for numbers.
        let word_form = [email, spoken]
            .into_iter()
            .flatten()
            .min_by_key(|f| f.start);
        let limit = word_form.map_or(self.text.len(), |f| f.start);
        let found = self.next_number(limit).or(word_form)?;
        self.from = found.end;
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(Category, &str)> {
        Finder::new(text, "33")
            .map(|f| (f.category, &text[f.start..f.end]))
            .collect()
    }

    /// Whether the pre-check lets `t` through when the finder finds something in it.
    fn pre_check_passes(t: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        if Finder::identifiers(t).next().is_some() {
            proptest::prop_assert!(may_hold_identifier(t), "{t:?}");
        }
        Ok(())
    }

    proptest::proptest! {
        /// The pre-check never hides what the finder would find: on arbitrary text, on
        /// timestamps (whose fractional seconds can be long), and on identifiers written with
        /// separators, after letters, blanks, quotes or backslashes.
        #[test]
        fn the_pre_check_never_hides_an_identifier(
            text in "[ -~]{0,60}|[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{0,20})?([Zz]|[+-][0-9]{2}:[0-9]{2})[ -~]{0,20}",
            sep in proptest::sample::select(vec![" ", "-", ".", "\u{a0}", ""]),
            before in "[a-z \n\t\\\"]{0,5}",
        ) {
            let written = [
                format!("{before}FR{sep}7{sep}6 3000 6000 0112 3456 7890 189"),
                format!("{before}4246{sep}1416{sep}2743{sep}7328\"x"),
                format!("{before}1{sep}84{sep}01{sep}13{sep}617{sep}252{sep}17"),
                "NL 9 1 ABNA 0417 1643 00".to_string(),
            ];
            pre_check_passes(&text)?;
            for t in &written {
                pre_check_passes(t)?;
            }
        }
    }

    #[test]
    fn identifiers_after_any_character_pass_the_pre_check() {
        for before in ["", "\n", "\"", "\\", "x ", "\u{1f}"] {
            for id in [
                "FR76 3000 6000 0112 3456 7890 189",
                "4246-1416-2743-7328",
                "1 84 01 13 617 252 17",
            ] {
                let t = format!("{before}{id}");
                assert!(Finder::identifiers(&t).next().is_some(), "{t:?}");
                pre_check_passes(&t).unwrap();
            }
        }
    }

    #[test]
    fn the_pre_check_lets_ordinary_values_skip_the_finder() {
        for v in [
            "camille.martin@example.fr",
            "+33 6 12 34 56 78",
            "3 rue Oberkampf",
            "Responsable achats",
            "2026-11-20T10:15:00Z",
            "2026-11-20 10:15:00+01:00",
        ] {
            assert!(!may_hold_identifier(v), "{v}");
        }
        // Fractional seconds can be any length: "59.4246…" reads as a run of digits.
        for v in [
            "2026-11-20T10:15:59.12345678901Z",
            "2026-11-20T10:15:00Z 4246141627437328",
            "4246141627437328",
            "nl91abna0417164300",
        ] {
            assert!(may_hold_identifier(v), "{v}");
        }
    }

    #[test]
    fn the_identifiers_finder_skips_contact_details_but_not_what_they_hide() {
        let only = |text: &str| -> Vec<(Category, String)> {
            Finder::identifiers(text)
                .map(|f| (f.category, text[f.start..f.end].to_string()))
                .collect()
        };
        assert!(only("+33 6 12 34 56 78, 06 12 34 56 78, camille@example.fr").is_empty());
        // In free text this is one e-mail address; in a structured field the card inside counts.
        assert_eq!(
            only("4246141627437328@example.fr"),
            [(Category::PaymentCard, "4246141627437328".to_string())]
        );
        assert_eq!(
            only("ref FR76 3000 6000 0112 3456 7890 189 / 4246-1416-2743-7328"),
            [
                (
                    Category::Iban,
                    "FR76 3000 6000 0112 3456 7890 189".to_string()
                ),
                (Category::PaymentCard, "4246-1416-2743-7328".to_string())
            ]
        );
    }

    #[test]
    fn a_number_after_a_reference_label_or_glued_to_a_code_is_no_phone() {
        for t in [
            "Gas meter no. 0522-1887-641, reading 04512 m3",
            "Property ref LDN-0207-946-02, postcode SW1A 2AA",
            "bag tag 0125 448812",
            "Commande n° 06 12 34 56 78 reçue",
            "référence : 0612345678",
            "order #514-555-0187",
            // A postal item's number (UPU S10), with or without its spaces.
            "Autre colis Chronopost : XY 012 345 678 FR",
            "envoi RR012345678FR en cours",
            // A meter's label with what French puts after it; Belgium's company number.
            "Compteur d'eau n° 017 458 963, index 00412",
            "numéro d'entreprise BCE 0852.231.013",
        ] {
            assert!(find(t).is_empty(), "{t}: {:?}", find(t));
        }
        // A label two words back, a name between, or a phone word: still a phone.
        for t in [
            "ref du dossier envoyée, rappelez Marie au 06 12 34 56 78",
            "tel: 06 12 34 56 78",
            "mon numéro : 06 12 34 56 78",
            "order placed, call me on 06 12 34 56 78",
            "Bureau (Liège) : 04 223 18 47",
            "WhatsApp : wa.me/33756201847 de préférence",
            "https://api.whatsapp.com/send?phone=447700900123",
        ] {
            assert_eq!(find(t).len(), 1, "{t}");
        }
    }

    #[test]
    fn phones_as_people_write_them() {
        for p in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33612345678",
            "+33 (0)6 12 34 56 78",
            "0033 6 12 34 56 78",
            "+44 20 7946 0958",
            "01\u{a0}23\u{a0}45\u{a0}67\u{a0}89",
            "+1 (646) 555-0172",
            "+1 646 555 0172",
            "(312) 555-0148",
            "(312)555-0148",
            "514-555-0187",
            "1-800-555-0199",
            "617.555.0134",
            "(+221) 77 645 32 18",
            "[+33] 6 84 27 91 05",
            "(+687) 78.45.12",
            "[0596] 63 12 84",
            "(04) 72 11 38 90",
            "04 223 18 47",
            "06/84/12/99/03",
            "06_12_45_78_90",
        ] {
            let text = format!("Appelez le {p}, merci");
            assert_eq!(find(&text), vec![(Category::Phone, p)], "{text}");
        }
        for not_phone in [
            "Commande 4340 5477 3038 7950",
            "réf. 612345678",
            "le 12.03.2026",
            "0012",
            "code 00000000000",
            "06 12 34",
            "ref06 12 34 56 78",
            "commande 5145550187",
            "ref 514-555-01877",
            "(112) 555-0148",
            "514-155-0187",
            "2026-555-0187",
            "UPS 1Z 999 AA1 01 2345 678 4",
            "réf 061234567",
            "le 06/12/2024",
            "06/12/34/56",
            "06/12/34/56/78/90",
            "06/12 34 56 78",
            "06 12 45 78 9",
        ] {
            assert_eq!(find(not_phone), vec![], "{not_phone}");
        }
        // A label glued to its number names it: the number is found, not the label.
        assert_eq!(
            find("tel06 12 34 56 78"),
            vec![(Category::Phone, "06 12 34 56 78")]
        );
        assert_eq!(
            find("Mon GSM : 0475/38.12.64, merci"),
            vec![(Category::Phone, "0475/38.12.64")]
        );
    }

    #[test]
    fn a_nir_key_written_apart_is_part_of_it() {
        for written in [
            "2 91 11 69 384 072 clé 10",
            "2 91 11 69 384 072 cle: 10",
            "2911169384072 / 10",
            "2 91 11 69 384 072  10",
            "2 91 11 69 384 072 (10)",
            "2 91 11 69 384 072 Key 10",
            "2 91 11 69 384 072 – clé 10",
            "2 91 11 69 384 072 + clé 10",
        ] {
            let text = format!("sécu {written}, merci");
            let want = written.trim_end_matches(')');
            assert_eq!(find(&text), vec![(Category::NationalId, want)], "{text}");
        }
        // A wrong key apart, a third group, or words between: nothing.
        for text in [
            "sécu 2 91 11 69 384 072 clé 11",
            "sécu 2 91 11 69 384 072 clé 10 4",
            "sécu 2 91 11 69 384 072 et 10",
        ] {
            assert_eq!(find(text), vec![], "{text}");
        }
    }

    #[test]
    fn emails() {
        for (text, email) in [
            (
                "écrivez à jean.dupont@example.fr.",
                "jean.dupont@example.fr",
            ),
            (
                "mail: Camille+lead@Sub.Example.co.uk merci",
                "Camille+lead@Sub.Example.co.uk",
            ),
            ("(andré@exemple.fr)", "andré@exemple.fr"),
            ("x@y.io", "x@y.io"),
            (
                "adresse : m a r c . h e n r y @ g m a i l . c o m (robots)",
                "m a r c . h e n r y @ g m a i l . c o m",
            ),
        ] {
            assert_eq!(find(text), vec![(Category::Email, email)], "{text}");
        }
        for text in [
            "@home",
            "a@b",
            "rdv @ 10h. ok",
            "jean@localhost",
            "@@@@",
            "a@.fr",
            "the logo@2x.png file",
            "rdv a @ b c",
            "notes : a b @ c d",
        ] {
            assert_eq!(find(text), vec![], "{text}");
        }
    }

    #[test]
    fn numbers_before_an_email_keep_their_order() {
        let text = "carte 4037 5196 6407 3531, tel 06 12 34 56 78, mail a@b.fr fin";
        assert_eq!(
            find(text),
            vec![
                (Category::PaymentCard, "4037 5196 6407 3531"),
                (Category::Phone, "06 12 34 56 78"),
                (Category::Email, "a@b.fr"),
            ]
        );
    }

    #[test]
    fn ibans_in_any_format() {
        for v in [
            "ES 58 0049 0290 3424 1352 8341",
            "ES15-0049-1806-9121-1186-9374",
            "NO 44 1850.05.14562",
            "MC11 1273 9000 7000 1111 1000 h79",
            "fr76 3000 6000 0112 3456 7890 189",
            "FR7630006000011234567890189",
            "GB82 WEST 1234 5698 7654 32",
            "FR76/3000/6000/0112/3456/7890/189",
            "FR76_3000_6000_0112_3456_7890_189",
            "FR76 - 3000 6000 - 0112 3456 - 7890 189",
            "FR76 / 3000 / 6000 / 0112 / 3456 / 7890 / 189",
        ] {
            let text = format!("IBAN: {v} merci");
            assert_eq!(find(&text), vec![(Category::Iban, v)], "{text}");
        }
        // Words after an IBAN are not taken into it.
        assert_eq!(
            find("FR76 3000 6000 0112 3456 7890 189 OK"),
            vec![(Category::Iban, "FR76 3000 6000 0112 3456 7890 189")]
        );
        // Groups of four between spaced dashes are one card; what follows a dash stays apart.
        assert_eq!(
            find("card: 4970 - 1012 - 3456 - 7893 ok"),
            vec![(Category::PaymentCard, "4970 - 1012 - 3456 - 7893")]
        );
        assert_eq!(
            find("card: 4970  1012  3456  7893 ok"),
            vec![(Category::PaymentCard, "4970  1012  3456  7893")]
        );
        assert_eq!(
            find("carte 4970 1012 puis 3456 7893 merci"),
            vec![(Category::PaymentCard, "4970 1012 puis 3456 7893")]
        );
        // Joined halves that fail Luhn are no card.
        assert_eq!(find("codes 4970 1012 then 3456 7894 ok"), vec![]);
        assert_eq!(
            find("card: 4970 1012 3456 7893 - 06 12 34 56 78"),
            vec![
                (Category::PaymentCard, "4970 1012 3456 7893"),
                (Category::Phone, "06 12 34 56 78")
            ]
        );
        // A label glued to a NIR or a card names it.
        assert_eq!(
            find("NIR269054958815780 svp"),
            vec![(Category::NationalId, "269054958815780")]
        );
        assert_eq!(
            find("N°CB4970101234567893 exp0626"),
            vec![(Category::PaymentCard, "4970101234567893")]
        );
        // Ordinary text starting with a country code is no IBAN.
        assert_eq!(
            find("de 12 rue des lilas a paris avec une grande cour"),
            vec![]
        );
    }
}
