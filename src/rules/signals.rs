//! Standard privacy signals the form captured with the event (`signals` of the lead): the
//! Global Privacy Control flag and the IAB TCF TC string.
//!
//! - GPC (`Sec-GPC: 1`) is the person's objection to the sale or sharing of their data (GDPR
//!   art. 21; "do not sell or share" where it is law). Every destination whose purpose the
//!   policy lists in `signals.gpc_objects_to` (the reference policy: `partner_sharing`) is
//!   refused with `objection`, whatever the consent entries say: a browser's standing
//!   objection is not overridden by a box ticked in the same session (a form should not show
//!   the partner box to a browser that sends GPC).
//! - The TC string is a CMP's record for advertising vendors. It is decoded ([`crate::tcf`]) and
//!   recorded in the audit, and never counts as consent for the guard's purposes: C1 needs
//!   consent for the purpose and the channel, which a TC string does not express. An invalid
//!   one is recorded as a `schema.invalid` detail and flagged `signal.invalid`; the event is
//!   judged without it rather than rejected, because the signal grants nothing and dropping the
//!   lead would also drop its valid consents and objections.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::clock;
use crate::policy::{Destination, PurposeId};
use crate::rules::consent::Decision;
use crate::tcf::{TcString, TcfError};
use crate::verdict::{DestOutcome, Detail, Reason};

/// The reference purpose GPC objects to when the policy does not say.
const GPC_DEFAULT_PURPOSE: &str = "partner_sharing";

/// `[signals]` of the policy.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalsConfig {
    /// Purposes a GPC signal objects to; `["partner_sharing"]` when absent and the policy
    /// declares that purpose.
    #[serde(default)]
    pub gpc_objects_to: Option<Vec<String>>,
}

/// The compiled setting.
#[derive(Debug, Clone, Default)]
pub struct SignalSettings {
    pub gpc_objects_to: Vec<PurposeId>,
}

impl SignalSettings {
    pub fn compile(
        cfg: &SignalsConfig,
        purposes: &HashMap<String, PurposeId>,
        problems: &mut Vec<String>,
    ) -> SignalSettings {
        let gpc_objects_to = match &cfg.gpc_objects_to {
            None => purposes
                .get(GPC_DEFAULT_PURPOSE)
                .copied()
                .into_iter()
                .collect(),
            Some(list) => list
                .iter()
                .filter_map(|p| {
                    let id = purposes.get(p).copied();
                    if id.is_none() {
                        problems.push(format!("signals.gpc_objects_to: unknown purpose `{p}`"));
                    }
                    id
                })
                .collect(),
        };
        SignalSettings { gpc_objects_to }
    }
}

/// The signals of one event.
#[derive(Debug, Default)]
pub struct Signals {
    /// `signals.gpc`, when the event carries it.
    pub gpc: Option<bool>,
    /// `signals.tcf` decoded, when the event carries one.
    pub tcf: Option<Result<TcString, TcfError>>,
}

impl Signals {
    /// Reads `signals` of a schema-valid event.
    pub fn read(event: &Value) -> Signals {
        let Some(s) = event.get("signals") else {
            return Signals::default();
        };
        Signals {
            gpc: s.get("gpc").and_then(Value::as_bool),
            tcf: s.get("tcf").and_then(Value::as_str).map(TcString::decode),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.gpc.is_none() && self.tcf.is_none()
    }

    pub fn tcf_invalid(&self) -> bool {
        matches!(self.tcf, Some(Err(_)))
    }

    /// GPC: a destination whose purpose the policy lists is refused with `objection`.
    pub fn object(&self, d: &mut Decision, dest: &Destination, settings: &SignalSettings) {
        if self.gpc != Some(true) || !settings.gpc_objects_to.contains(&dest.purpose) {
            return;
        }
        d.outcome = DestOutcome::Blocked;
        d.permitted = crate::channel::ChannelSet::EMPTY;
        d.basis.clear();
        d.reasons.insert(Reason::Objection);
        d.details
            .push(Detail::of(Reason::Objection, None, "signal.gpc"));
    }

    /// The audit record's `signals` member: GPC as sent, the TC string's CMP, dates and
    /// purposes (never the string itself), or why it could not be decoded. `None` without
    /// signals.
    pub fn audit(&self) -> Option<Value> {
        if self.is_empty() {
            return None;
        }
        let mut out = json!({});
        if let Some(gpc) = self.gpc {
            out["gpc"] = json!(gpc);
        }
        match &self.tcf {
            None => {}
            Some(Ok(tc)) => {
                out["tcf"] = json!({
                    "version": tc.version,
                    "policy_version": tc.policy_version,
                    "cmp_id": tc.cmp_id,
                    "cmp_version": tc.cmp_version,
                    "consent_screen": tc.consent_screen,
                    "consent_language": tc.consent_language,
                    "vendor_list_version": tc.vendor_list_version,
                    "created": clock::format(tc.created_ds / 10),
                    "last_updated": clock::format(tc.last_updated_ds / 10),
                    "purposes_consent": tc.purposes_consent,
                    "purposes_legitimate_interest": tc.purposes_legitimate_interest,
                    "vendor_consents": tc.vendor_consents.len(),
                });
            }
            Some(Err(e)) => {
                out["tcf"] =
                    json!({"reason": Reason::SchemaInvalid.as_str(), "detail": e.to_string()});
            }
        }
        Some(out)
    }
}
