use super::*;
use proptest::prelude::*;

/// The default scanner, built once for all tests (as in production).
fn scanner() -> &'static TextScanner {
    static SCANNER: std::sync::OnceLock<TextScanner> = std::sync::OnceLock::new();
    SCANNER.get_or_init(|| {
        let v = Vocabulary::builtin().expect("built-in vocabularies parse");
        TextScanner::new(&v, "33").expect("built-in vocabularies compile")
    })
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| *c != ' ').collect()
}

fn with_key(first13: &str) -> String {
    checksum::tests::with_key(first13)
}

// -- scanner: identifiers ---------------------------------------------------------------

#[test]
fn nir_in_text() {
    let s = scanner();
    let r = s
        .scan("Mon numéro de sécu : 2 70 12 69 765 674 81, merci.")
        .expect("found");
    assert_eq!(
        r.text,
        "Mon numéro de sécu : [redacted:national_id], merci."
    );
    assert_eq!(r.categories, vec![Category::NationalId]);
    let r = s.scan("NIR 2 62 08 69 099 888 96").expect("found");
    assert_eq!(r.text, "NIR [redacted:national_id]");
    let r = s.scan("184011361725217").expect("found");
    assert_eq!(r.text, "[redacted:national_id]");
    assert_eq!(
        s.scan("Mon numéro de sécu : 1 55 12 59 146 946 35, merci."),
        None
    );
    assert_eq!(s.scan("NIR 1 41 01 59 904 809 58"), None);
    let corsica = with_key("184012A004512");
    let corsica = format!("{} {} {}", &corsica[..5], &corsica[5..7], &corsica[7..]);
    let r = s.scan(&format!("sécu {corsica} ok")).expect("found");
    assert_eq!(r.text, "sécu [redacted:national_id] ok");
}

#[test]
fn cards_in_text() {
    let s = scanner();
    for v in [
        "4037 5196 6407 3531",
        "4606 1583 5174 9847",
        "4246141627437328",
        "4037-5196-6407-3531",
        "4037.5196.6407.3531",
    ] {
        let r = s.scan(&format!("carte {v} svp")).expect(v);
        assert_eq!(r.text, "carte [redacted:payment_card] svp");
        assert_eq!(r.categories, vec![Category::PaymentCard]);
    }
    for v in ["4340 5477 3038 7950", "4320 9756 6342 0330"] {
        assert_eq!(s.scan(&format!("carte {v} svp")), None, "{v}");
    }
}

#[test]
fn ibans_in_text() {
    let s = scanner();
    for v in [
        "FR84 7117 5683 8140 0453 6591 271",
        "FR81 8529 3944 3983 7643 5042 057",
        "FR8375612535268751648434831",
    ] {
        let r = s.scan(&format!("Mon IBAN : {v}. Merci")).expect(v);
        assert_eq!(r.text, "Mon IBAN : [redacted:iban]. Merci");
        assert_eq!(r.categories, vec![Category::Iban]);
        // A trailing uppercase word is not taken into the IBAN.
        let r = s.scan(&format!("IBAN {v} OK")).expect(v);
        assert_eq!(r.text, "IBAN [redacted:iban] OK");
    }
    for v in [
        "FR85 4839 1575 3273 4274 2936 757",
        "FR81 3004 2322 2013 7707 0373 141",
    ] {
        assert_eq!(s.scan(&format!("Mon IBAN : {v}. Merci")), None, "{v}");
    }
}

#[test]
fn example_sentences() {
    let s = scanner();
    let r = s
        .scan("Je suis musulman pratiquant, pas d'appel le vendredi.")
        .expect("found");
    assert_eq!(r.text, "[redacted:religion], pas d'appel le vendredi.");
    assert_eq!(r.categories, vec![Category::Religion]);

    let r = s
        .scan("Vous pouvez débiter ma carte 4037 5196 6407 3531 exp 12/28.")
        .expect("found");
    assert_eq!(
        r.text,
        "Vous pouvez débiter ma carte [redacted:payment_card] exp 12/28."
    );
    assert_eq!(r.categories, vec![Category::PaymentCard]);
}

#[test]
fn clean_messages() {
    let s = scanner();
    for text in [
        "Call me after 6pm",
        "Commande numéro 4340 5477 3038 7950 livrée incomplète.",
        "Budget 25 000 €, livraison le 12.03.2026, réf. CMD4037519664073531.",
        "",
        "Commande 1234567890123456 et facture 0000 1111 2222 3333",
    ] {
        assert_eq!(s.scan(text), None, "{text}");
    }
}

#[test]
fn contact_details_are_findings_kept_only_where_the_copy_may_keep_them() {
    let s = scanner();
    let text = "Rappelez-moi au 06 12 34 56 78 ou écrivez à camille@exemple.fr merci.";
    let found = s.find(text).expect("found");
    assert_eq!(found.categories, [Category::Phone, Category::Email]);
    assert_eq!(
        found.render(text, ContactsKept::default()).as_deref(),
        Some("Rappelez-moi au [redacted:phone] ou écrivez à [redacted:email] merci.")
    );
    assert_eq!(
        found
            .render(
                text,
                ContactsKept {
                    email: true,
                    phone: false
                }
            )
            .as_deref(),
        Some("Rappelez-moi au [redacted:phone] ou écrivez à camille@exemple.fr merci.")
    );
    assert_eq!(
        found.render(text, ContactsKept::ALL),
        None,
        "nothing to redact"
    );
    // A card number is redacted whatever the copy keeps.
    let text = "carte 4037 5196 6407 3531, mail a@b.fr";
    let found = s.find(text).expect("found");
    assert_eq!(
        found.render(text, ContactsKept::ALL).as_deref(),
        Some("carte [redacted:payment_card], mail a@b.fr")
    );
}

#[test]
fn trade_union_whole_clause() {
    let s = scanner();
    let r = s
        .scan("Je suis délégué syndical CGT dans mon entreprise.")
        .expect("found");
    assert_eq!(r.text, "[redacted:trade_union].");
    assert_eq!(r.categories, vec![Category::TradeUnion]);
}

#[test]
fn whole_words_only() {
    let s = scanner();
    // "prisonnier" contains "prison", "gayet" (a name) contains "gay".
    for text in ["Un film sur un prisonnier", "Julie Gayet"] {
        assert_eq!(s.scan(text), None, "{text}");
    }
    assert!(s.scan("Mon fils est toujours en prison!").is_some());
}

#[test]
fn case_accent_and_apostrophe_insensitive() {
    let s = scanner();
    for text in [
        "je suis DIABÉTIQUE",
        "je suis diabetique",
        "je suis Diabe\u{301}tique",
        "Délégué Syndical",
        "un ami d’origine maghrébine",
        "cet homme est SéROPOSITIF",
    ] {
        assert!(s.scan(text).is_some(), "{text}");
    }
}

#[test]
fn clauses_and_categories_in_order() {
    let s = scanner();
    let r = s
        .scan("Bonjour; je suis enceinte, et catholique! Carte 4037 5196 6407 3531.\nMerci")
        .expect("found");
    assert_eq!(
        r.text,
        "Bonjour; [redacted:health], [redacted:religion]! Carte [redacted:payment_card].\nMerci"
    );
    assert_eq!(
        r.categories,
        vec![Category::Health, Category::Religion, Category::PaymentCard]
    );
    // Two categories in one clause: one marker (first hit), both categories reported.
    let r = s.scan("juif et diabétique").expect("found");
    assert_eq!(r.text, "[redacted:religion]");
    assert_eq!(r.categories, vec![Category::Religion, Category::Health]);
    // An identifier inside a redacted clause is covered by the clause, dots included.
    let r = s
        .scan("ok, musulman 4037.5196.6407.3531 voilà, fin")
        .expect("found");
    assert_eq!(r.text, "ok, [redacted:religion], fin");
    assert_eq!(
        r.categories,
        vec![Category::Religion, Category::PaymentCard]
    ); // A hyphen between spaces ends the clause; one inside a word does not.
    let r = s
        .scan("je suis diabétique - rappel après-midi")
        .expect("found");
    assert_eq!(r.text, "[redacted:health] - rappel après-midi");
    // So do an en and an em dash: the marker stops before the dash's first byte.
    for dash in ["\u{2013}", "\u{2014}"] {
        let r = s
            .scan(&format!("je suis diabétique {dash} rappel après-midi"))
            .expect("found");
        assert_eq!(
            r.text,
            format!("[redacted:health] {dash} rappel après-midi")
        );
        let r = s
            .scan(&format!("rappel {dash} je suis diabétique"))
            .expect("found");
        assert_eq!(r.text, format!("rappel {dash} [redacted:health]"));
    }
}

/// The trigger walk never hides a hit: on every labelled phrase, analysing only the
/// candidate clauses finds what analysing the whole text finds.
#[test]
fn trigger_walk_misses_nothing_on_the_phrase_sets() {
    let s = scanner();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/special-text");
    let mut phrases = 0;
    for file in ["phrases.jsonl", "heldout.jsonl"] {
        let text = std::fs::read_to_string(dir.join(file)).expect("phrase set");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let t = v["text"].as_str().expect("text");
            let all = s.lexicon.hits(t, &[(0, t.len())]);
            let walked = s.lexicon.hits(t, &s.lexicon.candidate_clauses(t));
            assert_eq!(all, walked, "{t}");
            phrases += 1;
        }
    }
    assert!(phrases > 300);
}

/// The trigger walk skips what has no vocabulary word: numbers, dates and a card or NIR in
/// common words send no clause to the analysis (an entry whose rarest element is a class of
/// numbers or of common words would send every such text there).
#[test]
fn numbers_and_common_words_are_no_candidates() {
    let s = scanner();
    for t in [
        "Mon numéro de sécu est 2 70 12 69 765 674 81, rappelez-moi.",
        "Vous pouvez débiter ma carte 4037 5196 6407 3531 exp 12/28.",
        "Commande numéro 4340 5477 3038 7950 livrée incomplète.",
        "I may call you in 2 weeks, order 12 of 30, ref 2026-11-05, sept 8.",
    ] {
        assert_eq!(s.lexicon.candidate_clauses(t), [], "{t}");
    }
}

#[test]
fn scanner_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TextScanner>();
}

// -- properties -------------------------------------------------------------------------

/// Completes `body` (12..=18 digits) with its Luhn check digit.
fn luhn_complete(body: &str) -> String {
    (0..=9)
        .map(|d| format!("{body}{d}"))
        .find(|n| luhn_valid(n))
        .unwrap_or_default()
}

/// Writes digits in groups of four with a separator.
fn grouped(digits: &str, sep: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Issuer prefixes of the generated card numbers and a length each network issues (one or two
/// per network family).
const ISSUERS: [(&str, usize); 11] = [
    ("4", 16),
    ("4", 13),
    ("51", 16),
    ("55", 16),
    ("2221", 16),
    ("37", 15),
    ("36", 14),
    ("6011", 16),
    ("62", 19),
    ("3528", 17),
    ("50", 13),
];

/// A card number without its check digit: issuer prefix, then digits, one fewer than the
/// network's length.
fn card_body((issuer, len): (&str, usize), rest: &str) -> String {
    let body = format!("{issuer}{rest}");
    body[..len - 1].to_string()
}

proptest! {
    #[test]
    fn luhn_valid_numbers_are_redacted(
        issuer in prop::sample::select(ISSUERS.to_vec()),
        rest in "[0-9]{18}",
        sep in prop::sample::select(vec!["", " ", "-", "."]),
        before in prop::sample::select(vec!["", "carte", "Card number:", "ma CB n°", "(", "débitez la"]),
        after in prop::sample::select(vec!["", "merci", "exp 12/28.", ")", ", svp", "\n"]),
    ) {
        let number = luhn_complete(&card_body(issuer, &rest));
        let written = grouped(&number, sep);
        let text = format!("{before} {written} {after}");
        let r = scanner().scan(&text);
        prop_assert!(r.is_some(), "not found in {:?}", text);
        let r = r.unwrap_or_else(|| unreachable!());
        prop_assert!(!r.text.contains(&written));
        prop_assert!(!compact(&r.text).contains(&number));
        prop_assert_eq!(r.text, format!("{before} [redacted:{}] {after}", r.categories[0]));
        // A 15-digit Luhn number can also be a valid NIR (checked first); either way it is
        // redacted.
        prop_assert!(r.categories == vec![Category::PaymentCard] || r.categories == vec![Category::NationalId]);
    }

    #[test]
    fn numbers_with_one_digit_changed_are_left(
        issuer in prop::sample::select(ISSUERS.to_vec()),
        rest in "[0-9]{18}",
        pos in any::<prop::sample::Index>(),
        delta in 1u8..=9,
        sep in prop::sample::select(vec!["", " ", "-"]),
    ) {
        let valid = luhn_complete(&card_body(issuer, &rest));
        let mut bytes = valid.clone().into_bytes();
        let i = pos.index(bytes.len());
        bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap_or_default();
        // Luhn detects every single-digit error.
        prop_assert!(!luhn_valid(&changed));
        let text = format!("ref {} fin", grouped(&changed, sep));
        let found = scanner().scan(&text);
        // Unless the changed number happens to be a valid NIR, or starts with the `00`
        // of an international phone number, nothing is found.
        if !(changed.len() == 15 && nir_valid(&changed)) {
            let phone = changed.starts_with("00")
                && found.as_ref().is_some_and(|r| r.categories == [Category::Phone]);
            prop_assert!(found.is_none() || phone, "{}: {:?}", text, found);
        }
    }

    #[test]
    fn redacted_text_holds_no_identifier(
        text in "[0-9a-zA-Z .,-]{0,40}",
        issuer in prop::sample::select(ISSUERS.to_vec()),
        rest in "[0-9]{18}",
        tail in "[0-9a-zA-Z .,-]{0,40}",
    ) {
        let card = luhn_complete(&card_body(issuer, &rest));
        let text = format!("{text} carte {card} merci {tail}");
        let r = scanner().scan(&text);
        prop_assert!(r.is_some(), "{}", text);
        let r = r.unwrap_or_else(|| unreachable!());
        prop_assert!(!r.categories.is_empty());
        prop_assert_eq!(Finder::new(&r.text, "33").next(), None, "{}", r.text);
    }

    #[test]
    fn valid_nirs_are_found(
        sex in prop::sample::select(vec!['1', '2']),
        body in "[0-9]{2}(0[1-9]|1[0-2]|[23][0-9]|4[0-2]|[5-9][0-9])",
        dept in prop::sample::select(vec!["75", "69", "2A", "2B", "13"]),
        rest in "[0-9]{6}",
    ) {
        let nir = with_key(&format!("{sex}{body}{dept}{rest}"));
        prop_assert!(nir_valid(&nir));
        let r = scanner().scan(&format!("sécu: {nir}."));
        prop_assert_eq!(r.map(|r| r.text), Some("sécu: [redacted:national_id].".to_string()));
    }
}

#[test]
fn a_statement_across_clauses_redacts_both() {
    let r = scanner()
        .scan("Bonjour. Je suis un homme ; mon mari et moi cherchons un T2. Merci")
        .expect("found");
    assert_eq!(r.text, "Bonjour. [redacted:sex_life]. Merci");
}

#[test]
fn a_friend_is_not_a_partner_across_clauses() {
    let s = scanner();
    for friend in [
        "Je suis papa de deux enfants, mon copain de fac m'a conseillé votre crèche",
        "Je suis une femme de 40 ans, ma copine m'a parlé de vous",
    ] {
        assert_eq!(s.scan(friend), None, "{friend}");
    }
    let r = s
        .scan("Moi et ma copine (on est deux meufs) voulons organiser notre PACS")
        .expect("found");
    assert_eq!(r.categories, [Category::SexLife]);
}
