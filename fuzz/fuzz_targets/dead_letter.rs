//! The dead-letter opener (`leadguard decrypt --dead-letter`): arbitrary bytes as one line of a
//! dead-letter file, its `input` and `payload` read and opened with the reference dead-letter
//! key, with and without a (empty) subject key store; bytes that are not such a record are
//! opened as a payload of line 1. Also `leadguard decrypt --path --value` on the same payload.
//!
//! Invariants, besides no panic:
//! - opening is deterministic and the two ways (without a store, `open_dead_letter`, and
//!   `open_dead_letter_with(None)`) agree;
//! - a payload that opens, opens with the empty key store too unless it names a subject key
//!   (then the empty store refuses it), and to the same bytes.
#![no_main]

use leadguard::audit::InputRef;
use leadguard_fuzz::{line_ref, world};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let guard = &world().guard;
    let (input, payload) = match serde_json::from_slice::<serde_json::Value>(data) {
        Ok(rec) => {
            let Ok(input) = serde_json::from_value::<InputRef>(rec["input"].clone()) else {
                return;
            };
            let payload = rec["payload"].as_str().unwrap_or_default().to_string();
            (input, payload)
        }
        Err(_) => (line_ref(1), String::from_utf8_lossy(data).into_owned()),
    };
    let plain = guard.open_dead_letter(&input, &payload);
    let with_none = guard.open_dead_letter_with(None, &input, &payload);
    assert_eq!(
        plain.as_ref().ok(),
        with_none.as_ref().ok(),
        "the two openers agree"
    );
    let store = guard.subject_keys(0);
    if let Ok(opened) = guard.open_dead_letter_with(Some(&store), &input, &payload) {
        assert_eq!(
            Some(&opened),
            plain.as_ref().ok(),
            "the store opens master-key payloads alike"
        );
    }
    let _ = guard.decrypt_value(None, "/attributes/message", &payload);
});
