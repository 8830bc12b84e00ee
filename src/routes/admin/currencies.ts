import { createRoute, z } from "@hono/zod-openapi";
import { ISO_4217_PUBLISHED } from "../../domain/iso-4217";
import { CURRENCY_MINOR_UNITS, ISO_4217_AMENDED } from "../../domain/iso-4217-amendments";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";

export const currenciesApi = adminRouter();

const CurrencyList = z
  .object({
    data: z.array(z.object({ code: z.string(), minor_units: z.number().int() })),
    iso_4217_published: z.string(),
    iso_4217_amended: z.string().nullable().openapi({
      description: "The newest ISO 4217 amendment applied on top of the published list",
    }),
  })
  .openapi("CurrencyList");

const data = Object.entries(CURRENCY_MINOR_UNITS).map(([code, minor_units]) => ({
  code,
  minor_units,
}));

currenciesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Currencies"],
    summary:
      "Every accepted ISO 4217 code and its minor units: amounts are integers of 10^-minor_units",
    responses: { 200: jsonResponse(CurrencyList, "The ISO 4217 table in use"), ...commonErrors },
  }),
  (c) =>
    c.json(
      { data, iso_4217_published: ISO_4217_PUBLISHED, iso_4217_amended: ISO_4217_AMENDED },
      200,
    ),
);
