//! The engine alone on the reference examples mix, single thread: judge, transform, seal the
//! audit record. `cargo bench --bench engine`; throughput is reported in events/s (elements).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leadguard::audit::InputRef;
use leadguard::clock;

mod common;

fn engine(c: &mut Criterion) {
    let (guard, table, lines) = common::setup();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let mut state = guard.new_state();
    let mut chain = guard.audit_chain("bench/0".into(), None);
    let inputs: Vec<InputRef> = (0..lines.len())
        .map(|i| InputRef::Kafka {
            topic: "leads.raw".into(),
            partition: 0,
            offset: i as i64,
        })
        .collect();

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

criterion_group!(benches, engine);
criterion_main!(benches);

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
