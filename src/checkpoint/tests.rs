use super::*;

/// The example key and note of Go's `golang.org/x/mod/sumdb/note` documentation.
const GO_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                       then you don't know what your problem is.\n";
const GO_SIGNATURE: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

#[test]
fn keys_and_signatures_match_go_note() {
    let signer = SignerKey::parse(GO_SKEY).unwrap();
    assert_eq!(signer.verifier().to_text(), GO_VKEY);
    assert_eq!(VerifierKey::parse(GO_VKEY).unwrap(), signer.verifier());
    let signature = signer.key.sign(GO_TEXT.as_bytes());
    let mut blob = signer.id.to_vec();
    blob.extend_from_slice(&signature.to_bytes());
    let line = format!(
        "{SIGNATURE_PREFIX}{} {}\n",
        signer.name,
        STANDARD.encode(blob)
    );
    assert_eq!(line, GO_SIGNATURE);
    let debug = format!("{signer:?}");
    assert!(
        debug.contains("PeterNeumann") && !debug.contains("AYEKFALV"),
        "{debug}"
    );
}

fn sample() -> Checkpoint {
    Checkpoint {
        origin: origin("audit.example.org", "leads.raw/3"),
        size: 1234,
        root: [7; 32],
        input: Some("leads.raw/3@1240".into()),
        time: Some("2026-12-02T10:00:00Z".into()),
    }
}

#[test]
fn a_signed_checkpoint_opens_with_its_key_and_only_with_it() {
    let (key, secret, public) = SignerKey::generate("audit.example.org").unwrap();
    assert!(secret.starts_with("PRIVATE+KEY+audit.example.org+"));
    assert_eq!(
        SignerKey::parse(&secret).unwrap().verifier(),
        key.verifier()
    );
    let vkey = VerifierKey::parse(&public).unwrap();
    let note = sample().sign(&key);
    assert!(note.starts_with(
        "audit.example.org/leads.raw/3\n1234\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n\
         leadguard-input leads.raw/3@1240\nleadguard-time 2026-12-02T10:00:00Z\n\n\u{2014} \
         audit.example.org "
    ));
    assert_eq!(Checkpoint::open(&note, &vkey).unwrap(), sample());

    // Any change to the body breaks the signature.
    let forged = note.replacen("1234", "1235", 1);
    assert_eq!(
        Checkpoint::open(&forged, &vkey),
        Err(CheckpointError::BadSignature("audit.example.org".into()))
    );
    // Another key of the same name: not its signature.
    let (other, _, _) = SignerKey::generate("audit.example.org").unwrap();
    let by_other = sample().sign(&other);
    assert_eq!(
        Checkpoint::open(&by_other, &vkey),
        Err(CheckpointError::Unsigned("audit.example.org".into()))
    );
    assert!(matches!(
        Checkpoint::open("no signature here", &vkey),
        Err(CheckpointError::Malformed(_))
    ));
}

#[test]
fn origins_escape_what_the_format_forbids() {
    assert_eq!(
        origin("k", "file:my leads+v2%.jsonl"),
        "k/file:my%20leads%2Bv2%25.jsonl"
    );
    assert!(SignerKey::generate("has space").is_err());
    assert!(VerifierKey::parse("name+0000+AAAA").is_err());
}
