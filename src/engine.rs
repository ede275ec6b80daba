//! The guard: one input event in, its forwarded copies, dead-letter record and audit record out.
//!
//! Built once from a compiled [`Policy`] and its keys; [`Guard::process`] is the hot path that
//! file mode and Kafka mode both drive, so that both judge identically.

use std::io::Write;

use serde_json::Value;

use crate::audit::{
    AuditChain, AuditDestination, AuditRecord, Finding, InputRef, Interconnection, PolicyRef, Text,
    TransferRef, AUDIT_SCHEMA_NAME,
};
use crate::category::Category;
use crate::channel::ChannelSet;
use crate::clock::{self, Timestamp};
use crate::crypto::{CryptoError, Keyring, TokenKey};
use crate::detect::{luhn_valid, ContactsKept, DetectError, ScannedText, TextScanner};
use crate::identity_index::IdentityIndex;
use crate::json_in;
use crate::json_out;
use crate::judge::{self, Decision, Facts};
use crate::lead::Lead;
use crate::normalize;
use crate::policy::{
    Action, Destination, InterconnectionMode, Policy, PurposeId, Regime, Transfer,
};
use crate::schema::{Node, Prop};
use crate::verdict::{Basis, DestOutcome, Flag, Flags, Outcome, Reason};
use crate::withdrawals::{SuppressionList, WithdrawalTable};

/// The guard cannot start.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("cannot start: {} problem(s):\n  - {}", .0.len(), .0.join("\n  - "))]
    Setup(Vec<String>),
}

/// Schema of forwarded copies' `leadguard` member.
pub const FORWARD_SCHEMA_NAME: &str = "leadguard.lead/v1";
/// Schema of dead-letter records.
pub const DEAD_LETTER_SCHEMA_NAME: &str = "leadguard.dead-letter/v1";

/// A copy for one destination.
#[derive(Debug, Clone)]
pub struct Output {
    /// Index of the destination in the policy.
    pub destination: usize,
    /// Record key: the subject token, so one person's events stay in order downstream.
    pub key: Option<String>,
    pub payload: Vec<u8>,
}

/// Everything one input event produced.
#[derive(Debug)]
pub struct Processed {
    pub outcome: Outcome,
    pub outputs: Vec<Output>,
    /// Dead-letter record of a rejected event.
    pub dead_letter: Option<Vec<u8>>,
    /// The audit record, not yet sealed into its chain.
    pub audit: AuditRecord,
}

/// The mutable state a guard instance keeps between events.
pub struct State {
    pub index: IdentityIndex,
    /// The previous event's parsed tree, parsed into again by the next event (see
    /// [`json_in`]). It holds personal values, so it is never printed.
    event: Value,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// The compiled guard.
pub struct Guard {
    pub policy: Policy,
    scanner: TextScanner,
    pseudonym: TokenKey,
    keyring: Keyring,
    dead_letter: Keyring,
    audit_key: TokenKey,
    suppression: SuppressionList,
    /// Plan of the policy's defaults, for the `action` of findings.
    default_actions: Vec<Action>,
    /// Per destination, the start of the `leadguard` member every copy ends with (its fixed
    /// part, rendered once): `"leadguard":{"schema":…,"destination":…,"purpose":…,"channels":[`.
    copy_heads: Vec<Vec<u8>>,
    /// The end of that member: `,"policy_version":…}}`.
    copy_tail: Vec<u8>,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("policy_version", &self.policy.version)
            .field("destinations", &self.policy.destinations.len())
            .finish_non_exhaustive()
    }
}

/// Event-level facts gathered by one walk of the event before any destination is decided.
#[derive(Default)]
struct Scan<'e> {
    contacts: ChannelSet,
    findings: Vec<Finding>,
    /// Free texts with findings, referenced by their leaf's [`Item::Leaf::redacted`].
    redactions: Vec<Redacted<'e>>,
    undeclared: bool,
    special_present: Vec<Category>,
    /// S1: the customer code is a card number; treated as one everywhere.
    card_as_customer_code: bool,
    /// The declared members of the event in output order: each forwarded copy replays this
    /// list instead of walking the parsed tree again, so a value is looked up, escaped and
    /// rendered once per event, not once per destination.
    items: Vec<Item<'e>>,
    /// Clear renderings (JSON) of leaf and verbatim values, sliced by [`Span`]s.
    rendered: Vec<u8>,
    /// Concrete paths of the leaves inside arrays (indices filled in), sliced by [`Span`]s.
    paths: String,
}

/// A free text with findings: rendered once when every copy gets the same text, else by each
/// copy (contact details are kept where the destination receives the matching field).
struct Redacted<'e> {
    text: &'e str,
    found: ScannedText,
    same_for_all: Option<String>,
}

impl<'e> Scan<'e> {
    /// Opens an object or array item; returns its index for [`Scan::close`].
    fn open(&mut self, key: &'e [u8], array: bool, channels: ChannelSet) -> usize {
        self.items.push(Item::Open {
            key,
            array,
            channels,
            end: 0,
        });
        self.items.len() - 1
    }

    fn close(&mut self, at: usize, array: bool) {
        let end = self.items.len();
        self.items.push(Item::Close { array });
        if let Item::Open { end: e, .. } = &mut self.items[at] {
            *e = end;
        }
    }

    fn verbatim(&mut self, key: &'e [u8], channels: ChannelSet, value: &Value) {
        let start = self.rendered.len();
        json_out::value(&mut self.rendered, value);
        let clear = Span::of(&self.rendered, start);
        self.items.push(Item::Verbatim {
            key,
            channels,
            clear,
        });
    }
}

/// A byte range in one of the [`Scan`] buffers.
#[derive(Clone, Copy)]
struct Span(usize, usize);

impl Span {
    /// From `start` to the end of `buf`.
    fn of(buf: &[u8], start: usize) -> Span {
        Span(start, buf.len())
    }
    fn bytes(self, buf: &[u8]) -> &[u8] {
        &buf[self.0..self.1]
    }
    fn str(self, buf: &str) -> &str {
        &buf[self.0..self.1]
    }
}

/// One declared member of the event, as the forwarded copies write it. `key` is the
/// pre-rendered `"name":` of an object member, empty for an array item.
enum Item<'e> {
    /// An object or array; `end` is the index of its [`Item::Close`].
    Open {
        key: &'e [u8],
        array: bool,
        channels: ChannelSet,
        end: usize,
    },
    Close {
        array: bool,
    },
    Leaf {
        key: &'e [u8],
        id: usize,
        category: Category,
        channels: ChannelSet,
        value: &'e Value,
        clear: Span,
        /// The concrete path of a leaf inside an array (its schema path has `*`).
        path: Option<Span>,
        redacted: Option<usize>,
    },
    /// A declared object or array whose value is null (or not of its shape): written as is
    /// unless it is the contact of a channel the destination may not use.
    Verbatim {
        key: &'e [u8],
        channels: ChannelSet,
        clear: Span,
    },
}

impl DestCtx<'_> {
    /// Contact fields of channels this destination may not use are removed (contract §2).
    fn removes_contact(&self, channels: ChannelSet) -> bool {
        !self.dest.channels.is_empty()
            && !channels.is_empty()
            && !channels.intersects(self.permitted)
    }
}

/// Per-destination context of the output writer.
struct DestCtx<'a> {
    dest: &'a Destination,
    /// The fixed start of the copy's `leadguard` member for `dest`.
    copy_head: &'a [u8],
    permitted: ChannelSet,
    consented: &'a [Category],
    scan: &'a Scan<'a>,
    fields: Vec<(Text, Text)>,
    encrypted_special: bool,
    /// Whether a free text of this copy was redacted (S3).
    redacted_text: bool,
    /// Tokens of the normalised e-mail and phone, already computed for `subject_refs`.
    email_token: Option<&'a str>,
    phone_token: Option<&'a str>,
}

impl Guard {
    /// Loads the keys named by the policy and builds the runtime objects; every problem at once.
    pub fn new(policy: Policy, suppression: SuppressionList) -> Result<Guard, GuardError> {
        let mut problems = Vec::new();
        let base = policy.base_dir.clone();
        let mut load = |name: &str, spec: &crate::crypto::KeySpec| match spec.load(&base) {
            Ok(k) => Some((spec.id.clone(), k)),
            Err(e) => {
                problems.push(format!("keys.{name}: {e}"));
                None
            }
        };
        let pseudonym = load("pseudonym", &policy.keys.pseudonym);
        let encryption = load("encryption", &policy.keys.encryption);
        let audit = load("audit", &policy.keys.audit);
        let dead_letter = load("dead_letter", &policy.keys.dead_letter);
        let previous: Vec<_> = policy
            .keys
            .encryption_previous
            .iter()
            .filter_map(|s| load("encryption_previous", s))
            .collect();
        let scanner = match TextScanner::new(&policy.vocabulary, &policy.default_country_code) {
            Ok(s) => Some(s),
            Err(DetectError::Vocabulary(list)) => {
                problems.extend(list);
                None
            }
            Err(e) => {
                problems.push(format!("lexicons: {e}"));
                None
            }
        };
        let (Some(pseudonym), Some(encryption), Some(audit), Some(dead_letter), Some(scanner)) =
            (pseudonym, encryption, audit, dead_letter, scanner)
        else {
            return Err(GuardError::Setup(problems));
        };
        if !problems.is_empty() {
            return Err(GuardError::Setup(problems));
        }
        let default_actions = policy.default_actions.clone();
        let copy_heads = policy
            .destinations
            .iter()
            .map(|d| {
                let mut head = Vec::with_capacity(128);
                head.extend_from_slice(b"\"leadguard\":{\"schema\":");
                json_out::str(&mut head, FORWARD_SCHEMA_NAME);
                head.extend_from_slice(b",\"destination\":");
                json_out::str(&mut head, d.name);
                head.extend_from_slice(b",\"purpose\":");
                json_out::str(&mut head, &policy.purposes[d.purpose as usize].name);
                head.extend_from_slice(b",\"channels\":[");
                head
            })
            .collect();
        let mut copy_tail = b",\"policy_version\":".to_vec();
        json_out::str(&mut copy_tail, policy.version);
        copy_tail.extend_from_slice(b"}}");
        Ok(Guard {
            scanner,
            pseudonym: TokenKey::new(pseudonym.0, pseudonym.1),
            keyring: Keyring::new(encryption, previous),
            dead_letter: Keyring::new(dead_letter, Vec::new()),
            audit_key: TokenKey::new(audit.0, audit.1),
            suppression,
            default_actions,
            copy_heads,
            copy_tail,
            policy,
        })
    }

    /// A fresh per-instance state.
    pub fn new_state(&self) -> State {
        State {
            index: IdentityIndex::new(self.policy.index_capacity),
            event: Value::Null,
        }
    }

    /// A chain writer for an input partition or file, resumed from `head` if given.
    pub fn audit_chain(&self, id: String, head: Option<(u64, String)>) -> AuditChain {
        AuditChain::new(self.audit_key.clone(), id, head)
    }

    /// The audit key, for verification tools.
    pub fn audit_key(&self) -> &TokenKey {
        &self.audit_key
    }

    /// The pseudonymisation key, for subject look-ups (same token as the guard's).
    pub fn pseudonym_key(&self) -> &TokenKey {
        &self.pseudonym
    }

    /// The free-text scanner compiled from the policy's vocabularies.
    pub fn scanner(&self) -> &TextScanner {
        &self.scanner
    }

    /// Field-encryption keys, for `leadguard decrypt`.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// Dead-letter keys, for replay.
    pub fn dead_letter_keyring(&self) -> &Keyring {
        &self.dead_letter
    }

    /// The subject token of a normalised identity (P1, P3).
    pub fn subject_token(&self, normalised: &str) -> String {
        self.pseudonym.token(normalised.as_bytes())
    }

    fn base_record(&self, input: &InputRef, now: Timestamp) -> AuditRecord {
        AuditRecord {
            schema: AUDIT_SCHEMA_NAME.to_string(),
            event_id: None,
            subject_ref: None,
            subject_refs: Vec::new(),
            input: input.clone(),
            processed_at: clock::format(now),
            occurred_at: None,
            dataset: None,
            outcome: Text::Borrowed(""),
            reasons: Vec::new(),
            detail: None,
            destinations: Vec::new(),
            flags: Vec::new(),
            findings: Vec::new(),
            interconnections: Vec::new(),
            withdrawals_applied: 0,
            policy: PolicyRef {
                version: Text::Borrowed(self.policy.version),
                sha256: Text::Borrowed(self.policy.sha256),
            },
            chain: Default::default(),
        }
    }

    /// Rejects an input: dead-letter record (payload encrypted) and audit record.
    fn reject(
        &self,
        raw: &[u8],
        input: &InputRef,
        now: Timestamp,
        reason: Reason,
        detail: String,
        event_id: Option<String>,
    ) -> Processed {
        let mut audit = self.base_record(input, now);
        audit.outcome = Text::Borrowed(Outcome::Rejected.as_str());
        audit.reasons = vec![Text::Borrowed(reason.as_str())];
        audit.detail = Some(detail.clone());
        audit.event_id = event_id;
        let payload = self.dead_letter.encrypt(&dead_letter_aad(input), raw);
        let dead_letter = dead_letter_json(
            input,
            reason,
            &detail,
            &audit.processed_at,
            raw.len(),
            &payload,
        );
        Processed {
            outcome: Outcome::Rejected,
            outputs: Vec::new(),
            dead_letter: Some(dead_letter),
            audit,
        }
    }

    /// Rejects an event over `limits.max_event_bytes`. `kept` may be only the start of an event
    /// whose rest the reader did not buffer; `size` is its true length.
    pub fn reject_too_large(
        &self,
        kept: &[u8],
        size: usize,
        input: &InputRef,
        now: Timestamp,
    ) -> Processed {
        let cut = if kept.len() < size {
            format!(" (the dead letter keeps its first {} bytes)", kept.len())
        } else {
            String::new()
        };
        self.reject(
            kept,
            input,
            now,
            Reason::EventMalformed,
            format!(
                "event of {size} bytes exceeds the limit of {} bytes{cut}",
                self.policy.max_event_bytes
            ),
            None,
        )
    }

    /// Judges one raw input event.
    pub fn process(
        &self,
        raw: &[u8],
        input: &InputRef,
        now: Timestamp,
        withdrawals: &WithdrawalTable,
        state: &mut State,
    ) -> Processed {
        if raw.len() > self.policy.max_event_bytes {
            return self.reject_too_large(raw, raw.len(), input, now);
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                return self.reject(
                    raw,
                    input,
                    now,
                    Reason::EventMalformed,
                    format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
                    None,
                )
            }
        };
        let mut value = std::mem::take(&mut state.event);
        let processed = match json_in::parse_into(&mut value, text) {
            Ok(()) => self.process_value(raw, &value, input, now, withdrawals, &mut state.index),
            Err(e) => self.reject(
                raw,
                input,
                now,
                Reason::EventMalformed,
                format!(
                    "not JSON ({:?} error at line {} column {})",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
                None,
            ),
        };
        state.event = value;
        processed
    }

    /// Judges one parsed event.
    fn process_value(
        &self,
        raw: &[u8],
        value: &Value,
        input: &InputRef,
        now: Timestamp,
        withdrawals: &WithdrawalTable,
        index: &mut IdentityIndex,
    ) -> Processed {
        let event_id = || {
            value
                .get("event_id")
                .and_then(Value::as_str)
                .filter(|s| s.len() <= 200)
                .map(str::to_string)
        };
        if let Err(invalid) = self.policy.lead_schema.check(value) {
            return self.reject(
                raw,
                input,
                now,
                Reason::SchemaInvalid,
                invalid.to_string(),
                event_id(),
            );
        }
        let lead = match Lead::read(value) {
            Ok(l) => l,
            Err(u) => {
                return self.reject(
                    raw,
                    input,
                    now,
                    Reason::SchemaInvalid,
                    format!("{} is not a readable timestamp", u.0),
                    event_id(),
                )
            }
        };
        let Some(purpose) = self.policy.dataset_purpose(lead.dataset) else {
            return self.reject(
                raw,
                input,
                now,
                Reason::SchemaInvalid,
                "/source/dataset names a dataset the policy does not declare".into(),
                event_id(),
            );
        };
        let mut interconnections = Vec::new();
        let mut unauthorised = false;
        for ds in &lead.enrichment {
            let Some(p) = self.policy.dataset_purpose(ds) else {
                return self.reject(
                    raw,
                    input,
                    now,
                    Reason::SchemaInvalid,
                    "/enrichment names a dataset the policy does not declare".into(),
                    event_id(),
                );
            };
            // I2: an enrichment block from a dataset of another purpose.
            if p != purpose {
                let reference = self.policy.authorisation(lead.dataset, ds);
                unauthorised |= reference.is_none();
                interconnections.push(Interconnection {
                    datasets: vec![lead.dataset.to_string(), ds.to_string()],
                    status: if reference.is_some() {
                        "authorised"
                    } else {
                        "unauthorised"
                    }
                    .into(),
                    reference: reference.map(str::to_string),
                });
            }
        }
        self.judge(
            value,
            &lead,
            purpose,
            interconnections,
            unauthorised,
            input,
            now,
            withdrawals,
            index,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        value: &Value,
        lead: &Lead,
        purpose: PurposeId,
        mut interconnections: Vec<Interconnection>,
        unauthorised: bool,
        input: &InputRef,
        now: Timestamp,
        withdrawals: &WithdrawalTable,
        index: &mut IdentityIndex,
    ) -> Processed {
        let policy = &self.policy;
        let cc = &policy.default_country_code;
        let subject = value.get("subject");
        let email = subject
            .and_then(|s| s.get("email"))
            .and_then(Value::as_str)
            .and_then(normalize::email);
        let phone = subject
            .and_then(|s| s.get("phone"))
            .and_then(Value::as_str)
            .and_then(|p| normalize::phone(p, cc));
        let identities: Vec<&str> = email
            .iter()
            .chain(phone.iter())
            .map(String::as_str)
            .collect();
        let macs: Vec<[u8; 32]> = identities
            .iter()
            .map(|i| self.pseudonym.mac(&[i.as_bytes()]))
            .collect();
        let tokens: Vec<String> = macs.iter().map(|m| self.pseudonym.token_of(m)).collect();

        let mut scan = Scan {
            items: Vec::with_capacity(48),
            rendered: Vec::with_capacity(1024),
            // `paths` is only written for leaves inside arrays: allocated on first use.
            ..Scan::default()
        };
        let mut path = String::with_capacity(64);
        if let (Node::Object { props, open, .. }, Some(obj)) =
            (&policy.lead_schema.fields.root, value.as_object())
        {
            self.scan_members(props, *open, obj, &mut path, &mut scan);
        }

        let now = judge::Now::new(now, policy);
        let withdrawn = withdrawals.person(&identities);
        let consented: Vec<Category> = scan
            .special_present
            .iter()
            .copied()
            .filter(|c| self.special_consent(lead, *c, &now))
            .collect();

        let facts = Facts {
            lead,
            contacts: scan.contacts,
            identities: &identities,
            phone: phone.as_deref(),
            unauthorised_interconnection: unauthorised,
            now,
        };

        let mut flags = Flags::default();
        let mut outputs = Vec::new();
        let mut destinations = Vec::with_capacity(policy.destinations.len());
        let mut forwarded_idx: Vec<u16> = Vec::new();
        let mut withdrawals_applied = 0u32;
        let mut encrypted_special = false;
        let mut redacted_text = false;
        let subject_ref = tokens.first().cloned();
        for (i, dest) in policy.destinations.iter().enumerate() {
            let Decision {
                outcome,
                permitted,
                basis,
                reasons,
                withdrawal_applied,
            } = judge::decide(&facts, dest, policy, &withdrawn, &self.suppression);
            withdrawals_applied += u32::from(withdrawal_applied);
            let mut entry = AuditDestination {
                name: Text::Borrowed(dest.name),
                outcome: outcome.as_str().into(),
                channels: permitted
                    .iter()
                    .map(|c| Text::Borrowed(c.as_str()))
                    .collect(),
                reasons: reasons.iter().map(|r| Text::Borrowed(r.as_str())).collect(),
                basis: Vec::new(),
                fields: Vec::new(),
                transfer: None,
            };
            if outcome == DestOutcome::Forwarded {
                forwarded_idx.push(i as u16);
                entry.basis = if dest.regime == Regime::None {
                    vec![(Text::Borrowed("none"), Basis::NoneNeeded.into_text())]
                } else {
                    basis
                        .into_iter()
                        .map(|(c, b)| (Text::Borrowed(c.as_str()), b.into_text()))
                        .collect()
                };
                match dest.transfer {
                    Transfer::Adequacy(s) | Transfer::Safeguarded(s) => {
                        flags.insert(if matches!(dest.transfer, Transfer::Adequacy(_)) {
                            Flag::TransferAdequacy
                        } else {
                            Flag::TransferSafeguarded
                        });
                        entry.transfer = Some(TransferRef {
                            country: Text::Borrowed(dest.country),
                            safeguard: Text::Borrowed(safeguard_name(s)),
                        });
                    }
                    Transfer::None | Transfer::Unsafeguarded => {}
                }
                let mut ctx = DestCtx {
                    dest,
                    copy_head: &self.copy_heads[i],
                    permitted,
                    consented: &consented,
                    scan: &scan,
                    fields: Vec::with_capacity(scan.items.len()),
                    encrypted_special: false,
                    redacted_text: false,
                    email_token: email.as_ref().and(tokens.first()).map(String::as_str),
                    phone_token: phone.as_ref().and(tokens.last()).map(String::as_str),
                };
                let payload = self.write_copy(&mut ctx, &entry, subject_ref.as_deref());
                encrypted_special |= ctx.encrypted_special;
                redacted_text |= ctx.redacted_text;
                entry.fields = ctx.fields;
                outputs.push(Output {
                    destination: i,
                    key: subject_ref.clone(),
                    payload,
                });
            }
            destinations.push(entry);
        }

        // I3: the same person from datasets of other purposes, to the same destination.
        if index.correlate_and_record(&macs, purpose, &forwarded_idx) {
            flags.insert(Flag::InterconnectionCorrelated);
            interconnections.push(Interconnection {
                datasets: vec![lead.dataset.to_string()],
                status: "correlated".into(),
                reference: None,
            });
        }
        for ic in &interconnections {
            match ic.status.as_str() {
                "authorised" => flags.insert(Flag::InterconnectionAuthorised),
                "unauthorised"
                    if policy
                        .destinations
                        .iter()
                        .any(|d| d.interconnection == InterconnectionMode::Flag) =>
                {
                    flags.insert(Flag::InterconnectionUnauthorised)
                }
                _ => {}
            }
        }
        if scan.special_present.iter().any(|c| !consented.contains(c)) {
            flags.insert(Flag::SensitiveRemoved);
        }
        if encrypted_special {
            flags.insert(Flag::SensitiveEncrypted);
        }
        // S3: a text was redacted in a copy, or holds what every copy must have redacted.
        let always_redacted = scan.redactions.iter().any(|r| r.found.always_redacts());
        if redacted_text || always_redacted {
            flags.insert(Flag::TextRedacted);
        }
        if scan.undeclared {
            flags.insert(Flag::FieldUndeclared);
        }

        let outcome = if outputs.is_empty() {
            Outcome::Dropped
        } else {
            Outcome::Forwarded
        };
        let mut audit = self.base_record(input, now.at);
        audit.event_id = Some(lead.event_id.to_string());
        audit.subject_ref = subject_ref;
        audit.subject_refs = tokens;
        audit.occurred_at = Some(clock::format(lead.occurred_at));
        audit.dataset = Some(lead.dataset.to_string());
        audit.outcome = Text::Borrowed(outcome.as_str());
        audit.destinations = destinations;
        audit.flags = flags.iter().map(|f| Text::Borrowed(f.as_str())).collect();
        audit.findings = scan
            .findings
            .into_iter()
            .map(|mut f| {
                if let Ok(c) = f.category.as_ref().parse::<Category>() {
                    if c.is_special() && consented.contains(&c) {
                        f.action = Text::Borrowed("encrypt");
                    }
                }
                f
            })
            .collect();
        audit.interconnections = interconnections;
        audit.withdrawals_applied = withdrawals_applied;
        Processed {
            outcome,
            outputs,
            dead_letter: None,
            audit,
        }
    }

    /// S2: explicit, valid consent for a special category (`special:<category>`).
    fn special_consent(&self, lead: &Lead, c: Category, now: &judge::Now) -> bool {
        let purpose = format!("special:{}", c.as_str());
        lead.consents
            .iter()
            .filter(|e| e.purpose == purpose)
            .max_by_key(|e| e.captured_at)
            .is_some_and(|e| judge::consent_problem(e, lead, now, &self.policy).is_none())
    }

    /// Walks the members of an object: declared ones are scanned, undeclared ones flagged (S4).
    fn scan_members<'e>(
        &'e self,
        props: &'e [Prop],
        open: bool,
        obj: &'e serde_json::Map<String, Value>,
        path: &mut String,
        scan: &mut Scan<'e>,
    ) {
        let mut cursor = 0;
        for (k, v) in obj {
            match find_prop(props, k, &mut cursor) {
                Some(Prop { node, key, .. }) => {
                    let len = path.len();
                    path.push('/');
                    path.push_str(k);
                    self.scan_node(node, key, v, path, scan);
                    path.truncate(len);
                }
                None if open => scan.undeclared = true,
                None => {}
            }
        }
    }

    /// Walks the event once: contacts, findings, free-text redactions, undeclared fields, and
    /// the [`Item`]s every copy is written from.
    fn scan_node<'e>(
        &'e self,
        node: &'e Node,
        key: &'e [u8],
        value: &'e Value,
        path: &mut String,
        scan: &mut Scan<'e>,
    ) {
        match node {
            Node::Leaf {
                id,
                category,
                channels,
            } => {
                let start = scan.rendered.len();
                json_out::value(&mut scan.rendered, value);
                let clear = Span::of(&scan.rendered, start);
                // Outside arrays the concrete path is the schema path: nothing to keep.
                let concrete = self.policy.lead_schema.fields.leaves[*id]
                    .in_array
                    .then(|| {
                        let start = scan.paths.len();
                        scan.paths.push_str(path);
                        Span::of(scan.paths.as_bytes(), start)
                    });
                let redacted = if value.is_null() {
                    None
                } else {
                    self.scan_leaf(*id, *category, *channels, value, path, scan)
                };
                scan.items.push(Item::Leaf {
                    key,
                    id: *id,
                    category: *category,
                    channels: *channels,
                    value,
                    clear,
                    path: concrete,
                    redacted,
                });
            }
            Node::Object {
                props,
                open,
                channels,
            } => {
                let Some(obj) = value.as_object() else {
                    return scan.verbatim(key, *channels, value);
                };
                let before = scan.contacts;
                let at = scan.open(key, false, *channels);
                self.scan_members(props, *open, obj, path, scan);
                scan.close(at, false);
                if !channels.is_empty() && !is_empty_value(value) {
                    scan.contacts = before.union(scan.contacts).union(*channels);
                }
            }
            Node::Array { items } => {
                let Some(list) = value.as_array() else {
                    return scan.verbatim(key, ChannelSet::default(), value);
                };
                let at = scan.open(key, true, ChannelSet::default());
                for (i, v) in list.iter().enumerate() {
                    let len = path.len();
                    let _ = write!(StringWriter(path), "/{i}");
                    self.scan_node(items, b"", v, path, scan);
                    path.truncate(len);
                }
                scan.close(at, true);
            }
        }
    }

    /// The findings of one non-null leaf; the index of its redacted text, if any.
    fn scan_leaf<'e>(
        &self,
        id: usize,
        category: Category,
        channels: ChannelSet,
        value: &'e Value,
        path: &str,
        scan: &mut Scan<'e>,
    ) -> Option<usize> {
        if !channels.is_empty() && !is_empty_value(value) {
            scan.contacts = scan.contacts.union(channels);
        }
        if category.is_sensitive() {
            if category.is_special() && !scan.special_present.contains(&category) {
                scan.special_present.push(category);
            }
            scan.findings.push(Finding {
                path: path.to_string(),
                category: Text::Borrowed(category.as_str()),
                action: Text::Borrowed(action_name(self.default_actions[id])),
            });
        } else if category == Category::FreeText {
            let text = value.as_str()?;
            let found = self.scanner.find(text)?;
            for c in &found.categories {
                scan.findings.push(Finding {
                    path: path.to_string(),
                    category: Text::Borrowed(c.as_str()),
                    action: Text::Borrowed("redact"),
                });
            }
            let same_for_all = found
                .same_for_every_copy()
                .then(|| found.render(text, ContactsKept::default()))
                .flatten();
            scan.redactions.push(Redacted {
                text,
                found,
                same_for_all,
            });
            return Some(scan.redactions.len() - 1);
        } else if category == Category::CustomerCode {
            // S1: a payment card number must never be used as a customer code.
            let code = value.as_str()?;
            let digits: String = code
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect();
            if luhn_valid(&digits) {
                scan.card_as_customer_code = true;
                scan.findings.push(Finding {
                    path: path.to_string(),
                    category: Text::Borrowed(Category::PaymentCard.as_str()),
                    action: Text::Borrowed("remove"),
                });
            }
        }
        None
    }

    /// Writes the forwarded copy of the event for one destination (S1–S4, P1–P3).
    fn write_copy(
        &self,
        ctx: &mut DestCtx,
        entry: &AuditDestination,
        subject_ref: Option<&str>,
    ) -> Vec<u8> {
        let scan = ctx.scan;
        let mut out = Vec::with_capacity(1024 + scan.rendered.len() * 2);
        out.push(b'{');
        self.write_items(ctx, &mut out);
        // Close the root object with our own member: who, why, under which basis.
        if out.len() > 1 {
            out.push(b',');
        }
        out.extend_from_slice(ctx.copy_head);
        for (i, c) in ctx.permitted.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_out::plain(&mut out, c.as_str());
        }
        out.extend_from_slice(b"],\"basis\":{");
        for (i, (k, v)) in entry.basis.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_out::str(&mut out, k);
            out.push(b':');
            json_out::str(&mut out, v);
        }
        out.extend_from_slice(b"},\"subject_ref\":");
        match subject_ref {
            Some(s) => json_out::str(&mut out, s),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(&self.copy_tail);
        out
    }

    /// The action for one leaf in one destination's copy.
    fn leaf_action(
        &self,
        id: usize,
        category: Category,
        channels: ChannelSet,
        ctx: &DestCtx,
    ) -> Action {
        if ctx.removes_contact(channels) {
            return Action::Remove;
        }
        if category.is_special() && !ctx.consented.contains(&category) {
            return Action::Remove;
        }
        if category == Category::CustomerCode && ctx.scan.card_as_customer_code {
            return Action::Remove;
        }
        ctx.dest.plan[id]
    }

    /// Replays the event's [`Item`]s into one destination's copy: removed members leave no
    /// trace (not even their comma), contacts of channels not permitted are dropped whole.
    fn write_items(&self, ctx: &mut DestCtx, out: &mut Vec<u8>) {
        let scan = ctx.scan;
        let items = &scan.items;
        let comma = |out: &mut Vec<u8>, first: &mut bool| {
            if !std::mem::take(first) {
                out.push(b',');
            }
        };
        let mut first = true;
        let mut i = 0;
        while i < items.len() {
            match &items[i] {
                Item::Open {
                    key,
                    array,
                    channels,
                    end,
                } => {
                    if ctx.removes_contact(*channels) {
                        i = end + 1;
                        continue;
                    }
                    comma(out, &mut first);
                    out.extend_from_slice(key);
                    out.push(if *array { b'[' } else { b'{' });
                    first = true;
                }
                Item::Close { array } => {
                    out.push(if *array { b']' } else { b'}' });
                    first = false;
                }
                Item::Verbatim {
                    key,
                    channels,
                    clear,
                } => {
                    if !ctx.removes_contact(*channels) {
                        comma(out, &mut first);
                        out.extend_from_slice(key);
                        out.extend_from_slice(clear.bytes(&scan.rendered));
                    }
                }
                Item::Leaf {
                    key,
                    id,
                    category,
                    channels,
                    value,
                    clear,
                    path,
                    redacted,
                } => {
                    let action = self.leaf_action(*id, *category, *channels, ctx);
                    if action != Action::Remove {
                        comma(out, &mut first);
                        out.extend_from_slice(key);
                        if value.is_null() {
                            out.extend_from_slice(b"null");
                        } else {
                            let schema_path = self.policy.lead_schema.fields.leaves[*id].path;
                            let concrete = path.map_or(schema_path, |p| p.str(&scan.paths));
                            let treatment = self.write_leaf(
                                action, *category, value, *clear, concrete, *redacted, ctx, out,
                            );
                            if category.is_personal() {
                                let path = match path {
                                    Some(_) => Text::Owned(concrete.to_string()),
                                    None => Text::Borrowed(schema_path),
                                };
                                ctx.fields.push((path, Text::Borrowed(treatment)));
                            }
                        }
                    }
                }
            }
            i += 1;
        }
    }

    /// Writes one non-null leaf value as `action` says; returns the treatment's audit name.
    #[allow(clippy::too_many_arguments)]
    fn write_leaf(
        &self,
        action: Action,
        category: Category,
        value: &Value,
        clear: Span,
        path: &str,
        redacted: Option<usize>,
        ctx: &mut DestCtx,
        out: &mut Vec<u8>,
    ) -> &'static str {
        let scan = ctx.scan;
        match action {
            Action::Remove => unreachable!("removed leaves are not written"),
            Action::Keep => {
                out.extend_from_slice(clear.bytes(&scan.rendered));
                "clear"
            }
            Action::Token => {
                let cached = match category {
                    Category::Email => ctx.email_token,
                    Category::Phone => ctx.phone_token,
                    _ => None,
                };
                match cached {
                    Some(t) => json_out::str(out, t),
                    None => {
                        let norm = normalised_for_token(
                            category,
                            value,
                            &self.policy.default_country_code,
                        );
                        json_out::str(out, &self.pseudonym.token(norm.as_bytes()));
                    }
                }
                "token"
            }
            Action::Encrypt => {
                let plain = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                json_out::str(out, &self.keyring.encrypt(path, plain.as_bytes()));
                if category.is_special() {
                    ctx.encrypted_special = true;
                }
                "encrypted"
            }
            Action::Mask => {
                let plain = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                json_out::str(out, &mask(&plain));
                "masked"
            }
            Action::Redact => {
                let own;
                let redacted = match redacted.map(|r| &scan.redactions[r]) {
                    Some(Redacted {
                        same_for_all: Some(text),
                        ..
                    }) => Some(text.as_str()),
                    Some(r) => {
                        own = r.found.render(r.text, self.contacts_kept(ctx));
                        own.as_deref()
                    }
                    None => None,
                };
                match redacted {
                    Some(text) => {
                        json_out::str(out, text);
                        ctx.redacted_text = true;
                        "redacted"
                    }
                    None => {
                        out.extend_from_slice(clear.bytes(&scan.rendered));
                        "clear"
                    }
                }
            }
        }
    }

    /// The contact details a copy may keep in clear inside free text: those whose fields it
    /// receives in clear (S3, S4). Analytics (tokens only), a refused channel or an `only` list
    /// without the field get the address written in a message redacted too.
    fn contacts_kept(&self, ctx: &DestCtx) -> ContactsKept {
        let leaves = &self.policy.lead_schema.fields.leaves;
        let keeps = |wanted: Category| {
            let mut of = leaves
                .iter()
                .enumerate()
                .filter(|(_, l)| l.category == wanted)
                .peekable();
            of.peek().is_some()
                && of.all(|(id, l)| {
                    self.leaf_action(id, l.category, l.channels, ctx) == Action::Keep
                })
        };
        ContactsKept {
            email: keeps(Category::Email),
            phone: keeps(Category::Phone),
        }
    }

    /// Decrypts one dead-letter payload (for replay by key holders).
    pub fn open_dead_letter(
        &self,
        input: &InputRef,
        payload: &str,
    ) -> Result<Vec<u8>, CryptoError> {
        self.dead_letter.decrypt(&dead_letter_aad(input), payload)
    }
}

/// The dead-letter record (its members in name order, as it has always been written).
fn dead_letter_json(
    input: &InputRef,
    reason: Reason,
    detail: &str,
    processed_at: &str,
    size: usize,
    payload: &str,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + payload.len());
    out.extend_from_slice(b"{\"detail\":");
    json_out::str(&mut out, detail);
    out.extend_from_slice(b",\"input\":{");
    match input {
        InputRef::Kafka {
            topic,
            partition,
            offset,
        } => {
            let _ = write!(
                out,
                "\"offset\":{offset},\"partition\":{partition},\"topic\":"
            );
            json_out::str(&mut out, topic);
            out.push(b'}');
        }
        InputRef::File { file, line } => {
            out.extend_from_slice(b"\"file\":");
            json_out::str(&mut out, file);
            let _ = write!(out, ",\"line\":{line}}}");
        }
    }
    out.extend_from_slice(b",\"payload\":");
    json_out::str(&mut out, payload);
    out.extend_from_slice(b",\"processed_at\":");
    json_out::str(&mut out, processed_at);
    out.extend_from_slice(b",\"reason\":");
    json_out::plain(&mut out, reason.as_str());
    out.extend_from_slice(b",\"schema\":");
    json_out::plain(&mut out, DEAD_LETTER_SCHEMA_NAME);
    let _ = write!(out, ",\"size\":{size}}}");
    out
}

/// Associated data of a dead-letter payload: bound to its input position.
fn dead_letter_aad(input: &InputRef) -> String {
    format!("leadguard.dead-letter/v1 {input}")
}

fn safeguard_name(s: crate::policy::Safeguard) -> &'static str {
    use crate::policy::Safeguard::*;
    match s {
        None => "none",
        Adequacy => "adequacy",
        Dpf => "dpf",
        Scc => "scc",
        Bcr => "bcr",
    }
}

fn action_name(a: Action) -> &'static str {
    match a {
        Action::Keep => "keep",
        Action::Remove => "remove",
        Action::Token => "token",
        Action::Encrypt => "encrypt",
        Action::Mask => "mask",
        Action::Redact => "redact",
    }
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(o) => o.values().all(is_empty_value),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The value a token is computed over: the normalised identity for contacts (P3).
fn normalised_for_token(category: Category, value: &Value, cc: &str) -> String {
    match (category, value) {
        (Category::Email, Value::String(s)) => {
            normalize::email(s).unwrap_or_else(|| s.trim().to_string())
        }
        (Category::Phone, Value::String(s)) => {
            normalize::phone(s, cc).unwrap_or_else(|| s.trim().to_string())
        }
        (_, Value::String(s)) => s.trim().to_string(),
        (_, other) => other.to_string(),
    }
}

/// Masks all but the last two characters.
fn mask(s: &str) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if i + 2 < n && !c.is_whitespace() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// Finds a declared property, starting after the previous match: parsed objects iterate their
/// keys in order and declared properties are sorted the same way, so the search is usually one
/// comparison.
fn find_prop<'n>(props: &'n [Prop], key: &str, cursor: &mut usize) -> Option<&'n Prop> {
    let n = props.len();
    for i in 0..n {
        let j = (*cursor + i) % n;
        if props[j].name == key {
            *cursor = j + 1;
            return Some(&props[j]);
        }
    }
    None
}

/// `fmt::Write` onto a `String` without `use std::fmt::Write` clashing with `io::Write`.
struct StringWriter<'a>(&'a mut String);

impl std::io::Write for StringWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .push_str(std::str::from_utf8(buf).map_err(|_| std::io::ErrorKind::InvalidData)?);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn guard() -> &'static Guard {
        static GUARD: std::sync::OnceLock<Guard> = std::sync::OnceLock::new();
        GUARD.get_or_init(|| {
            let policy =
                Policy::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml"))
                    .unwrap();
            Guard::new(policy, SuppressionList::default()).unwrap()
        })
    }

    fn now() -> Timestamp {
        clock::parse("2026-11-22T12:00:00Z").unwrap()
    }

    fn input(line: u64) -> InputRef {
        InputRef::File {
            file: "t.jsonl".into(),
            line,
        }
    }

    fn lead(attributes: Value, extra_subject: Value, consents: Value) -> Vec<u8> {
        let mut ev = json!({
            "event_id": "lead-t", "occurred_at": "2026-11-20T10:15:00Z",
            "source": {"dataset": "web-leads-fr"},
            "subject": {"kind": "individual", "relationship": "prospect", "objection_offered": false,
                "first_name": "Camille", "last_name": "Martin", "email": "Camille.Martin@Example.fr",
                "phone": "+33 6 12 34 56 78", "customer_code": null,
                "address": {"street": "3 rue Oberkampf", "postcode": "75011", "city": "Paris", "country": "FR"},
                "last_contact_at": "2026-11-20T10:15:00Z"},
            "consents": consents,
            "attributes": attributes
        });
        for (k, v) in extra_subject.as_object().unwrap() {
            ev["subject"][k] = v.clone();
        }
        serde_json::to_vec(&ev).unwrap()
    }

    fn run(g: &Guard, raw: &[u8]) -> Processed {
        let mut state = g.new_state();
        g.process(
            raw,
            &input(1),
            now(),
            &WithdrawalTable::default(),
            &mut state,
        )
    }

    fn copy(p: &Processed, g: &Guard, dest: &str) -> Option<Value> {
        let i = g
            .policy
            .destinations
            .iter()
            .position(|d| d.name == dest)
            .unwrap();
        p.outputs
            .iter()
            .find(|o| o.destination == i)
            .map(|o| serde_json::from_slice(&o.payload).unwrap())
    }

    #[test]
    fn malformed_inputs_are_rejected_with_a_reason_and_no_content_in_the_detail() {
        let g = guard();
        let big = vec![b' '; g.policy.max_event_bytes + 1];
        let cases: Vec<(&[u8], Reason)> = vec![
            (b"\xff\xfe secret@example.fr", Reason::EventMalformed),
            (b"{\"event_id\": secret@example.fr", Reason::EventMalformed),
            (&big, Reason::EventMalformed),
            (b"[\"secret@example.fr\"]", Reason::SchemaInvalid),
        ];
        for (raw, reason) in cases {
            let p = run(g, raw);
            assert_eq!(p.outcome, Outcome::Rejected);
            assert_eq!(p.audit.reasons, vec![Text::Borrowed(reason.as_str())]);
            let detail = p.audit.detail.clone().unwrap();
            assert!(!detail.contains("secret"), "{detail}");
            let dl = String::from_utf8(p.dead_letter.unwrap()).unwrap();
            assert!(!dl.contains("secret"));
            assert!(p.outputs.is_empty());
        }
        // A dataset the policy does not declare cannot be judged for purpose limitation.
        let mut ev: Value = serde_json::from_slice(&lead(json!({}), json!({}), json!([]))).unwrap();
        ev["source"]["dataset"] = json!("unknown-file");
        let p = run(g, &serde_json::to_vec(&ev).unwrap());
        assert_eq!(p.outcome, Outcome::Rejected);
    }

    #[test]
    fn s1_national_id_and_card_as_customer_code_never_leave() {
        let g = guard();
        let raw = lead(
            json!({}),
            json!({"national_id": "184011361725217", "customer_code": "4246141627437328"}),
            json!([]),
        );
        let p = run(g, &raw);
        let crm = copy(&p, g, "crm").unwrap();
        assert!(crm["subject"].get("national_id").is_none());
        // The CRM keeps customer codes, but not one that is a card number (S1).
        assert!(crm["subject"].get("customer_code").is_none());
        let mut cats: Vec<_> = p
            .audit
            .findings
            .iter()
            .map(|f| f.category.to_string())
            .collect();
        cats.sort();
        assert_eq!(cats, ["national_id", "payment_card"]);
    }

    #[test]
    fn s2_special_categories_removed_without_consent_encrypted_with_it() {
        let g = guard();
        let p = run(
            g,
            &lead(json!({"health_condition": "asthma"}), json!({}), json!([])),
        );
        assert!(copy(&p, g, "crm").unwrap()["attributes"]
            .get("health_condition")
            .is_none());
        assert!(p.audit.flags.iter().any(|f| f == "sensitive.removed"));
        let consent = json!([{"purpose": "special:health", "granted": true, "method": "signature",
            "captured_at": "2026-11-20T10:10:00Z", "text_version": "v1", "proof_ref": "sig:1"}]);
        let p = run(
            g,
            &lead(json!({"health_condition": "asthma"}), json!({}), consent),
        );
        let env = copy(&p, g, "crm").unwrap()["attributes"]["health_condition"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            g.keyring()
                .decrypt("/attributes/health_condition", &env)
                .unwrap(),
            b"asthma"
        );
        assert!(p.audit.flags.iter().any(|f| f == "sensitive.encrypted"));
    }

    #[test]
    fn s4_undeclared_attributes_are_never_forwarded() {
        let g = guard();
        let p = run(
            g,
            &lead(
                json!({"favourite_colour": "blue", "product_interest": "x"}),
                json!({}),
                json!([]),
            ),
        );
        for o in &p.outputs {
            assert!(!String::from_utf8_lossy(&o.payload).contains("favourite_colour"));
        }
        assert!(p.audit.flags.iter().any(|f| f == "field.undeclared"));
    }

    #[test]
    fn p1_p3_one_person_one_token_whatever_the_formatting() {
        let g = guard();
        let a = run(
            g,
            &lead(
                json!({}),
                json!({"email": " CAMILLE.martin@example.FR "}),
                json!([]),
            ),
        );
        let b = run(
            g,
            &lead(
                json!({}),
                json!({"email": "camille.martin@example.fr"}),
                json!([]),
            ),
        );
        assert_eq!(a.audit.subject_ref, b.audit.subject_ref);
        let token = a.audit.subject_ref.clone().unwrap();
        assert_eq!(token, g.subject_token("camille.martin@example.fr"));
        // Analytics gets the same token for the e-mail, never the e-mail.
        let analytics = copy(&a, g, "analytics").unwrap();
        assert_eq!(analytics["subject"]["email"], json!(token));
        assert!(!serde_json::to_string(&analytics)
            .unwrap()
            .to_lowercase()
            .contains("camille"));
    }

    #[test]
    fn a1_audit_record_never_holds_a_personal_value() {
        let g = guard();
        let raw = lead(
            json!({"message": "Mon numéro de sécu est 2 70 12 69 765 674 81", "iban": "FR8375612535268751648434831"}),
            json!({}),
            json!([]),
        );
        let mut p = run(g, &raw);
        let mut chain = g.audit_chain("t".into(), None);
        let rec = String::from_utf8(chain.seal(&mut p.audit))
            .unwrap()
            .to_lowercase();
        for secret in [
            "camille",
            "martin",
            "+33",
            "612345678",
            "oberkampf",
            "765 674",
            "fr8375",
        ] {
            assert!(!rec.contains(secret), "{secret} in {rec}");
        }
    }

    #[test]
    fn dead_letter_is_what_serde_json_writes() {
        let inputs = [
            input(7),
            InputRef::Kafka {
                topic: "leads.\"raw\"".into(),
                partition: 3,
                offset: -1,
            },
        ];
        for input in inputs {
            let detail = "/subject fails `required` \u{1} é";
            let written = dead_letter_json(
                &input,
                Reason::SchemaInvalid,
                detail,
                "2026-11-22T12:00:00Z",
                1234,
                "enc:d1:abc",
            );
            let expected = serde_json::to_vec(&json!({
                "schema": DEAD_LETTER_SCHEMA_NAME,
                "input": input,
                "reason": "schema.invalid",
                "detail": detail,
                "processed_at": "2026-11-22T12:00:00Z",
                "size": 1234,
                "payload": "enc:d1:abc",
            }))
            .unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn mask_keeps_only_the_last_two_characters() {
        assert_eq!(mask("+33 6 12 34 56 78"), "*** * ** ** ** 78");
        assert_eq!(mask("ab"), "ab");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let text = std::fs::read_to_string(dir.join("policy.toml"))
            .unwrap()
            .replace(
            "only = [\"/subject/first_name\", \"/subject/email\"",
            "fields = { phone = \"mask\" }\nonly = [\"/subject/first_name\", \"/subject/email\"",
        );
        let policy = Policy::from_bytes(text.as_bytes(), Path::new("masked.toml"), &dir).unwrap();
        let g = Guard::new(policy, SuppressionList::default()).unwrap();
        let sms = json!([{"purpose": "prospecting", "channel": "sms", "granted": true,
            "method": "checkbox", "captured_at": "2026-11-20T10:10:00Z", "text_version": "v1",
            "proof_ref": "form:1"}]);
        let p = run(&g, &lead(json!({}), json!({}), sms));
        let emailing = copy(&p, &g, "emailing").unwrap();
        assert_eq!(emailing["subject"]["phone"], json!("*** * ** ** ** 78"));
        let fields = &p.audit.destinations[1].fields;
        assert!(fields
            .iter()
            .any(|(k, v)| k == "/subject/phone" && v == "masked"));
    }

    /// The fields entry of a destination's audit record.
    fn treatment<'p>(p: &'p Processed, dest: &str, path: &str) -> Option<&'p str> {
        let d = p.audit.destinations.iter().find(|d| d.name == dest)?;
        d.fields
            .iter()
            .find(|(k, _)| k == path)
            .map(|(_, v)| v.as_ref())
    }

    /// A valid consent to prospecting by e-mail.
    fn email_consent() -> Value {
        json!([{"purpose": "prospecting", "channel": "email", "granted": true,
            "method": "checkbox", "captured_at": "2026-11-20T10:10:00Z", "text_version": "v1",
            "proof_ref": "form:1"}])
    }

    const CONTACT_MESSAGE: &str =
        "Mon autre adresse : camille.perso@exemple.fr, ou appelez le 07 98 76 54 32 le soir.";

    /// Issue 10 (S3, S4): an e-mail address or phone number typed into a message is a finding,
    /// redacted in a copy whose matching field is refused, and kept where the field is kept.
    #[test]
    fn contact_details_in_free_text_follow_the_field_of_each_destination() {
        let g = guard();
        // No consent: the CRM's e-mail channel is refused (opt-in), phone is permitted
        // (opt-out): the address is redacted, the number kept.
        let p = run(
            g,
            &lead(json!({"message": CONTACT_MESSAGE}), json!({}), json!([])),
        );
        let crm = copy(&p, g, "crm").unwrap();
        assert!(crm["subject"].get("email").is_none());
        assert_eq!(
            crm["attributes"]["message"],
            json!("Mon autre adresse : [redacted:email], ou appelez le 07 98 76 54 32 le soir.")
        );
        assert_eq!(
            treatment(&p, "crm", "/attributes/message"),
            Some("redacted")
        );
        let mut found: Vec<(String, String)> = p
            .audit
            .findings
            .iter()
            .map(|f| (f.path.clone(), f.category.to_string()))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ("/attributes/message".to_string(), "email".to_string()),
                ("/attributes/message".to_string(), "phone".to_string())
            ]
        );
        assert!(p.audit.flags.iter().any(|f| f == "text.redacted"));

        // With e-mail consent the CRM keeps both fields, so the message leaves as written.
        let email = email_consent();
        let p = run(
            g,
            &lead(json!({"message": CONTACT_MESSAGE}), json!({}), email),
        );
        let crm = copy(&p, g, "crm").unwrap();
        assert_eq!(crm["attributes"]["message"], json!(CONTACT_MESSAGE));
        assert_eq!(treatment(&p, "crm", "/attributes/message"), Some("clear"));
        assert!(!p.audit.flags.iter().any(|f| f == "text.redacted"));
        // No audit record holds the address or the number.
        let record = serde_json::to_string(&p.audit).unwrap();
        assert!(!record.contains("camille.perso") && !record.contains("54 32"));
    }

    #[test]
    fn analytics_gets_contact_details_in_free_text_redacted_like_its_tokens() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let text = std::fs::read_to_string(dir.join("policy.toml"))
            .unwrap()
            .replace(
                "customer_code = \"token\", free_text = \"remove\"",
                "customer_code = \"token\", free_text = \"redact\"",
            );
        let policy =
            Policy::from_bytes(text.as_bytes(), Path::new("analytics.toml"), &dir).unwrap();
        let g = Guard::new(policy, SuppressionList::default()).unwrap();
        let email = email_consent();
        let p = run(
            &g,
            &lead(json!({"message": CONTACT_MESSAGE}), json!({}), email),
        );
        let analytics = copy(&p, &g, "analytics").unwrap();
        assert!(analytics["subject"]["email"]
            .as_str()
            .unwrap()
            .starts_with("hmac:"));
        assert_eq!(
            analytics["attributes"]["message"],
            json!("Mon autre adresse : [redacted:email], ou appelez le [redacted:phone] le soir.")
        );
        assert_eq!(
            treatment(&p, "analytics", "/attributes/message"),
            Some("redacted")
        );
        // The CRM of the same event keeps both in clear.
        let crm = copy(&p, &g, "crm").unwrap();
        assert_eq!(crm["attributes"]["message"], json!(CONTACT_MESSAGE));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Bad input never crashes the guard and never disappears: every input gets an outcome,
        /// and a rejected one a dead-letter record.
        #[test]
        fn arbitrary_bytes_never_panic_and_always_get_an_outcome(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let g = guard();
            let p = run(g, &raw);
            proptest::prop_assert!(p.outcome != Outcome::Rejected || p.dead_letter.is_some());
        }

        #[test]
        fn mutated_valid_events_never_panic(cut in 0usize..900, byte in proptest::num::u8::ANY) {
            let g = guard();
            let mut raw = lead(json!({"message": "Call me"}), json!({}), json!([]));
            let at = cut.min(raw.len() - 1);
            raw[at] = byte;
            let p = run(g, &raw);
            proptest::prop_assert!(p.outcome != Outcome::Rejected || p.dead_letter.is_some());
        }
    }
}
