//! Standard signals end to end: GPC objects to `partner_sharing` (reason `objection`, detail
//! `signal.gpc`), a TC string is decoded into the audit and never counts as consent (C1), an
//! invalid one is a `schema.invalid` detail and the flag `signal.invalid`, not a rejection.
use super::*;
use crate::clock;
use serde_json::json;
use std::path::Path;

/// The reference policy with the partners' transfer safeguarded (DPF), so that only consent
/// and signals decide `partners`; `gpc` replaces the reference `gpc_objects_to` line.
fn guard(gpc: &str) -> Result<Guard, String> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(base.join("policy.toml"))
        .unwrap()
        .replace(
            r#"recipient = { name = "Acme Media", country = "US", safeguard = "none" }"#,
            r#"recipient = { name = "Acme Media", country = "US", safeguard = "dpf" }"#,
        )
        .replace(r#"gpc_objects_to = ["partner_sharing"]"#, gpc);
    let policy = Policy::from_bytes(text.as_bytes(), Path::new("policy.toml"), &base)
        .map_err(|e| e.to_string())?;
    Ok(Guard::new(policy, SuppressionList::default()).unwrap())
}

/// A prospect with e-mail consents to prospecting and to partner sharing, and `signals`.
fn lead(signals: Value) -> Value {
    let consent = |purpose: &str| {
        json!({"purpose": purpose, "channel": "email", "granted": true, "method": "checkbox",
            "captured_at": "2026-11-20T10:14:00Z", "text_version": "2026-03",
            "proof_ref": "form:s1"})
    };
    let mut ev = json!({
        "event_id": "lead-s1", "occurred_at": "2026-11-20T10:15:00Z",
        "source": {"dataset": "web-leads-fr", "form_id": "contact-fr"},
        "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
            "email": "camille@example.fr", "last_contact_at": "2026-11-20T10:15:00Z"},
        "consents": [consent("prospecting"), consent("partner_sharing")],
        "attributes": {}
    });
    if !signals.is_null() {
        ev["signals"] = signals;
    }
    ev
}

fn audit(g: &Guard, ev: &Value) -> Value {
    let raw = serde_json::to_vec(ev).unwrap();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let input = InputRef::File {
        file: "t.jsonl".into(),
        line: 1,
    };
    let p = g.process(
        &raw,
        &input,
        now,
        &WithdrawalTable::default(),
        &mut g.new_state(),
    );
    super::tests_consent_texts::audit_json(g, &p)
}

fn dest(v: &Value, name: &str) -> Value {
    v["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap()
        .clone()
}

#[test]
fn gpc_objects_to_partner_sharing_only() {
    let g = guard(r#"gpc_objects_to = ["partner_sharing"]"#).unwrap();
    // Without the signal, both consents count.
    let v = audit(&g, &lead(Value::Null));
    assert_eq!(dest(&v, "partners")["outcome"], "forwarded");
    assert!(v.get("signals").is_none());

    let v = audit(&g, &lead(json!({"gpc": true})));
    let partners = dest(&v, "partners");
    assert_eq!(partners["outcome"], "blocked", "{partners}");
    assert_eq!(partners["reasons"], json!(["objection"]));
    assert_eq!(partners["channels"], json!([]));
    assert!(partners.get("basis").is_none());
    assert_eq!(
        partners["details"],
        json!([{"reason": "objection", "code": "signal.gpc"}])
    );
    // Prospecting by e-mail is not sale or sharing: still forwarded.
    assert_eq!(dest(&v, "emailing")["outcome"], "forwarded");
    assert_eq!(v["signals"], json!({"gpc": true}));

    let v = audit(&g, &lead(json!({"gpc": false})));
    assert_eq!(dest(&v, "partners")["outcome"], "forwarded");
    assert_eq!(v["signals"], json!({"gpc": false}));
}

#[test]
fn the_purposes_gpc_objects_to_are_a_policy_setting() {
    let g = guard(r#"gpc_objects_to = ["prospecting"]"#).unwrap();
    let v = audit(&g, &lead(json!({"gpc": true})));
    assert_eq!(dest(&v, "partners")["outcome"], "forwarded");
    assert_eq!(dest(&v, "emailing")["reasons"], json!(["objection"]));
    // Not set: `partner_sharing` when the policy declares it.
    let g = guard("").unwrap();
    let v = audit(&g, &lead(json!({"gpc": true})));
    assert_eq!(dest(&v, "partners")["reasons"], json!(["objection"]));
    let g = guard("gpc_objects_to = []").unwrap();
    let v = audit(&g, &lead(json!({"gpc": true})));
    assert_eq!(dest(&v, "partners")["outcome"], "forwarded");
    let err = guard(r#"gpc_objects_to = ["resale"]"#).err().unwrap();
    assert!(
        err.contains("signals.gpc_objects_to: unknown purpose `resale`"),
        "{err}"
    );
}

/// A TC string encoded by the IAB Tech Lab's `@iabtechlabtcf/core` 1.5.21 (see
/// `tcf::tests::tcf_v2_2_string_with_a_bit_field_of_vendors`).
const TC_V2_2: &str = "CQuASYQQuASmUEsACBFRCWEgAPLAAELAAAqIF5wBAABAAGAAQAvMAAAAAAAA";

#[test]
fn a_tc_string_is_recorded_decoded_without_the_string() {
    let g = guard(r#"gpc_objects_to = ["partner_sharing"]"#).unwrap();
    let v = audit(&g, &lead(json!({"tcf": TC_V2_2})));
    assert_eq!(
        v["signals"]["tcf"],
        json!({"version": 2, "policy_version": 4, "cmp_id": 300, "cmp_version": 2,
            "consent_screen": 1, "consent_language": "FR", "vendor_list_version": 150,
            "created": "2026-11-20T10:14:00Z", "last_updated": "2026-11-20T10:15:30Z",
            "purposes_consent": [1, 2, 3, 4, 7, 9, 10],
            "purposes_legitimate_interest": [2, 7, 9, 10], "vendor_consents": 4})
    );
    assert!(!v.to_string().contains(TC_V2_2));
    assert!(!v["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("signal.invalid")));
}

#[test]
fn c1_a_tc_string_never_counts_as_consent_for_email_prospecting() {
    let g = guard(r#"gpc_objects_to = ["partner_sharing"]"#).unwrap();
    let mut ev = lead(json!({"tcf": TC_V2_2, "gpc": false}));
    ev["consents"] = json!([]);
    let v = audit(&g, &ev);
    for name in ["emailing", "partners"] {
        let d = dest(&v, name);
        assert_eq!(d["outcome"], "blocked", "{d}");
        assert_eq!(d["reasons"], json!(["consent.missing"]), "{d}");
    }
    assert_eq!(v["signals"]["tcf"]["cmp_id"], 300);
}

#[test]
fn an_invalid_tc_string_is_a_schema_invalid_detail_not_a_rejection() {
    let g = guard(r#"gpc_objects_to = ["partner_sharing"]"#).unwrap();
    for (tc, detail) in [
        ("not a TC string!", "TC string core segment not base64url"),
        (&TC_V2_2[..20], "TC string core segment too short"),
        (
            "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA",
            "TC string version is not 2",
        ),
    ] {
        let v = audit(&g, &lead(json!({"tcf": tc, "gpc": true})));
        assert_eq!(v["outcome"], "forwarded", "{v}");
        assert_eq!(
            v["signals"],
            json!({"gpc": true, "tcf": {"reason": "schema.invalid", "detail": detail}})
        );
        assert!(v["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("signal.invalid")));
        // The GPC signal beside it still objects.
        assert_eq!(dest(&v, "partners")["reasons"], json!(["objection"]));
    }
    // Not a string at all is the schema's business: the event is rejected.
    let v = audit(&g, &lead(json!({"tcf": 7})));
    assert_eq!(v["outcome"], "rejected");
    assert_eq!(v["reasons"], json!(["schema.invalid"]));
}
