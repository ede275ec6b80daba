//! Checksum detectors and the free-text scanner (S1, S3).
//!
//! Free text (messages, comments, notes) is where people paste what a form never asked for: a
//! card number "so you can charge me", a social-security number, a bank account, or a sentence
//! about their health or religion. S1 forbids the identifiers from ever reaching a CRM, S3 asks
//! for them and for special-category statements (S2) to be redacted in place.
//!
//! Identifiers are only reported when their checksum holds (NIR key, Luhn, IBAN mod-97): a long
//! order or tracking number is far more common in a lead message than a card number, and
//! redacting it would destroy the lead for nothing. Special-category statements are found with a
//! lexicon of phrases (whole words, case- and accent-insensitive) and the whole clause around a
//! hit is redacted, because the sensitive information is the statement ("je suis diabétique
//! depuis 2010"), not the single keyword.
//!
//! The scanner runs on every free-text field of every event, so the clean path (nothing found)
//! performs no allocation: one pass over the text for numbers, one automaton walk for phrases.

use crate::category::Category;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use std::fmt;

/// Significant characters of a NIR: 13 (sex, year, month, department, commune, order) + 2 (key).
const NIR_LEN: usize = 15;
/// Longest payment-card number (ISO/IEC 7812).
const CARD_MAX: usize = 19;
/// Shortest payment-card number considered (S1).
const CARD_MIN: usize = 13;
/// IBAN: 2 letters + 2 check digits + 11 to 30 alphanumerics (ISO 13616).
const IBAN_BBAN_MIN: usize = 11;
const IBAN_BBAN_MAX: usize = 30;

/// Characters that end a clause: redaction of a special-category statement stops there.
fn is_clause_separator(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b';' | b',' | b'\n' | b'\r')
}

// ---------------------------------------------------------------------------------------------
// Checksums
// ---------------------------------------------------------------------------------------------

/// Whether `s` is a valid French social-security number (NIR, S1).
///
/// `s` must have exactly 15 characters once spaces are removed: sex (1 or 2; also 3, 4, 7, 8,
/// which INSEE uses for provisional registrations), year (2 digits), month (2 digits,
/// not range-checked: INSEE uses 20–42 and 50–99 for unknown months), department (2 digits, or
/// `2A`/`2B` for Corsica), commune (3 digits), order (3 digits), key (2 digits). The key must
/// equal `97 − (first 13 digits mod 97)`, with `2A` counted as `19` and `2B` as `18`.
pub fn nir_valid(s: &str) -> bool {
    let mut chars = [0u8; NIR_LEN];
    let mut n = 0usize;
    for &b in s.as_bytes() {
        if b == b' ' {
            continue;
        }
        if n == NIR_LEN {
            return false;
        }
        chars[n] = b;
        n += 1;
    }
    n == NIR_LEN && nir_valid_chars(&chars)
}

/// NIR check on exactly 15 significant characters (see [`nir_valid`]).
fn nir_valid_chars(c: &[u8]) -> bool {
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

/// Whether `digits` is a Luhn-valid payment-card number (S1): only ASCII digits, 13 to 19 of
/// them, no spaces (the scanner reads digits out of `4037 5196 …` itself).
pub fn luhn_valid(digits: &str) -> bool {
    let d = digits.as_bytes();
    (CARD_MIN..=CARD_MAX).contains(&d.len()) && d.iter().all(u8::is_ascii_digit) && luhn_digits(d)
}

/// Luhn check on ASCII digits (callers check the alphabet and length).
fn luhn_digits(d: &[u8]) -> bool {
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

/// Whether `s` is a valid IBAN (S3): spaces are removed, then 2 letters (country), 2 digits
/// (check), 11 to 30 alphanumerics, and the ISO 7064 mod-97 of the rearranged number equals 1.
///
/// Letters are accepted in either case (people type `fr76…`); the mod-97 is computed piecewise
/// on a `u32`, so no big-integer arithmetic is needed.
pub fn iban_valid(s: &str) -> bool {
    let mut compact = [0u8; 4 + IBAN_BBAN_MAX];
    let mut n = 0usize;
    for &b in s.as_bytes() {
        if b == b' ' {
            continue;
        }
        if n == compact.len() || !b.is_ascii_alphanumeric() {
            return false;
        }
        compact[n] = b.to_ascii_uppercase();
        n += 1;
    }
    let c = &compact[..n];
    if n < 4 + IBAN_BBAN_MIN
        || !c[..2].iter().all(u8::is_ascii_alphabetic)
        || !c[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let r = c[4..].iter().fold(0, |r, &b| mod97_push(r, b));
    iban_finish(r, &c[..4]) == 1
}

/// Appends one IBAN character to a running mod-97 remainder (letters count as 10..=35, i.e.
/// two decimal digits).
fn mod97_push(r: u32, b: u8) -> u32 {
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
fn iban_finish(r: u32, head: &[u8]) -> u32 {
    head.iter().fold(r, |r, &b| mod97_push(r, b))
}

// ---------------------------------------------------------------------------------------------
// Identifier candidates in free text
// ---------------------------------------------------------------------------------------------

/// An identifier found in text: byte range and category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    category: Category,
}

/// Whether the character starting at byte `at` (if any) is alphanumeric.
fn alnum_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Whether the character ending at byte `at` (if any) is alphanumeric.
fn alnum_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|head| head.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// A maximal run of digits separated by single spaces, dots or dashes.
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
        let single_separator = matches!(bytes.get(i), Some(b' ' | b'.' | b'-'))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !single_separator {
            break;
        }
        i += 1;
    }
    run.end = i;
    run
}

/// What a run is, if it is a forbidden identifier with a valid checksum.
fn classify(run: &Run) -> Option<Category> {
    let chars = &run.chars[..run.count.min(CARD_MAX)];
    if run.count == NIR_LEN && nir_valid_chars(chars) {
        return Some(Category::NationalId);
    }
    if !run.has_letter && (CARD_MIN..=CARD_MAX).contains(&run.count) && luhn_digits(chars) {
        return Some(Category::PaymentCard);
    }
    None
}

/// End of a valid IBAN starting at `start` (2 uppercase letters, 2 digits, then uppercase /
/// digit groups separated by single spaces), choosing the longest valid group boundary: the
/// number of groups is not known in advance and a following word may look like a group.
fn iban_at(text: &str, bytes: &[u8], start: usize) -> Option<usize> {
    let head = bytes.get(start..start + 4)?;
    if !(head[0].is_ascii_uppercase()
        && head[1].is_ascii_uppercase()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_digit())
    {
        return None;
    }
    let is_group_char = |b: &u8| b.is_ascii_digit() || b.is_ascii_uppercase();
    let mut r = 0u32;
    let mut len = 0usize;
    let mut j = start + 4;
    let mut best = None;
    loop {
        while let Some(b) = bytes.get(j).filter(|b| is_group_char(b)) {
            r = mod97_push(r, *b);
            len += 1;
            j += 1;
            if len > IBAN_BBAN_MAX {
                return best;
            }
        }
        if len >= IBAN_BBAN_MIN && !alnum_at(text, j) && iban_finish(r, head) == 1 {
            best = Some(j);
        }
        let next_group = bytes.get(j) == Some(&b' ') && bytes.get(j + 1).is_some_and(is_group_char);
        if !next_group {
            return best;
        }
        j += 1;
    }
}

/// The first forbidden identifier (NIR, card, IBAN) at or after byte `from`, without allocating.
///
/// Candidates must stand alone: not preceded or followed by a letter or digit, so that digits
/// glued to a word (references such as `CMD4037…`, the tail of an invalid IBAN) are not carved
/// out and checksum-tested, where one in ten would pass Luhn by chance.
fn next_identifier(text: &str, from: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        // Candidates start with an ASCII digit (NIR, card) or uppercase letter (IBAN); every
        // other byte, including non-ASCII, is skipped without decoding.
        if b.is_ascii_digit() {
            if !alnum_before_fast(text, i) {
                let run = read_run(bytes, i);
                if let Some(category) = classify(&run).filter(|_| !alnum_at(text, run.end)) {
                    return Some(Found {
                        start: i,
                        end: run.end,
                        category,
                    });
                }
                // Skip the whole run: its tail is not a candidate of its own.
                i = run.end;
            } else {
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            continue;
        }
        if b.is_ascii_uppercase() && !alnum_before_fast(text, i) {
            if let Some(end) = iban_at(text, bytes, i) {
                return Some(Found {
                    start: i,
                    end,
                    category: Category::Iban,
                });
            }
        }
        i += 1;
    }
    None
}

/// [`alnum_before`] with a shortcut for the common ASCII case.
fn alnum_before_fast(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| text.as_bytes().get(p)) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => alnum_before(text, at),
    }
}

// ---------------------------------------------------------------------------------------------
// Folding for lexicon matching
// ---------------------------------------------------------------------------------------------

/// Folds one character for lexicon matching: Unicode lower case, French/Latin accents removed
/// (people often type `diabete`, `delegue syndical`), typographic apostrophes and no-break
/// spaces made plain. Phrases and text go through the same folding, so the lexicon needs one
/// spelling per word. Folding keeps letters letters, so word boundaries are unchanged.
fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '\u{ff07}' => emit('\''),
        // Combining diacritics of decomposed text (e + U+0301).
        '\u{0300}'..='\u{036f}' => {}
        c if c.is_whitespace() => emit(' '),
        c => {
            for l in c.to_lowercase() {
                match l {
                    'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => emit('a'),
                    'ç' => emit('c'),
                    'è' | 'é' | 'ê' | 'ë' => emit('e'),
                    'ì' | 'í' | 'î' | 'ï' => emit('i'),
                    'ñ' => emit('n'),
                    'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => emit('o'),
                    'ù' | 'ú' | 'û' | 'ü' => emit('u'),
                    'ý' | 'ÿ' => emit('y'),
                    'œ' => {
                        emit('o');
                        emit('e');
                    }
                    'æ' => {
                        emit('a');
                        emit('e');
                    }
                    'ß' => {
                        emit('s');
                        emit('s');
                    }
                    '\u{0300}'..='\u{036f}' => {}
                    other => emit(other),
                }
            }
        }
    }
}

/// Folds a whole lexicon phrase (see [`fold_char`]), collapsing inner whitespace.
fn fold_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for (k, word) in phrase.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            fold_char(c, &mut |f| out.push(f));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------------------------

/// Errors building a [`TextScanner`] from lexicons (policy or built-in).
#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    /// A phrase is empty or only whitespace: it would match everywhere.
    #[error("lexicon `{category}`: phrase #{index} is empty")]
    EmptyPhrase { category: Category, index: usize },
    /// Lexicons are for the special categories of S2 only; identifiers use checksums.
    #[error("lexicon `{category}`: not a special category (expected one of health, ethnic_origin, political_opinion, religion, trade_union, genetic, biometric, sex_life, criminal, social_difficulty)")]
    NotSpecial { category: Category },
    /// A phrase spans a clause separator, so the clause to redact would be ill-defined.
    #[error("lexicon `{category}`: phrase `{phrase}` contains a clause separator (. ! ? ; , or newline)")]
    SeparatorInPhrase { category: Category, phrase: String },
    /// The automaton could not be built (too many or too long phrases).
    #[error("cannot build the lexicon automaton")]
    Automaton(#[from] aho_corasick::BuildError),
    /// The automaton does not support the search it was built for (a bug, not a policy error).
    #[error("lexicon automaton does not support unanchored search")]
    Search(#[from] aho_corasick::MatchError),
}

/// The result of a scan that found something: the redacted text and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The text with each finding replaced in place by `[redacted:<category>]`.
    pub text: String,
    /// Categories found, de-duplicated, in order of first occurrence in the text.
    pub categories: Vec<Category>,
}

/// Free-text scanner (S3), built once at start-up from the lexicons of the policy (or
/// [`default_lexicons`]) and shared by all workers (`Send + Sync`).
pub struct TextScanner {
    dfa: DFA,
    start: StateID,
    /// Category of each pattern, indexed by pattern id.
    categories: Vec<Category>,
}

impl fmt::Debug for TextScanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextScanner")
            .field("phrases", &self.categories.len())
            .finish_non_exhaustive()
    }
}

/// A lexicon phrase found in folded text, mapped back to the original text.
struct LexiconHit {
    /// Byte offset of the first character of the hit in the original text.
    start: usize,
    /// Byte offset of the last character of the hit in the original text.
    last: usize,
    category: Category,
}

/// A region of the original text to replace by a redaction marker.
struct Replacement {
    start: usize,
    end: usize,
    category: Category,
}

impl TextScanner {
    /// Builds the scanner from `(category, phrases)` lexicons.
    ///
    /// # Errors
    ///
    /// [`DetectError::NotSpecial`] for a lexicon whose category is not special (S2),
    /// [`DetectError::EmptyPhrase`], [`DetectError::SeparatorInPhrase`], and automaton
    /// construction failures.
    pub fn new(lexicons: &[(Category, Vec<String>)]) -> Result<TextScanner, DetectError> {
        let mut patterns = Vec::new();
        let mut categories = Vec::new();
        for (category, phrases) in lexicons {
            let category = *category;
            if !category.is_special() {
                return Err(DetectError::NotSpecial { category });
            }
            for (index, phrase) in phrases.iter().enumerate() {
                if phrase.bytes().any(is_clause_separator) {
                    return Err(DetectError::SeparatorInPhrase {
                        category,
                        phrase: phrase.clone(),
                    });
                }
                let folded = fold_phrase(phrase);
                if folded.is_empty() {
                    return Err(DetectError::EmptyPhrase { category, index });
                }
                patterns.push(folded);
                categories.push(category);
            }
        }
        // Standard semantics report every phrase ending at each position (overlapping), which
        // the word-boundary check needs: "délégué syndical" and "syndical" both end there.
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Unanchored)
            .build(&patterns)?;
        let start = dfa.start_state(Anchored::No)?;
        Ok(TextScanner {
            dfa,
            start,
            categories,
        })
    }

    /// Scans free text. Returns `None` when nothing is found (the common case, without
    /// allocating), otherwise the redacted text and the categories found.
    ///
    /// Identifiers (NIR, payment card, IBAN) with a valid checksum are replaced in place; a
    /// lexicon hit replaces its whole clause (text between `. ! ? ; ,` or newlines, which are
    /// kept), since the statement around the keyword is the sensitive part.
    pub fn scan(&self, text: &str) -> Option<Redaction> {
        // Clean path: one cheap pass each, no allocation.
        if next_identifier(text, 0).is_none() && !self.may_contain_phrase(text) {
            return None;
        }
        self.redact(text)
    }

    /// Whether any lexicon phrase occurs in the folded text, ignoring word boundaries (a cheap
    /// over-approximation: [`TextScanner::redact`] checks boundaries).
    fn may_contain_phrase(&self, text: &str) -> bool {
        if self.categories.is_empty() {
            return false;
        }
        let dfa = &self.dfa;
        let step = |sid: &mut StateID, b: u8| {
            *sid = dfa.next_state(Anchored::No, *sid, b);
            dfa.is_special(*sid) && dfa.is_match(*sid)
        };
        let bytes = text.as_bytes();
        let mut sid = self.start;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                // ASCII folds to its lower case, which the automaton already matches (ASCII
                // case-insensitive), so the byte is fed as is.
                if step(&mut sid, b) {
                    return true;
                }
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                return true; // unreachable (i is on a char boundary); "maybe" is the safe answer
            };
            i += c.len_utf8();
            let mut found = false;
            fold_char(c, &mut |f| {
                let mut buf = [0u8; 4];
                for &b in f.encode_utf8(&mut buf).as_bytes() {
                    found |= step(&mut sid, b);
                }
            });
            if found {
                return true;
            }
        }
        false
    }

    /// Lexicon hits on whole words, in order of position in the original text.
    fn phrase_hits(&self, text: &str) -> Vec<LexiconHit> {
        if self.categories.is_empty() {
            return Vec::new();
        }
        // Folded copy of the text plus, for each folded byte, the offset of its source char.
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (offset, c) in text.char_indices() {
            fold_char(c, &mut |f| {
                folded.push(f);
                origin.extend(std::iter::repeat_n(offset, f.len_utf8()));
            });
        }
        let mut hits = Vec::new();
        let mut sid = self.start;
        for (i, &b) in folded.as_bytes().iter().enumerate() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if !(self.dfa.is_special(sid) && self.dfa.is_match(sid)) {
                continue;
            }
            let end = i + 1;
            for k in 0..self.dfa.match_len(sid) {
                let pid = self.dfa.match_pattern(sid, k);
                let Some(start) = end.checked_sub(self.dfa.pattern_len(pid)) else {
                    continue;
                };
                let whole_word = folded.is_char_boundary(start)
                    && !alnum_before(&folded, start)
                    && !alnum_at(&folded, end);
                let category = self.categories.get(pid.as_usize()).copied();
                if let (true, Some(category), Some(&start), Some(&last)) =
                    (whole_word, category, origin.get(start), origin.get(i))
                {
                    hits.push(LexiconHit {
                        start,
                        last,
                        category,
                    });
                }
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }

    /// Slow path: collect every finding and build the redacted text.
    fn redact(&self, text: &str) -> Option<Redaction> {
        let mut identifiers = Vec::new();
        let mut from = 0;
        while let Some(found) = next_identifier(text, from) {
            from = found.end;
            identifiers.push(found);
        }
        let hits = self.phrase_hits(text);
        if identifiers.is_empty() && hits.is_empty() {
            return None;
        }

        // Categories in order of first occurrence.
        let mut occurrences: Vec<(usize, Category)> = identifiers
            .iter()
            .map(|f| (f.start, f.category))
            .chain(hits.iter().map(|h| (h.start, h.category)))
            .collect();
        occurrences.sort_by_key(|&(at, _)| at);
        let mut categories = Vec::new();
        for (_, c) in occurrences {
            if !categories.contains(&c) {
                categories.push(c);
            }
        }

        // One replacement per clause holding a hit (labelled by its first hit), plus each
        // identifier outside those clauses. Identifiers are opaque to clause splitting (their
        // dots and dashes are not separators), so clauses and identifiers nest or are disjoint.
        let mut replacements: Vec<Replacement> = Vec::new();
        for hit in &hits {
            let (start, end) = clause_around(text, &identifiers, hit.start, hit.last);
            if !replacements.iter().any(|r| r.start == start) {
                replacements.push(Replacement {
                    start,
                    end,
                    category: hit.category,
                });
            }
        }
        for f in &identifiers {
            if !replacements
                .iter()
                .any(|r| r.start <= f.start && f.end <= r.end)
            {
                replacements.push(Replacement {
                    start: f.start,
                    end: f.end,
                    category: f.category,
                });
            }
        }
        replacements.sort_by_key(|r| r.start);

        let mut out = String::with_capacity(text.len() + 24 * replacements.len());
        let mut copied = 0;
        for r in &replacements {
            if r.start < copied {
                // Cannot happen (replacements are disjoint); never emit original text twice.
                continue;
            }
            out.push_str(text.get(copied..r.start)?);
            out.push_str("[redacted:");
            out.push_str(r.category.as_str());
            out.push(']');
            copied = r.end;
        }
        out.push_str(text.get(copied..)?);
        Some(Redaction {
            text: out,
            categories,
        })
    }
}

/// The clause containing the bytes `first..=last` of `text`: bounded by clause separators
/// (skipping those inside identifiers) and trimmed of surrounding whitespace.
fn clause_around(text: &str, identifiers: &[Found], first: usize, last: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let inside = |at: usize| identifiers.iter().find(|f| f.start <= at && at < f.end);
    let mut start = first;
    while start > 0 {
        let at = start - 1;
        if is_clause_separator(bytes[at]) {
            match inside(at) {
                Some(f) => start = f.start,
                None => break,
            }
        } else {
            start = at;
        }
    }
    let mut end = last;
    while end < bytes.len() {
        if is_clause_separator(bytes[end]) {
            match inside(end) {
                Some(f) => end = f.end,
                None => break,
            }
        } else {
            end += 1;
        }
    }
    // Keep the whitespace around the clause (", pas d'appel") outside the marker.
    let clause = text.get(start..end).unwrap_or_default();
    let leading = clause.len() - clause.trim_start().len();
    let trailing = clause.len() - clause.trim_end().len();
    if leading + trailing >= clause.len() {
        return (start, end);
    }
    (start + leading, end - trailing)
}

/// Built-in French and English lexicon for every special category (S2), used when the policy
/// does not provide its own.
///
/// Phrases are chosen for lead messages: words whose ordinary meaning is not sensitive are left
/// out or only used in a sensitive phrase (`condamné pour`, not `condamné`, which also means a
/// walled-up door; `détenu` is omitted, `compte détenu par` is ordinary banking French;
/// `militant politique`, not `militant`). Matching is whole-word, case- and accent-insensitive, so one
/// spelling per word is enough; plurals and feminine forms are separate words.
pub fn default_lexicons() -> Vec<(Category, Vec<String>)> {
    fn phrases(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| (*p).to_string()).collect()
    }
    vec![
        (
            Category::Health,
            phrases(&[
                "diabète",
                "diabétique",
                "cancer",
                "enceinte",
                "grossesse",
                "handicap",
                "handicapé",
                "handicapée",
                "maladie",
                "maladie chronique",
                "séropositif",
                "séropositive",
                "dépression",
                "chimiothérapie",
                "pregnant",
                "pregnancy",
                "diabetes",
                "diabetic",
                "disability",
                "chemotherapy",
            ]),
        ),
        (
            Category::EthnicOrigin,
            phrases(&[
                "origine ethnique",
                "origine raciale",
                "ethnie",
                "ethnicité",
                "minorité ethnique",
                "maghrébin",
                "maghrébine",
                "d'origine maghrébine",
                "d'origine africaine",
                "d'origine asiatique",
                "ethnic origin",
                "ethnicity",
                "racial origin",
                "ethnic background",
                "ethnic minority",
            ]),
        ),
        (
            Category::PoliticalOpinion,
            phrases(&[
                "opinion politique",
                "opinions politiques",
                "militant politique",
                "militante politique",
                "membre du parti",
                "adhérent du parti",
                "parti socialiste",
                "rassemblement national",
                "france insoumise",
                "les républicains",
                "communiste",
                "anarchiste",
                "extrême droite",
                "extrême gauche",
                "political opinion",
                "political views",
                "party member",
                "communist",
                "far-right",
                "far-left",
            ]),
        ),
        (
            Category::Religion,
            phrases(&[
                "musulman",
                "musulmane",
                "catholique",
                "juif",
                "juive",
                "chrétien",
                "chrétienne",
                "protestant",
                "protestante",
                "bouddhiste",
                "mosquée",
                "synagogue",
                "église",
                "ramadan",
                "athée",
                "muslim",
                "jewish",
                "catholic",
                "christian",
                "atheist",
            ]),
        ),
        (
            Category::TradeUnion,
            phrases(&[
                "syndicat",
                "syndical",
                "syndicale",
                "syndiqué",
                "syndiquée",
                "délégué syndical",
                "déléguée syndicale",
                "cgt",
                "cfdt",
                "force ouvrière",
                "cfe-cgc",
                "trade union",
                "union member",
                "labour union",
                "labor union",
                "shop steward",
            ]),
        ),
        (
            Category::Genetic,
            phrases(&[
                "test génétique",
                "tests génétiques",
                "analyse génétique",
                "maladie génétique",
                "maladie héréditaire",
                "prédisposition génétique",
                "mutation génétique",
                "test adn",
                "séquençage",
                "génome",
                "brca",
                "genetic test",
                "genetic testing",
                "dna test",
                "genetic disorder",
                "hereditary disease",
                "gene mutation",
                "genome sequencing",
            ]),
        ),
        (
            Category::Biometric,
            phrases(&[
                "empreinte digitale",
                "empreintes digitales",
                "reconnaissance faciale",
                "données biométriques",
                "biométrique",
                "biométriques",
                "empreinte vocale",
                "scan de l'iris",
                "scan rétinien",
                "fingerprint",
                "fingerprints",
                "facial recognition",
                "biometric",
                "biometrics",
                "iris scan",
                "retina scan",
                "voiceprint",
            ]),
        ),
        (
            Category::SexLife,
            phrases(&[
                "homosexuel",
                "homosexuelle",
                "lesbienne",
                "bisexuel",
                "bisexuelle",
                "transgenre",
                "orientation sexuelle",
                "vie sexuelle",
                "gay",
                "lgbt",
                "homosexual",
                "lesbian",
                "bisexual",
                "transgender",
                "sexual orientation",
                "sex life",
            ]),
        ),
        (
            Category::Criminal,
            phrases(&[
                "casier judiciaire",
                "condamné pour",
                "condamnée pour",
                "condamnation pénale",
                "prison",
                "incarcéré",
                "incarcérée",
                "garde à vue",
                "bracelet électronique",
                "libération conditionnelle",
                "mis en examen",
                "mise en examen",
                "criminal record",
                "convicted",
                "felony",
                "jail",
                "prison sentence",
                "on probation",
            ]),
        ),
        (
            Category::SocialDifficulty,
            phrases(&[
                "rsa",
                "revenu de solidarité active",
                "surendettement",
                "surendetté",
                "surendettée",
                "interdit bancaire",
                "fiché banque de france",
                "sans domicile fixe",
                "sdf",
                "sans-abri",
                "sans abri",
                "expulsion locative",
                "minima sociaux",
                "restos du cœur",
                "aide alimentaire",
                "homeless",
                "food bank",
                "welfare benefits",
                "bankruptcy",
            ]),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The default scanner, built once for all tests (as in production).
    fn scanner() -> &'static TextScanner {
        static SCANNER: std::sync::OnceLock<TextScanner> = std::sync::OnceLock::new();
        SCANNER
            .get_or_init(|| TextScanner::new(&default_lexicons()).expect("default lexicons build"))
    }

    fn compact(s: &str) -> String {
        s.chars().filter(|c| *c != ' ').collect()
    }

    // -- checksums --------------------------------------------------------------------------

    #[test]
    fn nir_vectors() {
        assert!(nir_valid("184011361725217"));
        assert!(nir_valid("2 70 12 69 765 674 81"));
        assert!(nir_valid("2 62 08 69 099 888 96"));
        assert!(!nir_valid("1 55 12 59 146 946 35"));
        assert!(!nir_valid("1 41 01 59 904 809 58"));
        // Structure: sex digit, length, alphabet.
        assert!(!nir_valid("584011361725217"));
        assert!(!nir_valid("18401136172521"));
        assert!(!nir_valid("1840113617252170"));
        assert!(!nir_valid("18401136172521x"));
        assert!(!nir_valid(""));
    }

    /// Builds a NIR with a correct key from its 13 first characters (2A/2B allowed).
    fn with_key(first13: &str) -> String {
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

    #[test]
    fn luhn_vectors() {
        for v in [
            "4037 5196 6407 3531",
            "4606 1583 5174 9847",
            "4246141627437328",
        ] {
            assert!(luhn_valid(&compact(v)), "{v}");
        }
        for v in ["4340 5477 3038 7950", "4320 9756 6342 0330"] {
            assert!(!luhn_valid(&compact(v)), "{v}");
        }
        assert!(!luhn_valid("4037 5196 6407 3531"), "spaces are not digits");
        assert!(!luhn_valid("000000000000"), "12 digits is too short");
        assert!(!luhn_valid("00000000000000000000"), "20 digits is too long");
        assert!(luhn_valid("0000000000000"));
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
        ] {
            assert!(iban_valid(v), "{v}");
        }
        for v in [
            "FR85 4839 1575 3273 4274 2936 757",
            "FR81 3004 2322 2013 7707 0373 141",
            "FR84",
            "8484 7117 5683 8140 0453 6591 271",
            "FR84-7117-5683-8140-0453-6591-271",
            "",
        ] {
            assert!(!iban_valid(v), "{v}");
        }
    }

    // -- scanner: identifiers ---------------------------------------------------------------

    #[test]
    fn nir_in_text() {
        let s = scanner();
        let r = s
            .scan("Mon numéro de sécu : 2 70 12 69 765 674 81, merci.")
            .expect("found");
        assert_eq!(
            r.text,
            "Mon numéro de sécu : [redacted:national_id], merci."
        );
        assert_eq!(r.categories, vec![Category::NationalId]);
        let r = s.scan("NIR 2 62 08 69 099 888 96").expect("found");
        assert_eq!(r.text, "NIR [redacted:national_id]");
        let r = s.scan("184011361725217").expect("found");
        assert_eq!(r.text, "[redacted:national_id]");
        assert_eq!(
            s.scan("Mon numéro de sécu : 1 55 12 59 146 946 35, merci."),
            None
        );
        assert_eq!(s.scan("NIR 1 41 01 59 904 809 58"), None);
        let corsica = with_key("184012A004512");
        let corsica = format!("{} {} {}", &corsica[..5], &corsica[5..7], &corsica[7..]);
        let r = s.scan(&format!("sécu {corsica} ok")).expect("found");
        assert_eq!(r.text, "sécu [redacted:national_id] ok");
    }

    #[test]
    fn cards_in_text() {
        let s = scanner();
        for v in [
            "4037 5196 6407 3531",
            "4606 1583 5174 9847",
            "4246141627437328",
            "4037-5196-6407-3531",
            "4037.5196.6407.3531",
        ] {
            let r = s.scan(&format!("carte {v} svp")).expect(v);
            assert_eq!(r.text, "carte [redacted:payment_card] svp");
            assert_eq!(r.categories, vec![Category::PaymentCard]);
        }
        for v in ["4340 5477 3038 7950", "4320 9756 6342 0330"] {
            assert_eq!(s.scan(&format!("carte {v} svp")), None, "{v}");
        }
    }

    #[test]
    fn ibans_in_text() {
        let s = scanner();
        for v in [
            "FR84 7117 5683 8140 0453 6591 271",
            "FR81 8529 3944 3983 7643 5042 057",
            "FR8375612535268751648434831",
        ] {
            let r = s.scan(&format!("Mon IBAN : {v}. Merci")).expect(v);
            assert_eq!(r.text, "Mon IBAN : [redacted:iban]. Merci");
            assert_eq!(r.categories, vec![Category::Iban]);
            // A trailing uppercase word is not taken into the IBAN.
            let r = s.scan(&format!("IBAN {v} OK")).expect(v);
            assert_eq!(r.text, "IBAN [redacted:iban] OK");
        }
        for v in [
            "FR85 4839 1575 3273 4274 2936 757",
            "FR81 3004 2322 2013 7707 0373 141",
        ] {
            assert_eq!(s.scan(&format!("Mon IBAN : {v}. Merci")), None, "{v}");
        }
    }

    #[test]
    fn example_sentences() {
        let s = scanner();
        let r = s
            .scan("Je suis musulman pratiquant, pas d'appel le vendredi.")
            .expect("found");
        assert_eq!(r.text, "[redacted:religion], pas d'appel le vendredi.");
        assert_eq!(r.categories, vec![Category::Religion]);

        let r = s
            .scan("Vous pouvez débiter ma carte 4037 5196 6407 3531 exp 12/28.")
            .expect("found");
        assert_eq!(
            r.text,
            "Vous pouvez débiter ma carte [redacted:payment_card] exp 12/28."
        );
        assert_eq!(r.categories, vec![Category::PaymentCard]);
    }

    #[test]
    fn clean_messages() {
        let s = scanner();
        for text in [
            "Call me after 6pm",
            "Commande numéro 4340 5477 3038 7950 livrée incomplète.",
            "Rappelez-moi au 06 12 34 56 78 demain matin svp.",
            "Budget 25 000 €, livraison le 12.03.2026, réf. CMD4037519664073531.",
            "",
            "Le syndicalisme ne m'intéresse pas.",
        ] {
            assert_eq!(s.scan(text), None, "{text}");
        }
    }

    #[test]
    fn trade_union_whole_clause() {
        let s = scanner();
        let r = s
            .scan("Je suis délégué syndical CGT dans mon entreprise.")
            .expect("found");
        assert_eq!(r.text, "[redacted:trade_union].");
        assert_eq!(r.categories, vec![Category::TradeUnion]);
    }

    #[test]
    fn whole_words_only() {
        let s = scanner();
        // "syndicalisme" contains "syndical", "prisonnier" contains "prison",
        // "grossesses" is not in the lexicon, "gayet" (a name) contains "gay".
        for text in [
            "Le syndicalisme, vaste sujet",
            "Un film sur un prisonnier",
            "Julie Gayet",
        ] {
            assert_eq!(s.scan(text), None, "{text}");
        }
        assert!(s.scan("Toujours en prison!").is_some());
        assert!(
            s.scan("l'église du village").is_some(),
            "apostrophe is a boundary"
        );
    }

    #[test]
    fn case_accent_and_apostrophe_insensitive() {
        let s = scanner();
        for text in [
            "je suis DIABÉTIQUE",
            "je suis diabetique",
            "je suis Diabe\u{301}tique",
            "Délégué Syndical",
            "un ami d’origine maghrébine",
            "cet homme est SéROPOSITIF",
        ] {
            assert!(s.scan(text).is_some(), "{text}");
        }
    }

    #[test]
    fn clauses_and_categories_in_order() {
        let s = scanner();
        let r = s
            .scan("Bonjour; je suis enceinte, et catholique! Carte 4037 5196 6407 3531.\nMerci")
            .expect("found");
        assert_eq!(
            r.text,
            "Bonjour; [redacted:health], [redacted:religion]! Carte [redacted:payment_card].\nMerci"
        );
        assert_eq!(
            r.categories,
            vec![Category::Health, Category::Religion, Category::PaymentCard]
        );
        // Two categories in one clause: one marker (first hit), both categories reported.
        let r = s.scan("juif et diabétique").expect("found");
        assert_eq!(r.text, "[redacted:religion]");
        assert_eq!(r.categories, vec![Category::Religion, Category::Health]);
        // An identifier inside a redacted clause is covered by the clause, dots included.
        let r = s
            .scan("ok, musulman 4037.5196.6407.3531 voilà, fin")
            .expect("found");
        assert_eq!(r.text, "ok, [redacted:religion], fin");
        assert_eq!(
            r.categories,
            vec![Category::Religion, Category::PaymentCard]
        );
    }

    #[test]
    fn lexicon_validation() {
        let err = TextScanner::new(&[(Category::Email, vec!["x".into()])]).unwrap_err();
        assert!(matches!(err, DetectError::NotSpecial { .. }));
        let err =
            TextScanner::new(&[(Category::Health, vec!["ok".into(), "  ".into()])]).unwrap_err();
        assert!(matches!(err, DetectError::EmptyPhrase { index: 1, .. }));
        let err = TextScanner::new(&[(Category::Health, vec!["a, b".into()])]).unwrap_err();
        assert!(matches!(err, DetectError::SeparatorInPhrase { .. }));
        // No lexicon at all: identifiers only.
        let s = TextScanner::new(&[]).expect("empty lexicon");
        assert_eq!(s.scan("je suis musulman"), None);
        assert!(s.scan("carte 4037 5196 6407 3531").is_some());
        // A policy lexicon replaces the default one.
        let s = TextScanner::new(&[(Category::Health, vec!["Migraine".into()])]).expect("ok");
        assert!(s.scan("j'ai une MIGRAINE").is_some());
        assert_eq!(s.scan("je suis musulman"), None);
    }

    #[test]
    fn default_lexicons_cover_every_special_category() {
        let lexicons = default_lexicons();
        for category in Category::ALL.iter().filter(|c| c.is_special()) {
            let phrases = lexicons
                .iter()
                .find(|(c, _)| c == category)
                .map(|(_, p)| p.len())
                .unwrap_or(0);
            assert!((8..=20).contains(&phrases), "{category}: {phrases} phrases");
        }
        assert_eq!(lexicons.len(), 10);
    }

    #[test]
    fn scanner_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<TextScanner>();
    }

    // -- properties -------------------------------------------------------------------------

    /// Completes `body` (12..=18 digits) with its Luhn check digit.
    fn luhn_complete(body: &str) -> String {
        (0..=9)
            .map(|d| format!("{body}{d}"))
            .find(|n| luhn_valid(n))
            .unwrap_or_default()
    }

    /// Writes digits in groups of four with a separator.
    fn grouped(digits: &str, sep: &str) -> String {
        digits
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(sep)
    }

    proptest! {
        #[test]
        fn luhn_valid_numbers_are_redacted(
            body in "[1-9][0-9]{11,17}",
            sep in prop::sample::select(vec!["", " ", "-", "."]),
            before in prop::sample::select(vec!["", "carte", "Card number:", "ma CB n°", "(", "débitez la"]),
            after in prop::sample::select(vec!["", "merci", "exp 12/28.", ")", ", svp", "\n"]),
        ) {
            let number = luhn_complete(&body);
            let written = grouped(&number, sep);
            let text = format!("{before} {written} {after}");
            let r = scanner().scan(&text);
            prop_assert!(r.is_some(), "not found in {:?}", text);
            let r = r.unwrap_or_else(|| unreachable!());
            prop_assert!(!r.text.contains(&written));
            prop_assert!(!compact(&r.text).contains(&number));
            prop_assert_eq!(r.text, format!("{before} [redacted:{}] {after}", r.categories[0]));
            // A 15-digit Luhn number can also be a valid NIR (checked first); either way it is
            // redacted.
            prop_assert!(r.categories == vec![Category::PaymentCard] || r.categories == vec![Category::NationalId]);
        }

        #[test]
        fn numbers_with_one_digit_changed_are_left(
            body in "[1-9][0-9]{11,17}",
            pos in any::<prop::sample::Index>(),
            delta in 1u8..=9,
            sep in prop::sample::select(vec!["", " ", "-"]),
        ) {
            let valid = luhn_complete(&body);
            let mut bytes = valid.clone().into_bytes();
            let i = pos.index(bytes.len());
            bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap_or_default();
            // Luhn detects every single-digit error.
            prop_assert!(!luhn_valid(&changed));
            let text = format!("ref {} fin", grouped(&changed, sep));
            let found = scanner().scan(&text);
            // Unless the changed number happens to be a valid NIR, nothing is found.
            if !(changed.len() == 15 && nir_valid(&changed)) {
                prop_assert_eq!(found, None, "{}", text);
            }
        }

        #[test]
        fn redacted_text_holds_no_identifier(
            text in "[0-9a-zA-Z .,-]{0,40}",
            body in "[1-9][0-9]{11,17}",
            tail in "[0-9a-zA-Z .,-]{0,40}",
        ) {
            let text = format!("{text} carte {} merci {tail}", luhn_complete(&body));
            let r = scanner().scan(&text);
            prop_assert!(r.is_some(), "{}", text);
            let r = r.unwrap_or_else(|| unreachable!());
            prop_assert!(!r.categories.is_empty());
            prop_assert_eq!(next_identifier(&r.text, 0), None, "{}", r.text);
        }

        #[test]
        fn valid_nirs_are_found(
            sex in prop::sample::select(vec!['1', '2']),
            body in "[0-9]{4}",
            dept in prop::sample::select(vec!["75", "69", "2A", "2B", "13"]),
            rest in "[0-9]{6}",
        ) {
            let nir = with_key(&format!("{sex}{body}{dept}{rest}"));
            prop_assert!(nir_valid(&nir));
            let r = scanner().scan(&format!("sécu: {nir}."));
            prop_assert_eq!(r.map(|r| r.text), Some("sécu: [redacted:national_id].".to_string()));
        }
    }
}
