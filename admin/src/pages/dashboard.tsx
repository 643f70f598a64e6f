/** The dashboard: the shop at a glance and the latest orders. */
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";

import { Banner, Link, useLoad } from "../components/ui.tsx";
import { formatMoney } from "../lib/money.ts";
import { queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";
import { OrderTable } from "./orders.tsx";

export function Dashboard(): JSX.Element {
  const stats = useLoad(() => unwrap(shop.api.GET("/api/v1/dashboard")), []);
  const latest = useLoad(() => unwrap(shop.api.GET("/api/v1/orders", { params: { query: { limit: 10 } } })), []);
  const s = stats.data;
  return (
    <section>
      <h1>Dashboard</h1>
      <Banner error={stats.error} />
      {s !== null && (
        <>
          <dl class="stats">
            <div class="stat">
              <dt>Active products</dt>
              <dd>{s.active_products}</dd>
            </div>
            <div class="stat">
              <dt>Low on stock (≤ {s.low_stock_threshold})</dt>
              <dd>{s.low_stock_products}</dd>
            </div>
            <div class="stat">
              <dt>Payments completed today</dt>
              <dd>{s.payments_completed_today}</dd>
            </div>
            <div class="stat">
              <dt>Taken today</dt>
              <dd>{formatMoney(s.amount_completed_today, s.currency)}</dd>
            </div>
          </dl>
          <div class="split">
            <div>
              <h2>Orders by status</h2>
              <table>
                <caption class="visually-hidden">Orders by status</caption>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">
                      Orders
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.orders_by_status.map((row) => (
                    <tr key={row.status}>
                      <td>
                        <Link to={`/orders${queryString({ status: row.status })}`}>{row.status}</Link>
                      </td>
                      <td class="num">{row.orders}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h2>Lowest stock</h2>
              {s.lowest_stock.length === 0 ? (
                <p>No product is low on stock.</p>
              ) : (
                <table>
                  <caption class="visually-hidden">Lowest stock</caption>
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col" class="num">
                        Stock
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.lowest_stock.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Link to={`/products/${p.id}`}>{p.name}</Link>
                        </td>
                        <td class="num">{p.stock}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        </>
      )}
      <h2>Latest orders</h2>
      <Banner error={latest.error} />
      {latest.data !== null && <OrderTable orders={latest.data.items} />}
      <p>
        <Link to="/orders">All orders</Link>
      </p>
    </section>
  );
}
