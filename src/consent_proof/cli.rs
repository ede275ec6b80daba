//! `leadguard proof keygen|jwks|sign`: the form backend's side of signed consent proofs, so
//! that users can produce proofs without writing JOSE code (see `docs/consent-proofs.md`).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{json, Value};

use super::{sign_event, Alg, SignKey};

/// `leadguard proof`.
#[derive(Debug, Args)]
pub struct ProofArgs {
    #[command(subcommand)]
    pub command: ProofCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeyAlg {
    /// Ed25519 (`EdDSA`).
    Eddsa,
    /// ECDSA P-256 (`ES256`).
    Es256,
}

#[derive(Debug, Subcommand)]
pub enum ProofCommand {
    /// Write a new private signing key (JWK) to FILE, readable by its owner only, and print the
    /// public JWK set to give the guard (`consent.proofs.jwks`).
    Keygen {
        #[arg(long, value_enum)]
        alg: KeyAlg,
        /// The key id the guard finds the key by (rotation: a new kid per key).
        #[arg(long)]
        kid: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the public JWK set of private key files (several during a rotation).
    Jwks {
        #[arg(required = true)]
        keys: Vec<PathBuf>,
    },
    /// Sign every consent entry of lead events (JSON lines from --input, or standard input):
    /// writes each entry's `proof_jws`, prints the events.
    Sign {
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[arg(long)]
        input: Option<PathBuf>,
    },
}

/// Why a `proof` command failed (never shows a key).
#[derive(Debug, thiserror::Error)]
pub enum ProofToolError {
    #[error("{path}: {message}")]
    Key { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("line {line}: not a JSON lead event")]
    Event { line: usize },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ProofToolError + '_ {
    move |source| ProofToolError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads a private JWK file.
pub fn read_key(path: &Path) -> Result<SignKey, ProofToolError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    let key = |message: String| ProofToolError::Key {
        path: path.to_path_buf(),
        message,
    };
    let v: Value = serde_json::from_str(&text).map_err(|_| key("not JSON".into()))?;
    SignKey::from_jwk(&v).map_err(key)
}

/// Runs one `proof` command, writing to `out`.
pub fn run(args: ProofArgs, out: &mut dyn Write) -> Result<(), ProofToolError> {
    let stdout = Path::new("<stdout>");
    match args.command {
        ProofCommand::Keygen {
            alg,
            kid,
            out: file,
        } => {
            let alg = match alg {
                KeyAlg::Eddsa => Alg::EdDsa,
                KeyAlg::Es256 => Alg::Es256,
            };
            let key = SignKey::generate(alg, &kid);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options.open(&file).map_err(io(&file))?;
            writeln!(f, "{}", key.to_private_jwk()).map_err(io(&file))?;
            writeln!(out, "{}", json!({"keys": [key.public().to_jwk(&kid)]})).map_err(io(stdout))
        }
        ProofCommand::Jwks { keys } => {
            let mut set = Vec::new();
            for path in &keys {
                let key = read_key(path)?;
                set.push(key.public().to_jwk(&key.kid));
            }
            writeln!(out, "{}", json!({"keys": set})).map_err(io(stdout))
        }
        ProofCommand::Sign { key, input } => {
            let key = read_key(&key)?;
            let reader: Box<dyn BufRead> = match &input {
                Some(p) => Box::new(std::io::BufReader::new(
                    std::fs::File::open(p).map_err(io(p))?,
                )),
                None => Box::new(std::io::stdin().lock()),
            };
            let source = input.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
            for (i, line) in reader.lines().enumerate() {
                let line = line.map_err(io(&source))?;
                if line.trim().is_empty() {
                    continue;
                }
                let mut event: Value = serde_json::from_str(&line)
                    .map_err(|_| ProofToolError::Event { line: i + 1 })?;
                sign_event(&mut event, &key);
                writeln!(out, "{event}").map_err(io(stdout))?;
            }
            Ok(())
        }
    }
}
