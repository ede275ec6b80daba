//! S1 wherever an identifier is written: a card number, IBAN or NIR typed into any string of an
//! event (not only its free text) never leaves in clear, in a copy or in the audit record.
//!
//! Regression of the fuzz finding `fuzz/findings/intake-card-in-structured-attribute`: a
//! Luhn-valid card number in `attributes.product_interest` reached the CRM in clear.
use super::tests::guard;
use super::*;
use crate::clock;
use serde_json::json;

fn run(raw: &[u8]) -> Processed {
    let g = guard();
    let mut state = g.new_state();
    let input = InputRef::File {
        file: "t.jsonl".into(),
        line: 1,
    };
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    g.process(raw, &input, now, &WithdrawalTable::default(), &mut state)
}

/// An event with every kind of structured field filled in, consented to every destination.
fn event() -> Value {
    json!({
        "event_id": "lead-ids", "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "channel": "webform", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "customer", "objection_offered": true,
            "first_name": "Camille", "last_name": "Martin", "email": "camille.martin@example.fr",
            "phone": "+33 6 12 34 56 78", "customer_code": "C-1042",
            "address": {"street": "3 rue Oberkampf", "postcode": "75011", "city": "Paris", "country": "FR"},
            "birth_date": "1980-04-02", "company": "Dupont SARL", "job_title": "Acheteuse",
            "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": [
            {"purpose": "prospecting", "channel": "email", "granted": true, "method": "checkbox",
             "prechecked": false, "captured_at": "2026-11-20T10:14:00Z", "text_version": "2026-03",
             "proof_ref": "form:02f315", "withdrawn_at": null},
            {"purpose": "partner_sharing", "granted": true, "method": "checkbox",
             "prechecked": false, "captured_at": "2026-11-20T10:14:00Z", "text_version": "2026-03",
             "proof_ref": "form:02f316"}
        ],
        "attributes": {"product_interest": "heat pump", "budget": "5000", "household_children": 2,
            "profession": "infirmière", "message": "Rappelez-moi"},
        "enrichment": [{"dataset": "web-leads-fr", "fields": {"segment": "B", "score": [1, "x"]}}]
    })
}

/// The JSON pointer of every string, and of every number, in `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) | Value::Number(_) => out.push(at),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (k, item) in members {
                leaves(item, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// Checksum-valid identifiers as people write them, and the digits a reader would recognise.
const IDENTIFIERS: [(&str, &str); 4] = [
    ("4246141627437328", "4246141627437328"),
    ("4246 1416 2743 7328", "4246 1416 2743 7328"),
    (
        "FR76 3000 6000 0112 3456 7890 189",
        "3000 6000 0112 3456 7890",
    ),
    ("1 84 01 13 617 252 17", "84 01 13 617 252"),
];

fn assert_nowhere_in_clear(p: &Processed, needle: &str, case: &str) {
    for o in &p.outputs {
        let text = String::from_utf8_lossy(&o.payload);
        assert!(
            !text.contains(needle),
            "{case}: a copy holds {needle:?}: {text}"
        );
    }
    let mut audit = Vec::new();
    p.audit.write_json(&mut audit);
    let audit = String::from_utf8(audit).unwrap();
    assert!(
        !audit.contains(needle),
        "{case}: the audit holds {needle:?}: {audit}"
    );
}

#[test]
fn s1_a_card_number_in_a_structured_attribute_never_reaches_the_crm() {
    let mut ev = event();
    ev["attributes"]["product_interest"] = json!("ref 4246141627437328 please");
    let p = run(&serde_json::to_vec(&ev).unwrap());
    let crm = p
        .outputs
        .iter()
        .find(|o| guard().policy.destinations[o.destination].name == "crm")
        .expect("the CRM gets the lead");
    let crm: Value = serde_json::from_slice(&crm.payload).unwrap();
    assert_eq!(
        crm["attributes"]["product_interest"],
        "ref [redacted:payment_card] please"
    );
    let finding = p
        .audit
        .findings
        .iter()
        .find(|f| f.path == "/attributes/product_interest")
        .expect("a finding for the attribute");
    assert_eq!(finding.category.to_string(), "payment_card");
    assert_eq!(finding.action.to_string(), "redact");
    assert_nowhere_in_clear(&p, "4246141627437328", "product_interest");
}

#[test]
fn s1_an_identifier_in_any_string_or_number_of_an_event_never_leaves_in_clear() {
    let base = event();
    let mut paths = Vec::new();
    leaves(&base, String::new(), &mut paths);
    assert!(paths.len() > 30, "the event covers the schema: {paths:?}");
    let mut forwarded = 0;
    for path in &paths {
        for (written, digits) in IDENTIFIERS {
            let mut ev = base.clone();
            *ev.pointer_mut(path).unwrap() = json!(format!("x {written} y"));
            let p = run(&serde_json::to_vec(&ev).unwrap());
            assert_nowhere_in_clear(&p, digits, path);
            assert_nowhere_in_clear(&p, &digits.replace(' ', ""), path);
            forwarded += usize::from(!p.outputs.is_empty());
        }
        if base.pointer(path).is_some_and(Value::is_number) {
            let mut ev = base.clone();
            *ev.pointer_mut(path).unwrap() = json!(4_246_141_627_437_328u64);
            let p = run(&serde_json::to_vec(&ev).unwrap());
            assert_nowhere_in_clear(&p, "4246141627437328", path);
        }
    }
    // Most of these events are still forwarded (with the identifier redacted), not rejected:
    // the property is not kept by throwing every lead away.
    assert!(
        forwarded > paths.len() * 2,
        "forwarded {forwarded} of {}",
        paths.len() * 4
    );
}

#[test]
fn s1_an_identifier_as_a_member_name_or_a_number_in_enrichment_is_left_out() {
    let mut ev = event();
    ev["enrichment"][0]["fields"] =
        json!({"4246141627437328": "v", "n": 4_246_141_627_437_328u64, "k": "ok"});
    let p = run(&serde_json::to_vec(&ev).unwrap());
    assert!(!p.outputs.is_empty());
    assert_nowhere_in_clear(&p, "4246141627437328", "enrichment");
    let findings: Vec<_> = p
        .audit
        .findings
        .iter()
        .filter(|f| f.path == "/enrichment/0/fields")
        .collect();
    assert_eq!(findings.len(), 1, "one finding per category and field");
}

#[test]
fn s1_an_event_id_that_holds_an_identifier_is_redacted_in_the_audit() {
    let mut ev = event();
    ev["event_id"] = json!("lead4246141627437328");
    let p = run(&serde_json::to_vec(&ev).unwrap());
    // Glued to a word, the digits are no card number: the id is kept as written.
    assert_eq!(p.audit.event_id.as_deref(), Some("lead4246141627437328"));
    ev["event_id"] = json!("lead 4246141627437328");
    let p = run(&serde_json::to_vec(&ev).unwrap());
    assert_eq!(
        p.audit.event_id.as_deref(),
        Some("lead [redacted:payment_card]")
    );
    // A rejected event's audit record too.
    ev["occurred_at"] = json!("yesterday");
    let p = run(&serde_json::to_vec(&ev).unwrap());
    assert!(p.outputs.is_empty());
    assert_eq!(
        p.audit.event_id.as_deref(),
        Some("lead [redacted:payment_card]")
    );
}
