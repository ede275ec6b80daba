//! IAB TCF v2 TC strings (v2.2 and v2.3 share the format): the core segment decoded, for the
//! audit record. Nothing here decides anything: a TC string never counts as consent for the
//! guard's purposes (see `rules::signals`).
//!
//! Why our own decoder rather than `lib_tcstring` (0.5.0, the only Rust crate for it): it
//! indexes bytes without a bound check when a vendor section is cut short
//! (`parse_from_bytes` called from `parse_range_sections_from_bytes`): its `TcModelV2::try_from`
//! panics ("index out of bounds") on the 36-, 52- and 54-character prefixes of the v2.2 test
//! vector below (checked 2026-12-02), and it expands every vendor range into a list (4 095
//! ranges of 65 535 ids from a few kilobytes of input). Input from the web must never crash the
//! guard nor allocate without bound; this decoder checks every read and keeps vendor ranges as
//! ranges (`tests::invalid_strings_are_errors_not_crashes` decodes every prefix).
//!
//! Format: "IAB Tech Lab — Consent string and vendor list formats v2", section "The core
//! string": base64url, segments separated by `.`, the core segment first.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// base64url as CMPs write it: no padding (tolerated if present), zero bits after the last
/// field allowed.
const TC_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Why a TC string cannot be decoded: the audit's `detail` for the signal. Never a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TcfError {
    #[error("TC string empty")]
    Empty,
    #[error("TC string core segment not base64url")]
    Base64,
    #[error("TC string core segment too short")]
    TooShort,
    #[error("TC string version is not 2")]
    Version,
    #[error("TC string consent language is not two letters")]
    Language,
    #[error("TC string vendor range out of order")]
    Range,
}

/// Vendor ids with consent (or legitimate interest): sorted, disjoint inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VendorSet {
    /// The section's `MaxVendorId`.
    pub max_id: u16,
    pub ranges: Vec<(u16, u16)>,
}

impl VendorSet {
    pub fn contains(&self, id: u16) -> bool {
        self.ranges.iter().any(|(a, b)| (*a..=*b).contains(&id))
    }

    /// How many vendors.
    pub fn len(&self) -> u32 {
        self.ranges
            .iter()
            .map(|(a, b)| u32::from(*b) - u32::from(*a) + 1)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    fn push(&mut self, id: u16) {
        match self.ranges.last_mut() {
            Some((_, end)) if u32::from(*end) + 1 == u32::from(id) => *end = id,
            _ => self.ranges.push((id, id)),
        }
    }
}

/// The core segment of a TC string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcString {
    pub version: u8,
    /// `Created`, in deciseconds since the Unix epoch.
    pub created_ds: i64,
    /// `LastUpdated`, in deciseconds since the Unix epoch.
    pub last_updated_ds: i64,
    pub cmp_id: u16,
    pub cmp_version: u16,
    pub consent_screen: u8,
    /// Two upper-case letters (ISO 639-1).
    pub consent_language: String,
    pub vendor_list_version: u16,
    pub policy_version: u8,
    pub is_service_specific: bool,
    /// Purposes 1–24 with consent, ascending.
    pub purposes_consent: Vec<u8>,
    /// Purposes 1–24 under legitimate interest (transparency established), ascending.
    pub purposes_legitimate_interest: Vec<u8>,
    pub vendor_consents: VendorSet,
    pub vendor_legitimate_interests: VendorSet,
}

/// Reads bits most significant first, every read bounds-checked.
struct Bits<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn take(&mut self, n: usize) -> Result<u64, TcfError> {
        if self.pos + n > self.bytes.len() * 8 {
            return Err(TcfError::TooShort);
        }
        let mut v = 0u64;
        for i in self.pos..self.pos + n {
            let bit = (self.bytes[i / 8] >> (7 - i % 8)) & 1;
            v = (v << 1) | u64::from(bit);
        }
        self.pos += n;
        Ok(v)
    }

    fn flag(&mut self) -> Result<bool, TcfError> {
        Ok(self.take(1)? == 1)
    }

    /// A bit field of `n` flags, as the 1-based ids of the set ones.
    fn ids(&mut self, n: usize) -> Result<Vec<u8>, TcfError> {
        let mut ids = Vec::new();
        for i in 1..=n {
            if self.flag()? {
                ids.push(i as u8);
            }
        }
        Ok(ids)
    }

    fn letters(&mut self) -> Result<String, TcfError> {
        let mut s = String::with_capacity(2);
        for _ in 0..2 {
            let c = self.take(6)? as u8;
            if c > 25 {
                return Err(TcfError::Language);
            }
            s.push(char::from(b'A' + c));
        }
        Ok(s)
    }

    /// A vendor section: `MaxVendorId`, `IsRangeEncoding`, then a bit field or range entries.
    fn vendors(&mut self) -> Result<VendorSet, TcfError> {
        let max_id = self.take(16)? as u16;
        let mut set = VendorSet {
            max_id,
            ranges: Vec::new(),
        };
        if !self.flag()? {
            for id in 1..=max_id {
                if self.flag()? {
                    set.push(id);
                }
            }
            return Ok(set);
        }
        let entries = self.take(12)?;
        for _ in 0..entries {
            let is_range = self.flag()?;
            let start = self.take(16)? as u16;
            let end = if is_range {
                self.take(16)? as u16
            } else {
                start
            };
            let after_last = set.ranges.last().is_none_or(|(_, e)| start > *e);
            if start == 0 || end < start || end > max_id || !after_last {
                return Err(TcfError::Range);
            }
            set.ranges.push((start, end));
        }
        Ok(set)
    }
}

impl TcString {
    /// Decodes the core segment of a TC string; the other segments (disclosed vendors,
    /// publisher purposes) are not read.
    pub fn decode(s: &str) -> Result<TcString, TcfError> {
        let core = s.split('.').next().unwrap_or_default();
        if core.is_empty() {
            return Err(TcfError::Empty);
        }
        let bytes = TC_BASE64.decode(core).map_err(|_| TcfError::Base64)?;
        let mut b = Bits {
            bytes: &bytes,
            pos: 0,
        };
        let version = b.take(6)? as u8;
        if version != 2 {
            return Err(TcfError::Version);
        }
        let created_ds = b.take(36)? as i64;
        let last_updated_ds = b.take(36)? as i64;
        let cmp_id = b.take(12)? as u16;
        let cmp_version = b.take(12)? as u16;
        let consent_screen = b.take(6)? as u8;
        let consent_language = b.letters()?;
        let vendor_list_version = b.take(12)? as u16;
        let policy_version = b.take(6)? as u8;
        let is_service_specific = b.flag()?;
        let _use_non_standard_texts = b.flag()?;
        let _special_feature_opt_ins = b.take(12)?;
        let purposes_consent = b.ids(24)?;
        let purposes_legitimate_interest = b.ids(24)?;
        let _purpose_one_treatment = b.flag()?;
        let _publisher_cc = b.take(12)?;
        let vendor_consents = b.vendors()?;
        let vendor_legitimate_interests = b.vendors()?;
        Ok(TcString {
            version,
            created_ds,
            last_updated_ds,
            cmp_id,
            cmp_version,
            consent_screen,
            consent_language,
            vendor_list_version,
            policy_version,
            is_service_specific,
            purposes_consent,
            purposes_legitimate_interest,
            vendor_consents,
            vendor_legitimate_interests,
        })
    }
}

#[cfg(test)]
mod tests;
