//! The command line as a user runs it: the README's quick start, `check`, `decrypt`, `keygen`,
//! and start-up failures that list every problem.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixtures::{bin, copy_demo_keys, reference_policy, repo};

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `leadguard run` of `input` under the reference policy into `out`, at the examples' time.
fn run(input: &str, out: &Path) -> Command {
    let mut c = bin();
    c.current_dir(repo())
        .args(["run", "--policy", "examples/policy.toml", "--input", input])
        .arg("--out")
        .arg(out)
        .args(["--now", "2026-11-22T12:00:00Z"]);
    c
}

fn quick_start(out: &Path) -> Output {
    run("examples/leads.jsonl", out)
        .args([
            "--withdrawals",
            "examples/withdrawals.jsonl",
            "--suppress",
            "examples/do-not-call.txt",
        ])
        .output()
        .unwrap()
}

#[test]
fn readme_quick_start_runs_and_prints_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let o = quick_start(dir.path());
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(stdout.contains("events: 88"), "{stdout}");
    assert!(
        stdout.contains("forwarded                                76"),
        "{stdout}"
    );
    assert!(
        stdout.contains("rejected                                 10"),
        "{stdout}"
    );
    for f in [
        "crm.jsonl",
        "emailing.jsonl",
        "callcenter.jsonl",
        "partners.jsonl",
        "analytics.jsonl",
        "audit.jsonl",
        "dead-letter.jsonl",
    ] {
        assert!(dir.path().join(f).exists(), "{f}");
    }
    // No progress line when stderr is not a terminal.
    assert!(!stderr.contains("events/s"), "{stderr}");
}

#[test]
fn decrypt_recovers_fields_and_dead_letters_for_key_holders() {
    let dir = tempfile::tempdir().unwrap();
    assert!(quick_start(dir.path()).status.success());
    let crm = std::fs::read_to_string(dir.path().join("crm.jsonl")).unwrap();
    let envelope = crm
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|v| v["attributes"]["iban"].as_str().map(str::to_string))
        .unwrap();
    let o = bin()
        .current_dir(repo())
        .args([
            "decrypt",
            "--policy",
            "examples/policy.toml",
            "--path",
            "/attributes/iban",
            "--value",
            &envelope,
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(text(&o).0.trim().starts_with("FR"));
    // Wrong path: the envelope is bound to its field.
    let o = bin()
        .current_dir(repo())
        .args([
            "decrypt",
            "--policy",
            "examples/policy.toml",
            "--path",
            "/attributes/notes",
            "--value",
            &envelope,
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let dl = dir.path().join("dead-letter.jsonl");
    let o = bin()
        .current_dir(repo())
        .args([
            "decrypt",
            "--policy",
            "examples/policy.toml",
            "--dead-letter",
        ])
        .arg(&dl)
        .output()
        .unwrap();
    assert!(o.status.success());
    let replay = text(&o).0;
    assert_eq!(replay.lines().count(), 10);
    assert!(replay.contains("{not json at all"));
}

#[test]
fn a_bad_policy_fails_at_start_up_listing_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let policy = std::fs::read_to_string(reference_policy())
        .unwrap()
        .replace("country = \"IE\"", "country = \"Ireland\"")
        .replace("purpose = \"logistics\" }", "purpose = \"nope\" }")
        .replace("file = \"keys/audit.key\"", "file = \"keys/missing.key\"");
    std::fs::write(dir.path().join("policy.toml"), policy).unwrap();
    copy_demo_keys(dir.path());
    let o = bin()
        .args(["check", "--policy"])
        .arg(dir.path().join("policy.toml"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = text(&o).1;
    assert!(err.contains("`Ireland` is not an ISO 3166"), "{err}");
    assert!(err.contains("unknown purpose `nope`"), "{err}");
    assert!(
        err.contains("keys.audit") && err.contains("missing.key"),
        "{err}"
    );
    // The key problem alone.
    let policy = std::fs::read_to_string(reference_policy())
        .unwrap()
        .replace("file = \"keys/audit.key\"", "file = \"keys/missing.key\"");
    std::fs::write(dir.path().join("policy.toml"), policy).unwrap();
    let o = bin()
        .args(["check", "--policy"])
        .arg(dir.path().join("policy.toml"))
        .output()
        .unwrap();
    let err = text(&o).1;
    assert!(!o.status.success());
    assert!(
        err.contains("keys.audit") && err.contains("missing.key"),
        "{err}"
    );
}

#[test]
fn check_describes_the_compiled_policy_and_keygen_makes_keys() {
    let o = bin()
        .current_dir(repo())
        .args(["check", "--policy", "examples/policy.toml"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = text(&o).0;
    assert!(
        out.contains("destination callcenter") && out.contains("Safeguarded(Scc)"),
        "{out}"
    );
    let k1 = text(&bin().arg("keygen").output().unwrap()).0;
    let k2 = text(&bin().arg("keygen").output().unwrap()).0;
    assert_eq!(k1.trim().len(), 64);
    assert_ne!(k1, k2);
}

#[test]
fn an_oversized_line_is_rejected_with_its_true_size_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let leads = std::fs::read_to_string(repo().join("examples/leads.jsonl")).unwrap();
    let first = leads.lines().next().unwrap();
    let huge = format!(
        "{{\"event_id\": \"x\", \"pad\": \"{}\"}}",
        "a".repeat(300_000)
    );
    std::fs::write(
        dir.path().join("in.jsonl"),
        format!("{first}\n{huge}\n{first}\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .current_dir(repo())
        .args(["run", "--policy", "examples/policy.toml", "--input"])
        .arg(dir.path().join("in.jsonl"))
        .arg("--out")
        .arg(&out)
        .args(["--now", "2026-11-22T12:00:00Z"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o).1);
    let audit = std::fs::read_to_string(out.join("audit.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["outcome"], "rejected");
    assert_eq!(records[1]["reasons"][0], "event.malformed");
    let detail = records[1]["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!("{} bytes", huge.len())),
        "{detail}"
    );
    assert_eq!(records[2]["outcome"], "forwarded");
}

/// Issue 10: the policy changes the vocabularies without a rebuild; `check` prints their sizes,
/// `explain` says which entry made a hit, and a removal of an unknown entry fails start-up.
#[test]
fn vocabularies_are_changed_by_the_policy_checked_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo_keys(dir.path());
    let base = std::fs::read_to_string(reference_policy()).unwrap();
    let write = |extra: &str| {
        let path = dir.path().join("policy.toml");
        std::fs::write(&path, format!("{base}\n{extra}\n")).unwrap();
        path
    };
    let health_line = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("vocabulary health"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    let terms = |line: &str| -> usize {
        let after = line.split_whitespace().collect::<Vec<_>>();
        let i = after.iter().position(|w| w.starts_with("terms")).unwrap();
        after[i - 1].parse().unwrap()
    };
    let check = |policy: &Path| {
        bin()
            .args(["check", "--policy"])
            .arg(policy)
            .output()
            .unwrap()
    };

    let o = check(&write(""));
    assert!(o.status.success(), "{}", text(&o).1);
    let before = health_line(&text(&o).0);
    assert!(terms(&before) > 300, "{before}");
    for c in ["religion", "trade_union", "social_difficulty", "biometric"] {
        assert!(text(&o).0.contains(&format!("vocabulary {c}")), "{c}");
    }

    let changed = write("[lexicons.health]\nadd = [\"fibro-machin\"]\nremove = [\"diabétique\"]\n");
    let o = check(&changed);
    assert!(o.status.success(), "{}", text(&o).1);
    let after = health_line(&text(&o).0);
    // Added to both languages, removed from the French file.
    assert_eq!(terms(&after), terms(&before) + 2 - 1, "{before} / {after}");
    let explain = |text_: &str| {
        let o = bin()
            .args(["explain", "--policy"])
            .arg(&changed)
            .arg(text_)
            .output()
            .unwrap();
        assert!(o.status.success());
        text(&o).0
    };
    let out = explain("Ma sœur a une FIBRO-MACHIN depuis 2020, merci");
    assert!(out.contains("found: health"), "{out}");
    assert!(out.contains("redacted: [redacted:health], merci"), "{out}");
    assert!(
        out.contains("by policy lexicons.health (fr) [terms] fibro-machin"),
        "the policy's entry is named: {out}"
    );
    // The removed entry no longer hits by itself (other forms of the word stay listed).
    assert!(!explain("il est diabétique").contains("[terms] diabétique\n"));

    let o = check(&write(
        "[lexicons.health]\nremove = [\"pas un mot\"]\n[lexicons.email]\nadd = [\"x\"]\n",
    ));
    assert!(!o.status.success());
    let err = text(&o).1;
    assert!(
        err.contains("lexicons.health.remove: `pas un mot`"),
        "{err}"
    );
    assert!(
        err.contains("lexicons.email"),
        "every problem listed: {err}"
    );
}

/// `explain --why` shows what took a hit out: the animal a statement is said of is listed with
/// the term it cancelled, and nothing of it without `--why`.
#[test]
fn explain_why_lists_the_context_that_took_a_hit_out() {
    let explain = |why: bool| {
        let mut cmd = bin();
        cmd.args(["explain", "--policy", "examples/policy.toml"]);
        if why {
            cmd.arg("--why");
        }
        let o = cmd.arg("Mon chien est diabétique").output().unwrap();
        assert!(o.status.success(), "{}", text(&o).1);
        text(&o).0
    };
    let out = explain(true);
    assert!(out.contains("found: nothing"), "{out}");
    assert!(
        out.contains("why: clause 0: \"chien\" by lexicons/fr/_context.txt [non_person] chien"),
        "{out}"
    );
    assert!(
        out.contains("\"diabétique\" by lexicons/fr/health.txt [terms] diabétique"),
        "{out}"
    );
    assert!(
        out.contains("why: opening: establishment false, job none"),
        "{out}"
    );
    assert!(!explain(false).contains("why:"));
}

/// The guard turns transparent huge pages off for its process before it allocates (`main`):
/// with them, mimalloc's arenas held whole 2 MB pages per thread and the Kafka bench's peak RSS
/// was 147 – 152 MB instead of 123 – 131 MB. Read from the running process's
/// `/proc/<pid>/status` (`THP_enabled`, Linux 5.0 and later) while it waits for its input.
#[cfg(target_os = "linux")]
#[test]
fn the_guard_runs_without_transparent_huge_pages() {
    use std::io::Write as _;
    use std::process::Stdio;
    let out = tempfile::tempdir().unwrap();
    let mut child = run("/dev/stdin", out.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let thp = |text: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix("THP_enabled:"))
            .map(|v| v.trim().to_string())
    };
    // The process is read until its `main` has run (or 20 s have passed).
    let mut seen = None;
    for _ in 0..200 {
        seen = std::fs::read_to_string(&status).ok().and_then(|t| thp(&t));
        if seen.as_deref() == Some("0") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let mut stdin = child.stdin.take().unwrap();
    let line = std::fs::read_to_string(repo().join("examples/leads.jsonl")).unwrap();
    stdin
        .write_all(line.lines().next().unwrap().as_bytes())
        .unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert_eq!(
        seen.as_deref(),
        Some("0"),
        "THP_enabled of the running guard"
    );
    let audit = std::fs::read_to_string(out.path().join("audit.jsonl")).unwrap();
    assert_eq!(
        audit.lines().count(),
        1,
        "the event written meanwhile was judged"
    );
}
