use std::collections::BTreeSet;
use std::path::Path;

use super::*;

fn reference_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml"))
        .unwrap()
}

fn compile(text: &str) -> Policy {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base).unwrap()
}

fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the reference policy has no {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn register_of_the_reference_policy_states_its_recipients_and_transfers() {
    let policy = compile(&reference_text());
    let r = Register::build(&policy);
    assert_eq!(r.policy_version, "2026-11-01");
    assert_eq!(r.policy_sha256, policy.sha256);
    // Every destination, with the country, safeguard and transfer status of the policy (T1–T3).
    let got: Vec<(&str, &str, &str, &str, bool)> = r
        .recipients
        .iter()
        .map(|d| {
            (
                d.destination.as_str(),
                d.country.as_str(),
                d.safeguard,
                d.transfer,
                d.in_eea,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("crm", "FR", "none", "none", true),
            ("emailing", "FR", "none", "none", true),
            ("callcenter", "MA", "scc", "safeguarded", false),
            ("partners", "US", "none", "blocked", false),
            ("analytics", "IE", "none", "none", true),
        ]
    );
    let callcenter = &r.recipients[2];
    assert_eq!(callcenter.recipient, "Teleperf Maroc");
    assert_eq!(callcenter.purpose, "prospecting");
    assert_eq!(callcenter.channels, ["phone"]);
    // `only` is honoured: exactly the listed personal fields, in clear.
    let fields: BTreeSet<(&str, &str)> = callcenter
        .fields
        .iter()
        .map(|f| (f.path.as_str(), f.treatment))
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from([
            ("/subject/first_name", "keep"),
            ("/subject/last_name", "keep"),
            ("/subject/phone", "keep"),
            ("/subject/address/postcode", "keep"),
            ("/attributes/product_interest", "keep"),
        ])
    );
    assert_eq!(r.recipients[3].unauthorised_interconnection, "block");
    assert_eq!(r.recipients[0].unauthorised_interconnection, "flag");
    // Analytics receives tokens, never the e-mail in clear (statistics regime).
    let analytics = &r.recipients[4];
    assert!(analytics
        .fields
        .iter()
        .any(|f| f.path == "/subject/email" && f.treatment == "token"));
    assert!(!analytics
        .fields
        .iter()
        .any(|f| f.treatment == "keep"
            && matches!(f.category, "email" | "phone" | "direct_identifier")));
}

#[test]
fn register_states_purposes_datasets_interconnections_and_retention() {
    let r = Register::build(&compile(&reference_text()));
    let purposes: Vec<(&str, &str)> = r
        .purposes
        .iter()
        .map(|p| (p.name.as_str(), p.regime))
        .collect();
    assert_eq!(
        purposes,
        [
            ("customer_management", "consent"),
            ("customer_support", "consent"),
            ("logistics", "consent"),
            ("partner_sharing", "consent"),
            ("prospecting", "prospecting"),
            ("statistics", "none"),
        ]
    );
    let prospecting = r.purposes.iter().find(|p| p.name == "prospecting").unwrap();
    assert_eq!(
        prospecting.datasets,
        ["partner-file-acme", "trade-show-2026", "web-leads-fr"]
    );
    assert_eq!(prospecting.destinations, ["crm", "emailing", "callcenter"]);
    let datasets: Vec<(&str, &str)> = r
        .datasets
        .iter()
        .map(|d| (d.name.as_str(), d.purpose.as_str()))
        .collect();
    assert_eq!(
        datasets,
        [
            ("loyalty-program", "customer_management"),
            ("partner-file-acme", "prospecting"),
            ("supply-chain", "logistics"),
            ("support-tickets", "customer_support"),
            ("trade-show-2026", "prospecting"),
            ("web-leads-fr", "prospecting"),
        ]
    );
    assert_eq!(r.interconnections.len(), 1);
    let i = &r.interconnections[0];
    assert_eq!(i.datasets, ["loyalty-program", "web-leads-fr"]);
    assert_eq!(i.purposes, ["customer_management", "prospecting"]);
    assert_eq!(i.reference, "DPIA-2026-004");
    assert_eq!(r.retention.prospect_months, 36);
    assert_eq!(r.retention.consent_max_age_months, 36);
    assert_eq!(r.retention.clock_skew_seconds, 300);
    // Categories of data from the schema's annotations, special ones marked.
    let health = r
        .data_categories
        .iter()
        .find(|c| c.category == "health")
        .unwrap();
    assert!(health.special && !health.forbidden);
    assert_eq!(health.fields, ["/attributes/health_condition"]);
    let nir = r
        .data_categories
        .iter()
        .find(|c| c.category == "national_id")
        .unwrap();
    assert!(nir.forbidden);
    assert!(!r.data_categories.iter().any(|c| c.category == "meta"));
    let people: Vec<&str> = r.people.iter().map(|p| p.name).collect();
    assert_eq!(
        people,
        [
            "prospects (individuals)",
            "prospects (professionals)",
            "customers"
        ]
    );
    // Security measures name the key ids and the checkpoints, never key material.
    let measures: Vec<&str> = r.security.iter().map(|m| m.measure).collect();
    for m in [
        "pseudonymisation",
        "encryption",
        "free-text redaction",
        "audit trail",
        "signed checkpoints",
        "signed consent proofs",
    ] {
        assert!(measures.contains(&m), "no measure {m}");
    }
    let checkpoints = r
        .security
        .iter()
        .find(|m| m.measure == "signed checkpoints")
        .unwrap();
    assert!(
        checkpoints.detail.contains("every 1000 records or 60 s"),
        "{}",
        checkpoints.detail
    );
    let tokens = r
        .security
        .iter()
        .find(|m| m.measure == "pseudonymisation")
        .unwrap();
    assert!(tokens.detail.contains("`k1`") && tokens.detail.contains("analytics"));
}

#[test]
fn dpia_sheet_files_each_risk_under_the_seed_004_headings() {
    let r = Register::build(&compile(&reference_text()));
    let headings: Vec<&str> = r.dpia.iter().map(|s| s.heading_fr).collect();
    assert_eq!(
        headings,
        [
            "Consentement insuffisant",
            "Détournement des données de la base de données clients",
            "Absence ou insuffisance de mesures de sécurité",
            "Violation des obligations d'information",
            "Conservation et suppression inappropriées des données",
        ]
    );
    let codes = |i: usize| -> Vec<&str> { r.dpia[i].risks.iter().map(|k| k.code).collect() };
    // The reference policy forwards special categories (encrypted, with consent) everywhere
    // except where `only` or the statistics plan removes them.
    assert!(codes(0).contains(&"special.forwarded"));
    assert_eq!(
        codes(1),
        ["interconnection.flag_only", "interconnection.authorised"]
    );
    assert!(r.dpia[1].risks[1].text.contains("DPIA-2026-004"));
    assert_eq!(
        codes(2),
        [
            "transfer.safeguarded",
            "transfer.identifiers_in_clear",
            "transfer.unsafeguarded"
        ]
    );
    assert_eq!(codes(3), ["consent.texts_registered"]);
    assert!(r.dpia[3].risks[0]
        .text
        .starts_with("5 approved consent text version(s)"));
    let texts: Vec<(&str, &str, &str)> = r
        .consent_texts
        .iter()
        .map(|t| (t.form.as_str(), t.purpose.as_str(), t.version.as_str()))
        .collect();
    assert_eq!(texts.len(), 5);
    assert!(texts.contains(&("contact-fr", "prospecting", "2026-03")));
    assert_eq!(r.consent_texts[0].valid_from, "2026-03-01T00:00:00Z");
    assert_eq!(codes(4), ["retention.downstream"]);
}

#[test]
fn json_markdown_and_html_carry_the_same_register() {
    let r = Register::build(&compile(&reference_text()));
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(v["recipients"][2]["country"], "MA");
    assert_eq!(v["recipients"][2]["safeguard"], "scc");
    assert_eq!(v["interconnections"][0]["reference"], "DPIA-2026-004");
    assert_eq!(v["dpia"].as_array().unwrap().len(), 5);

    let md = markdown::render(&r);
    for section in [
        "# Register of processing (GDPR art. 30)",
        "## Purposes and legal basis",
        "## Datasets",
        "## Categories of data",
        "## Categories of people",
        "## Recipients",
        "## Retention",
        "## Security measures",
        "## Authorised interconnections",
        "# DPIA input sheet",
        "## Insufficient consent (Consentement insuffisant)",
    ] {
        assert!(md.contains(section), "no {section:?} in the Markdown");
    }
    assert!(md.contains("| callcenter | Teleperf Maroc | MA | no | safeguarded | scc | prospecting | phone | flag |"));
    assert!(
        md.contains("| web-leads-fr ↔ loyalty-program")
            || md.contains("| loyalty-program ↔ web-leads-fr")
    );

    let html = html::render(&r);
    assert!(!html.contains("<script"));
    for needle in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(needle), "the page references {needle:?}");
    }
    assert!(html.contains(
        "<tr data-destination=\"callcenter\" data-country=\"MA\" data-transfer=\"safeguarded\" data-safeguard=\"scc\">"
    ));
}

#[test]
fn lint_of_the_reference_policy_warns_about_the_call_centre_and_the_partners() {
    let warnings = risks::lint(&compile(&reference_text()));
    let got: Vec<(&str, Option<&str>)> = warnings
        .iter()
        .map(|w| (w.code, w.destination.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("interconnection.flag_only", None),
            ("transfer.identifiers_in_clear", Some("callcenter")),
            ("transfer.unsafeguarded", Some("partners")),
        ]
    );
    assert_eq!(
        warnings[1].text,
        "outside the EEA (MA), identifiers in clear: /subject/first_name, /subject/last_name, /subject/phone"
    );
    assert!(warnings[0]
        .text
        .ends_with("crm, emailing, callcenter, analytics"));
}

#[test]
fn lint_of_a_risky_policy_names_every_risky_setting() {
    let text = reference_text();
    let text = replace(&text, "max_age_months = 36", "max_age_months = 48");
    let text = replace(&text, "prospect_months = 36", "prospect_months = 60");
    let text = replace(&text, "unauthorised = \"flag\"", "unauthorised = \"block\"");
    let text = replace(
        &text,
        "unknown_form = \"refuse\"",
        "unknown_form = \"allow\"",
    );
    let text = replace(
        &text,
        "fields = { \"/subject/birth_date\" = \"keep\", customer_code = \"keep\" }",
        "fields = { \"/subject/birth_date\" = \"keep\", customer_code = \"keep\", health = \"keep\", iban = \"keep\" }",
    );
    let text = replace(
        &text,
        "recipient = { name = \"Acme Media\", country = \"US\", safeguard = \"none\" }",
        "recipient = { name = \"Acme Media\", country = \"US\", safeguard = \"dpf\" }",
    );
    let warnings = risks::lint(&compile(&text));
    let got: BTreeSet<(&str, Option<&str>)> = warnings
        .iter()
        .map(|w| (w.code, w.destination.as_deref()))
        .collect();
    assert_eq!(
        got,
        BTreeSet::from([
            ("consent.max_age_long", None),
            ("retention.long", None),
            ("consent.unknown_form_allowed", None),
            ("special.in_clear", Some("crm")),
            ("iban.in_clear", Some("crm")),
            ("transfer.identifiers_in_clear", Some("callcenter")),
            // DPF makes the US partner a lawful transfer, which now sends e-mails in clear.
            ("transfer.identifiers_in_clear", Some("partners")),
        ])
    );
    let max_age = warnings
        .iter()
        .find(|w| w.code == "consent.max_age_long")
        .unwrap();
    assert_eq!(max_age.rules, ["C5"]);
    assert!(max_age.text.contains("48 months"));
    let special = warnings
        .iter()
        .find(|w| w.code == "special.in_clear")
        .unwrap();
    assert_eq!(
        special.text,
        "special categories forwarded in clear when consented: /attributes/health_condition"
    );
    assert_eq!(special.heading, risks::SECURITY);
}
