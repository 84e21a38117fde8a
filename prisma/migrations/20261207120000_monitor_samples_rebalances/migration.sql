-- Every sweep writes one lag sample per group-partition, with the verdict it got; a partition without a
-- commit (or a Redis group whose lag Redis cannot compute) has no lag, so `lag` becomes nullable.
-- AlterTable
ALTER TABLE "monitor"."partition_lag_samples"
    ALTER COLUMN "lag" DROP NOT NULL,
    ADD COLUMN "verdict" VARCHAR(8);

-- Rebalances carry their cluster, like snapshots and alerts; existing rows belong to `local`. A rebalance
-- inferred from a member change of a group without generations (Redis streams) has no generation.
-- AlterTable
ALTER TABLE "monitor"."rebalance_events"
    ADD COLUMN "cluster_id" VARCHAR(255) NOT NULL DEFAULT 'local',
    ALTER COLUMN "generation" DROP NOT NULL;

-- A rebalance is one generation of one group: a rebalance seen again (the event re-read after a restart, or
-- the event and the generation step on different sweeps) meets this key and is written once.
-- CreateIndex
CREATE UNIQUE INDEX "rebalance_events_cluster_id_group_id_generation_key" ON "monitor"."rebalance_events"("cluster_id", "group_id", "generation");

-- Retention deletes by age.
-- CreateIndex
CREATE INDEX "rebalance_events_occurred_at_idx" ON "monitor"."rebalance_events"("occurred_at");
