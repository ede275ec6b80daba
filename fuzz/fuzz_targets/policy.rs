//! Policy parsing and compilation: arbitrary bytes as a policy file beside the reference one
//! (so its relative key and schema paths resolve to `examples/`), as `leadguard run --policy`
//! loads it, then the guard built from it.
//!
//! Invariants, besides no panic:
//! - a policy that does not compile is refused with at least one problem listed, and no
//!   problem is empty;
//! - a policy that compiles either starts a guard or is refused at start-up with every problem
//!   listed; a guard that starts judges the reference examples' first lead into one audit
//!   record valid against the audit schema.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use leadguard::engine::{Guard, GuardError};
use leadguard::policy::{Policy, PolicyError};
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};
use leadguard_fuzz::{assert_valid_audit, line_ref, now, repo};
use libfuzzer_sys::fuzz_target;

fn first_lead() -> &'static [u8] {
    static LEAD: OnceLock<Vec<u8>> = OnceLock::new();
    LEAD.get_or_init(|| {
        let text = std::fs::read(repo().join("examples/leads.jsonl")).expect("examples");
        text.split(|b| *b == b'\n').next().expect("a line").to_vec()
    })
}

fuzz_target!(|data: &[u8]| {
    let base = repo().join("examples");
    let policy = match Policy::from_bytes(data, Path::new("fuzz-policy.toml"), &base) {
        Ok(p) => p,
        Err(PolicyError::Invalid { problems, .. }) => {
            assert!(!problems.is_empty(), "a refused policy lists its problems");
            assert!(problems.iter().all(|p| !p.trim().is_empty()));
            return;
        }
        Err(e) => {
            assert!(!e.to_string().trim().is_empty());
            return;
        }
    };
    let guard = match Guard::new(policy, SuppressionList::default()) {
        Ok(g) => g,
        Err(GuardError::Setup(problems)) => {
            assert!(!problems.is_empty(), "a refused start lists its problems");
            return;
        }
    };
    let input = line_ref(1);
    let mut state = guard.new_state();
    let mut p = guard.process(
        first_lead(),
        &input,
        now(),
        &WithdrawalTable::default(),
        &mut state,
    );
    let mut chain = guard.audit_chain(input.chain_id(), None);
    assert_valid_audit(&chain.seal(&mut p.audit));
});
