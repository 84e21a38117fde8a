"""kafka-python 2.0.2 driver for the broker compatibility tests.

Usage: /usr/bin/python3 compat-kafka-python.py < command.json; prints one JSON document.
"""
import json
import sys
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.errors import KafkaError


def text(b):
    return None if b is None else b.decode("utf-8")


def sasl_conf(cmd):
    if "sasl" not in cmd:
        return {}
    s = cmd["sasl"]
    return {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": s["mechanism"],
            "sasl_plain_username": s["username"], "sasl_plain_password": s["password"]}


def produce(cmd):
    conf = {"bootstrap_servers": cmd["bootstrap"], "linger_ms": 5, "max_request_size": 4 * 1024 * 1024}
    conf.update(cmd.get("config", {}))
    conf.update(sasl_conf(cmd))
    producer = KafkaProducer(**conf)
    futures = []
    for m in cmd["messages"]:
        futures.append(producer.send(
            cmd["topic"],
            key=None if m.get("key") is None else m["key"].encode("utf-8"),
            value=None if m.get("value") is None else m["value"].encode("utf-8"),
            headers=[(k, None if v is None else v.encode("utf-8")) for k, v in m.get("headers", [])],
            partition=m.get("partition"),
            timestamp_ms=m.get("timestamp"),
        ))
    producer.flush(30)
    reports = []
    for f in futures:
        md = f.get(timeout=30)
        reports.append({"partition": md.partition, "offset": md.offset})
    producer.close()
    return {"reports": reports, "api_version": list(producer.config["api_version"])}


def consume(cmd):
    conf = {"bootstrap_servers": cmd["bootstrap"], "enable_auto_commit": False, "auto_offset_reset": "earliest",
            "max_partition_fetch_bytes": 4 * 1024 * 1024, "fetch_max_bytes": 8 * 1024 * 1024}
    conf.update(cmd.get("config", {}))
    conf.update(sasl_conf(cmd))
    if cmd.get("group"):
        conf["group_id"] = cmd["group"]
    consumer = KafkaConsumer(**conf)
    tps = [TopicPartition(cmd["topic"], p) for p in cmd["partitions"]]
    if cmd.get("group"):
        consumer.subscribe([cmd["topic"]])
    else:
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
    out = []
    deadline = time.time() + cmd.get("timeout", 20)
    while len(out) < cmd["count"] and time.time() < deadline:
        for _tp, msgs in consumer.poll(timeout_ms=200).items():
            for msg in msgs:
                out.append({
                    "partition": msg.partition,
                    "offset": msg.offset,
                    "key": text(msg.key),
                    "value": text(msg.value),
                    "headers": [[k, text(v)] for k, v in msg.headers],
                    "timestamp": msg.timestamp,
                })
    offsets = consumer.offsets_for_times({tps[0]: cmd["at"]}) if "at" in cmd else None
    if cmd.get("group") and out:
        consumer.commit()
    consumer.close()
    result = {"messages": out}
    if offsets is not None:
        found = offsets[tps[0]]
        result["offset_at"] = None if found is None else found.offset
    return result


def admin(cmd):
    client = KafkaAdminClient(bootstrap_servers=cmd["bootstrap"], **sasl_conf(cmd))
    result = {}
    if "create" in cmd:
        result["create"] = {}
        for t in cmd["create"]:
            try:
                client.create_topics([NewTopic(t["name"], t["partitions"], 1, topic_configs=t.get("config", {}))],
                                     validate_only=cmd.get("validate_only", False))
                result["create"][t["name"]] = 0
            except KafkaError as e:
                result["create"][t["name"]] = e.errno
    if "describe" in cmd:
        res = client.describe_configs([ConfigResource(ConfigResourceType.TOPIC, cmd["describe"])])
        result["describe"] = {entry[0]: entry[1] for entry in res[0].resources[0][4]}
    if "delete" in cmd:
        res = client.delete_topics(cmd["delete"])
        result["delete"] = {name: code for name, code in res.topic_error_codes}
    result["topics"] = sorted(client.list_topics())
    client.close()
    return result


COMMANDS = {"produce": produce, "consume": consume, "admin": admin}

if __name__ == "__main__":
    command = json.loads(sys.stdin.read())
    try:
        print(json.dumps(COMMANDS[command["cmd"]](command)))
    except KafkaError as e:
        print(json.dumps({"error": type(e).__name__, "message": str(e)}))
        sys.exit(1)
