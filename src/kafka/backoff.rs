//! Exponential backoff for start-up and recovery steps that retry while the broker cannot be
//! reached: 100 ms doubling up to 10 s, interruptible by shutdown within 50 ms.

use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

const FIRST: Duration = Duration::from_millis(100);
const MAX: Duration = Duration::from_secs(10);
const TICK: Duration = Duration::from_millis(50);

/// The delays of one retried step.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
}

/// Shutdown was asked while waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: FIRST }
    }
}

impl Backoff {
    /// Sleeps the next delay (then doubles it), or returns early when `cancel` fires.
    pub fn wait(&mut self, cancel: &CancellationToken) -> Result<(), Cancelled> {
        let until = Instant::now() + self.next;
        self.next = (self.next * 2).min(MAX);
        while Instant::now() < until {
            if cancel.is_cancelled() {
                return Err(Cancelled);
            }
            std::thread::sleep(TICK.min(until.saturating_duration_since(Instant::now())));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap() {
        let mut b = Backoff::default();
        let mut seen = Vec::new();
        for _ in 0..9 {
            seen.push(b.next);
            b.next = (b.next * 2).min(MAX);
        }
        assert_eq!(seen[0], Duration::from_millis(100));
        assert_eq!(seen[1], Duration::from_millis(200));
        assert_eq!(seen[7], Duration::from_secs(10));
        assert_eq!(seen[8], Duration::from_secs(10));
    }

    #[test]
    fn a_cancelled_wait_returns_at_once() {
        let cancel = CancellationToken::new();
        cancel.cancel();
        let mut b = Backoff { next: MAX };
        assert_eq!(b.wait(&cancel), Err(Cancelled));
        let mut quick = Backoff {
            next: Duration::from_millis(1),
        };
        assert_eq!(quick.wait(&CancellationToken::new()), Ok(()));
    }
}
