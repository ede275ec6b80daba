//! Bench binary: the engine alone on the reference examples mix, single thread, a fixed number
//! of events, printing events/s (`cargo bench --bench throughput [-- EVENTS]`). A fixed count
//! also makes `perf stat -e instructions` comparable between builds on a busy machine.

use std::hint::black_box;
use std::time::Instant;

use leadguard::audit::InputRef;
use leadguard::clock;

mod common;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` does not: then a short smoke run.
    let bench = args.iter().any(|a| a == "--bench");
    let events: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(if bench { 500_000 } else { 2_000 });
    let (guard, table, lines) = common::setup();
    let now = clock::parse("2026-11-22T12:00:00Z").unwrap();
    let mut state = guard.new_state();
    let mut chain = guard.audit_chain("bench/0".into(), None);

    let run = |n: usize,
               state: &mut leadguard::engine::State,
               chain: &mut leadguard::audit::AuditChain| {
        let mut bytes = 0usize;
        for i in 0..n {
            let line = &lines[i % lines.len()];
            let input = InputRef::Kafka {
                topic: "leads.raw".into(),
                partition: 0,
                offset: i as i64,
            };
            let mut p = guard.process(line, &input, now, &table, state);
            let rec = chain.seal(&mut p.audit);
            bytes += rec.len() + p.outputs.iter().map(|o| o.payload.len()).sum::<usize>();
            black_box(&p);
        }
        bytes
    };
    run(
        if bench { lines.len() * 100 } else { 0 },
        &mut state,
        &mut chain,
    ); // warm-up
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let bytes = run(events, &mut state, &mut chain);
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_start;
    println!(
        "engine (process + seal), examples mix, 1 thread: {events} events in {secs:.3} s wall = {:.0} events/s, {:.1} µs/event, {:.1} MB/s written",
        events as f64 / secs,
        secs * 1e6 / events as f64,
        bytes as f64 / secs / 1e6
    );
    if cpu > 0.0 {
        // On a shared machine the wall clock includes time the thread was not running.
        println!(
            "  per CPU second of this thread: {:.0} events/s ({cpu:.2} s of CPU)",
            events as f64 / cpu
        );
    }
}

/// User + system CPU time of this process (Linux `/proc/self/stat`, 100 Hz ticks), or 0.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
