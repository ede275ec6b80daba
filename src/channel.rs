//! Prospecting channels (C1) and small sets of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A prospecting channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Phone,
    Postal,
}

impl Channel {
    /// Every channel, in the order audit records list them.
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Phone,
        Channel::Postal,
        Channel::Sms,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Phone => "phone",
            Channel::Postal => "postal",
        }
    }

    /// Electronic channels need opt-in for individuals (C1); the others are opt-out.
    pub const fn is_electronic(self) -> bool {
        matches!(self, Channel::Email | Channel::Sms)
    }

    const fn bit(self) -> u8 {
        match self {
            Channel::Email => 1,
            Channel::Sms => 2,
            Channel::Phone => 4,
            Channel::Postal => 8,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a channel name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown channel `{0}` (known: email, sms, phone, postal)")]
pub struct UnknownChannel(pub String);

impl FromStr for Channel {
    type Err = UnknownChannel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "email" => Ok(Channel::Email),
            "sms" => Ok(Channel::Sms),
            "phone" => Ok(Channel::Phone),
            "postal" => Ok(Channel::Postal),
            _ => Err(UnknownChannel(s.to_string())),
        }
    }
}

/// A set of channels, as a bit mask: copied freely on the hot path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ChannelSet(u8);

impl ChannelSet {
    pub const EMPTY: ChannelSet = ChannelSet(0);

    pub fn insert(&mut self, c: Channel) {
        self.0 |= c.bit();
    }

    pub const fn contains(self, c: Channel) -> bool {
        self.0 & c.bit() != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub const fn intersects(self, other: ChannelSet) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn union(self, other: ChannelSet) -> ChannelSet {
        ChannelSet(self.0 | other.0)
    }

    /// The channels of the set, in [`Channel::ALL`] order (alphabetical, as in audit records).
    pub fn iter(self) -> impl Iterator<Item = Channel> {
        Channel::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Channel> for ChannelSet {
    fn from_iter<I: IntoIterator<Item = Channel>>(iter: I) -> Self {
        let mut s = ChannelSet::EMPTY;
        for c in iter {
            s.insert(c);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let s: ChannelSet = [Channel::Sms, Channel::Phone].into_iter().collect();
        assert!(s.contains(Channel::Sms) && s.contains(Channel::Phone));
        assert!(!s.contains(Channel::Email));
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            vec![Channel::Phone, Channel::Sms]
        );
        assert!(s.intersects([Channel::Phone].into_iter().collect()));
        assert!(!s.intersects([Channel::Postal].into_iter().collect()));
    }

    #[test]
    fn electronic_channels_are_email_and_sms() {
        // C1: e-mail and SMS need opt-in; phone and postal are opt-out.
        assert!(Channel::Email.is_electronic() && Channel::Sms.is_electronic());
        assert!(!Channel::Phone.is_electronic() && !Channel::Postal.is_electronic());
    }
}
