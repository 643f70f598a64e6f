/** Orders: filtered by status and customer; the detail with items, payments, history and the allowed status changes. */
import type { OrderStatus, Payment } from "@ecommerce/sdk";
import { collect, paginate, unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field, Link, Notice, formatTime, useLoad } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { formatMoney } from "../lib/money.ts";
import { navigate, queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";
import { ORDER_STATUSES, adminTransitions, transitionLabel } from "../lib/transitions.ts";

export function Orders(props: { query: URLSearchParams }): JSX.Element {
  const status = props.query.get("status") ?? "";
  const customer = props.query.get("user_id") ?? "";
  const product = props.query.get("product_id") ?? "";
  const cursor = props.query.get("cursor") ?? "";
  const list = useLoad(
    () =>
      unwrap(
        shop.api.GET("/api/v1/orders", {
          params: {
            query: {
              status: status === "" ? undefined : (status as OrderStatus),
              user_id: customer === "" ? undefined : Number(customer),
              product_id: product === "" ? undefined : Number(product),
              cursor: cursor || undefined,
              limit: 25,
            },
          },
        }),
      ),
    [status, customer, product, cursor],
  );
  const [form, setForm] = useState({ status, user_id: customer, product_id: product });

  return (
    <section>
      <h1>Orders</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/orders${queryString(form)}`);
        }}
      >
        <Field label="Status" name="status" error={list.error}>
          {(attrs) => (
            <select {...attrs} value={form.status} onChange={(e) => { setForm({ ...form, status: e.currentTarget.value }); }}>
              <option value="">Any status</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Customer (user id)" name="user_id" error={list.error}>
          {(attrs) => (
            <input {...attrs} type="number" min={1} value={form.user_id} onInput={(e) => { setForm({ ...form, user_id: e.currentTarget.value }); }} />
          )}
        </Field>
        <Field label="Containing product (id)" name="product_id" error={list.error}>
          {(attrs) => (
            <input {...attrs} type="number" min={1} value={form.product_id} onInput={(e) => { setForm({ ...form, product_id: e.currentTarget.value }); }} />
          )}
        </Field>
        <button type="submit">Apply filters</button>
      </form>
      <Banner error={list.error} />
      {list.data !== null && (
        <>
          <OrderTable orders={list.data.items} />
          {typeof list.data.next_cursor === "string" && (
            <nav class="pager" aria-label="Pages">
              <Link to={`/orders${queryString({ ...form, cursor: list.data.next_cursor })}`}>Next</Link>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

/** A table of orders (also on the dashboard). */
export function OrderTable(props: {
  orders: readonly { id: number; user_id: number; status: OrderStatus; total_amount: string; created_at: string; items: readonly unknown[] }[];
}): JSX.Element {
  return (
    <>
      <table>
        <caption class="visually-hidden">Orders</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              Lines
            </th>
            <th scope="col" class="num">
              Total
            </th>
            <th scope="col">Placed</th>
          </tr>
        </thead>
        <tbody>
          {props.orders.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/orders/${o.id}`}>Order {o.id}</Link>
              </td>
              <td>
                <Link to={`/orders${queryString({ user_id: String(o.user_id) })}`}>User {o.user_id}</Link>
              </td>
              <td>
                <span class={`status status-${o.status}`}>{o.status}</span>
              </td>
              <td class="num">{o.items.length}</td>
              <td class="num">{formatMoney(o.total_amount)}</td>
              <td>{formatTime(o.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.orders.length === 0 && <p>No orders match.</p>}
    </>
  );
}

async function paymentsOf(orderId: number): Promise<Payment[]> {
  const page = await unwrap(shop.api.GET("/api/v1/payments", { params: { query: { order_id: orderId } } }));
  return page.items;
}

export function OrderDetail(props: { id: number }): JSX.Element {
  const { id } = props;
  const order = useLoad(() => unwrap(shop.api.GET("/api/v1/orders/{id}", { params: { path: { id } } })), [id]);
  const events = useLoad(
    () => collect(paginate((cursor) => shop.api.GET("/api/v1/orders/{id}/events", { params: { path: { id }, query: { limit: 100, cursor } } }))),
    [id, order.data?.status],
  );
  const payments = useLoad(() => paymentsOf(id), [id, order.data?.status]);
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const move = async (to: OrderStatus): Promise<void> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await unwrap(shop.api.PATCH("/api/v1/orders/{id}", { params: { path: { id } }, body: { status: to } }));
      setNotice(`Order ${id} is now ${to}.`);
      order.reload();
    } catch (e) {
      setError(showError(e));
    } finally {
      setBusy(false);
    }
  };

  if (order.data === null) {
    return order.error === null ? <p class="loading">Loading…</p> : <Banner error={order.error} />;
  }
  const o = order.data;
  const next = adminTransitions(o.status);
  return (
    <section>
      <p>
        <Link to="/orders">Back to orders</Link>
      </p>
      <h1>Order {o.id}</h1>
      <Notice text={notice} />
      <Banner error={error} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status status-${o.status}`}>{o.status}</span>
        </dd>
        <dt>Customer</dt>
        <dd>
          <Link to={`/orders${queryString({ user_id: String(o.user_id) })}`}>User {o.user_id}</Link>
        </dd>
        <dt>Shipping address</dt>
        <dd>{o.shipping_address}</dd>
        <dt>Placed</dt>
        <dd>{formatTime(o.created_at)}</dd>
        <dt>Total</dt>
        <dd>{formatMoney(o.total_amount)}</dd>
      </dl>
      <div class="actions" role="group" aria-label="Change status">
        {next.length === 0 ? (
          <span>No further status changes are possible for a {o.status} order.</span>
        ) : (
          next.map((to) => (
            <button key={to} type="button" class={to === "cancelled" ? "danger" : ""} disabled={busy} onClick={() => void move(to)}>
              {transitionLabel(to)}
            </button>
          ))
        )}
      </div>
      <h2>Items</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">
              Quantity
            </th>
            <th scope="col" class="num">
              Unit price
            </th>
            <th scope="col" class="num">
              Line total
            </th>
          </tr>
        </thead>
        <tbody>
          {o.items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/products/${item.product_id}`}>{item.product_name}</Link>
              </td>
              <td class="num">{item.quantity}</td>
              <td class="num">{formatMoney(item.unit_price)}</td>
              <td class="num">{formatMoney(item.line_total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td class="num">{formatMoney(o.total_amount)}</td>
          </tr>
        </tfoot>
      </table>
      <h2>Payments</h2>
      <Banner error={payments.error} />
      {payments.data !== null &&
        (payments.data.length === 0 ? (
          <p>No payments yet.</p>
        ) : (
          <PaymentTable payments={payments.data} />
        ))}
      <h2>History</h2>
      <Banner error={events.error} />
      {events.data !== null && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.created_at)}</td>
                <td>{e.kind.replaceAll("_", " ")}</td>
                <td>{e.from_status != null && e.to_status != null && e.from_status !== e.to_status ? `${e.from_status} → ${e.to_status}` : (e.to_status ?? "")}</td>
                <td>{e.actor === "user" && e.actor_user_id != null ? `user ${e.actor_user_id}` : e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A table of payments (orders and the payments screen). */
export function PaymentTable(props: { payments: readonly Payment[] }): JSX.Element {
  return (
    <table>
      <caption class="visually-hidden">Payments</caption>
      <thead>
        <tr>
          <th scope="col">Payment</th>
          <th scope="col">Order</th>
          <th scope="col">Status</th>
          <th scope="col" class="num">
            Amount
          </th>
          <th scope="col" class="num">
            Refunded
          </th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {props.payments.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/payments/${p.id}`}>Payment {p.id}</Link>
            </td>
            <td>
              <Link to={`/orders/${p.order_id}`}>Order {p.order_id}</Link>
            </td>
            <td>
              <span class={`status status-${p.status}`}>{p.status}</span>
            </td>
            <td class="num">{formatMoney(p.amount, p.currency)}</td>
            <td class="num">{formatMoney(p.refunded_amount, p.currency)}</td>
            <td>{formatTime(p.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
