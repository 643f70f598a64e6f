--: Payment(checkout_url?, provider_reference?, failure_reason?)

--! insert_payment (idempotency_key?, request_fingerprint?) : Payment
INSERT INTO payments (order_id, user_id, tx_ref, amount, currency, idempotency_key, request_fingerprint)
VALUES (:order_id, :user_id, :tx_ref, :amount, :currency, :idempotency_key, :request_fingerprint)
RETURNING id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
          provider_reference, failure_reason, created_at, updated_at;

--! find_payment : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments WHERE id = :id;

--! find_payment_by_idempotency_key : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_payment_fingerprint : PaymentFingerprint(request_fingerprint?)
--- What the request that started this idempotent payment asked for.
SELECT request_fingerprint FROM payments WHERE user_id = :user_id AND idempotency_key = :idempotency_key;

--! find_payment_by_tx_ref : Payment
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments WHERE tx_ref = :tx_ref;

--! lock_payment_by_tx_ref : Payment
--- The payment, row-locked while its outcome is recorded (serialises webhook and callback).
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments WHERE tx_ref = :tx_ref FOR UPDATE;

--! set_checkout_url
UPDATE payments SET checkout_url = :checkout_url, updated_at = now() WHERE id = :id;

--! complete_payment
--- Only a pending payment changes; the partial unique index refuses a second completion per order.
UPDATE payments SET status = 'completed', provider_reference = :provider_reference, updated_at = now()
WHERE id = :id AND status = 'pending';

--! fail_payment (provider_reference?)
UPDATE payments SET status = 'failed', failure_reason = :failure_reason,
    provider_reference = COALESCE(:provider_reference, provider_reference), updated_at = now()
WHERE id = :id AND status = 'pending';

--! delete_pending_payment
--- Only pending payments; completed and failed ones are financial history.
DELETE FROM payments WHERE id = :id AND status = 'pending';

--! list_user_payments (after_created?, after_id?) : Payment
--- One user's payments, newest first: payments_user_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments
WHERE user_id = :user_id
  AND (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! list_all_payments (after_created?, after_id?) : Payment
--- Every payment, newest first (admin): payments_created_idx.
SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url,
       provider_reference, failure_reason, created_at, updated_at
FROM payments
WHERE (:after_id::bigint IS NULL OR (created_at, id) < (:after_created, :after_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit;

--! find_payer : Payer(phone_number?)
--- Buyer details Chapa's checkout asks for, and the email recipient.
SELECT email, first_name, last_name, phone_number FROM users WHERE id = :id;
