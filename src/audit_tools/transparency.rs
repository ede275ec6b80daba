//! Verification without secrets: the audit records against the signed checkpoints of their
//! chains, with the checkpoint public key only (no audit key, no policy), and inclusion proofs
//! of single records that anyone can check on their own.
//!
//! What is proven: every record up to a chain's last checkpoint is exactly the one the guard
//! wrote and signed for (an edit, a deletion, an insertion, a swap or a truncation changes the
//! tree), and every checkpoint extends the previous one (consistency proofs). What is not:
//! records after the last checkpoint ("not yet checkpointed"), and a chain whose every record
//! and checkpoint was removed (absence is only visible against an input count, which the keyed
//! `audit verify --expect-inputs` checks).
//!
//! An edit does not change a record's links, so its position is named as the range between the
//! last checkpoint that still matches and the first that does not; deletions, insertions and
//! swaps are also named exactly from the records' sequence numbers and links.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::audit::ChainRef;
use crate::checkpoint::{self, Checkpoint, CheckpointRecord, VerifierKey};
use crate::merkle::{self, Frontier, Hash};

use super::source::{Position, Source};
use super::AuditToolError;

/// Schema name of inclusion proofs.
pub const PROOF_SCHEMA: &str = "leadguard.proof/v1";

/// The chain link and event of a record, the only members read.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    event_id: Option<String>,
    chain: ChainRef,
}

/// One record as the tree sees it.
struct Leaf {
    position: Position,
    seq: u64,
    prev: String,
    hash: String,
    event_id: Option<String>,
    leaf: Hash,
    bytes: Vec<u8>,
}

/// A checkpoint whose signature holds.
struct Signed {
    position: Position,
    note: String,
    checkpoint: Checkpoint,
}

/// What a keyless verification found.
#[derive(Debug, Default, Serialize)]
pub struct PublicVerification {
    pub ok: bool,
    pub records: u64,
    pub checkpoints: u64,
    pub chains: Vec<ChainSummary>,
    /// Everything that breaks the proof, named with its chain and position.
    pub problems: Vec<String>,
}

/// One chain's state.
#[derive(Debug, Serialize)]
pub struct ChainSummary {
    pub chain: String,
    pub records: u64,
    /// Size of the last valid checkpoint (0: none).
    pub checkpointed: u64,
    /// Records after the last checkpoint: present, but not yet proven.
    pub not_yet_checkpointed: u64,
}

/// Each chain's records, in the order read.
type Chains = BTreeMap<String, Vec<Leaf>>;

/// The checkpoints read: the valid ones per chain (by size), how many were read, the problems of
/// the others.
struct SignedSet {
    by_chain: BTreeMap<String, Vec<Signed>>,
    read: u64,
    problems: Vec<String>,
}

fn leaves_of(source: &Source) -> Result<(Chains, Vec<String>), AuditToolError> {
    let mut chains = Chains::new();
    let mut problems = Vec::new();
    source.read(|r| {
        let bytes = r.bytes.trim_ascii_end().to_vec();
        match serde_json::from_slice::<Head>(&bytes) {
            Ok(h) => chains.entry(h.chain.id).or_default().push(Leaf {
                position: r.position,
                seq: h.chain.seq,
                prev: h.chain.prev,
                hash: h.chain.hash,
                event_id: h.event_id,
                leaf: crate::audit::record_leaf(&bytes),
                bytes,
            }),
            Err(_) => problems.push(format!(
                "{}: not an audit record (no chain link): inserted or damaged",
                r.position
            )),
        }
    })?;
    Ok((chains, problems))
}

/// The checkpoints whose signature by `key` holds, per chain, by size; and the problems of the
/// others.
fn checkpoints_of(source: &Source, key: &VerifierKey) -> Result<SignedSet, AuditToolError> {
    let mut out: BTreeMap<String, Vec<Signed>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut count = 0;
    source.read(|r| {
        count += 1;
        let Ok(rec) = serde_json::from_slice::<CheckpointRecord>(r.bytes.trim_ascii_end()) else {
            problems.push(format!("checkpoint at {}: not a checkpoint record", r.position));
            return;
        };
        match Checkpoint::open(&rec.note, key) {
            Err(e) => problems.push(format!(
                "checkpoint at {} (chain {}, size {}): {e}",
                r.position, rec.chain, rec.size
            )),
            Ok(c) if c.origin != checkpoint::origin(key.name(), &rec.chain) || c.size != rec.size => {
                problems.push(format!(
                    "checkpoint at {}: signed for log {:?}, not for chain {} (moved between chains)",
                    r.position, c.origin, rec.chain
                ))
            }
            Ok(c) => out.entry(rec.chain).or_default().push(Signed {
                position: r.position,
                note: rec.note,
                checkpoint: c,
            }),
        }
    })?;
    for list in out.values_mut() {
        list.sort_by_key(|s| s.checkpoint.size);
    }
    Ok(SignedSet {
        by_chain: out,
        read: count,
        problems,
    })
}

/// Sequence numbers and links, read in order: names deletions, insertions and swaps exactly.
fn structure(chain: &str, leaves: &[Leaf], problems: &mut Vec<String>) {
    for (i, l) in leaves.iter().enumerate() {
        let expected = i as u64;
        if l.seq != expected {
            problems.push(format!(
                "chain {chain} at {}: record seq {} where seq {expected} was expected \
                 (records deleted, inserted or reordered here)",
                l.position, l.seq
            ));
            return;
        }
        if i > 0 && l.prev != leaves[i - 1].hash {
            problems.push(format!(
                "chain {chain} at {}: record seq {} does not link to the record before it",
                l.position, l.seq
            ));
            return;
        }
    }
}

/// Checks `audit` against the signed `checkpoints` with `key` alone.
pub fn verify(
    audit: &Source,
    checkpoints: &Source,
    key: &VerifierKey,
) -> Result<PublicVerification, AuditToolError> {
    let (chains, mut problems) = leaves_of(audit)?;
    let SignedSet {
        by_chain: signed,
        read: checkpoint_count,
        problems: bad,
    } = checkpoints_of(checkpoints, key)?;
    problems.extend(bad);
    let mut v = PublicVerification {
        records: chains.values().map(|l| l.len() as u64).sum(),
        checkpoints: checkpoint_count,
        ..PublicVerification::default()
    };
    let empty = Vec::new();
    let names: std::collections::BTreeSet<&String> = chains.keys().chain(signed.keys()).collect();
    for chain in names {
        let leaves = chains.get(chain).unwrap_or(&empty);
        let cps = signed.get(chain).map_or(&[][..], Vec::as_slice);
        structure(chain, leaves, &mut problems);
        let hashes: Vec<Hash> = leaves.iter().map(|l| l.leaf).collect();
        let proven = check_chain(chain, leaves, &hashes, cps, &mut problems);
        v.chains.push(ChainSummary {
            chain: chain.clone(),
            records: hashes.len() as u64,
            checkpointed: proven,
            not_yet_checkpointed: (hashes.len() as u64).saturating_sub(proven),
        });
    }
    v.ok = problems.is_empty();
    v.problems = problems;
    Ok(v)
}

/// Checks a chain's records against its valid checkpoints (by size); returns how many records
/// they prove.
fn check_chain(
    chain: &str,
    leaves: &[Leaf],
    hashes: &[Hash],
    cps: &[Signed],
    problems: &mut Vec<String>,
) -> u64 {
    let at = |seq: u64| {
        leaves
            .get(seq as usize)
            .map_or_else(|| "?".to_string(), |l| l.position.to_string())
    };
    // For the failure path only (a later checkpoint that still matches).
    let matches = |s: &Signed| {
        let size = s.checkpoint.size as usize;
        size <= hashes.len() && merkle::root(&hashes[..size]) == s.checkpoint.root
    };
    // The checkpoints come by size: one tree grown leaf by leaf gives every root they sign,
    // so a chain of n records with k checkpoints costs n hashes, not n × k.
    let mut tree = Frontier::default();
    let mut proven = 0u64;
    for (k, s) in cps.iter().enumerate() {
        let c = &s.checkpoint;
        if c.size <= hashes.len() as u64 {
            while tree.size() < c.size {
                tree.push(hashes[tree.size() as usize]);
            }
            if tree.root() == c.root {
                proven = c.size;
                continue;
            }
        }
        if c.size > hashes.len() as u64 {
            problems.push(format!(
                "chain {chain}: the checkpoint at {} signed {} records, only {} are present \
                 (truncated: records from seq {} on are missing)",
                s.position,
                c.size,
                hashes.len(),
                hashes.len()
            ));
            return proven;
        }
        // A later checkpoint that the records match proves this one was not its prefix: a
        // consistency proof between the two (built from the records) fails.
        if let Some(later) = cps[k + 1..].iter().find(|l| matches(l)) {
            let lc = &later.checkpoint;
            let proof = merkle::consistency_proof(&hashes[..lc.size as usize], c.size as usize);
            let consistent = proof.is_some_and(|proof| {
                merkle::verify_consistency(c.size, lc.size, &c.root, &lc.root, &proof)
            });
            if !consistent {
                problems.push(format!(
                    "chain {chain}: the checkpoint at {} (size {}) is not consistent with the \
                     later one at {} (size {}): the history it signed was rewritten",
                    s.position, c.size, later.position, lc.size
                ));
                return proven;
            }
        }
        problems.push(format!(
            "chain {chain}: records seq {proven}..{} ({} to {}) differ from what the checkpoint \
             at {} signed: edited, inserted, deleted or reordered",
            c.size - 1,
            at(proven),
            at(c.size - 1),
            s.position
        ));
        return proven;
    }
    proven
}

impl PublicVerification {
    pub fn render_text(&self) -> String {
        let mut s = format!(
            "{} records, {} checkpoints, {} chains: {}\n",
            self.records,
            self.checkpoints,
            self.chains.len(),
            if self.ok {
                "every checkpointed record verified with the public key"
            } else {
                "VERIFICATION FAILED"
            }
        );
        for c in &self.chains {
            let _ = write!(
                s,
                "  {}: {} records, {} proven by checkpoints",
                c.chain, c.records, c.checkpointed
            );
            if c.not_yet_checkpointed > 0 {
                let _ = write!(s, ", {} not yet checkpointed", c.not_yet_checkpointed);
            }
            s.push('\n');
        }
        for p in &self.problems {
            let _ = writeln!(s, "  BREAK {p}");
        }
        s
    }
}

/// A self-contained proof that one record is in a signed tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    pub schema: String,
    /// The record, exactly as written.
    pub record: String,
    pub chain: String,
    pub leaf_index: u64,
    pub tree_size: u64,
    /// Hex hashes, leaf to root.
    pub audit_path: Vec<String>,
    /// The signed checkpoint of the tree.
    pub checkpoint: String,
}

/// The proof for the record of `event_id` (or at `position`), against the latest valid
/// checkpoint of its chain that covers it.
pub fn prove(
    audit: &Source,
    checkpoints: &Source,
    key: &VerifierKey,
    event_id: Option<&str>,
    position: Option<&str>,
) -> Result<InclusionProof, AuditToolError> {
    let (chains, _) = leaves_of(audit)?;
    let signed = checkpoints_of(checkpoints, key)?.by_chain;
    let found = chains.iter().find_map(|(chain, leaves)| {
        leaves
            .iter()
            .position(|l| match (event_id, position) {
                (Some(id), _) => l.event_id.as_deref() == Some(id),
                (None, Some(p)) => l.position.to_string() == p,
                _ => false,
            })
            .map(|i| (chain, leaves, i))
    });
    let (chain, leaves, index) =
        found.ok_or_else(|| AuditToolError::Usage("no such record in the audit trail".into()))?;
    let hashes: Vec<Hash> = leaves.iter().map(|l| l.leaf).collect();
    let s = signed
        .get(chain)
        .and_then(|cps| {
            cps.iter().rev().find(|s| {
                let size = s.checkpoint.size as usize;
                size > index
                    && size <= hashes.len()
                    && merkle::root(&hashes[..size]) == s.checkpoint.root
            })
        })
        .ok_or_else(|| {
            AuditToolError::Usage(format!(
                "the record is not yet covered by a valid checkpoint of chain {chain}"
            ))
        })?;
    let size = s.checkpoint.size as usize;
    let path = merkle::inclusion_proof(&hashes[..size], index).expect("index below size");
    Ok(InclusionProof {
        schema: PROOF_SCHEMA.into(),
        record: String::from_utf8_lossy(&leaves[index].bytes).into_owned(),
        chain: chain.clone(),
        leaf_index: index as u64,
        tree_size: s.checkpoint.size,
        audit_path: path.iter().map(hex::encode).collect(),
        checkpoint: s.note.clone(),
    })
}

/// Why a proof does not hold.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProofError {
    #[error("not a leadguard inclusion proof: {0}")]
    Malformed(String),
    #[error("checkpoint: {0}")]
    Checkpoint(#[from] checkpoint::CheckpointError),
    #[error("the checkpoint is for another log ({0})")]
    OtherLog(String),
    #[error("the record is not the one at leaf {0} of chain {1}")]
    WrongRecord(u64, String),
    #[error("the record is not in the signed tree (audit path does not lead to the root)")]
    NotIncluded,
}

/// Checks a proof with the public key alone; returns the checkpoint it rests on.
pub fn verify_proof(proof: &InclusionProof, key: &VerifierKey) -> Result<Checkpoint, ProofError> {
    if proof.schema != PROOF_SCHEMA {
        return Err(ProofError::Malformed(format!("schema {:?}", proof.schema)));
    }
    let c = Checkpoint::open(&proof.checkpoint, key)?;
    if c.origin != checkpoint::origin(key.name(), &proof.chain) || c.size != proof.tree_size {
        return Err(ProofError::OtherLog(c.origin));
    }
    let head: Head = serde_json::from_str(&proof.record)
        .map_err(|_| ProofError::Malformed("the record is not an audit record".into()))?;
    if head.chain.id != proof.chain || head.chain.seq != proof.leaf_index {
        return Err(ProofError::WrongRecord(
            proof.leaf_index,
            proof.chain.clone(),
        ));
    }
    let path = proof
        .audit_path
        .iter()
        .map(|h| hex::decode(h).ok()?.try_into().ok())
        .collect::<Option<Vec<Hash>>>()
        .ok_or_else(|| ProofError::Malformed("an audit path entry is not a hex hash".into()))?;
    let leaf = crate::audit::record_leaf(proof.record.as_bytes());
    if !merkle::verify_inclusion(&leaf, proof.leaf_index, proof.tree_size, &path, &c.root) {
        return Err(ProofError::NotIncluded);
    }
    Ok(c)
}
