//! Liveness and readiness, shared by the pipeline, the Kafka client callbacks and `/ready`.
//!
//! Ready means: the withdrawals table is loaded (so no lead can be judged without the
//! withdrawals known before it), a broker is reachable, and the instance is not shutting down or
//! failed. An orchestrator keeps traffic and alerts on this; the process itself stays alive and
//! retries while not ready.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Mutex;

use super::metrics;

/// Why the instance is not ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    WithdrawalsLoading,
    IdentitiesLoading,
    SubjectKeysLoading,
    ErasuresLoading,
    BrokerUnreachable,
    ShuttingDown,
    Failed,
}

impl NotReady {
    pub const fn as_str(self) -> &'static str {
        match self {
            NotReady::WithdrawalsLoading => "withdrawals table not loaded yet",
            NotReady::IdentitiesLoading => "shared I3 history not loaded yet",
            NotReady::SubjectKeysLoading => "subject keys table not loaded yet",
            NotReady::ErasuresLoading => "erasure requests not loaded yet",
            NotReady::BrokerUnreachable => "no Kafka broker reachable",
            NotReady::ShuttingDown => "shutting down",
            NotReady::Failed => "failed",
        }
    }
}

/// The Kafka clients of an instance, as reported in logs and readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Client {
    /// The group consumer of the input topics.
    Consumer = 1,
    /// The producer of outputs, dead letters and audit records.
    Producer = 2,
    /// The reader of the withdrawals topic.
    Withdrawals = 4,
    /// The reader of the audit topic (chain recovery).
    Recovery = 8,
    /// The reader of the shared I3 history.
    Identities = 16,
    /// The reader and the producer of the subject keys topic (crypto-shredding).
    SubjectKeys = 32,
    /// The reader of the erasures topic.
    Erasures = 64,
}

impl Client {
    pub const fn as_str(self) -> &'static str {
        match self {
            Client::Consumer => "consumer",
            Client::Producer => "producer",
            Client::Withdrawals => "withdrawals",
            Client::Recovery => "recovery",
            Client::Identities => "identities",
            Client::SubjectKeys => "subject-keys",
            Client::Erasures => "erasures",
        }
    }
}

/// The instance's state, updated lock-free from any thread.
#[derive(Debug, Default)]
pub struct Status {
    withdrawals_loaded: AtomicBool,
    /// Whether the shared I3 history is still being read (only when configured).
    identities_loading: AtomicBool,
    /// Whether the subject keys table, then the erasures, are still being read (when
    /// configured).
    subject_keys_loading: AtomicBool,
    erasures_loading: AtomicBool,
    /// One bit per [`Client`] that currently reaches no broker.
    broker_down: AtomicU8,
    shutting_down: AtomicBool,
    failed: AtomicBool,
    /// The first fatal error, for the exit message.
    failure: Mutex<Option<String>>,
}

impl Status {
    pub fn new() -> Self {
        let s = Status::default();
        s.publish();
        s
    }

    /// `Ok` when ready, else the first reason it is not.
    pub fn readiness(&self) -> Result<(), NotReady> {
        if self.failed.load(Ordering::Acquire) {
            Err(NotReady::Failed)
        } else if self.shutting_down.load(Ordering::Acquire) {
            Err(NotReady::ShuttingDown)
        } else if !self.withdrawals_loaded.load(Ordering::Acquire) {
            Err(NotReady::WithdrawalsLoading)
        } else if self.identities_loading.load(Ordering::Acquire) {
            Err(NotReady::IdentitiesLoading)
        } else if self.subject_keys_loading.load(Ordering::Acquire) {
            Err(NotReady::SubjectKeysLoading)
        } else if self.erasures_loading.load(Ordering::Acquire) {
            Err(NotReady::ErasuresLoading)
        } else if self.broker_down.load(Ordering::Acquire) != 0 {
            Err(NotReady::BrokerUnreachable)
        } else {
            Ok(())
        }
    }

    /// Live unless a fatal error stopped the pipeline.
    pub fn is_alive(&self) -> bool {
        !self.failed.load(Ordering::Acquire)
    }

    pub fn withdrawals_loaded(&self) -> bool {
        self.withdrawals_loaded.load(Ordering::Acquire)
    }

    pub fn set_withdrawals_loaded(&self) {
        self.withdrawals_loaded.store(true, Ordering::Release);
        self.publish();
    }

    /// Marks the shared I3 history as being read: not ready until it is loaded.
    pub fn set_identities_loading(&self, loading: bool) {
        self.identities_loading.store(loading, Ordering::Release);
        self.publish();
    }

    /// Whether `client` currently reaches no broker.
    pub fn is_broker_down(&self, client: Client) -> bool {
        self.broker_down.load(Ordering::Acquire) & client as u8 != 0
    }

    /// Marks the subject keys table as being read: not ready until it is loaded.
    pub fn set_subject_keys_loading(&self, loading: bool) {
        self.subject_keys_loading.store(loading, Ordering::Release);
        self.publish();
    }

    /// Marks the erasure requests as being read: not ready until they are applied.
    pub fn set_erasures_loading(&self, loading: bool) {
        self.erasures_loading.store(loading, Ordering::Release);
        self.publish();
    }

    /// Records whether `client` reaches any broker; logs transitions only.
    pub fn set_broker_down(&self, client: Client, down: bool) {
        let bit = client as u8;
        let before = if down {
            self.broker_down.fetch_or(bit, Ordering::AcqRel)
        } else {
            self.broker_down.fetch_and(!bit, Ordering::AcqRel)
        };
        if (before & bit != 0) != down {
            if down {
                tracing::warn!(
                    client = client.as_str(),
                    "no Kafka broker reachable: not ready; retrying"
                );
            } else {
                tracing::info!(client = client.as_str(), "Kafka broker reachable");
            }
            self.publish();
        }
    }

    pub fn set_shutting_down(&self) {
        self.shutting_down.store(true, Ordering::Release);
        self.publish();
    }

    /// Records a fatal error (the first one wins).
    pub fn fail(&self, why: String) {
        let mut slot = self.failure.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            tracing::error!(error = %why, "fatal: stopping the pipeline");
            *slot = Some(why);
        }
        drop(slot);
        self.failed.store(true, Ordering::Release);
        self.publish();
    }

    /// The first fatal error, if any.
    pub fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn publish(&self) {
        ::metrics::gauge!(metrics::READY).set(if self.readiness().is_ok() { 1.0 } else { 0.0 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_when_loaded_reachable_and_running() {
        let s = Status::new();
        assert_eq!(s.readiness(), Err(NotReady::WithdrawalsLoading));
        s.set_withdrawals_loaded();
        assert_eq!(s.readiness(), Ok(()));
        s.set_broker_down(Client::Consumer, true);
        s.set_broker_down(Client::Producer, true);
        assert_eq!(s.readiness(), Err(NotReady::BrokerUnreachable));
        s.set_broker_down(Client::Consumer, false);
        assert!(s.is_broker_down(Client::Producer) && !s.is_broker_down(Client::Consumer));
        assert_eq!(s.readiness(), Err(NotReady::BrokerUnreachable));
        s.set_broker_down(Client::Producer, false);
        assert_eq!(s.readiness(), Ok(()));
        s.set_shutting_down();
        assert_eq!(s.readiness(), Err(NotReady::ShuttingDown));
        s.fail("boom".into());
        s.fail("second".into());
        assert_eq!(s.readiness(), Err(NotReady::Failed));
        assert!(!s.is_alive());
        assert_eq!(s.failure().as_deref(), Some("boom"));
    }
}
