//! Fixtures shared by the tests: the repository's files, the reference examples, policy and
//! demonstration keys, the built binary, file mode, and JSON Lines files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use leadguard::engine::Guard;
use leadguard::policy::Policy;
use leadguard::withdrawals::SuppressionList;
use serde_json::Value;

/// The `--now` of the tests' runs: the examples are judged at this instant.
pub const NOW: &str = "2026-11-22T12:00:00Z";

/// The destinations of the reference policy, in policy order.
pub const DESTINATIONS: [&str; 5] = ["crm", "emailing", "callcenter", "partners", "analytics"];

/// The `leadguard` binary built with the tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_leadguard");

/// A command running the built `leadguard`.
pub fn bin() -> Command {
    Command::new(BIN)
}

/// The repository root (the crate's manifest directory).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `examples/`: the reference policy, the demonstration keys and copies of the shared examples.
pub fn examples() -> PathBuf {
    repo().join("examples")
}

/// The shared examples when `../shared` is beside the checkout (as in CI), else the copies in
/// `examples/` (checked identical by `examples::shipped_examples_are_the_shared_ones`).
pub fn shared_examples() -> PathBuf {
    let shared = repo().join("../shared/contract/examples");
    if shared.join("leads.jsonl").exists() && shared.join("expected.jsonl").exists() {
        shared
    } else {
        examples()
    }
}

/// The reference policy, `examples/policy.toml` (its key files are relative to it).
pub fn reference_policy() -> PathBuf {
    examples().join("policy.toml")
}

/// The reference policy's text for use outside `examples/`: its key files by absolute path.
pub fn policy_text() -> String {
    std::fs::read_to_string(reference_policy())
        .unwrap()
        .replace(
            "file = \"keys/",
            &format!("file = \"{}/keys/", examples().display()),
        )
}

/// The demonstration keys, copied to `dir/keys/` beside a policy written in `dir`.
pub fn copy_demo_keys(dir: &Path) {
    std::fs::create_dir(dir.join("keys")).unwrap();
    for k in [
        "pseudonym",
        "encryption",
        "audit",
        "dead-letter",
        "checkpoint",
    ] {
        std::fs::copy(
            examples().join(format!("keys/{k}.key")),
            dir.join(format!("keys/{k}.key")),
        )
        .unwrap();
    }
}

/// The guard of `policy` with the examples' suppression list: the tests' own judge.
pub fn guard(policy: &Path) -> Guard {
    let policy = Policy::load(policy).expect("policy");
    let dnc = std::fs::read_to_string(shared_examples().join("do-not-call.txt")).unwrap();
    let (list, bad) = SuppressionList::parse(&dnc, &policy.default_country_code);
    assert!(bad.is_empty(), "bad suppression list lines: {bad:?}");
    Guard::new(policy, list).expect("guard")
}

/// `leadguard run` (file mode) on `input` under `policy` with the shared withdrawals and
/// suppression list, judged at `now`, written to `out`, with `extra` arguments.
pub fn run_file_mode(policy: &Path, input: &Path, out: &Path, now: &str, extra: &[&str]) -> Output {
    let ex = shared_examples();
    bin()
        .arg("run")
        .arg("--policy")
        .arg(policy)
        .arg("--input")
        .arg(input)
        .arg("--withdrawals")
        .arg(ex.join("withdrawals.jsonl"))
        .arg("--suppress")
        .arg(ex.join("do-not-call.txt"))
        .arg("--out")
        .arg(out)
        .args(["--now", now])
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .expect("run leadguard run")
}

/// [`run_file_mode`] that must succeed; returns the audit file.
pub fn file_mode(policy: &Path, input: &Path, out: &Path, now: &str) -> PathBuf {
    let o = run_file_mode(policy, input, out, now, &[]);
    assert!(
        o.status.success(),
        "file mode failed ({}): {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    out.join("audit.jsonl")
}

/// Every line of a JSON Lines file, parsed.
pub fn json_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}: a line is not JSON ({e}): {l}", path.display()))
        })
        .collect()
}

/// Personal values of the examples that no tool output may contain (e-mails, phones, names,
/// streets), lower-cased.
pub fn personal_values() -> Vec<String> {
    let text = std::fs::read_to_string(shared_examples().join("leads.jsonl")).unwrap();
    let mut out = BTreeSet::new();
    for l in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(l) else {
            continue;
        };
        for f in ["email", "phone", "last_name"] {
            if let Some(s) = v["subject"][f].as_str() {
                if s.trim().chars().count() > 4 {
                    out.insert(s.trim().to_lowercase());
                }
            }
        }
        if let Some(s) = v["subject"]["address"]["street"].as_str() {
            out.insert(s.to_lowercase());
        }
    }
    assert!(out.len() > 100, "the examples hold personal values");
    out.into_iter().collect()
}

/// Asserts that `text` (the `what` of a test) holds none of [`personal_values`], in any case.
pub fn assert_no_personal_value(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for v in personal_values() {
        assert!(
            !lower.contains(&v),
            "{what} contains a personal value of the examples: {v:?}"
        );
    }
}
