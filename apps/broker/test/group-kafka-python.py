"""kafka-python (python3-kafka 2.0.2) group scenarios for the coordinator tests.

Usage: /usr/bin/python3 group-kafka-python.py < command.json; prints one JSON document.
"""
import json
import sys
import threading
import time

from kafka import KafkaAdminClient, KafkaConsumer


def consumer(cmd, client_id):
    return KafkaConsumer(
        cmd["topic"],
        bootstrap_servers=cmd["bootstrap"],
        group_id=cmd["group"],
        client_id=client_id,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=6000,
        heartbeat_interval_ms=300,
        consumer_timeout_ms=200,
    )


def group_and_admin(cmd):
    """Two members consume everything and commit; then the admin client lists, describes and reads offsets.

    Each member polls in its own thread: kafka-python's poll() blocks in JoinGroup until the rebalance completes,
    so one thread driving both members would wait for itself.
    """
    members = [consumer(cmd, "kp-%d" % i) for i in range(2)]
    seen = []
    lock = threading.Lock()
    stop = threading.Event()

    def run(m):
        while not stop.is_set():
            for records in m.poll(timeout_ms=100).values():
                with lock:
                    seen.extend(r.value.decode("utf-8") for r in records)

    threads = [threading.Thread(target=run, args=(m,)) for m in members]
    for t in threads:
        t.start()
    half = cmd["partitions"] // 2
    deadline = time.time() + 40
    while time.time() < deadline:
        with lock:
            count = len(seen)
        if count >= cmd["messages"] and sorted(len(m.assignment()) for m in members) == [half, cmd["partitions"] - half]:
            break
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join()
    assignments = [sorted(tp.partition for tp in m.assignment()) for m in members]
    for m in members:
        m.commit()

    admin = KafkaAdminClient(bootstrap_servers=cmd["bootstrap"], client_id="kp-admin")
    listed = admin.list_consumer_groups()
    described = admin.describe_consumer_groups([cmd["group"]])[0]
    offsets = admin.list_consumer_group_offsets(cmd["group"])
    result = {
        "assignments": assignments,
        "seen": seen,
        "listed": [list(g) for g in listed],
        "described": {
            "group": described.group,
            "state": described.state,
            "protocol_type": described.protocol_type,
            "protocol": described.protocol,
            "members": sorted(m.client_id for m in described.members),
        },
        "offsets": {"%s:%d" % (tp.topic, tp.partition): o.offset for tp, o in offsets.items()},
    }
    for m in members:
        m.close()
    admin.close()
    return result


def sticky_member_for(cmd):
    """One member using kafka-python's eager `sticky` assignor, polling for `seconds`."""
    from kafka.coordinator.assignors.sticky.sticky_assignor import StickyPartitionAssignor

    member = KafkaConsumer(
        cmd["topic"],
        bootstrap_servers=cmd["bootstrap"],
        group_id=cmd["group"],
        client_id="kp-sticky",
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=300,
        partition_assignment_strategy=[StickyPartitionAssignor],
    )
    seen = []
    deadline = time.time() + cmd["seconds"]
    while time.time() < deadline:
        for records in member.poll(timeout_ms=100).values():
            seen.extend(r.value.decode("utf-8") for r in records)
    assignment = sorted(tp.partition for tp in member.assignment())
    member.close()
    return {"assignment": assignment, "seen": seen}


SCENARIOS = {"group_and_admin": group_and_admin, "sticky_member_for": sticky_member_for}

if __name__ == "__main__":
    command = json.load(sys.stdin)
    json.dump(SCENARIOS[command["scenario"]](command), sys.stdout)
