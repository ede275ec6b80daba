//! The cost of signed consent proofs (C4, issue 15): one verification (µs) per algorithm, and
//! the engine's events/s on the reference examples unsigned, then with every consent entry
//! signed (Ed25519, ES256) under a policy that checks proofs. Single thread, no criterion: it
//! prints its figures. `cargo bench --bench proofs`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use leadguard::audit::InputRef;
use leadguard::clock;
use leadguard::consent_proof::{
    canonical_payload, jws, sign_event, Alg, ConsentProofs, ProofMode, SignKey,
};
use leadguard::engine::Guard;
use leadguard::file_mode;
use leadguard::policy::Policy;
use leadguard::withdrawals::{SuppressionList, WithdrawalTable};
use serde_json::Value;

/// Runs `f` for at least `budget`, returns seconds per call.
fn time(budget: Duration, mut f: impl FnMut()) -> f64 {
    for _ in 0..10 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < budget {
        for _ in 0..10 {
            f();
        }
        n += 10;
    }
    start.elapsed().as_secs_f64() / n as f64
}

fn guard(extra: &str, ex: &std::path::Path) -> (Guard, WithdrawalTable) {
    let text = std::fs::read_to_string(ex.join("policy.toml")).unwrap() + extra;
    let policy = Policy::from_bytes(text.as_bytes(), &ex.join("policy.toml"), ex).unwrap();
    let dnc = std::fs::read_to_string(ex.join("do-not-call.txt")).unwrap();
    let (suppression, _) = SuppressionList::parse(&dnc, "33");
    let guard = Guard::new(policy, suppression).unwrap();
    let mut table = WithdrawalTable::default();
    file_mode::load_withdrawals(&guard, &ex.join("withdrawals.jsonl"), &mut table).unwrap();
    (guard, table)
}

fn events_per_second(guard: &Guard, table: &WithdrawalTable, lines: &[Vec<u8>]) -> f64 {
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let mut state = guard.new_state();
    let inputs: Vec<InputRef> = (0..lines.len())
        .map(|i| InputRef::File {
            file: "bench".into(),
            line: i as u64 + 1,
        })
        .collect();
    let per_pass = time(Duration::from_secs(3), || {
        for (line, input) in lines.iter().zip(&inputs) {
            black_box(guard.process(line, input, now, table, &mut state));
        }
    });
    lines.len() as f64 / per_pass
}

fn main() {
    let ex = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let leads = std::fs::read_to_string(ex.join("leads.jsonl")).unwrap();
    let unsigned: Vec<Vec<u8>> = leads
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.as_bytes().to_vec())
        .collect();
    let keys = [
        SignKey::generate(Alg::EdDsa, "ed"),
        SignKey::generate(Alg::Es256, "es"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("proofs.jwks.json");
    let set: Vec<Value> = keys.iter().map(|k| k.public().to_jwk(&k.kid)).collect();
    std::fs::write(&jwks, serde_json::json!({"keys": set}).to_string()).unwrap();
    let proofs = ConsentProofs::new(
        keys.iter().map(|k| (k.kid.clone(), k.public())).collect(),
        ProofMode::Required,
        &Default::default(),
    );

    println!("proofs bench (single thread)");
    // One verification: parse the JWS, rebuild the signing input, verify.
    let entry = serde_json::json!({"purpose": "prospecting", "channel": "email", "granted": true,
        "method": "checkbox", "captured_at": "2026-11-20T10:14:00Z", "text_version": "2026-03",
        "proof_ref": "form:bench"});
    let subject = serde_json::json!({"email": "camille@example.fr", "phone": "+33612345678"});
    for key in &keys {
        let payload = canonical_payload(&entry, "lead-bench", &subject);
        let proof = jws::sign(key, "lead-bench", &payload);
        assert!(proofs.verify(&proof, &payload, "lead-bench").is_ok());
        let verify = time(Duration::from_secs(2), || {
            black_box(proofs.verify(black_box(&proof), &payload, "lead-bench")).unwrap();
        });
        let with_payload = time(Duration::from_secs(2), || {
            let payload = canonical_payload(black_box(&entry), "lead-bench", &subject);
            black_box(proofs.verify(&proof, &payload, "lead-bench")).unwrap();
        });
        println!(
            "  {:5}  verify {:7.1} µs   canonical payload + verify {:7.1} µs",
            key.alg().as_str(),
            verify * 1e6,
            with_payload * 1e6
        );
    }

    let mut entries = 0usize;
    let mut sign_all = |key: &SignKey| -> Vec<Vec<u8>> {
        unsigned
            .iter()
            .map(|l| match serde_json::from_slice::<Value>(l) {
                Ok(mut ev) if ev.is_object() => {
                    entries += sign_event(&mut ev, key);
                    serde_json::to_vec(&ev).unwrap()
                }
                _ => l.clone(),
            })
            .collect()
    };
    let signed_ed = sign_all(&keys[0]);
    let signed_es = sign_all(&keys[1]);
    let entries = entries / 2;

    let (plain, table) = guard("", &ex);
    let extra = format!(
        "\n[consent.proofs]\njwks = {:?}\ndefault = \"optional\"\n",
        jwks.display().to_string()
    );
    let (checking, _) = guard(&extra, &ex);
    println!(
        "  engine on the {} reference examples ({} consent entries), process only:",
        unsigned.len(),
        entries
    );
    let base = events_per_second(&plain, &table, &unsigned);
    println!("    unsigned, proofs off          {base:>9.0} events/s");
    let off = events_per_second(&checking, &table, &unsigned);
    println!("    unsigned, proofs optional     {off:>9.0} events/s");
    for (name, lines) in [("EdDSA", &signed_ed), ("ES256", &signed_es)] {
        let eps = events_per_second(&checking, &table, lines);
        println!(
            "    signed {name}, proofs optional {eps:>9.0} events/s  ({:.1} µs more per event)",
            (1.0 / eps - 1.0 / base) * 1e6
        );
    }
}
