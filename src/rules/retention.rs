//! Retention (R1): a prospect whose last contact is older than the retention period is not
//! forwarded anywhere.

use crate::lead::Lead;
use crate::rules::consent::Now;
use crate::verdict::Reason;

/// R1: the last contact (or the event itself) is past retention.
pub fn blocks(lead: &Lead, now: &Now) -> Option<Reason> {
    let last_contact = lead.last_contact_at.unwrap_or(lead.occurred_at);
    (last_contact < now.retention_cutoff).then_some(Reason::RetentionExpired)
}
