//! The audit trail verified by anyone (issue 14): file mode on the reference examples writes
//! signed checkpoints; `audit verify --public-key` checks the records against them with no
//! audit key and no policy, and names each kind of tampering; `audit prove` makes a proof for one
//! event that `audit verify-proof` checks on its own.

use std::path::{Path, PathBuf};
use std::process::Output;

use leadguard::audit_tools::transparency::{verify_proof, InclusionProof};
use leadguard::checkpoint::VerifierKey;

use crate::support::fixtures::{bin, examples, file_mode, policy_text, shared_examples, NOW};

/// The reference policy with checkpoints every 25 records (1,000 as shipped), signed with
/// `key`; its keys by absolute path.
fn policy(dir: &Path, key: &str) -> PathBuf {
    let path = dir.join("policy.toml");
    let shipped = policy_text();
    let text = shipped
        .replace("every = 1000", "every = 25")
        .replace(&key_path(), key);
    assert_ne!(
        text, shipped,
        "the reference policy checkpoints every 1000 records"
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn public_key() -> PathBuf {
    examples().join("keys/checkpoint.key.pub")
}

/// Runs file mode on the reference examples into `dir/out`.
fn run(dir: &Path, key: &str) -> PathBuf {
    let out = dir.join("out");
    let input = shared_examples().join("leads.jsonl");
    file_mode(&policy(dir, key), &input, &out, NOW);
    out
}

fn verify(audit: &Path, checkpoints: &Path) -> (bool, String) {
    let o: Output = bin()
        .args(["audit", "verify", "--file"])
        .arg(audit)
        .arg("--checkpoints")
        .arg(checkpoints)
        .arg("--public-key")
        .arg(public_key())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

const KEY: &str = "keys/checkpoint.key";

fn key_path() -> String {
    examples().join(KEY).display().to_string()
}

#[test]
fn file_mode_checkpoints_verify_without_the_audit_key_and_name_each_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &key_path());
    let audit = out.join("audit.jsonl");
    let checkpoints = out.join("checkpoints.jsonl");
    let records = lines(&audit);
    assert_eq!(records.len(), 88);
    // Every 25 records, then the end of the input.
    let cps = lines(&checkpoints);
    let sizes: Vec<u64> = cps
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["size"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(sizes, [25, 50, 75, 88]);

    // No policy, no audit key: the public key and the two files.
    let (ok, text) = verify(&audit, &checkpoints);
    assert!(ok, "{text}");
    assert!(
        text.contains("88 records, 4 checkpoints, 1 chains"),
        "{text}"
    );
    assert!(
        text.contains("88 records, 88 proven by checkpoints"),
        "{text}"
    );

    let tampered = dir.path().join("tampered.jsonl");
    let check = |edit: &dyn Fn(&mut Vec<String>), expected: &str| {
        let mut l = records.clone();
        edit(&mut l);
        write_lines(&tampered, &l);
        let (ok, text) = verify(&tampered, &checkpoints);
        assert!(!ok, "tampering not detected ({expected}):\n{text}");
        assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    };
    // An edit keeps every link: named by the checkpoint range it falls in.
    check(
        &|l| l[29] = l[29].replacen("\"outcome\":\"", "\"outcome\":\"x", 1),
        "records seq 25..49 (line 26 to line 50) differ from what the checkpoint at line 2 signed",
    );
    check(
        &|l| drop(l.remove(39)),
        "line 40: record seq 40 where seq 39 was expected",
    );
    check(
        &|l| {
            let copy = l[9].clone();
            l.insert(10, copy)
        },
        "line 11: record seq 9 where seq 10 was expected",
    );
    check(
        &|l| l.swap(19, 20),
        "line 20: record seq 20 where seq 19 was expected",
    );
    check(
        &|l| l.truncate(60),
        "signed 75 records, only 60 are present (truncated: records from seq 60 on are missing)",
    );
    check(
        &|l| l.push("{\"not\":\"a record\"}".into()),
        "line 89: not an audit record",
    );

    // Checkpoints: one forged, one signed with another key, one removed.
    let forged = dir.path().join("forged.jsonl");
    let mut f = cps.clone();
    f[1] = f[1].replacen("\\n50\\n", "\\n49\\n", 1);
    write_lines(&forged, &f);
    let (ok, text) = verify(&audit, &forged);
    assert!(
        !ok && text.contains("does not verify (forged or altered checkpoint)"),
        "{text}"
    );

    let other_dir = tempfile::tempdir().unwrap();
    let other_key = other_dir.path().join("other.key");
    let o = bin()
        .args(["keygen", "--name", "audit.leadguard.example", "--ed25519"])
        .arg(&other_key)
        .output()
        .unwrap();
    assert!(o.status.success());
    let other = run(other_dir.path(), &other_key.display().to_string());
    let (ok, text) = verify(&audit, &other.join("checkpoints.jsonl"));
    assert!(
        !ok && text.contains("no signature by key audit.leadguard.example"),
        "{text}"
    );

    let fewer = dir.path().join("fewer.jsonl");
    write_lines(&fewer, &cps[..3]);
    let (ok, text) = verify(&audit, &fewer);
    assert!(ok, "{text}");
    assert!(
        text.contains("75 proven by checkpoints, 13 not yet checkpointed"),
        "{text}"
    );
}

#[test]
fn a_proof_for_one_event_verifies_alone_and_fails_when_any_byte_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &key_path());
    let proof_path = dir.path().join("proof.json");
    let o = bin()
        .args(["audit", "prove", "--file"])
        .arg(out.join("audit.jsonl"))
        .arg("--checkpoints")
        .arg(out.join("checkpoints.jsonl"))
        .arg("--public-key")
        .arg(public_key())
        .args(["--event-id", "lead-000012", "--out"])
        .arg(&proof_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&proof_path).unwrap();
    let proof: InclusionProof = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (proof.leaf_index, proof.tree_size),
        (11, 88),
        "the latest checkpoint"
    );
    assert!(proof.record.contains("\"event_id\":\"lead-000012\""));

    let verified = |p: &Path| {
        bin()
            .args(["audit", "verify-proof"])
            .arg(p)
            .arg("--public-key")
            .arg(public_key())
            .output()
            .unwrap()
    };
    let o = verified(&proof_path);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        said.contains("proof holds: the record at leaf 11"),
        "{said}"
    );

    // Every single-byte change of the proof file breaks it.
    let key = VerifierKey::parse(&std::fs::read_to_string(public_key()).unwrap()).unwrap();
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let mut b = bytes.to_vec();
        b[i] ^= 1;
        let holds = std::str::from_utf8(&b)
            .ok()
            .and_then(|t| serde_json::from_str::<InclusionProof>(t).ok())
            .is_some_and(|p| verify_proof(&p, &key).is_ok());
        assert!(!holds, "byte {i} changed and the proof still holds");
    }
    // And through the command line: exit status 1 with the reason.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        text.replacen("\"leaf_index\": 11", "\"leaf_index\": 12", 1),
    )
    .unwrap();
    let o = verified(&bad);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("the proof does not hold"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
