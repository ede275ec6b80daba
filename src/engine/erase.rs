//! Erasure requests judged by the guard (GDPR art. 17, see [`crate::erasure`]): read with the
//! policy's erasure schema, applied, and recorded in the audit trail like an input event, in the
//! chain of their own input (file or topic partition).

use super::Guard;
use crate::audit::{AuditRecord, ErasureRef, InputRef, Text};
use crate::clock::{self, Timestamp};
use crate::erasure::{self, Applied, ErasureError, ErasureRequest, ERASURE_KIND};
use crate::subject_keys::{KeyWrite, SubjectKeys, SubjectMac};
use crate::verdict::Outcome;
use crate::withdrawals::WithdrawalTable;

/// One erasure request, judged.
#[derive(Debug)]
pub struct Erasure<A> {
    /// Its audit record, not yet sealed into its chain.
    pub audit: AuditRecord,
    /// What it did, or why it was refused (and changed nothing).
    pub result: Result<Applied<A>, ErasureError>,
    /// From the person's request (`at`) to the keys destroyed (`now`), in seconds.
    pub lag_seconds: Option<i64>,
}

impl Guard {
    /// Parses and checks an erasure request; identities normalised (C6, P3).
    ///
    /// # Errors
    ///
    /// [`ErasureError`], whose message never quotes the request.
    pub fn read_erasure(&self, raw: &[u8]) -> Result<ErasureRequest, ErasureError> {
        erasure::parse(
            raw,
            &self.policy.erasure_schema,
            &self.policy.default_country_code,
        )
    }

    /// The MACs of a request's identities: the subject key store's and the tokens' (P1).
    pub fn erasure_subjects(&self, r: &ErasureRequest) -> Vec<SubjectMac> {
        r.identities
            .iter()
            .map(|i| self.pseudonym.mac(&[i.as_bytes()]))
            .collect()
    }

    /// Applies one erasure request from `input` at `now`: refused if invalid (nothing
    /// changes), else every purpose and channel withdrawn at its `at` and the person's keys in
    /// `keys` destroyed (`created_through`: see [`SubjectKeys::erase`]), destructions written
    /// through `send`. Its audit record is of kind `erasure`: the reference, the subject
    /// tokens, the keys destroyed; never the e-mail or phone.
    ///
    /// # Errors
    ///
    /// What `send` returns.
    #[allow(clippy::too_many_arguments)]
    pub fn erase<A, E>(
        &self,
        raw: &[u8],
        input: &InputRef,
        now: Timestamp,
        withdrawals: &mut WithdrawalTable,
        keys: Option<&SubjectKeys>,
        created_through: Option<i64>,
        send: impl FnMut(KeyWrite<'_>) -> Result<A, E>,
    ) -> Result<Erasure<A>, E> {
        let mut audit = self.base_record(input, now);
        audit.kind = Some(Text::Borrowed(ERASURE_KIND));
        let request = match self.read_erasure(raw) {
            Ok(r) => r,
            Err(e) => {
                audit.reasons = vec![Text::Borrowed(e.reason().as_str())];
                audit.detail = Some(e.to_string());
                return Ok(Erasure {
                    audit,
                    result: Err(e),
                    lag_seconds: None,
                });
            }
        };
        let subjects = self.erasure_subjects(&request);
        let applied = erasure::apply(
            &request,
            &subjects,
            withdrawals,
            keys,
            created_through,
            send,
        )?;
        let tokens: Vec<String> = subjects
            .iter()
            .map(|m| self.pseudonym.token_of(m))
            .collect();
        audit.outcome = Outcome::Erased;
        audit.subject_ref = tokens.first().cloned();
        audit.subject_refs = tokens;
        audit.erasure = Some(ErasureRef {
            reference: request.reference.clone(),
            at: clock::format(request.at),
            via: request.via.clone(),
            keys_destroyed: applied.keys_destroyed,
        });
        Ok(Erasure {
            audit,
            result: Ok(applied),
            lag_seconds: Some((now - request.at).max(0)),
        })
    }
}
