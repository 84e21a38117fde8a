-- pipeline-trigger's consumers: the file's and the REST API's, so every replica runs the same set
-- and a consumer created over REST survives a restart.
-- CreateTable
CREATE TABLE "pipeline"."consumers" (
    "consumer_id" VARCHAR(128) NOT NULL,
    "source" VARCHAR(8) NOT NULL,
    "config" JSONB NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consumers_pkey" PRIMARY KEY ("consumer_id")
);

-- The trigger history carries what each pipeline job carries, and follows the job's status.
-- Required columns get a default only while they are added, so rows written before keep a value.
-- AlterTable
ALTER TABLE "pipeline"."triggers"
    ADD COLUMN "pipeline_name" VARCHAR(255) NOT NULL DEFAULT '',
    ADD COLUMN "connection_id" VARCHAR(255) NOT NULL DEFAULT '',
    ADD COLUMN "job_type" VARCHAR(8) NOT NULL DEFAULT 'async',
    ADD COLUMN "window_ended_at" TIMESTAMPTZ(3),
    ADD COLUMN "offsets" JSONB,
    ADD COLUMN "status" VARCHAR(16) NOT NULL DEFAULT 'waiting',
    ADD COLUMN "failure_reason" TEXT,
    ADD COLUMN "attempts_made" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "finished_at" TIMESTAMPTZ(3);

ALTER TABLE "pipeline"."triggers"
    ALTER COLUMN "pipeline_name" DROP DEFAULT,
    ALTER COLUMN "connection_id" DROP DEFAULT,
    ALTER COLUMN "job_type" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "triggers_status_idx" ON "pipeline"."triggers"("status");
