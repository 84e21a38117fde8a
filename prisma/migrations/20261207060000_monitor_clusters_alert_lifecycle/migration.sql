-- monitor-api watches several clusters: snapshots and alerts carry their cluster, existing rows belong to `local`.
-- A group whose partitions have no commit has no lag figures (null, not 0), so the lag columns become nullable.
-- AlterTable
ALTER TABLE "monitor"."group_snapshots"
    ADD COLUMN "cluster_id" VARCHAR(255) NOT NULL DEFAULT 'local',
    ADD COLUMN "generation" INTEGER,
    ADD COLUMN "time_lag_p95_ms" BIGINT,
    ADD COLUMN "rebalances" INTEGER NOT NULL DEFAULT 0,
    ALTER COLUMN "total_lag" DROP NOT NULL,
    ALTER COLUMN "lag_p50" DROP NOT NULL,
    ALTER COLUMN "lag_p95" DROP NOT NULL,
    ALTER COLUMN "lag_max" DROP NOT NULL;

-- History reads one group of one cluster over time; retention deletes by age.
-- CreateIndex
CREATE INDEX "group_snapshots_cluster_id_group_id_captured_at_idx" ON "monitor"."group_snapshots"("cluster_id", "group_id", "captured_at" DESC);

-- CreateIndex
CREATE INDEX "group_snapshots_captured_at_idx" ON "monitor"."group_snapshots"("captured_at");

-- An alert row follows its lifecycle: opened (raised_at), updated (updated_at, fingerprint), resolved (resolved_at).
-- `alert_id` is the id published on governance:alerts.
-- AlterTable
ALTER TABLE "monitor"."alerts"
    ADD COLUMN "cluster_id" VARCHAR(255) NOT NULL DEFAULT 'local',
    ADD COLUMN "alert_id" VARCHAR(64),
    ADD COLUMN "fingerprint" VARCHAR(255),
    ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "alerts_alert_id_key" ON "monitor"."alerts"("alert_id");
