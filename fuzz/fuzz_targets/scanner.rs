//! The free-text scanner (S1–S3) of the reference policy on arbitrary text.
//!
//! Invariants, besides no panic:
//! - what `find` reports, `scan` redacts (a finding is never dropped by the rendering);
//! - the spans are in text order, disjoint, non-empty, on character boundaries, and the
//!   redacted text is exactly the text with each span replaced by `[redacted:<category>]`,
//!   so no byte of a redacted span reaches the output, and a redacted identifier or contact
//!   detail occurs in the output only where the input repeats it in a kept part; the same for the copy that keeps contact
//!   details in clear (only identifier and special-category spans replaced);
//! - the output, scanned again, holds no checksum-valid identifier (national id, card, IBAN).
#![no_main]

use leadguard::category::Category;
use leadguard::detect::ContactsKept;
use leadguard_fuzz::{is_checked_identifier, world};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let scanner = world().guard.scanner();
    let Some(found) = scanner.find(text) else {
        assert!(scanner.scan(text).is_none(), "scan agrees with find");
        return;
    };
    let spans: Vec<_> = found.spans().collect();
    assert!(!spans.is_empty(), "a finding has a span");
    let mut end = 0;
    let mut expected = String::new();
    let mut kept = Vec::new();
    for (range, category) in &spans {
        assert!(range.start >= end, "spans in order and disjoint: {spans:?}");
        assert!(range.start < range.end, "spans are not empty: {spans:?}");
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert!(
            found.categories.contains(category),
            "a span's category is listed"
        );
        kept.push(&text[end..range.start]);
        expected.push_str(&text[end..range.start]);
        expected.push_str("[redacted:");
        expected.push_str(category.as_str());
        expected.push(']');
        end = range.end;
    }
    kept.push(&text[end..]);
    expected.push_str(&text[end..]);

    let redaction = scanner.scan(text).expect("what find reports, scan redacts");
    assert_eq!(redaction.text, expected, "redacted text");
    assert_eq!(redaction.categories, found.categories);
    // An identifier or contact detail (no `[`, `]` or `:` of a marker in it) redacted
    // somewhere occurs in the output only where the input also has it in a kept part.
    for (range, category) in &spans {
        let span = &text[range.clone()];
        let context_free = is_checked_identifier(*category)
            || matches!(category, Category::Email | Category::Phone);
        if context_free && !span.contains(['[', ']', ':']) {
            assert!(
                !redaction.text.contains(span) || kept.iter().any(|k| k.contains(span)),
                "redacted {category:?} {span:?} survives in {:?}",
                redaction.text
            );
        }
    }

    // What a copy that keeps contact details receives: the same text with only the identifier
    // and special-category spans replaced.
    let mut expected_kept = String::new();
    let mut end = 0;
    for (range, category) in spans
        .iter()
        .filter(|(_, c)| !matches!(c, Category::Email | Category::Phone))
    {
        expected_kept.push_str(&text[end..range.start]);
        expected_kept.push_str("[redacted:");
        expected_kept.push_str(category.as_str());
        expected_kept.push(']');
        end = range.end;
    }
    expected_kept.push_str(&text[end..]);
    let keeps_contacts = found
        .render(text, ContactsKept::ALL)
        .unwrap_or_else(|| text.to_string());
    assert_eq!(
        keeps_contacts, expected_kept,
        "the copy that keeps contacts"
    );
    if let Some(again) = scanner.find(&redaction.text) {
        for (range, category) in again.spans() {
            assert!(
                !is_checked_identifier(category),
                "the redacted text still holds a {category:?}: {:?} in {:?}",
                &redaction.text[range],
                redaction.text
            );
        }
    }
});
