//! `audit breach-draft`: a CNIL notification draft (GDPR art. 33, rule A3, seed 002) for an
//! incident at some destinations over a time window, and the internal breach register.
//!
//! The trail answers the questions of the notification that are hard to answer in 72 hours:
//! which categories of data reached the destinations (the `fields` of forwarded copies, mapped to
//! categories by the lead schema's annotations — the same table the guard uses), about how many
//! people (distinct subject tokens) and how many records (forwarded copies). What only people can
//! say — the nature of the incident, its likely consequences, the contact, the measures — is taken
//! from the command line or left as a visible placeholder. A notification may be completed in a
//! second step (seed 002), so an incomplete draft is still worth filing on time.
//!
//! The register (A3: every breach is documented, notified or not) is a JSON-lines file opened in
//! append mode only: an entry is never rewritten, so the register itself stays evidence.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::Serialize;

use crate::audit::AuditRecord;
use crate::category::Category;
use crate::clock::{self, Timestamp};
use crate::policy::Policy;
use crate::verdict::DestOutcome;

use super::report::md_cell;
use super::source::Source;
use super::{schema_path, AuditToolError, Window};

/// GDPR art. 33(1): "not later than 72 hours after having become aware of it".
pub const NOTIFICATION_DELAY_SECONDS: i64 = 72 * 3600;

/// Where a notification is filed in France (seed 002).
pub const CNIL_NOTIFICATION_URL: &str = "https://notifications.cnil.fr/notifications/index";

/// Marks what a person must still write.
pub const TO_COMPLETE: &str = "[TO COMPLETE]";

/// What the user says about the incident.
#[derive(Debug, Clone)]
pub struct Incident {
    pub window: Window,
    /// Destination names (from `--destinations`, or resolved from `--topics`).
    pub destinations: Vec<String>,
    /// Every policy destination's topic, in policy order (see [`resolve_destinations`]).
    pub destination_topics: Vec<String>,
    pub nature: String,
    pub aware_at: Timestamp,
    pub consequences: Option<String>,
    pub contact: Option<String>,
    pub measures: Option<String>,
    /// When the draft is made (the wall clock, or `--now`).
    pub now: Timestamp,
}

/// Resolves `--destinations` and `--topics` against the policy; unknown names are an error that
/// lists the known ones. `destination_topics` is each destination's topic in policy order (from
/// the deployment config's `[outputs]` when one is given).
pub fn resolve_destinations(
    policy: &Policy,
    destination_topics: &[String],
    names: &[String],
    topics: &[String],
) -> Result<Vec<String>, AuditToolError> {
    let mut out = Vec::new();
    // `--destinations crm,` or an empty value: empty names are no names.
    let names = names.iter().filter(|n| !n.trim().is_empty());
    let topics: Vec<&String> = topics.iter().filter(|t| !t.trim().is_empty()).collect();
    for n in names {
        if !policy.destinations.iter().any(|d| d.name == n) {
            return Err(AuditToolError::Usage(format!(
                "unknown destination {n:?}; the policy has: {}",
                policy
                    .destinations
                    .iter()
                    .map(|d| d.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        out.push(n.clone());
    }
    for t in topics {
        let Some(d) = policy
            .destinations
            .iter()
            .zip(destination_topics)
            .find_map(|(d, dt)| (dt == t).then_some(d))
        else {
            return Err(AuditToolError::Usage(format!(
                "no destination writes to topic {t:?}; the destinations' topics: {}",
                destination_topics.join(", ")
            )));
        };
        out.push(d.name.to_string());
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err(AuditToolError::Usage(
            "name the destinations concerned with --destinations or --topics".into(),
        ));
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldConcerned {
    pub path: String,
    /// Copies per treatment (`clear`, `token`, `encrypted`, `masked`, `redacted`).
    pub treatments: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryConcerned {
    pub category: String,
    /// GDPR art. 9/10 special category (S2).
    pub special: bool,
    /// Counts towards a high risk for the people (art. 34): special categories, national id,
    /// payment card.
    pub high_risk: bool,
    /// Forwarded copies that held at least one field of the category.
    pub copies: u64,
    /// Of which with at least one field in clear (not token / encrypted / redacted).
    pub copies_in_clear: u64,
    pub fields: Vec<FieldConcerned>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DestinationConcerned {
    pub name: String,
    pub topic: String,
    pub recipient: String,
    pub country: String,
    pub copies: u64,
    pub people: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowBounds {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The draft (`leadguard.breach-draft/v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachDraft {
    pub schema: &'static str,
    pub id: String,
    pub created_at: String,
    pub aware_at: String,
    /// `aware_at` + 72 h (art. 33(1)).
    pub deadline: String,
    /// Whole hours left at `created_at` (negative: overdue; a late notification must give the
    /// reasons for the delay).
    pub hours_left: i64,
    pub overdue: bool,
    pub nature: String,
    pub source: String,
    pub window: WindowBounds,
    pub destinations: Vec<DestinationConcerned>,
    /// Distinct subject tokens among the forwarded copies (approximate: one person with two
    /// e-mail addresses counts twice).
    pub people_concerned: u64,
    /// Forwarded copies to the destinations concerned.
    pub records_concerned: u64,
    /// Input events with at least one such copy.
    pub events_concerned: u64,
    /// Events with a copy but no subject token (not counted in `people_concerned`).
    pub events_without_subject: u64,
    /// Source datasets of the events concerned (who the people are: prospects, customers…).
    pub datasets: BTreeMap<String, u64>,
    pub data_categories: Vec<CategoryConcerned>,
    /// Field paths the lead schema does not annotate (category to be assessed by hand).
    pub unknown_fields: Vec<String>,
    pub high_risk: bool,
    pub high_risk_categories: Vec<String>,
    /// Art. 34: whether the people must be informed, and why.
    pub inform_people: String,
    pub likely_consequences: String,
    pub contact: String,
    pub measures: String,
}

/// Per category: (copies, copies in clear, field path → treatment → copies).
type CategoryAcc = (u64, u64, BTreeMap<String, BTreeMap<String, u64>>);

/// Accumulates the records of the incident.
struct Acc<'p> {
    policy: &'p Policy,
    incident: &'p Incident,
    people: HashSet<String>,
    per_dest: BTreeMap<String, (u64, HashSet<String>)>,
    records: u64,
    events: u64,
    without_subject: u64,
    datasets: BTreeMap<String, u64>,
    categories: BTreeMap<Category, CategoryAcc>,
    unknown: BTreeSet<String>,
}

impl Acc<'_> {
    fn add(&mut self, r: &AuditRecord) {
        if !self.incident.window.contains_record(r) {
            return;
        }
        let mut hit = false;
        for d in &r.destinations {
            if d.outcome != DestOutcome::Forwarded
                || !self.incident.destinations.iter().any(|n| n == &d.name)
            {
                continue;
            }
            hit = true;
            self.records += 1;
            let dest = self.per_dest.entry(d.name.to_string()).or_default();
            dest.0 += 1;
            if let Some(s) = &r.subject_ref {
                dest.1.insert(s.clone());
            }
            let mut in_copy: BTreeMap<Category, bool> = BTreeMap::new();
            for (path, treatment) in &d.fields {
                let leaf = self
                    .policy
                    .lead_schema
                    .fields
                    .leaf_by_path(&schema_path(path))
                    .map(|id| self.policy.lead_schema.fields.leaves[id].category);
                let Some(category) = leaf else {
                    self.unknown.insert(path.to_string());
                    continue;
                };
                let clear = treatment.exposes_value();
                let e = in_copy.entry(category).or_default();
                *e |= clear;
                *self
                    .categories
                    .entry(category)
                    .or_default()
                    .2
                    .entry(path.to_string())
                    .or_default()
                    .entry(treatment.as_str().to_string())
                    .or_default() += 1;
            }
            for (category, clear) in in_copy {
                let c = self.categories.entry(category).or_default();
                c.0 += 1;
                if clear {
                    c.1 += 1;
                }
            }
        }
        if hit {
            self.events += 1;
            match &r.subject_ref {
                Some(s) => {
                    self.people.insert(s.clone());
                }
                None => self.without_subject += 1,
            }
            *self
                .datasets
                .entry(r.dataset.clone().unwrap_or_else(|| "(none)".into()))
                .or_default() += 1;
        }
    }
}

fn is_high_risk(c: Category) -> bool {
    c.is_special() || matches!(c, Category::NationalId | Category::PaymentCard)
}

/// Reads the source and drafts the notification.
pub fn draft(
    source: &Source,
    policy: &Policy,
    incident: &Incident,
) -> Result<BreachDraft, AuditToolError> {
    let mut acc = Acc {
        policy,
        incident,
        people: HashSet::new(),
        per_dest: BTreeMap::new(),
        records: 0,
        events: 0,
        without_subject: 0,
        datasets: BTreeMap::new(),
        categories: BTreeMap::new(),
        unknown: BTreeSet::new(),
    };
    source.read(|raw| {
        if let Ok(r) = serde_json::from_slice::<AuditRecord>(&raw.bytes) {
            acc.add(&r);
        }
    })?;

    let data_categories: Vec<CategoryConcerned> = acc
        .categories
        .iter()
        .map(|(c, (copies, clear, fields))| CategoryConcerned {
            category: c.as_str().to_string(),
            special: c.is_special(),
            high_risk: is_high_risk(*c),
            copies: *copies,
            copies_in_clear: *clear,
            fields: fields
                .iter()
                .map(|(path, t)| FieldConcerned {
                    path: path.clone(),
                    treatments: t.clone(),
                })
                .collect(),
        })
        .collect();
    let risky: Vec<&CategoryConcerned> = data_categories.iter().filter(|c| c.high_risk).collect();
    let high_risk = !risky.is_empty();
    let high_risk_categories: Vec<String> = risky.iter().map(|c| c.category.clone()).collect();
    let inform_people = if !high_risk {
        "Not required on the trail's evidence: no special category (art. 9/10), national id or payment data reached the destinations concerned. Reassess if the investigation finds other data or a high risk (art. 34).".to_string()
    } else if risky.iter().all(|c| c.copies_in_clear == 0) {
        format!(
            "High-risk data reached the destinations concerned ({}), but only encrypted or tokenised: informing the people (art. 34) is required unless art. 34(3)(a) applies — the keys were not compromised, so the data stays unintelligible. The DPO decides.",
            high_risk_categories.join(", ")
        )
    } else {
        format!(
            "Required (art. 34): high risk — {} reached the destinations concerned in clear. Inform the people concerned without undue delay.",
            high_risk_categories.join(", ")
        )
    };
    let deadline = incident.aware_at + NOTIFICATION_DELAY_SECONDS;
    let left = deadline - incident.now;
    let destinations = incident
        .destinations
        .iter()
        .map(|name| {
            let at = policy.destinations.iter().position(|d| d.name == name);
            let d = at.map(|i| &policy.destinations[i]);
            let (copies, people) = acc
                .per_dest
                .get(name)
                .map(|(c, p)| (*c, p.len() as u64))
                .unwrap_or((0, 0));
            DestinationConcerned {
                name: name.clone(),
                topic: at
                    .and_then(|i| incident.destination_topics.get(i).cloned())
                    .unwrap_or_default(),
                recipient: d.map(|d| d.recipient.clone()).unwrap_or_default(),
                country: d.map(|d| d.country.to_string()).unwrap_or_default(),
                copies,
                people,
            }
        })
        .collect();
    let (from, to) = incident.window.bounds();
    let placeholder = |given: &Option<String>, hint: &str| match given {
        Some(s) if !s.trim().is_empty() => s.clone(),
        _ => format!("{TO_COMPLETE} {hint}"),
    };
    Ok(BreachDraft {
        schema: "leadguard.breach-draft/v1",
        id: breach_id(incident.now),
        created_at: clock::format(incident.now),
        aware_at: clock::format(incident.aware_at),
        deadline: clock::format(deadline),
        hours_left: left.div_euclid(3600),
        overdue: left < 0,
        nature: incident.nature.clone(),
        source: source.describe(),
        window: WindowBounds { from, to },
        destinations,
        people_concerned: acc.people.len() as u64,
        records_concerned: acc.records,
        events_concerned: acc.events,
        events_without_subject: acc.without_subject,
        datasets: acc.datasets,
        data_categories,
        unknown_fields: acc.unknown.into_iter().collect(),
        high_risk,
        high_risk_categories,
        inform_people,
        likely_consequences: placeholder(
            &incident.consequences,
            "likely consequences for the people (e.g. phishing or spam using the contact data, identity theft, discrimination, financial loss, loss of control over their data)",
        ),
        contact: placeholder(&incident.contact, "name and contact details of the DPO or other contact point"),
        measures: placeholder(
            &incident.measures,
            "measures taken or proposed to address the breach and mitigate its effects (access revoked, keys rotated, recipient asked to delete, people informed…)",
        ),
    })
}

/// `breach-YYYYMMDD-<8 hex>`: sortable by date, unique without coordination.
fn breach_id(now: Timestamp) -> String {
    let day: String = clock::format(now)
        .chars()
        .take(10)
        .filter(|c| *c != '-')
        .collect();
    format!("breach-{day}-{:08x}", rand::random::<u32>())
}

impl BreachDraft {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("draft serialises")
    }

    /// The draft in the order of the CNIL form (seed 002).
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Personal data breach — notification draft (GDPR art. 33)\n"
        );
        let _ = writeln!(
            s,
            "> Prepared by leadguard from the audit trail. Complete the {TO_COMPLETE} parts, then file it at {CNIL_NOTIFICATION_URL}. A notification may be filed first and completed later."
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "- Reference: `{}`", self.id);
        let _ = writeln!(s, "- Aware of the breach: {}", self.aware_at);
        if self.overdue {
            let _ = writeln!(
                s,
                "- **Deadline to notify the CNIL: {} — overdue by {} h.** Give the reasons for the delay (art. 33(1)): {TO_COMPLETE}",
                self.deadline, -self.hours_left
            );
        } else {
            let _ = writeln!(
                s,
                "- **Deadline to notify the CNIL: {}** ({} h left at {})",
                self.deadline, self.hours_left, self.created_at
            );
        }
        let _ = writeln!(
            s,
            "- Period concerned (processed_at): {} → {}",
            self.window
                .from
                .as_deref()
                .unwrap_or("beginning of the trail"),
            self.window.to.as_deref().unwrap_or("end of the trail")
        );
        let _ = writeln!(s, "- Evidence: {}", md_cell(&self.source));

        let _ = writeln!(s, "\n## 1. Nature of the breach\n\n{}", self.nature);
        let _ = writeln!(s, "\nRecipients concerned:\n");
        let _ = writeln!(s, "| destination | topic | recipient | country | copies | people |\n|---|---|---|---|---:|---:|");
        for d in &self.destinations {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                md_cell(&d.name),
                md_cell(&d.topic),
                md_cell(&d.recipient),
                md_cell(&d.country),
                d.copies,
                d.people
            );
        }

        let _ = writeln!(s, "\n## 2. People concerned\n");
        let _ = writeln!(
            s,
            "- Approximate number: **{}** (distinct pseudonymous subject tokens among the copies){}",
            self.people_concerned,
            if self.events_without_subject > 0 {
                format!(", plus up to {} event(s) without an identity token", self.events_without_subject)
            } else {
                String::new()
            }
        );
        let _ = writeln!(s, "- Categories of people: prospects and customers collected through these sources (datasets), events concerned:");
        for (ds, n) in &self.datasets {
            let _ = writeln!(s, "  - `{}`: {n}", md_cell(ds));
        }

        let _ = writeln!(s, "\n## 3. Data concerned\n");
        let _ = writeln!(
            s,
            "- Approximate number of records: **{}** forwarded copies ({} input events)",
            self.records_concerned, self.events_concerned
        );
        let _ = writeln!(s, "\n| category | special (art. 9/10) | high risk | copies | of which in clear | fields (treatment: copies) |\n|---|---|---|---:|---:|---|");
        for c in &self.data_categories {
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|f| {
                    let t: Vec<String> = f
                        .treatments
                        .iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect();
                    format!("`{}` ({})", md_cell(&f.path), t.join(", "))
                })
                .collect();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                c.category,
                if c.special { "yes" } else { "no" },
                if c.high_risk { "**yes**" } else { "no" },
                c.copies,
                c.copies_in_clear,
                fields.join("<br>")
            );
        }
        if !self.unknown_fields.is_empty() {
            let _ = writeln!(
                s,
                "\nFields without a category in the lead schema (assess by hand): {}",
                self.unknown_fields
                    .iter()
                    .map(|f| format!("`{}`", md_cell(f)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }

        let _ = writeln!(
            s,
            "\n## 4. Likely consequences\n\n{}",
            self.likely_consequences
        );
        let _ = writeln!(
            s,
            "\n## 5. Contact (DPO or other contact point)\n\n{}",
            self.contact
        );
        let _ = writeln!(s, "\n## 6. Measures taken or proposed\n\n{}", self.measures);
        let _ = writeln!(
            s,
            "\n## 7. Informing the people (art. 34)\n\n{}",
            self.inform_people
        );
        let _ = writeln!(
            s,
            "\n---\nCounts come from the audit records of the period: a copy is a record the guard forwarded to a destination concerned; people are distinct subject tokens (HMAC of the normalised e-mail, else phone). Verify the trail first (`leadguard audit verify`) so that the counts rest on an intact trail."
        );
        s
    }

    /// The register entry of this draft.
    pub fn register_entry(&self) -> serde_json::Value {
        serde_json::json!({
            "schema": "leadguard.breach-register/v1",
            "id": self.id,
            "created_at": self.created_at,
            "status": "draft",
            "aware_at": self.aware_at,
            "deadline": self.deadline,
            "nature": self.nature,
            "window": self.window,
            "destinations": self.destinations.iter().map(|d| d.name.clone()).collect::<Vec<_>>(),
            "people_concerned": self.people_concerned,
            "records_concerned": self.records_concerned,
            "events_concerned": self.events_concerned,
            "data_categories": self.data_categories.iter().map(|c| c.category.clone()).collect::<Vec<_>>(),
            "high_risk": self.high_risk,
            "high_risk_categories": self.high_risk_categories,
            "inform_people": self.inform_people,
        })
    }
}

/// Appends one entry to the register (created if absent). The file is only ever opened for
/// appending; if its last line lacks a newline (an interrupted write), one is added first so the
/// new entry stays a line of its own.
pub fn append_to_register(path: &Path, entry: &serde_json::Value) -> Result<(), AuditToolError> {
    let write_err = |source| AuditToolError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut needs_newline = false;
    if let Ok(mut f) = std::fs::File::open(path) {
        let len = f.metadata().map_err(write_err)?.len();
        if len > 0 {
            f.seek(SeekFrom::Start(len - 1)).map_err(write_err)?;
            let mut last = [0u8; 1];
            f.read_exact(&mut last).map_err(write_err)?;
            needs_newline = last[0] != b'\n';
        }
    }
    let mut line = Vec::new();
    if needs_newline {
        line.push(b'\n');
    }
    serde_json::to_writer(&mut line, entry).expect("entry serialises");
    line.push(b'\n');
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(write_err)?;
    // One write call: concurrent appenders do not interleave within the line.
    f.write_all(&line).map_err(write_err)?;
    f.sync_data().map_err(write_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_name_destinations_through_the_deployment_map() {
        let ex = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let policy = Policy::load(&ex.join("policy.toml")).unwrap();
        let topics: Vec<String> = [
            "prod.crm",
            "prod.mail",
            "prod.calls",
            "prod.partners",
            "prod.bi",
        ]
        .map(String::from)
        .to_vec();
        let got = resolve_destinations(
            &policy,
            &topics,
            &["analytics".into()],
            &["prod.calls".into(), "prod.crm".into()],
        )
        .unwrap();
        assert_eq!(got, ["analytics", "callcenter", "crm"]);
        let e = resolve_destinations(&policy, &topics, &[], &["leads.crm".into()]).unwrap_err();
        assert!(
            e.to_string()
                .contains("no destination writes to topic \"leads.crm\""),
            "{e}"
        );
    }

    #[test]
    fn register_is_appended_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("breaches.jsonl");
        std::fs::write(&p, b"{\"id\":\"old\"}").unwrap(); // no trailing newline
        append_to_register(&p, &serde_json::json!({"id": "new"})).unwrap();
        append_to_register(&p, &serde_json::json!({"id": "newer"})).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            text,
            "{\"id\":\"old\"}\n{\"id\":\"new\"}\n{\"id\":\"newer\"}\n"
        );
    }

    #[test]
    fn ids_are_dated() {
        let id = breach_id(clock::parse("2026-11-22T12:00:00Z").unwrap());
        assert!(id.starts_with("breach-20261122-"), "{id}");
        assert_eq!(id.len(), "breach-20261122-".len() + 8);
    }
}
