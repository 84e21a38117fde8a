"""librdkafka (confluent-kafka-python) side of bench/broker/kafka-vs-redis.ts.

Reads one JSON command on stdin, prints one JSON result.
  {"cmd": "latency", "bootstrap", "topic", "rate", "seconds", "size"}: steady-rate produce, per-record
  produce()->delivery latency percentiles in ms.
"""
import json
import sys
import time

from confluent_kafka import Producer


def latency(cmd):
    producer = Producer({
        "bootstrap.servers": cmd["bootstrap"],
        "acks": "1",
        "linger.ms": 0,
        "enable.idempotence": False,
    })
    latencies = []
    errors = []

    def on_delivery(err, _msg, sent):
        if err is not None:
            errors.append(str(err))
        latencies.append((time.perf_counter() - sent) * 1000.0)

    payload = b"x" * cmd["size"]
    # Warm-up, as kafka-producer-perf-test's --warmup-records: connected and the topic's metadata known before the
    # clock starts. Otherwise a first produce() can race librdkafka's start-up metadata request and wait for its
    # 1 s refresh of unknown topics (seen with `debug=metadata`), which is client start-up, not produce latency.
    producer.produce(cmd["topic"], payload, partition=0)
    producer.flush(30)
    total = int(cmd["rate"] * cmd["seconds"])
    tick = 0.001
    per_tick = cmd["rate"] * tick
    start = time.perf_counter()
    sent = 0
    while sent < total:
        due = min(total, int((time.perf_counter() - start) / tick * per_tick) + 1)
        while sent < due:
            t = time.perf_counter()
            producer.produce(cmd["topic"], payload, partition=0, on_delivery=lambda err, msg, t=t: on_delivery(err, msg, t))
            sent += 1
        producer.poll(0)
        time.sleep(tick / 4)
    producer.flush(30)
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))]

    return {"records": len(latencies), "errors": len(errors), "seconds": elapsed, "achieved_rate": len(latencies) / elapsed,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": latencies[-1]}


if __name__ == "__main__":
    command = json.loads(sys.stdin.read())
    print(json.dumps({"latency": latency}[command["cmd"]](command)))
