--: Payment(checkout_url?, provider_reference?, failure_reason?, captured_amount?)
--: Refund(requested_by?, provider_reference?, failure_reason?)

--! insert_payment (idempotency_key?, request_fingerprint?) : Payment
INSERT INTO payments (order_id, user_id, tx_ref, amount, currency, idempotency_key, request_fingerprint)
VALUES (:order_id, :user_id, :tx_ref, :amount, :currency, :idempotency_key, :request_fingerprint)
RETURNING id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
          provider_reference, failure_reason, captured_amount, created_at, updated_at;

--! find_payment : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE id = :id;

--! find_payment_by_idempotency_key : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_payment_fingerprint : PaymentFingerprint(request_fingerprint?)
--- What the request that started this idempotent payment asked for.
SELECT request_fingerprint FROM payments WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_payment_by_tx_ref : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE tx_ref = :tx_ref;

--! lock_payment_by_tx_ref : Payment
--- The payment, row-locked while its outcome is recorded (serialises webhook and callback).
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE tx_ref = :tx_ref FOR UPDATE;

--! set_checkout_url
UPDATE payments SET checkout_url = :checkout_url, updated_at = now() WHERE id = :id;

--! complete_payment (provider_reference?)
--- Records a charge Chapa verified, whatever the order can do with it (I2):
--- pending, cancelled and failed payments all become completed.
UPDATE payments SET status = 'completed', captured_amount = :captured_amount,
    provider_reference = COALESCE(:provider_reference, provider_reference), updated_at = now()
WHERE id = :id AND status IN ('pending', 'cancelled', 'failed');

--! set_payment_status
--- After a refund settles: `refunded` or `refund_failed` (the caller holds the row lock).
UPDATE payments SET status = :status, updated_at = now() WHERE id = :id;

--! lock_payment : Payment
--- The payment, row-locked (after its order: docs/PAYMENTS.md, lock order).
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE id = :id FOR UPDATE;

--! find_pending_payment_of_order : Payment
--- The order's live checkout, if any (one at most: payments_one_pending_per_order).
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments WHERE order_id = :order_id AND status = 'pending';

--! cancel_payment
--- A deleted checkout is kept as cancelled, so a late charge is still recognised and refunded.
UPDATE payments SET status = 'cancelled', failure_reason = :reason, updated_at = now()
WHERE id = :id AND status = 'pending';

--! fail_payment (provider_reference?)
UPDATE payments SET status = 'failed', failure_reason = :failure_reason,
    provider_reference = COALESCE(:provider_reference, provider_reference), updated_at = now()
WHERE id = :id AND status = 'pending';


--! list_user_payments (after_created?, after_id?) : Payment
--- One user's payments, newest first: payments_user_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments
WHERE user_id = :user_id
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_all_payments (after_created?, after_id?) : Payment
--- Every payment, newest first (admin): payments_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments
WHERE (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! find_payer : Payer(phone_number?)
--- Buyer details Chapa's checkout asks for, and the email recipient.
SELECT email, first_name, last_name, phone_number FROM users WHERE id = :id;

--! insert_refund (requested_by?, idempotency_key?, request_fingerprint?) : Refund
INSERT INTO refunds (payment_id, amount, reason, automatic, requested_by, reference,
                     idempotency_key, request_fingerprint)
VALUES (:payment_id, :amount, :reason, :automatic, :requested_by, :reference,
        :idempotency_key, :request_fingerprint)
RETURNING id, payment_id, amount, reason, status, automatic, requested_by, reference,
          provider_reference, failure_reason, created_at, updated_at;

--! list_refunds_of_payments : Refund
--- Refunds of a page of payments in one query (no N+1): refunds_payment_idx.
SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference,
       provider_reference, failure_reason, created_at, updated_at
FROM refunds WHERE payment_id = ANY(:payment_ids) ORDER BY payment_id, id;

--! find_refund : Refund
SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference,
       provider_reference, failure_reason, created_at, updated_at
FROM refunds WHERE id = :id;

--! lock_refund : Refund
--- The refund, row-locked (after its order and payment).
SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference,
       provider_reference, failure_reason, created_at, updated_at
FROM refunds WHERE id = :id FOR UPDATE;

--! find_refund_by_idempotency_key : Refund
SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference,
       provider_reference, failure_reason, created_at, updated_at
FROM refunds WHERE requested_by = :requested_by AND idempotency_key = :idempotency_key;

--! find_refund_fingerprint : RefundFingerprint(request_fingerprint?)
--- What the request that asked for this idempotent refund asked for.
SELECT request_fingerprint FROM refunds WHERE requested_by = :requested_by AND idempotency_key = :idempotency_key;

--! sum_refunds
--- Money refunded or on its way back (failed refunds do not count); the caller holds the payment's lock.
SELECT
    COALESCE(sum(amount) FILTER (WHERE status <> 'failed'), 0)::numeric(12,2) AS committed,
    COALESCE(sum(amount) FILTER (WHERE status = 'succeeded'), 0)::numeric(12,2) AS succeeded
FROM refunds WHERE payment_id = :payment_id;

--! finish_refund (provider_reference?, failure_reason?)
--- Chapa's final answer; only a pending refund changes.
UPDATE refunds SET status = :status, provider_reference = :provider_reference,
    failure_reason = :failure_reason, updated_at = now()
WHERE id = :id AND status = 'pending';

--! list_payments_by_status (after_created?, after_id?) : Payment
--- Payments in one status, newest first (admin): payments_status_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments
WHERE status = :status
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_user_payments_by_status (after_created?, after_id?) : Payment
--- One user's payments in one status, newest first: payments_user_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments
WHERE user_id = :user_id
  AND status = :status
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_order_payments : Payment
--- Every payment of one order, newest first (an order has a few): payments_order_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, captured_amount, created_at, updated_at
FROM payments
WHERE order_id = :order_id
ORDER BY created_at DESC, id DESC;
