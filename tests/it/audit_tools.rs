//! `leadguard audit …` (issue 4) on real audit trails: file mode run on the shared examples, and
//! Kafka mode run on a real broker (tansu). The built binary is driven as a security team would
//! (exit codes, outputs); expected numbers are hand counts computed here from the audit file
//! itself, independently of the tools' code.
//!
//! Setup: `scripts/test.sh` installs everything. The HTML test needs Debian `chromium`
//! (`apt-get update && apt-get install -y chromium`) and the Kafka test the tansu broker
//! (`scripts/install-tansu.sh`); without them those tests fail with the command to run — they
//! never skip.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::support::fixtures::{
    assert_no_personal_value, bin, examples, file_mode, json_lines, reference_policy,
    shared_examples, NOW,
};
use leadguard::category::Category;
use leadguard::normalize;
use leadguard::policy::Policy;
use serde_json::Value;

struct Out {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Out {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

fn leadguard<I, S>(args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run leadguard");
    Out {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

/// The audit of the shared examples in file mode.
fn examples_audit(dir: &Path) -> PathBuf {
    let audit = file_mode(
        &reference_policy(),
        &shared_examples().join("leads.jsonl"),
        &dir.join("out"),
        NOW,
    );
    assert_eq!(lines(&audit).len(), 88);
    audit
}

/// The examples split into 8 files of 11 lines, judged at 04:17, 06:17, … 18:17: a trail with
/// eight chains spread over a day, for time windows and charts.
fn multi_time_audit(dir: &Path) -> PathBuf {
    let leads = std::fs::read_to_string(shared_examples().join("leads.jsonl")).unwrap();
    let all: Vec<&str> = leads.lines().collect();
    assert_eq!(all.len(), 88);
    let mut audit = String::new();
    for (i, chunk) in all.chunks(11).enumerate() {
        let input = dir.join(format!("part{i}.jsonl"));
        std::fs::write(&input, chunk.join("\n") + "\n").unwrap();
        let now = format!("2026-11-22T{:02}:17:00Z", 4 + 2 * i);
        let a = file_mode(
            &reference_policy(),
            &input,
            &dir.join(format!("out{i}")),
            &now,
        );
        audit.push_str(&std::fs::read_to_string(a).unwrap());
    }
    let path = dir.join("audit-day.jsonl");
    std::fs::write(&path, audit).unwrap();
    path
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

// ---------------------------------------------------------------------------------------------
// verify

fn verify_json(audit: &Path, extra: &[&str]) -> (Out, Value) {
    let mut args = vec![
        "audit".to_string(),
        "verify".into(),
        "--file".into(),
        p(audit),
        "--policy".into(),
        p(&reference_policy()),
        "--format".into(),
        "json".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = leadguard(&args);
    let v = out.json();
    (out, v)
}

/// The one chain of the examples' audit.
fn examples_chain() -> String {
    format!("file:{}", p(&shared_examples().join("leads.jsonl")))
}

/// Asserts a failed verification (exit status 1) that reports exactly `expected` breaks, each
/// given as (kind, audit line, seq).
fn assert_breaks(out: &Out, v: &Value, expected: &[(&str, u64, Option<u64>)]) {
    assert_eq!(
        out.status.code(),
        Some(1),
        "verify must fail on a break:\n{}\n{}",
        out.stdout,
        out.stderr
    );
    assert!(
        out.stderr.contains("audit verification failed"),
        "{}",
        out.stderr
    );
    assert_eq!(v["ok"], false);
    let got: Vec<(String, u64, Option<u64>, String)> = v["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap().to_string(),
                b["position"]["line"].as_u64().expect("a line position"),
                b["seq"].as_u64(),
                b["chain"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, u64, Option<u64>, String)> = expected
        .iter()
        .map(|(k, line, seq)| (k.to_string(), *line, *seq, examples_chain()))
        .collect();
    assert_eq!(got, want, "breaks reported:\n{}", out.stdout);
    assert_eq!(v["breaks_total"], expected.len() as u64);
}

#[test]
fn verify_passes_on_the_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let audit = examples_audit(dir.path());
    let (out, v) = verify_json(&audit, &["--expect-inputs", "88"]);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    assert_eq!(v["ok"], true);
    assert_eq!(v["records"], 88);
    assert_eq!(v["breaks_total"], 0);
    let chains = v["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 1);
    let c = &chains[0];
    let last: Value = serde_json::from_str(lines(&audit).last().unwrap()).unwrap();
    assert_eq!(c["id"], examples_chain().as_str());
    assert_eq!(c["records"], 88);
    assert_eq!(
        (c["first_seq"].as_u64(), c["last_seq"].as_u64()),
        (Some(0), Some(87))
    );
    assert_eq!(
        (c["first_input"].as_i64(), c["last_input"].as_i64()),
        (Some(1), Some(88))
    );
    assert_eq!(c["head_hash"], last["chain"]["hash"]);

    // The human summary: one line per chain with records, inputs and head hash.
    let text = leadguard([
        "audit",
        "verify",
        "--file",
        &p(&audit),
        "--policy",
        &p(&reference_policy()),
    ]);
    assert!(text.status.success());
    assert!(text.stdout.contains(&format!(
        "chain {}: 88 record(s), seq 0..87, lines 1..88",
        examples_chain()
    )));
    assert!(text
        .stdout
        .contains(last["chain"]["hash"].as_str().unwrap()));
    assert!(text.stdout.contains("result: OK"), "{}", text.stdout);
}

#[test]
fn verify_names_an_edited_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    // Line 12: a refusal turned into a forward, keeping the hash.
    assert!(l[11].contains("\"outcome\":\"forwarded\""));
    l[11] = l[11].replacen("\"outcome\":\"forwarded\"", "\"outcome\":\"dropped\"", 1);
    let t = dir.path().join("edited.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_breaks(&out, &v, &[("hash.mismatch", 12, Some(11))]);

    // The text output names position and chain too.
    let text = leadguard([
        "audit",
        "verify",
        "--file",
        &p(&t),
        "--policy",
        &p(&reference_policy()),
    ]);
    assert_eq!(text.status.code(), Some(1));
    assert!(
        text.stdout.contains(&format!(
            "BREAK line 12 · chain {} · seq 11 · hash.mismatch",
            examples_chain()
        )),
        "{}",
        text.stdout
    );
}

#[test]
fn verify_names_a_deleted_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    l.remove(20); // seq 20, input line 21
    let t = dir.path().join("deleted.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    // The hole in the chain sits before the record now on line 21 (seq 21), and input line 21
    // has no record any more.
    assert_breaks(
        &out,
        &v,
        &[("chain.missing", 21, Some(20)), ("input.gap", 21, None)],
    );
    assert!(v["breaks"][1]["message"]
        .as_str()
        .unwrap()
        .contains("input line 21 has no audit record"));
}

#[test]
fn verify_names_an_inserted_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    let copy = l[10].clone(); // seq 10
    l.insert(40, copy); // becomes line 41
    let t = dir.path().join("inserted.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_breaks(&out, &v, &[("chain.duplicate", 41, Some(10))]);
    assert!(v["breaks"][0]["message"]
        .as_str()
        .unwrap()
        .contains("copy of the record at line 11"));

    // A copy put ahead of its place is named as the out-of-place one.
    let mut l = lines(&examples_audit(dir.path()));
    let copy = l[50].clone(); // seq 50
    l.insert(10, copy); // line 11; the original moves to line 52
    let t = dir.path().join("inserted-ahead.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_breaks(&out, &v, &[("chain.duplicate", 11, Some(50))]);
    assert!(v["breaks"][0]["message"]
        .as_str()
        .unwrap()
        .contains("line 52, inserted out of place"));
}

#[test]
fn verify_names_swapped_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    l.swap(30, 31); // seq 31 now on line 31, seq 30 on line 32
    let t = dir.path().join("swapped.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_breaks(&out, &v, &[("chain.reordered", 32, Some(30))]);
}

#[test]
fn verify_names_a_truncated_tail_with_expect_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    l.truncate(85); // lines 86..88 gone
    let t = dir.path().join("truncated.jsonl");
    write_lines(&t, &l);
    // Without an expectation the cut chain is still a valid chain…
    let (out, v) = verify_json(&t, &[]);
    assert!(out.status.success(), "{}", out.stdout);
    assert_eq!(v["chains"][0]["last_input"], 85);
    // …with one, the cut is named at the chain's last record.
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_breaks(&out, &v, &[("input.missing", 85, Some(84))]);
    assert!(v["breaks"][0]["message"]
        .as_str()
        .unwrap()
        .contains("input lines 86..88 (3 inputs) have no audit record"));
}

#[test]
fn verify_names_lines_that_are_not_audit_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = lines(&examples_audit(dir.path()));
    l.insert(5, "this is not json".into()); // line 6
    l.insert(7, r#"{"schema":"something/else","n":1}"#.into()); // line 8
    let t = dir.path().join("garbage.jsonl");
    write_lines(&t, &l);
    let (out, v) = verify_json(&t, &["--expect-inputs", "88"]);
    assert_eq!(out.status.code(), Some(1));
    let kinds: Vec<(&str, u64)> = v["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap(),
                b["position"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, vec![("record.not_json", 6), ("record.invalid", 8)]);
}

#[test]
fn verify_with_the_wrong_key_fails_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let audit = examples_audit(dir.path());
    // The same policy with another audit key.
    let text = std::fs::read_to_string(reference_policy()).unwrap();
    let keys = dir.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    for entry in std::fs::read_dir(examples().join("keys")).unwrap() {
        let e = entry.unwrap();
        std::fs::copy(e.path(), keys.join(e.file_name())).unwrap();
    }
    assert!(text.contains("audit = { id = \"a1\", file = \"keys/audit.key\" }"));
    std::fs::write(keys.join("audit.key"), "00".repeat(31) + "01\n").unwrap();
    let other = dir.path().join("policy.toml");
    std::fs::write(&other, &text).unwrap();
    let out = leadguard([
        "audit",
        "verify",
        "--file",
        &p(&audit),
        "--policy",
        &p(&other),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    let v = out.json();
    assert_eq!(
        v["breaks_total"].as_u64().unwrap(),
        88 + 1,
        "88 hashes + the genesis link"
    );
}

// ---------------------------------------------------------------------------------------------
// report

fn report_json(audit: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "audit".to_string(),
        "report".into(),
        "--file".into(),
        p(audit),
        "--format".into(),
        "json".into(),
        "--now".into(),
        "2026-11-23T00:00:00Z".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = leadguard(&args);
    assert!(out.status.success(), "{}", out.stderr);
    out.json()
}

/// The counts of the report, recomputed from the records.
struct HandCount {
    events: [u64; 4],
    dest: BTreeMap<String, [u64; 3]>,
    reasons: BTreeMap<String, u64>,
    transfers: BTreeMap<(String, String), u64>,
    interconnections: BTreeMap<String, u64>,
    findings: BTreeMap<String, u64>,
    withdrawals_applied: u64,
    consent_withdrawn: u64,
    flags: BTreeMap<String, u64>,
}

fn hand_count(recs: &[Value]) -> HandCount {
    let mut h = HandCount {
        events: [0; 4],
        dest: BTreeMap::new(),
        reasons: BTreeMap::new(),
        transfers: BTreeMap::new(),
        interconnections: BTreeMap::new(),
        findings: BTreeMap::new(),
        withdrawals_applied: 0,
        consent_withdrawn: 0,
        flags: BTreeMap::new(),
    };
    for r in recs {
        h.events[0] += 1;
        match r["outcome"].as_str().unwrap() {
            "forwarded" => h.events[1] += 1,
            "dropped" => h.events[2] += 1,
            "rejected" => h.events[3] += 1,
            o => panic!("outcome {o}"),
        }
        for reason in r["reasons"].as_array().into_iter().flatten() {
            *h.reasons
                .entry(reason.as_str().unwrap().into())
                .or_default() += 1;
        }
        for d in r["destinations"].as_array().unwrap() {
            let c = h
                .dest
                .entry(d["name"].as_str().unwrap().into())
                .or_default();
            c[0] += 1;
            if d["outcome"] == "forwarded" {
                c[1] += 1;
                if let Some(t) = d.get("transfer") {
                    *h.transfers
                        .entry((
                            t["country"].as_str().unwrap().into(),
                            t["safeguard"].as_str().unwrap().into(),
                        ))
                        .or_default() += 1;
                }
            } else {
                c[2] += 1;
                for reason in d["reasons"].as_array().unwrap() {
                    let reason = reason.as_str().unwrap();
                    *h.reasons.entry(reason.into()).or_default() += 1;
                    if reason == "consent.withdrawn" {
                        h.consent_withdrawn += 1;
                    }
                }
            }
        }
        for i in r["interconnections"].as_array().into_iter().flatten() {
            *h.interconnections
                .entry(i["status"].as_str().unwrap().into())
                .or_default() += 1;
        }
        for f in r["findings"].as_array().unwrap() {
            *h.findings
                .entry(f["category"].as_str().unwrap().into())
                .or_default() += 1;
        }
        h.withdrawals_applied += r["withdrawals_applied"].as_u64().unwrap_or(0);
        for f in r["flags"].as_array().unwrap() {
            *h.flags.entry(f.as_str().unwrap().into()).or_default() += 1;
        }
    }
    h
}

fn assert_report_matches(report: &Value, h: &HandCount) {
    let e = &report["events"];
    assert_eq!(
        [&e["in"], &e["forwarded"], &e["dropped"], &e["rejected"]].map(|v| v.as_u64().unwrap()),
        h.events
    );
    let dest: BTreeMap<String, [u64; 3]> = report["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                [&d["events_in"], &d["forwarded"], &d["blocked"]].map(|v| v.as_u64().unwrap()),
            )
        })
        .collect();
    assert_eq!(dest, h.dest);
    let reasons: BTreeMap<String, u64> = report["refusals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reasons, h.reasons);
    // Rule ids: each reason's rules, as the contract's table gives them.
    for r in report["refusals"].as_array().unwrap() {
        let rules: Vec<&str> = r["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        let want: &[&str] = match r["reason"].as_str().unwrap() {
            "consent.missing" | "consent.refused" => &["C1", "C8"],
            "consent.withdrawn" | "suppressed" => &["C6"],
            "transfer.unsafeguarded" => &["T3"],
            "retention.expired" => &["R1"],
            "interconnection.unauthorised" => &["I4"],
            "objection" => &["C1", "C2", "C3"],
            _ => continue,
        };
        assert_eq!(rules, want, "{r}");
    }
    let by_rule: u64 = report["refusals_by_rule"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule"] == "T3")
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        by_rule,
        h.reasons
            .get("transfer.unsafeguarded")
            .copied()
            .unwrap_or(0)
    );
    let transfers: BTreeMap<(String, String), u64> = report["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                (
                    t["country"].as_str().unwrap().to_string(),
                    t["safeguard"].as_str().unwrap().to_string(),
                ),
                t["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(transfers, h.transfers);
    let i = &report["interconnections"];
    for status in ["authorised", "unauthorised", "correlated"] {
        assert_eq!(
            i[status].as_u64().unwrap(),
            h.interconnections.get(status).copied().unwrap_or(0),
            "{status}"
        );
    }
    let findings: BTreeMap<String, u64> = report["sensitive_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["category"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(findings, h.findings);
    assert_eq!(
        report["withdrawals"]["withdrawals_applied"],
        h.withdrawals_applied
    );
    assert_eq!(
        report["withdrawals"]["consent_withdrawn"],
        h.consent_withdrawn
    );
    let flags: BTreeMap<String, u64> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["flag"].as_str().unwrap().to_string(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(flags, h.flags);
}

#[test]
fn report_numbers_equal_hand_counts_and_the_output_files() {
    let dir = tempfile::tempdir().unwrap();
    let audit = examples_audit(dir.path());
    let report = report_json(&audit, &[]);
    let recs = json_lines(&audit);
    let h = hand_count(&recs);
    assert_report_matches(&report, &h);

    // The examples exercise every section.
    assert_eq!(h.events, [88, 76, 2, 10]);
    assert!(h
        .transfers
        .contains_key(&("MA".to_string(), "scc".to_string())));
    assert!(h.interconnections.len() == 3 && h.findings.len() > 3);
    assert!(h.withdrawals_applied > 0 && h.consent_withdrawn > 0);

    // Forwarded per destination = the copies file mode wrote for it.
    for d in report["destinations"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let file = audit.with_file_name(format!("{name}.jsonl"));
        let copies = std::fs::read_to_string(&file).unwrap().lines().count() as u64;
        assert_eq!(d["forwarded"].as_u64().unwrap(), copies, "{name}");
    }
    // One bucket: file mode judged everything at NOW.
    assert_eq!(report["timeline"]["bucket"], "hour");
    assert_eq!(
        report["timeline"]["buckets"],
        serde_json::json!([{"start": NOW, "forwarded": 76, "dropped": 2, "rejected": 10}])
    );
    assert_eq!(report["unreadable_records"], 0);

    let md = leadguard([
        "audit",
        "report",
        "--file",
        &p(&audit),
        "--format",
        "markdown",
    ]);
    assert!(md.status.success());
    for needle in [
        "| 88 | 76 | 2 | 10 |",
        "| `consent.missing` | C1, C8 | 96 |",
        "| MA | scc | callcenter | 64 |",
        "## Sensitive findings",
    ] {
        assert!(
            md.stdout.contains(needle),
            "{needle:?} not in:\n{}",
            md.stdout
        );
    }
    assert_no_personal_value("the Markdown report", &md.stdout);
    assert_no_personal_value("the JSON report", &report.to_string());
}

#[test]
fn report_counts_only_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let audit = multi_time_audit(dir.path());
    let (from, to) = ("2026-11-22T08:00:00Z", "2026-11-22T14:00:00Z");
    let report = report_json(&audit, &["--from", from, "--to", to]);
    let inside: Vec<Value> = json_lines(&audit)
        .into_iter()
        .filter(|r| {
            let t = r["processed_at"].as_str().unwrap();
            t >= from && t < to
        })
        .collect();
    assert_eq!(inside.len(), 33, "parts judged at 08:17, 10:17 and 12:17");
    assert_report_matches(&report, &hand_count(&inside));
    assert_eq!(report["outside_window"], 55);
    let starts: Vec<&str> = report["timeline"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-11-22T08:00:00Z",
            "2026-11-22T09:00:00Z",
            "2026-11-22T10:00:00Z",
            "2026-11-22T11:00:00Z",
            "2026-11-22T12:00:00Z"
        ]
    );
    let day = report_json(&audit, &["--bucket", "day"]);
    assert_eq!(day["timeline"]["buckets"].as_array().unwrap().len(), 1);
    assert_eq!(
        day["timeline"]["buckets"][0]["start"],
        "2026-11-22T00:00:00Z"
    );
}

// ---------------------------------------------------------------------------------------------
// HTML report in a real browser

/// Debian's headless Chromium; its absence fails the test with the command that installs it.
fn chromium() -> PathBuf {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(c).is_file() {
            return PathBuf::from(c);
        }
    }
    panic!(
        "Debian chromium not found (/usr/bin/chromium). The HTML report test opens the page in a \
         real headless browser and never skips: install it with \
         `apt-get update && apt-get install -y chromium` (scripts/test.sh does this)."
    );
}

/// A 1280×3000 screenshot of a local page (PNG bytes), kept under the target's temp dir as
/// `name` for review.
pub(crate) fn chromium_screenshot(page: &Path, name: &str) -> Vec<u8> {
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&shot);
    chromium_run(
        page,
        &[
            "--window-size=1280,3000".to_string(),
            format!("--screenshot={}", shot.display()),
        ],
    );
    std::fs::read(&shot).expect("screenshot written")
}

/// Runs headless Chromium on a local page with a fresh profile and no network features.
pub(crate) fn chromium_run(page: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Attributes of every start tag `<tag …>` whose class list contains `class`, within `scope`.
fn tags(scope: &str, tag: &str, class: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = scope;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find('>').expect("tag closes");
        let attrs = parse_attrs(&after[..end]);
        if attrs
            .get("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
        {
            out.push(attrs);
        }
        rest = &after[end..];
    }
    out
}

fn parse_attrs(s: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let mut rest = s.trim();
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').expect("attribute closes");
        let value = after[..close]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        m.insert(name, value);
        rest = after[close + 1..].trim_start();
    }
    m
}

/// The markup of the element with `id` up to its closing `</tag>`.
fn element<'a>(dom: &'a str, tag: &str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id} in the rendered page"));
    let end = dom[start..]
        .find(&format!("</{tag}>"))
        .expect("element closes");
    &dom[start..start + end]
}

fn num(attrs: &HashMap<String, String>, name: &str) -> u64 {
    attrs
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {attrs:?}"))
        .parse()
        .unwrap()
}

#[test]
fn html_report_renders_in_headless_chromium_with_the_json_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let audit = multi_time_audit(dir.path());
    let page = dir.path().join("report.html");
    let now = "2026-11-23T00:00:00Z";
    let o = leadguard([
        "audit",
        "report",
        "--file",
        &p(&audit),
        "--format",
        "html",
        "--out",
        &p(&page),
        "--now",
        now,
    ]);
    assert!(o.status.success(), "{}", o.stderr);
    let report = report_json(&audit, &[]);
    let html = std::fs::read_to_string(&page).unwrap();

    // Self-contained: nothing fetched from anywhere.
    for needle in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(needle), "the page references {needle:?}");
    }
    assert_no_personal_value("the HTML report", &html);

    let dom = chromium_run(&page, &["--dump-dom".to_string()]);
    // The inline script ran (it marks the root with the number of events).
    assert!(
        dom.contains(&format!("data-rendered=\"{}\"", report["events"]["in"])),
        "the page's script did not run:\n{}",
        &dom[..dom.len().min(400)]
    );
    // The embedded JSON is the report.
    let embedded = element(&dom, "script", "report-data");
    let json_text = &embedded[embedded.find('>').unwrap() + 1..];
    let embedded: Value = serde_json::from_str(json_text).expect("embedded JSON");
    assert_eq!(embedded, report);

    // KPIs: attribute and visible number equal the JSON.
    let kpis = tags(&dom, "div", "kpi");
    assert_eq!(kpis.len(), 5);
    for (metric, want) in [
        ("in", &report["events"]["in"]),
        ("forwarded", &report["events"]["forwarded"]),
        ("dropped", &report["events"]["dropped"]),
        ("rejected", &report["events"]["rejected"]),
        ("withdrawals", &report["withdrawals"]["withdrawals_applied"]),
    ] {
        let k = kpis
            .iter()
            .find(|k| k["data-metric"] == metric)
            .unwrap_or_else(|| panic!("no KPI {metric}"));
        assert_eq!(num(k, "data-value"), want.as_u64().unwrap(), "{metric}");
        let shown = format!("data-metric=\"{metric}\" data-value=\"{want}\"><div class=\"label\">");
        assert!(dom.contains(&shown), "{shown}");
        let at = dom.find(&shown).unwrap();
        let value_at = dom[at..].find("<div class=\"kpi-value\">").unwrap() + at;
        let text = &dom[value_at + "<div class=\"kpi-value\">".len()..];
        assert_eq!(
            &text[..text.find('<').unwrap()],
            want.to_string(),
            "{metric}"
        );
    }

    // Decisions over time: one group per bucket, stacked segments with the JSON numbers.
    let timeline = element(&dom, "svg", "chart-timeline");
    let buckets = report["timeline"]["buckets"].as_array().unwrap();
    assert_eq!(buckets.len(), 15, "04:00 to 18:00, hourly");
    let groups = tags(timeline, "g", "bucket");
    assert_eq!(groups.len(), buckets.len());
    for (g, b) in groups.iter().zip(buckets) {
        assert_eq!(g["data-start"], b["start"].as_str().unwrap());
        for s in ["forwarded", "dropped", "rejected"] {
            assert_eq!(num(g, &format!("data-{s}")), b[s].as_u64().unwrap());
        }
    }
    let segments = tags(timeline, "rect", "seg");
    assert_eq!(segments.len(), 3 * buckets.len());
    let drawn: u64 = segments.iter().map(|s| num(s, "data-value")).sum();
    assert_eq!(drawn, report["events"]["in"].as_u64().unwrap());
    // Bars have a height proportional to their value (zero for an empty bucket).
    for s in &segments {
        let h: f64 = s["height"].parse().unwrap();
        assert_eq!(h > 0.0, num(s, "data-value") > 0, "{s:?}");
    }

    // Refusals by reason and transfers by country: one bar per JSON entry, same numbers, and
    // the number is printed next to the bar.
    for (id, list, key) in [
        ("chart-refusals", &report["refusals"], "reason"),
        (
            "chart-transfers",
            &report["transfers_by_country"],
            "country",
        ),
        ("chart-findings", &report["sensitive_findings"], "category"),
    ] {
        let chart = element(&dom, "svg", id);
        let bars = tags(chart, "g", "bar");
        let want = list.as_array().unwrap();
        assert!(!want.is_empty(), "{id}: the examples have data for it");
        assert_eq!(bars.len(), want.len(), "{id}");
        for (bar, w) in bars.iter().zip(want) {
            assert_eq!(bar["data-label"], w[key].as_str().unwrap(), "{id}");
            assert_eq!(num(bar, "data-value"), w["count"].as_u64().unwrap(), "{id}");
        }
        let printed = chart.matches("<text class=\"value\"").count();
        assert_eq!(printed, want.len(), "{id}: values printed");
    }

    // Per-destination table.
    let table = element(&dom, "table", "table-destinations");
    for d in report["destinations"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let row_at = table
            .find(&format!("data-destination=\"{name}\""))
            .unwrap_or_else(|| panic!("no row for {name}"));
        let row = &table[row_at..row_at + table[row_at..].find("</tr>").unwrap()];
        for f in ["events_in", "forwarded", "blocked"] {
            let v = d[f].as_u64().unwrap();
            assert!(
                row.contains(&format!("data-field=\"{f}\" data-value=\"{v}\">{v}</td>")),
                "{name}.{f}: {row}"
            );
        }
    }

    // A screenshot renders (kept for review under the target's temp dir).
    let png = chromium_screenshot(&page, "audit-report.png");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "{} bytes",
        png.len()
    );
}

// ---------------------------------------------------------------------------------------------
// breach draft

/// Category of each schema path of the lead schema (the annotations), read from the policy.
fn schema_categories() -> HashMap<String, Category> {
    let policy = Policy::load(&reference_policy()).unwrap();
    policy
        .lead_schema
        .fields
        .leaves
        .iter()
        .map(|l| (l.path.to_string(), l.category))
        .collect()
}

fn breach(audit: &Path, register: &Path, extra: &[&str]) -> Out {
    breach_to(
        audit,
        register,
        &["--destinations", "crm,callcenter"],
        extra,
    )
}

fn breach_to(audit: &Path, register: &Path, dests: &[&str], extra: &[&str]) -> Out {
    let mut args = vec![
        "audit".to_string(),
        "breach-draft".into(),
        "--file".into(),
        p(audit),
        "--policy".into(),
        p(&reference_policy()),
        "--from".into(),
        "2026-11-22T08:00:00Z".into(),
        "--to".into(),
        "2026-11-22T14:00:00Z".into(),
        "--nature".into(),
        "Call-centre operator account used from an unknown IP; lead exports downloaded".into(),
        "--aware-at".into(),
        "2026-11-23T09:30:00Z".into(),
        "--register".into(),
        p(register),
    ];
    args.extend(dests.iter().map(|s| s.to_string()));
    if !extra.contains(&"--now") {
        args.extend(["--now".to_string(), "2026-11-23T15:00:00Z".into()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = leadguard(&args);
    assert!(out.status.success(), "{}", out.stderr);
    out
}

#[test]
fn breach_draft_counts_equal_a_hand_count_and_the_register_is_appended() {
    let dir = tempfile::tempdir().unwrap();
    let audit = multi_time_audit(dir.path());
    let register = dir.path().join("breaches.jsonl");

    // Hand count: copies forwarded to crm or callcenter in the window.
    let cats = schema_categories();
    let (mut copies, mut people, mut events) = (0u64, BTreeSet::new(), 0u64);
    let mut categories: BTreeMap<String, u64> = BTreeMap::new();
    for r in json_lines(&audit) {
        let t = r["processed_at"].as_str().unwrap();
        if !(("2026-11-22T08:00:00Z"..="2026-11-22T13:59:59Z").contains(&t)) {
            continue;
        }
        let mut hit = false;
        for d in r["destinations"].as_array().unwrap() {
            if d["outcome"] != "forwarded"
                || !["crm", "callcenter"].contains(&d["name"].as_str().unwrap())
            {
                continue;
            }
            hit = true;
            copies += 1;
            let mut in_copy = BTreeSet::new();
            for path in d["fields"].as_object().unwrap().keys() {
                let schema_path: Vec<&str> = path
                    .split('/')
                    .map(|s| {
                        if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
                            "*"
                        } else {
                            s
                        }
                    })
                    .collect();
                let c = cats[&schema_path.join("/")];
                in_copy.insert(c.as_str().to_string());
            }
            for c in in_copy {
                *categories.entry(c).or_default() += 1;
            }
        }
        if hit {
            events += 1;
            people.insert(r["subject_ref"].as_str().unwrap().to_string());
        }
    }
    assert!(copies > 40 && people.len() > 20, "a meaningful incident");
    let high: Vec<String> = categories
        .keys()
        .filter(|c| {
            let c: Category = c.parse().unwrap();
            c.is_special() || matches!(c, Category::NationalId | Category::PaymentCard)
        })
        .cloned()
        .collect();

    let out = breach(&audit, &register, &["--format", "json"]);
    let d = out.json();
    assert_eq!(d["records_concerned"], copies);
    assert_eq!(d["people_concerned"], people.len() as u64);
    assert_eq!(d["events_concerned"], events);
    assert_eq!(d["deadline"], "2026-11-26T09:30:00Z");
    assert_eq!(d["hours_left"], 66);
    assert_eq!(d["overdue"], false);
    let got: BTreeMap<String, u64> = d["data_categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap().to_string(),
                c["copies"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, categories);
    assert_eq!(d["high_risk"], !high.is_empty());
    let got_high: Vec<String> = d["high_risk_categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        got_high.iter().collect::<BTreeSet<_>>(),
        high.iter().collect::<BTreeSet<_>>()
    );
    let per_dest: u64 = d["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["copies"].as_u64().unwrap())
        .sum();
    assert_eq!(per_dest, copies);
    assert!(d["contact"].as_str().unwrap().starts_with("[TO COMPLETE]"));

    let first = std::fs::read_to_string(&register).unwrap();
    assert_eq!(first.lines().count(), 1);
    let entry: Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(entry["id"], d["id"]);
    assert_eq!(entry["people_concerned"], people.len() as u64);
    assert_eq!(entry["records_concerned"], copies);
    assert_eq!(entry["deadline"], "2026-11-26T09:30:00Z");

    // A second draft (Markdown, with the DPO contact given): one more line, the first unchanged.
    let md = breach(
        &audit,
        &register,
        &["--contact", "DPO, dpo@leadguard.example, +33 1 00 00 00 00"],
    );
    let both = std::fs::read_to_string(&register).unwrap();
    assert_eq!(both.lines().count(), 2);
    assert!(both.starts_with(&first), "the first entry was rewritten");
    let second: Value = serde_json::from_str(both.lines().nth(1).unwrap()).unwrap();
    assert_ne!(second["id"], entry["id"]);
    for needle in [
        "**Deadline to notify the CNIL: 2026-11-26T09:30:00Z** (66 h left".to_string(),
        format!("Approximate number: **{}**", people.len()),
        format!("Approximate number of records: **{copies}** forwarded copies"),
        "## 4. Likely consequences".to_string(),
        "[TO COMPLETE] likely consequences".to_string(),
        "DPO, dpo@leadguard.example".to_string(),
        "## 7. Informing the people (art. 34)".to_string(),
    ] {
        assert!(
            md.stdout.contains(&needle),
            "{needle:?} not in:\n{}",
            md.stdout
        );
    }
    assert_no_personal_value("the breach draft", &md.stdout);
    assert_no_personal_value("the breach register", &both);

    // Overdue drafts say so; unknown destinations are refused with the known ones.
    let late = breach(
        &audit,
        &register,
        &["--format", "json", "--now", "2026-11-27T09:30:00Z"],
    );
    assert_eq!(late.json()["overdue"], true);
    assert_eq!(late.json()["hours_left"], -24);
    let bad = leadguard([
        "audit",
        "breach-draft",
        "--file",
        &p(&audit),
        "--policy",
        &p(&reference_policy()),
        "--destinations",
        "crm,nowhere",
        "--nature",
        "x",
        "--aware-at",
        NOW,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        bad.stderr.contains("unknown destination \"nowhere\""),
        "{}",
        bad.stderr
    );
    // By topic: the same incident.
    let by_topic = breach_to(
        &audit,
        &register,
        &["--topics", "leads.crm,leads.callcenter"],
        &["--format", "json"],
    );
    assert_eq!(by_topic.json()["records_concerned"], copies);
}

// ---------------------------------------------------------------------------------------------
// subject access

fn subject(audit: &Path, args: &[&str]) -> Out {
    let mut all = vec![
        "audit".to_string(),
        "subject".into(),
        "--file".into(),
        p(audit),
        "--policy".into(),
        p(&reference_policy()),
    ];
    all.extend(args.iter().map(|s| s.to_string()));
    let out = leadguard(&all);
    assert!(out.status.success(), "{}", out.stderr);
    out
}

#[test]
fn subject_lookup_returns_exactly_that_persons_records() {
    let dir = tempfile::tempdir().unwrap();
    let audit = examples_audit(dir.path());
    let target = "françois.leroy3899@société.example";

    // Hand check on the input: lines 1 and 8 carry this e-mail (after trim + lower-case).
    let leads = std::fs::read_to_string(shared_examples().join("leads.jsonl")).unwrap();
    let mut want_ids = Vec::new();
    for l in leads.lines() {
        if let Ok(v) = serde_json::from_str::<Value>(l) {
            if let Some(e) = v["subject"]["email"].as_str() {
                if e.trim().to_lowercase() == target {
                    want_ids.push(v["event_id"].as_str().unwrap().to_string());
                }
            }
        }
    }
    assert_eq!(want_ids, ["lead-000001", "lead-000008"]);

    let out = subject(&audit, &["--email", target, "--format", "json"]);
    let v = out.json();
    let ids: Vec<&str> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want_ids);
    let token = v["subject_token"].as_str().unwrap().to_string();
    assert!(token.starts_with("hmac:"));
    // The token is the audit's own: exactly the records whose refs hold it.
    let recs = json_lines(&audit);
    let holding: Vec<&str> = recs
        .iter()
        .filter(|r| r.to_string().contains(&token))
        .map(|r| r["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(holding, want_ids);
    // What they received, and under which basis (consent proof of line 8).
    let crm8 = v["records"][1]["received"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["destination"] == "crm")
        .unwrap();
    let audit8 = recs
        .iter()
        .find(|r| r["event_id"] == "lead-000008")
        .unwrap();
    let crm_audit8 = audit8["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "crm")
        .unwrap();
    let proof = crm_audit8["basis"]["email"].as_str().unwrap();
    assert!(proof.starts_with("consent:"));
    assert!(crm8["basis"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["consent_proof"] == proof.trim_start_matches("consent:")));
    assert_eq!(
        crm8["fields"].as_object().unwrap().len(),
        crm_audit8["fields"].as_object().unwrap().len()
    );
    assert!(v["records"][0]["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["destination"] == "partners"));

    // Same person, written otherwise: same answer.
    let messy = subject(
        &audit,
        &[
            "--email",
            "  FRANÇOIS.Leroy3899@SOCIÉTÉ.example ",
            "--format",
            "json",
        ],
    );
    assert_eq!(messy.json()["records"], v["records"]);
    assert_eq!(messy.json()["subject_token"], token.as_str());

    // Nobody else: no other token of the trail appears, and no personal value.
    let md = subject(&audit, &["--email", target]);
    for output in [&out.stdout, &md.stdout, &messy.stdout] {
        assert_no_personal_value("the subject answer", output);
        assert!(!output.to_lowercase().contains("leroy3899"));
        for r in &recs {
            for t in r["subject_refs"].as_array().into_iter().flatten() {
                let t = t.as_str().unwrap();
                assert!(
                    t == token || !output.contains(t),
                    "another token {t} is printed"
                );
            }
        }
    }
    assert!(
        md.stdout.contains("## lead-000001 — forwarded")
            && md.stdout.contains("## lead-000008 — forwarded")
    );

    // By phone, in another format: the events whose phone normalises to it.
    let phone = "0033 6 90 06 02 67";
    let norm = normalize::phone(phone, "33").unwrap();
    let mut want_phone = Vec::new();
    for (l, r) in leads.lines().zip(&recs) {
        if let Ok(v) = serde_json::from_str::<Value>(l) {
            if let Some(ph) = v["subject"]["phone"].as_str() {
                if normalize::phone(ph, "33").as_deref() == Some(norm.as_str())
                    && r["outcome"] != "rejected"
                {
                    want_phone.push(v["event_id"].as_str().unwrap().to_string());
                }
            }
        }
    }
    assert!(!want_phone.is_empty());
    let by_phone = subject(&audit, &["--phone", phone, "--format", "json"]).json();
    let ids: Vec<&str> = by_phone["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want_phone);
    assert_eq!(by_phone["looked_up_by"], "phone");

    // Someone who is not in the trail: no record.
    let nobody = subject(
        &audit,
        &["--email", "nobody@nowhere.example", "--format", "json"],
    )
    .json();
    assert_eq!(nobody["records"].as_array().unwrap().len(), 0);
    assert_eq!(nobody["records_scanned"], 88);
}

// ---------------------------------------------------------------------------------------------
// Kafka mode: verify and report on the audit topic

mod kafka {
    use super::*;
    use crate::support::broker::{unique_name, Broker};
    use crate::support::guard::{ServeSetup, KAFKA_PROPERTIES};
    use crate::support::http::free_port;
    use crate::support::topics::Topics;
    use rdkafka::producer::{BaseProducer, BaseRecord, Producer};

    fn produce(broker: &Broker, topic: &str, partition: Option<i32>, lines: &[&[u8]]) {
        let producer: BaseProducer = broker.producer_config().create().expect("producer");
        for l in lines {
            let mut rec = BaseRecord::<(), [u8]>::to(topic).payload(l);
            if let Some(p) = partition {
                rec = rec.partition(p);
            }
            producer.send(rec).map_err(|(e, _)| e).expect("enqueue");
            producer.poll(Duration::ZERO);
        }
        producer.flush(Duration::from_secs(30)).expect("flush");
    }

    fn topic_source(broker: &Broker, topic: &str) -> Vec<String> {
        vec![
            "--brokers".into(),
            broker.bootstrap(),
            "--topic".into(),
            topic.into(),
            "--property".into(),
            "broker.address.family=v4".into(),
            "--idle-timeout".into(),
            "5s".into(),
        ]
    }

    /// The report of the run without what depends on where and when it was read.
    fn counts(report: &Value) -> Value {
        let mut r = report.clone();
        for k in ["source", "generated_at", "window"] {
            r.as_object_mut().unwrap().remove(k);
        }
        r
    }

    #[test]
    fn verify_and_report_on_the_audit_topic_after_kafka_mode() {
        let broker = Broker::start();
        let topics = Topics::new();
        // Chain of input partition 0 → audit partition 0; 1 stays empty.
        topics.create(&broker, 1, 2);
        let (input, audit) = (&topics.input, &topics.audit);
        let setup = ServeSetup::new(&broker.bootstrap());
        let port = free_port();
        let config = setup.config(&topics, port, "at-least-once", KAFKA_PROPERTIES, "");

        let wd = std::fs::read_to_string(shared_examples().join("withdrawals.jsonl")).unwrap();
        let wd: Vec<&[u8]> = wd.lines().map(str::as_bytes).collect();
        produce(&broker, &topics.withdrawals, None, &wd);
        let leads = std::fs::read_to_string(shared_examples().join("leads.jsonl")).unwrap();
        let leads: Vec<&[u8]> = leads.lines().map(str::as_bytes).collect();
        assert_eq!(leads.len(), 88);
        produce(&broker, input, Some(0), &leads);

        let mut serve = setup.start("1", &config, port);

        // Wait until the 88 audit records are on the topic (read by the tool itself).
        let source = topic_source(&broker, audit);
        let deadline = Instant::now() + Duration::from_secs(120);
        let report = loop {
            let mut args = vec![
                "audit".to_string(),
                "report".into(),
                "--format".into(),
                "json".into(),
            ];
            args.extend(source.iter().cloned());
            let out = leadguard(&args);
            let last = if out.status.success() {
                let r = out.json();
                if r["events"]["in"] == 88 {
                    break r;
                }
                format!("events in: {}", r["events"]["in"])
            } else {
                out.stderr
            };
            serve.assert_running();
            assert!(
                Instant::now() < deadline,
                "the audit topic did not reach 88 records; last read: {last}"
            );
            std::thread::sleep(Duration::from_millis(500));
        };
        let _ = serve.terminate();

        // The same decisions as file mode, counted by the same report.
        let file_dir = tempfile::tempdir().unwrap();
        let file_audit = examples_audit(file_dir.path());
        let file_report = report_json(&file_audit, &[]);
        assert_eq!(counts(&report), counts(&file_report));

        // verify: one chain (input partition 0) in audit partition 0, every offset 0..88.
        let chain = format!("{input}/0");
        let mut args = vec![
            "audit".to_string(),
            "verify".into(),
            "--policy".into(),
            p(&setup.policy),
            "--format".into(),
            "json".into(),
        ];
        args.extend(source.iter().cloned());
        args.extend(["--input-range".to_string(), format!("{chain}=0..88")]);
        let out = leadguard(&args);
        assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
        let v = out.json();
        assert_eq!(v["records"], 88);
        assert_eq!(v["chains"].as_array().unwrap().len(), 1);
        let c = &v["chains"][0];
        assert_eq!(c["id"], chain.as_str());
        assert_eq!(
            (c["first_input"].as_i64(), c["last_input"].as_i64()),
            (Some(0), Some(87))
        );
        assert_eq!(
            c["first_position"],
            serde_json::json!({"partition": 0, "offset": 0})
        );
        assert_eq!(
            c["last_position"],
            serde_json::json!({"partition": 0, "offset": 87})
        );

        // Completeness against a longer range: the missing offsets are named.
        let mut longer = args.clone();
        longer.pop();
        longer.push(format!("{chain}=0..90"));
        let out = leadguard(&longer);
        assert_eq!(out.status.code(), Some(1));
        let b = &out.json()["breaks"][0];
        assert_eq!(b["kind"], "input.missing");
        assert_eq!(b["chain"], chain.as_str());
        assert_eq!(
            b["position"],
            serde_json::json!({"partition": 0, "offset": 87})
        );

        // Tamper with the topic: a copy of the record at offset 10 appended to partition 0.
        let copy = out_record_at(&broker, audit, 10);
        produce(&broker, audit, Some(0), &[copy.as_slice()]);
        let out = leadguard(&args);
        assert_eq!(out.status.code(), Some(1), "{}", out.stdout);
        let v = out.json();
        assert_eq!(v["breaks_total"], 1, "{}", out.stdout);
        let b = &v["breaks"][0];
        assert_eq!(b["kind"], "chain.duplicate");
        assert_eq!(b["chain"], chain.as_str());
        assert_eq!(b["seq"], 10);
        assert_eq!(
            b["position"],
            serde_json::json!({"partition": 0, "offset": 88})
        );
    }

    /// The raw audit record at `offset` of audit partition 0 (via the tool's own file export
    /// path is not needed: a plain consumer suffices).
    fn out_record_at(broker: &Broker, topic: &str, offset: i64) -> Vec<u8> {
        use rdkafka::consumer::{BaseConsumer, Consumer};
        use rdkafka::message::Message;
        let c: BaseConsumer = broker
            .client_config()
            .set("group.id", unique_name("peek"))
            .set("enable.auto.commit", "false")
            .create()
            .unwrap();
        let mut tpl = rdkafka::TopicPartitionList::new();
        tpl.add_partition_offset(topic, 0, rdkafka::Offset::Offset(offset))
            .unwrap();
        c.assign(&tpl).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(Ok(m)) = c.poll(Duration::from_millis(200)) {
                if m.offset() == offset {
                    return m.payload().unwrap().to_vec();
                }
            }
            assert!(Instant::now() < deadline, "cannot read offset {offset}");
        }
    }
}
