"""confluent-kafka-python (librdkafka) driver for the broker compatibility tests.

Usage: /usr/bin/python3 compat-confluent.py < command.json; prints one JSON document.
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic


def text(b):
    return None if b is None else b.decode("utf-8")


def produce(cmd):
    conf = {"bootstrap.servers": cmd["bootstrap"], "linger.ms": 5, "message.max.bytes": 4 * 1024 * 1024}
    conf.update(cmd.get("config", {}))
    producer = Producer(conf)
    reports = []

    def on_delivery(err, msg):
        reports.append({"error": None if err is None else str(err), "key": text(msg.key()), "partition": msg.partition(), "offset": msg.offset()})

    for m in cmd["messages"]:
        kwargs = {"value": None if m.get("value") is None else m["value"].encode("utf-8"), "on_delivery": on_delivery}
        if m.get("key") is not None:
            kwargs["key"] = m["key"].encode("utf-8")
        if m.get("headers"):
            kwargs["headers"] = [(k, None if v is None else v.encode("utf-8")) for k, v in m["headers"]]
        if m.get("partition") is not None:
            kwargs["partition"] = m["partition"]
        if m.get("timestamp") is not None:
            kwargs["timestamp"] = m["timestamp"]
        while True:
            try:
                producer.produce(cmd["topic"], **kwargs)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    remaining = producer.flush(30)
    return {"reports": reports, "unflushed": remaining}


def consume(cmd):
    conf = {
        "bootstrap.servers": cmd["bootstrap"],
        "group.id": cmd.get("group", "compat-unused"),
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "fetch.message.max.bytes": 4 * 1024 * 1024,
    }
    conf.update(cmd.get("config", {}))
    consumer = Consumer(conf)
    if cmd.get("subscribe"):
        consumer.subscribe([cmd["topic"]])
    else:
        consumer.assign([TopicPartition(cmd["topic"], p, 0) for p in cmd["partitions"]])
    out = []
    deadline = time.time() + cmd.get("timeout", 20)
    while len(out) < cmd["count"] and time.time() < deadline:
        msg = consumer.poll(0.2)
        if msg is None:
            continue
        if msg.error():
            raise KafkaException(msg.error())
        out.append({
            "partition": msg.partition(),
            "offset": msg.offset(),
            "key": text(msg.key()),
            "value": text(msg.value()),
            "headers": [[k, text(v)] for k, v in (msg.headers() or [])],
            "timestamp": msg.timestamp()[1],
        })
    if cmd.get("subscribe") and out:
        consumer.commit(asynchronous=False)
    consumer.close()
    return {"messages": out}


def offsets_for_times(cmd):
    consumer = Consumer({"bootstrap.servers": cmd["bootstrap"], "group.id": "compat-unused"})
    found = consumer.offsets_for_times([TopicPartition(cmd["topic"], p, ts) for p, ts in cmd["queries"]], timeout=10)
    low, high = consumer.get_watermark_offsets(TopicPartition(cmd["topic"], cmd["queries"][0][0]), timeout=10)
    consumer.close()
    return {"offsets": [tp.offset for tp in found], "low": low, "high": high}


def admin(cmd):
    client = AdminClient({"bootstrap.servers": cmd["bootstrap"]})
    result = {}
    if "create" in cmd:
        futures = client.create_topics([NewTopic(t["name"], t["partitions"], 1, config=t.get("config", {})) for t in cmd["create"]])
        result["create"] = {}
        for name, f in futures.items():
            try:
                f.result(10)
                result["create"][name] = None
            except KafkaException as e:
                result["create"][name] = e.args[0].name()
    if "describe" in cmd:
        res = ConfigResource("topic", cmd["describe"])
        configs = client.describe_configs([res])[res].result(10)
        result["describe"] = {k: v.value for k, v in configs.items()}
    if "delete" in cmd:
        futures = client.delete_topics(cmd["delete"], operation_timeout=10)
        result["delete"] = {}
        for name, f in futures.items():
            try:
                f.result(10)
                result["delete"][name] = None
            except KafkaException as e:
                result["delete"][name] = e.args[0].name()
    md = client.list_topics(timeout=10)
    result["topics"] = sorted(md.topics.keys())
    result["partitions"] = {name: len(t.partitions) for name, t in md.topics.items()}
    result["brokers"] = [[b.id, b.host, b.port] for b in md.brokers.values()]
    return result


COMMANDS = {"produce": produce, "consume": consume, "offsets_for_times": offsets_for_times, "admin": admin}

if __name__ == "__main__":
    command = json.loads(sys.stdin.read())
    print(json.dumps(COMMANDS[command["cmd"]](command)))
