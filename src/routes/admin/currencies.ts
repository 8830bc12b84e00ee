import { createRoute, z } from "@hono/zod-openapi";
import { ISO_4217_MINOR_UNITS, ISO_4217_PUBLISHED } from "../../domain/iso-4217";
import { adminRouter, commonErrors, jsonResponse } from "./route-kit";

export const currenciesApi = adminRouter();

const CurrencyList = z
  .object({
    data: z.array(z.object({ code: z.string(), minor_units: z.number().int() })),
    iso_4217_published: z.string(),
  })
  .openapi("CurrencyList");

const data = Object.entries(ISO_4217_MINOR_UNITS).map(([code, minor_units]) => ({
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
  (c) => c.json({ data, iso_4217_published: ISO_4217_PUBLISHED }, 200),
);
