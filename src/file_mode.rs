//! File mode: judge a JSON-lines file with no external service (the README's first command).
//!
//! Streams the input line by line with a bounded buffer, so memory does not grow with the input
//! (the I3 identity index aside, which is bounded by policy).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::audit::{AuditChain, AuditRecord, InputRef, Text};
use crate::clock::{self, Timestamp};
use crate::engine::{Guard, Processed};
use crate::sink::file::{FileSink, FileSinkError};
use crate::sink::{self, Record, Route, Sink};
use crate::subject_keys::file::{KeyFile, KeyFileError};
use crate::subject_keys::{SubjectKeyError, SubjectKeys, DEFAULT_CACHE_CAPACITY};
use crate::verdict::DestOutcome;
use crate::withdrawals::WithdrawalTable;

/// File-mode failures (I/O and the key store only: bad events never stop a run).
#[derive(Debug, thiserror::Error)]
pub enum FileModeError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Write(#[from] FileSinkError),
    #[error(transparent)]
    KeyFile(#[from] KeyFileError),
    #[error(transparent)]
    SubjectKey(#[from] SubjectKeyError),
}

/// Crypto-shredding in file mode (issue 13): the subject key file, and erasure requests applied
/// before the first lead.
#[derive(Debug, Default, Clone, Copy)]
pub struct Shredding<'a> {
    /// `--subject-keys`: the JSON-lines key store (created if absent). Without it, values are
    /// sealed under the master encryption key and cannot be shredded.
    pub subject_keys: Option<&'a Path>,
    /// `--erasures`: erasure requests, one JSON object per line (`schemas/erasure.v1`).
    pub erasures: Option<&'a Path>,
}

/// The key store of a run and its file.
type Keys = (Arc<SubjectKeys>, KeyFile);

/// Counts of a run, printed as its summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub events: u64,
    pub outcomes: BTreeMap<Text, u64>,
    /// Records written per destination.
    pub forwarded: BTreeMap<Text, u64>,
    /// Blocked destinations and rejections, per reason code.
    pub reasons: BTreeMap<Text, u64>,
    pub flags: BTreeMap<Text, u64>,
    pub withdrawals_loaded: usize,
    pub withdrawals_invalid: Vec<u64>,
    /// Erasure requests applied.
    pub erasures_applied: u64,
    /// Subject keys destroyed by them.
    pub keys_destroyed: u64,
    /// Erasure lines refused, with why (never the line's content).
    pub erasures_refused: Vec<(u64, String)>,
}

impl Summary {
    /// Adds one processed event.
    pub fn add(&mut self, p: &Processed) {
        self.events += 1;
        *self
            .outcomes
            .entry(Text::Borrowed(p.outcome.as_str()))
            .or_default() += 1;
        for r in &p.audit.reasons {
            *self.reasons.entry(r.clone()).or_default() += 1;
        }
        for d in &p.audit.destinations {
            if d.outcome == DestOutcome::Forwarded {
                *self.forwarded.entry(d.name.clone()).or_default() += 1;
            } else {
                for r in &d.reasons {
                    *self.reasons.entry(r.clone()).or_default() += 1;
                }
            }
        }
        for f in &p.audit.flags {
            *self.flags.entry(f.clone()).or_default() += 1;
        }
    }

    /// Human-readable summary.
    pub fn render(&self) -> String {
        let mut s = format!("events: {}\n", self.events);
        let section = |s: &mut String, title: &str, m: &BTreeMap<Text, u64>| {
            s.push_str(title);
            s.push_str(":\n");
            if m.is_empty() {
                s.push_str("  (none)\n");
            }
            for (k, v) in m {
                s.push_str(&format!("  {k:<32} {v:>10}\n"));
            }
        };
        section(&mut s, "outcomes", &self.outcomes);
        section(&mut s, "forwarded per destination", &self.forwarded);
        section(&mut s, "refusals per reason", &self.reasons);
        section(&mut s, "flags", &self.flags);
        s.push_str(&format!(
            "withdrawals loaded: {}\n",
            self.withdrawals_loaded
        ));
        if !self.withdrawals_invalid.is_empty() {
            s.push_str(&format!(
                "withdrawal lines refused: {:?}\n",
                self.withdrawals_invalid
            ));
        }
        if self.erasures_applied > 0 || !self.erasures_refused.is_empty() {
            s.push_str(&format!(
                "erasures applied: {} (subject keys destroyed: {})\n",
                self.erasures_applied, self.keys_destroyed
            ));
        }
        for (line, why) in &self.erasures_refused {
            s.push_str(&format!("erasure line {line} refused: {why}\n"));
        }
        s
    }
}

/// Reads lines of at most `limit` bytes; longer lines are cut (and reported as too long by the
/// guard) while the rest of them is skipped without being buffered.
pub struct LineReader<R> {
    inner: R,
    limit: usize,
}

/// One input line.
pub struct Line {
    pub bytes: Vec<u8>,
    /// The line's true length, when longer than kept.
    pub truncated_len: Option<usize>,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, limit: usize) -> Self {
        LineReader { inner, limit }
    }

    /// The next line without its `\n` (and `\r`), or None at the end.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Option<usize>>> {
        buf.clear();
        let mut total = 0usize;
        let mut any = false;
        loop {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (used, done) = match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let content = if done { &chunk[..used - 1] } else { chunk };
            let room = (self.limit + 1).saturating_sub(buf.len());
            buf.extend_from_slice(&content[..content.len().min(room)]);
            total += content.len();
            self.inner.consume(used);
            if done {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
            total -= 1;
        }
        Ok(Some((total > buf.len()).then_some(total)))
    }
}

/// Loads a withdrawals file into the table; returns the refused line numbers.
///
/// # Errors
///
/// [`FileModeError::Read`].
pub fn load_withdrawals(
    guard: &Guard,
    path: &Path,
    table: &mut WithdrawalTable,
) -> Result<Vec<u64>, FileModeError> {
    let text = std::fs::read(path).map_err(|source| FileModeError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut refused = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if table
            .apply_json(
                line,
                &guard.policy.withdrawal_schema,
                &guard.policy.default_country_code,
            )
            .is_err()
        {
            refused.push(i as u64 + 1);
        }
    }
    Ok(refused)
}

/// Runs file mode over `input`, writing into `out`.
pub fn run(
    guard: &Guard,
    input: &Path,
    withdrawals: &WithdrawalTable,
    out: &Path,
    now: Timestamp,
) -> Result<Summary, FileModeError> {
    let file = File::open(input).map_err(|source| FileModeError::Read {
        path: input.to_path_buf(),
        source,
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    run_reader(
        guard,
        BufReader::with_capacity(256 * 1024, file),
        &input.display().to_string(),
        size,
        withdrawals,
        out,
        now,
    )
}

/// Runs file mode over `input` with crypto-shredding: the subject key file is loaded (or
/// created), the erasure requests are applied (their audit records first, in a chain of their
/// own), then the leads are judged with per-subject keys.
pub fn run_shredding(
    guard: &Guard,
    input: &Path,
    mut withdrawals: WithdrawalTable,
    shredding: Shredding<'_>,
    out: &Path,
    now: Timestamp,
) -> Result<Summary, FileModeError> {
    let mut sink = file_sink(guard, out)?;
    let mut keys: Option<Keys> = match shredding.subject_keys {
        Some(path) => {
            let store = Arc::new(guard.subject_keys(DEFAULT_CACHE_CAPACITY));
            let file = KeyFile::open(path, &store)?;
            Some((store, file))
        }
        None => None,
    };
    let mut summary = Summary::default();
    if let Some(path) = shredding.erasures {
        apply_erasures(
            guard,
            path,
            &mut withdrawals,
            keys.as_mut(),
            &mut sink,
            now,
            &mut summary,
        )?;
    }
    let file = File::open(input).map_err(|source| FileModeError::Read {
        path: input.to_path_buf(),
        source,
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let reader = BufReader::with_capacity(256 * 1024, file);
    let name = input.display().to_string();
    let run = stream(guard, reader, &name, size, &withdrawals, keys, sink, now)?;
    Ok(Summary {
        erasures_applied: summary.erasures_applied,
        keys_destroyed: summary.keys_destroyed,
        erasures_refused: summary.erasures_refused,
        ..run
    })
}

/// Applies every erasure request of `path` (one per line; each line audited in the chain of
/// the erasures file), then rewrites the key file without the destroyed keys.
fn apply_erasures(
    guard: &Guard,
    path: &Path,
    withdrawals: &mut WithdrawalTable,
    keys: Option<&mut Keys>,
    sink: &mut FileSink,
    now: Timestamp,
    summary: &mut Summary,
) -> Result<(), FileModeError> {
    let text = std::fs::read(path).map_err(|source| FileModeError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    let mut chain = guard.audit_chain(
        InputRef::File {
            file: name.clone(),
            line: 1,
        }
        .chain_id(),
        None,
    );
    let mut changed = false;
    let text = text.strip_suffix(b"\n").unwrap_or(&text);
    for (i, raw) in text.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = i as u64 + 1;
        let input = InputRef::File {
            file: name.clone(),
            line,
        };
        let store = keys.as_ref().map(|(s, _)| &**s);
        // Applied by an earlier run? It destroyed every key there was then; keys created since
        // (in a later second) belong to a new relationship and are spared.
        let through = guard
            .read_erasure(raw)
            .ok()
            .and_then(|r| store.and_then(|s| s.erasure_applied_at(&r.reference)))
            .map(|at| at - 1);
        let mut erasure = guard.erase(raw, &input, now, withdrawals, store, through, |_| {
            Ok::<(), FileModeError>(())
        })?;
        match (&erasure.result, &erasure.audit.erasure) {
            (Ok(applied), Some(e)) => {
                summary.erasures_applied += 1;
                summary.keys_destroyed += u64::from(applied.destroyed_now);
                if let Some(s) = store {
                    if through.is_none() {
                        s.record_erasure(&e.reference, clock::now());
                    }
                }
                changed = true;
            }
            (Err(why), _) => summary.erasures_refused.push((line, why.to_string())),
            (Ok(_), None) => {}
        }
        write_audit(guard, sink, &mut chain, &mut erasure.audit, &input, now)?;
    }
    let lines = text.split(|b| *b == b'\n').count() as u64;
    close_chain(guard, sink, &mut chain, &name, lines, now)?;
    if let (Some((store, file)), true) = (keys, changed) {
        file.rewrite(store)?;
    }
    Ok(())
}

/// Runs file mode over any reader (`name` is recorded as the input file in audit records).
pub fn run_reader(
    guard: &Guard,
    reader: impl Read,
    name: &str,
    size_hint: u64,
    withdrawals: &WithdrawalTable,
    out: &Path,
    now: Timestamp,
) -> Result<Summary, FileModeError> {
    let sink = file_sink(guard, out)?;
    stream(guard, reader, name, size_hint, withdrawals, None, sink, now)
}

/// The output files of a run: one per destination, and the checkpoints when the policy signs
/// them.
fn file_sink(guard: &Guard, out: &Path) -> Result<FileSink, FileModeError> {
    Ok(FileSink::create(
        out,
        guard.policy.destinations.iter().map(|d| d.name),
        guard.policy.checkpoints.is_some(),
    )?)
}

/// Judges every line of `reader` into `sink`; with `keys`, a new subject key is written to the
/// key file before any output sealed with it.
#[allow(clippy::too_many_arguments)]
fn stream(
    guard: &Guard,
    reader: impl Read,
    name: &str,
    size_hint: u64,
    withdrawals: &WithdrawalTable,
    mut keys: Option<Keys>,
    mut sink: FileSink,
    now: Timestamp,
) -> Result<Summary, FileModeError> {
    let mut state = guard
        .new_state()
        .with_subject_keys(keys.as_ref().map(|(s, _)| s.clone()));
    let mut chain = guard.audit_chain(
        InputRef::File {
            file: name.to_string(),
            line: 1,
        }
        .chain_id(),
        None,
    );
    let mut summary = Summary {
        withdrawals_loaded: withdrawals.len(),
        ..Summary::default()
    };
    let limit = guard.policy.max_event_bytes;
    let mut lines = LineReader::new(BufReader::new(reader), limit);
    let mut buf = Vec::with_capacity(4096);
    let mut progress = Progress::new(size_hint);
    let mut line_no = 0u64;
    while let Some(too_long) = lines
        .next_line(&mut buf)
        .map_err(|source| FileModeError::Read {
            path: PathBuf::from(name),
            source,
        })?
    {
        line_no += 1;
        let input = InputRef::File {
            file: name.to_string(),
            line: line_no,
        };
        let mut p = match too_long {
            // Only the start of the line was buffered: memory stays bounded.
            Some(size) => guard.reject_too_large(&buf, size, &input, now),
            None => guard.process(&buf, &input, now, withdrawals, &mut state),
        };
        if let (Some((store, file)), false) = (keys.as_mut(), p.subject_keys.is_empty()) {
            let published = store.publish(&p.subject_keys, |w| file.append(w))?;
            store.confirm(&published)?;
        }
        sink::deliver(&mut sink, &p, chain.id(), &input.to_string())?;
        write_audit(guard, &mut sink, &mut chain, &mut p.audit, &input, now)?;
        summary.add(&p);
        progress.tick(line_no, buf.len() as u64 + 1);
    }
    close_chain(guard, &mut sink, &mut chain, name, line_no, now)?;
    progress.finish();
    sink.flush()?;
    Ok(summary)
}

/// Seals a record into its chain and writes it, then the chain's checkpoint when one is due.
fn write_audit(
    guard: &Guard,
    sink: &mut FileSink,
    chain: &mut AuditChain,
    record: &mut AuditRecord,
    input: &InputRef,
    now: Timestamp,
) -> Result<(), FileModeError> {
    let position = input.to_string();
    let bytes = chain.seal(record);
    sink.send(Record {
        route: Route::Audit { partition: None },
        key: Some(chain.id()),
        payload: &bytes,
        position: &position,
    })?;
    send_checkpoint(guard, sink, chain, &position, now, false)
}

/// The end of a chain's input (`lines` lines of `file`): a last checkpoint covers every record.
fn close_chain(
    guard: &Guard,
    sink: &mut FileSink,
    chain: &mut AuditChain,
    file: &str,
    lines: u64,
    now: Timestamp,
) -> Result<(), FileModeError> {
    let last = InputRef::File {
        file: file.to_string(),
        line: lines,
    };
    send_checkpoint(guard, sink, chain, &last.to_string(), now, true)
}

fn send_checkpoint(
    guard: &Guard,
    sink: &mut FileSink,
    chain: &mut AuditChain,
    position: &str,
    now: Timestamp,
    force: bool,
) -> Result<(), FileModeError> {
    if let Some(c) = guard.checkpoint(chain, position, now, force) {
        sink.send(Record {
            route: Route::Checkpoints,
            key: Some(chain.id()),
            payload: &c,
            position,
        })?;
    }
    Ok(())
}

/// A progress line on stderr, only when stderr is a terminal.
struct Progress {
    enabled: bool,
    size: u64,
    bytes: u64,
    start: Instant,
    last: Instant,
}

impl Progress {
    fn new(size: u64) -> Self {
        let now = Instant::now();
        Progress {
            enabled: io::stderr().is_terminal(),
            size,
            bytes: 0,
            start: now,
            last: now,
        }
    }

    fn tick(&mut self, events: u64, bytes: u64) {
        self.bytes += bytes;
        if !self.enabled || events % 4096 != 0 {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.last) < Duration::from_millis(250) {
            return;
        }
        self.last = now;
        let rate = events as f64 / now.duration_since(self.start).as_secs_f64().max(1e-9);
        let pct = if self.size > 0 {
            format!(" {:5.1}%", self.bytes as f64 * 100.0 / self.size as f64)
        } else {
            String::new()
        };
        eprint!("\r{events} events{pct}  {rate:.0} events/s   ");
    }

    fn finish(&self) {
        if self.enabled && self.last != self.start {
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_reader_cuts_long_lines_without_buffering_them() {
        let data = b"short\r\n0123456789abcdef\nlast";
        let mut r = LineReader::new(&data[..], 8);
        let mut buf = Vec::new();
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(None));
        assert_eq!(buf, b"short");
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(Some(16)));
        assert_eq!(
            buf.len(),
            9,
            "kept limit + 1 bytes so the guard sees it is too large"
        );
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(None));
        assert_eq!(buf, b"last");
        assert_eq!(r.next_line(&mut buf).unwrap(), None);
    }
}
