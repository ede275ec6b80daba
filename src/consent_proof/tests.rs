//! Signing and verification of consent proofs, the canonical payload, and the key set's
//! start-up checks.
use super::*;
use serde_json::json;

fn event() -> Value {
    json!({
        "event_id": "lead-p1", "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "prospect",
            "email": "camille@example.fr", "phone": null},
        "consents": [{"purpose": "prospecting", "channel": "email", "granted": true,
            "method": "checkbox", "captured_at": "2026-11-20T10:14:00Z",
            "text_version": "2026-03", "proof_ref": "form:p1"}]
    })
}

fn proofs_of(keys: &[&SignKey]) -> ConsentProofs {
    let set = keys.iter().map(|k| (k.kid.clone(), k.public())).collect();
    ConsentProofs::new(set, ProofMode::Required, &BTreeMap::new())
}

fn verify(proofs: &ConsentProofs, ev: &Value) -> Result<(), ProofFailure> {
    let entry = &ev["consents"][0];
    let id = ev["event_id"].as_str().unwrap();
    let payload = canonical_payload(entry, id, &ev["subject"]);
    match entry.get("proof_jws").and_then(Value::as_str) {
        Some(jws) => proofs.verify(jws, &payload, id),
        None => Err(ProofFailure::Missing),
    }
}

#[test]
fn the_canonical_payload_is_jcs_of_entry_event_and_subject() {
    let mut ev = event();
    ev["consents"][0]["proof_jws"] = json!("ignored..x");
    let payload = canonical_payload(&ev["consents"][0], "lead-p1", &ev["subject"]);
    // RFC 8785: members sorted by key, no white space; `proof_jws` left out; absent identities
    // are null.
    assert_eq!(
        String::from_utf8(payload).unwrap(),
        r#"{"consent":{"captured_at":"2026-11-20T10:14:00Z","channel":"email","granted":true,"method":"checkbox","proof_ref":"form:p1","purpose":"prospecting","text_version":"2026-03"},"event_id":"lead-p1","subject":{"email":"camille@example.fr","phone":null}}"#
    );
}

#[test]
fn eddsa_and_es256_proofs_verify_and_any_change_breaks_them() {
    for alg in [Alg::EdDsa, Alg::Es256] {
        let key = SignKey::generate(alg, "k1");
        let proofs = proofs_of(&[&key]);
        let mut ev = event();
        assert_eq!(sign_event(&mut ev, &key), 1);
        assert_eq!(verify(&proofs, &ev), Ok(()), "{alg:?}");
        let jws = ev["consents"][0]["proof_jws"].as_str().unwrap();
        assert!(jws.contains(".."), "detached payload: {jws}");
        assert!(!jws.contains("camille"));

        for (path, value) in [
            ("/consents/0/granted", json!(false)),
            ("/consents/0/captured_at", json!("2026-11-20T10:14:01Z")),
            ("/subject/email", json!("dominique@example.fr")),
            ("/subject/phone", json!("+33612345678")),
        ] {
            let mut changed = ev.clone();
            *changed.pointer_mut(path).unwrap() = value;
            assert_eq!(
                verify(&proofs, &changed),
                Err(ProofFailure::Invalid),
                "{path}"
            );
        }
        // The proof of another event: a replay.
        let mut other = ev.clone();
        other["event_id"] = json!("lead-p2");
        assert_eq!(verify(&proofs, &other), Err(ProofFailure::PayloadMismatch));
        // Signed by a key the set does not hold.
        let stranger = SignKey::generate(alg, "k9");
        let mut ev2 = event();
        sign_event(&mut ev2, &stranger);
        assert_eq!(verify(&proofs, &ev2), Err(ProofFailure::KidUnknown));
        // Same kid, another key (a forged key id).
        let forger = SignKey::generate(alg, "k1");
        sign_event(&mut ev2, &forger);
        assert_eq!(verify(&proofs, &ev2), Err(ProofFailure::Invalid));
    }
}

#[test]
fn rotation_keeps_old_kids_verifying_and_alg_must_match_the_key() {
    let (old, new) = (
        SignKey::generate(Alg::EdDsa, "2026-01"),
        SignKey::generate(Alg::Es256, "2026-07"),
    );
    let proofs = proofs_of(&[&old, &new]);
    for key in [&old, &new] {
        let mut ev = event();
        sign_event(&mut ev, key);
        assert_eq!(verify(&proofs, &ev), Ok(()));
    }
    // A header claiming ES256 for the Ed25519 key.
    let mut ev = event();
    sign_event(&mut ev, &old);
    let jws = ev["consents"][0]["proof_jws"].as_str().unwrap().to_string();
    let (_, sig) = jws.split_once("..").unwrap();
    let header = URL_SAFE_NO_PAD
        .encode(json!({"alg": "ES256", "kid": "2026-01", "event_id": "lead-p1"}).to_string());
    ev["consents"][0]["proof_jws"] = json!(format!("{header}..{sig}"));
    assert_eq!(verify(&proofs, &ev), Err(ProofFailure::Invalid));
}

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

#[test]
fn malformed_proofs_are_invalid_not_a_crash() {
    let key = SignKey::generate(Alg::EdDsa, "k1");
    let proofs = proofs_of(&[&key]);
    let b64 = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    for jws in [
        String::new(),
        "..".into(),
        "a.b.c".into(),
        "a..b..c".into(),
        format!(
            "{}..AAAA",
            b64(json!({"alg": "none", "kid": "k1", "event_id": "lead-p1"}))
        ),
        format!("{}..AAAA", b64(json!({"alg": "EdDSA", "kid": "k1"}))),
        format!(
            "{}..AAAA",
            b64(json!({"alg": "EdDSA", "kid": "k1", "event_id": "lead-p1", "crit": ["b64"]}))
        ),
        format!(
            "{}..!!",
            b64(json!({"alg": "EdDSA", "kid": "k1", "event_id": "lead-p1"}))
        ),
        format!(
            "{}..AAAA",
            b64(json!({"alg": "EdDSA", "kid": "k1", "event_id": "lead-p1"}))
        ),
        format!("{}..{}", b64(json!(["not", "an", "object"])), "AAAA"),
    ] {
        let mut ev = event();
        ev["consents"][0]["proof_jws"] = json!(jws);
        assert_eq!(verify(&proofs, &ev), Err(ProofFailure::Invalid), "{jws}");
    }
    // An attached payload is not accepted: the payload would carry the person's identities.
    let mut ev = event();
    sign_event(&mut ev, &key);
    let jws = ev["consents"][0]["proof_jws"].as_str().unwrap().to_string();
    let attached = jws.replacen("..", ".eyJ9.", 1);
    ev["consents"][0]["proof_jws"] = json!(attached);
    assert_eq!(verify(&proofs, &ev), Err(ProofFailure::Invalid));
}

#[test]
fn a_bad_key_set_lists_every_problem() {
    let ed = SignKey::generate(Alg::EdDsa, "ed");
    let mut private = ed.to_private_jwk();
    private["kid"] = json!("leaked");
    let mut bad_x = ed.public().to_jwk("bad-x");
    bad_x["x"] = json!("AAAA");
    let mut bad_alg = ed.public().to_jwk("bad-alg");
    bad_alg["alg"] = json!("RS256");
    let set = json!({"keys": [
        ed.public().to_jwk("ed"),
        ed.public().to_jwk("ed"),
        private,
        bad_x,
        bad_alg,
        {"kty": "RSA", "kid": "rsa", "n": "AQAB", "e": "AQAB"},
        {"kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode([1u8; 32])},
    ]});
    let mut problems = Vec::new();
    let keys = jwk::read_set(&set.to_string(), &mut problems);
    assert_eq!(keys.len(), 1, "{problems:?}");
    let expected = [
        "keys[1] (kid ed): `kid` used twice",
        "keys[2] (kid leaked): a private key",
        "keys[3] (kid bad-x): `x` is not 32 bytes",
        "keys[4] (kid bad-alg): `alg` RS256 does not match",
        "keys[5] (kid rsa): unsupported key type `RSA`",
        "keys[6]: no `kid`",
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (p, e) in problems.iter().zip(expected) {
        assert!(p.starts_with(e), "{p} / {e}");
    }
    // No key material in any message.
    let d = ed.to_private_jwk()["d"].as_str().unwrap().to_string();
    assert!(problems.iter().all(|p| !p.contains(&d)));
    for text in ["", "{}", r#"{"keys": []}"#] {
        let mut problems = Vec::new();
        jwk::read_set(text, &mut problems);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
    }
}

#[test]
fn private_keys_round_trip_and_never_show_in_debug() {
    for alg in [Alg::EdDsa, Alg::Es256] {
        let key = SignKey::generate(alg, "k1");
        let jwk = key.to_private_jwk();
        let back = SignKey::from_jwk(&jwk).unwrap();
        assert_eq!(back.public().to_jwk("k1"), key.public().to_jwk("k1"));
        let debug = format!("{key:?}");
        assert!(!debug.contains(jwk["d"].as_str().unwrap()), "{debug}");
        assert!(debug.contains("k1"));
        let mut mismatched = jwk.clone();
        mismatched["d"] = SignKey::generate(alg, "k2").to_private_jwk()["d"].clone();
        assert!(SignKey::from_jwk(&mismatched).is_err());
    }
}

#[test]
fn the_mode_is_per_form_with_a_default() {
    let forms = BTreeMap::from([("contact-fr".to_string(), ProofMode::Required)]);
    let proofs = ConsentProofs::new(Vec::new(), ProofMode::Optional, &forms);
    assert_eq!(proofs.mode(Some("contact-fr")), ProofMode::Required);
    assert_eq!(proofs.mode(Some("other")), ProofMode::Optional);
    assert_eq!(proofs.mode(None), ProofMode::Optional);
    let key = SignKey::generate(Alg::EdDsa, "k1");
    let described = ConsentProofs::new(
        vec![("k1".into(), key.public())],
        ProofMode::Optional,
        &forms,
    )
    .describe();
    assert!(
        described.ends_with("1 key(s) (k1); required for forms: contact-fr; other forms: optional"),
        "{described}"
    );
    assert_eq!(
        ProofFailure::ALL.map(ProofFailure::as_str),
        [
            "signature.missing",
            "signature.invalid",
            "signature.kid_unknown",
            "signature.payload_mismatch"
        ]
    );
}
