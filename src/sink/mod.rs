//! Outputs behind one seam: a [`Sink`] takes records for a [`Route`] (a destination, the dead
//! letters or the audit trail) and gives back one acknowledgement to wait for per step. File
//! mode writes JSON lines ([`file::FileSink`]); Kafka mode produces to topics (`kafka::sink`).
//! Both modes route a judged event with the same loop, [`deliver`], so an output of another kind
//! (an HTTP endpoint, object storage) is one new `Sink` and nothing else.
//!
//! Which topic or file a destination goes to is deployment configuration, not policy: the
//! policy names destinations only (see [`crate::kafka::config`] `[outputs]`).

pub mod file;

use crate::engine::Processed;

/// Where a record goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// A policy destination (its index in the policy).
    Destination(usize),
    DeadLetter,
    /// The I3 history shared between instances (Kafka only; other outputs ignore it).
    Identities,
    /// The audit trail; `partition` pins a chain to one partition where the output has them.
    Audit {
        partition: Option<i32>,
    },
    /// Signed checkpoints of the audit chains.
    Checkpoints,
}

/// One record to deliver.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub route: Route,
    /// The record key: subject token for copies, chain id for dead letters and audit records.
    pub key: Option<&'a str>,
    pub payload: &'a [u8],
    /// The input position (`topic/partition@offset` or `file:line`), carried where the output
    /// has headers, so outputs reconcile with inputs without reading payloads.
    pub position: &'a str,
}

/// An output.
pub trait Sink {
    /// What the caller waits for before the next step (audit record, offset commit): one
    /// acknowledgement for a group of records, since no step waits for less than a group.
    type Ack;
    type Error;

    /// Hands one record to the output.
    fn send(&mut self, record: Record<'_>) -> Result<(), Self::Error>;

    /// The acknowledgement of every record sent since the previous call.
    fn ack(&mut self) -> Self::Ack;
}

/// Sends a judged event's copies, then its dead letter, then its I3 history updates, in that
/// order: the routing loop of both modes. The audit record goes separately, after these are
/// acknowledged.
pub fn deliver<S: Sink>(
    sink: &mut S,
    processed: &Processed,
    chain_id: &str,
    position: &str,
) -> Result<S::Ack, S::Error> {
    for o in &processed.outputs {
        sink.send(Record {
            route: Route::Destination(o.destination),
            key: o.key.as_deref(),
            payload: &o.payload,
            position,
        })?;
    }
    if let Some(dl) = &processed.dead_letter {
        sink.send(Record {
            route: Route::DeadLetter,
            key: Some(chain_id),
            payload: dl,
            position,
        })?;
    }
    for u in &processed.identity_updates {
        sink.send(Record {
            route: Route::Identities,
            key: Some(&u.key),
            payload: &u.payload,
            position,
        })?;
    }
    Ok(sink.ack())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditRecord, InputRef};
    use crate::engine::Output;
    use crate::verdict::Outcome;

    /// A sink that records what it was given: any type with `send` is an output.
    #[derive(Default)]
    struct Recorder(Vec<(Route, Option<String>, Vec<u8>, String)>);

    impl Sink for Recorder {
        /// How many records were sent in all.
        type Ack = usize;
        type Error = std::convert::Infallible;
        fn send(&mut self, r: Record<'_>) -> Result<(), Self::Error> {
            self.0.push((
                r.route,
                r.key.map(str::to_string),
                r.payload.to_vec(),
                r.position.to_string(),
            ));
            Ok(())
        }
        fn ack(&mut self) -> usize {
            self.0.len()
        }
    }

    fn processed(outputs: Vec<Output>, dead_letter: Option<Vec<u8>>) -> Processed {
        let audit: AuditRecord = serde_json::from_value(serde_json::json!({
            "schema": "leadguard.audit/v2",
            "input": InputRef::File { file: "f".into(), line: 1 },
            "processed_at": "2026-11-22T12:00:00Z",
            "outcome": "forwarded",
            "event_id": null, "subject_ref": null, "subject_refs": [], "occurred_at": null,
            "dataset": null, "reasons": [], "detail": null, "destinations": [], "flags": [],
            "findings": [], "interconnections": [], "withdrawals_applied": 0,
            "policy": {"version": "v", "sha256": "s"},
            "chain": {"id": "f", "seq": 0, "prev": ""}
        }))
        .unwrap();
        Processed {
            outcome: Outcome::Forwarded,
            outputs,
            dead_letter,
            audit,
            identity_updates: Vec::new(),
            subject_keys: Vec::new(),
        }
    }

    #[test]
    fn copies_then_dead_letter_each_with_its_key_and_the_position() {
        let p = processed(
            vec![
                Output {
                    destination: 2,
                    key: Some("hmac:k1:a".into()),
                    payload: b"{\"a\":1}".to_vec(),
                },
                Output {
                    destination: 0,
                    key: None,
                    payload: b"{\"b\":2}".to_vec(),
                },
            ],
            Some(b"{\"dl\":true}".to_vec()),
        );
        let mut sink = Recorder::default();
        assert_eq!(deliver(&mut sink, &p, "f", "f:1").unwrap(), 3);
        let routes: Vec<Route> = sink.0.iter().map(|r| r.0).collect();
        assert_eq!(
            routes,
            [
                Route::Destination(2),
                Route::Destination(0),
                Route::DeadLetter
            ]
        );
        assert_eq!(sink.0[0].1.as_deref(), Some("hmac:k1:a"));
        assert_eq!(sink.0[2].1.as_deref(), Some("f"));
        assert!(sink.0.iter().all(|r| r.3 == "f:1"));
        assert_eq!(sink.0[1].2, b"{\"b\":2}");
    }
}
