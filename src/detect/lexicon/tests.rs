use super::*;
use crate::detect::vocabulary::Vocabulary;
use crate::detect::DetectError;

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

/// An exclusion takes out the hits that start inside it, not a statement that starts before it
/// and of which it is only the end.
#[test]
fn an_exclusion_takes_out_the_hits_that_start_inside_it() {
    let l = lexicon(&[
        (
            "en/biometric.txt",
            "[terms]\nfingerprint\nclock in with ~ fingerprint\n[exclude]\nfingerprint scanner\n",
        ),
        ("en/_context.txt", "[person]\nmy\nus\n"),
        (
            "fr/trade_union.txt",
            "[terms]\nsyndicat de salariés\n[exclude]\nconseille ~ syndicats\n",
        ),
    ]);
    assert!(categories(&l, "my shop sells a fingerprint scanner").is_empty());
    assert_eq!(
        categories(&l, "my job makes us clock in with a fingerprint scanner"),
        [Category::Biometric]
    );
    assert!(categories(&l, "je conseille plusieurs syndicats de salariés").is_empty());
    assert_eq!(
        categories(&l, "je suis au syndicat de salariés"),
        [Category::TradeUnion]
    );
}

/// An animal, plant or machine takes out the hits said of it, not every hit of its clause: a
/// statement far from it (more than ten words before it, eight after) still counts.
#[test]
fn a_machine_far_from_a_hit_is_another_subject() {
    let l = lexicon(&[
        (
            "en/social_difficulty.txt",
            "[terms]
debt relief order
",
        ),
        (
            "en/health.txt",
            "[terms]
asthmatic
",
        ),
        (
            "en/_context.txt",
            "[person]
i
my
[non_person]
boiler
",
        ),
    ]);
    assert!(categories(&l, "the boiler sounds asthmatic").is_empty());
    assert!(categories(&l, "asthmatic boiler for sale").is_empty());
    assert_eq!(
        categories(
            &l,
            "I've got a debt relief order at the moment so I can't take on credit - can I pay \
             for the boiler repair in chunks"
        ),
        [Category::SocialDifficulty]
    );
    assert!(categories(
        &l,
        "I have a debt relief order for the boiler repair in chunks"
    )
    .is_empty());
}

/// A `[topic]` word (a medium, one's own care job, a business's customers) takes the hits out of
/// its clause only: the next clause of the same text still counts.
#[test]
fn a_topic_clause_holds_no_statement() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\ndépression\ndiabétique\n"),
        (
            "fr/_context.txt",
            "[person]\nje\nmon\n[topic]\ndocumentaire\nsuis infirmière\n",
        ),
    ]);
    assert!(categories(&l, "je tourne un documentaire sur la dépression").is_empty());
    assert!(categories(&l, "je suis infirmière en service de dépression").is_empty());
    assert_eq!(
        categories(&l, "l'infirmière passe pour mon fils diabétique"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "je tourne un documentaire, mon fils est diabétique"),
        [Category::Health]
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
    let v = Vocabulary::from_files([("fr/health.txt", "[terms]\n~ x\na ~ ~ b\n@nope\nok, no\n")])
        .expect("parses");
    let Err(DetectError::Vocabulary(problems)) = Lexicon::new(&v) else {
        panic!("problems expected");
    };
    assert_eq!(problems.len(), 4, "{problems:?}");
}

#[test]
fn a_sentence_gap_crosses_clauses_and_short_sentences_only() {
    let l = lexicon(&[(
        "fr/sex_life.txt",
        "[terms]\nsuis un homme ~~ mon mari\nmon copain ~~ suis un homme\n",
    )]);
    for text in [
        "Je suis un homme ; mon mari et moi aimerions adopter",
        "Je suis un homme, et depuis 2015 je vis avec mon mari",
        "Mon copain et moi cherchons un T2 ; je suis un homme de 31 ans",
        // A short sentence goes on with the next one.
        "Je suis un homme. Mon mari et moi aimerions adopter",
        "Bonjour. Je suis un homme de 42 ans. Mon mari souhaite un devis",
    ] {
        assert_eq!(categories(&l, text), [Category::SexLife], "{text}");
    }
    for (text, why) in [
        (
            "Je suis un homme qui aime les voyages et les musées. Mon mari préfère la mer",
            "a sentence of more than seven words ends",
        ),
        (
            "Suis-je un homme pressé ? Mon mari le dit",
            "a question ends its sentence however short",
        ),
    ] {
        assert!(categories(&l, text).is_empty(), "{why}: {text}");
    }
    assert!(
        categories(
            &l,
            "je suis un homme, un deux trois quatre cinq six sept huit neuf dix onze, mon mari"
        )
        .is_empty(),
        "gap too long"
    );
}

/// A hit that needs a person counts in a clause without one when the message names one
/// elsewhere (people leave out a subject they gave), unless its clause is a question (how
/// products are asked about) or said of an animal of a nearby clause.
#[test]
fn a_clause_without_a_person_is_the_writers_when_the_message_names_one() {
    let l = lexicon(&[
        (
            "en/biometric.txt",
            "[terms]\nglobal entry\nfinger scan\n[settings]\nperson = required\n",
        ),
        (
            "en/genetic.txt",
            "[terms]\nhereditary\n[settings]\nperson = required\n",
        ),
        (
            "en/_context.txt",
            "[person]\nme\nmy\nwe\n[non_person]\nlabrador\n",
        ),
    ]);
    assert_eq!(
        categories(&l, "Used Global Entry at Newark, the kiosk matched me fine"),
        [Category::Biometric]
    );
    assert!(categories(&l, "Used Global Entry at Newark, the kiosk was fine").is_empty());
    assert!(categories(&l, "We're a school, do you offer finger scan as well?").is_empty());
    assert!(categories(&l, "My labrador limps, hereditary apparently").is_empty());
    // A form's short answer is the writer's; a plain phrase or a question is a product's.
    assert_eq!(
        categories(&l, "Gym entry: finger scan registered"),
        [Category::Biometric]
    );
    assert_eq!(
        categories(&l, "login method = finger scan"),
        [Category::Biometric]
    );
    assert!(categories(&l, "Gym entry with finger scan").is_empty());
    assert!(categories(&l, "Gym entry: finger scan available?").is_empty());
    // Each field of a longer form's dump is an answer too; a field that is a question, or a
    // plain sentence around it, is not.
    let dump = "Gym entry: finger scan registered. Plan: monthly. Looking for a better offer \
                than the one of last year.";
    assert_eq!(categories(&l, dump), [Category::Biometric]);
    assert!(categories(
        &l,
        "Gym entry: finger scan available? Plan: monthly. Looking for a better offer than the \
         one of last year."
    )
    .is_empty());
    assert!(categories(
        &l,
        "Gyms with finger scan at the entry are what the club wants. Plan: monthly. Price: any."
    )
    .is_empty());
    assert_eq!(
        categories(&l, "My knees are bad, hereditary apparently"),
        [Category::Genetic]
    );
}

/// An animal or machine after a hit and introduced by an indefinite article is asked for, not
/// what the hit is said of; said with a possessive, it still is.
#[test]
fn a_machine_asked_for_after_a_hit_is_not_its_subject() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndiabetic\n"),
        (
            "en/_context.txt",
            "[non_person]\nfridge\nboiler\n[article]\n=a\n",
        ),
        ("fr/genetic.txt", "[terms]\ntest adn\n"),
        ("fr/_context.txt", "[non_person]\nchien\n[article]\n=un\n"),
    ]);
    assert_eq!(
        categories(&l, "I'm diabetic and need a new fridge"),
        [Category::Health]
    );
    assert!(categories(&l, "the boiler sounds diabetic").is_empty());
    assert!(categories(&l, "test ADN pour connaître la race de mon chien").is_empty());
    assert_eq!(
        categories(&l, "j'ai fait un test ADN et adopté un chien"),
        [Category::Genetic]
    );
}

/// A hit said of people in general, in a clause that names nobody, is about who a product
/// serves; the same words said of the writer or a relative still count.
#[test]
fn a_hit_said_of_people_in_general_is_not_a_statement() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndiabetic\n"),
        ("en/sex_life.txt", "[terms]\nsame sex\n"),
        (
            "en/_context.txt",
            "[person]\nmy\ni m\n[group]\n=people\n=couples\n",
        ),
        ("fr/social_difficulty.txt", "[terms]\nrsa\n"),
        ("fr/_context.txt", "[person]\nje\n[group]\n=personnes\n"),
    ]);
    assert!(categories(&l, "We sell insulin fridges for diabetic people").is_empty());
    assert!(categories(&l, "Mortgages for same sex couples, how does it work").is_empty());
    assert!(categories(&l, "Formations pour les personnes au RSA, quelles dates").is_empty());
    assert_eq!(
        categories(&l, "My people are diabetic, all of them"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "je fais partie des personnes au RSA"),
        [Category::SocialDifficulty]
    );
}

/// A question that names nobody asks what a product covers; a question that names the writer,
/// or a statement before the question, still counts.
#[test]
fn a_question_that_names_nobody_is_not_a_statement() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\nasthma\n"),
        ("en/_context.txt", "[person]\nmy\n"),
    ]);
    assert!(categories(&l, "Is asthma covered by the basic plan?").is_empty());
    assert_eq!(
        categories(&l, "Is my asthma covered by the basic plan?"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "Asthma since birth, is that covered?"),
        [Category::Health]
    );
    // A hyphen between spaces is typed for a dash: it ends the clause as a comma would.
    assert_eq!(
        categories(&l, "Asthma since birth - is that covered?"),
        [Category::Health]
    );
    assert!(categories(&l, "Is asthma-related care covered?").is_empty());
}

/// A hit right after a negation is denied, not stated; a negation of something else, or
/// farther away, leaves the statement.
#[test]
fn a_negated_hit_is_denied() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\nepilepsy\npregnant\nstroke\n"),
        ("en/_context.txt", "[negation]\n=not\n=t\nt have\n"),
        ("fr/trade_union.txt", "[terms]\nsyndiqué\n"),
        ("fr/_context.txt", "[negation]\n=pas\n"),
    ]);
    assert!(categories(&l, "I'm not pregnant").is_empty());
    assert!(categories(&l, "I don't have epilepsy").is_empty());
    assert!(categories(&l, "je ne suis pas syndiqué").is_empty());
    assert_eq!(
        categories(&l, "I can't work since my stroke"),
        [Category::Health]
    );
    assert_eq!(categories(&l, "I'm pregnant"), [Category::Health]);
}

/// A hit right after a person word, or holding one, is that person's: a machine a few words
/// after it is another subject; one right after it is what the hit describes.
#[test]
fn a_hit_owned_by_a_person_word_is_not_said_of_a_machine_after_it() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndiabetic\nburned my ~ thumb\n"),
        (
            "en/_context.txt",
            "[person]\nmy\ni\n[non_person]\noven\ndog\nboiler\n",
        ),
    ]);
    assert_eq!(
        categories(&l, "since I burned my thumb on the oven"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "my diabetic neighbour's boiler is broken"),
        [Category::Health]
    );
    assert!(categories(&l, "my diabetic dog").is_empty());
    assert!(categories(&l, "my diabetic old dog").is_empty());
    // Not owned: the machine after it is what it is said of.
    assert!(categories(&l, "I think the diabetic mode of the oven").is_empty());
}

/// In a clause that names nobody, a hit is said of an animal or a group of people of an
/// earlier clause of the sentence, unless a person is named between them.
#[test]
fn a_bare_clause_is_said_of_the_animal_or_group_before_it() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\ndiabétique\n"),
        (
            "fr/_context.txt",
            "[person]\nmon\nje\nmoi\n[non_person]\nchat\n[group]\n=personnes\n",
        ),
        ("en/health.txt", "[terms]\nasthma\ndiabetes\n"),
        ("en/_context.txt", "[person]\ni\n[group]\n=people\n"),
    ]);
    assert!(categories(&l, "mon chat Pilou, 12 ans, est diabétique").is_empty());
    assert!(categories(&l, "cover for people with asthma, diabetes or both").is_empty());
    assert_eq!(
        categories(&l, "mon chat va bien, je suis diabétique"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "mon chat Pilou, moi aussi, diabétique depuis 2010"),
        [Category::Health]
    );
}

/// A topic word takes out the hits of its clause, but for those a turn to a relative parts from
/// it: the writer's job on one side, a relative's condition on the other.
#[test]
fn a_turn_to_a_relative_parts_a_hit_from_the_writers_job() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndiabetes\n"),
        (
            "en/_context.txt",
            "[person]\nmy\ni\nhusband\n[topic]\nschool nurse\ncourse on\n[turn]\nand my\n",
        ),
    ]);
    assert_eq!(
        categories(&l, "I'm a school nurse and my husband has diabetes"),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "my husband has diabetes and my job is school nurse"),
        [Category::Health]
    );
    // Without the turn the job, or the subject, takes the clause.
    assert!(categories(&l, "I'm a school nurse and I want a course on diabetes").is_empty());
    assert!(categories(&l, "school nurse here, a course on diabetes and my pupils").is_empty());
}

#[test]
fn a_topic_word_far_after_a_statement_is_the_object_of_a_request() {
    let l = lexicon(&[
        ("en/trade_union.txt", "[terms]\nbranch rep\n"),
        ("en/health.txt", "[terms]\ndiabetes\n"),
        (
            "en/_context.txt",
            "[person]\nmy\ni\n[topic]\ncourse on\nconference\n",
        ),
    ]);
    // Seven words and more after the hit: the course is what the rep asks for.
    assert_eq!(
        categories(
            &l,
            "I'm the branch rep at our hospital trust and want a course on casework"
        ),
        [Category::TradeUnion]
    );
    // Close after the hit, the topic word is what the hit qualifies; before it, it takes the
    // whole clause as before.
    assert!(categories(&l, "my diabetes conference needs a venue").is_empty());
    assert!(categories(&l, "I want a course on diabetes for my team").is_empty());
}

#[test]
fn a_job_frame_takes_out_what_follows_it_not_what_comes_before() {
    let l = lexicon(&[
        ("en/religion.txt", "[terms]\nsikh\n"),
        ("en/health.txt", "[terms]\noncology\n"),
        (
            "en/_context.txt",
            "[person]\ni m\ni\n[topic]\ncourse on\n[job]\nwork as a\n",
        ),
    ]);
    // Before the frame: the person's own; after it: the job's.
    assert_eq!(
        categories(&l, "I'm a Sikh working as a courier for Deliveroo"),
        [Category::Religion]
    );
    assert!(categories(&l, "I work as a nurse in oncology").is_empty());
    // The same word as a topic takes the clause on both sides.
    let t = lexicon(&[
        ("en/religion.txt", "[terms]\nsikh\n"),
        ("en/_context.txt", "[person]\ni m\ni\n[topic]\nwork as a\n"),
    ]);
    assert!(categories(&t, "I'm a Sikh working as a courier for Deliveroo").is_empty());
}

#[test]
fn a_question_word_makes_a_question_past_a_comma_and_an_answer_makes_it_the_writers() {
    let l = lexicon(&[
        ("en/criminal.txt", "[terms]\nex offenders\n"),
        ("en/social_difficulty.txt", "[terms]\nuniversal credit\n"),
        (
            "en/_context.txt",
            "[person]\ni\nme\n[question]\n=can\n=do\n[answer]\nthat s me\n",
        ),
    ]);
    // Opened by a question word, its sentence ending with a question mark: a question.
    assert!(categories(&l, "Can ex-offenders apply for your scheme, in principle?").is_empty());
    // Not opened by one: a statement the request explains.
    assert_eq!(
        categories(&l, "Ex-offenders welcome, in principle?"),
        [Category::Criminal]
    );
    // A question answered for the writer by the next sentence is the writer's.
    assert!(categories(&l, "Do you take people on Universal Credit? Thanks.").is_empty());
    assert_eq!(
        categories(&l, "Do you take people on Universal Credit?? That's me."),
        [Category::SocialDifficulty]
    );
}

#[test]
fn a_turn_parts_an_animal_or_machine_from_the_hit_on_its_other_side() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\nchimio\ndiabétique\ninsuline\n"),
        (
            "fr/_context.txt",
            "[person]\nma\nlui\nje\npère\n[non_person]\ncapteur\nchien\n\
             [turn]\ndepuis que\net elle est\net ma\net je dois\n",
        ),
    ]);
    // The machine's failure is one predicate, the treatment another.
    assert_eq!(
        categories(
            &l,
            "le capteur ne lit plus rien depuis que la chimio lui a abîmé les doigts"
        ),
        [Category::Health]
    );
    // Without the turn the hit is still said of the machine or the animal near it.
    assert!(categories(&l, "le capteur ne lit plus rien avec la chimio").is_empty());
    assert!(categories(&l, "ma chienne est diabétique depuis un an").is_empty());
    // A turn to a third-person pronoun goes on speaking of the animal; one to a relative
    // parts them.
    assert!(categories(&l, "ma chienne a 13 ans et elle est diabétique").is_empty());
    assert_eq!(
        categories(&l, "ma chienne a 13 ans et ma fille est diabétique"),
        [Category::Health]
    );
    // A hit after "son" is still the animal's after a turn to the writer, far from it; one
    // after a relative named in between is the relative's.
    let far = "ma chienne est vieille et je dois rentrer le midi pour son insuline";
    assert!(categories(&l, far).is_empty());
    assert_eq!(
        categories(
            &l,
            "ma chienne est vieille et je dois rentrer pour ma insuline"
        ),
        [Category::Health]
    );
    assert_eq!(
        categories(
            &l,
            "ma chienne dort souvent le midi chez ma père qui prend alors son insuline"
        ),
        [Category::Health]
    );
}

#[test]
fn a_clause_that_opens_with_a_pronoun_goes_on_speaking_of_the_animal_before() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndiabetic\n"),
        (
            "en/_context.txt",
            "[person]\nmy\ni\nson\nmum\nher\n[non_person]\ncat\ncar\n[turn]\nand my\n",
        ),
        ("fr/health.txt", "[terms]\ndiabétique\n"),
        ("fr/_context.txt", "[person]\nje\nj\n[non_person]\nchat\n"),
    ]);
    assert!(categories(&l, "Can I bring my cat? She's diabetic.").is_empty());
    // A turn to a relative parts the animal from what follows.
    assert_eq!(
        categories(&l, "Can I bring my cat? She's old and my son is diabetic."),
        [Category::Health]
    );
    // Only the clause right after the animal, only one that names nobody else, and only when
    // the clause opens with the pronoun.
    assert_eq!(
        categories(&l, "I have a cat. My son is 12. He's diabetic."),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "My cat sleeps with my son. He's diabetic."),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "My mum can't drive her car. She's diabetic."),
        [Category::Health]
    );
    // "Il me faut" is the writer's need.
    assert!(categories(&l, "J'ai un chat. Il est diabétique.").is_empty());
    assert_eq!(
        categories(
            &l,
            "J'ai un chat. Il me faut un suivi puisque je suis diabétique."
        ),
        [Category::Health]
    );
    assert_eq!(
        categories(&l, "I have a cat. I'm diabetic."),
        [Category::Health]
    );
}

#[test]
fn a_forms_answer_denies_its_label() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\nallergies\ndiabétique\n"),
        ("en/trade_union.txt", "[terms]\nunion\n"),
        ("fr/_context.txt", "[person]\nje\n[denial]\nras\n=non\n"),
        ("en/_context.txt", "[denial]\n=no\n=none\n"),
    ]);
    assert!(categories(&l, "Allergies : RAS").is_empty());
    // The answer denies the whole label, up to three words before it.
    assert!(categories(&l, "Union membership: no").is_empty());
    assert_eq!(
        categories(&l, "Union branch and role secretary: no"),
        [Category::TradeUnion]
    );
    // After an equals sign, right after the label closing its clause, or as the whole clause
    // after a dash or a typed line break.
    for text in [
        "Allergies = RAS",
        "union member no, self employed",
        "Allergies non - fumeur non",
        "Union - none, DBS attached",
        "Allergies / non / fumeur",
    ] {
        assert!(categories(&l, text).is_empty(), "{text}");
    }
    // An answer that states it, or the same word going on, asking or explaining, denies
    // nothing.
    assert_eq!(categories(&l, "Allergies : pollen"), [Category::Health]);
    for text in [
        "Allergies - non traitées",
        "Union - no one asked me to join, but I did",
        "je suis diabétique non ?",
        "Union (no)",
    ] {
        assert_ne!(categories(&l, text), [], "{text}");
    }
    assert_eq!(
        categories(&l, "Union membership: Unite since 2019"),
        [Category::TradeUnion]
    );
    assert_eq!(
        categories(&l, "je suis diabétique non insulinodépendant"),
        [Category::Health]
    );
}

#[test]
fn a_topic_word_that_is_a_part_of_a_two_part_hit_does_not_take_it_out() {
    let l = lexicon(&[
        (
            "fr/sex_life.txt",
            "[terms]\nsuis @metierhomme ~~ mon mari\n",
        ),
        ("fr/classes/metierhomme.txt", "=infirmier\n"),
        ("fr/health.txt", "[terms]\ndiabétique\n"),
        ("fr/_context.txt", "[topic]\nsuis infirmier\n"),
    ]);
    // A man's job, then his husband: the job is one of the statement's two parts.
    assert_eq!(
        categories(&l, "je suis infirmier et je vis avec mon mari"),
        [Category::SexLife]
    );
    // The job still frames a plain hit after it.
    assert!(categories(&l, "je suis infirmier et je soigne des diabétiques").is_empty());
}

/// An organisation that writes, or is named by a hit, is no person: its clause's hits are its
/// name or trade, unless the clause names someone outside its phrases or a role in it.
#[test]
fn an_organisations_voice_holds_no_statement() {
    let l = lexicon(&[
        (
            "en/health.txt",
            "[terms]\ndiabetes\nglucose monitor\ngonorrhoea\n",
        ),
        ("en/ethnic_origin.txt", "[terms]\nsomali\n"),
        (
            "en/_context.txt",
            "[person]\n=we\n=our\nmy\ni m\n[organisation]\nclinic\nassociation\n\
             we re a ~ clinic\n[role]\nchair\n[collective]\n=we\n=our\n",
        ),
    ]);
    // The organisation's name, its trade, its own "we" and "our".
    assert!(categories(&l, "Somali Community Association: quote for hall hire").is_empty());
    assert!(categories(
        &l,
        "we're a diabetes clinic and need 500 glucose monitors for our patients"
    )
    .is_empty());
    // A household's "we", a person, a role, a clinic far from the head of the clause.
    for (text, category) in [
        ("we go to the diabetes clinic", Category::Health),
        ("my son's diabetes clinic moved", Category::Health),
        (
            "Chair of the Somali Community Association",
            Category::EthnicOrigin,
        ),
        (
            "tested positive for gonorrhoea at the clinic last week",
            Category::Health,
        ),
    ] {
        assert_eq!(categories(&l, text), [category], "{text}");
    }
}

/// An establishment that opens a message signs it: the clauses that name nobody but "we" are
/// its voice, in every sentence; a person anywhere in them, or in the opening, is a person.
#[test]
fn an_establishment_that_opens_a_message_is_its_voice() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndialysis\nasthma\n"),
        ("en/social_difficulty.txt", "[terms]\nfood bank\nhomeless\n"),
        (
            "en/_context.txt",
            "[person]\n=we\n=our\n=us\nmy\ni\n[collective]\n=we\n=our\n=us\n\
             [sender]\npharmacy\nfood bank in\n",
        ),
    ]);
    assert_found(
        &l,
        &[
            "Hi, independent pharmacy in Leeds here. We need spacers for our asthma clinic.",
            "Food bank in Glasgow. Could we collect bags for homeless families on Fridays?",
        ],
        &[
            // A person in the clause, or in the opening; a sender word further on.
            (
                "Hi, independent pharmacy in Leeds here. My son needs his asthma inhaler.",
                Category::Health,
            ),
            (
                "I volunteer at the pharmacy in Leeds. We use the food bank since May.",
                Category::SocialDifficulty,
            ),
            (
                "Three days a week on dialysis, so the pharmacy in Leeds delivers to us.",
                Category::Health,
            ),
        ],
    );
}

/// Asserts that each of `nothing` has no hit and each of `one` exactly its category.
fn assert_found(l: &Lexicon, nothing: &[&str], one: &[(&str, Category)]) {
    for text in nothing {
        assert!(categories(l, text).is_empty(), "{text}");
    }
    for (text, category) in one {
        assert_eq!(categories(l, text), [*category], "{text}");
    }
}

/// A job that opens a message makes the groups it speaks of the job's cases, even in a clause
/// that names the writer; someone's own ("her kids"), a relative, or a message that opens
/// otherwise keeps its hit.
#[test]
fn a_job_that_opens_a_message_speaks_of_its_cases() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\nalzheimer\n"),
        (
            "en/social_difficulty.txt",
            "[terms]\ntemporary accommodation\n",
        ),
        (
            "fr/_context.txt",
            "[person]\nje\nmon\n[group]\n=personnes\n[profession]\naide à domicile\n",
        ),
        (
            "en/_context.txt",
            "[person]\ni\nher\nmy\n[group]\n=families\n=kids\n[profession]\nsocial worker\n",
        ),
    ]);
    assert_found(
        &l,
        &[
            "Aide à domicile, je m'occupe de personnes âgées qui ont Alzheimer. Un crédit auto ?",
            "Social worker here, I place families in temporary accommodation every week.",
        ],
        &[
            (
                "Aide à domicile, mon père a Alzheimer depuis mai.",
                Category::Health,
            ),
            (
                "I'm the social worker for Ms Okafor: her kids are in temporary accommodation.",
                Category::SocialDifficulty,
            ),
            (
                "Je m'occupe de personnes âgées qui ont Alzheimer, comme ma mère.",
                Category::Health,
            ),
        ],
    );
}

/// The writer's job frames what follows its casework ("je prends en charge", "I visit") and,
/// a few words on, its workplace ("on an … unit"); a hit inside the job's name is the job.
/// Someone named in between, the writer's state, a job that is someone else's ("mon
/// oncologue"), or the same words in a message no job opens keep the hit.
#[test]
fn a_writers_job_frames_its_casework_and_its_workplace() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\nbègue\noncologue\nburn out\n"),
        (
            "en/health.txt",
            "[terms]\ndistrict nurse\noncology\ndementia\npalliative\n",
        ),
        (
            "fr/_context.txt",
            "[person]\nje\nmon\n[profession]\northophoniste\néducatrice\noncologue\n\
             [introduction]\nje suis\n[casework]\nje prends en charge\n[workplace]\nen\n\
             [state]\nen arrêt\n",
        ),
        (
            "en/_context.txt",
            "[person]\ni\nmy\ndad\n[profession]\n=nurse\ndistrict nurse\nward manager\n\
             [casework]\ni visit\n[workplace]\non\n",
        ),
    ]);
    assert_found(
        &l,
        &[
            "Orthophoniste, je prends en charge des enfants bègues. Un logiciel ?",
            "District nurse here, need a car lease with high mileage.",
            "Ward manager on an oncology unit, looking to lease three cars.",
            "Nurse, I visit palliative patients all over the county.",
            // Past the message's head: a job introduced in the first person, a signed job.
            "Bonjour, nous cherchons un logiciel de rééducation pour le cabinet, licence \
             multiposte. Je suis orthophoniste, je prends en charge des enfants bègues.",
            "Bonjour, nous cherchons un logiciel de rééducation pour le cabinet. Je prends en \
             charge des enfants bègues. Merci, Karim, orthophoniste",
        ],
        &[
            (
                "Nurse, I visit my dad with dementia every day.",
                Category::Health,
            ),
            (
                "Éducatrice en arrêt pour un burn out depuis mai.",
                Category::Health,
            ),
            ("Mon oncologue veut que je reste à Lyon.", Category::Health),
            (
                "I visit palliative patients with the church group.",
                Category::Health,
            ),
            (
                "Bonjour, nous cherchons un logiciel de rééducation pour le cabinet. Je prends \
                 en charge des enfants bègues. Merci, Karim",
                Category::Health,
            ),
            // An introduction in the head that names no job, in a text a little longer than
            // the head (its window was once cut backwards, from the head's end).
            (
                "Bonjour, je suis malentendante et mon fils est bègue, merci de répondre par écrit.",
                Category::Health,
            ),
        ],
    );
}

/// The signature rule's classes, and nothing else: its hits are the only ones.
fn signature_lexicon() -> Lexicon {
    lexicon(&[
        ("fr/sex_life.txt", "[terms]\nlesbienne\n"),
        ("fr/_context.txt", "[language]\n=le\n=et\n=une\n"),
        ("en/_context.txt", "[language]\n=the\n=and\n=a\n"),
        ("fr/classes/prenomhomme.txt", "=julien\n=claude\n=jordan\n"),
        ("fr/classes/prenomfemme.txt", "=nathalie\n=claude\n"),
        ("fr/classes/conjointh.txt", "mari\n"),
        ("fr/classes/conjointf.txt", "femme\népouse\n"),
        ("en/classes/malename.txt", "=gareth\n"),
        ("en/classes/femalename.txt", "=rachel\n"),
        ("en/classes/malespouse.txt", "husband\n"),
        ("en/classes/femalespouse.txt", "wife\n"),
    ])
}

#[test]
fn a_spouse_and_a_signature_of_the_same_gender_tell_a_same_sex_couple() {
    let l = signature_lexicon();
    for text in [
        "Je souhaite ajouter mon épouse comme bénéficiaire. Cordialement, Nathalie Morel",
        "Mon mari et moi voudrions une simulation de prêt. Julien",
        "My husband and I both train at your gym, can I join his plan? Cheers, Gareth",
        "I'd like to add my wife to my life policy please. -- Rachel (she/her)",
    ] {
        let hits = l.hits(text, &l.candidate_clauses(text));
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].category, Category::SexLife);
        assert_eq!(hits[0].entry, signature::ENTRY);
        // The hit is the spouse, where its clause is redacted; the signature stays.
        let spouse = &text[hits[0].start..=hits[0].last].to_lowercase();
        assert!(
            spouse.starts_with("mon ") || spouse.starts_with("my "),
            "{spouse}"
        );
    }
}

#[test]
fn the_signature_rule_needs_the_writers_own_spouse_a_gendered_name_and_a_signature() {
    let l = signature_lexicon();
    for text in [
        // A husband signed by a woman, a wife by a man: nothing to tell.
        "Mon mari et moi voudrions une simulation de prêt. Nathalie",
        "My wife and I both train at your gym, can I join her plan? Cheers, Gareth",
        // Someone else's spouse; a spouse word that is something else ("femme de ménage").
        "Ma fille et sa femme cherchent un appartement à Lyon. Nathalie",
        "Ma femme de ménage vient le mardi, pouvez-vous livrer ? Merci, Nathalie",
        // A name given to both sexes; a last sentence too long to be a signature; no sentence
        // before the name.
        "Mon mari et moi voudrions une simulation de prêt. Claude",
        "Mon mari et moi voudrions un prêt. Julien viendra signer les papiers mardi prochain avec nous.",
        "Mon mari Julien",
    ] {
        assert!(
            l.hits(text, &l.candidate_clauses(text)).is_empty(),
            "{text}"
        );
    }
    // A name is read in the text's languages: "Jordan" is a man's in French only.
    let french = "Mon mari et moi voudrions une simulation de prêt pour le studio. Jordan";
    assert_eq!(l.hits(french, &l.candidate_clauses(french)).len(), 1);
    let english =
        "My husband and I would love the tasting menu and a table by the window. Thanks, Jordan";
    assert!(l.hits(english, &l.candidate_clauses(english)).is_empty());
    // An entry's own hit of the category stands alone: the rule adds nothing to it.
    let text = "Je suis lesbienne et ma femme aussi. Nathalie";
    let hits = l.hits(text, &l.candidate_clauses(text));
    assert_eq!(hits.len(), 1);
    assert_ne!(hits[0].entry, signature::ENTRY);
}

#[test]
fn a_machine_reading_a_persons_body_is_the_reader_not_the_subject() {
    let l = lexicon(&[
        ("en/biometric.txt", "[terms]\nreads my finger\nin by face\n"),
        ("en/health.txt", "[terms]\nher asthma\n"),
        (
            "en/_context.txt",
            "[person]\nmy\nme\nher\n[non_person]\nturnstile\nlaptop\ncat\n",
        ),
    ]);
    // The hit holds the person ("my", "me"): the machine before it reads them.
    for text in [
        "The turnstile reads my finger vein, which is great.",
        "my laptop now logs me in by face.",
    ] {
        assert_eq!(categories(&l, text), [Category::Biometric], "{text}");
    }
    // Not for other categories: "her" may be the cat's ("my cat's on steroids for her asthma").
    assert!(categories(&l, "My cat's on steroids for her asthma, is she covered?").is_empty());
}

#[test]
fn a_title_a_late_spouse_a_named_partner_and_an_email_signature_sign_too() {
    let l = lexicon(&[
        ("fr/classes/prenomhomme.txt", "=julien\n"),
        ("fr/classes/prenomfemme.txt", "=nathalie\n"),
        ("fr/classes/conjointh.txt", "mari\nconjoint\n"),
        ("fr/classes/conjointf.txt", "femme\n"),
        ("en/classes/malename.txt", "=daniel\n"),
        (
            "en/classes/femalename.txt",
            "=beth\n=chloe\n=lauren\n=priya\n",
        ),
        ("en/classes/malespouse.txt", "husband\n"),
        ("en/classes/femalespouse.txt", "wife\n"),
    ]);
    for text in [
        "Je veux rajouter mon conjoint Stéphane comme ayant droit. Cdt, M. Perrin",
        "My husband is away, so please contact me directly. Yours faithfully, Mr J. Patel",
        "I'm writing to close my late wife's account, she passed in March. Kind regards, Mrs Hughes",
        "I need a cleaner once a week. My partner Beth works from home and will let you in. Ta, Chloe",
        "Could you send the forms? My wife will join my plan in June. Thanks, Lauren Mitchell | Senior Analyst | Brightwater",
    ] {
        let hits = l.hits(text, &l.candidate_clauses(text));
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].category, Category::SexLife);
    }
    for text in [
        // A title of the other gender; a partner named by a name of the other gender.
        "My husband is away, so please contact me directly. Yours faithfully, Mrs J. Patel",
        "I need a cleaner once a week. My partner Daniel works from home and will let you in. Ta, Chloe",
        // A title with more than a name after it is a sentence.
        "Mon mari et moi voulons un prêt. Mme Perrin viendra demain avec les papiers signés",
    ] {
        assert!(l.hits(text, &l.candidate_clauses(text)).is_empty(), "{text}");
    }
}

/// A job that opens a longer first clause ("Infirmière de nuit au CHU, …") and pronouns given
/// with a name ("Jo Harris (she/her)") say the writer's gender too.
#[test]
fn an_opening_job_and_pronouns_give_the_writers_gender() {
    let l = lexicon(&[
        ("fr/_context.txt", "[language]\n=le\n=et\n=une\n=de\n=au\n"),
        ("en/_context.txt", "[language]\n=the\n=and\n=a\n=at\n"),
        ("fr/classes/prenomfemme.txt", "=nathalie\n"),
        ("fr/classes/prenomhomme.txt", "=julien\n"),
        ("fr/classes/metierfemme.txt", "=infirmiere\n"),
        ("fr/classes/conjointf.txt", "femme\n"),
        ("fr/classes/conjointh.txt", "mari\n"),
        ("en/classes/femalename.txt", "=rachel\n"),
        ("en/classes/malename.txt", "=gareth\n"),
        ("en/classes/femaleperson.txt", "=headmistress\n"),
        ("en/classes/femalespouse.txt", "wife\n"),
        ("en/classes/malespouse.txt", "husband\n"),
    ]);
    for text in [
        "Infirmière de nuit au CHU, je cherche une assurance habitation pour l'appart que \
         j'achète avec ma femme à Nantes.",
        "Headmistress at a primary in Kent. My wife and I would like to book the fjords cruise.",
        "Looking to add my wife as a named driver on the Golf. Thanks, Jo Harris (she/her)",
    ] {
        let hits = l.hits(text, &l.candidate_clauses(text));
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].entry, signature::ENTRY);
    }
    for text in [
        // A man's job (not in this lexicon's classes), a man's pronouns.
        "Infirmier de nuit au CHU, je cherche une assurance habitation pour l'appart que \
         j'achète avec ma femme à Nantes.",
        "Looking to add my wife as a named driver on the Golf. Thanks, Sam Harris (he/him)",
        // The job is not the first word of its clause: someone else's.
        "Une infirmière de nuit au CHU m'a conseillé de vous écrire pour ma femme et moi.",
    ] {
        assert!(
            l.hits(text, &l.candidate_clauses(text)).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn a_writer_who_says_their_gender_anywhere_is_read_like_a_signature() {
    let l = lexicon(&[
        ("fr/_context.txt", "[language]\n=le\n=et\n=une\n=je\n"),
        ("en/_context.txt", "[language]\n=the\n=and\n=a\n=i\n"),
        ("fr/classes/prenomhomme.txt", "=julien\n"),
        ("fr/classes/prenomfemme.txt", "=nathalie\n"),
        ("fr/classes/conjointh.txt", "mari\n"),
        ("fr/classes/conjointf.txt", "femme\n=epouse\ncompagne\n"),
        ("fr/classes/personneh.txt", "homme\n=papa\n"),
        ("fr/classes/personnef.txt", "femme\n=maman\n"),
        ("en/classes/malename.txt", "=gareth\n"),
        ("en/classes/femalename.txt", "=rachel\n"),
        ("en/classes/malespouse.txt", "husband\n"),
        ("en/classes/femalespouse.txt", "wife\n"),
        ("en/classes/maleperson.txt", "=dad\n=man\n"),
        ("en/classes/femaleperson.txt", "=woman\n=bride\n"),
    ]);
    for text in [
        // What the writer is, sentences before or after the spouse.
        "Bonjour, je suis une femme de 41 ans. Je voudrais une mutuelle familiale. Ma compagne est indépendante.",
        "Hi, I'm a 38-year-old woman and my wife and I are looking to remortgage our house.",
        "As a dad of two I want the kids covered. My husband is the main policyholder.",
        // A feminine agreement, alone or plural; a first name introduced.
        "Je suis retraitée depuis mai et je cherche un gîte pour mon épouse et moi.",
        "Mon ex copine a toujours accès au compte joint alors qu'on est séparées depuis six mois.",
        "Hi there, I'm Gareth, a retired teacher. Could we book a double cabin for me and my husband?",
        // A title opening the message as a name; a union with a named partner.
        "Madame Karine Dupuis. Mon épouse et moi souhaitons ajouter notre fille au contrat.",
        "Je suis divorcé de Julien depuis l'an dernier, comment retirer son nom ? Cdt, M. Perrin",
        // A union with what the partner is ("une femme", "a man").
        "Je suis en couple avec une femme depuis six ans. Je suis maman de deux enfants.",
        "Old man here. I've been in a relationship with a man for ten years, joint policy?",
        // A form's answer; a name or a description before "ici" / "here", or opening the
        // message before an age; a title after "this is".
        "Civilité : Madame. Situation : mariée. Mon épouse et moi voulons un devis.",
        "Nathalie ici ! On a vu l'annonce de la maison. Ma femme a adoré le jardin.",
        "Old man here, 74. I want a coach tour of the Highlands for me and my husband.",
        "Bonjour, Julien, 45 ans. Mon mari et moi voulons protéger le survivant.",
        "Hello, this is Mrs Amanda Clarke. My wife would like to be added to our account.",
        "Hi it's Rachel, following up on the quote. My wife and I have sold the flat.",
        // A man's boyfriend.
        "Looking at travel insurance for my boyfriend and me - I'm Gareth - we ski a lot.",
        // Québec French typed as said.
        "Chu le papa de Léo pis mon mari va venir le chercher vendredi.",
    ] {
        let hits = l.hits(text, &l.candidate_clauses(text));
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].category, Category::SexLife);
        assert_eq!(hits[0].entry, signature::ENTRY);
    }
    for text in [
        // The other gender's spouse; a spouse word that is something else.
        "Je suis une femme de 41 ans et mon mari est indépendant, il faut un devis.",
        "I'm a dad of two and my wife and I want the kids covered.",
        "Je suis une maman solo, en couple avec un homme depuis un an.",
        "Je suis une maman solo. Ma femme de ménage vient le mardi, pouvez-vous livrer ?",
        // Not the writer: a description that is someone else's ("a friend of the bride"), a
        // name that is someone else's ("I'm Gareth's"), a word in -ée that agrees with nobody.
        "I am a friend of the bride, and my wife and I would like a double room.",
        "I'm Gareth's neighbour and my husband and I would like to join the street party.",
        "Je suis athée et ma femme aussi, pas de cérémonie religieuse svp.",
        // A title or a name the writer addresses: "Madame Martin,", "Bonjour Nathalie,".
        "Madame Martin, mon épouse et moi souhaitons ajouter notre fille au contrat.",
        "Bonjour Nathalie, merci pour votre appel. Ma femme passera signer lundi.",
        // Someone else before "here"; a title of the other gender.
        "The woman here said my wife could join the class next week, is that right?",
        "Mrs Clarke here. My husband and I would like to book a table for six.",
        // A woman's girlfriend may be a friend.
        "I'm Rachel and my girlfriend and I are booking a spa weekend.",
        // Both genders said: nothing is told.
        "Je suis une femme et je suis le papa de Léo : ma compagne et moi cherchons une crèche.",
        // "CHU" is a hospital, no introduction.
        "CHU de Lyon, le papa de Léo est là, son mari aussi.",
        // The writer's own possessive names someone else, not the writer.
        "Si je suis au travail ma femme préfère que ce soit une technicienne, c'est possible ?",
    ] {
        assert!(
            l.hits(text, &l.candidate_clauses(text)).is_empty(),
            "{text}"
        );
    }
}

/// The writer's state after their job parts the job's topic from what follows; a state that
/// holds the hit is the job's place. A parenthesis that lists after the writer's job holds its
/// specialities; one word in brackets is the job's kind.
#[test]
fn a_writers_state_parts_its_job_and_a_parenthesis_lists_its_specialities() {
    let l = lexicon(&[
        (
            "fr/health.txt",
            "[terms]\nhernie discale\ndialyse\naddictions\ntca\n",
        ),
        (
            "fr/_context.txt",
            "[person]\nje\nmon\n[topic]\nsuis kiné\n\
             [profession]\nkiné\npsychologue\n[introduction]\nje suis\n\
             [state]\nen arrêt\nen dialyse\n",
        ),
    ]);
    assert_found(
        &l,
        &[
            "Je suis kiné pour les hernies discales.",
            "Je suis kiné en dialyse au CHU.",
            "Psychologue clinicienne (TCA, addictions). Un devis pour un cabinet ?",
            // A job that ends with an accent: its parenthesis is read too.
            "Kiné (hernie discale, addictions). Un devis pour un cabinet ?",
        ],
        &[
            (
                "Je suis kiné mais en arrêt pour une hernie discale.",
                Category::Health,
            ),
            ("Psychologue (addictions) depuis dix ans.", Category::Health),
        ],
    );
}

/// An establishment's people in the plural ("bénévoles") name no one in particular: its
/// message stays its voice; one of them named in the singular speaks of that person.
#[test]
fn an_organisations_people_in_the_plural_name_nobody() {
    let l = lexicon(&[
        ("fr/social_difficulty.txt", "[terms]\nsurendettement\n"),
        (
            "fr/_context.txt",
            "[person]\nje\nmon\n[role]\nbénévole\n[sender]\nnotre asso\n",
        ),
    ]);
    assert_found(
        &l,
        &["Notre asso et ses bénévoles : surendettement, logement."],
        &[(
            "Notre asso et sa bénévole : surendettement, logement.",
            Category::SocialDifficulty,
        )],
    );
}

/// A person word that qualifies the establishment's own name ("Family planning clinic") names
/// nobody: the message is still the establishment's voice; the same word outside it names
/// someone, and so does a role that ends it ("branch officer", which stems like "branch
/// office").
#[test]
fn a_person_word_inside_the_senders_name_names_nobody() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\npregnancy\n"),
        ("en/trade_union.txt", "[terms]\nunison\n"),
        (
            "en/_context.txt",
            "[person]\nfamily\nmy\n[role]\nofficer\n[sender]\nfamily planning clinic\nbranch office\n",
        ),
    ]);
    assert_found(
        &l,
        &["Family planning clinic needs pregnancy test kits, boxes of 100."],
        &[
            (
                "Family planning clinic here, my family needs pregnancy test kits.",
                Category::Health,
            ),
            (
                "Branch officer, UNISON: we need cover.",
                Category::TradeUnion,
            ),
        ],
    );
}

/// A topic that a `[member]` phrase runs into is one of its people: "une de nos résidentes" is
/// someone, where "nos résidents" alone is a business's clientele.
#[test]
fn a_topic_a_member_phrase_runs_into_is_one_person() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\ndiabétique\n"),
        (
            "fr/_context.txt",
            "[member]\nune de nos\n[topic]\nnos résidents\n",
        ),
    ]);
    assert_found(
        &l,
        &["Nos résidents sont diabétiques pour la plupart."],
        &[("Une de nos résidentes est diabétique.", Category::Health)],
    );
}

/// A job's frame between a hit and a topic after it: the topic is the writer's job, the hit
/// the writer's own; without the frame, a topic close after a hit is what the hit qualifies.
#[test]
fn a_job_frame_parts_a_hit_from_the_topic_after_it() {
    let l = lexicon(&[
        ("en/religion.txt", "[terms]\nsikh\n"),
        (
            "en/_context.txt",
            "[person]\n=i\n[job]\nworking as a\n[topic]\npharmacist\n",
        ),
    ]);
    assert_found(
        &l,
        &["I'm a Sikh pharmacist in Leeds."],
        &[(
            "I'm a Sikh man working as a pharmacist in Leeds.",
            Category::Religion,
        )],
    );
}

/// A machine inside a biometric hit that names its person is what the person met; one right
/// after a hit is what the hit describes ("my fingerprint reader" is a product).
#[test]
fn a_machine_inside_a_hit_that_names_its_person_is_part_of_it() {
    let l = lexicon(&[
        (
            "en/biometric.txt",
            "[terms]\nreader keeps rejecting me\nmy fingerprint\n",
        ),
        (
            "en/_context.txt",
            "[person]\n=my\n=me\n[non_person]\nreader\n",
        ),
    ]);
    assert_found(
        &l,
        &["My fingerprint reader is for sale."],
        &[("The reader keeps rejecting me.", Category::Biometric)],
    );
}

/// An animal after a hit is what the hit is said of ("… for the dog") unless another
/// predicate starts between them: a bare conjunction a word or more before it, or a person
/// two words or more before it who does not own it.
#[test]
fn an_animal_of_another_predicate_after_a_hit_leaves_it() {
    let l = lexicon(&[
        ("en/social_difficulty.txt", "[terms]\nuniversal credit\n"),
        (
            "en/_context.txt",
            "[person]\n=i\n=me\nmy\n[non_person]\ndog\nvet\n[link]\nand\n",
        ),
    ]);
    assert_found(
        &l,
        &[
            "I'm on Universal Credit for the dog.",
            "I'm on Universal Credit and dog food is dear.",
            "I'm on Universal Credit thanks to my dog.",
        ],
        &[
            (
                "I'm on Universal Credit and the vet bill is £800.",
                Category::SocialDifficulty,
            ),
            (
                "I'm on Universal Credit so I gave the dog away.",
                Category::SocialDifficulty,
            ),
        ],
    );
}

#[test]
fn who_the_writer_is_is_no_speciality_of_their_job() {
    let l = lexicon(&[
        ("en/sex_life.txt", "[terms]\n=gay\n"),
        ("en/health.txt", "[terms]\ndiabetes\n"),
        ("en/trade_union.txt", "[terms]\nnurses union\n"),
        (
            "en/political_opinion.txt",
            "[terms]\ni m a labour\nlabour conference\nlabour branch\n",
        ),
        (
            "en/_context.txt",
            "[person]\n=i\ni m\n=our\n[collective]\n=our\n[topic]\nm a ~ nurse\nagency\nconference\nfundraiser\nfestival\n[link]\nand\n",
        ),
        ("fr/sex_life.txt", "[terms]\nlesbienne\n"),
        (
            "fr/_context.txt",
            "[person]\nje\n[topic]\nsuis infirmière\n[link]\net\n",
        ),
    ]);
    assert_found(
        &l,
        // A job's speciality, and a topic after the hit in its own predicate.
        &[
            "I'm a diabetes nurse.",
            "I'm a gay agency.",
            "We booked the Labour conference.",
            "We're catering the Labour branch fundraiser.",
            // An organisation's "our" opening the clause names the organisation.
            "Our gay film festival needs a caterer.",
        ],
        &[
            ("I'm a gay nurse.", Category::SexLife),
            ("je suis infirmière et lesbienne", Category::SexLife),
            ("I'm gay and I want to open an agency.", Category::SexLife),
            // A topic that runs into the hit; a hit that says who someone is.
            ("I'm a rep for the nurses union.", Category::TradeUnion),
            (
                "I'm a Labour man attending conference.",
                Category::PoliticalOpinion,
            ),
            // A hit after a person word is that person's.
            (
                "Booking for our Labour branch fundraiser.",
                Category::PoliticalOpinion,
            ),
        ],
    );
}

#[test]
fn a_colon_and_a_person_word_part_a_topic_from_what_follows() {
    let l = lexicon(&[
        ("fr/health.txt", "[terms]\ndépression\n"),
        (
            "fr/_context.txt",
            "[person]\nj\nma\nnous\n[collective]\n=nous\n[topic]\némission sur\n",
        ),
    ]);
    assert_found(
        &l,
        // The programme's subject, before or after a colon that no person word follows.
        &[
            "Votre émission sur la dépression : très réussie.",
            "Suite à l'émission sur la dépression, merci.",
            // Two words read out of one ("jbosse") share their offsets: no colon between.
            "L'émission sur jbosse la dépression.",
            // A "nous" after the colon may still be the topic's own people.
            "Notre émission sur le travail : nous parlons de dépression.",
        ],
        &[
            (
                "Suite à l'émission sur le burn out : j'ai fait une dépression l'an dernier.",
                Category::Health,
            ),
            (
                "Pour l'émission sur le travail : ma sœur vit une dépression.",
                Category::Health,
            ),
        ],
    );
}

#[test]
fn a_word_another_predicate_ends_with_denies_no_label() {
    let l = lexicon(&[
        ("en/health.txt", "[terms]\ndementia\n"),
        (
            "en/_context.txt",
            "[person]\nmum\n[denial]\n=off\n[link]\nand\n",
        ),
    ]);
    assert_found(
        &l,
        &["Mum's dementia off, thanks."],
        &[(
            "Mum's got dementia and wanders off, please help.",
            Category::Health,
        )],
    );
}

#[test]
fn a_topic_inside_a_term_is_one_of_its_words() {
    let l = lexicon(&[
        (
            "en/social_difficulty.txt",
            "[terms]\nstaying at the ~ shelter\n",
        ),
        ("en/_context.txt", "[person]\n=i\n[topic]\nnight shelter\n"),
    ]);
    assert_found(
        &l,
        &["I volunteer at the night shelter."],
        &[(
            "I'm staying at the night shelter now.",
            Category::SocialDifficulty,
        )],
    );
}
