//! Writing JSON straight into byte buffers on the hot path (forwarded copies, audit records).
//!
//! serde_json escapes every string byte by byte; most of what the guard writes is plain text
//! (names, codes, tokens, paths), which is copied as is after one cheap scan.

use serde_json::Value;

/// Whether a string needs JSON escaping: any control byte, `"` or `\\`. Checks eight bytes at a
/// time (SWAR), since this runs over every byte the guard writes.
fn needs_escape(s: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // Bytes below 0x20 (the high bit check excludes bytes >= 0x80 from the borrow trick).
        let control = x.wrapping_sub(0x2020_2020_2020_2020) & !x & HI;
        let quote = has_zero(x ^ 0x2222_2222_2222_2222);
        let backslash = has_zero(x ^ 0x5c5c_5c5c_5c5c_5c5c);
        if control | quote | backslash != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Writes a JSON string.
pub fn str(out: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(&mut *out, s).expect("a string serialises");
    }
}

/// Writes any JSON value (compact, as serde_json would), strings through [`str`].
pub fn value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::String(s) => str(out, s),
        Value::Object(map) => {
            out.push(b'{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                str(out, k);
                out.push(b':');
                value(out, v);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                value(out, v);
            }
            out.push(b']');
        }
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => serde_json::to_writer(&mut *out, n).expect("a number serialises"),
    }
}

/// Writes `"key":` for a literal key (plain text by construction, so not scanned), with a
/// leading comma unless `first`.
pub fn key(out: &mut Vec<u8>, first: &mut bool, k: &'static str) {
    debug_assert!(!needs_escape(k.as_bytes()));
    if !std::mem::take(first) {
        out.push(b',');
    }
    out.reserve(k.len() + 3);
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(b"\":");
}

/// `"key":` rendered once, for keys written on every event (schema property names).
pub fn quoted_key(k: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(k.len() + 3);
    str(&mut out, k);
    out.push(b':');
    out
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

    #[test]
    fn escape_detection_is_exact_for_every_byte_at_every_position() {
        for b in 0u8..=255 {
            for pos in 0..17 {
                let mut v = vec![b'a'; 17];
                v[pos] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(needs_escape(&v), expected, "byte {b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn values_match_serde_json() {
        let v =
            serde_json::json!({"a": [1, -2.5, true, null, {"b\"": "c\n"}], "é": "x", "n": 1e300});
        let mut out = Vec::new();
        value(&mut out, &v);
        assert_eq!(out, serde_json::to_vec(&v).unwrap());
    }

    proptest::proptest! {
        #[test]
        fn strings_match_serde_json(s in "\\PC*|[\"\\\\\u{0}-\u{1f}a-z]*") {
            let mut out = Vec::new();
            str(&mut out, &s);
            proptest::prop_assert_eq!(out, serde_json::to_vec(&s).unwrap());
        }
    }
}
