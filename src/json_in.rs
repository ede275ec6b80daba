//! Parsing events into a reused [`serde_json::Value`].
//!
//! The JSON Schema validator needs a `Value`, and building one is the largest fixed cost of an
//! event: an allocation per key, per string and per map node, all freed again when the event is
//! done. Consecutive lead events mostly have the same shape, so the guard keeps the previous
//! event's tree and parses the next one into it: existing keys are found instead of inserted,
//! strings are overwritten in their buffers, and only what changed shape is allocated or freed.
//! The result is exactly the value `serde_json::from_str` would give (property-tested below).

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses `text` into `slot`, reusing its allocations. On success `slot` equals
/// `serde_json::from_str(text)`; on error (the same error, at the same position, as
/// `serde_json::from_str` reports) `slot` holds some unspecified but valid value.
pub fn parse_into(slot: &mut Value, text: &str) -> serde_json::Result<()> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut scratch = Scratch {
        keys: Vec::with_capacity(64),
        found: Vec::with_capacity(64),
    };
    InPlace {
        slot,
        scratch: &mut scratch,
    }
    .deserialize(&mut de)?;
    de.end()
}

/// An object key: borrowed from the input unless it had escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// Stacks shared by the nested objects: each object pushes while it is parsed and pops when
/// it ends, so one parse allocates them once.
struct Scratch<'de> {
    /// The keys of the objects being parsed.
    keys: Vec<Key<'de>>,
    /// Addresses of the members found in place (see `visit_map`).
    found: Vec<usize>,
}

/// Deserialises into `slot`.
struct InPlace<'v, 's, 'de> {
    slot: &'v mut Value,
    scratch: &'s mut Scratch<'de>,
}

impl<'de> DeserializeSeed<'de> for InPlace<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for InPlace<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        *self.slot = Value::Bool(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        *self.slot = Value::Number(v.into());
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        *self.slot = Value::Number(v.into());
        Ok(())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        // serde_json's parser never yields a non-finite number.
        *self.slot = Value::Number(Number::from_f64(v).ok_or_else(|| E::custom("not finite"))?);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        match self.slot {
            Value::String(s) => {
                s.clear();
                s.push_str(v);
            }
            other => *other = Value::String(v.to_owned()),
        }
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        *self.slot = Value::Null;
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        *self.slot = Value::Null;
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if !self.slot.is_array() {
            *self.slot = Value::Array(Vec::new());
        }
        let Value::Array(items) = self.slot else {
            return Err(A::Error::custom("not an array"));
        };
        let mut n = 0;
        loop {
            let more = if n < items.len() {
                seq.next_element_seed(InPlace {
                    slot: &mut items[n],
                    scratch: &mut *self.scratch,
                })?
            } else {
                let mut item = Value::Null;
                let more = seq.next_element_seed(InPlace {
                    slot: &mut item,
                    scratch: &mut *self.scratch,
                })?;
                if more.is_some() {
                    items.push(item);
                }
                more
            };
            if more.is_none() {
                break;
            }
            n += 1;
        }
        items.truncate(n);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if !self.slot.is_object() {
            *self.slot = Value::Object(Map::new());
        }
        let Value::Object(members) = self.slot else {
            return Err(A::Error::custom("not an object"));
        };
        let scratch = self.scratch;
        let start = scratch.keys.len();
        let found_start = scratch.found.len();
        let mut inserted = false;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match member_mut(members, key.as_str()) {
                // A later duplicate overwrites the earlier one, as in `serde_json::from_str`.
                Some(slot) => {
                    // While nothing is inserted into this map its values do not move, so a
                    // repeated address is a repeated key: no string comparisons needed.
                    scratch.found.push(slot as *const Value as usize);
                    map.next_value_seed(InPlace {
                        slot,
                        scratch: &mut *scratch,
                    })?
                }
                None => {
                    let mut slot = Value::Null;
                    map.next_value_seed(InPlace {
                        slot: &mut slot,
                        scratch: &mut *scratch,
                    })?;
                    members.insert(key.as_str().to_owned(), slot);
                    inserted = true;
                }
            }
            scratch.keys.push(key);
        }
        // Members left over from the previous event: none when nothing was inserted and every
        // member was found once (the usual case: the same shape as the previous event).
        let seen = &scratch.keys[start..];
        let found = &scratch.found[found_start..];
        let all_found_once = !inserted && found.len() == members.len() && !has_duplicates(found);
        if !all_found_once && (members.len() != seen.len() || has_duplicates(seen)) {
            members.retain(|k, _| seen.iter().any(|s| s.as_str() == k));
        }
        scratch.keys.truncate(start);
        scratch.found.truncate(found_start);
        Ok(())
    }
}

/// `members.get_mut(key)`, by a walk for the small maps of an event: a key equality test looks
/// at the lengths first and rarely compares bytes, where the tree's search calls `memcmp` on
/// every key it passes: those calls were a third of an event's `memcmp` work (callgrind).
fn member_mut<'m>(members: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Value> {
    if members.len() > 16 {
        return members.get_mut(key);
    }
    members
        .iter_mut()
        .find_map(|(k, v)| (k.as_str() == key).then_some(v))
}

fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, x)| items[..i].contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// Arbitrary JSON values with few distinct keys, so that consecutive values share keys.
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            (-1e9f64..1e9).prop_map(|f| json!(f)),
            "[a-c\"\\\\é\\n]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[a-d]{1,2}|k\\\\n", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// A JSON text of `v`, sometimes with a duplicated key (the later occurrence wins).
    fn text(v: &Value, dup: bool) -> String {
        let t = v.to_string();
        match (dup, v) {
            (true, Value::Object(m)) if !m.is_empty() => {
                let (k, _) = m.iter().next().unwrap();
                format!("{{{}:[1,{{\"x\":2}}],{}", json!(k), &t[1..])
            }
            _ => t,
        }
    }

    proptest! {
        #[test]
        fn equals_from_str_whatever_the_previous_value(
            values in prop::collection::vec((value(), any::<bool>()), 1..8)
        ) {
            let mut slot = Value::Null;
            for (v, dup) in &values {
                let t = text(v, *dup);
                let expected: Value = serde_json::from_str(&t).unwrap();
                parse_into(&mut slot, &t).unwrap();
                prop_assert_eq!(&slot, &expected);
            }
        }

        #[test]
        fn fails_exactly_where_from_str_fails(
            prev in value(),
            v in value(),
            cut in 0usize..200,
            byte in prop::sample::select(vec![b'x', b'}', b']', b',', b':', b'"', b'\\', b'1'])
        ) {
            let mut t = v.to_string().into_bytes();
            let at = cut.min(t.len());
            t.insert(at, byte);
            let Ok(t) = String::from_utf8(t) else { return Ok(()) };
            let mut slot = prev;
            let ours = parse_into(&mut slot, &t);
            match serde_json::from_str::<Value>(&t) {
                Ok(expected) => {
                    prop_assert!(ours.is_ok());
                    prop_assert_eq!(slot, expected);
                }
                Err(e) => {
                    let ours = ours.expect_err("serde_json refused it");
                    prop_assert_eq!(
                        (ours.classify(), ours.line(), ours.column()),
                        (e.classify(), e.line(), e.column())
                    );
                }
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for open in ["[", "{\"a\":"] {
            let text = open.repeat(100_000);
            let mut slot = json!({"a": [1]});
            let err = parse_into(&mut slot, &text).expect_err("too deep");
            let expected = serde_json::from_str::<Value>(&text).unwrap_err();
            assert_eq!(err.to_string(), expected.to_string());
        }
    }

    #[test]
    fn stale_members_are_removed_and_shapes_replaced() {
        let mut slot = json!({"a": {"x": 1, "y": [1, 2, 3]}, "b": "long string value", "c": 1});
        parse_into(&mut slot, r#"{"a":{"y":[4]},"b":"s","d":[]}"#).unwrap();
        assert_eq!(slot, json!({"a": {"y": [4]}, "b": "s", "d": []}));
        parse_into(&mut slot, r#"{"a":"now a string","a":null}"#).unwrap();
        assert_eq!(slot, json!({"a": null}));
        parse_into(&mut slot, "[1,2]").unwrap();
        assert_eq!(slot, json!([1, 2]));
    }
}
