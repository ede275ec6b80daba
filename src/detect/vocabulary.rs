//! The vocabularies of the free-text scanner as data: files under `lexicons/` (format in
//! `lexicons/README.md`), compiled into the binary, changed by the policy without a rebuild.
//!
//! This module only reads and edits lists of entries; [`super::lexicon`] compiles them into the
//! matcher. Keeping the two apart lets `leadguard check` report what was loaded, and lets a test
//! check every built-in file without building an automaton.

use crate::category::Category;
use std::collections::BTreeMap;
use std::fmt;

include!(concat!(env!("OUT_DIR"), "/vocabulary_files.rs"));

/// Language of a vocabulary file: chooses the Snowball stemmer of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// What an entry of a category file does (see `lexicons/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Reveals the category by itself.
    Terms,
    /// Reveals it only with a cue of the category in the same clause.
    Ambiguous,
    /// Makes an ambiguous entry count; never a hit by itself.
    Cues,
    /// A hit of the category inside one of these does not count.
    Exclude,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Terms,
        Section::Ambiguous,
        Section::Cues,
        Section::Exclude,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Terms => "terms",
            Section::Ambiguous => "ambiguous",
            Section::Cues => "cues",
            Section::Exclude => "exclude",
        }
    }
}

/// The sections of `_context.txt`, shared by every category of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Words that refer to a person (for `person = required`).
    Person,
    /// Animals, plants and machines: a hit said of one (a few words from it) does not count.
    NonPerson,
    /// Subjects and trades: media, studies, events and fundraising, health and care jobs, the
    /// people a business serves ("un documentaire sur la dépression", "we sell hearing aids",
    /// "je suis infirmière en oncologie"). A clause that mentions one speaks of a topic or a
    /// job, not of the writer's own data: it has no hit, but for hits the topic word comes
    /// more than a few words after (then it is the object of a request the statement explains).
    Topic,
    /// Street and place words: a hit right around one is a place name.
    Place,
    /// Function words that tell the language of a text: a French text is not matched against
    /// English entries ("parole" is a French word, and English parole), nor the reverse.
    Language,
    /// Words frequent in lead messages (`commande`, `carte`, `contract`): never chosen to
    /// trigger the analysis of a clause when an entry has a rarer word.
    Frequent,
    /// Indefinite articles: an animal, plant or machine after a hit and introduced by one is
    /// something asked for, not what the hit is said of ("I'm the Unite rep at our depot and
    /// need a laptop").
    Article,
    /// People in general, a clientele or a public ("personnes", "people", "clients", "members"):
    /// a hit said of one, in a clause that names no person, is a question about who a product
    /// serves ("Couvrez-vous les personnes diabétiques ?", "Are same-sex couples eligible?").
    Group,
    /// Negations ("pas", "aucun", "never", "n't"): a hit right after one is denied, not
    /// stated ("je ne suis pas syndiqué", "I don't have epilepsy"). Right after: the entries
    /// list the words that may come between ("not in a", "never had a", "pas d"); with any
    /// other word between, the negation is of something else ("I can't work since my stroke").
    Negation,
    /// A conjunction that brings in a relative ("and my husband", "et ma fille") or the writer's
    /// own state ("and I was", "et je suis"): a topic word (a job, a subject) on one side of it
    /// does not take out the hits on the other ("I'm a school nurse and my husband has just
    /// been diagnosed with diabetes").
    Turn,
    /// The frame of a job ("working as a", "je travaille comme"): what follows it in the clause
    /// is the job's ("I work as a nurse in oncology"), like a topic's; what comes before it is
    /// the person's own ("I'm a trans man working as a chef").
    Job,
    /// Words that open a question ("can", "does", "est-ce que"): a clause they open is a
    /// question when its sentence ends with a question mark, though a comma comes first ("Can
    /// ex-offenders apply for your scheme, in principle?").
    Question,
    /// Answers that make a question the writer's when they open the next sentence ("Do you
    /// accept people on Universal Credit? That's me.", "… ? C'est mon cas.").
    Answer,
    /// A form's answers that deny the label they follow ("Allergies : RAS", "Medical
    /// conditions: none", "Union membership: no"): a hit at most three words before one, a
    /// colon right before the answer, is denied. Without the colon the word says something
    /// else ("diabétique non insulinodépendant").
    Denial,
    /// Organisations as senders or subjects ("association", "clinic", "regional office", "we're
    /// a … clinic"): in a clause that names no person outside one and no [`Context::Role`], a
    /// hit inside it, just before it or a few words after it is the organisation's name or
    /// trade, not a statement about anybody ("Somali Community Association: quote for hall
    /// hire", "L'union locale CGT voudrait un devis"); at the head of the clause it is the one
    /// writing, and every hit of the clause is its trade. A person word names someone unless an
    /// organisation phrase holds it ("we're a diabetes clinic", but "we go to the diabetes
    /// clinic").
    Organisation,
    /// Establishments and places of worship that sign a message at its head ("EHPAD Les
    /// Tilleuls : devis pour 40 lits médicalisés", "Food bank in Glasgow – could we collect…",
    /// "rmt branch here"): read only among the message's first words, where they make it the
    /// organisation's voice like an [`Context::Organisation`] phrase does. Elsewhere they are
    /// places people go to or live in ("the council put us in a B&B"), so they are no
    /// organisation phrase there.
    Sender,
    /// Jobs that open a message as the writer's trade ("Aide à domicile, je m'occupe de
    /// personnes âgées qui ont Alzheimer", "District nurse here, I visit palliative patients"):
    /// read only among the message's first words; in such a message a hit said of a
    /// [`Context::Group`] is the job's cases even in a clause that names the writer.
    Profession,
    /// How a job speaks of its cases ("je prends en charge", "j'accueille des", "I visit",
    /// "caseload", "mes patients"): in a message a [`Context::Profession`] opens, it frames the
    /// hits after it in its clause like a [`Context::Job`] ("Orthophoniste, je prends en charge
    /// des enfants bègues"). Elsewhere the same words are a person's life ("I visit my dad, who
    /// has dementia"), so they are read only in such a message.
    Casework,
    /// How writers introduce their job ("I'm a", "je suis", "as a"): a [`Context::Profession`]
    /// right after one, or at the start of a clause, is the writer's job; after anything else
    /// it is someone the writer sees ("Mon oncologue veut…", "I see a therapist…").
    Introduction,
    /// The prepositions that start a job's workplace right after the job's name ("on",
    /// "at", "en", "dans", "auprès"): the job that opens a message, followed by one, frames
    /// the hits after it in its clause ("Ward manager on an oncology unit", "Éducatrice en
    /// IME auprès d'enfants autistes"); a job followed by anything else describes the writer
    /// ("Avocate d'origine vietnamienne", "Nurse and RCN steward").
    Workplace,
    /// The writer's own state after a job and its preposition ("Infirmière en arrêt maladie",
    /// "Teacher on sick leave"): the job's workplace frame stops there.
    State,
    /// A person's role in an organisation ("chair", "président", "membre", "bénévole"): a
    /// clause that names one speaks of that person, not in the organisation's voice ("Président
    /// de l'asso LGBT de Nantes, …").
    Role,
    /// The first person plural ("we", "our", "nous", "on"): the organisation's own voice once
    /// one of its phrases says it ("we're a diabetes clinic … for our patients"), else a
    /// household's ("we use the food bank").
    Collective,
    /// One person picked out of a group ("une de nos", "one of our"): a `[topic]` it runs
    /// into is that person ("une de nos résidentes est diabétique"), no longer a business's
    /// clientele ("nos résidents").
    Member,
    /// Bare conjunctions that start another predicate ("and", "but", "et", "mais"): an
    /// animal, plant or machine after a hit, a word or more past one, is that predicate's
    /// object ("I'm on Universal Credit and the vet bill is £800"), not what the hit is said of
    /// ("my diabetic dog").
    Link,
}

impl Context {
    pub const ALL: [Context; 25] = [
        Context::Person,
        Context::NonPerson,
        Context::Topic,
        Context::Place,
        Context::Language,
        Context::Frequent,
        Context::Article,
        Context::Group,
        Context::Negation,
        Context::Turn,
        Context::Job,
        Context::Question,
        Context::Answer,
        Context::Denial,
        Context::Organisation,
        Context::Sender,
        Context::Profession,
        Context::Casework,
        Context::Introduction,
        Context::Workplace,
        Context::State,
        Context::Role,
        Context::Collective,
        Context::Member,
        Context::Link,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Context::Person => "person",
            Context::NonPerson => "non_person",
            Context::Topic => "topic",
            Context::Place => "place",
            Context::Language => "language",
            Context::Frequent => "frequent",
            Context::Article => "article",
            Context::Group => "group",
            Context::Negation => "negation",
            Context::Turn => "turn",
            Context::Job => "job",
            Context::Question => "question",
            Context::Answer => "answer",
            Context::Denial => "denial",
            Context::Organisation => "organisation",
            Context::Sender => "sender",
            Context::Profession => "profession",
            Context::Casework => "casework",
            Context::Introduction => "introduction",
            Context::Workplace => "workplace",
            Context::State => "state",
            Context::Role => "role",
            Context::Collective => "collective",
            Context::Member => "member",
            Context::Link => "link",
        }
    }
}

/// The entries of one category in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryEntries {
    /// Entries per section, in file order.
    pub sections: BTreeMap<Section, Vec<String>>,
    /// Entries the policy adds, per section (kept apart so that `explain` can name them).
    pub added: BTreeMap<Section, Vec<String>>,
    /// `[settings] person = required`.
    pub person_required: bool,
}

impl CategoryEntries {
    /// The entries of the files.
    pub fn entries(&self, s: Section) -> &[String] {
        self.sections.get(&s).map_or(&[], Vec::as_slice)
    }

    /// The entries the policy added.
    pub fn added(&self, s: Section) -> &[String] {
        self.added.get(&s).map_or(&[], Vec::as_slice)
    }
}

/// Every vocabulary of the scanner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub categories: BTreeMap<(Category, Lang), CategoryEntries>,
    pub contexts: BTreeMap<(Lang, Context), Vec<String>>,
    /// Word classes (`@name`), by language and name.
    pub classes: BTreeMap<(Lang, String), Vec<String>>,
}

/// A problem in a vocabulary file or change, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyProblem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for VocabularyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// A policy's changes to the vocabulary of one category (`[lexicons.<category>]`). Added
/// entries apply to both languages (each stemmed with its language's stemmer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyChange {
    pub category: Category,
    /// Replace the built-in entries of every section instead of adding to them.
    pub replace: bool,
    pub add: BTreeMap<Section, Vec<String>>,
    /// Entries to take out of the built-in vocabulary (any section, any language), as written
    /// in the file (case and accents ignored).
    pub remove: Vec<String>,
}

/// What a file of `lexicons/` is, from its path.
enum FileKind {
    Category(Category, Lang),
    Context(Lang),
    Class(Lang, String),
}

fn file_kind(path: &str) -> Option<FileKind> {
    let (lang, rest) = path.split_once('/')?;
    let lang = Lang::parse(lang)?;
    let stem = |name: &str| name.strip_suffix(".txt").map(str::to_string);
    if let Some(class) = rest.strip_prefix("classes/") {
        return Some(FileKind::Class(lang, stem(class)?));
    }
    if rest == "_context.txt" {
        return Some(FileKind::Context(lang));
    }
    let category = stem(rest)?.parse::<Category>().ok()?;
    Some(FileKind::Category(category, lang))
}

/// Lines of a vocabulary file: (line number, section name or entry), comments and blank lines
/// dropped.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.split_once('#').map_or(line, |(l, _)| l).trim();
        (!line.is_empty()).then_some((i + 1, line))
    })
}

impl Vocabulary {
    /// The vocabularies compiled into the binary from `lexicons/`.
    ///
    /// # Errors
    ///
    /// Every problem of every file (a test keeps the built-in files free of them).
    pub fn builtin() -> Result<Vocabulary, Vec<VocabularyProblem>> {
        Vocabulary::from_files(FILES.iter().copied())
    }

    /// Reads vocabulary files given as (path relative to `lexicons/`, content).
    ///
    /// # Errors
    ///
    /// Every problem found: unknown file names, sections, settings.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Vocabulary, Vec<VocabularyProblem>> {
        let mut vocabulary = Vocabulary::default();
        let mut problems = Vec::new();
        for (path, text) in files {
            let problem = |line: usize, message: String| VocabularyProblem {
                file: format!("lexicons/{path}"),
                line,
                message,
            };
            match file_kind(path) {
                None => problems.push(problem(
                    0,
                    "not a vocabulary file: expected <lang>/<special category>.txt, \
                     <lang>/_context.txt or <lang>/classes/<name>.txt with lang fr or en"
                        .into(),
                )),
                Some(FileKind::Class(lang, name)) => {
                    let words = lines(text).map(|(_, w)| w.to_string()).collect();
                    vocabulary.classes.insert((lang, name), words);
                }
                Some(FileKind::Context(lang)) => {
                    let mut section = None;
                    for (n, line) in lines(text) {
                        if let Some(name) = header(line) {
                            section = Context::ALL.into_iter().find(|c| c.as_str() == name);
                            if section.is_none() {
                                problems.push(problem(n, format!("unknown section [{name}]")));
                            }
                            continue;
                        }
                        match section {
                            Some(c) => vocabulary
                                .contexts
                                .entry((lang, c))
                                .or_default()
                                .push(line.to_string()),
                            None => problems.push(problem(n, "entry before any section".into())),
                        }
                    }
                }
                Some(FileKind::Category(category, lang)) => {
                    if !category.is_special() {
                        problems.push(problem(
                            0,
                            format!("`{category}` is not a special category"),
                        ));
                        continue;
                    }
                    let entries = vocabulary.categories.entry((category, lang)).or_default();
                    parse_category(text, entries, &mut |n, m| problems.push(problem(n, m)));
                }
            }
        }
        if problems.is_empty() {
            Ok(vocabulary)
        } else {
            Err(problems)
        }
    }

    /// Applies the policy's changes, every problem reported (an entry to remove that does not
    /// exist is a typo, not a no-op).
    ///
    /// # Errors
    ///
    /// The problems, one per change that could not be applied.
    pub fn apply(&mut self, changes: &[VocabularyChange]) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for change in changes {
            let c = change.category;
            if !c.is_special() {
                problems.push(format!(
                    "lexicons.{c}: vocabularies are for special categories only (S2)"
                ));
                continue;
            }
            for lang in Lang::ALL {
                let entries = self.categories.entry((c, lang)).or_default();
                if change.replace {
                    entries.sections.clear();
                }
                for (section, added) in &change.add {
                    entries
                        .added
                        .entry(*section)
                        .or_default()
                        .extend(added.iter().cloned());
                }
            }
            for removed in &change.remove {
                let key = super::fold::fold_phrase(removed);
                let mut found = false;
                for lang in Lang::ALL {
                    if let Some(entries) = self.categories.get_mut(&(c, lang)) {
                        for list in entries
                            .sections
                            .values_mut()
                            .chain(entries.added.values_mut())
                        {
                            let before = list.len();
                            list.retain(|e| super::fold::fold_phrase(e) != key);
                            found |= list.len() != before;
                        }
                    }
                }
                if !found {
                    problems.push(format!(
                        "lexicons.{c}.remove: `{removed}` is not in the vocabulary of {c}"
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Entries per category and section, both languages together (for `leadguard check`).
    pub fn sizes(&self) -> Vec<(Category, BTreeMap<Section, usize>)> {
        let mut out: BTreeMap<Category, BTreeMap<Section, usize>> = BTreeMap::new();
        for ((c, _), entries) in &self.categories {
            let sizes = out.entry(*c).or_default();
            for s in Section::ALL {
                *sizes.entry(s).or_default() += entries.entries(s).len() + entries.added(s).len();
            }
        }
        let mut list: Vec<_> = out.into_iter().collect();
        list.sort_by_key(|(c, _)| c.as_str());
        list
    }
}

/// The name of a `[section]` line.
fn header(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']').map(str::trim)
}

/// Reads one category file into `entries`.
fn parse_category(
    text: &str,
    entries: &mut CategoryEntries,
    problem: &mut impl FnMut(usize, String),
) {
    #[derive(Clone, Copy)]
    enum At {
        Nowhere,
        Section(Section),
        Settings,
    }
    let mut at = At::Nowhere;
    for (n, line) in lines(text) {
        if let Some(name) = header(line) {
            at = if name == "settings" {
                At::Settings
            } else if let Some(s) = Section::ALL.into_iter().find(|s| s.as_str() == name) {
                At::Section(s)
            } else {
                problem(n, format!("unknown section [{name}]"));
                At::Nowhere
            };
            continue;
        }
        match at {
            At::Section(s) => entries
                .sections
                .entry(s)
                .or_default()
                .push(line.to_string()),
            At::Settings => match line.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("person", "required")) => entries.person_required = true,
                Some(("person", "optional")) => entries.person_required = false,
                _ => problem(
                    n,
                    format!("unknown setting `{line}` (expected person = required)"),
                ),
            },
            At::Nowhere => problem(n, "entry before any section".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_and_cover_every_category_in_both_languages() {
        let v = Vocabulary::builtin().unwrap_or_else(|p| {
            panic!(
                "{}",
                p.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        for c in Category::ALL.iter().filter(|c| c.is_special()) {
            for lang in Lang::ALL {
                let e = v
                    .categories
                    .get(&(*c, lang))
                    .unwrap_or_else(|| panic!("{c} {lang:?}"));
                assert!(e.entries(Section::Terms).len() >= 10, "{c} {lang:?}");
            }
        }
        for lang in Lang::ALL {
            for ctx in Context::ALL {
                assert!(v.contexts.contains_key(&(lang, ctx)), "{lang:?} {ctx:?}");
            }
        }
    }

    /// Settings are per file, so an entry repeated in one section does nothing but mislead its
    /// reviewer (which of the two comments explains it?).
    #[test]
    fn builtin_files_list_no_entry_twice_in_one_section() {
        let mut repeated = Vec::new();
        for (path, text) in FILES {
            let mut section = "";
            let mut seen = std::collections::HashMap::new();
            for (n, line) in lines(text) {
                if header(line).is_some() {
                    section = line;
                } else if let Some(first) = seen.insert((section, line), n) {
                    repeated.push(format!(
                        "lexicons/{path}:{n}: {section} repeats line {first}"
                    ));
                }
            }
        }
        assert!(repeated.is_empty(), "{}", repeated.join("\n"));
    }

    #[test]
    fn problems_are_all_reported_with_their_line() {
        let err = Vocabulary::from_files([
            (
                "fr/health.txt",
                "oops\n[terms]\nok\n[nope]\n[settings]\nperson = maybe\n",
            ),
            ("de/health.txt", "[terms]\nx\n"),
            ("fr/email.txt", "[terms]\nx\n"),
        ])
        .unwrap_err();
        let shown: Vec<String> = err.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "lexicons/fr/health.txt:1: entry before any section",
                "lexicons/fr/health.txt:4: unknown section [nope]",
                "lexicons/fr/health.txt:6: unknown setting `person = maybe` (expected person = required)",
                "lexicons/de/health.txt: not a vocabulary file: expected <lang>/<special category>.txt, <lang>/_context.txt or <lang>/classes/<name>.txt with lang fr or en",
                "lexicons/fr/email.txt: `email` is not a special category",
            ]
        );
    }

    #[test]
    fn policy_changes_add_remove_and_replace() {
        let mut v = Vocabulary::from_files([
            (
                "fr/health.txt",
                "[terms]\ndiabète # comment\ncancer\n[exclude]\nest le cancer\n",
            ),
            ("en/health.txt", "[terms]\ncancer\n"),
        ])
        .expect("parses");
        let mut add = BTreeMap::new();
        add.insert(Section::Terms, vec!["maladie de Lyme".to_string()]);
        v.apply(&[VocabularyChange {
            category: Category::Health,
            replace: false,
            add,
            remove: vec!["CANCER".into(), "Diabete".into()],
        }])
        .expect("applies");
        let fr = &v.categories[&(Category::Health, Lang::Fr)];
        assert!(fr.entries(Section::Terms).is_empty());
        assert_eq!(fr.added(Section::Terms), ["maladie de Lyme"]);
        assert_eq!(fr.entries(Section::Exclude), ["est le cancer"]);
        assert_eq!(
            v.categories[&(Category::Health, Lang::En)].added(Section::Terms),
            ["maladie de Lyme"]
        );
        let err = v
            .apply(&[VocabularyChange {
                category: Category::Religion,
                replace: false,
                add: BTreeMap::new(),
                remove: vec!["église".into()],
            }])
            .unwrap_err();
        assert_eq!(
            err,
            ["lexicons.religion.remove: `église` is not in the vocabulary of religion"]
        );
        v.apply(&[VocabularyChange {
            category: Category::Health,
            replace: true,
            add: BTreeMap::new(),
            remove: Vec::new(),
        }])
        .expect("replaces");
        assert!(v.categories[&(Category::Health, Lang::Fr)]
            .sections
            .is_empty());
        let sizes = v.sizes();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
    }
}
