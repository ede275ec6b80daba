//! Cross-event interconnection index (I3): which destinations have received which person from
//! datasets of which purposes.
//!
//! Keyed by the HMAC of the normalised identity, never the identity itself, and bounded: the
//! oldest identities are evicted first, so memory does not grow with the input.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::policy::PurposeId;

/// The part of an identity's keyed HMAC the index keeps: 128 bits make a collision between two
/// people negligible (about 10⁻²⁴ for ten million identities) at half the memory of the whole
/// MAC.
pub type Key = [u8; 16];

/// The index shared by the threads of one instance: the judging workers and, when the history is
/// shared between instances, the reader of the identities topic.
pub type SharedIndex = std::sync::Arc<std::sync::Mutex<IdentityIndex>>;

/// The index's key of an identity's keyed HMAC.
pub fn key_of(mac: &[u8; 32]) -> Key {
    mac[..16].try_into().expect("16 of 32 bytes")
}

/// One identity's history: the (destination index, purpose of the source dataset) pairs it was
/// forwarded under. Up to six pairs of indices below 256 (every policy seen so far) are kept
/// inline in 16 bytes; more, or larger indices, go to the heap.
#[derive(Debug, Clone)]
enum History {
    Inline {
        len: u8,
        pairs: [(u8, u8); INLINE],
    },
    // A thin pointer keeps the enum at 16 bytes; the extra allocation is only paid by the few
    // histories that spill.
    #[allow(clippy::box_collection)]
    Heap(Box<Vec<(u16, PurposeId)>>),
}

const INLINE: usize = 6;

impl Default for History {
    fn default() -> Self {
        History::Inline {
            len: 0,
            pairs: [(0, 0); INLINE],
        }
    }
}

impl History {
    /// Whether a pair satisfies `f`.
    fn any(&self, f: impl Fn(u16, PurposeId) -> bool) -> bool {
        match self {
            History::Inline { len, pairs } => pairs[..usize::from(*len)]
                .iter()
                .any(|&(d, p)| f(d.into(), p.into())),
            History::Heap(v) => v.iter().any(|&(d, p)| f(d, p)),
        }
    }

    /// Every pair.
    fn to_vec(&self) -> Vec<(u16, PurposeId)> {
        match self {
            History::Inline { len, pairs } => pairs[..usize::from(*len)]
                .iter()
                .map(|&(d, p)| (d.into(), p.into()))
                .collect(),
            History::Heap(v) => v.to_vec(),
        }
    }

    /// Adds a pair unless present; whether it was added.
    fn insert(&mut self, d: u16, p: PurposeId) -> bool {
        if self.any(|d2, p2| (d2, p2) == (d, p)) {
            return false;
        }
        if let History::Inline { len, pairs } = self {
            let n = usize::from(*len);
            if let (true, Ok(d8), Ok(p8)) = (n < INLINE, u8::try_from(d), u8::try_from(p)) {
                pairs[n] = (d8, p8);
                *len += 1;
                return true;
            }
        }
        if let History::Inline { .. } = self {
            *self = History::Heap(Box::new(self.to_vec()));
        }
        if let History::Heap(v) = self {
            v.push((d, p));
        }
        true
    }
}

/// Hashes a keyed HMAC by taking its first eight bytes: the keys are already uniformly random
/// and cannot be chosen by an attacker without the pseudonymisation key, so SipHash would only
/// cost time.
#[derive(Default)]
struct TokenHasher(u64);

impl Hasher for TokenHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut first = [0u8; 8];
        let n = bytes.len().min(8);
        first[..n].copy_from_slice(&bytes[..n]);
        self.0 ^= u64::from_le_bytes(first);
    }

    fn write_usize(&mut self, _len: usize) {}

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Bounded FIFO index of identity → history: a 33-byte map slot (at the map's load factor,
/// 35 to 70 bytes an identity) and 16 bytes in the eviction ring.
pub struct IdentityIndex {
    map: HashMap<Key, History, BuildHasherDefault<TokenHasher>>,
    /// Keys in insertion order, a ring once full: `ring[next]` is the oldest then.
    ring: Vec<Key>,
    next: usize,
    capacity: usize,
}

/// Only the size: the keys are pseudonyms of people, and there may be millions.
impl std::fmt::Debug for IdentityIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityIndex")
            .field("identities", &self.map.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}

impl IdentityIndex {
    pub fn new(capacity: usize) -> Self {
        IdentityIndex {
            map: HashMap::default(),
            ring: Vec::new(),
            next: 0,
            capacity: capacity.max(1),
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Records that the person (any of `identities`) from a dataset of `purpose` was forwarded
    /// to `destinations`, and tells whether one of those destinations already received the same
    /// person from a dataset of another purpose (I3). The keys whose history gained a pair are
    /// added to `changed` (for sharing the history with other instances).
    pub fn correlate_and_record(
        &mut self,
        identities: &[[u8; 32]],
        purpose: PurposeId,
        destinations: &[u16],
        changed: &mut Vec<Key>,
    ) -> bool {
        let key = key_of;
        let mut correlated = false;
        for id in identities {
            if let Some(h) = self.map.get(&key(id)) {
                correlated |= h.any(|d, p| p != purpose && destinations.contains(&d));
            }
        }
        if destinations.is_empty() {
            return correlated;
        }
        for id in identities {
            let k = key(id);
            if !self.map.contains_key(&k) {
                self.remember(k);
            }
            let h = self.map.entry(k).or_default();
            let mut grew = false;
            for d in destinations {
                grew |= h.insert(*d, purpose);
            }
            if grew {
                changed.push(k);
            }
        }
        correlated
    }

    /// Merges pairs learnt from another instance (the identities topic) into a key's history.
    pub fn merge(&mut self, k: Key, pairs: &[(u16, PurposeId)]) {
        if !self.map.contains_key(&k) {
            self.remember(k);
        }
        let h = self.map.entry(k).or_default();
        for (d, p) in pairs {
            h.insert(*d, *p);
        }
    }

    /// A key's (destination, purpose) pairs.
    pub fn history(&self, k: &Key) -> Vec<(u16, PurposeId)> {
        self.map.get(k).map(History::to_vec).unwrap_or_default()
    }

    /// Puts a new key in the eviction order, evicting the oldest when full. The ring grows by
    /// doubling up to the capacity and never beyond it.
    fn remember(&mut self, k: Key) {
        if self.ring.len() < self.capacity {
            if self.ring.len() == self.ring.capacity() {
                let more = self
                    .ring
                    .len()
                    .max(1024)
                    .min(self.capacity - self.ring.len());
                self.ring.reserve_exact(more);
            }
            self.ring.push(k);
            return;
        }
        let old = std::mem::replace(&mut self.ring[self.next], k);
        self.map.remove(&old);
        self.next = (self.next + 1) % self.capacity;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i3_same_person_other_purpose_same_destination_is_correlated() {
        let mut idx = IdentityIndex::new(10);
        let person = [1u8; 32];
        assert!(!idx.correlate_and_record(&[person], 1, &[0, 4], &mut Vec::new()));
        // Same purpose again: not an interconnection.
        assert!(!idx.correlate_and_record(&[person], 1, &[0], &mut Vec::new()));
        // Another purpose, same destination: I3.
        assert!(idx.correlate_and_record(&[person], 2, &[0], &mut Vec::new()));
        // Another purpose, another destination: not I3.
        assert!(!idx.correlate_and_record(&[person], 3, &[2], &mut Vec::new()));
    }

    #[test]
    fn histories_past_six_pairs_or_large_indices_spill_and_keep_every_pair() {
        let mut h = History::default();
        for d in 0..8u16 {
            h.insert(d, 1);
            h.insert(d, 1);
        }
        h.insert(300, 2);
        assert!(matches!(h, History::Heap(_)));
        for d in 0..8u16 {
            assert!(h.any(|d2, p| (d2, p) == (d, 1)));
        }
        assert!(h.any(|d, p| (d, p) == (300, 2)));
        assert!(!h.any(|d, p| (d, p) == (8, 1)));
        let mut small = History::default();
        small.insert(4, 3);
        assert!(matches!(small, History::Inline { len: 1, .. }));
        assert_eq!(std::mem::size_of::<History>(), 16);
    }

    #[test]
    fn i3_changes_are_reported_and_merged_history_correlates() {
        let mut a = IdentityIndex::new(10);
        let person = [7u8; 32];
        let mut changed = Vec::new();
        a.correlate_and_record(&[person], 1, &[0, 2], &mut changed);
        assert_eq!(changed, [key_of(&person)]);
        changed.clear();
        a.correlate_and_record(&[person], 1, &[0], &mut changed);
        assert!(changed.is_empty(), "nothing new, nothing to share");
        // Another instance learns the history and correlates the same person from another
        // purpose.
        let mut b = IdentityIndex::new(10);
        b.merge(key_of(&person), &a.history(&key_of(&person)));
        assert_eq!(b.history(&key_of(&person)), [(0, 1), (2, 1)]);
        assert!(b.correlate_and_record(&[person], 2, &[2], &mut changed));
    }

    #[test]
    fn capacity_bounds_memory() {
        let mut idx = IdentityIndex::new(3);
        for i in 0..10u8 {
            idx.correlate_and_record(&[[i; 32]], 1, &[0], &mut Vec::new());
        }
        assert_eq!(idx.len(), 3);
        assert_eq!(
            format!("{idx:?}"),
            "IdentityIndex { identities: 3, capacity: 3 }"
        );
        // The oldest were evicted: no correlation remembered for them.
        assert!(!idx.correlate_and_record(&[[0; 32]], 2, &[0], &mut Vec::new()));
        assert!(idx.correlate_and_record(&[[9; 32]], 2, &[0], &mut Vec::new()));
    }
}
