use super::*;
use crate::crypto::{SecretKey, TokenKey};
use crate::merkle::{self, Frontier};
use sha2::{Digest, Sha256};

fn key() -> TokenKey {
    TokenKey::new("a1", SecretKey::from_bytes([7; 32]))
}

fn record(n: i64) -> AuditRecord {
    AuditRecord {
        schema: AUDIT_SCHEMA_NAME.into(),
        kind: None,
        event_id: Some(format!("lead-{n}")),
        subject_ref: None,
        subject_refs: vec![],
        input: InputRef::Kafka {
            topic: "leads.raw".into(),
            partition: 3,
            offset: n,
        },
        processed_at: "2026-11-22T12:00:00Z".into(),
        occurred_at: Some("2026-11-20T10:15:00Z".into()),
        dataset: None,
        outcome: Outcome::Forwarded,
        reasons: vec![],
        detail: Some("quote \" and \\ and \u{1}".into()),
        destinations: vec![AuditDestination {
            name: "crm".into(),
            outcome: DestOutcome::Forwarded,
            channels: vec!["email".into()],
            reasons: vec![],
            basis: vec![("email".into(), "consent:form:x".into())],
            fields: vec![("/subject/email".into(), Applied::Clear)],
            transfer: Some(TransferRef {
                country: "MA".into(),
                safeguard: "scc".into(),
            }),
            details: vec![
                AuditDetail {
                    reason: "consent.unprovable".into(),
                    channel: Some("email".into()),
                    code: "signature.invalid".into(),
                },
                AuditDetail {
                    reason: "objection".into(),
                    channel: None,
                    code: "signal.gpc".into(),
                },
            ],
        }],
        flags: vec!["transfer.safeguarded".into()],
        findings: vec![Finding {
            path: "/attributes/message".into(),
            category: "iban".into(),
            action: "redact".into(),
        }],
        interconnections: vec![Interconnection {
            datasets: vec!["a".into(), "b".into()],
            status: InterconnectionStatus::Authorised,
            reference: Some("DPIA-1".into()),
        }],
        withdrawals_applied: 2,
        erasure: None,
        signals: Some(serde_json::json!({"gpc": true, "tcf": {"cmp_id": 300}})),
        policy: PolicyRef {
            version: "v".into(),
            sha256: "0".repeat(64).into(),
        },
        chain: ChainRef::default(),
    }
}

#[test]
fn hand_written_json_is_serde_json() {
    let r = record(1);
    let mut out = Vec::new();
    r.write_json(&mut out);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        serde_json::to_string(&r).unwrap()
    );
    let back: AuditRecord = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn an_erasure_record_is_written_as_serde_json_writes_it() {
    let mut r = record(4);
    r.kind = Some("erasure".into());
    r.outcome = Outcome::Erased;
    r.destinations.clear();
    r.erasure = Some(ErasureRef {
        reference: "ERA-1".into(),
        at: "2026-11-21T08:00:00Z".into(),
        via: Some("dpo_email".into()),
        keys_destroyed: 2,
    });
    let mut out = Vec::new();
    r.write_json(&mut out);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), json);
    assert!(json.starts_with(r#"{"schema":"leadguard.audit/v2","kind":"erasure","#));
    let back: AuditRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn a2_chain_detects_edit_removal_and_reordering() {
    let mut chain = AuditChain::new(key(), "leads.raw/3".into(), None);
    let lines: Vec<Vec<u8>> = (0..4).map(|n| chain.seal(&mut record(n))).collect();
    let mut v = ChainVerifier::new(&key(), "leads.raw/3");
    for l in &lines {
        v.next(&verify_record(&key(), l).unwrap()).unwrap();
    }
    // Edited.
    let edited = String::from_utf8(lines[1].clone())
        .unwrap()
        .replace("lead-1", "lead-9");
    assert_eq!(
        verify_record(&key(), edited.as_bytes()),
        Err(ChainError::BadHash)
    );
    // Removed: record 2 follows record 0.
    let mut v = ChainVerifier::new(&key(), "leads.raw/3");
    v.next(&verify_record(&key(), &lines[0]).unwrap()).unwrap();
    assert_eq!(
        v.next(&verify_record(&key(), &lines[2]).unwrap()),
        Err(ChainError::BadPrev)
    );
    // First record removed: the genesis is bound to the chain id.
    let mut v = ChainVerifier::new(&key(), "leads.raw/3");
    assert_eq!(
        v.next(&verify_record(&key(), &lines[1]).unwrap()),
        Err(ChainError::BadPrev)
    );
    // Forged without the key.
    let other = TokenKey::new("a1", SecretKey::from_bytes([8; 32]));
    assert_eq!(verify_record(&other, &lines[0]), Err(ChainError::BadHash));
}

#[test]
fn a_one_bit_change_fails_verification() {
    let mut chain = AuditChain::new(key(), "leads.raw/3".into(), None);
    let line = chain.seal(&mut record(0));
    assert!(verify_record(&key(), &line).is_ok());
    let hash_at = line.len() - 3 - 64;
    for i in 0..line.len() {
        for bit in 0..8 {
            let mut bad = line.clone();
            bad[i] ^= 1 << bit;
            let result = verify_record(&key(), &bad);
            assert!(result.is_err(), "byte {i} bit {bit} still verifies");
            // Inside the hash, a flipped low bit is another hex digit or no hex digit (the
            // top bit makes the line invalid UTF-8: not a record).
            if (hash_at..line.len() - 3).contains(&i) && bit < 7 {
                assert_eq!(result, Err(ChainError::BadHash), "byte {i} bit {bit}");
            }
        }
    }
    // Upper-case hex of the right MAC is still an edit of the record.
    let mut upper = line.clone();
    upper[hash_at..line.len() - 3].make_ascii_uppercase();
    if upper != line {
        assert_eq!(verify_record(&key(), &upper), Err(ChainError::BadHash));
    }
}

#[test]
fn a_resumed_chain_continues_from_its_head() {
    let mut chain = AuditChain::new(key(), "c".into(), None);
    let first = chain.seal(&mut record(0));
    let link = verify_record(&key(), &first).unwrap();
    let mut resumed = AuditChain::new(key(), "c".into(), Some((link.seq, link.hash.clone())));
    let second = resumed.seal(&mut record(1));
    let mut v = ChainVerifier::new(&key(), "c");
    v.next(&link).unwrap();
    v.next(&verify_record(&key(), &second).unwrap()).unwrap();
}

/// A record sealed as the v1 writer sealed it: the MAC over the canonical bytes themselves.
fn seal_v1(key: &TokenKey, chain: &str, head: Option<(u64, String)>, n: i64) -> Vec<u8> {
    let (seq, prev) = head.map_or((0, genesis(key, chain)), |(s, h)| (s + 1, h));
    let mut r = record(n);
    r.schema = "leadguard.audit/v1".into();
    r.chain = ChainRef {
        id: chain.into(),
        seq,
        prev,
        hash: String::new(),
    };
    let mut bytes = Vec::new();
    r.write_json(&mut bytes);
    let hash = hex::encode(key.mac(&[&bytes]));
    bytes.truncate(bytes.len() - 2);
    bytes.extend_from_slice(format!(",\"hash\":\"{hash}\"}}}}").as_bytes());
    bytes
}

#[test]
fn a2_v1_records_still_verify_and_their_chain_goes_on_in_v2() {
    let v1_first = seal_v1(&key(), "c", None, 0);
    let first = verify_record(&key(), &v1_first).unwrap();
    let v1_second = seal_v1(&key(), "c", Some((first.seq, first.hash.clone())), 1);
    let second = verify_record(&key(), &v1_second).unwrap();
    assert_eq!(Format::of(&v1_second), Format::V1);
    // After an upgrade the writer resumes the chain from its last v1 record, in v2.
    let mut chain = AuditChain::new(key(), "c".into(), Some((second.seq, second.hash.clone())));
    let v2_third = chain.seal(&mut record(2));
    assert_eq!(Format::of(&v2_third), Format::V2);
    let mut v = ChainVerifier::new(&key(), "c");
    for line in [&v1_first, &v1_second, &v2_third] {
        v.next(&verify_record(&key(), line).unwrap()).unwrap();
    }
    // The checkpoints' leaves: a v1 record's whole line, a v2 record's digest and MAC.
    assert_eq!(record_leaf(&v1_first), merkle::leaf_hash(&v1_first));
    let text = String::from_utf8(v2_third.clone()).unwrap();
    let hash = verify_record(&key(), &v2_third).unwrap().hash;
    let canonical = text.replace(&format!(",\"hash\":\"{hash}\""), "");
    let mut entry = Sha256::digest(canonical.as_bytes()).to_vec();
    entry.extend_from_slice(&hex::decode(&hash).unwrap());
    assert_eq!(record_leaf(&v2_third), merkle::leaf_hash(&entry));
    // Every byte of the line counts, the hash member too.
    let other_hash = text.replace(&hash, &"0".repeat(64));
    assert_ne!(record_leaf(other_hash.as_bytes()), record_leaf(&v2_third));
}

#[test]
fn a2_a_record_relabelled_to_the_other_format_does_not_verify() {
    let v1 = String::from_utf8(seal_v1(&key(), "c", None, 0)).unwrap();
    let as_v2 = v1.replacen("leadguard.audit/v1", "leadguard.audit/v2", 1);
    assert_eq!(
        verify_record(&key(), as_v2.as_bytes()),
        Err(ChainError::BadHash)
    );
    let mut chain = AuditChain::new(key(), "c".into(), None);
    let v2 = String::from_utf8(chain.seal(&mut record(0))).unwrap();
    let as_v1 = v2.replacen("leadguard.audit/v2", "leadguard.audit/v1", 1);
    assert_eq!(
        verify_record(&key(), as_v1.as_bytes()),
        Err(ChainError::BadHash)
    );
}

#[test]
fn a2_the_checkpointed_tree_holds_the_leaves_the_tools_recompute() {
    let mut chain = AuditChain::new(key(), "c".into(), None);
    assert!(chain.keep_tree(Frontier::default()));
    let leaves: Vec<_> = (0..5)
        .map(|n| record_leaf(&chain.seal(&mut record(n))))
        .collect();
    assert_eq!(chain.frontier().unwrap().root(), merkle::root(&leaves));
}
