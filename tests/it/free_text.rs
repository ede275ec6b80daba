//! The free-text scanner judged as a user would see it (S1–S3): labelled phrases through file
//! mode under the reference policy, and identifier test vectors of other projects through the
//! scanner.
//!
//! Phrase sets: the shared development set (`../shared/contract/special-text/phrases.jsonl`,
//! shipped copy in `tests/data/special-text/phrases.jsonl`) must reach recall ≥ 90 % and
//! precision ≥ 95 %; the held-out sets (`tests/data/special-text/heldout*.jsonl`, each written
//! by someone who saw neither the development set nor the vocabularies; set 3 never tuned on)
//! are reported and guarded against regressions. Run with `--nocapture` to see the
//! per-category tables.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::fixtures::{reference_policy, repo};
use leadguard::category::Category;
use leadguard::clock;
use leadguard::detect::{TextScanner, Vocabulary};
use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::policy::Policy;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};
use serde_json::{json, Value};

fn data(rel: &str) -> String {
    std::fs::read_to_string(repo().join("tests/data").join(rel)).unwrap()
}

/// A labelled phrase: its text and the special categories it reveals (none for a confuser).
struct Phrase {
    text: String,
    lang: String,
    categories: BTreeSet<String>,
}

fn phrases(jsonl: &str) -> Vec<Phrase> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            Phrase {
                text: v["text"].as_str().unwrap().to_string(),
                lang: v["lang"].as_str().unwrap().to_string(),
                categories: v["categories"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            }
        })
        .collect()
}

/// What a phrase set labels.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Labels {
    /// The special categories (S2, S3).
    Special,
    /// Identifiers and contact details (S1, S3): e-mail, phone, IBAN, card, NIR.
    Identifiers,
}

impl Labels {
    fn counts(self, category: Category) -> bool {
        match self {
            Labels::Special => category.is_special(),
            Labels::Identifiers => matches!(
                category,
                Category::Email
                    | Category::Phone
                    | Category::Iban
                    | Category::PaymentCard
                    | Category::NationalId
            ),
        }
    }
}

/// The categories of `labels` file mode found in each phrase, sent as the `message` of a lead
/// event under the reference policy (read back from the audit records).
fn judged(set: &[Phrase], labels: Labels) -> Vec<BTreeSet<String>> {
    let policy = Policy::load(&reference_policy()).unwrap();
    let guard = Guard::new(policy, SuppressionList::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("leads.jsonl");
    let mut lines = String::new();
    for (i, p) in set.iter().enumerate() {
        let event = json!({
            "event_id": format!("phrase-{i}"), "occurred_at": "2026-11-20T10:15:00Z",
            "source": {"dataset": "web-leads-fr", "channel": "webform", "form_id": "contact-fr"},
            "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
                "first_name": "Camille", "email": "camille.martin@example.fr",
                "last_contact_at": "2026-11-20T10:15:00Z"},
            "consents": [],
            "attributes": {"message": p.text}
        });
        lines.push_str(&event.to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).unwrap();
    let out = dir.path().join("out");
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let summary = file_mode::run(&guard, &input, &WithdrawalTable::default(), &out, now).unwrap();
    assert_eq!(summary.events, set.len() as u64);
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    let mut found = vec![BTreeSet::new(); set.len()];
    for line in audit.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let id = record["event_id"].as_str().unwrap();
        let i: usize = id.strip_prefix("phrase-").unwrap().parse().unwrap();
        for f in record["findings"].as_array().unwrap() {
            let category: Category = f["category"].as_str().unwrap().parse().unwrap();
            if f["path"] == "/attributes/message" && labels.counts(category) {
                found[i].insert(category.as_str().to_string());
            }
        }
    }
    found
}

/// Counts of (phrase, category) decisions.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn recall(self) -> f64 {
        f64::from(self.tp) / f64::from((self.tp + self.fn_).max(1))
    }
    fn precision(self) -> f64 {
        f64::from(self.tp) / f64::from((self.tp + self.fp).max(1))
    }
}

struct Report {
    overall: Counts,
    /// Phrases with at least one category found, among statements.
    statements_found: (u32, u32),
    /// Confusers with nothing found.
    confusers_clean: (u32, u32),
    misses: Vec<String>,
}

fn evaluate(name: &str, set: &[Phrase], labels: Labels) -> Report {
    let found = judged(set, labels);
    let mut per_category: BTreeMap<String, Counts> = BTreeMap::new();
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let mut statements_found = (0, 0);
    let mut confusers_clean = (0, 0);
    let mut misses = Vec::new();
    for (p, got) in set.iter().zip(&found) {
        let all: BTreeSet<&String> = p.categories.iter().chain(got).collect();
        for c in all {
            let (want, have) = (p.categories.contains(c), got.contains(c));
            for counts in [
                per_category.entry(c.clone()).or_default(),
                per_lang.entry(p.lang.clone()).or_default(),
                &mut overall,
            ] {
                match (want, have) {
                    (true, true) => counts.tp += 1,
                    (false, true) => counts.fp += 1,
                    (true, false) => counts.fn_ += 1,
                    (false, false) => {}
                }
            }
        }
        if p.categories.is_empty() {
            confusers_clean.1 += 1;
            confusers_clean.0 += u32::from(got.is_empty());
        } else {
            statements_found.1 += 1;
            statements_found.0 += u32::from(!got.is_empty());
        }
        if &p.categories != got {
            misses.push(format!(
                "  want {:?} got {:?}: {}",
                p.categories, got, p.text
            ));
        }
    }
    println!("\n{name}: {} phrases", set.len());
    println!(
        "{:<20} {:>4} {:>4} {:>4} {:>8} {:>10}",
        "", "tp", "fp", "fn", "recall", "precision"
    );
    let row = |label: &str, c: Counts| {
        println!(
            "{label:<20} {:>4} {:>4} {:>4} {:>7.1}% {:>9.1}%",
            c.tp,
            c.fp,
            c.fn_,
            100.0 * c.recall(),
            100.0 * c.precision()
        );
    };
    for (c, counts) in &per_category {
        row(c, *counts);
    }
    for (l, counts) in &per_lang {
        row(&format!("lang {l}"), *counts);
    }
    row("overall", overall);
    println!(
        "statements with a finding: {}/{}; confusers left alone: {}/{}",
        statements_found.0, statements_found.1, confusers_clean.0, confusers_clean.1
    );
    Report {
        overall,
        statements_found,
        confusers_clean,
        misses,
    }
}

#[test]
fn shipped_phrases_are_the_shared_ones() {
    let shared = repo().join("../shared/contract/special-text/phrases.jsonl");
    if let Ok(shared) = std::fs::read_to_string(shared) {
        assert_eq!(shared, data("special-text/phrases.jsonl"));
    }
}

/// Issue 10: recall ≥ 90 % and precision ≥ 95 % on the shared development set, counted per
/// (phrase, category).
#[test]
fn development_phrases_recall_and_precision() {
    let set = phrases(&data("special-text/phrases.jsonl"));
    assert_eq!(set.len(), 127);
    let r = evaluate("development set", &set, Labels::Special);
    for m in &r.misses {
        println!("{m}");
    }
    let failed = r.overall.recall() < 0.90 || r.overall.precision() < 0.95;
    assert!(
        !failed,
        "recall {:.3}, precision {:.3}; differences:\n{}",
        r.overall.recall(),
        r.overall.precision(),
        r.misses.join("\n")
    );
    assert!(r.statements_found.0 > 0 && r.confusers_clean.0 > 0);
}

/// The first held-out set: reported, and guarded a little under its figures after stop 24's
/// fixes (recall 0.927, precision 0.969; first run 0.891 / 0.891), so a vocabulary change
/// that loses ground fails here. Its failures were studied at stop 24 (a stem clash
/// that hid "porte le voile", topic words counted as statements), so it is a second
/// development set now; `heldout-3.jsonl` measures generalisation.
#[test]
fn held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout.jsonl",
        150,
        (0.90, 0.93),
        Shown::Misses,
    );
}

/// The second held-out set, written by a writer who saw neither development set nor the
/// vocabularies; first run after the fixes set 1 taught, then tuned on (see the README,
/// "Free text").
#[test]
fn second_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-2.jsonl",
        180,
        HELD_OUT_2_FLOORS,
        Shown::Misses,
    );
}

/// The third held-out set, written like the second while the vocabularies were fixed from the
/// first two: never looked at before its first run (see the README, "Free text").
#[test]
fn third_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-3.jsonl",
        160,
        HELD_OUT_3_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set for health, the category with the most false hits on unseen confusers: health
/// words in professions, products, hypotheses, insurance, figures of speech, animals, charities,
/// topics and place names (written blind at stop 24, then tuned on).
#[test]
fn health_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/health-tuning.jsonl",
        120,
        HEALTH_TUNING_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set for ethnic origin and sex life, the weakest recalls on set 3: statements in
/// many forms and look-alike confusers (product origins, cuisines, colours, neutral couples),
/// written blind at stop 24, then tuned on.
#[test]
fn origin_and_sex_life_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/origin-sexlife-tuning.jsonl",
        120,
        ORIGIN_SEX_LIFE_TUNING_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set over every category, written blind at stop 25 with hard confusers in many
/// families (professions, products, organisations as customers, places, figures of speech,
/// hypotheses, animals, topics, words of another sense), then tuned on.
#[test]
fn sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-6.jsonl",
        200,
        TUNING_6_FLOORS,
        Shown::Misses,
    );
}

/// The fifth held-out set, written blind at stop 25: its wrong lines were printed by mistake,
/// so it is a tuning set now (see the README, "Free text").
#[test]
fn fifth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-5.jsonl",
        180,
        HELD_OUT_5_FLOORS,
        Shown::Misses,
    );
}

/// The seventh held-out set, written blind at stop 25 after the fixes of that stop, with
/// statements split over clauses among others: run once, never looked at (see the README,
/// "Free text").
#[test]
fn seventh_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-7.jsonl",
        200,
        HELD_OUT_7_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set for sex life and genetic statements (the weakest recalls of set 7) among
/// look-alike confusers, written blind at stop 25, then tuned on.
#[test]
fn eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-8.jsonl",
        180,
        TUNING_8_FLOORS,
        Shown::Misses,
    );
}

/// The ninth held-out set, written blind at stop 25 while the eighth tuning set was tuned on,
/// first run after its fixes: never looked at (see the README, "Free text").
#[test]
fn ninth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-9.jsonl",
        200,
        HELD_OUT_9_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set for criminal, trade union, biometric and social difficulty statements (the
/// weakest recalls of set 9) among look-alike confusers, written blind at stop 25, then tuned
/// on.
#[test]
fn tenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-10.jsonl",
        180,
        TUNING_10_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set written blind at stop 26: health confusers (medical words that say nothing
/// about anyone's health) and English statements of every category, then tuned on.
#[test]
fn eleventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-11.jsonl",
        200,
        TUNING_11_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set written blind at stop 26: sex life, genetic, biometric, criminal, trade union
/// and ethnic origin statements in less obvious phrasings, among look-alike confusers, then
/// tuned on.
#[test]
fn twelfth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-12.jsonl",
        200,
        TUNING_12_FLOORS,
        Shown::Misses,
    );
}

/// The thirteenth held-out set, written blind at stop 26 with sets 11 and 12, first run before
/// they were tuned on: never looked at (see the README, "Free text").
#[test]
fn thirteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-13.jsonl",
        200,
        HELD_OUT_13_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set written blind at stop 26: health, social difficulty, religion, political
/// opinion, ethnic origin and criminal statements said through medicines, schemes,
/// institutions, practices and party figures instead of the category's words, then tuned on.
#[test]
fn fourteenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-14.jsonl",
        200,
        TUNING_14_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set written blind at stop 26, mostly English: UK, US, Irish, Australian and
/// Canadian institutions, benefits, unions and parties by their local names, and Belgian,
/// Swiss and Québécois French, among confusers reusing them; then tuned on.
#[test]
fn fifteenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-15.jsonl",
        200,
        TUNING_15_FLOORS,
        Shown::Misses,
    );
}

/// The sixteenth held-out set, written blind at stop 26 and first run after the fixes of
/// tuning sets 11, 12 and 14: never looked at (see the README, "Free text").
#[test]
fn sixteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-16.jsonl",
        200,
        HELD_OUT_16_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set written blind at stop 26, mostly French, half confusers that each carry a
/// word of some category without saying anything about a person; then tuned on.
#[test]
fn seventeenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-17.jsonl",
        200,
        TUNING_17_FLOORS,
        Shown::Misses,
    );
}

/// A tuning set written blind at stop 26, mostly English: statements implied through
/// treatments, devices, schemes, institutions, rituals and court steps, many about relatives;
/// then tuned on.
#[test]
fn eighteenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-18.jsonl",
        200,
        TUNING_18_FLOORS,
        Shown::Misses,
    );
}

/// The nineteenth held-out set, written blind at stop 26 and first run after the fixes of
/// tuning sets 11, 12, 14 and 15: never looked at (see the README, "Free text"). One line that
/// repeated a line of set 16 was taken out unread.
#[test]
fn nineteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-19.jsonl",
        199,
        HELD_OUT_19_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set written blind at stop 26: long messages where the statement sits inside a
/// business request or is split over clauses, and long confusers with several look-alike
/// words; then tuned on.
#[test]
fn twenty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-21.jsonl",
        200,
        TUNING_21_FLOORS,
        Shown::Misses,
    );
}

/// The twentieth held-out set, written blind at stop 26 and first run after every fix of the
/// stop: never looked at (see the README, "Free text").
#[test]
fn twentieth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-20.jsonl",
        200,
        HELD_OUT_20_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A tuning set written blind at stop 26: genetic tests and results of every kind, sex life,
/// health in less obvious words and ethnic origin, among genetics and couple look-alikes; then
/// tuned on.
#[test]
fn twenty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-22.jsonl",
        200,
        TUNING_22_FLOORS,
        Shown::Misses,
    );
}

/// The twenty-third held-out set, written blind at stop 26 and first run after every fix of
/// the stop, tuning set 22's included: never looked at (see the README, "Free text").
#[test]
fn twenty_third_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-23.jsonl",
        200,
        HELD_OUT_23_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The twenty-fourth held-out set, written blind at stop 27 before any fix of the stop: never
/// looked at (see the README, "Free text").
#[test]
fn twenty_fourth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-24.jsonl",
        200,
        HELD_OUT_24_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The twenty-fifth tuning set, written blind at stop 27: genetic tests and biometric
/// enrolments of every kind, among confusers with the same words; then tuned on.
#[test]
fn twenty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-25.jsonl",
        160,
        TUNING_25_FLOORS,
        Shown::Misses,
    );
}

/// The twenty-sixth tuning set, written blind at stop 27: health in less obvious words, and
/// more confusers sharing its vocabulary than statements; then tuned on.
#[test]
fn twenty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-26.jsonl",
        160,
        TUNING_26_FLOORS,
        Shown::Misses,
    );
}

/// The twenty-seventh tuning set, written blind at stop 27: short messages typed on a phone
/// (typos, no accents, SMS abbreviations), every category; then tuned on.
#[test]
fn twenty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-27.jsonl",
        160,
        TUNING_27_FLOORS,
        Shown::Misses,
    );
}

/// The thirtieth tuning set, written blind at stop 27: criminal, social difficulty, sex life and
/// ethnic origin in less obvious words, among confusers on the same vocabulary; then tuned on.
#[test]
fn thirtieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-30.jsonl",
        160,
        TUNING_30_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-first tuning set, written blind at stop 27: hard confusers in the first person,
/// and statements that look like them; then tuned on.
#[test]
fn thirty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-31.jsonl",
        159,
        TUNING_31_FLOORS,
        Shown::Misses,
    );
}

/// The twenty-ninth tuning set, written blind at stop 27: political opinion, trade union and
/// religion through roles, institutions and rituals of several countries; then tuned on.
#[test]
fn twenty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-29.jsonl",
        160,
        TUNING_29_FLOORS,
        Shown::Misses,
    );
}

/// The twenty-eighth held-out set, written blind at stop 27 before any fix of the stop and
/// first run after all of them: never looked at.
#[test]
fn twenty_eighth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-28.jsonl",
        200,
        HELD_OUT_28_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The thirty-second held-out set, written blind at stop 27 while tuning sets 29 – 31 were
/// written, and first run after every fix of the stop: never looked at.
#[test]
fn thirty_second_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-32.jsonl",
        199,
        HELD_OUT_32_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The thirty-third tuning set, written blind at stop 27 (second session): sensitive facts
/// given as the practical reason of a request in the form's own business; then tuned on.
#[test]
fn thirty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-33.jsonl",
        160,
        TUNING_33_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-fourth tuning set, written blind at stop 27 (second session): statements about
/// relatives and people the writer speaks for, confusers about people in general, public
/// figures, characters and pets; then tuned on.
#[test]
fn thirty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-34.jsonl",
        160,
        TUNING_34_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-fifth tuning set, written blind at stop 27 (second session): acronyms, slang
/// and colloquial words for the sensitive facts, confusers on their other meanings; then
/// tuned on.
#[test]
fn thirty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-35.jsonl",
        160,
        TUNING_35_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-seventh tuning set, written blind at stop 27 (second session): long messages
/// pasted like e-mails, the fact among ordinary details; then tuned on.
#[test]
fn thirty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-37.jsonl",
        160,
        TUNING_37_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-eighth tuning set, written blind at stop 27 (second session): health in depth,
/// through medicines, procedures, devices, therapies and services; then tuned on.
#[test]
fn thirty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-38.jsonl",
        160,
        TUNING_38_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-ninth tuning set, written blind at stop 27 (second session): life stories and
/// past events, confusers about organisations, public figures and history; then tuned on.
#[test]
fn thirty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-39.jsonl",
        160,
        TUNING_39_FLOORS,
        Shown::Misses,
    );
}

/// The forty-first tuning set, written blind at stop 27 (second session): negations,
/// hypotheses and questions, on both sides; then tuned on.
#[test]
fn forty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-41.jsonl",
        160,
        TUNING_41_FLOORS,
        Shown::Misses,
    );
}

/// The forty-second tuning set, written blind at stop 27 (second session): messy formatting
/// (no punctuation, capitals, lists, emojis, dashes and slashes); then tuned on.
#[test]
fn forty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-42.jsonl",
        160,
        TUNING_42_FLOORS,
        Shown::Misses,
    );
}

/// The thirty-sixth held-out set, written blind at stop 27 (second session) before any fix of
/// that session and first run after all of them: never looked at.
#[test]
fn thirty_sixth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-36.jsonl",
        200,
        HELD_OUT_36_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The fortieth held-out set, written blind at stop 27 (second session) while tuning sets 37 -
/// 39 were written, and first run after every fix: never looked at.
#[test]
fn fortieth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-40.jsonl",
        200,
        HELD_OUT_40_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The forty-third set (stop 28): ethnic origin, religion and political opinion in depth; a
/// tuning set.
#[test]
fn forty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-43.jsonl",
        160,
        TUNING_43_FLOORS,
        Shown::Misses,
    );
}

/// The forty-fourth set (stop 28): who a statement is about (the writer, relatives, people
/// spoken for) among organisations, public figures, characters and pets; a tuning set.
#[test]
fn forty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-44.jsonl",
        160,
        TUNING_44_FLOORS,
        Shown::Misses,
    );
}

/// The forty-fifth set (stop 28): held out, never read; written before any fix of the stop
/// and run once after all of them.
#[test]
fn forty_fifth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-45.jsonl",
        200,
        HELD_OUT_45_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The forty-eighth set (stop 28): health, social difficulty and criminal matters in depth; a
/// tuning set.
#[test]
fn forty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-48.jsonl",
        160,
        TUNING_48_FLOORS,
        Shown::Misses,
    );
}

/// The forty-ninth set (stop 28): sex life, genetic, biometric and trade union in depth; a
/// tuning set.
#[test]
fn forty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-49.jsonl",
        160,
        TUNING_49_FLOORS,
        Shown::Misses,
    );
}

/// The fiftieth set (stop 28): held out, never read; written while sets 48 and 49 were, run
/// once after every fix of the stop.
#[test]
fn fiftieth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-50.jsonl",
        200,
        HELD_OUT_50_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The fifty-second set (stop 28): indirect statements (a treatment, a place, an institution, a
/// person's role towards the writer); a tuning set.
#[test]
fn fifty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-52.jsonl",
        160,
        TUNING_52_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-third set (stop 28): Belgium, Switzerland, Québec, French-speaking Africa, Ireland,
/// Scotland, India, Nigeria, South Africa, Canada, Australia, New Zealand; a tuning set.
#[test]
fn fifty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-53.jsonl",
        160,
        TUNING_53_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-fourth set (stop 28): held out, never read; written while sets 52 and 53 were,
/// run once after every fix of the stop.
#[test]
fn fifty_fourth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-54.jsonl",
        200,
        HELD_OUT_54_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The fifty-fifth set (stop 28): indirect statements again, by another writer; a tuning set.
#[test]
fn fifty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-55.jsonl",
        160,
        TUNING_55_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-sixth set (stop 28): writers from overseas France, Africa, the Middle East, the
/// Caribbean, Asia and the English-speaking world; a tuning set.
#[test]
fn fifty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-56.jsonl",
        160,
        TUNING_56_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-seventh set (stop 28): people at work speaking of their trade (confusers) and
/// private people naming such businesses beside a fact of their own; a tuning set.
#[test]
fn fifty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-57.jsonl",
        160,
        TUNING_57_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-eighth set (stop 28): long chatty messages about something else, the fact in
/// passing (a parenthesis, an afterthought, a P.S.); a tuning set.
#[test]
fn fifty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-58.jsonl",
        160,
        TUNING_58_FLOORS,
        Shown::Misses,
    );
}

/// The fifty-ninth set (stop 28, second session): facts revealed only through everyday
/// administration (adjustments at work or school, insurance questionnaires, allowances,
/// certificates, badges, parish roles); a tuning set.
#[test]
fn fifty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-59.jsonl",
        160,
        TUNING_59_FLOORS,
        Shown::Misses,
    );
}

/// The sixtieth set (stop 28, second session): writers from French-speaking Africa, the
/// Maghreb, Lebanon, Belgium, Switzerland, Québec, overseas France, Scotland, Wales, Northern
/// Ireland, the US, Canada, Oceania, East and West Africa and South-East Asia, with their local
/// institutions; a tuning set.
#[test]
fn sixtieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-60.jsonl",
        160,
        TUNING_60_FLOORS,
        Shown::Misses,
    );
}

/// The sixty-first set (stop 28, second session): political opinion, trade union and health
/// said in roundabout ways; confusers with the same words in professional uses; a tuning set.
#[test]
fn sixty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-61.jsonl",
        160,
        TUNING_61_FLOORS,
        Shown::Misses,
    );
}

/// The sixty-second set (stop 28, second session): held out, never read; no theme. Written
/// before any fix of the session, run once after all of them.
#[test]
fn sixty_second_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-62.jsonl",
        198,
        HELD_OUT_62_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The sixty-third set (stop 28, second session): held out, never read; the fact slipping out
/// as the context of a request, a complaint or a booking. Run once after every fix.
#[test]
fn sixty_third_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-63.jsonl",
        200,
        HELD_OUT_63_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The sixty-sixth set (stop 28, second session): health look-alikes (professionals, products,
/// figurative and technical senses) among statements in the same settings; a tuning set.
#[test]
fn sixty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-66.jsonl",
        160,
        TUNING_66_FLOORS,
        Shown::Misses,
    );
}

/// The sixty-seventh set (stop 28, second session): sex life, political opinion, ethnic origin
/// and criminal matters said indirectly (partners by name, weddings, votes, festivals, court
/// dates); a tuning set.
#[test]
fn sixty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-67.jsonl",
        160,
        TUNING_67_FLOORS,
        Shown::Misses,
    );
}

/// The sixty-ninth set (stop 28, second session): religion, ethnic origin, social difficulty,
/// genetic and biometric facts mentioned in passing to a business; a tuning set.
#[test]
fn sixty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-69.jsonl",
        160,
        TUNING_69_FLOORS,
        Shown::Misses,
    );
}

/// The seventieth set (stop 28, second session): messages typed fast and badly (typos, no
/// accents or apostrophes, SMS abbreviations, words run together, mixed languages); a tuning set.
#[test]
fn seventieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-70.jsonl",
        160,
        TUNING_70_FLOORS,
        Shown::Misses,
    );
}

/// The sixty-eighth set (stop 28, second session): held out, never read; no theme. Written
/// while sets 66 and 67 were, run once after every fix of the session.
#[test]
fn sixty_eighth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-68.jsonl",
        199,
        HELD_OUT_68_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The seventy-third set (stop 28, second session): questions carrying a fact about the writer
/// or a relative, and questions about cover, rules or people in general; a tuning set.
#[test]
fn seventy_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-73.jsonl",
        160,
        TUNING_73_FLOORS,
        Shown::Misses,
    );
}

/// The seventy-fourth set (stop 28, second session): people writing for work (HR, teachers,
/// nurses, social workers, union officials, clergy, lawyers) who mention a fact of their own
/// beside it, and confusers about their work only; a tuning set.
#[test]
fn seventy_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-74.jsonl",
        160,
        TUNING_74_FLOORS,
        Shown::Misses,
    );
}

/// The seventy-first set (stop 28, second session): held out, never read; no theme. Written
/// while sets 69 and 70 were, run once after every fix of the session.
#[test]
fn seventy_first_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-71.jsonl",
        200,
        HELD_OUT_71_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The seventy-sixth set (stop 28, second session): health in everyday words (symptoms,
/// specialists, medicines, devices, therapies, stays) and its look-alikes; a tuning set.
#[test]
fn seventy_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-76.jsonl",
        160,
        TUNING_76_FLOORS,
        Shown::Misses,
    );
}

/// The seventy-seventh set (stop 28, second session): criminal matters, trade union and
/// political activity in everyday words (arrests, bail, tags, dues, pickets, canvassing); a
/// tuning set.
#[test]
fn seventy_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-77.jsonl",
        160,
        TUNING_77_FLOORS,
        Shown::Misses,
    );
}

/// The seventy-fifth set (stop 28, second session): held out, never read; no theme. Written
/// while sets 73 and 74 were, run once after every fix of the session.
#[test]
fn seventy_fifth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-75.jsonl",
        200,
        HELD_OUT_75_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The seventy-eighth set (stop 29): time — facts that are past, ended, starting or planned
/// ("former", "used to", "je vais être opéré", releases, relapses), confusers in the same time
/// words; a tuning set.
#[test]
fn seventy_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-78.jsonl",
        160,
        TUNING_78_FLOORS,
        Shown::Misses,
    );
}

/// The seventy-ninth set (stop 29): administrative, medical and legal jargon and acronyms of
/// several countries, and the same acronyms in other senses; a tuning set.
#[test]
fn seventy_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-79.jsonl",
        160,
        TUNING_79_FLOORS,
        Shown::Misses,
    );
}

/// The eightieth set (stop 29): sex life and political opinion in depth, with confusers on the
/// same words; a tuning set.
#[test]
fn eightieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-80.jsonl",
        160,
        TUNING_80_FLOORS,
        Shown::Misses,
    );
}

/// The eighty-first set (stop 29): held out, never read; no theme. Written before any fix of
/// the stop, run once after all of them.
#[test]
fn eighty_first_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-81.jsonl",
        200,
        HELD_OUT_81_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The eighty-second set (stop 29): held out, never read; no theme. Written before any fix of
/// the stop, run once after all of them.
#[test]
fn eighty_second_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-82.jsonl",
        200,
        HELD_OUT_82_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The eighty-fourth set (stop 29): messages shaped like forms or lists ("label: value",
/// bullets, questionnaire answers pasted in), confusers of the same shapes; a tuning set.
#[test]
fn eighty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-84.jsonl",
        160,
        TUNING_84_FLOORS,
        Shown::Misses,
    );
}

/// The eighty-fifth set (stop 29): people whose job touches a category, stating a fact of their
/// own or of a relative, or speaking only of their work; a tuning set.
#[test]
fn eighty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-85.jsonl",
        160,
        TUNING_85_FLOORS,
        Shown::Misses,
    );
}

/// The eighty-eighth set (stop 29): criminal matters and social difficulty in depth, with
/// confusers on the same words; a tuning set.
#[test]
fn eighty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-88.jsonl",
        160,
        TUNING_88_FLOORS,
        Shown::Misses,
    );
}

/// The eighty-ninth set (stop 29): religion and ethnic origin in depth, with confusers on the
/// same words; a tuning set.
#[test]
fn eighty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-89.jsonl",
        160,
        TUNING_89_FLOORS,
        Shown::Misses,
    );
}

/// The ninetieth set (stop 29): genetic, biometric and health facts around devices, apps, tests
/// and services, with confusers about the same things as products; a tuning set.
#[test]
fn ninetieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-90.jsonl",
        160,
        TUNING_90_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-first set (stop 29): health in depth (mental health, addiction, disability,
/// chronic illness, pregnancy, medicines, devices), with many confusers on the same words; a
/// tuning set.
#[test]
fn ninety_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-91.jsonl",
        160,
        TUNING_91_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-second set (stop 29): trade union and political opinion in the forms of several
/// countries, with confusers on the same names; a tuning set.
#[test]
fn ninety_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-92.jsonl",
        160,
        TUNING_92_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-third set (stop 29): very short messages, every category; a tuning set (one line
/// that repeated an earlier set's was deleted).
#[test]
fn ninety_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-93.jsonl",
        159,
        TUNING_93_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-fifth set (stop 30): longer messages of two to five sentences, the fact in the
/// middle or at the end, sometimes over two sentences, among practical requests.
#[test]
fn ninety_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-95.jsonl",
        160,
        TUNING_95_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-sixth set (stop 30): organisations, public figures, professions and third
/// parties: a statement next to a job, an employer, a party or a public figure, and confusers
/// about organisations, public figures or the writer's job alone.
#[test]
fn ninety_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-96.jsonl",
        160,
        TUNING_96_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-seventh set (stop 30): regional and informal language (Belgium, Switzerland,
/// Québec, Africa, the overseas departments; Scotland, Ireland, India, South Africa, Australia;
/// slang, SMS spelling, verlan, typos).
#[test]
fn ninety_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-97.jsonl",
        160,
        TUNING_97_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-first set (stop 30): questions and hypotheses; statements asked as questions,
/// confusers about who a product serves, what might happen, eligibility and curiosity.
#[test]
fn hundred_and_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-101.jsonl",
        159,
        TUNING_101_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-second set (stop 30): health in depth (medicines by brand and generic name,
/// procedures, devices, therapies, rare diseases, sick leave) and its confusers.
#[test]
fn hundred_and_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-102.jsonl",
        160,
        TUNING_102_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-third set (stop 30): money, housing and justice (debt, benefits, eviction,
/// prison, probation, custody, prosecutions) and confusers from finance, business and law.
#[test]
fn hundred_and_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-103.jsonl",
        160,
        TUNING_103_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifth set (stop 30): who the fact is about; relatives of every kind, often named
/// again by a pronoun or a first name, against colleagues, neighbours, clients, pets and characters.
#[test]
fn hundred_and_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-105.jsonl",
        160,
        TUNING_105_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixth set (stop 30): sex life, biometric and genetic data in depth.
#[test]
fn hundred_and_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-106.jsonl",
        160,
        TUNING_106_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventh set (stop 30): messy input (capitals, no punctuation, run-on sentences,
/// slashes and pipes for line breaks, bullets, emoji, pasted form answers).
#[test]
fn hundred_and_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-107.jsonl",
        160,
        TUNING_107_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-eighth set (stop 30): held out, never read; no theme. Written before any fix of the
/// stop, run once after all of them.
#[test]
fn ninety_eighth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-98.jsonl",
        199,
        HELD_OUT_98_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The ninety-ninth set (stop 30): held out, never read; no theme. Written before any fix of the
/// stop, run once after all of them.
#[test]
fn ninety_ninth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-99.jsonl",
        199,
        HELD_OUT_99_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-fourth set (stop 30): held out, never read; no theme. Written while sets
/// 101 – 103 were, run once after every fix of the stop.
#[test]
fn hundred_and_fourth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-104.jsonl",
        200,
        HELD_OUT_104_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-eighth set (stop 30): held out, never read; no theme. Written while sets
/// 105 – 107 were, run once after every fix of the stop.
#[test]
fn hundred_and_eighth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-108.jsonl",
        198,
        HELD_OUT_108_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-ninth set (stop 30): biometric and genetic data in everyday words (devices,
/// apps, gates, ancestry kits, screening, family mutations, DNA in police files).
#[test]
fn hundred_and_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-109.jsonl",
        160,
        TUNING_109_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-tenth set (stop 30): political opinion and trade union membership in everyday
/// words (votes, canvassing, candidacies, dues, strike days, union roles) of several countries.
#[test]
fn hundred_and_tenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-110.jsonl",
        159,
        TUNING_110_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eleventh set (stop 30): no theme, indirect and unusual phrasings.
#[test]
fn hundred_and_eleventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-111.jsonl",
        199,
        TUNING_111_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twelfth set (stop 30): held out, never read; no theme. Written while sets
/// 109 – 111 were, run once after every fix of the stop.
#[test]
fn hundred_and_twelfth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-112.jsonl",
        197,
        HELD_OUT_112_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-thirteenth set (stop 30): held out, never read; no theme. Written while sets
/// 109 – 111 were, run once after every fix of the stop.
#[test]
fn hundred_and_thirteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-113.jsonl",
        200,
        HELD_OUT_113_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-seventeenth set (stop 31): genetic data in everyday words (carrier status,
/// predisposition tests, screening, sequencing, ancestry and kinship tests) and look-alikes.
#[test]
fn hundred_and_seventeenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-117.jsonl",
        159,
        TUNING_117_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixteenth set (stop 31): political opinion and biometric data in everyday
/// words, several countries, and look-alikes.
#[test]
fn hundred_and_sixteenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-116.jsonl",
        159,
        TUNING_116_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fourteenth set (stop 31): held out, never read; no theme. Written before any
/// fix of the stop.
#[test]
fn hundred_and_fourteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-114.jsonl",
        200,
        HELD_OUT_114_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-fifteenth set (stop 31): held out, never read; indirect phrasings. Written
/// before any fix of the stop.
#[test]
fn hundred_and_fifteenth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-115.jsonl",
        200,
        HELD_OUT_115_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-eighteenth set (stop 31): long messages written like e-mails (greeting,
/// context, request, sign-off), the fact anywhere, often in passing.
#[test]
fn hundred_and_eighteenth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-118.jsonl",
        160,
        TUNING_118_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twenty-first set (stop 31): biometric, genetic and political statements made
/// indirectly, without the obvious keywords, and look-alikes.
#[test]
fn hundred_and_twenty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-121.jsonl",
        160,
        TUNING_121_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twenty-second set (stop 31): criminal, trade union, religion and ethnic origin
/// with local institutions, acronyms and slang of several countries, and look-alikes.
#[test]
fn hundred_and_twenty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-122.jsonl",
        160,
        TUNING_122_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twenty-third set (stop 31): precision, 100 hard look-alikes beside 60
/// statements.
#[test]
fn hundred_and_twenty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-123.jsonl",
        160,
        TUNING_123_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twenty-fourth set (stop 31): held out, never read; no theme. Written while
/// sets 121 – 123 were, run once after every fix of the stop.
#[test]
fn hundred_and_twenty_fourth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-124.jsonl",
        197,
        HELD_OUT_124_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-twenty-fifth set (stop 31): held out, never read; no theme, a third messy and
/// a third long. Written while sets 121 – 123 were, run once after every fix of the stop.
#[test]
fn hundred_and_twenty_fifth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-125.jsonl",
        200,
        HELD_OUT_125_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-twenty-seventh set (stop 31): sex life and ethnic origin in everyday words,
/// several countries, and look-alikes.
#[test]
fn hundred_and_twenty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-127.jsonl",
        159,
        TUNING_127_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-twenty-eighth set (stop 31): who a fact is about (the writer or a relative
/// beside a business, a product, a pet, a machine, a public figure or people in general).
#[test]
fn hundred_and_twenty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-128.jsonl",
        160,
        TUNING_128_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirtieth set (stop 31): held out, never read; no theme. Written while sets
/// 126 – 129 were, run once after every fix of the stop.
#[test]
fn hundred_and_thirtieth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-130.jsonl",
        198,
        HELD_OUT_130_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-twenty-sixth set (stop 31): health and social difficulty told indirectly
/// (treatments, appointments, devices, places of care, allowances and schemes of several
/// countries), and look-alikes.
#[test]
fn hundred_and_twenty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-126.jsonl",
        159,
        TUNING_126_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-first set (stop 31): held out, never read; indirect, regional and
/// informal phrasings. Written while sets 126 – 129 were, run once after every fix of the stop.
#[test]
fn hundred_and_thirty_first_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-131.jsonl",
        198,
        HELD_OUT_131_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-thirty-second set (stop 31): very short messages and pasted form answers
/// ("Label: value" fields, lists, abbreviations) beside look-alike values.
#[test]
fn hundred_and_thirty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-132.jsonl",
        160,
        TUNING_132_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-third set (stop 31): time and denial (past, present and future states,
/// former memberships, remissions; denials, jokes, hypotheses about people in general).
#[test]
fn hundred_and_thirty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-133.jsonl",
        160,
        TUNING_133_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-fourth set (stop 31): French of Belgium, Switzerland, Québec, West and
/// North Africa, the Antilles, Réunion and young people in France (local institutions, slang,
/// verlan, SMS spelling).
#[test]
fn hundred_and_thirty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-134.jsonl",
        160,
        TUNING_134_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-fifth set (stop 32): held out, never read; no theme. Written before any
/// fix of the stop.
#[test]
fn held_out_hundred_and_thirty_fifth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-135.jsonl",
        198,
        HELD_OUT_135_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-thirty-seventh set (stop 32): sex life and orientation in everyday and indirect
/// words, with look-alikes.
#[test]
fn hundred_and_thirty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-137.jsonl",
        170,
        TUNING_137_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-ninth set (stop 32): unusual shapes (a fact over two sentences, form
/// answers with other separators, carriers, public figures, third parties).
#[test]
fn hundred_and_thirty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-139.jsonl",
        170,
        TUNING_139_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-eighth set (stop 32): precision; religious words in harmless senses
/// (buildings, saints' names, holidays as dates, idioms, products), with religion statements.
#[test]
fn hundred_and_thirty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-138.jsonl",
        169,
        TUNING_138_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-thirty-sixth set (stop 32): held out, never read; hurried (no accents, capitals,
/// typos, SMS spelling) and long messages. Written before any fix of the stop.
#[test]
fn held_out_hundred_and_thirty_sixth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-136.jsonl",
        200,
        HELD_OUT_136_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-fortieth set (stop 32): religion and ethnic origin in everyday, indirect words,
/// with look-alikes (nationality, cuisine, languages, churches as venues, festivals as dates).
#[test]
fn hundred_and_fortieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-140.jsonl",
        169,
        TUNING_140_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-forty-first set (stop 32): criminal and social difficulty in everyday words of
/// several countries, with look-alikes (the trades of justice and welfare, civil disputes, fines).
#[test]
fn hundred_and_forty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-141.jsonl",
        170,
        TUNING_141_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-forty-fourth set (stop 32): held out, never read; no theme. Written while sets
/// 140 – 143 were, after the stop's first fixes.
#[test]
fn held_out_hundred_and_forty_fourth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-144.jsonl",
        199,
        HELD_OUT_144_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-forty-fifth set (stop 32): held out, never read; indirect phrasings. Written
/// while sets 140 – 143 were, after the stop's first fixes.
#[test]
fn held_out_hundred_and_forty_fifth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-145.jsonl",
        200,
        HELD_OUT_145_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-forty-second set (stop 32): long messages like e-mails, the fact one clause among
/// practical details, often about someone the writer speaks for.
#[test]
fn hundred_and_forty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-142.jsonl",
        170,
        TUNING_142_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-forty-third set (stop 32): English of India, Africa, South-East Asia, Canada,
/// Australia, New Zealand, Ireland and Scotland; French of Belgium, Switzerland, Québec and Africa.
#[test]
fn hundred_and_forty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-143.jsonl",
        170,
        TUNING_143_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-forty-seventh set (stop 32): biometric and political opinion in everyday words,
/// with look-alikes (products, faces and fingers that identify nobody, elections as news).
#[test]
fn hundred_and_forty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-147.jsonl",
        170,
        TUNING_147_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-forty-sixth set (stop 32): indirect phrasings (a treatment, a rite, a court date,
/// a tag, an allowance's local name, a partner's name, a face at a gate), with look-alikes.
#[test]
fn hundred_and_forty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-146.jsonl",
        170,
        TUNING_146_FLOORS,
        Shown::Misses,
    );
}

/// The ninety-fourth set (stop 29): held out, never read; no theme. Written while sets 91 – 93
/// were, run once after every fix of the stop.
#[test]
fn ninety_fourth_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-94.jsonl",
        200,
        HELD_OUT_94_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The eighty-seventh set (stop 29): held out, never read; no theme. Written while sets 84 and
/// 85 were, run once after every fix of the stop.
#[test]
fn eighty_seventh_held_out_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-87.jsonl",
        198,
        HELD_OUT_87_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-forty-eighth set (stop 33): held out, never read; no theme. Written before any
/// fix of the stop.
#[test]
fn held_out_hundred_and_forty_eighth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-148.jsonl",
        200,
        HELD_OUT_148_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-forty-ninth set (stop 33): held out, never read; indirect phrasings (a
/// treatment, an allowance's local name, a partner's name, a device). Written before any fix of
/// the stop.
#[test]
fn held_out_hundred_and_forty_ninth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-149.jsonl",
        198,
        HELD_OUT_149_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-fiftieth set (stop 33): biometric and genetic data in everyday words, with
/// look-alikes (features, photos, pets, genealogy as a hobby, 'in our DNA').
#[test]
fn hundred_and_fiftieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-150.jsonl",
        169,
        TUNING_150_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-first set (stop 33): sex life, orientation and gender identity, and social
/// difficulty, in everyday and indirect words, with look-alikes.
#[test]
fn hundred_and_fifty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-151.jsonl",
        169,
        TUNING_151_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-second set (stop 33): precision, half of it look-alikes (jobs, products,
/// questions in general, history, idioms, names), half statements worded close to them.
#[test]
fn hundred_and_fifty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-152.jsonl",
        170,
        TUNING_152_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-third set (stop 33): unusual shapes (a fact over short sentences, lists,
/// form answers, capitals, questions that reveal, someone the writer speaks for).
#[test]
fn hundred_and_fifty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-153.jsonl",
        169,
        TUNING_153_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-fourth set (stop 33): the words of older and young people and of
/// professionals (slang, SMS spelling, formal letters, insurers' and HR jargon, local words).
#[test]
fn hundred_and_fifty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-154.jsonl",
        170,
        TUNING_154_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-eighth set (stop 33): held out, never read; direct and indirect
/// statements mixed. Written while sets 155 – 157 were, first run after every fix of the stop.
#[test]
fn held_out_hundred_and_fifty_eighth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-158.jsonl",
        199,
        HELD_OUT_158_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-fifty-fifth set (stop 33): criminal matters and social difficulty said
/// indirectly (hearings, tags, probation, visits inside, aid under local names), with look-alikes.
#[test]
fn hundred_and_fifty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-155.jsonl",
        169,
        TUNING_155_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-sixth set (stop 33): health said indirectly (medicines, devices, care,
/// treatments, sick leave, pregnancy milestones), biometric and genetic too, with look-alikes.
#[test]
fn hundred_and_fifty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-156.jsonl",
        170,
        TUNING_156_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-seventh set (stop 33): indirect phrasings across the ten categories (a
/// rite, a role named by a task, family history, a partner's name, a device, a local allowance).
#[test]
fn hundred_and_fifty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-157.jsonl",
        170,
        TUNING_157_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-fifty-ninth set (stop 33): political opinion and trade union said indirectly (a
/// party's or a union's chores, lists, petitions, acronyms and nicknames), with look-alikes.
#[test]
fn hundred_and_fifty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-159.jsonl",
        169,
        TUNING_159_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixtieth set (stop 33): religion and ethnic origin said indirectly (fasts,
/// prayers, rites, dress, pilgrimages; migrations, diasporas, languages at home), with look-alikes.
#[test]
fn hundred_and_sixtieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-160.jsonl",
        170,
        TUNING_160_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-first set (stop 33): the fact as the reason of a practical request (a
/// delivery slot, a booking, a quote, a cancellation), with look-alikes.
#[test]
fn hundred_and_sixty_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-161.jsonl",
        170,
        TUNING_161_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-second set (stop 34): held out, never read; a broad mix of every
/// category, relatives, form answers, regional terms. Written before any fix of the stop.
#[test]
fn held_out_hundred_and_sixty_second_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-162.jsonl",
        199,
        HELD_OUT_162_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-sixty-third set (stop 34): biometric enrolment and criminal matters said
/// indirectly, in slang and formal registers, with look-alikes.
#[test]
fn hundred_and_sixty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-163.jsonl",
        180,
        TUNING_163_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-fifth set (stop 34): sex life (orientation, couples whose writer's
/// gender is said, transition, sexual health) and statements about relatives, with look-alikes.
#[test]
fn hundred_and_sixty_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-165.jsonl",
        170,
        TUNING_165_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-sixth set (stop 34): health and social difficulty said through
/// medicines, devices, treatments, benefits and hardship under local names, with look-alikes.
#[test]
fn hundred_and_sixty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-166.jsonl",
        170,
        TUNING_166_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-fourth set (stop 34): long messages (35 to 90 words) with the sensitive
/// detail buried among ordinary content or across two sentences, with long look-alikes.
#[test]
fn hundred_and_sixty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-164.jsonl",
        160,
        TUNING_164_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-seventh set (stop 34): political opinion and trade union said
/// indirectly (nicknames, small parties, campaigns, union names and roles), with look-alikes.
#[test]
fn hundred_and_sixty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-167.jsonl",
        170,
        TUNING_167_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-eighth set (stop 34): religion and ethnic origin said through practices,
/// roles, minority faiths, diaspora and heritage, with look-alikes.
#[test]
fn hundred_and_sixty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-168.jsonl",
        169,
        TUNING_168_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-sixty-ninth set (stop 34): genetic results and health said through
/// euphemisms (burn-out, meds, recovery, neurodivergence), with look-alikes.
#[test]
fn hundred_and_sixty_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-169.jsonl",
        170,
        TUNING_169_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventieth set (stop 34): short texts (3 to 14 words): terse form answers,
/// SMS spelling, capitals, abbreviations, with short look-alikes.
#[test]
fn hundred_and_seventieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-170.jsonl",
        167,
        TUNING_170_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-first set (stop 34): professional senders (clinics, prisons, unions,
/// churches, campaigns, labs) speaking of their clientele, and the same revealing a person.
#[test]
fn hundred_and_seventy_first_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-171.jsonl",
        170,
        TUNING_171_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-second set (stop 35): held out, never read; a broad mix of every
/// category, many kinds of forms and speakers. Written before any fix of the stop.
#[test]
fn held_out_hundred_and_seventy_second_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-172.jsonl",
        197,
        HELD_OUT_172_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-seventy-third set (stop 35): long practical messages with the statement
/// buried in a parenthesis, a list or a subordinate clause.
#[test]
fn hundred_and_seventy_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-173.jsonl",
        170,
        TUNING_173_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-fourth set (stop 35): indirect and informal wording: euphemisms,
/// slang, jargon, brand names, acronyms, SMS style.
#[test]
fn hundred_and_seventy_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-174.jsonl",
        170,
        TUNING_174_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-fifth set (stop 35): look-alikes (trades, products, titles, places,
/// idioms) beside statements worded close to them.
#[test]
fn hundred_and_seventy_fifth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-175.jsonl",
        169,
        TUNING_175_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-sixth set (stop 35): relatives, clients and wards the writer speaks
/// for, often two categories at once.
#[test]
fn hundred_and_seventy_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-176.jsonl",
        170,
        TUNING_176_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-eighth set (stop 35): short texts (2 to 12 words): fragments, form
/// answers, lists, hashtags, capitals.
#[test]
fn hundred_and_seventy_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-178.jsonl",
        168,
        TUNING_178_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-ninth set (stop 35): health, genetic and social difficulty in
/// depth (conditions, care, medicines, debt, benefits, guardianship).
#[test]
fn hundred_and_seventy_ninth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-179.jsonl",
        169,
        TUNING_179_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eightieth set (stop 35): political opinion, religion, trade union, origin,
/// sex life, criminal and biometric in depth.
#[test]
fn hundred_and_eightieth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-180.jsonl",
        168,
        TUNING_180_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-seventy-seventh set (stop 35): regional wording and institutions (Belgium,
/// Switzerland, Québec, overseas France, Africa; Ireland, Scotland, Australia, India…).
#[test]
fn hundred_and_seventy_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-177.jsonl",
        170,
        TUNING_177_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-first set (stop 35): held out, never read; no theme. Written after
/// the fixes of sets 173 - 180, before those of 182 - 184.
#[test]
fn held_out_hundred_and_eighty_first_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-181.jsonl",
        197,
        HELD_OUT_181_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-eighty-second set (stop 35): mixed languages and non-native writing
/// (franglais, literal translations, borrowed words).
#[test]
fn hundred_and_eighty_second_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-182.jsonl",
        170,
        TUNING_182_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-third set (stop 35): facts said inside questions and conditionals,
/// beside general and hypothetical questions.
#[test]
fn hundred_and_eighty_third_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-183.jsonl",
        169,
        TUNING_183_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-fourth set (stop 35): the person in one sentence, the fact in
/// another; households listed with their situation.
#[test]
fn hundred_and_eighty_fourth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-184.jsonl",
        170,
        TUNING_184_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-fifth set (stop 35): held out, never read; half the statements said
/// indirectly. Written before the fourth round's fixes.
#[test]
fn held_out_hundred_and_eighty_fifth_phrases_recall_and_precision() {
    phrase_set(
        "special-text/heldout-185.jsonl",
        196,
        HELD_OUT_185_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The hundred-and-eighty-seventh set (stop 35): sex life and orientation in depth, the
/// writer's gender shown in many ways.
#[test]
fn hundred_and_eighty_seventh_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-187.jsonl",
        170,
        TUNING_187_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-eighth set (stop 35): criminal matters in depth, from arrest to
/// release, in six countries.
#[test]
fn hundred_and_eighty_eighth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-188.jsonl",
        170,
        TUNING_188_FLOORS,
        Shown::Misses,
    );
}

/// The hundred-and-eighty-sixth set (stop 35): biometric data in depth (fingerprints, face,
/// iris, palm, voice, veins) at work, school, gyms, banks, borders.
#[test]
fn hundred_and_eighty_sixth_tuning_phrases_recall_and_precision() {
    phrase_set(
        "special-text/tuning-186.jsonl",
        170,
        TUNING_186_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 195 (stop 36, blind): health and genetic facts told by medicines, devices,
/// procedures, specialists and tests; look-alikes from pharmacy work, shops and pets.
#[test]
fn tuning_set_195_medicines_devices_and_procedures() {
    phrase_set(
        "special-text/tuning-195.jsonl",
        160,
        TUNING_195_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 191 (stop 36, blind): sex life, orientation and sexual health in everyday forms,
/// the writer's gender shown by agreement, signature, title or pronouns.
#[test]
fn tuning_set_191_sex_life_with_the_writers_gender_shown() {
    phrase_set(
        "special-text/tuning-191.jsonl",
        160,
        TUNING_191_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 189 (stop 36, blind, never read): no theme, half the statements indirect;
/// written and first run before any fix of the stop.
#[test]
fn held_out_set_189_written_before_the_fifth_round() {
    phrase_set(
        "special-text/heldout-189.jsonl",
        185,
        HELD_OUT_189_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 193 (stop 36, blind): English from nine countries, slang and texting, most
/// statements said through an institution, a benefit, a routine or a consequence.
#[test]
fn tuning_set_193_english_said_indirectly() {
    phrase_set(
        "special-text/tuning-193.jsonl",
        160,
        TUNING_193_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 194 (stop 36, blind): precision, two look-alikes for each statement (jobs,
/// products, organisations, idioms, volunteers and donors beside recipients).
#[test]
fn tuning_set_194_look_alikes_first() {
    phrase_set(
        "special-text/tuning-194.jsonl",
        160,
        TUNING_194_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 190 (stop 36, blind): biometric facts said in passing inside practical messages
/// (banks, phones, work, schools, borders, call centres, exams, care homes).
#[test]
fn tuning_set_190_biometric_in_passing() {
    phrase_set(
        "special-text/tuning-190.jsonl",
        160,
        TUNING_190_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 192 (stop 36, blind): French of France, Belgium, Switzerland, Québec, overseas
/// France and Africa, most statements said through an institution, an allowance or a routine.
#[test]
fn tuning_set_192_french_said_indirectly() {
    phrase_set(
        "special-text/tuning-192.jsonl",
        160,
        TUNING_192_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 197 (stop 36, blind): messages ending with a sign-off or opening with a
/// self-introduction that shows the writer's gender; spouses of the other gender, unisex names.
#[test]
fn tuning_set_197_signed_messages() {
    phrase_set(
        "special-text/tuning-197.jsonl",
        160,
        TUNING_197_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 198 (stop 36, blind): biometric data told through the device that reads it
/// (phones, laptops, locks, clocks, kiosks, e-gates); the same devices as products.
#[test]
fn tuning_set_198_biometric_through_devices() {
    phrase_set(
        "special-text/tuning-198.jsonl",
        160,
        TUNING_198_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 199 (stop 36, blind): benefits, debt, housing, food aid, illness and care told
/// plainly or in passing; the people who work in those services.
#[test]
fn tuning_set_199_money_and_care_trouble() {
    phrase_set(
        "special-text/tuning-199.jsonl",
        160,
        TUNING_199_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 200 (stop 36, blind): political opinion, trade union, religion, ethnic origin
/// and criminal matters said through meetings, holidays, diets, court dates and visits.
#[test]
fn tuning_set_200_beliefs_origin_and_justice_indirectly() {
    phrase_set(
        "special-text/tuning-200.jsonl",
        160,
        TUNING_200_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 196 (stop 36, blind, never read): no theme, direct and indirect statements,
/// short and signed messages; written after the stop's first round, first run during the second.
#[test]
fn held_out_set_196_written_after_the_first_round() {
    phrase_set(
        "special-text/heldout-196.jsonl",
        185,
        HELD_OUT_196_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 201 (stop 36, blind, never read): no theme, one-liners and signed messages of
/// eleven countries; written after the stop's second round, first run before the third.
#[test]
fn held_out_set_201_written_after_the_second_round() {
    phrase_set(
        "special-text/heldout-201.jsonl",
        185,
        HELD_OUT_201_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 202 (stop 36, blind): social difficulty and criminal matters through the
/// benefits, debt procedures, courts, prisons and records of fourteen countries.
#[test]
fn tuning_set_202_institutions_of_need_and_justice() {
    phrase_set(
        "special-text/tuning-202.jsonl",
        160,
        TUNING_202_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 203 (stop 36, blind): genetic and biometric data beside health (inherited
/// conditions, carrier and prenatal tests, DNA kits; readers failing after an illness).
#[test]
fn tuning_set_203_genetic_and_biometric_beside_health() {
    phrase_set(
        "special-text/tuning-203.jsonl",
        160,
        TUNING_203_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 204 (stop 36, blind): sex life and orientation in one or two sentences without
/// a signature (relationships, events, apps, coming-outs, transitions, sexual health).
#[test]
fn tuning_set_204_sex_life_without_a_signature() {
    phrase_set(
        "special-text/tuning-204.jsonl",
        160,
        TUNING_204_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 205 (stop 36, blind): political opinion and trade union membership in working
/// and civic life (staff elections, strikes, dues, petitions, campaigns, councillors).
#[test]
fn tuning_set_205_politics_and_unions_at_work() {
    phrase_set(
        "special-text/tuning-205.jsonl",
        160,
        TUNING_205_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 206 (stop 36, blind, never read): no theme, careful and hurried writers of ten
/// countries, half the statements indirect; written after the third round, run before the fourth.
#[test]
fn held_out_set_206_written_after_the_third_round() {
    phrase_set(
        "special-text/heldout-206.jsonl",
        185,
        HELD_OUT_206_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 207 (stop 36, blind): religion and ethnic origin through diets, holy days,
/// clothing, ceremonies, roles, languages, care and heritage.
#[test]
fn tuning_set_207_religion_and_origin_in_everyday_requests() {
    phrase_set(
        "special-text/tuning-207.jsonl",
        160,
        TUNING_207_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 208 (stop 36, blind): health said without naming a disease (leave, stays,
/// rehabilitation, therapy, pregnancy, access needs, symptoms, results, care).
#[test]
fn tuning_set_208_health_without_naming_a_disease() {
    phrase_set(
        "special-text/tuning-208.jsonl",
        160,
        TUNING_208_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 209 (stop 36, blind): form answers, lists, labels, hashtags, capitals, SMS
/// spelling and emoji over the ten categories.
#[test]
fn tuning_set_209_short_and_oddly_shaped_texts() {
    phrase_set(
        "special-text/tuning-209.jsonl",
        160,
        TUNING_209_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 210 (stop 36, blind): facts about someone the writer speaks for as the reason
/// of a request; the same words about publics, animals, fiction and celebrities.
#[test]
fn tuning_set_210_people_the_writer_speaks_for() {
    phrase_set(
        "special-text/tuning-210.jsonl",
        160,
        TUNING_210_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 211 (stop 37, blind, never read): no theme, ten countries' writers, two
/// thirds of the statements indirect; written and run before any change of the stop.
#[test]
fn held_out_set_211_written_before_the_stops_first_round() {
    phrase_set(
        "special-text/heldout-211.jsonl",
        180,
        HELD_OUT_211_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 212 (stop 37, blind): sex life said the way people write it (a gender shown
/// sentences before the partner, dating profiles, transition, sexual health) and biometric
/// facts in passing; their look-alikes.
#[test]
fn tuning_set_212_sex_life_and_biometric_in_passing() {
    phrase_set(
        "special-text/tuning-212.jsonl",
        170,
        TUNING_212_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 213 (stop 37, blind): social difficulty and criminal matters said indirectly,
/// benefits and procedures of nine countries by their local names; their look-alikes.
#[test]
fn tuning_set_213_need_and_justice_said_indirectly() {
    phrase_set(
        "special-text/tuning-213.jsonl",
        170,
        TUNING_213_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 214 (stop 37, blind): look-alikes first (110 of 180), every category's words
/// in harmless senses, and statements that are their near twins.
#[test]
fn tuning_set_214_look_alikes_first() {
    phrase_set(
        "special-text/tuning-214.jsonl",
        170,
        TUNING_214_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 215 (stop 37, blind): longer everyday requests with the sensitive fact in the
/// middle (health, genetic, origin, religion, politics and unions above all); look-alikes.
#[test]
fn tuning_set_215_long_everyday_messages() {
    phrase_set(
        "special-text/tuning-215.jsonl",
        170,
        TUNING_215_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 216 (stop 37, blind, never read): no theme, hurried, formal and non-native
/// writers of sixteen countries, facts in a second or third sentence; written after the stop's
/// first round, run before the second.
#[test]
fn held_out_set_216_written_after_the_stops_first_round() {
    phrase_set(
        "special-text/heldout-216.jsonl",
        180,
        HELD_OUT_216_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 217 (stop 37, blind): criminal matters of ten countries by their local terms,
/// and ethnic origin through parents, languages, communities and discrimination; look-alikes.
#[test]
fn tuning_set_217_justice_and_origin_said_indirectly() {
    phrase_set(
        "special-text/tuning-217.jsonl",
        170,
        TUNING_217_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 218 (stop 37, blind): health through appointments, devices, medicines, leave,
/// school plans and care, without the disease's name; look-alikes.
#[test]
fn tuning_set_218_health_without_the_diseases_name() {
    phrase_set(
        "special-text/tuning-218.jsonl",
        170,
        TUNING_218_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 219 (stop 37, blind): the writer's gender and a same-sex partner given in
/// different places (signatures, titles, introductions, agreements, form answers); couples of
/// a man and a woman built the same way, and partners of unstated gender.
#[test]
fn tuning_set_219_gender_and_partner_apart() {
    phrase_set(
        "special-text/tuning-219.jsonl",
        170,
        TUNING_219_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 221 (stop 37, blind): biometric data at work, school, banks, gyms, borders and
/// exams, said by the device, the body part, the procedure or the consequence; look-alikes.
#[test]
fn tuning_set_221_biometric_data_everywhere() {
    phrase_set(
        "special-text/tuning-221.jsonl",
        170,
        TUNING_221_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 223 (stop 37, blind): religion through rituals, holy days, clothing, roles and
/// places of many faiths; genetic results, counselling and screening; look-alikes.
#[test]
fn tuning_set_223_religion_and_genetic_data_said_indirectly() {
    phrase_set(
        "special-text/tuning-223.jsonl",
        170,
        TUNING_223_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 224 (stop 37, blind): short noisy texts typed on a phone (SMS spelling, glued
/// words, one-word form answers) in all ten categories; look-alikes in the same style.
#[test]
fn tuning_set_224_noisy_short_texts() {
    phrase_set(
        "special-text/tuning-224.jsonl",
        160,
        TUNING_224_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 222 (stop 37, blind): political opinion and trade-union membership through
/// roles, campaigns, votes, dues and strikes in twelve countries; look-alikes.
#[test]
fn tuning_set_222_politics_and_unions_said_indirectly() {
    phrase_set(
        "special-text/tuning-222.jsonl",
        170,
        TUNING_222_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 220 (stop 37, blind, never read): ten businesses' contact forms, 19 lines
/// each, half the statements indirect; written after the stop's second round, run before the
/// third.
#[test]
fn held_out_set_220_written_after_the_stops_second_round() {
    phrase_set(
        "special-text/heldout-220.jsonl",
        180,
        HELD_OUT_220_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 225 (stop 38, blind, never read): ten businesses' contact forms, 19 lines
/// each, many statements indirect and placed mid-message; written and run before any change of
/// the stop.
#[test]
fn held_out_set_225_written_before_the_stops_first_change() {
    phrase_set(
        "special-text/heldout-225.jsonl",
        190,
        HELD_OUT_225_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 226 (stop 38, blind): biometric data in everyday life (work, school, banking,
/// phones, cars, gyms, borders, housing, online age and liveness checks), refusals and failures;
/// look-alikes with photos, prints on glass, iris flowers, recognition as praise.
#[test]
fn tuning_set_226_biometric_data_in_everyday_life() {
    phrase_set(
        "special-text/tuning-226.jsonl",
        160,
        TUNING_226_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 227 (stop 38, blind): orientation, same-sex partners with the writer's gender
/// given in different ways, transition and sexual health on forms; look-alikes with mixed
/// couples, friends, rainbow products, Gay as a surname, trans as transport.
#[test]
fn tuning_set_227_sex_life_as_people_say_it() {
    phrase_set(
        "special-text/tuning-227.jsonl",
        160,
        TUNING_227_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 228 (stop 38, blind): justice and origin said indirectly (a tag, a suspended
/// sentence, bail, a relative in detention; roots, a diaspora, mixed heritage, a heritage
/// language); look-alikes with crime novels, lockers, nationalities, roots of plants.
#[test]
fn tuning_set_228_justice_and_origin_said_indirectly() {
    phrase_set(
        "special-text/tuning-228.jsonl",
        159,
        TUNING_228_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 229 (stop 38, blind): very short hurried phone texts in all ten categories (SMS
/// spelling, no accents, capitals, several facts run together); look-alikes in the same style.
#[test]
fn tuning_set_229_hurried_phone_texts() {
    phrase_set(
        "special-text/tuning-229.jsonl",
        170,
        TUNING_229_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 230 (stop 38, blind, never read): longer messages explaining a situation to
/// a company (a claim, a delay of payment, a booking with needs), the sensitive fact one detail
/// among several; written after the stop's first round, run before the second.
#[test]
fn held_out_set_230_written_after_the_stops_first_round() {
    phrase_set(
        "special-text/heldout-230.jsonl",
        190,
        HELD_OUT_230_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 231 (stop 38, blind): health revealed by a treatment, a device, a care service,
/// an allowance or a consequence, never a disease's name; look-alikes from health businesses,
/// products, news and figures of speech.
#[test]
fn tuning_set_231_health_without_a_diseases_name() {
    phrase_set(
        "special-text/tuning-231.jsonl",
        160,
        TUNING_231_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 232 (stop 38, blind): politics, unions and religion mentioned in passing while
/// asking for something, in eleven countries' own parties, unions and words; look-alikes with
/// the same names as organisations, places, dates and products.
#[test]
fn tuning_set_232_politics_unions_and_faith_in_passing() {
    phrase_set(
        "special-text/tuning-232.jsonl",
        159,
        TUNING_232_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 233 (stop 38, blind): genetic results and carrier status, benefits, debt,
/// eviction and housing need of seven countries; look-alikes with genetics as a field, a
/// company's debt, benefits in a job offer.
#[test]
fn tuning_set_233_genetic_results_and_hardship() {
    phrase_set(
        "special-text/tuning-233.jsonl",
        160,
        TUNING_233_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 234 (stop 38, blind): look-alikes first (100 texts with the words of every
/// category about products, places, names, history, jobs and figures of speech), and 70 close
/// statements.
#[test]
fn tuning_set_234_look_alikes_first() {
    phrase_set(
        "special-text/tuning-234.jsonl",
        169,
        TUNING_234_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 235 (stop 38, blind, never read): a week of forms of nine businesses, short
/// and long, formal and sloppy, statements direct and indirect; written after the stop's
/// second round, run before the third.
#[test]
fn held_out_set_235_written_after_the_stops_second_round() {
    phrase_set(
        "special-text/heldout-235.jsonl",
        190,
        HELD_OUT_235_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 236 (stop 38, blind): ethnic origin said while asking for something (roots, a
/// diaspora, a nation, skin colour, a grandparent, a heritage language, castes and tribes) in
/// thirteen countries; look-alikes with nationalities, cuisine, products' origins, surnames.
#[test]
fn tuning_set_236_origin_said_while_asking() {
    phrase_set(
        "special-text/tuning-236.jsonl",
        160,
        TUNING_236_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 237 (stop 38, blind): offences and convictions of the writer or a relative in
/// everyday requests, in ten countries' terms; look-alikes with parking tickets, civil courts,
/// victims, crime fiction and escape rooms.
#[test]
fn tuning_set_237_offences_in_everyday_requests() {
    phrase_set(
        "special-text/tuning-237.jsonl",
        160,
        TUNING_237_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 238 (stop 38, blind): same-sex couples with the writer's gender shown in varied
/// ways, orientation, transition, sexual health; faith, conversion, religious weddings and
/// clothing; look-alikes with mixed couples, pride products, churches as venues.
#[test]
fn tuning_set_238_couples_transition_and_faith() {
    phrase_set(
        "special-text/tuning-238.jsonl",
        160,
        TUNING_238_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 239 (stop 38, blind): long messages of several sentences, the statement in the
/// second or third, often a reason for a request; look-alikes of the same length.
#[test]
fn tuning_set_239_long_messages_of_several_sentences() {
    phrase_set(
        "special-text/tuning-239.jsonl",
        160,
        TUNING_239_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 240 (stop 38, blind, never read): ten businesses' and services' forms, 19
/// lines each, registers from letters to phone texts; written during the stop's third round,
/// run once, after it.
#[test]
fn held_out_set_240_written_after_the_stops_last_round() {
    phrase_set(
        "special-text/heldout-240.jsonl",
        190,
        HELD_OUT_240_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 245 (stop 38, blind, never read): ten businesses' and services' forms, 19
/// lines each; written before the stop's fourth round, run once, after it.
#[test]
fn held_out_set_245_written_before_the_stops_last_round() {
    phrase_set(
        "special-text/heldout-245.jsonl",
        190,
        HELD_OUT_245_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 241 (stop 38, blind): look-alikes first, from trades that deal with health and
/// hardship (pharmacies, care homes, funeral homes, insurers, social services) speaking of
/// clients, stock and events; 60 statements in the same settings.
#[test]
fn tuning_set_241_health_trades_speaking_of_clients() {
    phrase_set(
        "special-text/tuning-241.jsonl",
        160,
        TUNING_241_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 242 (stop 38, blind): look-alikes first, from parishes, party offices, unions,
/// law firms, diaspora associations, genetics labs, security firms and LGBT associations as
/// customers; 60 statements in the same settings.
#[test]
fn tuning_set_242_organisations_of_faith_politics_and_justice() {
    phrase_set(
        "special-text/tuning-242.jsonl",
        160,
        TUNING_242_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 243 (stop 38, blind): look-alikes first, from professionals speaking of their
/// patients, clients, pupils or cases; 60 statements where a professional also speaks of
/// themself or a relative.
#[test]
fn tuning_set_243_professionals_and_their_cases() {
    phrase_set(
        "special-text/tuning-243.jsonl",
        160,
        TUNING_243_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 244 (stop 38, blind): look-alikes first, figures of speech, jokes, titles of
/// films, songs and teams, events watched; 60 statements in the same casual style.
#[test]
fn tuning_set_244_figures_of_speech_and_titles() {
    phrase_set(
        "special-text/tuning-244.jsonl",
        160,
        TUNING_244_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 246 (stop 39, blind, never read): everyday requests of every kind where the
/// fact is said in passing, often for a relative; look-alikes from businesses, professionals,
/// students and journalists. Run before any change of the stop.
#[test]
fn held_out_set_246_facts_said_in_passing() {
    phrase_set(
        "special-text/heldout-246.jsonl",
        190,
        HELD_OUT_246_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 247 (stop 39, blind, never read): hurried fragments of a few words and long
/// messages of several sentences; look-alikes from professionals and organisations. Run before
/// any change of the stop.
#[test]
fn held_out_set_247_hurried_and_long_messages() {
    phrase_set(
        "special-text/heldout-247.jsonl",
        188,
        HELD_OUT_247_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 250 (stop 39, blind): health and social difficulty said without a disease's
/// name (symptoms, medicines, allowances by their local names in eight countries); look-alikes
/// of products, insurance questions, public health, landlords and lenders, figures of speech.
#[test]
fn tuning_set_250_health_and_hardship_said_indirectly() {
    phrase_set(
        "special-text/tuning-250.jsonl",
        180,
        TUNING_250_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 248 (stop 39, blind): professionals who open with their job and speak of their
/// cases without a group word (100 look-alikes), and the same jobs stating a fact of their own
/// or a relative's (80 statements).
#[test]
fn tuning_set_248_professionals_and_their_own_facts() {
    phrase_set(
        "special-text/tuning-248.jsonl",
        180,
        TUNING_248_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 249 (stop 39, blind): sex life and orientation as lead forms hear them, the
/// writer's gender given anywhere in the message, sexual health; look-alikes of weddings,
/// dating, Pride, opposite-sex couples and gender words in other senses.
#[test]
fn tuning_set_249_sex_life_across_sentences() {
    phrase_set(
        "special-text/tuning-249.jsonl",
        170,
        TUNING_249_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 251 (stop 39, blind): religion, politics, unions, origin, justice and biometric
/// logins said while asking for a quote, a booking, a job or a loan; look-alikes of businesses,
/// buildings, events, history, news and products.
#[test]
fn tuning_set_251_faith_politics_and_justice_while_asking() {
    phrase_set(
        "special-text/tuning-251.jsonl",
        180,
        TUNING_251_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 252 (stop 39, blind, never read): workers of every trade speaking of the people
/// they serve (look-alikes) or of their own, a relative's or one client's facts; written during
/// the stop's round, run once after it.
#[test]
fn held_out_set_252_workers_and_their_own_facts() {
    phrase_set(
        "special-text/heldout-252.jsonl",
        190,
        HELD_OUT_252_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 253 (stop 39, blind, never read): a comparison site's week of messages about
/// insurance, loans, energy, broadband, travel and gyms; written during the stop's round, run
/// once after it.
#[test]
fn held_out_set_253_a_comparison_sites_week() {
    phrase_set(
        "special-text/heldout-253.jsonl",
        190,
        HELD_OUT_253_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 256 (stop 39, blind): same-sex couples and orientation, the writer's gender given
/// by a job's agreement, a title, a signed first name, pronouns or a past relationship, the
/// partner named sentences later; look-alikes of opposite-sex and business partners.
#[test]
fn tuning_set_256_couples_and_the_writers_gender() {
    phrase_set(
        "special-text/tuning-256.jsonl",
        170,
        TUNING_256_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 258 (stop 39, blind): look-alikes first for religion, unions, politics, origin and
/// biometrics (buildings, events, products, history, news, sport and names); 60 statements in
/// the same style.
#[test]
fn tuning_set_258_buildings_events_products_and_names() {
    phrase_set(
        "special-text/tuning-258.jsonl",
        170,
        TUNING_258_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 254 (stop 39, blind, never read): candidates and employees writing to
/// recruiters, trainers, public services and HR portals, many naming their job; look-alikes from
/// recruiters, HR staff, trainers and employers. Run before the stop's second round.
#[test]
fn held_out_set_254_recruiters_hr_and_public_services() {
    phrase_set(
        "special-text/heldout-254.jsonl",
        190,
        HELD_OUT_254_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 255 (stop 39, blind): workers who give their job mid-message or in a signature,
/// speaking of the people they serve in general (look-alikes), or of their own, a relative's or
/// one client's facts (statements).
#[test]
fn tuning_set_255_jobs_said_mid_message_or_signed() {
    phrase_set(
        "special-text/tuning-255.jsonl",
        180,
        TUNING_255_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 257 (stop 39, blind): long messages of three or four sentences where one holds
/// the fact; look-alikes from businesses, landlords, employers, schools and public bodies.
#[test]
fn tuning_set_257_long_messages_one_sentence_tells() {
    phrase_set(
        "special-text/tuning-257.jsonl",
        170,
        TUNING_257_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 259 (stop 39, blind, never read): customers of small local businesses (driving
/// school, florist, removals, plumber, photographer, bakery, pet sitter, hairdresser, tutor,
/// B&B) and other trades writing about their work; written during the stop's second round, run
/// once after it.
#[test]
fn held_out_set_259_small_local_businesses() {
    phrase_set(
        "special-text/heldout-259.jsonl",
        190,
        HELD_OUT_259_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 262 (stop 39, blind): people writing for one other person (a child, a parent,
/// a spouse, a neighbour, one named client), the fact often a sentence later; look-alikes from
/// care agencies, homes, pharmacies and schools writing of their clients in general.
#[test]
fn tuning_set_262_written_for_someone_else() {
    phrase_set(
        "special-text/tuning-262.jsonl",
        170,
        TUNING_262_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 263 (stop 39, blind): text typed on a phone (no accents, capitals, texting
/// spellings, typos in the sensitive word, words glued together), all ten categories;
/// look-alikes in the same style.
#[test]
fn tuning_set_263_typed_on_a_phone() {
    phrase_set(
        "special-text/tuning-263.jsonl",
        169,
        TUNING_263_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 261 (stop 39, blind): small businesses and trades writing of their own work with
/// look-alike words in all ten categories (110 look-alikes), and the owner's, an employee's or
/// a customer's own fact said in passing (70 statements).
#[test]
fn tuning_set_261_trades_and_their_own_work() {
    phrase_set(
        "special-text/tuning-261.jsonl",
        180,
        TUNING_261_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 260 (stop 39, blind, never read): customers, brokers and small companies
/// writing to banks, insurers, mutuals and landlords about claims, arrears, cover and tenancies;
/// written during the stop's third round, run once after it.
#[test]
fn held_out_set_260_banks_insurers_and_landlords() {
    phrase_set(
        "special-text/heldout-260.jsonl",
        190,
        HELD_OUT_260_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 264 (stop 39, blind, never read): bookings and memberships with venues,
/// caterers, travel agents, clubs, schools and associations; look-alikes from organisers,
/// teachers and owners; written during the stop's third round, run once after it.
#[test]
fn held_out_set_264_venues_clubs_and_trips() {
    phrase_set(
        "special-text/heldout-264.jsonl",
        190,
        HELD_OUT_264_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 267 (stop 40, blind): biometric in depth (enrolment, unlocking, access control,
/// a face or finger that no longer works, refusals, video selfies, police records) and its
/// look-alikes (carbon footprints, facial care, iris the flower, vendors' features).
#[test]
fn tuning_set_267_biometric_in_depth() {
    phrase_set(
        "special-text/tuning-267.jsonl",
        180,
        TUNING_267_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 269 (stop 40, blind): faith, practice and roles in many religions, and religious
/// words in harmless senses (venues, streets, holidays as dates, caterers' menus, figurative
/// uses, tourists and restorers).
#[test]
fn tuning_set_269_religion_and_its_look_alikes() {
    phrase_set(
        "special-text/tuning-269.jsonl",
        180,
        TUNING_269_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 265 (stop 40, blind, never read): messages to gyms, spas, opticians, online
/// pharmacies, dating sites, wedding planners, fertility clinics, insurers, funeral services and
/// tutors; written and run before any change of the stop.
#[test]
fn held_out_set_265_lifestyle_and_health_businesses() {
    phrase_set(
        "special-text/heldout-265.jsonl",
        185,
        HELD_OUT_265_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 268 (stop 40, blind): orientation, same-sex partners with the writer's gender
/// given in varied ways, transition, sexual health, a child's coming out; look-alikes (couples of
/// unknown genders, gay as a name, pride of a team, business partners, transport).
#[test]
fn tuning_set_268_sex_life_in_depth() {
    phrase_set(
        "special-text/tuning-268.jsonl",
        180,
        TUNING_268_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 266 (stop 40, blind, never read): messages to job centres, schools, housing
/// offices, town halls, recruiters, legal aid and hardship teams, some long with the fact in
/// the middle; written and run before any change of the stop.
#[test]
fn held_out_set_266_public_services_and_employers() {
    phrase_set(
        "special-text/heldout-266.jsonl",
        185,
        HELD_OUT_266_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 271 (stop 40, blind): workers and organisations listing whom they serve or what
/// they handle, in lists cut by commas or slashes (caseloads, CVs, catalogues, vendors'
/// modules), and the same writers telling one person's fact.
#[test]
fn tuning_set_271_workers_listing_whom_they_serve() {
    phrase_set(
        "special-text/tuning-271.jsonl",
        180,
        TUNING_271_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 270 (stop 40, blind): health words used harmlessly (pharmacies, clinics and
/// sellers describing their trade, carers' CVs, charities and events named after a disease,
/// products, figurative uses, animals) and people's own conditions said in the same contexts.
#[test]
fn tuning_set_270_health_look_alikes() {
    phrase_set(
        "special-text/tuning-270.jsonl",
        180,
        TUNING_270_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 272 (stop 40, blind, never read): organisations and professionals writing to
/// suppliers (associations, clinics, law firms, faith groups, recruiters, trainers, job adverts
/// and CVs), and the same writers telling one person's fact; written during the stop, run once
/// after its rules.
#[test]
fn held_out_set_272_organisations_and_professionals() {
    phrase_set(
        "special-text/heldout-272.jsonl",
        185,
        HELD_OUT_272_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 273 (stop 40, blind, never read): applications, complaints, moves and payment
/// difficulties sent to banks, insurers, telecoms, energy suppliers, car dealers and estate
/// agents; written during the stop, run once after its rules.
#[test]
fn held_out_set_273_banks_insurers_utilities_and_agents() {
    phrase_set(
        "special-text/heldout-273.jsonl",
        185,
        HELD_OUT_273_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 274 (stop 41, blind, never read): travel agencies, airlines, hotels, cruise lines,
/// event organisers, wedding planners, caterers and holiday rentals; written and run before any
/// change of the stop.
#[test]
fn held_out_set_274_travel_hotels_events_and_caterers() {
    phrase_set(
        "special-text/heldout-274.jsonl",
        190,
        HELD_OUT_274_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 275 (stop 41, blind, never read): universities, further education, apprenticeship
/// centres, student housing, scholarship funds, language schools and online courses; written and
/// run before any change of the stop.
#[test]
fn held_out_set_275_universities_schools_and_courses() {
    phrase_set(
        "special-text/heldout-275.jsonl",
        190,
        HELD_OUT_275_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 276 (stop 41): the sex-life category in depth (orientation, same-sex partners with the
/// writer's gender explicit, transition, sexual health, contraception, HIV status) and its
/// look-alikes.
#[test]
fn tuning_set_276_sex_life_in_depth() {
    phrase_set(
        "special-text/tuning-276.jsonl",
        180,
        TUNING_276_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 278 (stop 41): professionals and organisations describing whom they serve, and the
/// same writers revealing one person's fact.
#[test]
fn tuning_set_278_organisations_and_one_person() {
    phrase_set(
        "special-text/tuning-278.jsonl",
        180,
        TUNING_278_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 279 (stop 41): social difficulty and criminal statements in depth, and their
/// look-alikes.
#[test]
fn tuning_set_279_social_difficulty_and_criminal() {
    phrase_set(
        "special-text/tuning-279.jsonl",
        180,
        TUNING_279_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 277 (stop 41): political opinion and trade-union statements in depth, and their
/// look-alikes.
#[test]
fn tuning_set_277_political_opinion_and_trade_union() {
    phrase_set(
        "special-text/tuning-277.jsonl",
        179,
        TUNING_277_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 280 (stop 41, blind, never read): lawyers, notaries, mediators, private detectives,
/// moving companies, home-care agencies and funeral services; written during the stop, run once
/// after its rules.
#[test]
fn held_out_set_280_lawyers_detectives_movers_and_home_care() {
    phrase_set(
        "special-text/heldout-280.jsonl",
        190,
        HELD_OUT_280_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 281 (stop 41, blind, never read): very short, informal, dictated or all-capitals
/// messages, and long rambling ones, to any business; written during the stop, run once after its
/// rules.
#[test]
fn held_out_set_281_short_informal_and_rambling() {
    phrase_set(
        "special-text/heldout-281.jsonl",
        190,
        HELD_OUT_281_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 286 (stop 41, blind, never read): vets and pet shops, garden centres, DIY stores,
/// garages, IT and phone repair, furniture and appliance shops, cleaning services; written after
/// the stop's first round and run before its second.
#[test]
fn held_out_set_286_vets_garages_repairs_and_shops() {
    phrase_set(
        "special-text/heldout-286.jsonl",
        190,
        HELD_OUT_286_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 287 (stop 41, blind, never read): pharmacies, opticians, dentists,
/// physiotherapists, hearing-aid centres, mobility suppliers, spas; written after the stop's first
/// round, run before its second and again after its third (whose vocabulary came from tuning set
/// 288, written by another writer on the same trades).
#[test]
fn held_out_set_287_pharmacies_opticians_dentists_and_aids() {
    phrase_set(
        "special-text/heldout-287.jsonl",
        190,
        HELD_OUT_287_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 282 (stop 41): health look-alikes, and health told in everyday words.
#[test]
fn tuning_set_282_health_look_alikes_and_everyday_words() {
    phrase_set(
        "special-text/tuning-282.jsonl",
        179,
        TUNING_282_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 283 (stop 41): religion statements across faiths, and their look-alikes (holidays as
/// dates, saints' names, idioms).
#[test]
fn tuning_set_283_religion_and_its_look_alikes() {
    phrase_set(
        "special-text/tuning-283.jsonl",
        180,
        TUNING_283_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 284 (stop 41): trade-union and biometric statements phrased in many ways, and their
/// look-alikes.
#[test]
fn tuning_set_284_trade_union_and_biometric() {
    phrase_set(
        "special-text/tuning-284.jsonl",
        179,
        TUNING_284_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 285 (stop 41): English messages of the UK, Ireland, the US, Canada, Australia, New
/// Zealand and South Africa, each with its own vocabulary.
#[test]
fn tuning_set_285_english_of_many_countries() {
    phrase_set(
        "special-text/tuning-285.jsonl",
        180,
        TUNING_285_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 288 (stop 41): health in the words of pharmacies, opticians, dentists, physios,
/// hearing-aid centres and mobility suppliers, and look-alikes in the same trades.
#[test]
fn tuning_set_288_pharmacies_opticians_dentists_and_aids() {
    phrase_set(
        "special-text/tuning-288.jsonl",
        180,
        TUNING_288_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 290 (stop 42, blind, never read): dating and matchmaking sites, wedding planners,
/// photographers, sports clubs, gyms, coaches, dance and music teachers, children's activities;
/// written and run before any change of the stop.
#[test]
fn held_out_set_290_dating_weddings_sports_and_lessons() {
    phrase_set(
        "special-text/heldout-290.jsonl",
        165,
        HELD_OUT_290_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 291 (stop 42): health as people say it to every kind of business, and look-alikes.
#[test]
fn tuning_set_291_health_in_everyday_words() {
    phrase_set(
        "special-text/tuning-291.jsonl",
        179,
        TUNING_291_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 292 (stop 42): the writer's biometric enrolments and genetic tests, and look-alikes.
#[test]
fn tuning_set_292_biometric_and_genetic_data() {
    phrase_set(
        "special-text/tuning-292.jsonl",
        159,
        TUNING_292_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 293 (stop 42): English of nine countries, each with its own benefits, parties, unions,
/// health systems and faiths.
#[test]
fn tuning_set_293_english_of_nine_countries() {
    phrase_set(
        "special-text/tuning-293.jsonl",
        165,
        TUNING_293_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 294 (stop 42): French typed on a phone (no accents, SMS abbreviations) from France,
/// Belgium, Switzerland, Québec, the Antilles, Réunion and Africa.
#[test]
fn tuning_set_294_french_typed_on_a_phone() {
    phrase_set(
        "special-text/tuning-294.jsonl",
        164,
        TUNING_294_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 289 (stop 42, blind, never read): insurers, banks, mortgage brokers, pension advisers,
/// energy suppliers and telecom providers; written and run before any change of the stop.
#[test]
fn held_out_set_289_insurers_banks_energy_and_telecoms() {
    phrase_set(
        "special-text/heldout-289.jsonl",
        164,
        HELD_OUT_289_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 295 (stop 42, blind, never read): employment and temp agencies, recruiters, career
/// coaches, HR and payroll services, job boards; written after the stop's first round, run before
/// its second.
#[test]
fn held_out_set_295_recruiters_agencies_and_payroll() {
    phrase_set(
        "special-text/heldout-295.jsonl",
        165,
        HELD_OUT_295_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 296 (stop 42, blind, never read): town halls and councils, social landlords,
/// letting agents, student housing, school and university admissions, libraries, transport; written
/// after the stop's first round, run before its second.
#[test]
fn held_out_set_296_councils_housing_and_admissions() {
    phrase_set(
        "special-text/heldout-296.jsonl",
        165,
        HELD_OUT_296_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 297 (stop 42): orientation, same-sex partners, transition and origins told in passing,
/// and look-alikes.
#[test]
fn tuning_set_297_orientation_and_origin_in_passing() {
    phrase_set(
        "special-text/tuning-297.jsonl",
        165,
        TUNING_297_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 298 (stop 42): convictions, prison, probation, benefits, debt, eviction and
/// homelessness told to lenders, landlords and employers, and look-alikes.
#[test]
fn tuning_set_298_convictions_and_hardship() {
    phrase_set(
        "special-text/tuning-298.jsonl",
        165,
        TUNING_298_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 300 (stop 42): mental health, neurodiversity and disability, and figurative look-alikes.
#[test]
fn tuning_set_300_mental_health_and_disability() {
    phrase_set(
        "special-text/tuning-300.jsonl",
        164,
        TUNING_300_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 302 (stop 42): professionals and organisations writing about their work, and the same
/// writers telling their own or a relative's fact.
#[test]
fn tuning_set_302_professionals_work_and_own_facts() {
    phrase_set(
        "special-text/tuning-302.jsonl",
        165,
        TUNING_302_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 299 (stop 42): faith and practice, votes and activism, union membership and roles, and
/// look-alikes.
#[test]
fn tuning_set_299_faith_votes_and_unions() {
    phrase_set(
        "special-text/tuning-299.jsonl",
        164,
        TUNING_299_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 303 (stop 42): employers and recruiters describing vacancies and teams, and candidates
/// telling their own or a relative's fact.
#[test]
fn tuning_set_303_vacancies_and_candidates() {
    phrase_set(
        "special-text/tuning-303.jsonl",
        165,
        TUNING_303_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 304 (stop 42, blind, never read): cleaning, childcare and babysitting, tutoring,
/// home help for the elderly, gardeners, handymen, pet sitters, removals; written after the stop's
/// second round, first run after the changes of tuning set 303.
#[test]
fn held_out_set_304_home_services_childcare_and_tutoring() {
    phrase_set(
        "special-text/heldout-304.jsonl",
        165,
        HELD_OUT_304_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 305 (stop 42, blind, never read): online shops and their customer service (fashion,
/// cosmetics, electronics, books, meal kits, furniture, jewellery, printing); written after the
/// stop's second round, first run after the changes of tuning set 303.
#[test]
fn held_out_set_305_online_shops_and_customer_service() {
    phrase_set(
        "special-text/heldout-305.jsonl",
        165,
        HELD_OUT_305_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 301 (stop 42): long messages (50 to 110 words) with one statement in the middle, and
/// long look-alikes.
#[test]
fn tuning_set_301_long_messages() {
    phrase_set(
        "special-text/tuning-301.jsonl",
        120,
        TUNING_301_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 306 (stop 42, blind, never read): restaurants, caterers, bakeries, event venues,
/// florists, party organisers, DJs and bands; written after the stop's third round, run before its
/// fourth.
#[test]
fn held_out_set_306_restaurants_caterers_and_events() {
    phrase_set(
        "special-text/heldout-306.jsonl",
        165,
        HELD_OUT_306_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 307 (stop 42, blind, never read): short hurried messages of 3 to 15 words to any
/// business, fragments and form-like answers; written after the stop's third round, run before its
/// fourth.
#[test]
fn held_out_set_307_short_hurried_messages() {
    phrase_set(
        "special-text/heldout-307.jsonl",
        159,
        HELD_OUT_307_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 308 (stop 42): fingerprints, faces, irises, voices and palms enrolled, used, failing or
/// deleted, and look-alikes.
#[test]
fn tuning_set_308_biometrics_in_everyday_life() {
    phrase_set(
        "special-text/tuning-308.jsonl",
        159,
        TUNING_308_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 309 (stop 42): orientation, same-sex partners, gender identity and sexual health, and
/// look-alikes.
#[test]
fn tuning_set_309_orientation_and_sexual_health() {
    phrase_set(
        "special-text/tuning-309.jsonl",
        160,
        TUNING_309_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 310 (stop 42): health in everyday French from France, Belgium, Switzerland and Québec,
/// and look-alikes.
#[test]
fn tuning_set_310_health_in_everyday_french() {
    phrase_set(
        "special-text/tuning-310.jsonl",
        165,
        TUNING_310_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 311 (stop 42, blind, never read): car dealers, leasing and rental, driving schools,
/// car insurers, motorbike shops and mechanics; written after the stop's fourth round, run before
/// its fifth.
#[test]
fn held_out_set_311_cars_leasing_and_driving_schools() {
    phrase_set(
        "special-text/heldout-311.jsonl",
        160,
        HELD_OUT_311_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 312 (stop 42): employers, HR and recruiters describing vacancies and policies, and
/// candidates and employees telling their own or a relative's fact.
#[test]
fn tuning_set_312_employers_and_employees() {
    phrase_set(
        "special-text/tuning-312.jsonl",
        160,
        TUNING_312_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 313 (stop 42): health in everyday English and slang, and look-alikes.
#[test]
fn tuning_set_313_health_in_everyday_english() {
    phrase_set(
        "special-text/tuning-313.jsonl",
        160,
        TUNING_313_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 316 (stop 43): sex life and orientation as people mention them in passing
/// (partners, coming out, transition, sexual health), and look-alikes.
#[test]
fn tuning_set_316_sex_life_and_orientation_in_passing() {
    phrase_set(
        "special-text/tuning-316.jsonl",
        120,
        TUNING_316_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 315 (stop 43, blind, never read): sports clubs, associations, NGOs, community
/// centres, volunteering, youth camps, music schools, choirs and hall rentals; written and run
/// before any change of the stop.
#[test]
fn held_out_set_315_clubs_associations_and_community_centres() {
    phrase_set(
        "special-text/heldout-315.jsonl",
        130,
        HELD_OUT_315_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 317 (stop 43): biometric data in everyday life (banking apps, call centres, gyms,
/// time clocks, e-gates, canteens), and look-alikes.
#[test]
fn tuning_set_317_biometrics_in_everyday_life_again() {
    phrase_set(
        "special-text/tuning-317.jsonl",
        120,
        TUNING_317_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 318 (stop 43): look-alikes a careless scanner would flag (products, pets,
/// fiction, idioms, place names, acronyms), mixed with statements that use the same words.
#[test]
fn tuning_set_318_look_alikes_and_the_statements_they_mimic() {
    phrase_set(
        "special-text/tuning-318.jsonl",
        120,
        TUNING_318_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 314 (stop 43, blind, never read): pharmacies, opticians, hearing-aid shops,
/// hairdressers, travel agents, funeral services, libraries, retirement homes, mobility equipment and
/// insurers for seniors, written by the person or a son, daughter or carer; written and run before
/// any change of the stop.
#[test]
fn held_out_set_314_local_services_for_older_people() {
    phrase_set(
        "special-text/heldout-314.jsonl",
        130,
        HELD_OUT_314_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 319 (stop 43, blind, never read): banks, insurers, accountants, brokers and
/// lenders written to by the self-employed and owners of small businesses; written during the stop's
/// first round, first run after it.
#[test]
fn held_out_set_319_self_employed_and_small_business_owners() {
    phrase_set(
        "special-text/heldout-319.jsonl",
        130,
        HELD_OUT_319_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 320 (stop 43, blind, never read): schools, universities, training centres,
/// language schools, tutoring, driving theory and student housing; written during the stop's first
/// round, first run after it.
#[test]
fn held_out_set_320_schools_universities_and_training() {
    phrase_set(
        "special-text/heldout-320.jsonl",
        130,
        HELD_OUT_320_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 321 (stop 43): health and social hardship said indirectly (euphemisms, acronyms,
/// brand names, appointments, local schemes), and look-alikes.
#[test]
fn tuning_set_321_health_and_hardship_said_indirectly() {
    phrase_set(
        "special-text/tuning-321.jsonl",
        120,
        TUNING_321_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 322 (stop 43): long messages mixing a request, context and constraints, where at
/// most one sentence reveals a fact and the others use look-alike words.
#[test]
fn tuning_set_322_long_messages_with_one_revealing_sentence() {
    phrase_set(
        "special-text/tuning-322.jsonl",
        110,
        TUNING_322_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 327 (stop 43): political opinions and trade-union facts said in passing (votes,
/// party cards, campaigns, petitions, strikes, union roles and services), and look-alikes.
#[test]
fn tuning_set_327_votes_campaigns_strikes_and_union_roles() {
    phrase_set(
        "special-text/tuning-327.jsonl",
        120,
        TUNING_327_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 323 (stop 43, blind, never read): airlines, hotels, cruise lines, campsites,
/// holiday rentals, theme parks, ski schools, tour operators and spas; written after the stop's
/// first round, run before its second.
#[test]
fn held_out_set_323_travel_and_leisure() {
    phrase_set(
        "special-text/heldout-323.jsonl",
        130,
        HELD_OUT_323_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 324 (stop 43, blind, never read): lawyers, notaries, immigration advisers,
/// mediators, debt advisers, bailiffs, citizens' advice, public writers and translators; written
/// after the stop's first round, run before its second.
#[test]
fn held_out_set_324_legal_and_administrative_services() {
    phrase_set(
        "special-text/heldout-324.jsonl",
        130,
        HELD_OUT_324_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 326 (stop 43): English as written in India, Pakistan, Nigeria, Ghana, Kenya, South
/// Africa, Singapore, the Philippines and the Caribbean, with local words for communities, faiths,
/// parties, grants, health schemes and courts; and look-alikes.
#[test]
fn tuning_set_326_english_of_south_asia_africa_and_the_caribbean() {
    phrase_set(
        "special-text/tuning-326.jsonl",
        120,
        TUNING_326_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 325 (stop 43): French as written in Belgium, Switzerland, Québec, Luxembourg and
/// francophone Africa, with local words for aid, health schemes, parties, unions, faiths, origins
/// and courts; and look-alikes.
#[test]
fn tuning_set_325_french_of_belgium_switzerland_quebec_and_africa() {
    phrase_set(
        "special-text/tuning-325.jsonl",
        120,
        TUNING_325_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 330 (stop 43): ethnic origin and religion said in passing (heritage, communities,
/// holidays kept, fasting, diets, places of worship, religious roles and dress), and look-alikes.
#[test]
fn tuning_set_330_origins_and_faith_in_passing() {
    phrase_set(
        "special-text/tuning-330.jsonl",
        120,
        TUNING_330_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 329 (stop 43, blind, never read): people aged 16 to 25 writing in text-message
/// style (slang, abbreviations, emojis, texting French and internet English); written after the
/// stop's second round, run before its third.
#[test]
fn held_out_set_329_young_people_texting() {
    phrase_set(
        "special-text/heldout-329.jsonl",
        130,
        HELD_OUT_329_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 331 (stop 43): criminal records and proceedings and genetic data said in passing
/// (convictions, tags, custody, background checks; DNA and carrier tests, paternity), and
/// look-alikes.
#[test]
fn tuning_set_331_records_proceedings_and_dna_in_passing() {
    phrase_set(
        "special-text/tuning-331.jsonl",
        120,
        TUNING_331_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 328 (stop 43, blind, never read): messages dictated to a phone (speech to text:
/// little punctuation, mis-transcribed words, numbers in words, fillers); written after the stop's
/// second round, run before its third.
#[test]
fn held_out_set_328_messages_dictated_by_voice() {
    phrase_set(
        "special-text/heldout-328.jsonl",
        130,
        HELD_OUT_328_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 335 (stop 43): biometric and genetic data at work (clocking in, enrolment, a
/// manager's request, a refusal, a relative's test told to HR), and IT, security, HR and sales
/// staff speaking of systems and policies.
#[test]
fn tuning_set_335_biometrics_and_dna_at_work() {
    phrase_set(
        "special-text/tuning-335.jsonl",
        120,
        TUNING_335_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 333 (stop 43, blind, never read): complaints and disputes to banks, insurers,
/// telecoms, energy suppliers, landlords and online shops, with personal circumstances as reasons;
/// written after the stop's third round, run before its fourth.
#[test]
fn held_out_set_333_complaints_and_disputes() {
    phrase_set(
        "special-text/heldout-333.jsonl",
        130,
        HELD_OUT_333_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 334 (stop 43): health, disability, pregnancy, addictions and sex life in familiar
/// French of France, Belgium and Québec, and look-alikes.
#[test]
fn tuning_set_334_health_and_sex_life_in_familiar_french() {
    phrase_set(
        "special-text/tuning-334.jsonl",
        110,
        TUNING_334_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 332 (stop 43, blind, never read): messages that mix French and English
/// (Montréal, Brussels, Geneva, expatriates, bilingual families, franglais); written after the
/// stop's third round, run before its fourth.
#[test]
fn held_out_set_332_french_and_english_in_one_message() {
    phrase_set(
        "special-text/heldout-332.jsonl",
        130,
        HELD_OUT_332_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 337 (stop 43): health, disability, pregnancy, addiction and sex life in everyday
/// English of six countries (brand names, "on meds", "signed off", "my other half"), and
/// look-alikes.
#[test]
fn tuning_set_337_health_and_sex_life_in_everyday_english() {
    phrase_set(
        "special-text/tuning-337.jsonl",
        110,
        TUNING_337_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 338 (stop 43): social difficulty and criminal matters said plainly or in passing
/// (benefits, debt, evictions, a relative in prison, a driving ban, a curfew), and look-alikes.
#[test]
fn tuning_set_338_hardship_and_convictions_again() {
    phrase_set(
        "special-text/tuning-338.jsonl",
        110,
        TUNING_338_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 336 (stop 43, blind, never read): home, car, pet, travel and life insurers and
/// comparison sites, their questions (health, claims, occupation, drivers, lifestyle) answered in the
/// writer's own words; written after the stop's fourth round, run before its fifth.
#[test]
fn held_out_set_336_insurers_questions_answered() {
    phrase_set(
        "special-text/heldout-336.jsonl",
        130,
        HELD_OUT_336_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 339 (stop 44, blind, never read): households writing to plumbers, cleaners,
/// removal firms, home-care and meal-delivery services, locksmiths, alarm and stair-lift fitters;
/// written and run before any change of the stop.
#[test]
fn held_out_set_339_home_services() {
    phrase_set(
        "special-text/heldout-339.jsonl",
        130,
        HELD_OUT_339_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 340 (stop 44, blind, never read): online shops' and subscription services'
/// customer care (returns, refunds, deliveries, cancellations) where the writer explains their
/// situation in passing; written and run before any change of the stop.
#[test]
fn held_out_set_340_customer_care_in_passing() {
    phrase_set(
        "special-text/heldout-340.jsonl",
        130,
        HELD_OUT_340_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 341 (stop 44): statements made briefly, in an aside or a subordinate clause, on
/// the way to a practical request, all ten categories; look-alikes in general, figurative or
/// fictional senses.
#[test]
fn tuning_set_341_asides_on_the_way_to_a_request() {
    phrase_set(
        "special-text/tuning-341.jsonl",
        120,
        TUNING_341_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 342 (stop 44): people of 60 to 95 and their carers writing to care homes,
/// home-help agencies, insurers, pension funds, funeral planners, hearing, optical and mobility
/// shops; look-alikes about residents in general, products and services.
#[test]
fn tuning_set_342_older_people_and_their_carers() {
    phrase_set(
        "special-text/tuning-342.jsonl",
        120,
        TUNING_342_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 343 (stop 44, blind, never read): gyms, trainers, yoga and martial-arts studios,
/// dieticians, beauty salons, tattoo parlours and spas asked for an adapted programme, a private
/// slot, a cancellation or a payment plan; written during the first round, run after it.
#[test]
fn held_out_set_343_gyms_salons_and_studios() {
    phrase_set(
        "special-text/heldout-343.jsonl",
        130,
        HELD_OUT_343_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 344 (stop 44, blind, never read): job seekers writing to recruitment and temp
/// agencies, job boards and training providers, and employers' HR staff; written during the first
/// round, run after it.
#[test]
fn held_out_set_344_recruiters_and_job_seekers() {
    phrase_set(
        "special-text/heldout-344.jsonl",
        130,
        HELD_OUT_344_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 345 (stop 44): ethnic origin and biometrics said in many ways (by a parent or
/// grandparent, diaspora and mixed identities; prints, faces, palms, veins, voices, irises at work,
/// at the bank, at a border, in a phone), refused or accepted; look-alikes.
#[test]
fn tuning_set_345_origins_and_biometrics_said_many_ways() {
    phrase_set(
        "special-text/tuning-345.jsonl",
        120,
        TUNING_345_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 346 (stop 44): hard look-alikes (crime fiction, legal and police jobs, medical
/// products and covers, figurative speech, brands, places, weather, public figures) beside genuine
/// statements written with the same words.
#[test]
fn tuning_set_346_hard_look_alikes() {
    phrase_set(
        "special-text/tuning-346.jsonl",
        120,
        TUNING_346_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 347 (stop 44, blind, never read): tenants and buyers writing to estate and
/// letting agents, landlords, social-housing bodies, student residences and house shares, and
/// agents and landlords writing; written during the second round, run after it.
#[test]
fn held_out_set_347_tenants_landlords_and_agents() {
    phrase_set(
        "special-text/heldout-347.jsonl",
        130,
        HELD_OUT_347_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 348 (stop 44, blind, never read): telecom, internet, energy and water customers
/// (bills, payment plans, disconnections, priority registers, moves, visits); written during the
/// second round, run after it.
#[test]
fn held_out_set_348_telecom_energy_and_water_customers() {
    phrase_set(
        "special-text/heldout-348.jsonl",
        130,
        HELD_OUT_348_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 349 (stop 44): French of Belgium, Switzerland, Québec, West and North Africa (local
/// words for benefits, unions, parties, prisons, hospitals, faith, origins), and look-alikes.
#[test]
fn tuning_set_349_french_of_belgium_switzerland_quebec_and_africa() {
    phrase_set(
        "special-text/tuning-349.jsonl",
        115,
        TUNING_349_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 350 (stop 44): English look-alikes of records and health (jobs and courses in
/// police, prisons, law and care, volunteering, fiction, news, covers, pets) beside genuine
/// statements in the English of six countries.
#[test]
fn tuning_set_350_criminal_and_health_look_alikes_in_english() {
    phrase_set(
        "special-text/tuning-350.jsonl",
        115,
        TUNING_350_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 351 (stop 44, blind, never read): town-hall and public-service contact forms
/// (civil status, canteens, permits, social services, libraries, polling stations, cemeteries);
/// written during the third round, run after it.
#[test]
fn held_out_set_351_town_halls_and_public_services() {
    phrase_set(
        "special-text/heldout-351.jsonl",
        130,
        HELD_OUT_351_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 352 (stop 44, blind, never read): visa and relocation services, international
/// removals, expat insurers, language schools and au-pair agencies; written during the third
/// round, run after it.
#[test]
fn held_out_set_352_moving_country() {
    phrase_set(
        "special-text/heldout-352.jsonl",
        130,
        HELD_OUT_352_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 353 (stop 44): long practical messages in which sex life, faith, a vote or a union
/// is said once in passing, and long look-alikes.
#[test]
fn tuning_set_353_long_messages_said_in_passing() {
    phrase_set(
        "special-text/tuning-353.jsonl",
        115,
        TUNING_353_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 354 (stop 44): family history, carrier and predisposition tests, screenings, IVF
/// and donors, rare and hereditary diseases, ancestry and paternity tests; look-alikes (courses,
/// labs, breeds, slogans, gifts).
#[test]
fn tuning_set_354_family_history_and_genetic_tests() {
    phrase_set(
        "special-text/tuning-354.jsonl",
        115,
        TUNING_354_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 355 (stop 45, blind, never read): contact and quote forms of banks, consumer
/// credit lenders, mortgage and insurance brokers; run before any change of the stop.
#[test]
fn held_out_set_355_banks_and_brokers() {
    phrase_set(
        "special-text/heldout-355.jsonl",
        120,
        HELD_OUT_355_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 356 (stop 45, blind, never read): enquiry forms of schools, universities,
/// training centres, language schools and tutors; run before any change of the stop.
#[test]
fn held_out_set_356_schools_and_training() {
    phrase_set(
        "special-text/heldout-356.jsonl",
        120,
        HELD_OUT_356_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 357 (stop 45): booking and contact forms of travel agencies, airlines, hotels,
/// campsites and tour operators.
#[test]
fn tuning_set_357_travel_and_hotels() {
    phrase_set(
        "special-text/tuning-357.jsonl",
        120,
        TUNING_357_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 358 (stop 45): forms of car dealers, garages, rental firms and driving schools.
#[test]
fn tuning_set_358_cars_and_driving_schools() {
    phrase_set(
        "special-text/tuning-358.jsonl",
        120,
        TUNING_358_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 359 (stop 45, blind, never read): forms of charities, food banks, donation sites
/// and volunteering platforms; run after the first round.
#[test]
fn held_out_set_359_charities_and_volunteering() {
    phrase_set(
        "special-text/heldout-359.jsonl",
        120,
        HELD_OUT_359_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 360 (stop 45, blind, never read): forms of pharmacies, opticians, hearing-aid
/// centres and medical suppliers; run after the first round.
#[test]
fn held_out_set_360_pharmacies_and_opticians() {
    phrase_set(
        "special-text/heldout-360.jsonl",
        120,
        HELD_OUT_360_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 361 (stop 45): wedding planners, venues, caterers, photographers and party
/// organisers.
#[test]
fn tuning_set_361_weddings_and_events() {
    phrase_set(
        "special-text/tuning-361.jsonl",
        120,
        TUNING_361_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 362 (stop 45): law firms, legal aid, notaries, mediators and legal-expenses
/// insurers.
#[test]
fn tuning_set_362_law_firms_and_legal_aid() {
    phrase_set(
        "special-text/tuning-362.jsonl",
        120,
        TUNING_362_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 363 (stop 45): associations, charities, NGOs and community groups describing their
/// cause and public, and members who speak of themselves.
#[test]
fn tuning_set_363_associations_and_their_causes() {
    phrase_set(
        "special-text/tuning-363.jsonl",
        120,
        TUNING_363_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 364 (stop 45): pharmacies, health shops, supplements, mobility aids and supplies;
/// conditions and medicines named as products.
#[test]
fn tuning_set_364_health_products() {
    phrase_set(
        "special-text/tuning-364.jsonl",
        120,
        TUNING_364_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 365 (stop 45, blind, never read): sports clubs, leagues, pools, martial arts and
/// dance schools, outdoor centres; run after the second round.
#[test]
fn held_out_set_365_sports_clubs() {
    phrase_set(
        "special-text/heldout-365.jsonl",
        120,
        HELD_OUT_365_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 366 (stop 45, blind, never read): nurseries, childminders, after-school clubs,
/// holiday camps and babysitting agencies; run after the second round.
#[test]
fn held_out_set_366_childcare() {
    phrase_set(
        "special-text/heldout-366.jsonl",
        120,
        HELD_OUT_366_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 367 (stop 45, blind, never read): funeral directors and insurers, cemeteries,
/// succession services and bereavement support; run after the third round.
#[test]
fn held_out_set_367_funerals() {
    phrase_set(
        "special-text/heldout-367.jsonl",
        120,
        HELD_OUT_367_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 368 (stop 45, blind, never read): software vendors, IT support desks, SaaS sales
/// and device repair shops; run after the third round.
#[test]
fn held_out_set_368_software_and_it_support() {
    phrase_set(
        "special-text/heldout-368.jsonl",
        120,
        HELD_OUT_368_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 369 (stop 45): newspapers, radio phone-ins, petition sites, consultations and poll
/// panels.
#[test]
fn tuning_set_369_newspapers_and_consultations() {
    phrase_set(
        "special-text/tuning-369.jsonl",
        120,
        TUNING_369_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 370 (stop 45): employees writing to HR, payroll, occupational health and benefits
/// platforms.
#[test]
fn tuning_set_370_hr_and_payroll() {
    phrase_set(
        "special-text/tuning-370.jsonl",
        120,
        TUNING_370_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 371 (stop 45, blind, never read): dating sites, matchmakers, relationship coaches
/// and couples' events; run after the fourth round.
#[test]
fn held_out_set_371_dating_and_matchmaking() {
    phrase_set(
        "special-text/heldout-371.jsonl",
        120,
        HELD_OUT_371_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 372 (stop 45, blind, never read): restaurants, caterers, meal kits and food
/// delivery; run after the fourth round.
#[test]
fn held_out_set_372_restaurants_and_food_delivery() {
    phrase_set(
        "special-text/heldout-372.jsonl",
        120,
        HELD_OUT_372_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 373 (stop 45): psychologists, therapists, coaches, meditation apps and wellbeing
/// programmes.
#[test]
fn tuning_set_373_therapists_and_coaches() {
    phrase_set(
        "special-text/tuning-373.jsonl",
        120,
        TUNING_373_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 374 (stop 45): prison visits, prisoners' families, probation and reintegration,
/// employers of people with convictions, victim support, record checks.
#[test]
fn tuning_set_374_justice_and_reintegration() {
    phrase_set(
        "special-text/tuning-374.jsonl",
        120,
        TUNING_374_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 375 (stop 45, blind, never read): telehealth services, health insurers and
/// mutuelles; run after the fifth round.
#[test]
fn held_out_set_375_telehealth_and_health_insurers() {
    phrase_set(
        "special-text/heldout-375.jsonl",
        120,
        HELD_OUT_375_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 376 (stop 45, blind, never read): social housing providers, housing
/// associations, shelter referrals and housing benefit offices; run after the fifth round.
#[test]
fn held_out_set_376_social_housing() {
    phrase_set(
        "special-text/heldout-376.jsonl",
        120,
        HELD_OUT_376_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 377 (stop 45): sexual health and fertility clinics, family planning, LGBT+
/// associations, contraception and intimacy shops.
#[test]
fn tuning_set_377_sexual_health_and_lgbt_associations() {
    phrase_set(
        "special-text/tuning-377.jsonl",
        120,
        TUNING_377_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 378 (stop 45): debt advice, budgeting apps, credit unions, bailiffs, landlords and
/// employers; money trouble of the writer against that of others.
#[test]
fn tuning_set_378_debt_and_money_trouble() {
    phrase_set(
        "special-text/tuning-378.jsonl",
        120,
        TUNING_378_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 379 (stop 45, blind, never read): travel insurers and assistance companies; run
/// after the sixth round.
#[test]
fn held_out_set_379_travel_insurers() {
    phrase_set(
        "special-text/heldout-379.jsonl",
        120,
        HELD_OUT_379_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 380 (stop 45, blind, never read): theatres, concert halls, museums, cinemas and
/// festivals; run after the sixth round.
#[test]
fn held_out_set_380_theatres_museums_festivals() {
    phrase_set(
        "special-text/heldout-380.jsonl",
        120,
        HELD_OUT_380_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 381 (stop 45): patients and relatives writing to clinics, dentists,
/// physiotherapists, GP practices and imaging centres; conditions said in passing.
#[test]
fn tuning_set_381_clinics_and_practices() {
    phrase_set(
        "special-text/tuning-381.jsonl",
        120,
        TUNING_381_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 382 (stop 45): job centres, benefits advisers, family allowance offices and social
/// services; difficulty said in everyday words.
#[test]
fn tuning_set_382_benefits_and_social_services() {
    phrase_set(
        "special-text/tuning-382.jsonl",
        120,
        TUNING_382_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 385 (stop 46, blind, never read): wedding planners, caterers, photographers,
/// event venues and party rentals; run before any change of the stop.
#[test]
fn held_out_set_385_weddings_and_events() {
    phrase_set(
        "special-text/heldout-385.jsonl",
        120,
        HELD_OUT_385_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 386 (stop 46, blind, never read): universities, adult and vocational training,
/// language schools and online courses; run before any change of the stop.
#[test]
fn held_out_set_386_universities_and_training() {
    phrase_set(
        "special-text/heldout-386.jsonl",
        120,
        HELD_OUT_386_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 387 (stop 46): veterinary clinics, pet insurers, pet-sitters, dog trainers and
/// shelters; statements about animals as look-alikes.
#[test]
fn tuning_set_387_vets_and_pets() {
    phrase_set(
        "special-text/tuning-387.jsonl",
        120,
        TUNING_387_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 390 (stop 46): energy suppliers, telecom and internet providers, water companies
/// and their customer-service chat.
#[test]
fn tuning_set_390_energy_and_telecom() {
    phrase_set(
        "special-text/tuning-390.jsonl",
        120,
        TUNING_390_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 383 (stop 46, blind, never read): car dealers, garages, driving schools, car
/// rental and leasing; run after the first round.
#[test]
fn held_out_set_383_car_dealers_and_garages() {
    phrase_set(
        "special-text/heldout-383.jsonl",
        120,
        HELD_OUT_383_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 384 (stop 46, blind, never read): estate agents, property developers, mortgage
/// brokers and removal companies; run after the first round.
#[test]
fn held_out_set_384_estate_agents_and_movers() {
    phrase_set(
        "special-text/heldout-384.jsonl",
        120,
        HELD_OUT_384_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 388 (stop 46): lawyers, notaries, mediators, legal aid and debt advisers.
#[test]
fn tuning_set_388_lawyers_and_debt_advisers() {
    phrase_set(
        "special-text/tuning-388.jsonl",
        120,
        TUNING_388_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 389 (stop 46): town halls, local councils, libraries, pools and municipal services.
#[test]
fn tuning_set_389_town_halls() {
    phrase_set(
        "special-text/tuning-389.jsonl",
        120,
        TUNING_389_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 391 (stop 46, blind, never read): hotels, campsites, holiday rentals and
/// bed-and-breakfasts; run after the second round.
#[test]
fn held_out_set_391_hotels_and_holiday_rentals() {
    phrase_set(
        "special-text/heldout-391.jsonl",
        120,
        HELD_OUT_391_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 392 (stop 46, blind, never read): contact and returns forms of online shops and
/// marketplaces; run after the second round.
#[test]
fn held_out_set_392_online_shops() {
    phrase_set(
        "special-text/heldout-392.jsonl",
        120,
        HELD_OUT_392_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 395 (stop 46): employees writing to HR, payroll and employee-benefits portals.
#[test]
fn tuning_set_395_payroll_and_hr() {
    phrase_set(
        "special-text/tuning-395.jsonl",
        120,
        TUNING_395_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 396 (stop 46): support forms of video-game, streaming and social-media platforms.
#[test]
fn tuning_set_396_games_streaming_social_media() {
    phrase_set(
        "special-text/tuning-396.jsonl",
        120,
        TUNING_396_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 393 (stop 46, blind, never read): home-care agencies, care homes, meal delivery
/// and elderly-care services; run after the third round.
#[test]
fn held_out_set_393_home_care_and_care_homes() {
    phrase_set(
        "special-text/heldout-393.jsonl",
        120,
        HELD_OUT_393_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 394 (stop 46, blind, never read): newspapers, magazines, radio stations and
/// podcasts; run after the third round.
#[test]
fn held_out_set_394_newspapers_radio_podcasts() {
    phrase_set(
        "special-text/heldout-394.jsonl",
        120,
        HELD_OUT_394_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 397 (stop 46): sports federations, hobby clubs, choirs, scouts and neighbourhood
/// associations.
#[test]
fn tuning_set_397_clubs_and_associations() {
    phrase_set(
        "special-text/tuning-397.jsonl",
        120,
        TUNING_397_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 398 (stop 46): airlines, rail and coach operators and airports.
#[test]
fn tuning_set_398_airlines_rail_airports() {
    phrase_set(
        "special-text/tuning-398.jsonl",
        120,
        TUNING_398_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 399 (stop 46, blind, never read): claim and contact forms of car, home and
/// contents insurers; run after the fourth round.
#[test]
fn held_out_set_399_car_and_home_insurance_claims() {
    phrase_set(
        "special-text/heldout-399.jsonl",
        120,
        HELD_OUT_399_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 400 (stop 46, blind, never read): renovation firms, solar installers, plumbers,
/// electricians and home adaptations; run after the fourth round.
#[test]
fn held_out_set_400_renovation_and_installers() {
    phrase_set(
        "special-text/heldout-400.jsonl",
        120,
        HELD_OUT_400_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 403 (stop 46): crowdfunding and donation platforms.
#[test]
fn tuning_set_403_crowdfunding_and_donations() {
    phrase_set(
        "special-text/tuning-403.jsonl",
        120,
        TUNING_403_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 404 (stop 46): parcel delivery, postal services and grocery-delivery apps.
#[test]
fn tuning_set_404_parcels_and_deliveries() {
    phrase_set(
        "special-text/tuning-404.jsonl",
        120,
        TUNING_404_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 401 (stop 46, blind, never read): summer camps, holiday clubs, school trips and
/// youth exchanges; run after the fifth round.
#[test]
fn held_out_set_401_summer_camps_and_school_trips() {
    phrase_set(
        "special-text/heldout-401.jsonl",
        120,
        HELD_OUT_401_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 402 (stop 46, blind, never read): translation agencies, visa and immigration
/// consultants, document certification; run after the fifth round.
#[test]
fn held_out_set_402_translation_and_immigration() {
    phrase_set(
        "special-text/heldout-402.jsonl",
        120,
        HELD_OUT_402_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 405 (stop 46): private tutoring, homework help and exam preparation.
#[test]
fn tuning_set_405_tutoring() {
    phrase_set(
        "special-text/tuning-405.jsonl",
        120,
        TUNING_405_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 406 (stop 46): coworking spaces, office rental, accountants and company formation.
#[test]
fn tuning_set_406_coworking_and_business_services() {
    phrase_set(
        "special-text/tuning-406.jsonl",
        120,
        TUNING_406_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 407 (stop 46, blind, never read): cleaning, domestic help, gardening and handyman
/// services; run after the sixth round.
#[test]
fn held_out_set_407_cleaning_and_domestic_help() {
    phrase_set(
        "special-text/heldout-407.jsonl",
        120,
        HELD_OUT_407_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 408 (stop 46, blind, never read): photographers, photo printing, engraving, custom
/// T-shirts and personalised gifts; run after the sixth round.
#[test]
fn held_out_set_408_photo_printing_and_gifts() {
    phrase_set(
        "special-text/heldout-408.jsonl",
        120,
        HELD_OUT_408_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 409 (stop 46): life coaches, psychologists, couples counsellors, nutritionists and
/// wellness centres.
#[test]
fn tuning_set_409_coaches_and_counsellors() {
    phrase_set(
        "special-text/tuning-409.jsonl",
        120,
        TUNING_409_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 410 (stop 46): taxi, ride-hailing, car-sharing and bike or scooter rental apps.
#[test]
fn tuning_set_410_taxis_and_ride_hailing() {
    phrase_set(
        "special-text/tuning-410.jsonl",
        120,
        TUNING_410_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 411 (stop 46, blind, never read): marathons, charity runs, cycling events,
/// triathlons and outdoor trips; run after the seventh round.
#[test]
fn held_out_set_411_races_and_outdoor_events() {
    phrase_set(
        "special-text/heldout-411.jsonl",
        120,
        HELD_OUT_411_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 412 (stop 46, blind, never read): mobile-phone shops, phone and laptop repairs and
/// device insurers; run after the seventh round.
#[test]
fn held_out_set_412_phone_shops_and_repairs() {
    phrase_set(
        "special-text/heldout-412.jsonl",
        120,
        HELD_OUT_412_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 413 (stop 46): blood and organ donation, research volunteer panels and clinical-trial
/// recruiters.
#[test]
fn tuning_set_413_donors_and_research_volunteers() {
    phrase_set(
        "special-text/tuning-413.jsonl",
        120,
        TUNING_413_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 414 (stop 46): petition sites, NGOs, advocacy groups and their newsletters.
#[test]
fn tuning_set_414_petitions_and_ngos() {
    phrase_set(
        "special-text/tuning-414.jsonl",
        120,
        TUNING_414_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 415 (stop 46, blind, never read): fitness trackers, smartwatches, sleep and
/// period-tracking apps, connected scales; run after the eighth round.
#[test]
fn held_out_set_415_trackers_and_health_apps() {
    phrase_set(
        "special-text/heldout-415.jsonl",
        120,
        HELD_OUT_415_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 416 (stop 46, blind, never read): travel agencies, tour operators, cruise lines
/// and group trips (pilgrimages, heritage tours); run after the eighth round.
#[test]
fn held_out_set_416_travel_agencies_and_tours() {
    phrase_set(
        "special-text/heldout-416.jsonl",
        120,
        HELD_OUT_416_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 417 (stop 46): student residences, flat-share platforms, student loans and grants.
#[test]
fn tuning_set_417_student_housing_and_grants() {
    phrase_set(
        "special-text/tuning-417.jsonl",
        120,
        TUNING_417_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 418 (stop 46): veterans' associations, armed-forces charities, military families and
/// reservist recruiters.
#[test]
fn tuning_set_418_veterans_and_forces_families() {
    phrase_set(
        "special-text/tuning-418.jsonl",
        120,
        TUNING_418_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 419 (stop 47, blind, never read): driving schools, licence courses and road-safety
/// training; run before any change of the stop.
#[test]
fn held_out_set_419_driving_schools() {
    phrase_set(
        "special-text/heldout-419.jsonl",
        120,
        HELD_OUT_419_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 420 (stop 47, blind, never read): opticians, hearing-aid centres and dental clinics;
/// run before any change of the stop.
#[test]
fn held_out_set_420_opticians_hearing_and_dentists() {
    phrase_set(
        "special-text/heldout-420.jsonl",
        120,
        HELD_OUT_420_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 421 (stop 47): public libraries, museums, heritage sites and cultural memberships.
#[test]
fn tuning_set_421_libraries_and_museums() {
    phrase_set(
        "special-text/tuning-421.jsonl",
        120,
        TUNING_421_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 422 (stop 47): recruitment agencies, job boards and temporary work.
#[test]
fn tuning_set_422_recruiters_and_job_boards() {
    phrase_set(
        "special-text/tuning-422.jsonl",
        120,
        TUNING_422_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 423 (stop 47, blind, never read): music schools, dance classes and choirs; run
/// before any change of the stop.
#[test]
fn held_out_set_423_music_and_dance_schools() {
    phrase_set(
        "special-text/heldout-423.jsonl",
        120,
        HELD_OUT_423_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 424 (stop 47, blind, never read): mortgage brokers, consumer credit and debt
/// consolidation; run before any change of the stop.
#[test]
fn held_out_set_424_mortgage_and_credit_brokers() {
    phrase_set(
        "special-text/heldout-424.jsonl",
        120,
        HELD_OUT_424_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 425 (stop 47): gardening, landscaping and home maintenance services.
#[test]
fn tuning_set_425_gardening_and_home_maintenance() {
    phrase_set(
        "special-text/tuning-425.jsonl",
        120,
        TUNING_425_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 426 (stop 47): hairdressers, beauty salons, spas and tattoo studios.
#[test]
fn tuning_set_426_hairdressers_salons_and_tattoos() {
    phrase_set(
        "special-text/tuning-426.jsonl",
        120,
        TUNING_426_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 427 (stop 47, blind, never read): removal companies and self-storage; run after the
/// first round.
#[test]
fn held_out_set_427_removals_and_storage() {
    phrase_set(
        "special-text/heldout-427.jsonl",
        120,
        HELD_OUT_427_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 428 (stop 47, blind, never read): support desks of apps and software subscriptions;
/// run after the first round.
#[test]
fn held_out_set_428_app_and_software_support() {
    phrase_set(
        "special-text/heldout-428.jsonl",
        120,
        HELD_OUT_428_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 429 (stop 47): bakeries, caterers and food-box subscriptions.
#[test]
fn tuning_set_429_bakeries_and_caterers() {
    phrase_set(
        "special-text/tuning-429.jsonl",
        120,
        TUNING_429_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 430 (stop 47): bicycle shops, e-scooter rentals and car-sharing clubs.
#[test]
fn tuning_set_430_bikes_scooters_and_car_sharing() {
    phrase_set(
        "special-text/tuning-430.jsonl",
        120,
        TUNING_430_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 431 (stop 47, blind, never read): nursing homes, retirement residences and senior
/// services; run after the second round.
#[test]
fn held_out_set_431_nursing_homes() {
    phrase_set(
        "special-text/heldout-431.jsonl",
        120,
        HELD_OUT_431_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 432 (stop 47, blind, never read): photographers, videographers and portrait studios;
/// run after the second round.
#[test]
fn held_out_set_432_photographers() {
    phrase_set(
        "special-text/heldout-432.jsonl",
        120,
        HELD_OUT_432_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 433 (stop 47): swimming pools, leisure centres and martial-arts clubs.
#[test]
fn tuning_set_433_pools_and_martial_arts() {
    phrase_set(
        "special-text/tuning-433.jsonl",
        120,
        TUNING_433_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 434 (stop 47): notaries, wills and inheritance, genealogy research.
#[test]
fn tuning_set_434_notaries_wills_and_genealogy() {
    phrase_set(
        "special-text/tuning-434.jsonl",
        120,
        TUNING_434_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 437 (stop 47, blind, never read): public transport, travel passes, reduced-fare and
/// disability cards, parking permits; run after the third round.
#[test]
fn held_out_set_437_transport_passes_and_permits() {
    phrase_set(
        "special-text/heldout-437.jsonl",
        120,
        HELD_OUT_437_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 438 (stop 47, blind, never read): accountants, tax preparers and bookkeeping; run
/// after the third round.
#[test]
fn held_out_set_438_accountants_and_tax() {
    phrase_set(
        "special-text/heldout-438.jsonl",
        120,
        HELD_OUT_438_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 435 (stop 47): audiologists, hearing-aid shops, dentists, orthodontists and eye clinics.
#[test]
fn tuning_set_435_hearing_dental_and_eyes() {
    phrase_set(
        "special-text/tuning-435.jsonl",
        120,
        TUNING_435_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 436 (stop 47): physiotherapists, osteopaths, chiropractors and medical-equipment
/// rental.
#[test]
fn tuning_set_436_physiotherapy_and_equipment() {
    phrase_set(
        "special-text/tuning-436.jsonl",
        120,
        TUNING_436_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 439 (stop 47, blind, never read): doctors' and specialists' clinics, walk-in centres
/// and appointment booking; run after the fourth round.
#[test]
fn held_out_set_439_clinics_and_booking() {
    phrase_set(
        "special-text/heldout-439.jsonl",
        120,
        HELD_OUT_439_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 441 (stop 47, blind, never read): sports coaching, personal trainers, yoga and
/// pilates studios; run after the fourth round.
#[test]
fn held_out_set_441_coaches_yoga_and_pilates() {
    phrase_set(
        "special-text/heldout-441.jsonl",
        120,
        HELD_OUT_441_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 440 (stop 47): HR and occupational-health portals, sick leave and workplace
/// adjustments.
#[test]
fn tuning_set_440_hr_and_occupational_health() {
    phrase_set(
        "special-text/tuning-440.jsonl",
        120,
        TUNING_440_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 442 (stop 47): home and contents insurance claims, rental deposits and landlord-tenant
/// disputes.
#[test]
fn tuning_set_442_home_claims_and_tenancies() {
    phrase_set(
        "special-text/tuning-442.jsonl",
        120,
        TUNING_442_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 443 (stop 47): appointment requests to doctors, nurses, telehealth and out-of-hours
/// lines, with the symptoms people give.
#[test]
fn tuning_set_443_symptoms_for_an_appointment() {
    phrase_set(
        "special-text/tuning-443.jsonl",
        120,
        TUNING_443_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 444 (stop 47): online pharmacies and health-product shops, with what a product is
/// for.
#[test]
fn tuning_set_444_pharmacies_and_health_products() {
    phrase_set(
        "special-text/tuning-444.jsonl",
        118,
        TUNING_444_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 445 (stop 47, blind, never read): language schools, exchange programmes, au-pair
/// agencies and study abroad; run after the fifth round.
#[test]
fn held_out_set_445_language_schools_and_exchanges() {
    phrase_set(
        "special-text/heldout-445.jsonl",
        120,
        HELD_OUT_445_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 446 (stop 47, blind, never read): concert and festival tickets, cinemas and venues;
/// run after the fifth round.
#[test]
fn held_out_set_446_tickets_and_venues() {
    phrase_set(
        "special-text/heldout-446.jsonl",
        120,
        HELD_OUT_446_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 447 (stop 47, blind, never read): parents writing to nurseries, after-school clubs,
/// holiday camps and canteens; run after the sixth round.
#[test]
fn held_out_set_447_nurseries_camps_and_canteens() {
    phrase_set(
        "special-text/heldout-447.jsonl",
        120,
        HELD_OUT_447_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 448 (stop 47, blind, never read): car and motorbike insurance quotes and claims; run
/// after the sixth round.
#[test]
fn held_out_set_448_motor_insurance() {
    phrase_set(
        "special-text/heldout-448.jsonl",
        120,
        HELD_OUT_448_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 449 (stop 47): supermarkets and grocery delivery.
#[test]
fn tuning_set_449_supermarkets_and_grocery_delivery() {
    phrase_set(
        "special-text/tuning-449.jsonl",
        119,
        TUNING_449_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 450 (stop 47): hotel, holiday-rental and travel bookings typed on a phone.
#[test]
fn tuning_set_450_bookings_typed_on_a_phone() {
    phrase_set(
        "special-text/tuning-450.jsonl",
        120,
        TUNING_450_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 451 (stop 47, blind, never read): gyms, sports clubs and fitness classes; run after
/// the seventh round.
#[test]
fn held_out_set_451_gyms_and_sports_clubs() {
    phrase_set(
        "special-text/heldout-451.jsonl",
        120,
        HELD_OUT_451_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 453 (stop 47, blind, never read): a children's hospital charity, patient associations
/// and support groups; run after the seventh round.
#[test]
fn held_out_set_453_patient_associations() {
    phrase_set(
        "special-text/heldout-453.jsonl",
        120,
        HELD_OUT_453_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 452 (stop 47): internet, TV and mobile providers.
#[test]
fn tuning_set_452_internet_tv_and_mobile() {
    phrase_set(
        "special-text/tuning-452.jsonl",
        120,
        TUNING_452_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 454 (stop 47): furniture, appliance and DIY stores.
#[test]
fn tuning_set_454_furniture_appliances_and_diy() {
    phrase_set(
        "special-text/tuning-454.jsonl",
        120,
        TUNING_454_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 455 (stop 47, blind, never read): sleep clinics, bedding shops, spas and wellness
/// retreats; run after the eighth round.
#[test]
fn held_out_set_455_sleep_bedding_and_wellness() {
    phrase_set(
        "special-text/heldout-455.jsonl",
        120,
        HELD_OUT_455_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 456 (stop 47, blind, never read): school admissions, special educational needs and
/// private schools; run after the eighth round.
#[test]
fn held_out_set_456_school_admissions_and_sen() {
    phrase_set(
        "special-text/heldout-456.jsonl",
        120,
        HELD_OUT_456_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 457 (stop 47): opticians, eye clinics, hearing-aid centres and dental practices, with
/// what patients say of their eyes, ears and teeth.
#[test]
fn tuning_set_457_eyes_ears_and_teeth() {
    phrase_set(
        "special-text/tuning-457.jsonl",
        118,
        TUNING_457_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 458 (stop 47): pet shops, pet insurance, dog walkers and sitters; animals' symptoms as
/// look-alikes.
#[test]
fn tuning_set_458_pets_and_their_owners() {
    phrase_set(
        "special-text/tuning-458.jsonl",
        120,
        TUNING_458_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 459 (stop 48, blind, never read): wedding planners, caterers and event venues; run
/// before any change of the stop.
#[test]
fn held_out_set_459_weddings_and_events() {
    phrase_set(
        "special-text/heldout-459.jsonl",
        120,
        HELD_OUT_459_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 460 (stop 48, blind, never read): funeral services, funeral plans, life insurance and
/// estates; run before any change of the stop.
#[test]
fn held_out_set_460_funerals_and_estates() {
    phrase_set(
        "special-text/heldout-460.jsonl",
        120,
        HELD_OUT_460_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 463 (stop 48, blind, never read): law firms and legal aid (family, employment,
/// immigration, criminal defence, consumer claims); run after the first round.
#[test]
fn held_out_set_463_law_firms_and_legal_aid() {
    phrase_set(
        "special-text/heldout-463.jsonl",
        120,
        HELD_OUT_463_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 464 (stop 48, blind, never read): dating and matchmaking services, social clubs for
/// singles, seniors and newcomers; run after the first round.
#[test]
fn held_out_set_464_dating_and_social_clubs() {
    phrase_set(
        "special-text/heldout-464.jsonl",
        120,
        HELD_OUT_464_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 462 (stop 48): travel agencies, pilgrimages and group tours, cruises, airlines'
/// assistance services.
#[test]
fn tuning_set_462_travel_and_pilgrimages() {
    phrase_set(
        "special-text/tuning-462.jsonl",
        120,
        TUNING_462_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 461 (stop 48): solar panels, heat pumps, insulation and energy renovation advisers (home
/// visits, subsidies, who lives in the home).
#[test]
fn tuning_set_461_energy_renovation() {
    phrase_set(
        "special-text/tuning-461.jsonl",
        120,
        TUNING_461_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 465 (stop 48): home help and domestic care (cleaning, meals, personal care, night
/// sitters, respite for carers).
#[test]
fn tuning_set_465_home_help() {
    phrase_set(
        "special-text/tuning-465.jsonl",
        120,
        TUNING_465_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 466 (stop 48): car dealerships, leasing and used cars (test drives, adapted vehicles,
/// financing, trade-ins).
#[test]
fn tuning_set_466_car_dealers_and_leasing() {
    phrase_set(
        "special-text/tuning-466.jsonl",
        120,
        TUNING_466_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 467 (stop 48, blind, never read): estate agents (viewings, valuations, offers, why
/// people move); run after the second round.
#[test]
fn held_out_set_467_estate_agents() {
    phrase_set(
        "special-text/heldout-467.jsonl",
        120,
        HELD_OUT_467_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 468 (stop 48, blind, never read): universities, adult education and vocational
/// training (admissions, funding, exam arrangements); run after the second round.
#[test]
fn held_out_set_468_universities_and_training() {
    phrase_set(
        "special-text/heldout-468.jsonl",
        120,
        HELD_OUT_468_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 469 (stop 48): health insurers and top-up cover (pre-existing conditions, treatments
/// under way, dependants, waiting periods).
#[test]
fn tuning_set_469_health_cover_quotes() {
    phrase_set(
        "special-text/tuning-469.jsonl",
        120,
        TUNING_469_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 470 (stop 48): restaurants, meal kits and food delivery (allergies, diets, religious
/// dietary rules, group bookings).
#[test]
fn tuning_set_470_restaurants_and_food_delivery() {
    phrase_set(
        "special-text/tuning-470.jsonl",
        120,
        TUNING_470_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 471 (stop 48, blind, never read): banks (accounts, loans, overdrafts, payment
/// difficulties, power of attorney); run after the third round.
#[test]
fn held_out_set_471_banks() {
    phrase_set(
        "special-text/heldout-471.jsonl",
        120,
        HELD_OUT_471_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 472 (stop 48, blind, never read): races and outdoor activity providers (marathons,
/// trail runs, climbing, canoeing, ski schools); run after the third round.
#[test]
fn held_out_set_472_races_and_outdoor_activities() {
    phrase_set(
        "special-text/heldout-472.jsonl",
        120,
        HELD_OUT_472_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 473 (stop 48): therapists, psychologists, counsellors and online therapy platforms.
#[test]
fn tuning_set_473_therapists_and_counselling() {
    phrase_set(
        "special-text/tuning-473.jsonl",
        120,
        TUNING_473_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 474 (stop 48): charities and volunteering (donations, volunteer applications,
/// beneficiaries asking for help, legacies).
#[test]
fn tuning_set_474_charities_and_volunteering() {
    phrase_set(
        "special-text/tuning-474.jsonl",
        120,
        TUNING_474_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 475 (stop 48, blind, never read): childcare agencies, nannies, au pairs and
/// babysitting platforms; run after the third round.
#[test]
fn held_out_set_475_childcare_and_au_pairs() {
    phrase_set(
        "special-text/heldout-475.jsonl",
        120,
        HELD_OUT_475_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 476 (stop 48, blind, never read): hotels, campsites, guest houses and holiday
/// rentals; run after the third round.
#[test]
fn held_out_set_476_hotels_and_holiday_rentals() {
    phrase_set(
        "special-text/heldout-476.jsonl",
        119,
        HELD_OUT_476_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 477 (stop 48, blind, never read): employers' HR portals and job applications
/// (adjustments, background checks, leave); run after the fourth round.
#[test]
fn held_out_set_477_hr_portals_and_applications() {
    phrase_set(
        "special-text/heldout-477.jsonl",
        120,
        HELD_OUT_477_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 478 (stop 48, blind, never read): energy and water suppliers (contracts, payment
/// plans, priority services registers, disconnections); run after the fourth round.
#[test]
fn held_out_set_478_energy_and_water_suppliers() {
    phrase_set(
        "special-text/heldout-478.jsonl",
        120,
        HELD_OUT_478_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 479 (stop 48): online shops for clothing, cosmetics and wellbeing products (sizes, skin
/// conditions, returns, modest fashion).
#[test]
fn tuning_set_479_clothing_and_cosmetics_shops() {
    phrase_set(
        "special-text/tuning-479.jsonl",
        120,
        TUNING_479_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 480 (stop 48): town halls and local public services (civil registry, canteens, housing,
/// social services, elections, parking permits).
#[test]
fn tuning_set_480_town_halls_and_local_services() {
    phrase_set(
        "special-text/tuning-480.jsonl",
        120,
        TUNING_480_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 481 (stop 48, blind, never read): fertility clinics, maternity services, baby shops
/// and parenting apps; run after the fifth round.
#[test]
fn held_out_set_481_fertility_and_maternity() {
    phrase_set(
        "special-text/heldout-481.jsonl",
        120,
        HELD_OUT_481_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 482 (stop 48, blind, never read): newspapers, magazines, podcasts and TV programmes
/// (subscriptions, letters, testimonies); run after the fifth round.
#[test]
fn held_out_set_482_newspapers_and_broadcasters() {
    phrase_set(
        "special-text/heldout-482.jsonl",
        120,
        HELD_OUT_482_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 483 (stop 48): alarms, smart locks, CCTV and building access badges.
#[test]
fn tuning_set_483_security_and_smart_homes() {
    phrase_set(
        "special-text/tuning-483.jsonl",
        120,
        TUNING_483_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 484 (stop 48): car insurance claims, roadside assistance and garages (accidents,
/// breakdowns, who was driving).
#[test]
fn tuning_set_484_car_claims_and_garages() {
    phrase_set(
        "special-text/tuning-484.jsonl",
        120,
        TUNING_484_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 485 (stop 48): doulas, antenatal classes, pregnancy yoga, breastfeeding consultants and
/// newborn photographers (pregnancy, IVF, miscarriage, birth).
#[test]
fn tuning_set_485_pregnancy_and_birth() {
    phrase_set(
        "special-text/tuning-485.jsonl",
        120,
        TUNING_485_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 486 (stop 48): letters to local radio, magazines and documentary makers (testimonies,
/// complaints, press enquiries).
#[test]
fn tuning_set_486_readers_and_listeners_letters() {
    phrase_set(
        "special-text/tuning-486.jsonl",
        120,
        TUNING_486_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 487 (stop 48, blind, never read): pharmaceutical and medical-device companies (patient
/// support, device problems, trials, side effects); run after the seventh round.
#[test]
fn held_out_set_487_pharma_and_medical_devices() {
    phrase_set(
        "special-text/heldout-487.jsonl",
        120,
        HELD_OUT_487_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 488 (stop 48, blind, never read): courier, parcel and postal services (deliveries,
/// redirections, care homes, prisons); run after the seventh round.
#[test]
fn held_out_set_488_couriers_and_post() {
    phrase_set(
        "special-text/heldout-488.jsonl",
        120,
        HELD_OUT_488_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 489 (stop 48): medicine information lines, online pharmacies and manufacturers
/// (treatments taken, side effects, doses, injections and inhalers).
#[test]
fn tuning_set_489_medicines_and_side_effects() {
    phrase_set(
        "special-text/tuning-489.jsonl",
        120,
        TUNING_489_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 491 (stop 48, blind, never read): cleaning, pest control and home maintenance; run
/// after the eighth round.
#[test]
fn held_out_set_491_cleaning_and_pest_control() {
    phrase_set(
        "special-text/heldout-491.jsonl",
        120,
        HELD_OUT_491_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 492 (stop 48, blind, never read): florists, gift shops and personalised gifts
/// (dedications, deliveries to hospitals and funerals); run after the eighth round.
#[test]
fn held_out_set_492_florists_and_gifts() {
    phrase_set(
        "special-text/heldout-492.jsonl",
        120,
        HELD_OUT_492_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 490 (stop 48): home medical supplies (oxygen, stoma and continence, diabetes sensors,
/// CPAP, wheelchairs, hospital beds).
#[test]
fn tuning_set_490_home_medical_supplies() {
    phrase_set(
        "special-text/tuning-490.jsonl",
        120,
        TUNING_490_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 493 (stop 48): hospitals and private clinics, patients and relatives (admissions,
/// visiting, discharge, results, complaints).
#[test]
fn tuning_set_493_hospitals_and_clinics() {
    phrase_set(
        "special-text/tuning-493.jsonl",
        120,
        TUNING_493_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 494 (stop 48): fitness apps, smartwatches and connected health devices (alerts, sleep
/// and cycle tracking, unlocking, data sharing).
#[test]
fn tuning_set_494_wearables_and_fitness_apps() {
    phrase_set(
        "special-text/tuning-494.jsonl",
        120,
        TUNING_494_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 495 (stop 48, blind, never read): immigration advisers, visa services and certified
/// translation; run after the ninth round.
#[test]
fn held_out_set_495_immigration_and_translation() {
    phrase_set(
        "special-text/heldout-495.jsonl",
        120,
        HELD_OUT_495_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 496 (stop 48, blind, never read): tutoring, after-school clubs and children's
/// activities; run after the ninth round.
#[test]
fn held_out_set_496_tutoring_and_children_s_activities() {
    phrase_set(
        "special-text/heldout-496.jsonl",
        120,
        HELD_OUT_496_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 497 (stop 49, blind, never read): driving schools, car rental and car sharing;
/// run before any change.
#[test]
fn held_out_set_497_driving_schools_and_car_rental() {
    phrase_set(
        "special-text/heldout-497.jsonl",
        120,
        HELD_OUT_497_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 498 (stop 49, blind, never read): veterinarians, pet insurance, pet sitters and
/// groomers (animals' illnesses never count); run before any change.
#[test]
fn held_out_set_498_vets_and_pet_services() {
    phrase_set(
        "special-text/heldout-498.jsonl",
        120,
        HELD_OUT_498_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 499 (stop 49): opticians, hearing-aid centres and dentists.
#[test]
fn tuning_set_499_opticians_hearing_and_dentists() {
    phrase_set(
        "special-text/tuning-499.jsonl",
        119,
        TUNING_499_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 500 (stop 49): recruitment and temp agencies, job boards (candidates writing about
/// themselves).
#[test]
fn tuning_set_500_recruitment_and_job_boards() {
    phrase_set(
        "special-text/tuning-500.jsonl",
        120,
        TUNING_500_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 501 (stop 49, blind, never read): removal companies, self-storage and house
/// clearance; run after the first round.
#[test]
fn held_out_set_501_removals_and_storage() {
    phrase_set(
        "special-text/heldout-501.jsonl",
        120,
        HELD_OUT_501_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 502 (stop 49, blind, never read): photographers, event planners and party venues;
/// run after the first round.
#[test]
fn held_out_set_502_photographers_and_events() {
    phrase_set(
        "special-text/heldout-502.jsonl",
        120,
        HELD_OUT_502_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 503 (stop 49): retirement homes, senior residences, home care and alarm pendants.
#[test]
fn tuning_set_503_retirement_homes_and_senior_care() {
    phrase_set(
        "special-text/tuning-503.jsonl",
        120,
        TUNING_503_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 504 (stop 49): gyms, swimming pools, martial-arts and yoga clubs.
#[test]
fn tuning_set_504_gyms_pools_and_clubs() {
    phrase_set(
        "special-text/tuning-504.jsonl",
        120,
        TUNING_504_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 505 (stop 49, blind, never read): bike shops, e-bike and e-scooter rentals, cycling
/// tours; run after the second round.
#[test]
fn held_out_set_505_bikes_and_scooters() {
    phrase_set(
        "special-text/heldout-505.jsonl",
        120,
        HELD_OUT_505_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 506 (stop 49, blind, never read): plumbers, electricians, locksmiths and home-repair
/// call-outs; run after the second round.
#[test]
fn held_out_set_506_plumbers_and_home_repairs() {
    phrase_set(
        "special-text/heldout-506.jsonl",
        120,
        HELD_OUT_506_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 507 (stop 49): telemedicine, online doctors and counselling apps.
#[test]
fn tuning_set_507_telemedicine_and_counselling() {
    phrase_set(
        "special-text/tuning-507.jsonl",
        120,
        TUNING_507_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 508 (stop 49): nutritionists, diet coaching, meal kits and sports nutrition.
#[test]
fn tuning_set_508_nutrition_and_diet() {
    phrase_set(
        "special-text/tuning-508.jsonl",
        120,
        TUNING_508_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 509 (stop 49, blind, never read): insurance brokers and accountants for
/// freelancers, artisans and small businesses; run after the third round.
#[test]
fn held_out_set_509_brokers_and_accountants_for_freelancers() {
    phrase_set(
        "special-text/heldout-509.jsonl",
        120,
        HELD_OUT_509_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 510 (stop 49, blind, never read): language schools, study abroad and au-pair
/// placements; run after the third round.
#[test]
fn held_out_set_510_language_schools_and_au_pairs() {
    phrase_set(
        "special-text/heldout-510.jsonl",
        120,
        HELD_OUT_510_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 511 (stop 49): blood and plasma donation, clinical-trial recruitment and research
/// panels.
#[test]
fn tuning_set_511_blood_donation_and_trials() {
    phrase_set(
        "special-text/tuning-511.jsonl",
        120,
        TUNING_511_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 512 (stop 49): printing shops, sign makers and promotional goods.
#[test]
fn tuning_set_512_printers_and_promotional_goods() {
    phrase_set(
        "special-text/tuning-512.jsonl",
        120,
        TUNING_512_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 513 (stop 49, blind, never read): furniture, kitchen and bathroom shops; run after
/// the fourth round.
#[test]
fn held_out_set_513_furniture_kitchens_and_bathrooms() {
    phrase_set(
        "special-text/heldout-513.jsonl",
        120,
        HELD_OUT_513_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 514 (stop 49, blind, never read): taxis, ride hailing and airport transfers; run
/// after the fourth round.
#[test]
fn held_out_set_514_taxis_and_airport_transfers() {
    phrase_set(
        "special-text/heldout-514.jsonl",
        120,
        HELD_OUT_514_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 515 (stop 49): sexual-health clinics, contraception and testing, LGBTQ+ community
/// centres.
#[test]
fn tuning_set_515_sexual_health_and_lgbtq_centres() {
    phrase_set(
        "special-text/tuning-515.jsonl",
        120,
        TUNING_515_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 516 (stop 49): legal aid, prisoners' families and re-entry programmes.
#[test]
fn tuning_set_516_legal_aid_and_re_entry() {
    phrase_set(
        "special-text/tuning-516.jsonl",
        120,
        TUNING_516_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 517 (stop 50, blind, never read): solar panels, heat pumps and energy-renovation
/// audits; run before any change.
#[test]
fn held_out_set_517_solar_and_heat_pumps() {
    phrase_set(
        "special-text/heldout-517.jsonl",
        120,
        HELD_OUT_517_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 518 (stop 50, blind, never read): funeral homes, notaries, wills and estate
/// planning; run before any change.
#[test]
fn held_out_set_518_funerals_and_estates() {
    phrase_set(
        "special-text/heldout-518.jsonl",
        120,
        HELD_OUT_518_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 519 (stop 50): job centres, vocational training, apprenticeships and career
/// coaching.
#[test]
fn tuning_set_519_job_centres_and_training() {
    phrase_set(
        "special-text/tuning-519.jsonl",
        120,
        TUNING_519_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 520 (stop 50): charities, volunteering platforms and NGO fundraising.
#[test]
fn tuning_set_520_charities_and_volunteering() {
    phrase_set(
        "special-text/tuning-520.jsonl",
        120,
        TUNING_520_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 521 (stop 50, blind, never read): home care, cleaning help, meals for seniors and
/// home-help agencies; run after the first round.
#[test]
fn held_out_set_521_home_care_and_home_help() {
    phrase_set(
        "special-text/heldout-521.jsonl",
        120,
        HELD_OUT_521_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 522 (stop 50, blind, never read): travel agencies, tour operators, cruises and group
/// trips; run after the first round.
#[test]
fn held_out_set_522_travel_agencies_and_cruises() {
    phrase_set(
        "special-text/heldout-522.jsonl",
        120,
        HELD_OUT_522_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 523 (stop 50): universities, student housing, scholarships and study abroad.
#[test]
fn tuning_set_523_universities_and_student_housing() {
    phrase_set(
        "special-text/tuning-523.jsonl",
        120,
        TUNING_523_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 524 (stop 50): mortgage brokers, consumer credit, debt advice and budget coaching.
#[test]
fn tuning_set_524_mortgages_credit_and_debt_advice() {
    phrase_set(
        "special-text/tuning-524.jsonl",
        120,
        TUNING_524_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 525 (stop 50, blind, never read): wedding planners, caterers and reception venues;
/// run after the second round.
#[test]
fn held_out_set_525_weddings_and_receptions() {
    phrase_set(
        "special-text/heldout-525.jsonl",
        120,
        HELD_OUT_525_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 526 (stop 50, blind, never read): hairdressers, beauty salons, spas and tattoo
/// studios; run after the second round.
#[test]
fn held_out_set_526_hair_beauty_and_tattoos() {
    phrase_set(
        "special-text/heldout-526.jsonl",
        120,
        HELD_OUT_526_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Tuning set 527 (stop 50): housing associations, social-housing applications, rent guarantees and
/// tenant support.
#[test]
fn tuning_set_527_social_housing() {
    phrase_set(
        "special-text/tuning-527.jsonl",
        120,
        TUNING_527_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 528 (stop 50): children's sports clubs, summer camps and after-school activities.
#[test]
fn tuning_set_528_kids_clubs_and_camps() {
    phrase_set(
        "special-text/tuning-528.jsonl",
        120,
        TUNING_528_FLOORS,
        Shown::Misses,
    );
}

/// Tuning set 532 (stop 50): home alarms, smart locks, video doorbells and building access control.
#[test]
fn tuning_set_532_alarms_smart_locks_and_access() {
    phrase_set(
        "special-text/tuning-532.jsonl",
        120,
        TUNING_532_FLOORS,
        Shown::Misses,
    );
}

/// Held-out set 531 (stop 50, blind, never read): online marketplaces, second-hand selling and pawn
/// shops; run once at the end, after the fourth round.
#[test]
fn held_out_set_531_marketplaces_and_pawn_shops() {
    phrase_set(
        "special-text/heldout-531.jsonl",
        120,
        HELD_OUT_531_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 529 (stop 50, blind, never read): car insurance claims, roadside assistance and
/// windscreen repair; run once at the end, after the fourth round.
#[test]
fn held_out_set_529_car_claims_and_roadside() {
    phrase_set(
        "special-text/heldout-529.jsonl",
        120,
        HELD_OUT_529_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Held-out set 530 (stop 50, blind, never read): concert and festival ticketing, theatres and event
/// venues; run once at the end, after the fourth round.
#[test]
fn held_out_set_530_ticketing_and_venues() {
    phrase_set(
        "special-text/heldout-530.jsonl",
        120,
        HELD_OUT_530_FLOORS,
        Shown::TotalsOnly,
    );
}

/// What a phrase-set test prints besides its figures.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Every phrase judged wrong: for the development and tuning sets.
    Misses,
    /// Nothing but the figures: a held-out set measures generalisation only as long as nobody
    /// reads what it misses.
    TotalsOnly,
}

/// Runs a special-category phrase set of at least `size` phrases and checks its (recall,
/// precision) floors.
fn phrase_set(file: &str, size: usize, floors: (f64, f64), shown: Shown) {
    labelled_set(file, Labels::Special, size, floors, shown);
}

fn labelled_set(
    file: &str,
    labels: Labels,
    size: usize,
    (recall, precision): (f64, f64),
    shown: Shown,
) {
    let set = phrases(&data(file));
    assert!(set.len() >= size);
    let r = evaluate(file, &set, labels);
    if shown == Shown::Misses {
        for m in &r.misses {
            println!("{m}");
        }
    }
    assert!(
        r.overall.recall() >= recall && r.overall.precision() >= precision,
        "recall {:.3}, precision {:.3}",
        r.overall.recall(),
        r.overall.precision()
    );
}

/// Floors of the second held-out set, a little under its run after tuning (recall 0.918,
/// precision 0.918; its first run gave 0.885 / 0.850).
const HELD_OUT_2_FLOORS: (f64, f64) = (0.88, 0.88);

/// Floors of the health tuning set, a little under its run after tuning (recall 0.980,
/// precision 0.875; first run 0.960 / 0.623).
const HEALTH_TUNING_FLOORS: (f64, f64) = (0.93, 0.85);

/// Floors of the ethnic origin and sex life tuning set, a little under its run after tuning
/// (recall 0.912, precision 1.000; first run 0.850 / 0.958).
const ORIGIN_SEX_LIFE_TUNING_FLOORS: (f64, f64) = (0.88, 0.95);

/// Floors of the third held-out set, a little under its first run (recall 0.886, precision
/// 0.869: 93 true, 14 false, 12 missed pairs of 160 phrases).
const HELD_OUT_3_FLOORS: (f64, f64) = (0.85, 0.83);

/// Floors of the sixth tuning set, a little under its run after tuning (recall 0.984,
/// precision 0.984; first run 0.926 / 0.883).
const TUNING_6_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the fifth held-out set, a little under its figures (first run: recall 0.965,
/// precision 0.957; after stop 25's fixes from the sixth tuning set: 0.983 / 0.958).
const HELD_OUT_5_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of the eleventh tuning set, a little under its run after tuning (recall 0.984,
/// precision 0.984; first run 0.828 / 0.894).
const TUNING_11_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the twelfth tuning set, a little under its run after tuning (recall 0.992,
/// precision 0.992; first run 0.710 / 0.969).
const TUNING_12_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the thirteenth held-out set, a little under its first run (recall 0.890,
/// precision 0.950: 113 true, 6 false, 14 missed pairs of 200 phrases).
const HELD_OUT_13_FLOORS: (f64, f64) = (0.86, 0.92);

/// Floors of the fourteenth tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.985; first run 0.838 / 0.879).
const TUNING_14_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the fifteenth tuning set, a little under its run after tuning (recall 0.975,
/// precision 1.000; first run 0.833 / 0.971).
const TUNING_15_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of the sixteenth held-out set, a little under its first run (recall 0.937,
/// precision 0.983: 119 true, 2 false, 8 missed pairs of 200 phrases).
const HELD_OUT_16_FLOORS: (f64, f64) = (0.90, 0.95);

/// Floors of the seventeenth tuning set, a little under its run after tuning (recall 0.991,
/// precision 1.000; first run 0.899 / 0.891).
const TUNING_17_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the eighteenth tuning set, a little under its run after tuning (recall 0.951,
/// precision 1.000; first run 0.746 / 0.964).
const TUNING_18_FLOORS: (f64, f64) = (0.92, 0.95);

/// Floors of the nineteenth held-out set, a little under its first run (recall 0.945,
/// precision 0.968: 120 true, 4 false, 7 missed pairs of 199 phrases).
const HELD_OUT_19_FLOORS: (f64, f64) = (0.91, 0.93);

/// Floors of the twenty-first tuning set, a little under its run after tuning (recall 0.992,
/// precision 0.984; first run 0.951 / 0.900).
const TUNING_21_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the twentieth held-out set, a little under its first run (recall 0.929,
/// precision 0.952: 118 true, 6 false, 9 missed pairs of 200 phrases).
const HELD_OUT_20_FLOORS: (f64, f64) = (0.89, 0.92);

/// Floors of the twenty-second tuning set, a little under its run after tuning (recall 0.954,
/// precision 0.993; first run 0.745 / 0.942).
const TUNING_22_FLOORS: (f64, f64) = (0.92, 0.95);

/// Floors of the twenty-third held-out set, a little under its first run (recall 0.937,
/// precision 0.967: 119 true, 4 false, 8 missed pairs of 200 phrases).
const HELD_OUT_23_FLOORS: (f64, f64) = (0.90, 0.93);

/// Floors of the twenty-fourth held-out set, a little under its first run (recall 0.940,
/// precision 0.933: 125 true, 9 false, 8 missed pairs of 200 phrases).
const HELD_OUT_24_FLOORS: (f64, f64) = (0.90, 0.90);

/// Floors of the twenty-fifth tuning set, a little under its run after tuning (recall 0.992,
/// precision 1.000; first run 0.715 / 0.907).
const TUNING_25_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the twenty-sixth tuning set, a little under its run after tuning (recall 1.000,
/// precision 1.000; first run 0.915 / 0.929).
const TUNING_26_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the twenty-seventh tuning set, a little under its run after tuning (recall 0.982,
/// precision 1.000; first run 0.901 / 0.980).
const TUNING_27_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the twenty-ninth tuning set, a little under its run after tuning (recall 0.978,
/// precision 0.989; first run 0.733 / 0.917).
const TUNING_29_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of the thirtieth tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.948; first run 0.935 / 0.869).
const TUNING_30_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of the thirty-first tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.949; first run 0.911 / 0.773).
const TUNING_31_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of the twenty-eighth held-out set, a little under its first run (recall 0.926,
/// precision 0.919: 125 true, 11 false, 10 missed pairs of 200 phrases).
const HELD_OUT_28_FLOORS: (f64, f64) = (0.89, 0.88);

/// Floors of the thirty-second held-out set, a little under its first run (recall 0.933,
/// precision 0.940: 125 true, 8 false, 9 missed pairs of 199 phrases).
const HELD_OUT_32_FLOORS: (f64, f64) = (0.90, 0.90);

/// Floors of the thirty-third tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.972; first run 0.905 / 0.841).
const TUNING_33_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of the thirty-fourth tuning set, a little under its run after tuning (recall 0.978,
/// precision 0.892; first run 0.925 / 0.683).
const TUNING_34_FLOORS: (f64, f64) = (0.95, 0.86);

/// Floors of the thirty-fifth tuning set, a little under its run after tuning (recall 0.963,
/// precision 1.000; first run 0.817 / 0.927).
const TUNING_35_FLOORS: (f64, f64) = (0.93, 0.97);

/// Floors of the thirty-seventh tuning set, a little under its run after tuning (recall 0.990,
/// precision 0.954; first run 0.943 / 0.839).
const TUNING_37_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of the thirty-eighth tuning set, a little under its run after tuning (recall 0.990,
/// precision 0.963; first run 0.924 / 0.898).
const TUNING_38_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of the thirty-ninth tuning set, a little under its run after tuning (recall 0.946,
/// precision 0.914; first run 0.839 / 0.879).
const TUNING_39_FLOORS: (f64, f64) = (0.91, 0.88);

/// Floors of the forty-first tuning set, a little under its run after tuning (recall 0.989,
/// precision 0.958; first run 0.871 / 0.764).
const TUNING_41_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of the forty-second tuning set, a little under its run after tuning (recall 0.971,
/// precision 0.962; first run 0.952 / 0.935).
const TUNING_42_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of the thirty-sixth held-out set, a little under its first run (recall 0.923,
/// precision 0.929: 131 true, 10 false, 11 missed pairs of 200 phrases).
const HELD_OUT_36_FLOORS: (f64, f64) = (0.89, 0.89);

/// Floors of the fortieth held-out set, a little under its first run (recall 0.952,
/// precision 0.965: 139 true, 5 false, 7 missed pairs of 200 phrases).
const HELD_OUT_40_FLOORS: (f64, f64) = (0.92, 0.93);

/// Floors of the forty-third tuning set, a little under its run after tuning (recall 0.991,
/// precision 0.991; first run 0.901 / 0.935).
const TUNING_43_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of the forty-fourth tuning set, a little under its run after tuning (recall 0.959,
/// precision 0.922; first run 0.888 / 0.861).
const TUNING_44_FLOORS: (f64, f64) = (0.93, 0.89);

/// Floors of the forty-fifth held-out set, a little under its first run (recall 0.930,
/// precision 0.950: 132 true, 7 false, 10 missed pairs of 200 phrases).
const HELD_OUT_45_FLOORS: (f64, f64) = (0.90, 0.92);

/// Floors of the forty-eighth tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.990; first run 0.939 / 0.959).
const TUNING_48_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of the forty-ninth tuning set, a little under its run after tuning (recall 0.991,
/// precision 0.974; first run 0.929 / 0.963).
const TUNING_49_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of the fiftieth held-out set, a little under its first run (recall 0.919, precision
/// 0.958: 136 true, 6 false, 12 missed pairs of 200 phrases).
const HELD_OUT_50_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of the fifty-second tuning set, a little under its run after tuning (recall 0.981,
/// precision 0.963; first run 0.686 / 0.809).
const TUNING_52_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of the fifty-third tuning set, a little under its run after tuning (recall 0.982,
/// precision 0.991; first run 0.711 / 0.942).
const TUNING_53_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of the fifty-fourth held-out set, a little under its first run (recall 0.971,
/// precision 0.971: 133 true, 4 false, 4 missed pairs of 200 phrases).
const HELD_OUT_54_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of the fifty-fifth tuning set, a little under its run after tuning (recall 0.942,
/// precision 0.990; first run 0.825 / 0.802).
const TUNING_55_FLOORS: (f64, f64) = (0.91, 0.96);

/// Floors of the fifty-sixth tuning set, a little under its run after tuning (recall 0.991,
/// precision 0.991; first run 0.779 / 0.898).
const TUNING_56_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of the fifty-seventh tuning set, a little under its run after tuning (recall 0.989,
/// precision 0.931; first run 0.958 / 0.778).
const TUNING_57_FLOORS: (f64, f64) = (0.95, 0.90);

/// Floors of the fifty-eighth tuning set, a little under its run after tuning (recall 0.981,
/// precision 0.963; first run 0.953 / 0.910).
const TUNING_58_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of the fifty-ninth tuning set, a little under its run after tuning (recall 0.981,
/// precision 0.963; first run 0.914 / 0.914: 96 true, 9 false, 9 missed pairs).
const TUNING_59_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of the sixtieth tuning set, a little under its run after tuning (recall 0.991,
/// precision 0.949; first run 0.823 / 0.886: 93 true, 12 false, 20 missed pairs).
const TUNING_60_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of the sixty-first tuning set, a little under its run after tuning (recall 0.979,
/// precision 0.979; first run 0.821 / 0.918: 78 true, 7 false, 17 missed pairs).
const TUNING_61_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the sixty-second held-out set, a little under its first run (recall 0.972,
/// precision 0.952: 138 true, 7 false, 4 missed pairs of 198 phrases).
const HELD_OUT_62_FLOORS: (f64, f64) = (0.94, 0.92);

/// Floors of the sixty-third held-out set, a little under its first run (recall 0.963,
/// precision 0.978: 131 true, 3 false, 5 missed pairs of 200 phrases).
const HELD_OUT_63_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of the sixty-sixth tuning set, a little under its run after tuning (recall 0.980,
/// precision 0.980; first run 0.931 / 0.862: 94 true, 15 false, 7 missed pairs).
const TUNING_66_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the sixty-seventh tuning set, a little under its run after tuning (recall 0.970,
/// precision 1.000; first run 0.802 / 0.976: 81 true, 2 false, 20 missed pairs).
const TUNING_67_FLOORS: (f64, f64) = (0.94, 0.97);

/// Floors of the sixty-ninth tuning set, a little under its run after tuning (recall 0.982,
/// precision 0.991; first run 0.903 / 0.919: 102 true, 9 false, 11 missed pairs).
const TUNING_69_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of the seventieth tuning set, a little under its run after tuning (recall 0.941,
/// precision 0.979; first run 0.901 / 0.958: 91 true, 4 false, 10 missed pairs).
const TUNING_70_FLOORS: (f64, f64) = (0.91, 0.95);

/// Floors of the seventy-third tuning set, a little under its run after tuning (recall 0.978,
/// precision 0.947; first run 0.978 / 0.927: 89 true, 7 false, 2 missed pairs).
const TUNING_73_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of the seventy-fourth tuning set, a little under its run after tuning (recall 0.917,
/// precision 0.957; first run 0.865 / 0.761: 83 true, 26 false, 13 missed pairs).
const TUNING_74_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of the seventy-fifth held-out set, a little under its first run (recall 0.964,
/// precision 0.950: 133 true, 7 false, 5 missed pairs of 200 phrases).
const HELD_OUT_75_FLOORS: (f64, f64) = (0.93, 0.92);

/// Floors of the seventy-sixth tuning set, a little under its run after tuning (recall 0.991,
/// precision 0.964; first run 0.944 / 0.911: 102 true, 10 false, 6 missed pairs).
const TUNING_76_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of the seventy-seventh tuning set, a little under its run after tuning (recall 0.969,
/// precision 0.990; first run 0.857 / 0.933: 84 true, 6 false, 14 missed pairs).
const TUNING_77_FLOORS: (f64, f64) = (0.94, 0.96);

/// Floors of the seventy-eighth tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.972; first run 0.962 / 0.953: 102 true, 5 false, 4 missed pairs).
const TUNING_78_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of the seventy-ninth tuning set, a little under its run after tuning (recall 0.963,
/// precision 0.990; first run 0.944 / 0.895: 102 true, 12 false, 6 missed pairs).
const TUNING_79_FLOORS: (f64, f64) = (0.93, 0.96);

/// Floors of the eightieth tuning set, a little under its run after tuning (recall 0.981,
/// precision 0.991; first run 0.861 / 0.939: 93 true, 6 false, 15 missed pairs).
const TUNING_80_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of the eighty-first held-out set, a little under its one run (recall 0.986,
/// precision 0.993: 140 true, 1 false, 2 missed pairs of 200 phrases).
const HELD_OUT_81_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of the eighty-second held-out set, a little under its one run (recall 0.971,
/// precision 0.971: 135 true, 4 false, 4 missed pairs of 200 phrases).
const HELD_OUT_82_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of the eighty-fourth tuning set, a little under its run after tuning (recall 0.913,
/// precision 0.949; first run 0.874 / 0.849: 90 true, 16 false, 13 missed pairs).
const TUNING_84_FLOORS: (f64, f64) = (0.88, 0.92);

/// Floors of the eighty-fifth tuning set, a little under its run after tuning (recall 0.938,
/// precision 0.938; first run 0.887 / 0.804: 86 true, 21 false, 11 missed pairs).
const TUNING_85_FLOORS: (f64, f64) = (0.91, 0.91);

/// Floors of the eighty-seventh held-out set, a little under its one run (recall 0.971,
/// precision 0.971: 136 true, 4 false, 4 missed pairs of 198 phrases).
const HELD_OUT_87_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of the eighty-eighth tuning set, a little under its run after tuning (recall 1.000,
/// precision 1.000; first run 0.881 / 0.937: 89 true, 6 false, 12 missed pairs).
const TUNING_88_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of the eighty-ninth tuning set, a little under its run after tuning (recall 0.949,
/// precision 0.974; first run 0.880 / 0.963: 103 true, 4 false, 14 missed pairs).
const TUNING_89_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of the ninetieth tuning set, a little under its run after tuning (recall 0.970,
/// precision 0.977; first run 0.887 / 0.929: 118 true, 9 false, 15 missed pairs).
const TUNING_90_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of the ninety-first tuning set, a little under its run after tuning (recall 1.000,
/// precision 0.946; first run 0.977 / 0.860: 86 true, 14 false, 2 missed pairs).
const TUNING_91_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of the ninety-second tuning set, a little under its run after tuning (recall 0.971,
/// precision 0.978; first run 0.871 / 0.931: 122 true, 9 false, 18 missed pairs).
const TUNING_92_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of the ninety-third tuning set, a little under its run after tuning (recall 0.941,
/// precision 0.990; first run 0.911 / 0.958: 92 true, 4 false, 9 missed pairs).
const TUNING_93_FLOORS: (f64, f64) = (0.91, 0.96);

/// Floors of set 146 (stop 32), a little under its run after tuning (recall 0.992, precision
/// 0.977: 127 true, 3 false, 1 missed pairs; first run 0.938 / 0.968).
const TUNING_146_FLOORS: (f64, f64) = (0.98, 0.96);

/// Floors of set 147 (stop 32), a little under its run after tuning (recall 0.959, precision
/// 0.952: 118 true, 6 false, 5 missed pairs; first run 0.870 / 0.939).
const TUNING_147_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 143 (stop 32), a little under its run after tuning (recall 0.979, precision
/// 0.972: 139 true, 4 false, 3 missed pairs; first run 0.775 / 0.940).
const TUNING_143_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 142 (stop 32), a little under its run after tuning (recall 0.977, precision
/// 0.947: 126 true, 7 false, 3 missed pairs; first run 0.946 / 0.931).
const TUNING_142_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 145 (stop 32), a little under its run after every fix of the stop (recall
/// 0.869, precision 0.946: 139 true, 8 false, 21 missed pairs).
const HELD_OUT_145_FLOORS: (f64, f64) = (0.85, 0.93);

/// Floors of set 144 (stop 32), a little under its run after every fix of the stop (recall
/// 0.974, precision 0.980: 149 true, 3 false, 4 missed pairs).
const HELD_OUT_144_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 141 (stop 32), a little under its run after tuning (recall 0.983, precision
/// 0.959: 116 true, 5 false, 2 missed pairs; first run 0.915 / 0.915).
const TUNING_141_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 140 (stop 32), a little under its run after tuning (recall 0.991, precision
/// 0.975: 116 true, 3 false, 1 missed pairs; first run 0.991 / 0.967).
const TUNING_140_FLOORS: (f64, f64) = (0.98, 0.96);

/// Floors of set 136 (stop 32), a little under its run after every fix of the stop (recall
/// 0.974, precision 0.931: 149 true, 11 false, 4 missed pairs).
const HELD_OUT_136_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of set 138 (stop 32), a little under its run after tuning (recall 0.976, precision
/// 0.976: 81 true, 2 false, 2 missed pairs; first run 0.940 / 0.940).
const TUNING_138_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 139 (stop 32), a little under its run after tuning (recall 0.977, precision
/// 0.948: 127 true, 7 false, 3 missed pairs; first run 0.915 / 0.881).
const TUNING_139_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 137 (stop 32), a little under its run after tuning (recall 0.904, precision
/// 0.943: 132 true, 8 false, 14 missed pairs; first run 0.747 / 0.916).
const TUNING_137_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of set 135 (stop 32), a little under its run after every fix of the stop (recall
/// 0.980, precision 1.000: 148 true, 0 false, 3 missed pairs).
const HELD_OUT_135_FLOORS: (f64, f64) = (0.97, 0.99);

const TUNING_134_FLOORS: (f64, f64) = (0.97, 0.97);

const TUNING_133_FLOORS: (f64, f64) = (0.97, 0.90);

const TUNING_132_FLOORS: (f64, f64) = (0.88, 0.97);

const HELD_OUT_131_FLOORS: (f64, f64) = (0.89, 0.91);

const TUNING_126_FLOORS: (f64, f64) = (0.95, 0.95);

const HELD_OUT_130_FLOORS: (f64, f64) = (0.95, 0.93);

const TUNING_128_FLOORS: (f64, f64) = (0.95, 0.96);

const TUNING_127_FLOORS: (f64, f64) = (0.97, 0.97);

const HELD_OUT_125_FLOORS: (f64, f64) = (0.96, 0.91);

const HELD_OUT_124_FLOORS: (f64, f64) = (0.95, 0.93);

const TUNING_123_FLOORS: (f64, f64) = (0.98, 0.90);

const TUNING_122_FLOORS: (f64, f64) = (0.98, 0.95);

const TUNING_121_FLOORS: (f64, f64) = (0.95, 0.96);

const TUNING_118_FLOORS: (f64, f64) = (0.97, 0.96);

const HELD_OUT_115_FLOORS: (f64, f64) = (0.91, 0.92);

const HELD_OUT_114_FLOORS: (f64, f64) = (0.97, 0.95);

const TUNING_116_FLOORS: (f64, f64) = (0.97, 0.97);

const TUNING_117_FLOORS: (f64, f64) = (0.95, 0.96);

const HELD_OUT_113_FLOORS: (f64, f64) = (0.96, 0.96);

const HELD_OUT_112_FLOORS: (f64, f64) = (0.96, 0.97);

const TUNING_111_FLOORS: (f64, f64) = (0.96, 0.97);

const TUNING_110_FLOORS: (f64, f64) = (0.98, 0.98);

const TUNING_109_FLOORS: (f64, f64) = (0.94, 0.94);

const HELD_OUT_108_FLOORS: (f64, f64) = (0.96, 0.95);

const HELD_OUT_104_FLOORS: (f64, f64) = (0.88, 0.92);

const HELD_OUT_99_FLOORS: (f64, f64) = (0.92, 0.92);

const HELD_OUT_98_FLOORS: (f64, f64) = (0.96, 0.94);

const TUNING_107_FLOORS: (f64, f64) = (0.96, 0.94);

const TUNING_106_FLOORS: (f64, f64) = (0.97, 0.98);

const TUNING_105_FLOORS: (f64, f64) = (0.93, 0.80);

const TUNING_103_FLOORS: (f64, f64) = (0.98, 0.97);

const TUNING_102_FLOORS: (f64, f64) = (0.98, 0.97);

const TUNING_101_FLOORS: (f64, f64) = (0.98, 0.94);

const TUNING_95_FLOORS: (f64, f64) = (0.97, 0.93);

const TUNING_96_FLOORS: (f64, f64) = (0.92, 0.83);

const TUNING_97_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of the ninety-fourth held-out set, a little under its one run (recall 0.978,
/// precision 0.978: 133 true, 3 false, 3 missed pairs of 200 phrases).
const HELD_OUT_94_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of the sixty-eighth held-out set, a little under its first run (recall 0.950,
/// precision 0.971: 132 true, 4 false, 7 missed pairs of 199 phrases).
const HELD_OUT_68_FLOORS: (f64, f64) = (0.92, 0.94);

/// Floors of the seventy-first held-out set, a little under its first run (recall 0.955,
/// precision 0.934: 128 true, 9 false, 6 missed pairs of 200 phrases).
const HELD_OUT_71_FLOORS: (f64, f64) = (0.92, 0.9);

// -- identifiers --------------------------------------------------------------------------------

fn scanner() -> TextScanner {
    TextScanner::new(&Vocabulary::builtin().unwrap(), "33").unwrap()
}

/// Issue 10: identifiers and contact details as people write them into a message, in a set
/// written blind (stop 28, `tests/data/identifiers/README.md`); a tuning set.
#[test]
fn identifiers_in_messages_tuning_set() {
    labelled_set(
        "identifiers/tuning-46.jsonl",
        Labels::Identifiers,
        170,
        IDENTIFIERS_46_FLOORS,
        Shown::Misses,
    );
}

/// A second identifier tuning set (stop 28): contact blocks and signatures pasted into the
/// message, international numbers, extensions.
#[test]
fn identifiers_in_signatures_tuning_set() {
    labelled_set(
        "identifiers/tuning-51.jsonl",
        Labels::Identifiers,
        160,
        IDENTIFIERS_51_FLOORS,
        Shown::Misses,
    );
}

/// A third identifier tuning set (stop 28, second session): the oddest formats (uneven groups,
/// brackets, slashes, separators glued to words, `tel:` prefixes, extensions).
#[test]
fn identifiers_in_odd_formats_tuning_set() {
    labelled_set(
        "identifiers/tuning-64.jsonl",
        Labels::Identifiers,
        170,
        IDENTIFIERS_64_FLOORS,
        Shown::Misses,
    );
}

/// A third identifier tuning set (stop 29): awkward formatting (odd but valid e-mails, phone
/// numbers with extensions, parentheses, mixed separators, many prefixes, numbers glued to
/// labels, identifiers at a line's ends) and look-alikes in the same shapes.
#[test]
fn identifiers_in_messages_third_tuning_set() {
    labelled_set(
        "identifiers/tuning-86.jsonl",
        Labels::Identifiers,
        170,
        IDENTIFIERS_86_FLOORS,
        Shown::Misses,
    );
}

/// A fourth identifier tuning set (stop 30): hard look-alikes (order, parcel, invoice, meter,
/// SIRET, VAT and booking numbers, some passing Luhn or mod-97 by chance) and identifiers
/// written awkwardly (split, labelled, in brackets or URLs, several in a message).
#[test]
fn identifiers_in_messages_fourth_tuning_set() {
    labelled_set(
        "identifiers/tuning-100.jsonl",
        Labels::Identifiers,
        160,
        IDENTIFIERS_100_FLOORS,
        Shown::Misses,
    );
}

/// A fifth identifier tuning set (stop 31): identifiers and contact details written oddly
/// (uneven groups, mixed separators, labels glued on, brackets, `mailto:`, extensions, `(0)`,
/// several per message) and look-alikes in the same shapes.
#[test]
fn identifiers_in_messages_fifth_tuning_set() {
    labelled_set(
        "identifiers/tuning-119.jsonl",
        Labels::Identifiers,
        160,
        IDENTIFIERS_119_FLOORS,
        Shown::Misses,
    );
}

/// A sixth identifier tuning set (stop 31): contact details and identifiers of many countries
/// and in many disguises (local and international phones, overseas numbers, extensions,
/// numbers partly in words, obfuscated e-mails in several languages, IBANs of many registry
/// countries, cards of many issuers) beside look-alikes of the same shapes.
#[test]
fn identifiers_in_messages_sixth_tuning_set() {
    labelled_set(
        "identifiers/tuning-129.jsonl",
        Labels::Identifiers,
        160,
        IDENTIFIERS_129_FLOORS,
        Shown::Misses,
    );
}

/// A fifth identifier held-out set (stop 31), never read: no theme, many countries, two or
/// three findings per message beside look-alikes; written before any fix of the stop, run once
/// after all of them.
#[test]
fn identifiers_in_messages_fifth_held_out_set() {
    labelled_set(
        "identifiers/heldout-120.jsonl",
        Labels::Identifiers,
        170,
        IDENTIFIERS_120_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A fourth identifier held-out set (stop 29), never read: no theme, numbers of many countries,
/// messages with two or three findings beside look-alikes; run once after every fix of the
/// stop.
#[test]
fn identifiers_in_messages_fourth_held_out_set() {
    labelled_set(
        "identifiers/heldout-83.jsonl",
        Labels::Identifiers,
        170,
        IDENTIFIERS_83_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A third identifier held-out set (stop 28, second session), never read: no theme; written
/// after the session's first identifier fixes, run once after all of them.
#[test]
fn identifiers_in_messages_third_held_out_set() {
    labelled_set(
        "identifiers/heldout-72.jsonl",
        Labels::Identifiers,
        200,
        IDENTIFIERS_72_FLOORS,
        Shown::TotalsOnly,
    );
}

/// A second identifier held-out set (stop 28, second session), never read: no theme; run once
/// after every fix of the session.
#[test]
fn identifiers_in_messages_second_held_out_set() {
    labelled_set(
        "identifiers/heldout-65.jsonl",
        Labels::Identifiers,
        200,
        IDENTIFIERS_65_FLOORS,
        Shown::TotalsOnly,
    );
}

/// The same on a held-out set, never read: written before any fix of the stop and run once after
/// all of them.
#[test]
fn identifiers_in_messages_held_out_set() {
    labelled_set(
        "identifiers/heldout-47.jsonl",
        Labels::Identifiers,
        200,
        IDENTIFIERS_47_FLOORS,
        Shown::TotalsOnly,
    );
}

/// Floors of the third identifier tuning set, a little under its run after tuning (recall 1.000,
/// precision 1.000; first run 1.000 / 0.986: 138 true, 2 false, 0 missed pairs).
const IDENTIFIERS_86_FLOORS: (f64, f64) = (0.97, 0.97);

const IDENTIFIERS_100_FLOORS: (f64, f64) = (0.96, 0.97);
const IDENTIFIERS_119_FLOORS: (f64, f64) = (0.98, 0.98);
const IDENTIFIERS_129_FLOORS: (f64, f64) = (0.96, 0.97);
const IDENTIFIERS_120_FLOORS: (f64, f64) = (0.98, 0.97);

/// Floors of the fourth identifier held-out set, a little under its one run (recall 0.993,
/// precision 0.980: 145 true, 3 false, 1 missed pair of 170 messages).
const IDENTIFIERS_83_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of the third identifier held-out set, a little under its first run (recall 0.959,
/// precision 0.964: 163 true, 6 false, 7 missed pairs of 200 messages).
const IDENTIFIERS_72_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of the identifier tuning set, a little under its run after tuning (recall 0.986,
/// precision 1.000; first run 0.896 / 0.977: 129 true, 3 false, 15 missed pairs).
const IDENTIFIERS_46_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of the second identifier tuning set, a little under its run after tuning (recall
/// 0.980, precision 0.993; first run 0.941 / 0.973: 143 true, 4 false, 9 missed pairs).
const IDENTIFIERS_51_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of the identifier held-out set, a little under its first run (recall 0.982,
/// precision 0.988: 168 true, 2 false, 3 missed pairs of 200 messages).
const IDENTIFIERS_47_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of the third identifier tuning set, a little under its run after tuning (recall
/// 0.986, precision 0.986; first run 0.931 / 0.985: 134 true, 2 false, 10 missed pairs).
const IDENTIFIERS_64_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of the second identifier held-out set, a little under its first run (recall 0.974,
/// precision 0.987: 152 true, 2 false, 4 missed pairs of 200 messages).
const IDENTIFIERS_65_FLOORS: (f64, f64) = (0.94, 0.96);

/// Data lines of a vector file (`#` comments and blank lines skipped).
fn vectors(rel: &str) -> Vec<String> {
    data(rel)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The written number without an `IBAN`/`IBAN:` prefix, as it stands in a message.
fn iban_as_written(line: &str) -> &str {
    let lower = line.to_ascii_lowercase();
    for prefix in ["iban: ", "iban:", "iban "] {
        if lower.starts_with(prefix) {
            return &line[prefix.len()..];
        }
    }
    line
}

#[test]
fn python_stdnum_iban_samples_are_all_found() {
    let s = scanner();
    let valid = vectors("identifiers/ibans-valid.txt");
    assert!(valid.len() > 700, "{}", valid.len());
    let mut missed = Vec::new();
    for line in &valid {
        let text = format!("Bonjour, {line}. Merci");
        match s.scan(&text) {
            Some(r) if r.categories == [Category::Iban] => {
                let written = iban_as_written(line);
                assert!(!r.text.contains(written), "{text} -> {}", r.text);
                assert!(r.text.contains("[redacted:iban]"), "{}", r.text);
            }
            other => missed.push(format!("{line}: {:?}", other.map(|r| r.categories))),
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} missed:\n{}",
        missed.len(),
        valid.len(),
        missed.join("\n")
    );
}

#[test]
fn broken_and_wrong_length_ibans_are_never_findings() {
    let s = scanner();
    let invalid = vectors("identifiers/ibans-invalid.txt");
    assert!(invalid.len() > 150, "{}", invalid.len());
    for line in &invalid {
        let text = format!("Bonjour, {line}. Merci");
        let found = s.scan(&text).map(|r| r.categories).unwrap_or_default();
        assert!(!found.contains(&Category::Iban), "{line}: {found:?}");
    }
}

#[test]
fn presidio_card_numbers() {
    let s = scanner();
    let lines = vectors("identifiers/cards.txt");
    let (mut valid, mut invalid) = (0, 0);
    for line in &lines {
        let (label, number) = line.split_once('\t').unwrap();
        let text = format!("ma carte : {number} merci");
        let found = s.scan(&text);
        match label {
            "valid" => {
                valid += 1;
                let r = found.unwrap_or_else(|| panic!("{number} not found"));
                assert!(
                    r.categories == [Category::PaymentCard]
                        || r.categories == [Category::NationalId],
                    "{number}: {:?}",
                    r.categories
                );
                assert_eq!(
                    r.text,
                    format!("ma carte : [redacted:{}] merci", r.categories[0])
                );
            }
            "invalid" => {
                invalid += 1;
                let cats = found.map(|r| r.categories).unwrap_or_default();
                assert!(!cats.contains(&Category::PaymentCard), "{number}: {cats:?}");
            }
            other => panic!("label {other}"),
        }
    }
    assert!(valid >= 60 && invalid >= 60, "{valid} {invalid}");
}

#[test]
fn identifiers_with_separators_of_every_kind() {
    let s = scanner();
    for (written, category) in [
        ("2 70 12 69 765 674 81", Category::NationalId),
        ("2.70.12.69.765.674.81", Category::NationalId),
        ("2-70-12-69-765-674-81", Category::NationalId),
        ("4037-5196-6407-3531", Category::PaymentCard),
        ("4037 5196 6407 3531", Category::PaymentCard),
        ("ES 58 0049 0290 3424 1352 8341", Category::Iban),
        ("ES15-0049-1806-9121-1186-9374", Category::Iban),
        ("NO 44 1850.05.14562", Category::Iban),
        ("MC11 1273 9000 7000 1111 1000 h79", Category::Iban),
    ] {
        let r = s
            .scan(&format!("voici {written} ok"))
            .unwrap_or_else(|| panic!("{written}"));
        assert_eq!(r.categories, [category], "{written}");
        assert_eq!(r.text, format!("voici [redacted:{category}] ok"));
    }
}

#[test]
fn built_in_vocabularies_compile_for_every_category() {
    // Every built-in file parses and compiles (the guard refuses to start otherwise).
    let v = Vocabulary::builtin().expect("built-in vocabularies parse");
    TextScanner::new(&v, "33").unwrap();
    let sizes = v.sizes();
    assert_eq!(sizes.len(), 10);
}

/// The spans the fuzz target checks the redaction against (`ScannedText::spans`, public for
/// it): in text order, each replaced by its marker, nothing else changed (S1, S3).
#[test]
fn scanner_spans_are_exactly_what_is_redacted() {
    let s = scanner();
    let text = "IBAN FR76 3000 6000 0112 3456 7890 189, mail jean@example.fr. Je suis diabétique.";
    let found = s.find(text).expect("findings");
    let spans: Vec<_> = found.spans().collect();
    let categories: Vec<Category> = spans.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        categories,
        [Category::Iban, Category::Email, Category::Health]
    );
    assert_eq!(
        &text[spans[0].0.clone()],
        "FR76 3000 6000 0112 3456 7890 189"
    );
    assert_eq!(&text[spans[1].0.clone()], "jean@example.fr");
    let mut rebuilt = String::new();
    let mut end = 0;
    for (range, category) in &spans {
        rebuilt.push_str(&text[end..range.start]);
        rebuilt.push_str(&format!("[redacted:{category}]"));
        end = range.end;
    }
    rebuilt.push_str(&text[end..]);
    assert_eq!(s.scan(text).expect("redacted").text, rebuilt);
}

/// Found by the `scanner` fuzz target (a harness false alarm, pinned here): a text that already
/// holds a redaction marker, as a copy redacted upstream would. The statements around it are
/// still redacted, the marker text is no hiding place for them (S2, S3).
#[test]
fn text_already_holding_a_redaction_marker_is_still_redacted() {
    let s = scanner();
    let text = "[redacted:religion], Nous sommes juifs pratiquants, l'installation ne peut pas \
                avoir lieu un samedi à cause du shabbat.";
    let r = s.scan(text).expect("findings");
    assert!(!r.text.contains("juifs"), "{}", r.text);
    assert!(!r.text.contains("shabbat"), "{}", r.text);
    assert!(r
        .text
        .starts_with("[redacted:religion], [redacted:religion]"));
    assert_eq!(r.categories, [Category::Religion]);
}

/// Regression of the fuzz finding `fuzz/regressions/scanner/clause-cut-leaves-a-card-number`:
/// the clause around "messe" began after the `.` of `255102607.4351.95la`, a run of digits that
/// is no card as written (15 digits glued to a word), and the redaction left
/// `255102607.4351.` standing alone before the marker: 13 digits, Luhn-valid, a Mastercard
/// prefix (S1). A separator between two digits no longer bounds a clause. Since Mastercard
/// numbers must have 16 digits (stop 28) that tail is no card any more, so the case is kept with
/// a 13-digit Visa number in its place.
#[test]
fn a_clause_redaction_never_cuts_a_number_into_a_card_number() {
    let s = scanner();
    let text = "ME 425510260.4358.95la messe. 0VVVV0";
    assert!(
        s.scan("425510260.4358").is_some(),
        "the tail alone is a card number"
    );
    let r = s.scan(text).expect("findings");
    assert_eq!(r.categories, [Category::Religion]);
    assert!(!r.text.contains("425510260"), "{}", r.text);
    let again = s.scan(&r.text).map(|a| a.categories).unwrap_or_default();
    assert!(!again.contains(&Category::PaymentCard), "{}", r.text);
}

/// Regression of the fuzz finding `fuzz/regressions/scanner/email-cut-leaves-a-card-number`:
/// the e-mail address `23+5ra@…` began inside the number `1133020 0110 0001 23`, which is no
/// card as written, and the copies without the e-mail field kept `1133020 0110 0001` before
/// the marker: 15 digits, Luhn-valid, a UATP prefix (S1). A replacement that begins or ends
/// inside a number now covers the whole number.
#[test]
fn a_contact_redaction_never_cuts_a_number_into_a_card_number() {
    assert!(
        scanner().scan("1133020 0110 0001").is_some(),
        "the head alone is a card number"
    );
    contact_redaction_leaves_no_identifier(
        "email-cut-leaves-a-card-number",
        "1133020",
        Category::PaymentCard,
    );
}

/// Regression of the fuzz finding `fuzz/regressions/scanner/email-cut-after-two-spaces-leaves-a-card-number`:
/// as the one above, but the number went on after two spaces (`1133020 0110 0001  0110 0001
/// 23+5ra@…`), a joint the card reader crosses between groups of four; the widening of the
/// e-mail's replacement stopped there and left `1133020 0110 0001` before the marker. It now
/// crosses the same joints as the reader.
#[test]
fn a_contact_redaction_never_cuts_a_number_at_a_card_joint() {
    contact_redaction_leaves_no_identifier(
        "email-cut-after-two-spaces-leaves-a-card-number",
        "1133020",
        Category::PaymentCard,
    );
}

/// Regression of the fuzz finding `fuzz/regressions/scanner/email-cut-leaves-an-iban`: the run
/// `MT84 MALT 0110 0001 2345 MTLC AST0 01S0 0003 24` is too long for a Maltese IBAN and no
/// candidate as written, but the e-mail address `0 0003 24ra@…` cut from it left `MT84 … 01S`,
/// a valid one, before the marker. What a replacement leaves standing is read again.
#[test]
fn a_contact_redaction_never_leaves_an_iban_standing() {
    assert!(
        scanner()
            .scan("IBAN MT84 MALT 0110 0001 2345 MTLC AST0 01S")
            .is_some(),
        "the head alone is an IBAN"
    );
    contact_redaction_leaves_no_identifier("email-cut-leaves-an-iban", "MT84", Category::Iban);
}

/// Scans the fuzz finding `fuzz/regressions/scanner/<name>`, whose e-mail address is cut from a
/// longer number: the address is found, `head` (the part that would stand alone as an
/// identifier) is redacted with it, and the redacted text holds no `identifier` on a second scan.
fn contact_redaction_leaves_no_identifier(name: &str, head: &str, identifier: Category) {
    let s = scanner();
    let raw = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/scanner")
            .join(name),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&raw);
    let r = s.scan(&text).expect("findings");
    assert!(
        r.categories.contains(&Category::Email),
        "{:?}",
        r.categories
    );
    assert!(!r.text.contains(head), "{}", r.text);
    let again = s.scan(&r.text).map(|a| a.categories).unwrap_or_default();
    assert!(!again.contains(&identifier), "{}", r.text);
}

/// Floors of the seventh held-out set, a little under its first run (recall 0.937, precision
/// 0.944: 119 true, 7 false, 8 missed pairs of 200 phrases).
const HELD_OUT_7_FLOORS: (f64, f64) = (0.90, 0.90);

/// Floors of the eighth tuning set, a little under its run after tuning (recall 0.944,
/// precision 0.992; first run 0.688 / 0.925).
const TUNING_8_FLOORS: (f64, f64) = (0.92, 0.95);

/// Floors of the ninth held-out set, a little under its first run (recall 0.921, precision
/// 0.959: 117 true, 5 false, 10 missed pairs of 200 phrases; 0.929 / 0.959 after the tenth
/// tuning set's fixes).
const HELD_OUT_9_FLOORS: (f64, f64) = (0.89, 0.92);

/// Floors of the tenth tuning set, a little under its run after tuning (recall 0.982,
/// precision 1.000; first run 0.864 / 0.960).
const TUNING_10_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 148 (stop 33), a little under its first run, before any fix of the stop (recall
/// 0.961, precision 0.980: 149 true, 3 false, 6 missed pairs).
const HELD_OUT_148_FLOORS: (f64, f64) = (0.94, 0.96);

/// Floors of set 149 (stop 33), a little under its first run, before any fix of the stop (recall
/// 0.861, precision 0.951: 136 true, 7 false, 22 missed pairs).
const HELD_OUT_149_FLOORS: (f64, f64) = (0.84, 0.93);

/// Floors of set 150 (stop 33), a little under its run after tuning (recall 0.989, precision
/// 1.000: 174 true, 0 false, 2 missed pairs; first run 0.869 / 0.968).
const TUNING_150_FLOORS: (f64, f64) = (0.97, 0.98);

/// Floors of set 151 (stop 33), a little under its run after tuning (recall 0.940, precision
/// 1.000: 140 true, 0 false, 9 missed pairs; first run 0.852 / 0.984).
const TUNING_151_FLOORS: (f64, f64) = (0.92, 0.98);

/// Floors of set 152 (stop 33), a little under its run after tuning (recall 1.000, precision
/// 1.000: 95 true, 0 false, 0 missed pairs; first run 0.989 / 0.959).
const TUNING_152_FLOORS: (f64, f64) = (0.98, 0.98);

/// Floors of set 153 (stop 33), a little under its run after tuning (recall 0.993, precision
/// 0.957: 135 true, 6 false, 1 missed pairs; first run 0.949 / 0.956).
const TUNING_153_FLOORS: (f64, f64) = (0.98, 0.94);

/// Floors of set 154 (stop 33), a little under its run after tuning (recall 1.000, precision
/// 1.000: 128 true, 0 false, 0 missed pairs; first run 0.961 / 0.976).
const TUNING_154_FLOORS: (f64, f64) = (0.98, 0.98);

/// Floors of set 158 (stop 33), a little under its first run, after every fix of the stop
/// (recall 0.956, precision 0.974: 152 true, 4 false, 7 missed pairs).
const HELD_OUT_158_FLOORS: (f64, f64) = (0.94, 0.96);

/// Floors of set 155 (stop 33), a little under its run after tuning (recall 0.968, precision
/// 1.000: 121 true, 0 false, 4 missed pairs; first run 0.824 / 0.990).
const TUNING_155_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 156 (stop 33), a little under its run after tuning (recall 0.981, precision
/// 0.981: 152 true, 3 false, 3 missed pairs; first run 0.858 / 0.930).
const TUNING_156_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 157 (stop 33), a little under its run after tuning (recall 0.984, precision
/// 1.000: 127 true, 0 false, 2 missed pairs; first run 0.938 / 0.960).
const TUNING_157_FLOORS: (f64, f64) = (0.97, 0.98);

/// Floors of set 159 (stop 33), a little under its run after tuning (recall 0.987, precision
/// 1.000: 151 true, 0 false, 2 missed pairs; first run 0.902 / 0.972).
const TUNING_159_FLOORS: (f64, f64) = (0.97, 0.98);

/// Floors of set 160 (stop 33), a little under its run after tuning (recall 0.993, precision
/// 0.985: 134 true, 2 false, 1 missed pairs; first run 0.919 / 0.954).
const TUNING_160_FLOORS: (f64, f64) = (0.98, 0.97);

/// Floors of set 161 (stop 33), a little under its run after tuning (recall 0.985, precision
/// 1.000: 130 true, 0 false, 2 missed pairs; first run 0.947 / 1.000).
const TUNING_161_FLOORS: (f64, f64) = (0.97, 0.98);

/// Floors of set 162 (stop 34), held out: a little under its first run, before any fix of the
/// stop (recall 0.942, precision 0.967: 147 true, 5 false, 9 missed pairs), unchanged after them.
const HELD_OUT_162_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 163 (stop 34), a little under its run after tuning (recall 0.963, precision
/// 1.000: 131 true, 0 false, 5 missed pairs; first run 0.838 / 0.983).
const TUNING_163_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 165 (stop 34), a little under its run after tuning (recall 0.971, precision
/// 1.000: 135 true, 0 false, 4 missed pairs; first run 0.899 / 0.969).
const TUNING_165_FLOORS: (f64, f64) = (0.96, 0.98);

/// Floors of set 166 (stop 34), a little under its run after tuning (recall 0.985, precision
/// 0.978: 132 true, 3 false, 2 missed pairs; first run 0.858 / 0.920).
const TUNING_166_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 164 (stop 34), a little under its run after tuning (recall 0.992, precision
/// 0.961: 124 true, 5 false, 1 missed pair; first run, after sets 163, 165 and 166's fixes,
/// 0.984 / 0.925).
const TUNING_164_FLOORS: (f64, f64) = (0.98, 0.95);

/// Floors of set 167 (stop 34), a little under its run after tuning (recall 0.960, precision
/// 0.992: 120 true, 1 false, 5 missed pairs; first run 0.848 / 0.991).
const TUNING_167_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 168 (stop 34), a little under its run after tuning (recall 0.992, precision
/// 0.992: 120 true, 1 false, 1 missed pair; first run 0.884 / 0.991).
const TUNING_168_FLOORS: (f64, f64) = (0.98, 0.98);

/// Floors of set 169 (stop 34), a little under its run after tuning (recall 0.962, precision
/// 0.956: 152 true, 7 false, 6 missed pairs; first run 0.918 / 0.948). Three entries that made
/// frequent words triggers ("the 12 steps", "put me on something", "perdre notre bébé") were
/// dropped for speed.
const TUNING_169_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 170 (stop 34), a little under its run after tuning (recall 0.935, precision
/// 1.000: 115 true, 0 false, 8 missed pairs; first run 0.862 / 1.000).
const TUNING_170_FLOORS: (f64, f64) = (0.92, 0.98);

/// Floors of set 171 (stop 34), a little under its run after tuning (recall 0.915, precision
/// 0.740: 97 true, 34 false, 9 missed pairs; first run 0.915 / 0.683). Professional senders:
/// most look-alikes left name an organisation with other words of its clause or in another one.
const TUNING_171_FLOORS: (f64, f64) = (0.90, 0.72);

/// Floors of held-out set 172 (stop 35): its first run, before any fix of the stop (recall
/// 0.986, precision 0.966: 140 true, 5 false, 2 missed pairs); after every fix 0.993 / 0.966
/// (141, 5, 1).
const HELD_OUT_172_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 173 (stop 35), after the stop's fixes (recall 0.983, precision 0.927: 114
/// true, 9 false, 2 missed pairs; first run 0.966 / 0.875).
const TUNING_173_FLOORS: (f64, f64) = (0.97, 0.90);

/// Floors of set 174 (stop 35), after the stop's fixes (recall 1.000, precision 1.000: 126
/// true pairs; first run 0.905 / 1.000).
const TUNING_174_FLOORS: (f64, f64) = (0.98, 0.98);

/// Floors of set 175 (stop 35), after the stop's fixes (recall 0.985, precision 0.903: 65
/// true, 7 false, 1 missed pair; first run 0.970 / 0.889): most look-alikes left are a
/// trade's orders (a pharmacist's test kits, a school's face recognition).
const TUNING_175_FLOORS: (f64, f64) = (0.96, 0.88);

/// Floors of set 176 (stop 35), after the stop's fixes (recall 0.956, precision 0.970: 130
/// true, 4 false, 6 missed pairs; first run 0.904 / 0.918).
const TUNING_176_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 178 (stop 35), after the stop's fixes (recall 0.939, precision 0.982: 107
/// true, 2 false, 7 missed pairs; first run 0.895 / 0.953).
const TUNING_178_FLOORS: (f64, f64) = (0.92, 0.96);

/// Floors of set 179 (stop 35), after the stop's fixes (recall 0.993, precision 0.979: 138
/// true, 3 false, 1 missed pair; first run 0.986 / 0.965).
const TUNING_179_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 180 (stop 35), after the stop's fixes (recall 0.992, precision 0.985: 130
/// true, 2 false, 1 missed pair; first run 0.962 / 0.977).
const TUNING_180_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 177 (stop 35), after the stop's fixes (recall 0.992, precision 0.984: 125
/// true, 2 false, 1 missed pair; first run, after the fixes of sets 178 - 180, 0.913 / 0.943).
const TUNING_177_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of held-out set 181 (stop 35): its first run, after the fixes of sets 173 - 180 and
/// before those of 182 - 184 (recall 0.993, precision 0.979: 137 true, 3 false, 1 missed
/// pair), the same after them.
const HELD_OUT_181_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 182 (stop 35), after the stop's fixes (recall 0.975, precision 0.967: 116
/// true, 4 false, 3 missed pairs; first run 0.899 / 0.939).
const TUNING_182_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 183 (stop 35), after the stop's fixes (recall 0.972, precision 0.972: 103
/// true, 3 false, 3 missed pairs; first run 0.934 / 0.934).
const TUNING_183_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 184 (stop 35), after the stop's fixes (recall 0.975, precision 0.967: 119
/// true, 4 false, 3 missed pairs; first run 0.959 / 0.886).
const TUNING_184_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of held-out set 185 (stop 35): its first run, before the fourth round's fixes
/// (recall 0.942, precision 0.935: 130 true, 9 false, 8 missed pairs), the same after them.
const HELD_OUT_185_FLOORS: (f64, f64) = (0.92, 0.91);

/// Floors of set 187 (stop 35), after the stop's fixes (recall 0.913, precision 0.983: 115
/// true, 2 false, 11 missed pairs; first run 0.762 / 0.980): most misses left show the
/// writer's gender only by a signature.
const TUNING_187_FLOORS: (f64, f64) = (0.89, 0.96);

/// Floors of set 188 (stop 35), after the stop's fixes (recall 0.975, precision 0.983: 115
/// true, 2 false, 3 missed pairs; first run 0.814 / 0.906).
const TUNING_188_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of set 186 (stop 35), after the stop's fixes (recall 0.930, precision 0.964: 159
/// true, 6 false, 12 missed pairs; first run 0.789 / 0.912).
const TUNING_186_FLOORS: (f64, f64) = (0.91, 0.94);

/// Floors of set 195 (stop 36), after the stop's fixes (first run 0.963 / 0.942).
const TUNING_195_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 191 (stop 36), after the stop's fixes (first run 0.709 / 0.892).
const TUNING_191_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of held-out set 189 (stop 36): its first run, before any fix of the stop (recall
/// 0.956, precision 0.970: 129 true, 4 false, 6 missed pairs), less a margin.
const HELD_OUT_189_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 193 (stop 36), after the stop's fixes (first run 0.733 / 0.944).
const TUNING_193_FLOORS: (f64, f64) = (0.92, 0.97);

/// Floors of set 194 (stop 36), after the stop's fixes (first run 0.986 / 0.835).
const TUNING_194_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 190 (stop 36), after the stop's fixes (first run 0.786 / 0.991).
const TUNING_190_FLOORS: (f64, f64) = (0.89, 0.98);

/// Floors of set 192 (stop 36), after the stop's fixes (first run 0.818 / 0.943).
const TUNING_192_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 197 (stop 36), after the stop's fixes (first run 0.755 / 1.000).
const TUNING_197_FLOORS: (f64, f64) = (0.9, 0.98);

/// Floors of set 198 (stop 36), after the stop's fixes (first run 0.838 / 0.975).
const TUNING_198_FLOORS: (f64, f64) = (0.89, 0.96);

/// Floors of set 199 (stop 36), after the stop's fixes (first run 0.843 / 0.922).
const TUNING_199_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 200 (stop 36), after the stop's fixes (first run 0.942 / 0.970).
const TUNING_200_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of held-out set 196 (stop 36): its first run, after the stop's first round and during
/// the second (recall 0.964, precision 0.950: 132 true, 7 false, 5 missed pairs), less a margin.
const HELD_OUT_196_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of held-out set 201 (stop 36): its first run, after the stop's second round and
/// before the third (recall 0.950, precision 0.964: 132 true, 5 false, 7 missed pairs), less a margin.
const HELD_OUT_201_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 202 (stop 36), after the stop's fixes (first run 0.873 / 0.940).
const TUNING_202_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 203 (stop 36), after the stop's fixes (first run 0.890 / 0.919).
const TUNING_203_FLOORS: (f64, f64) = (0.9, 0.93);

/// Floors of set 204 (stop 36), after the stop's fixes (first run 0.800 / 0.971).
const TUNING_204_FLOORS: (f64, f64) = (0.87, 0.95);

/// Floors of set 205 (stop 36), after the stop's fixes (first run 0.855 / 0.974).
const TUNING_205_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of held-out set 206 (stop 36): its first run, after the stop's third round and
/// before the fourth (recall 0.913, precision 0.955: 126 true, 6 false, 12 missed pairs), less a margin.
const HELD_OUT_206_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of set 207 (stop 36), after the stop's fixes (first run 0.942 / 0.927).
const TUNING_207_FLOORS: (f64, f64) = (0.97, 0.93);

/// Floors of set 208 (stop 36), after the stop's fixes (first run 0.808 / 0.990).
const TUNING_208_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 209 (stop 36), after the stop's fixes (first run 0.870 / 0.969).
const TUNING_209_FLOORS: (f64, f64) = (0.88, 0.96);

/// Floors of set 210 (stop 36), after the stop's fixes (first run 0.983 / 0.926).
const TUNING_210_FLOORS: (f64, f64) = (0.97, 0.9);

/// Floors of held-out set 211 (stop 37): its first run, before any change of the stop (0.917 /
/// 0.992).
const HELD_OUT_211_FLOORS: (f64, f64) = (0.9, 0.97);

/// Floors of set 212 (stop 37): after its round (first run 0.736 / 0.965, then 0.905 / 0.985).
const TUNING_212_FLOORS: (f64, f64) = (0.88, 0.96);

/// Floors of set 213 (stop 37): after its round (first run 0.879 / 0.901, then 0.976 / 0.968).
const TUNING_213_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 214 (stop 37): after its round (first run 0.988 / 0.911, then 0.988 / 0.965).
const TUNING_214_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 215 (stop 37): after its round (first run 0.954 / 0.954, then 0.974 / 0.967).
const TUNING_215_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of held-out set 216 (stop 37): its first run, after the stop's first round (0.930 /
/// 0.960).
const HELD_OUT_216_FLOORS: (f64, f64) = (0.91, 0.94);

/// Floors of set 217 (stop 37): after its round (first run 0.856 / 0.955, then 0.992 / 0.976).
const TUNING_217_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of set 218 (stop 37): after its round (first run 0.835 / 0.964, then 0.956 / 0.981).
const TUNING_218_FLOORS: (f64, f64) = (0.94, 0.96);

/// Floors of set 219 (stop 37): after the first round's rule (first run 0.695 / 0.965, then
/// 0.881 / 0.990).
const TUNING_219_FLOORS: (f64, f64) = (0.86, 0.97);

/// Floors of set 221 (stop 37): after its round (first run 0.692 / 0.971, then 0.829 / 0.992).
const TUNING_221_FLOORS: (f64, f64) = (0.81, 0.97);

/// Floors of set 223 (stop 37): after its round (first run 0.930 / 0.961, then 0.968 / 0.974).
const TUNING_223_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 224 (stop 37): after its round (first run 0.847 / 0.972, then 0.879 / 0.982).
const TUNING_224_FLOORS: (f64, f64) = (0.86, 0.96);

/// Floors of set 222 (stop 37): after its round (first run 0.870 / 0.943, then 0.983 / 0.966).
const TUNING_222_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of held-out set 220 (stop 37): its first run, after the stop's second round (0.909 /
/// 0.968).
const HELD_OUT_220_FLOORS: (f64, f64) = (0.89, 0.95);

/// Floors of held-out set 225 (stop 38): its first run, before any change of the stop (0.927 /
/// 0.920).
const HELD_OUT_225_FLOORS: (f64, f64) = (0.91, 0.90);

/// Floors of set 226 (stop 38): after its round (first run 0.863 / 0.960, then 0.935 / 0.985).
const TUNING_226_FLOORS: (f64, f64) = (0.92, 0.97);

/// Floors of set 227 (stop 38): after its round (first run 0.823 / 0.953, then 0.903 / 0.982).
const TUNING_227_FLOORS: (f64, f64) = (0.89, 0.97);

/// Floors of set 228 (stop 38): after its round (first run 0.911 / 0.958, then 0.970 / 1.000).
const TUNING_228_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 229 (stop 38): after its round (first run 0.867 / 0.961, then 0.894 / 0.962).
const TUNING_229_FLOORS: (f64, f64) = (0.88, 0.95);

/// Floors of held-out set 230 (stop 38): its first run, after the stop's first round (0.985 /
/// 0.905).
const HELD_OUT_230_FLOORS: (f64, f64) = (0.97, 0.89);

/// Floors of set 231 (stop 38): after its round (first run 0.900 / 0.925, then 1.000 / 0.982).
const TUNING_231_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 232 (stop 38): after its round (first run 0.897 / 0.935, then 0.969 / 0.989).
const TUNING_232_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 233 (stop 38): after its round (first run 0.919 / 0.947, then 0.970 / 0.985).
const TUNING_233_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 234 (stop 38): after its round (first run 0.988 / 0.976, then 1.000 / 1.000).
const TUNING_234_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of held-out set 235 (stop 38): its first run, after the stop's second round (0.992 /
/// 0.929).
const HELD_OUT_235_FLOORS: (f64, f64) = (0.97, 0.91);

/// Floors of set 236 (stop 38): after its round (first run 0.896 / 0.950, then 0.991 / 0.981).
const TUNING_236_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 237 (stop 38): after its round (first run 0.848 / 0.922, then 0.982 / 0.982).
const TUNING_237_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 238 (stop 38): after its round (first run 0.882 / 0.947, then 0.931 / 0.990).
const TUNING_238_FLOORS: (f64, f64) = (0.91, 0.97);

/// Floors of set 239 (stop 38): after its round (first run 0.981 / 0.857, then 0.990 / 0.912).
const TUNING_239_FLOORS: (f64, f64) = (0.97, 0.89);

/// Floors of held-out set 240 (stop 38): its only run, after the stop's third round (0.915 /
/// 0.857).
const HELD_OUT_240_FLOORS: (f64, f64) = (0.90, 0.84);

/// Floors of held-out set 245 (stop 38): its only run, after the stop's fourth round (0.959 /
/// 0.901).
const HELD_OUT_245_FLOORS: (f64, f64) = (0.94, 0.88);

/// Floors of set 241 (stop 38): after its round (first run 0.972 / 0.651, then 0.972 / 0.802).
const TUNING_241_FLOORS: (f64, f64) = (0.95, 0.78);

/// Floors of set 242 (stop 38): after its round (first run 1.000 / 0.703, then 1.000 / 0.865).
const TUNING_242_FLOORS: (f64, f64) = (0.97, 0.84);

/// Floors of set 243 (stop 38): professionals speaking of their cases, the known limit (first
/// run 1.000 / 0.658, then 0.974 / 0.694 with `[sender]` and `[profession]`; 0.987 / 0.760 with
/// stop 39's casework and workplace frames).
const TUNING_243_FLOORS: (f64, f64) = (0.97, 0.74);

/// Floors of set 244 (stop 38): after its round (first run 0.971 / 0.859, unchanged).
const TUNING_244_FLOORS: (f64, f64) = (0.95, 0.84);

/// Floors of held-out set 246 (stop 39): its first run, before any change of the stop (0.979 /
/// 0.958).
const HELD_OUT_246_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of held-out set 247 (stop 39): its first run, before any change of the stop (0.935 /
/// 0.943).
const HELD_OUT_247_FLOORS: (f64, f64) = (0.92, 0.92);

/// Floors of set 250 (stop 39): after its round (first run, on ac7f4f5, 0.971 / 0.917; at the
/// end 1.000 / 0.963).
const TUNING_250_FLOORS: (f64, f64) = (0.98, 0.94);

/// Floors of set 248 (stop 39): after its round (first run, on ac7f4f5, 0.957 / 0.642; at the
/// end 0.957 / 0.846).
const TUNING_248_FLOORS: (f64, f64) = (0.94, 0.83);

/// Floors of set 249 (stop 39): after its round (first run, on ac7f4f5, 0.850 / 0.890; at the
/// end 0.902 / 0.902).
const TUNING_249_FLOORS: (f64, f64) = (0.88, 0.88);

/// Floors of set 251 (stop 39): after its round (first run, on ac7f4f5, 0.954 / 0.981; at the
/// end 0.981 / 0.991).
const TUNING_251_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of held-out set 252 (stop 39): its first run, after the stop's first round (0.893 /
/// 0.814); at the end 0.903 / 0.823.
const HELD_OUT_252_FLOORS: (f64, f64) = (0.88, 0.80);

/// Floors of held-out set 253 (stop 39): its first run, after the stop's first round (0.985 /
/// 0.957); the same at the end.
const HELD_OUT_253_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 256 (stop 39): after its round (first run, on ac7f4f5, 0.725 / 0.988; at the
/// end 0.835 / 0.989).
const TUNING_256_FLOORS: (f64, f64) = (0.81, 0.97);

/// Floors of set 258 (stop 39): after its round (first run, on ac7f4f5, 1.000 / 0.909; at the
/// end 1.000 / 0.909).
const TUNING_258_FLOORS: (f64, f64) = (0.98, 0.89);

/// Floors of held-out set 254 (stop 39): its first run, before the stop's second round (0.977 /
/// 0.947).
const HELD_OUT_254_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 255 (stop 39): after its round (first run, on ac7f4f5, 0.846 / 0.642; at the
/// end 0.857 / 0.796).
const TUNING_255_FLOORS: (f64, f64) = (0.84, 0.78);

/// Floors of set 257 (stop 39): after its round (first run, on ac7f4f5, 0.980 / 0.778; at the
/// end 0.980 / 0.907).
const TUNING_257_FLOORS: (f64, f64) = (0.96, 0.89);

/// Floors of held-out set 259 (stop 39): its only run, after the stop's second round (0.983 /
/// 0.906).
const HELD_OUT_259_FLOORS: (f64, f64) = (0.96, 0.88);

/// Floors of set 262 (stop 39): after its round (first run, on ac7f4f5, 0.975 / 0.902; at the
/// end 0.975 / 0.960).
const TUNING_262_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 263 (stop 39): after its round (first run, on ac7f4f5, 0.912 / 0.963; at the
/// end 0.991 / 0.991).
const TUNING_263_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 261 (stop 39): after its round (first run, on ac7f4f5, 0.964 / 0.769; at the
/// end 0.964 / 0.792).
const TUNING_261_FLOORS: (f64, f64) = (0.94, 0.77);

/// Floors of held-out set 260 (stop 39): its only run, after the stop's third round (0.969 /
/// 0.947).
const HELD_OUT_260_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of held-out set 264 (stop 39): its only run, after the stop's third round (0.966 /
/// 0.949).
const HELD_OUT_264_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 267 (stop 40): after its round (first run, on 1a4b2a9, 0.837 / 0.970; at the
/// end 0.915 / 0.986).
const TUNING_267_FLOORS: (f64, f64) = (0.89, 0.96);

/// Floors of set 269 (stop 40): after its round (first run, on 1a4b2a9, 0.921 / 0.921; at the
/// end 0.978 / 0.967).
const TUNING_269_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of held-out set 265 (stop 40): its runs, before any change of the stop and at its end (0.985 /
/// 0.985 both).
const HELD_OUT_265_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 268 (stop 40): after its round (first run, on 1a4b2a9, 0.914 / 0.945; at the
/// end 0.940 / 0.973).
const TUNING_268_FLOORS: (f64, f64) = (0.92, 0.95);

/// Floors of held-out set 266 (stop 40): its runs, before any change of the stop and at its end (1.000 /
/// 0.957 both).
const HELD_OUT_266_FLOORS: (f64, f64) = (0.97, 0.93);

/// Floors of set 271 (stop 40): after its round (first run, on 1a4b2a9, 0.938 / 0.458; at the
/// end 0.926 / 0.647).
const TUNING_271_FLOORS: (f64, f64) = (0.9, 0.62);

/// Floors of set 270 (stop 40): after its round (first run, on 1a4b2a9, 0.950 / 0.888; at the
/// end 0.990 / 0.971).
const TUNING_270_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of held-out set 272 (stop 40): its only run, after the stop's rules (0.922 / 0.922).
const HELD_OUT_272_FLOORS: (f64, f64) = (0.9, 0.9);

/// Floors of held-out set 273 (stop 40): its only run, after the stop's rules (0.954 / 0.984).
const HELD_OUT_273_FLOORS: (f64, f64) = (0.93, 0.96);

/// Floors of held-out set 274 (stop 41): written and run before the stop's rules (0.949 / 0.956);
/// after them 0.956 / 0.956.
const HELD_OUT_274_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of held-out set 275 (stop 41): written and run before the stop's rules (0.986 / 0.944);
/// after them the same.
const HELD_OUT_275_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of set 276 (stop 41): first run 0.835 / 0.978; after its round 0.892 / 1.000.
const TUNING_276_FLOORS: (f64, f64) = (0.87, 0.96);

/// Floors of set 278 (stop 41): first run 0.892 / 0.709; after its round 0.925 / 0.935.
const TUNING_278_FLOORS: (f64, f64) = (0.9, 0.9);

/// Floors of set 279 (stop 41): first run 0.972 / 0.963; after its round 1.000 / 0.991.
const TUNING_279_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 277 (stop 41): first run 0.940 / 0.965; after its round 0.983 / 0.991.
const TUNING_277_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of held-out set 280 (stop 41): its only run, after the stop's rules (0.964 / 0.951; by
/// bb0af08 the same).
const HELD_OUT_280_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of held-out set 281 (stop 41): its only run, after the stop's rules (0.964 / 0.950; by
/// bb0af08 the same).
const HELD_OUT_281_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of held-out set 286 (stop 41): written after the stop's first round, run before its
/// second (0.932 / 0.953); at the end the same.
const HELD_OUT_286_FLOORS: (f64, f64) = (0.91, 0.93);

/// Floors of held-out set 287 (stop 41): written after the stop's first round, run before its
/// second (0.879 / 0.942); after the third, whose rules came from tuning set 288 on the same
/// trades, 0.897 / 0.943.
const HELD_OUT_287_FLOORS: (f64, f64) = (0.87, 0.92);

/// Floors of set 282 (stop 41): first run 0.821 / 0.967; after its round 0.972 / 0.990.
const TUNING_282_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of set 283 (stop 41): first run 0.918 / 0.968; after its round 0.980 / 0.970.
const TUNING_283_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of set 284 (stop 41): first run 0.853 / 0.971; after its round 0.940 / 0.982.
const TUNING_284_FLOORS: (f64, f64) = (0.92, 0.96);

/// Floors of set 285 (stop 41): first run 0.938 / 0.931; after its round 0.972 / 0.966.
const TUNING_285_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 288 (stop 41): first run 0.748 / 0.961; after its round 1.000 / 0.992.
const TUNING_288_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of held-out set 290 (stop 42): written and run before any change of the stop (0.991 /
/// 0.966).
const HELD_OUT_290_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 291 (stop 42): first run 0.908 / 0.982; after its round 0.983 / 0.992.
const TUNING_291_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 292 (stop 42): first run 0.882 / 0.992; after its round 0.978 / 1.000.
const TUNING_292_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 293 (stop 42): first run 0.923 / 0.947; after its round 0.966 / 0.991.
const TUNING_293_FLOORS: (f64, f64) = (0.94, 0.96);

/// Floors of set 294 (stop 42): first run 0.897 / 0.945; after its round 0.974 / 0.983.
const TUNING_294_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of held-out set 289 (stop 42): written and run before any change of the stop (0.973 /
/// 0.973).
const HELD_OUT_289_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of held-out set 295 (stop 42): written after the stop's first round, run before its
/// second (0.974 / 0.895).
const HELD_OUT_295_FLOORS: (f64, f64) = (0.95, 0.87);

/// Floors of held-out set 296 (stop 42): written after the stop's first round, run before its
/// second (0.949 / 0.982).
const HELD_OUT_296_FLOORS: (f64, f64) = (0.92, 0.96);

/// Floors of set 297 (stop 42): first run 0.908 / 0.956; after its round 0.942 / 0.974.
const TUNING_297_FLOORS: (f64, f64) = (0.92, 0.95);

/// Floors of set 298 (stop 42): first run 0.954 / 0.954; after its round 0.981 / 0.991.
const TUNING_298_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 300 (stop 42): first run 0.981 / 0.963; after its round 1.000 / 0.981.
const TUNING_300_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 302 (stop 42): first run 0.926 / 0.807; after its round 0.947 / 0.947.
const TUNING_302_FLOORS: (f64, f64) = (0.92, 0.92);

/// Floors of set 299 (stop 42): first run 0.936 / 0.963; after its round 0.991 / 1.000.
const TUNING_299_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 303 (stop 42): first run 0.947 / 0.826; after its round 0.979 / 0.959.
const TUNING_303_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of held-out set 304 (stop 42): written after the stop's second round, first run after
/// the changes of tuning set 303 (0.956 / 0.939).
const HELD_OUT_304_FLOORS: (f64, f64) = (0.93, 0.91);

/// Floors of held-out set 305 (stop 42): written after the stop's second round, first run after
/// the changes of tuning set 303 (0.930 / 0.964).
const HELD_OUT_305_FLOORS: (f64, f64) = (0.90, 0.94);

/// Floors of set 301 (stop 42): first run 0.976 / 0.891; after its round 1.000 / 0.977.
const TUNING_301_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of held-out set 306 (stop 42): written after the stop's third round, run before its
/// fourth (0.955 / 0.973).
const HELD_OUT_306_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of held-out set 307 (stop 42): written after the stop's third round, run before its
/// fourth (0.981 / 0.981).
const HELD_OUT_307_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 308 (stop 42): first run 0.836 / 0.989; after its round 0.927 / 1.000.
const TUNING_308_FLOORS: (f64, f64) = (0.90, 0.97);

/// Floors of set 309 (stop 42): first run 0.813 / 0.973; after its round 0.866 / 0.983 (most of
/// the misses are a health label its writer added to contraception and HIV, which the
/// development set labels sex life or health alone).
const TUNING_309_FLOORS: (f64, f64) = (0.84, 0.96);

/// Floors of set 310 (stop 42): first run 0.909 / 0.943; after its round 0.991 / 0.982.
const TUNING_310_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of held-out set 311 (stop 42): written after the stop's fourth round, run before its
/// fifth (0.982 / 0.982); at the end the same.
const HELD_OUT_311_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 312 (stop 42): first run 0.989 / 0.886; after its round 0.989 / 0.912.
const TUNING_312_FLOORS: (f64, f64) = (0.97, 0.89);

/// Floors of set 313 (stop 42): first run 0.847 / 0.949; after its round 0.991 / 0.982.
const TUNING_313_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 316 (stop 43): first run 0.838 / 0.942; after round 1 0.915 / 0.964.
const TUNING_316_FLOORS: (f64, f64) = (0.90, 0.95);

/// Floors of set 315 (stop 43): first run 0.989 / 0.917 (88 / 8 / 1), before any change.
const HELD_OUT_315_FLOORS: (f64, f64) = (0.97, 0.90);

/// Floors of set 317 (stop 43): first run 0.852 / 0.933; after round 1 0.948 / 0.982.
const TUNING_317_FLOORS: (f64, f64) = (0.93, 0.96);

/// Floors of set 318 (stop 43): first run 0.984 / 0.969; after round 1 the same.
const TUNING_318_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 314 (stop 43): first run 0.948 / 0.958 (92 / 4 / 5), before any change.
const HELD_OUT_314_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 319 (stop 43): first run 0.933 / 0.912 (83 / 8 / 6), after round 1; after round 2
/// 0.944 / 0.913.
const HELD_OUT_319_FLOORS: (f64, f64) = (0.92, 0.89);

/// Floors of set 320 (stop 43): first run 0.971 / 0.962 (100 / 4 / 3), after round 1.
const HELD_OUT_320_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 321 (stop 43): first run 0.866 / 0.894; after round 1 0.959 / 0.959, after round 2 0.969 / 0.959.
const TUNING_321_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 322 (stop 43): first run 0.985 / 0.930; after round 1 1.000 / 0.957.
const TUNING_322_FLOORS: (f64, f64) = (0.98, 0.94);

/// Floors of set 327 (stop 43): first run 0.965 / 0.943; after round 2 1.000 / 0.977.
const TUNING_327_FLOORS: (f64, f64) = (0.98, 0.96);

/// Floors of set 323 (stop 43): first run 0.967 / 0.989 (88 / 1 / 3), before round 2.
const HELD_OUT_323_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 324 (stop 43): first run 1.000 / 0.947 (90 / 5 / 0), before round 2.
const HELD_OUT_324_FLOORS: (f64, f64) = (0.98, 0.93);

/// Floors of set 326 (stop 43): first run 0.793 / 0.948; after round 2 0.967 / 0.989.
const TUNING_326_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 325 (stop 43): first run 0.859 / 0.919; after round 2 0.957 / 0.967.
const TUNING_325_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 330 (stop 43): first run 0.942 / 0.964; after round 3 0.988 / 0.988.
const TUNING_330_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 329 (stop 43): first run 0.956 / 0.897 (87 / 10 / 4), before round 3.
const HELD_OUT_329_FLOORS: (f64, f64) = (0.93, 0.87);

/// Floors of set 331 (stop 43): first run 0.980 / 0.900; after round 3 1.000 / 0.971.
const TUNING_331_FLOORS: (f64, f64) = (0.98, 0.95);

/// Floors of set 328 (stop 43): first run 0.923 / 0.955 (84 / 4 / 7), before round 3.
const HELD_OUT_328_FLOORS: (f64, f64) = (0.90, 0.93);

/// Floors of set 335 (stop 43): first run 0.916 / 0.926; after round 4 0.968 / 1.000.
const TUNING_335_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 333 (stop 43): first run 0.977 / 0.977 (84 / 2 / 2), before round 4.
const HELD_OUT_333_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 334 (stop 43): first run 0.933 / 0.933; after round 4 0.989 / 1.000.
const TUNING_334_FLOORS: (f64, f64) = (0.97, 0.98);

/// Floors of set 332 (stop 43): first run 0.943 / 0.932 (82 / 6 / 5), before round 4.
const HELD_OUT_332_FLOORS: (f64, f64) = (0.92, 0.91);

/// Floors of set 337 (stop 43): first run 0.908 / 1.000; after round 5 0.969 / 1.000.
const TUNING_337_FLOORS: (f64, f64) = (0.95, 0.98);

/// Floors of set 338 (stop 43): first run 0.940 / 0.940; after round 5 0.988 / 0.988.
const TUNING_338_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 336 (stop 43): first run 0.989 / 0.969 (93 / 3 / 1), before round 5.
const HELD_OUT_336_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 339 (stop 44): first run 1.000 / 0.949 (94 / 5 / 0), before any change of the stop.
const HELD_OUT_339_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of set 340 (stop 44): first run 0.967 / 0.978 (88 / 2 / 3), before any change of the stop.
const HELD_OUT_340_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 341 (stop 44): first run 0.978 / 0.989; after round 3 1.000 / 1.000.
const TUNING_341_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 342 (stop 44): first run 1.000 / 0.931; after round 3 1.000 / 0.979.
const TUNING_342_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 343 (stop 44): first run 0.989 / 0.969 (93 / 3 / 1), after the first round.
const HELD_OUT_343_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 344 (stop 44): first run 0.969 / 0.903 (93 / 10 / 3), after the first round.
const HELD_OUT_344_FLOORS: (f64, f64) = (0.94, 0.88);

/// Floors of set 345 (stop 44): first run 0.873 / 0.989; after round 3 0.961 / 1.000.
const TUNING_345_FLOORS: (f64, f64) = (0.93, 0.97);

/// Floors of set 346 (stop 44): first run 1.000 / 0.889; after round 3 1.000 / 0.982.
const TUNING_346_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 347 (stop 44): first run 0.967 / 0.978 (88 / 2 / 3), after the second round.
const HELD_OUT_347_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 348 (stop 44): first run 0.957 / 0.918 (89 / 8 / 4), after the second round.
const HELD_OUT_348_FLOORS: (f64, f64) = (0.93, 0.89);

/// Floors of set 349 (stop 44): first run 0.938 / 0.957; after round 3 1.000 / 0.990.
const TUNING_349_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 350 (stop 44): first run 0.892 / 0.921; after round 3 0.985 / 1.000.
const TUNING_350_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 351 (stop 44): first run 0.934 / 0.988 (85 / 1 / 6), after the third round.
const HELD_OUT_351_FLOORS: (f64, f64) = (0.90, 0.96);

/// Floors of set 352 (stop 44): first run 0.969 / 0.959 (93 / 4 / 3), after the third round.
const HELD_OUT_352_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 353 (stop 44): first run 0.977 / 0.989; after round 4 0.989 / 1.000.
const TUNING_353_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 354 (stop 44): first run 0.773 / 0.940; after round 4 0.865 / 0.976.
const TUNING_354_FLOORS: (f64, f64) = (0.83, 0.95);

/// Floors of set 355 (stop 45): first run 0.990 / 0.961 (99 / 4 / 1), before any change.
const HELD_OUT_355_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 356 (stop 45): first run 0.969 / 0.959 (94 / 4 / 3), before any change.
const HELD_OUT_356_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 357 (stop 45): first run 0.979 / 0.979; after round 1 0.989 / 0.989.
const TUNING_357_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 358 (stop 45): first run 1.000 / 0.979; after round 1 1.000 / 0.989.
const TUNING_358_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 359 (stop 45): first run 0.949 / 0.895 (94 / 11 / 5), after the first round.
const HELD_OUT_359_FLOORS: (f64, f64) = (0.91, 0.86);

/// Floors of set 360 (stop 45): first run 0.942 / 0.974 (113 / 3 / 7), after the first round.
const HELD_OUT_360_FLOORS: (f64, f64) = (0.91, 0.94);

/// Floors of set 361 (stop 45): first run 0.968 / 0.968; after round 2 0.989 / 1.000.
const TUNING_361_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 362 (stop 45): first run 0.946 / 0.946; after round 2 0.989 / 0.958.
const TUNING_362_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 363 (stop 45): first run 0.958 / 0.885; after round 3 0.958 / 0.972.
const TUNING_363_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 364 (stop 45): first run 0.963 / 0.857; after round 3 0.988 / 0.930.
const TUNING_364_FLOORS: (f64, f64) = (0.95, 0.90);

/// Floors of set 365 (stop 45): first run 0.990 / 1.000 (96 / 0 / 1), after the second round.
const HELD_OUT_365_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 366 (stop 45): first run 0.968 / 0.978 (91 / 2 / 3), after the second round.
const HELD_OUT_366_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 367 (stop 45): first run 0.946 / 1.000 (88 / 0 / 5), after the third round.
const HELD_OUT_367_FLOORS: (f64, f64) = (0.91, 0.97);

/// Floors of set 368 (stop 45): first run 0.949 / 0.979 (94 / 2 / 5), after the third round.
const HELD_OUT_368_FLOORS: (f64, f64) = (0.92, 0.94);

/// Floors of set 369 (stop 45): first run 0.958 / 0.939; after round 4 0.990 / 0.979.
const TUNING_369_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of set 370 (stop 45): first run 0.959 / 0.969; after round 4 1.000 / 1.000.
const TUNING_370_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 371 (stop 45): first run 0.929 / 0.968 (92 / 3 / 7), after the fourth round.
const HELD_OUT_371_FLOORS: (f64, f64) = (0.89, 0.93);

/// Floors of set 372 (stop 45): first run 0.961 / 0.970 (98 / 3 / 4), after the fourth round.
const HELD_OUT_372_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 373 (stop 45): first run 0.904 / 0.969; after round 5 0.981 / 0.981.
const TUNING_373_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 374 (stop 45): first run 0.951 / 0.912; after round 5 0.979 / 0.965.
const TUNING_374_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 375 (stop 45): first run 0.925 / 0.980 (98 / 2 / 8), after the fifth round.
const HELD_OUT_375_FLOORS: (f64, f64) = (0.89, 0.95);

/// Floors of set 376 (stop 45): first run 0.933 / 0.980 (97 / 2 / 7), after the fifth round.
const HELD_OUT_376_FLOORS: (f64, f64) = (0.90, 0.95);

/// Floors of set 377 (stop 45): first run 0.825 / 0.919; after round 6 0.905 / 0.925 (its labels
/// count IVF, contraception and HIV as sex life where older sets say health).
const TUNING_377_FLOORS: (f64, f64) = (0.87, 0.89);

/// Floors of set 378 (stop 45): first run 0.911 / 0.878; after round 6 0.987 / 0.918.
const TUNING_378_FLOORS: (f64, f64) = (0.95, 0.88);

/// Floors of set 379 (stop 45): first run 0.990 / 0.960 (95 / 4 / 1), after the sixth round.
const HELD_OUT_379_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 380 (stop 45): first run 0.979 / 0.989 (93 / 1 / 2), after the sixth round.
const HELD_OUT_380_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 381 (stop 45): first run 0.930 / 0.969; after round 7 0.990 / 0.971.
const TUNING_381_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 382 (stop 45): first run 0.879 / 0.942; after round 7 0.953 / 0.953.
const TUNING_382_FLOORS: (f64, f64) = (0.92, 0.92);

/// Floors of set 385 (stop 46): first run 0.978 / 0.958 (91 / 4 / 2), before any change.
const HELD_OUT_385_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of set 386 (stop 46): first run 0.979 / 0.949 (93 / 5 / 2), before any change.
const HELD_OUT_386_FLOORS: (f64, f64) = (0.95, 0.91);

/// Floors of set 387 (stop 46): first run 0.935 / 0.956; after round 1 0.978 / 0.968.
const TUNING_387_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 390 (stop 46): first run 0.978 / 0.968; after round 1 0.989 / 0.978.
const TUNING_390_FLOORS: (f64, f64) = (0.96, 0.94);

/// Floors of set 383 (stop 46): first run 0.978 / 0.967 (88 / 3 / 2), after the first round.
const HELD_OUT_383_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 384 (stop 46): first run 0.978 / 0.978 (89 / 2 / 2), after the first round.
const HELD_OUT_384_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 388 (stop 46): first run 0.978 / 0.919; after round 2 0.989 / 0.958.
const TUNING_388_FLOORS: (f64, f64) = (0.96, 0.93);

/// Floors of set 389 (stop 46): first run 1.000 / 0.989; after round 2 1.000 / 1.000.
const TUNING_389_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 391 (stop 46): first run 0.966 / 0.977 (86 / 2 / 3), after the second round.
const HELD_OUT_391_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 392 (stop 46): first run 0.978 / 0.957 (89 / 4 / 2), after the second round.
const HELD_OUT_392_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of set 395 (stop 46): first run 0.968 / 0.948; after round 4 0.968 / 0.979.
const TUNING_395_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 396 (stop 46): first run 0.989 / 0.873; after round 4 0.989 / 0.908 (games'
/// names and slang: a boss called "Cancer", a "Criminal Record" DLC).
const TUNING_396_FLOORS: (f64, f64) = (0.96, 0.87);

/// Floors of set 393 (stop 46): first run 0.960 / 0.933 (97 / 7 / 4), after the third round.
const HELD_OUT_393_FLOORS: (f64, f64) = (0.93, 0.90);

/// Floors of set 394 (stop 46): first run 0.969 / 0.931 (95 / 7 / 3), after the third round.
const HELD_OUT_394_FLOORS: (f64, f64) = (0.94, 0.90);

/// Floors of set 397 (stop 46): first run 0.989 / 0.989; after round 4 1.000 / 0.989.
const TUNING_397_FLOORS: (f64, f64) = (0.97, 0.96);

/// Floors of set 398 (stop 46): first run 0.956 / 0.966; after round 4 0.956 / 0.977.
const TUNING_398_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 399 (stop 46): first run 0.967 / 0.926 (88 / 7 / 3), after the fourth round.
const HELD_OUT_399_FLOORS: (f64, f64) = (0.94, 0.89);

/// Floors of set 400 (stop 46): first run 0.979 / 0.979 (92 / 2 / 2), after the fourth round.
const HELD_OUT_400_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 403 (stop 46): first run 0.943 / 0.961; after round 5 0.962 / 0.971 (its labels
/// count HIV as sex life too).
const TUNING_403_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 404 (stop 46): first run 0.935 / 0.896; after round 5 0.967 / 0.937.
const TUNING_404_FLOORS: (f64, f64) = (0.94, 0.90);

/// Floors of set 401 (stop 46): first run 0.978 / 0.967 (87 / 3 / 2), after the fifth round.
const HELD_OUT_401_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 402 (stop 46): first run 0.959 / 0.921 (93 / 8 / 4), after the fifth round.
const HELD_OUT_402_FLOORS: (f64, f64) = (0.93, 0.89);

/// Floors of set 405 (stop 46): first run 0.978 / 0.918; after round 6 0.989 / 0.957.
const TUNING_405_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of set 406 (stop 46): first run 0.978 / 0.967; after round 6 0.978 / 0.978.
const TUNING_406_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 407 (stop 46): first run 0.989 / 0.957 (88 / 4 / 1), after the sixth round.
const HELD_OUT_407_FLOORS: (f64, f64) = (0.96, 0.92);

/// Floors of set 408 (stop 46): first run 0.912 / 0.965 (83 / 3 / 8), after the sixth round.
const HELD_OUT_408_FLOORS: (f64, f64) = (0.88, 0.93);

/// Floors of set 409 (stop 46): first run 0.969 / 0.979; after round 7 0.980 / 0.980.
const TUNING_409_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 410 (stop 46): first run 0.957 / 0.947; after round 7 0.978 / 0.989.
const TUNING_410_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 411 (stop 46): first run 0.967 / 0.989 (87 / 1 / 3), after the seventh round.
const HELD_OUT_411_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 412 (stop 46): first run 0.967 / 0.967 (89 / 3 / 3), after the seventh round.
const HELD_OUT_412_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of set 413 (stop 46): first run 0.980 / 0.960; after round 8 0.980 / 0.970.
const TUNING_413_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 414 (stop 46): first run 0.946 / 0.907; after round 8 0.989 / 0.929.
const TUNING_414_FLOORS: (f64, f64) = (0.95, 0.90);

/// Floors of set 415 (stop 46): first run 0.980 / 0.924 (97 / 8 / 2), after the eighth round.
const HELD_OUT_415_FLOORS: (f64, f64) = (0.95, 0.89);

/// Floors of set 416 (stop 46): first run 0.978 / 1.000 (87 / 0 / 2), after the eighth round.
const HELD_OUT_416_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 417 (stop 46): first run 0.968 / 0.978; after round 9 0.989 / 0.989.
const TUNING_417_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 418 (stop 46): first run 0.948 / 0.989; after round 9 0.969 / 1.000.
const TUNING_418_FLOORS: (f64, f64) = (0.94, 0.97);

/// Floors of set 419 (stop 47): first run 0.956 / 0.935 (87 / 6 / 4), before any change.
const HELD_OUT_419_FLOORS: (f64, f64) = (0.92, 0.9);

/// Floors of set 420 (stop 47): first run 0.874 / 0.970 (97 / 3 / 14), before any change.
const HELD_OUT_420_FLOORS: (f64, f64) = (0.84, 0.94);

/// Floors of set 421 (stop 47): first run 0.946 / 0.989; after round 2 0.989 / 1.000.
const TUNING_421_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 422 (stop 47): first run 0.989 / 0.969; after round 2 1.000 / 0.989.
const TUNING_422_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 423 (stop 47): first run 0.978 / 0.968 (90 / 3 / 2), before any change.
const HELD_OUT_423_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 424 (stop 47): first run 0.978 / 0.929 (91 / 7 / 2), before any change.
const HELD_OUT_424_FLOORS: (f64, f64) = (0.94, 0.89);

/// Floors of set 425 (stop 47): first run 0.914 / 0.924; after round 2 0.957 / 0.978.
const TUNING_425_FLOORS: (f64, f64) = (0.92, 0.94);

/// Floors of set 426 (stop 47): first run 0.989 / 0.968; after round 2 1.000 / 0.978.
const TUNING_426_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 427 (stop 47): first run 0.966 / 0.945 (86 / 5 / 3), after the first round.
const HELD_OUT_427_FLOORS: (f64, f64) = (0.93, 0.91);

/// Floors of set 428 (stop 47): first run 0.978 / 0.968 (91 / 3 / 2), after the first round.
const HELD_OUT_428_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 429 (stop 47): first run 0.989 / 0.989; after round 2 1.000 / 0.989.
const TUNING_429_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 430 (stop 47): first run 0.989 / 1.000; after round 2 1.000 / 1.000.
const TUNING_430_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 431 (stop 47): first run 0.950 / 0.970 (96 / 3 / 5), after the second round.
const HELD_OUT_431_FLOORS: (f64, f64) = (0.92, 0.93);

/// Floors of set 432 (stop 47): first run 0.967 / 0.936 (88 / 6 / 3), after the second round.
const HELD_OUT_432_FLOORS: (f64, f64) = (0.93, 0.9);

/// Floors of set 433 (stop 47): first run 0.979 / 1.000; after round 4 0.989 / 1.000.
const TUNING_433_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 434 (stop 47): first run 1.000 / 0.958; after round 4 1.000 / 0.978.
const TUNING_434_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 437 (stop 47): first run 1.000 / 0.951 (98 / 5 / 0), after the third round.
const HELD_OUT_437_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of set 438 (stop 47): first run 0.989 / 0.937 (89 / 6 / 1), after the third round.
const HELD_OUT_438_FLOORS: (f64, f64) = (0.95, 0.9);

/// Floors of set 435 (stop 47): first run 0.867 / 0.978; after round 4 0.962 / 0.981.
const TUNING_435_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 436 (stop 47): first run 0.820 / 0.969; after round 4 0.980 / 0.974.
const TUNING_436_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 439 (stop 47): first run 0.860 / 0.961 (98 / 4 / 16), after the fourth round.
const HELD_OUT_439_FLOORS: (f64, f64) = (0.82, 0.93);

/// Floors of set 441 (stop 47): first run 1.000 / 0.948 (92 / 5 / 0), after the fourth round.
const HELD_OUT_441_FLOORS: (f64, f64) = (0.97, 0.91);

/// Floors of set 440 (stop 47): first run 1.000 / 0.930; after round 6 1.000 / 0.969.
const TUNING_440_FLOORS: (f64, f64) = (0.97, 0.93);

/// Floors of set 442 (stop 47): first run 0.978 / 0.978; after round 6 1.000 / 0.989.
const TUNING_442_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 443 (stop 47): first run 0.846 / 0.978; after round 6 0.971 / 0.981.
const TUNING_443_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 444 (stop 47): first run 0.959 / 0.969; after round 6 0.979 / 0.979.
const TUNING_444_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 445 (stop 47): first run 1.000 / 0.958 (91 / 4 / 0), after the fifth round.
const HELD_OUT_445_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of set 446 (stop 47): first run 1.000 / 0.968 (91 / 3 / 0), after the fifth round.
const HELD_OUT_446_FLOORS: (f64, f64) = (0.97, 0.93);

/// Floors of set 447 (stop 47): first run 0.978 / 0.946 (88 / 5 / 2), after the sixth round.
const HELD_OUT_447_FLOORS: (f64, f64) = (0.94, 0.91);

/// Floors of set 448 (stop 47): first run 0.967 / 0.989 (89 / 1 / 3), after the sixth round.
const HELD_OUT_448_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 449 (stop 47): first run 0.989 / 0.946; after round 7 1.000 / 0.989.
const TUNING_449_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 450 (stop 47): first run 0.967 / 0.957; after round 7 0.989 / 0.989.
const TUNING_450_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 451 (stop 47): first run 0.979 / 0.989 (92 / 1 / 2), after the seventh round.
const HELD_OUT_451_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 453 (stop 47): first run 0.980 / 0.961 (98 / 4 / 2), after the seventh round.
const HELD_OUT_453_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 452 (stop 47): first run 0.989 / 0.967; after round 8 0.989 / 0.967.
const TUNING_452_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 454 (stop 47): first run 0.955 / 0.966; after round 8 1.000 / 1.000.
const TUNING_454_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 455 (stop 47): first run 0.989 / 0.969 (94 / 3 / 1), after the eighth round.
const HELD_OUT_455_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 456 (stop 47): first run 0.989 / 0.958 (92 / 4 / 1), after the eighth round.
const HELD_OUT_456_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of set 457 (stop 47): first run 0.901 / 0.968; after round 9 0.980 / 0.980.
const TUNING_457_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 458 (stop 47): first run 0.956 / 0.967; after round 9 0.967 / 0.978.
const TUNING_458_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 459 (stop 48): first run 0.989 / 0.947 (89 / 5 / 1), before any change of the stop.
const HELD_OUT_459_FLOORS: (f64, f64) = (0.95, 0.91);

/// Floors of set 460 (stop 48): first run 0.935 / 0.977 (86 / 2 / 6), before any change of the stop.
const HELD_OUT_460_FLOORS: (f64, f64) = (0.9, 0.94);

/// Floors of set 463 (stop 48): first run 1.000 / 0.968 (92 / 3 / 0), after the first round.
const HELD_OUT_463_FLOORS: (f64, f64) = (0.97, 0.93);

/// Floors of set 464 (stop 48): first run 0.978 / 0.978 (89 / 2 / 2), after the first round.
const HELD_OUT_464_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 462 (stop 48): first run 0.968 / 0.978; after round 2 0.989 / 0.979.
const TUNING_462_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 461 (stop 48): first run 0.948 / 0.958; after round 2 0.969 / 0.989.
const TUNING_461_FLOORS: (f64, f64) = (0.93, 0.95);

/// Floors of set 465 (stop 48): first run 0.965 / 0.956; after round 2 0.982 / 0.991.
const TUNING_465_FLOORS: (f64, f64) = (0.95, 0.96);

/// Floors of set 466 (stop 48): first run 0.989 / 1.000; after round 2 0.989 / 1.000.
const TUNING_466_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 467 (stop 48): first run 0.966 / 0.966 (85 / 3 / 3), after the second round.
const HELD_OUT_467_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of set 468 (stop 48): first run 0.979 / 0.958 (92 / 4 / 2), after the second round.
const HELD_OUT_468_FLOORS: (f64, f64) = (0.94, 0.92);

/// Floors of set 469 (stop 48): first run 0.974 / 0.983; after round 3 0.991 / 0.983.
const TUNING_469_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of set 470 (stop 48): first run 0.989 / 0.978; after round 3 1.000 / 0.979.
const TUNING_470_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 471 (stop 48): first run 1.000 / 0.979 (92 / 2 / 0), after the third round.
const HELD_OUT_471_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 472 (stop 48): first run 0.957 / 0.968 (90 / 3 / 4), after the third round.
const HELD_OUT_472_FLOORS: (f64, f64) = (0.92, 0.93);

/// Floors of set 473 (stop 48): first run 0.937 / 0.972; after round 6 0.982 / 0.982.
const TUNING_473_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 474 (stop 48): first run 0.969 / 0.969; after round 6 0.990 / 1.000.
const TUNING_474_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 475 (stop 48): first run 0.978 / 0.929 (91 / 7 / 2), after the third round.
const HELD_OUT_475_FLOORS: (f64, f64) = (0.94, 0.89);

/// Floors of set 476 (stop 48): first run 0.989 / 0.989 (91 / 1 / 1), after the third round.
const HELD_OUT_476_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 477 (stop 48): first run 0.990 / 0.951 (97 / 5 / 1), after the fourth round.
const HELD_OUT_477_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of set 478 (stop 48): first run 0.967 / 0.956 (87 / 4 / 3), after the fourth round.
const HELD_OUT_478_FLOORS: (f64, f64) = (0.93, 0.92);

/// Floors of set 479 (stop 48): first run 0.978 / 0.967; after round 6 1.000 / 1.000.
const TUNING_479_FLOORS: (f64, f64) = (0.97, 0.97);

/// Floors of set 480 (stop 48): first run 0.969 / 0.979; after round 6 0.990 / 0.980.
const TUNING_480_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 481 (stop 48): first run 0.915 / 0.930 (107 / 8 / 10), after the fifth round.
const HELD_OUT_481_FLOORS: (f64, f64) = (0.88, 0.9);

/// Floors of set 482 (stop 48): first run 0.935 / 0.887 (86 / 11 / 6), after the fifth round.
const HELD_OUT_482_FLOORS: (f64, f64) = (0.9, 0.85);

/// Floors of set 483 (stop 48): first run 0.967 / 0.926; after round 6 1.000 / 0.978.
const TUNING_483_FLOORS: (f64, f64) = (0.97, 0.94);

/// Floors of set 484 (stop 48): first run 0.989 / 0.967; after round 6 0.989 / 0.978.
const TUNING_484_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 485 (stop 48): first run 0.778 / 0.963; after round 9 0.867 / 0.983.
const TUNING_485_FLOORS: (f64, f64) = (0.83, 0.95);

/// Floors of set 486 (stop 48): first run 0.962 / 0.901; after round 7 0.981 / 0.944.
const TUNING_486_FLOORS: (f64, f64) = (0.95, 0.91);

/// Floors of set 487 (stop 48): first run 0.860 / 0.976 (123 / 3 / 20), after the seventh round.
const HELD_OUT_487_FLOORS: (f64, f64) = (0.83, 0.94);

/// Floors of set 488 (stop 48): first run 0.967 / 0.957 (88 / 4 / 3), after the seventh round.
const HELD_OUT_488_FLOORS: (f64, f64) = (0.93, 0.92);

/// Floors of set 489 (stop 48): first run 0.897 / 0.963; after round 9 0.986 / 0.980.
const TUNING_489_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 491 (stop 48): first run 0.966 / 0.966 (85 / 3 / 3), after the eighth round.
const HELD_OUT_491_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of set 492 (stop 48): first run 0.944 / 0.944 (84 / 5 / 5), after the eighth round.
const HELD_OUT_492_FLOORS: (f64, f64) = (0.91, 0.91);

/// Floors of set 490 (stop 48): first run 0.882 / 0.984; after round 9 0.944 / 0.993.
const TUNING_490_FLOORS: (f64, f64) = (0.91, 0.96);

/// Floors of set 493 (stop 48): first run 0.818 / 0.975; after round 9 0.888 / 0.977.
const TUNING_493_FLOORS: (f64, f64) = (0.85, 0.94);

/// Floors of set 494 (stop 48): first run 0.970 / 0.960; after round 9 0.970 / 0.960.
const TUNING_494_FLOORS: (f64, f64) = (0.94, 0.93);

/// Floors of set 495 (stop 48): first run 0.918 / 0.967 (89 / 3 / 8), after the ninth round.
const HELD_OUT_495_FLOORS: (f64, f64) = (0.88, 0.93);

/// Floors of set 496 (stop 48): first run 0.947 / 0.957 (89 / 4 / 5), after the ninth round.
const HELD_OUT_496_FLOORS: (f64, f64) = (0.91, 0.92);

/// Floors of set 497 (stop 49): first run 0.989 / 0.968 (91 / 3 / 1), before any change.
const HELD_OUT_497_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 498 (stop 49): first run 0.978 / 0.978 (88 / 2 / 2), before any change.
const HELD_OUT_498_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 499 (stop 49): first run 0.941 / 0.969; after round 1 0.990 / 1.000.
const TUNING_499_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 500 (stop 49): first run 0.979 / 0.913; after round 1 0.990 / 0.969.
const TUNING_500_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 501 (stop 49): first run 0.978 / 0.978 (88 / 2 / 2), after the first round.
const HELD_OUT_501_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 502 (stop 49): first run 0.966 / 0.914 (85 / 8 / 3), after the first round.
const HELD_OUT_502_FLOORS: (f64, f64) = (0.93, 0.88);

/// Floors of set 503 (stop 49): first run 0.946 / 0.936; after round 3 0.989 / 0.979.
const TUNING_503_FLOORS: (f64, f64) = (0.95, 0.94);

/// Floors of set 504 (stop 49): first run 0.967 / 0.978; after round 3 0.989 / 1.000.
const TUNING_504_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 505 (stop 49): first run 0.989 / 0.957 (88 / 4 / 1), after the second round.
const HELD_OUT_505_FLOORS: (f64, f64) = (0.95, 0.92);

/// Floors of set 506 (stop 49): first run 0.978 / 0.978 (89 / 2 / 2), after the second round.
const HELD_OUT_506_FLOORS: (f64, f64) = (0.94, 0.94);

/// Floors of set 507 (stop 49): first run 0.884 / 0.968; after round 3 0.964 / 0.978.
const TUNING_507_FLOORS: (f64, f64) = (0.93, 0.94);

/// Floors of set 508 (stop 49): first run 0.968 / 0.979; after round 3 0.989 / 1.000.
const TUNING_508_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 509 (stop 49): first run 0.945 / 0.956 (86 / 4 / 5), after the third round.
const HELD_OUT_509_FLOORS: (f64, f64) = (0.91, 0.92);

/// Floors of set 510 (stop 49): first run 0.978 / 0.956 (87 / 4 / 2), after the third round.
const HELD_OUT_510_FLOORS: (f64, f64) = (0.94, 0.92);

/// Floors of set 511 (stop 49): first run 0.990 / 0.980; after round 4 0.990 / 1.000.
const TUNING_511_FLOORS: (f64, f64) = (0.96, 0.97);

/// Floors of set 512 (stop 49): first run 0.978 / 0.957; after round 4 0.989 / 0.989.
const TUNING_512_FLOORS: (f64, f64) = (0.95, 0.95);

/// Floors of set 513 (stop 49): first run 1.000 / 0.957 (90 / 4 / 0), after the fourth round.
const HELD_OUT_513_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of set 514 (stop 49): first run 0.944 / 0.977 (85 / 2 / 5), after the fourth round.
const HELD_OUT_514_FLOORS: (f64, f64) = (0.91, 0.94);

/// Floors of set 515 (stop 49): first run 0.752 / 0.916; after round 5 0.766 / 0.917.
const TUNING_515_FLOORS: (f64, f64) = (0.73, 0.88);

/// Floors of set 516 (stop 49): first run 0.891 / 0.927; after round 5 0.962 / 0.943.
const TUNING_516_FLOORS: (f64, f64) = (0.93, 0.91);

/// Floors of set 517 (stop 50): first run 0.978 / 0.938 (90 / 6 / 2), before any change.
const HELD_OUT_517_FLOORS: (f64, f64) = (0.94, 0.9);

/// Floors of set 518 (stop 50): first run 0.989 / 0.967 (89 / 3 / 1), before any change.
const HELD_OUT_518_FLOORS: (f64, f64) = (0.95, 0.93);

/// Floors of set 519 (stop 50): first run 0.978 / 0.899; after round 4 0.978 / 0.947.
const TUNING_519_FLOORS: (f64, f64) = (0.94, 0.91);

/// Floors of set 520 (stop 50): first run 0.978 / 0.978; after round 4 0.978 / 1.000.
const TUNING_520_FLOORS: (f64, f64) = (0.94, 0.97);

/// Floors of set 521 (stop 50): first run 0.990 / 0.980 (99 / 2 / 1), after round 1.
const HELD_OUT_521_FLOORS: (f64, f64) = (0.96, 0.95);

/// Floors of set 522 (stop 50): first run 0.978 / 1.000 (89 / 0 / 2), after round 1.
const HELD_OUT_522_FLOORS: (f64, f64) = (0.94, 0.97);

/// Floors of set 523 (stop 50): first run 0.989 / 0.956; after round 4 1.000 / 0.989.
const TUNING_523_FLOORS: (f64, f64) = (0.97, 0.95);

/// Floors of set 524 (stop 50): first run 0.989 / 0.929; after round 4 1.000 / 0.959.
const TUNING_524_FLOORS: (f64, f64) = (0.97, 0.92);

/// Floors of set 525 (stop 50): first run 0.966 / 0.966 (86 / 3 / 3), after round 2.
const HELD_OUT_525_FLOORS: (f64, f64) = (0.93, 0.93);

/// Floors of set 526 (stop 50): first run 0.956 / 0.967 (87 / 3 / 4), after round 2.
const HELD_OUT_526_FLOORS: (f64, f64) = (0.92, 0.93);

/// Floors of set 527 (stop 50): first run 0.942 / 0.980; after round 4 0.990 / 0.990.
const TUNING_527_FLOORS: (f64, f64) = (0.96, 0.96);

/// Floors of set 528 (stop 50): first run 0.955 / 1.000; after round 4 0.989 / 1.000.
const TUNING_528_FLOORS: (f64, f64) = (0.95, 0.97);

/// Floors of set 532 (stop 50): first run 0.968 / 0.989; after round 4 0.978 / 0.989.
const TUNING_532_FLOORS: (f64, f64) = (0.94, 0.95);

/// Floors of set 531 (stop 50): first run 0.968 / 0.938 (91 / 6 / 3), run once at the end, after round 4.
const HELD_OUT_531_FLOORS: (f64, f64) = (0.93, 0.9);

/// Floors of set 529 (stop 50): first run 1.000 / 0.946 (88 / 5 / 0), run once at the end, after round 4.
const HELD_OUT_529_FLOORS: (f64, f64) = (0.97, 0.91);

/// Floors of set 530 (stop 50): first run 0.989 / 0.926 (88 / 7 / 1), run once at the end, after round 4.
const HELD_OUT_530_FLOORS: (f64, f64) = (0.95, 0.89);
