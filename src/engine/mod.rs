//! The guard: one input event in, its forwarded copies, dead-letter record and audit record out.
//!
//! Built once from a compiled [`Policy`] and its keys; [`Guard::process`] is the hot path that
//! file mode and Kafka mode both drive, so that both judge identically. It runs five phases,
//! each in its own module with a typed value between them:
//!
//! 1. [`intake`]: bytes → a parsed, schema-valid lead and its subject, or a rejection;
//! 2. [`scan`]: one walk of the event → contacts, findings, free-text redactions, the items
//!    copies are replayed from;
//! 3. [`decide`]: per destination, the verdict (channels, basis, reasons, blocking checks);
//! 4. [`treat`]: per forwarded destination, the copy with each field treated
//!    ([`crate::treatment`]);
//! 5. [`record`]: the audit record (and [`dead_letter`] for a rejected input).

use std::sync::Arc;

use serde_json::Value;

use crate::audit::{AuditChain, AuditRecord, InputRef};
use crate::clock::Timestamp;
use crate::crypto::{Keyring, SecretKey, TokenKey};
use crate::detect::{DetectError, TextScanner};
use crate::identity_index::{IdentityIndex, SharedIndex};
use crate::json_out;
use crate::policy::Policy;
use crate::rules::interconnection;
use crate::subject_keys::{KeyId, SubjectKeyError, SubjectKeys, Use};
use crate::treatment::Treatment;
use crate::verdict::Outcome;
use crate::withdrawals::{SuppressionList, WithdrawalTable};

mod dead_letter;
mod decide;
mod erase;
pub use erase::Erasure;
mod intake;
mod record;
mod scan;
mod seal;
pub(crate) use seal::Sealer;
mod treat;

/// The guard cannot start.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("cannot start: {} problem(s):\n  - {}", .0.len(), .0.join("\n  - "))]
    Setup(Vec<String>),
}

/// Schema of forwarded copies' `leadguard` member.
pub const FORWARD_SCHEMA_NAME: &str = "leadguard.lead/v1";
/// Schema of dead-letter records.
pub const DEAD_LETTER_SCHEMA_NAME: &str = "leadguard.dead-letter/v1";

/// A copy for one destination.
#[derive(Debug, Clone)]
pub struct Output {
    /// Index of the destination in the policy.
    pub destination: usize,
    /// Record key: the subject token, so one person's events stay in order downstream. Shared
    /// by the event's copies: one allocation per event, not one per copy.
    pub key: Option<Arc<str>>,
    pub payload: Vec<u8>,
}

/// Everything one input event produced.
#[derive(Debug)]
pub struct Processed {
    pub outcome: Outcome,
    pub outputs: Vec<Output>,
    /// Dead-letter record of a rejected event.
    pub dead_letter: Option<Vec<u8>>,
    /// The audit record, not yet sealed into its chain.
    pub audit: AuditRecord,
    /// I3 history to share with the other instances (only when the state publishes it).
    pub identity_updates: Vec<IdentityUpdate>,
    /// Subject keys this event's outputs are sealed with that are not yet durable: the driver
    /// must [publish](SubjectKeys::publish) them, and have them acknowledged, before it writes
    /// the outputs and the dead letter.
    pub subject_keys: Vec<KeyId>,
}

/// One identity's I3 history, for the identities topic: keyed by the identity's pseudonymous
/// index key (hex), never by a value in clear.
#[derive(Debug, Clone)]
pub struct IdentityUpdate {
    pub key: String,
    pub payload: Vec<u8>,
}

/// The mutable state a guard instance keeps between events.
pub struct State {
    pub index: SharedIndex,
    /// Whether the I3 history this instance adds is published for the others.
    publish: bool,
    /// The subject key store (crypto-shredding), when the deployment has one; without it,
    /// values are sealed under the master encryption key.
    keys: Option<Arc<SubjectKeys>>,
    /// The previous event's parsed tree, parsed into again by the next event (see
    /// [`crate::json_in`]). It holds personal values, so it is never printed.
    event: Value,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("index", &self.index)
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl State {
    /// Seals this state's events under per-subject data keys from `keys`.
    pub fn with_subject_keys(mut self, keys: Option<Arc<SubjectKeys>>) -> State {
        self.keys = keys;
        self
    }
}

/// The compiled guard.
pub struct Guard {
    pub policy: Policy,
    scanner: TextScanner,
    pseudonym: TokenKey,
    keyring: Keyring,
    dead_letter: Keyring,
    /// An HMAC of the dead-letter key, mixed into subject-keyed dead letters so that reading
    /// them still needs the dead-letter key (see [`crate::subject_keys`]).
    dead_letter_mix: SecretKey,
    audit_key: TokenKey,
    suppression: SuppressionList,
    /// Plan of the policy's defaults, for the `action` of findings.
    default_actions: Vec<Treatment>,
    /// Per destination, the start of the `leadguard` member every copy ends with (its fixed
    /// part, rendered once): `"leadguard":{"schema":…,"destination":…,"purpose":…,"channels":[`.
    copy_heads: Vec<Vec<u8>>,
    /// The end of that member: `,"policy_version":…}}`.
    copy_tail: Vec<u8>,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("policy_version", &self.policy.version)
            .field("destinations", &self.policy.destinations.len())
            .finish_non_exhaustive()
    }
}

impl Guard {
    /// Loads the keys named by the policy and builds the runtime objects; every problem at once.
    pub fn new(policy: Policy, suppression: SuppressionList) -> Result<Guard, GuardError> {
        let mut problems = Vec::new();
        let base = policy.base_dir.clone();
        let mut load = |name: &str, spec: &crate::crypto::KeySpec| match spec.load(&base) {
            Ok(k) => Some((spec.id.clone(), k)),
            Err(e) => {
                problems.push(format!("keys.{name}: {e}"));
                None
            }
        };
        let pseudonym = load("pseudonym", &policy.keys.pseudonym);
        let encryption = load("encryption", &policy.keys.encryption);
        let audit = load("audit", &policy.keys.audit);
        let dead_letter = load("dead_letter", &policy.keys.dead_letter);
        let previous: Vec<_> = policy
            .keys
            .encryption_previous
            .iter()
            .filter_map(|s| load("encryption_previous", s))
            .collect();
        let scanner = match TextScanner::new(&policy.vocabulary, &policy.default_country_code) {
            Ok(s) => Some(s),
            Err(DetectError::Vocabulary(list)) => {
                problems.extend(list);
                None
            }
            Err(e) => {
                problems.push(format!("lexicons: {e}"));
                None
            }
        };
        let (Some(pseudonym), Some(encryption), Some(audit), Some(dead_letter), Some(scanner)) =
            (pseudonym, encryption, audit, dead_letter, scanner)
        else {
            return Err(GuardError::Setup(problems));
        };
        if !problems.is_empty() {
            return Err(GuardError::Setup(problems));
        }
        let default_actions = policy.default_actions.clone();
        let copy_heads = policy
            .destinations
            .iter()
            .map(|d| {
                let mut head = Vec::with_capacity(128);
                head.extend_from_slice(b"\"leadguard\":{\"schema\":");
                json_out::str(&mut head, FORWARD_SCHEMA_NAME);
                head.extend_from_slice(b",\"destination\":");
                json_out::str(&mut head, d.name);
                head.extend_from_slice(b",\"purpose\":");
                json_out::str(&mut head, &policy.purposes[d.purpose as usize].name);
                head.extend_from_slice(b",\"channels\":[");
                head
            })
            .collect();
        let dead_letter_mix = SecretKey::from_bytes(
            TokenKey::new(dead_letter.0.clone(), dead_letter.1.clone())
                .mac(&[b"leadguard.subject-dead-letter/v1"]),
        );
        let mut copy_tail = b",\"policy_version\":".to_vec();
        json_out::str(&mut copy_tail, policy.version);
        copy_tail.extend_from_slice(b"}}");
        Ok(Guard {
            scanner,
            pseudonym: TokenKey::new(pseudonym.0, pseudonym.1),
            keyring: Keyring::new(encryption, previous),
            dead_letter: Keyring::new(dead_letter, Vec::new()),
            dead_letter_mix,
            audit_key: TokenKey::new(audit.0, audit.1),
            suppression,
            default_actions,
            copy_heads,
            copy_tail,
            policy,
        })
    }

    /// A fresh per-instance state.
    pub fn new_state(&self) -> State {
        self.shared_state(self.new_index(), false)
    }

    /// A state on an index shared with other threads; `publish` fills
    /// [`Processed::identity_updates`] with the history each event adds (I3 across instances).
    pub fn shared_state(&self, index: SharedIndex, publish: bool) -> State {
        State {
            index,
            publish,
            keys: None,
            event: Value::Null,
        }
    }

    /// A new I3 index sized by the policy.
    pub fn new_index(&self) -> SharedIndex {
        std::sync::Arc::new(std::sync::Mutex::new(IdentityIndex::new(
            self.policy.index_capacity,
        )))
    }

    /// A chain writer for an input partition or file, resumed from `head` if given. A new chain
    /// keeps its Merkle tree when the policy checkpoints; a resumed one needs its tree back from
    /// its last checkpoint ([`AuditChain::keep_tree`]).
    pub fn audit_chain(&self, id: String, head: Option<(u64, String)>) -> AuditChain {
        let fresh = head.is_none();
        let mut chain = AuditChain::new(self.audit_key.clone(), id, head);
        if fresh && self.policy.checkpoints.is_some() {
            chain.keep_tree(crate::merkle::Frontier::default());
        }
        chain
    }

    /// The chain's signed checkpoint record when one is due, or `force`d and the chain grew
    /// (`None` when the policy does not checkpoint).
    pub fn checkpoint(
        &self,
        chain: &mut AuditChain,
        input: &str,
        now: Timestamp,
        force: bool,
    ) -> Option<Vec<u8>> {
        let settings = self.policy.checkpoints.as_ref()?;
        chain.checkpoint(settings, input, now, force)
    }

    /// The audit key, for verification tools.
    pub fn audit_key(&self) -> &TokenKey {
        &self.audit_key
    }

    /// The pseudonymisation key, for subject look-ups (same token as the guard's).
    pub fn pseudonym_key(&self) -> &TokenKey {
        &self.pseudonym
    }

    /// The free-text scanner compiled from the policy's vocabularies.
    pub fn scanner(&self) -> &TextScanner {
        &self.scanner
    }

    /// Field-encryption keys, for `leadguard decrypt`.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// Dead-letter keys, for replay.
    pub fn dead_letter_keyring(&self) -> &Keyring {
        &self.dead_letter
    }

    /// An empty subject key store for this guard's keys (wrapping with the encryption key),
    /// keeping up to `cache_capacity` data-key ciphers ready.
    pub fn subject_keys(&self, cache_capacity: usize) -> SubjectKeys {
        SubjectKeys::new(
            self.keyring.clone(),
            self.dead_letter_mix.clone(),
            self.pseudonym.id(),
            cache_capacity,
        )
    }

    /// Decrypts an encrypted field value for `path` (`leadguard decrypt`): under the person's
    /// data key when the envelope names one (`keys` is then needed), else the master key.
    ///
    /// # Errors
    ///
    /// [`SubjectKeyError::Erased`] when the value was crypto-shredded, and the other
    /// [`SubjectKeyError`]s.
    pub fn decrypt_value(
        &self,
        keys: Option<&SubjectKeys>,
        path: &str,
        envelope: &str,
    ) -> Result<Vec<u8>, SubjectKeyError> {
        match keys {
            Some(k) => k.open(&self.keyring, Use::Field, path.as_bytes(), envelope),
            None => Ok(self.keyring.decrypt(path, envelope)?),
        }
    }

    /// The subject token of a normalised identity (P1, P3).
    pub fn subject_token(&self, normalised: &str) -> String {
        self.pseudonym.token(normalised.as_bytes())
    }

    /// Judges one raw input event.
    pub fn process(
        &self,
        raw: &[u8],
        input: &InputRef,
        now: Timestamp,
        withdrawals: &WithdrawalTable,
        state: &mut State,
    ) -> Processed {
        if raw.len() > self.policy.max_event_bytes {
            return self.reject_too_large(raw, raw.len(), input, now);
        }
        let mut value = std::mem::take(&mut state.event);
        let keys = state.keys.as_deref();
        let processed = match self.admit(raw, &mut value) {
            Ok(event) => {
                let scan = self.scan(event.value);
                let mut decided = self.decide(&event, &scan, now, withdrawals);
                let sealer = seal::Sealer::new(&self.keyring, keys, &event.subject.macs);
                let treated = self.treat(&event, &scan, &mut decided, &sealer);
                let subject_keys = sealer.into_pending();
                // I3: the same person from datasets of other purposes, to the same destination.
                let forwarded: Vec<u16> = treated
                    .outputs
                    .iter()
                    .map(|o| o.destination as u16)
                    .collect();
                let mut changed = Vec::new();
                let mut index = state.index.lock().unwrap_or_else(|p| p.into_inner());
                let correlated = index.correlate_and_record(
                    &event.subject.macs,
                    event.purpose,
                    &forwarded,
                    &mut changed,
                );
                let updates = if state.publish {
                    changed
                        .iter()
                        .map(|k| {
                            interconnection::identity_update(&self.policy, k, &index.history(k))
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                drop(index);
                let mut p = self.record(input, event, scan, decided, treated, correlated);
                p.identity_updates = updates;
                p.subject_keys = subject_keys;
                p
            }
            Err(rejection) => self.reject(raw, input, now, rejection, keys),
        };
        state.event = value;
        processed
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_consent_proofs;
#[cfg(test)]
mod tests_consent_texts;
#[cfg(test)]
mod tests_identifiers;
#[cfg(test)]
mod tests_signals;
