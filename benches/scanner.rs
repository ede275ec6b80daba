//! The free-text scanner alone (S1–S3), built from the built-in vocabularies:
//! `cargo bench --bench scanner`.
//!
//! - `1KB_clean`: an ordinary lead message with nothing to find (the common case).
//! - `1KB_candidates`: a message full of look-alikes and findings: order numbers, invalid and
//!   valid card numbers, IBANs, phone numbers, e-mail addresses, vocabulary words with and
//!   without their context.
//! - `digits/N`, `dashed/N`, `spelled/N`, `said/N`, `spaced/N`, `lexicon_hits/N`, `bare_hits/N`,
//!   `question_hits/N`, `organisation_hits/N` and `signed_possessives/N`: adversarial inputs at
//!   growing sizes. The throughput (bytes/s) staying flat as N grows is what shows the scan is
//!   linear in the text.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use leadguard::detect::{TextScanner, Vocabulary};

const CLEAN: &str = "Bonjour, nous avons un projet de rénovation pour notre maison de 120 m² \
construite en 1978 à côté de Nantes. Nous voudrions remplacer la vieille chaudière au fioul par \
une pompe à chaleur air-eau et isoler les combles perdus avant l'hiver prochain. Le budget est \
d'environ 15 000 euros, avec les aides de l'État si nous y avons droit. Pouvez-vous nous envoyer \
un devis détaillé et nous dire quels sont vos délais d'intervention en ce moment ? Nous sommes \
disponibles le samedi matin pour une visite technique, sinon en semaine après 18 heures. \
Merci de préciser la marque des équipements, la garantie, et si l'entretien annuel est compris \
dans le contrat. Nous avons déjà reçu deux devis d'autres entreprises de la région mais nous \
préférerions un artisan local. Cordialement, et à bientôt j'espère. We also have a small flat \
in town that may need new windows next year, so feel free to include a quote for that.";

const CANDIDATES: &str = "Commande 4340 5477 3038 7950, facture 2026-11-0042, réf. \
CMD4037519664073531. Ma carte 4037 5196 6407 3531 exp 12/28. IBAN FR76 3000 6000 0112 3456 7890 \
189, ou ES15-0049-1806-9121-1186-9374. Rappelez-moi au 06 12 34 56 78 ou au +33 (0)1 23 45 67 \
89, mail camille.perso@exemple.fr. La maison est rue de l'Église, route RN 7, plein sud. Le \
syndic de copropriété nous a donné votre nom. Mon mari est diabétique et je suis enceinte. Nous \
sommes musulmans pratiquants. Je touche le RSA, clés RSA 2048 bits. Adhérente FO, élue CSE. \
Le cancer de notre secteur, ce sont les prix. Numéro de sécu 2 70 12 69 765 674 81. Codes \
1234 5678 9012 3456 7890 et 0000-1111-2222-3333, tél. 0800 00 00 00, 12.03.2026, 15 000 €.";

fn scanner(c: &mut Criterion) {
    let vocabulary = Vocabulary::builtin().expect("built-in vocabularies");
    let s = TextScanner::new(&vocabulary, "33").expect("scanner");
    assert!(s.find(CLEAN).is_none(), "the clean text must be clean");
    assert!(s.find(CANDIDATES).is_some());

    let mut g = c.benchmark_group("scanner");
    for (name, text) in [("1KB_clean", CLEAN), ("1KB_candidates", CANDIDATES)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| black_box(s.find(black_box(text)))));
    }
    for (name, unit) in [
        // Digits in groups, the worst case of the number reader (every group a candidate).
        ("digits", "4037 5196 6407 3532 "),
        // The same groups between spaced dashes, as cards are copied from a statement: the
        // reader joins groups of four across each dash (`detect::identifiers`).
        ("dashed", "4037 - 5196 - 6407 - 3532 - "),
        // Addresses spelled out to dodge robots, none complete: every `arobase` is a candidate
        // whose local part and domain are read around it (`detect::obfuscated`).
        ("spelled", "marie point dupont arobase free point "),
        // Number words without end, every zero a candidate that reads its words up to the
        // bound and makes no phone (`detect::phone_words`).
        ("said", "zéro six quarante-deux dix-huit soixante "),
        // Addresses written one character at a time, none complete: every `@` is a candidate
        // whose single characters are read on both sides (`detect::identifiers`).
        ("spaced", "m a r c . h @ g m a i l "),
    ] {
        for kib in [16, 32, 64] {
            let text: String = unit.chars().cycle().take(kib * 1024).collect();
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, kib * 1024), &text, |b, t| {
                b.iter(|| black_box(s.find(t)))
            });
        }
    }
    // Hits in clauses that name a person, hits in clauses that name none (settled again on
    // their sentence, here the whole text: see `Subjects` in the lexicon), and hits in clauses
    // opened by a question word, whose sentence's end (the text's question mark) is looked for
    // and the next sentence read for an answer.
    for (name, clause, end) in [
        ("lexicon_hits", "je suis diabétique, ", ""),
        ("bare_hits", "diabétique, ", ""),
        (
            "question_hits",
            "can ex-offenders with diabetes come, ",
            "? That's me.",
        ),
        // Clauses an organisation heads: each one's head is looked for once.
        (
            "organisation_hits",
            "the diabetes association orders insulin pens, ",
            "",
        ),
        // A signed message full of possessives, none before a spouse, and of partners named by
        // a name of the other gender: the signature rule reads the text's languages once and
        // each possessive's next words once.
        (
            "signed_possessives",
            "mon chien et mon partenaire Nathalie, ",
            ". Cordialement, Julien",
        ),
    ] {
        for hits in [2_500, 5_000, 10_000] {
            let text = clause.repeat(hits) + end;
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, hits), &text, |b, t| {
                b.iter(|| black_box(s.find(t)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scanner);
criterion_main!(benches);

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
