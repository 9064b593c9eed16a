"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { Money } from "@/components/business/money";
import { MoneyInput } from "@/components/forms/money-input";
import { NumberInput } from "@/components/forms/number-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import type { MaterialView, SpoolView } from "@/lib/business/inventory/schemas";
import { SpoolSlotPicker, useSlotLabel } from "@/components/business/spool-slot-picker";
import { ReportedTrays } from "@/components/business/reported-trays";
import { createMaterial, createSpool, updateMaterial, updateSpool } from "@/lib/client/use-materials";
import { formatDecimalInput } from "@/lib/format/parse-number";
import { useFormat } from "@/lib/format/use-format";

interface Props {
  materials: MaterialView[];
  spools: SpoolView[];
  printers: { id: string; name: string }[];
  canEdit: boolean;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Wire fields the server may refuse, and the form field that shows the message. */
const materialFieldOf = { pricePerKgCents: "pricePerKg" };

/** Materials and spools: lists, and for staff the forms to add, correct and archive them. */
export function MaterialsManager({ materials, spools, printers, canEdit }: Props) {
  const t = useTranslations("business.materials");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const format = useFormat();
  const slotLabel = useSlotLabel();
  const materialFields = useFieldErrors();
  const spoolFields = useFieldErrors();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [editing, setEditing] = useState<MaterialView | null>(null);
  const [showArchived, setShowArchived] = useState(false);

  async function run(action: () => Promise<unknown>, fields?: ReturnType<typeof useFieldErrors>, fieldOf?: Record<string, string>): Promise<boolean> {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
      return true;
    } catch (err) {
      const marked = fields ? fields.showServerErrors(err, fieldOf) : false;
      setMessage({ kind: "error", text: marked && fields ? fields.fixFieldsMessage : t("error", { message: errorMessage(err) }) });
      return false;
    }
  }

  async function saveMaterial(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const read = materialFields.reader(form);
    const diameterMm = read.decimal("diameterMm", { maxDecimals: 2, nonNegative: true, unit: "mm" });
    const pricePerKgCents = read.money("pricePerKg");
    if (!read.done()) {
      setMessage({ kind: "error", text: materialFields.fixFieldsMessage });
      return;
    }
    const body = { type: text(form, "type"), brand: text(form, "brand"), color: text(form, "color"), diameterMm, pricePerKgCents };
    const target = editing;
    const saved = await run(() => (target ? updateMaterial(target.id, body) : createMaterial(body)), materialFields, materialFieldOf);
    if (saved) {
      setEditing(null);
      formElement.reset();
    }
  }

  async function addSpool(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const read = spoolFields.reader(form);
    const initialGrams = read.decimal("initialGrams", { maxDecimals: 1, nonNegative: true, unit: "g" });
    if (!read.done()) {
      setMessage({ kind: "error", text: spoolFields.fixFieldsMessage });
      return;
    }
    const printerId = text(form, "printerId");
    const saved = await run(
      () =>
        createSpool({
          materialId: text(form, "materialId"),
          initialGrams: Number(initialGrams),
          location: text(form, "location") || null,
          printerId: printerId || null,
          slot: printerId ? text(form, "slot") || null : null,
        }),
      spoolFields,
    );
    if (saved) formElement.reset();
  }

  const remainingFields = useFieldErrors();
  async function updateRemaining(id: string, event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = remainingFields.reader(new FormData(event.currentTarget));
    const remaining = read.decimal(`remaining-${id}`, { maxDecimals: 1, nonNegative: true, unit: "g" });
    if (!read.done() || remaining === null) return;
    await run(() => updateSpool(id, { remainingGrams: Number(remaining) }));
  }

  const printerName = new Map(printers.map((printer) => [printer.id, printer.name]));
  // Prices come as null for who may not read the business (operators): no price column then.
  const showsPrices = materials.some((material) => material.pricePerKgCents !== null);
  const th = "px-3 py-2 text-left";
  const thNumber = "px-3 py-2 text-right";
  const visibleMaterials = materials.filter((material) => showArchived || !material.archived);
  const visibleSpools = spools.filter((spool) => showArchived || !spool.archived);
  const hasArchived = materials.some((m) => m.archived) || spools.some((s) => s.archived);
  return (
    <div className="space-y-8">
      {message ? <FormMessage kind={message.kind} testId="materials-message">{message.text}</FormMessage> : null}
      {hasArchived ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} data-testid="show-archived" />
          {t("showArchived")}
        </label>
      ) : null}
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("materials")}</h2>
        {visibleMaterials.length === 0 ? <p className="text-sm">{t("none")}</p> : (
          <table className="min-w-full text-sm" data-testid="materials-table">
            <thead><tr><th className={th}>{t("type")}</th><th className={th}>{t("brand")}</th><th className={th}>{t("color")}</th><th className={thNumber}>{t("diameter")}</th>{showsPrices ? <th className={thNumber}>{t("pricePerKg")}</th> : null}{canEdit ? <th className={th}><span className="sr-only">{t("actions")}</span></th> : null}</tr></thead>
            <tbody>
              {visibleMaterials.map((material) => (
                <tr key={material.id} className={`border-t border-slate-100 dark:border-slate-800 ${material.archived ? "text-slate-400" : ""}`}>
                  <td className="px-3 py-2">{material.type}{material.archived ? ` (${t("archived")})` : ""}</td><td className="px-3 py-2">{material.brand}</td><td className="px-3 py-2">{material.color}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatDecimalInput(material.diameterMm, format.locale)} mm</td>
                  {showsPrices ? <td className="px-3 py-2 text-right">{material.pricePerKgCents === null ? null : <Money cents={material.pricePerKgCents} locale={format.locale} />}</td> : null}
                  {canEdit ? (
                    <td className="space-x-2 px-3 py-2 text-right">
                      {material.archived ? null : <Button variant="secondary" onClick={() => setEditing(material)} data-testid={`edit-material-${material.id}`}>{t("edit")}</Button>}
                      <Button variant="secondary" onClick={() => void run(() => updateMaterial(material.id, { archived: !material.archived }))}>{material.archived ? t("restore") : t("archive")}</Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit ? (
          <form key={editing?.id ?? "new"} onSubmit={saveMaterial} noValidate className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="material-form">
            <TextField label={t("type")} name="type" required maxLength={40} defaultValue={editing?.type} />
            <TextField label={t("brand")} name="brand" required maxLength={80} defaultValue={editing?.brand} />
            <TextField label={t("color")} name="color" required maxLength={60} defaultValue={editing?.color} />
            <NumberInput label={t("diameter")} name="diameterMm" adornment="mm" defaultValue={formatDecimalInput(editing?.diameterMm ?? "1.75", format.locale)} error={materialFields.errors.diameterMm} />
            <MoneyInput label={t("pricePerKg")} name="pricePerKg" cents={editing?.pricePerKgCents} required error={materialFields.errors.pricePerKg} />
            <div className="flex items-end gap-2">
              <Button type="submit">{editing ? t("save") : t("add")}</Button>
              {editing ? <Button variant="secondary" onClick={() => setEditing(null)}>{t("cancel")}</Button> : null}
            </div>
          </form>
        ) : null}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("spools")}</h2>
        {visibleSpools.length === 0 ? <p className="text-sm">{t("none")}</p> : (
          <table className="min-w-full text-sm" data-testid="spools-table">
            <thead><tr><th className={th}>{t("material")}</th><th className={th}>{t("remainingGrams")}</th><th className={th}>{t("printer")}</th><th className={th}>{t("slot")}</th><th className={th}>{t("location")}</th>{canEdit ? <th className={th}><span className="sr-only">{t("actions")}</span></th> : null}</tr></thead>
            <tbody>
              {visibleSpools.map((spool) => (
                <tr key={spool.id} className={`border-t border-slate-100 dark:border-slate-800 ${spool.archived ? "text-slate-400" : ""}`}>
                  <td className="px-3 py-2">{spool.material.brand} {spool.material.type} {spool.material.color}{spool.archived ? ` (${t("archived")})` : ""}</td>
                  <td className="px-3 py-2">
                    {canEdit && !spool.archived ? (
                      <form onSubmit={(event) => void updateRemaining(spool.id, event)} noValidate className="flex items-center gap-2">
                        <input name={`remaining-${spool.id}`} type="text" inputMode="decimal" defaultValue={formatDecimalInput(String(Math.round(spool.remainingGrams * 10) / 10), format.locale)} aria-label={t("remainingGrams")} aria-invalid={remainingFields.errors[`remaining-${spool.id}`] ? true : undefined} className="w-24 rounded border border-slate-300 px-2 py-1 text-right tabular-nums dark:border-slate-700 dark:bg-slate-900" />
                        <Button type="submit" variant="secondary">✓</Button>
                        {remainingFields.errors[`remaining-${spool.id}`] ? <span className="text-xs text-red-700 dark:text-red-300">{remainingFields.errors[`remaining-${spool.id}`]}</span> : null}
                      </form>
                    ) : (
                      <span className="tabular-nums">{format.grams(spool.remainingGrams)}</span>
                    )}
                    {spool.lowStock ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900" data-testid="low-stock">{t("lowStock")}</span> : null}
                  </td>
                  <td className="px-3 py-2">{spool.printerId ? (printerName.get(spool.printerId) ?? spool.printerId) : ""}</td>
                  <td className="px-3 py-2">{spool.slot ? slotLabel({ id: spool.slot, type: null, color: null }) : ""}</td>
                  <td className="px-3 py-2">{spool.location ?? ""}</td>
                  {canEdit ? (
                    <td className="px-3 py-2 text-right">
                      <Button variant="secondary" onClick={() => void run(() => updateSpool(spool.id, { archived: !spool.archived }))}>{spool.archived ? t("restore") : t("archive")}</Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit ? <ReportedTrays printers={printers} spools={spools} materials={materials} /> : null}
        {canEdit && materials.some((m) => !m.archived) ? (
          <form onSubmit={(event) => void addSpool(event)} noValidate className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="spool-form">
            <SelectField label={t("material")} name="materialId" options={materials.filter((m) => !m.archived).map((m) => ({ value: m.id, label: `${m.brand} ${m.type} ${m.color}` }))} />
            <NumberInput label={t("initialGrams")} name="initialGrams" adornment="g" defaultValue="1000" required error={spoolFields.errors.initialGrams} />
            <SpoolSlotPicker printers={printers} spools={spools} />
            <TextField label={t("location")} name="location" maxLength={120} />
            <div className="flex items-end"><Button type="submit">{t("add")}</Button></div>
          </form>
        ) : null}
      </section>
    </div>
  );
}
