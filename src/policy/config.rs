//! The policy file as written by a data engineer (TOML), before compilation.
//!
//! Every struct denies unknown fields so that a typo fails start-up instead of being silently
//! ignored. Defaults are named functions that say which rule they come from.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::crypto::KeySpec;
use crate::treatment::Treatment;

/// Root of the policy file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// Policy version, copied into every audit record (A1).
    pub version: String,
    /// Paths of the JSON Schemas; the built-in schemas are used when absent.
    #[serde(default)]
    pub schemas: SchemaPaths,
    /// Input limits.
    #[serde(default)]
    pub limits: Limits,
    /// Identity normalisation settings (C6, P3).
    #[serde(default)]
    pub identity: IdentitySettings,
    /// Consent validity settings (C4, C5).
    #[serde(default)]
    pub consent: ConsentSettings,
    /// Retention settings (R1).
    #[serde(default)]
    pub retention: RetentionSettings,
    /// Purposes and the legal regime each one needs (C1–C3, C7, C8).
    pub purposes: BTreeMap<String, PurposeConfig>,
    /// Datasets and the purpose each one was collected for (I1–I4).
    pub datasets: BTreeMap<String, DatasetConfig>,
    /// Authorised interconnections between datasets of different purposes (I4).
    #[serde(default)]
    pub interconnections: Vec<InterconnectionConfig>,
    /// What to do with an unauthorised interconnection when the destination does not say (I4).
    #[serde(default)]
    pub interconnection: InterconnectionSettings,
    /// Transfer settings (T1–T3).
    #[serde(default)]
    pub transfers: TransferSettings,
    /// Field handling that applies to every destination unless it overrides it.
    #[serde(default)]
    pub defaults: DefaultsConfig,
    /// Settings of the `generalise` treatment.
    #[serde(default)]
    pub generalise: crate::treatment::GeneraliseSettings,
    /// Where events may go.
    pub destinations: Vec<DestinationConfig>,
    /// Changes to the built-in free-text vocabularies (`lexicons/`), per special category (S3).
    #[serde(default)]
    pub lexicons: BTreeMap<String, LexiconConfig>,
    /// References to the keys; the keys themselves live in files or environment variables.
    pub keys: KeysConfig,
    /// Signed checkpoints of the audit chains, for verification without the audit key (A2).
    #[serde(default)]
    pub checkpoints: Option<CheckpointsConfig>,
    /// What the privacy signals of events do (GPC objection).
    #[serde(default)]
    pub signals: crate::rules::signals::SignalsConfig,
}

/// `[checkpoints]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointsConfig {
    /// The Ed25519 note signing key (`leadguard keygen --ed25519`).
    pub key: SecretRef,
    /// A checkpoint every this many records of a chain.
    #[serde(default = "default_checkpoint_every")]
    pub every: u64,
    /// …or after this long since the chain's last checkpoint (e.g. `"60s"`).
    #[serde(default = "default_checkpoint_interval")]
    pub interval: String,
}

/// A secret kept outside the policy: a file (relative to the policy) or an environment variable.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretRef {
    pub file: Option<PathBuf>,
    pub env: Option<String>,
}

fn default_checkpoint_every() -> u64 {
    1000
}

fn default_checkpoint_interval() -> String {
    "60s".into()
}

/// Paths of the JSON Schemas, relative to the policy file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaPaths {
    pub lead: Option<PathBuf>,
    pub withdrawal: Option<PathBuf>,
    pub erasure: Option<PathBuf>,
}

/// Limits on what the guard accepts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Larger events are rejected as `event.malformed` without being parsed.
    #[serde(default = "default_max_event_bytes")]
    pub max_event_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_event_bytes: default_max_event_bytes(),
        }
    }
}

/// 64 KiB: a web-form lead is a few hundred bytes; anything far larger is abuse or a bug.
fn default_max_event_bytes() -> usize {
    64 * 1024
}

/// Identity normalisation settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentitySettings {
    /// Country calling code for national phone numbers (`0612…` → `+33612…`), C6.
    #[serde(default = "default_country_code")]
    pub default_country_code: String,
}

impl Default for IdentitySettings {
    fn default() -> Self {
        IdentitySettings {
            default_country_code: default_country_code(),
        }
    }
}

/// France, where the rules come from.
fn default_country_code() -> String {
    "33".into()
}

/// Consent validity settings (C5).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentSettings {
    /// Consent older than this many months is expired.
    #[serde(default = "default_36_months")]
    pub max_age_months: u32,
    /// Consent captured after the event by more than this is invalid.
    #[serde(default = "default_skew_seconds")]
    pub clock_skew_seconds: i64,
    /// What a consent from a form without registered texts gets (C4); `refuse` by default.
    #[serde(default)]
    pub unknown_form: super::consent_texts::UnknownForm,
    /// Approved consent texts per form and purpose (`[[consent.texts]]`, C4); the registry is
    /// off when none is registered.
    #[serde(default)]
    pub texts: Vec<super::consent_texts::ConsentTextConfig>,
    /// Signed consent proofs (`[consent.proofs]`, C4): the JWK set and, per form, whether a
    /// proof is required; proofs are not checked when absent.
    #[serde(default)]
    pub proofs: Option<crate::consent_proof::ConsentProofsConfig>,
}

impl Default for ConsentSettings {
    fn default() -> Self {
        ConsentSettings {
            max_age_months: default_36_months(),
            clock_skew_seconds: default_skew_seconds(),
            unknown_form: Default::default(),
            texts: Vec::new(),
            proofs: None,
        }
    }
}

/// C5 and R1 default: 36 months.
fn default_36_months() -> u32 {
    36
}

/// C5 default: 5 minutes.
fn default_skew_seconds() -> i64 {
    300
}

/// Retention settings (R1).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    /// An event whose `last_contact_at` is older than this many months is not forwarded.
    #[serde(default = "default_36_months")]
    pub prospect_months: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            prospect_months: default_36_months(),
        }
    }
}

/// The legal regime a purpose needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Prospecting: opt-in for electronic channels of individuals, B2B and soft opt-in
    /// exceptions, opt-out for phone and postal (C1–C3).
    Prospecting,
    /// Every channel needs its own consent for this purpose (C8, partner sharing).
    Consent,
    /// No consent needed, but no direct identifier in clear (statistics).
    None,
}

/// A purpose.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeConfig {
    /// Legal regime of the purpose; `consent` when absent (the safe choice).
    #[serde(default = "default_regime")]
    pub regime: Regime,
    /// Free description, for people.
    #[serde(default)]
    pub description: Option<String>,
}

fn default_regime() -> Regime {
    Regime::Consent
}

/// A dataset.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetConfig {
    /// The purpose the data was collected for.
    pub purpose: String,
    /// Free description, for people.
    #[serde(default)]
    pub description: Option<String>,
}

/// An authorised interconnection (I4).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterconnectionConfig {
    /// The two datasets related (order does not matter).
    pub datasets: [String; 2],
    /// The authorisation or DPIA reference.
    pub reference: String,
}

/// What an unauthorised interconnection does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterconnectionMode {
    /// Recorded as flag `interconnection.unauthorised`, event still forwarded.
    Flag,
    /// The destination gets nothing (`interconnection.unauthorised` reason).
    Block,
}

/// Interconnection defaults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterconnectionSettings {
    /// Default for destinations that do not set `interconnection`.
    #[serde(default = "default_interconnection_mode")]
    pub unauthorised: InterconnectionMode,
    /// Maximum number of identities kept by the cross-event index (I3); oldest evicted first.
    #[serde(default = "default_index_capacity")]
    pub index_capacity: usize,
}

impl Default for InterconnectionSettings {
    fn default() -> Self {
        InterconnectionSettings {
            unauthorised: default_interconnection_mode(),
            index_capacity: default_index_capacity(),
        }
    }
}

fn default_interconnection_mode() -> InterconnectionMode {
    InterconnectionMode::Flag
}

/// One million identities: about 100 MB at most, bounded whatever the input size.
fn default_index_capacity() -> usize {
    1_000_000
}

/// Transfer settings (T1–T3).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferSettings {
    /// Countries with an adequacy decision (ISO 3166 alpha-2); the built-in T2 list when absent.
    /// `US` here means "US recipients certified under the DPF"; use safeguard `dpf` for them.
    #[serde(default)]
    pub adequacy: Option<Vec<String>>,
}

/// Safeguard declared for a recipient (T2, T3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Safeguard {
    None,
    Adequacy,
    Dpf,
    Scc,
    Bcr,
}

impl Safeguard {
    /// The policy's and the audit's name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Field handling shared by all destinations.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultsConfig {
    /// Keys: a category name (`iban`, `health`…) or a field path (`/subject/birth_date`).
    #[serde(default)]
    pub fields: BTreeMap<String, Treatment>,
}

/// A recipient of a destination.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientConfig {
    /// Who receives the data (for the audit and the breach register).
    pub name: String,
    /// ISO 3166 alpha-2 country of the recipient (T1).
    pub country: String,
    /// Transfer safeguard declared for this recipient (T2, T3).
    #[serde(default = "default_safeguard")]
    pub safeguard: Safeguard,
}

fn default_safeguard() -> Safeguard {
    Safeguard::None
}

/// A destination: a CRM topic or file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestinationConfig {
    /// Name used in audit records and file names.
    pub name: String,
    /// Deprecated: the output topic belongs to the deployment config (`[outputs]` of
    /// `kafka.toml`); still read, with a warning, when that does not name this destination.
    #[serde(default)]
    pub topic: Option<String>,
    /// The one purpose this destination serves (C7).
    pub purpose: String,
    /// Channels this destination uses (C1); empty for statistics.
    #[serde(default)]
    pub channels: Vec<String>,
    /// Recipient and its country.
    pub recipient: RecipientConfig,
    /// Overrides of the default field handling, by category or field path.
    #[serde(default)]
    pub fields: BTreeMap<String, Treatment>,
    /// When present, only these personal fields (paths) are forwarded; all others removed (S4).
    #[serde(default)]
    pub only: Option<Vec<String>>,
    /// Unauthorised interconnection handling for this destination.
    #[serde(default)]
    pub interconnection: Option<InterconnectionMode>,
}

/// Key references.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysConfig {
    /// HMAC key for tokens (subject_ref, `token` fields).
    pub pseudonym: KeySpec,
    /// AES-256-GCM key for `encrypt` fields.
    pub encryption: KeySpec,
    /// Older encryption keys still needed to decrypt (rotation).
    #[serde(default)]
    pub encryption_previous: Vec<KeySpec>,
    /// HMAC key of the audit chain (A2).
    pub audit: KeySpec,
    /// AES-256-GCM key of dead-letter payloads.
    pub dead_letter: KeySpec,
}

/// A policy's changes to the vocabulary of one special category (`[lexicons.<category>]`).
///
/// A plain list (the form of earlier versions) replaces the built-in terms of the category; a
/// table adds and removes entries, in the syntax of `lexicons/README.md`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LexiconConfig {
    Replace(Vec<String>),
    Change(LexiconChange),
}

/// Entries added to (both languages) or removed from one category's vocabulary.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconChange {
    /// Words or phrases that reveal the category by themselves.
    #[serde(default)]
    pub add: Vec<String>,
    /// Words that count only with a cue of the category in the same clause.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// Context words that make ambiguous entries count.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Phrases inside which a hit of the category does not count.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Built-in entries to take out (any section, both languages).
    #[serde(default)]
    pub remove: Vec<String>,
}
