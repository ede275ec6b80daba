//! The `leadguard` command line. Errors are reported with their causes; `anyhow` lives here only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use leadguard::audit::InputRef;
use leadguard::clock;
use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::policy::Policy;
use leadguard::subject_keys::file::KeyFile;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};

#[derive(Parser)]
#[command(
    name = "leadguard",
    version,
    about = "Judges lead events before they reach a CRM: consent, minimisation, pseudonymisation, transfers, interconnections, tamper-evident audit."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Judge a JSON-lines file of lead events (no external service).
    Run {
        /// Policy file (TOML).
        #[arg(long)]
        policy: PathBuf,
        /// Lead events, one JSON object per line.
        #[arg(long)]
        input: PathBuf,
        /// Withdrawals known before the first lead (JSON lines).
        #[arg(long)]
        withdrawals: Option<PathBuf>,
        /// Suppression list for channel phone (one number per line, any format).
        #[arg(long)]
        suppress: Option<PathBuf>,
        /// Output directory: <destination>.jsonl, audit.jsonl, dead-letter.jsonl.
        #[arg(long)]
        out: PathBuf,
        /// "Now" for the rules (RFC 3339), for reproducible runs; the wall clock by default.
        #[arg(long)]
        now: Option<String>,
        /// Subject key file (JSON lines, created if absent): every encrypted value is sealed
        /// under its person's key, so that an erasure can crypto-shred it.
        #[arg(long, value_name = "FILE")]
        subject_keys: Option<PathBuf>,
        /// Erasure requests (JSON lines, schemas/erasure.v1), applied before the first lead:
        /// the persons' keys destroyed, everything withdrawn, each audited.
        #[arg(long, value_name = "FILE", requires = "subject_keys")]
        erasures: Option<PathBuf>,
    },
    /// Check a policy (schemas, keys, destinations) and print what it compiles to.
    Check {
        #[arg(long)]
        policy: PathBuf,
    },
    /// Scan a free text as the guard would and say why: the redacted text, and each
    /// special-category hit with the vocabulary entry that made it (for vocabulary work; the
    /// text is shown, so use it on test phrases, not on real leads).
    Explain {
        #[arg(long)]
        policy: PathBuf,
        /// Also list every vocabulary entry matched in the text's clauses, context words
        /// included (what took a hit out).
        #[arg(long)]
        why: bool,
        /// The text to scan.
        text: String,
    },
    /// Recover an encrypted field value or dead-letter payload (needs the key).
    Decrypt {
        #[arg(long)]
        policy: PathBuf,
        /// Field path the value was encrypted for, e.g. /attributes/iban.
        #[arg(long, requires = "value", conflicts_with = "dead_letter")]
        path: Option<String>,
        /// The `enc:<key id>:…` envelope.
        #[arg(long)]
        value: Option<String>,
        /// A dead-letter file: prints every original payload, one per line.
        #[arg(long)]
        dead_letter: Option<PathBuf>,
        /// The subject key file of file mode, for values sealed under a person's key.
        #[arg(long, value_name = "FILE", conflicts_with = "config")]
        subject_keys: Option<PathBuf>,
        /// The `leadguard serve` configuration: its subject keys topic is read whole.
        #[arg(long, value_name = "KAFKA_TOML")]
        config: Option<PathBuf>,
    },
    /// Print a fresh random 256-bit key (hex) for the policy's key files; with --ed25519, write a
    /// checkpoint signing key pair instead.
    Keygen {
        /// Write an Ed25519 checkpoint key pair: the secret key to FILE (readable by its owner
        /// only), the public key to FILE.pub (to publish), and print the public key.
        #[arg(long, value_name = "FILE", requires = "name")]
        ed25519: Option<PathBuf>,
        /// The key's name, which prefixes every checkpoint's log name (e.g. your domain and
        /// `/audit`: `audit.example.org`). No spaces or '+'.
        #[arg(long)]
        name: Option<String>,
    },
    /// Run as a Kafka service: judge lead events from the input topics, forward permitted copies,
    /// audit every event (see examples/kafka.toml). Stops on SIGINT/SIGTERM.
    Serve {
        /// Service configuration (TOML).
        #[arg(long)]
        config: PathBuf,
        /// "Now" for the rules (RFC 3339), for replays and tests; the wall clock by default.
        #[arg(long)]
        now: Option<String>,
        /// Validate the configuration and the policy, print a summary, and exit.
        #[arg(long)]
        check: bool,
    },
    /// Security and DPO tools on the audit trail (file or topic): verify, report, breach-draft,
    /// subject.
    Audit(Box<leadguard::audit_tools::cli::AuditArgs>),
    /// DPO tools on the policy: the register of processing and DPIA input sheet (register),
    /// risky settings (lint).
    Policy(leadguard::register::cli::PolicyArgs),
    /// Signed consent proofs, the form backend's side: a signing key and its public JWK set
    /// (keygen, jwks), and signing lead events (sign).
    Proof(leadguard::consent_proof::cli::ProofArgs),
}

fn load_guard(policy: &Path, suppress: Option<&Path>) -> Result<Guard> {
    let policy = Policy::load(policy)?;
    let suppression = match suppress {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read suppression list {}", p.display()))?;
            let (list, bad) = SuppressionList::parse(&text, &policy.default_country_code);
            if !bad.is_empty() {
                bail!(
                    "suppression list {}: lines {:?} are not phone numbers",
                    p.display(),
                    bad
                );
            }
            list
        }
        None => SuppressionList::default(),
    };
    Ok(Guard::new(policy, suppression)?)
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run {
            policy,
            input,
            withdrawals,
            suppress,
            out,
            now,
            subject_keys,
            erasures,
        } => {
            let now = match now {
                Some(s) => clock::parse(&s)
                    .with_context(|| format!("--now {s:?} is not an RFC 3339 timestamp"))?,
                None => clock::now(),
            };
            let guard = load_guard(&policy, suppress.as_deref())?;
            let mut table = WithdrawalTable::default();
            let refused = match &withdrawals {
                Some(p) => file_mode::load_withdrawals(&guard, p, &mut table)?,
                None => Vec::new(),
            };
            let shredding = file_mode::Shredding {
                subject_keys: subject_keys.as_deref(),
                erasures: erasures.as_deref(),
            };
            let mut summary =
                file_mode::run_shredding(&guard, &input, table, shredding, &out, now)?;
            summary.withdrawals_invalid = refused;
            print!("{}", summary.render());
            println!("output: {}", out.display());
        }
        Command::Explain { policy, why, text } => {
            let guard = load_guard(&policy, None)?;
            let mut out = std::io::stdout().lock();
            match guard.scanner().scan(&text) {
                Some(r) => {
                    let found: Vec<&str> = r.categories.iter().map(|c| c.as_str()).collect();
                    writeln!(out, "found: {}", found.join(", "))?;
                    writeln!(out, "redacted: {}", r.text)?;
                }
                None => writeln!(out, "found: nothing")?,
            }
            for line in guard.scanner().explain(&text) {
                writeln!(out, "  {line}")?;
            }
            if why {
                for line in guard.scanner().explain_matches(&text) {
                    writeln!(out, "  why: {line}")?;
                }
            }
        }
        Command::Check { policy } => {
            let guard = load_guard(&policy, None)?;
            let p = &guard.policy;
            println!("policy {} (sha256 {}) is valid", p.version, p.sha256);
            for d in &p.deprecations {
                println!("warning: {d}");
            }
            println!(
                "schema: {} annotated fields; {} purposes; {} datasets; {} authorised interconnections",
                p.lead_schema.fields.leaves.len(),
                p.purposes.len(),
                p.datasets.len(),
                p.authorised.len()
            );
            for (category, sizes) in p.vocabulary.sizes() {
                let listed: Vec<String> = sizes
                    .iter()
                    .map(|(section, n)| format!("{n} {}", section.as_str()))
                    .collect();
                println!("vocabulary {:<18} {}", category.as_str(), listed.join(", "));
            }
            for d in &p.destinations {
                println!(
                    "destination {:<12} default topic {:<20} purpose {:<16} channels [{}] recipient {} ({}), transfer {:?}",
                    d.name,
                    d.topic,
                    p.purposes[d.purpose as usize].name,
                    d.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(","),
                    d.recipient,
                    d.country,
                    d.transfer
                );
            }
        }
        Command::Decrypt {
            policy,
            path,
            value,
            dead_letter,
            subject_keys,
            config,
        } => decrypt(
            &policy,
            path,
            value,
            dead_letter,
            subject_keys.as_deref(),
            config.as_deref(),
        )?,
        Command::Keygen { ed25519: None, .. } => {
            println!("{}", leadguard::crypto::generate_key_hex())
        }
        Command::Keygen {
            ed25519: Some(path),
            name,
        } => {
            let name = name.unwrap_or_default();
            let (_, secret, public) = leadguard::checkpoint::SignerKey::generate(&name)
                .with_context(|| format!("--name {name:?}"))?;
            write_secret(&path, &secret)?;
            let public_path = PathBuf::from(format!("{}.pub", path.display()));
            std::fs::write(&public_path, format!("{public}\n"))
                .with_context(|| format!("cannot write {}", public_path.display()))?;
            println!("{public}");
        }
        Command::Serve { config, now, check } => {
            let now = now
                .map(|s| {
                    clock::parse(&s)
                        .with_context(|| format!("--now {s:?} is not an RFC 3339 timestamp"))
                })
                .transpose()?;
            leadguard::kafka::run_service(&config, now, check)?;
        }
        Command::Audit(args) => leadguard::audit_tools::cli::run(*args)?,
        Command::Proof(args) => {
            leadguard::consent_proof::cli::run(args, &mut std::io::stdout().lock())?
        }
        Command::Policy(args) => {
            leadguard::register::cli::run(args, &mut std::io::stdout().lock())?
        }
    }
    Ok(())
}

/// `leadguard decrypt`: a field value, or every payload of a dead-letter file. Values sealed
/// under a person's key need the key store (`--subject-keys` or `--config`); a crypto-shredded
/// one fails with "subject key erased". Dead letters that cannot be opened are reported on
/// stderr and the others still printed; the exit status says whether all could be.
fn decrypt(
    policy: &Path,
    path: Option<String>,
    value: Option<String>,
    dead_letter: Option<PathBuf>,
    subject_keys: Option<&Path>,
    config: Option<&Path>,
) -> Result<()> {
    let guard = load_guard(policy, None)?;
    let store = match (subject_keys, config) {
        (Some(file), _) => {
            if !file.is_file() {
                bail!("subject key file {} does not exist", file.display());
            }
            let store = guard.subject_keys(0);
            KeyFile::open(file, &store)?;
            Some(store)
        }
        (None, Some(config)) => Some(leadguard::kafka::subject_keys::read_store(config, &guard)?),
        (None, None) => None,
    };
    let mut stdout = std::io::stdout().lock();
    match (path, value, dead_letter) {
        (Some(path), Some(value), None) => {
            let plain = guard
                .decrypt_value(store.as_ref(), &path, &value)
                .with_context(|| format!("cannot decrypt the value for {path}"))?;
            stdout.write_all(&plain)?;
            stdout.write_all(b"\n")?;
        }
        (None, None, Some(file)) => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let mut failed = 0;
            for (i, line) in text.lines().enumerate() {
                let at = format!("{}:{}", file.display(), i + 1);
                let rec: serde_json::Value =
                    serde_json::from_str(line).with_context(|| format!("{at}: not JSON"))?;
                let input: InputRef = serde_json::from_value(rec["input"].clone())
                    .with_context(|| format!("{at}: no input"))?;
                let payload = rec["payload"].as_str().unwrap_or_default();
                match guard.open_dead_letter_with(store.as_ref(), &input, payload) {
                    Ok(plain) => {
                        stdout.write_all(&plain)?;
                        stdout.write_all(b"\n")?;
                    }
                    Err(e) => {
                        eprintln!("leadguard: {at}: cannot decrypt: {e}");
                        failed += 1;
                    }
                }
            }
            if failed > 0 {
                bail!(
                    "{failed} dead letter(s) of {} could not be decrypted",
                    file.display()
                );
            }
        }
        _ => bail!("give either --path and --value, or --dead-letter"),
    }
    Ok(())
}

/// mimalloc: the guard allocates many small strings per event; glibc malloc cost a quarter of
/// the engine's time in profiles.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    small_pages_only();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leadguard: error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Turns transparent huge pages off for this process before the guard allocates. mimalloc asks
/// the kernel for 2 MB pages on its arenas, so every thread's sparsely used heap (the judging
/// workers, the Kafka threads) held whole 2 MB pages: in the Kafka bench the guard's peak RSS
/// was 152 MB with them and 125 – 127 MB without, at the same events/s and CPU per event, and
/// the engine bench ran at the same rate (README, "Performance"). A kernel that refuses the
/// call only costs that memory, so its error is ignored.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// Writes a secret key file that only its owner can read; never overwrites one.
fn write_secret(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    f.write_all(format!("{text}\n").as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
