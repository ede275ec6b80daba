use super::*;
use proptest::prelude::*;
use std::io::Write;

const KEY_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const KEY_B64: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

fn key(seed: u8) -> SecretKey {
    let mut bytes = [0u8; KEY_LEN];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = seed.wrapping_add(i as u8);
    }
    SecretKey::from_bytes(bytes)
}

fn ring() -> Keyring {
    Keyring::new(("k2".into(), key(2)), vec![("k1".into(), key(1))])
}

// -- keys -------------------------------------------------------------------------------

#[test]
fn debug_never_shows_key_material() {
    let k = key(0);
    assert_eq!(format!("{k:?}"), "SecretKey(<redacted>)");
    let t = TokenKey::new("k1", k.clone());
    let shown = format!("{t:?} {:?} {:#?}", ring(), t);
    assert!(!shown.contains(KEY_HEX), "{shown}");
    assert!(!shown.contains("0001020304"), "{shown}");
    assert!(shown.contains("k1"));
}

#[test]
fn key_ids() {
    for ok in ["k1", "pseudonym-2026_01", "A", &"x".repeat(32)] {
        assert!(is_valid_key_id(ok), "{ok}");
    }
    for bad in ["", "a:b", "a b", "clé", &"x".repeat(33)] {
        assert!(!is_valid_key_id(bad), "{bad}");
    }
}

#[test]
fn key_material_formats() {
    let hex = SecretKey::from_material(KEY_HEX).expect("hex");
    let upper = SecretKey::from_material(&KEY_HEX.to_uppercase()).expect("HEX");
    let b64 = SecretKey::from_material(&format!("  {KEY_B64}\n")).expect("base64");
    assert_eq!(hex.expose_secret(), key(0).expose_secret());
    assert_eq!(upper.expose_secret(), key(0).expose_secret());
    assert_eq!(b64.expose_secret(), key(0).expose_secret());
    for bad in [
        "",
        &KEY_HEX[..62],
        &format!("{KEY_HEX}00"),
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==", // 31 bytes
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", // 34 bytes
        "not a key at all",
    ] {
        assert!(SecretKey::from_material(bad).is_none(), "{bad}");
    }
}

#[test]
fn key_spec_from_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut f = std::fs::File::create(dir.path().join("pseudo.key")).expect("create");
    writeln!(f, "{KEY_HEX}").expect("write");
    let spec = KeySpec {
        id: "k1".into(),
        file: Some("pseudo.key".into()),
        env: None,
    };
    let k = spec.load(dir.path()).expect("relative to base dir");
    assert_eq!(k.expose_secret(), key(0).expose_secret());
    let absolute = KeySpec {
        file: Some(dir.path().join("pseudo.key")),
        ..spec.clone()
    };
    assert!(absolute.load(Path::new("/nonexistent")).is_ok());

    let missing = KeySpec {
        file: Some("absent.key".into()),
        ..spec.clone()
    };
    let err = missing.load(dir.path()).unwrap_err();
    assert!(matches!(err, CryptoError::KeyFile { .. }));
    assert!(err.to_string().contains("absent.key") && err.to_string().contains("k1"));

    std::fs::write(dir.path().join("bad.key"), "secret-but-wrong-length").expect("write");
    let bad = KeySpec {
        file: Some("bad.key".into()),
        ..spec
    };
    let err = bad.load(dir.path()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, CryptoError::KeyMaterial { .. }));
    assert!(
        msg.contains("bad.key") && !msg.contains("secret-but-wrong-length"),
        "{msg}"
    );
}

#[test]
fn key_spec_from_env() {
    let var = "LEADGUARD_TEST_CRYPTO_KEY_SPEC_FROM_ENV";
    std::env::set_var(var, KEY_B64);
    let spec = KeySpec {
        id: "audit-1".into(),
        file: None,
        env: Some(var.into()),
    };
    let k = spec.load(Path::new(".")).expect("env key");
    assert_eq!(k.expose_secret(), key(0).expose_secret());

    let bad_var = "LEADGUARD_TEST_CRYPTO_KEY_SPEC_BAD_ENV";
    std::env::set_var(bad_var, "hunter2");
    let err = KeySpec {
        env: Some(bad_var.into()),
        ..spec.clone()
    }
    .load(Path::new("."))
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(bad_var) && !msg.contains("hunter2"), "{msg}");

    let err = KeySpec {
        env: Some("LEADGUARD_TEST_CRYPTO_KEY_SPEC_UNSET".into()),
        ..spec
    }
    .load(Path::new("."))
    .unwrap_err();
    assert!(matches!(err, CryptoError::KeyEnvMissing { .. }));
}

#[test]
fn key_spec_shape_errors() {
    let both = KeySpec {
        id: "k1".into(),
        file: Some("a".into()),
        env: Some("B".into()),
    };
    assert!(matches!(
        both.load(Path::new(".")),
        Err(CryptoError::KeySource { .. })
    ));
    let neither = KeySpec {
        id: "k1".into(),
        file: None,
        env: None,
    };
    assert!(matches!(
        neither.load(Path::new(".")),
        Err(CryptoError::KeySource { .. })
    ));
    let bad_id = KeySpec {
        id: "k:1".into(),
        file: None,
        env: Some("X".into()),
    };
    assert!(matches!(
        bad_id.load(Path::new(".")),
        Err(CryptoError::InvalidKeyId { .. })
    ));
}

#[test]
fn key_spec_deserialises_strictly() {
    let spec: KeySpec =
        serde_json::from_str(r#"{"id":"k1","env":"LEADGUARD_KEY"}"#).expect("valid");
    assert_eq!(spec.env.as_deref(), Some("LEADGUARD_KEY"));
    assert!(serde_json::from_str::<KeySpec>(r#"{"id":"k1","env":"X","value":"00"}"#).is_err());
}

#[test]
fn generated_keys_are_random_hex() {
    let a = generate_key_hex();
    let b = generate_key_hex();
    assert_eq!(a.len(), 64);
    assert!(a
        .bytes()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_ne!(a, b);
    assert!(SecretKey::from_material(&a).is_some());
}

// -- tokens -----------------------------------------------------------------------------

#[test]
fn token_known_answer_and_format() {
    // HMAC-SHA-256(key = 00..1f, "camille.martin@example.fr"), computed independently.
    let t = TokenKey::new("k1", key(0));
    assert_eq!(
        t.token(b"camille.martin@example.fr"),
        "hmac:k1:0c46dd4d09bc463a9deeb20f780cd590e9445eaabc3a6d5888e63c8f9bcdc3f5"
    );
    assert_eq!(
        hex::encode(t.mac(&[b"ab", b"c"])),
        "f0133729c4163dede81e21cd47839256da58171238c8a0d874397c73b14e1e47"
    );
    assert_eq!(t.mac(&[b"abc"]), t.mac(&[b"ab", b"c"]));
    assert_eq!(t.id(), "k1");
}

#[test]
fn a_token_written_as_json_is_the_token_as_a_json_string() {
    for id in ["k1", "odd\"id"] {
        let t = TokenKey::new(id, key(0));
        let mut out = Vec::new();
        t.write_token_json(b"camille.martin@example.fr", &mut out);
        let written: String = serde_json::from_slice(&out).expect("a JSON string");
        assert_eq!(written, t.token(b"camille.martin@example.fr"), "{id}");
    }
}

#[test]
fn verify_accepts_the_mac_and_refuses_any_flipped_bit() {
    let t = TokenKey::new("k1", key(0));
    let tag = t.mac(&[b"ab", b"c"]);
    assert!(t.verify(&[b"abc"], &tag));
    for bit in 0..8 * tag.len() {
        let mut bad = tag;
        bad[bit / 8] ^= 1 << (bit % 8);
        assert!(!t.verify(&[b"abc"], &bad), "bit {bit}");
    }
    assert!(!t.verify(&[b"abd"], &tag), "other message");
    assert!(!t.verify(&[b"abc"], &tag[..31]), "truncated tag");
    assert!(!t.verify(&[b"abc"], &[]), "empty tag");
    assert!(
        !TokenKey::new("k1", key(1)).verify(&[b"abc"], &tag),
        "other key"
    );
}

#[test]
fn tokens_depend_on_key_and_value() {
    let a = TokenKey::new("k1", key(0));
    let b = TokenKey::new("k1", key(9));
    let v = b"+33612345678";
    assert_eq!(a.token(v), a.token(v), "deterministic");
    assert_ne!(a.token(v), b.token(v), "keyed");
    assert_ne!(a.token(v), a.token(b"+33612345679"));
    let plain_sha = {
        use sha2::Digest;
        hex::encode(Sha256::digest(v))
    };
    assert!(!a.token(v).contains(&plain_sha), "not a plain hash (P1)");
}

// -- envelopes --------------------------------------------------------------------------

#[test]
fn envelope_format_and_rotation() {
    let old = Keyring::new(("k1".into(), key(1)), Vec::new());
    let old_env = old.encrypt("/attributes/iban", b"FR7630006000011234567890189");
    assert!(old_env.starts_with("enc:k1:"));
    let r = ring();
    assert_eq!(r.current_id(), "k2");
    let new_env = r.encrypt("/attributes/iban", b"x");
    assert!(new_env.starts_with("enc:k2:"));
    // nonce 12 + plaintext 1 + tag 16 = 29 bytes = 39 base64url characters.
    assert_eq!(new_env.len(), "enc:k2:".len() + 39);
    assert_eq!(
        r.decrypt("/attributes/iban", &old_env)
            .expect("old key still decrypts"),
        b"FR7630006000011234567890189"
    );
    let gone = Keyring::new(("k3".into(), key(3)), Vec::new());
    assert!(matches!(
        gone.decrypt("/attributes/iban", &old_env),
        Err(CryptoError::UnknownKeyId { .. })
    ));
}

#[test]
fn malformed_envelopes() {
    let r = ring();
    for bad in [
        "",
        "k2:AAAA",
        "enc:k2",
        "enc::AAAA",
        "enc:k 2:AAAA",
        "enc:k2:AAAA",
        "enc:k2:not base64!",
        "enc:k2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ] {
        assert!(
            matches!(
                r.decrypt("/p", bad),
                Err(CryptoError::MalformedEnvelope { .. })
            ),
            "{bad}"
        );
    }
    let env = r.encrypt("/p", b"value");
    let err = r.decrypt("/q", &env).unwrap_err();
    assert!(matches!(err, CryptoError::Authentication));
    assert!(!err.to_string().contains("value"));
}

#[test]
fn keyring_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Keyring>();
    assert_send_sync::<TokenKey>();
}

fn aad_strategy() -> impl Strategy<Value = String> {
    prop_oneof!["/[a-z_]{1,12}(/[a-z_0-9]{1,12}){0,3}", any::<String>()]
}

proptest! {
    #[test]
    fn round_trip(plaintext in prop::collection::vec(any::<u8>(), 0..512), aad in aad_strategy()) {
        let r = ring();
        let env = r.encrypt(&aad, &plaintext);
        prop_assert_eq!(r.decrypt(&aad, &env).ok(), Some(plaintext));
    }

    #[test]
    fn any_flipped_byte_fails(
        plaintext in prop::collection::vec(any::<u8>(), 0..64),
        pos in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let r = ring();
        let env = r.encrypt("/attributes/iban", &plaintext);
        let mut raw = URL_SAFE_NO_PAD.decode(&env["enc:k2:".len()..]).unwrap_or_default();
        let i = pos.index(raw.len());
        raw[i] ^= flip;
        let tampered = format!("enc:k2:{}", URL_SAFE_NO_PAD.encode(&raw));
        prop_assert!(matches!(r.decrypt("/attributes/iban", &tampered), Err(CryptoError::Authentication)));
    }

    #[test]
    fn wrong_aad_fails(plaintext in prop::collection::vec(any::<u8>(), 0..64), a in aad_strategy(), b in aad_strategy()) {
        prop_assume!(a != b);
        let r = ring();
        let env = r.encrypt(&a, &plaintext);
        prop_assert!(matches!(r.decrypt(&b, &env), Err(CryptoError::Authentication)));
    }

    #[test]
    fn encryptions_use_fresh_nonces(plaintext in prop::collection::vec(any::<u8>(), 0..64)) {
        let r = ring();
        let a = r.encrypt("/p", &plaintext);
        let b = r.encrypt("/p", &plaintext);
        prop_assert_ne!(&a[..20], &b[..20]);
        prop_assert_ne!(a, b);
    }
}
