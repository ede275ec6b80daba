//! The I3 history shared by the instances of a group (`kafka.identities_topic`): a compacted
//! topic keyed by each identity's pseudonymous index key, read whole by every instance as a
//! global table ([`super::table`]) into its bounded index, and appended to by whichever
//! instance forwards a person to a destination under a new purpose.
//!
//! So a person's events correlate (I3) whichever instance judges them, and a rebalance loses
//! nothing. The consistency window: an instance sees another's addition once it has read it
//! (the producer's linger, then one fetch: typically under 200 ms); two events of one person
//! judged within that window on two instances do not see each other.

use std::sync::Arc;

use rdkafka::message::{BorrowedMessage, Message};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::engine::Guard;
use crate::identity_index::SharedIndex;
use crate::rules::interconnection;

use super::config::Settings;
use super::events::Site;
use super::status::{Client, Status};
use super::table::{self, Table};

/// Starts the reader of `topic` into `index`. The receiver turns `true` once it is loaded.
pub fn spawn(
    settings: Arc<Settings>,
    topic: String,
    guard: Arc<Guard>,
    index: SharedIndex,
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    status.set_identities_loading(true);
    table::spawn(
        settings,
        Identities {
            topic,
            guard,
            index,
        },
        status,
        cancel,
    )
}

struct Identities {
    topic: String,
    guard: Arc<Guard>,
    index: SharedIndex,
}

impl Table for Identities {
    const CLIENT: Client = Client::Identities;
    const SITE: Site = Site::IdentitiesReader;

    fn topic(&self) -> &str {
        &self.topic
    }

    fn apply(&mut self, m: &BorrowedMessage<'_>, _live: bool) -> bool {
        let (Some(key), Some(payload)) = (m.key(), m.payload()) else {
            return false;
        };
        let Some((key, pairs)) =
            interconnection::read_identity_update(&self.guard.policy, key, payload)
        else {
            tracing::debug!(
                partition = m.partition(),
                offset = m.offset(),
                "not an identity record; skipped"
            );
            return false;
        };
        self.index
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .merge(key, &pairs);
        true
    }

    fn loaded(&mut self, status: &Status) {
        status.set_identities_loading(false);
    }
}
