//! What the fuzz targets share: the guard built once from the reference policy, the audit
//! schema compiled once, and the invariants every target checks besides "no panic"
//! (docs/fuzzing.md lists them per target).
//!
//! Everything here is built once per process (`OnceLock`): libFuzzer calls a target millions of
//! times, and compiling a policy or a schema per input would make each call thousands of times
//! slower.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use leadguard::audit::InputRef;
use leadguard::category::Category;
use leadguard::clock::{self, Timestamp};
use leadguard::engine::Guard;
use leadguard::policy::Policy;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};
use serde_json::Value;

/// The repository root (the fuzz crate is `fuzz/` inside it).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ has a parent")
        .to_path_buf()
}

/// The reference policy, as `leadguard run --policy examples/policy.toml` loads it.
pub fn policy() -> Policy {
    Policy::load(&repo().join("examples/policy.toml")).expect("reference policy compiles")
}

/// The run time of every judged event (the README's `--now`): fixed, so that a run is
/// deterministic and a crash reproduces.
pub fn now() -> Timestamp {
    clock::parse("2026-11-22T12:00:00Z").expect("valid timestamp")
}

/// The guard, withdrawals and suppression list of the README's file-mode command.
pub struct World {
    pub guard: Guard,
    pub withdrawals: WithdrawalTable,
}

/// Built once per process.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let policy = policy();
        let text = std::fs::read_to_string(repo().join("examples/do-not-call.txt"))
            .expect("examples/do-not-call.txt");
        let (suppression, bad) = SuppressionList::parse(&text, &policy.default_country_code);
        assert!(bad.is_empty(), "examples/do-not-call.txt is valid");
        let guard = Guard::new(policy, suppression).expect("reference guard starts");
        let mut withdrawals = WithdrawalTable::default();
        let refused = leadguard::file_mode::load_withdrawals(
            &guard,
            &repo().join("examples/withdrawals.jsonl"),
            &mut withdrawals,
        )
        .expect("examples/withdrawals.jsonl");
        assert!(refused.is_empty(), "examples/withdrawals.jsonl is valid");
        World { guard, withdrawals }
    })
}

/// `schemas/audit.v2.schema.json`, compiled once with the `jsonschema` crate directly (not
/// through leadguard's own wrapper, so the check does not share the code it checks).
pub fn audit_schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = std::fs::read_to_string(repo().join("schemas/audit.v2.schema.json"))
            .expect("schemas/audit.v2.schema.json");
        let doc: Value = serde_json::from_str(&text).expect("audit schema is JSON");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&doc)
            .expect("audit schema compiles")
    })
}

/// Panics unless `sealed` is one audit record valid against the audit schema (A1).
pub fn assert_valid_audit(sealed: &[u8]) -> Value {
    assert!(
        !sealed.contains(&b'\n'),
        "an audit record is one line: {}",
        String::from_utf8_lossy(sealed)
    );
    let record: Value = serde_json::from_slice(sealed).unwrap_or_else(|e| {
        panic!(
            "audit record is not JSON ({e}): {}",
            String::from_utf8_lossy(sealed)
        )
    });
    let schema = audit_schema();
    if !schema.is_valid(&record) {
        let errors: Vec<String> = schema
            .iter_errors(&record)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        panic!("audit record fails the audit schema: {errors:?}\n{record}");
    }
    record
}

/// Whether a category is a checksum-valid identifier the scanner finds (S1, S3): national id,
/// payment card, IBAN.
pub fn is_checked_identifier(c: Category) -> bool {
    matches!(
        c,
        Category::NationalId | Category::PaymentCard | Category::Iban
    )
}

/// Every checksum-valid identifier (national id, card, IBAN) the scanner finds in any string
/// of `value` (member names included), as written there.
pub fn identifiers_in(value: &Value) -> Vec<String> {
    let scanner = world().guard.scanner();
    let mut found = Vec::new();
    let mut visit = |s: &str| {
        if let Some(scan) = scanner.find(s) {
            for (range, category) in scan.spans() {
                if is_checked_identifier(category) {
                    found.push(s[range].to_string());
                }
            }
        }
    };
    walk_strings(value, &mut visit);
    found
}

fn walk_strings(value: &Value, visit: &mut dyn FnMut(&str)) {
    match value {
        Value::String(s) => visit(s),
        Value::Array(items) => items.iter().for_each(|v| walk_strings(v, visit)),
        Value::Object(members) => {
            for (k, v) in members {
                visit(k);
                walk_strings(v, visit);
            }
        }
        _ => {}
    }
}

/// The input reference of line `line` of the fuzzed "file".
pub fn line_ref(line: u64) -> InputRef {
    InputRef::File {
        file: "fuzz.jsonl".into(),
        line,
    }
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The personal values of a withdrawal or erasure message: its `email` and `phone` members,
/// normalised as the guard normalises them (only values that normalise identify someone; the
/// normalised forms, `…@…` and `+…`, cannot occur by chance in a message or record).
pub fn personal_values(data: &[u8]) -> Vec<String> {
    let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(data) else {
        return Vec::new();
    };
    let cc = &world().guard.policy.default_country_code;
    let mut values = Vec::new();
    if let Some(e) = members.get("email").and_then(Value::as_str) {
        values.extend(leadguard::normalize::email(e));
    }
    if let Some(p) = members.get("phone").and_then(Value::as_str) {
        values.extend(leadguard::normalize::phone(p, cc));
    }
    values
}
