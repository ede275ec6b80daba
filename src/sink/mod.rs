//! Outputs behind one seam: a [`Sink`] takes a record for a [`Route`] (a destination, the dead
//! letters or the audit trail) and gives back an acknowledgement to wait for. File mode writes
//! JSON lines ([`file::FileSink`]); Kafka mode produces to topics (`kafka::sink`). Both modes
//! route a judged event with the same loop, [`deliver`], so an output of another kind (an HTTP
//! endpoint, object storage) is one new `Sink` and nothing else.
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
    /// The audit trail; `partition` pins a chain to one partition where the output has them.
    Audit {
        partition: Option<i32>,
    },
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
    /// What the caller waits for before the next step (audit record, offset commit).
    type Ack;
    type Error;

    /// Hands one record to the output.
    fn send(&mut self, record: Record<'_>) -> Result<Self::Ack, Self::Error>;
}

/// Sends a judged event's copies, then its dead letter, in that order: the routing loop of
/// both modes. The audit record goes separately, after these are acknowledged.
pub fn deliver<S: Sink>(
    sink: &mut S,
    processed: &Processed,
    chain_id: &str,
    position: &str,
) -> Result<Vec<S::Ack>, S::Error> {
    let mut acks = Vec::with_capacity(processed.outputs.len() + 1);
    for o in &processed.outputs {
        acks.push(sink.send(Record {
            route: Route::Destination(o.destination),
            key: o.key.as_deref(),
            payload: &o.payload,
            position,
        })?);
    }
    if let Some(dl) = &processed.dead_letter {
        acks.push(sink.send(Record {
            route: Route::DeadLetter,
            key: Some(chain_id),
            payload: dl,
            position,
        })?);
    }
    Ok(acks)
}
