/** The dashboard: the shop at a glance and the latest orders. */
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";

import { Banner, Link, useLoad } from "../components/ui.tsx";
import { shop } from "../lib/session.ts";
import { OrderTable } from "./orders.tsx";

export function Dashboard(): JSX.Element {
  const latest = useLoad(() => unwrap(shop.api.GET("/api/v1/orders", { params: { query: { limit: 10 } } })), []);
  return (
    <section>
      <h1>Dashboard</h1>
      <h2>Latest orders</h2>
      <Banner error={latest.error} />
      {latest.data !== null && <OrderTable orders={latest.data.items} />}
      <p>
        <Link to="/orders">All orders</Link>
      </p>
    </section>
  );
}
