// A receiver for aecid-edge webhooks, verified with the Standard Webhooks library:
//   WEBHOOK_SECRET=whsec_… PORT=8788 node examples/verify-webhook.mjs
// Answers 204 to a genuine event (once per webhook-id: a redelivery is acknowledged, not handled
// twice) and 400 to anything whose signature, or timestamp (5 minutes' tolerance), is wrong.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const handled = new Set(); // in production: a unique key in your database

createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  let event;
  try {
    event = webhook.verify(body, request.headers); // the raw body, as received
  } catch {
    response.writeHead(400).end("bad signature");
    return;
  }
  const id = request.headers["webhook-id"];
  if (!handled.has(id)) {
    handled.add(id);
    const { conversion_id, amount, currency, commission } = event.data;
    console.log(`verified ${event.type} ${conversion_id}: ${amount} ${currency}, ${commission}`);
  }
  response.writeHead(204).end();
}).listen(Number(process.env.PORT ?? 8788), "127.0.0.1");
