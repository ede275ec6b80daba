//! E-mail addresses written to dodge address harvesters: `p.lemaire(at)gmail(dot)com`,
//! `jenny[at]wattsfamily[dot]net`, `dan dot oconnor at gmail dot com`, `sophie point renard
//! arobase laposte point net`. The writer still hands over an address, so a destination that must
//! not have one must not get it spelled out either (S3).
//!
//! `@` written in brackets (`(at)`, `[at]`, `{at}`, `(arobase)`…) is never an ordinary
//! word, so the domain after it may use real dots. `at` or `arobase` written as a word is; it
//! counts only when the domain spells its dots too (`dot`, `point`, `(dot)`…) and ends with a
//! known top-level domain: "I work at Amazon.com" is a sentence, not an address.
//!
//! The search is linear: the bytes that may start an `@` word are found by `memchr`, and an
//! address candidate reads a bounded number of bytes around its `@` word.

use super::identifiers::Found;
use crate::category::Category;

/// Words that stand for `@`.
const AT_WORDS: [&[u8]; 3] = [b"at", b"arobase", b"arrobase"];

/// Words that stand for `.`.
const DOT_WORDS: [&[u8]; 2] = [b"dot", b"point"];

/// Top-level domains that end an address whose `@` is a plain word.
const WORD_FORM_TLDS: [&[u8]; 24] = [
    b"com", b"net", b"org", b"fr", b"be", b"ch", b"ca", b"uk", b"io", b"de", b"eu", b"info",
    b"biz", b"us", b"ie", b"au", b"es", b"it", b"nl", b"lu", b"re", b"me", b"edu", b"gov",
];

/// Longest local part or domain read around an `@` word, in bytes.
const MAX_PART: usize = 128;

/// How the `@` was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// In brackets: `(at)`, `[arobase]`.
    Bracketed,
    /// As a word between spaces: ` at `, ` arobase `.
    Word,
}

/// The first address written so in `text[from..limit]` (it may end after `limit`).
pub(super) fn find(text: &str, from: usize, limit: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    if from >= limit {
        return None;
    }
    // An `@` word starts with a bracket, or is a space before an `a` (a word written in capitals
    // is taken in brackets only): both found by `memchr`, so a text without them (digits, most
    // words) is passed over at memory speed.
    let haystack = &bytes[from..limit];
    let mut brackets = memchr::memchr3_iter(b'(', b'[', b'{', haystack)
        .map(|p| from + p)
        .peekable();
    let mut words = memchr::memmem::find_iter(haystack, b" a")
        .map(|p| from + p)
        .peekable();
    loop {
        let i = match (brackets.peek(), words.peek()) {
            (Some(&b), Some(&w)) if b < w => brackets.next(),
            (Some(_), Some(_)) | (None, Some(_)) => words.next(),
            (Some(_), None) => brackets.next(),
            (None, None) => return None,
        }?;
        let Some((end, written)) = at_token(bytes, i) else {
            continue;
        };
        let Some(start) = local_start(text, i, written).filter(|&s| s >= from) else {
            continue;
        };
        if let Some(end) = domain_end(bytes, end, written) {
            return Some(Found {
                start,
                end,
                category: Category::Email,
            });
        }
    }
}

/// Whether `bytes[i..]` starts with `word` in any case, as a whole word.
fn word_at(bytes: &[u8], i: usize, word: &[u8]) -> bool {
    bytes
        .get(i..i + word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
        && !bytes
            .get(i + word.len())
            .is_some_and(u8::is_ascii_alphanumeric)
}

/// A token standing for `@` or `.` at `i` (`words`), in brackets or as a word between spaces:
/// where it ends (after its closing bracket, or its trailing space) and how it is written.
fn token(bytes: &[u8], i: usize, words: &[&[u8]]) -> Option<(usize, Written)> {
    match *bytes.get(i)? {
        open @ (b'(' | b'[' | b'{') => {
            let close = match open {
                b'(' => b')',
                b'[' => b']',
                _ => b'}',
            };
            words.iter().find_map(|w| {
                let end = i + 1 + w.len();
                (word_at(bytes, i + 1, w) && bytes.get(end) == Some(&close))
                    .then_some((end + 1, Written::Bracketed))
            })
        }
        b' ' => words.iter().find_map(|w| {
            let end = i + 1 + w.len();
            (word_at(bytes, i + 1, w) && bytes.get(end) == Some(&b' '))
                .then_some((end + 1, Written::Word))
        }),
        _ => None,
    }
}

fn at_token(bytes: &[u8], i: usize) -> Option<(usize, Written)> {
    token(bytes, i, &AT_WORDS)
}

/// Whether `c` may stand in a local part.
fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Start of the word of local-part characters that ends at `end`, if any.
fn word_start(text: &str, end: usize) -> Option<usize> {
    let mut base = end.saturating_sub(MAX_PART);
    while !text.is_char_boundary(base) {
        base += 1;
    }
    let head = text.get(base..end)?;
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| local_char(c))
        .last()
        .map(|(i, _)| base + i)?;
    Some(start + text[start..end].bytes().take_while(|&b| b == b'.').count()).filter(|&s| s < end)
}

/// Start of the local part before the `@` token at `at`: the word right before it (a space may
/// stand between a bracketed `@` and it), and the words joined to it by spelled-out dots
/// (`dan dot oconnor`).
fn local_start(text: &str, at: usize, written: Written) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = if written == Written::Bracketed && at > 0 && bytes[at - 1] == b' ' {
        at - 1
    } else {
        at
    };
    let mut start = word_start(text, end)?;
    // ` dot ` / ` point ` (or a bracketed dot) before the word joins the word before it.
    loop {
        let joined = DOT_WORDS.iter().find_map(|w| {
            let spelled = start.checked_sub(w.len() + 2)?;
            token(bytes, spelled, &DOT_WORDS)
                .is_some_and(|(end, _)| end == start)
                .then_some(spelled)
        });
        match joined.and_then(|at| word_start(text, at)) {
            Some(s) if start - s <= MAX_PART => start = s,
            _ => return Some(start),
        }
    }
}

/// End of the domain after the `@` token ending at `from`: labels joined by dots, at least
/// two labels, the last alphabetic; spelled-out dots and a known top-level domain when the `@`
/// was a word.
fn domain_end(bytes: &[u8], from: usize, written: Written) -> Option<usize> {
    let label = |i: usize| {
        let n = bytes
            .get(i..)?
            .iter()
            .take(MAX_PART)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        (n > 0).then_some(i + n)
    };
    let first = from + usize::from(written == Written::Bracketed && bytes.get(from) == Some(&b' '));
    let mut end = label(first)?;
    let mut last = first;
    let mut labels = 1;
    loop {
        let dot = match bytes.get(end) {
            Some(b'.') if written == Written::Bracketed => Some(end + 1),
            Some(b' ') if written == Written::Bracketed && bytes.get(end + 1) != Some(&b' ') => {
                token(bytes, end + 1, &DOT_WORDS)
                    .filter(|&(_, w)| w == Written::Bracketed)
                    .map(|(e, _)| e + usize::from(bytes.get(e) == Some(&b' ')))
            }
            _ => token(bytes, end, &DOT_WORDS).map(|(e, _)| e),
        };
        match dot.and_then(|d| label(d).map(|e| (d, e))) {
            Some((d, e)) => {
                last = d;
                end = e;
                labels += 1;
            }
            None => break,
        }
    }
    let tld = &bytes[last..end];
    let tld_ok = (2..=6).contains(&tld.len()) && tld.iter().all(u8::is_ascii_alphabetic);
    let known = WORD_FORM_TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t));
    (labels >= 2 && tld_ok && (written == Written::Bracketed || known)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(f) = find(text, from, text.len()) {
            out.push(&text[f.start..f.end]);
            from = f.end;
        }
        out
    }

    #[test]
    fn addresses_written_to_dodge_robots() {
        for (text, address) in [
            (
                "mail: p.lemaire(at)gmail(dot)com ou",
                "p.lemaire(at)gmail(dot)com",
            ),
            (
                "mail: p(dot)lemaire(at)gmail(dot)com",
                "p(dot)lemaire(at)gmail(dot)com",
            ),
            (
                "email - jenny[at]wattsfamily[dot]net, I check",
                "jenny[at]wattsfamily[dot]net",
            ),
            (
                "email is dan dot oconnor at gmail dot com (spam)",
                "dan dot oconnor at gmail dot com",
            ),
            (
                "mon adresse c'est sophie point renard arobase laposte point net, merci",
                "sophie point renard arobase laposte point net",
            ),
            ("Jean.Dupont [AT] orange.fr", "Jean.Dupont [AT] orange.fr"),
            ("Jean Dupont at Orange dot FR", "Dupont at Orange dot FR"),
            (
                "contact{at}example{dot}co{dot}uk.",
                "contact{at}example{dot}co{dot}uk",
            ),
            (
                "marie (arobase) free (point) fr",
                "marie (arobase) free (point) fr",
            ),
        ] {
            assert_eq!(found(text), [address], "{text}");
        }
        // Accented letters before: the look-back never cuts a character.
        for pad in 0..4 {
            let text = format!(
                "{}{} é marié(at)free(dot)fr",
                "x".repeat(pad),
                "é".repeat(80)
            );
            assert_eq!(found(&text), ["marié(at)free(dot)fr"], "{pad}");
        }
    }

    #[test]
    fn sentences_with_at_and_dot_are_no_addresses() {
        for text in [
            "I work at Amazon.com and need a quote",
            "meet me at the station at noon",
            "rendez-vous at home, point final",
            "see you at 5 dot 30",
            "(at) the door",
            "at gmail dot com",
            "I'm at work dot then home",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
