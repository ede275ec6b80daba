//! The shared reference examples through file mode under the reference policy
//! (`examples/policy.toml`), compared with `expected.jsonl` as its README says, plus the
//! personal-data scan of every output file.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::support::fixtures::{guard, json_lines, reference_policy, repo, shared_examples, NOW};
use leadguard::audit::{verify_record, ChainVerifier};
use leadguard::clock;
use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::schema::Schema;
use leadguard::withdrawals::WithdrawalTable;
use serde_json::Value;

struct Run {
    _dir: tempfile::TempDir,
    out: PathBuf,
    guard: Guard,
}

fn run_examples() -> Run {
    let ex = shared_examples();
    let guard = guard(&reference_policy());
    let mut table = WithdrawalTable::default();
    let refused =
        file_mode::load_withdrawals(&guard, &ex.join("withdrawals.jsonl"), &mut table).unwrap();
    assert!(refused.is_empty(), "withdrawals refused: {refused:?}");
    assert_eq!(table.len(), 6);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let summary = file_mode::run(
        &guard,
        &ex.join("leads.jsonl"),
        &table,
        &out,
        clock::parse(NOW).unwrap(),
    )
    .unwrap();
    assert_eq!(summary.events, 88);
    Run {
        _dir: dir,
        out,
        guard,
    }
}

fn strs(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn findings(v: &Value) -> BTreeSet<(String, String)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["path"].as_str().unwrap().to_string(),
                        f["category"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Compares one audit record with one expected line; returns the differences.
fn compare(audit: &Value, exp: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    if audit["outcome"] != exp["outcome"] {
        diffs.push(format!(
            "outcome {} != {}",
            audit["outcome"], exp["outcome"]
        ));
    }
    if exp.get("reasons").is_some() && strs(&audit["reasons"]) != strs(&exp["reasons"]) {
        diffs.push(format!(
            "reasons {} != {}",
            audit["reasons"], exp["reasons"]
        ));
    }
    if let Some(line) = exp.get("line") {
        if audit["input"]["line"] != *line {
            diffs.push(format!("line {} != {}", audit["input"]["line"], line));
        }
    }
    let got: HashMap<&str, &Value> = audit["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str().unwrap(), d))
        .collect();
    for e in exp["destinations"].as_array().into_iter().flatten() {
        let name = e["name"].as_str().unwrap();
        let Some(g) = got.get(name) else {
            diffs.push(format!("{name}: missing"));
            continue;
        };
        if g["outcome"] != e["outcome"] {
            diffs.push(format!(
                "{name}: outcome {} != {}",
                g["outcome"], e["outcome"]
            ));
        }
        if strs(&g["channels"]) != strs(&e["channels"]) {
            diffs.push(format!(
                "{name}: channels {} != {}",
                g["channels"], e["channels"]
            ));
        }
        if e["outcome"] == "blocked" && strs(&g["reasons"]) != strs(&e["reasons"]) {
            diffs.push(format!(
                "{name}: reasons {} != {}",
                g["reasons"], e["reasons"]
            ));
        }
    }
    if strs(&audit["flags"]) != strs(exp.get("flags").unwrap_or(&Value::Null)) {
        diffs.push(format!(
            "flags {} != {:?}",
            audit["flags"],
            exp.get("flags")
        ));
    }
    if findings(&audit["findings"]) != findings(exp.get("findings").unwrap_or(&Value::Null)) {
        diffs.push(format!(
            "findings {} != {:?}",
            audit["findings"],
            exp.get("findings")
        ));
    }
    diffs
}

#[test]
fn all_88_reference_examples_match_expected() {
    let run = run_examples();
    let audit = json_lines(&run.out.join("audit.jsonl"));
    let expected = json_lines(&shared_examples().join("expected.jsonl"));
    assert_eq!(audit.len(), 88, "one audit record per input line");
    assert_eq!(expected.len(), 88);
    let mut failures = Vec::new();
    for (i, (a, e)) in audit.iter().zip(&expected).enumerate() {
        let d = compare(a, e);
        if !d.is_empty() {
            failures.push(format!("line {} ({}): {}", i + 1, e["case"], d.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 88 lines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn audit_records_match_the_audit_schema_and_the_chain_verifies() {
    let run = run_examples();
    let schema = Schema::audit();
    let text = std::fs::read_to_string(run.out.join("audit.jsonl")).unwrap();
    let mut verifier: Option<ChainVerifier> = None;
    for (i, line) in text.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        if let Err(e) = schema.check(&v) {
            panic!("audit line {} does not match the schema: {e}", i + 1);
        }
        let link = verify_record(run.guard.audit_key(), line.as_bytes()).unwrap();
        let ver =
            verifier.get_or_insert_with(|| ChainVerifier::new(run.guard.audit_key(), &link.id));
        ver.next(&link)
            .unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
    }
    // Editing any record breaks it.
    let first = text
        .lines()
        .next()
        .unwrap()
        .replace("\"forwarded\"", "\"dropped\"");
    assert!(verify_record(run.guard.audit_key(), first.as_bytes()).is_err());
}

#[test]
fn rejected_lines_are_in_the_dead_letter_and_replayable_with_the_key() {
    let run = run_examples();
    let dl = json_lines(&run.out.join("dead-letter.jsonl"));
    let bytes = std::fs::read(shared_examples().join("leads.jsonl")).unwrap();
    let original: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let lines: Vec<u64> = dl
        .iter()
        .map(|r| r["input"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![32, 33, 34, 35, 75, 76, 77, 78, 87, 88]);
    for r in &dl {
        let input = serde_json::from_value(r["input"].clone()).unwrap();
        let plain = run
            .guard
            .open_dead_letter(&input, r["payload"].as_str().unwrap())
            .unwrap();
        let n = r["input"]["line"].as_u64().unwrap() as usize;
        assert_eq!(plain, original[n - 1]);
        assert!(r["payload"].as_str().unwrap().starts_with("enc:d1:"));
    }
}

/// Personal values of the input, by kind.
fn personal_values() -> HashMap<&'static str, BTreeSet<String>> {
    let mut m: HashMap<&'static str, BTreeSet<String>> = HashMap::new();
    let text = std::fs::read(shared_examples().join("leads.jsonl")).unwrap();
    for line in text.split(|b| *b == b'\n') {
        let Ok(v) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        let Some(s) = v.get("subject").filter(|s| s.is_object()) else {
            continue;
        };
        let mut add = |k: &'static str, x: Option<&str>| {
            if let Some(x) = x.map(str::trim).filter(|x| x.len() > 3) {
                m.entry(k).or_default().insert(x.to_string());
            }
        };
        add("email", s["email"].as_str());
        add("phone", s["phone"].as_str());
        // Quoted: a name is also a substring of many e-mail addresses.
        add(
            "last_name",
            s["last_name"]
                .as_str()
                .map(|n| format!("\"{n}\""))
                .as_deref(),
        );
        add("street", s["address"]["street"].as_str());
        add("birth_date", s["birth_date"].as_str());
        add("national_id", s["national_id"].as_str());
        let a = &v["attributes"];
        add("card", a["card_number"].as_str());
        add("iban", a["iban"].as_str());
        for k in [
            "health_condition",
            "sex_life",
            "trade_union",
            "criminal_record",
        ] {
            add("special", a[k].as_str());
        }
        for k in ["message", "notes"] {
            if let Some(t) = a[k].as_str() {
                // Numbers written with spaces in free text, kept as their digit runs.
                for w in [
                    "4037 5196 6407 3531",
                    "4606 1583 5174 9847",
                    "2 70 12 69 765 674 81",
                    "2 62 08 69 099 888 96",
                    "FR84 7117 5683 8140 0453 6591 271",
                    "FR81 8529 3944 3983 7643 5042 057",
                    "musulman",
                    "délégué syndical",
                ] {
                    if t.contains(w) {
                        m.entry("text_finding").or_default().insert(w.to_string());
                    }
                }
            }
        }
    }
    m
}

#[test]
fn no_personal_value_where_the_policy_says_it_must_not_be() {
    let run = run_examples();
    let pv = personal_values();
    assert!(
        pv["email"].len() > 50 && pv["national_id"].len() == 2 && pv["text_finding"].len() == 8
    );
    let file = |n: &str| std::fs::read_to_string(run.out.join(n)).unwrap();
    let lower = |s: &str| s.to_lowercase();
    let check = |name: &str, kinds: &[&str]| {
        let content = file(name);
        let content_l = lower(&content);
        for k in kinds {
            for v in &pv[k] {
                assert!(
                    !content_l.contains(&lower(v)),
                    "{name} holds a {k} in clear"
                );
            }
        }
    };
    let everything = [
        "email",
        "phone",
        "last_name",
        "street",
        "birth_date",
        "national_id",
        "card",
        "iban",
        "special",
        "text_finding",
    ];
    check("audit.jsonl", &everything);
    check("dead-letter.jsonl", &everything);
    check("partners.jsonl", &everything);
    check("analytics.jsonl", &everything);
    let never = ["national_id", "card", "iban", "special", "text_finding"];
    for d in ["crm.jsonl", "emailing.jsonl", "callcenter.jsonl"] {
        check(d, &never);
    }
    check("emailing.jsonl", &["last_name", "street", "birth_date"]);
    check("callcenter.jsonl", &["email", "street", "birth_date"]);
    // Normalised phones are not in the audit either.
    let audit = file("audit.jsonl");
    for p in &pv["phone"] {
        if let Some(n) = leadguard::normalize::phone(p, "33") {
            assert!(!audit.contains(&n));
        }
    }
    assert!(
        std::fs::metadata(run.out.join("partners.jsonl"))
            .unwrap()
            .len()
            == 0
    );
}

#[test]
fn forwarded_copies_carry_tokens_and_envelopes_the_keys_open() {
    let run = run_examples();
    let analytics = json_lines(&run.out.join("analytics.jsonl"));
    assert_eq!(analytics.len(), 76);
    for a in &analytics {
        let email = a["subject"]["email"].as_str().unwrap();
        assert!(email.starts_with("hmac:k1:"), "{email}");
        assert!(
            a["attributes"].get("message").is_none(),
            "free text removed for analytics"
        );
    }
    // The IBAN field is encrypted for the CRM and opens with the key, bound to its path.
    let crm = json_lines(&run.out.join("crm.jsonl"));
    let iban = crm
        .iter()
        .find_map(|r| r["attributes"]["iban"].as_str())
        .expect("an IBAN reached the CRM encrypted");
    assert!(iban.starts_with("enc:e1:"));
    let plain = run
        .guard
        .keyring()
        .decrypt("/attributes/iban", iban)
        .unwrap();
    assert!(String::from_utf8(plain).unwrap().starts_with("FR"));
    assert!(run
        .guard
        .keyring()
        .decrypt("/attributes/notes", iban)
        .is_err());
    // Redacted free text keeps the rest of the message.
    let redacted = crm
        .iter()
        .find_map(|r| {
            r["attributes"]["message"]
                .as_str()
                .filter(|m| m.contains("[redacted:payment_card]"))
        })
        .expect("card number redacted in place");
    assert!(redacted.contains("exp 12/28"));
}

#[test]
fn shipped_examples_are_the_shared_ones() {
    let shared = repo().join("../shared/contract/examples");
    if !shared.exists() {
        // Outside the workspace the shipped copies are the only ones; nothing to compare.
        assert!(repo().join("examples/expected.jsonl").exists());
        return;
    }
    for f in [
        "leads.jsonl",
        "withdrawals.jsonl",
        "do-not-call.txt",
        "expected.jsonl",
    ] {
        assert_eq!(
            std::fs::read(shared.join(f)).unwrap(),
            std::fs::read(repo().join("examples").join(f)).unwrap(),
            "examples/{f} differs from the shared one"
        );
    }
}
