//! `mask`: all but the last two characters replaced by `*` (spaces kept), for a person who
//! must recognise a value without reading it.

use super::{plain_text, Applied, Leaf};
use crate::json_out;

pub(super) fn write(leaf: &Leaf, out: &mut Vec<u8>) -> Applied {
    json_out::str(out, &mask(&plain_text(leaf.value)));
    Applied::Masked
}

/// Masks all but the last two characters.
pub(crate) fn mask(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    #[test]
    fn mask_keeps_only_the_last_two_characters() {
        assert_eq!(super::mask("+33 6 12 34 56 78"), "*** * ** ** ** 78");
        assert_eq!(super::mask("ab"), "ab");
    }
}
