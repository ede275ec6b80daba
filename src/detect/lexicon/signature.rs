//! The signature rule (S2, sex life): a message that names the writer's spouse ("mon mari",
//! "my late wife", "my partner Beth") and is written by someone of the spouse's gender tells a
//! same-sex couple. The writer's gender is read where people give it, often sentences away
//! from the spouse, where a `~~` gap never reaches:
//! - the signature: a first name ("… Cordialement, Nathalie Morel", "Cheers, Gareth") or a
//!   title ("Cdt, M. Perrin", "Mrs Hughes") in the message's short last sentence;
//! - else an introduction anywhere: "je suis une femme de 41 ans", "I'm a 38-year-old woman",
//!   "as a dad of two", "je suis le papa de…", "je suis retraitée" (a feminine agreement),
//!   "je suis infirmière", "I'm Gareth", "je m'appelle Julie", "chu le papa de…" (Québec).
//!
//! The words come from class files, reviewed like the rest of the vocabulary: first names
//! (`prenomhomme`, `prenomfemme`, `malename`, `femalename`: names that are also ordinary words
//! or given to both sexes are not in them), spouses (`conjointh`, `conjointf`, `malespouse`,
//! `femalespouse`: a husband, a wife, a companion; not "copine", "girlfriend", which also name
//! a friend, unless an "ex" says otherwise), and what a writer says they are (`personneh`,
//! `personnef`, `maleperson`, `femaleperson`: a man, a mum, a widow; and the gendered jobs and
//! states of `metierhomme`, `metierfemme`). Without the name and spouse classes the rule is
//! off; without the others it reads signatures only.

use aho_corasick::AhoCorasick;

use super::{lang_index, Lexicon, LexiconHit, PatId};
use crate::category::Category;
use crate::detect::fold::{self, Words};
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

/// The class files of what writers say they are, per language, by gender (a man, a woman):
/// optional.
const PERSONS: [(Lang, [&[&str]; 2]); 2] = [
    (
        Lang::Fr,
        [&["personneh", "metierhomme"], &["personnef", "metierfemme"]],
    ),
    (Lang::En, [&["maleperson"], &["femaleperson"]]),
];

/// The entry number [`LexiconHit::entry`] holds for a hit of this rule.
pub(super) const ENTRY: u32 = u32::MAX;

/// What `leadguard explain` says of such a hit.
pub(super) const SOURCE: &str = "the signature rule: the writer's spouse (classes conjointh, \
    conjointf, malespouse, femalespouse) and a writer of the same gender, by the first name or \
    title that signs the message (classes prenomhomme, prenomfemme, malename, femalename) or an \
    introduction (classes personneh, personnef, maleperson, femaleperson, metierhomme, \
    metierfemme)";

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

/// Girlfriends and boyfriends (by gender: a man, a woman), partners only after an "ex": "mon
/// ex copine Amandine", "my ex-girlfriend" (a "copine" alone may be a friend).
const EX_PARTNERS: [&[&str]; 2] = [
    &["copain", "boyfriend", "bf"],
    &["copine", "girlfriend", "gf"],
];

/// A man's boyfriend is his partner ("my boyfriend and me – I'm Mark"); a woman's
/// girlfriend may be a friend, a man's "copain" is one: those take an "ex" (above).
const BOYFRIENDS: [&str; 2] = ["boyfriend", "bf"];

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
#[derive(Debug)]
pub(super) struct Signature {
    names: [[Box<[PatId]>; 2]; 2],
    spouses: [Box<[PatId]>; 2],
    /// What a writer says they are, by gender (both languages).
    persons: [Box<[PatId]>; 2],
    /// Finds the texts that may name a partner (a spouse word, a partner, a union), so that the
    /// others are not searched for an introduction.
    partners: AhoCorasick,
    /// Finds the texts that may introduce their writer (see [`INTRODUCTIONS`]), so that the
    /// others are not cut into words for nothing.
    introductions: AhoCorasick,
}

impl Signature {
    /// From the classes' word tests (`class` gives them, `None` when a class is missing) and
    /// their words as written (`words`).
    pub(super) fn new(
        mut class: impl FnMut(Lang, &str) -> Option<Box<[PatId]>>,
        words: impl Fn(Lang, &str) -> Option<Vec<String>>,
    ) -> Option<Signature> {
        let mut names: [[Box<[PatId]>; 2]; 2] = Default::default();
        let mut spouses: [Vec<PatId>; 2] = Default::default();
        for (lang, [male, female, husband, wife]) in CLASSES {
            names[lang_index(lang)] = [class(lang, male)?, class(lang, female)?];
            spouses[0].extend(class(lang, husband)?.iter());
            spouses[1].extend(class(lang, wife)?.iter());
        }
        let mut persons: [Vec<PatId>; 2] = Default::default();
        for (lang, by_gender) in PERSONS {
            for (gender, classes) in by_gender.iter().enumerate() {
                for name in *classes {
                    persons[gender].extend(class(lang, name).iter().flat_map(|c| c.iter()));
                }
            }
        }
        let sorted = |mut l: Vec<PatId>| {
            l.sort_unstable();
            l.dedup();
            l.into_boxed_slice()
        };
        // What a partner may be written with, folded: the spouse words, the partners and the
        // unions (their folded forms are in the folded forms of their feminines and plurals).
        let mut partners: Vec<String> = UNIONS
            .iter()
            .chain(PARTNERS.iter())
            .chain(EX_PARTNERS.iter().flat_map(|l| l.iter()))
            .map(|w| w.to_string())
            .collect();
        for (lang, [_, _, husband, wife]) in CLASSES {
            for word in [husband, wife]
                .into_iter()
                .flat_map(|c| words(lang, c))
                .flatten()
            {
                partners.push(fold::fold_phrase(word.trim_start_matches('=')));
            }
        }
        partners.sort();
        partners.dedup();
        let literal = |patterns: &[String]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(patterns)
                .expect("literal patterns")
        };
        Some(Signature {
            names,
            spouses: spouses.map(sorted),
            persons: persons.map(sorted),
            partners: literal(&partners),
            introductions: literal(&INTRODUCTIONS.map(String::from)),
        })
    }
}

impl Lexicon {
    /// The hit of the signature rule in `text`, if it has one: the writer's spouse.
    pub(super) fn signed_spouse(&self, text: &str) -> Option<LexiconHit> {
        let signature = self.signature.as_ref()?;
        // The text's languages tell a first name's gender: read once, and only when a name is
        // there (a text of many "my partner …" stays linear).
        let read = std::cell::OnceCell::new();
        let languages = || *read.get_or_init(|| self.languages(text));
        let signed = signature_start(text)
            .and_then(|at| Some((self.signer(signature, languages, &text[at..])?, at)));
        // Only the text before the signature may name the partner.
        let end = signed.map_or(text.len(), |(_, at)| at);
        let folded = Folded::new(&text[..end]);
        let mut partners = signature.partners.find_iter(&folded.bytes).peekable();
        partners.peek()?;
        if text[..end].split_whitespace().count() < BODY_WORDS {
            return None;
        }
        let gender = match signed {
            Some((gender, _)) => gender,
            None => self
                .opener(signature, languages, text)
                .or_else(|| self.introduced(signature, languages, text))?,
        };
        // The partner is read around the words that may name one, each stretch once.
        let windows = partners.map(|m| {
            let start = floor_boundary(
                text,
                folded.original(m.start()).saturating_sub(PARTNER_BEFORE),
            );
            (
                start,
                ceil_boundary(&text[..end], folded.original(m.end()) + PARTNER_AFTER),
            )
        });
        for (from, to) in merged(windows) {
            if let Some(hit) = self.partner(signature, languages, &text[from..to], gender) {
                return Some(LexiconHit {
                    start: from + hit.start,
                    last: from + hit.last,
                    ..hit
                });
            }
        }
        None
    }

    /// The first partner of the writer's gender named in `text` (a window of the message):
    /// "mon mari", "my late wife", "mon ex copine", "my partner Beth", "divorcé de Marc".
    fn partner(
        &self,
        signature: &Signature,
        languages: impl Fn() -> [bool; 2],
        text: &str,
        gender: usize,
    ) -> Option<LexiconHit> {
        let body = fold::words(text);
        let word = |i: usize| (i < body.words.len()).then(|| body.folded(i));
        let mut tests = Vec::new();
        (0..body.words.len()).find_map(|i| {
            let union = || {
                // "divorcé de Marc", "married to Steve", "en couple avec une femme": a partner
                // of the writer's gender, by a first name or by what they are.
                let name = i + 2;
                if !UNIONS.contains(&body.folded(i))
                    || !word(i + 1).is_some_and(|l| UNION_LINKS.contains(&l))
                {
                    return None;
                }
                if word(name).is_some_and(|a| ARTICLES.contains(&a)) {
                    let mut tests = Vec::new();
                    self.tests_of(word(name + 1)?, &mut tests);
                    return in_class(&tests, &signature.persons[gender]).then_some(name + 1);
                }
                (self.gender(signature, &languages, word(name)?) == Some(gender)).then_some(name)
            };
            let last = if POSSESSIVES.contains(&body.folded(i)) {
                // "mon défunt mari", "my late wife", "mon ex-mari".
                let modifier = word(i + 1).filter(|w| MODIFIERS.contains(w));
                let noun = i + 1 + usize::from(modifier.is_some());
                let w = word(noun)?;
                // "ma femme de ménage", "my wife of twenty years" are kept out alike.
                let qualified = word(noun + 1).is_some_and(|n| matches!(n, "de" | "d" | "of"))
                    && body.words[noun + 1].clause == body.words[noun].clause;
                self.tests_of(w, &mut tests);
                if in_class(&tests, &signature.spouses[gender]) && !qualified
                    || modifier == Some("ex") && EX_PARTNERS[gender].contains(&w)
                    || gender == 0 && BOYFRIENDS.contains(&w)
                {
                    noun
                } else if PARTNERS.contains(&w) {
                    // A partner named by a first name of the writer's gender: "my partner Beth".
                    let name = noun
                        + 1
                        + usize::from(word(noun + 1).is_some_and(|n| REGISTERED.contains(&n)));
                    (self.gender(signature, &languages, word(name)?) == Some(gender))
                        .then_some(name)?
                } else {
                    return None;
                }
            } else {
                union()?
            };
            Some(LexiconHit {
                start: body.words[i].start,
                last: body.words[last].last,
                category: Category::SexLife,
                entry: ENTRY,
            })
        })
    }

    /// The writer's gender (0 a man, 1 a woman) as an introduction gives it: "je suis une
    /// femme", "I'm a dad", "as a mum", "je suis retraitée", "I'm Gareth", "je m'appelle
    /// Julie", "Civilité : Madame"; `None` when none does, or when introductions disagree.
    ///
    /// Only the text around what may introduce the writer (see [`INTRODUCTIONS`]) is cut into
    /// words: most texts have none, or one "nous sommes" that introduces nobody.
    fn introduced(
        &self,
        signature: &Signature,
        languages: impl Fn() -> [bool; 2],
        text: &str,
    ) -> Option<usize> {
        // The message's opening may say who writes ("Aussie bloke, tradie, 39.", "Hi it's
        // Lisa, …", "As a dad, …", "Infirmière de nuit au CHU, …"): it is read whenever a
        // partner is named (this function runs only then); overlapping windows are read as one
        // (a text of many "je suis" is read once).
        let opening = (0, ceil_boundary(text, INTRODUCTION_AFTER));
        let around = signature.introductions.find_iter(text).map(|m| {
            (
                floor_boundary(text, m.start().saturating_sub(INTRODUCTION_BEFORE)),
                ceil_boundary(text, m.end() + INTRODUCTION_AFTER),
            )
        });
        let mut said = [false; 2];
        for (start, end) in merged(std::iter::once(opening).chain(around)) {
            let window = &text[start..end];
            let words = fold::words(window);
            let found = self.introductions(signature, &languages, window, &words, start == 0);
            said = [said[0] || found[0], said[1] || found[1]];
        }
        match said {
            [true, false] => Some(0),
            [false, true] => Some(1),
            _ => None,
        }
    }

    /// The genders the introductions of `words` (cut from `text`, the message's opening when
    /// `opening`) say (see [`Lexicon::introduced`]).
    fn introductions(
        &self,
        signature: &Signature,
        languages: impl Fn() -> [bool; 2],
        text: &str,
        words: &Words,
        opening: bool,
    ) -> [bool; 2] {
        let n = words.words.len();
        let w = |i: usize| (i < n).then(|| words.folded(i));
        let before = |i: usize, k: usize| i.checked_sub(k).and_then(w);
        let mut said = [false; 2];
        let mut tests = Vec::new();
        // A capitalised first name at `k` ("I'm Gareth", "Julie ici"): its gender.
        let name = |k: usize| {
            let capital = text[words.words[k].start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            // "I'm Gareth", not "I'm Mark's wife".
            (capital && w(k + 1) != Some("s"))
                .then(|| self.gender(signature, &languages, words.folded(k)))
                .flatten()
        };
        let person = |k: usize, tests: &mut Vec<PatId>| {
            self.tests_of(words.folded(k), tests);
            (0..2).find(|&g| in_class(tests, &signature.persons[g]))
        };
        // Where the clause of word `i` starts.
        let clause_start = |i: usize| {
            let clause = words.words[i].clause;
            (0..=i)
                .rev()
                .take_while(|&k| words.words[k].clause == clause)
                .last()
                .unwrap_or(i)
        };
        if opening {
            // The message opens on who writes, after a greeting of its own: "Aussie bloke,
            // tradie, 39.", "Bonjour, Antoine, 45 ans." (not "Bonjour Sophie, merci…", whom
            // the writer greets).
            let first = (0..n).find(|&k| !GREETINGS.contains(&words.folded(k)));
            if let Some(first) =
                first.filter(|&f| f == 0 || words.words[f - 1].clause != words.words[f].clause)
            {
                let clause = words.words[first].clause;
                let end = (first..n)
                    .take_while(|&k| words.words[k].clause == clause)
                    .count()
                    + first;
                let plain = (first..end).all(|k| !DETERMINERS.contains(&words.folded(k)));
                // A longer opening clause says who writes by its first word: "Infirmière de
                // nuit au CHU, …", "Headmistress at a primary in Kent."
                if let Some(g) =
                    person(first, &mut tests).filter(|_| end - first > OPENING_WORDS || !plain)
                {
                    said[g] = true;
                } else if end - first <= OPENING_WORDS && plain {
                    // "Antoine, 45 ans", "Sarah from Brisbane."
                    let aged = end == first + 1
                        && w(end).is_some_and(|a| a.bytes().all(|b| b.is_ascii_digit()))
                        || w(first + 1) == Some("from");
                    let g = (first..end)
                        .find_map(|k| person(k, &mut tests))
                        .or_else(|| aged.then(|| name(first)).flatten());
                    if let Some(g) = g {
                        said[g] = true;
                    }
                }
            }
        }
        for i in 0..n {
            // Pronouns given with a name: "Jo Harris (she/her)", "Sam (he/him)".
            match (words.folded(i), w(i + 1)) {
                ("she", Some("her")) => said[1] = true,
                ("he", Some("him")) => said[0] = true,
                _ => {}
            }
            // "Julie ici !", "Canadian gal here", "jeune retraitée ici": who writes, named or
            // described in the few words of the clause before.
            if matches!(words.folded(i), "here" | "ici") {
                let from = clause_start(i);
                let plain = (from..i).all(|k| !DETERMINERS.contains(&words.folded(k)));
                if (1..=3).contains(&(i - from)) && plain {
                    let g = name(i - 1).or_else(|| (from..i).find_map(|k| person(k, &mut tests)));
                    if let Some(g) = g {
                        said[g] = true;
                    }
                }
                continue;
            }
            // A form's answer: "Civilité : Madame", "Title: Mr".
            if matches!(words.folded(i), "civilite" | "title") {
                if let Some(g) = w(i + 1).and_then(|t| TITLES.iter().position(|ts| ts.contains(&t)))
                {
                    said[g] = true;
                }
                continue;
            }
            let (what, next) = match words.folded(i) {
                "suis" if matches!(before(i, 1), Some("je" | "j" | "ne")) => (Said::Any, i + 1),
                // Québec French, typed as said: "Chu le papa de Jules".
                "chu" if i == clause_start(i) => (Said::Any, i + 1),
                "am" | "m" if before(i, 1) == Some("i") => (Said::Any, i + 1),
                "appelle" if before(i, 1) == Some("m") => (Said::Name, i + 1),
                "is" if before(i, 1) == Some("name") && before(i, 2) == Some("my") => {
                    (Said::Name, i + 1)
                }
                "est" if before(i, 1) == Some("c") && before(i, 2) == Some("moi") => {
                    (Said::Name, i + 1)
                }
                // "Hi it's Lisa", "Coucou c'est Julie": at the start of a clause, a greeting
                // aside.
                "s" | "est"
                    if matches!(before(i, 1), Some("it" | "c"))
                        && (i - 1 == clause_start(i)
                            || i >= 2
                                && i - 2 == clause_start(i)
                                && GREETINGS.contains(&words.folded(i - 2))) =>
                {
                    (Said::Name, i + 1)
                }
                "presente" if before(i, 1) == Some("me") => (Said::Name, i + 1),
                // "Hello, this is Mrs Amanda Clarke", "myself (Mrs Hart)".
                "is" if before(i, 1) == Some("this") => (Said::Name, i + 1),
                "myself" => (Said::Name, i + 1),
                "as" if matches!(w(i + 1), Some("a" | "an")) => (Said::Person, i + 2),
                "est" if before(i, 1) == Some("on") => (Said::Plural, i + 1),
                "sommes" if before(i, 1) == Some("nous") => (Said::Plural, i + 1),
                "que" if before(i, 1) == Some("tant") && before(i, 2) == Some("en") => {
                    (Said::Person, i + 1)
                }
                _ => continue,
            };
            let Some(first) = w(next) else { continue };
            let clause = words.words[next].clause;
            if what != Said::Person {
                let titled = TITLES.iter().position(|titles| titles.contains(&first));
                if let Some(g) = titled.or_else(|| name(next)) {
                    said[g] = true;
                    continue;
                }
            }
            if what == Said::Name {
                continue;
            }
            // "je suis retraitée", "je ne suis plus mariée", "on est séparées": a feminine
            // agreement.
            let agreed = (next..n.min(next + 3))
                .take_while(|&k| words.words[k].clause == clause)
                .map(|k| words.folded(k))
                .find(|f| !ADVERBS.contains(f));
            let feminine = match what {
                Said::Plural => agreed.is_some_and(|a| a.ends_with("ees") && feminine(a)),
                _ => words.folded(i) == "suis" && agreed.is_some_and(feminine),
            };
            if feminine {
                said[1] = true;
                continue;
            }
            if what == Said::Plural {
                continue;
            }
            // "une femme de 41 ans", "a 38-year-old woman", "her widow", "le papa de …".
            let from = next + usize::from(ARTICLES.contains(&first));
            let described = (from..n.min(from + 5))
                .take_while(|&k| {
                    words.words[k].clause == clause && !STOPS.contains(&words.folded(k))
                })
                .filter(|&k| w(k + 1) != Some("s"))
                .find_map(|k| person(k, &mut tests));
            if let Some(g) = described {
                said[g] = true;
            }
        }
        said
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

/// What an introduction may give: a first name ("je m'appelle Julie"), what the writer is ("as
/// a mum"), either ("I'm Gareth", "I'm a dad"), or a plural agreement ("on est séparées").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Said {
    Name,
    Person,
    Any,
    Plural,
}

/// Unions whose partner a first name right after tells: "divorcé de Marc", "married to
/// Steve", "fiancée avec Mélanie", folded.
const UNIONS: [&str; 17] = [
    "couple",
    "relationship",
    "marie",
    "mariee",
    "divorce",
    "divorcee",
    "separe",
    "separee",
    "pacse",
    "pacsee",
    "fiance",
    "fiancee",
    "married",
    "divorced",
    "separated",
    "engaged",
    "wed",
];
/// Words between such a union and the partner's name.
const UNION_LINKS: [&str; 7] = ["de", "d", "avec", "a", "to", "from", "with"];

/// Where the message's opening title ends, and the byte that ends it: "Madame Karine Dupuis.
/// …", "Mrs A. Okafor - …", "M. Thierry Dubois — …", "Ms Patricia Doyle, Cork. …".
fn opening_title(text: &str) -> Option<(usize, usize, u8)> {
    let start = text.len() - text.trim_start().len();
    let bytes = text.as_bytes();
    let end = (start..bytes.len().min(start + SIGNATURE_BYTES)).find(|&i| {
        matches!(bytes[i], b',' | b'\n' | b':' | b'!' | b'?')
            || bytes[i] == b'.' && !abbreviation(&bytes[..i])
            || bytes[i] == b'-' && i > start && bytes[i - 1] == b' '
            // An em or en dash: "M. Thierry Dubois — …".
            || bytes[i] == 0xe2 && matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94]))
    })?;
    let rest = text[end..].trim_start_matches(|c: char| !c.is_alphanumeric());
    (rest.len() >= 2).then_some((start, end, bytes[end]))
}

impl Lexicon {
    /// The writer's gender by a title that opens the message as a name and ends there (see
    /// [`opening_title`]); not "Madame, Monsieur," nor "Madame Martin, …", whom the writer
    /// addresses: before a comma, only a title and a first name of its gender sign.
    fn opener(
        &self,
        signature: &Signature,
        languages: impl FnOnce() -> [bool; 2],
        text: &str,
    ) -> Option<usize> {
        let (start, end, by) = opening_title(text)?;
        let words = fold::words(&text[start..end]);
        let first = (!words.words.is_empty()).then(|| words.folded(0))?;
        let gender = TITLES.iter().position(|titles| titles.contains(&first))?;
        if !(2..=SIGNATURE_WORDS + 1).contains(&words.words.len()) {
            return None;
        }
        let named = || self.gender(signature, languages, words.folded(1)) == Some(gender);
        (by != b',' || named()).then_some(gender)
    }
}

/// What a text that introduces its writer holds (ASCII, any case): the prefilter of
/// [`Lexicon::introduced`].
const INTRODUCTIONS: [&str; 22] = [
    "suis",
    "chu ",
    "she/her",
    "he/him",
    "this is",
    "myself",
    " here",
    " ici",
    "me pr",
    "civilit",
    "title",
    "on est",
    "nous sommes",
    "i'm",
    "i\u{2019}m",
    "i am",
    " im ",
    "name is",
    "appelle",
    "moi c",
    " as a",
    "en tant que",
];

/// How much text around a word that may name a partner is read: the possessive and its
/// modifier before it ("mon défunt mari"), a partner's name after it ("my registered partner,
/// Luca", "divorcé de Marc").
const PARTNER_BEFORE: usize = 24;
const PARTNER_AFTER: usize = 40;

/// How much text around a possible introduction is read: the words before it that make it one
/// ("je ne suis", "my name is"), and what the writer says they are after it ("I'm a
/// 38-year-old retired woman").
const INTRODUCTION_BEFORE: usize = 12;
const INTRODUCTION_AFTER: usize = 96;

/// Greetings before who writes: "Bonjour, Antoine, 45 ans", "Hi it's Lisa".
const GREETINGS: [&str; 14] = [
    "bonjour", "bonsoir", "salut", "coucou", "allo", "hello", "hi", "hey", "heya", "hiya", "g",
    "day", "yo", "howdy",
];

/// Words that make a few words before "here" or at the message's opening someone else than
/// the writer: "the woman here said", "Mon mari ici", "Ma femme,".
const DETERMINERS: [&str; 17] = [
    "the", "a", "an", "this", "my", "his", "her", "our", "le", "la", "les", "un", "une", "ce",
    "mon", "ma", "notre",
];

/// Most words of the opening clause that says who writes ("Aussie bloke", "Jeune maman solo").
const OPENING_WORDS: usize = 4;

/// Articles and possessives between an introduction and what the writer is ("une femme", "a
/// dad", "her widow", "le papa"), or between a union and what the partner is ("en couple avec
/// une femme").
const ARTICLES: [&str; 11] = [
    "un", "une", "le", "la", "l", "a", "an", "the", "her", "his", "their",
];

/// Words that end the description of the writer before it names what they are: "a member of
/// the women's institute" says nothing of the writer's gender, nor does "je suis au travail ma
/// femme…" (the writer's own possessive names someone else).
const STOPS: [&str; 31] = [
    "of", "for", "with", "in", "at", "to", "from", "and", "or", "who", "that", "but", "de", "d",
    "du", "des", "pour", "avec", "et", "ou", "qui", "que", "dans", "chez", "my", "our", "ma",
    "mon", "mes", "notre", "nos",
];

/// Adverbs between "je suis" and an agreement: "je ne suis plus mariée".
const ADVERBS: [&str; 12] = [
    "pas", "plus", "tres", "bien", "deja", "toujours", "aussi", "encore", "enfin", "vraiment",
    "moi", "meme",
];

/// Whether a folded word is a feminine agreement (a participle or adjective in `-ée`, `-ées`):
/// "retraitée", "mariée", "née", "désolée"; not the nouns and epicene words of that shape.
fn feminine(word: &str) -> bool {
    (word.ends_with("ee") || word.ends_with("ees"))
        && word.len() >= 3
        && !matches!(word, "athee" | "athees" | "lycee" | "musee" | "pygmee")
}

/// A text with the accents of its Latin-1 letters taken off ("Chérie" → "Cherie"; `œ` →
/// "oe"), other bytes as they are, so that the partner prefilter (ASCII case-insensitive) finds
/// a folded word; far cheaper than [`fold::words`].
struct Folded<'t> {
    /// The text itself when it has no such letter (most texts): nothing is copied.
    bytes: std::borrow::Cow<'t, [u8]>,
    /// Where, in `bytes`, each accented letter (two bytes of the text, one here) was put.
    shrunk: Vec<usize>,
}

impl Folded<'_> {
    fn new(text: &str) -> Folded<'_> {
        // The base letters of U+00C0 … U+00FF (`C3 80` … `C3 BF`); 0 for the signs.
        const LATIN1: &[u8; 64] = b"aaaaaaaceeeeiiiidnooooo\0ouuuuyts\
aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
        let text = text.as_bytes();
        let Some(first) = memchr::memchr2(0xc3, 0xc5, text) else {
            return Folded {
                bytes: text.into(),
                shrunk: Vec::new(),
            };
        };
        let mut bytes = Vec::with_capacity(text.len());
        let mut shrunk = Vec::new();
        let mut from = 0;
        for at in memchr::memchr2_iter(0xc3, 0xc5, &text[first..]).map(|i| first + i) {
            if at < from {
                continue;
            }
            bytes.extend_from_slice(&text[from..at]);
            match (text[at], text.get(at + 1)) {
                (0xc3, Some(&b @ 0x80..=0xbf)) => {
                    shrunk.push(bytes.len());
                    bytes.push(LATIN1[usize::from(b - 0x80)]);
                }
                (0xc5, Some(0x92 | 0x93)) => bytes.extend_from_slice(b"oe"),
                _ => bytes.extend_from_slice(&text[at..(at + 2).min(text.len())]),
            }
            from = (at + 2).min(text.len());
        }
        bytes.extend_from_slice(&text[from..]);
        Folded {
            bytes: bytes.into(),
            shrunk,
        }
    }

    /// The offset in the text of offset `at` of the folded bytes.
    fn original(&self, at: usize) -> usize {
        at + self.shrunk.partition_point(|&s| s < at)
    }
}

/// Byte ranges given in the order of their starts, overlapping ones joined, so that each
/// stretch of text is read once however many words in it call for reading it.
fn merged(
    windows: impl IntoIterator<Item = (usize, usize)>,
) -> impl Iterator<Item = (usize, usize)> {
    let mut windows = windows.into_iter().peekable();
    std::iter::from_fn(move || {
        let (from, mut to) = windows.next()?;
        while let Some((_, end)) = windows.next_if(|&(start, _)| start <= to) {
            to = to.max(end);
        }
        Some((from, to))
    })
}

/// The char boundary at or before `i` (clamped to the text).
pub(super) fn floor_boundary(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(0)
}

/// The char boundary at or after `i` (clamped to the text).
fn ceil_boundary(text: &str, i: usize) -> usize {
    (i.min(text.len())..=text.len())
        .find(|&b| text.is_char_boundary(b))
        .unwrap_or(text.len())
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
    use super::{signature_start, Folded};

    #[test]
    fn the_partner_prefilter_reads_accented_letters_unaccented() {
        let text = "Ma Chérie, MON ÉPOUX, sœur";
        let folded = Folded::new(text);
        assert_eq!(&*folded.bytes, b"Ma Cherie, MON ePOUX, soeur");
        // Offsets map back to the text: "r" after "Ché", "P" after "É".
        assert_eq!(&text[folded.original(6)..=folded.original(6)], "r");
        assert_eq!(&text[folded.original(16)..=folded.original(16)], "P");
        assert_eq!(&*Folded::new("ÀÆÇÑØßàæçñøÿ").bytes, b"aacnosaacnoy");
        // Other characters stay as they are.
        assert_eq!(&*Folded::new("€ 5 – x").bytes, "€ 5 – x".as_bytes());
    }

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
