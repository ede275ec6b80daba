//! `redact`: a free text with what the scanner found replaced in place (S3). Contact details
//! written in the text stay only where the copy receives the matching field in clear.

use super::{Applied, Leaf};
use crate::detect::{ContactsKept, ScannedText};
use crate::json_out;

/// A free text with findings, prepared once per event by the scan.
pub(crate) struct Redaction<'e> {
    text: &'e str,
    found: ScannedText,
    /// The redacted text when every copy gets the same one (no contact details inside):
    /// rendered once per event instead of once per copy.
    same_for_all: Option<String>,
}

impl<'e> Redaction<'e> {
    pub(crate) fn new(text: &'e str, found: ScannedText) -> Redaction<'e> {
        let same_for_all = found
            .same_for_every_copy()
            .then(|| found.render(text, ContactsKept::default()))
            .flatten();
        Redaction {
            text,
            found,
            same_for_all,
        }
    }

    pub(crate) fn found(&self) -> &ScannedText {
        &self.found
    }
}

pub(super) fn write(
    leaf: &Leaf,
    kept: impl FnOnce() -> ContactsKept,
    out: &mut Vec<u8>,
) -> Applied {
    let own;
    let redacted = match leaf.redaction {
        Some(Redaction {
            same_for_all: Some(text),
            ..
        }) => Some(text.as_str()),
        Some(r) => {
            own = r.found.render(r.text, kept());
            own.as_deref()
        }
        None => None,
    };
    match redacted {
        Some(text) => {
            json_out::str(out, text);
            Applied::Redacted
        }
        None => {
            out.extend_from_slice(leaf.clear);
            Applied::Clear
        }
    }
}
