//! Folding and word splitting shared by the vocabularies and the text they are matched in.
//!
//! Vocabulary entries and lead messages go through the same folding (lower case, accents off,
//! plain apostrophes), so one spelling per word is enough and `DIABETIQUE` is `diabétique`.

/// Characters that end a clause: redaction of a special-category statement stops there, and
/// context (a cue, a person, a place) is only looked for inside the clause of a hit.
pub(super) fn is_clause_separator(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b';' | b',' | b'\n' | b'\r')
}

/// The dashes people type between spaces: a hyphen, or the en and em dashes phones and word
/// processors put for it.
const DASHES: [&str; 3] = ["-", "\u{2013}", "\u{2014}"];

/// Length in bytes of a dash between spaces starting at `i` (` - `, ` – `, ` — `, spaces
/// included): a clause boundary in words, a group separator in a copied card number or IBAN.
pub(super) fn spaced_dash_len(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes.get(i) != Some(&b' ') {
        return None;
    }
    DASHES.iter().find_map(|dash| {
        let end = i + 1 + dash.len();
        (bytes.get(i + 1..end) == Some(dash.as_bytes()) && bytes.get(end) == Some(&b' '))
            .then_some(dash.len() + 2)
    })
}

/// Whether byte `at` of `bytes` ends a clause: a clause separator, or a dash between two spaces,
/// which people type for a pause ("On Universal Credit - do you accept it?"). A dash is known
/// at its last byte, so that the clause ends on a character boundary.
pub(super) fn ends_clause(bytes: &[u8], at: usize) -> bool {
    // The space after a dash first: most bytes are followed by none, and need no more.
    is_clause_separator(bytes[at])
        || bytes.get(at + 1) == Some(&b' ')
            && (DASHES.iter().any(|dash| {
                at >= dash.len() && spaced_dash_len(bytes, at - dash.len()) == Some(dash.len() + 2)
            }) || is_typed_line_break(bytes, at))
}

/// Whether byte `at` is a line break as people type one in a one-line box: a slash or a bar
/// between spaces ("BRCA1 positive / planning mastectomy / does life cover still pay out?",
/// "Age: 58 | Smoker: ex"). A slash between words ("and/or", "24/7") is none.
fn is_typed_line_break(bytes: &[u8], at: usize) -> bool {
    matches!(bytes[at], b'/' | b'|') && at > 0 && bytes[at - 1] == b' '
}

/// Characters that end a sentence (clause separators but `,` and `;`): a `~~` gap of an entry
/// may cross clauses, never sentences.
pub(super) fn is_sentence_separator(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r')
}

/// Most words of a sentence that the next one goes on for a `~~` gap: people introduce
/// themselves in a few words and a full stop before what concerns them ("Je suis un homme de
/// 42 ans. Mon mari souhaite…", "I'm a guy, 29. My boyfriend and I…").
const SHORT_SENTENCE_WORDS: usize = 7;

/// Whether separator `b`, after a sentence of `words` words (counted from the previous
/// separator), ends that sentence for the `~~` gaps. A question always does: what follows it
/// answers or asks something else.
pub(super) fn ends_sentence(b: u8, words: usize) -> bool {
    is_sentence_separator(b) && (b == b'?' || words > SHORT_SENTENCE_WORDS)
}

/// Folds one character for lexicon matching: Unicode lower case, French/Latin accents removed
/// (people often type `diabete`, `delegue syndical`), typographic apostrophes and no-break
/// spaces made plain. Phrases and text go through the same folding, so the lexicon needs one
/// spelling per word. Folding keeps letters letters, so word boundaries are unchanged.
pub(super) fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    match c {
        // The accented letters of French text, without the Unicode case tables.
        'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => emit('a'),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => emit('e'),
        'î' | 'ï' | 'Î' | 'Ï' => emit('i'),
        'ô' | 'ö' | 'Ô' | 'Ö' => emit('o'),
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => emit('u'),
        'ç' | 'Ç' => emit('c'),
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
                    'ý' | 'ÿ' | 'ŷ' => emit('y'),
                    // Latin Extended-A: names and words of other European and Polynesian
                    // languages ("Māori", "Łódź", "Şahin") typed with their letters.
                    'ā' | 'ă' | 'ą' => emit('a'),
                    'ć' | 'ĉ' | 'ċ' | 'č' => emit('c'),
                    'ď' | 'đ' => emit('d'),
                    'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => emit('e'),
                    'ĝ' | 'ğ' | 'ġ' | 'ģ' => emit('g'),
                    'ĥ' | 'ħ' => emit('h'),
                    'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => emit('i'),
                    'ĵ' => emit('j'),
                    'ķ' => emit('k'),
                    'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => emit('l'),
                    'ń' | 'ņ' | 'ň' => emit('n'),
                    'ō' | 'ŏ' | 'ő' => emit('o'),
                    'ŕ' | 'ŗ' | 'ř' => emit('r'),
                    'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => emit('s'),
                    'ţ' | 'ť' | 'ŧ' | 'ț' => emit('t'),
                    'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => emit('u'),
                    'ŵ' => emit('w'),
                    'ź' | 'ż' | 'ž' => emit('z'),
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
pub(super) fn fold_phrase(phrase: &str) -> String {
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

/// One word of a text: where its folded form is, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word {
    /// Byte range of the folded word in [`Words::folded`].
    pub folded: (usize, usize),
    /// Byte offset of the word's first character in the original text.
    pub start: usize,
    /// Byte offset of the word's last character in the original text.
    pub last: usize,
    /// Index of the clause the word is in (clauses are counted from 0).
    pub clause: usize,
    /// Index of the sentence the word is in (sentences are counted from 0; a short one goes
    /// on with the next, see [`ends_sentence`]).
    pub sentence: usize,
}

/// A text cut into folded words (runs of letters and digits) and clauses.
#[derive(Debug, Default)]
pub(super) struct Words {
    pub folded: String,
    pub words: Vec<Word>,
}

/// Cuts `text` into folded words; apostrophes, hyphens and every other non-alphanumeric
/// character separate words, clause separators also start a new clause.
pub(super) fn words(text: &str) -> Words {
    let mut out = Words {
        folded: String::with_capacity(text.len()),
        words: Vec::new(),
    };
    let (mut clause, mut sentence, mut sentence_words) = (0usize, 0usize, 0usize);
    let mut open: Option<Word> = None;
    for (offset, c) in text.char_indices() {
        let mut separator_seen = false;
        fold_char(c, &mut |f| {
            if f.is_alphanumeric() {
                let at = out.folded.len();
                out.folded.push(f);
                let w = open.get_or_insert(Word {
                    folded: (at, at),
                    start: offset,
                    last: offset,
                    clause,
                    sentence,
                });
                w.folded.1 = out.folded.len();
                w.last = offset;
            } else {
                separator_seen = true;
            }
        });
        // Letters, and marks that fold to nothing (combining accents), continue the word.
        if !separator_seen {
            continue;
        }
        if let Some(w) = open.take() {
            out.push(w);
            sentence_words += 1;
        }
        if ends_clause(text.as_bytes(), offset + c.len_utf8() - 1) {
            clause += 1;
            if c.is_ascii() && is_sentence_separator(c as u8) {
                sentence += usize::from(ends_sentence(c as u8, sentence_words));
                sentence_words = 0;
            }
        }
    }
    if let Some(w) = open {
        out.push(w);
    }
    out
}

/// Contractions typed on phones, read as the words they stand for so that the entries written
/// with those words match ("jsuis au RSA" is "je suis au RSA", "im preggo" is "i m preggo"),
/// and a few elisions typed without their apostrophe ("dorigine").
/// Only forms that are no other word: not "ill", "id", "well", "sa", "c", nor the French
/// "dont". Every word of an analysed clause comes here, so the first letters sort out nearly
/// all of them before the list is looked at.
fn contraction(word: &str) -> Option<&'static [&'static str]> {
    let maybe = matches!(
        word.as_bytes(),
        [b'j', ..]
            | [b'c', b'h' | b'a' | b'o', ..]
            | [b'i', b'm' | b'v' | b'h', ..]
            | [b'd', b'i' | b'o', ..]
            | [b'w', b'a' | b'o' | b'e', ..]
            | [b'l', b'i', ..]
            | [b'i' | b'h', b's' | b'a', ..]
            | [b'a', b'r', ..]
            | [b's', b'h', ..]
            | [b'c', b'e', b's', b't']
    );
    if !maybe {
        return None;
    }
    Some(match word {
        "jsuis" | "jsui" | "chui" | "chuis" => &["je", "suis"],
        "jai" => &["j", "ai"],
        "jme" => &["je", "me"],
        "jvais" => &["je", "vais"],
        "jveux" => &["je", "veux"],
        "jpeux" => &["je", "peux"],
        "jfais" => &["je", "fais"],
        "jbosse" => &["je", "bosse"],
        "jtravaille" => &["je", "travaille"],
        "jtouche" => &["je", "touche"],
        "jprends" => &["je", "prends"],
        "jcherche" => &["je", "cherche"],
        "jvoudrais" => &["je", "voudrais"],
        "jsors" => &["je", "sors"],
        "jviens" => &["je", "viens"],
        "jvote" => &["je", "vote"],
        "jdois" => &["je", "dois"],
        "jsais" => &["je", "sais"],
        "jpense" => &["je", "pense"],
        // Elisions typed without their apostrophe.
        "dorigine" => &["d", "origine"],
        "didentifiant" => &["d", "identifiant"],
        "liris" => &["l", "iris"],
        "cest" => &["c", "est"],
        "im" => &["i", "m"],
        "ive" => &["i", "ve"],
        "ihave" => &["i", "have"],
        "ihad" => &["i", "had"],
        "didnt" => &["didn", "t"],
        "cant" => &["can", "t"],
        "doesnt" => &["doesn", "t"],
        "wasnt" => &["wasn", "t"],
        "wont" => &["won", "t"],
        "isnt" => &["isn", "t"],
        "arent" => &["aren", "t"],
        "werent" => &["weren", "t"],
        "hasnt" => &["hasn", "t"],
        "havent" => &["haven", "t"],
        "hadnt" => &["hadn", "t"],
        "wouldnt" => &["wouldn", "t"],
        "couldnt" => &["couldn", "t"],
        "shouldnt" => &["shouldn", "t"],
        _ => return None,
    })
}

impl Words {
    /// The folded form of word `i`.
    pub fn folded(&self, i: usize) -> &str {
        let (a, b) = self.words[i].folded;
        &self.folded[a..b]
    }

    /// Adds a word, or the words a contraction stands for (each spanning the whole contraction
    /// in the original text).
    #[inline]
    fn push(&mut self, w: Word) {
        let (a, b) = w.folded;
        let Some(parts) = contraction(&self.folded[a..b]) else {
            self.words.push(w);
            return;
        };
        for part in parts {
            let at = self.folded.len();
            self.folded.push_str(part);
            self.words.push(Word {
                folded: (at, self.folded.len()),
                ..w
            });
        }
    }
}

/// Folds one word (a vocabulary entry's word) into a new string.
pub(super) fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_contractions_are_read_as_their_words() {
        let text = "Jsuis au RSA, im preggo";
        let w = words(text);
        let folded: Vec<&str> = (0..w.words.len()).map(|i| w.folded(i)).collect();
        assert_eq!(folded, ["je", "suis", "au", "rsa", "i", "m", "preggo"]);
        // Both words stand for the whole contraction in the text (what a redaction covers).
        assert_eq!((w.words[0].start, w.words[1].last), (0, 4));
        assert_eq!(&text[w.words[4].start..=w.words[5].last], "im");
        // A French "dont" is no English contraction.
        assert_eq!(words("dont").words.len(), 1);
        // An elision typed without its apostrophe is read as the two words.
        let w = words("dorigine malienne");
        let folded: Vec<&str> = (0..w.words.len()).map(|i| w.folded(i)).collect();
        assert_eq!(folded, ["d", "origine", "malienne"]);
        // A negation typed without its apostrophe is read as one typed with it.
        let w = words("face id wont work, it isnt me");
        let folded: Vec<&str> = (0..w.words.len()).map(|i| w.folded(i)).collect();
        assert_eq!(
            folded,
            ["face", "id", "won", "t", "work", "it", "isn", "t", "me"]
        );
        // A pronoun glued to its verb.
        let w = words("jvote ecolo, ihave lynch");
        let folded: Vec<&str> = (0..w.words.len()).map(|i| w.folded(i)).collect();
        assert_eq!(folded, ["je", "vote", "ecolo", "i", "have", "lynch"]);
    }

    #[test]
    fn words_and_clauses() {
        let w = words("Je suis DIABÉTIQUE, d\u{2019}origine algérienne; sans-abri.");
        let folded: Vec<&str> = (0..w.words.len()).map(|i| w.folded(i)).collect();
        assert_eq!(
            folded,
            [
                "je",
                "suis",
                "diabetique",
                "d",
                "origine",
                "algerienne",
                "sans",
                "abri"
            ]
        );
        let clauses: Vec<usize> = w.words.iter().map(|w| w.clause).collect();
        assert_eq!(clauses, [0, 0, 0, 1, 1, 1, 2, 2]);
        let text = "Je suis DIABÉTIQUE, d\u{2019}origine algérienne; sans-abri.";
        let d = w.words[2];
        assert_eq!(&text[d.start..d.last + 'E'.len_utf8()], "DIABÉTIQUE");
        assert_eq!(fold_word("Œuvre"), "oeuvre");
        assert_eq!(fold_phrase("  Délégué   Syndical "), "delegue syndical");
    }

    #[test]
    fn a_dash_between_spaces_ends_a_clause_whichever_dash_is_typed() {
        for dash in DASHES {
            let w = words(&format!("my lupus {dash} can we rebook"));
            let clauses: Vec<usize> = w.words.iter().map(|w| w.clause).collect();
            assert_eq!(clauses, [0, 0, 1, 1, 1], "{dash:?}");
        }
        // Not inside a word, nor without the spaces around it.
        let w = words("porte\u{2014}fenêtre, x \u{2014}y");
        let clauses: Vec<usize> = w.words.iter().map(|w| w.clause).collect();
        assert_eq!(clauses, [0, 0, 1, 1]);
    }

    #[test]
    fn letters_of_other_latin_alphabets_fold_to_plain_ones() {
        assert_eq!(fold_word("Māori"), "maori");
        assert_eq!(fold_word("ŁÓDŹ"), "lodz");
        assert_eq!(fold_phrase("Şahin Čapek Ngāti"), "sahin capek ngati");
        // One letter for one letter: word boundaries and spans stay where they were.
        let w = words("Je suis Māori, voilà");
        assert_eq!(w.words.len(), 4);
        assert_eq!(w.folded(2), "maori");
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        let w = words("diabe\u{301}tique");
        assert_eq!(w.folded(0), "diabetique");
        assert_eq!(w.words.len(), 1);
    }
}
