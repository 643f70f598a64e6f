// A stand-in for Chapa's API (the shapes src/payments/client.rs speaks), so the
// end-to-end run can pay an order: initialize remembers the amount, verify says
// it was paid, refunds succeed. Tests in Rust use tests/common/chapa.rs instead.
import { createServer } from "node:http";

/** Starts the stub on `port`; resolves to the server. */
export function startChapaStub(port) {
  const amounts = new Map();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const send = (status, payload) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      const url = new URL(req.url ?? "/", "http://stub");
      if (req.method === "POST" && url.pathname === "/v1/transaction/initialize") {
        const request = JSON.parse(body);
        amounts.set(request.tx_ref, { amount: request.amount, currency: request.currency });
        send(200, {
          status: "success",
          message: "Hosted Link",
          data: { checkout_url: `http://127.0.0.1:${port}/checkout/${request.tx_ref}` },
        });
        return;
      }
      const verify = /^\/v1\/transaction\/verify\/(.+)$/.exec(url.pathname);
      if (req.method === "GET" && verify !== null) {
        const txRef = decodeURIComponent(verify[1]);
        const charge = amounts.get(txRef);
        if (charge === undefined) {
          send(404, { status: "failed", message: "Invalid transaction or Transaction not found", data: null });
          return;
        }
        send(200, {
          status: "success",
          message: "Payment details",
          data: { status: "success", amount: Number(charge.amount), currency: charge.currency, reference: `stub-${txRef}`, tx_ref: txRef },
        });
        return;
      }
      const refund = /^\/v1\/refund\/(.+)$/.exec(url.pathname);
      if (req.method === "POST" && refund !== null) {
        send(200, { status: "success", message: "Refund processed", data: { ref_id: `refund-${Date.now()}` } });
        return;
      }
      send(404, { status: "failed", message: "not found", data: null });
    });
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      resolve(server);
    });
  });
}
