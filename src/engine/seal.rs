//! Sealing one event's values (P2; crypto-shredding, issue 13): under the person's data key when
//! the deployment has a subject key store and the event has an identity, else under the master
//! encryption key as before.
//!
//! The data key is looked up (or the person's keys created) on the first value the event
//! seals, not before: an event that seals nothing creates no key.

use std::cell::{OnceCell, RefCell};

use crate::crypto::Keyring;
use crate::subject_keys::{DataKey, KeyId, SubjectKeys, SubjectMac, Use};

/// Seals the values of one event; shared by every destination's copy of it.
pub(crate) struct Sealer<'a> {
    keyring: &'a Keyring,
    keys: Option<&'a SubjectKeys>,
    subjects: &'a [SubjectMac],
    key: OnceCell<Option<DataKey>>,
    /// Keys used that are not durable yet.
    pending: RefCell<Vec<KeyId>>,
}

impl<'a> Sealer<'a> {
    pub fn new(
        keyring: &'a Keyring,
        keys: Option<&'a SubjectKeys>,
        subjects: &'a [SubjectMac],
    ) -> Sealer<'a> {
        Sealer {
            keyring,
            keys,
            subjects,
            key: OnceCell::new(),
            pending: RefCell::new(Vec::new()),
        }
    }

    /// `enc:…` of `plaintext` bound to `aad` (the field path); `None` when the person's data key
    /// cannot be had (a key record wrapped under a master key no longer configured): the value
    /// is then not forwarded at all rather than sealed where an erasure could not reach it.
    pub fn encrypt(&self, aad: &str, plaintext: &[u8]) -> Option<String> {
        if self.keys.is_none() || self.subjects.is_empty() {
            return Some(self.keyring.encrypt(aad, plaintext));
        }
        let key = self
            .key
            .get_or_init(|| self.data_key(Use::Field))
            .as_ref()?;
        Some(key.seal(self.keyring.current_id(), aad.as_bytes(), plaintext))
    }

    fn data_key(&self, use_: Use) -> Option<DataKey> {
        let keys = self.keys?;
        match keys.data_key(self.subjects, use_, &mut self.pending.borrow_mut()) {
            Ok(k) => Some(k),
            Err(e) => {
                // The error names a key id, never a value.
                tracing::error!(error = %e, "no subject data key: the value is not forwarded");
                None
            }
        }
    }

    /// Seals a dead letter's payload (`master`: the dead-letter keyring) under the person's
    /// dead-letter data key, or the master key when there is no person or no store.
    pub fn dead_letter(&self, master: &Keyring, aad: &str, raw: &[u8]) -> String {
        if self.keys.is_some() && !self.subjects.is_empty() {
            if let Some(k) = self.data_key(Use::DeadLetter) {
                return k.seal(master.current_id(), aad.as_bytes(), raw);
            }
        }
        master.encrypt(aad, raw)
    }

    /// The keys to publish before the event's outputs.
    pub fn into_pending(self) -> Vec<KeyId> {
        self.pending.into_inner()
    }
}
