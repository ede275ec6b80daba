//! Per-subject data keys, for crypto-shredding (GDPR art. 17; issue 13).
//!
//! Why: the copies the guard writes to Kafka topics and files are immutable and copied further
//! (CRM, analytics, dead letters); an erasure cannot delete them. Instead every value the guard
//! encrypts for a person is sealed under a data key of that person, and erasing the person
//! destroys the key: every ciphertext of theirs, wherever it was copied, becomes noise.
//!
//! - **One key per identity.** A person is known by the keyed MAC of their normalised e-mail and
//!   of their normalised phone (the subject tokens, P1, P3). Each identity gets its own random
//!   256-bit key, created on first use and stored only **wrapped** (AES-256-GCM under the master
//!   encryption key, bound to the key id and the identity): a key derived from the master key
//!   alone could be re-derived, so it could not be destroyed.
//! - **One data key per event.** An event's values are sealed under
//!   `HKDF-SHA256(key of the e-mail ‖ key of the phone)`, so an erasure naming *either* identity
//!   shreds them. The envelope names the keys: `enc:<kid>:<key id>[.<key id>]:<payload>`
//!   ([`crate::crypto::envelope`]); older envelopes without a reference still decrypt with the
//!   master key.
//! - **Dead letters** of a rejected event whose subject is known are sealed the same way, with the
//!   dead-letter key mixed into the derivation, so that reading them still needs that key too.
//!
//! The store here is the in-memory table and its rules; where records live is the driver's
//! business: a JSON-lines file in file mode ([`mod@file`]), a compacted topic in Kafka mode
//! (`kafka::subject_keys`). A driver must have a key record **acknowledged before** it writes any
//! output sealed with it ([`SubjectKeys::publish`], [`SubjectKeys::confirm`]), and writes a key's
//! destruction after its record, through the same ordered channel.

pub mod file;
mod table;

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use aes_gcm::{Aes256Gcm, Key, KeyInit};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hkdf::Hkdf;
use rand::RngCore;
use rustc_hash::FxHashMap;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::crypto::{envelope, open_with, seal_with, CryptoError, Envelope, Keyring, SecretKey};

use table::{Inner, Stage};
pub use table::{Loaded, Record};

/// Length of a key id: 96 random bits, so that ids created by independent instances never
/// collide in practice (a compacted topic keeps one record per id).
pub const ID_LEN: usize = 12;
/// A subject key id (rendered base64url, 16 characters).
pub type KeyId = [u8; ID_LEN];
/// The keyed MAC of a normalised identity: the hex of a subject token.
pub type SubjectMac = [u8; 32];

/// How long after an erasure's timestamp a key created for its person is still one the erasure
/// destroys when an instance **rebuilds** its state (start-up): the time another instance may
/// take to learn of the erasure, plus clock skew. Keys created later belong to a new relationship
/// (consent captured after the erasure). While running, an erasure destroys every key it finds.
pub const ERASURE_SETTLE_SECONDS: i64 = 60;

/// Ciphers of data keys kept ready (the AES key schedule and the HKDF are not redone for a
/// person seen again): about 1 KB each.
pub const DEFAULT_CACHE_CAPACITY: usize = 16_384;

/// How long a driver waits for a key another thread is publishing.
const PUBLISH_WAIT: Duration = Duration::from_secs(60);

/// Associated data of a wrapped key: bound to its id and identity, so a wrapped key copied to
/// another record does not unwrap.
const WRAP_AAD: &[u8] = b"leadguard.subject-key/v1\0";
/// HKDF salt of data keys.
const HKDF_SALT: &[u8] = b"leadguard.subject-data/v1";

/// What a data key seals: the two never share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Use {
    /// Field values of forwarded copies (the `encrypt` treatment, S2, IBANs).
    Field,
    /// The payload of a dead letter.
    DeadLetter,
}

impl Use {
    fn info(self) -> &'static [u8] {
        match self {
            Use::Field => b"field",
            Use::DeadLetter => b"dead-letter",
        }
    }
}

/// Why a subject key cannot be used or read. Never carries key material or a personal value.
#[derive(Debug, thiserror::Error)]
pub enum SubjectKeyError {
    /// The key was destroyed by an erasure request: the value is crypto-shredded.
    #[error("subject key erased: the value was crypto-shredded (key {id} destroyed by an erasure request)")]
    Erased { id: String },
    /// The key store has no such key.
    #[error(
        "subject key {id} is not in the key store (another store, or erased and compacted away)"
    )]
    Unknown { id: String },
    /// The envelope's key reference cannot be read.
    #[error("malformed subject key reference")]
    MalformedRef,
    /// A key record cannot be read (the message names the problem, never the content).
    #[error("subject key record: {0}")]
    Record(String),
    /// Another thread's key was not acknowledged in time.
    #[error("a subject key being published by another worker was not acknowledged within {0:?}")]
    NotPublished(Duration),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

/// A write a driver must make durable: a key record, or its destruction.
#[derive(Debug, Clone, Copy)]
pub enum KeyWrite<'a> {
    /// A new key: `record` is the JSON record (wrapped key, never in clear), keyed by `id`.
    Key { id: &'a str, record: &'a [u8] },
    /// The key `id` is destroyed (Kafka: a tombstone).
    Tombstone { id: &'a str },
}

/// A data key ready to seal one event's values.
#[derive(Clone)]
pub struct DataKey {
    reference: Arc<str>,
    cipher: Arc<Aes256Gcm>,
}

impl DataKey {
    /// `enc:<kid>:<reference>:<payload>`: sealed with a fresh nonce, `aad` bound.
    pub fn seal(&self, kid: &str, aad: &[u8], plaintext: &[u8]) -> String {
        envelope(
            kid,
            Some(&self.reference),
            &seal_with(&self.cipher, aad, plaintext),
        )
    }

    /// The key reference written into envelopes.
    pub fn reference(&self) -> &str {
        &self.reference
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey")
            .field("reference", &self.reference)
            .finish_non_exhaustive()
    }
}

/// Keys a driver enqueued for durability ([`SubjectKeys::publish`]) and must confirm once they
/// are acknowledged ([`SubjectKeys::confirm`]).
#[derive(Debug)]
pub struct Publication<A> {
    /// The acknowledgements to wait for, one per write enqueued.
    pub acks: Vec<A>,
    mine: Vec<KeyId>,
    theirs: Vec<KeyId>,
}

/// What an erasure did to the keys.
#[derive(Debug)]
pub struct Erased<A> {
    /// Keys destroyed now.
    pub now: u32,
    /// Keys of these identities destroyed so far, by this erasure or earlier ones.
    pub total: u32,
    /// Acknowledgements of the destructions written.
    pub acks: Vec<A>,
}

/// The subject key store shared by every judging thread of an instance. `Debug` shows counts.
pub struct SubjectKeys {
    /// Wraps new keys with the current master encryption key, unwraps with any of them.
    keyring: Keyring,
    /// Mixed into dead-letter data keys (an HMAC of the dead-letter key, see the module doc).
    dead_letter_mix: SecretKey,
    /// Key id of the pseudonymisation key, for the tokens written into records.
    pseudonym_kid: String,
    inner: Mutex<Inner>,
    /// Signalled when keys become published.
    published: Condvar,
}

impl std::fmt::Debug for SubjectKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("SubjectKeys")
            .field("keys", &inner.by_id.len())
            .field("destroyed", &inner.destroyed.len())
            .field("cached", &inner.cache.map.len())
            .finish_non_exhaustive()
    }
}

/// Base64url of a key id.
pub fn id_text(id: &KeyId) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

fn parse_id(text: &str) -> Option<KeyId> {
    let mut id = [0u8; ID_LEN];
    (text.len() == 16 && URL_SAFE_NO_PAD.decode_slice(text, &mut id).ok()? == ID_LEN).then_some(id)
}

fn wrap_aad(id: &KeyId, subject: &SubjectMac) -> Vec<u8> {
    let mut aad = Vec::with_capacity(WRAP_AAD.len() + ID_LEN + 32);
    aad.extend_from_slice(WRAP_AAD);
    aad.extend_from_slice(id);
    aad.extend_from_slice(subject);
    aad
}

impl SubjectKeys {
    /// An empty store. `dead_letter_mix` comes from the guard ([`crate::engine::Guard`] builds
    /// stores with [`crate::engine::Guard::subject_keys`]).
    pub fn new(
        keyring: Keyring,
        dead_letter_mix: SecretKey,
        pseudonym_kid: &str,
        cache_capacity: usize,
    ) -> SubjectKeys {
        SubjectKeys {
            keyring,
            dead_letter_mix,
            pseudonym_kid: pseudonym_kid.to_string(),
            inner: Mutex::new(Inner::new(cache_capacity)),
            published: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Live keys held.
    pub fn len(&self) -> usize {
        self.lock().by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The data key of an event about `subjects` (the MACs of its e-mail and phone, in that
    /// order; one or two), creating the identities' keys on first use. Ids of keys not yet
    /// acknowledged are added to `pending`: the caller must [`publish`](Self::publish) and
    /// [`confirm`](Self::confirm) them before writing anything sealed with the key.
    pub fn data_key(
        &self,
        subjects: &[SubjectMac],
        use_: Use,
        pending: &mut Vec<KeyId>,
    ) -> Result<DataKey, SubjectKeyError> {
        let mut inner = self.lock();
        let mut ids = Vec::with_capacity(subjects.len());
        for s in subjects {
            let id = match inner.current(s) {
                Some(id) => id,
                None => self.create(&mut inner, s),
            };
            if inner.by_id[&id].stage != Stage::Published && !pending.contains(&id) {
                pending.push(id);
            }
            ids.push(id);
        }
        self.derive(&mut inner, &ids, use_)
    }

    /// A new key for `subject`, wrapped, not yet published.
    fn create(&self, inner: &mut Inner, subject: &SubjectMac) -> KeyId {
        let mut id = [0u8; ID_LEN];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let key = SecretKey::generate();
        let (kid, sealed) = self
            .keyring
            .seal(&wrap_aad(&id, subject), key.expose_secret());
        let created_at = crate::clock::now();
        let created = inner.insert(
            id,
            subject,
            &self.pseudonym_kid,
            kid,
            &sealed,
            created_at,
            Stage::Created,
        );
        debug_assert!(created, "a sealed 256-bit key has the wrapped length");
        id
    }

    /// The cipher of the data key of `ids` for `use_`: from the cache, else unwrapped and
    /// derived (and cached).
    fn derive(
        &self,
        inner: &mut Inner,
        ids: &[KeyId],
        use_: Use,
    ) -> Result<DataKey, SubjectKeyError> {
        let reference: String = ids.iter().map(id_text).collect::<Vec<_>>().join(".");
        let ck = table::CacheKey::new(ids, use_);
        if let Some(cipher) = inner.cache.get(&ck) {
            return Ok(DataKey {
                reference: reference.into(),
                cipher,
            });
        }
        let mut ikm = Zeroizing::new(Vec::with_capacity(32 * 3));
        for id in ids {
            let Some(e) = inner.by_id.get(id) else {
                return Err(if inner.destroyed.contains_key(id) {
                    SubjectKeyError::Erased { id: id_text(id) }
                } else {
                    SubjectKeyError::Unknown { id: id_text(id) }
                });
            };
            let key = Zeroizing::new(self.keyring.open(
                &inner.kids[usize::from(e.wrap_kid)],
                &wrap_aad(id, &e.subject),
                e.sealed.to_vec(),
            )?);
            ikm.extend_from_slice(&key);
        }
        if use_ == Use::DeadLetter {
            ikm.extend_from_slice(self.dead_letter_mix.expose_secret());
        }
        let mut okm = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(HKDF_SALT), &ikm)
            .expand(use_.info(), &mut okm[..])
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        let cipher = Arc::new(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&okm[..])));
        inner.cache.insert(ck, cipher.clone());
        Ok(DataKey {
            reference: reference.into(),
            cipher,
        })
    }

    /// Opens an envelope sealed under a subject data key (or, without a key reference, under
    /// the master key), for `leadguard decrypt` and dead-letter replay.
    ///
    /// # Errors
    ///
    /// [`SubjectKeyError::Erased`] for a crypto-shredded value, [`SubjectKeyError::Unknown`],
    /// [`SubjectKeyError::MalformedRef`], [`SubjectKeyError::Crypto`].
    pub fn open(
        &self,
        master: &Keyring,
        use_: Use,
        aad: &[u8],
        envelope: &str,
    ) -> Result<Vec<u8>, SubjectKeyError> {
        let e = Envelope::parse(envelope)?;
        let Some(reference) = e.subject else {
            return Ok(master.open(e.kid, aad, e.sealed()?)?);
        };
        let ids: Vec<KeyId> = reference
            .split('.')
            .map(parse_id)
            .collect::<Option<_>>()
            .filter(|v: &Vec<KeyId>| (1..=2).contains(&v.len()))
            .ok_or(SubjectKeyError::MalformedRef)?;
        let key = self.derive(&mut self.lock(), &ids, use_)?;
        Ok(open_with(&key.cipher, aad, e.sealed()?)?)
    }

    /// Enqueues the records of `ids` not yet enqueued, through `send` (which must keep the order
    /// of its calls, and of [`erase`](Self::erase)'s, on the wire). Keys another thread already
    /// enqueued are waited for by [`confirm`](Self::confirm). A key destroyed before it was
    /// ever written is skipped: what it sealed is already shredded.
    pub fn publish<A, E>(
        &self,
        ids: &[KeyId],
        mut send: impl FnMut(KeyWrite<'_>) -> Result<A, E>,
    ) -> Result<Publication<A>, E> {
        let mut inner = self.lock();
        let mut p = Publication {
            acks: Vec::new(),
            mine: Vec::new(),
            theirs: Vec::new(),
        };
        for id in ids {
            let Some(stage) = inner.by_id.get(id).map(|e| e.stage) else {
                continue;
            };
            match stage {
                Stage::Created => {
                    let record = inner.record(id, &self.pseudonym_kid);
                    p.acks.push(send(KeyWrite::Key {
                        id: &id_text(id),
                        record: &record,
                    })?);
                    if let Some(e) = inner.by_id.get_mut(id) {
                        e.stage = Stage::Enqueued;
                    }
                    p.mine.push(*id);
                }
                Stage::Enqueued => p.theirs.push(*id),
                Stage::Published => {}
            }
        }
        Ok(p)
    }

    /// Marks the keys this caller published as acknowledged (call once every ack of the
    /// publication arrived), then waits for those other threads are publishing.
    ///
    /// # Errors
    ///
    /// [`SubjectKeyError::NotPublished`] when another thread's key is not acknowledged in time.
    pub fn confirm<A>(&self, p: &Publication<A>) -> Result<(), SubjectKeyError> {
        let mut inner = self.lock();
        for id in &p.mine {
            if let Some(e) = inner.by_id.get_mut(id) {
                e.stage = Stage::Published;
            }
        }
        if !p.mine.is_empty() {
            self.published.notify_all();
        }
        let waiting = |inner: &mut Inner| {
            p.theirs.iter().any(|id| {
                inner
                    .by_id
                    .get(id)
                    .is_some_and(|e| e.stage != Stage::Published)
            })
        };
        let (_inner, timeout) = self
            .published
            .wait_timeout_while(inner, PUBLISH_WAIT, waiting)
            .unwrap_or_else(|p| p.into_inner());
        if timeout.timed_out() {
            return Err(SubjectKeyError::NotPublished(PUBLISH_WAIT));
        }
        Ok(())
    }

    /// Destroys the keys of `subjects` (an erasure, GDPR art. 17): every key held for them, or
    /// only those created at or before `created_through` (unix seconds) when an instance
    /// replays an erasure while rebuilding its state. Destructions of keys already written are
    /// sent through `send`, after their records (same lock, same order); a key never written is
    /// just forgotten.
    pub fn erase<A, E>(
        &self,
        subjects: &[SubjectMac],
        created_through: Option<i64>,
        mut send: impl FnMut(KeyWrite<'_>) -> Result<A, E>,
    ) -> Result<Erased<A>, E> {
        let mut inner = self.lock();
        let mut erased = Erased {
            now: 0,
            total: 0,
            acks: Vec::new(),
        };
        for s in subjects {
            for id in inner.keys_of(s, created_through) {
                let Some(e) = inner.remove(&id) else {
                    continue;
                };
                erased.now += 1;
                if e.stage != Stage::Created {
                    erased
                        .acks
                        .push(send(KeyWrite::Tombstone { id: &id_text(&id) })?);
                }
            }
            erased.total += inner.destroyed_of(s);
        }
        // A waiting publisher must not wait for a key that no longer exists.
        self.published.notify_all();
        Ok(erased)
    }

    /// Applies one stored record: a key (kept unless destroyed before), or a destruction
    /// (`payload` None, Kafka's tombstone; `key` is the key id). Used to rebuild the table from
    /// the key file or topic, and to follow other instances' writes.
    ///
    /// # Errors
    ///
    /// [`SubjectKeyError::Record`]: not a key record (the message never quotes the content).
    pub fn load(
        &self,
        key: Option<&[u8]>,
        payload: Option<&[u8]>,
    ) -> Result<Loaded, SubjectKeyError> {
        let mut inner = self.lock();
        let loaded = inner.load(key, payload)?;
        if matches!(loaded, Loaded::Destroyed) {
            self.published.notify_all();
        }
        Ok(loaded)
    }

    /// Every stored line of the table, for rewriting the key file: live keys, then destroyed
    /// keys and applied erasures (file mode).
    pub fn dump(&self) -> Vec<Vec<u8>> {
        self.lock().dump(&self.pseudonym_kid)
    }

    /// When the erasure `reference` was first applied (file mode), if it was.
    pub fn erasure_applied_at(&self, reference: &str) -> Option<i64> {
        self.lock().erasures.get(reference).copied()
    }

    /// Records that the erasure `reference` was applied at `at` (file mode: a later run that
    /// applies the same erasure file again destroys only keys created before `at`).
    pub fn record_erasure(&self, reference: &str, at: i64) {
        self.lock()
            .erasures
            .entry(reference.to_string())
            .or_insert(at);
    }
}

/// Bounded cache of data-key ciphers, oldest inserted evicted first.
struct Cache {
    map: FxHashMap<table::CacheKey, Arc<Aes256Gcm>>,
    ring: VecDeque<table::CacheKey>,
    capacity: usize,
}

impl Cache {
    fn new(capacity: usize) -> Cache {
        Cache {
            map: FxHashMap::default(),
            ring: VecDeque::new(),
            capacity,
        }
    }

    fn get(&self, k: &table::CacheKey) -> Option<Arc<Aes256Gcm>> {
        self.map.get(k).cloned()
    }

    fn insert(&mut self, k: table::CacheKey, cipher: Arc<Aes256Gcm>) {
        if self.capacity == 0 {
            return;
        }
        while self.map.len() >= self.capacity {
            match self.ring.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
        if self.map.insert(k, cipher).is_none() {
            self.ring.push_back(k);
        }
    }

    /// Forgets every cipher derived from `id` (an erased key).
    fn forget(&mut self, id: &KeyId) {
        self.map.retain(|k, _| !k.has(id));
        self.ring.retain(|k| !k.has(id));
    }
}

#[cfg(test)]
mod tests;
