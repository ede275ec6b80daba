//! Writing JSON straight into byte buffers on the hot path (forwarded copies, audit records).
//!
//! serde_json escapes every string byte by byte; most of what the guard writes is plain text
//! (names, codes, tokens, paths), which is copied as is after one cheap scan.

use serde_json::Value;

/// Writes a JSON string.
pub fn str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(&mut *out, s).expect("a string serialises");
    }
}

/// Writes any JSON value, strings through [`str`].
pub fn value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::String(s) => str(out, s),
        other => serde_json::to_writer(&mut *out, other).expect("a value serialises"),
    }
}

/// Writes `"key":`, with a leading comma unless `first`.
pub fn key(out: &mut Vec<u8>, first: &mut bool, k: &str) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    str(out, k);
    out.push(b':');
}

/// Writes an array of strings.
pub fn str_array<S: AsRef<str>>(out: &mut Vec<u8>, items: &[S]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        str(out, s.as_ref());
    }
    out.push(b']');
}

/// Writes an object of string pairs, in order.
pub fn str_pairs<K: AsRef<str>, V: AsRef<str>>(out: &mut Vec<u8>, pairs: &[(K, V)]) {
    out.push(b'{');
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        str(out, k.as_ref());
        out.push(b':');
        str(out, v.as_ref());
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn strings_match_serde_json(s in "\\PC*|[\"\\\\\u{0}-\u{1f}a-z]*") {
            let mut out = Vec::new();
            str(&mut out, &s);
            proptest::prop_assert_eq!(out, serde_json::to_vec(&s).unwrap());
        }
    }
}
