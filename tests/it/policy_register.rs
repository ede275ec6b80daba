//! `leadguard policy register|lint` (issue 15, item 4) driven as a DPO would: the register of the
//! reference policy checked against the policy's own content (read here from the TOML, not from
//! the register's code), its HTML page opened in headless Chromium, and lint's exit codes.

use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

use super::audit_tools::{chromium_run, chromium_screenshot};
use crate::support::fixtures::{bin, policy_text, reference_policy};

fn leadguard(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run leadguard")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "leadguard failed ({}): {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

/// The reference policy as TOML, for expectations independent of the register's code.
fn policy_toml() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(reference_policy()).unwrap()).unwrap()
}

#[test]
fn register_json_of_the_reference_policy_matches_the_policy_file() {
    let policy = p(&reference_policy());
    let json: Value = serde_json::from_str(&stdout(&leadguard(&[
        "policy", "register", "--policy", &policy, "--format", "json",
    ])))
    .expect("the register is JSON");
    let toml = policy_toml();

    // Every destination with its recipient, country, safeguard and purpose.
    let dests = toml["destinations"].as_array().unwrap();
    let recipients = json["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), dests.len());
    for d in dests {
        let name = d["name"].as_str().unwrap();
        let r = recipients
            .iter()
            .find(|r| r["destination"] == name)
            .unwrap_or_else(|| panic!("no recipient {name}"));
        let rec = &d["recipient"];
        assert_eq!(r["recipient"], rec["name"].as_str().unwrap(), "{name}");
        assert_eq!(r["country"], rec["country"].as_str().unwrap(), "{name}");
        assert_eq!(r["safeguard"], rec["safeguard"].as_str().unwrap(), "{name}");
        assert_eq!(r["purpose"], d["purpose"].as_str().unwrap(), "{name}");
    }
    // Every purpose and dataset, with the dataset's purpose.
    let purposes = json["purposes"].as_array().unwrap();
    for (name, _) in toml["purposes"].as_table().unwrap() {
        assert!(
            purposes.iter().any(|p| p["name"] == name.as_str()),
            "{name}"
        );
    }
    let datasets = json["datasets"].as_array().unwrap();
    let toml_datasets = toml["datasets"].as_table().unwrap();
    assert_eq!(datasets.len(), toml_datasets.len());
    for (name, d) in toml_datasets {
        let got = datasets
            .iter()
            .find(|x| x["name"] == name.as_str())
            .unwrap();
        assert_eq!(got["purpose"], d["purpose"].as_str().unwrap(), "{name}");
    }
    // Every interconnection reference, with its datasets.
    for ic in toml["interconnections"].as_array().unwrap() {
        let reference = ic["reference"].as_str().unwrap();
        let got = json["interconnections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["reference"] == reference)
            .unwrap_or_else(|| panic!("no interconnection {reference}"));
        let mut want: Vec<&str> = ic["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        want.sort();
        assert_eq!(got["datasets"], serde_json::json!(want));
    }
    // Retention and consent age.
    assert_eq!(
        json["retention"]["prospect_months"],
        toml["retention"]["prospect_months"].as_integer().unwrap()
    );
    assert_eq!(
        json["retention"]["consent_max_age_months"],
        toml["consent"]["max_age_months"].as_integer().unwrap()
    );
    assert_eq!(json["policy_version"], toml["version"].as_str().unwrap());
}

#[test]
fn register_markdown_has_every_section_and_every_destination() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("register.md");
    let o = leadguard(&[
        "policy",
        "register",
        "--policy",
        &p(&reference_policy()),
        "--format",
        "markdown",
        "--out",
        &p(&out),
    ]);
    assert!(stdout(&o).is_empty(), "--out writes the file, not stdout");
    let md = std::fs::read_to_string(&out).unwrap();
    for section in [
        "## Purposes and legal basis",
        "## Datasets",
        "## Categories of data",
        "## Categories of people",
        "## Recipients",
        "## Retention",
        "## Security measures",
        "## Authorised interconnections",
        "# DPIA input sheet",
        "(Détournement des données de la base de données clients)",
    ] {
        assert!(md.contains(section), "no {section:?}");
    }
    for d in policy_toml()["destinations"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let country = d["recipient"]["country"].as_str().unwrap();
        assert!(
            md.contains(&format!("### Fields sent to {name}")),
            "no fields of {name}"
        );
        assert!(
            md.lines()
                .any(|l| l.starts_with(&format!("| {name} |"))
                    && l.contains(&format!("| {country} |"))),
            "no recipient row for {name} in {country}"
        );
    }
    assert!(md.contains("DPIA-2026-004"));
}

#[test]
fn register_html_renders_offline_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("register.html");
    let json: Value = serde_json::from_str(&stdout(&leadguard(&[
        "policy",
        "register",
        "--policy",
        &p(&reference_policy()),
        "--format",
        "json",
    ])))
    .unwrap();
    stdout(&leadguard(&[
        "policy",
        "register",
        "--policy",
        &p(&reference_policy()),
        "--format",
        "html",
        "--out",
        &p(&page),
    ]));
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained and script-free: nothing to fetch, nothing to run, nothing to fail.
    for needle in ["<script", "http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(needle), "the page contains {needle:?}");
    }

    let dom = chromium_run(&page, &["--dump-dom".to_string()]);
    // What the browser rendered is the register: one row per recipient with its country,
    // transfer status and safeguard; the interconnection references; the five DPIA headings.
    for r in json["recipients"].as_array().unwrap() {
        let row = format!(
            "<tr data-destination=\"{}\" data-country=\"{}\" data-transfer=\"{}\" data-safeguard=\"{}\">",
            r["destination"].as_str().unwrap(),
            r["country"].as_str().unwrap(),
            r["transfer"].as_str().unwrap(),
            r["safeguard"].as_str().unwrap()
        );
        assert!(dom.contains(&row), "no {row} in the rendered page");
    }
    for i in json["interconnections"].as_array().unwrap() {
        let row = format!(
            "<tr data-reference=\"{}\">",
            i["reference"].as_str().unwrap()
        );
        assert!(dom.contains(&row), "no {row}");
    }
    assert_eq!(dom.matches("<h3 data-heading=").count(), 5);
    for sec in json["dpia"].as_array().unwrap() {
        for k in sec["risks"].as_array().unwrap() {
            assert!(
                dom.contains(&format!("data-code=\"{}\"", k["code"].as_str().unwrap())),
                "risk {} not rendered",
                k["code"]
            );
        }
    }

    // A screenshot renders (kept for review under the target's temp dir).
    let png = chromium_screenshot(&page, "policy-register.png");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn lint_warns_and_deny_warnings_fails() {
    let policy = p(&reference_policy());
    let out = stdout(&leadguard(&["policy", "lint", "--policy", &policy]));
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(warnings.len(), 3, "{out}");
    assert!(warnings.iter().any(|w| w.starts_with(
        "warning[transfer.identifiers_in_clear]: destination callcenter: outside the EEA (MA)"
    )));
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("warning[transfer.unsafeguarded]: destination partners:")));
    assert!(out.ends_with("policy 2026-11-01: 3 warning(s)\n"), "{out}");

    let o = leadguard(&["policy", "lint", "--policy", &policy, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("3 warning(s) and --deny-warnings"));

    // A policy without risky settings passes with --deny-warnings.
    let dir = tempfile::tempdir().unwrap();
    let quiet = policy_text()
        .replace("unauthorised = \"flag\"", "unauthorised = \"block\"")
        .replace(
            "country = \"MA\", safeguard = \"scc\"",
            "country = \"PT\", safeguard = \"none\"",
        )
        .replace(
            "country = \"US\", safeguard = \"none\"",
            "country = \"NL\", safeguard = \"none\"",
        );
    let path = dir.path().join("quiet.toml");
    std::fs::write(&path, quiet).unwrap();
    let o = leadguard(&["policy", "lint", "--policy", &p(&path), "--deny-warnings"]);
    assert_eq!(stdout(&o), "policy 2026-11-01: 0 warning(s)\n");

    // A risky policy: each warning named.
    let risky = policy_text()
        .replace("max_age_months = 36", "max_age_months = 48")
        .replace("prospect_months = 36", "prospect_months = 60");
    let path = dir.path().join("risky.toml");
    std::fs::write(&path, risky).unwrap();
    let out = stdout(&leadguard(&["policy", "lint", "--policy", &p(&path)]));
    assert!(
        out.contains("warning[consent.max_age_long]: consent is valid for 48 months"),
        "{out}"
    );
    assert!(
        out.contains("warning[retention.long]: prospect data forwarded up to 60 months"),
        "{out}"
    );
    assert!(out.ends_with("policy 2026-11-01: 5 warning(s)\n"), "{out}");
}
