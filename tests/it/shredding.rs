//! Crypto-shredding in file mode (issue 13): per-subject data keys and erasure requests, through
//! the command line as an operator runs it. Rule ids: C6 (withdrawals), P2 (reversible
//! protection), A1 (audit without personal values); GDPR art. 17 (erasure).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::fixtures::{
    assert_no_personal_value, bin, guard, json_lines, reference_policy, run_file_mode,
    shared_examples, NOW,
};
use leadguard::clock;
use leadguard::file_mode::{self, Shredding};
use leadguard::normalize;
use leadguard::schema::Schema;
use leadguard::withdrawals::WithdrawalTable;
use serde_json::Value;

/// The person erased (lead-000013, with an IBAN) and one who is not (lead-000056).
const ERASED_EVENT: &str = "lead-000013";
const OTHER_EVENT: &str = "lead-000056";
/// When the erased person asked: after every consent of the examples, before `NOW`.
const ERASURE_AT: &str = "2026-11-22T06:00:00Z";

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `leadguard run` on `input` with the shared withdrawals and suppression list, `extra` args.
fn run(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = run_file_mode(&reference_policy(), input, out, NOW, extra);
    assert!(o.status.success(), "run failed: {}", text(&o).1);
    o
}

fn decrypt(keys: &Path, args: &[&str]) -> Output {
    bin()
        .arg("decrypt")
        .arg("--policy")
        .arg(reference_policy())
        .arg("--subject-keys")
        .arg(keys)
        .args(args)
        .output()
        .unwrap()
}

/// Every `enc:` string of a JSON value, with its JSON pointer.
fn envelopes(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if s.starts_with("enc:") => out.push((path.to_string(), s.clone())),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| envelopes(x, &format!("{path}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| envelopes(x, &format!("{path}/{i}"), out)),
        _ => {}
    }
}

/// Event id → every (path, envelope) of its copies in the destination files of `out`.
fn sealed_by_event(out: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut by = BTreeMap::<String, Vec<(String, String)>>::new();
    for d in ["crm", "emailing", "callcenter", "partners", "analytics"] {
        for copy in json_lines(&out.join(format!("{d}.jsonl"))) {
            let mut found = Vec::new();
            envelopes(&copy, "", &mut found);
            let id = copy["event_id"].as_str().unwrap().to_string();
            by.entry(id).or_default().extend(found);
        }
    }
    by
}

fn lead_line(event_id: &str) -> Value {
    let text = std::fs::read_to_string(shared_examples().join("leads.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["event_id"] == event_id)
        .unwrap()
}

fn email_of(event_id: &str) -> String {
    lead_line(event_id)["subject"]["email"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_erasure_shreds_the_persons_copies_and_dead_letters_and_no_one_elses() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("subject-keys.jsonl");
    let keys_arg = ["--subject-keys", keys.to_str().unwrap()];
    let leads = shared_examples().join("leads.jsonl");
    let (erased_email, other_email) = (email_of(ERASED_EVENT), email_of(OTHER_EVENT));
    let g = guard(&reference_policy());
    let erased_token = g.subject_token(&normalize::email(&erased_email).unwrap());

    // Before: the leads, and an invalid event of the same person (its dead letter).
    let out1 = dir.path().join("out1");
    run(&leads, &out1, &keys_arg);
    let invalid = dir.path().join("invalid.jsonl");
    std::fs::write(
        &invalid,
        format!("{{\"event_id\":\"bad-1\",\"subject\":{{\"email\":{erased_email:?}}}}}\n"),
    )
    .unwrap();
    let out_dl = dir.path().join("out-dl");
    run(&invalid, &out_dl, &keys_arg);
    let sealed = sealed_by_event(&out1);
    let (path_a, env_a) = sealed[ERASED_EVENT]
        .iter()
        .find(|(p, _)| p == "/attributes/iban")
        .cloned()
        .expect("the erased person's IBAN is sealed");
    let (path_b, env_b) = sealed[OTHER_EVENT][0].clone();
    for env in [&env_a, &env_b] {
        assert_eq!(
            env.split(':').count(),
            4,
            "sealed under a subject key: {env}"
        );
    }
    let before_b = decrypt(&keys, &["--path", &path_b, "--value", &env_b]);
    assert!(before_b.status.success(), "{}", text(&before_b).1);
    let before_a = decrypt(&keys, &["--path", &path_a, "--value", &env_a]);
    assert_eq!(text(&before_a).0.trim(), "FR8375612535268751648434831");
    let dl = out_dl.join("dead-letter.jsonl");
    let dl_before = decrypt(&keys, &["--dead-letter", dl.to_str().unwrap()]);
    assert!(dl_before.status.success(), "{}", text(&dl_before).1);
    assert!(text(&dl_before).0.contains("bad-1"));
    // Without the key store a subject-keyed value cannot be read at all.
    let no_store = bin()
        .args(["decrypt", "--policy"])
        .arg(reference_policy())
        .args(["--path", &path_a, "--value", &env_a])
        .output()
        .unwrap();
    assert!(!no_store.status.success());
    assert!(text(&no_store).1.contains("subject key store is needed"));

    // The erasure, one invalid request, then the leads again.
    let erasures = dir.path().join("erasures.jsonl");
    std::fs::write(
        &erasures,
        format!(
            "{{\"type\":\"erasure\",\"email\":{erased_email:?},\"at\":\"{ERASURE_AT}\",\"via\":\"dpo_email\",\"reference\":\"ERA-2026-0042\"}}\n\
             {{\"type\":\"erasure\",\"email\":{other_email:?},\"at\":\"{ERASURE_AT}\"}}\n"
        ),
    )
    .unwrap();
    let out2 = dir.path().join("out2");
    let o = run(
        &leads,
        &out2,
        &[&keys_arg[..], &["--erasures", erasures.to_str().unwrap()]].concat(),
    );
    let (summary, _) = text(&o);
    assert!(
        summary.contains("erasures applied: 1 (subject keys destroyed: 1)"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "erasure line 2 refused: erasure request does not match the schema: / fails `required`"
        ),
        "{summary}"
    );
    assert_no_personal_value("the run summary", &summary);

    // After: the person's values and dead letter are noise; the other person's still read.
    let after_a = decrypt(&keys, &["--path", &path_a, "--value", &env_a]);
    assert!(!after_a.status.success());
    let (_, err) = text(&after_a);
    assert!(err.contains("subject key erased"), "{err}");
    assert_no_personal_value("decrypt's error", &err);
    let after_b = decrypt(&keys, &["--path", &path_b, "--value", &env_b]);
    assert_eq!(text(&after_b).0, text(&before_b).0);
    let dl_after = decrypt(&keys, &["--dead-letter", dl.to_str().unwrap()]);
    assert!(!dl_after.status.success());
    assert!(text(&dl_after).1.contains("subject key erased"));
    assert!(!text(&dl_after).0.contains("bad-1"));
    let key_file = std::fs::read_to_string(&keys).unwrap();
    let erased_id = &env_a.split(':').nth(2).unwrap()[..16];
    assert!(key_file.contains(&format!("{{\"type\":\"destroyed\",\"id\":\"{erased_id}\"")));
    assert!(!key_file.contains(&format!("\"type\":\"subject_key\",\"id\":\"{erased_id}\"")));

    // The audit: one erasure record, one refusal, no personal value; later events refused.
    let audit_path = out2.join("audit.jsonl");
    let audit = json_lines(&audit_path);
    let schema = Schema::audit();
    for r in &audit {
        schema.check(r).unwrap_or_else(|e| panic!("{e}: {r}"));
    }
    let erasure: Vec<&Value> = audit.iter().filter(|r| r["kind"] == "erasure").collect();
    assert_eq!(erasure.len(), 2);
    assert_eq!(erasure[0]["outcome"], "erased");
    assert_eq!(erasure[0]["subject_ref"], erased_token.as_str());
    assert_eq!(erasure[0]["erasure"]["reference"], "ERA-2026-0042");
    assert_eq!(erasure[0]["erasure"]["keys_destroyed"], 1);
    assert_eq!(erasure[1]["outcome"], "rejected");
    assert_eq!(erasure[1]["reasons"], serde_json::json!(["schema.invalid"]));
    assert!(erasure[1]["subject_ref"].is_null());
    assert_no_personal_value(
        "the audit trail",
        &std::fs::read_to_string(&audit_path).unwrap(),
    );
    let later: Vec<&Value> = audit
        .iter()
        .filter(|r| {
            r["kind"].is_null()
                && r["subject_refs"]
                    .as_array()
                    .is_some_and(|a| a.contains(&Value::from(erased_token.as_str())))
        })
        .collect();
    assert!(!later.is_empty());
    for r in later {
        assert_eq!(r["outcome"], "dropped", "{r}");
        assert!(r.to_string().contains("consent.withdrawn"), "{r}");
        for d in r["destinations"].as_array().unwrap() {
            assert_eq!(d["outcome"], "blocked", "{r}");
        }
    }
    let policy = reference_policy();
    let verify = bin()
        .args(["audit", "verify", "--file"])
        .arg(&audit_path)
        .arg("--policy")
        .arg(&policy)
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", text(&verify).0);
    let subject = bin()
        .args(["audit", "subject", "--format", "json", "--file"])
        .arg(&audit_path)
        .arg("--policy")
        .arg(&policy)
        .args(["--email", &erased_email])
        .output()
        .unwrap();
    let found: Value = serde_json::from_slice(&subject.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&subject).1));
    let erasures_of: Vec<&Value> = found["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "erased")
        .collect();
    assert_eq!(erasures_of.len(), 1, "{found}");
    assert_eq!(erasures_of[0]["erasure"]["reference"], "ERA-2026-0042");
    let report = bin()
        .args(["audit", "report", "--format", "json", "--file"])
        .arg(&audit_path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    let e = &report["erasures"];
    assert_eq!(
        (e["applied"].as_u64(), e["refused"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(e["keys_destroyed"], 1);
    // processed_at is NOW (12:00), the request was made at 06:00.
    assert_eq!(e["lag_seconds"]["max"], 6 * 3600);
    assert_eq!(report["events"]["in"], 88, "erasures are not lead events");

    // A new relationship: the person consents again after the erasure; the erasure file applied
    // once more spares the new key.
    let mut again = lead_line(ERASED_EVENT);
    again["event_id"] = "lead-again".into();
    again["occurred_at"] = "2026-11-22T11:00:00Z".into();
    again["subject"]["last_contact_at"] = "2026-11-22T11:00:00Z".into();
    again["consents"][0]["captured_at"] = "2026-11-22T10:58:00Z".into();
    let new_input = dir.path().join("again.jsonl");
    std::fs::write(&new_input, format!("{again}\n")).unwrap();
    let out3 = dir.path().join("out3");
    let o = run(
        &new_input,
        &out3,
        &[&keys_arg[..], &["--erasures", erasures.to_str().unwrap()]].concat(),
    );
    assert!(
        text(&o).0.contains("subject keys destroyed: 0"),
        "{}",
        text(&o).0
    );
    let sealed = sealed_by_event(&out3);
    let (p, env) = sealed["lead-again"][0].clone();
    assert_ne!(env.split(':').nth(2), env_a.split(':').nth(2), "a new key");
    let o = decrypt(&keys, &["--path", &p, "--value", &env]);
    assert!(o.status.success(), "{}", text(&o).1);
    let audit3 = json_lines(&out3.join("audit.jsonl"));
    assert_eq!(
        audit3[0]["erasure"]["keys_destroyed"], 1,
        "still one destroyed in all"
    );
}

/// The 88 reference examples decide exactly the same with per-subject keys: the audit trails are
/// byte for byte equal, and the copies are equal once envelopes are opened.
#[test]
fn per_subject_keys_change_no_decision_of_the_reference_examples() {
    let ex = shared_examples();
    let g = guard(&reference_policy());
    let now = clock::parse(NOW).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let table = || {
        let mut t = WithdrawalTable::default();
        file_mode::load_withdrawals(&g, &ex.join("withdrawals.jsonl"), &mut t).unwrap();
        t
    };
    let (plain, keyed) = (dir.path().join("plain"), dir.path().join("keyed"));
    let keys: PathBuf = dir.path().join("keys.jsonl");
    let a = file_mode::run(&g, &ex.join("leads.jsonl"), &table(), &plain, now).unwrap();
    let shredding = Shredding {
        subject_keys: Some(&keys),
        erasures: None,
    };
    let b = file_mode::run_shredding(&g, &ex.join("leads.jsonl"), table(), shredding, &keyed, now)
        .unwrap();
    assert_eq!(a, b, "same summary");
    assert_eq!(
        std::fs::read(plain.join("audit.jsonl")).unwrap(),
        std::fs::read(keyed.join("audit.jsonl")).unwrap(),
        "same audit trail, byte for byte"
    );
    let store = g.subject_keys(0);
    leadguard::subject_keys::file::KeyFile::open(&keys, &store).unwrap();
    let mut keyed_values = 0;
    for d in [
        "crm",
        "emailing",
        "callcenter",
        "partners",
        "analytics",
        "dead-letter",
    ] {
        let (xs, ys) = (
            json_lines(&plain.join(format!("{d}.jsonl"))),
            json_lines(&keyed.join(format!("{d}.jsonl"))),
        );
        assert_eq!(xs.len(), ys.len(), "{d}");
        for (x, y) in xs.iter().zip(&ys) {
            let (mut ex_, mut ey) = (Vec::new(), Vec::new());
            envelopes(x, "", &mut ex_);
            envelopes(y, "", &mut ey);
            assert_eq!(ex_.len(), ey.len(), "{d}: {y}");
            let open = |path: &str, env: &str, master: bool| -> Vec<u8> {
                if d == "dead-letter" {
                    let input = serde_json::from_value(x["input"].clone()).unwrap();
                    if master {
                        g.open_dead_letter(&input, env).unwrap()
                    } else {
                        g.open_dead_letter_with(Some(&store), &input, env).unwrap()
                    }
                } else if master {
                    g.decrypt_value(None, path, env).unwrap()
                } else {
                    g.decrypt_value(Some(&store), path, env).unwrap()
                }
            };
            for ((px, vx), (py, vy)) in ex_.iter().zip(&ey) {
                assert_eq!(px, py);
                assert_eq!(open(px, vx, true), open(py, vy, false), "{d} {px}");
                if vy.split(':').count() == 4 {
                    keyed_values += 1;
                }
            }
            // Everything else is byte for byte the same.
            let mask = |v: &Value| {
                let mut s = v.to_string();
                for (_, e) in ex_.iter().chain(&ey) {
                    s = s.replace(e.as_str(), "enc");
                }
                s
            };
            assert_eq!(mask(x), mask(y), "{d}");
        }
    }
    assert!(
        keyed_values > 5,
        "values sealed per subject: {keyed_values}"
    );
    assert!(!store.is_empty());
}
