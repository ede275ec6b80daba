//! The signature rule (S2, sex life): a message that names the writer's spouse ("mon mari",
//! "my wife") and is signed with a first name of the spouse's gender ("… Cordialement, Nathalie
//! Morel", "Cheers, Gareth") tells a same-sex couple.
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
const CLOSINGS: [&str; 27] = [
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

/// Most words of a signature after its closing formula: a first name, a surname, a place or
/// pronouns ("Daniel (he/him)", "Sophie, Liège").
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
        let tail = fold::words(&text[at..]);
        let mut words = (0..tail.words.len())
            .map(|i| tail.folded(i))
            .skip_while(|w| CLOSINGS.contains(w));
        let name = words.next()?;
        if words.count() >= SIGNATURE_WORDS {
            return None;
        }
        let languages = self.languages(text);
        let gender = self.gender(signature, languages, name)?;
        let body = fold::words(&text[..at]);
        if body.words.len() < BODY_WORDS {
            return None;
        }
        let mut tests = Vec::new();
        (1..body.words.len()).find_map(|i| {
            if !POSSESSIVES.contains(&body.folded(i - 1)) {
                return None;
            }
            self.tests_of(body.folded(i), &mut tests);
            let spouse = tests
                .iter()
                .any(|t| signature.spouses[gender].binary_search(t).is_ok());
            // "ma femme de ménage", "my wife of twenty years" are kept out alike.
            let qualified = i + 1 < body.words.len()
                && body.words[i + 1].clause == body.words[i].clause
                && matches!(body.folded(i + 1), "de" | "d" | "of");
            (spouse && !qualified).then(|| LexiconHit {
                start: body.words[i - 1].start,
                last: body.words[i].last,
                category: Category::SexLife,
                entry: ENTRY,
            })
        })
    }

    /// The gender of a first name (0 a man, 1 a woman) in the text's languages; `None` for
    /// other words and for names of both genders.
    fn gender(&self, signature: &Signature, languages: [bool; 2], word: &str) -> Option<usize> {
        let mut tests = Vec::new();
        self.tests_of(word, &mut tests);
        let is = |g: usize| {
            (0..2).any(|l| {
                languages[l]
                    && tests
                        .iter()
                        .any(|t| signature.names[l][g].binary_search(t).is_ok())
            })
        };
        match (is(0), is(1)) {
            (true, false) => Some(0),
            (false, true) => Some(1),
            _ => None,
        }
    }
}

/// Where the last sentence of `text` starts, when it is short enough to be a signature and
/// something comes before it.
fn signature_start(text: &str) -> Option<usize> {
    let end = text.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let bytes = text.as_bytes();
    // A sentence's end, or a dash typed before a name ("-- Daniel", "… - Sophie"); not the
    // hyphen of "Jean-Pierre".
    let at = (0..end).rev().find(|&i| {
        fold::is_sentence_separator(bytes[i])
            || bytes[i] == b'-' && i > 0 && matches!(bytes[i - 1], b'-' | b' ')
    })? + 1;
    (end - at <= SIGNATURE_BYTES).then_some(at)
}

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
        let hyphen = "Mon mari et moi voulons un prêt. Jean-Pierre";
        assert_eq!(&hyphen[signature_start(hyphen).unwrap()..], " Jean-Pierre");
        // One sentence: nothing before a signature; a long last sentence: no signature.
        assert_eq!(signature_start("Julien Morel"), None);
        let long = "Bonjour. Mon mari et moi voudrions faire une simulation de prêt immobilier \
                    à deux noms pour une maison à Angers";
        assert_eq!(signature_start(long), None);
    }
}
