//! `leadguard policy register|lint`: the arguments and what each does, so that `main` only
//! dispatches.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{risks, Register};
use crate::policy::{Policy, PolicyError};

/// `leadguard policy`.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Render the register of processing (GDPR art. 30) and the DPIA input sheet from the
    /// policy alone.
    Register(RegisterArgs),
    /// Warn about risky but legal settings (identifiers in clear outside the EEA, long consent
    /// or retention, special categories in clear, interconnections only flagged…).
    Lint(LintArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RegisterFormat {
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    #[arg(long)]
    pub policy: PathBuf,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: RegisterFormat,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[arg(long)]
    pub policy: PathBuf,
    /// Exit with status 1 when there is any warning (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Why a `policy` command failed.
#[derive(Debug, thiserror::Error)]
pub enum PolicyToolError {
    #[error(transparent)]
    Policy(#[from] PolicyError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} warning(s) and --deny-warnings")]
    Warnings(usize),
}

/// Runs a `policy` command; what it prints goes to `out` (standard output in `main`).
pub fn run(args: PolicyArgs, out: &mut dyn std::io::Write) -> Result<(), PolicyToolError> {
    let stdout_err = |source| PolicyToolError::Write {
        path: PathBuf::from("<stdout>"),
        source,
    };
    match args.command {
        PolicyCommand::Register(a) => {
            let policy = Policy::load(&a.policy)?;
            let register = Register::build(&policy);
            let text = match a.format {
                RegisterFormat::Markdown => super::markdown::render(&register),
                RegisterFormat::Html => super::html::render(&register),
                RegisterFormat::Json => register.to_json() + "\n",
            };
            match a.out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|source| PolicyToolError::Write { path, source })?,
                None => out.write_all(text.as_bytes()).map_err(stdout_err)?,
            }
        }
        PolicyCommand::Lint(a) => {
            let policy = Policy::load(&a.policy)?;
            let warnings = risks::lint(&policy);
            for w in &warnings {
                let at = w
                    .destination
                    .as_deref()
                    .map(|d| format!(" destination {d}:"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "warning[{}]:{at} {} ({})",
                    w.code,
                    w.text,
                    w.rules.join(", ")
                )
                .map_err(stdout_err)?;
            }
            writeln!(
                out,
                "policy {}: {} warning(s)",
                policy.version,
                warnings.len()
            )
            .map_err(stdout_err)?;
            if a.deny_warnings && !warnings.is_empty() {
                return Err(PolicyToolError::Warnings(warnings.len()));
            }
        }
    }
    Ok(())
}
