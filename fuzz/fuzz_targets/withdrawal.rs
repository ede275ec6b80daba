//! The withdrawal parser (C6): arbitrary bytes as one withdrawal message, as the withdrawals
//! file and topic are read (`WithdrawalTable::apply_json` with the policy's withdrawal schema).
//!
//! Invariants, besides no panic:
//! - an accepted message counts once and names one or two identities; a refused one changes
//!   nothing;
//! - the same message is judged the same way twice (no hidden state);
//! - a refusal's message never holds the e-mail address or phone number of the input.
#![no_main]

use leadguard::withdrawals::WithdrawalTable;
use leadguard_fuzz::{personal_values, world};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policy = &world().guard.policy;
    let mut table = WithdrawalTable::default();
    let first = table.apply_json(
        data,
        &policy.withdrawal_schema,
        &policy.default_country_code,
    );
    match &first {
        Ok(applied) => {
            assert_eq!(table.len(), 1, "an accepted withdrawal counts once");
            assert!((1..=2).contains(&applied.identities));
        }
        Err(e) => {
            assert_eq!(table.len(), 0, "a refused withdrawal changes nothing");
            let message = e.to_string();
            for v in personal_values(data) {
                assert!(
                    !message.contains(&v),
                    "a refusal names a personal value: {message}"
                );
            }
        }
    }
    let mut again = WithdrawalTable::default();
    let second = again.apply_json(
        data,
        &policy.withdrawal_schema,
        &policy.default_country_code,
    );
    assert_eq!(first.is_ok(), second.is_ok(), "judged the same way twice");
});
