// A kafkajs group member in its own process, so a test can kill -9 it. Argv: bootstrap topic groupId.
// Prints one JSON line per assignment it receives.
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, topic, groupId] = process.argv.slice(2);
const kafka = new Kafka({ clientId: 'crashing-member', brokers: [bootstrap], logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId, sessionTimeout: 3000, rebalanceTimeout: 5000, heartbeatInterval: 300 });
consumer.on(consumer.events.GROUP_JOIN, (e) => {
  process.stdout.write(JSON.stringify({ memberId: e.payload.memberId, assignment: e.payload.memberAssignment }) + '\n');
});
(async () => {
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
})().catch((error) => {
  process.stderr.write(String(error && error.stack) + '\n');
  process.exit(1);
});
