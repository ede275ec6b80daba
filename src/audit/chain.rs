//! The keyed hash chain of audit records (A2) and the two formats' hashes: sealing a record
//! into its chain, checking one record, following a chain, and the Merkle leaf of a sealed
//! record for the signed checkpoints.

use sha2::{Digest, Sha256};

use super::{AuditRecord, ChainRef, AUDIT_SCHEMA_NAME};
use crate::checkpoint::{ChainTree, CheckpointSettings};
use crate::clock::Timestamp;
use crate::crypto::{hex_str, TokenKey};
use crate::merkle::{self, Frontier, Hash};

/// The audit formats, told apart by a record's first member (`{"schema":"leadguard.audit/v…"`,
/// which the writer always puts first and the hash covers).
///
/// v1 MACs the whole canonical record (the line without its hash member), and its Merkle leaf
/// (checkpoints) hashes the whole sealed line again: two SHA-256 passes over the largest thing
/// the guard writes, a fifth of the engine's time. v2 hashes the canonical bytes once, into
/// `D = SHA-256(canonical)`; the hash is the HMAC of `D`, and the leaf the RFC 6962 leaf hash
/// of `D ‖ hash` — so the tree still commits to every byte of the line, and anyone can
/// recompute it without the key. The members are the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    V1,
    V2,
}

impl Format {
    /// The format of a sealed line (v1 unless it starts as a v2 record).
    pub fn of(line: &[u8]) -> Format {
        if line.starts_with(b"{\"schema\":\"leadguard.audit/v2\"") {
            Format::V2
        } else {
            Format::V1
        }
    }
}

/// What a v2 record's hash MACs, before the digest of its canonical bytes: keeps the two
/// constructions apart.
const V2_MAC_DOMAIN: &[u8] = b"leadguard.audit/v2\0";

/// Why a record does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("not an audit record (not JSON or no chain)")]
    NotARecord,
    #[error("hash mismatch: the record was edited or forged")]
    BadHash,
    #[error("previous-hash mismatch: a record is missing, inserted or reordered before this one")]
    BadPrev,
    #[error("sequence {found} where {expected} was expected")]
    BadSeq { expected: u64, found: u64 },
}

/// The writer's end of one chain.
pub struct AuditChain {
    key: TokenKey,
    id: String,
    next_seq: u64,
    prev: String,
    /// The chain's Merkle tree, when it is checkpointed and its start is known.
    tree: Option<ChainTree>,
}

impl std::fmt::Debug for AuditChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditChain")
            .field("id", &self.id)
            .field("next_seq", &self.next_seq)
            .finish_non_exhaustive()
    }
}

/// The `prev` of a chain's first record: bound to the chain id, so that removing the first
/// record is detected too.
pub fn genesis(key: &TokenKey, chain_id: &str) -> String {
    hex::encode(key.mac(&[b"leadguard.audit/v1 genesis\0", chain_id.as_bytes()]))
}

impl AuditChain {
    /// A new chain, or one resumed from its last record (`head` = (last seq, last hash)).
    pub fn new(key: TokenKey, id: String, head: Option<(u64, String)>) -> Self {
        let (next_seq, prev) = match head {
            Some((seq, hash)) => (seq + 1, hash),
            None => (0, genesis(&key, &id)),
        };
        AuditChain {
            key,
            id,
            next_seq,
            prev,
            tree: None,
        }
    }

    /// Keeps the chain's Merkle tree from now on, continuing `frontier`; refused (false) unless
    /// the frontier covers exactly the records so far.
    pub fn keep_tree(&mut self, frontier: Frontier) -> bool {
        let fits = frontier.size() == self.next_seq;
        if fits {
            self.tree = Some(ChainTree::new(frontier));
        }
        fits
    }

    /// The chain's Merkle tree so far, when it keeps one.
    pub fn frontier(&self) -> Option<&Frontier> {
        self.tree.as_ref().map(ChainTree::frontier)
    }

    /// A signed checkpoint record of the chain when one is due (see [`ChainTree::checkpoint`]).
    pub fn checkpoint(
        &mut self,
        settings: &CheckpointSettings,
        input: &str,
        now: Timestamp,
        force: bool,
    ) -> Option<Vec<u8>> {
        self.tree
            .as_mut()?
            .checkpoint(settings, &self.id, input, now, force)
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Sequence number the next record will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Links the record into the chain and returns its final bytes (one JSON line, no newline).
    pub fn seal(&mut self, record: &mut AuditRecord) -> Vec<u8> {
        // The chain writes only the current format, whatever a record read back says.
        if record.schema != AUDIT_SCHEMA_NAME {
            record.schema = super::Text::Borrowed(AUDIT_SCHEMA_NAME);
        }
        record.chain = ChainRef {
            id: self.id.clone(),
            seq: self.next_seq,
            prev: std::mem::take(&mut self.prev),
            hash: String::new(),
        };
        let mut bytes = Vec::with_capacity(4096);
        record.write_json(&mut bytes);
        // v2: the canonical bytes are hashed once, for the MAC and the tree.
        let digest: Hash = Sha256::digest(&bytes).into();
        let tag = self.key.mac(&[V2_MAC_DOMAIN, &digest]);
        let hash = hex_str(&tag, &mut [0; 64]).to_string();
        // The chain object is the record's last member: the bytes end with `}}`.
        bytes.truncate(bytes.len() - 2);
        bytes.extend_from_slice(HASH_MEMBER);
        bytes.extend_from_slice(hash.as_bytes());
        bytes.extend_from_slice(b"\"}}");
        record.chain.hash.clone_from(&hash);
        self.prev = hash;
        self.next_seq += 1;
        if let Some(tree) = &mut self.tree {
            tree.push(v2_leaf(&digest, &tag));
        }
        bytes
    }
}

/// The member the writer appends last: `,"hash":"<64 hex>"` before the closing `}}`.
const HASH_MEMBER: &[u8] = b",\"hash\":\"";

/// A sealed line cut at its hash member: the bytes before it, and the hash's text.
fn split_sealed(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = line.trim_ascii_end();
    let tail = HASH_MEMBER.len() + 64 + 3; // `"}}`
    if line.len() < tail || !line.ends_with(b"\"}}") {
        return None;
    }
    let at = line.len() - tail;
    (&line[at..at + HASH_MEMBER.len()] == HASH_MEMBER)
        .then(|| (&line[..at], &line[at + HASH_MEMBER.len()..line.len() - 3]))
}

/// SHA-256 of a v2 record's canonical bytes: the line without its hash member.
fn canonical_digest(before_hash: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(before_hash);
    h.update(b"}}");
    h.finalize().into()
}

/// A v2 record's Merkle leaf: the RFC 6962 leaf hash of its digest and its MAC.
fn v2_leaf(digest: &Hash, tag: &[u8; 32]) -> Hash {
    let mut entry = [0u8; 64];
    entry[..32].copy_from_slice(digest);
    entry[32..].copy_from_slice(tag);
    merkle::leaf_hash(&entry)
}

/// The Merkle leaf of a sealed record, as its chain's checkpoints hash it: a v1 record's whole
/// line, a v2 record's `D ‖ hash` (see [`Format`]). A line that is no sealed v2 record is
/// hashed whole, so a damaged record still takes its place in the tree and fails the root.
pub fn record_leaf(line: &[u8]) -> Hash {
    let line = line.trim_ascii_end();
    let mut tag = [0u8; 32];
    match (Format::of(line), split_sealed(line)) {
        (Format::V2, Some((before, hash))) if hex::decode_to_slice(hash, &mut tag).is_ok() => {
            v2_leaf(&canonical_digest(before), &tag)
        }
        _ => merkle::leaf_hash(line),
    }
}

/// Checks one record's own hash; returns its chain link.
///
/// The hash covers the record's exact bytes without its hash member, so any edit anywhere in
/// the line (even whitespace) breaks it, and verification does not depend on re-serialising.
pub fn verify_record(key: &TokenKey, line: &[u8]) -> Result<ChainRef, ChainError> {
    let line = line.trim_ascii_end();
    let (before, hash) = split_sealed(line).ok_or(ChainError::NotARecord)?;
    let hash = std::str::from_utf8(hash).map_err(|_| ChainError::NotARecord)?;
    // The writer only writes lower-case hex: any other spelling of the same bytes is an edit.
    let mut tag = [0u8; 32];
    let lower_hex = hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !lower_hex || hex::decode_to_slice(hash, &mut tag).is_err() {
        return Err(ChainError::BadHash);
    }
    // The canonical bytes are the line without its hash member: the part before it, then `}}`.
    let authentic = match Format::of(line) {
        Format::V1 => key.verify(&[before, b"}}"], &tag),
        Format::V2 => key.verify(&[V2_MAC_DOMAIN, &canonical_digest(before)], &tag),
    };
    if !authentic {
        return Err(ChainError::BadHash);
    }
    let record: serde_json::Value =
        serde_json::from_slice(line).map_err(|_| ChainError::NotARecord)?;
    let link: ChainRef =
        serde_json::from_value(record["chain"].clone()).map_err(|_| ChainError::NotARecord)?;
    if link.hash != hash {
        return Err(ChainError::BadHash);
    }
    Ok(link)
}

/// Follows one chain record by record.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: u64,
    prev: String,
}

impl ChainVerifier {
    /// Starts at the chain's genesis.
    pub fn new(key: &TokenKey, chain_id: &str) -> Self {
        ChainVerifier {
            expected_seq: 0,
            prev: genesis(key, chain_id),
        }
    }

    /// Checks the next record's link (its own hash already verified).
    pub fn next(&mut self, link: &ChainRef) -> Result<(), ChainError> {
        let result = if link.prev != self.prev {
            Err(ChainError::BadPrev)
        } else if link.seq != self.expected_seq {
            Err(ChainError::BadSeq {
                expected: self.expected_seq,
                found: link.seq,
            })
        } else {
            Ok(())
        };
        // Resynchronise on the record seen, so one break is reported once.
        self.prev.clone_from(&link.hash);
        self.expected_seq = link.seq + 1;
        result
    }
}
