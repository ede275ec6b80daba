//! The erasure-request parser and its application (GDPR art. 17): arbitrary bytes as one line
//! of an erasure file, read and audited as `leadguard run --erasures` does (`Guard::erase`),
//! without a subject key store.
//!
//! Invariants, besides no panic:
//! - every request, applied or refused, yields one audit record valid against the audit schema
//!   (A1), holding no e-mail address or phone number of the input in clear;
//! - an accepted request has one or two identities, normalised (e-mail lower-case, phone in
//!   E.164 `+…`), and its `Debug` shows none of them;
//! - a refusal's message never holds the e-mail address or phone number of the input;
//! - `read_erasure` and `erase` agree on accepting the request.
#![no_main]

use leadguard::withdrawals::WithdrawalTable;
use leadguard_fuzz::{assert_valid_audit, contains, line_ref, now, personal_values, world};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let guard = &world().guard;
    let personal = personal_values(data);
    let read = guard.read_erasure(data);
    match &read {
        Ok(r) => {
            assert!((1..=2).contains(&r.identities.len()));
            let debug = format!("{r:?}");
            for i in &r.identities {
                assert!(
                    i.starts_with('+') || (i.contains('@') && *i == i.to_lowercase()),
                    "identity not normalised"
                );
                assert!(!debug.contains(i.as_str()), "Debug shows an identity");
            }
        }
        Err(e) => {
            let message = e.to_string();
            for v in &personal {
                assert!(
                    !message.contains(v.as_str()),
                    "a refusal names a personal value"
                );
            }
        }
    }
    let input = line_ref(1);
    let mut withdrawals = WithdrawalTable::default();
    let erasure = guard
        .erase(data, &input, now(), &mut withdrawals, None, None, |_| {
            Ok::<(), std::convert::Infallible>(())
        })
        .expect("no key store, nothing to send");
    assert_eq!(
        erasure.result.is_ok(),
        read.is_ok(),
        "parse and apply agree"
    );
    let mut chain = guard.audit_chain(input.chain_id(), None);
    let mut audit = erasure.audit;
    let sealed = chain.seal(&mut audit);
    assert_valid_audit(&sealed);
    for v in &personal {
        assert!(
            !contains(&sealed, v.as_bytes()),
            "the audit record holds a personal value in clear"
        );
    }
});
