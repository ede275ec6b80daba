//! Cross-event interconnection index (I3): which destinations have received which person from
//! datasets of which purposes.
//!
//! Keyed by the HMAC of the normalised identity, never the identity itself, and bounded: the
//! oldest identities are evicted first, so memory does not grow with the input.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use crate::policy::PurposeId;

/// One identity's history: (destination index, purpose of the source dataset).
type History = Vec<(u16, PurposeId)>;

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

/// Bounded FIFO index of identity → history.
#[derive(Debug)]
pub struct IdentityIndex {
    map: HashMap<[u8; 32], History, BuildHasherDefault<TokenHasher>>,
    order: VecDeque<[u8; 32]>,
    capacity: usize,
}

impl IdentityIndex {
    pub fn new(capacity: usize) -> Self {
        IdentityIndex {
            map: HashMap::default(),
            order: VecDeque::new(),
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
    /// person from a dataset of another purpose (I3).
    pub fn correlate_and_record(
        &mut self,
        identities: &[[u8; 32]],
        purpose: PurposeId,
        destinations: &[u16],
    ) -> bool {
        let mut correlated = false;
        for id in identities {
            if let Some(h) = self.map.get(id) {
                correlated |= h
                    .iter()
                    .any(|(d, p)| *p != purpose && destinations.contains(d));
            }
        }
        if destinations.is_empty() {
            return correlated;
        }
        for id in identities {
            let h = match self.map.get_mut(id) {
                Some(h) => h,
                None => {
                    if self.map.len() >= self.capacity {
                        if let Some(old) = self.order.pop_front() {
                            self.map.remove(&old);
                        }
                    }
                    self.order.push_back(*id);
                    self.map.entry(*id).or_default()
                }
            };
            for d in destinations {
                if !h.contains(&(*d, purpose)) {
                    h.push((*d, purpose));
                }
            }
        }
        correlated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i3_same_person_other_purpose_same_destination_is_correlated() {
        let mut idx = IdentityIndex::new(10);
        let person = [1u8; 32];
        assert!(!idx.correlate_and_record(&[person], 1, &[0, 4]));
        // Same purpose again: not an interconnection.
        assert!(!idx.correlate_and_record(&[person], 1, &[0]));
        // Another purpose, same destination: I3.
        assert!(idx.correlate_and_record(&[person], 2, &[0]));
        // Another purpose, another destination: not I3.
        assert!(!idx.correlate_and_record(&[person], 3, &[2]));
    }

    #[test]
    fn capacity_bounds_memory() {
        let mut idx = IdentityIndex::new(3);
        for i in 0..10u8 {
            idx.correlate_and_record(&[[i; 32]], 1, &[0]);
        }
        assert_eq!(idx.len(), 3);
        // The oldest were evicted: no correlation remembered for them.
        assert!(!idx.correlate_and_record(&[[0; 32]], 2, &[0]));
        assert!(idx.correlate_and_record(&[[9; 32]], 2, &[0]));
    }
}
