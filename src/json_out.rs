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

/// Writes any JSON value (compact, as serde_json would), strings through [`fn@str`].
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
/// leading comma unless `first`. Inlined so that the copy of a literal key has a known length.
#[inline(always)]
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

/// Writes an integer (as serde_json does, through `itoa`: no allocation, no formatter).
pub fn int<I: itoa::Integer>(out: &mut Vec<u8>, n: I) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `"key":` rendered once, for keys written on every event (schema property names).
pub fn quoted_key(k: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(k.len() + 3);
    str(&mut out, k);
    out.push(b':');
    out
}

/// Writes a string known to need no escaping (vocabulary, validated policy and schema names).
pub fn plain(out: &mut Vec<u8>, s: &str) {
    debug_assert!(!needs_escape(s.as_bytes()), "not plain: {s:?}");
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A string the writers below accept.
pub trait JsonStr {
    fn write_json(&self, out: &mut Vec<u8>);
}

impl JsonStr for str {
    fn write_json(&self, out: &mut Vec<u8>) {
        str(out, self)
    }
}

impl JsonStr for String {
    fn write_json(&self, out: &mut Vec<u8>) {
        str(out, self)
    }
}

/// Borrowed audit text is plain by construction: it comes from the vocabulary (reason codes,
/// flags, treatments) or from policy and schema names checked at start-up. Owned text (event
/// ids, free values read back) is always scanned.
impl JsonStr for std::borrow::Cow<'static, str> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            std::borrow::Cow::Borrowed(s) => plain(out, s),
            std::borrow::Cow::Owned(s) => str(out, s),
        }
    }
}

impl<T: JsonStr + ?Sized> JsonStr for &T {
    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out)
    }
}

/// Writes an array of strings.
pub fn str_array<S: JsonStr>(out: &mut Vec<u8>, items: &[S]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        s.write_json(out);
    }
    out.push(b']');
}

/// Writes an object of string pairs, in order.
pub fn str_pairs<K: JsonStr, V: JsonStr>(out: &mut Vec<u8>, pairs: &[(K, V)]) {
    out.push(b'{');
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        k.write_json(out);
        out.push(b':');
        v.write_json(out);
    }
    out.push(b'}');
}

/// Whether a name may be written with [`plain`].
pub fn is_plain(s: &str) -> bool {
    !needs_escape(s.as_bytes())
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
