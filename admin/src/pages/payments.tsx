/** Payments: the list, one payment with its refunds, and a full or partial refund. */
import type { components } from "@ecommerce/sdk";
import { unwrap } from "@ecommerce/sdk";
import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { Banner, Field, Link, Notice, formatTime, useLoad } from "../components/ui.tsx";
import { showError, type ShownError } from "../lib/errors.ts";
import { formatMoney, normaliseAmount } from "../lib/money.ts";
import { navigate, queryString } from "../lib/router.ts";
import { shop } from "../lib/session.ts";
import { PaymentTable } from "./orders.tsx";

type PaymentStatus = components["schemas"]["PaymentStatus"];
const PAYMENT_STATUSES: readonly PaymentStatus[] = ["pending", "completed", "failed", "cancelled", "refunded", "refund_failed"];

export function Payments(props: { query: URLSearchParams }): JSX.Element {
  const cursor = props.query.get("cursor") ?? "";
  const status = props.query.get("status") ?? "";
  const list = useLoad(
    () =>
      unwrap(
        shop.api.GET("/api/v1/payments", {
          params: {
            query: {
              status: PAYMENT_STATUSES.find((s) => s === status),
              cursor: cursor || undefined,
              limit: 25,
            },
          },
        }),
      ),
    [status, cursor],
  );
  const [form, setForm] = useState(status);
  return (
    <section>
      <h1>Payments</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/payments${queryString({ status: form })}`);
        }}
      >
        <Field label="Status" name="status" error={list.error}>
          {(attrs) => (
            <select {...attrs} value={form} onChange={(e) => { setForm(e.currentTarget.value); }}>
              <option value="">Any status</option>
              {PAYMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Apply filters</button>
      </form>
      <Banner error={list.error} />
      {list.data !== null && (
        <>
          <PaymentTable payments={list.data.items} />
          {list.data.items.length === 0 && <p>No payments yet.</p>}
          {typeof list.data.next_cursor === "string" && (
            <nav class="pager" aria-label="Pages">
              <Link to={`/payments${queryString({ status, cursor: list.data.next_cursor })}`}>Next</Link>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

export function PaymentDetail(props: { id: number }): JSX.Element {
  const { id } = props;
  const payment = useLoad(() => unwrap(shop.api.GET("/api/v1/payments/{id}", { params: { path: { id } } })), [id]);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (payment.data === null) {
    return payment.error === null ? <p class="loading">Loading…</p> : <Banner error={payment.error} />;
  }
  const p = payment.data;

  const refund = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const normalised = amount.trim() === "" ? undefined : normaliseAmount(amount);
    if (normalised === null) {
      setError({ field: "amount", message: "must be an amount with at most two decimals, e.g. 5.00" });
      return;
    }
    try {
      const r = await unwrap(
        shop.api.POST("/api/v1/payments/{id}/refund", {
          params: { path: { id }, header: { "Idempotency-Key": crypto.randomUUID() } },
          body: { amount: normalised, reason: reason.trim() === "" ? undefined : reason },
        }),
      );
      setNotice(`Refund of ${formatMoney(r.amount, p.currency)} is ${r.status}.`);
      setAmount("");
      setReason("");
      payment.reload();
    } catch (e) {
      setError(showError(e, ["amount", "reason"]));
    }
  };

  return (
    <section>
      <p>
        <Link to="/payments">Back to payments</Link>
      </p>
      <h1>Payment {p.id}</h1>
      <Notice text={notice} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status status-${p.status}`}>{p.status}</span>
        </dd>
        <dt>Order</dt>
        <dd>
          <Link to={`/orders/${p.order_id}`}>Order {p.order_id}</Link>
        </dd>
        <dt>Payer</dt>
        <dd>User {p.user_id}</dd>
        <dt>Amount</dt>
        <dd>{formatMoney(p.amount, p.currency)}</dd>
        <dt>Captured</dt>
        <dd>{p.captured_amount == null ? "—" : formatMoney(p.captured_amount, p.currency)}</dd>
        <dt>Refunded</dt>
        <dd>{formatMoney(p.refunded_amount, p.currency)}</dd>
        <dt>Reference</dt>
        <dd>{p.tx_ref}</dd>
        {p.failure_reason != null && (
          <>
            <dt>Failure</dt>
            <dd>{p.failure_reason}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatTime(p.created_at)}</dd>
      </dl>
      <h2>Refunds</h2>
      {p.refunds.length === 0 ? (
        <p>No refunds.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Refund</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Amount
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Requested</th>
            </tr>
          </thead>
          <tbody>
            {p.refunds.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.status}</td>
                <td class="num">{formatMoney(r.amount, p.currency)}</td>
                <td>{r.reason}</td>
                <td>{formatTime(r.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.status === "completed" && (
        <form class="form card" onSubmit={(e) => void refund(e)} aria-labelledby="refund">
          <h2 id="refund">Refund</h2>
          <Banner error={error} />
          <Field label={`Amount (${p.currency}; empty refunds everything left)`} name="amount" error={error}>
            {(attrs) => <input {...attrs} inputMode="decimal" value={amount} onInput={(e) => { setAmount(e.currentTarget.value); }} />}
          </Field>
          <Field label="Reason" name="reason" error={error}>
            {(attrs) => <input {...attrs} maxLength={500} value={reason} onInput={(e) => { setReason(e.currentTarget.value); }} />}
          </Field>
          <button type="submit">Refund</button>
        </form>
      )}
    </section>
  );
}
