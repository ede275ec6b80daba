//! Event intake: arbitrary bytes as a JSON-lines input file, judged line by line through the
//! whole engine under the reference policy and sealed into an audit chain, as file mode does
//! (`file_mode::stream`).
//!
//! Invariants, besides no panic:
//! - every input line yields exactly one audit record (A1), sealed in order into one chain
//!   (seq 0, 1, …), and each record is one JSON line valid against
//!   `schemas/audit.v2.schema.json`;
//! - no forwarded copy, audit record or dead-letter record contains in clear a checksum-valid
//!   identifier (national id, card, IBAN) that the scanner finds in the line (S1, S3);
//! - every forwarded copy is JSON; a rejected line has a dead letter, and it opens with the
//!   dead-letter key to exactly the bytes the guard kept of the line.
#![no_main]

use leadguard::file_mode::LineReader;
use leadguard_fuzz::{assert_valid_audit, contains, identifiers_in, line_ref, now, world};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let w = world();
    let guard = &w.guard;
    let mut state = guard.new_state();
    let mut chain = guard.audit_chain(line_ref(1).chain_id(), None);
    let mut lines = LineReader::new(data, guard.policy.max_event_bytes);
    let mut buf = Vec::new();
    let mut line = 0u64;
    while let Some(too_long) = lines.next_line(&mut buf).expect("reading a slice") {
        line += 1;
        let input = line_ref(line);
        let mut p = match too_long {
            Some(size) => guard.reject_too_large(&buf, size, &input, now()),
            None => guard.process(&buf, &input, now(), &w.withdrawals, &mut state),
        };
        let sealed = chain.seal(&mut p.audit);
        let record = assert_valid_audit(&sealed);
        assert_eq!(
            record["chain"]["seq"],
            line - 1,
            "one audit record per line"
        );
        assert_eq!(record["input"]["line"], line, "the record names its line");

        let identifiers = serde_json::from_slice(&buf)
            .map(|v| identifiers_in(&v))
            .unwrap_or_default();
        for id in &identifiers {
            // As written in the line, and as a JSON writer would escape it.
            let escaped = serde_json::to_string(id).expect("a string serialises");
            let escaped = &escaped[1..escaped.len() - 1];
            for o in &p.outputs {
                assert!(
                    !contains(&o.payload, escaped.as_bytes()),
                    "a forwarded copy holds an identifier in clear: {escaped:?} in {}",
                    String::from_utf8_lossy(&o.payload)
                );
                assert!(
                    !contains(&o.payload, id.as_bytes()),
                    "a forwarded copy holds an identifier in clear: {id:?} in {}",
                    String::from_utf8_lossy(&o.payload)
                );
            }
            assert!(
                !contains(&sealed, id.as_bytes()),
                "the audit record holds an identifier in clear: {id:?}"
            );
            if let Some(dl) = &p.dead_letter {
                assert!(
                    !contains(dl, id.as_bytes()),
                    "the dead letter holds an identifier in clear: {id:?}"
                );
            }
        }
        for o in &p.outputs {
            serde_json::from_slice::<serde_json::Value>(&o.payload)
                .expect("a forwarded copy is JSON");
        }
        match &p.dead_letter {
            Some(dl) => {
                let dl: serde_json::Value =
                    serde_json::from_slice(dl).expect("a dead letter is JSON");
                let payload = dl["payload"].as_str().expect("a dead letter has a payload");
                let opened = guard
                    .open_dead_letter(&input, payload)
                    .expect("a dead letter opens with the dead-letter key");
                assert_eq!(opened, buf, "the dead letter holds the line as kept");
                assert!(p.outputs.is_empty(), "a rejected line is forwarded nowhere");
            }
            None => assert!(
                too_long.is_none(),
                "a line over the size limit is dead-lettered"
            ),
        }
    }
});
