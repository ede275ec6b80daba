//! Audit trails written before the v2 format (issue 12): the tools still read and verify
//! `leadguard.audit/v1` records, with the audit key and with the checkpoints' public key, and
//! read them as they read the v2 records of the same events. The fixture is described in
//! `tests/data/audit-v1/README.md`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::fixtures::{bin, examples, reference_policy, repo, NOW};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/data/audit-v1").join(name)
}

/// `leadguard audit <args>` as JSON, and whether it exited 0.
fn tool(args: &[&str], file: &Path, extra: &[&Path]) -> (bool, Value) {
    let mut cmd = bin();
    cmd.arg("audit").args(args).arg("--file").arg(file);
    cmd.args(extra).args(["--format", "json"]);
    let o = cmd.output().unwrap();
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.success(), v)
}

fn verify_keyed(file: &Path) -> (bool, Value) {
    let policy = reference_policy();
    tool(
        &["verify", "--expect-inputs", "88"],
        file,
        &[Path::new("--policy"), &policy],
    )
}

#[test]
fn a2_v1_records_verify_with_the_audit_key_and_an_edit_still_breaks_them() {
    let (ok, v) = verify_keyed(&fixture("audit.jsonl"));
    assert!(ok, "{v:#}");
    assert_eq!(v["records"], 88);
    assert_eq!(v["breaks_total"], 0);
    let text = std::fs::read_to_string(fixture("audit.jsonl")).unwrap();
    assert!(text
        .lines()
        .all(|l| l.starts_with(r#"{"schema":"leadguard.audit/v1""#)));
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("audit.jsonl");
    std::fs::write(&edited, text.replacen("\"forwarded\"", "\"dropped\"", 1)).unwrap();
    let (ok, v) = verify_keyed(&edited);
    assert!(!ok);
    assert_eq!(v["breaks_total"], 1, "{v:#}");
}

/// `audit verify --public-key` of `audit` against the fixture's checkpoints: its exit status.
fn verify_keyless(audit: &Path) -> (bool, String) {
    let o = bin()
        .args(["audit", "verify", "--file"])
        .arg(audit)
        .arg("--checkpoints")
        .arg(fixture("checkpoints.jsonl"))
        .arg("--public-key")
        .arg(examples().join("keys/checkpoint.key.pub"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

#[test]
fn a2_v1_checkpoints_verify_with_the_public_key_only() {
    let (ok, text) = verify_keyless(&fixture("audit.jsonl"));
    assert!(ok, "{text}");
    // One record less and the signed tree no longer matches.
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("audit.jsonl");
    let all = std::fs::read_to_string(fixture("audit.jsonl")).unwrap();
    let kept: Vec<&str> = all.lines().filter(|l| !l.contains("\"seq\":40,")).collect();
    assert_eq!(kept.len(), 87);
    std::fs::write(&short, kept.join("\n") + "\n").unwrap();
    let (ok, text) = verify_keyless(&short);
    assert!(!ok, "{text}");
}

#[test]
fn the_report_reads_v1_records_as_it_reads_v2_records_of_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let ex = examples();
    let o = bin()
        .arg("run")
        .arg("--policy")
        .arg(reference_policy())
        .arg("--input")
        .arg(ex.join("leads.jsonl"))
        .arg("--withdrawals")
        .arg(ex.join("withdrawals.jsonl"))
        .arg("--suppress")
        .arg(ex.join("do-not-call.txt"))
        .arg("--out")
        .arg(&out)
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v2 = out.join("audit.jsonl");
    let text = std::fs::read_to_string(&v2).unwrap();
    assert!(text
        .lines()
        .all(|l| l.starts_with(r#"{"schema":"leadguard.audit/v2""#)));
    let (_, old) = tool(&["report"], &fixture("audit.jsonl"), &[]);
    let (_, new) = tool(&["report"], &v2, &[]);
    assert_eq!(old["events"]["in"], 88);
    for part in [
        "events",
        "destinations",
        "refusals",
        "transfers",
        "interconnections",
        "sensitive_findings",
        "withdrawals",
        "flags",
        "unreadable_records",
    ] {
        assert_eq!(old[part], new[part], "{part}");
    }
}
