import type { FaultOutcome, FaultScenario } from "./scenario";

export interface Row {
  scenario: FaultScenario;
  outcome: FaultOutcome;
  ms: number;
}

/** A Markdown table: readable in a terminal, pasteable into an issue. */
export function faultTable(rows: Row[]): string {
  const head = ["scenario", "what must hold", "observed", "lost", "duplicated", "result"];
  const cells = rows.map(({ scenario, outcome, ms }) => [
    scenario.name,
    scenario.mustHold,
    `${outcome.observed} (${(ms / 1000).toFixed(0)} s)`,
    String(outcome.lost),
    String(outcome.duplicated),
    outcome.held ? "ok" : "FAILED",
  ]);
  const line = (values: string[]) => `| ${values.map((v) => v.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...cells.map(line)].join("\n");
}
