use super::file::{KeyFile, KeyFileError};
use super::*;
use proptest::prelude::*;

fn secret(seed: u8) -> SecretKey {
    SecretKey::from_bytes([seed; 32])
}

fn ring() -> Keyring {
    Keyring::new(("e2".into(), secret(2)), vec![("e1".into(), secret(1))])
}

fn store_with(cache: usize) -> SubjectKeys {
    SubjectKeys::new(ring(), secret(9), "k1", cache)
}

fn store() -> SubjectKeys {
    store_with(DEFAULT_CACHE_CAPACITY)
}

const ALICE: SubjectMac = [1; 32];
const ALICE_PHONE: SubjectMac = [2; 32];
const BOB: SubjectMac = [3; 32];

/// Seals `text` for `who` and publishes the key (records collected in `log`).
fn seal(s: &SubjectKeys, who: &[SubjectMac], text: &str, log: &mut Vec<String>) -> String {
    let mut pending = Vec::new();
    let key = s.data_key(who, Use::Field, &mut pending).unwrap();
    let p = publish_logged(s, &pending, log);
    s.confirm(&p).unwrap();
    key.seal("e2", b"/attributes/iban", text.as_bytes())
}

/// Publishes `pending` keys, each record described into `log`.
fn publish_logged(s: &SubjectKeys, pending: &[KeyId], log: &mut Vec<String>) -> Publication<()> {
    s.publish(pending, |w| {
        log.push(describe(w));
        Ok::<_, ()>(())
    })
    .unwrap()
}

fn describe(w: KeyWrite<'_>) -> String {
    match w {
        KeyWrite::Key { id, record } => {
            format!("key {id} {}", String::from_utf8(record.to_vec()).unwrap())
        }
        KeyWrite::Tombstone { id } => format!("tombstone {id}"),
    }
}

fn open(s: &SubjectKeys, envelope: &str) -> Result<String, SubjectKeyError> {
    s.open(&ring(), Use::Field, b"/attributes/iban", envelope)
        .map(|b| String::from_utf8(b).unwrap())
}

fn erase(s: &SubjectKeys, who: &[SubjectMac], log: &mut Vec<String>) -> (u32, u32) {
    let e = s
        .erase(who, None, |w| {
            log.push(describe(w));
            Ok::<_, ()>(())
        })
        .unwrap();
    (e.now, e.total)
}

#[test]
fn a_value_sealed_for_a_person_opens_until_their_key_is_erased_and_others_stay_readable() {
    let s = store();
    let mut log = Vec::new();
    let a = seal(&s, &[ALICE], "FR7630006000011234567890189", &mut log);
    let b = seal(&s, &[BOB], "DE89370400440532013000", &mut log);
    assert!(a.starts_with("enc:e2:"), "{a}");
    assert_eq!(
        a.split(':').count(),
        4,
        "envelope names its subject key: {a}"
    );
    assert_eq!(open(&s, &a).unwrap(), "FR7630006000011234567890189");
    assert_eq!(log.len(), 2, "one key record per person: {log:?}");
    assert!(log.iter().all(|l| l.contains("\"wrapped\":\"enc:e2:")));

    assert_eq!(erase(&s, &[ALICE], &mut log), (1, 1));
    assert!(log[2].starts_with("tombstone "), "{log:?}");
    let e = open(&s, &a).unwrap_err();
    assert!(matches!(e, SubjectKeyError::Erased { .. }), "{e:?}");
    assert!(e.to_string().starts_with("subject key erased"), "{e}");
    assert_eq!(open(&s, &b).unwrap(), "DE89370400440532013000");
    // Erasing again destroys nothing more and still counts the person's destroyed key.
    assert_eq!(erase(&s, &[ALICE], &mut log), (0, 1));
}

#[test]
fn an_event_with_email_and_phone_is_shredded_by_an_erasure_naming_either() {
    for erased in [ALICE, ALICE_PHONE] {
        let s = store();
        let mut log = Vec::new();
        let both = seal(&s, &[ALICE, ALICE_PHONE], "secret", &mut log);
        let reference = both.split(':').nth(2).unwrap();
        assert_eq!(reference.split('.').count(), 2, "{both}");
        let email_only = seal(&s, &[ALICE], "email only", &mut log);
        assert_eq!(log.len(), 2, "the e-mail key is reused: {log:?}");
        assert_eq!(open(&s, &both).unwrap(), "secret");
        erase(&s, &[erased], &mut log);
        assert!(matches!(
            open(&s, &both),
            Err(SubjectKeyError::Erased { .. })
        ));
        // The e-mail-only value depends on the phone's erasure only if it used the phone key.
        assert_eq!(open(&s, &email_only).is_ok(), erased == ALICE_PHONE);
    }
}

#[test]
fn field_and_dead_letter_keys_differ_and_aad_is_bound() {
    let s = store();
    let mut pending = Vec::new();
    let dl = s.data_key(&[BOB], Use::DeadLetter, &mut pending).unwrap();
    let sealed = dl.seal("d1", b"position", b"raw event");
    let master = Keyring::new(("d1".into(), secret(4)), Vec::new());
    assert_eq!(
        s.open(&master, Use::DeadLetter, b"position", &sealed)
            .unwrap(),
        b"raw event"
    );
    for (use_, aad) in [(Use::Field, &b"position"[..]), (Use::DeadLetter, b"other")] {
        assert!(matches!(
            s.open(&master, use_, aad, &sealed),
            Err(SubjectKeyError::Crypto(CryptoError::Authentication))
        ));
    }
    // Envelopes without a subject key reference open with the master key.
    let old = master.encrypt("position", b"old");
    assert_eq!(
        s.open(&master, Use::DeadLetter, b"position", &old).unwrap(),
        b"old"
    );
    assert!(matches!(
        master.decrypt("position", &sealed),
        Err(CryptoError::SubjectKeyed)
    ));
}

#[test]
fn records_rebuild_the_table_and_a_tombstone_shreds() {
    let s = store();
    let mut log = Vec::new();
    let a = seal(&s, &[ALICE], "a", &mut log);
    let b = seal(&s, &[BOB], "b", &mut log);
    let fresh = store();
    for line in s.dump() {
        assert_eq!(fresh.load(None, Some(&line)).unwrap(), Loaded::Key);
    }
    assert_eq!(
        (open(&fresh, &a).unwrap(), open(&fresh, &b).unwrap()),
        ("a".into(), "b".into())
    );
    // Kafka form: the record keyed by its id, then a tombstone.
    let kafka = store();
    let id_a = log[0].split(' ').nth(1).unwrap().to_string();
    let rec_a = log[0].splitn(3, ' ').nth(2).unwrap().to_string();
    assert_eq!(
        kafka
            .load(Some(id_a.as_bytes()), Some(rec_a.as_bytes()))
            .unwrap(),
        Loaded::Key
    );
    assert!(kafka
        .load(Some(b"AAAAAAAAAAAAAAAA"), Some(rec_a.as_bytes()))
        .is_err());
    assert_eq!(
        kafka.load(Some(id_a.as_bytes()), None).unwrap(),
        Loaded::Destroyed
    );
    assert!(matches!(
        open(&kafka, &a),
        Err(SubjectKeyError::Erased { .. })
    ));
    // The record read again (a replay) does not bring the key back.
    assert_eq!(
        kafka
            .load(Some(id_a.as_bytes()), Some(rec_a.as_bytes()))
            .unwrap(),
        Loaded::Ignored
    );
    assert!(matches!(
        open(&kafka, &b),
        Err(SubjectKeyError::Unknown { .. })
    ));
    for bad in [
        &b"not json"[..],
        b"{\"type\":\"subject_key\"}",
        b"{\"type\":\"other\"}",
    ] {
        let e = kafka.load(None, Some(bad)).unwrap_err().to_string();
        assert!(e.starts_with("subject key record:"), "{e}");
    }
}

#[test]
fn a_key_destroyed_before_it_was_written_is_never_written() {
    let s = store();
    let mut pending = Vec::new();
    let key = s.data_key(&[ALICE], Use::Field, &mut pending).unwrap();
    let sealed = key.seal("e2", b"/attributes/iban", b"x");
    let mut log = Vec::new();
    assert_eq!(erase(&s, &[ALICE], &mut log), (1, 1));
    assert!(
        log.is_empty(),
        "no tombstone for a key never written: {log:?}"
    );
    let p = publish_logged(&s, &pending, &mut log);
    s.confirm(&p).unwrap();
    assert!(log.is_empty(), "{log:?}");
    assert!(matches!(
        open(&s, &sealed),
        Err(SubjectKeyError::Erased { .. })
    ));
}

#[test]
fn a_key_written_then_erased_is_destroyed_after_its_record() {
    let s = store();
    let mut pending = Vec::new();
    s.data_key(&[ALICE], Use::Field, &mut pending).unwrap();
    let mut log = Vec::new();
    let p = publish_logged(&s, &pending, &mut log);
    // Erased while its record is in flight: the tombstone follows it.
    erase(&s, &[ALICE], &mut log);
    s.confirm(&p).unwrap();
    assert!(
        log[0].starts_with("key ") && log[1].starts_with("tombstone "),
        "{log:?}"
    );
}

#[test]
fn a_replayed_erasure_spares_keys_of_a_new_relationship() {
    let s = store();
    let mut log = Vec::new();
    seal(&s, &[ALICE], "old", &mut log);
    let now = crate::clock::now();
    let e = s
        .erase(&[ALICE], Some(now - 3600), |_| Ok::<_, ()>(()))
        .unwrap();
    assert_eq!(e.now, 0, "the key was created after the erasure's time");
    let e = s
        .erase(&[ALICE], Some(now + 5), |_| Ok::<_, ()>(()))
        .unwrap();
    assert_eq!(e.now, 1);
}

#[test]
fn publishing_waits_for_a_key_another_worker_is_writing() {
    let s = Arc::new(store());
    let mut first = Vec::new();
    s.data_key(&[ALICE], Use::Field, &mut first).unwrap();
    let mine = s.publish(&first, |_| Ok::<_, ()>(())).unwrap();
    let mut second = Vec::new();
    s.data_key(&[ALICE], Use::Field, &mut second).unwrap();
    assert_eq!(second, first, "the key is not acknowledged yet");
    let theirs = s.publish(&second, |_| Ok::<_, ()>(())).unwrap();
    assert!(theirs.acks.is_empty(), "written once");
    let waiter = {
        let s = s.clone();
        std::thread::spawn(move || s.confirm(&theirs))
    };
    std::thread::sleep(Duration::from_millis(50));
    assert!(!waiter.is_finished());
    s.confirm(&mine).unwrap();
    waiter.join().unwrap().unwrap();
    let mut third = Vec::new();
    s.data_key(&[ALICE], Use::Field, &mut third).unwrap();
    assert!(third.is_empty(), "published keys need nothing more");
}

#[test]
fn without_a_cache_every_event_unwraps_and_derives_the_same_key() {
    let s = store_with(0);
    let mut log = Vec::new();
    let a = seal(&s, &[ALICE, ALICE_PHONE], "v", &mut log);
    assert_eq!(open(&s, &a).unwrap(), "v");
    assert_eq!(
        open(&store_with(0), &a)
            .map_err(|e| e.to_string())
            .unwrap_err(),
        SubjectKeyError::Unknown {
            id: a.split(':').nth(2).unwrap()[..16].to_string()
        }
        .to_string()
    );
}

#[test]
fn debug_and_records_never_show_a_key() {
    let s = store();
    let mut log = Vec::new();
    seal(&s, &[ALICE], "v", &mut log);
    let shown = format!("{s:?}");
    assert_eq!(
        shown,
        "SubjectKeys { keys: 1, destroyed: 0, cached: 1, .. }"
    );
    let record: serde_json::Value =
        serde_json::from_str(log[0].splitn(3, ' ').nth(2).unwrap()).unwrap();
    let fields: Vec<&str> = record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(fields, ["created_at", "id", "subject", "type", "wrapped"]);
    // The wrapped key opens only with the master key (and its id and identity as AAD).
    let other = SubjectKeys::new(
        Keyring::new(("e2".into(), secret(7)), Vec::new()),
        secret(9),
        "k1",
        16,
    );
    let line = &s.dump()[0];
    other.load(None, Some(line)).unwrap();
    let sealed = seal(&s, &[ALICE], "v", &mut log);
    assert!(matches!(
        open(&other, &sealed),
        Err(SubjectKeyError::Crypto(CryptoError::UnknownKeyId { .. }))
            | Err(SubjectKeyError::Crypto(CryptoError::Authentication))
    ));
}

#[test]
fn the_key_file_is_created_appended_and_rewritten_without_erased_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.jsonl");
    let s = store();
    let mut f = KeyFile::open(&path, &s).unwrap();
    assert!(path.exists());
    let mut pending = Vec::new();
    let ka = s.data_key(&[ALICE], Use::Field, &mut pending).unwrap();
    let kb = s.data_key(&[BOB], Use::Field, &mut pending).unwrap();
    let p = s.publish(&pending, |w| f.append(w)).unwrap();
    s.confirm(&p).unwrap();
    let (a, b) = (
        ka.seal("e2", b"/attributes/iban", b"a"),
        kb.seal("e2", b"/attributes/iban", b"b"),
    );
    let reopened = store();
    KeyFile::open(&path, &reopened).unwrap();
    assert_eq!(open(&reopened, &a).unwrap(), "a");

    s.erase(&[ALICE], None, |_| Ok::<_, ()>(())).unwrap();
    s.record_erasure("ERA-1", 1_800_000_000);
    f.rewrite(&s).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("\"type\":\"destroyed\"") && text.contains("ERA-1"));
    let after = store();
    KeyFile::open(&path, &after).unwrap();
    assert!(matches!(
        open(&after, &a),
        Err(SubjectKeyError::Erased { .. })
    ));
    assert_eq!(open(&after, &b).unwrap(), "b");
    assert_eq!(after.erasure_applied_at("ERA-1"), Some(1_800_000_000));
}

#[test]
fn a_key_file_cut_short_loses_only_its_last_line_and_garbage_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.jsonl");
    let s = store();
    let mut log = Vec::new();
    seal(&s, &[ALICE], "a", &mut log);
    let line = String::from_utf8(s.dump()[0].clone()).unwrap();
    std::fs::write(&path, format!("{line}\n{}", &line[..40])).unwrap();
    let t = store();
    let mut f = KeyFile::open(&path, &t).unwrap();
    assert_eq!(t.len(), 1);
    f.append(KeyWrite::Tombstone {
        id: "AAAAAAAAAAAAAAAA",
    })
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 2, "the cut line is gone: {text}");

    std::fs::write(&path, format!("{line}\nnot a record\n\n{line}\n")).unwrap();
    match KeyFile::open(&path, &store()) {
        Err(KeyFileError::Corrupt { lines, .. }) => assert_eq!(lines, [2]),
        other => panic!("{other:?}"),
    }
}

proptest! {
    #[test]
    fn sealed_values_round_trip(value in proptest::collection::vec(any::<u8>(), 0..300),
                                aad in "[a-z/]{0,40}", two in any::<bool>()) {
        let s = store_with(2);
        let who: &[SubjectMac] = if two { &[ALICE, BOB] } else { &[BOB] };
        let mut pending = Vec::new();
        let key = s.data_key(who, Use::Field, &mut pending).unwrap();
        let sealed = key.seal("e2", aad.as_bytes(), &value);
        prop_assert_eq!(s.open(&ring(), Use::Field, aad.as_bytes(), &sealed).unwrap(), value);
    }
}
