//! Consent evidence end to end through the binary (issue 15): signed consent proofs made with
//! `leadguard proof keygen|sign` and checked by `leadguard run` under a policy that requires
//! them, and the standard signals (GPC, TCF) in the audit trail.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::support::fixtures::{
    assert_no_personal_value, bin, file_mode, json_lines, policy_text, shared_examples,
};

/// `leadguard proof keygen`: the private key file, and the public set it prints.
fn keygen(dir: &Path, alg: &str, kid: &str) -> Value {
    let key = dir.join(format!("{kid}.jwk"));
    let o = bin()
        .args(["proof", "keygen", "--alg", alg, "--kid", kid, "--out"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the private key is its owner's only");
    }
    let private: Value = serde_json::from_slice(&std::fs::read(&key).unwrap()).unwrap();
    let set: Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = private["d"].as_str().unwrap();
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains(d),
        "public set has no private key"
    );
    set
}

/// The examples that are JSON objects (the others are rejected before any consent rule).
fn example_events() -> Vec<String> {
    std::fs::read_to_string(shared_examples().join("leads.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object()))
        .map(str::to_string)
        .collect()
}

/// The policy of `dir`: the reference policy requiring proofs from every form.
fn policy_requiring_proofs(dir: &Path, jwks: &Value) -> std::path::PathBuf {
    let set = dir.join("proofs.jwks.json");
    std::fs::write(&set, jwks.to_string()).unwrap();
    let policy = dir.join("policy.toml");
    let text = policy_text()
        + &format!(
            "\n[consent.proofs]\njwks = {:?}\ndefault = \"required\"\n",
            set.display().to_string()
        );
    std::fs::write(&policy, text).unwrap();
    policy
}

/// Per event: outcome, and per destination outcome, channels and reasons.
fn decisions(records: &[Value]) -> BTreeMap<String, Value> {
    records
        .iter()
        .filter_map(|r| {
            let id = r["event_id"].as_str()?.to_string();
            let dests: Vec<Value> = r["destinations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| json!([d["name"], d["outcome"], d["channels"], d["reasons"]]))
                .collect();
            Some((id, json!([r["outcome"], dests])))
        })
        .collect()
}

#[test]
fn c4_signed_examples_judge_as_the_unsigned_ones_and_unsigned_ones_are_unprovable() {
    let dir = tempfile::tempdir().unwrap();
    let ed = keygen(dir.path(), "eddsa", "contact-2026-12");
    let es = keygen(dir.path(), "es256", "partner-2026-12");
    let keys: Vec<Value> = [&ed, &es]
        .iter()
        .flat_map(|s| s["keys"].as_array().unwrap().clone())
        .collect();
    let policy = policy_requiring_proofs(dir.path(), &json!({ "keys": keys }));
    // `proof jwks` gives the same public set from the private key files.
    let o = bin()
        .args(["proof", "jwks"])
        .arg(dir.path().join("contact-2026-12.jwk"))
        .arg(dir.path().join("partner-2026-12.jwk"))
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap(),
        json!({ "keys": keys })
    );

    let unsigned = dir.path().join("unsigned.jsonl");
    std::fs::write(&unsigned, example_events().join("\n") + "\n").unwrap();
    // Half the events signed with each key (rotation: both kids are in the set).
    let signed = dir.path().join("signed.jsonl");
    let mut lines = Vec::new();
    for (i, event) in example_events().iter().enumerate() {
        let kid = if i % 2 == 0 {
            "contact-2026-12"
        } else {
            "partner-2026-12"
        };
        let input = dir.path().join("one.jsonl");
        std::fs::write(&input, event).unwrap();
        let o = bin()
            .args(["proof", "sign", "--key"])
            .arg(dir.path().join(format!("{kid}.jwk")))
            .arg("--input")
            .arg(&input)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        lines.push(String::from_utf8(o.stdout).unwrap());
    }
    std::fs::write(&signed, lines.concat()).unwrap();
    let now = "2026-11-22T12:00:00Z";

    // Signed, under the policy that requires proofs: the same decisions as the reference
    // policy gives the unsigned events.
    let reference = json_lines(&file_mode(
        &crate::support::fixtures::reference_policy(),
        &unsigned,
        &dir.path().join("out-reference"),
        now,
    ));
    let checked = json_lines(&file_mode(
        &policy,
        &signed,
        &dir.path().join("out-signed"),
        now,
    ));
    assert_eq!(decisions(&checked), decisions(&reference));
    assert!(checked.iter().all(|r| r["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d.get("details").is_none())));

    // Unsigned under the same policy: no consent counts, and each refusal says why.
    let audit = file_mode(&policy, &unsigned, &dir.path().join("out-unsigned"), now);
    let records = json_lines(&audit);
    let mut missing = 0;
    for r in &records {
        for d in r["destinations"].as_array().unwrap() {
            if let Some(b) = d.get("basis") {
                assert!(
                    !b.to_string().contains("consent:"),
                    "a consent counted without its proof: {r}"
                );
            }
            for x in d
                .get("details")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                assert_eq!(x["reason"], "consent.unprovable");
                assert_eq!(x["code"], "signature.missing");
                missing += 1;
            }
        }
    }
    assert!(missing > 10, "only {missing} signature.missing details");
    assert_no_personal_value("audit", &std::fs::read_to_string(&audit).unwrap());
}

#[test]
fn gpc_and_tcf_signals_reach_the_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let ev = json!({
        "event_id": "lead-signals", "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
            "email": "camille@example.fr", "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": [{"purpose": "partner_sharing", "channel": "email", "granted": true,
            "method": "checkbox", "captured_at": "2026-11-20T10:14:00Z",
            "text_version": "2026-03", "proof_ref": "form:s"}],
        "signals": {"gpc": true, "tcf": "CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA"},
        "attributes": {}
    });
    let mut bad = ev.clone();
    bad["event_id"] = json!("lead-bad-tcf");
    bad["signals"]["tcf"] = json!("CQuASYQQ");
    let input = dir.path().join("leads.jsonl");
    std::fs::write(&input, format!("{ev}\n{bad}\n")).unwrap();
    let records = json_lines(&file_mode(
        &crate::support::fixtures::reference_policy(),
        &input,
        &dir.path().join("out"),
        "2026-11-22T12:00:00Z",
    ));
    assert_eq!(records.len(), 2);
    let partners = |r: &Value| {
        r["destinations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == "partners")
            .unwrap()
            .clone()
    };
    let p = partners(&records[0]);
    assert!(
        p["reasons"]
            .as_array()
            .unwrap()
            .contains(&json!("objection")),
        "{p}"
    );
    assert_eq!(
        p["details"],
        json!([{"reason": "objection", "code": "signal.gpc"}])
    );
    assert_eq!(records[0]["signals"]["gpc"], true);
    assert_eq!(records[0]["signals"]["tcf"]["cmp_id"], 300);
    assert_eq!(
        records[0]["signals"]["tcf"]["purposes_consent"],
        json!([1, 2, 3, 4, 7, 9, 10])
    );
    assert_eq!(
        records[1]["signals"]["tcf"],
        json!({"reason": "schema.invalid", "detail": "TC string core segment too short"})
    );
    assert!(records[1]["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("signal.invalid")));
    assert_ne!(records[1]["outcome"], "rejected");
}
