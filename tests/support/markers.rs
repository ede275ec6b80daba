//! The record batches of a partition as the broker stores them, transaction markers included:
//! a minimal Kafka Fetch (v4) client over a plain TCP socket, because librdkafka never hands
//! control records to the application. With the markers a test can tell which records a correct
//! `read_committed` reader would see, on a broker (tansu 0.6) whose own `read_committed` shows
//! aborted records too.
//!
//! Only what the exactly-once tests need: uncompressed batches (the guard's producers do not
//! compress), the batch header (offsets, producer id and epoch, transactional and control
//! flags) and, for a control batch, its marker type.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A transaction marker's type (the control record key's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Abort,
    Commit,
}

/// One record batch's header.
#[derive(Debug, Clone)]
pub struct Batch {
    pub base_offset: i64,
    pub last_offset: i64,
    pub producer_id: i64,
    /// Bumped by the coordinator when it aborts a transaction on its own (a timeout, a new
    /// instance of the same `transactional.id`).
    pub producer_epoch: i16,
    pub transactional: bool,
    /// `Some` for a control batch (a transaction marker).
    pub marker: Option<Marker>,
}

/// What became of a data record, by the markers that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// Not in a transaction: visible to every reader.
    Plain,
    Committed,
    Aborted,
    /// No marker yet: a `read_committed` reader stops before it.
    Open,
}

/// Every batch of `topic`/`partition` on the broker at 127.0.0.1:`port`, in offset order.
pub fn batches(port: u16, topic: &str, partition: i32) -> Vec<Batch> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to the broker");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut out: Vec<Batch> = Vec::new();
    let mut offset = 0i64;
    for correlation in 0.. {
        let records = fetch(&mut s, correlation, topic, partition, offset);
        let before = out.len();
        parse_batches(&records, &mut out);
        let new = &out[before..];
        if new.is_empty() {
            break;
        }
        offset = new.last().unwrap().last_offset + 1;
    }
    out
}

/// The fate of each data record offset of a partition, from its batches: a transactional
/// batch's records share the outcome of the next marker of the same producer.
pub fn fates(batches: &[Batch]) -> std::collections::BTreeMap<i64, Fate> {
    let mut out = std::collections::BTreeMap::new();
    for (i, b) in batches.iter().enumerate() {
        if b.marker.is_some() {
            continue;
        }
        let fate = if !b.transactional {
            Fate::Plain
        } else {
            match batches[i + 1..]
                .iter()
                .find(|m| m.producer_id == b.producer_id && m.marker.is_some())
                .and_then(|m| m.marker)
            {
                Some(Marker::Commit) => Fate::Committed,
                Some(Marker::Abort) => Fate::Aborted,
                None => Fate::Open,
            }
        };
        for o in b.base_offset..=b.last_offset {
            out.insert(o, fate);
        }
    }
    out
}

/// One Fetch v4 round trip (read_uncommitted); returns the partition's record bytes.
fn fetch(s: &mut TcpStream, correlation: i32, topic: &str, partition: i32, offset: i64) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend(1i16.to_be_bytes()); // api key: Fetch
    body.extend(4i16.to_be_bytes()); // api version
    body.extend(correlation.to_be_bytes());
    put_str(&mut body, "leadguard-markers");
    body.extend((-1i32).to_be_bytes()); // replica id
    body.extend(100i32.to_be_bytes()); // max wait ms
    body.extend(0i32.to_be_bytes()); // min bytes
    body.extend((64i32 << 20).to_be_bytes()); // max bytes
    body.push(0); // isolation: read_uncommitted
    body.extend(1i32.to_be_bytes());
    put_str(&mut body, topic);
    body.extend(1i32.to_be_bytes());
    body.extend(partition.to_be_bytes());
    body.extend(offset.to_be_bytes());
    body.extend((32i32 << 20).to_be_bytes()); // partition max bytes
    s.write_all(&(body.len() as i32).to_be_bytes()).unwrap();
    s.write_all(&body).unwrap();

    let mut len = [0u8; 4];
    s.read_exact(&mut len).expect("Fetch response size");
    let mut resp = vec![0u8; i32::from_be_bytes(len) as usize];
    s.read_exact(&mut resp).expect("Fetch response");
    let mut r = Reader { b: &resp, at: 0 };
    assert_eq!(r.i32(), correlation, "correlation id");
    r.i32(); // throttle
    assert_eq!(r.i32(), 1, "one topic");
    r.string();
    assert_eq!(r.i32(), 1, "one partition");
    assert_eq!(r.i32(), partition);
    let error = r.i16();
    assert!(error == 0 || error == 1, "Fetch error code {error}"); // 1: offset out of range (end)
    r.i64(); // high watermark
    r.i64(); // last stable offset
    let aborted = r.i32();
    for _ in 0..aborted.max(0) {
        r.i64();
        r.i64();
    }
    let n = r.i32();
    if n <= 0 {
        return Vec::new();
    }
    r.take(n as usize).to_vec()
}

fn parse_batches(records: &[u8], out: &mut Vec<Batch>) {
    let mut r = Reader { b: records, at: 0 };
    while r.left() >= 12 {
        let base_offset = r.i64();
        let length = r.i32() as usize;
        if r.left() < length {
            break; // a partial batch at the end of the response
        }
        let mut b = Reader {
            b: r.take(length),
            at: 0,
        };
        b.i32(); // partition leader epoch
        assert_eq!(b.i8(), 2, "record batch magic");
        b.i32(); // crc
        let attributes = b.i16();
        assert_eq!(attributes & 0x07, 0, "uncompressed batches only");
        let last_offset_delta = b.i32();
        b.i64();
        b.i64();
        let producer_id = b.i64();
        let producer_epoch = b.i16();
        b.i32(); // base sequence
        let count = b.i32();
        let control = attributes & 0x20 != 0;
        let marker = (control && count > 0).then(|| {
            b.varint(); // record length
            b.i8(); // attributes
            b.varint(); // timestamp delta
            b.varint(); // offset delta
            let key_len = b.varint();
            assert_eq!(key_len, 4, "control record key: version and type");
            b.i16(); // version
            match b.i16() {
                0 => Marker::Abort,
                1 => Marker::Commit,
                t => panic!("unknown control record type {t}"),
            }
        });
        out.push(Batch {
            base_offset,
            last_offset: base_offset + i64::from(last_offset_delta),
            producer_id,
            producer_epoch,
            transactional: attributes & 0x10 != 0,
            marker,
        });
    }
}

fn put_str(buf: &mut Vec<u8>, s: &str) {
    buf.extend((s.len() as i16).to_be_bytes());
    buf.extend(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.b.len() - self.at
    }
    fn take(&mut self, n: usize) -> &'a [u8] {
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        s
    }
    fn i8(&mut self) -> i8 {
        self.take(1)[0] as i8
    }
    fn i16(&mut self) -> i16 {
        i16::from_be_bytes(self.take(2).try_into().unwrap())
    }
    fn i32(&mut self) -> i32 {
        i32::from_be_bytes(self.take(4).try_into().unwrap())
    }
    fn i64(&mut self) -> i64 {
        i64::from_be_bytes(self.take(8).try_into().unwrap())
    }
    fn string(&mut self) -> String {
        let n = self.i16();
        String::from_utf8_lossy(self.take(n.max(0) as usize)).into_owned()
    }
    /// A zigzag varint.
    fn varint(&mut self) -> i64 {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)[0];
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
        }
        ((v >> 1) as i64) ^ -((v & 1) as i64)
    }
}
