import { addDays, berlinDateOf, civilKey, isoWeekday } from "@/lib/business/calendar";

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface BackupEntry {
  name: string;
  at: Date;
}

/**
 * Grandfather-father-son: the newest backup of each of the last `daily` Berlin days that
 * have one, of each of the last `weekly` ISO weeks and of each of the last `monthly`
 * months. Counting periods that have a backup (not calendar periods) means a stopped
 * server does not lose its old backups to the calendar. The newest backup is always kept.
 */
export function backupsToKeep(backups: readonly BackupEntry[], policy: RetentionPolicy): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const periods: { count: number; key: (at: Date) => string }[] = [
    { count: policy.daily, key: (at) => civilKey(berlinDateOf(at)) },
    {
      count: policy.weekly,
      key: (at) => {
        const day = berlinDateOf(at);
        return civilKey(addDays(day, 1 - isoWeekday(day)));
      },
    },
    { count: policy.monthly, key: (at) => civilKey(berlinDateOf(at)).slice(0, 7) },
  ];
  for (const { count, key } of periods) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const period = key(backup.at);
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup.name);
    }
  }
  return keep;
}
