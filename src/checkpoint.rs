//! Signed checkpoints of the audit chains: a chain's Merkle tree size and root, signed with an
//! Ed25519 key, so that anyone holding the public key can check the audit trail without the
//! secret audit key (and the operator, who holds that key, can no longer rewrite history that a
//! published checkpoint covers).
//!
//! Formats are the transparency-log ecosystem's, so existing tools read them:
//! - the checkpoint body is C2SP `tlog-checkpoint`: origin, tree size, base64 root hash, then
//!   extension lines (`leadguard-input <position>`, `leadguard-time <RFC 3339>`);
//! - it is a C2SP `signed-note`: a blank line, then `— <key name> <base64(key id ‖ signature)>`;
//! - keys are Go `note` keys: `PRIVATE+KEY+<name>+<id>+<base64(0x01 ‖ seed)>` (secret) and
//!   `<name>+<id>+<base64(0x01 ‖ public key)>` (public), the id being the first four bytes of
//!   SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).

use std::path::Path;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::clock::Timestamp;
use crate::merkle::{self, Frontier, Hash};
use crate::policy::config::CheckpointsConfig;

/// Schema name of checkpoint records (`checkpoints.jsonl`, the checkpoints topic).
pub const RECORD_SCHEMA: &str = "leadguard.checkpoint/v1";

/// The signature algorithm byte of Ed25519 note keys.
const ED25519: u8 = 0x01;
/// Starts every signature line of a signed note.
const SIGNATURE_PREFIX: &str = "\u{2014} ";
const INPUT_EXTENSION: &str = "leadguard-input ";
const TIME_EXTENSION: &str = "leadguard-time ";

/// Why a key or a checkpoint was refused. Never holds key material.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CheckpointError {
    #[error("not a note key: {0}")]
    Key(&'static str),
    #[error("malformed checkpoint: {0}")]
    Malformed(&'static str),
    #[error("no signature by key {0}")]
    Unsigned(String),
    #[error("the signature by key {0} does not verify (forged or altered checkpoint)")]
    BadSignature(String),
}

fn key_id(name: &str, public: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519]);
    h.update(public.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The key id of `public`, which must be the `id` (hex) the key text gave.
fn checked_id(name: &str, public: &VerifyingKey, id: &str) -> Result<[u8; 4], CheckpointError> {
    let computed = key_id(name, public);
    if hex::encode(computed) != id {
        return Err(CheckpointError::Key("the key id does not match the key"));
    }
    Ok(computed)
}

/// A key name as the note format allows it: non-empty, no space and no `+`.
fn check_name(name: &str) -> Result<(), CheckpointError> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '+') {
        return Err(CheckpointError::Key(
            "the name is empty or has a space or '+'",
        ));
    }
    Ok(())
}

/// The checkpoint signing key (secret). Its `Debug` shows the name and id only.
pub struct SignerKey {
    name: String,
    key: SigningKey,
    id: [u8; 4],
}

impl std::fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignerKey")
            .field("name", &self.name)
            .field("id", &hex::encode(self.id))
            .finish_non_exhaustive()
    }
}

impl SignerKey {
    /// A new random key named `name`; returns it with its secret and public texts.
    pub fn generate(name: &str) -> Result<(SignerKey, String, String), CheckpointError> {
        check_name(name)?;
        let mut seed = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed);
        let key = SigningKey::from_bytes(&seed);
        seed.zeroize();
        let signer = SignerKey {
            id: key_id(name, &key.verifying_key()),
            name: name.to_string(),
            key,
        };
        let mut material = vec![ED25519];
        material.extend_from_slice(signer.key.as_bytes());
        let secret = format!(
            "PRIVATE+KEY+{}+{}+{}",
            signer.name,
            hex::encode(signer.id),
            STANDARD.encode(&material)
        );
        material.zeroize();
        let public = signer.verifier().to_text();
        Ok((signer, secret, public))
    }

    /// Reads a secret key text (`PRIVATE+KEY+<name>+<id>+<base64>`).
    pub fn parse(text: &str) -> Result<SignerKey, CheckpointError> {
        let rest = text
            .trim()
            .strip_prefix("PRIVATE+KEY+")
            .ok_or(CheckpointError::Key(
                "a secret key starts with PRIVATE+KEY+",
            ))?;
        let (name, id, material) = split_key(rest)?;
        let mut bytes = STANDARD
            .decode(material)
            .map_err(|_| CheckpointError::Key("the key material is not base64"))?;
        let seed: Option<[u8; 32]> = match bytes.split_first() {
            Some((&ED25519, seed)) => seed.try_into().ok(),
            _ => None,
        };
        bytes.zeroize();
        let mut seed = seed.ok_or(CheckpointError::Key("not a 32-byte Ed25519 key"))?;
        let key = SigningKey::from_bytes(&seed);
        seed.zeroize();
        Ok(SignerKey {
            id: checked_id(name, &key.verifying_key(), id)?,
            name: name.to_string(),
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The public half.
    pub fn verifier(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            key: self.key.verifying_key(),
            id: self.id,
        }
    }
}

/// `<name>+<8 hex id>+<base64>` → its three parts.
fn split_key(text: &str) -> Result<(&str, &str, &str), CheckpointError> {
    // The base64 key itself may hold '+'.
    let mut parts = text.splitn(3, '+');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(name), Some(id), Some(material)) if id.len() == 8 => {
            check_name(name)?;
            Ok((name, id, material))
        }
        _ => Err(CheckpointError::Key("expected <name>+<id>+<key>")),
    }
}

/// A checkpoint verification key (public).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    key: VerifyingKey,
    id: [u8; 4],
}

impl VerifierKey {
    /// Reads a public key text (`<name>+<id>+<base64>`).
    pub fn parse(text: &str) -> Result<VerifierKey, CheckpointError> {
        let (name, id, material) = split_key(text.trim())?;
        let bytes = STANDARD
            .decode(material)
            .map_err(|_| CheckpointError::Key("the key material is not base64"))?;
        let key = match bytes.split_first() {
            Some((&ED25519, k)) => k
                .try_into()
                .ok()
                .and_then(|k: [u8; 32]| VerifyingKey::from_bytes(&k).ok()),
            _ => None,
        }
        .ok_or(CheckpointError::Key("not an Ed25519 public key"))?;
        Ok(VerifierKey {
            id: checked_id(name, &key, id)?,
            name: name.to_string(),
            key,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn to_text(&self) -> String {
        let mut material = vec![ED25519];
        material.extend_from_slice(self.key.as_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(self.id),
            STANDARD.encode(material)
        )
    }
}

/// One checkpoint of one chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's name: the key name, `/`, the chain id (escaped).
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// Input position of the last record covered (a Kafka offset or a file line).
    pub input: Option<String>,
    /// When it was made (RFC 3339).
    pub time: Option<String>,
}

/// The origin of a chain's log: `<key name>/<chain id>`, the chain id with spaces, `+` and `%`
/// percent-escaped (the format forbids the first two).
pub fn origin(key_name: &str, chain_id: &str) -> String {
    let mut out = format!("{key_name}/");
    for c in chain_id.chars() {
        if c.is_whitespace() || c == '+' || c == '%' || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Checkpoint {
    /// The note body that is signed.
    pub fn body(&self) -> String {
        let mut b = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        );
        if let Some(input) = &self.input {
            b.push_str(&format!("{INPUT_EXTENSION}{input}\n"));
        }
        if let Some(time) = &self.time {
            b.push_str(&format!("{TIME_EXTENSION}{time}\n"));
        }
        b
    }

    /// The signed note.
    pub fn sign(&self, key: &SignerKey) -> String {
        let body = self.body();
        let signature = key.key.sign(body.as_bytes());
        let mut blob = key.id.to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        format!(
            "{body}\n{SIGNATURE_PREFIX}{} {}\n",
            key.name,
            STANDARD.encode(blob)
        )
    }

    /// Verifies a signed note with `key` and reads the checkpoint it holds.
    pub fn open(note: &str, key: &VerifierKey) -> Result<Checkpoint, CheckpointError> {
        let (body, signatures) = note.rsplit_once("\n\n").ok_or(CheckpointError::Malformed(
            "no blank line before the signatures",
        ))?;
        let body = format!("{body}\n");
        let mut found = None;
        for line in signatures.lines() {
            let Some(rest) = line.strip_prefix(SIGNATURE_PREFIX) else {
                return Err(CheckpointError::Malformed("a signature line without '— '"));
            };
            let Some((name, blob)) = rest.split_once(' ') else {
                return Err(CheckpointError::Malformed(
                    "a signature line without a key name",
                ));
            };
            let blob = STANDARD
                .decode(blob)
                .map_err(|_| CheckpointError::Malformed("a signature that is not base64"))?;
            if name == key.name && blob.len() == 68 && blob[..4] == key.id {
                found = Some(blob);
            }
        }
        let blob = found.ok_or_else(|| CheckpointError::Unsigned(key.name.clone()))?;
        let signature = ed25519_dalek::Signature::from_slice(&blob[4..])
            .map_err(|_| CheckpointError::BadSignature(key.name.clone()))?;
        key.key
            .verify_strict(body.as_bytes(), &signature)
            .map_err(|_| CheckpointError::BadSignature(key.name.clone()))?;
        Self::parse_body(&body)
    }

    fn parse_body(body: &str) -> Result<Checkpoint, CheckpointError> {
        let mut lines = body.lines();
        let origin = lines
            .next()
            .filter(|o| !o.is_empty())
            .ok_or(CheckpointError::Malformed("no origin line"))?;
        let size = lines
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or(CheckpointError::Malformed("the tree size is not a number"))?;
        let root = lines
            .next()
            .and_then(|r| STANDARD.decode(r).ok())
            .and_then(|r| <Hash>::try_from(r).ok())
            .ok_or(CheckpointError::Malformed(
                "the root is not a base64 SHA-256 hash",
            ))?;
        let mut c = Checkpoint {
            origin: origin.to_string(),
            size,
            root,
            input: None,
            time: None,
        };
        for line in lines {
            if let Some(v) = line.strip_prefix(INPUT_EXTENSION) {
                c.input = Some(v.to_string());
            } else if let Some(v) = line.strip_prefix(TIME_EXTENSION) {
                c.time = Some(v.to_string());
            }
        }
        Ok(c)
    }
}

/// `[checkpoints]` of the policy, compiled: the signing key and how often to checkpoint.
#[derive(Debug)]
pub struct CheckpointSettings {
    pub signer: SignerKey,
    /// A checkpoint after this many records of a chain…
    pub every: u64,
    /// …or once this long has passed since the chain's last one (checked at each record).
    pub interval: Duration,
}

impl CheckpointSettings {
    /// Loads the key and checks the settings; every problem listed. Errors never hold the key.
    pub fn from_config(c: &CheckpointsConfig, base_dir: &Path) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let text = match (&c.key.file, &c.key.env) {
            (Some(file), None) => std::fs::read_to_string(base_dir.join(file))
                .map_err(|e| format!("cannot read {}: {e}", file.display())),
            (None, Some(var)) => {
                std::env::var(var).map_err(|_| format!("environment variable {var} is not set"))
            }
            _ => Err("give exactly one of `file` or `env`".to_string()),
        };
        let signer = text
            .and_then(|t| SignerKey::parse(&t).map_err(|e| e.to_string()))
            .map_err(|e| problems.push(format!("checkpoints.key: {e}")))
            .ok();
        if c.every == 0 {
            problems.push("checkpoints.every: must be at least 1".into());
        }
        let interval = humantime::parse_duration(&c.interval)
            .map_err(|_| {
                problems.push(format!(
                    "checkpoints.interval: {:?} is not a duration",
                    c.interval
                ))
            })
            .ok();
        match (signer, interval) {
            (Some(signer), Some(interval)) if problems.is_empty() => Ok(CheckpointSettings {
                signer,
                every: c.every,
                interval,
            }),
            _ => Err(problems),
        }
    }
}

/// One line of `checkpoints.jsonl` or one message of the checkpoints topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointRecord {
    pub schema: String,
    pub chain: String,
    pub size: u64,
    /// The signed note: what proves anything.
    pub note: String,
    /// The roots of the tree's perfect subtrees (hex), so that a restarted guard continues the
    /// tree without reading the chain again; checked against the signed root before use.
    #[serde(default)]
    pub subtrees: Vec<String>,
}

impl CheckpointRecord {
    /// The tree it lets a writer continue, if its subtrees match its signed root.
    pub fn frontier(&self, key: &VerifierKey) -> Option<Frontier> {
        let c = Checkpoint::open(&self.note, key).ok()?;
        let subtrees = self
            .subtrees
            .iter()
            .map(|h| hex::decode(h).ok()?.try_into().ok())
            .collect::<Option<Vec<Hash>>>()?;
        let f = Frontier::resume(c.size, subtrees)?;
        (f.root() == c.root && c.size == self.size).then_some(f)
    }
}

/// A chain's Merkle tree, as its writer keeps it, and when it was last checkpointed.
#[derive(Debug, Clone)]
pub struct ChainTree {
    frontier: Frontier,
    checkpointed: u64,
    last: Instant,
}

impl ChainTree {
    /// A tree that continues `frontier` (empty for a new chain).
    pub fn new(frontier: Frontier) -> Self {
        ChainTree {
            checkpointed: frontier.size(),
            frontier,
            last: Instant::now(),
        }
    }

    /// Appends a sealed record's leaf (see [`crate::audit::record_leaf`]).
    pub fn push(&mut self, leaf: merkle::Hash) {
        self.frontier.push(leaf);
    }

    pub fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    /// A signed checkpoint record when one is due — `every` records or `interval` since the last
    /// — or when `force`d (end of input, shutdown) and the tree grew since the last one.
    pub fn checkpoint(
        &mut self,
        settings: &CheckpointSettings,
        chain_id: &str,
        input: &str,
        now: Timestamp,
        force: bool,
    ) -> Option<Vec<u8>> {
        let size = self.frontier.size();
        let grown = size > self.checkpointed;
        let due =
            size - self.checkpointed >= settings.every || self.last.elapsed() >= settings.interval;
        if !grown || !(due || force) {
            return None;
        }
        self.checkpointed = size;
        self.last = Instant::now();
        let c = Checkpoint {
            origin: origin(settings.signer.name(), chain_id),
            size,
            root: self.frontier.root(),
            input: Some(input.to_string()),
            time: Some(crate::clock::format(now)),
        };
        let record = CheckpointRecord {
            schema: RECORD_SCHEMA.into(),
            chain: chain_id.to_string(),
            size,
            note: c.sign(&settings.signer),
            subtrees: self.frontier.subtrees().iter().map(hex::encode).collect(),
        };
        serde_json::to_vec(&record).ok()
    }
}

#[cfg(test)]
mod tests;
