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

mod build;
mod signature;
mod stems;

use super::fold::{self, Word, Words};
use super::vocabulary::{Context, Lang, Section};
use crate::category::Category;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::Anchored;
use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap as HashMap;

/// Identifies a distinct word test.
type PatId = u32;

/// Most words a `~` gap skips.
const GAP_MAX: usize = 3;
/// Most words a `~~` gap skips, across commas and semicolons: a writer's own gender and a
/// partner are often a clause apart ("Je suis un homme ; mon mari et moi…").
const SENTENCE_GAP_MAX: usize = 10;
/// Most words between a place word and the hit it names ("rue de l'Église").
const PLACE_BEFORE: usize = 3;
/// Most words between a hit's last word and a topic word after it that still takes the hit
/// out ("a diabetes conference"; further on, the topic is the object of a request).
const TOPIC_REACH_AFTER: usize = 6;
/// Most words between a colon and the person word that makes what follows it a statement of
/// its own ("… : hier j'ai été hospitalisée").
const COLON_PERSON_WORDS: usize = 2;
/// Most words between an organisation word and a hit after it that names its trade or
/// membership ("Fédération SUD Santé", "association culturelle musulmane").
const ORGANISATION_BEFORE: usize = 3;
/// Most words between a hit and an organisation word after it that the hit qualifies ("UNISON
/// regional office", "Somali Community Association").
const ORGANISATION_AFTER: usize = 2;
/// Most words before an organisation word at the head of its clause, where it is the one that
/// writes ("Caribbean heritage association hiring a steel band…").
const ORGANISATION_HEAD: usize = 2;

/// How many words at a message's head may name who writes it, an establishment or a job
/// ("Bonjour, Pharmacie du Centre à Lyon.", "Aide à domicile, je…"; see [`Lexicon::opening`]).
/// Not the signature rule's opening, which is a few words of self-description.
const HEAD_WORDS: usize = 6;
/// How many bytes of a message's end are read for a signature that gives the writer's job
/// ("… Cordialement, Karim, éducateur spécialisé").
const TAIL_BYTES: usize = 80;

/// How many of a message's first-person introductions are read for the writer's job past the
/// head: a job is introduced once, early; a text of thousands of "je suis" reads four.
const INTRODUCTIONS_READ: usize = 4;

/// How many bytes of a message's start are read for its opening.
const HEAD_BYTES: usize = 80;

/// How many words after the writer's job its workplace frames ("Ward manager on an oncology
/// unit"; not "SENCO at Hillview Primary: Jayden in Year 4 has ADHD").
const WORKPLACE_REACH: usize = 6;

/// How many bytes after the writer's job its parenthesis of specialities may open (a
/// qualifier or two between: "Psychologue clinicienne (…)").
const SPECIALITIES_GAP: usize = 24;

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
    /// 0 to [`SENTENCE_GAP_MAX`] words of the same sentence (`~~`).
    SentenceGap,
}

impl Elem {
    fn is_gap(&self) -> bool {
        matches!(self, Elem::Gap | Elem::SentenceGap)
    }
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

/// What a clause says, for its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speech {
    Statement,
    /// A question: without a person named, it asks what a product covers or whom it serves.
    Question,
    /// A question the next sentence answers for the writer ("Acceptez-vous les bénéficiaires
    /// de l'AAH ? C'est mon cas."): its hits are the writer's.
    Answered,
}

/// How the hits of a clause are read.
#[derive(Clone, Copy)]
struct Reading<'a> {
    speech: Speech,
    /// The clause's last word, when the next clause is a form's answer that denies the label
    /// the clause ends with ("Criminal record - none").
    denied_label_end: Option<usize>,
    /// The clause's first word, when it is a third-person pronoun and the clause right before
    /// names an animal, plant or machine and nobody but the writer or the reader ("Can I bring
    /// my cat to halls? She's diabetic"): the clause goes on speaking of it.
    carried_from: Option<usize>,
    /// Who the message says is writing (see [`Lexicon::opening`]), read at most once per
    /// text.
    opening: &'a dyn Fn() -> Opening,
}

/// Who a message's first words say is writing (see [`Lexicon::opening`]).
#[derive(Clone, Copy)]
struct Opening {
    /// An establishment (`[sender]`), and no person word there but "we": the message is its
    /// voice.
    establishment: bool,
    /// Where the writer's job (`[profession]`) starts, a byte of the text: the groups and
    /// casework the message speaks of are the job's cases.
    profession: Option<usize>,
    /// The bytes inside a parenthesis right after the writer's job: its specialities
    /// ("Psychologue clinicienne (TCA, addictions, thérapie de couple)", "Translator
    /// (medical, pharma, clinical trials)").
    specialities: Option<(usize, usize)>,
}

/// Which of the contexts that read the writer's job a range is matched with: their words are
/// common ("je", "on", "en", "at"), so each is matched only where it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JobWords {
    /// The opening and the other places a job is introduced: `[introduction]`.
    Opening,
    /// A clause of a message the writer's job opens: `[casework]`, `[workplace]`, `[state]`.
    Job,
    /// Any other range: none of them.
    None,
}

impl JobWords {
    fn reads(self, kind: Kind) -> bool {
        match kind {
            Kind::Context(Context::Introduction) => self == JobWords::Opening,
            Kind::Context(Context::Casework | Context::Workplace | Context::State) => {
                self == JobWords::Job
            }
            _ => true,
        }
    }
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
    /// Whether each trigger pattern belongs to an entry with a `~~` gap: the whole sentence
    /// around it is then analysed, not only its clause.
    trigger_sentence_wide: Vec<bool>,
    /// The signature rule's classes (see [`signature`]), when the vocabularies have them.
    signature: Option<signature::Signature>,
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
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
    /// Words started so far.
    words: usize,
}

impl Walk<'_> {
    /// Feeds one byte of a folded letter or digit found at byte `at` of the text; whether the
    /// automaton is then on a match.
    fn letter(&mut self, b: u8, at: usize) -> bool {
        if !self.in_word {
            (self.in_word, self.alive, self.word_at, self.sid) = (true, true, at, self.start);
            self.fed = 0;
            self.words += 1;
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

    /// Whether a trigger matched at the current state holds, once its word is checked, and if
    /// so whether one that holds needs its whole sentence ([`Trigger`]). `next`
    /// is the byte after the match when it ends on an ASCII letter: a trigger that is a whole
    /// word (`=exact`, short words) cannot hold when a letter follows (`local` is not `lo`).
    /// Triggers below `wanted` are not checked (their clause is analysed already).
    fn matches(
        &self,
        lexicon: &Lexicon,
        text: &str,
        next: Option<usize>,
        wanted: Trigger,
    ) -> Trigger {
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
            .map(|pid| pid.as_usize())
            .filter(|k| !(word_goes_on && lexicon.trigger_whole_word[*k]))
            .map(|k| (k, lexicon.trigger_kind(k)))
            .filter(|(_, kind)| *kind >= wanted)
            .filter(|(k, _)| lexicon.trigger_holds(text, self.word_at, *k))
            .map(|(_, kind)| kind)
            .max()
            .unwrap_or(Trigger::None)
    }
}

/// What a word of the trigger walk asks to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Trigger {
    #[default]
    None,
    /// The clause around it.
    Clause,
    /// The sentence around it: an entry with a `~~` gap may reach other clauses.
    Sentence,
}

/// The candidate ranges of the trigger walk as it goes: clauses that hold a trigger, replaced
/// by their whole sentence when one of its triggers needs it.
#[derive(Default)]
struct Cut {
    clause: Trigger,
    sentence: Trigger,
    clause_start: usize,
    sentence_start: usize,
    /// Index in the output of the first range of the current sentence.
    sentence_first: usize,
    /// Words the walk had started at the last sentence separator.
    words_before: usize,
}

impl Cut {
    /// The triggers that could still change what is analysed: any while the clause has none,
    /// then only those that widen it to the sentence, then none.
    fn wanted(&self) -> Option<Trigger> {
        match (self.clause, self.sentence) {
            (Trigger::None, _) => Some(Trigger::Clause),
            (_, Trigger::Sentence) => None,
            _ => Some(Trigger::Sentence),
        }
    }

    fn see(&mut self, t: Trigger) {
        self.clause = self.clause.max(t);
        self.sentence = self.sentence.max(t);
    }

    /// Whether clause separator `b` ends the sentence for the `~~` gaps
    /// ([`fold::ends_sentence`]), the walk having started `words` words; every sentence
    /// separator starts a new count.
    fn sentence_ends(&mut self, b: u8, words: usize) -> bool {
        if !fold::is_sentence_separator(b) {
            return false;
        }
        let since = words - std::mem::replace(&mut self.words_before, words);
        fold::ends_sentence(b, since)
    }

    /// Ends the clause (and the sentence, when `sentence`) at byte `end`.
    fn end_clause(&mut self, end: usize, sentence: bool, out: &mut Vec<(usize, usize)>) {
        if self.clause != Trigger::None {
            out.push((self.clause_start, end));
        }
        (self.clause, self.clause_start) = (Trigger::None, end);
        if sentence {
            if self.sentence == Trigger::Sentence {
                out.truncate(self.sentence_first);
                out.push((self.sentence_start, end));
            }
            (self.sentence, self.sentence_start) = (Trigger::None, end);
            self.sentence_first = out.len();
        }
    }
}

impl Lexicon {
    /// What trigger pattern `k` asks to analyse when it holds.
    fn trigger_kind(&self, k: usize) -> Trigger {
        if self.trigger_sentence_wide[k] {
            Trigger::Sentence
        } else {
            Trigger::Clause
        }
    }

    /// Where an entry comes from and how it is written.
    pub(super) fn source(&self, entry: u32) -> &str {
        if entry == signature::ENTRY {
            return signature::SOURCE;
        }
        &self.entries[entry as usize].source
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
            words: 0,
        };
        let bytes = text.as_bytes();
        // What the current clause and sentence hold (once a clause or sentence is to be
        // analysed, the rest of it needs no check at that level).
        let mut cut = Cut::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII folds to its lower case: fed as is, the common case.
                let f = b.to_ascii_lowercase();
                if f.is_ascii_alphanumeric() {
                    // Every letter is fed, whatever is still wanted: the walk's state depends on it.
                    let on_match = walk.letter(f, i);
                    if let Some(wanted) = cut.wanted().filter(|_| on_match) {
                        cut.see(walk.matches(self, text, Some(i + 1), wanted));
                    }
                } else {
                    walk.in_word = false;
                    if fold::ends_clause(bytes, i) {
                        let sentence = cut.sentence_ends(b, walk.words);
                        cut.end_clause(i + 1, sentence, &mut clauses);
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
                    // Every letter is fed, whatever is still wanted: the walk's state depends on it.
                    let on_match = walk.letter(b, i);
                    if let Some(wanted) = cut.wanted().filter(|_| on_match) {
                        cut.see(walk.matches(self, text, None, wanted));
                    }
                }
            });
            i += c.len_utf8();
            if fold::ends_clause(bytes, i - 1) {
                cut.end_clause(i, false, &mut clauses);
            }
        }
        cut.end_clause(bytes.len(), true, &mut clauses);
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
            // The next word may start another clause of the sentence: it becomes the clause
            // the rest of the entry is matched in.
            Elem::SentenceGap => (0..=SENTENCE_GAP_MAX).find_map(|skip| {
                let w = words.words.get(next + skip)?;
                (w.sentence == words.words[prev].sentence)
                    .then(|| self.rest(more, next + skip, next + skip, words, tests))?
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

    /// Every entry matched in the candidate clauses, context words included, and what the
    /// message's opening says of its writer: what a hit was read with, for people tuning the
    /// vocabularies (`leadguard explain --why`), since a hit a context takes out leaves no
    /// other trace. The job's own words are listed when the opening gives a job.
    pub(super) fn matches_explained(&self, text: &str) -> Vec<String> {
        let languages = self.languages(text);
        let opening = self.opening(text, languages);
        let mut lines = vec![format!(
            "opening: establishment {}, job {}",
            opening.establishment,
            opening
                .profession
                .map_or("none", |at| &text[at..text.len().min(at + 40)]),
        )];
        let job = match opening.profession {
            Some(_) => JobWords::Job,
            None => JobWords::None,
        };
        for (start, end) in self.candidate_clauses(text) {
            let (words, matches) = self.clause_range_matches(text, start, end, languages, job);
            for m in matches {
                let (first, last) = (&words.words[m.first], &words.words[m.last]);
                let stop = last.last + text[last.last..].chars().next().map_or(0, char::len_utf8);
                lines.push(format!(
                    "clause {}: \"{}\" by {}",
                    first.clause,
                    &text[first.start..stop],
                    self.source(m.entry)
                ));
            }
        }
        lines
    }

    /// Every special-category statement of the text, in text order (the analysis).
    pub(super) fn hits(&self, text: &str, clauses: &[(usize, usize)]) -> Vec<LexiconHit> {
        let mut hits = self.entry_hits(text, clauses);
        if !hits.iter().any(|h| h.category == Category::SexLife) {
            if let Some(hit) = self.signed_spouse(text) {
                let at = hits.partition_point(|h| h.start < hit.start);
                hits.insert(at, hit);
            }
        }
        hits
    }

    /// The hits of the entries in the candidate clauses, in text order.
    fn entry_hits(&self, text: &str, clauses: &[(usize, usize)]) -> Vec<LexiconHit> {
        let mut hits = Vec::new();
        if clauses.is_empty() {
            return hits;
        }
        let languages = self.languages(text);
        let (mut unsaid, mut bare) = (Vec::new(), Vec::new());
        let mut sentence = SentenceEnd::default();
        // Read once, and only for a clause with a hit.
        let opened = std::cell::OnceCell::new();
        let opening = || *opened.get_or_init(|| self.opening(text, languages));
        for &(start, end) in clauses {
            let (mut words, mut matches) =
                self.clause_range_matches(text, start, end, languages, JobWords::None);
            // A job's casework, workplace and states are matched only in a clause with a hit
            // of a message the writer's job opens: elsewhere their common words ("je", "on",
            // "en", "at") would cost every clause.
            if matches.iter().any(|m| {
                matches!(
                    self.entries[m.entry as usize].kind,
                    Kind::Section(_, Section::Terms | Section::Ambiguous)
                )
            }) && opening().profession.is_some()
            {
                (words, matches) =
                    self.clause_range_matches(text, start, end, languages, JobWords::Job);
            }
            let mut from = 0;
            while from < matches.len() {
                let clause = words.words[matches[from].first].clause;
                let to = from
                    + matches[from..]
                        .iter()
                        .take_while(|m| words.words[m.first].clause == clause)
                        .count();
                let before = hits.len();
                let first = matches[from].first
                    - words.words[..matches[from].first]
                        .iter()
                        .rev()
                        .take_while(|w| w.clause == clause)
                        .count();
                // A clause that opens with "il", "she"… may go on speaking of an animal named
                // in the clause before (`Reading::carried_from`); "Il me faut" is the writer's
                // need ("il lui faut" is still the animal's, and so, in the sets, is "il faut").
                let word_is = |i: usize, list: &[&str]| {
                    words
                        .words
                        .get(i)
                        .is_some_and(|w| w.clause == clause && is_one_of(text, w, list))
                };
                let impersonal = word_is(first, &["il"])
                    && word_is(first + 1, &["me", "m", "nous"])
                    && word_is(first + 2, &["faut"]);
                let carried_from = (word_is(first, &THIRD_PERSON)
                    && !impersonal
                    && self.names_only_non_person(text, words.words[first].start, languages))
                .then_some(first);
                // Read from the clause's first hit on: a range can hold thousands of clauses.
                let at = words.words[matches[from].first].last;
                let question = ends_in_question(&text[at..])
                    || self.opens_question(&words.words, &matches[from..to])
                        && text.as_bytes().get(sentence.at(text, at)) == Some(&b'?');
                let speech = match question {
                    false => Speech::Statement,
                    true if sentence.answered(text, at, |end| {
                        self.answered_for_writer(text, end, languages)
                    }) =>
                    {
                        Speech::Answered
                    }
                    true => Speech::Question,
                };
                // The clause's last word: a label a form's answer may deny from the next clause.
                let end = matches[from].first
                    + words.words[matches[from].first..]
                        .iter()
                        .take_while(|w| w.clause == clause)
                        .count()
                    - 1;
                // Only a clause with a hit has a label to deny.
                let denied_label_end = (matches[from..to]
                    .iter()
                    .any(|m| matches!(self.entries[m.entry as usize].kind, Kind::Section(..)))
                    && self.denied_by_next(text, words.words[end].last, languages))
                .then_some(end);
                self.clause_hits(
                    text,
                    &matches[from..to],
                    &words.words,
                    Reading {
                        speech,
                        denied_label_end,
                        carried_from,
                        opening: &opening,
                    },
                    &mut hits,
                    [&mut unsaid, &mut bare],
                );
                hits[before..].sort_by_key(|h| h.start);
                from = to;
            }
        }
        // A clause without a person word is still the writer's when the message speaks of
        // them elsewhere ("Used Global Entry at Newark, the kiosk matched me"): people leave
        // out the subject they already gave. (Questions that name nobody have no hit at all:
        // see `clause_hits`.)
        if !unsaid.is_empty() || !bare.is_empty() {
            hits.extend(self.personless(text, languages, unsaid, bare));
            hits.sort_by_key(|h| h.start);
        }
        hits
    }

    /// Whether the clause that ends right before byte `at` (at its separator) names an animal,
    /// plant or machine and nobody but the writer or the reader ("Can I bring my cat to
    /// halls?"): a third-person pronoun after it can only be the animal (after "Ma mère ne
    /// peut plus conduire sa voiture." it is the mother). Read only for a clause that opens
    /// with one.
    fn names_only_non_person(&self, text: &str, at: usize, languages: [bool; 2]) -> bool {
        let bytes = text.as_bytes();
        let Some(end) = text[..at].trim_end().len().checked_sub(1) else {
            return false;
        };
        if !fold::ends_clause(bytes, end) {
            return false;
        }
        let start = (0..end)
            .rev()
            .find(|&j| fold::ends_clause(bytes, j))
            .map_or(0, |j| j + 1);
        let (words, matches) =
            self.clause_range_matches(text, start, end + 1, languages, JobWords::None);
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        let third_party = |m: &Match| {
            kind(m) == Kind::Context(Context::Person)
                && !is_one_of(text, &words.words[m.last], &SPEAKERS)
        };
        matches
            .iter()
            .any(|m| kind(m) == Kind::Context(Context::NonPerson))
            && !matches.iter().any(third_party)
    }

    /// Whether the sentence after the one ending at byte `end` (its separator) opens with an
    /// answer that makes the question the writer's (see [`Context::Answer`]).
    fn answered_for_writer(&self, text: &str, end: usize, languages: [bool; 2]) -> bool {
        let bytes = text.as_bytes();
        let start = end
            + bytes[end..]
                .iter()
                .take_while(|&&b| fold::is_sentence_separator(b))
                .count();
        let stop = bytes[start..]
            .iter()
            .position(|&b| fold::is_sentence_separator(b))
            .map_or(bytes.len(), |at| start + at);
        let (_, matches) = self.clause_range_matches(text, start, stop, languages, JobWords::None);
        matches.iter().any(|m| {
            m.first == 0 && self.entries[m.entry as usize].kind == Kind::Context(Context::Answer)
        })
    }

    /// Whether the clause after the one whose last word ends at byte `at` is a form's answer
    /// denying that clause's label: a spaced dash, slash or bar, then a denial word and
    /// nothing else ("Criminal record - none", "Allergies - aucune / Traitement - néant"). A
    /// colon or an equals sign keeps the answer in the label's clause (see [`answers_label`]).
    fn denied_by_next(&self, text: &str, at: usize, languages: [bool; 2]) -> bool {
        let bytes = text.as_bytes();
        let Some(separator) = (at..bytes.len()).find(|&i| fold::ends_clause(bytes, i)) else {
            return false;
        };
        // A dash's last byte is `-` or that of `–`, `—` (not ASCII).
        if bytes[separator].is_ascii() && !matches!(bytes[separator], b'-' | b'/' | b'|') {
            return false;
        }
        let start = separator + 1;
        // Up to the next clause's separator, included (a dash's last byte ends a character).
        let stop = (start..bytes.len())
            .find(|&i| fold::ends_clause(bytes, i))
            .map_or(bytes.len(), |i| i + 1);
        // The whole answer: "none," but not "no one in my family", "no coffee please".
        let (words, matches) =
            self.clause_range_matches(text, start, stop, languages, JobWords::None);
        matches.iter().any(|m| {
            m.first == 0
                && m.last + 1 == words.words.len()
                && self.entries[m.entry as usize].kind == Kind::Context(Context::Denial)
        })
    }

    /// Who a message's first [`HEAD_WORDS`] words say is writing: an establishment, a
    /// `[sender]` phrase with no person word there but "we", "nous", "our" ("Bonjour,
    /// Pharmacie du Centre à Lyon.", "rmt branch here"; "Je suis bénévole à l'association…" is
    /// a person writing); and the writer's job (see [`Lexicon::writers_job`]): at the head
    /// ("Aide à domicile, je…", "I'm a housing support worker…"; not "Mon oncologue veut…",
    /// "I see a therapist…"), else signed in the last [`TAIL_BYTES`] or introduced in the
    /// first person anywhere. Read once per text, and only for a clause with a hit.
    fn opening(&self, text: &str, languages: [bool; 2]) -> Opening {
        let end = signature::floor_boundary(text, HEAD_BYTES);
        let (words, matches) =
            self.clause_range_matches(text, 0, end, languages, JobWords::Opening);
        let head = |o: &Match| o.first < HEAD_WORDS;
        let profession = self
            .writers_job(&words.words, &matches, head, true, true)
            .or_else(|| {
                // Elsewhere, the writer's job signs the message ("Karim, éducateur spécialisé
                // en foyer de vie") or is introduced in the first person ("… je suis aide à
                // domicile"): only the tail and the few words around each introduction are
                // read, so that a long message is not matched twice.
                (end < text.len()).then_some(())?;
                // The head is read by words: a job past its first words may stand in its
                // bytes, so the tail may overlap it.
                let tail = signature::floor_boundary(text, text.len().saturating_sub(TAIL_BYTES));
                // From a word's start.
                let tail = match tail {
                    0 => 0,
                    _ => text[tail..]
                        .find(char::is_whitespace)
                        .map_or(tail, |i| tail + i),
                };
                let (words, matches) =
                    self.clause_range_matches(text, tail, text.len(), languages, JobWords::Opening);
                // The tail's first word starts a clause after a separator ("…. Merci,
                // Karim").
                let opens = tail == 0
                    || text[..tail]
                        .trim_end()
                        .bytes()
                        .last()
                        .is_some_and(fold::is_clause_separator);
                self.writers_job(&words.words, &matches, |_| true, false, opens)
                    .or_else(|| {
                        introductions(&text[..tail])
                            .take(INTRODUCTIONS_READ)
                            .find_map(|(from, to)| {
                                let (words, matches) = self.clause_range_matches(
                                    text,
                                    from,
                                    to,
                                    languages,
                                    JobWords::Opening,
                                );
                                self.writers_job(&words.words, &matches, |_| false, false, false)
                            })
                    })
            });
        let opens = |c: Context| {
            matches.iter().any(|o| {
                self.entries[o.entry as usize].kind == Kind::Context(c) && o.first < HEAD_WORDS
            })
        };
        Opening {
            establishment: opens(Context::Sender)
                && !self.names_someone_but_us(text, &words.words, &matches),
            profession: profession.map(|(start, _)| start),
            specialities: profession.and_then(|(_, last)| specialities(text, last)),
        }
    }

    /// Where the first `[profession]` of `matches` that is the writer's own starts and ends
    /// (the bytes of its first and last characters in the text): one that starts a clause
    /// `within` the part read, or follows a qualifier there ("Community pharmacist", "Senior
    /// staff nurse"); or one right after an `[introduction]` (one word between them at most:
    /// "I'm a housing support worker"), `within` the part read when `any_introduction`, else
    /// anywhere but only after an introduction in the first person ("je suis", "I'm a"; not
    /// "my family doctor"). The first word of `words` starts a clause when `opens_clause` (a
    /// window cut from the text's middle).
    fn writers_job(
        &self,
        words: &[Word],
        matches: &[Match],
        within: impl Fn(&Match) -> bool,
        any_introduction: bool,
        opens_clause: bool,
    ) -> Option<(usize, usize)> {
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        let starts_clause = |k: usize| match k {
            0 => opens_clause,
            _ => words[k - 1].clause != words[k].clause,
        };
        let first_person = |i: &Match| {
            matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Person) && i.first <= p.first && p.last <= i.last
            })
        };
        matches
            .iter()
            .find(|o| {
                kind(o) == Kind::Context(Context::Profession)
                    && (within(o) && starts_clause(o.first)
                        || matches.iter().any(|i| {
                            kind(i) == Kind::Context(Context::Introduction)
                                && (i.last + 1..=i.last + 2).contains(&o.first)
                                && (within(o) && (any_introduction || starts_clause(i.first))
                                    || !any_introduction && first_person(i))
                        }))
            })
            .map(|o| (words[o.first].start, words[o.last].last))
    }

    /// Whether `matches` name someone other than "we", "nous", "our": a person word that is
    /// no first person plural, or a role in an organisation held by one person (its
    /// "volunteers", "reps", "bénévoles" are the organisation's people, no one in particular).
    /// A word that qualifies the establishment's own name is part of it ("Family planning
    /// clinic", "volunteer group here"); one that ends it is someone ("branch officer" is no
    /// "branch office", though both have one stem).
    fn names_someone_but_us(&self, text: &str, words: &[Word], matches: &[Match]) -> bool {
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        let plural = |m: &Match| matches!(text.as_bytes()[words[m.last].last], b's' | b'S');
        let in_name = |p: &Match| {
            matches.iter().any(|o| {
                kind(o) == Kind::Context(Context::Sender) && o.first <= p.first && p.last < o.last
            })
        };
        matches.iter().any(|p| {
            (kind(p) == Kind::Context(Context::Person)
                || kind(p) == Kind::Context(Context::Role) && !plural(p))
                && !in_name(p)
                && !matches.iter().any(|c| {
                    kind(c) == Kind::Context(Context::Collective)
                        && (c.first, c.last) == (p.first, p.last)
                })
        })
    }

    /// Whether a question word opens the clause of `matches` (see [`Context::Question`]).
    fn opens_question(&self, words: &[Word], matches: &[Match]) -> bool {
        matches.iter().any(|m| {
            self.entries[m.entry as usize].kind == Kind::Context(Context::Question)
                && (m.first == 0 || words[m.first - 1].clause != words[m.first].clause)
        })
    }

    /// Settles the hits of clauses that name no person ([`Lexicon::said_of_writer`] for the
    /// categories that need one, [`Subjects`] for the others); rare, so the text around them is
    /// only read again then.
    fn personless(
        &self,
        text: &str,
        languages: [bool; 2],
        unsaid: Vec<LexiconHit>,
        mut bare: Vec<LexiconHit>,
    ) -> Vec<LexiconHit> {
        let mut kept = if unsaid.is_empty() {
            Vec::new()
        } else {
            self.said_of_writer(text, languages, unsaid)
        };
        bare.sort_by_key(|h| h.start);
        let mut from = 0;
        while from < bare.len() {
            let (start, end) = sentence_around(text, bare[from].start, bare[from].last);
            let to = from + bare[from..].iter().take_while(|h| h.last < end).count();
            let (words, matches) =
                self.clause_range_matches(text, start, end, languages, JobWords::None);
            let subjects = Subjects::new(&matches, |m, c| {
                self.entries[m.entry as usize].kind == Kind::Context(c)
            });
            kept.extend(
                bare[from..to]
                    .iter()
                    .filter(|h| located(&words, h).is_none_or(|hit| !subjects.said_of_one(&hit))),
            );
            from = to;
        }
        kept
    }

    /// The hits of `unsaid` (categories that need a person, in clauses that name none) that
    /// count: those of a message that names a person elsewhere, or of a form's short answer,
    /// unless said of an animal, plant or machine of a nearby clause ("My Labrador's hips are
    /// bad, hereditary apparently").
    fn said_of_writer(
        &self,
        text: &str,
        languages: [bool; 2],
        mut unsaid: Vec<LexiconHit>,
    ) -> Vec<LexiconHit> {
        let (words, matches) =
            self.clause_range_matches(text, 0, text.len(), languages, JobWords::None);
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        if !matches
            .iter()
            .any(|m| kind(m) == Kind::Context(Context::Person))
            && !form_answer(text, words.words.len())
        {
            // Each field of a form's dump is an answer too ("Occupation: imam. Income: paid by
            // the mosque. Looking for a sharia-compliant mortgage."): the sentences are read
            // once each, so a long text of hits stays linear.
            unsaid.sort_by_key(|h| h.start);
            let mut sentence = (0, 0);
            let mut answer = false;
            unsaid.retain(|h| {
                if h.start >= sentence.1 {
                    sentence = sentence_around(text, h.start, h.last);
                    let field = &text[sentence.0..sentence.1];
                    answer = form_answer(field, fold::words(field).words.len());
                }
                answer
            });
            if unsaid.is_empty() {
                return Vec::new();
            }
        }
        unsaid.retain(|h| {
            let Some(hit) = located(&words, h) else {
                return true;
            };
            !matches.iter().any(|a| {
                kind(a) == Kind::Context(Context::NonPerson)
                    && about(
                        a,
                        &hit,
                        introduced_by_article(a, &matches, &kind),
                        false,
                        false,
                    )
            })
        });
        unsaid
    }

    /// The words of one candidate clause (`text[start..end]`, offsets in `text`) and the entry
    /// matches among them, in the languages of the text, in clause order.
    fn clause_range_matches(
        &self,
        text: &str,
        start: usize,
        end: usize,
        languages: [bool; 2],
        job: JobWords,
    ) -> (Words, Vec<Match>) {
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
                    if !job.reads(self.entries[e as usize].kind) {
                        continue;
                    }
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
        (words, matches)
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

    /// The hits of one clause's matches, after the clause rules; those of a clause that names
    /// no person go to `unsaid` (categories that need one) or `bare`, for
    /// [`Lexicon::personless`].
    fn clause_hits(
        &self,
        text: &str,
        matches: &[Match],
        words: &[Word],
        Reading {
            speech,
            denied_label_end,
            carried_from,
            opening,
        }: Reading,
        hits: &mut Vec<LexiconHit>,
        [unsaid, bare]: [&mut Vec<LexiconHit>; 2],
    ) {
        let kind = |m: &Match| self.entries[m.entry as usize].kind;
        let has = |c: Context| matches.iter().any(|m| kind(m) == Kind::Context(c));
        let person = has(Context::Person) || speech == Speech::Answered;
        // A question that names nobody asks what a product covers or who it serves ("Is
        // asthma covered?", "Acceptez-vous les bénéficiaires du RSA ?"), a topic of its own; a
        // person introduced by an article names nobody there ("Un enfant trisomique peut-il
        // s'inscrire ?").
        let someone = || {
            matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Person)
                    && !introduced_by_article(p, matches, &kind)
            })
        };
        if speech == Speech::Question && !(person && someone()) {
            return;
        }
        // A topic word speaks of a subject or a job, not of the writer's data: the hits of the
        // clause do not count, but for those a turn to a relative ("and my husband") parts
        // from it, and those it comes long after: a topic word far after a statement is the
        // object of a request the statement explains ("I'm the UNISON branch rep at our
        // trust and want a course on casework"), where one close after a hit names what the
        // hit qualifies ("a diabetes conference", "BRCA information leaflets").
        let firsts = |c: Context| -> Vec<usize> {
            matches
                .iter()
                .filter(|t| kind(t) == Kind::Context(c))
                .map(|t| t.first)
                .collect()
        };
        // A topic that a `[member]` phrase runs into is one of its people ("une de nos
        // résidentes", "one of our clients"), no longer a topic.
        let one_of = |t: &usize| {
            matches
                .iter()
                .any(|p| kind(p) == Kind::Context(Context::Member) && p.first < *t && *t <= p.last)
        };
        // A topic a term frames with words of its own, two or more or a person's, is one of its
        // words ("staying at the night shelter", "au séminaire pour", "mon médiateur de
        // dettes"), not what the clause speaks of; one a term only qualifies is still the
        // subject ("the party conference").
        // Whether a match of context `c` starts at word `at` (a person word, or a "we", "our",
        // "nous": the writer with others, or an organisation).
        let context_at = |c: Context, at: usize| {
            matches
                .iter()
                .any(|x| kind(x) == Kind::Context(c) && x.first == at)
        };
        let person_at = |at: usize| context_at(Context::Person, at);
        let in_term = |t: &Match| {
            matches.iter().any(|h| {
                matches!(kind(h), Kind::Section(_, Section::Terms))
                    && h.first < t.first
                    && t.last <= h.last
                    && (h.last - h.first >= t.last - t.first + 2 || person_at(h.first))
            })
        };
        let topics: Vec<(usize, usize)> = matches
            .iter()
            .filter(|t| {
                kind(t) == Kind::Context(Context::Topic) && !one_of(&t.first) && !in_term(t)
            })
            .map(|t| (t.first, t.last))
            .collect();
        let turns = firsts(Context::Turn);
        // A job's frame acts as a topic on the hits after it only.
        let jobs = firsts(Context::Job);
        // In a message a job opens (the only one its casework is matched in), casework frames
        // the hits after it like a job's frame ("Sage-femme, je suis pas mal de grossesses à
        // risque"), unless someone is named in between: a person word after another ("Nurse,
        // I look after my dad, who has Parkinson's"; "des enfants", "d'enfants" name nobody).
        // "her kids", "my patients": someone's, not a job's cases in general.
        let possessed = |a: &Match| {
            matches
                .iter()
                .any(|p| kind(p) == Kind::Context(Context::Person) && p.last + 1 == a.first)
        };
        let named_between = |c: &Match, m: &Match| {
            matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Person)
                    && c.last < p.first
                    && p.last < m.first
                    && possessed(p)
            })
        };
        let parted_by = |turns: &[usize], t: usize, m: &Match| {
            let (lo, hi) = (t.min(m.first), t.max(m.first));
            turns.iter().any(|&b| lo < b && b <= hi)
        };
        let parted = |t: usize, m: &Match| parted_by(&turns, t, m);
        // A turn to "elle", "he" after an animal, plant or machine goes on speaking of it ("Ma
        // chienne a 13 ans et elle est diabétique"); one to the writer or a relative parts them.
        // A hit that opens with or follows "son", "his" is still the animal's after a turn to
        // the writer: the writer is no "son".
        let turns_with = |lists: &[&[&str]]| -> Vec<usize> {
            matches
                .iter()
                .filter(|t| {
                    kind(t) == Kind::Context(Context::Turn)
                        && !(t.first..=t.last)
                            .any(|i| lists.iter().any(|l| is_one_of(text, &words[i], l)))
                })
                .map(|t| t.first)
                .collect()
        };
        let person_turns = turns_with(&[&THIRD_PERSON]);
        // Only for a hit after "son", "his": rare.
        let relative_turns = std::cell::OnceCell::new();
        // The writer's own state after their job parts the job from what follows ("Je suis
        // kiné mais en arrêt pour une hernie discale", "I'm a pharmacist myself but I've been
        // signed off with long covid"): states are matched only in a job's message.
        let states: Vec<(usize, usize)> = matches
            .iter()
            .filter(|s| kind(s) == Kind::Context(Context::State))
            .map(|s| (s.first, s.last))
            .collect();
        // A state that holds the hit is the job's place ("infirmière en dialyse au CHU"); one
        // after a group is the group's ("former nos managers à la gestion des salariés en
        // arrêt longue maladie").
        let groups = firsts(Context::Group);
        let stated = |t: usize, m: &Match| {
            states.iter().any(|&(first, last)| {
                t < first && last < m.first && !groups.iter().any(|&g| t < g && g < first)
            })
        };
        // A colon and a person word right after it open a statement of its own ("Suite à
        // l'émission sur le burn out : j'ai été en arrêt 8 mois", "Your podcast on IVF: my
        // wife and I…"): the topic before it frames nothing after it. Not a "we", "our",
        // "nous" ("HR manager here: we've had a request…"), nor in a message the writer's job
        // opens ("Conseillère d'insertion et de probation : je voudrais un devis pour le
        // SPIP"): what follows is still that job's. (A colon does not end a clause:
        // "Allergies : aucune" is one label and its answer.)
        let said_after_colon = |t: usize, m: &Match| {
            (t + 1..=m.first).any(|c| {
                // Words split out of one ("jbosse") overlap: no gap, no colon.
                text.get(words[c - 1].last..words[c].start)
                    .is_some_and(|gap| gap.contains(':'))
                    && matches.iter().any(|p| {
                        kind(p) == Kind::Context(Context::Person)
                            && (c..=m.first.min(c + COLON_PERSON_WORDS)).contains(&p.first)
                            && !context_at(Context::Collective, p.first)
                    })
            })
        };
        let apart = |t: usize, m: &Match| {
            parted(t, m)
                || stated(t, m)
                || t < m.first && said_after_colon(t, m) && opening().profession.is_none()
        };
        // A bare conjunction between a hit and a word after it: the word is another
        // predicate's ("Mum's got dementia and wanders off": no form's answer to a label).
        let linked = |m: &Match, a: &Match| {
            matches.iter().any(|l| {
                kind(l) == Kind::Context(Context::Link) && m.last < l.first && l.last < a.first
            })
        };
        // A state that starts from word `from` up to the hit's first word.
        let state_before =
            |m: &Match, from: usize| states.iter().any(|&(s, _)| from <= s && s <= m.first);
        // A topic word inside a hit of two parts a clause apart (`~~`) is one of those parts
        // ("suis @metierhomme ~~ mon mari": a man's job, then his husband), not what the hit is
        // about.
        let on_topic = |m: &Match| {
            let composed = self.entries[m.entry as usize]
                .elems
                .iter()
                .any(|e| matches!(e, Elem::SentenceGap));
            // A job's frame between a hit and a topic after it makes the topic the job and the
            // hit the person's own ("a Punjabi Sikh man working as a pharmacist").
            let framed = |t: usize| jobs.iter().any(|&j| m.last < j && j < t);
            // A conjunction and a new subject after the hit open another predicate: a topic
            // after them is its object ("Je suis gay et je veux lancer une agence de voyage").
            // (Not the other way round: "Je suis photographe et je couvre un mariage à la
            // synagogue" is the job's.)
            let new_subject = |t: usize| {
                matches.iter().any(|l| {
                    kind(l) == Kind::Context(Context::Link)
                        && m.last < l.first
                        && matches.iter().any(|p| {
                            kind(p) == Kind::Context(Context::Person)
                                && p.first == l.last + 1
                                && p.first <= t
                        })
                })
            };
            // "… and our company's doing the rebuild": the topic is that subject.
            let subject = |t: usize| {
                matches.iter().any(|o| {
                    o.first == t
                        && matches!(
                            kind(o),
                            Kind::Context(Context::Sender | Context::Organisation)
                        )
                })
            };
            // Who the writer is, unlike what a job deals with, is no speciality of the job
            // a topic names before it: an identity in or overlapping the job's phrase ("I'm a
            // gay nurse", "a Black social worker", "a rep for the nurses union") or joined to
            // it by a bare conjunction ("je suis infirmière et lesbienne") is the writer's own.
            // A hit that opens with a person word, or follows one, says who that person is
            // ("I'm a Labour councillor attending conference", "our Labour branch
            // fundraiser"): no topic after it is what it qualifies.
            let identity = matches!(
                self.entries[m.entry as usize].kind,
                Kind::Section(
                    Category::SexLife
                        | Category::EthnicOrigin
                        | Category::Religion
                        | Category::PoliticalOpinion
                        | Category::TradeUnion,
                    _
                )
            );
            let joined = |last: usize| {
                matches.iter().any(|l| {
                    kind(l) == Kind::Context(Context::Link)
                        && l.first == last + 1
                        && l.last + 1 == m.first
                })
            };
            // Not a "we" opening its clause: an organisation names itself ("Our queer film
            // festival needs a caterer").
            let organisation_we = |p: &Match| {
                (p.first == 0 || words[p.first - 1].clause != words[p.first].clause)
                    && context_at(Context::Collective, p.first)
            };
            let person_before = || {
                matches.iter().any(|p| {
                    kind(p) == Kind::Context(Context::Person)
                        && p.last + 1 == m.first
                        && !organisation_we(p)
                })
            };
            // The writer's own identity, whatever the topic says.
            let own = |t: usize, last: usize| {
                identity
                    && if t < m.first {
                        m.first <= last || joined(last)
                    } else {
                        person_at(m.first) || person_before() || new_subject(t) && !subject(t)
                    }
            };
            let separate = |t: usize, last: usize| apart(t, m) || framed(t) || own(t, last);
            topics.iter().any(|&(t, last)| {
                !(composed && (m.first..=m.last).contains(&t))
                    && t <= m.last + TOPIC_REACH_AFTER
                    && !separate(t, last)
            }) || jobs.iter().any(|&t| t < m.first && !apart(t, m))
                || matches.iter().any(|c| {
                    kind(c) == Kind::Context(Context::Casework)
                        && c.last < m.first
                        && !parted(c.first, m)
                        && !named_between(c, m)
                })
        };
        // An organisation speaks (or is spoken of) when the clause names nobody outside its
        // organisation phrases ("we're a diabetes clinic", "UNISON regional office needs…")
        // and no role in one ("Chair of the Nigerian Community Association"): then a hit in,
        // just before or a few words after one is its name or its trade.
        let organisations = || {
            matches
                .iter()
                .filter(|o| kind(o) == Kind::Context(Context::Organisation))
        };
        let held = |p: &Match| organisations().any(|o| o.first <= p.first && p.last <= o.last);
        let organisation_voice = || {
            let person = |p: &Match| kind(p) == Kind::Context(Context::Person);
            // Once an organisation phrase says "we" ("we're a diabetes clinic"), the clause's
            // other "we", "our", "nous" are the organisation too ("… for our patients").
            let collective_is_organisation = matches.iter().any(|p| person(p) && held(p));
            let collective = |p: &Match| {
                matches.iter().any(|c| {
                    kind(c) == Kind::Context(Context::Collective)
                        && (c.first, c.last) == (p.first, p.last)
                })
            };
            speech != Speech::Answered
                && !matches.iter().any(|p| {
                    kind(p) == Kind::Context(Context::Role)
                        || person(p) && !held(p) && !(collective_is_organisation && collective(p))
                })
        };
        // Near the hit, the organisation word is named by it ("UNISON regional office"); at the
        // head of the clause, the organisation is the one writing, and the clause's hits are
        // its trade ("Jewish community centre needs the heating replaced in the shul"), where
        // further on it is a place a person went ("tested positive at the clinic"). The head
        // and the voice are read once, and only in a clause with an organisation word: a range
        // can hold thousands of clauses, a clause thousands of hits.
        let any_organisation = organisations().next().is_some();
        let (head, voice) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
        let organisation_named = |m: &Match| {
            if !any_organisation {
                return false;
            }
            let head = *head.get_or_init(|| {
                let clause = words[m.first].clause;
                (0..m.first)
                    .rev()
                    .take_while(|&i| words[i].clause == clause)
                    .last()
                    .unwrap_or(m.first)
            });
            organisations().any(|o| {
                o.first <= head + ORGANISATION_HEAD
                    || o.first <= m.last + ORGANISATION_AFTER
                        && m.first <= o.last + ORGANISATION_BEFORE
            }) && *voice.get_or_init(organisation_voice)
        };
        // "Senior staff nurse and RCN steward": a group word in a job's name is no group.
        let in_job_title = |a: &Match| {
            matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Profession)
                    && p.first <= a.first
                    && a.last <= p.last
            })
        };
        // A message an organisation opens ("EHPAD Les Tilleuls : devis pour 40 lits
        // médicalisés", "Food bank in Glasgow – could we collect…") is its voice: in a clause
        // that names nobody but "we", "nous", "our", the hits are its trade, its clients or
        // its stock, not a person's data.
        let sender = std::cell::OnceCell::new();
        let sender_trade = || {
            *sender.get_or_init(|| {
                speech != Speech::Answered
                    && !self.names_someone_but_us(text, words, matches)
                    && opening().establishment
            })
        };
        // The writer's job is their trade: a hit inside its name ("District nurse here, …") or
        // a few words after its workplace ("Ward manager on an oncology unit", "Éducatrice en
        // IME auprès d'enfants autistes") is the job's, not a fact about anybody, unless the
        // writer's state or someone else comes in between ("Infirmière en arrêt maladie",
        // "Travailleur social au CPAS, mon mari et moi…").
        let workplace_after = |p: &Match| {
            matches
                .iter()
                .any(|w| kind(w) == Kind::Context(Context::Workplace) && w.first == p.last + 1)
        };
        let opening_job = |m: &Match| {
            matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Profession)
                    && (p.first <= m.first && m.last <= p.last
                        || workplace_after(p)
                            && p.last < m.first
                            && m.first <= p.last + WORKPLACE_REACH
                            && !parted(p.first, m)
                            && !named_between(p, m)
                            && !state_before(m, p.last + 1))
            }) && {
                let job = opening().profession;
                matches.iter().any(|p| {
                    kind(p) == Kind::Context(Context::Profession)
                        && job == Some(words[p.first].start)
                })
            }
        };
        // A hit inside the parenthesis after the writer's job is one of its specialities,
        // unless the clause names someone or the writer's state comes first.
        let specialty = |m: &Match| {
            !person
                && !state_before(m, 0)
                && opening().specialities.is_some_and(|(from, to)| {
                    from <= words[m.first].start && words[m.last].last < to
                })
        };
        for m in matches {
            let Kind::Section(category, section) = kind(m) else {
                continue;
            };
            if on_topic(m)
                || opening_job(m)
                || specialty(m)
                || carried_from.is_some_and(|t| !parted_by(&person_turns, t, m))
            {
                continue;
            }
            // An animal, plant or machine after the hit is another predicate's object when a
            // bare conjunction stands between them, a word or more before it ("I'm on Universal
            // Credit and the vet bill is £800"), or a person two words or more before it and
            // not its owner ("As a practising Muslim I'd rather not have the dog inside", but "a
            // DNA test on our rescue dog", "the kit you sold me for my dog").
            let another_predicate = |a: &Match| {
                a.first > m.last
                    && matches.iter().any(|l| {
                        m.last < l.first
                            && match kind(l) {
                                Kind::Context(Context::Link) => l.last + 1 < a.first,
                                Kind::Context(Context::Person) => {
                                    l.last + 2 < a.first && !possessed(a)
                                }
                                _ => false,
                            }
                    })
            };
            // A hit that starts right after a person word or holds one ("my fingerprint",
            // "burned my thumb") is that person's: an animal, plant or machine a few words after
            // it is another subject ("… on your gym's entry system", "… on the oven"), unless
            // right after it, as the noun of an adjective ("my diabetic dog").
            let owned = || {
                matches.iter().any(|p| {
                    kind(p) == Kind::Context(Context::Person)
                        && p.first <= m.last
                        && p.last + 1 >= m.first
                })
            };
            let owned = owned();
            let read = owned && category == Category::Biometric;
            // A machine inside a biometric hit that names its person is what the entry states
            // the person met ("the reader keeps rejecting me"), not another subject; an animal
            // inside another hit is still its subject ("il est 50 % berger allemand").
            let stated = |a: &Match| read && m.first <= a.first && a.last <= m.last;
            // A hit that opens with or follows "son", "his" is an animal's named before it, at
            // any distance in the clause, unless a relative is named in between ("Mon chien est
            // diabétique et je dois rentrer le midi pour son insuline").
            let theirs = (m.first.saturating_sub(1)..=m.first)
                .any(|i| is_one_of(text, &words[i], &POSSESSIVE_3P));
            if matches.iter().any(|a| {
                kind(a) == Kind::Context(Context::NonPerson)
                    && !parted_by(
                        if theirs {
                            relative_turns.get_or_init(|| turns_with(&[&THIRD_PERSON, &WRITER]))
                        } else {
                            &person_turns
                        },
                        a.first,
                        m,
                    )
                    && !stated(a)
                    && (about(a, m, introduced_by_article(a, matches, &kind), owned, read)
                        || theirs && !read && a.last < m.first && !named_between(a, m))
                    && !another_predicate(a)
                    || kind(a) == Kind::Context(Context::Group)
                        && of_group(a, m)
                        && (!person || opening().profession.is_some() && !possessed(a))
                        && !in_job_title(a)
                    || kind(a) == Kind::Context(Context::Negation) && a.last + 1 == m.first
                    || kind(a) == Kind::Context(Context::Denial)
                        && (m.last + 1..=m.last + DENIED_LABEL_WORDS).contains(&a.first)
                        && answers_label(text, words, a)
                        && !linked(m, a)
            }) || denied_label_end.is_some_and(|end| end < m.last + DENIED_LABEL_WORDS)
            {
                continue;
            }
            let entry = &self.entries[m.entry as usize];
            let counts = match section {
                Section::Terms => true,
                Section::Ambiguous => matches
                    .iter()
                    .any(|c| kind(c) == Kind::Section(category, Section::Cues)),
                Section::Cues | Section::Exclude => false,
            };
            // An exclusion takes out the hits that start inside it ("fingerprint scanner" for
            // sale, "je conseille plusieurs syndicats de salariés"), not a statement that
            // starts before it ("clock in with a fingerprint scanner").
            let excluded = matches.iter().any(|x| {
                kind(x) == Kind::Section(category, Section::Exclude)
                    && x.first <= m.first
                    && m.first <= x.last
            });
            // A place word just before a hit names a place ("rue de l'Église"), not one a
            // person word owns ("la résidence étudiante refuse mon empreinte").
            let place = matches.iter().any(|p| {
                kind(p) == Kind::Context(Context::Place)
                    && ((p.last < m.first && m.first - p.last <= PLACE_BEFORE && !owned)
                        || p.first == m.last + 1)
            });
            if counts && !excluded && !place && !organisation_named(m) && !sender_trade() {
                let hit = LexiconHit {
                    start: words[m.first].start,
                    last: words[m.last].last,
                    category,
                    entry: m.entry,
                };
                if person {
                    hits.push(hit);
                } else if entry.person_required {
                    unsaid.push(hit);
                } else {
                    bare.push(hit);
                }
            }
        }
    }
}

/// The first-person introductions a message's body may give its writer's job with ("je
/// suis", "I'm", "I am"), as byte ranges of `text` from the word before one to a few words
/// after it; found without cutting the text into words.
fn introductions(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const AFTER: usize = 48;
    static MARKERS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(["suis", "i'm", "i\u{2019}m", "i am", " im "])
                .expect("five plain markers")
        });
    MARKERS.find_iter(text).map(move |m| {
        let at = m.start();
        // From the word before the marker ("je suis", "jsuis").
        let before = signature::floor_boundary(text, at.saturating_sub(1));
        let from = text[..before]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        // To the end of the word the window stops in.
        let to = signature::floor_boundary(text, (at + AFTER).min(text.len()));
        let to = text[to..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| to + i);
        (from, to)
    })
}

/// Whether `text` of `words` words is a form's short answer: "label: value" (or "label =
/// value") without a question ("Test génétique : mutation BRCA1 positive", "Gym entry:
/// fingerprint registered", "login method = fingerprint"); a longer text, a question or a plain
/// phrase speaks of products ("lecteur d'empreinte digitale inclus").
fn form_answer(text: &str, words: usize) -> bool {
    words <= FORM_ANSWER_WORDS && text.contains([':', '=']) && !text.contains('?')
}

/// The inside of a parenthesis that opens within [`SPECIALITIES_GAP`] bytes of letters and
/// blanks after the character at byte `last` (a job's last; "Psychologue clinicienne (…)"), up
/// to its closing bracket or the text's end, when it lists several.
fn specialities(text: &str, last: usize) -> Option<(usize, usize)> {
    let end = last + text[last..].chars().next()?.len_utf8();
    let open = text[end..]
        .char_indices()
        .take_while(|&(i, c)| i <= SPECIALITIES_GAP && (c.is_alphabetic() || c == ' ' || c == '('))
        .find(|&(_, c)| c == '(')?
        .0;
    let from = end + open + 1;
    let to = text[from..].find(')').map_or(text.len(), |i| from + i);
    // A list: one word in brackets is the job's kind ("Prison chaplain (Church of England
    // priest)"), not what it deals with.
    text[from..to].contains([',', '/']).then_some((from, to))
}

/// A hit as a match of the words it was found in again (`None` if they cut it otherwise).
fn located(words: &Words, h: &LexiconHit) -> Option<Match> {
    let first = words
        .words
        .binary_search_by_key(&h.start, |w| w.start)
        .ok()?;
    let last = words.words.binary_search_by_key(&h.last, |w| w.last).ok()?;
    Some(Match {
        entry: h.entry,
        first,
        last,
    })
}

/// The animals, plants, machines and groups of a sentence, and its persons, for the hits of
/// its clauses that name no person: a hit is said of the last such subject before it unless a
/// person is named between them ("mon chat Pilou, 12 ans, est diabétique", "people with asthma,
/// diabetes or high blood pressure"). Each hit is settled in logarithmic time, so a message of
/// thousands of such hits stays linear.
struct Subjects {
    /// Last words of the animals, plants, machines and groups, sorted.
    ends: Vec<usize>,
    /// First words of the persons, sorted, and from each on the least last word of a person.
    persons: Vec<usize>,
    least_last: Vec<usize>,
}

impl Subjects {
    fn new(matches: &[Match], is: impl Fn(&Match, Context) -> bool) -> Subjects {
        let mut ends: Vec<usize> = matches
            .iter()
            .filter(|a| is(a, Context::NonPerson) || is(a, Context::Group))
            .map(|a| a.last)
            .collect();
        ends.sort_unstable();
        let mut persons: Vec<(usize, usize)> = matches
            .iter()
            .filter(|p| is(p, Context::Person))
            .map(|p| (p.first, p.last))
            .collect();
        persons.sort_unstable();
        let mut least_last = vec![usize::MAX; persons.len()];
        let mut least = usize::MAX;
        for (k, &(_, last)) in persons.iter().enumerate().rev() {
            least = least.min(last);
            least_last[k] = least;
        }
        Subjects {
            ends,
            persons: persons.into_iter().map(|(first, _)| first).collect(),
            least_last,
        }
    }

    /// Whether the hit is said of the last animal, plant, machine or group before it.
    fn said_of_one(&self, hit: &Match) -> bool {
        let before = self.ends.partition_point(|&last| last < hit.first);
        let Some(&subject) = before.checked_sub(1).map(|k| &self.ends[k]) else {
            return false;
        };
        let k = self.persons.partition_point(|&first| first <= subject);
        self.least_last.get(k).is_none_or(|&last| last >= hit.first)
    }
}

/// The byte range of the sentence of `text` around the bytes `first..=last`, its end
/// separator included.
fn sentence_around(text: &str, first: usize, last: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = bytes[..first]
        .iter()
        .rposition(|b| fold::is_sentence_separator(*b))
        .map_or(0, |at| at + 1);
    let end = bytes[last..]
        .iter()
        .position(|b| fold::is_sentence_separator(*b))
        .map_or(bytes.len(), |at| last + at + 1);
    (start, end)
}

/// Whether the clause that goes on with `rest` ends with a question mark.
fn ends_in_question(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    (0..bytes.len())
        .find(|&at| fold::ends_clause(bytes, at))
        .is_some_and(|at| bytes[at] == b'?')
}

/// The end of the sentence the clauses being read are in, and whether the next sentence answers
/// it for the writer: each found once per sentence, so that a sentence of thousands of question
/// clauses is still read in linear time.
#[derive(Debug, Default)]
struct SentenceEnd {
    /// `(from, end)`: the bytes `from..end` hold no sentence separator; `end` is one, or the
    /// end of the text.
    known: Option<(usize, usize)>,
    answered: Option<bool>,
}

impl SentenceEnd {
    /// The end of the sentence around byte `at`, looked for again only past the one known.
    fn at(&mut self, text: &str, at: usize) -> usize {
        match self.known {
            Some((from, end)) if (from..=end).contains(&at) => end,
            _ => {
                let bytes = text.as_bytes();
                let end = bytes[at..]
                    .iter()
                    .position(|&b| fold::is_sentence_separator(b))
                    .map_or(bytes.len(), |p| at + p);
                self.known = Some((at, end));
                self.answered = None;
                end
            }
        }
    }

    /// Whether the next sentence answers the one around byte `at` for the writer, asked once
    /// per sentence.
    fn answered(&mut self, text: &str, at: usize, ask: impl FnOnce(usize) -> bool) -> bool {
        let end = self.at(text, at);
        *self.answered.get_or_insert_with(|| ask(end))
    }
}

/// Whether the animal, plant or machine `a` is what the hit `m` is said of: near enough
/// before it to be its subject ("mon chien est diabétique", "the vet says our cat has a heart
/// murmur") or shortly after it ("asthmatic boiler", "test ADN pour connaître la race de mon
/// chien"). Farther away it is another subject of the clause ("debt relief order … pay for the
/// boiler repair").
///
/// One introduced by an indefinite article after the hit is something asked for, not its
/// subject ("I'm diabetic and need a new fridge"); after a hit `owned` by a person word, only
/// one right after it is its subject ("my diabetic dog"). A machine before a person's body
/// that is `read` (a biometric hit owned by a person word) is the reader, not the subject
/// ("the turnstile reads my finger vein", "mon ordi se déverrouille par reconnaissance de mon
/// visage").
fn about(a: &Match, m: &Match, introduced: bool, owned: bool, read: bool) -> bool {
    let after = match (introduced, owned) {
        (true, _) => 0,
        (false, true) => OWNED_NON_PERSON_AFTER,
        (false, false) => NON_PERSON_AFTER,
    };
    let before = if read { 0 } else { NON_PERSON_BEFORE };
    near(a, m, before, after)
}

/// Third-person pronouns (compared in any case): a turn to one goes on speaking of the subject
/// before it.
const THIRD_PERSON: [&str; 4] = ["il", "elle", "he", "she"];
/// The writer and the reader, as a person match ends ("je", "my", "I'm", "I have", "vous"):
/// any other person word names someone a pronoun may stand for.
const SPEAKERS: [&str; 37] = [
    "je", "j", "me", "m", "moi", "mon", "ma", "mes", "nous", "notre", "nos", "on", "tu", "te",
    "toi", "vous", "votre", "vos", "i", "my", "mine", "we", "our", "us", "you", "your", "ai",
    "suis", "have", "ve", "am", "was", "ll", "d", "re", "had", "were",
];
/// The writer as a turn's subject ("et je dois", "and I'm").
const WRITER: [&str; 3] = ["je", "j", "i"];
/// The third-person possessives a hit may open with ("son insuline", "his insulin").
const POSSESSIVE_3P: [&str; 5] = ["son", "sa", "ses", "his", "its"];

/// Whether `w` (a word of `text`) is one of `list`, whatever its case.
fn is_one_of(text: &str, w: &Word, list: &[&str]) -> bool {
    text.get(w.start..=w.last)
        .is_some_and(|t| list.iter().any(|p| t.eq_ignore_ascii_case(p)))
}

/// Whether the group word `a` is who the hit `m` is said of: just before it ("les personnes
/// atteintes d'Alzheimer", "drivers with a DUI") or right after it ("same-sex couples").
fn of_group(a: &Match, m: &Match) -> bool {
    near(a, m, GROUP_BEFORE, GROUP_AFTER)
}

/// Whether the match `a` overlaps `m`, ends at most `before` words before it or starts at most
/// `after` words after it.
fn near(a: &Match, m: &Match, before: usize, after: usize) -> bool {
    (a.last < m.first && m.first - a.last <= before)
        || (a.first > m.last && a.first - m.last <= after)
        || (a.first <= m.last && m.first <= a.last)
}

/// Whether the match `a` follows an indefinite article, at most one word between them ("a
/// laptop", "a new fridge", "un petit chien").
fn introduced_by_article(a: &Match, matches: &[Match], kind: &impl Fn(&Match) -> Kind) -> bool {
    matches.iter().any(|x| {
        kind(x) == Kind::Context(Context::Article) && x.last < a.first && a.first - x.last <= 2
    })
}

/// Most words of a "label: value" text without a person word whose hits of categories that
/// need one still count, as a form's answer about the writer (see [`Lexicon::said_of_writer`]).
const FORM_ANSWER_WORDS: usize = 12;

/// Most words from a hit to the form answer that denies it: the hit and the rest of its label
/// ("Union membership: no", "Criminal convictions: none").
const DENIED_LABEL_WORDS: usize = 3;

/// Whether denial word `a` answers the label before it as a form does: after a colon or an
/// equals sign ("Allergies : RAS", "Antécédents médicaux = néant"), or right after it and
/// closing its clause ("union member no, self employed", "RQTH non"), where a phrase goes on
/// ("diabétique non insulinodépendant"), asks ("t'es syndiqué non ?") or explains ("ESA
/// (disabled)").
fn answers_label(text: &str, words: &[Word], a: &Match) -> bool {
    // From the label's last character to the answer's first.
    let gap = &text[words[a.first - 1].last..words[a.first].start];
    let gap = gap
        .get(gap.chars().next().map_or(0, char::len_utf8)..)
        .unwrap_or("");
    let last = &words[a.last];
    gap.contains([':', '='])
        || gap.trim().is_empty()
            && words
                .get(a.last + 1)
                .is_none_or(|w| w.clause != last.clause)
            && !ends_in_question(&text[last.last..])
}

/// Most words from an animal, plant or machine to a hit after it that is said of it.
const NON_PERSON_BEFORE: usize = 10;
/// Most words from a hit to an animal, plant or machine after it that the hit is said of.
const NON_PERSON_AFTER: usize = 8;
/// The same for a hit owned by a person word: "my diabetic old dog".
const OWNED_NON_PERSON_AFTER: usize = 2;
/// Most words from a group word to a hit after it that is said of the group.
const GROUP_BEFORE: usize = 6;
/// Most words from a hit to a group word after it that the hit is said of.
const GROUP_AFTER: usize = 2;

#[cfg(test)]
mod tests;
