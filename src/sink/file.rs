//! JSON-lines files in one directory: `<destination>.jsonl`, `dead-letter.jsonl`,
//! `audit.jsonl`, and `checkpoints.jsonl` when the policy checkpoints. Writes are buffered; the acknowledgement is the write into the buffer, and
//! [`FileSink::flush`] makes the run durable at its end.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{Record, Route, Sink};

/// A file could not be created or written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct FileSinkError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// The output files of a run.
pub struct FileSink {
    destinations: Vec<(PathBuf, BufWriter<File>)>,
    dead_letter: (PathBuf, BufWriter<File>),
    audit: (PathBuf, BufWriter<File>),
    checkpoints: Option<(PathBuf, BufWriter<File>)>,
}

impl FileSink {
    /// Creates `dir` and one file per destination name (in policy order), truncating them;
    /// `checkpoints.jsonl` too when `checkpoints`.
    pub fn create<'n>(
        dir: &Path,
        destinations: impl IntoIterator<Item = &'n str>,
        checkpoints: bool,
    ) -> Result<FileSink, FileSinkError> {
        std::fs::create_dir_all(dir).map_err(|source| FileSinkError {
            path: dir.to_path_buf(),
            source,
        })?;
        let open = |name: &str| {
            let path = dir.join(name);
            File::create(&path)
                .map(|f| (path.clone(), BufWriter::with_capacity(256 * 1024, f)))
                .map_err(|source| FileSinkError { path, source })
        };
        Ok(FileSink {
            destinations: destinations
                .into_iter()
                .map(|d| open(&format!("{d}.jsonl")))
                .collect::<Result<_, _>>()?,
            dead_letter: open("dead-letter.jsonl")?,
            audit: open("audit.jsonl")?,
            checkpoints: checkpoints.then(|| open("checkpoints.jsonl")).transpose()?,
        })
    }

    /// Flushes every file.
    pub fn flush(&mut self) -> Result<(), FileSinkError> {
        for (path, w) in self
            .destinations
            .iter_mut()
            .chain([&mut self.dead_letter, &mut self.audit])
            .chain(self.checkpoints.as_mut())
        {
            w.flush().map_err(|source| FileSinkError {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }
}

impl Sink for FileSink {
    type Ack = ();
    type Error = FileSinkError;

    fn send(&mut self, record: Record<'_>) -> Result<(), FileSinkError> {
        let (path, w) = match record.route {
            // One process holds the whole history: nothing to share.
            Route::Identities => return Ok(()),
            Route::Destination(i) => &mut self.destinations[i],
            Route::DeadLetter => &mut self.dead_letter,
            Route::Audit { .. } => &mut self.audit,
            Route::Checkpoints => match &mut self.checkpoints {
                Some(c) => c,
                None => return Ok(()),
            },
        };
        w.write_all(record.payload)
            .and_then(|_| w.write_all(b"\n"))
            .map_err(|source| FileSinkError {
                path: path.clone(),
                source,
            })
    }

    /// Written lines are durable once [`FileSink::flush`] returns.
    fn ack(&mut self) {}
}
