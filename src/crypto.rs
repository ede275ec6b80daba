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
        let mut out = String::with_capacity(6 + self.id.len() + 2 * digest.len());
        out.push_str("hmac:");
        out.push_str(&self.id);
        out.push(':');
        out.push_str(hex_str(digest, &mut [0; 64]));
        out
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
        let (kid, cipher) = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let mut buf = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
        buf.extend_from_slice(&nonce);
        buf.extend_from_slice(plaintext);
        let tag = cipher
            .encrypt_in_place_detached(
                Nonce::from_slice(&nonce),
                aad.as_bytes(),
                &mut buf[NONCE_LEN..],
            )
            .expect("AES-GCM encrypts up to 64 GiB; events are far smaller");
        buf.extend_from_slice(&tag);
        let mut out = String::with_capacity(5 + kid.len() + (buf.len() * 4).div_ceil(3));
        out.push_str("enc:");
        out.push_str(kid);
        out.push(':');
        URL_SAFE_NO_PAD.encode_string(&buf, &mut out);
        out
    }

    /// Decrypts an envelope made by [`Keyring::encrypt`] for the same `aad` (field path).
    ///
    /// # Errors
    ///
    /// [`CryptoError::MalformedEnvelope`], [`CryptoError::UnknownKeyId`],
    /// [`CryptoError::Authentication`] (altered envelope, or made for another field path).
    pub fn decrypt(&self, aad: &str, envelope: &str) -> Result<Vec<u8>, CryptoError> {
        let malformed = |reason| CryptoError::MalformedEnvelope { reason };
        let rest = envelope
            .strip_prefix("enc:")
            .ok_or(malformed("missing `enc:` prefix"))?;
        let (kid, payload) = rest.split_once(':').ok_or(malformed("missing key id"))?;
        if !is_valid_key_id(kid) {
            return Err(malformed("invalid key id"));
        }
        let cipher = self
            .keys
            .iter()
            .find(|(id, _)| id == kid)
            .map(|(_, cipher)| cipher)
            .ok_or_else(|| CryptoError::UnknownKeyId {
                kid: kid.to_string(),
            })?;
        let mut buf = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| malformed("payload is not unpadded base64url"))?;
        if buf.len() < NONCE_LEN + TAG_LEN {
            return Err(malformed("payload too short for nonce and tag"));
        }
        let (nonce, rest) = buf.split_at_mut(NONCE_LEN);
        let (ciphertext, tag) = rest.split_at_mut(rest.len() - TAG_LEN);
        cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(nonce),
                aad.as_bytes(),
                ciphertext,
                Tag::from_slice(tag),
            )
            .map_err(|_| CryptoError::Authentication)?;
        buf.truncate(buf.len() - TAG_LEN);
        buf.drain(..NONCE_LEN);
        Ok(buf)
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
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;

    const KEY_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const KEY_B64: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    fn key(seed: u8) -> SecretKey {
        let mut bytes = [0u8; KEY_LEN];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed.wrapping_add(i as u8);
        }
        SecretKey::from_bytes(bytes)
    }

    fn ring() -> Keyring {
        Keyring::new(("k2".into(), key(2)), vec![("k1".into(), key(1))])
    }

    // -- keys -------------------------------------------------------------------------------

    #[test]
    fn debug_never_shows_key_material() {
        let k = key(0);
        assert_eq!(format!("{k:?}"), "SecretKey(<redacted>)");
        let t = TokenKey::new("k1", k.clone());
        let shown = format!("{t:?} {:?} {:#?}", ring(), t);
        assert!(!shown.contains(KEY_HEX), "{shown}");
        assert!(!shown.contains("0001020304"), "{shown}");
        assert!(shown.contains("k1"));
    }

    #[test]
    fn key_ids() {
        for ok in ["k1", "pseudonym-2026_01", "A", &"x".repeat(32)] {
            assert!(is_valid_key_id(ok), "{ok}");
        }
        for bad in ["", "a:b", "a b", "clé", &"x".repeat(33)] {
            assert!(!is_valid_key_id(bad), "{bad}");
        }
    }

    #[test]
    fn key_material_formats() {
        let hex = SecretKey::from_material(KEY_HEX).expect("hex");
        let upper = SecretKey::from_material(&KEY_HEX.to_uppercase()).expect("HEX");
        let b64 = SecretKey::from_material(&format!("  {KEY_B64}\n")).expect("base64");
        assert_eq!(hex.expose_secret(), key(0).expose_secret());
        assert_eq!(upper.expose_secret(), key(0).expose_secret());
        assert_eq!(b64.expose_secret(), key(0).expose_secret());
        for bad in [
            "",
            &KEY_HEX[..62],
            &format!("{KEY_HEX}00"),
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", // 31 bytes
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", // 34 bytes
            "not a key at all",
        ] {
            assert!(SecretKey::from_material(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn key_spec_from_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut f = std::fs::File::create(dir.path().join("pseudo.key")).expect("create");
        writeln!(f, "{KEY_HEX}").expect("write");
        let spec = KeySpec {
            id: "k1".into(),
            file: Some("pseudo.key".into()),
            env: None,
        };
        let k = spec.load(dir.path()).expect("relative to base dir");
        assert_eq!(k.expose_secret(), key(0).expose_secret());
        let absolute = KeySpec {
            file: Some(dir.path().join("pseudo.key")),
            ..spec.clone()
        };
        assert!(absolute.load(Path::new("/nonexistent")).is_ok());

        let missing = KeySpec {
            file: Some("absent.key".into()),
            ..spec.clone()
        };
        let err = missing.load(dir.path()).unwrap_err();
        assert!(matches!(err, CryptoError::KeyFile { .. }));
        assert!(err.to_string().contains("absent.key") && err.to_string().contains("k1"));

        std::fs::write(dir.path().join("bad.key"), "secret-but-wrong-length").expect("write");
        let bad = KeySpec {
            file: Some("bad.key".into()),
            ..spec
        };
        let err = bad.load(dir.path()).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, CryptoError::KeyMaterial { .. }));
        assert!(
            msg.contains("bad.key") && !msg.contains("secret-but-wrong-length"),
            "{msg}"
        );
    }

    #[test]
    fn key_spec_from_env() {
        let var = "LEADGUARD_TEST_CRYPTO_KEY_SPEC_FROM_ENV";
        std::env::set_var(var, KEY_B64);
        let spec = KeySpec {
            id: "audit-1".into(),
            file: None,
            env: Some(var.into()),
        };
        let k = spec.load(Path::new(".")).expect("env key");
        assert_eq!(k.expose_secret(), key(0).expose_secret());

        let bad_var = "LEADGUARD_TEST_CRYPTO_KEY_SPEC_BAD_ENV";
        std::env::set_var(bad_var, "hunter2");
        let err = KeySpec {
            env: Some(bad_var.into()),
            ..spec.clone()
        }
        .load(Path::new("."))
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(bad_var) && !msg.contains("hunter2"), "{msg}");

        let err = KeySpec {
            env: Some("LEADGUARD_TEST_CRYPTO_KEY_SPEC_UNSET".into()),
            ..spec
        }
        .load(Path::new("."))
        .unwrap_err();
        assert!(matches!(err, CryptoError::KeyEnvMissing { .. }));
    }

    #[test]
    fn key_spec_shape_errors() {
        let both = KeySpec {
            id: "k1".into(),
            file: Some("a".into()),
            env: Some("B".into()),
        };
        assert!(matches!(
            both.load(Path::new(".")),
            Err(CryptoError::KeySource { .. })
        ));
        let neither = KeySpec {
            id: "k1".into(),
            file: None,
            env: None,
        };
        assert!(matches!(
            neither.load(Path::new(".")),
            Err(CryptoError::KeySource { .. })
        ));
        let bad_id = KeySpec {
            id: "k:1".into(),
            file: None,
            env: Some("X".into()),
        };
        assert!(matches!(
            bad_id.load(Path::new(".")),
            Err(CryptoError::InvalidKeyId { .. })
        ));
    }

    #[test]
    fn key_spec_deserialises_strictly() {
        let spec: KeySpec =
            serde_json::from_str(r#"{"id":"k1","env":"LEADGUARD_KEY"}"#).expect("valid");
        assert_eq!(spec.env.as_deref(), Some("LEADGUARD_KEY"));
        assert!(serde_json::from_str::<KeySpec>(r#"{"id":"k1","env":"X","value":"00"}"#).is_err());
    }

    #[test]
    fn generated_keys_are_random_hex() {
        let a = generate_key_hex();
        let b = generate_key_hex();
        assert_eq!(a.len(), 64);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
        assert!(SecretKey::from_material(&a).is_some());
    }

    // -- tokens -----------------------------------------------------------------------------

    #[test]
    fn token_known_answer_and_format() {
        // HMAC-SHA-256(key = 00..1f, "camille.martin@example.fr"), computed independently.
        let t = TokenKey::new("k1", key(0));
        assert_eq!(
            t.token(b"camille.martin@example.fr"),
            "hmac:k1:0c46dd4d09bc463a9deeb20f780cd590e9445eaabc3a6d5888e63c8f9bcdc3f5"
        );
        assert_eq!(
            hex::encode(t.mac(&[b"ab", b"c"])),
            "f0133729c4163dede81e21cd47839256da58171238c8a0d874397c73b14e1e47"
        );
        assert_eq!(t.mac(&[b"abc"]), t.mac(&[b"ab", b"c"]));
        assert_eq!(t.id(), "k1");
    }

    #[test]
    fn verify_accepts_the_mac_and_refuses_any_flipped_bit() {
        let t = TokenKey::new("k1", key(0));
        let tag = t.mac(&[b"ab", b"c"]);
        assert!(t.verify(&[b"abc"], &tag));
        for bit in 0..8 * tag.len() {
            let mut bad = tag;
            bad[bit / 8] ^= 1 << (bit % 8);
            assert!(!t.verify(&[b"abc"], &bad), "bit {bit}");
        }
        assert!(!t.verify(&[b"abd"], &tag), "other message");
        assert!(!t.verify(&[b"abc"], &tag[..31]), "truncated tag");
        assert!(!t.verify(&[b"abc"], &[]), "empty tag");
        assert!(
            !TokenKey::new("k1", key(1)).verify(&[b"abc"], &tag),
            "other key"
        );
    }

    #[test]
    fn tokens_depend_on_key_and_value() {
        let a = TokenKey::new("k1", key(0));
        let b = TokenKey::new("k1", key(9));
        let v = b"+33612345678";
        assert_eq!(a.token(v), a.token(v), "deterministic");
        assert_ne!(a.token(v), b.token(v), "keyed");
        assert_ne!(a.token(v), a.token(b"+33612345679"));
        let plain_sha = {
            use sha2::Digest;
            hex::encode(Sha256::digest(v))
        };
        assert!(!a.token(v).contains(&plain_sha), "not a plain hash (P1)");
    }

    // -- envelopes --------------------------------------------------------------------------

    #[test]
    fn envelope_format_and_rotation() {
        let old = Keyring::new(("k1".into(), key(1)), Vec::new());
        let old_env = old.encrypt("/attributes/iban", b"FR7630006000011234567890189");
        assert!(old_env.starts_with("enc:k1:"));
        let r = ring();
        assert_eq!(r.current_id(), "k2");
        let new_env = r.encrypt("/attributes/iban", b"x");
        assert!(new_env.starts_with("enc:k2:"));
        // nonce 12 + plaintext 1 + tag 16 = 29 bytes = 39 base64url characters.
        assert_eq!(new_env.len(), "enc:k2:".len() + 39);
        assert_eq!(
            r.decrypt("/attributes/iban", &old_env)
                .expect("old key still decrypts"),
            b"FR7630006000011234567890189"
        );
        let gone = Keyring::new(("k3".into(), key(3)), Vec::new());
        assert!(matches!(
            gone.decrypt("/attributes/iban", &old_env),
            Err(CryptoError::UnknownKeyId { .. })
        ));
    }

    #[test]
    fn malformed_envelopes() {
        let r = ring();
        for bad in [
            "",
            "k2:AAAA",
            "enc:k2",
            "enc::AAAA",
            "enc:k 2:AAAA",
            "enc:k2:AAAA",
            "enc:k2:not base64!",
            "enc:k2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ] {
            assert!(
                matches!(
                    r.decrypt("/p", bad),
                    Err(CryptoError::MalformedEnvelope { .. })
                ),
                "{bad}"
            );
        }
        let env = r.encrypt("/p", b"value");
        let err = r.decrypt("/q", &env).unwrap_err();
        assert!(matches!(err, CryptoError::Authentication));
        assert!(!err.to_string().contains("value"));
    }

    #[test]
    fn keyring_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Keyring>();
        assert_send_sync::<TokenKey>();
    }

    fn aad_strategy() -> impl Strategy<Value = String> {
        prop_oneof!["/[a-z_]{1,12}(/[a-z_0-9]{1,12}){0,3}", any::<String>()]
    }

    proptest! {
        #[test]
        fn round_trip(plaintext in prop::collection::vec(any::<u8>(), 0..512), aad in aad_strategy()) {
            let r = ring();
            let env = r.encrypt(&aad, &plaintext);
            prop_assert_eq!(r.decrypt(&aad, &env).ok(), Some(plaintext));
        }

        #[test]
        fn any_flipped_byte_fails(
            plaintext in prop::collection::vec(any::<u8>(), 0..64),
            pos in any::<prop::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let r = ring();
            let env = r.encrypt("/attributes/iban", &plaintext);
            let mut raw = URL_SAFE_NO_PAD.decode(&env["enc:k2:".len()..]).unwrap_or_default();
            let i = pos.index(raw.len());
            raw[i] ^= flip;
            let tampered = format!("enc:k2:{}", URL_SAFE_NO_PAD.encode(&raw));
            prop_assert!(matches!(r.decrypt("/attributes/iban", &tampered), Err(CryptoError::Authentication)));
        }

        #[test]
        fn wrong_aad_fails(plaintext in prop::collection::vec(any::<u8>(), 0..64), a in aad_strategy(), b in aad_strategy()) {
            prop_assume!(a != b);
            let r = ring();
            let env = r.encrypt(&a, &plaintext);
            prop_assert!(matches!(r.decrypt(&b, &env), Err(CryptoError::Authentication)));
        }

        #[test]
        fn encryptions_use_fresh_nonces(plaintext in prop::collection::vec(any::<u8>(), 0..64)) {
            let r = ring();
            let a = r.encrypt("/p", &plaintext);
            let b = r.encrypt("/p", &plaintext);
            prop_assert_ne!(&a[..20], &b[..20]);
            prop_assert_ne!(a, b);
        }
    }
}
