//! A test broker that can be stopped and started again without losing its log: tansu 0.6.0 with
//! `s3://` storage on a local S3 server (moto's standalone server, a separate process on a free
//! 127.0.0.1 port, installed by `scripts/install-s3-server.sh`). The broker process holds no
//! state of its own, so SIGTERM or SIGKILL and a restart on the same port is a broker restart as
//! a rolling upgrade or a crash makes one: topics, records, committed offsets and producer state
//! are read back from the storage.
//!
//! Why not PostgreSQL or SQLite: the pinned tansu binary (`scripts/install-tansu.sh`) is built
//! with the `dynostore` storage only; `--storage-engine postgres://…` fails at start-up with
//! `FeatureNotEnabled { feature: "postgres" }`. Measured on this storage as on `memory://`:
//! `read_committed` still returns the records of aborted transactions (see
//! `docs/test-broker.md`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::ops::Deref;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::broker::{unique_name, Broker};
use super::fixtures::repo;
use super::http::free_port;

/// How long the S3 server may take to answer after it is spawned.
const S3_STARTUP: Duration = Duration::from_secs(30);
/// How long a restart may retry while the broker's old port is still being released.
const RESTART: Duration = Duration::from_secs(15);

/// Path of the S3 server; panics with setup instructions if it is absent.
pub fn s3_server_bin() -> PathBuf {
    let bin = repo().join(".tools/s3-venv/bin/moto_server");
    if !bin.is_file() {
        panic!(
            "S3 server not found at {}.\n\
             The broker restart tests need it and never skip: run `scripts/install-s3-server.sh`.",
            bin.display()
        );
    }
    bin
}

/// A tansu broker on `s3://` storage, restartable on its port. Both processes are killed on
/// drop.
pub struct DurableBroker {
    s3: Child,
    s3_port: u16,
    bucket: String,
    port: u16,
    broker: Option<Broker>,
}

impl DurableBroker {
    /// Starts the S3 server, creates a bucket, and starts the broker on it.
    pub fn start() -> DurableBroker {
        let s3_port = free_port();
        let log = tempfile::tempfile().expect("S3 server log");
        let s3 = Command::new(s3_server_bin())
            .args(["-H", "127.0.0.1", "-p", &s3_port.to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn the S3 server");
        let mut durable = DurableBroker {
            s3,
            s3_port,
            bucket: unique_name("tansu"),
            port: free_port(),
            broker: None,
        };
        let deadline = Instant::now() + S3_STARTUP;
        loop {
            match durable.put_bucket() {
                Ok(200) => break,
                other => assert!(
                    Instant::now() < deadline,
                    "S3 server on port {s3_port}: creating the bucket gave {other:?}"
                ),
            }
            assert!(
                durable.s3.try_wait().unwrap().is_none(),
                "the S3 server exited"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        durable.restart();
        durable
    }

    /// `PUT /bucket` on the S3 server: its HTTP status.
    fn put_bucket(&self) -> Result<u16, String> {
        let mut s =
            TcpStream::connect(("127.0.0.1", self.s3_port)).map_err(|e| format!("connect: {e}"))?;
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            s,
            "PUT /{} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.bucket
        )
        .map_err(|e| e.to_string())?;
        let mut raw = String::new();
        s.read_to_string(&mut raw).map_err(|e| e.to_string())?;
        raw.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or(raw)
    }

    /// Stops the broker with `signal` (`TERM` or `KILL`); the storage is kept.
    pub fn stop(&mut self, signal: &str) -> Duration {
        self.broker
            .take()
            .expect("the broker is running")
            .stop(signal)
    }

    /// Starts the broker (again) on its port and storage.
    pub fn restart(&mut self) {
        assert!(self.broker.is_none(), "the broker is running");
        let env = [
            ("AWS_ACCESS_KEY_ID", "test".to_string()),
            ("AWS_SECRET_ACCESS_KEY", "test".to_string()),
            ("AWS_DEFAULT_REGION", "us-east-1".to_string()),
            ("AWS_ENDPOINT", format!("http://127.0.0.1:{}", self.s3_port)),
            ("AWS_ALLOW_HTTP", "true".to_string()),
        ];
        let storage = format!("s3://{}/", self.bucket);
        let deadline = Instant::now() + RESTART;
        loop {
            match Broker::start_with_storage(self.port, &storage, &env) {
                Ok(b) => {
                    self.broker = Some(b);
                    return;
                }
                Err(e) => assert!(
                    Instant::now() < deadline,
                    "could not start tansu on {storage} (port {}): {e}",
                    self.port
                ),
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// The running broker; panics while it is stopped.
impl Deref for DurableBroker {
    type Target = Broker;

    fn deref(&self) -> &Broker {
        self.broker.as_ref().expect("the broker is stopped")
    }
}

impl Drop for DurableBroker {
    fn drop(&mut self) {
        self.broker.take();
        let _ = self.s3.kill();
        let _ = self.s3.wait();
    }
}
