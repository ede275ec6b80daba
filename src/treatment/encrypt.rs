//! `encrypt`: an AES-256-GCM envelope bound to the field's path (P2), under the person's data key
//! when the deployment has a subject key store (crypto-shredding), else under the master
//! encryption key.

use super::{plain_text, Applied, Leaf, Tools};
use crate::json_out;

/// `None` when the value cannot be sealed where an erasure could reach it (see
/// [`crate::engine`]'s sealer): the field is then not forwarded.
pub(super) fn write(leaf: &Leaf, tools: &Tools, out: &mut Vec<u8>) -> Option<Applied> {
    let plain = plain_text(leaf.value);
    json_out::str(out, &tools.sealer.encrypt(leaf.path, plain.as_bytes())?);
    Some(Applied::Encrypted)
}
