//! C4 "informed": the consent text registry end to end, each case with its audit record
//! (reasons per destination, flags) checked against the audit schema.
use super::*;
use crate::clock;
use crate::schema::Schema;
use serde_json::json;
use std::path::Path;

fn reference_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml"))
        .unwrap()
}

fn guard_from(text: &str) -> Guard {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let policy = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base).unwrap();
    Guard::new(policy, SuppressionList::default()).unwrap()
}

/// A prospect from `form` with an e-mail consent to `version` captured at `captured_at`.
fn lead(form: Option<&str>, version: &str, captured_at: &str) -> Vec<u8> {
    let mut source = json!({"dataset": "web-leads-fr"});
    if let Some(f) = form {
        source["form_id"] = json!(f);
    }
    serde_json::to_vec(&json!({
        "event_id": "lead-c4", "occurred_at": "2026-11-20T10:15:00Z",
        "source": source,
        "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
            "first_name": "Camille", "email": "camille@example.fr",
            "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": [{"purpose": "prospecting", "channel": "email", "granted": true,
            "method": "checkbox", "captured_at": captured_at, "text_version": version,
            "proof_ref": "form:c4"}],
        "attributes": {}
    }))
    .unwrap()
}

fn run(g: &Guard, raw: &[u8]) -> Processed {
    let mut state = g.new_state();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let input = InputRef::File {
        file: "t.jsonl".into(),
        line: 1,
    };
    g.process(raw, &input, now, &WithdrawalTable::default(), &mut state)
}

/// The audit record as written (sealed into a chain), checked against the published schema.
pub(super) fn audit_json(g: &Guard, p: &Processed) -> Value {
    let mut chain = crate::audit::AuditChain::new(g.audit_key().clone(), "t".into(), None);
    let mut record = p.audit.clone();
    let v: Value = serde_json::from_slice(&chain.seal(&mut record)).unwrap();
    Schema::audit()
        .check(&v)
        .unwrap_or_else(|e| panic!("audit record off schema: {e:?}\n{v}"));
    v
}

/// The `emailing` destination (e-mail and SMS, opt-in): outcome, reasons and permitted channels.
fn emailing(v: &Value) -> (String, Vec<String>, Vec<String>) {
    let d = v["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "emailing")
        .unwrap();
    let strings = |k: &str| -> Vec<String> {
        d[k].as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    (
        d["outcome"].as_str().unwrap().to_string(),
        strings("reasons"),
        strings("channels"),
    )
}

fn flags(v: &Value) -> Vec<&str> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

#[test]
fn c4_an_approved_text_version_is_valid_consent() {
    let g = guard_from(&reference_text());
    let v = audit_json(
        &g,
        &run(
            &g,
            &lead(Some("contact-fr"), "2026-03", "2026-11-20T10:10:00Z"),
        ),
    );
    let (outcome, reasons, channels) = emailing(&v);
    assert_eq!(outcome, "forwarded");
    assert_eq!(channels, ["email"]);
    assert!(!reasons.contains(&"consent.uninformed".to_string()));
    assert!(!flags(&v).contains(&"consent.text_unregistered"));
}

#[test]
fn c4_an_unapproved_text_version_is_uninformed() {
    let g = guard_from(&reference_text());
    let v = audit_json(
        &g,
        &run(&g, &lead(Some("contact-fr"), "x", "2026-11-20T10:10:00Z")),
    );
    let (outcome, reasons, channels) = emailing(&v);
    assert_eq!(outcome, "blocked");
    assert!(channels.is_empty());
    assert!(
        reasons.contains(&"consent.uninformed".to_string()),
        "{reasons:?}"
    );
    // The CRM still phones (opt-out, C1), but not by e-mail.
    let crm = &v["destinations"][0];
    assert_eq!(crm["name"], "crm");
    assert!(!crm["channels"]
        .as_array()
        .unwrap()
        .contains(&json!("email")));
}

#[test]
fn c4_a_text_version_outside_its_validity_period_is_uninformed() {
    let text = reference_text().replacen(
        "version = \"2026-03\"\nvalid_from = \"2026-03-01T00:00:00Z\"",
        "version = \"2026-03\"\nvalid_from = \"2026-03-01T00:00:00Z\"\nvalid_until = \"2026-11-01T00:00:00Z\"",
        1,
    );
    assert!(text.contains("valid_until"));
    let g = guard_from(&text);
    // Captured after the version was retired.
    let v = audit_json(
        &g,
        &run(
            &g,
            &lead(Some("contact-fr"), "2026-03", "2026-11-20T10:10:00Z"),
        ),
    );
    let (outcome, reasons, _) = emailing(&v);
    assert_eq!(outcome, "blocked");
    assert!(
        reasons.contains(&"consent.uninformed".to_string()),
        "{reasons:?}"
    );
    // Captured while it was approved: still valid consent.
    let v = audit_json(
        &g,
        &run(
            &g,
            &lead(Some("contact-fr"), "2026-03", "2026-10-20T10:10:00Z"),
        ),
    );
    assert_eq!(emailing(&v).0, "forwarded");
    // Captured before it was approved (the reference policy's valid_from).
    let g = guard_from(&reference_text());
    let v = audit_json(
        &g,
        &run(
            &g,
            &lead(Some("contact-fr"), "2026-03", "2026-02-20T10:10:00Z"),
        ),
    );
    let (outcome, reasons, _) = emailing(&v);
    assert_eq!(outcome, "blocked");
    assert!(
        reasons.contains(&"consent.uninformed".to_string()),
        "{reasons:?}"
    );
}

#[test]
fn c4_an_unknown_form_is_refused_by_default() {
    let g = guard_from(&reference_text());
    for form in [Some("other-form"), None] {
        let v = audit_json(&g, &run(&g, &lead(form, "2026-03", "2026-11-20T10:10:00Z")));
        let (outcome, reasons, _) = emailing(&v);
        assert_eq!(outcome, "blocked", "{form:?}");
        assert!(
            reasons.contains(&"consent.uninformed".to_string()),
            "{reasons:?}"
        );
        assert!(!flags(&v).contains(&"consent.text_unregistered"));
    }
}

#[test]
fn c4_an_unknown_form_allowed_for_a_migration_is_flagged() {
    let text =
        reference_text().replacen("unknown_form = \"refuse\"", "unknown_form = \"allow\"", 1);
    let g = guard_from(&text);
    let v = audit_json(
        &g,
        &run(
            &g,
            &lead(Some("other-form"), "anything", "2026-11-20T10:10:00Z"),
        ),
    );
    let (outcome, reasons, channels) = emailing(&v);
    assert_eq!(outcome, "forwarded");
    assert_eq!(channels, ["email"]);
    assert!(reasons.is_empty(), "{reasons:?}");
    assert!(flags(&v).contains(&"consent.text_unregistered"));
    // A registered form is still held to its texts.
    let v = audit_json(
        &g,
        &run(&g, &lead(Some("contact-fr"), "x", "2026-11-20T10:10:00Z")),
    );
    assert_eq!(emailing(&v).0, "blocked");
    assert!(!flags(&v).contains(&"consent.text_unregistered"));
}

#[test]
fn c4_registry_problems_are_all_listed_at_start() {
    let text = reference_text().replacen(
        "[[consent.texts]]\nform = \"contact-fr\"\npurpose = \"prospecting\"\nversion = \"2026-03\"\nvalid_from = \"2026-03-01T00:00:00Z\"\nsha256 = \"",
        "[[consent.texts]]\nform = \"contact-fr\"\npurpose = \"marketing\"\nversion = \"2026-03\"\nvalid_from = \"March\"\nvalid_until = \"2020-01-01T00:00:00Z\"\nsha256 = \"zz",
        1,
    );
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let err = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base).unwrap_err();
    let msg = err.to_string();
    for needle in [
        "consent.texts[0]: unknown purpose `marketing`",
        "consent.texts[0]: sha256 must be the 64 hex digits",
        "consent.texts[0]: valid_from is not an RFC 3339 timestamp",
    ] {
        assert!(msg.contains(needle), "no {needle:?} in {msg}");
    }
}
