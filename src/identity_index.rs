//! Cross-event interconnection index (I3): which destinations have received which person from
//! datasets of which purposes.
//!
//! Keyed by the HMAC of the normalised identity, never the identity itself, and bounded: the
//! oldest identities are evicted first, so memory does not grow with the input.
//!
//! One index serves a whole guard instance: [`IdentityIndex::shared`] gives another handle on
//! the same index, so that several threads judging events of different input partitions (Kafka
//! mode) correlate against one history. Each lookup-and-record is one short critical section.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

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

/// Bounded FIFO index of identity → history (a handle: see [`IdentityIndex::shared`]).
#[derive(Debug)]
pub struct IdentityIndex {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    map: HashMap<[u8; 32], History, BuildHasherDefault<TokenHasher>>,
    order: VecDeque<[u8; 32]>,
    capacity: usize,
}

impl IdentityIndex {
    pub fn new(capacity: usize) -> Self {
        IdentityIndex {
            inner: Arc::new(Mutex::new(Inner {
                map: HashMap::default(),
                order: VecDeque::new(),
                capacity: capacity.max(1),
            })),
        }
    }

    /// Another handle on the same index (for another judging thread).
    pub fn shared(&self) -> IdentityIndex {
        IdentityIndex {
            inner: self.inner.clone(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves a consistent map (each step is one insert or
        // remove), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().map.is_empty()
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
        let mut guard = self.lock();
        let this = &mut *guard;
        let mut correlated = false;
        for id in identities {
            if let Some(h) = this.map.get(id) {
                correlated |= h
                    .iter()
                    .any(|(d, p)| *p != purpose && destinations.contains(d));
            }
        }
        if destinations.is_empty() {
            return correlated;
        }
        for id in identities {
            let h = match this.map.get_mut(id) {
                Some(h) => h,
                None => {
                    if this.map.len() >= this.capacity {
                        if let Some(old) = this.order.pop_front() {
                            this.map.remove(&old);
                        }
                    }
                    this.order.push_back(*id);
                    this.map.entry(*id).or_default()
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

    #[test]
    fn shared_handles_see_one_history() {
        let mut a = IdentityIndex::new(10);
        let mut b = a.shared();
        let person = [5u8; 32];
        assert!(!a.correlate_and_record(&[person], 1, &[0]));
        assert!(b.correlate_and_record(&[person], 2, &[0]));
        assert_eq!(a.len(), 1);
        let t = std::thread::spawn(move || b.correlate_and_record(&[person], 3, &[0]));
        assert!(t.join().unwrap());
    }
}
