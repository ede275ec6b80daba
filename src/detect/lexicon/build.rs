//! Compiling vocabularies into a [`Lexicon`]: word tests, entries, classes and the trigger
//! automaton, once at start-up.

use aho_corasick::{MatchKind, StartKind};
use rust_stemmers::Algorithm;
use rustc_hash::FxHashSet as HashSet;

use super::stems::stems;
use super::*;
use crate::detect::vocabulary::Vocabulary;
use crate::detect::DetectError;

/// Builds the tables, interning word tests.
struct Builder<'v> {
    vocabulary: &'v Vocabulary,
    stemmers: [Stemmer; 2],
    tests: Vec<WordTest>,
    /// Trigger text of each word test (see [`trigger_text`]).
    triggers: Vec<String>,
    ids: HashMap<WordTest, PatId>,
    classes: HashMap<(Lang, String), Box<[PatId]>>,
    entries: Vec<Entry>,
    problems: Vec<String>,
}

impl Builder<'_> {
    /// The id of a word test, with `word` (the folded word it was made from) narrowing its
    /// trigger (see [`trigger_text`]).
    fn intern(&mut self, t: WordTest, word: &str) -> PatId {
        let trigger = trigger_text(&t, word);
        if let Some(&id) = self.ids.get(&t) {
            let known = &mut self.triggers[id as usize];
            let common = common_prefix(known, &trigger).to_string();
            *known = common;
            return id;
        }
        let id = self.tests.len() as PatId;
        self.tests.push(t.clone());
        self.triggers.push(trigger);
        self.ids.insert(t, id);
        id
    }

    /// The word tests of one written token (which folding may split: `d'origine`), each part
    /// with its alternatives (a word may have two stems).
    fn word_tests(&mut self, raw: &str, lang: Lang) -> Vec<Vec<PatId>> {
        let (exact, raw) = match raw.strip_prefix('=') {
            Some(r) => (true, r),
            None => (false, raw),
        };
        let (prefix, raw) = match raw.strip_suffix('*') {
            Some(r) => (true, r),
            None => (false, raw),
        };
        let folded = fold::fold_word(raw);
        let parts: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        let n = parts.len();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let tests = if prefix && i + 1 == n {
                    vec![WordTest::Prefix(p.to_string())]
                } else if exact || p.chars().count() <= 3 {
                    vec![WordTest::Exact(p.to_string())]
                } else {
                    let keys: Vec<WordTest> = stems(&self.stemmers[lang_index(lang)], lang, p)
                        .into_iter()
                        .flatten()
                        .map(|s| WordTest::Stem(lang, s))
                        .collect();
                    if keys.is_empty() {
                        vec![WordTest::Exact(p.to_string())]
                    } else {
                        keys
                    }
                };
                let mut ids: Vec<PatId> = tests.into_iter().map(|t| self.intern(t, p)).collect();
                ids.sort_unstable();
                ids
            })
            .collect()
    }

    /// Compiles one entry; problems are reported with `origin`.
    fn entry(&mut self, text: &str, lang: Lang, kind: Kind, person_required: bool, origin: &str) {
        if text.bytes().any(fold::is_clause_separator) {
            self.problems.push(format!(
                "{origin}: `{text}` contains a clause separator (. ! ? ; , or newline)"
            ));
            return;
        }
        let mut elems = Vec::new();
        for raw in text.split_whitespace() {
            if raw == "~" {
                elems.push(Elem::Gap);
            } else if raw == "~~" {
                elems.push(Elem::SentenceGap);
            } else if let Some(name) = raw.strip_prefix('@') {
                match self.class(lang, name) {
                    Some(c) => elems.push(Elem::Class(c)),
                    None => {
                        self.problems.push(format!(
                            "{origin}: `{text}`: no class {}/classes/{name}.txt",
                            lang.as_str()
                        ));
                        return;
                    }
                }
            } else {
                elems.extend(self.word_tests(raw, lang).into_iter().map(
                    |ids| match ids.as_slice() {
                        [one] => Elem::Word(*one),
                        _ => Elem::Class(ids.into_boxed_slice()),
                    },
                ));
            }
        }
        let gap_at_edge =
            elems.first().is_none_or(Elem::is_gap) || elems.last().is_some_and(Elem::is_gap);
        let double_gap = elems.windows(2).any(|w| w[0].is_gap() && w[1].is_gap());
        if gap_at_edge || double_gap {
            self.problems.push(format!(
                "{origin}: `{text}`: needs a word, and `~` or `~~` only between two words"
            ));
            return;
        }
        self.entries.push(Entry {
            elems: elems.into_boxed_slice(),
            kind,
            person_required,
            lang,
            source: format!("{origin} {text}").into_boxed_str(),
        });
    }

    fn class(&mut self, lang: Lang, name: &str) -> Option<Box<[PatId]>> {
        if let Some(c) = self.classes.get(&(lang, name.to_string())) {
            return Some(c.clone());
        }
        let words = self.vocabulary.classes.get(&(lang, name.to_string()))?;
        let mut ids: Vec<PatId> = Vec::new();
        for w in words {
            ids.extend(self.word_tests(w, lang).into_iter().flatten());
        }
        ids.sort_unstable();
        ids.dedup();
        let ids = ids.into_boxed_slice();
        self.classes.insert((lang, name.to_string()), ids.clone());
        Some(ids)
    }
}

/// Letters that Snowball may rewrite at the end of a stem (`chevaux` → `cheval`, `study` →
/// `studi`, `résidence` → `résident`, `porteuse` → `porteux`, `drive`/`driving`), found by
/// stemming every vocabulary word: a trigger stops before them.
const REWRITTEN_LAST: [char; 6] = ['e', 'i', 'l', 't', 'u', 'x'];

/// The longest common prefix of two strings (on a character boundary).
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    &a[..n]
}

/// Trigger text of a word test made from `word`: what every text word passing the test starts
/// with. For a stem, its part shared with the word (`application` → `appliqu`: `appli`),
/// without a final letter Snowball may have rewritten; three letters at least.
fn trigger_text(t: &WordTest, word: &str) -> String {
    match t {
        WordTest::Stem(_, s) => {
            let mut t = common_prefix(s, word);
            if let Some(last) = t.chars().last().filter(|c| REWRITTEN_LAST.contains(c)) {
                t = &t[..t.len() - last.len_utf8()];
            }
            if t.chars().count() < 3 {
                t = &s[..s.char_indices().nth(3).map_or(s.len(), |(i, _)| i)];
            }
            t.to_string()
        }
        WordTest::Exact(w) => w.clone(),
        WordTest::Prefix(p) => p.clone(),
    }
}

impl Lexicon {
    pub(in crate::detect) fn new(v: &Vocabulary) -> Result<Lexicon, DetectError> {
        let mut b = Builder {
            vocabulary: v,
            stemmers: [
                Stemmer::create(Algorithm::French),
                Stemmer::create(Algorithm::English),
            ],
            tests: Vec::new(),
            triggers: Vec::new(),
            ids: HashMap::default(),
            classes: HashMap::default(),
            entries: Vec::new(),
            problems: Vec::new(),
        };
        for ((category, lang), entries) in &v.categories {
            for section in Section::ALL {
                let file = format!("lexicons/{}/{category}.txt", lang.as_str());
                let policy = format!("policy lexicons.{category} ({})", lang.as_str());
                let lists = [
                    (file, entries.entries(section)),
                    (policy, entries.added(section)),
                ];
                for (from, list) in lists {
                    let origin = format!("{from} [{}]", section.as_str());
                    for e in list {
                        b.entry(
                            e,
                            *lang,
                            Kind::Section(*category, section),
                            entries.person_required,
                            &origin,
                        );
                    }
                }
            }
        }
        // Function words only tell the language of a text (see `function_words`), frequent words
        // only steer the choice of triggers.
        for ((lang, context), list) in v
            .contexts
            .iter()
            .filter(|((_, c), _)| !matches!(c, Context::Language | Context::Frequent))
        {
            for e in list {
                let origin = format!(
                    "lexicons/{}/_context.txt [{}]",
                    lang.as_str(),
                    context.as_str()
                );
                b.entry(e, *lang, Kind::Context(*context), false, &origin);
            }
        }
        if !b.problems.is_empty() {
            return Err(DetectError::Vocabulary(b.problems));
        }
        // Before the word-test tables: the rule's classes add their tests.
        let signature = super::signature::Signature::new(
            |lang, name| b.class(lang, name),
            |lang, name| v.classes.get(&(lang, name.to_string())).cloned(),
        );

        let function_words = v
            .contexts
            .iter()
            .filter(|((_, c), _)| *c == Context::Language)
            .flat_map(|((lang, _), list)| {
                list.iter()
                    .map(|w| (fold::fold_word(w.trim_start_matches('=')), *lang))
            })
            .collect();
        let mut exact: HashMap<String, Vec<PatId>> = HashMap::default();
        let mut stems: [HashMap<String, Vec<PatId>>; 2] = Default::default();
        let mut prefixes = Vec::new();
        for (id, t) in b.tests.iter().enumerate() {
            let id = id as PatId;
            match t {
                WordTest::Exact(w) => exact.entry(w.clone()).or_default().push(id),
                WordTest::Stem(lang, s) => stems[lang_index(*lang)]
                    .entry(s.clone())
                    .or_default()
                    .push(id),
                WordTest::Prefix(p) => prefixes.push((p.clone(), id)),
            }
        }
        let mut by_first = vec![Vec::new(); b.tests.len()];
        for (i, e) in b.entries.iter().enumerate() {
            match &e.elems[0] {
                Elem::Word(p) => by_first[*p as usize].push(i as u32),
                Elem::Class(ps) => ps.iter().for_each(|p| by_first[*p as usize].push(i as u32)),
                Elem::Gap | Elem::SentenceGap => {}
            }
        }

        // Triggers: the most selective element of each entry that can make a hit (terms,
        // ambiguous entries and their cues). Words of the lists of frequent words (pronouns,
        // function words, articles, street words, `[frequent]`) are chosen only when an entry
        // has nothing else: they are in every text. Not the words of topics, animals and
        // machines: "magasin de matériel médical" as a topic does not make "médical" frequent.
        // A common word written `=word` stands for that word only ("=votre" does not make
        // "vote" common); others for the words they start.
        let common: Vec<(String, bool)> = v
            .contexts
            .iter()
            .filter(|((_, c), _)| {
                matches!(
                    c,
                    Context::Person
                        | Context::Language
                        | Context::Frequent
                        | Context::Article
                        | Context::Place
                )
            })
            .flat_map(|(_, list)| list)
            .flat_map(|e| e.split_whitespace())
            .flat_map(|token| {
                let exact = token.starts_with('=');
                fold::fold_phrase(token)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| (w.to_string(), exact))
                    .collect::<Vec<_>>()
            })
            .collect();
        // A word test that matches whole words only (`=fo`, short words) is common when a
        // common word is that word; others when a common word starts with their trigger.
        // Answered once per word test from sets and a sorted list (a scan of the common words
        // for every element of every entry made this most of the guard's start-up). A common
        // word stands in the sets for itself and, read as a plural, for itself without its
        // final `s`: one lookup answers "is a common word this word, or its plural".
        let forms = |exact_only: bool| -> HashSet<&str> {
            common
                .iter()
                .filter(|(_, exact)| *exact || !exact_only)
                .flat_map(|(w, _)| [w.as_str(), w.strip_suffix('s').unwrap_or(w)])
                .collect()
        };
        let (common_every, common_exact) = (forms(false), forms(true));
        let mut common_prefixes: Vec<&str> = common
            .iter()
            .filter(|(_, exact)| !exact)
            .map(|(w, _)| w.as_str())
            .collect();
        common_prefixes.sort_unstable();
        let common_tests: Vec<bool> = (0..b.tests.len())
            .map(|p| {
                let t = b.triggers[p].as_str();
                // The words that start with `t` are the first ones not below it.
                let started = || {
                    let i = common_prefixes.partition_point(|w| *w < t);
                    common_prefixes.get(i).is_some_and(|w| w.starts_with(t))
                };
                match &b.tests[p] {
                    WordTest::Exact(_) => common_every.contains(t),
                    _ => common_exact.contains(t) || started(),
                }
            })
            .collect();
        let is_common = |p: &PatId| common_tests[*p as usize];
        let mut trigger_ids: HashMap<String, usize> = HashMap::default();
        let mut trigger_tests: Vec<Vec<PatId>> = Vec::new();
        // Whether each trigger serves an entry with a `~~` gap (its candidate is the sentence).
        let mut trigger_sentence_wide: Vec<bool> = Vec::new();
        for e in &b.entries {
            // Cues are not triggers: they are common words ("je touche", "member"), and a
            // clause with an ambiguous word is analysed whole anyway.
            if !matches!(
                e.kind,
                Kind::Section(_, Section::Terms | Section::Ambiguous)
            ) {
                continue;
            }
            let pats = |el: &Elem| match el {
                Elem::Word(p) => vec![*p],
                Elem::Class(ps) => ps.to_vec(),
                Elem::Gap | Elem::SentenceGap => Vec::new(),
            };
            // A class is as rare as its members mostly are, and as long as they are on average.
            let score = |el: &Elem| {
                let ps = pats(el);
                let common = ps.iter().filter(|p| is_common(p)).count();
                let rare = !ps.is_empty() && common * 10 <= ps.len();
                let total: usize = ps.iter().map(|p| b.triggers[*p as usize].len()).sum();
                (rare, total / ps.len().max(1))
            };
            let Some(best) = e
                .elems
                .iter()
                .filter(|el| !el.is_gap())
                .max_by_key(|el| score(el))
            else {
                continue;
            };
            let wide = e.elems.iter().any(|el| matches!(el, Elem::SentenceGap));
            for p in pats(best) {
                let text = b.triggers[p as usize].clone();
                let next = trigger_tests.len();
                let k = *trigger_ids.entry(text).or_insert(next);
                if k == next {
                    trigger_tests.push(Vec::new());
                    trigger_sentence_wide.push(false);
                }
                if !trigger_tests[k].contains(&p) {
                    trigger_tests[k].push(p);
                }
                trigger_sentence_wide[k] |= wide;
            }
        }
        let trigger = if trigger_tests.is_empty() {
            None
        } else {
            let mut patterns = vec![String::new(); trigger_tests.len()];
            for (text, k) in trigger_ids {
                patterns[k] = text;
            }
            // Standard semantics report every trigger a word starts with (`dia` and `diab`).
            let dfa = DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .build(&patterns)?;
            let start = dfa.start_state(Anchored::Yes)?;
            Some((dfa, start))
        };

        let trigger_whole_word = trigger_tests
            .iter()
            .map(|tests| {
                tests
                    .iter()
                    .all(|p| matches!(b.tests[*p as usize], WordTest::Exact(_)))
            })
            .collect();
        Ok(Lexicon {
            trigger_whole_word,
            trigger_sentence_wide,
            function_words,
            stemmers: b.stemmers,
            tests: b.tests,
            exact,
            stems,
            prefixes,
            entries: b.entries,
            by_first,
            trigger,
            trigger_tests,
            signature,
        })
    }
}
