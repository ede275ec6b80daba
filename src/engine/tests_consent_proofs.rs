//! C4 "provable": signed consent proofs end to end, each case with its audit record (reasons
//! and `details` of the destination) checked against the audit schema.
use super::*;
use crate::clock;
use crate::consent_proof::{sign_event, Alg, SignKey};
use serde_json::json;
use std::path::Path;

/// The reference policy with `[consent.proofs]`: the public set of `keys`, proofs required
/// for `contact-fr` when `required`, optional otherwise.
fn guard(keys: &[&SignKey], required: bool) -> (Guard, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let set = json!({"keys": keys.iter().map(|k| k.public().to_jwk(&k.kid)).collect::<Vec<_>>()});
    let jwks = dir.path().join("proofs.jwks.json");
    std::fs::write(&jwks, set.to_string()).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut text = std::fs::read_to_string(base.join("policy.toml")).unwrap();
    let mode = if required { "required" } else { "optional" };
    text.push_str(&format!(
        "\n[consent.proofs]\njwks = {:?}\nforms = {{ \"contact-fr\" = \"{mode}\" }}\n",
        jwks.display().to_string()
    ));
    let policy = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base).unwrap();
    (Guard::new(policy, SuppressionList::default()).unwrap(), dir)
}

/// A prospect from `contact-fr` with one e-mail consent (approved text), unsigned.
fn lead(event_id: &str) -> Value {
    json!({
        "event_id": event_id, "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
            "first_name": "Camille", "email": "camille@example.fr",
            "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": [{"purpose": "prospecting", "channel": "email", "granted": true,
            "method": "checkbox", "captured_at": "2026-11-20T10:14:00Z", "text_version": "2026-03",
            "proof_ref": "form:c4"}],
        "attributes": {}
    })
}

fn signed(event_id: &str, key: &SignKey) -> Value {
    let mut ev = lead(event_id);
    assert_eq!(sign_event(&mut ev, key), 1);
    ev
}

/// The sealed audit record, checked against the published schema.
fn audit(g: &Guard, ev: &Value) -> Value {
    let raw = serde_json::to_vec(ev).unwrap();
    let mut state = g.new_state();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let input = InputRef::File {
        file: "t.jsonl".into(),
        line: 1,
    };
    let p = g.process(&raw, &input, now, &WithdrawalTable::default(), &mut state);
    let v = super::tests_consent_texts::audit_json(g, &p);
    assert!(!v.to_string().contains("camille"), "no value in clear: {v}");
    v
}

/// The `emailing` destination's entry.
fn emailing(v: &Value) -> Value {
    v["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "emailing")
        .unwrap()
        .clone()
}

fn assert_forwarded(v: &Value) {
    let d = emailing(v);
    assert_eq!(d["outcome"], "forwarded", "{d}");
    assert_eq!(d["channels"], json!(["email"]));
    assert_eq!(d["basis"], json!({"email": "consent:form:c4"}));
    assert!(d.get("details").is_none(), "{d}");
}

fn assert_unprovable(v: &Value, code: &str) {
    let d = emailing(v);
    assert_eq!(d["outcome"], "blocked", "{d}");
    assert_eq!(d["reasons"], json!(["consent.unprovable"]), "{d}");
    assert_eq!(
        d["details"],
        json!([{"reason": "consent.unprovable", "channel": "email", "code": code}])
    );
}

#[test]
fn c4_good_eddsa_and_es256_proofs_are_accepted() {
    let ed = SignKey::generate(Alg::EdDsa, "form-2026-01");
    let es = SignKey::generate(Alg::Es256, "form-2026-07");
    let (g, _dir) = guard(&[&ed, &es], true);
    for key in [&ed, &es] {
        assert_forwarded(&audit(&g, &signed("lead-ok", key)));
    }
}

#[test]
fn c4_a_bad_signature_is_unprovable_signature_invalid() {
    let key = SignKey::generate(Alg::EdDsa, "k1");
    for required in [true, false] {
        let (g, _dir) = guard(&[&key], required);
        // The entry edited after signing.
        let mut ev = signed("lead-bad", &key);
        ev["consents"][0]["captured_at"] = json!("2026-11-20T10:14:30Z");
        assert_unprovable(&audit(&g, &ev), "signature.invalid");
        // A signature of another key under the same kid.
        let ev = signed("lead-bad", &SignKey::generate(Alg::EdDsa, "k1"));
        assert_unprovable(&audit(&g, &ev), "signature.invalid");
    }
}

#[test]
fn c4_a_missing_signature_is_refused_where_required_and_accepted_where_optional() {
    let key = SignKey::generate(Alg::Es256, "k1");
    let (g, _dir) = guard(&[&key], true);
    assert_unprovable(&audit(&g, &lead("lead-unsigned")), "signature.missing");
    let (g, _dir) = guard(&[&key], false);
    assert_forwarded(&audit(&g, &lead("lead-unsigned")));
}

#[test]
fn c4_an_unknown_kid_is_unprovable_signature_kid_unknown() {
    let known = SignKey::generate(Alg::EdDsa, "k1");
    let retired = SignKey::generate(Alg::EdDsa, "k0");
    let (g, _dir) = guard(&[&known], true);
    assert_unprovable(
        &audit(&g, &signed("lead-kid", &retired)),
        "signature.kid_unknown",
    );
}

#[test]
fn c4_the_proof_of_another_event_is_a_replay_signature_payload_mismatch() {
    let key = SignKey::generate(Alg::Es256, "k1");
    let (g, _dir) = guard(&[&key], true);
    let original = signed("lead-1", &key);
    let mut replay = lead("lead-2");
    replay["consents"] = original["consents"].clone();
    assert_unprovable(&audit(&g, &replay), "signature.payload_mismatch");
    // The same proof on the event it was made for still verifies.
    assert_forwarded(&audit(&g, &original));
}

#[test]
fn c4_a_refusal_needs_no_proof() {
    let key = SignKey::generate(Alg::EdDsa, "k1");
    let (g, _dir) = guard(&[&key], true);
    let mut ev = lead("lead-no");
    ev["consents"][0]["granted"] = json!(false);
    let d = emailing(&audit(&g, &ev));
    assert_eq!(d["reasons"], json!(["consent.refused"]), "{d}");
    assert!(d.get("details").is_none());
}

#[test]
fn c4_a_bad_key_set_fails_start_up_with_the_other_problems() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("bad.jwks.json");
    let key = SignKey::generate(Alg::EdDsa, "k1");
    std::fs::write(&jwks, json!({"keys": [key.to_private_jwk()]}).to_string()).unwrap();
    let mut text = std::fs::read_to_string(base.join("policy.toml")).unwrap();
    text = text.replacen("max_age_months = 36", "max_age_months = 0", 1);
    text.push_str(&format!(
        "\n[consent.proofs]\njwks = {:?}\ndefault = \"required\"\n",
        jwks.display().to_string()
    ));
    let err = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base)
        .unwrap_err()
        .to_string();
    assert!(err.contains("a private key (`d`)"), "{err}");
    assert!(err.contains("consent.max_age_months"), "{err}");
    let d = key.to_private_jwk()["d"].as_str().unwrap().to_string();
    assert!(!err.contains(&d));
    // A missing file is a problem too.
    text = text.replace(&jwks.display().to_string(), "/nonexistent/proofs.jwks.json");
    let err = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("consent.proofs.jwks (/nonexistent/proofs.jwks.json): cannot read"),
        "{err}"
    );
}
