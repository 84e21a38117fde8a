"""librdkafka (confluent-kafka-python) side of bench/broker/kafka-vs-redis.ts.

Reads one JSON command on stdin, prints one JSON result.
  {"cmd": "latency", "bootstrap", "topic", "rate", "seconds", "size", "warmup_seconds", "acks"}: steady-rate produce,
  per-record produce()->delivery latency percentiles in ms over `seconds` after `warmup_seconds` (default 1), with
  `acks` "1" (default) or "all".
"""
import json
import sys
import time

from confluent_kafka import Producer


def latency(cmd):
    producer = Producer({
        "bootstrap.servers": cmd["bootstrap"],
        "acks": cmd.get("acks", "1"),
        "linger.ms": 0,
        "enable.idempotence": False,
    })
    measured = []
    warming = []
    errors = []
    warmup_seconds = cmd.get("warmup_seconds", 1)

    def on_delivery(err, _msg, sent, into):
        if err is not None:
            errors.append(str(err))
        into.append((time.perf_counter() - sent) * 1000.0)

    payload = b"x" * cmd["size"]
    # Connected and the topic's metadata known first: otherwise a first produce() can race librdkafka's start-up
    # metadata request and wait for its 1 s refresh of unknown topics (seen with `debug=metadata`).
    producer.produce(cmd["topic"], payload, partition=0)
    producer.flush(30)
    # Then the steady rate from the start, with the first warmup_seconds left out of the figures, as
    # kafka-producer-perf-test's --warmup-records does: the first second carries both sides' warm-up (most of the
    # records over 5 ms in a 10 s run fell in it).
    total = int(cmd["rate"] * (warmup_seconds + cmd["seconds"]))
    tick = 0.001
    per_tick = cmd["rate"] * tick
    start = time.perf_counter()
    measure_from = start + warmup_seconds
    sent = 0
    while sent < total:
        due = min(total, int((time.perf_counter() - start) / tick * per_tick) + 1)
        while sent < due:
            t = time.perf_counter()
            into = warming if t < measure_from else measured
            producer.produce(cmd["topic"], payload, partition=0, on_delivery=lambda err, msg, t=t, into=into: on_delivery(err, msg, t, into))
            sent += 1
        producer.poll(0)
        time.sleep(tick / 4)
    producer.flush(30)
    elapsed = time.perf_counter() - measure_from
    measured.sort()
    warming.sort()

    def pct(values, p):
        return values[min(len(values) - 1, int(len(values) * p))] if values else None

    return {"acks": cmd.get("acks", "1"), "records": len(measured), "errors": len(errors), "seconds": elapsed, "achieved_rate": len(measured) / elapsed,
            "p50_ms": pct(measured, 0.50), "p99_ms": pct(measured, 0.99), "max_ms": measured[-1],
            "warmup_seconds": warmup_seconds, "warmup_records": len(warming), "warmup_p99_ms": pct(warming, 0.99)}


if __name__ == "__main__":
    command = json.loads(sys.stdin.read())
    print(json.dumps({"latency": latency}[command["cmd"]](command)))
