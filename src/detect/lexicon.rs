//! The special-category matcher (S2, S3): vocabularies compiled into word tests, entries and a
//! trigger automaton, once at start-up.
//!
//! Matching has two speeds. Every free text goes through the **trigger walk**: an anchored
//! automaton restarted at each word, holding the most selective word of each entry that can make
//! a hit (a term or an ambiguous word); a candidate word is stemmed and checked before anything
//! else happens. Nearly every lead message stops there, without allocating. Only the clauses
//! that hold a real trigger word are **analysed**: cut into words, each word stemmed (French and
//! English, from a per-thread cache), entries matched word by word, then the clause rules
//! applied (language, cues, exclusions, place names, animals, person required).

use super::fold::{self, Word, Words};
use super::vocabulary::{Context, Lang, Section, Vocabulary};
use super::DetectError;
use crate::category::Category;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// Identifies a distinct word test.
type PatId = u32;

/// Most words a `~` gap skips.
const GAP_MAX: usize = 3;
/// Most words between a place word and the hit it names ("rue de l'Église").
const PLACE_BEFORE: usize = 3;

/// How one word of an entry is recognised in text (folded words).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum WordTest {
    /// Same Snowball stem in that language.
    Stem(Lang, String),
    /// The word itself, or with a final `s` (`=word`, and words of three letters or fewer).
    Exact(String),
    /// Any word starting with it.
    Prefix(String),
}

/// One element of an entry.
#[derive(Debug, Clone)]
enum Elem {
    Word(PatId),
    /// Any word of a class (sorted).
    Class(Box<[PatId]>),
    /// 0 to [`GAP_MAX`] words.
    Gap,
}

/// What a matched entry means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Section(Category, Section),
    Context(Context),
}

#[derive(Debug)]
struct Entry {
    elems: Box<[Elem]>,
    kind: Kind,
    person_required: bool,
    lang: Lang,
    /// Where the entry comes from and how it is written, for `leadguard explain`.
    source: Box<str>,
}

/// An entry found in a text: word indices of its first and last word.
#[derive(Debug, Clone, Copy)]
struct Match {
    entry: u32,
    first: usize,
    last: usize,
}

/// A special-category statement found in text: original byte offsets of its first and last
/// character, and its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LexiconHit {
    pub start: usize,
    pub last: usize,
    pub category: Category,
    /// The entry that matched (see [`Lexicon::source`]).
    pub entry: u32,
}

pub(super) struct Lexicon {
    stemmers: [Stemmer; 2],
    tests: Vec<WordTest>,
    exact: HashMap<String, Vec<PatId>>,
    stems: [HashMap<String, Vec<PatId>>; 2],
    prefixes: Vec<(String, PatId)>,
    entries: Vec<Entry>,
    /// Entries whose first element can be the word test, by [`PatId`].
    by_first: Vec<Vec<u32>>,
    /// Trigger automaton over folded text and its start state (none without entries).
    trigger: Option<(DFA, StateID)>,
    /// The `[language]` words of each language (function words), folded.
    function_words: HashMap<String, Lang>,
    /// Whether each trigger pattern is a whole word (every test of it exact): no match when a
    /// letter follows.
    trigger_whole_word: Vec<bool>,
    /// Word tests to check for each trigger pattern, with what the word would be.
    trigger_tests: Vec<Vec<PatId>>,
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

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
        let gap_at_edge = matches!(elems.first(), Some(Elem::Gap) | None)
            || matches!(elems.last(), Some(Elem::Gap));
        let double_gap = elems
            .windows(2)
            .any(|w| matches!(w, [Elem::Gap, Elem::Gap]));
        if gap_at_edge || double_gap {
            self.problems.push(format!(
                "{origin}: `{text}`: needs a word, and `~` only between two words"
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

/// Most stems a folded word is known by (see [`stems`]).
const STEMS_MAX: usize = 4;

/// The stems of one word.
type Stems = [Option<String>; STEMS_MAX];

/// Words whose stems one thread keeps per language (see [`Lexicon::with_stems`]): about 1 MB.
const STEM_CACHE_WORDS: usize = 8192;

/// The stems a folded word is known by. French words are first given back what folding hides
/// from the stemmer: Snowball strips `ée`/`ées` only with the accent, so a final `ee` becomes
/// `e` (`syndiquee` meets `syndiqué`). A French word longer than four letters is also stemmed
/// without a final `s`, `e` or `es`, because the stemmer does not always bring plural and
/// feminine forms together (`cancers`/`cancer`, `antillaise`/`antillais`).
fn stems(stemmer: &Stemmer, lang: Lang, word: &str) -> Stems {
    let stem = |w: &str| {
        let w = if lang == Lang::Fr && w.ends_with("ee") {
            &w[..w.len() - 1]
        } else {
            w
        };
        stemmer.stem(w).into_owned()
    };
    // A stem of three letters from a longer word (`remissions` → `rem`) would meet unrelated
    // words (`remis`): such stems are not used.
    let usable = |s: &String| s.chars().count() >= 4 || word.chars().count() <= 4;
    let mut out: Stems = Default::default();
    out[0] = Some(stem(word)).filter(usable);
    if lang == Lang::Fr && word.len() > 4 {
        for (slot, ending) in ["s", "e", "es"].into_iter().enumerate() {
            if let Some(base) = word.strip_suffix(ending) {
                let s = stem(base);
                if usable(&s) && !out.contains(&Some(s.clone())) {
                    out[slot + 1] = Some(s);
                }
            }
        }
    }
    out
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

/// The state of the trigger walk: the automaton is anchored, restarted at each word and
/// stopped at the first letter no trigger continues with, so most words cost a byte or two.
struct Walk<'a> {
    dfa: &'a DFA,
    start: StateID,
    sid: StateID,
    in_word: bool,
    /// Whether the current word may still start with a trigger.
    alive: bool,
    /// Byte offset of the current word in the text.
    word_at: usize,
    /// Bytes fed since the word started: a match of another length did not start the word.
    fed: usize,
}

impl Walk<'_> {
    /// Feeds one byte of a folded letter or digit found at byte `at` of the text; whether the
    /// automaton is then on a match.
    fn letter(&mut self, b: u8, at: usize) -> bool {
        if !self.in_word {
            (self.in_word, self.alive, self.word_at, self.sid) = (true, true, at, self.start);
            self.fed = 0;
        }
        if !self.alive {
            return false;
        }
        self.fed += 1;
        self.sid = self.dfa.next_state(Anchored::Yes, self.sid, b);
        if !self.dfa.is_special(self.sid) {
            return false;
        }
        if self.dfa.is_dead(self.sid) {
            self.alive = false;
            return false;
        }
        self.dfa.is_match(self.sid)
    }

    /// Whether a trigger matched at the current state holds, once its word is checked. `next`
    /// is the byte after the match when it ends on an ASCII letter: a trigger that is a whole
    /// word (`=exact`, short words) cannot hold when a letter follows (`local` is not `lo`).
    fn matches(&self, lexicon: &Lexicon, text: &str, next: Option<usize>) -> bool {
        let bytes = text.as_bytes();
        let word_goes_on = next.is_some_and(|n| {
            let alnum = |i: usize| {
                bytes
                    .get(i)
                    .is_some_and(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
            };
            // A letter follows, other than the final `s` of a plural.
            let plural_s =
                bytes.get(n).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) && !alnum(n + 1);
            alnum(n) && !plural_s
        });
        (0..self.dfa.match_len(self.sid))
            .map(|k| self.dfa.match_pattern(self.sid, k))
            .filter(|pid| self.dfa.pattern_len(*pid) == self.fed)
            .filter(|pid| !(word_goes_on && lexicon.trigger_whole_word[pid.as_usize()]))
            .any(|pid| lexicon.trigger_holds(text, self.word_at, pid.as_usize()))
    }
}

impl Lexicon {
    pub(super) fn new(v: &Vocabulary) -> Result<Lexicon, DetectError> {
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
                Elem::Gap => {}
            }
        }

        // Triggers: the most selective element of each entry that can make a hit (terms,
        // ambiguous entries and their cues). Words of the context lists (pronouns, function
        // words) are chosen only when an entry has nothing else: they are in every text.
        let common: Vec<String> = v
            .contexts
            .values()
            .flatten()
            .flat_map(|e| {
                fold::fold_phrase(e)
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let is_common = |p: &PatId| {
            let t = &b.triggers[*p as usize];
            common.iter().any(|w| w.starts_with(t.as_str()))
        };
        let mut trigger_ids: HashMap<String, usize> = HashMap::default();
        let mut trigger_tests: Vec<Vec<PatId>> = Vec::new();
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
                Elem::Gap => Vec::new(),
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
                .filter(|el| !matches!(el, Elem::Gap))
                .max_by_key(|el| score(el))
            else {
                continue;
            };
            for p in pats(best) {
                let text = b.triggers[p as usize].clone();
                let next = trigger_tests.len();
                let k = *trigger_ids.entry(text).or_insert(next);
                if k == next {
                    trigger_tests.push(Vec::new());
                }
                if !trigger_tests[k].contains(&p) {
                    trigger_tests[k].push(p);
                }
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
        })
    }

    /// Where an entry comes from and how it is written.
    pub(super) fn source(&self, entry: u32) -> &str {
        &self.entries[entry as usize].source
    }

    /// Calls `f` with the stems of a folded word ([`stems`]), from a per-thread cache: the
    /// words of lead messages repeat (a message's vocabulary is small and shared), and
    /// stemming costs far more than a look-up. Stems depend on the word alone, so one cache
    /// serves every lexicon; it is emptied when full, which bounds its memory.
    fn with_stems<R>(&self, lang: Lang, word: &str, f: impl FnOnce(&Stems) -> R) -> R {
        thread_local! {
            static CACHE: RefCell<[HashMap<Box<str>, Stems>; 2]> = RefCell::default();
        }
        CACHE.with(|cache| {
            let cache = &mut cache.borrow_mut()[lang_index(lang)];
            if let Some(found) = cache.get(word) {
                return f(found);
            }
            if cache.len() >= STEM_CACHE_WORDS {
                cache.clear();
            }
            let computed = stems(&self.stemmers[lang_index(lang)], lang, word);
            let r = f(&computed);
            cache.insert(Box::from(word), computed);
            r
        })
    }

    /// Whether the folded word passes the word test.
    fn passes(&self, t: &WordTest, word: &str) -> bool {
        match t {
            WordTest::Exact(w) => word == w || (w.len() > 1 && word.strip_suffix('s') == Some(w)),
            WordTest::Prefix(p) => word.starts_with(p.as_str()),
            WordTest::Stem(lang, s) => {
                word.chars().count() > 3
                    && self.with_stems(*lang, word, |keys| {
                        keys.iter().any(|k| k.as_ref() == Some(s))
                    })
            }
        }
    }

    /// The word tests a folded word passes, sorted.
    fn tests_of(&self, word: &str, out: &mut Vec<PatId>) {
        out.clear();
        if let Some(ids) = self.exact.get(word) {
            out.extend(ids);
        }
        // A plural `s`, except on one-letter words (`i` is not `is`, `l` not `ls`).
        if let Some(ids) = word
            .strip_suffix('s')
            .filter(|w| w.len() > 1)
            .and_then(|w| self.exact.get(w))
        {
            out.extend(ids);
        }
        if word.chars().count() > 3 {
            for lang in Lang::ALL {
                let table = &self.stems[lang_index(lang)];
                if !table.is_empty() {
                    self.with_stems(lang, word, |keys| {
                        for key in keys.iter().flatten() {
                            if let Some(ids) = table.get(key) {
                                out.extend(ids);
                            }
                        }
                    });
                }
            }
        }
        for (p, id) in &self.prefixes {
            if word.starts_with(p.as_str()) {
                out.push(*id);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The clauses of the text (byte ranges) that hold a word some entry able to hit needs: a
    /// term or an ambiguous word (the trigger walk). Only those are analysed
    /// ([`Lexicon::hits`]), since every rule looks inside one clause; none, and without
    /// allocating, for nearly every text.
    pub(super) fn candidate_clauses(&self, text: &str) -> Vec<(usize, usize)> {
        let mut clauses = Vec::new();
        let Some((dfa, start)) = &self.trigger else {
            return clauses;
        };
        let mut walk = Walk {
            dfa,
            start: *start,
            sid: *start,
            in_word: false,
            alive: false,
            word_at: 0,
            fed: 0,
        };
        let bytes = text.as_bytes();
        // Whether the current clause holds a trigger word (then the rest of it needs no check).
        let mut seen = false;
        let mut clause_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII folds to its lower case: fed as is, the common case.
                let f = b.to_ascii_lowercase();
                if f.is_ascii_alphanumeric() {
                    if walk.letter(f, i) && !seen {
                        seen = walk.matches(self, text, Some(i + 1));
                    }
                } else {
                    walk.in_word = false;
                    if fold::is_clause_separator(b) {
                        if seen {
                            clauses.push((clause_start, i + 1));
                        }
                        seen = false;
                        clause_start = i + 1;
                    }
                }
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break; // unreachable: i is on a char boundary
            };
            fold::fold_char(c, &mut |f| {
                if !f.is_alphanumeric() {
                    walk.in_word = false;
                    return;
                }
                let mut buf = [0u8; 4];
                for &b in f.encode_utf8(&mut buf).as_bytes() {
                    if walk.letter(b, i) && !seen {
                        seen = walk.matches(self, text, None);
                    }
                }
            });
            i += c.len_utf8();
        }
        if seen {
            clauses.push((clause_start, bytes.len()));
        }
        clauses
    }

    /// Whether the word starting at byte `at` of `text` passes a word test of trigger `k`.
    fn trigger_holds(&self, text: &str, at: usize, k: usize) -> bool {
        let mut word = String::new();
        for c in text[at..].chars() {
            let mut end = false;
            fold::fold_char(c, &mut |f| {
                if f.is_alphanumeric() && !end {
                    word.push(f);
                } else {
                    end = true;
                }
            });
            if end {
                break;
            }
        }
        self.trigger_tests[k]
            .iter()
            .any(|p| self.passes(&self.tests[*p as usize], &word))
    }

    /// Matches the remaining elements of an entry from word `next` on, in the clause of word
    /// `prev` (the last word matched so far): the last word of the first way that matches.
    fn rest(
        &self,
        elems: &[Elem],
        next: usize,
        prev: usize,
        words: &Words,
        tests: &[Vec<PatId>],
    ) -> Option<usize> {
        let Some((first, more)) = elems.split_first() else {
            return Some(prev);
        };
        let clause = words.words[prev].clause;
        let at = |i: usize| {
            words
                .words
                .get(i)
                .filter(|w| w.clause == clause)
                .map(|_| &tests[i])
        };
        match first {
            Elem::Gap => (0..=GAP_MAX).find_map(|skip| {
                at(next + skip)?;
                self.rest(more, next + skip, prev, words, tests)
            }),
            Elem::Word(p) => {
                at(next)?.binary_search(p).ok()?;
                self.rest(more, next + 1, next, words, tests)
            }
            Elem::Class(ps) => {
                at(next)?
                    .iter()
                    .any(|p| ps.binary_search(p).is_ok())
                    .then_some(())?;
                self.rest(more, next + 1, next, words, tests)
            }
        }
    }

    /// Every special-category statement of the text, in text order (the analysis).
    pub(super) fn hits(&self, text: &str, clauses: &[(usize, usize)]) -> Vec<LexiconHit> {
        let mut hits = Vec::new();
        if clauses.is_empty() {
            return hits;
        }
        let languages = self.languages(text);
        for &(start, end) in clauses {
            self.clause_range_hits(text, start, end, languages, &mut hits);
        }
        hits
    }

    /// Every hit of one candidate clause (`text[start..end]`), offsets in `text`.
    fn clause_range_hits(
        &self,
        text: &str,
        start: usize,
        end: usize,
        languages: [bool; 2],
        hits: &mut Vec<LexiconHit>,
    ) {
        let mut words = fold::words(&text[start..end]);
        for w in &mut words.words {
            w.start += start;
            w.last += start;
        }
        let mut tests: Vec<Vec<PatId>> = vec![Vec::new(); words.words.len()];
        for (i, t) in tests.iter_mut().enumerate() {
            self.tests_of(words.folded(i), t);
        }
        let mut matches: Vec<Match> = Vec::new();
        for (i, t) in tests.iter().enumerate() {
            for p in t {
                for &e in &self.by_first[*p as usize] {
                    if matches
                        .iter()
                        .rev()
                        .take_while(|m| m.first == i)
                        .any(|m| m.entry == e)
                    {
                        continue;
                    }
                    if let Some(last) = self.rest(
                        &self.entries[e as usize].elems[1..],
                        i + 1,
                        i,
                        &words,
                        &tests,
                    ) {
                        matches.push(Match {
                            entry: e,
                            first: i,
                            last,
                        });
                    }
                }
            }
        }
        matches.retain(|m| languages[lang_index(self.entries[m.entry as usize].lang)]);
        let mut from = 0;
        while from < matches.len() {
            let clause = words.words[matches[from].first].clause;
            let to = from
                + matches[from..]
                    .iter()
                    .take_while(|m| words.words[m.first].clause == clause)
                    .count();
            let before = hits.len();
            self.clause_hits(&matches[from..to], &words.words, hits);
            hits[before..].sort_by_key(|h| h.start);
            from = to;
        }
    }

    /// The languages the text is matched in: those whose function words are at least a third
    /// as frequent as the most frequent language's (both when none is seen, or for a text that
    /// mixes them).
    fn languages(&self, text: &str) -> [bool; 2] {
        let mut seen = [0usize; 2];
        let mut word = String::new();
        let mut count = |word: &mut String| {
            if let Some(lang) = self.function_words.get(word.as_str()) {
                seen[lang_index(*lang)] += 1;
            }
            word.clear();
        };
        for c in text.chars() {
            fold::fold_char(c, &mut |f| {
                if f.is_alphanumeric() {
                    word.push(f);
                } else if !word.is_empty() {
                    count(&mut word);
                }
            });
        }
        count(&mut word);
        let top = seen[0].max(seen[1]);
        [3 * seen[0] >= top, 3 * seen[1] >= top]
    }

    /// The hits of one clause's matches, after the clause rules.
    fn clause_hits(&self, matches: &[Match], words: &[Word], hits: &mut Vec<LexiconHit>) {
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        let has = |c: Context| matches.iter().any(|m| kind(m) == Kind::Context(c));
        if has(Context::NonPerson) {
            return;
        }
        let person = has(Context::Person);
        for m in matches {
            let Kind::Section(category, section) = kind(m) else {
                continue;
            };
            let entry = &self.entries[m.entry as usize];
            let counts = match section {
                Section::Terms => true,
                Section::Ambiguous => matches
                    .iter()
                    .any(|c| kind(c) == Kind::Section(category, Section::Cues)),
                Section::Cues | Section::Exclude => false,
            };
            let excluded = matches.iter().any(|x| {
                kind(x) == Kind::Section(category, Section::Exclude)
                    && x.first <= m.last
                    && m.first <= x.last
            });
            let place = matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Place)
                    && ((p.last < m.first && m.first - p.last <= PLACE_BEFORE)
                        || p.first == m.last + 1)
            });
            if counts && !excluded && !place && (person || !entry.person_required) {
                hits.push(LexiconHit {
                    start: words[m.first].start,
                    last: words[m.last].last,
                    category,
                    entry: m.entry,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(files: &[(&str, &str)]) -> Lexicon {
        let v = Vocabulary::from_files(files.iter().copied()).expect("parses");
        Lexicon::new(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    fn categories(l: &Lexicon, text: &str) -> Vec<Category> {
        let all = l.hits(text, &[(0, text.len())]);
        let hits = l.hits(text, &l.candidate_clauses(text));
        assert_eq!(all, hits, "the trigger walk missed a clause of {text:?}");
        hits.iter().map(|h| h.category).collect()
    }

    #[test]
    fn morphology_case_and_accents() {
        let l = lexicon(&[
            ("fr/health.txt", "[terms]\ndiabétique\nporteur ~ gène\n"),
            ("fr/trade_union.txt", "[terms]\nsyndiqué\n"),
            ("en/criminal.txt", "[terms]\nconvicted\n"),
        ]);
        for text in [
            "mon mari est DIABETIQUE",
            "elles sont diabétiques",
            "syndiquées depuis 10 ans",
            "he was convicted",
            "mon frère est porteur du gène",
            "porteurs de ce gène",
        ] {
            assert!(!categories(&l, text).is_empty(), "{text}");
        }
        assert!(
            categories(&l, "porteur de quelque chose de très long gène").is_empty(),
            "gap too long"
        );
    }

    #[test]
    fn ambiguous_words_need_a_cue_in_the_clause() {
        let l = lexicon(&[(
            "fr/political_opinion.txt",
            "[ambiguous]\nRN\nPS\n[cues]\nje vote\nélu\nélue\n",
        )]);
        assert_eq!(
            categories(&l, "je vote RN depuis toujours"),
            [Category::PoliticalOpinion]
        );
        assert_eq!(
            categories(&l, "Élue sur la liste PS"),
            [Category::PoliticalOpinion]
        );
        assert_eq!(categories(&l, "élus PS"), [Category::PoliticalOpinion]);
        assert!(categories(&l, "au bord de la RN 7").is_empty());
        assert!(
            categories(&l, "je vote, RN 7").is_empty(),
            "cue in another clause"
        );
        assert!(categories(&l, "PS : rappelez-moi").is_empty());
    }

    #[test]
    fn exclusions_places_animals_and_persons() {
        let l = lexicon(&[
            ("fr/religion.txt", "[terms]\néglise\n"),
            (
                "fr/health.txt",
                "[terms]\ncancer\ndiabétique\n[exclude]\nest le cancer\n",
            ),
            (
                "fr/biometric.txt",
                "[terms]\nempreinte digitale\n[settings]\nperson = required\n",
            ),
            (
                "fr/_context.txt",
                "[person]\nje\nmon\n[non_person]\nchien\n[place]\nrue\n",
            ),
            ("en/_context.txt", "[place]\nstreet\n"),
            ("en/religion.txt", "[terms]\nchurch\n"),
        ]);
        assert!(categories(&l, "rue de l'Église").is_empty());
        assert!(categories(&l, "on Church Street").is_empty());
        assert_eq!(categories(&l, "je vais à l'église"), [Category::Religion]);
        assert!(categories(&l, "ce concurrent est le cancer du secteur").is_empty());
        assert_eq!(categories(&l, "j'ai un cancer"), [Category::Health]);
        assert!(categories(&l, "mon chien est diabétique").is_empty());
        assert_eq!(
            categories(&l, "mon fils est diabétique"),
            [Category::Health]
        );
        assert!(categories(&l, "lecteur d'empreinte digitale inclus").is_empty());
        assert_eq!(
            categories(&l, "mon empreinte digitale"),
            [Category::Biometric]
        );
    }

    #[test]
    fn classes_and_problems() {
        let files = [
            ("fr/ethnic_origin.txt", "[terms]\norigine @nationalite\n"),
            ("fr/classes/nationalite.txt", "algérien\ncomorien\n"),
        ];
        let l = lexicon(&files);
        assert_eq!(
            categories(&l, "je suis d'origine algérienne"),
            [Category::EthnicOrigin]
        );
        assert_eq!(
            categories(&l, "ORIGINE COMORIENNE"),
            [Category::EthnicOrigin]
        );
        assert!(categories(&l, "origine contrôlée").is_empty());
        let v =
            Vocabulary::from_files([("fr/health.txt", "[terms]\n~ x\na ~ ~ b\n@nope\nok, no\n")])
                .expect("parses");
        let Err(DetectError::Vocabulary(problems)) = Lexicon::new(&v) else {
            panic!("problems expected");
        };
        assert_eq!(problems.len(), 4, "{problems:?}");
    }
}
