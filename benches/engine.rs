//! The engine alone on the reference examples mix, single thread: judge, transform, seal the
//! audit record. `cargo bench --bench engine`; throughput is reported in events/s (elements).

use std::hint::black_box;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use leadguard::audit::InputRef;
use leadguard::clock;
use leadguard::engine::{Guard, State};
use leadguard::subject_keys::{SubjectKeys, DEFAULT_CACHE_CAPACITY};

mod common;

/// Positions `leads.raw/0@0…n−1`, made once so that the timed loops build none.
fn kafka_inputs(n: usize) -> Vec<InputRef> {
    (0..n)
        .map(|i| InputRef::Kafka {
            topic: "leads.raw".into(),
            partition: 0,
            offset: i as i64,
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let (guard, table, lines) = common::setup();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let mut state = guard.new_state();
    let mut chain = guard.audit_chain("bench/0".into(), None);
    let inputs = kafka_inputs(lines.len());

    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("examples_mix_process_and_seal", |b| {
        b.iter(|| {
            for (line, input) in lines.iter().zip(&inputs) {
                let mut p = guard.process(line, input, now, &table, &mut state);
                black_box(chain.seal(&mut p.audit));
                black_box(&p.outputs);
            }
        })
    });
    g.bench_function("examples_mix_process_only", |b| {
        b.iter(|| {
            for (line, input) in lines.iter().zip(&inputs) {
                black_box(guard.process(line, input, now, &table, &mut state));
            }
        })
    });
    g.finish();

    // The fixed costs every event pays before any rule: where the per-event budget goes.
    let mut g = c.benchmark_group("phases");
    g.throughput(Throughput::Elements(lines.len() as u64));
    let texts: Vec<&str> = lines
        .iter()
        .filter_map(|l| std::str::from_utf8(l).ok())
        .collect();
    g.bench_function("parse_serde_json_from_str", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(serde_json::from_str::<serde_json::Value>(text).ok());
            }
        })
    });
    // What the engine does: parse into the previous event's tree.
    let mut slot = serde_json::Value::Null;
    g.bench_function("parse_into_reused_value", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(leadguard::json_in::parse_into(&mut slot, text).is_ok());
            }
        })
    });
    let values: Vec<serde_json::Value> = lines
        .iter()
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect();
    g.bench_function("validate_schema", |b| {
        b.iter(|| {
            for v in &values {
                black_box(guard.policy.lead_schema.check(v).is_ok());
            }
        })
    });
    let records: Vec<_> = lines
        .iter()
        .zip(&inputs)
        .map(|(line, input)| guard.process(line, input, now, &table, &mut state).audit)
        .collect();
    g.bench_function("seal_audit", |b| {
        b.iter(|| {
            for r in &records {
                let mut r = r.clone();
                black_box(chain.seal(&mut r));
            }
        })
    });
    g.finish();
}

/// Makes every key an event created durable (as a driver does once acknowledged).
fn publish(keys: &SubjectKeys, p: &leadguard::engine::Processed) {
    let published = keys.publish(&p.subject_keys, |_| Ok::<(), ()>(())).unwrap();
    keys.confirm(&published).unwrap();
}

/// Crypto-shredding (issue 13): the engine with per-subject data keys against today's single
/// master key, on the reference mix and on its events that seal a value (IBANs, consented
/// special categories, subject-keyed dead letters):
/// - `single_key`: no key store (values sealed under the master key);
/// - `cache_hit`: the persons' keys exist and their data-key ciphers are cached;
/// - `cache_miss`: the keys exist, no cache: every event unwraps its keys and derives (HKDF);
/// - `new_persons`: a fresh store each pass: every person's keys are created (random key,
///   wrapped) the first time they are met, as for a stream of new leads.
fn subject_keys(c: &mut Criterion) {
    let (guard, table, lines) = common::setup();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let input = InputRef::Kafka {
        topic: "leads.raw".into(),
        partition: 0,
        offset: 0,
    };
    let with_keys = |g: &Guard, cache: usize| {
        let keys = Arc::new(g.subject_keys(cache));
        (keys.clone(), g.new_state().with_subject_keys(Some(keys)))
    };
    // The events that seal something: those that need a key in a store of their own.
    let sealing: Vec<Vec<u8>> = lines
        .iter()
        .filter(|l| {
            let (_, mut state) = with_keys(&guard, DEFAULT_CACHE_CAPACITY);
            !guard
                .process(l, &input, now, &table, &mut state)
                .subject_keys
                .is_empty()
        })
        .cloned()
        .collect();
    eprintln!(
        "{} of the {} example events seal a value",
        sealing.len(),
        lines.len()
    );
    for (name, set) in [("mix", &lines), ("sealing_events", &sealing)] {
        let mut g = c.benchmark_group(format!("subject_keys_{name}"));
        g.throughput(Throughput::Elements(set.len() as u64));
        let run = |state: &mut State| {
            for line in set.iter() {
                black_box(guard.process(line, &input, now, &table, state));
            }
        };
        let mut single = guard.new_state();
        g.bench_function("single_key", |b| b.iter(|| run(&mut single)));
        for (case, cache) in [("cache_hit", DEFAULT_CACHE_CAPACITY), ("cache_miss", 0)] {
            let (keys, mut state) = with_keys(&guard, cache);
            for line in set.iter() {
                publish(&keys, &guard.process(line, &input, now, &table, &mut state));
            }
            g.bench_function(case, |b| b.iter(|| run(&mut state)));
        }
        // Same (warm) I3 index as the others: only the keys are new.
        let index = single.index.clone();
        g.bench_function("new_persons", |b| {
            b.iter_batched(
                || {
                    let keys = Arc::new(guard.subject_keys(DEFAULT_CACHE_CAPACITY));
                    guard
                        .shared_state(index.clone(), false)
                        .with_subject_keys(Some(keys))
                },
                |mut state| run(&mut state),
                BatchSize::SmallInput,
            )
        });
        g.finish();
    }
}

/// Signed checkpoints (issue 14): the Merkle tree each sealed record extends (a SHA-256 of the
/// record) and the due checkpoints (one Ed25519 signature per `every` records), against a chain
/// that keeps no tree. The reference policy checkpoints every 1,000 records.
fn checkpoints(c: &mut Criterion) {
    let (guard, table, lines) = common::setup();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let inputs = kafka_inputs(lines.len());
    let mut g = c.benchmark_group("checkpoints");
    g.throughput(Throughput::Elements(lines.len() as u64));
    for (name, tree) in [("without_tree", false), ("with_tree_and_checkpoints", true)] {
        let mut state = guard.new_state();
        let mut chain = if tree {
            guard.audit_chain("bench/0".into(), None)
        } else {
            leadguard::audit::AuditChain::new(guard.audit_key().clone(), "bench/0".into(), None)
        };
        assert_eq!(chain.frontier().is_some(), tree);
        g.bench_function(name, |b| {
            b.iter(|| {
                for (line, input) in lines.iter().zip(&inputs) {
                    let mut p = guard.process(line, input, now, &table, &mut state);
                    black_box(chain.seal(&mut p.audit));
                    black_box(guard.checkpoint(&mut chain, "leads.raw/0@1", now, false));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, engine, subject_keys, checkpoints);
criterion_main!(benches);

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
