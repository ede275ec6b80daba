//! The policy: read from TOML, checked as a whole, and compiled once into the runtime tables the
//! engine uses on every event.
//!
//! Compilation reports every problem at once ([`PolicyError::Invalid`]) so that a data engineer
//! fixes a policy in one round trip, not one error per start.

pub mod config;
pub mod consent_texts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::category::Category;
use crate::channel::{Channel, ChannelSet};
use crate::crypto::KeySpec;
use crate::detect::{Section, Vocabulary, VocabularyChange};
use crate::rules::signals::SignalSettings;
pub use crate::rules::transfer::{self, Transfer};
use crate::schema::{FieldId, FieldTree, LeadSchema, Schema};
pub use crate::treatment::{DateGranularity, GeneraliseSettings, Treatment};
pub use config::{InterconnectionMode, Regime, Safeguard};

/// A policy that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read policy {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("policy {path} is not valid TOML for leadguard: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("policy {path} has {} problem(s):\n  - {}", problems.len(), problems.join("\n  - "))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
}

/// Index of a purpose in [`Policy::purposes`].
pub type PurposeId = u16;

/// A compiled purpose.
#[derive(Debug, Clone)]
pub struct Purpose {
    pub name: String,
    pub regime: Regime,
}

/// A compiled destination.
#[derive(Debug, Clone)]
pub struct Destination {
    /// Leaked once at start-up: copied into every audit record without allocating.
    pub name: &'static str,
    /// The topic Kafka mode writes to unless the deployment config names another: the policy's
    /// deprecated `topic`, else `leads.<name>`.
    pub topic: String,
    pub purpose: PurposeId,
    pub regime: Regime,
    pub channels: ChannelSet,
    pub recipient: String,
    pub country: &'static str,
    pub safeguard: Safeguard,
    pub transfer: Transfer,
    pub interconnection: InterconnectionMode,
    /// Treatment per leaf of the lead schema (indexed by [`FieldId`]), overrides and `only` applied.
    pub plan: Vec<Treatment>,
}

/// The compiled policy.
#[derive(Debug)]
pub struct Policy {
    /// Leaked once at start-up, like the other strings copied into every audit record.
    pub version: &'static str,
    /// SHA-256 of the policy file bytes, recorded in every audit record (A1).
    pub sha256: &'static str,
    pub max_event_bytes: usize,
    pub default_country_code: String,
    pub consent_max_age_months: u32,
    pub clock_skew_seconds: i64,
    /// Approved consent texts (C4), when the policy registers any.
    pub consent_texts: Option<consent_texts::ConsentTexts>,
    /// Signed consent proofs (C4): the JWK set, loaded once, and the mode per form.
    pub consent_proofs: Option<crate::consent_proof::ConsentProofs>,
    /// What privacy signals do (the purposes GPC objects to).
    pub signals: SignalSettings,
    pub retention_months: u32,
    pub purposes: Vec<Purpose>,
    /// Dataset name → purpose.
    pub datasets: HashMap<String, PurposeId>,
    /// Authorised dataset pairs (sorted) → reference (I4).
    pub authorised: HashMap<(String, String), String>,
    pub index_capacity: usize,
    pub destinations: Vec<Destination>,
    /// Plan of the `defaults` layer (indexed by field id): the action reported in findings.
    pub default_actions: Vec<Treatment>,
    pub generalise: GeneraliseSettings,
    /// Vocabularies of the free-text scanner (S2, S3): the built-in ones with the policy's changes.
    pub vocabulary: Vocabulary,
    pub keys: config::KeysConfig,
    /// Signed checkpoints of the audit chains, when configured.
    pub checkpoints: Option<crate::checkpoint::CheckpointSettings>,
    /// Directory of the policy file: relative paths (keys, schemas) are resolved against it.
    pub base_dir: PathBuf,
    pub lead_schema: LeadSchema,
    pub withdrawal_schema: Schema,
    /// Erasure requests (GDPR art. 17), `schemas/erasure.v1.schema.json` unless the policy
    /// names another.
    pub erasure_schema: Schema,
    /// Settings still read but deprecated, one message each, for the operator to see at start.
    pub deprecations: Vec<String>,
}

impl Policy {
    /// Reads and compiles a policy file; every problem is listed in the error.
    pub fn load(path: &Path) -> Result<Policy, PolicyError> {
        let bytes = std::fs::read(path).map_err(|source| PolicyError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let base_dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Policy::from_bytes(&bytes, path, &base_dir)
    }

    /// Compiles a policy from its bytes; `path` is only used in messages.
    pub fn from_bytes(bytes: &[u8], path: &Path, base_dir: &Path) -> Result<Policy, PolicyError> {
        let text = std::str::from_utf8(bytes).map_err(|e| PolicyError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let file: config::PolicyFile = toml::from_str(text).map_err(|e| PolicyError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        compile(file, sha256, base_dir).map_err(|problems| PolicyError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }

    /// Purpose of a dataset, if the policy declares it.
    pub fn dataset_purpose(&self, dataset: &str) -> Option<PurposeId> {
        self.datasets.get(dataset).copied()
    }

    /// Authorisation reference of an interconnection between two datasets, if authorised.
    pub fn authorisation(&self, a: &str, b: &str) -> Option<&str> {
        let key = if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        self.authorised.get(&key).map(String::as_str)
    }

    /// Key references, for crypto set-up.
    pub fn key_specs(&self) -> impl Iterator<Item = (&'static str, &KeySpec)> {
        [
            ("pseudonym", &self.keys.pseudonym),
            ("encryption", &self.keys.encryption),
            ("audit", &self.keys.audit),
            ("dead_letter", &self.keys.dead_letter),
        ]
        .into_iter()
        .chain(
            self.keys
                .encryption_previous
                .iter()
                .map(|k| ("encryption_previous", k)),
        )
    }
}

/// Built-in handling of a category when neither defaults nor destination say otherwise.
fn builtin_treatment(c: Category) -> Treatment {
    match c {
        Category::Meta | Category::Ordinary | Category::DirectIdentifier => Treatment::Keep,
        Category::Email | Category::Phone => Treatment::Keep,
        Category::CustomerCode => Treatment::Token,
        Category::FreeText => Treatment::Redact,
        Category::NationalId | Category::PaymentCard => Treatment::Remove,
        // Special categories: applies only with explicit consent; without it the field is
        // always removed (S2).
        _ => Treatment::Encrypt,
    }
}

/// Whether an action is allowed for a category: the rules some settings may not bend.
fn check_treatment(c: Category, a: Treatment) -> Result<(), &'static str> {
    match (c, a) {
        (Category::Meta, Treatment::Keep) => Ok(()),
        (Category::Meta, _) => Err("envelope metadata is always forwarded as is"),
        (Category::NationalId, Treatment::Remove) => Ok(()),
        (Category::NationalId, _) => Err("S1: a national id never reaches a destination"),
        (Category::PaymentCard, Treatment::Keep) => {
            Err("S1: a payment card number never reaches a destination in clear")
        }
        (Category::FreeText, Treatment::Redact | Treatment::Remove | Treatment::Encrypt) => Ok(()),
        (Category::FreeText, _) => Err("S3: free text is redacted, encrypted or removed"),
        (_, Treatment::Redact) => Err("`redact` only applies to free text"),
        (Category::Ordinary | Category::DirectIdentifier, Treatment::Generalise) => Ok(()),
        (_, Treatment::Generalise) => {
            Err("`generalise` applies to ordinary and direct-identifier fields (dates, postcodes, ages)")
        }
        _ => Ok(()),
    }
}

/// A field-handling key: a category name or a schema path.
enum FieldKey {
    Category(Category),
    Leaves(Vec<FieldId>),
}

fn parse_field_key(key: &str, tree: &FieldTree) -> Result<FieldKey, String> {
    if key.starts_with('/') {
        let leaves = tree.leaves_under(key);
        if leaves.is_empty() {
            Err(format!("no field `{key}` in the lead schema"))
        } else {
            Ok(FieldKey::Leaves(leaves))
        }
    } else if key == "special" {
        Err("use each special category by name (health, religion…)".to_string())
    } else {
        key.parse::<Category>()
            .map(FieldKey::Category)
            .map_err(|e| e.to_string())
    }
}

/// Applies a field map (category or path → action) onto a plan, checking each entry.
fn apply_fields(
    plan: &mut [Treatment],
    fields: &std::collections::BTreeMap<String, Treatment>,
    tree: &FieldTree,
    owner: &str,
    problems: &mut Vec<String>,
) {
    // Categories first, then paths: a path is more specific and wins.
    for pass_paths in [false, true] {
        for (key, action) in fields {
            if key.starts_with('/') != pass_paths {
                continue;
            }
            match parse_field_key(key, tree) {
                Ok(FieldKey::Category(c)) => {
                    if let Err(why) = check_treatment(c, *action) {
                        problems.push(format!("{owner}: fields.{key} = {action:?}: {why}"));
                        continue;
                    }
                    for (i, leaf) in tree.leaves.iter().enumerate() {
                        if leaf.category == c {
                            plan[i] = *action;
                        }
                    }
                }
                Ok(FieldKey::Leaves(ids)) => {
                    for i in ids {
                        let c = tree.leaves[i].category;
                        if let Err(why) = check_treatment(c, *action) {
                            problems.push(format!(
                                "{owner}: fields.\"{key}\" = {action:?} ({}): {why}",
                                tree.leaves[i].path
                            ));
                        } else {
                            plan[i] = *action;
                        }
                    }
                }
                Err(e) => problems.push(format!("{owner}: fields.\"{key}\": {e}")),
            }
        }
    }
}

/// Gives a start-up string the `'static` lifetime: policies are compiled once per process, and
/// the hot path then copies references instead of allocating per event.
pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn country_ok(c: &str) -> bool {
    c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())
}

fn compile(
    file: config::PolicyFile,
    sha256: String,
    base_dir: &Path,
) -> Result<Policy, Vec<String>> {
    let mut problems = Vec::new();
    let mut deprecations = Vec::new();

    let lead_schema = LeadSchema::load(file.schemas.lead.as_deref(), base_dir, &mut problems);
    let withdrawal_schema =
        Schema::withdrawal(file.schemas.withdrawal.as_deref(), base_dir, &mut problems);
    let erasure_schema = Schema::erasure(file.schemas.erasure.as_deref(), base_dir, &mut problems);

    if file.version.trim().is_empty() || !crate::json_out::is_plain(&file.version) {
        problems.push(
            "version: must be non-empty, without quotes, backslashes or control characters".into(),
        );
    }
    if file.limits.max_event_bytes < 256 {
        problems.push("limits.max_event_bytes: must be at least 256".into());
    }
    let cc = &file.identity.default_country_code;
    if cc.is_empty() || cc.len() > 3 || !cc.bytes().all(|b| b.is_ascii_digit()) {
        problems.push(format!(
            "identity.default_country_code: `{cc}` is not a country calling code (1–3 digits)"
        ));
    }
    if file.consent.clock_skew_seconds < 0 {
        problems.push("consent.clock_skew_seconds: must not be negative".into());
    }
    if file.consent.max_age_months == 0 {
        problems.push("consent.max_age_months: must be at least 1".into());
    }
    if file.retention.prospect_months == 0 {
        problems.push("retention.prospect_months: must be at least 1".into());
    }

    // Purposes.
    let mut purposes = Vec::new();
    let mut purpose_ids = HashMap::new();
    for (name, p) in &file.purposes {
        if name.starts_with("special:") || name == "*" {
            problems.push(format!("purposes.{name}: reserved name"));
        }
        purpose_ids.insert(name.clone(), purposes.len() as PurposeId);
        purposes.push(Purpose {
            name: name.clone(),
            regime: p.regime,
        });
    }
    if purposes.is_empty() {
        problems.push("purposes: at least one purpose is needed".into());
    }

    let consent_texts = consent_texts::ConsentTexts::compile(
        file.consent.unknown_form,
        &file.consent.texts,
        &purpose_ids,
        &mut problems,
    );
    let consent_proofs = (file.consent.proofs.as_ref())
        .and_then(|c| crate::consent_proof::ConsentProofs::compile(c, base_dir, &mut problems));
    let signals = SignalSettings::compile(&file.signals, &purpose_ids, &mut problems);

    // Datasets.
    let mut datasets = HashMap::new();
    for (name, d) in &file.datasets {
        match purpose_ids.get(&d.purpose) {
            Some(id) => {
                datasets.insert(name.clone(), *id);
            }
            None => problems.push(format!("datasets.{name}: unknown purpose `{}`", d.purpose)),
        }
    }

    // Interconnections.
    let mut authorised = HashMap::new();
    for (i, ic) in file.interconnections.iter().enumerate() {
        let [a, b] = &ic.datasets;
        for d in [a, b] {
            if !datasets.contains_key(d) {
                problems.push(format!("interconnections[{i}]: unknown dataset `{d}`"));
            }
        }
        if a == b {
            problems.push(format!("interconnections[{i}]: a dataset with itself"));
        }
        if ic.reference.trim().is_empty() {
            problems.push(format!(
                "interconnections[{i}]: an authorisation or DPIA reference is required (I4)"
            ));
        }
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        authorised.insert(key, ic.reference.clone());
    }
    if file.interconnection.index_capacity == 0 {
        problems.push("interconnection.index_capacity: must be at least 1".into());
    }

    // Transfers.
    let adequacy: HashSet<String> = match &file.transfers.adequacy {
        Some(list) => {
            for c in list {
                if !country_ok(c) {
                    problems.push(format!(
                        "transfers.adequacy: `{c}` is not an ISO 3166 alpha-2 code"
                    ));
                }
            }
            list.iter().cloned().collect()
        }
        None => transfer::DEFAULT_ADEQUACY
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };

    // Vocabularies of the free-text scanner: built in, changed by the policy.
    let vocabulary = vocabulary(&file.lexicons, &mut problems);

    // Destinations.
    let mut destinations = Vec::new();
    let mut default_actions = Vec::new();
    if let Some(schema) = &lead_schema {
        let tree = &schema.fields;
        let mut defaults: Vec<Treatment> = tree
            .leaves
            .iter()
            .map(|l| builtin_treatment(l.category))
            .collect();
        apply_fields(
            &mut defaults,
            &file.defaults.fields,
            tree,
            "defaults",
            &mut problems,
        );
        default_actions.clone_from(&defaults);
        let mut names = HashSet::new();
        let mut topics = HashSet::new();
        if file.destinations.is_empty() {
            problems.push("destinations: at least one destination is needed".into());
        }
        for d in &file.destinations {
            let owner = format!("destinations.{}", d.name);
            if d.name.is_empty()
                || !d
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                problems.push(format!(
                    "{owner}: name must be non-empty letters, digits, `-` or `_` (it names files and metrics)"
                ));
            }
            if ["audit", "dead-letter"].contains(&d.name.as_str()) {
                problems.push(format!("{owner}: reserved name"));
            }
            if !names.insert(d.name.clone()) {
                problems.push(format!("{owner}: duplicate destination name"));
            }
            if d.topic.is_some() {
                deprecations.push(format!(
                    "{owner}: `topic` is deprecated: name the destination's topic in the deployment config (`[outputs]` {} = \"…\" in kafka.toml)",
                    d.name
                ));
            }
            let topic = d
                .topic
                .clone()
                .unwrap_or_else(|| format!("leads.{}", d.name));
            if !topics.insert(topic.clone()) {
                problems.push(format!("{owner}: topic `{topic}` used twice"));
            }
            let purpose = purpose_ids.get(&d.purpose).copied();
            if purpose.is_none() {
                problems.push(format!("{owner}: unknown purpose `{}`", d.purpose));
            }
            let regime = purpose
                .map(|p| purposes[p as usize].regime)
                .unwrap_or(Regime::Consent);
            let mut channels = ChannelSet::EMPTY;
            for c in &d.channels {
                match c.parse::<Channel>() {
                    Ok(c) => channels.insert(c),
                    Err(e) => problems.push(format!("{owner}: {e}")),
                }
            }
            if regime != Regime::None && channels.is_empty() {
                problems.push(format!(
                    "{owner}: a destination whose purpose needs a legal basis must list its channels (C1)"
                ));
            }
            if regime == Regime::None && !channels.is_empty() {
                problems.push(format!(
                    "{owner}: purpose `{}` needs no consent and contacts no one: channels must be empty",
                    d.purpose
                ));
            }
            let country = d.recipient.country.clone();
            if !country_ok(&country) {
                problems.push(format!(
                    "{owner}: recipient.country `{country}` is not an ISO 3166 alpha-2 code"
                ));
            }
            let transfer = transfer::classify(&country, d.recipient.safeguard, &adequacy);
            if d.recipient.safeguard == Safeguard::Adequacy
                && !transfer::EEA.contains(&country.as_str())
                && !adequacy.contains(&country)
            {
                problems.push(format!(
                    "{owner}: safeguard `adequacy` but {country} is not on the adequacy list (T2)"
                ));
            }
            if d.recipient.safeguard == Safeguard::Dpf && country != "US" {
                problems.push(format!(
                    "{owner}: safeguard `dpf` is only for US recipients (T2)"
                ));
            }

            let mut plan = defaults.clone();
            apply_fields(&mut plan, &d.fields, tree, &owner, &mut problems);
            if let Some(only) = &d.only {
                let mut allowed = vec![false; plan.len()];
                for p in only {
                    let ids = tree.leaves_under(p);
                    if ids.is_empty() {
                        problems.push(format!("{owner}: only: no field `{p}` in the lead schema"));
                    }
                    for i in ids {
                        allowed[i] = true;
                    }
                }
                for (i, a) in plan.iter_mut().enumerate() {
                    if !allowed[i] && tree.leaves[i].category.is_personal() {
                        *a = Treatment::Remove;
                    }
                }
            }
            if regime == Regime::None {
                for (i, a) in plan.iter().enumerate() {
                    let c = tree.leaves[i].category;
                    let direct = matches!(
                        c,
                        Category::DirectIdentifier
                            | Category::Email
                            | Category::Phone
                            | Category::CustomerCode
                    );
                    if direct && matches!(a, Treatment::Keep) {
                        problems.push(format!(
                            "{owner}: purpose `{}` receives no direct identifier in clear, but {} is kept",
                            d.purpose, tree.leaves[i].path
                        ));
                    }
                }
            }
            if d.purpose == "partner_sharing" || regime == Regime::Consent {
                if let Some(i) = tree
                    .leaves
                    .iter()
                    .position(|l| l.category == Category::CustomerCode)
                {
                    if plan[i] != Treatment::Remove && d.purpose == "partner_sharing" {
                        problems.push(format!(
                            "{owner}: C8: the internal customer code is never shared with partners (set customer_code = \"remove\")"
                        ));
                    }
                }
            }
            destinations.push(Destination {
                name: leak(d.name.clone()),
                topic,
                purpose: purpose.unwrap_or(0),
                regime,
                channels,
                recipient: d.recipient.name.clone(),
                country: leak(country),
                safeguard: d.recipient.safeguard,
                transfer,
                interconnection: d
                    .interconnection
                    .unwrap_or(file.interconnection.unauthorised),
                plan,
            });
        }
    }

    for (name, spec) in [
        ("pseudonym", &file.keys.pseudonym),
        ("encryption", &file.keys.encryption),
        ("audit", &file.keys.audit),
        ("dead_letter", &file.keys.dead_letter),
    ] {
        if spec.file.is_some() == spec.env.is_some() {
            problems.push(format!(
                "keys.{name}: give exactly one of `file` or `env` (keys never live in the policy)"
            ));
        } else if let Err(e) = spec.load(base_dir) {
            // Checked here too, so that key problems are listed with the others.
            problems.push(format!("keys.{name}: {e}"));
        }
    }

    let checkpoints = file.checkpoints.as_ref().and_then(|c| {
        crate::checkpoint::CheckpointSettings::from_config(c, base_dir)
            .map_err(|list| problems.extend(list))
            .ok()
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Policy {
        version: leak(file.version),
        sha256: leak(sha256),
        max_event_bytes: file.limits.max_event_bytes,
        default_country_code: file.identity.default_country_code,
        consent_max_age_months: file.consent.max_age_months,
        clock_skew_seconds: file.consent.clock_skew_seconds,
        consent_texts,
        consent_proofs,
        signals,
        retention_months: file.retention.prospect_months,
        purposes,
        datasets,
        authorised,
        index_capacity: file.interconnection.index_capacity,
        destinations,
        default_actions,
        generalise: file.generalise,
        vocabulary,
        keys: file.keys,
        checkpoints,
        base_dir: base_dir.to_path_buf(),
        lead_schema: lead_schema.expect("no problems means the schema compiled"),
        withdrawal_schema: withdrawal_schema.expect("no problems means the schema compiled"),
        erasure_schema: erasure_schema.expect("no problems means the schema compiled"),
        deprecations,
    })
}

/// The built-in vocabularies with the policy's `[lexicons.<category>]` changes applied.
fn vocabulary(
    changes: &BTreeMap<String, config::LexiconConfig>,
    problems: &mut Vec<String>,
) -> Vocabulary {
    let mut vocabulary = match Vocabulary::builtin() {
        Ok(v) => v,
        Err(list) => {
            problems.extend(list.iter().map(|p| format!("built-in vocabulary: {p}")));
            Vocabulary::default()
        }
    };
    let mut compiled = Vec::new();
    for (name, change) in changes {
        let category = match name.parse::<Category>() {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("lexicons.{name}: {e}"));
                continue;
            }
        };
        let (replace, add, remove) = match change {
            config::LexiconConfig::Replace(terms) => (
                true,
                BTreeMap::from([(Section::Terms, terms.clone())]),
                Vec::new(),
            ),
            config::LexiconConfig::Change(c) => (
                false,
                BTreeMap::from([
                    (Section::Terms, c.add.clone()),
                    (Section::Ambiguous, c.ambiguous.clone()),
                    (Section::Cues, c.cues.clone()),
                    (Section::Exclude, c.exclude.clone()),
                ]),
                c.remove.clone(),
            ),
        };
        for (section, entries) in &add {
            if entries.iter().any(|e| e.trim().is_empty()) {
                problems.push(format!(
                    "lexicons.{name}: empty entry in {}",
                    section.as_str()
                ));
            }
        }
        compiled.push(VocabularyChange {
            category,
            replace,
            add,
            remove,
        });
    }
    if let Err(list) = vocabulary.apply(&compiled) {
        problems.extend(list);
    }
    vocabulary
}

#[cfg(test)]
mod tests;
