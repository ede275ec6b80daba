//! Dead letters: the record of a rejected input, its payload encrypted under the dead-letter
//! key and bound to its input position, so that only key holders can replay it. When the event
//! names a person and the deployment has a subject key store, the payload is sealed under the
//! person's dead-letter data key (which mixes in the dead-letter key): an erasure shreds it.

use std::io::Write;

use super::seal::Sealer;
use super::{Guard, DEAD_LETTER_SCHEMA_NAME};
use crate::audit::InputRef;
use crate::crypto::CryptoError;
use crate::json_out;
use crate::subject_keys::{SubjectKeyError, SubjectKeys, Use};
use crate::verdict::Reason;

impl Guard {
    /// The dead-letter record of a rejected input.
    pub(super) fn dead_letter_record(
        &self,
        raw: &[u8],
        input: &InputRef,
        reason: Reason,
        detail: &str,
        processed_at: &str,
        sealer: &Sealer,
    ) -> Vec<u8> {
        let payload = sealer.dead_letter(&self.dead_letter, &aad(input), raw);
        record_json(input, reason, detail, processed_at, raw.len(), &payload)
    }

    /// Decrypts one dead-letter payload, under the person's key when it names one (`keys` is
    /// then needed), for replay by key holders.
    ///
    /// # Errors
    ///
    /// [`SubjectKeyError::Erased`] when it was crypto-shredded, and the other
    /// [`SubjectKeyError`]s.
    pub fn open_dead_letter_with(
        &self,
        keys: Option<&SubjectKeys>,
        input: &InputRef,
        payload: &str,
    ) -> Result<Vec<u8>, SubjectKeyError> {
        match keys {
            Some(k) => k.open(
                &self.dead_letter,
                Use::DeadLetter,
                aad(input).as_bytes(),
                payload,
            ),
            None => Ok(self.dead_letter.decrypt(&aad(input), payload)?),
        }
    }

    /// Decrypts one dead-letter payload sealed under the dead-letter key (for replay by key
    /// holders; see [`Guard::open_dead_letter_with`] for subject-keyed ones).
    pub fn open_dead_letter(
        &self,
        input: &InputRef,
        payload: &str,
    ) -> Result<Vec<u8>, CryptoError> {
        self.dead_letter.decrypt(&aad(input), payload)
    }
}

/// The dead-letter record (its members in name order, as it has always been written).
fn record_json(
    input: &InputRef,
    reason: Reason,
    detail: &str,
    processed_at: &str,
    size: usize,
    payload: &str,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + payload.len());
    out.extend_from_slice(b"{\"detail\":");
    json_out::str(&mut out, detail);
    out.extend_from_slice(b",\"input\":{");
    match input {
        InputRef::Kafka {
            topic,
            partition,
            offset,
        } => {
            let _ = write!(
                out,
                "\"offset\":{offset},\"partition\":{partition},\"topic\":"
            );
            json_out::str(&mut out, topic);
            out.push(b'}');
        }
        InputRef::File { file, line } => {
            out.extend_from_slice(b"\"file\":");
            json_out::str(&mut out, file);
            let _ = write!(out, ",\"line\":{line}}}");
        }
    }
    out.extend_from_slice(b",\"payload\":");
    json_out::str(&mut out, payload);
    out.extend_from_slice(b",\"processed_at\":");
    json_out::str(&mut out, processed_at);
    out.extend_from_slice(b",\"reason\":");
    json_out::plain(&mut out, reason.as_str());
    out.extend_from_slice(b",\"schema\":");
    json_out::plain(&mut out, DEAD_LETTER_SCHEMA_NAME);
    let _ = write!(out, ",\"size\":{size}}}");
    out
}

/// Associated data of a dead-letter payload: bound to its input position.
fn aad(input: &InputRef) -> String {
    format!("leadguard.dead-letter/v1 {input}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dead_letter_is_what_serde_json_writes() {
        let inputs = [
            InputRef::File {
                file: "t.jsonl".into(),
                line: 7,
            },
            InputRef::Kafka {
                topic: "leads.\"raw\"".into(),
                partition: 3,
                offset: -1,
            },
        ];
        for input in inputs {
            let detail = "/subject fails `required` \u{1} é";
            let written = record_json(
                &input,
                Reason::SchemaInvalid,
                detail,
                "2026-11-22T12:00:00Z",
                1234,
                "enc:d1:abc",
            );
            let expected = serde_json::to_vec(&json!({
                "schema": DEAD_LETTER_SCHEMA_NAME,
                "input": input,
                "reason": "schema.invalid",
                "detail": detail,
                "processed_at": "2026-11-22T12:00:00Z",
                "size": 1234,
                "payload": "enc:d1:abc",
            }))
            .unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }
}
