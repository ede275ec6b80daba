//! `encrypt`: an AES-256-GCM envelope bound to the field's path (P2), readable only by holders
//! of the encryption key.

use super::{plain_text, Applied, Leaf, Tools};
use crate::json_out;

pub(super) fn write(leaf: &Leaf, tools: &Tools, out: &mut Vec<u8>) -> Applied {
    let plain = plain_text(leaf.value);
    json_out::str(out, &tools.keyring.encrypt(leaf.path, plain.as_bytes()));
    Applied::Encrypted
}
