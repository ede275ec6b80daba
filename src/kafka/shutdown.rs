//! SIGINT/SIGTERM → graceful shutdown.
//!
//! The first signal starts the grace period: consumption stops, in-flight events finish, offsets
//! are committed, the process exits 0. A second signal exits at once (code 130), for an operator
//! who does not want to wait; nothing is lost either way, since offsets only move past events
//! whose records were acknowledged.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::signal::unix::{signal, SignalKind};
use tokio_util::sync::CancellationToken;

use super::status::Status;

/// Waits for SIGINT or SIGTERM; returns its name.
async fn next_signal(
    term: &mut tokio::signal::unix::Signal,
    int: &mut tokio::signal::unix::Signal,
) -> &'static str {
    tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = int.recv() => "SIGINT",
    }
}

/// Cancels `shutdown` on the first signal (after setting the deadline); exits on the second.
pub async fn on_signal(
    shutdown: CancellationToken,
    status: Arc<Status>,
    deadline: Arc<Mutex<Option<Instant>>>,
    grace: Duration,
) {
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot install signal handlers: only SIGKILL will stop this process");
        return;
    };
    let first = next_signal(&mut term, &mut int).await;
    *deadline.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now() + grace);
    status.set_shutting_down();
    tracing::info!(
        signal = first,
        grace_ms = grace.as_millis() as u64,
        "shutting down: finishing in-flight events"
    );
    shutdown.cancel();
    let second = next_signal(&mut term, &mut int).await;
    tracing::warn!(
        signal = second,
        "second signal: exiting now without finishing"
    );
    std::process::exit(130);
}
