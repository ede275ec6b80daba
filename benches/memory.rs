//! Bench binary: memory of the two tables that grow with the people seen, at ten million
//! entries each (`cargo bench --bench memory [-- ENTRIES]`): a phone suppression list and the
//! I3 identity index. Prints the resident set after each, and the peak. `cargo test` runs it
//! with 100,000 entries as a smoke test.

use leadguard::identity_index::IdentityIndex;
use leadguard::withdrawals::SuppressionList;

/// The service's allocator, so that the figures are the service's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resident and peak resident memory of this process, in MB (Linux `/proc/self/status`).
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |field: &str| {
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

/// A deterministic pseudo-random 32-byte key (splitmix64), standing in for identity HMACs.
fn key(i: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for chunk in out.chunks_mut(8) {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        chunk.copy_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let n: u64 = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(if bench { 10_000_000 } else { 100_000 });
    let (base, _) = rss_mb();
    println!("entries: {n}; process at start: {base:.0} MB");

    // Ten million French mobile numbers written the way people write them.
    let mut text = String::with_capacity(n as usize * 16);
    for i in 0..n {
        let d = 600_000_000 + i;
        text.push_str(&format!(
            "0{} {:02} {:02} {:02} {:02}\n",
            d / 100_000_000,
            d / 1_000_000 % 100,
            d / 10_000 % 100,
            d / 100 % 100,
            d % 100
        ));
    }
    let started = std::time::Instant::now();
    let (list, bad) = SuppressionList::parse(&text, "33");
    drop(text);
    assert!(bad.is_empty() && list.len() as u64 == n);
    assert!(list.contains("+33600000000"));
    let (after_list, _) = rss_mb();
    println!(
        "suppression list: {} numbers loaded in {:.1} s, +{:.0} MB resident",
        list.len(),
        started.elapsed().as_secs_f64(),
        after_list - base
    );

    // Ten million identities, each forwarded to three destinations from one purpose.
    let started = std::time::Instant::now();
    let mut index = IdentityIndex::new(n as usize);
    for i in 0..n {
        index.correlate_and_record(&[key(i)], (i % 3) as u16, &[0, 2, 4], &mut Vec::new());
    }
    assert_eq!(index.len() as u64, n);
    let (after_index, peak) = rss_mb();
    println!(
        "identity index: {} identities recorded in {:.1} s, +{:.0} MB resident",
        index.len(),
        started.elapsed().as_secs_f64(),
        after_index - after_list
    );
    println!(
        "both tables: {:.0} MB resident ({:.0} MB with the process), peak {:.0} MB",
        after_index - base,
        after_index,
        peak
    );
    std::hint::black_box((&list, &index));
}
