//! Phase 2, scan: one walk of the parsed event that gathers what every destination's decision
//! and copy need (contacts present, findings, free-text redactions, undeclared fields), and
//! the [`Item`]s every copy is replayed from (S1–S4).

use std::io::Write;

use serde_json::Value;

use super::Guard;
use crate::audit::{Finding, Text};
use crate::category::Category;
use crate::channel::ChannelSet;
use crate::detect::{luhn_valid, SHORTEST_IDENTIFIER};
use crate::json_out;
use crate::schema::{Node, Prop};
use crate::treatment::redact::Redaction;
use crate::treatment::Treatment;

/// Event-level facts gathered by one walk of the event before any destination is decided.
#[derive(Default)]
pub(super) struct Scan<'e> {
    pub(super) contacts: ChannelSet,
    pub(super) findings: Vec<Finding>,
    /// Free texts with findings, referenced by their leaf's [`Item::Leaf::redacted`].
    pub(super) redactions: Vec<Redaction<'e>>,
    pub(super) undeclared: bool,
    pub(super) special_present: Vec<Category>,
    /// S1: the customer code is a card number; treated as one everywhere.
    pub(super) card_as_customer_code: bool,
    /// The declared members of the event in output order: each forwarded copy replays this
    /// list instead of walking the parsed tree again, so a value is looked up, escaped and
    /// rendered once per event, not once per destination.
    pub(super) items: Vec<Item<'e>>,
    /// Clear renderings (JSON) of leaf and verbatim values, sliced by [`Span`]s.
    pub(super) rendered: Vec<u8>,
    /// Concrete paths of the leaves inside arrays (indices filled in), sliced by [`Span`]s.
    pub(super) paths: String,
}

impl<'e> Scan<'e> {
    /// Opens an object or array item; returns its index for [`Scan::close`].
    fn open(&mut self, key: &'e [u8], array: bool, channels: ChannelSet) -> usize {
        self.items.push(Item::Open {
            key,
            array,
            channels,
            end: 0,
        });
        self.items.len() - 1
    }

    fn close(&mut self, at: usize, array: bool) {
        let end = self.items.len();
        self.items.push(Item::Close { array });
        if let Item::Open { end: e, .. } = &mut self.items[at] {
            *e = end;
        }
    }

    fn verbatim(&mut self, key: &'e [u8], channels: ChannelSet, value: &Value) {
        let start = self.rendered.len();
        json_out::value(&mut self.rendered, value);
        let clear = Span::of(&self.rendered, start);
        self.items.push(Item::Verbatim {
            key,
            channels,
            clear,
        });
    }
}

/// A byte range in one of the [`Scan`] buffers.
#[derive(Clone, Copy)]
pub(super) struct Span(usize, usize);

impl Span {
    /// From `start` to the end of `buf`.
    fn of(buf: &[u8], start: usize) -> Span {
        Span(start, buf.len())
    }
    pub(super) fn bytes(self, buf: &[u8]) -> &[u8] {
        &buf[self.0..self.1]
    }
    pub(super) fn str(self, buf: &str) -> &str {
        &buf[self.0..self.1]
    }
}

/// One declared member of the event, as the forwarded copies write it. `key` is the
/// pre-rendered `"name":` of an object member, empty for an array item.
pub(super) enum Item<'e> {
    /// An object or array; `end` is the index of its [`Item::Close`].
    Open {
        key: &'e [u8],
        array: bool,
        channels: ChannelSet,
        end: usize,
    },
    Close {
        array: bool,
    },
    Leaf {
        key: &'e [u8],
        id: usize,
        category: Category,
        channels: ChannelSet,
        value: &'e Value,
        clear: Span,
        /// The concrete path of a leaf inside an array (its schema path has `*`).
        path: Option<Span>,
        redacted: Option<usize>,
    },
    /// A declared object or array whose value is null (or not of its shape): written as is
    /// unless it is the contact of a channel the destination may not use.
    Verbatim {
        key: &'e [u8],
        channels: ChannelSet,
        clear: Span,
    },
}

impl Guard {
    /// Phase 2: walks the parsed event once.
    pub(super) fn scan<'e>(&'e self, value: &'e Value) -> Scan<'e> {
        let mut scan = Scan {
            items: Vec::with_capacity(48),
            rendered: Vec::with_capacity(1024),
            // `paths` is only written for leaves inside arrays: allocated on first use.
            ..Scan::default()
        };
        let mut path = String::with_capacity(64);
        if let (Node::Object { props, open, .. }, Some(obj)) =
            (&self.policy.lead_schema.fields.root, value.as_object())
        {
            self.scan_members(props, *open, obj, &mut path, &mut scan);
        }
        scan
    }

    /// Walks the members of an object: declared ones are scanned, undeclared ones flagged (S4).
    fn scan_members<'e>(
        &'e self,
        props: &'e [Prop],
        open: bool,
        obj: &'e serde_json::Map<String, Value>,
        path: &mut String,
        scan: &mut Scan<'e>,
    ) {
        let mut cursor = 0;
        for (k, v) in obj {
            match find_prop(props, k, &mut cursor) {
                Some(Prop { node, key, .. }) => {
                    let len = path.len();
                    path.push('/');
                    path.push_str(k);
                    self.scan_node(node, key, v, path, scan);
                    path.truncate(len);
                }
                None if open => scan.undeclared = true,
                None => {}
            }
        }
    }

    /// Walks the event once: contacts, findings, free-text redactions, undeclared fields, and
    /// the [`Item`]s every copy is written from.
    fn scan_node<'e>(
        &'e self,
        node: &'e Node,
        key: &'e [u8],
        value: &'e Value,
        path: &mut String,
        scan: &mut Scan<'e>,
    ) {
        match node {
            Node::Leaf {
                id,
                category,
                channels,
            } => {
                let start = scan.rendered.len();
                json_out::value(&mut scan.rendered, value);
                // Outside arrays the concrete path is the schema path: nothing to keep.
                let concrete = self.policy.lead_schema.fields.leaves[*id]
                    .in_array
                    .then(|| {
                        let start = scan.paths.len();
                        scan.paths.push_str(path);
                        Span::of(scan.paths.as_bytes(), start)
                    });
                let redacted = if value.is_null() {
                    None
                } else {
                    self.scan_leaf(*id, *category, *channels, value, path, scan)
                };
                // The clear rendering is at least as long as any text inside it: most leaves
                // are too short to hold an identifier and skip the walk.
                if redacted.is_none()
                    && scan.rendered.len() - start >= SHORTEST_IDENTIFIER
                    && scrubbed(*category, scan)
                {
                    self.scrub_identifiers(value, start, path, scan);
                }
                let clear = Span::of(&scan.rendered, start);
                scan.items.push(Item::Leaf {
                    key,
                    id: *id,
                    category: *category,
                    channels: *channels,
                    value,
                    clear,
                    path: concrete,
                    redacted,
                });
            }
            Node::Object {
                props,
                open,
                channels,
            } => {
                let Some(obj) = value.as_object() else {
                    return scan.verbatim(key, *channels, value);
                };
                let before = scan.contacts;
                let at = scan.open(key, false, *channels);
                self.scan_members(props, *open, obj, path, scan);
                scan.close(at, false);
                if !channels.is_empty() && !is_empty_value(value) {
                    scan.contacts = before.union(scan.contacts).union(*channels);
                }
            }
            Node::Array { items } => {
                let Some(list) = value.as_array() else {
                    return scan.verbatim(key, ChannelSet::default(), value);
                };
                let at = scan.open(key, true, ChannelSet::default());
                for (i, v) in list.iter().enumerate() {
                    let len = path.len();
                    let _ = write!(StringWriter(path), "/{i}");
                    self.scan_node(items, b"", v, path, scan);
                    path.truncate(len);
                }
                scan.close(at, true);
            }
        }
    }

    /// The findings of one non-null leaf; the index of its redacted text, if any.
    fn scan_leaf<'e>(
        &self,
        id: usize,
        category: Category,
        channels: ChannelSet,
        value: &'e Value,
        path: &str,
        scan: &mut Scan<'e>,
    ) -> Option<usize> {
        if !channels.is_empty() && !is_empty_value(value) {
            scan.contacts = scan.contacts.union(channels);
        }
        if category.is_sensitive() {
            if category.is_special() && !scan.special_present.contains(&category) {
                scan.special_present.push(category);
            }
            scan.findings.push(Finding {
                path: path.to_string(),
                category: Text::Borrowed(category.as_str()),
                action: Text::Borrowed(self.default_actions[id].as_str()),
            });
        } else if category == Category::FreeText {
            let text = value.as_str()?;
            let found = self.scanner.find(text)?;
            for c in &found.categories {
                scan.findings.push(Finding {
                    path: path.to_string(),
                    category: Text::Borrowed(c.as_str()),
                    action: Text::Borrowed("redact"),
                });
            }
            scan.redactions.push(Redaction::new(text, found));
            return Some(scan.redactions.len() - 1);
        } else if category == Category::CustomerCode {
            // S1: a payment card number must never be used as a customer code.
            let code = value.as_str()?;
            let digits: String = code
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect();
            if luhn_valid(&digits) {
                scan.card_as_customer_code = true;
                scan.findings.push(Finding {
                    path: path.to_string(),
                    category: Text::Borrowed(Category::PaymentCard.as_str()),
                    action: Text::Borrowed("remove"),
                });
            }
        }
        None
    }
}

/// Whether a leaf of `category` is searched for forbidden identifiers written where nobody
/// expects them (S1). Free text has its own full scan; the identifier fields are findings whose
/// treatment the policy names; a customer code that is a card number is removed whole.
fn scrubbed(category: Category, scan: &Scan) -> bool {
    !(category == Category::FreeText
        || category.is_forbidden_identifier()
        || category == Category::CustomerCode && scan.card_as_customer_code)
}

impl Guard {
    /// S1: a card number typed as a product reference, an IBAN in an enrichment block, a NIR as
    /// an event id: every copy keeps the value with the identifier redacted, as in free text,
    /// and the audit has the finding. Re-renders the leaf's clear value (from `start` in
    /// [`Scan::rendered`]) only when there is something to redact.
    fn scrub_identifiers(&self, value: &Value, start: usize, path: &str, scan: &mut Scan) {
        let mut found = Vec::new();
        self.identifiers_in(value, &mut found);
        if found.is_empty() {
            return;
        }
        scan.rendered.truncate(start);
        self.write_scrubbed(&mut scan.rendered, value);
        for category in found {
            scan.findings.push(Finding {
                path: path.to_string(),
                category: Text::Borrowed(category.as_str()),
                action: Text::Borrowed(Treatment::Redact.as_str()),
            });
        }
    }

    /// The categories of the identifiers in `value`'s strings, member names and long numbers,
    /// de-duplicated, in document order.
    fn identifiers_in(&self, value: &Value, found: &mut Vec<Category>) {
        let add = |text: &str, found: &mut Vec<Category>| {
            for c in self
                .scanner
                .find_identifiers(text)
                .into_iter()
                .flat_map(|f| f.categories)
            {
                if !found.contains(&c) {
                    found.push(c);
                }
            }
        };
        match value {
            Value::String(s) => add(s, found),
            Value::Number(n) => {
                if let Some(digits) = long_number(n) {
                    add(&digits, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.identifiers_in(v, found)),
            Value::Object(members) => {
                for (k, v) in members {
                    add(k, found);
                    self.identifiers_in(v, found);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }

    /// `value` as JSON with its identifiers redacted: in a string in place, a number that is one
    /// becomes the redaction marker, and a member whose name holds one is left out.
    fn write_scrubbed(&self, out: &mut Vec<u8>, value: &Value) {
        match value {
            Value::String(s) => match self.scanner.redact_identifiers(s) {
                Some(r) => json_out::str(out, &r),
                None => json_out::str(out, s),
            },
            Value::Number(n) => {
                match long_number(n).and_then(|d| self.scanner.redact_identifiers(&d)) {
                    Some(r) => json_out::str(out, &r),
                    None => json_out::value(out, value),
                }
            }
            Value::Array(items) => {
                out.push(b'[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.write_scrubbed(out, v);
                }
                out.push(b']');
            }
            Value::Object(members) => {
                out.push(b'{');
                let mut first = true;
                for (k, v) in members {
                    if self.scanner.find_identifiers(k).is_some() {
                        continue;
                    }
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    json_out::str(out, k);
                    out.push(b':');
                    self.write_scrubbed(out, v);
                }
                out.push(b'}');
            }
            Value::Null | Value::Bool(_) => json_out::value(out, value),
        }
    }
}

/// The decimal digits of a number long enough to be an identifier (13 digits and more).
fn long_number(n: &serde_json::Number) -> Option<String> {
    n.as_f64()
        .is_some_and(|f| f.abs() >= 1e12)
        .then(|| n.to_string())
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(o) => o.values().all(is_empty_value),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn find_prop<'n>(props: &'n [Prop], key: &str, cursor: &mut usize) -> Option<&'n Prop> {
    let n = props.len();
    for i in 0..n {
        let j = (*cursor + i) % n;
        if props[j].name == key {
            *cursor = j + 1;
            return Some(&props[j]);
        }
    }
    None
}

/// `fmt::Write` onto a `String` without `use std::fmt::Write` clashing with `io::Write`.
struct StringWriter<'a>(&'a mut String);

impl std::io::Write for StringWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .push_str(std::str::from_utf8(buf).map_err(|_| std::io::ErrorKind::InvalidData)?);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
