-- Two entries for one day were accepted before: keep the one jobs were priced with
-- (the later entry, as pickRateAt chose it) so the unique index can be built.
DELETE FROM "BusinessRate"
WHERE EXISTS (
  SELECT 1 FROM "BusinessRate" AS "later"
  WHERE "later"."validFrom" = "BusinessRate"."validFrom"
    AND ("later"."createdAt" > "BusinessRate"."createdAt"
      OR ("later"."createdAt" = "BusinessRate"."createdAt" AND "later"."id" > "BusinessRate"."id"))
);

-- DropIndex
DROP INDEX "BusinessRate_validFrom_idx";

-- CreateIndex
CREATE UNIQUE INDEX "BusinessRate_validFrom_key" ON "BusinessRate"("validFrom");
