//! `leadguard audit verify --file`: arbitrary bytes as an audit file, read and verified with the
//! reference audit key as the command does (`source::read_lines`, `Verifier`).
//!
//! Invariants, besides no panic:
//! - every line is read as one record;
//! - the result is consistent: OK exactly when no break is counted, the breaks listed are at
//!   most those counted, and the chains' records add up to at most the records read;
//! - the text and JSON renderings of the result can be produced.
#![no_main]

use leadguard::audit_tools::source::read_lines;
use leadguard::audit_tools::verify::{Verifier, VerifyOptions};
use leadguard_fuzz::world;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let guard = &world().guard;
    let mut verifier = Verifier::new(guard.audit_key());
    let read = read_lines(data, &mut |r| verifier.push(r)).expect("reading a slice");
    let lines = if data.is_empty() {
        0
    } else {
        data.split(|b| *b == b'\n').count() as u64 - u64::from(data.ends_with(b"\n"))
    };
    assert_eq!(read.records, lines, "one record per line");
    let v = verifier.finish(&VerifyOptions::default(), "fuzz".into(), read);
    assert_eq!(v.ok, v.breaks_total == 0, "OK exactly when nothing breaks");
    assert!(v.breaks.len() as u64 <= v.breaks_total);
    let in_chains: u64 = v.chains.iter().map(|c| c.records).sum();
    assert!(in_chains <= v.records, "chains hold the records read");
    let chain_breaks: u64 = v.chains.iter().map(|c| c.breaks).sum();
    assert!(chain_breaks <= v.breaks_total);
    assert!(!v.render_text().is_empty());
    serde_json::to_string(&v).expect("the result serialises");
});
