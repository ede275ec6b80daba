//! JWS compact serialization with a detached payload (RFC 7515 §7.1 and appendix F): the
//! signature travels as `<protected header>..<signature>`, and the payload — the canonical
//! consent proof of [`super::canonical_payload`] — is rebuilt by the guard from the event.
//!
//! Why detached: the payload names the person (their e-mail and phone); attached, it would be
//! forwarded in clear (base64 is not a protection) with the consent entry to every destination,
//! statistics included. Detached, nothing personal is added to the event.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};

use super::jwk::{Alg, SignKey};

/// The parts of a proof the guard reads, before its signature is checked.
pub struct Parsed<'a> {
    pub alg: Alg,
    pub kid: String,
    /// `event_id` of the protected header: the event the proof was made for.
    pub event_id: String,
    /// The protected header as it travels (base64url), the first half of the signing input.
    pub header_b64: &'a str,
    pub signature: Vec<u8>,
}

/// Why a compact JWS cannot even be read: always `signature.invalid` in the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Reads `<header>..<signature>`. The header must be a JSON object with `alg` (`EdDSA` or
/// `ES256`), `kid` and `event_id` strings, and no `crit` (no extension is understood).
pub fn parse(compact: &str) -> Result<Parsed<'_>, Unreadable> {
    let mut parts = compact.split('.');
    let (Some(header_b64), Some(""), Some(sig_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Unreadable);
    };
    let header = URL_SAFE_NO_PAD.decode(header_b64).map_err(|_| Unreadable)?;
    let header: Value = serde_json::from_slice(&header).map_err(|_| Unreadable)?;
    let text = |k: &str| header.get(k).and_then(Value::as_str).ok_or(Unreadable);
    if header.get("crit").is_some() || header.get("b64").is_some() {
        return Err(Unreadable);
    }
    let alg = Alg::parse(text("alg")?).ok_or(Unreadable)?;
    Ok(Parsed {
        alg,
        kid: text("kid")?.to_string(),
        event_id: text("event_id")?.to_string(),
        header_b64,
        signature: URL_SAFE_NO_PAD.decode(sig_b64).map_err(|_| Unreadable)?,
    })
}

/// The signing input of RFC 7515 §5.1: `base64url(header) '.' base64url(payload)`.
pub fn signing_input(header_b64: &str, payload: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(header_b64.len() + 1 + payload.len() * 4 / 3 + 4);
    input.extend_from_slice(header_b64.as_bytes());
    input.push(b'.');
    let start = input.len();
    input.resize(
        start + base64::encoded_len(payload.len(), false).unwrap_or(0),
        0,
    );
    let n = URL_SAFE_NO_PAD
        .encode_slice(payload, &mut input[start..])
        .expect("sized by encoded_len");
    input.truncate(start + n);
    input
}

/// Signs `payload` for event `event_id`: the detached compact JWS a form backend writes in
/// `proof_jws`.
pub fn sign(key: &SignKey, event_id: &str, payload: &[u8]) -> String {
    let header = json!({"alg": key.alg().as_str(), "kid": key.kid, "event_id": event_id});
    let header_b64 = URL_SAFE_NO_PAD.encode(header.to_string());
    let signature = key.sign(&signing_input(&header_b64, payload));
    format!("{header_b64}..{}", URL_SAFE_NO_PAD.encode(signature))
}
