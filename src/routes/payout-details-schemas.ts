import { z } from "@hono/zod-openapi";

/** The payout-details shapes both APIs speak (issue 28): the partner's input, the masked answer. */
export const PayoutDetailsInput = z
  .discriminatedUnion("method", [
    z
      .object({
        method: z.literal("paypal"),
        email: z
          .email()
          .max(254)
          .refine((email) => !/^[=+\-@]/.test(email), {
            message: "must not start with = + - or @ (a spreadsheet would read a formula)",
          }),
      })
      .strict(),
    z
      .object({
        method: z.literal("iban"),
        iban: z.string().trim().min(1).max(50).openapi({ description: "Spaces allowed" }),
        bic: z.string().trim().min(8).max(14),
        account_holder: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .openapi({
            description:
              "Kept in SEPA's character set: accented Latin letters are transliterated (é → e), " +
              "anything else outside Latin letters, digits, space and / - ? : ( ) . , ' + is " +
              "refused; at most 70 characters",
          }),
      })
      .strict(),
  ])
  .openapi("PayoutDetailsInput");

export const PayoutDetailsAnswer = z
  .union([
    z.object({
      method: z.enum(["paypal", "iban"]),
      masked: z.record(z.string(), z.string()).openapi({
        description:
          'paypal: `{email:"j•••@example.com"}`; iban: `{iban:"FR76 •••• •••• 0189", bic, account_holder}`',
      }),
      updated_at: z.string(),
    }),
    z.object({ method: z.null() }),
  ])
  .openapi("PayoutDetails");
