#!/usr/bin/env python3
"""Independent Kafka client used by leadguard's integration tests.

Runs in the venv made by scripts/install-python-client.sh (confluent-kafka
from PyPI, bundling its own librdkafka), so it checks the Rust side against a
client that shares none of its code or configuration.

  produce --bootstrap B --topic T [--key-field F] < lines
      One message per stdin line (raw bytes, without the trailing newline).
      With --key-field, each line must be a JSON object and the key is that
      field's value (strings as UTF-8, anything else as compact JSON).
      Waits for every delivery report, then prints the count on stdout.

  consume --bootstrap B --topic T --expect N --timeout S [--group G]
          [--isolation read_committed|read_uncommitted]
      Joins group G (a random one by default), reads from the earliest offset
      (or the group's committed offsets) until N messages or S seconds, then
      commits what it read. One JSON line per message on stdout:
      {"partition", "offset", "key", "value"}; a key or value that is not
      UTF-8 is base64 with "key_b64"/"value_b64": true. Exits 1 on timeout
      (after printing what it got).

Exit codes: 0 ok, 1 Kafka error or timeout, 2 bad input.
"""

import argparse
import base64
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer


def err(msg):
    print(f"kafka_client: {msg}", file=sys.stderr, flush=True)


def encode(field, data, out):
    if data is None:
        out[field] = None
        return
    try:
        out[field] = data.decode("utf-8")
    except UnicodeDecodeError:
        out[field] = base64.b64encode(data).decode("ascii")
        out[f"{field}_b64"] = True


def produce(args):
    producer = Producer({
        "bootstrap.servers": args.bootstrap,
        "acks": "all",
        "linger.ms": 5,
        "message.timeout.ms": int(args.timeout * 1000),
    })
    failures = []
    delivered = [0]

    def on_delivery(e, _msg):
        if e is not None:
            failures.append(str(e))
        else:
            delivered[0] += 1

    sent = 0
    for lineno, raw in enumerate(sys.stdin.buffer, start=1):
        value = raw[:-1] if raw.endswith(b"\n") else raw
        key = None
        if args.key_field:
            try:
                obj = json.loads(value)
                k = obj[args.key_field]
            except (ValueError, TypeError, KeyError) as e:
                err(f"line {lineno}: no JSON field {args.key_field!r}: {e}")
                return 2
            key = (k if isinstance(k, str) else json.dumps(k, separators=(",", ":"))).encode("utf-8")
        while True:
            try:
                producer.produce(args.topic, value=value, key=key, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.1)  # local queue full: serve delivery reports
        sent += 1
        producer.poll(0)
    remaining = producer.flush(args.timeout)
    if remaining or failures or delivered[0] != sent:
        err(f"sent {sent}, delivered {delivered[0]}, undelivered {remaining}, failures {failures[:5]}")
        return 1
    print(delivered[0], flush=True)
    return 0


def consume(args):
    group = args.group or f"kafka-client-{uuid.uuid4().hex[:12]}"
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 1000,
        "isolation.level": args.isolation,
    })
    consumer.subscribe([args.topic])
    got = 0
    deadline = time.monotonic() + args.timeout
    status = 0
    try:
        while got < args.expect:
            left = deadline - time.monotonic()
            if left <= 0:
                err(f"timeout after {args.timeout}s: got {got} of {args.expect} messages")
                status = 1
                break
            msg = consumer.poll(min(left, 0.5))
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                err(f"consume error: {msg.error()}")
                if msg.error().fatal():
                    status = 1
                    break
                continue
            out = {"partition": msg.partition(), "offset": msg.offset()}
            encode("key", msg.key(), out)
            encode("value", msg.value(), out)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            got += 1
        sys.stdout.flush()
        if got:
            try:
                consumer.commit(asynchronous=False)
            except KafkaException as e:
                err(f"commit failed: {e}")
                status = 1
    finally:
        consumer.close()
    return status


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    pp = sub.add_parser("produce", help="one message per stdin line")
    pp.add_argument("--bootstrap", required=True)
    pp.add_argument("--topic", required=True)
    pp.add_argument("--key-field", help="JSON field of each line to use as the message key")
    pp.add_argument("--timeout", type=float, default=30.0, help="delivery timeout, seconds")

    pc = sub.add_parser("consume", help="read N messages from the earliest offset")
    pc.add_argument("--bootstrap", required=True)
    pc.add_argument("--topic", required=True)
    pc.add_argument("--expect", type=int, required=True)
    pc.add_argument("--timeout", type=float, required=True, help="seconds")
    pc.add_argument("--group", help="consumer group id (default: a random one)")
    pc.add_argument("--isolation", choices=["read_committed", "read_uncommitted"], default="read_committed")

    args = p.parse_args(argv)
    try:
        return produce(args) if args.cmd == "produce" else consume(args)
    except KafkaException as e:
        err(f"kafka error: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
