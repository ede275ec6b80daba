//! The signature rule (S2, sex life): a message that names the writer's spouse ("mon mari",
//! "my late wife", "my partner Beth") and is signed by someone of the spouse's gender, with a
//! first name ("… Cordialement, Nathalie Morel", "Cheers, Gareth") or a title ("Cdt, M.
//! Perrin", "Mrs Hughes"), tells a same-sex couple.
//!
//! No entry can say it: the name signs the message, sentences away from the spouse, where a
//! `~~` gap never reaches. The words come from class files, reviewed like the rest of the
//! vocabulary: first names (`prenomhomme`, `prenomfemme`, `malename`, `femalename`: names that
//! are also ordinary words or given to both sexes are not in them) and spouses (`conjointh`,
//! `conjointf`, `malespouse`, `femalespouse`: a husband, a wife, a companion; not "copine",
//! "girlfriend", which also name a friend). Without those classes the rule is off.

use super::{lang_index, Lexicon, LexiconHit, PatId};
use crate::category::Category;
use crate::detect::fold;
use crate::detect::vocabulary::Lang;

/// The class files the rule reads, per language: a man's first names, a woman's, a man as
/// someone's spouse, a woman as someone's spouse.
pub(super) const CLASSES: [(Lang, [&str; 4]); 2] = [
    (
        Lang::Fr,
        ["prenomhomme", "prenomfemme", "conjointh", "conjointf"],
    ),
    (
        Lang::En,
        ["malename", "femalename", "malespouse", "femalespouse"],
    ),
];

/// The entry number [`LexiconHit::entry`] holds for a hit of this rule.
pub(super) const ENTRY: u32 = u32::MAX;

/// What `leadguard explain` says of such a hit.
pub(super) const SOURCE: &str = "the signature rule: the writer's spouse (classes conjointh, \
    conjointf, malespouse, femalespouse) and a first name of the same gender signing the message \
    (classes prenomhomme, prenomfemme, malename, femalename)";

/// The first-person possessives before a spouse: only the writer's own spouse says anything
/// about the writer ("sa femme" is someone else's).
const POSSESSIVES: [&str; 3] = ["mon", "ma", "my"];

/// Words of the closing formulas before a signature ("Cordialement,", "Bien à vous", "Many
/// thanks,"), folded; skipped before the name.
const CLOSINGS: [&str; 37] = [
    "meilleures",
    "distinguees",
    "respectueusement",
    "cdt",
    "cdlt",
    "bcp",
    "faithfully",
    "truly",
    "wishes",
    "million",
    "cordialement",
    "merci",
    "bien",
    "a",
    "vous",
    "salutations",
    "sinceres",
    "bisous",
    "amicalement",
    "bonne",
    "journee",
    "soiree",
    "thanks",
    "thank",
    "you",
    "cheers",
    "regards",
    "kind",
    "best",
    "many",
    "warm",
    "warmest",
    "sincerely",
    "yours",
    "love",
    "thx",
    "ta",
];

/// Titles that sign for a man and for a woman ("M. Perrin", "Mme Sandrine Lefebvre", "Mr J.
/// Patel"), folded.
const TITLES: [&[&str]; 2] = [
    &["m", "monsieur", "mr"],
    &["mme", "madame", "mlle", "mademoiselle", "mrs", "ms", "miss"],
];

/// Words between a possessive and the spouse that keep them the writer's: "mon défunt mari",
/// "my late wife", "mon ex-mari", "ma future femme".
const MODIFIERS: [&str; 12] = [
    "defunt",
    "defunte",
    "feu",
    "late",
    "ex",
    "futur",
    "future",
    "nouveau",
    "nouvelle",
    "new",
    "regrette",
    "regrettee",
];

/// Partners of either gender, whose gender a first name right after tells ("my partner Beth",
/// "mon partenaire enregistré, Luca").
const PARTNERS: [&str; 2] = ["partner", "partenaire"];
/// Words that may stand between such a partner and the name.
const REGISTERED: [&str; 3] = ["enregistre", "enregistree", "registered"];

/// Most words of a signature after its closing formula, its title included: a first name, a
/// surname, a place or pronouns ("Daniel (he/him)", "Sophie, Liège", "Mr J. Patel").
const SIGNATURE_WORDS: usize = 3;
/// Longest signature sentence, in bytes: anything longer is a sentence, not a signature.
const SIGNATURE_BYTES: usize = 64;
/// Fewest words before the signature: a message, not a list of names.
const BODY_WORDS: usize = 5;

/// The rule's classes, compiled: by gender (0 a man, 1 a woman), sorted word tests. First names
/// are kept per language: "Jordan" is a man's name in French, anyone's in English.
#[derive(Debug, Default)]
pub(super) struct Signature {
    names: [[Box<[PatId]>; 2]; 2],
    spouses: [Box<[PatId]>; 2],
}

impl Signature {
    /// From the classes' word tests (`class` gives them, `None` when a class is missing).
    pub(super) fn new(
        mut class: impl FnMut(Lang, &str) -> Option<Box<[PatId]>>,
    ) -> Option<Signature> {
        let mut signature = Signature::default();
        let mut spouses: [Vec<PatId>; 2] = Default::default();
        for (lang, [male, female, husband, wife]) in CLASSES {
            signature.names[lang_index(lang)] = [class(lang, male)?, class(lang, female)?];
            spouses[0].extend(class(lang, husband)?.iter());
            spouses[1].extend(class(lang, wife)?.iter());
        }
        signature.spouses = spouses.map(|mut l| {
            l.sort_unstable();
            l.dedup();
            l.into_boxed_slice()
        });
        Some(signature)
    }
}

impl Lexicon {
    /// The hit of the signature rule in `text`, if it has one: the writer's spouse.
    pub(super) fn signed_spouse(&self, text: &str) -> Option<LexiconHit> {
        let signature = self.signature.as_ref()?;
        let at = signature_start(text)?;
        // The text's languages tell a first name's gender: read once, and only when a name is
        // there (a text of many "my partner …" stays linear).
        let read = std::cell::OnceCell::new();
        let languages = || *read.get_or_init(|| self.languages(text));
        let gender = self.signer(signature, languages, &text[at..])?;
        let body = fold::words(&text[..at]);
        if body.words.len() < BODY_WORDS {
            return None;
        }
        let word = |i: usize| (i < body.words.len()).then(|| body.folded(i));
        let mut tests = Vec::new();
        (0..body.words.len()).find_map(|i| {
            if !POSSESSIVES.contains(&body.folded(i)) {
                return None;
            }
            // "mon défunt mari", "my late wife", "mon ex-mari".
            let noun = i + 1 + usize::from(word(i + 1).is_some_and(|w| MODIFIERS.contains(&w)));
            let w = word(noun)?;
            // "ma femme de ménage", "my wife of twenty years" are kept out alike.
            let qualified = word(noun + 1).is_some_and(|n| matches!(n, "de" | "d" | "of"))
                && body.words[noun + 1].clause == body.words[noun].clause;
            self.tests_of(w, &mut tests);
            let last = if in_class(&tests, &signature.spouses[gender]) && !qualified {
                noun
            } else if PARTNERS.contains(&w) {
                // A partner named by a first name of the signer's gender: "my partner Beth".
                let name =
                    noun + 1 + usize::from(word(noun + 1).is_some_and(|n| REGISTERED.contains(&n)));
                let n = word(name)?;
                (self.gender(signature, languages, n) == Some(gender)).then_some(name)?
            } else {
                return None;
            };
            Some(LexiconHit {
                start: body.words[i].start,
                last: body.words[last].last,
                category: Category::SexLife,
                entry: ENTRY,
            })
        })
    }

    /// The gender of whoever signs with `tail`, the message's last sentence (0 a man, 1 a
    /// woman): a title ("Mme Lefebvre", "Mr J. Patel") or a first name ("Julien", "Cheers,
    /// Gareth"), after the closing words; `None` when it is no signature.
    fn signer(
        &self,
        signature: &Signature,
        languages: impl FnOnce() -> [bool; 2],
        tail: &str,
    ) -> Option<usize> {
        // An e-mail signature goes on with a job and a company: "Lauren Mitchell | Analyst".
        let tail = fold::words(tail.split('|').next().unwrap_or(tail));
        let mut words = (0..tail.words.len())
            .map(|i| tail.folded(i))
            .skip_while(|w| CLOSINGS.contains(w));
        let first = words.next()?;
        let rest = words.count();
        match TITLES.iter().position(|titles| titles.contains(&first)) {
            Some(gender) => (rest <= SIGNATURE_WORDS).then_some(gender),
            None if rest < SIGNATURE_WORDS => self.gender(signature, languages, first),
            None => None,
        }
    }

    /// The gender of a first name (0 a man, 1 a woman) in the text's languages; `None` for
    /// other words and for names of both genders. The languages are read only for a word that
    /// is a name in some list (the last sentence's first word is seldom one).
    fn gender(
        &self,
        signature: &Signature,
        languages: impl FnOnce() -> [bool; 2],
        word: &str,
    ) -> Option<usize> {
        let mut tests = Vec::new();
        self.tests_of(word, &mut tests);
        let listed = signature
            .names
            .each_ref()
            .map(|by_gender| by_gender.each_ref().map(|class| in_class(&tests, class)));
        if !listed.iter().flatten().any(|&b| b) {
            return None;
        }
        let languages = languages();
        let is = |g: usize| (0..2).any(|l| languages[l] && listed[l][g]);
        match (is(0), is(1)) {
            (true, false) => Some(0),
            (false, true) => Some(1),
            _ => None,
        }
    }
}

/// Whether a word that passes `tests` is a word of `class` (sorted word tests).
fn in_class(tests: &[PatId], class: &[PatId]) -> bool {
    tests.iter().any(|t| class.binary_search(t).is_ok())
}

/// Where the last sentence of `text` starts, when it is short enough to be a signature and
/// something comes before it.
fn signature_start(text: &str) -> Option<usize> {
    let end = text.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let bytes = text.as_bytes();
    // A sentence's end, or a dash typed before a name ("-- Daniel", "… - Sophie"); not the
    // hyphen of "Jean-Pierre", nor the full stop of an initial or a title ("M. Perrin", "Mr J.
    // Patel").
    let at = (0..end).rev().find(|&i| {
        fold::is_sentence_separator(bytes[i]) && !(bytes[i] == b'.' && abbreviation(&bytes[..i]))
            || bytes[i] == b'-' && i > 0 && matches!(bytes[i - 1], b'-' | b' ')
    })? + 1;
    (end - at <= SIGNATURE_BYTES).then_some(at)
}

/// Whether `before` ends with an initial or a title's abbreviation, after a space or at the
/// start: one capital letter ("J"), or "M", "Mr", "Mme"… (not "CDI", an acronym that ends a
/// sentence).
fn abbreviation(before: &[u8]) -> bool {
    let letters = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let word = &before[before.len() - letters..];
    let spaced = before.len() == letters || before[before.len() - letters - 1] == b' ';
    spaced
        && (letters == 1 && word[0].is_ascii_uppercase()
            || ABBREVIATED_TITLES
                .iter()
                .any(|t| word.eq_ignore_ascii_case(t.as_bytes())))
}

/// Titles written with a full stop ("Mr. Shaw", "Mme. Blanc", "Dr. Okafor").
const ABBREVIATED_TITLES: [&str; 7] = ["mr", "mrs", "ms", "mme", "mlle", "dr", "pr"];

#[cfg(test)]
mod tests {
    use super::signature_start;

    #[test]
    fn the_signature_is_the_short_last_sentence() {
        let text = "Mon mari et moi voulons un prêt. Cordialement, Julien Morel.";
        let at = signature_start(text).unwrap();
        assert_eq!(&text[at..], " Cordialement, Julien Morel.");
        let signed = "Can we book? -- Daniel (he/him)";
        assert_eq!(
            &signed[signature_start(signed).unwrap()..],
            " Daniel (he/him)"
        );
        let title = "Mon mari et moi voulons un prêt. Cdt, M. Perrin";
        assert_eq!(&title[signature_start(title).unwrap()..], " Cdt, M. Perrin");
        let hyphen = "Mon mari et moi voulons un prêt. Jean-Pierre";
        assert_eq!(&hyphen[signature_start(hyphen).unwrap()..], " Jean-Pierre");
        // One sentence: nothing before a signature; a long last sentence: no signature.
        assert_eq!(signature_start("Julien Morel"), None);
        let long = "Bonjour. Mon mari et moi voudrions faire une simulation de prêt immobilier \
                    à deux noms pour une maison à Angers";
        assert_eq!(signature_start(long), None);
    }
}
