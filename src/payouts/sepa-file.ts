import { Document } from "sepa";
import { formatMinor } from "../domain/money";
import type { PayoutFile } from "./file-lines";
import type { PayerSettings } from "./payer-settings";
import { sepaSafe } from "./sepa-text";

/**
 * A SEPA credit transfer, ISO 20022 `pain.001.001.03` (sepa.js, its own XML writer; loaded with
 * import() by the export route alone): one payment block from the payer's account, one
 * transaction per partner.
 * - MsgId: the payout's ID (24 characters); PmtInfId: `<MsgId>.0`; InstrId: `<PmtInfId>.<n>`.
 * - EndToEndId: the payout ID's last 10 characters, `-`, the partner's ID: 35 characters, unique
 *   per partner and payout, which the partner's bank statement shows.
 * - NbOfTxs and CtrlSum at both levels are sepa.js's own sums of the transactions.
 * - Every name and the remittance line pass through `sepaSafe` (the SEPA character set).
 */
export function sepaXml(file: PayoutFile, payer: PayerSettings): string {
  const doc = new Document("pain.001.001.03");
  const when = new Date(file.now);
  doc.grpHdr.id = file.payoutId;
  doc.grpHdr.created = when;
  doc.grpHdr.initiatorName = sepaSafe(payer.debtor_name, 70);
  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = when;
  info.debtorName = sepaSafe(payer.debtor_name, 70);
  info.debtorIBAN = payer.debtor_iban;
  info.debtorBIC = payer.debtor_bic;
  doc.addPaymentInfo(info);
  for (const line of file.lines) {
    if (line.details.method !== "iban") throw new Error("a SEPA line needs an IBAN");
    const tx = info.createTransaction();
    tx.creditorName = sepaSafe(line.details.account_holder, 70);
    tx.creditorIBAN = line.details.iban;
    tx.creditorBIC = line.details.bic;
    tx.amount = Number(formatMinor(line.amount, 2));
    tx.currency = "EUR";
    tx.remittanceInfo = sepaSafe(file.note, 140);
    tx.end2endId = `${file.payoutId.slice(-10)}-${line.partnerId}`.slice(0, 35);
    info.addTransaction(tx);
  }
  return doc.toString();
}
