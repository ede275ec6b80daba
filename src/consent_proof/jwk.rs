//! JSON Web Keys (RFC 7517) for consent proofs: Ed25519 (`OKP`, RFC 8037) and P-256 (`EC`,
//! RFC 7518 §6.2), public for verification, private for the signing helper.
//!
//! Only these two key types are read: a proof key is one of the two algorithms the guard
//! verifies, so anything else in a key set is a configuration mistake reported at start-up.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde::Deserialize;
use serde_json::{json, Value};

/// A signature algorithm of a proof (`alg` of the JWS header, RFC 7518 / RFC 8037).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// Ed25519 (`EdDSA`).
    EdDsa,
    /// ECDSA on P-256 with SHA-256 (`ES256`).
    Es256,
}

impl Alg {
    pub fn as_str(self) -> &'static str {
        match self {
            Alg::EdDsa => "EdDSA",
            Alg::Es256 => "ES256",
        }
    }

    pub fn parse(s: &str) -> Option<Alg> {
        match s {
            "EdDSA" => Some(Alg::EdDsa),
            "ES256" => Some(Alg::Es256),
            _ => None,
        }
    }
}

/// A public key that verifies proofs.
#[derive(Debug, Clone)]
pub enum VerifyKey {
    Ed25519(ed25519_dalek::VerifyingKey),
    P256(p256::ecdsa::VerifyingKey),
}

impl VerifyKey {
    pub fn alg(&self) -> Alg {
        match self {
            VerifyKey::Ed25519(_) => Alg::EdDsa,
            VerifyKey::P256(_) => Alg::Es256,
        }
    }

    /// Whether `signature` (the JWS signature bytes) signs `input` under this key.
    pub fn verify(&self, input: &[u8], signature: &[u8]) -> bool {
        match self {
            VerifyKey::Ed25519(k) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify_strict(input, &s).is_ok()),
            VerifyKey::P256(k) => p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                use p256::ecdsa::signature::Verifier as _;
                k.verify(input, &s).is_ok()
            }),
        }
    }

    /// The public JWK of this key.
    pub fn to_jwk(&self, kid: &str) -> Value {
        match self {
            VerifyKey::Ed25519(k) => json!({"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA",
                "use": "sig", "kid": kid, "x": URL_SAFE_NO_PAD.encode(k.as_bytes())}),
            VerifyKey::P256(k) => {
                let point = k.to_encoded_point(false);
                json!({"kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": kid,
                    "x": URL_SAFE_NO_PAD.encode(point.x().expect("uncompressed point")),
                    "y": URL_SAFE_NO_PAD.encode(point.y().expect("uncompressed point"))})
            }
        }
    }
}

/// A private key that signs proofs (the form backend's; the guard never holds one). Its
/// `Debug` shows the key id and algorithm only.
pub struct SignKey {
    pub kid: String,
    key: SignKeyInner,
}

enum SignKeyInner {
    Ed25519(ed25519_dalek::SigningKey),
    P256(p256::ecdsa::SigningKey),
}

impl std::fmt::Debug for SignKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg().as_str())
            .finish_non_exhaustive()
    }
}

impl SignKey {
    /// A fresh random key.
    pub fn generate(alg: Alg, kid: &str) -> SignKey {
        let key = match alg {
            Alg::EdDsa => {
                let mut seed = zeroize::Zeroizing::new([0u8; 32]);
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, seed.as_mut());
                SignKeyInner::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
            }
            Alg::Es256 => {
                SignKeyInner::P256(p256::ecdsa::SigningKey::random(&mut rand::rngs::OsRng))
            }
        };
        SignKey {
            kid: kid.to_string(),
            key,
        }
    }

    pub fn alg(&self) -> Alg {
        match self.key {
            SignKeyInner::Ed25519(_) => Alg::EdDsa,
            SignKeyInner::P256(_) => Alg::Es256,
        }
    }

    /// The JWS signature bytes of `input` (ES256: `r || s`, deterministic per RFC 6979).
    pub fn sign(&self, input: &[u8]) -> Vec<u8> {
        match &self.key {
            SignKeyInner::Ed25519(k) => k.sign(input).to_bytes().to_vec(),
            SignKeyInner::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign(input);
                s.to_bytes().to_vec()
            }
        }
    }

    pub fn public(&self) -> VerifyKey {
        match &self.key {
            SignKeyInner::Ed25519(k) => VerifyKey::Ed25519(k.verifying_key()),
            SignKeyInner::P256(k) => VerifyKey::P256(*k.verifying_key()),
        }
    }

    /// The private JWK (with `d`), for the form backend's key file.
    pub fn to_private_jwk(&self) -> Value {
        let mut jwk = self.public().to_jwk(&self.kid);
        let d = match &self.key {
            SignKeyInner::Ed25519(k) => URL_SAFE_NO_PAD.encode(k.to_bytes()),
            SignKeyInner::P256(k) => URL_SAFE_NO_PAD.encode(k.to_bytes()),
        };
        jwk["d"] = Value::String(d);
        jwk
    }

    /// Reads a private JWK (with `d`).
    pub fn from_jwk(v: &Value) -> Result<SignKey, String> {
        let jwk = Jwk::deserialize(v).map_err(|e| format!("not a JWK: {e}"))?;
        let kid = jwk.kid.clone().ok_or("no `kid`")?;
        let d = jwk.d.as_deref().ok_or("not a private key (no `d`)")?;
        let d = zeroize::Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(d)
                .map_err(|_| "`d` is not base64url")?,
        );
        let key = match jwk.kind()? {
            Alg::EdDsa => {
                let seed: [u8; 32] = d.as_slice().try_into().map_err(|_| "`d` is not 32 bytes")?;
                SignKeyInner::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
            }
            Alg::Es256 => SignKeyInner::P256(
                p256::ecdsa::SigningKey::from_slice(&d).map_err(|_| "`d` is not a P-256 scalar")?,
            ),
        };
        let key = SignKey { kid, key };
        let public = jwk.public()?;
        if public.to_jwk("") != key.public().to_jwk("") {
            return Err("`d` does not match `x`/`y`".into());
        }
        Ok(key)
    }
}

/// The members of a JWK the guard reads; others (`key_ops`, `x5c`…) are ignored.
#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    crv: Option<String>,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    y: Option<String>,
    #[serde(default)]
    d: Option<String>,
}

impl Jwk {
    /// The algorithm the key type and curve stand for, checked against `alg` and `use`.
    fn kind(&self) -> Result<Alg, String> {
        let alg = match (self.kty.as_str(), self.crv.as_deref()) {
            ("OKP", Some("Ed25519")) => Alg::EdDsa,
            ("EC", Some("P-256")) => Alg::Es256,
            (kty, crv) => {
                return Err(format!(
                    "unsupported key type `{kty}`/`{}` (proofs are Ed25519 `OKP` or P-256 `EC`)",
                    crv.unwrap_or("-")
                ))
            }
        };
        if let Some(a) = &self.alg {
            if a != alg.as_str() {
                return Err(format!(
                    "`alg` {a} does not match the key type ({})",
                    alg.as_str()
                ));
            }
        }
        if self.use_.as_deref().is_some_and(|u| u != "sig") {
            return Err("`use` is not `sig`".into());
        }
        Ok(alg)
    }

    fn coordinate(v: &Option<String>, name: &str) -> Result<[u8; 32], String> {
        let bytes = URL_SAFE_NO_PAD
            .decode(v.as_deref().ok_or(format!("no `{name}`"))?)
            .map_err(|_| format!("`{name}` is not base64url"))?;
        bytes
            .try_into()
            .map_err(|_| format!("`{name}` is not 32 bytes"))
    }

    fn public(&self) -> Result<VerifyKey, String> {
        match self.kind()? {
            Alg::EdDsa => {
                let x = Jwk::coordinate(&self.x, "x")?;
                ed25519_dalek::VerifyingKey::from_bytes(&x)
                    .map(VerifyKey::Ed25519)
                    .map_err(|_| "`x` is not an Ed25519 public key".into())
            }
            Alg::Es256 => {
                let (x, y) = (
                    Jwk::coordinate(&self.x, "x")?,
                    Jwk::coordinate(&self.y, "y")?,
                );
                let point =
                    p256::EncodedPoint::from_affine_coordinates(&x.into(), &y.into(), false);
                p256::ecdsa::VerifyingKey::from_encoded_point(&point)
                    .map(VerifyKey::P256)
                    .map_err(|_| "`x`/`y` is not a point of P-256".into())
            }
        }
    }
}

/// Reads a public JWK set (`{"keys": [...]}`): key id → key, every problem listed.
pub fn read_set(text: &str, problems: &mut Vec<String>) -> Vec<(String, VerifyKey)> {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("not JSON: {e}"));
            return Vec::new();
        }
    };
    let Some(keys) = v.get("keys").and_then(Value::as_array) else {
        problems.push("not a JWK set: no `keys` array".into());
        return Vec::new();
    };
    if keys.is_empty() {
        problems.push("the key set is empty".into());
    }
    let mut out: Vec<(String, VerifyKey)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let at = format!("keys[{i}]");
        let jwk = match Jwk::deserialize(k) {
            Ok(j) => j,
            Err(e) => {
                problems.push(format!("{at}: not a JWK: {e}"));
                continue;
            }
        };
        let Some(kid) = jwk.kid.clone().filter(|k| !k.is_empty()) else {
            problems.push(format!("{at}: no `kid` (proofs name their key by `kid`)"));
            continue;
        };
        let at = format!("{at} (kid {kid})");
        if jwk.d.is_some() {
            problems.push(format!(
                "{at}: a private key (`d`): the guard verifies with public keys only; remove it and rotate the key"
            ));
            continue;
        }
        if out.iter().any(|(k, _)| *k == kid) {
            problems.push(format!("{at}: `kid` used twice"));
            continue;
        }
        match jwk.public() {
            Ok(key) => out.push((kid, key)),
            Err(e) => problems.push(format!("{at}: {e}")),
        }
    }
    out
}
