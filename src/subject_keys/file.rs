//! File mode's subject key store (`leadguard run --subject-keys FILE`): one JSON record per line,
//! created if absent, appended as keys are created, rewritten when an erasure destroys keys.
//!
//! A key line is written (and handed to the operating system) before any output sealed with it,
//! so a run that stops anywhere never leaves a copy whose key is not in the file. An erasure
//! rewrites the file without the destroyed keys (a `destroyed` line keeps only the id and the
//! subject token, so `leadguard decrypt` can say "erased") through a temporary file renamed over
//! the old one: the file is never half-rewritten.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{KeyWrite, SubjectKeys};

/// The key file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("subject key file {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// Lines that are not key records (their content is never quoted).
    #[error("subject key file {}: line(s) {lines:?} are not subject key records", path.display())]
    Corrupt { path: PathBuf, lines: Vec<u64> },
}

/// The open key file.
#[derive(Debug)]
pub struct KeyFile {
    path: PathBuf,
    file: File,
}

impl KeyFile {
    /// Opens (or creates) the file and loads every record into `store`. A last line cut short
    /// by a crash (no newline, not a record) is dropped: nothing was written with its key.
    ///
    /// # Errors
    ///
    /// [`KeyFileError::Io`]; [`KeyFileError::Corrupt`] with the line numbers of the lines that
    /// are not records.
    pub fn open(path: &Path, store: &SubjectKeys) -> Result<KeyFile, KeyFileError> {
        let io_err = |source| KeyFileError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(io_err)?;
        let mut text = Vec::new();
        file.read_to_end(&mut text).map_err(io_err)?;
        let mut bad = Vec::new();
        let complete = text.last().is_none_or(|b| *b == b'\n');
        let lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
        let last = lines.len() - 1;
        let mut cut_at = None;
        let mut offset = 0usize;
        for (i, line) in lines.iter().enumerate() {
            let start = offset;
            offset += line.len() + 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if store.load(None, Some(line)).is_err() {
                if i == last && !complete {
                    cut_at = Some(start);
                } else {
                    bad.push(i as u64 + 1);
                }
            }
        }
        if !bad.is_empty() {
            return Err(KeyFileError::Corrupt {
                path: path.to_path_buf(),
                lines: bad,
            });
        }
        match cut_at {
            Some(at) => {
                tracing::warn!(path = %path.display(), "subject key file: dropping a last line cut short");
                file.set_len(at as u64).map_err(io_err)?;
                file.seek(SeekFrom::End(0)).map_err(io_err)?;
            }
            None if !complete => file.write_all(b"\n").map_err(io_err)?,
            None => {}
        }
        Ok(KeyFile {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Appends one write (one line, one system call, so no line is ever interleaved).
    ///
    /// # Errors
    ///
    /// [`KeyFileError::Io`].
    pub fn append(&mut self, w: KeyWrite<'_>) -> Result<(), KeyFileError> {
        let mut line = match w {
            KeyWrite::Key { record, .. } => record.to_vec(),
            KeyWrite::Tombstone { id } => {
                let mut l = b"{\"type\":\"destroyed\",\"id\":".to_vec();
                crate::json_out::str(&mut l, id);
                l.push(b'}');
                l
            }
        };
        line.push(b'\n');
        self.file
            .write_all(&line)
            .and_then(|()| self.file.flush())
            .map_err(|source| KeyFileError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Rewrites the file from `store` (after an erasure): destroyed keys leave it. Written to a
    /// temporary file, synced, then renamed over the old one.
    ///
    /// # Errors
    ///
    /// [`KeyFileError::Io`].
    pub fn rewrite(&mut self, store: &SubjectKeys) -> Result<(), KeyFileError> {
        let io_err = |source| KeyFileError::Io {
            path: self.path.clone(),
            source,
        };
        let mut tmp_name = self.path.file_name().unwrap_or_default().to_os_string();
        tmp_name.push(".rewrite");
        let tmp = self.path.with_file_name(tmp_name);
        let mut out = Vec::new();
        for line in store.dump() {
            out.extend_from_slice(&line);
            out.push(b'\n');
        }
        let mut f = File::create(&tmp).map_err(io_err)?;
        f.write_all(&out)
            .and_then(|()| f.sync_all())
            .map_err(io_err)?;
        std::fs::rename(&tmp, &self.path).map_err(io_err)?;
        self.file = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(io_err)?;
        Ok(())
    }
}
