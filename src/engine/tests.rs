//! The guard end to end on single events, against the example policy.
use super::*;
use crate::audit::Text;
use crate::clock;
use crate::treatment::Applied;
use crate::verdict::Reason;
use serde_json::json;
use std::path::Path;

pub(super) fn guard() -> &'static Guard {
    static GUARD: std::sync::OnceLock<Guard> = std::sync::OnceLock::new();
    GUARD.get_or_init(|| {
        let policy =
            Policy::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml"))
                .unwrap();
        Guard::new(policy, SuppressionList::default()).unwrap()
    })
}

fn now() -> Timestamp {
    clock::parse("2026-11-22T12:00:00Z").unwrap()
}

fn input(line: u64) -> InputRef {
    InputRef::File {
        file: "t.jsonl".into(),
        line,
    }
}

fn lead(attributes: Value, extra_subject: Value, consents: Value) -> Vec<u8> {
    let mut ev = json!({
        "event_id": "lead-t", "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
            "first_name": "Camille", "last_name": "Martin", "email": "Camille.Martin@Example.fr",
            "phone": "+33 6 12 34 56 78", "customer_code": null,
            "address": {"street": "3 rue Oberkampf", "postcode": "75011", "city": "Paris", "country": "FR"},
            "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": consents,
        "attributes": attributes
    });
    for (k, v) in extra_subject.as_object().unwrap() {
        ev["subject"][k] = v.clone();
    }
    serde_json::to_vec(&ev).unwrap()
}

fn run(g: &Guard, raw: &[u8]) -> Processed {
    let mut state = g.new_state();
    g.process(
        raw,
        &input(1),
        now(),
        &WithdrawalTable::default(),
        &mut state,
    )
}

fn copy(p: &Processed, g: &Guard, dest: &str) -> Option<Value> {
    let i = g
        .policy
        .destinations
        .iter()
        .position(|d| d.name == dest)
        .unwrap();
    p.outputs
        .iter()
        .find(|o| o.destination == i)
        .map(|o| serde_json::from_slice(&o.payload).unwrap())
}

#[test]
fn malformed_inputs_are_rejected_with_a_reason_and_no_content_in_the_detail() {
    let g = guard();
    let big = vec![b' '; g.policy.max_event_bytes + 1];
    let cases: Vec<(&[u8], Reason)> = vec![
        (b"\xff\xfe secret@example.fr", Reason::EventMalformed),
        (b"{\"event_id\": secret@example.fr", Reason::EventMalformed),
        (&big, Reason::EventMalformed),
        (b"[\"secret@example.fr\"]", Reason::SchemaInvalid),
    ];
    for (raw, reason) in cases {
        let p = run(g, raw);
        assert_eq!(p.outcome, Outcome::Rejected);
        assert_eq!(p.audit.reasons, vec![Text::Borrowed(reason.as_str())]);
        let detail = p.audit.detail.clone().unwrap();
        assert!(!detail.contains("secret"), "{detail}");
        let dl = String::from_utf8(p.dead_letter.unwrap()).unwrap();
        assert!(!dl.contains("secret"));
        assert!(p.outputs.is_empty());
    }
    // A dataset the policy does not declare cannot be judged for purpose limitation.
    let mut ev: Value = serde_json::from_slice(&lead(json!({}), json!({}), json!([]))).unwrap();
    ev["source"]["dataset"] = json!("unknown-file");
    let p = run(g, &serde_json::to_vec(&ev).unwrap());
    assert_eq!(p.outcome, Outcome::Rejected);
}

#[test]
fn s1_national_id_and_card_as_customer_code_never_leave() {
    let g = guard();
    let raw = lead(
        json!({}),
        json!({"national_id": "184011361725217", "customer_code": "4246141627437328"}),
        json!([]),
    );
    let p = run(g, &raw);
    let crm = copy(&p, g, "crm").unwrap();
    assert!(crm["subject"].get("national_id").is_none());
    // The CRM keeps customer codes, but not one that is a card number (S1).
    assert!(crm["subject"].get("customer_code").is_none());
    let mut cats: Vec<_> = p
        .audit
        .findings
        .iter()
        .map(|f| f.category.to_string())
        .collect();
    cats.sort();
    assert_eq!(cats, ["national_id", "payment_card"]);
}

#[test]
fn s2_special_categories_removed_without_consent_encrypted_with_it() {
    let g = guard();
    let p = run(
        g,
        &lead(json!({"health_condition": "asthma"}), json!({}), json!([])),
    );
    assert!(copy(&p, g, "crm").unwrap()["attributes"]
        .get("health_condition")
        .is_none());
    assert!(p.audit.flags.iter().any(|f| f == "sensitive.removed"));
    let consent = json!([{"purpose": "special:health", "granted": true, "method": "signature",
        "captured_at": "2026-11-20T10:10:00Z", "text_version": "2026-03", "proof_ref": "sig:1"}]);
    let p = run(
        g,
        &lead(json!({"health_condition": "asthma"}), json!({}), consent),
    );
    let env = copy(&p, g, "crm").unwrap()["attributes"]["health_condition"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        g.keyring()
            .decrypt("/attributes/health_condition", &env)
            .unwrap(),
        b"asthma"
    );
    assert!(p.audit.flags.iter().any(|f| f == "sensitive.encrypted"));
}

#[test]
fn s4_undeclared_attributes_are_never_forwarded() {
    let g = guard();
    let p = run(
        g,
        &lead(
            json!({"favourite_colour": "blue", "product_interest": "x"}),
            json!({}),
            json!([]),
        ),
    );
    for o in &p.outputs {
        assert!(!String::from_utf8_lossy(&o.payload).contains("favourite_colour"));
    }
    assert!(p.audit.flags.iter().any(|f| f == "field.undeclared"));
}

#[test]
fn p1_p3_one_person_one_token_whatever_the_formatting() {
    let g = guard();
    let a = run(
        g,
        &lead(
            json!({}),
            json!({"email": " CAMILLE.martin@example.FR "}),
            json!([]),
        ),
    );
    let b = run(
        g,
        &lead(
            json!({}),
            json!({"email": "camille.martin@example.fr"}),
            json!([]),
        ),
    );
    assert_eq!(a.audit.subject_ref, b.audit.subject_ref);
    let token = a.audit.subject_ref.clone().unwrap();
    assert_eq!(token, g.subject_token("camille.martin@example.fr"));
    // Analytics gets the same token for the e-mail, never the e-mail.
    let analytics = copy(&a, g, "analytics").unwrap();
    assert_eq!(analytics["subject"]["email"], json!(token));
    assert!(!serde_json::to_string(&analytics)
        .unwrap()
        .to_lowercase()
        .contains("camille"));
}

#[test]
fn a1_audit_record_never_holds_a_personal_value() {
    let g = guard();
    let raw = lead(
        json!({"message": "Mon numéro de sécu est 2 70 12 69 765 674 81", "iban": "FR8375612535268751648434831"}),
        json!({}),
        json!([]),
    );
    let mut p = run(g, &raw);
    let mut chain = g.audit_chain("t".into(), None);
    let rec = String::from_utf8(chain.seal(&mut p.audit))
        .unwrap()
        .to_lowercase();
    for secret in [
        "camille",
        "martin",
        "+33",
        "612345678",
        "oberkampf",
        "765 674",
        "fr8375",
    ] {
        assert!(!rec.contains(secret), "{secret} in {rec}");
    }
}

#[test]
fn a_masked_field_keeps_its_last_two_characters_and_is_recorded_masked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(dir.join("policy.toml"))
        .unwrap()
        .replace(
            "only = [\"/subject/first_name\", \"/subject/email\"",
            "fields = { phone = \"mask\" }\nonly = [\"/subject/first_name\", \"/subject/email\"",
        );
    let policy = Policy::from_bytes(text.as_bytes(), Path::new("masked.toml"), &dir).unwrap();
    let g = Guard::new(policy, SuppressionList::default()).unwrap();
    let sms = json!([{"purpose": "prospecting", "channel": "sms", "granted": true,
        "method": "checkbox", "captured_at": "2026-11-20T10:10:00Z", "text_version": "2026-03",
        "proof_ref": "form:1"}]);
    let p = run(&g, &lead(json!({}), json!({}), sms));
    let emailing = copy(&p, &g, "emailing").unwrap();
    assert_eq!(emailing["subject"]["phone"], json!("*** * ** ** ** 78"));
    let fields = &p.audit.destinations[1].fields;
    assert!(fields
        .iter()
        .any(|(k, v)| k == "/subject/phone" && *v == Applied::Masked));
}

/// The fields entry of a destination's audit record.
fn treatment<'p>(p: &'p Processed, dest: &str, path: &str) -> Option<&'p str> {
    let d = p.audit.destinations.iter().find(|d| d.name == dest)?;
    d.fields
        .iter()
        .find(|(k, _)| k == path)
        .map(|(_, v)| v.as_str())
}

/// A valid consent to prospecting by e-mail.
fn email_consent() -> Value {
    json!([{"purpose": "prospecting", "channel": "email", "granted": true,
        "method": "checkbox", "captured_at": "2026-11-20T10:10:00Z", "text_version": "2026-03",
        "proof_ref": "form:1"}])
}

const CONTACT_MESSAGE: &str =
    "Mon autre adresse : camille.perso@exemple.fr, ou appelez le 07 98 76 54 32 le soir.";

/// Issue 10 (S3, S4): an e-mail address or phone number typed into a message is a finding,
/// redacted in a copy whose matching field is refused, and kept where the field is kept.
#[test]
fn contact_details_in_free_text_follow_the_field_of_each_destination() {
    let g = guard();
    // No consent: the CRM's e-mail channel is refused (opt-in), phone is permitted
    // (opt-out): the address is redacted, the number kept.
    let p = run(
        g,
        &lead(json!({"message": CONTACT_MESSAGE}), json!({}), json!([])),
    );
    let crm = copy(&p, g, "crm").unwrap();
    assert!(crm["subject"].get("email").is_none());
    assert_eq!(
        crm["attributes"]["message"],
        json!("Mon autre adresse : [redacted:email], ou appelez le 07 98 76 54 32 le soir.")
    );
    assert_eq!(
        treatment(&p, "crm", "/attributes/message"),
        Some("redacted")
    );
    let mut found: Vec<(String, String)> = p
        .audit
        .findings
        .iter()
        .map(|f| (f.path.clone(), f.category.to_string()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("/attributes/message".to_string(), "email".to_string()),
            ("/attributes/message".to_string(), "phone".to_string())
        ]
    );
    assert!(p.audit.flags.iter().any(|f| f == "text.redacted"));

    // With e-mail consent the CRM keeps both fields, so the message leaves as written.
    let email = email_consent();
    let p = run(
        g,
        &lead(json!({"message": CONTACT_MESSAGE}), json!({}), email),
    );
    let crm = copy(&p, g, "crm").unwrap();
    assert_eq!(crm["attributes"]["message"], json!(CONTACT_MESSAGE));
    assert_eq!(treatment(&p, "crm", "/attributes/message"), Some("clear"));
    assert!(!p.audit.flags.iter().any(|f| f == "text.redacted"));
    // No audit record holds the address or the number.
    let record = serde_json::to_string(&p.audit).unwrap();
    assert!(!record.contains("camille.perso") && !record.contains("54 32"));
}

#[test]
fn analytics_gets_contact_details_in_free_text_redacted_like_its_tokens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(dir.join("policy.toml"))
        .unwrap()
        .replace(
            "customer_code = \"token\", free_text = \"remove\"",
            "customer_code = \"token\", free_text = \"redact\"",
        );
    let policy = Policy::from_bytes(text.as_bytes(), Path::new("analytics.toml"), &dir).unwrap();
    let g = Guard::new(policy, SuppressionList::default()).unwrap();
    let email = email_consent();
    let p = run(
        &g,
        &lead(json!({"message": CONTACT_MESSAGE}), json!({}), email),
    );
    let analytics = copy(&p, &g, "analytics").unwrap();
    assert!(analytics["subject"]["email"]
        .as_str()
        .unwrap()
        .starts_with("hmac:"));
    assert_eq!(
        analytics["attributes"]["message"],
        json!("Mon autre adresse : [redacted:email], ou appelez le [redacted:phone] le soir.")
    );
    assert_eq!(
        treatment(&p, "analytics", "/attributes/message"),
        Some("redacted")
    );
    // The CRM of the same event keeps both in clear.
    let crm = copy(&p, &g, "crm").unwrap();
    assert_eq!(crm["attributes"]["message"], json!(CONTACT_MESSAGE));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Bad input never crashes the guard and never disappears: every input gets an outcome,
    /// and a rejected one a dead-letter record.
    #[test]
    fn arbitrary_bytes_never_panic_and_always_get_an_outcome(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
        let g = guard();
        let p = run(g, &raw);
        proptest::prop_assert!(p.outcome != Outcome::Rejected || p.dead_letter.is_some());
    }

    #[test]
    fn mutated_valid_events_never_panic(cut in 0usize..900, byte in proptest::num::u8::ANY) {
        let g = guard();
        let mut raw = lead(json!({"message": "Call me"}), json!({}), json!([]));
        let at = cut.min(raw.len() - 1);
        raw[at] = byte;
        let p = run(g, &raw);
        proptest::prop_assert!(p.outcome != Outcome::Rejected || p.dead_letter.is_some());
    }
}

#[test]
fn s4_analytics_gets_the_year_of_birth_and_the_department_recorded_as_generalised() {
    let g = guard();
    let p = run(
        g,
        &lead(json!({}), json!({"birth_date": "1984-06-02"}), json!([])),
    );
    let analytics = copy(&p, g, "analytics").unwrap();
    assert_eq!(analytics["subject"]["birth_date"], json!("1984"));
    assert_eq!(analytics["subject"]["address"]["postcode"], json!("75"));
    assert_eq!(
        treatment(&p, "analytics", "/subject/birth_date"),
        Some("generalised")
    );
    assert_eq!(
        treatment(&p, "analytics", "/subject/address/postcode"),
        Some("generalised")
    );
    // Other destinations keep their own plan.
    let crm = copy(&p, g, "crm").unwrap();
    assert_eq!(crm["subject"]["address"]["postcode"], json!("75011"));
    // A value generalise cannot read is not forwarded at all, and not recorded; the copy
    // stays valid JSON without it.
    let p = run(
        g,
        &lead(
            json!({}),
            json!({"address": {"street": "10 Downing Street", "postcode": "SW1A 2AA", "city": "London", "country": "GB"}}),
            json!([]),
        ),
    );
    let analytics = copy(&p, g, "analytics").unwrap();
    assert_eq!(analytics["subject"]["address"]["city"], json!("London"));
    assert!(analytics["subject"]["address"].get("postcode").is_none());
    assert_eq!(
        treatment(&p, "analytics", "/subject/address/postcode"),
        None
    );
}

#[test]
fn invalid_utf8_is_rejected_with_the_offset_of_the_first_bad_byte() {
    let g = guard();
    for (raw, offset) in [
        (&b"{\"event_id\": \"x\xff\"}"[..], 15),
        (&b"\xc3"[..], 0),
        (&b"{\"a\": \"\xc3\xa9\xe2\x82\"}"[..], 9),
    ] {
        let p = run(g, raw);
        assert_eq!(p.outcome, Outcome::Rejected);
        assert_eq!(
            p.audit.detail.as_deref(),
            Some(format!("not UTF-8 (invalid byte at offset {offset})").as_str())
        );
    }
}
