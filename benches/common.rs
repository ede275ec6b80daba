//! Set-up shared by the engine benches: the reference policy, examples and withdrawals.

use std::path::PathBuf;

use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::policy::Policy;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};

/// The guard under the reference policy, the example withdrawals, and the example lines.
pub fn setup() -> (Guard, WithdrawalTable, Vec<Vec<u8>>) {
    let ex = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let policy = Policy::load(&ex.join("policy.toml")).unwrap();
    let dnc = std::fs::read_to_string(ex.join("do-not-call.txt")).unwrap();
    let (suppression, _) = SuppressionList::parse(&dnc, "33");
    let guard = Guard::new(policy, suppression).unwrap();
    let mut table = WithdrawalTable::default();
    file_mode::load_withdrawals(&guard, &ex.join("withdrawals.jsonl"), &mut table).unwrap();
    let leads = std::fs::read(ex.join("leads.jsonl")).unwrap();
    let lines = leads
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    (guard, table, lines)
}
