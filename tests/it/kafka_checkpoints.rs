//! Signed checkpoints in Kafka mode (issue 14) on the test broker: the guard checkpoints each
//! chain into `kafka.checkpoints_topic`; after a SIGKILL the restarted guard continues the same
//! trees (checkpoint sizes grow, every checkpoint is consistent with the earlier ones); after
//! SIGTERM every record is covered; and `audit verify --public-key --config` checks the topics
//! with no audit key and no policy.

use std::time::{Duration, Instant};

use leadguard::audit_tools::source::Source;
use leadguard::audit_tools::transparency;
use leadguard::checkpoint::VerifierKey;
use serde_json::Value;

use crate::support::broker::Broker;
use crate::support::fixtures::{bin, examples};
use crate::support::guard::{ServeSetup, KAFKA_PROPERTIES, WAIT};
use crate::support::http::free_port;
use crate::support::topics::{read_all, write_jsonl, Rec, Topics};

/// The largest checkpoint size per chain.
fn sizes(records: &[Rec]) -> std::collections::BTreeMap<String, u64> {
    let mut out = std::collections::BTreeMap::new();
    for r in records {
        let v: Value = r.json();
        let size = v["size"].as_u64().unwrap();
        let e = out
            .entry(v["chain"].as_str().unwrap().to_string())
            .or_insert(0);
        *e = size.max(*e);
    }
    out
}

#[test]
fn checkpoints_continue_the_same_trees_after_sigkill_and_verify_without_secrets() {
    let broker = Broker::start();
    let topics = Topics::new();
    topics.create(&broker, 2, 2);
    let checkpoints = topics.checkpoints.clone();
    let setup = ServeSetup::new(&broker.bootstrap());
    // The reference policy checkpoints every 1,000 records: every 100 here, so that run 1 writes
    // some before it is killed.
    let policy = std::fs::read_to_string(&setup.policy).unwrap();
    assert!(policy.contains("every = 1000"));
    std::fs::write(&setup.policy, policy.replace("every = 1000", "every = 100")).unwrap();
    let port = free_port();
    let config = setup.config(&topics, port, "at-least-once", KAFKA_PROPERTIES, "");

    let leads = std::fs::read_to_string(examples().join("leads.jsonl")).unwrap();
    let lines: Vec<String> = (0..20)
        .flat_map(|i| {
            leads.lines().filter_map(move |l| {
                let mut v: Value = serde_json::from_str(l).ok()?;
                v["event_id"] = Value::String(format!("{}-{i}", v["event_id"].as_str()?));
                Some(v.to_string())
            })
        })
        .collect();
    let total = lines.len();
    assert_eq!(
        broker.python_produce(&topics.input, Some("event_id"), &lines),
        total
    );

    // Run 1: killed once about a third is audited.
    let mut first = setup.start("1", &config, port);
    first.wait_ready();
    first.wait_metric("leadguard_audit_records_total", (total / 3) as f64);
    first.kill();
    let before = sizes(&read_all(&broker, &checkpoints));
    assert!(
        !before.is_empty(),
        "run 1 wrote checkpoints before the kill"
    );

    // Run 2: resumes the chains and their trees, finishes, stops cleanly.
    let mut second = setup.start("2", &config, port);
    second.wait_ready();
    let deadline = Instant::now() + WAIT;
    while read_all(&broker, &topics.audit).len() < total {
        second.assert_running();
        assert!(Instant::now() < deadline, "not every input audited");
        std::thread::sleep(Duration::from_millis(200));
    }
    let (status, _) = second.terminate();
    assert!(status.success(), "{status}\n{}", second.logs());
    assert!(
        !second.logs().contains("cannot be rebuilt"),
        "{}",
        second.logs()
    );

    let audit = read_all(&broker, &topics.audit);
    let cps = read_all(&broker, &checkpoints);
    let after = sizes(&cps);
    for (chain, size) in &before {
        assert!(
            after[chain] > *size,
            "chain {chain}: the tree grew after the restart"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let (audit_file, cp_file) = (dir.path().join("audit.jsonl"), dir.path().join("cp.jsonl"));
    write_jsonl(&audit, &audit_file);
    write_jsonl(&cps, &cp_file);
    let public = examples().join("keys/checkpoint.key.pub");
    let key = VerifierKey::parse(&std::fs::read_to_string(&public).unwrap()).unwrap();
    let v = transparency::verify(
        &Source::File(audit_file.clone()),
        &Source::File(cp_file.clone()),
        &key,
    )
    .unwrap();
    assert!(v.ok, "{}", v.render_text());
    // The topics' records tampered with (an exported copy): named, as in file mode.
    let text = std::fs::read_to_string(&audit_file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(lines.len() / 4);
    let tampered = dir.path().join("tampered.jsonl");
    std::fs::write(&tampered, lines.join("\n") + "\n").unwrap();
    let t = transparency::verify(&Source::File(tampered), &Source::File(cp_file), &key).unwrap();
    assert!(!t.ok, "a deleted record goes unnoticed");
    assert!(
        t.problems
            .iter()
            .any(|p| p.contains("where seq") && p.contains("was expected")),
        "{}",
        t.render_text()
    );
    assert_eq!(v.records as usize, total);
    for c in &v.chains {
        assert_eq!(
            c.checkpointed, c.records,
            "chain {}: the final checkpoint at SIGTERM covers every record",
            c.chain
        );
        assert_eq!(after[&c.chain], c.records);
    }

    // The same through the command line, on the topics, with the public key only.
    let o = bin()
        .args(["audit", "verify", "--config"])
        .arg(&config)
        .arg("--public-key")
        .arg(&public)
        .args(["--idle-timeout", "3s"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        said.contains(&format!("{total} records")) && said.contains("verified with the public key"),
        "{said}"
    );
}
