"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/auth/form-controls";
import { liveValues } from "@/components/printers/live-values";
import { EXTERNAL_SPOOL, mappingArray, suggestMapping, trayIndexOf, trayName } from "@/lib/files/ams-mapping";
import type { PrintOptions } from "@/lib/files/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { hasCapability } from "@/lib/printers/registry";

type Plate = PrintOptions["plates"][number];

/** What the user chose: the plate (kinds with plates) and the confirmed tray per filament (kinds with an AMS). */
export interface PrintChoice {
  plateIndex: number;
  chosen: Record<number, number>;
  confirmed: boolean;
}

export const initialChoice = (plate = 1, mapping?: readonly number[] | null): PrintChoice => ({
  plateIndex: plate,
  chosen: mapping ? Object.fromEntries(mapping.map((tray, i) => [i + 1, tray])) : {},
  confirmed: false,
});

/** Loaded AMS trays of a printer as ams_mapping targets (the external spool is offered separately). */
function amsTrays(printer: PrinterView) {
  return liveValues(printer)
    .data.filament.map((slot) => ({ slot, index: trayIndexOf(slot.id), name: trayName(slot.id) }))
    .filter((tray): tray is typeof tray & { index: number; name: string } => tray.index !== null && tray.index !== EXTERNAL_SPOOL && tray.name !== null);
}

/**
 * What a choice means for one file on one printer: the plate to print, whether a tray
 * mapping is asked for (a Bambu printer with an AMS and a plate that names its
 * filaments), the mapping and whether the choice is complete. No printer (any printer
 * that fits): the plate only, the worker maps the trays.
 */
export function resolveChoice(options: PrintOptions | undefined, printer: PrinterView | undefined, choice: PrintChoice) {
  const plates = options?.plates ?? [];
  const plate: Plate | undefined = plates.find((p) => p.index === choice.plateIndex) ?? plates[0];
  const plateChoice = printer === undefined || hasCapability(printer.kind, "plates");
  const trays = printer && hasCapability(printer.kind, "amsMapping") ? amsTrays(printer) : [];
  const mapping = trays.length > 0 && plate !== undefined && plate.filaments.length > 0;
  const suggested = plate && printer ? suggestMapping(plate.filaments, liveValues(printer).data.filament) : [];
  const trayOf = (slot: number, i: number) => choice.chosen[slot] ?? suggested[i] ?? EXTERNAL_SPOOL;
  return {
    plates: plateChoice ? plates : [],
    plate: plateChoice ? plate : undefined,
    trays,
    mapping,
    trayOf,
    amsMapping: mapping && plate ? mappingArray(plate.filaments.map((f, i) => ({ slot: f.slot, tray: trayOf(f.slot, i) }))) : undefined,
    ready: !mapping || choice.confirmed,
  };
}

/** The plate picker and the AMS tray table with its confirmation, as the send and queue dialogs show them. */
export function PrintChoiceFields({
  options,
  printer,
  choice,
  onChange,
  testId = "send",
}: {
  options: PrintOptions | undefined;
  printer: PrinterView | undefined;
  choice: PrintChoice;
  onChange: (choice: PrintChoice) => void;
  testId?: string;
}) {
  const t = useTranslations("files");
  const resolved = resolveChoice(options, printer, choice);
  const { plate, trays } = resolved;
  return (
    <>
      {resolved.plates.length > 1 ? (
        <SelectField
          label={t("send.plate")}
          value={String(plate?.index ?? 1)}
          onChange={(e) => onChange({ plateIndex: Number(e.target.value), chosen: {}, confirmed: false })}
          options={resolved.plates.map((p) => ({ value: String(p.index), label: p.name ? t("send.plateOptionNamed", { index: p.index, name: p.name }) : t("send.plateOption", { index: p.index }) }))}
          data-testid={`${testId}-plate`}
        />
      ) : null}
      {trays.length > 0 && plate && plate.filaments.length === 0 ? <p className="text-sm">{t("send.noPlateFilaments")}</p> : null}
      {resolved.mapping && plate ? (
        <fieldset className="space-y-2" data-testid={`${testId}-mapping`}>
          <legend className="text-sm font-medium">{t("send.mappingTitle")}</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("send.mappingHint")}</p>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1">{t("columns.filament")}</th>
                <th scope="col" className="py-1">{t("send.mappingTray")}</th>
              </tr>
            </thead>
            <tbody>
              {plate.filaments.map((filament, i) => (
                <tr key={filament.slot} data-testid={`${testId}-mapping-row`}>
                  <th scope="row" className="py-1 pr-2 text-left font-normal">
                    <span className="inline-flex items-center gap-2">
                      <span aria-hidden="true" className="inline-block h-4 w-4 rounded-sm border border-slate-400" style={{ backgroundColor: filament.color ?? "transparent" }} />
                      {t("send.mappingFilament", { slot: filament.slot })}: {filament.type ?? t("send.unknownType")}
                      {filament.color ? <span className="text-xs text-slate-500 dark:text-slate-400">{filament.color}</span> : null}
                    </span>
                  </th>
                  <td className="py-1">
                    <select
                      aria-label={t("send.mappingTrayFor", { slot: filament.slot })}
                      className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                      value={String(resolved.trayOf(filament.slot, i))}
                      onChange={(e) => onChange({ ...choice, chosen: { ...choice.chosen, [filament.slot]: Number(e.target.value) }, confirmed: false })}
                      data-testid={`${testId}-mapping-tray`}
                    >
                      {trays.map((tray) => (
                        <option key={tray.slot.id} value={String(tray.index)}>
                          {tray.slot.type
                            ? t("send.trayOption", { tray: tray.name, type: [tray.slot.type, tray.slot.color].filter(Boolean).join(" ") })
                            : t("send.trayEmpty", { tray: tray.name })}
                        </option>
                      ))}
                      <option value={String(EXTERNAL_SPOOL)}>{t("send.externalSpool")}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={choice.confirmed} onChange={(e) => onChange({ ...choice, confirmed: e.target.checked })} data-testid={`${testId}-mapping-confirm`} />
            {t("send.confirmMapping")}
          </label>
        </fieldset>
      ) : null}
    </>
  );
}
