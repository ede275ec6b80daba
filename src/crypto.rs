//! Keys, HMAC tokens and AES-256-GCM envelopes (P1, P2, A2).
//!
//! - [`TokenKey`] turns a normalised identity into `hmac:<kid>:<hex>`: deterministic, so the CRM
//!   can deduplicate and join (P2), keyed, so a dictionary of e-mails or phone numbers cannot be
//!   hashed to reverse it (P1). The same primitive authenticates the audit chain (A2).
//! - [`Keyring`] turns a value into `enc:<kid>:<base64url(nonce ‖ ciphertext ‖ tag)>`: reversible
//!   by whoever holds the key, with a fresh random nonce per value and the field path bound as
//!   associated data, so an envelope copied to another field does not decrypt (P2).
//! - Both carry the key id so keys can rotate without breaking old data.
//!
//! Keys never live in the policy: a [`KeySpec`] points to a file or an environment variable.
//! Key material is zeroized when dropped and never appears in `Debug` output or error messages.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce, Tag};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret as _, ExposeSecretMut as _, SecretBox};
use serde::Deserialize;
use sha2::Sha256;
use std::fmt;
use std::path::{Path, PathBuf};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Length of every key: AES-256 and HMAC-SHA-256 both use 32 bytes.
pub const KEY_LEN: usize = 32;
/// AES-GCM nonce length (96 bits, the size GCM is designed for).
const NONCE_LEN: usize = 12;
/// AES-GCM authentication tag length.
const TAG_LEN: usize = 16;
/// Longest key id: it is repeated in every token and envelope.
const KEY_ID_MAX: usize = 32;

type HmacSha256 = Hmac<Sha256>;

/// Whether `id` can be used as a key id: 1 to 32 characters among `A-Z a-z 0-9 _ -`, so it
/// never contains the `:` that separates the parts of tokens and envelopes.
pub fn is_valid_key_id(id: &str) -> bool {
    (1..=KEY_ID_MAX).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Errors of key loading and envelope decryption. None of them carries key material or
/// plaintext: key files and variables are named, their content never.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The key id would break the token or envelope syntax.
    #[error("key id `{id}` is invalid: use 1 to 32 characters among A-Z, a-z, 0-9, `_` and `-`")]
    InvalidKeyId { id: String },
    /// A key spec must say where the key is, and only one place.
    #[error("key `{id}`: set exactly one of `file` and `env`")]
    KeySource { id: String },
    /// The key file could not be read.
    #[error("key `{id}`: cannot read key file `{}`: {source}", path.display())]
    KeyFile {
        id: String,
        path: PathBuf,
        source: std::io::Error,
    },
    /// The environment variable holding the key is not set.
    #[error("key `{id}`: environment variable `{var}` is not set")]
    KeyEnvMissing { id: String, var: String },
    /// The key material is neither 64 hex characters nor base64 of 32 bytes.
    #[error("key `{id}` ({origin}): expected 64 hexadecimal characters or standard base64 of exactly 32 bytes")]
    KeyMaterial { id: String, origin: KeyOrigin },
    /// The envelope is not `enc:<kid>:<base64url>` with room for a nonce and a tag.
    #[error("malformed envelope: {reason}")]
    MalformedEnvelope { reason: &'static str },
    /// The envelope names a key that is not in the keyring (rotated out, or another system's).
    #[error("envelope key `{kid}` is not in the keyring")]
    UnknownKeyId { kid: String },
    /// AES-GCM authentication failed: the envelope was altered, or it is bound to another field
    /// path (associated data). GCM cannot tell these apart, by design.
    #[error("envelope failed authentication (altered, or bound to another field path)")]
    Authentication,
    /// The envelope is sealed under a subject's data key, which only the subject key store can
    /// give (crypto-shredding).
    #[error("the value is sealed under a subject data key: the subject key store is needed (--subject-keys FILE or --config)")]
    SubjectKeyed,
}

/// Where a key was looked for, for error messages (never the content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    /// A key file (resolved path).
    File(PathBuf),
    /// An environment variable (its name).
    Env(String),
}

impl fmt::Display for KeyOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyOrigin::File(path) => write!(f, "file `{}`", path.display()),
            KeyOrigin::Env(var) => write!(f, "environment variable `{var}`"),
        }
    }
}

/// A 32-byte secret key, held in a [`secrecy::SecretBox`]: on the heap (moving the key leaves
/// no copy on the stack), zeroized on drop, readable only through
/// [`SecretKey::expose_secret`]. `Debug` shows `SecretKey(<redacted>)`; no `Display` or
/// `Serialize`, so it cannot end up in a log line or an output record by accident.
pub struct SecretKey(SecretBox<[u8; KEY_LEN]>);

impl SecretKey {
    /// A key of zeroes, filled in place by `fill` (no copy of the key outside the box).
    fn init(fill: impl FnOnce(&mut [u8; KEY_LEN])) -> SecretKey {
        SecretKey(SecretBox::init_with_mut(fill))
    }

    /// Wraps raw key bytes (the argument copy is wiped).
    pub fn from_bytes(mut bytes: [u8; KEY_LEN]) -> SecretKey {
        let key = SecretKey::init(|k| k.copy_from_slice(&bytes));
        bytes.zeroize();
        key
    }

    /// A fresh random key from the operating system's generator.
    pub fn generate() -> SecretKey {
        SecretKey::init(|k| rand::rngs::OsRng.fill_bytes(k))
    }

    /// The key bytes, for the primitives that need them.
    pub fn expose_secret(&self) -> &[u8; KEY_LEN] {
        self.0.expose_secret()
    }

    /// Parses key material: 64 hex characters or standard base64 of exactly 32 bytes,
    /// surrounding whitespace ignored. `None` if neither (the caller names the source).
    fn from_material(material: &str) -> Option<SecretKey> {
        let m = material.trim();
        let mut key = SecretKey::init(|_| {});
        if m.len() == 2 * KEY_LEN && m.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode_to_slice(m, key.0.expose_secret_mut()).ok()?;
            return Some(key);
        }
        // Room for any base64 text up to 48 bytes, so longer material is rejected by length.
        let mut buf = Zeroizing::new([0u8; 48]);
        let n = STANDARD.decode_slice(m.as_bytes(), &mut buf[..]).ok()?;
        if n != KEY_LEN {
            return None;
        }
        key.0.expose_secret_mut().copy_from_slice(&buf[..KEY_LEN]);
        Some(key)
    }
}

/// `SecretBox` clones only `CloneableSecret` types, which arrays are not: copy the bytes from
/// box to box.
impl Clone for SecretKey {
    fn clone(&self) -> SecretKey {
        SecretKey::init(|k| k.copy_from_slice(self.expose_secret()))
    }
}

/// The box wipes the bytes when the key is dropped.
impl ZeroizeOnDrop for SecretKey {}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A reference, in the policy, to a key held outside it (P1: "additional information kept
/// separately"): exactly one of `file` (relative paths are resolved against the policy's
/// directory) and `env` (a variable name).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    /// Key id, written into every token and envelope made with the key.
    pub id: String,
    /// File holding the key material.
    pub file: Option<PathBuf>,
    /// Environment variable holding the key material.
    pub env: Option<String>,
}

impl KeySpec {
    /// Loads the key. Key material is 64 hex characters or standard base64 of exactly 32 bytes,
    /// surrounding whitespace ignored. Errors name the key id and the file or variable, never
    /// the content; intermediate copies of the material are wiped.
    ///
    /// # Errors
    ///
    /// [`CryptoError::InvalidKeyId`], [`CryptoError::KeySource`] (not exactly one of `file`
    /// and `env`), [`CryptoError::KeyFile`], [`CryptoError::KeyEnvMissing`],
    /// [`CryptoError::KeyMaterial`].
    pub fn load(&self, base_dir: &Path) -> Result<SecretKey, CryptoError> {
        let id = &self.id;
        if !is_valid_key_id(id) {
            return Err(CryptoError::InvalidKeyId { id: id.clone() });
        }
        let (material, origin) = match (&self.file, &self.env) {
            (Some(file), None) => {
                let path = if file.is_absolute() {
                    file.clone()
                } else {
                    base_dir.join(file)
                };
                let bytes = std::fs::read(&path).map_err(|source| CryptoError::KeyFile {
                    id: id.clone(),
                    path: path.clone(),
                    source,
                })?;
                (Zeroizing::new(bytes), KeyOrigin::File(path))
            }
            (None, Some(var)) if !var.is_empty() => {
                let value = std::env::var_os(var).ok_or_else(|| CryptoError::KeyEnvMissing {
                    id: id.clone(),
                    var: var.clone(),
                })?;
                (
                    Zeroizing::new(value.into_encoded_bytes()),
                    KeyOrigin::Env(var.clone()),
                )
            }
            _ => return Err(CryptoError::KeySource { id: id.clone() }),
        };
        std::str::from_utf8(&material)
            .ok()
            .and_then(SecretKey::from_material)
            .ok_or_else(|| CryptoError::KeyMaterial {
                id: id.clone(),
                origin,
            })
    }
}

/// An HMAC-SHA-256 key with its id, for pseudonymous tokens (P1, P2, P3) and the audit chain
/// (A2). The keyed state is computed once; each call clones it, which saves the two key-block
/// compressions HMAC would otherwise redo per token.
#[derive(Clone)]
pub struct TokenKey {
    id: String,
    mac: HmacSha256,
}

impl TokenKey {
    /// Builds the key. The id should be valid (see [`is_valid_key_id`]; [`KeySpec::load`]
    /// checks it).
    pub fn new(id: impl Into<String>, key: SecretKey) -> TokenKey {
        let Ok(mac) = <HmacSha256 as Mac>::new_from_slice(key.expose_secret()) else {
            unreachable!("HMAC accepts keys of any length")
        };
        TokenKey { id: id.into(), mac }
    }

    /// The key id written into tokens.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// `hmac:<id>:<64 lowercase hex>` of an already normalised value (see
    /// [`crate::normalize`]: one person, one token).
    pub fn token(&self, normalized: &[u8]) -> String {
        self.token_of(&self.mac(&[normalized]))
    }

    /// The token of an HMAC already computed with this key (see [`TokenKey::mac`]).
    pub fn token_of(&self, digest: &[u8; 32]) -> String {
        let mut out = Vec::with_capacity(6 + self.id.len() + 2 * digest.len());
        self.push_token(digest, &mut out);
        String::from_utf8(out).expect("a token is ASCII")
    }

    /// Writes the token of `normalized` as a JSON string into `out`, without allocating: the
    /// forwarded copies write one per tokenised field.
    pub fn write_token_json(&self, normalized: &[u8], out: &mut Vec<u8>) {
        let digest = self.mac(&[normalized]);
        // Key ids are plain once checked ([`is_valid_key_id`]); one that is not is escaped.
        if !crate::json_out::is_plain(&self.id) {
            return crate::json_out::str(out, &self.token_of(&digest));
        }
        out.push(b'"');
        self.push_token(&digest, out);
        out.push(b'"');
    }

    /// `hmac:<key id>:<hex>`.
    fn push_token(&self, digest: &[u8; 32], out: &mut Vec<u8>) {
        out.extend_from_slice(b"hmac:");
        out.extend_from_slice(self.id.as_bytes());
        out.push(b':');
        out.extend_from_slice(hex_str(digest, &mut [0; 64]).as_bytes());
    }

    /// Raw HMAC-SHA-256 over the concatenation of `parts`. Concatenation is not injective
    /// (`["ab", "c"]` and `["a", "bc"]` give the same MAC): callers mixing variable-length parts
    /// must delimit or length-prefix them.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// Whether `tag` is the HMAC-SHA-256 of the concatenation of `parts` (see
    /// [`TokenKey::mac`]), compared in constant time by [`Mac::verify_slice`]: how long a
    /// wrong tag takes to refuse says nothing about how much of it was right.
    pub fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        mac.verify_slice(tag).is_ok()
    }
}

/// Lower-case hex of a 32-byte digest, written into `buf` without allocating.
pub fn hex_str<'b>(digest: &[u8; 32], buf: &'b mut [u8; 64]) -> &'b str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in buf.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0x0f)];
    }
    std::str::from_utf8(buf).expect("hex digits are ASCII")
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenKey")
            .field("id", &self.id)
            .field("key", &format_args!("<redacted>"))
            .finish()
    }
}

/// AES-256-GCM keys by id: one current key for encryption, older ones kept for decryption
/// (rotation). Ciphers are initialised once per key (the AES key schedule is not redone per
/// value) and the keyring is `Send + Sync`.
#[derive(Clone)]
pub struct Keyring {
    /// The current key first, then the others; ids are unique (the first wins).
    keys: Vec<(String, Aes256Gcm)>,
}

impl Keyring {
    /// Builds the keyring. Ids should be valid (see [`is_valid_key_id`]); if an older key
    /// reuses an id, the first one (the current key) is kept.
    pub fn new(current: (String, SecretKey), others: Vec<(String, SecretKey)>) -> Keyring {
        let mut keys: Vec<(String, Aes256Gcm)> = Vec::with_capacity(1 + others.len());
        for (id, key) in std::iter::once(current).chain(others) {
            if keys.iter().any(|(known, _)| *known == id) {
                continue;
            }
            let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose_secret()));
            keys.push((id, cipher));
        }
        Keyring { keys }
    }

    /// Id of the key used by [`Keyring::encrypt`].
    pub fn current_id(&self) -> &str {
        self.keys
            .first()
            .map(|(id, _)| id.as_str())
            .unwrap_or_default()
    }

    /// Ids of all keys, current first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|(id, _)| id.as_str())
    }

    /// Encrypts `plaintext` with the current key and a fresh random 96-bit nonce, binding `aad`
    /// (the field path, e.g. `/attributes/iban`) as associated data. Returns
    /// `enc:<kid>:<base64url-no-pad(nonce ‖ ciphertext ‖ tag)>`.
    ///
    /// # Panics
    ///
    /// Only if `plaintext` exceeds the AES-GCM limit of about 64 GiB, far beyond any event.
    pub fn encrypt(&self, aad: &str, plaintext: &[u8]) -> String {
        let (kid, sealed) = self.seal(aad.as_bytes(), plaintext);
        envelope(kid, None, &sealed)
    }

    /// Seals `plaintext` with the current key: its id and `nonce ‖ ciphertext ‖ tag` (the raw
    /// form of [`Keyring::encrypt`], for subject keys that are stored as bytes).
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> (&str, Vec<u8>) {
        let (kid, cipher) = &self.keys[0];
        (kid, seal_with(cipher, aad, plaintext))
    }

    /// Opens what [`Keyring::seal`] sealed with key `kid`.
    ///
    /// # Errors
    ///
    /// [`CryptoError::UnknownKeyId`], [`CryptoError::MalformedEnvelope`] (too short),
    /// [`CryptoError::Authentication`].
    pub fn open(&self, kid: &str, aad: &[u8], sealed: Vec<u8>) -> Result<Vec<u8>, CryptoError> {
        open_with(self.cipher(kid)?, aad, sealed)
    }

    fn cipher(&self, kid: &str) -> Result<&Aes256Gcm, CryptoError> {
        self.keys
            .iter()
            .find(|(id, _)| id == kid)
            .map(|(_, cipher)| cipher)
            .ok_or_else(|| CryptoError::UnknownKeyId {
                kid: kid.to_string(),
            })
    }

    /// Decrypts an envelope made by [`Keyring::encrypt`] for the same `aad` (field path).
    ///
    /// # Errors
    ///
    /// [`CryptoError::MalformedEnvelope`], [`CryptoError::UnknownKeyId`],
    /// [`CryptoError::Authentication`] (altered envelope, or made for another field path),
    /// [`CryptoError::SubjectKeyed`] (an envelope under a subject's data key: see
    /// [`crate::subject_keys`]).
    pub fn decrypt(&self, aad: &str, envelope: &str) -> Result<Vec<u8>, CryptoError> {
        let e = Envelope::parse(envelope)?;
        if e.subject.is_some() {
            return Err(CryptoError::SubjectKeyed);
        }
        let cipher = self.cipher(e.kid)?;
        open_with(cipher, aad.as_bytes(), e.sealed()?)
    }
}

/// AES-256-GCM with a fresh random 96-bit nonce: `nonce ‖ ciphertext ‖ tag`.
///
/// # Panics
///
/// Only if `plaintext` exceeds the AES-GCM limit of about 64 GiB, far beyond any event.
pub fn seal_with(cipher: &Aes256Gcm, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::thread_rng().fill_bytes(&mut nonce);
    let mut buf = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
    buf.extend_from_slice(&nonce);
    buf.extend_from_slice(plaintext);
    let tag = cipher
        .encrypt_in_place_detached(Nonce::from_slice(&nonce), aad, &mut buf[NONCE_LEN..])
        .expect("AES-GCM encrypts up to 64 GiB; events are far smaller");
    buf.extend_from_slice(&tag);
    buf
}

/// Opens `nonce ‖ ciphertext ‖ tag` sealed by [`seal_with`] with the same `aad`.
///
/// # Errors
///
/// [`CryptoError::MalformedEnvelope`] (too short for a nonce and a tag),
/// [`CryptoError::Authentication`].
pub fn open_with(cipher: &Aes256Gcm, aad: &[u8], mut buf: Vec<u8>) -> Result<Vec<u8>, CryptoError> {
    if buf.len() < NONCE_LEN + TAG_LEN {
        return Err(CryptoError::MalformedEnvelope {
            reason: "payload too short for nonce and tag",
        });
    }
    let (nonce, rest) = buf.split_at_mut(NONCE_LEN);
    let (ciphertext, tag) = rest.split_at_mut(rest.len() - TAG_LEN);
    cipher
        .decrypt_in_place_detached(
            Nonce::from_slice(nonce),
            aad,
            ciphertext,
            Tag::from_slice(tag),
        )
        .map_err(|_| CryptoError::Authentication)?;
    buf.truncate(buf.len() - TAG_LEN);
    buf.drain(..NONCE_LEN);
    Ok(buf)
}

/// `enc:<kid>:<payload>`, or `enc:<kid>:<subject key ref>:<payload>` for a value sealed under a
/// subject's data key (crypto-shredding, [`crate::subject_keys`]); the payload is
/// base64url-no-pad of `nonce ‖ ciphertext ‖ tag`.
pub fn envelope(kid: &str, subject: Option<&str>, sealed: &[u8]) -> String {
    let extra = subject.map_or(0, |s| s.len() + 1);
    let mut out = String::with_capacity(5 + kid.len() + extra + (sealed.len() * 4).div_ceil(3));
    out.push_str("enc:");
    out.push_str(kid);
    out.push(':');
    if let Some(s) = subject {
        out.push_str(s);
        out.push(':');
    }
    URL_SAFE_NO_PAD.encode_string(sealed, &mut out);
    out
}

/// The parts of an envelope (see [`envelope`]); base64url never contains `:`, so the number of
/// parts tells a subject-keyed envelope from one under the master key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// The master key id: the encryption (or dead-letter) key.
    pub kid: &'a str,
    /// The subject key reference, when sealed under a subject's data key.
    pub subject: Option<&'a str>,
    payload: &'a str,
}

impl<'a> Envelope<'a> {
    /// Splits an envelope into its parts (the payload is not decoded yet).
    ///
    /// # Errors
    ///
    /// [`CryptoError::MalformedEnvelope`].
    pub fn parse(envelope: &'a str) -> Result<Envelope<'a>, CryptoError> {
        let malformed = |reason| CryptoError::MalformedEnvelope { reason };
        let rest = envelope
            .strip_prefix("enc:")
            .ok_or(malformed("missing `enc:` prefix"))?;
        let (kid, rest) = rest.split_once(':').ok_or(malformed("missing key id"))?;
        if !is_valid_key_id(kid) {
            return Err(malformed("invalid key id"));
        }
        let (subject, payload) = match rest.split_once(':') {
            Some((s, p)) if !s.is_empty() => (Some(s), p),
            Some(_) => return Err(malformed("empty subject key reference")),
            None => (None, rest),
        };
        Ok(Envelope {
            kid,
            subject,
            payload,
        })
    }

    /// The decoded `nonce ‖ ciphertext ‖ tag`.
    ///
    /// # Errors
    ///
    /// [`CryptoError::MalformedEnvelope`].
    pub fn sealed(&self) -> Result<Vec<u8>, CryptoError> {
        URL_SAFE_NO_PAD
            .decode(self.payload)
            .map_err(|_| CryptoError::MalformedEnvelope {
                reason: "payload is not unpadded base64url",
            })
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("ids", &self.ids().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A fresh random 32-byte key as 64 lowercase hex characters (for the `keygen` command).
pub fn generate_key_hex() -> String {
    let key = SecretKey::generate();
    hex::encode(key.expose_secret())
}

#[cfg(test)]
mod tests;
