//! The withdrawals topic as a global table ([`super::table`]): every instance reads all of it
//! (contract §3) before it judges a lead.
//!
//! The engine reads the table through a read lock once per event; a new withdrawal takes the
//! write lock for one insertion, so the pipeline never waits more than that.

use std::sync::{Arc, RwLock};

use metrics::{counter, gauge, histogram};
use rdkafka::message::{BorrowedMessage, Message};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::engine::Guard;
use crate::withdrawals::WithdrawalTable;

use super::config::Settings;
use super::events::Site;
use super::metrics::{
    WITHDRAWALS_APPLIED_TOTAL, WITHDRAWALS_LOADED, WITHDRAWALS_REFUSED_TOTAL,
    WITHDRAWAL_LAG_LAST_SECONDS, WITHDRAWAL_LAG_SECONDS,
};
use super::status::{Client, Status};
use super::table::{self, Table};

/// The table shared by the withdrawals reader (writer) and the pipeline (readers).
pub type SharedTable = Arc<RwLock<WithdrawalTable>>;

/// Starts the reader thread. The returned receiver turns `true` once the table is loaded.
pub fn spawn(
    settings: Arc<Settings>,
    guard: Arc<Guard>,
    table: SharedTable,
    status: Arc<Status>,
    cancel: CancellationToken,
) -> std::io::Result<(std::thread::JoinHandle<()>, watch::Receiver<bool>)> {
    gauge!(WITHDRAWALS_LOADED).set(0.0);
    let topic = settings.withdrawals_topic.clone();
    table::spawn(
        settings,
        Withdrawals {
            topic,
            guard,
            table,
        },
        status,
        cancel,
    )
}

struct Withdrawals {
    topic: String,
    guard: Arc<Guard>,
    table: SharedTable,
}

impl Table for Withdrawals {
    const CLIENT: Client = Client::Withdrawals;
    const SITE: Site = Site::WithdrawalsReader;

    fn topic(&self) -> &str {
        &self.topic
    }

    /// Applies one message; `live` once the table was loaded (then the lag is observed).
    fn apply(&mut self, m: &BorrowedMessage<'_>, live: bool) -> bool {
        let Some(payload) = m.payload() else {
            // A tombstone: compaction's delete marker. A withdrawal is never undone by one.
            counter!(WITHDRAWALS_REFUSED_TOTAL, "why" => "tombstone").increment(1);
            return false;
        };
        let policy = &self.guard.policy;
        let result = self
            .table
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .apply_json(
                payload,
                &policy.withdrawal_schema,
                &policy.default_country_code,
            );
        match result {
            Ok(applied) => {
                counter!(WITHDRAWALS_APPLIED_TOTAL).increment(1);
                if live {
                    let now_ms = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_millis() as i64)
                        .unwrap_or_default();
                    let since_ms = m.timestamp().to_millis().unwrap_or(applied.at * 1000);
                    let lag = (now_ms - since_ms).max(0) as f64 / 1000.0;
                    histogram!(WITHDRAWAL_LAG_SECONDS).record(lag);
                    gauge!(WITHDRAWAL_LAG_LAST_SECONDS).set(lag);
                    tracing::info!(
                        partition = m.partition(),
                        offset = m.offset(),
                        lag_seconds = lag,
                        "withdrawal applied"
                    );
                }
                true
            }
            Err(e) => {
                counter!(WITHDRAWALS_REFUSED_TOTAL, "why" => "invalid").increment(1);
                // The error names the problem, never a value from the message.
                tracing::warn!(partition = m.partition(), offset = m.offset(), error = %e, "withdrawal refused");
                false
            }
        }
    }

    fn loaded(&mut self, status: &Status) {
        gauge!(WITHDRAWALS_LOADED).set(1.0);
        status.set_withdrawals_loaded();
        tracing::info!(
            withdrawals = self.table.read().map(|t| t.len()).unwrap_or_default(),
            "withdrawals known"
        );
    }
}
