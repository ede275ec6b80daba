//! The in-memory table of subject keys and its stored form (JSON records).
//!
//! About 200 bytes per key (id, identity MAC, wrapped key, creation time, two map entries), so
//! ten million people take about 2 GB: keys are kept as bytes, never as their text records.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{id_text, parse_id, Cache, KeyId, SubjectKeyError, SubjectMac, Use, ID_LEN};
use crate::clock;
use crate::crypto::{envelope, hex_str, Envelope};
use crate::json_out;

/// Length of a wrapped key: nonce ‖ 32-byte key ‖ tag.
pub(super) const SEALED_LEN: usize = 12 + 32 + 16;

/// Where a key is on its way to durability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Created by an event, record not yet written.
    Created,
    /// Record handed to the store's writer, not yet acknowledged.
    Enqueued,
    /// Record acknowledged (or read back from the store).
    Published,
}

pub(super) struct Entry {
    pub subject: SubjectMac,
    /// Index in [`Inner::kids`] of the pseudonymisation key id of the subject token.
    pub subject_kid: u8,
    /// Index in [`Inner::kids`] of the master key that wraps it.
    pub wrap_kid: u8,
    pub sealed: [u8; SEALED_LEN],
    /// Unix seconds, wall clock of the instance that created it.
    pub created_at: i64,
    pub stage: Stage,
}

/// A destroyed key: its identity when known (a tombstone alone names only the id).
type Destroyed = Option<(SubjectMac, u8)>;

pub(super) struct Inner {
    pub by_id: FxHashMap<KeyId, Entry>,
    /// Live keys per identity, oldest first.
    by_subject: FxHashMap<SubjectMac, Vec<KeyId>>,
    pub destroyed: FxHashMap<KeyId, Destroyed>,
    destroyed_count: FxHashMap<SubjectMac, u32>,
    /// Interned key ids (pseudonymisation and master keys): a handful per deployment.
    pub kids: Vec<Box<str>>,
    pub cache: Cache,
    /// File mode: erasure reference → when it was first applied (unix seconds).
    pub erasures: BTreeMap<String, i64>,
}

/// The cache key of a data key: its identities' keys and its use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct CacheKey {
    ids: [KeyId; 2],
    n: u8,
    use_: Use,
}

impl CacheKey {
    pub fn new(ids: &[KeyId], use_: Use) -> CacheKey {
        let mut k = CacheKey {
            ids: [[0; ID_LEN]; 2],
            n: ids.len().min(2) as u8,
            use_,
        };
        for (slot, id) in k.ids.iter_mut().zip(ids) {
            *slot = *id;
        }
        k
    }

    pub fn has(&self, id: &KeyId) -> bool {
        self.ids[..usize::from(self.n)].contains(id)
    }
}

/// What loading a stored record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// A key added to the table.
    Key,
    /// A key already held (e.g. this instance's own record read back): now known durable.
    Known,
    /// A key or a destruction for a key destroyed earlier: nothing to do.
    Ignored,
    /// A key destroyed.
    Destroyed,
    /// An erasure marker (file mode).
    Erasure,
}

/// A stored record, as written in the key file and the key topic.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    /// A key, wrapped.
    SubjectKey {
        id: String,
        subject: String,
        wrapped: String,
        created_at: String,
    },
    /// A destroyed key (file mode; Kafka uses a tombstone).
    Destroyed {
        id: String,
        #[serde(default)]
        subject: Option<String>,
    },
    /// An erasure applied (file mode).
    Erasure {
        reference: String,
        applied_at: String,
    },
}

fn bad(why: &str) -> SubjectKeyError {
    SubjectKeyError::Record(why.to_string())
}

/// `hmac:<kid>:<64 hex>` → (kid, MAC).
fn parse_token(token: &str) -> Option<(&str, SubjectMac)> {
    let rest = token.strip_prefix("hmac:")?;
    let (kid, hex) = rest.split_once(':')?;
    let mut mac = [0u8; 32];
    hex::decode_to_slice(hex, &mut mac).ok()?;
    Some((kid, mac))
}

impl Inner {
    pub fn new(cache_capacity: usize) -> Inner {
        Inner {
            by_id: FxHashMap::default(),
            by_subject: FxHashMap::default(),
            destroyed: FxHashMap::default(),
            destroyed_count: FxHashMap::default(),
            kids: Vec::new(),
            cache: Cache::new(cache_capacity),
            erasures: BTreeMap::new(),
        }
    }

    /// The index of a key id, interned.
    fn intern(&mut self, kid: &str) -> Option<u8> {
        if let Some(i) = self.kids.iter().position(|k| &**k == kid) {
            return Some(i as u8);
        }
        let i = u8::try_from(self.kids.len()).ok()?;
        self.kids.push(kid.into());
        Some(i)
    }

    /// The key an event about `subject` uses: its oldest live key.
    pub fn current(&self, subject: &SubjectMac) -> Option<KeyId> {
        self.by_subject
            .get(subject)
            .and_then(|v| v.first())
            .copied()
    }

    /// Adds a key; false if the wrapped key has the wrong length or there are too many key ids.
    #[allow(clippy::too_many_arguments)]
    pub fn insert(
        &mut self,
        id: KeyId,
        subject: &SubjectMac,
        subject_kid: &str,
        wrap_kid: &str,
        sealed: &[u8],
        created_at: i64,
        stage: Stage,
    ) -> bool {
        let (Some(subject_kid), Some(wrap_kid), Ok(sealed)) = (
            self.intern(subject_kid),
            self.intern(wrap_kid),
            sealed.try_into(),
        ) else {
            return false;
        };
        self.by_id.insert(
            id,
            Entry {
                subject: *subject,
                subject_kid,
                wrap_kid,
                sealed,
                created_at,
                stage,
            },
        );
        self.by_subject.entry(*subject).or_default().push(id);
        true
    }

    /// Live keys of `subject` created at or before `through` (all when `None`).
    pub fn keys_of(&self, subject: &SubjectMac, through: Option<i64>) -> Vec<KeyId> {
        self.by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .filter(|id| {
                through.is_none_or(|t| self.by_id.get(*id).is_some_and(|e| e.created_at <= t))
            })
            .copied()
            .collect()
    }

    /// Destroys a key: out of the table and the cache, remembered as destroyed.
    pub fn remove(&mut self, id: &KeyId) -> Option<Entry> {
        let e = self.by_id.remove(id)?;
        if let Some(v) = self.by_subject.get_mut(&e.subject) {
            v.retain(|k| k != id);
            if v.is_empty() {
                self.by_subject.remove(&e.subject);
            }
        }
        self.mark_destroyed(*id, Some((e.subject, e.subject_kid)));
        self.cache.forget(id);
        Some(e)
    }

    fn mark_destroyed(&mut self, id: KeyId, who: Destroyed) {
        if self.destroyed.contains_key(&id) {
            return;
        }
        if let Some((s, _)) = who {
            *self.destroyed_count.entry(s).or_default() += 1;
        }
        self.destroyed.insert(id, who);
    }

    /// Keys of `subject` destroyed so far.
    pub fn destroyed_of(&self, subject: &SubjectMac) -> u32 {
        self.destroyed_count.get(subject).copied().unwrap_or(0)
    }

    fn token(&self, kid: u8, mac: &SubjectMac, pseudonym_kid: &str) -> String {
        let kid = self
            .kids
            .get(usize::from(kid))
            .map_or(pseudonym_kid, |k| &**k);
        format!("hmac:{kid}:{}", hex_str(mac, &mut [0; 64]))
    }

    /// The stored record of a live key (its wrapped form only).
    pub fn record(&self, id: &KeyId, pseudonym_kid: &str) -> Vec<u8> {
        let e = &self.by_id[id];
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(b"{\"type\":\"subject_key\",\"id\":");
        json_out::str(&mut out, &id_text(id));
        out.extend_from_slice(b",\"subject\":");
        json_out::str(
            &mut out,
            &self.token(e.subject_kid, &e.subject, pseudonym_kid),
        );
        out.extend_from_slice(b",\"wrapped\":");
        let wrapped = envelope(&self.kids[usize::from(e.wrap_kid)], None, &e.sealed);
        json_out::str(&mut out, &wrapped);
        out.extend_from_slice(b",\"created_at\":");
        json_out::str(&mut out, &clock::format(e.created_at));
        out.push(b'}');
        out
    }

    /// Applies a stored record (see [`super::SubjectKeys::load`]).
    pub fn load(
        &mut self,
        key: Option<&[u8]>,
        payload: Option<&[u8]>,
    ) -> Result<Loaded, SubjectKeyError> {
        let key_id = |k: &[u8]| {
            std::str::from_utf8(k)
                .ok()
                .and_then(parse_id)
                .ok_or_else(|| bad("the record key is not a subject key id"))
        };
        let Some(payload) = payload else {
            let id = key_id(key.ok_or_else(|| bad("a tombstone without a key"))?)?;
            if self.remove(&id).is_none() {
                self.mark_destroyed(id, None);
            }
            return Ok(Loaded::Destroyed);
        };
        let record: Record = serde_json::from_slice(payload)
            .map_err(|_| bad("not a subject key record (JSON with a known `type`)"))?;
        match record {
            Record::SubjectKey {
                id,
                subject,
                wrapped,
                created_at,
            } => {
                let id_bytes = parse_id(&id).ok_or_else(|| bad("invalid `id`"))?;
                if let Some(k) = key {
                    if key_id(k)? != id_bytes {
                        return Err(bad("the record key is not the record's `id`"));
                    }
                }
                let (skid, mac) =
                    parse_token(&subject).ok_or_else(|| bad("`subject` is not a subject token"))?;
                let env = Envelope::parse(&wrapped)
                    .ok()
                    .filter(|e| e.subject.is_none())
                    .ok_or_else(|| bad("`wrapped` is not an envelope"))?;
                let sealed = env
                    .sealed()
                    .map_err(|_| bad("`wrapped` is not base64url"))?;
                let created_at =
                    clock::parse(&created_at).ok_or_else(|| bad("`created_at` is not RFC 3339"))?;
                if self.destroyed.contains_key(&id_bytes) {
                    return Ok(Loaded::Ignored);
                }
                if let Some(e) = self.by_id.get_mut(&id_bytes) {
                    e.stage = Stage::Published;
                    return Ok(Loaded::Known);
                }
                if !self.insert(
                    id_bytes,
                    &mac,
                    skid,
                    env.kid,
                    &sealed,
                    created_at,
                    Stage::Published,
                ) {
                    return Err(bad("`wrapped` is not a wrapped 256-bit key"));
                }
                Ok(Loaded::Key)
            }
            Record::Destroyed { id, subject } => {
                let id = parse_id(&id).ok_or_else(|| bad("invalid `id`"))?;
                if self.remove(&id).is_none() {
                    let who = match subject.as_deref().map(parse_token) {
                        Some(Some((kid, mac))) => {
                            let kid = self
                                .intern(kid)
                                .ok_or_else(|| bad("too many distinct key ids"))?;
                            Some((mac, kid))
                        }
                        Some(None) => return Err(bad("`subject` is not a subject token")),
                        None => None,
                    };
                    self.mark_destroyed(id, who);
                }
                Ok(Loaded::Destroyed)
            }
            Record::Erasure {
                reference,
                applied_at,
            } => {
                let at =
                    clock::parse(&applied_at).ok_or_else(|| bad("`applied_at` is not RFC 3339"))?;
                self.erasures.entry(reference).or_insert(at);
                Ok(Loaded::Erasure)
            }
        }
    }

    /// Every line of the key file: live keys, destroyed keys, applied erasures, in a stable
    /// order.
    pub fn dump(&self, pseudonym_kid: &str) -> Vec<Vec<u8>> {
        let mut live: Vec<&KeyId> = self.by_id.keys().collect();
        live.sort_by_key(|id| (self.by_id[*id].created_at, **id));
        let mut out: Vec<Vec<u8>> = live
            .into_iter()
            .map(|id| self.record(id, pseudonym_kid))
            .collect();
        let mut gone: Vec<(&KeyId, &Destroyed)> = self.destroyed.iter().collect();
        gone.sort_by_key(|(id, _)| **id);
        for (id, who) in gone {
            let mut line = b"{\"type\":\"destroyed\",\"id\":".to_vec();
            json_out::str(&mut line, &id_text(id));
            if let Some((mac, kid)) = who {
                line.extend_from_slice(b",\"subject\":");
                json_out::str(&mut line, &self.token(*kid, mac, pseudonym_kid));
            }
            line.push(b'}');
            out.push(line);
        }
        for (reference, at) in &self.erasures {
            let mut line = b"{\"type\":\"erasure\",\"reference\":".to_vec();
            json_out::str(&mut line, reference);
            line.extend_from_slice(b",\"applied_at\":");
            json_out::str(&mut line, &clock::format(*at));
            line.push(b'}');
            out.push(line);
        }
        out
    }
}
