//! The `leadguard audit …` sub-commands: arguments, where to read, where to write.
//!
//! Defined here rather than in `main.rs` so that the binary only names the group; the tools stay
//! usable (and testable) as a library. Errors are [`AuditToolError`]s; `main` adds the causes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use crate::clock::{self, Timestamp};
use crate::engine::Guard;
use crate::kafka::config::{parse_duration, Settings};
use crate::kafka::sink::Topics;
use crate::policy::Policy;
use crate::withdrawals::SuppressionList;

use super::breach::{self, Incident};
use super::report::{self, Bucket};
use super::source::{Source, TopicSource};
use super::subject;
use super::transparency;
use super::verify::{self, ExpectInputs, InputRange, VerifyOptions};
use super::{html, AuditToolError, Window};
use crate::checkpoint::VerifierKey;

/// `leadguard audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
}

// Parsed once per process: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every chain end to end with the audit key, and that every input has exactly one
    /// record (A2). Exit status 1 on any break.
    Verify(VerifyArgs),
    /// Counts over a time window: decisions, refusals by reason and rule, transfers,
    /// interconnections, sensitive findings, withdrawals (JSON, Markdown or a self-contained HTML
    /// page with charts).
    Report(ReportArgs),
    /// Draft the CNIL notification of a breach (GDPR art. 33) from the records of a window and
    /// the destinations concerned, and append the incident to the breach register (A3).
    BreachDraft(BreachArgs),
    /// One person's records (access request, proof of consent), found by the token of their
    /// e-mail or phone. Prints the token, never the e-mail or phone.
    Subject(SubjectArgs),
    /// A self-contained proof that one event's record is in a signed checkpoint of its chain
    /// (JSON), for a DPO to hand to the person or the authority (C4, A1).
    Prove(ProveArgs),
    /// Check an inclusion proof with the checkpoint public key alone. Exit status 1 if it fails.
    VerifyProof(VerifyProofArgs),
}

/// Where the signed checkpoints are and the key that signed them (keyless checks).
#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// The checkpoint public key (`<name>+<id>+<key>`, the `.pub` file of `leadguard keygen
    /// --ed25519`). With it, `verify` checks the records against the signed checkpoints, with no
    /// audit key and no policy.
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,
    /// Checkpoints file (`checkpoints.jsonl` of file mode)…
    #[arg(long, value_name = "FILE")]
    pub checkpoints: Option<PathBuf>,
    /// …or the checkpoints topic, read like the audit topic (default with --config: its
    /// `kafka.checkpoints_topic`).
    #[arg(long)]
    pub checkpoints_topic: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProveArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub checkpoints: CheckpointArgs,
    /// The event whose record is proven.
    #[arg(long)]
    pub event_id: Option<String>,
    /// Or the record's position in the audit source, as `verify` names it (`line 12`,
    /// `partition 0 offset 41`).
    #[arg(long)]
    pub position: Option<String>,
    /// Write the proof to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyProofArgs {
    /// The proof (JSON, as `audit prove` writes it).
    pub proof: PathBuf,
    /// The checkpoint public key.
    #[arg(long, value_name = "FILE")]
    pub public_key: PathBuf,
}

/// Where the audit records are.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Audit file: JSON lines as `leadguard run` writes them, or a `kcat -C -J` dump of the
    /// audit topic (positions are then partition + offset).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Kafka bootstrap servers of the audit topic (`host:9092,…`).
    #[arg(long)]
    pub brokers: Option<String>,
    /// The audit topic (default with --config: its `kafka.audit_topic`).
    #[arg(long)]
    pub topic: Option<String>,
    /// librdkafka property for the reader, e.g. `security.protocol=SSL` (repeatable).
    #[arg(long = "property", value_name = "KEY=VALUE")]
    pub properties: Vec<String>,
    /// The `leadguard serve` configuration: brokers, audit topic, properties (secrets resolved
    /// from `env:` / `file:`) and policy, as the guard uses them.
    #[arg(long, value_name = "KAFKA_TOML")]
    pub config: Option<PathBuf>,
    /// Stop reading the topic after this long without a new record, when the broker does not
    /// confirm the end of every partition (e.g. `10s`, `500ms`).
    #[arg(long, default_value = "10s")]
    pub idle_timeout: String,
}

/// Output destination and format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BucketArg {
    Auto,
    Hour,
    Day,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Policy file: its audit key verifies the chains (default with --config: the guard's).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// File mode: the input had N lines, each must have exactly one record (`N` for every file
    /// chain, or `FILE=N` with the input path as recorded). Repeatable.
    #[arg(long, value_name = "[FILE=]N")]
    pub expect_inputs: Vec<ExpectInputs>,
    /// Kafka mode: every input offset of the range must have exactly one record, e.g.
    /// `leads.raw/0=0..1500` (end exclusive) or `leads.raw/0=0..=1499`. Repeatable.
    #[arg(long, value_name = "TOPIC/PARTITION=FROM..TO")]
    pub input_range: Vec<InputRange>,
    /// Do not report holes between input offsets (transactional or compacted input topics).
    #[arg(long)]
    pub allow_offset_gaps: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: VerifyFormat,
    /// Write the result to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub checkpoints: CheckpointArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Start of the window on `processed_at` (RFC 3339, inclusive).
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window on `processed_at` (RFC 3339, exclusive).
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    /// Bucket of the decisions-over-time series (auto: hours up to three days, else days).
    #[arg(long, value_enum, default_value = "auto")]
    pub bucket: BucketArg,
    /// Write the report to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// "Now" for the report's `generated_at` (RFC 3339), for reproducible outputs.
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct BreachArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Policy file: destinations and the lead schema's field categories.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Start of the incident window on `processed_at` (RFC 3339, inclusive).
    #[arg(long)]
    pub from: Option<String>,
    /// End of the incident window on `processed_at` (RFC 3339, exclusive).
    #[arg(long)]
    pub to: Option<String>,
    /// Destinations concerned, by name (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub destinations: Vec<String>,
    /// Destinations concerned, by topic (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub topics: Vec<String>,
    /// What happened (kept as given in the draft and the register).
    #[arg(long)]
    pub nature: String,
    /// When the controller became aware of the breach (RFC 3339): the 72-hour clock starts here.
    #[arg(long)]
    pub aware_at: String,
    /// Likely consequences (else a placeholder).
    #[arg(long)]
    pub consequences: Option<String>,
    /// DPO or other contact point (else a placeholder).
    #[arg(long)]
    pub contact: Option<String>,
    /// Measures taken or proposed (else a placeholder).
    #[arg(long)]
    pub measures: Option<String>,
    /// Breach register (JSON lines): the incident is appended to it, never rewritten.
    #[arg(long)]
    pub register: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
    /// Write the draft to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// "Now" for the draft (RFC 3339), for reproducible outputs; the wall clock by default.
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct SubjectArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Policy file: its pseudonymisation key gives the person's token.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// The person's e-mail address (normalised as the guard does).
    #[arg(long, conflicts_with = "phone", required_unless_present = "phone")]
    pub email: Option<String>,
    /// The person's phone number, any format (normalised as the guard does).
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
    /// Write the answer to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Each destination's topic, in policy order: from the `[outputs]` of `--config` when given,
/// else the policy's defaults (`leads.<name>` or its deprecated `topic`).
fn destination_topics(a: &SourceArgs, policy: &Policy) -> Result<Vec<String>, AuditToolError> {
    match &a.config {
        Some(config) => {
            let settings = Settings::load(config)?;
            Topics::resolve(&settings, policy)
                .map(|t| t.destinations)
                .map_err(|problems| AuditToolError::Usage(problems.join("; ")))
        }
        None => Ok(policy
            .destinations
            .iter()
            .map(|d| d.topic.clone())
            .collect()),
    }
}

/// The source, and the policy path the `--config` names (if any).
fn resolve_source(a: &SourceArgs) -> Result<(Source, Option<PathBuf>), AuditToolError> {
    let idle_timeout = parse_duration(&a.idle_timeout).ok_or_else(|| {
        AuditToolError::Usage(format!(
            "--idle-timeout {:?} is not a duration such as 10s or 500ms",
            a.idle_timeout
        ))
    })?;
    if let Some(file) = &a.file {
        if a.brokers.is_some() || a.topic.is_some() || a.config.is_some() {
            return Err(AuditToolError::Usage(
                "--file reads an audit file: do not combine it with --brokers, --topic or --config"
                    .into(),
            ));
        }
        return Ok((Source::File(file.clone()), None));
    }
    let mut properties = Vec::new();
    let mut brokers = a.brokers.clone();
    let mut topic = a.topic.clone();
    let mut policy = None;
    if let Some(config) = &a.config {
        let s = Settings::load(config)?;
        properties.extend(
            s.properties
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        brokers = brokers.or(Some(s.brokers.clone()));
        topic = topic.or(Some(s.audit_topic.clone()));
        policy = Some(s.policy.clone());
    }
    for p in &a.properties {
        // The message never repeats the argument: it may be a secret typed without its key.
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| AuditToolError::Usage("--property must be KEY=VALUE".into()))?;
        properties.push((k.trim().to_string(), v.to_string()));
    }
    match (brokers, topic) {
        (Some(brokers), Some(topic)) => Ok((
            Source::Topic(TopicSource {
                brokers,
                topic,
                properties,
                idle_timeout: idle_timeout.max(Duration::from_millis(100)),
            }),
            policy,
        )),
        _ => Err(AuditToolError::Usage(
            "say where the audit records are: --file FILE, or --brokers and --topic, or --config KAFKA_TOML".into(),
        )),
    }
}

fn read_public_key(path: &Path) -> Result<VerifierKey, AuditToolError> {
    let text = std::fs::read_to_string(path).map_err(|source| AuditToolError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    VerifierKey::parse(&text)
        .map_err(|e| AuditToolError::Usage(format!("--public-key {}: {e}", path.display())))
}

/// The checkpoints source and public key of a keyless check: a file, or the topic next to the
/// audit topic.
fn resolve_checkpoints(
    a: &SourceArgs,
    audit: &Source,
    c: &CheckpointArgs,
) -> Result<(Source, VerifierKey), AuditToolError> {
    let key = read_public_key(c.public_key.as_deref().ok_or_else(|| {
        AuditToolError::Usage("--public-key FILE is needed (the checkpoint public key)".into())
    })?)?;
    if let Some(file) = &c.checkpoints {
        return Ok((Source::File(file.clone()), key));
    }
    let topic = match (&c.checkpoints_topic, &a.config) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(config)) => Settings::load(config)?.checkpoints_topic,
        _ => None,
    };
    match (audit, topic) {
        (Source::Topic(t), Some(topic)) => {
            Ok((Source::Topic(TopicSource { topic, ..t.clone() }), key))
        }
        _ => Err(AuditToolError::Usage(
            "say where the checkpoints are: --checkpoints FILE, or --checkpoints-topic (or \
             kafka.checkpoints_topic with --config) next to the audit topic"
                .into(),
        )),
    }
}

fn pretty<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("serialises");
    s.push('\n');
    s
}

fn policy_path(
    given: &Option<PathBuf>,
    from_config: Option<PathBuf>,
) -> Result<PathBuf, AuditToolError> {
    given.clone().or(from_config).ok_or_else(|| {
        AuditToolError::Usage("--policy is needed (it holds the keys and the destinations)".into())
    })
}

fn load_guard(path: &Path) -> Result<Guard, AuditToolError> {
    Ok(Guard::new(Policy::load(path)?, SuppressionList::default())?)
}

fn parse_now(now: &Option<String>) -> Result<Timestamp, AuditToolError> {
    match now {
        Some(s) => clock::parse(s).ok_or_else(|| {
            AuditToolError::Usage(format!("--now {s:?} is not an RFC 3339 timestamp"))
        }),
        None => Ok(clock::now()),
    }
}

/// Writes `text` to `out` (created or truncated) or to stdout.
fn emit(out: &Option<PathBuf>, text: &str) -> Result<(), AuditToolError> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|source| AuditToolError::Write {
            path: path.clone(),
            source,
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .map_err(|source| AuditToolError::Write {
                    path: PathBuf::from("<stdout>"),
                    source,
                })
        }
    }
}

/// Runs one `leadguard audit` sub-command.
pub fn run(args: AuditArgs) -> Result<(), AuditToolError> {
    match args.command {
        AuditCommand::Verify(a) if a.checkpoints.public_key.is_some() => {
            let (source, _) = resolve_source(&a.source)?;
            let (checkpoints, key) = resolve_checkpoints(&a.source, &source, &a.checkpoints)?;
            let v = transparency::verify(&source, &checkpoints, &key)?;
            let text = match a.format {
                VerifyFormat::Text => v.render_text(),
                VerifyFormat::Json => pretty(&v),
            };
            emit(&a.out, &text)?;
            if !v.ok {
                return Err(AuditToolError::VerificationFailed {
                    breaks: v.problems.len() as u64,
                    records: v.records,
                });
            }
        }
        AuditCommand::Prove(a) => {
            let (source, _) = resolve_source(&a.source)?;
            let (checkpoints, key) = resolve_checkpoints(&a.source, &source, &a.checkpoints)?;
            if a.event_id.is_none() == a.position.is_none() {
                return Err(AuditToolError::Usage(
                    "say which record: --event-id ID or --position POSITION".into(),
                ));
            }
            let proof = transparency::prove(
                &source,
                &checkpoints,
                &key,
                a.event_id.as_deref(),
                a.position.as_deref(),
            )?;
            emit(&a.out, &pretty(&proof))?;
        }
        AuditCommand::VerifyProof(a) => {
            let key = read_public_key(&a.public_key)?;
            let text =
                std::fs::read_to_string(&a.proof).map_err(|source| AuditToolError::Read {
                    path: a.proof.clone(),
                    source,
                })?;
            let verdict = serde_json::from_str::<transparency::InclusionProof>(&text)
                .map_err(|e| transparency::ProofError::Malformed(e.to_string()))
                .and_then(|p| transparency::verify_proof(&p, &key).map(|c| (p, c)));
            match verdict {
                Ok((p, c)) => emit(
                    &None,
                    &format!(
                        "proof holds: the record at leaf {} of chain {} is in the tree of {} \
                         records signed by {} (checkpoint time {})\n",
                        p.leaf_index,
                        p.chain,
                        c.size,
                        key.name(),
                        c.time.as_deref().unwrap_or("not given")
                    ),
                )?,
                Err(e) => return Err(AuditToolError::ProofFailed(e.to_string())),
            }
        }
        AuditCommand::Verify(a) => {
            let (source, config_policy) = resolve_source(&a.source)?;
            let guard = load_guard(&policy_path(&a.policy, config_policy)?)?;
            let opts = VerifyOptions {
                expect_inputs: a.expect_inputs,
                input_ranges: a.input_range,
                allow_offset_gaps: a.allow_offset_gaps,
            };
            let v = verify::verify(&source, guard.audit_key(), &opts)?;
            let text = match a.format {
                VerifyFormat::Text => v.render_text(),
                VerifyFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&v).expect("verification serialises");
                    s.push('\n');
                    s
                }
            };
            emit(&a.out, &text)?;
            if !v.ok {
                return Err(AuditToolError::VerificationFailed {
                    breaks: v.breaks_total,
                    records: v.records,
                });
            }
        }
        AuditCommand::Report(a) => {
            let (source, _) = resolve_source(&a.source)?;
            let window = Window::parse(a.from.as_deref(), a.to.as_deref())?;
            let bucket = match a.bucket {
                BucketArg::Auto => None,
                BucketArg::Hour => Some(Bucket::Hour),
                BucketArg::Day => Some(Bucket::Day),
            };
            let r = report::build(&source, window, bucket, parse_now(&a.now)?)?;
            let text = match a.format {
                ReportFormat::Json => r.to_json() + "\n",
                ReportFormat::Markdown => r.to_markdown(),
                ReportFormat::Html => html::render(&r),
            };
            emit(&a.out, &text)?;
        }
        AuditCommand::BreachDraft(a) => {
            let (source, config_policy) = resolve_source(&a.source)?;
            let policy = Policy::load(&policy_path(&a.policy, config_policy)?)?;
            let window = Window::parse(a.from.as_deref(), a.to.as_deref())?;
            let aware_at = clock::parse(&a.aware_at).ok_or_else(|| {
                AuditToolError::Usage(format!(
                    "--aware-at {:?} is not an RFC 3339 timestamp",
                    a.aware_at
                ))
            })?;
            if a.nature.trim().is_empty() {
                return Err(AuditToolError::Usage(
                    "--nature must describe the breach".into(),
                ));
            }
            let destination_topics = destination_topics(&a.source, &policy)?;
            let incident = Incident {
                window,
                destinations: breach::resolve_destinations(
                    &policy,
                    &destination_topics,
                    &a.destinations,
                    &a.topics,
                )?,
                destination_topics,
                nature: a.nature,
                aware_at,
                consequences: a.consequences,
                contact: a.contact,
                measures: a.measures,
                now: parse_now(&a.now)?,
            };
            let d = breach::draft(&source, &policy, &incident)?;
            if let Some(register) = &a.register {
                breach::append_to_register(register, &d.register_entry())?;
            }
            let text = match a.format {
                DocFormat::Markdown => d.to_markdown(),
                DocFormat::Json => d.to_json() + "\n",
            };
            emit(&a.out, &text)?;
        }
        AuditCommand::Subject(a) => {
            let (source, config_policy) = resolve_source(&a.source)?;
            let guard = load_guard(&policy_path(&a.policy, config_policy)?)?;
            let (kind, token) =
                subject::subject_token(&guard, a.email.as_deref(), a.phone.as_deref())?;
            let r = subject::lookup(&source, kind, &token)?;
            let text = match a.format {
                DocFormat::Markdown => r.to_markdown(),
                DocFormat::Json => r.to_json() + "\n",
            };
            emit(&a.out, &text)?;
        }
    }
    Ok(())
}
