-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "chat";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "monitor";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "pipeline";

-- CreateTable
CREATE TABLE "chat"."conversations" (
    "id" VARCHAR(200) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat"."messages" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" VARCHAR(200) NOT NULL,
    "role" VARCHAR(20) NOT NULL,
    "content" TEXT NOT NULL,
    "intent" VARCHAR(200),
    "metadata" JSONB,
    "job_id" VARCHAR(200),
    "event_key" VARCHAR(300) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor"."group_snapshots" (
    "id" BIGSERIAL NOT NULL,
    "source" VARCHAR(10) NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" VARCHAR(32) NOT NULL,
    "member_count" INTEGER NOT NULL,
    "total_lag" BIGINT NOT NULL,
    "lag_p50" BIGINT NOT NULL,
    "lag_p95" BIGINT NOT NULL,
    "lag_max" BIGINT NOT NULL,
    "time_lag_max_ms" BIGINT,
    "slo_compliance" DOUBLE PRECISION,
    "rebalance_score" DOUBLE PRECISION,
    "gini_coefficient" DOUBLE PRECISION,
    "stuck_partitions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "group_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor"."partition_lag_samples" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" BIGINT NOT NULL,
    "topic" VARCHAR(255) NOT NULL,
    "partition" INTEGER NOT NULL,
    "committed_offset" BIGINT,
    "end_offset" BIGINT NOT NULL,
    "lag" BIGINT NOT NULL,
    "time_lag_ms" BIGINT,
    "member_id" VARCHAR(255),

    CONSTRAINT "partition_lag_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor"."rebalance_events" (
    "id" BIGSERIAL NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "generation" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "reason" TEXT,
    "member_count" INTEGER NOT NULL,
    "duration_ms" INTEGER,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rebalance_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor"."alerts" (
    "id" BIGSERIAL NOT NULL,
    "alert_key" VARCHAR(255) NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "severity" VARCHAR(16) NOT NULL,
    "source" VARCHAR(10) NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "topic" VARCHAR(255),
    "partition" INTEGER,
    "message" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "details" JSONB,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipeline"."triggers" (
    "id" BIGSERIAL NOT NULL,
    "job_id" VARCHAR(255) NOT NULL,
    "consumer" VARCHAR(255) NOT NULL,
    "topic" VARCHAR(255) NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "reason" VARCHAR(16) NOT NULL,
    "event_count" INTEGER NOT NULL,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "triggered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB,

    CONSTRAINT "triggers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversations_updated_at_idx" ON "chat"."conversations"("updated_at" DESC);

-- CreateIndex
CREATE INDEX "messages_conversation_id_created_at_idx" ON "chat"."messages"("conversation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "messages_event_key_role_key" ON "chat"."messages"("event_key", "role");

-- CreateIndex
CREATE INDEX "group_snapshots_source_group_id_captured_at_idx" ON "monitor"."group_snapshots"("source", "group_id", "captured_at" DESC);

-- CreateIndex
CREATE INDEX "partition_lag_samples_snapshot_id_idx" ON "monitor"."partition_lag_samples"("snapshot_id");

-- CreateIndex
CREATE INDEX "partition_lag_samples_topic_partition_idx" ON "monitor"."partition_lag_samples"("topic", "partition");

-- CreateIndex
CREATE INDEX "rebalance_events_group_id_occurred_at_idx" ON "monitor"."rebalance_events"("group_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_group_id_raised_at_idx" ON "monitor"."alerts"("group_id", "raised_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_alert_key_resolved_at_idx" ON "monitor"."alerts"("alert_key", "resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "triggers_job_id_key" ON "pipeline"."triggers"("job_id");

-- CreateIndex
CREATE INDEX "triggers_consumer_triggered_at_idx" ON "pipeline"."triggers"("consumer", "triggered_at" DESC);

-- AddForeignKey
ALTER TABLE "chat"."messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "chat"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monitor"."partition_lag_samples" ADD CONSTRAINT "partition_lag_samples_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "monitor"."group_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
