"""confluent-kafka-python (librdkafka) group scenarios for the coordinator tests.

Usage: /usr/bin/python3 group-confluent.py < command.json; prints one JSON document.
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError


def make_consumer(cmd, extra=None, errors=None):
    conf = {
        "bootstrap.servers": cmd["bootstrap"],
        "group.id": cmd["group"],
        "auto.offset.reset": "earliest",
        "enable.auto.commit": True,
        "auto.commit.interval.ms": 200,
        "session.timeout.ms": cmd.get("session_timeout_ms", 6000),
        "heartbeat.interval.ms": 300,
        "max.poll.interval.ms": max(20000, cmd.get("session_timeout_ms", 6000)),
        "partition.assignment.strategy": cmd.get("strategy", "range"),
    }
    if errors is not None:
        conf["error_cb"] = lambda err: errors.append(error_info(err))
    conf.update(extra or {})
    consumer = Consumer(conf)
    consumer.subscribe([cmd["topic"]])
    return consumer


def assigned(consumer):
    return sorted(tp.partition for tp in consumer.assignment())


def error_info(err):
    return {"code": err.code(), "name": err.name(), "fatal": err.fatal(), "text": err.str()}


def poll_all(consumers, seen, seconds, errors=None):
    """Polls each consumer once; consumer errors (a fenced member's fatal error among them) come back from poll."""
    for i, c in enumerate(consumers):
        msg = c.poll(seconds)
        if msg is None:
            continue
        if msg.error():
            if errors is not None and msg.error().code() != KafkaError._PARTITION_EOF:
                errors[i].append(error_info(msg.error()))
        else:
            seen.append(msg.value().decode("utf-8"))


def wait_for(consumers, seen, done, timeout):
    deadline = time.time() + timeout
    stable_since = None
    while time.time() < deadline:
        poll_all(consumers, seen, 0.05)
        if done():
            stable_since = stable_since or time.time()
            # A little settle time so a follow-up (cooperative) rebalance would show up.
            if time.time() - stable_since > 1.5:
                return True
        else:
            stable_since = None
    return False


def balanced(cmd):
    """Three members, then one leaves: assignments in both phases and every message consumed."""
    partitions = cmd["partitions"]
    consumers = [make_consumer(cmd, {"client.id": "member-%d" % i}) for i in range(3)]
    seen = []
    per = partitions // 3

    def phase1():
        a = [assigned(c) for c in consumers]
        return [len(x) for x in a] == [per] * 3 and len(seen) >= cmd["messages"]

    ok1 = wait_for(consumers, seen, phase1, 40)
    first = [assigned(c) for c in consumers]
    consumers[2].close()
    survivors = consumers[:2]

    def phase2():
        return sorted(len(assigned(c)) for c in survivors) == [partitions // 2, partitions - partitions // 2]

    ok2 = wait_for(survivors, seen, phase2, 40)
    second = [assigned(c) for c in survivors]
    for c in survivors:
        c.close()
    return {"phase1": first, "phase1_ok": ok1, "phase2": second, "phase2_ok": ok2, "seen": seen}


def member_for(cmd):
    """One member that polls for `seconds`, then reports its assignment and what it consumed."""
    consumer = make_consumer(cmd, {"client.id": cmd.get("client_id", "rdkafka-member")})
    seen = []
    deadline = time.time() + cmd["seconds"]
    assignment = []
    while time.time() < deadline:
        poll_all([consumer], seen, 0.05)
        assignment = assigned(consumer)
    consumer.close()
    return {"assignment": assignment, "seen": seen}


def static_member(cmd):
    """A static member (group.instance.id): polls until it has an assignment and `messages` messages, then closes."""
    errors = []
    consumer = make_consumer(cmd, {"group.instance.id": cmd["instance"], "client.id": "static"}, errors)
    seen = []
    ok = wait_for([consumer], seen, lambda: len(assigned(consumer)) > 0 and len(seen) >= cmd["messages"], 30)
    assignment = assigned(consumer)
    consumer.close()
    return {"ok": ok, "assignment": assignment, "seen": seen, "errors": errors}


def static_fenced(cmd):
    """Two members with the same group.instance.id: the first one is fenced (fatal) when the second joins."""
    errors_a, errors_b = [], []
    a = make_consumer(cmd, {"group.instance.id": cmd["instance"], "client.id": "first"}, errors_a)
    seen = []
    wait_for([a], seen, lambda: len(assigned(a)) > 0, 30)
    b = make_consumer(cmd, {"group.instance.id": cmd["instance"], "client.id": "second"}, errors_b)
    deadline = time.time() + 15
    while time.time() < deadline and not any(e["fatal"] or e["code"] == KafkaError._FATAL for e in errors_a):
        poll_all([a, b], seen, 0.05, [errors_a, errors_b])
    wait_for([b], seen, lambda: len(assigned(b)) > 0, 15)
    result = {"errors_first": errors_a, "errors_second": errors_b, "assignment_second": assigned(b)}
    b.close()
    try:
        a.close()
    except Exception as exc:  # a fenced consumer may refuse to close cleanly
        result["close_first"] = str(exc)
    return result


SCENARIOS = {"balanced": balanced, "member_for": member_for, "static_member": static_member, "static_fenced": static_fenced}

if __name__ == "__main__":
    command = json.load(sys.stdin)
    json.dump(SCENARIOS[command["scenario"]](command), sys.stdout)
