//! The free-text scanner (S1, S2, S3) and the checksums of forbidden identifiers.
//!
//! Free text (messages, comments, notes) is where people paste what a form never asked for: a
//! card number "so you can charge me", a social-security number, a bank account, their e-mail
//! address again, or a sentence about their health or religion. S1 forbids the identifiers from
//! ever reaching a CRM, S3 asks for them and for special-category statements (S2) to be redacted
//! in place, and an e-mail address or phone number typed into a message must not reach a
//! destination that may not have the matching field.
//!
//! Identifiers are only reported when their checksum and structure hold ([`checksum`]): a long
//! order number is far more common in a lead message than a card number, and redacting it would
//! destroy the lead for nothing. Special-category statements are found with vocabularies kept as
//! data files ([`vocabulary`], `lexicons/`), matched with morphology and clause rules
//! ([`lexicon`]); the whole clause around a hit is redacted, because the sensitive information is
//! the statement ("je suis diabétique depuis 2010"), not the single keyword.
//!
//! # Layout
//!
//! - [`checksum`]: NIR, Luhn with issuer prefixes, IBAN with the ISO 13616 lengths.
//! - [`identifiers`]: identifiers, e-mail addresses and phone numbers as people write them.
//! - [`fold`]: case and accent folding, words and clauses.
//! - [`vocabulary`]: the vocabulary files and the policy's changes to them.
//! - [`lexicon`]: the compiled special-category matcher.
//!
//! The scanner runs on every free-text field of every event, so the clean path (nothing found)
//! performs no allocation: one pass over the text for numbers, one automaton walk for words.

mod checksum;
mod fold;
mod iban_registry;
mod identifiers;
mod lexicon;
mod obfuscated;
mod phone_words;
pub mod vocabulary;

pub use checksum::{iban_valid, luhn_valid, nir_valid};

/// The shortest text that can hold a forbidden identifier (a 13-digit card number).
pub const SHORTEST_IDENTIFIER: usize = checksum::CARD_MIN;
pub use vocabulary::{Lang, Section, Vocabulary, VocabularyChange};

use crate::category::Category;
use identifiers::{Finder, Found};
use lexicon::{Lexicon, LexiconHit};
use std::fmt;

/// Errors building a [`TextScanner`].
#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    /// Vocabulary entries that cannot be compiled, every one listed.
    #[error("{}", .0.join("; "))]
    Vocabulary(Vec<String>),
    /// The automaton could not be built (too many or too long words).
    #[error("cannot build the vocabulary automaton")]
    Automaton(#[from] aho_corasick::BuildError),
    /// The automaton does not support the search it was built for (a bug, not a policy error).
    #[error("vocabulary automaton does not support anchored search")]
    Search(#[from] aho_corasick::MatchError),
}

/// The result of a scan that found something, with every finding redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The text with each finding replaced in place by `[redacted:<category>]`.
    pub text: String,
    /// Categories found, de-duplicated, in order of first occurrence in the text.
    pub categories: Vec<Category>,
}

/// A region of the original text to replace by a redaction marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Replacement {
    start: usize,
    end: usize,
    category: Category,
}

/// What the scanner found in one text: where to redact, and what.
///
/// Special categories and forbidden identifiers are redacted in every copy; an e-mail address or
/// phone number only in the copies of destinations that may not have the matching field in
/// clear, so one scan serves every destination ([`ScannedText::render`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedText {
    replacements: Vec<Replacement>,
    /// Categories found, de-duplicated, in order of first occurrence in the text.
    pub categories: Vec<Category>,
}

/// The contact details a copy may keep in clear inside free text: those whose field the
/// destination receives in clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContactsKept {
    pub email: bool,
    pub phone: bool,
}

impl ContactsKept {
    /// Every contact detail kept: what is redacted then is redacted in every copy.
    pub const ALL: ContactsKept = ContactsKept {
        email: true,
        phone: true,
    };

    fn keeps(self, c: Category) -> bool {
        match c {
            Category::Email => self.email,
            Category::Phone => self.phone,
            _ => false,
        }
    }
}

impl ScannedText {
    /// Whether every copy gets the same text: nothing found that a copy may keep (no e-mail
    /// address or phone number outside a redacted clause).
    pub fn same_for_every_copy(&self) -> bool {
        !self
            .replacements
            .iter()
            .any(|r| matches!(r.category, Category::Email | Category::Phone))
    }

    /// Whether some finding is redacted whatever a copy keeps.
    pub fn always_redacts(&self) -> bool {
        self.replacements
            .iter()
            .any(|r| !ContactsKept::ALL.keeps(r.category))
    }

    /// The byte ranges of the text to replace and the category of each, in text order. Public
    /// for the fuzz targets (`fuzz/`), which check that no redacted span survives in a copy.
    pub fn spans(&self) -> impl Iterator<Item = (std::ops::Range<usize>, Category)> + '_ {
        self.replacements
            .iter()
            .map(|r| (r.start..r.end, r.category))
    }

    /// The text as a copy that keeps `kept` receives it; `None` when that copy has nothing to
    /// redact (only contact details it may keep).
    pub fn render(&self, text: &str, kept: ContactsKept) -> Option<String> {
        let mut out: Option<String> = None;
        let mut copied = 0;
        for r in self.replacements.iter().filter(|r| !kept.keeps(r.category)) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 24));
            o.push_str(text.get(copied..r.start)?);
            o.push_str("[redacted:");
            o.push_str(r.category.as_str());
            o.push(']');
            copied = r.end;
        }
        let mut o = out?;
        o.push_str(text.get(copied..)?);
        Some(o)
    }
}

/// Free-text scanner (S3), built once at start-up from the vocabularies of the policy and
/// shared by all workers (`Send + Sync`).
pub struct TextScanner {
    lexicon: Lexicon,
    /// For phone numbers written without their international prefix (C6).
    country_code: String,
}

impl fmt::Debug for TextScanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextScanner")
            .field("country_code", &self.country_code)
            .finish_non_exhaustive()
    }
}

impl TextScanner {
    /// Compiles the vocabularies; `country_code` resolves national phone numbers (C6).
    ///
    /// # Errors
    ///
    /// [`DetectError::Vocabulary`] with every entry that cannot be compiled (unknown class,
    /// misplaced gap, clause separator), and automaton construction failures.
    pub fn new(vocabulary: &Vocabulary, country_code: &str) -> Result<TextScanner, DetectError> {
        Ok(TextScanner {
            lexicon: Lexicon::new(vocabulary)?,
            country_code: country_code.to_string(),
        })
    }

    /// Finds what free text holds. Returns `None` when nothing is found (the common case,
    /// without allocating).
    ///
    /// Identifiers (NIR, payment card, IBAN) with a valid checksum, e-mail addresses and phone
    /// numbers are replaced in place; a special-category statement replaces its whole clause
    /// (text between `. ! ? ; ,` or newlines, which are kept).
    pub fn find(&self, text: &str) -> Option<ScannedText> {
        let mut finder = Finder::new(text, &self.country_code);
        let first = finder.next();
        let clauses = self.lexicon.candidate_clauses(text);
        // Hits also come from outside the candidate clauses (the signature rule).
        let hits = self.lexicon.hits(text, &clauses);
        if first.is_none() && hits.is_empty() {
            return None;
        }
        let identifiers: Vec<Found> = first.into_iter().chain(finder).collect();
        let mut categories = categories_in_order(&identifiers, &hits);
        let replacements = whole_numbers(text, replacements(text, &identifiers, &hits));
        Some(ScannedText {
            replacements: identifiers_left_standing(text, replacements, &mut categories),
            categories,
        })
    }

    /// Finds only the forbidden identifiers (S1: NIR, payment card, IBAN with a valid checksum)
    /// in a text that is not free text: a product reference, a name or an event id holds no
    /// statement and no contact detail worth redacting, but a card number typed into it must not
    /// leave in clear either. `None` (without allocating) when there is none.
    pub fn find_identifiers(&self, text: &str) -> Option<ScannedText> {
        // Most structured values (names, cities, e-mail addresses) cannot hold one.
        if !identifiers::may_hold_identifier(text) {
            return None;
        }
        let found: Vec<Found> = Finder::identifiers(text).collect();
        if found.is_empty() {
            return None;
        }
        Some(ScannedText {
            categories: categories_in_order(&found, &[]),
            replacements: replacements(text, &found, &[]),
        })
    }

    /// `text` with its forbidden identifiers redacted ([`TextScanner::find_identifiers`]), or
    /// `None` when it has none.
    pub fn redact_identifiers(&self, text: &str) -> Option<String> {
        self.find_identifiers(text)?.render(text, ContactsKept::ALL)
    }

    /// Why a text is redacted: each special-category hit with the vocabulary entry that made
    /// it (file, section, entry) and the words it covers, in text order. For people tuning the
    /// vocabularies (`leadguard explain`); it shows the text, so it is never logged.
    pub fn explain(&self, text: &str) -> Vec<String> {
        self.lexicon
            .hits(text, &self.lexicon.candidate_clauses(text))
            .iter()
            .map(|h| {
                let end = h.last + text[h.last..].chars().next().map_or(0, char::len_utf8);
                format!(
                    "{}: \"{}\" by {}",
                    h.category,
                    &text[h.start..end],
                    self.lexicon.source(h.entry)
                )
            })
            .collect()
    }

    /// Every vocabulary entry matched in the text's candidate clauses, context words included:
    /// why a hit stayed or went (`leadguard explain --why`). It shows the text, so it is never
    /// logged.
    pub fn explain_matches(&self, text: &str) -> Vec<String> {
        self.lexicon.matches_explained(text)
    }

    /// Scans free text and redacts every finding, contact details included.
    pub fn scan(&self, text: &str) -> Option<Redaction> {
        let found = self.find(text)?;
        Some(Redaction {
            text: found.render(text, ContactsKept::default())?,
            categories: found.categories,
        })
    }
}

/// Categories in order of first occurrence.
fn categories_in_order(identifiers: &[Found], hits: &[LexiconHit]) -> Vec<Category> {
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
    categories
}

/// One replacement per clause holding a hit (labelled by its first hit), plus each identifier
/// outside those clauses. Identifiers are opaque to clause splitting (their dots and dashes are
/// not separators), so clauses and identifiers nest or are disjoint.
fn replacements(text: &str, identifiers: &[Found], hits: &[LexiconHit]) -> Vec<Replacement> {
    // Hits and identifiers come in text order: each list is read once (linear in the text).
    let mut clauses: Vec<Replacement> = Vec::new();
    for hit in hits {
        if clauses.last().is_some_and(|c| hit.start < c.end) {
            continue; // in the clause already redacted
        }
        let (start, end) = clause_around(text, identifiers, hit.start, hit.last);
        clauses.push(Replacement {
            start,
            end,
            category: hit.category,
        });
    }
    let mut out = Vec::with_capacity(clauses.len() + identifiers.len());
    let mut c = 0;
    for f in identifiers {
        while clauses.get(c).is_some_and(|r| r.end <= f.start) {
            out.push(clauses[c]);
            c += 1;
        }
        if !clauses
            .get(c)
            .is_some_and(|r| r.start <= f.start && f.end <= r.end)
        {
            out.push(Replacement {
                start: f.start,
                end: f.end,
                category: f.category,
            });
        }
    }
    out.extend_from_slice(&clauses[c..]);
    out
}

/// Widens each replacement that begins or ends inside a number (digits joined by separators
/// and a card's joints, as the finder reads them) over the whole number, and merges those that
/// then overlap: a marker cutting a longer number would leave part of it standing alone, where
/// it can read as a card number of its own. A merged replacement is labelled by the category
/// redacted in every copy, if either is one, so no copy keeps what another part must hide.
fn whole_numbers(text: &str, replacements: Vec<Replacement>) -> Vec<Replacement> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // The joint ending just before `i`, when a digit precedes it.
    let separator_before = |i: usize| {
        (1..=identifiers::NUMBER_JOINT_MAX).find(|&n| {
            i > n && identifiers::number_joint_len(bytes, i - n) == Some(n) && digit(i - n - 1)
        })
    };
    let separator_after = |i: usize| identifiers::number_joint_len(bytes, i);
    let mut out: Vec<Replacement> = Vec::with_capacity(replacements.len());
    for mut r in replacements {
        if digit(r.start) {
            loop {
                if r.start > 0 && digit(r.start - 1) {
                    r.start -= 1;
                } else if let Some(n) = separator_before(r.start) {
                    r.start -= n;
                } else {
                    break;
                }
            }
        }
        if r.end > r.start && digit(r.end - 1) {
            loop {
                if digit(r.end) {
                    r.end += 1;
                } else if let Some(n) = separator_after(r.end) {
                    r.end += n;
                } else {
                    break;
                }
            }
        }
        match out.last_mut() {
            Some(last) if r.start < last.end => {
                last.end = last.end.max(r.end);
                if ContactsKept::ALL.keeps(last.category) {
                    last.category = r.category;
                }
            }
            _ => out.push(r),
        }
    }
    out
}

/// Adds a replacement for each forbidden identifier that stands in a kept part of the text: a
/// run the reader rejects as a whole (too long for its country or issuer) can hold one at its
/// end, and a replacement that cuts the run there leaves it standing next to the marker
/// (`…IBAN MT84 MALT … 01S0 0003 24ra@…`: the e-mail address cut `0 0003 24` off a Maltese
/// IBAN). So no copy shows an identifier that a scan of it would find (S1), each kept part is
/// read again; one in which identifiers are found is cut by them, and only its new pieces are
/// read once more (a piece now starts or ends at a marker, which can make a candidate of what
/// was glued to the identifier).
fn identifiers_left_standing(
    text: &str,
    mut replacements: Vec<Replacement>,
    categories: &mut Vec<Category>,
) -> Vec<Replacement> {
    // Both stay empty, without allocating, unless a kept part holds an identifier (rare).
    let mut found = Vec::new();
    let mut pieces = Vec::new();
    let mut read = |from: usize, to: usize, pieces: &mut Vec<(usize, usize)>| {
        let part = &text[from..to];
        // Most kept parts have too few digits to hold one (the finder's own cheap test).
        if !identifiers::may_hold_identifier(part) {
            return;
        }
        let mut piece = from;
        for f in Finder::identifiers(part) {
            if !categories.contains(&f.category) {
                categories.push(f.category);
            }
            found.push(Replacement {
                start: from + f.start,
                end: from + f.end,
                category: f.category,
            });
            pieces.push((piece, from + f.start));
            piece = from + f.end;
        }
        if piece != from {
            pieces.push((piece, to));
        }
    };
    let mut kept_from = 0;
    for r in &replacements {
        read(kept_from, r.start, &mut pieces);
        kept_from = r.end;
    }
    read(kept_from, text.len(), &mut pieces);
    while let Some((from, to)) = pieces.pop() {
        read(from, to, &mut pieces);
    }
    if !found.is_empty() {
        replacements.append(&mut found);
        replacements.sort_by_key(|r| r.start);
    }
    replacements
}

/// The clause containing the bytes `first..=last` of `text`: bounded by clause separators
/// (skipping those inside identifiers) and trimmed of surrounding whitespace.
fn clause_around(text: &str, identifiers: &[Found], first: usize, last: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Identifiers are sorted and disjoint: the one around `at`, if any, by binary search.
    let inside = |at: usize| {
        let i = identifiers.partition_point(|f| f.start <= at);
        i.checked_sub(1)
            .map(|i| &identifiers[i])
            .filter(|f| at < f.end)
    };
    // A separator between two digits is inside a number (`3.5`, `4246.1416…`), not a clause
    // boundary: cutting there could leave part of a longer number standing alone as a valid
    // identifier next to the marker.
    let bounds = |at: usize| {
        fold::ends_clause(bytes, at)
            && !(at > 0
                && bytes[at - 1].is_ascii_digit()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
    };
    let mut start = first;
    while start > 0 {
        let at = start - 1;
        if bounds(at) {
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
        if bounds(end) {
            match inside(end) {
                Some(f) => end = f.end,
                None => {
                    // A dash is known at its last byte: the clause ends where it starts.
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    break;
                }
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

#[cfg(test)]
mod tests;
