//! The consent text registry (C4 "informed"): per form and purpose, the text versions the DPO
//! approved, with their validity period and the SHA-256 of the wording.
//!
//! Why: without it any form can write `"text_version": "x"` and pass; with it a consent counts
//! only if the text shown was an approved one for that form and purpose when it was captured.
//! The hash pins the exact wording a version stands for, so a proof can be matched to the text
//! the person read. The registry is off when the policy registers no text.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::clock::{self, Timestamp};

/// What a consent from a form with no registered text gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownForm {
    /// Refused as `consent.uninformed` (C4): the safe default.
    #[default]
    Refuse,
    /// Accepted, the event flagged `consent.text_unregistered`: for a migration period.
    Allow,
}

/// `[[consent.texts]]`: one approved text version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentTextConfig {
    /// The form (`source.form_id` of the events) that shows the text.
    pub form: String,
    /// The purpose the text asks consent for (a policy purpose, or `special:<category>`).
    pub purpose: String,
    /// The `text_version` the form records.
    pub version: String,
    /// First instant (RFC 3339) a consent to this text counts.
    pub valid_from: String,
    /// Instant (RFC 3339) from which it no longer counts; open-ended when absent.
    #[serde(default)]
    pub valid_until: Option<String>,
    /// SHA-256 (hex) of the exact text shown.
    pub sha256: String,
}

/// An approved text, compiled.
#[derive(Debug, Clone)]
pub struct ApprovedText {
    pub form: String,
    pub purpose: String,
    pub version: String,
    pub valid_from: Timestamp,
    pub valid_until: Option<Timestamp>,
    pub sha256: String,
}

/// The compiled registry.
#[derive(Debug, Clone)]
pub struct ConsentTexts {
    pub unknown_form: UnknownForm,
    pub texts: Vec<ApprovedText>,
    forms: HashSet<String>,
}

impl ConsentTexts {
    /// Compiles the registry; `None` when no text is registered (the registry is off). Every
    /// problem is added to `problems`.
    pub fn compile(
        unknown_form: UnknownForm,
        list: &[ConsentTextConfig],
        purposes: &HashMap<String, u16>,
        problems: &mut Vec<String>,
    ) -> Option<ConsentTexts> {
        if list.is_empty() {
            return None;
        }
        let mut texts = Vec::new();
        let mut seen = HashSet::new();
        for (i, t) in list.iter().enumerate() {
            let at = format!("consent.texts[{i}]");
            if t.form.trim().is_empty() || t.version.trim().is_empty() {
                problems.push(format!("{at}: form and version must be non-empty"));
            }
            let special_ok = t.purpose.strip_prefix("special:").is_some_and(|c| {
                c.parse::<crate::category::Category>()
                    .is_ok_and(|c| c.is_special())
            });
            if !purposes.contains_key(&t.purpose) && !special_ok {
                problems.push(format!("{at}: unknown purpose `{}`", t.purpose));
            }
            if !seen.insert((&t.form, &t.purpose, &t.version)) {
                problems.push(format!(
                    "{at}: version `{}` of form `{}` for `{}` registered twice",
                    t.version, t.form, t.purpose
                ));
            }
            if t.sha256.len() != 64 || !t.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                problems.push(format!(
                    "{at}: sha256 must be the 64 hex digits of the text's SHA-256"
                ));
            }
            let valid_from = clock::parse(&t.valid_from);
            if valid_from.is_none() {
                problems.push(format!("{at}: valid_from is not an RFC 3339 timestamp"));
            }
            let valid_until = t.valid_until.as_deref().map(clock::parse);
            if valid_until.is_some_and(|u| u.is_none()) {
                problems.push(format!("{at}: valid_until is not an RFC 3339 timestamp"));
            }
            if let (Some(from), Some(Some(until))) = (valid_from, valid_until) {
                if until <= from {
                    problems.push(format!("{at}: valid_until must be after valid_from"));
                }
            }
            if let Some(valid_from) = valid_from {
                texts.push(ApprovedText {
                    form: t.form.clone(),
                    purpose: t.purpose.clone(),
                    version: t.version.clone(),
                    valid_from,
                    valid_until: valid_until.flatten(),
                    sha256: t.sha256.to_ascii_lowercase(),
                });
            }
        }
        let forms = texts.iter().map(|t| t.form.clone()).collect();
        Some(ConsentTexts {
            unknown_form,
            texts,
            forms,
        })
    }

    /// Whether the form has registered texts (an event without `form_id` has none).
    pub fn knows_form(&self, form: Option<&str>) -> bool {
        form.is_some_and(|f| self.forms.contains(f))
    }

    /// C4: whether a consent to `version` for `purpose`, captured at `at` on `form`, was given
    /// to an approved text. Unknown forms follow [`UnknownForm`].
    pub fn informed(
        &self,
        form: Option<&str>,
        purpose: &str,
        version: &str,
        at: Timestamp,
    ) -> bool {
        if !self.knows_form(form) {
            return self.unknown_form == UnknownForm::Allow;
        }
        self.texts.iter().any(|t| {
            Some(t.form.as_str()) == form
                && t.purpose == purpose
                && t.version == version
                && t.valid_from <= at
                && t.valid_until.is_none_or(|u| at < u)
        })
    }

    /// Whether an event from `form` is accepted only because unknown forms are allowed: the
    /// `consent.text_unregistered` flag.
    pub fn unregistered_allowed(&self, form: Option<&str>) -> bool {
        self.unknown_form == UnknownForm::Allow && !self.knows_form(form)
    }
}
