// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug)]
pub struct InsertPaymentParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub order_id: i64,
    pub user_id: i64,
    pub tx_ref: T1,
    pub amount: rust_decimal::Decimal,
    pub currency: T2,
    pub idempotency_key: Option<T3>,
    pub request_fingerprint: Option<T4>,
}
#[derive(Debug)]
pub struct FindPaymentByIdempotencyKeyParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct FindPaymentFingerprintParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct SetCheckoutUrlParams<T1: crate::StringSql> {
    pub checkout_url: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct CompletePaymentParams<T1: crate::StringSql> {
    pub captured_amount: rust_decimal::Decimal,
    pub provider_reference: Option<T1>,
    pub id: i64,
}
#[derive(Debug)]
pub struct SetPaymentStatusParams<T1: crate::StringSql> {
    pub status: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct CancelPaymentParams<T1: crate::StringSql> {
    pub reason: T1,
    pub id: i64,
}
#[derive(Debug)]
pub struct FailPaymentParams<T1: crate::StringSql, T2: crate::StringSql> {
    pub failure_reason: T1,
    pub provider_reference: Option<T2>,
    pub id: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListUserPaymentsParams {
    pub user_id: i64,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Clone, Copy, Debug)]
pub struct ListAllPaymentsParams {
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct InsertRefundParams<
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
> {
    pub payment_id: i64,
    pub amount: rust_decimal::Decimal,
    pub reason: T1,
    pub automatic: bool,
    pub requested_by: Option<i64>,
    pub reference: T2,
    pub idempotency_key: Option<T3>,
    pub request_fingerprint: Option<T4>,
}
#[derive(Debug)]
pub struct FindRefundByIdempotencyKeyParams<T1: crate::StringSql> {
    pub requested_by: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct FindRefundFingerprintParams<T1: crate::StringSql> {
    pub requested_by: i64,
    pub idempotency_key: T1,
}
#[derive(Debug)]
pub struct FinishRefundParams<T1: crate::StringSql, T2: crate::StringSql, T3: crate::StringSql> {
    pub status: T1,
    pub provider_reference: Option<T2>,
    pub failure_reason: Option<T3>,
    pub id: i64,
}
#[derive(Debug)]
pub struct ListPaymentsByStatusParams<T1: crate::StringSql> {
    pub status: T1,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug)]
pub struct ListUserPaymentsByStatusParams<T1: crate::StringSql> {
    pub user_id: i64,
    pub status: T1,
    pub after_id: Option<i64>,
    pub after_created: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub limit: i64,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    pub id: i64,
    pub order_id: i64,
    pub user_id: i64,
    pub provider: String,
    pub tx_ref: String,
    pub amount: rust_decimal::Decimal,
    pub currency: String,
    pub status: String,
    pub checkout_url: Option<String>,
    pub provider_reference: Option<String>,
    pub failure_reason: Option<String>,
    pub captured_amount: Option<rust_decimal::Decimal>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct PaymentBorrowed<'a> {
    pub id: i64,
    pub order_id: i64,
    pub user_id: i64,
    pub provider: &'a str,
    pub tx_ref: &'a str,
    pub amount: rust_decimal::Decimal,
    pub currency: &'a str,
    pub status: &'a str,
    pub checkout_url: Option<&'a str>,
    pub provider_reference: Option<&'a str>,
    pub failure_reason: Option<&'a str>,
    pub captured_amount: Option<rust_decimal::Decimal>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<PaymentBorrowed<'a>> for Payment {
    fn from(
        PaymentBorrowed {
            id,
            order_id,
            user_id,
            provider,
            tx_ref,
            amount,
            currency,
            status,
            checkout_url,
            provider_reference,
            failure_reason,
            captured_amount,
            created_at,
            updated_at,
        }: PaymentBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            order_id,
            user_id,
            provider: provider.into(),
            tx_ref: tx_ref.into(),
            amount,
            currency: currency.into(),
            status: status.into(),
            checkout_url: checkout_url.map(|v| v.into()),
            provider_reference: provider_reference.map(|v| v.into()),
            failure_reason: failure_reason.map(|v| v.into()),
            captured_amount,
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentFingerprint {
    pub request_fingerprint: Option<String>,
}
pub struct PaymentFingerprintBorrowed<'a> {
    pub request_fingerprint: Option<&'a str>,
}
impl<'a> From<PaymentFingerprintBorrowed<'a>> for PaymentFingerprint {
    fn from(
        PaymentFingerprintBorrowed {
            request_fingerprint,
        }: PaymentFingerprintBorrowed<'a>,
    ) -> Self {
        Self {
            request_fingerprint: request_fingerprint.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Payer {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone_number: Option<String>,
}
pub struct PayerBorrowed<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone_number: Option<&'a str>,
}
impl<'a> From<PayerBorrowed<'a>> for Payer {
    fn from(
        PayerBorrowed {
            email,
            first_name,
            last_name,
            phone_number,
        }: PayerBorrowed<'a>,
    ) -> Self {
        Self {
            email: email.into(),
            first_name: first_name.into(),
            last_name: last_name.into(),
            phone_number: phone_number.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct Refund {
    pub id: i64,
    pub payment_id: i64,
    pub amount: rust_decimal::Decimal,
    pub reason: String,
    pub status: String,
    pub automatic: bool,
    pub requested_by: Option<i64>,
    pub reference: String,
    pub provider_reference: Option<String>,
    pub failure_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
pub struct RefundBorrowed<'a> {
    pub id: i64,
    pub payment_id: i64,
    pub amount: rust_decimal::Decimal,
    pub reason: &'a str,
    pub status: &'a str,
    pub automatic: bool,
    pub requested_by: Option<i64>,
    pub reference: &'a str,
    pub provider_reference: Option<&'a str>,
    pub failure_reason: Option<&'a str>,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub updated_at: chrono::DateTime<chrono::FixedOffset>,
}
impl<'a> From<RefundBorrowed<'a>> for Refund {
    fn from(
        RefundBorrowed {
            id,
            payment_id,
            amount,
            reason,
            status,
            automatic,
            requested_by,
            reference,
            provider_reference,
            failure_reason,
            created_at,
            updated_at,
        }: RefundBorrowed<'a>,
    ) -> Self {
        Self {
            id,
            payment_id,
            amount,
            reason: reason.into(),
            status: status.into(),
            automatic,
            requested_by,
            reference: reference.into(),
            provider_reference: provider_reference.map(|v| v.into()),
            failure_reason: failure_reason.map(|v| v.into()),
            created_at,
            updated_at,
        }
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct RefundFingerprint {
    pub request_fingerprint: Option<String>,
}
pub struct RefundFingerprintBorrowed<'a> {
    pub request_fingerprint: Option<&'a str>,
}
impl<'a> From<RefundFingerprintBorrowed<'a>> for RefundFingerprint {
    fn from(
        RefundFingerprintBorrowed {
            request_fingerprint,
        }: RefundFingerprintBorrowed<'a>,
    ) -> Self {
        Self {
            request_fingerprint: request_fingerprint.map(|v| v.into()),
        }
    }
}
#[derive(Debug, Clone, PartialEq, Copy)]
pub struct SumRefunds {
    pub committed: rust_decimal::Decimal,
    pub succeeded: rust_decimal::Decimal,
}
use crate::client::async_::GenericClient;
use futures::{self, StreamExt, TryStreamExt};
pub struct PaymentQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PaymentBorrowed, tokio_postgres::Error>,
    mapper: fn(PaymentBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaymentQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(PaymentBorrowed) -> R) -> PaymentQuery<'c, 'a, 's, C, R, N> {
        PaymentQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct PaymentFingerprintQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor:
        fn(&tokio_postgres::Row) -> Result<PaymentFingerprintBorrowed, tokio_postgres::Error>,
    mapper: fn(PaymentFingerprintBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PaymentFingerprintQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(PaymentFingerprintBorrowed) -> R,
    ) -> PaymentFingerprintQuery<'c, 'a, 's, C, R, N> {
        PaymentFingerprintQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct PayerQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<PayerBorrowed, tokio_postgres::Error>,
    mapper: fn(PayerBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> PayerQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(PayerBorrowed) -> R) -> PayerQuery<'c, 'a, 's, C, R, N> {
        PayerQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct RefundQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<RefundBorrowed, tokio_postgres::Error>,
    mapper: fn(RefundBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RefundQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(RefundBorrowed) -> R) -> RefundQuery<'c, 'a, 's, C, R, N> {
        RefundQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct RefundFingerprintQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<RefundFingerprintBorrowed, tokio_postgres::Error>,
    mapper: fn(RefundFingerprintBorrowed) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> RefundFingerprintQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(
        self,
        mapper: fn(RefundFingerprintBorrowed) -> R,
    ) -> RefundFingerprintQuery<'c, 'a, 's, C, R, N> {
        RefundFingerprintQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct SumRefundsQuery<'c, 'a, 's, C: GenericClient, T, const N: usize> {
    client: &'c C,
    params: [&'a (dyn postgres_types::ToSql + Sync); N],
    query: &'static str,
    cached: Option<&'s tokio_postgres::Statement>,
    extractor: fn(&tokio_postgres::Row) -> Result<SumRefunds, tokio_postgres::Error>,
    mapper: fn(SumRefunds) -> T,
}
impl<'c, 'a, 's, C, T: 'c, const N: usize> SumRefundsQuery<'c, 'a, 's, C, T, N>
where
    C: GenericClient,
{
    pub fn map<R>(self, mapper: fn(SumRefunds) -> R) -> SumRefundsQuery<'c, 'a, 's, C, R, N> {
        SumRefundsQuery {
            client: self.client,
            params: self.params,
            query: self.query,
            cached: self.cached,
            extractor: self.extractor,
            mapper,
        }
    }
    pub async fn one(self) -> Result<T, tokio_postgres::Error> {
        let row =
            crate::client::async_::one(self.client, self.query, &self.params, self.cached).await?;
        Ok((self.mapper)((self.extractor)(&row)?))
    }
    pub async fn all(self) -> Result<Vec<T>, tokio_postgres::Error> {
        self.iter().await?.try_collect().await
    }
    pub async fn opt(self) -> Result<Option<T>, tokio_postgres::Error> {
        let opt_row =
            crate::client::async_::opt(self.client, self.query, &self.params, self.cached).await?;
        Ok(opt_row
            .map(|row| {
                let extracted = (self.extractor)(&row)?;
                Ok((self.mapper)(extracted))
            })
            .transpose()?)
    }
    pub async fn iter(
        self,
    ) -> Result<
        impl futures::Stream<Item = Result<T, tokio_postgres::Error>> + 'c,
        tokio_postgres::Error,
    > {
        let stream = crate::client::async_::raw(
            self.client,
            self.query,
            crate::slice_iter(&self.params),
            self.cached,
        )
        .await?;
        let mapped = stream
            .map(move |res| {
                res.and_then(|row| {
                    let extracted = (self.extractor)(&row)?;
                    Ok((self.mapper)(extracted))
                })
            })
            .into_stream();
        Ok(mapped)
    }
}
pub struct InsertPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_payment() -> InsertPaymentStmt {
    InsertPaymentStmt(
        "INSERT INTO payments (order_id, user_id, tx_ref, amount, currency, idempotency_key, request_fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at",
        None,
    )
}
impl InsertPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
        user_id: &'a i64,
        tx_ref: &'a T1,
        amount: &'a rust_decimal::Decimal,
        currency: &'a T2,
        idempotency_key: &'a Option<T3>,
        request_fingerprint: &'a Option<T4>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 7> {
        PaymentQuery {
            client,
            params: [
                order_id,
                user_id,
                tx_ref,
                amount,
                currency,
                idempotency_key,
                request_fingerprint,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertPaymentParams<T1, T2, T3, T4>,
        PaymentQuery<'c, 'a, 's, C, Payment, 7>,
        C,
    > for InsertPaymentStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertPaymentParams<T1, T2, T3, T4>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 7> {
        self.bind(
            client,
            &params.order_id,
            &params.user_id,
            &params.tx_ref,
            &params.amount,
            &params.currency,
            &params.idempotency_key,
            &params.request_fingerprint,
        )
    }
}
pub struct FindPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_payment() -> FindPaymentStmt {
    FindPaymentStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE id = $1",
        None,
    )
}
impl FindPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct FindPaymentByIdempotencyKeyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_payment_by_idempotency_key() -> FindPaymentByIdempotencyKeyStmt {
    FindPaymentByIdempotencyKeyStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE user_id = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindPaymentByIdempotencyKeyStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        idempotency_key: &'a T1,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 2> {
        PaymentQuery {
            client,
            params: [user_id, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindPaymentByIdempotencyKeyParams<T1>,
        PaymentQuery<'c, 'a, 's, C, Payment, 2>,
        C,
    > for FindPaymentByIdempotencyKeyStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindPaymentByIdempotencyKeyParams<T1>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 2> {
        self.bind(client, &params.user_id, &params.idempotency_key)
    }
}
pub struct FindPaymentFingerprintStmt(&'static str, Option<tokio_postgres::Statement>);
/// What the request that started this idempotent payment asked for.
pub fn find_payment_fingerprint() -> FindPaymentFingerprintStmt {
    FindPaymentFingerprintStmt(
        "SELECT request_fingerprint FROM payments WHERE user_id = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindPaymentFingerprintStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        idempotency_key: &'a T1,
    ) -> PaymentFingerprintQuery<'c, 'a, 's, C, PaymentFingerprint, 2> {
        PaymentFingerprintQuery {
            client,
            params: [user_id, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<PaymentFingerprintBorrowed, tokio_postgres::Error> {
                Ok(PaymentFingerprintBorrowed {
                    request_fingerprint: row.try_get(0)?,
                })
            },
            mapper: |it| PaymentFingerprint::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindPaymentFingerprintParams<T1>,
        PaymentFingerprintQuery<'c, 'a, 's, C, PaymentFingerprint, 2>,
        C,
    > for FindPaymentFingerprintStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindPaymentFingerprintParams<T1>,
    ) -> PaymentFingerprintQuery<'c, 'a, 's, C, PaymentFingerprint, 2> {
        self.bind(client, &params.user_id, &params.idempotency_key)
    }
}
pub struct FindPaymentByTxRefStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_payment_by_tx_ref() -> FindPaymentByTxRefStmt {
    FindPaymentByTxRefStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE tx_ref = $1",
        None,
    )
}
impl FindPaymentByTxRefStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        tx_ref: &'a T1,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [tx_ref],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct LockPaymentByTxRefStmt(&'static str, Option<tokio_postgres::Statement>);
/// The payment, row-locked while its outcome is recorded (serialises webhook and callback).
pub fn lock_payment_by_tx_ref() -> LockPaymentByTxRefStmt {
    LockPaymentByTxRefStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE tx_ref = $1 FOR UPDATE",
        None,
    )
}
impl LockPaymentByTxRefStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        tx_ref: &'a T1,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [tx_ref],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct SetCheckoutUrlStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn set_checkout_url() -> SetCheckoutUrlStmt {
    SetCheckoutUrlStmt(
        "UPDATE payments SET checkout_url = $1, updated_at = now() WHERE id = $2",
        None,
    )
}
impl SetCheckoutUrlStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        checkout_url: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[checkout_url, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SetCheckoutUrlParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SetCheckoutUrlStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SetCheckoutUrlParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.checkout_url, &params.id))
    }
}
pub struct CompletePaymentStmt(&'static str, Option<tokio_postgres::Statement>);
/// Records a charge Chapa verified, whatever the order can do with it (I2):
/// pending, cancelled and failed payments all become completed.
pub fn complete_payment() -> CompletePaymentStmt {
    CompletePaymentStmt(
        "UPDATE payments SET status = 'completed', captured_amount = $1, provider_reference = COALESCE($2, provider_reference), updated_at = now() WHERE id = $3 AND status IN ('pending', 'cancelled', 'failed')",
        None,
    )
}
impl CompletePaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        captured_amount: &'a rust_decimal::Decimal,
        provider_reference: &'a Option<T1>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[captured_amount, provider_reference, id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        CompletePaymentParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for CompletePaymentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a CompletePaymentParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.captured_amount,
            &params.provider_reference,
            &params.id,
        ))
    }
}
pub struct SetPaymentStatusStmt(&'static str, Option<tokio_postgres::Statement>);
/// After a refund settles: `refunded` or `refund_failed` (the caller holds the row lock).
pub fn set_payment_status() -> SetPaymentStatusStmt {
    SetPaymentStatusStmt(
        "UPDATE payments SET status = $1, updated_at = now() WHERE id = $2",
        None,
    )
}
impl SetPaymentStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[status, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        SetPaymentStatusParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for SetPaymentStatusStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a SetPaymentStatusParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.status, &params.id))
    }
}
pub struct LockPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
/// The payment, row-locked (after its order: docs/PAYMENTS.md, lock order).
pub fn lock_payment() -> LockPaymentStmt {
    LockPaymentStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE id = $1 FOR UPDATE",
        None,
    )
}
impl LockPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct FindPendingPaymentOfOrderStmt(&'static str, Option<tokio_postgres::Statement>);
/// The order's live checkout, if any (one at most: payments_one_pending_per_order).
pub fn find_pending_payment_of_order() -> FindPendingPaymentOfOrderStmt {
    FindPendingPaymentOfOrderStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE order_id = $1 AND status = 'pending'",
        None,
    )
}
impl FindPendingPaymentOfOrderStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
pub struct CancelPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
/// A deleted checkout is kept as cancelled, so a late charge is still recognised and refunded.
pub fn cancel_payment() -> CancelPaymentStmt {
    CancelPaymentStmt(
        "UPDATE payments SET status = 'cancelled', failure_reason = $1, updated_at = now() WHERE id = $2 AND status = 'pending'",
        None,
    )
}
impl CancelPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        reason: &'a T1,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client.execute(self.0, &[reason, id]).await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        CancelPaymentParams<T1>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for CancelPaymentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a CancelPaymentParams<T1>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(client, &params.reason, &params.id))
    }
}
pub struct FailPaymentStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn fail_payment() -> FailPaymentStmt {
    FailPaymentStmt(
        "UPDATE payments SET status = 'failed', failure_reason = $1, provider_reference = COALESCE($2, provider_reference), updated_at = now() WHERE id = $3 AND status = 'pending'",
        None,
    )
}
impl FailPaymentStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql, T2: crate::StringSql>(
        &'s self,
        client: &'c C,
        failure_reason: &'a T1,
        provider_reference: &'a Option<T2>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[failure_reason, provider_reference, id])
            .await
    }
}
impl<'a, C: GenericClient + Send + Sync, T1: crate::StringSql, T2: crate::StringSql>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        FailPaymentParams<T1, T2>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for FailPaymentStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a FailPaymentParams<T1, T2>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.failure_reason,
            &params.provider_reference,
            &params.id,
        ))
    }
}
pub struct ListUserPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
/// One user's payments, newest first: payments_user_created_idx.
pub fn list_user_payments() -> ListUserPaymentsStmt {
    ListUserPaymentsStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE user_id = $1 AND ($2::bigint IS NULL OR (created_at, id) < ($3, $2)) ORDER BY created_at DESC, id DESC LIMIT $4",
        None,
    )
}
impl ListUserPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 4> {
        PaymentQuery {
            client,
            params: [user_id, after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListUserPaymentsParams,
        PaymentQuery<'c, 'a, 's, C, Payment, 4>,
        C,
    > for ListUserPaymentsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListUserPaymentsParams,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 4> {
        self.bind(
            client,
            &params.user_id,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListAllPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Every payment, newest first (admin): payments_created_idx.
pub fn list_all_payments() -> ListAllPaymentsStmt {
    ListAllPaymentsStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE ($1::bigint IS NULL OR (created_at, id) < ($2, $1)) ORDER BY created_at DESC, id DESC LIMIT $3",
        None,
    )
}
impl ListAllPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 3> {
        PaymentQuery {
            client,
            params: [after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListAllPaymentsParams,
        PaymentQuery<'c, 'a, 's, C, Payment, 3>,
        C,
    > for ListAllPaymentsStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListAllPaymentsParams,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 3> {
        self.bind(
            client,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct FindPayerStmt(&'static str, Option<tokio_postgres::Statement>);
/// Buyer details Chapa's checkout asks for, and the email recipient.
pub fn find_payer() -> FindPayerStmt {
    FindPayerStmt(
        "SELECT email, first_name, last_name, phone_number FROM users WHERE id = $1",
        None,
    )
}
impl FindPayerStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> PayerQuery<'c, 'a, 's, C, Payer, 1> {
        PayerQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<PayerBorrowed, tokio_postgres::Error> {
                Ok(PayerBorrowed {
                    email: row.try_get(0)?,
                    first_name: row.try_get(1)?,
                    last_name: row.try_get(2)?,
                    phone_number: row.try_get(3)?,
                })
            },
            mapper: |it| Payer::from(it),
        }
    }
}
pub struct InsertRefundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn insert_refund() -> InsertRefundStmt {
    InsertRefundStmt(
        "INSERT INTO refunds (payment_id, amount, reason, automatic, requested_by, reference, idempotency_key, request_fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, payment_id, amount, reason, status, automatic, requested_by, reference, provider_reference, failure_reason, created_at, updated_at",
        None,
    )
}
impl InsertRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
        T4: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        payment_id: &'a i64,
        amount: &'a rust_decimal::Decimal,
        reason: &'a T1,
        automatic: &'a bool,
        requested_by: &'a Option<i64>,
        reference: &'a T2,
        idempotency_key: &'a Option<T3>,
        request_fingerprint: &'a Option<T4>,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 8> {
        RefundQuery {
            client,
            params: [
                payment_id,
                amount,
                reason,
                automatic,
                requested_by,
                reference,
                idempotency_key,
                request_fingerprint,
            ],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RefundBorrowed, tokio_postgres::Error> {
                    Ok(RefundBorrowed {
                        id: row.try_get(0)?,
                        payment_id: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        status: row.try_get(4)?,
                        automatic: row.try_get(5)?,
                        requested_by: row.try_get(6)?,
                        reference: row.try_get(7)?,
                        provider_reference: row.try_get(8)?,
                        failure_reason: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                        updated_at: row.try_get(11)?,
                    })
                },
            mapper: |it| Refund::from(it),
        }
    }
}
impl<
    'c,
    'a,
    's,
    C: GenericClient,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
    T4: crate::StringSql,
>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        InsertRefundParams<T1, T2, T3, T4>,
        RefundQuery<'c, 'a, 's, C, Refund, 8>,
        C,
    > for InsertRefundStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a InsertRefundParams<T1, T2, T3, T4>,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 8> {
        self.bind(
            client,
            &params.payment_id,
            &params.amount,
            &params.reason,
            &params.automatic,
            &params.requested_by,
            &params.reference,
            &params.idempotency_key,
            &params.request_fingerprint,
        )
    }
}
pub struct ListRefundsOfPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Refunds of a page of payments in one query (no N+1): refunds_payment_idx.
pub fn list_refunds_of_payments() -> ListRefundsOfPaymentsStmt {
    ListRefundsOfPaymentsStmt(
        "SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference, provider_reference, failure_reason, created_at, updated_at FROM refunds WHERE payment_id = ANY($1) ORDER BY payment_id, id",
        None,
    )
}
impl ListRefundsOfPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::ArraySql<Item = i64>>(
        &'s self,
        client: &'c C,
        payment_ids: &'a T1,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 1> {
        RefundQuery {
            client,
            params: [payment_ids],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RefundBorrowed, tokio_postgres::Error> {
                    Ok(RefundBorrowed {
                        id: row.try_get(0)?,
                        payment_id: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        status: row.try_get(4)?,
                        automatic: row.try_get(5)?,
                        requested_by: row.try_get(6)?,
                        reference: row.try_get(7)?,
                        provider_reference: row.try_get(8)?,
                        failure_reason: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                        updated_at: row.try_get(11)?,
                    })
                },
            mapper: |it| Refund::from(it),
        }
    }
}
pub struct FindRefundStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_refund() -> FindRefundStmt {
    FindRefundStmt(
        "SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference, provider_reference, failure_reason, created_at, updated_at FROM refunds WHERE id = $1",
        None,
    )
}
impl FindRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 1> {
        RefundQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RefundBorrowed, tokio_postgres::Error> {
                    Ok(RefundBorrowed {
                        id: row.try_get(0)?,
                        payment_id: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        status: row.try_get(4)?,
                        automatic: row.try_get(5)?,
                        requested_by: row.try_get(6)?,
                        reference: row.try_get(7)?,
                        provider_reference: row.try_get(8)?,
                        failure_reason: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                        updated_at: row.try_get(11)?,
                    })
                },
            mapper: |it| Refund::from(it),
        }
    }
}
pub struct LockRefundStmt(&'static str, Option<tokio_postgres::Statement>);
/// The refund, row-locked (after its order and payment).
pub fn lock_refund() -> LockRefundStmt {
    LockRefundStmt(
        "SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference, provider_reference, failure_reason, created_at, updated_at FROM refunds WHERE id = $1 FOR UPDATE",
        None,
    )
}
impl LockRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        id: &'a i64,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 1> {
        RefundQuery {
            client,
            params: [id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RefundBorrowed, tokio_postgres::Error> {
                    Ok(RefundBorrowed {
                        id: row.try_get(0)?,
                        payment_id: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        status: row.try_get(4)?,
                        automatic: row.try_get(5)?,
                        requested_by: row.try_get(6)?,
                        reference: row.try_get(7)?,
                        provider_reference: row.try_get(8)?,
                        failure_reason: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                        updated_at: row.try_get(11)?,
                    })
                },
            mapper: |it| Refund::from(it),
        }
    }
}
pub struct FindRefundByIdempotencyKeyStmt(&'static str, Option<tokio_postgres::Statement>);
pub fn find_refund_by_idempotency_key() -> FindRefundByIdempotencyKeyStmt {
    FindRefundByIdempotencyKeyStmt(
        "SELECT id, payment_id, amount, reason, status, automatic, requested_by, reference, provider_reference, failure_reason, created_at, updated_at FROM refunds WHERE requested_by = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindRefundByIdempotencyKeyStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        requested_by: &'a i64,
        idempotency_key: &'a T1,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 2> {
        RefundQuery {
            client,
            params: [requested_by, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<RefundBorrowed, tokio_postgres::Error> {
                    Ok(RefundBorrowed {
                        id: row.try_get(0)?,
                        payment_id: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        reason: row.try_get(3)?,
                        status: row.try_get(4)?,
                        automatic: row.try_get(5)?,
                        requested_by: row.try_get(6)?,
                        reference: row.try_get(7)?,
                        provider_reference: row.try_get(8)?,
                        failure_reason: row.try_get(9)?,
                        created_at: row.try_get(10)?,
                        updated_at: row.try_get(11)?,
                    })
                },
            mapper: |it| Refund::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindRefundByIdempotencyKeyParams<T1>,
        RefundQuery<'c, 'a, 's, C, Refund, 2>,
        C,
    > for FindRefundByIdempotencyKeyStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindRefundByIdempotencyKeyParams<T1>,
    ) -> RefundQuery<'c, 'a, 's, C, Refund, 2> {
        self.bind(client, &params.requested_by, &params.idempotency_key)
    }
}
pub struct FindRefundFingerprintStmt(&'static str, Option<tokio_postgres::Statement>);
/// What the request that asked for this idempotent refund asked for.
pub fn find_refund_fingerprint() -> FindRefundFingerprintStmt {
    FindRefundFingerprintStmt(
        "SELECT request_fingerprint FROM refunds WHERE requested_by = $1 AND idempotency_key = $2",
        None,
    )
}
impl FindRefundFingerprintStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        requested_by: &'a i64,
        idempotency_key: &'a T1,
    ) -> RefundFingerprintQuery<'c, 'a, 's, C, RefundFingerprint, 2> {
        RefundFingerprintQuery {
            client,
            params: [requested_by, idempotency_key],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |
                row: &tokio_postgres::Row,
            | -> Result<RefundFingerprintBorrowed, tokio_postgres::Error> {
                Ok(RefundFingerprintBorrowed {
                    request_fingerprint: row.try_get(0)?,
                })
            },
            mapper: |it| RefundFingerprint::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        FindRefundFingerprintParams<T1>,
        RefundFingerprintQuery<'c, 'a, 's, C, RefundFingerprint, 2>,
        C,
    > for FindRefundFingerprintStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a FindRefundFingerprintParams<T1>,
    ) -> RefundFingerprintQuery<'c, 'a, 's, C, RefundFingerprint, 2> {
        self.bind(client, &params.requested_by, &params.idempotency_key)
    }
}
pub struct SumRefundsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Money refunded or on its way back (failed refunds do not count); the caller holds the payment's lock.
pub fn sum_refunds() -> SumRefundsStmt {
    SumRefundsStmt(
        "SELECT COALESCE(sum(amount) FILTER (WHERE status <> 'failed'), 0)::numeric(12,2) AS committed, COALESCE(sum(amount) FILTER (WHERE status = 'succeeded'), 0)::numeric(12,2) AS succeeded FROM refunds WHERE payment_id = $1",
        None,
    )
}
impl SumRefundsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        payment_id: &'a i64,
    ) -> SumRefundsQuery<'c, 'a, 's, C, SumRefunds, 1> {
        SumRefundsQuery {
            client,
            params: [payment_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor: |row: &tokio_postgres::Row| -> Result<SumRefunds, tokio_postgres::Error> {
                Ok(SumRefunds {
                    committed: row.try_get(0)?,
                    succeeded: row.try_get(1)?,
                })
            },
            mapper: |it| SumRefunds::from(it),
        }
    }
}
pub struct FinishRefundStmt(&'static str, Option<tokio_postgres::Statement>);
/// Chapa's final answer; only a pending refund changes.
pub fn finish_refund() -> FinishRefundStmt {
    FinishRefundStmt(
        "UPDATE refunds SET status = $1, provider_reference = $2, failure_reason = $3, updated_at = now() WHERE id = $4 AND status = 'pending'",
        None,
    )
}
impl FinishRefundStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub async fn bind<
        'c,
        'a,
        's,
        C: GenericClient,
        T1: crate::StringSql,
        T2: crate::StringSql,
        T3: crate::StringSql,
    >(
        &'s self,
        client: &'c C,
        status: &'a T1,
        provider_reference: &'a Option<T2>,
        failure_reason: &'a Option<T3>,
        id: &'a i64,
    ) -> Result<u64, tokio_postgres::Error> {
        client
            .execute(self.0, &[status, provider_reference, failure_reason, id])
            .await
    }
}
impl<
    'a,
    C: GenericClient + Send + Sync,
    T1: crate::StringSql,
    T2: crate::StringSql,
    T3: crate::StringSql,
>
    crate::client::async_::Params<
        'a,
        'a,
        'a,
        FinishRefundParams<T1, T2, T3>,
        std::pin::Pin<
            Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
        >,
        C,
    > for FinishRefundStmt
{
    fn params(
        &'a self,
        client: &'a C,
        params: &'a FinishRefundParams<T1, T2, T3>,
    ) -> std::pin::Pin<
        Box<dyn futures::Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>,
    > {
        Box::pin(self.bind(
            client,
            &params.status,
            &params.provider_reference,
            &params.failure_reason,
            &params.id,
        ))
    }
}
pub struct ListPaymentsByStatusStmt(&'static str, Option<tokio_postgres::Statement>);
/// Payments in one status, newest first (admin): payments_status_created_idx.
pub fn list_payments_by_status() -> ListPaymentsByStatusStmt {
    ListPaymentsByStatusStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE status = $1 AND ($2::bigint IS NULL OR (created_at, id) < ($3, $2)) ORDER BY created_at DESC, id DESC LIMIT $4",
        None,
    )
}
impl ListPaymentsByStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        status: &'a T1,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 4> {
        PaymentQuery {
            client,
            params: [status, after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListPaymentsByStatusParams<T1>,
        PaymentQuery<'c, 'a, 's, C, Payment, 4>,
        C,
    > for ListPaymentsByStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListPaymentsByStatusParams<T1>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 4> {
        self.bind(
            client,
            &params.status,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListUserPaymentsByStatusStmt(&'static str, Option<tokio_postgres::Statement>);
/// One user's payments in one status, newest first: payments_user_created_idx.
pub fn list_user_payments_by_status() -> ListUserPaymentsByStatusStmt {
    ListUserPaymentsByStatusStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE user_id = $1 AND status = $2 AND ($3::bigint IS NULL OR (created_at, id) < ($4, $3)) ORDER BY created_at DESC, id DESC LIMIT $5",
        None,
    )
}
impl ListUserPaymentsByStatusStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>(
        &'s self,
        client: &'c C,
        user_id: &'a i64,
        status: &'a T1,
        after_id: &'a Option<i64>,
        after_created: &'a Option<chrono::DateTime<chrono::FixedOffset>>,
        limit: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 5> {
        PaymentQuery {
            client,
            params: [user_id, status, after_id, after_created, limit],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
impl<'c, 'a, 's, C: GenericClient, T1: crate::StringSql>
    crate::client::async_::Params<
        'c,
        'a,
        's,
        ListUserPaymentsByStatusParams<T1>,
        PaymentQuery<'c, 'a, 's, C, Payment, 5>,
        C,
    > for ListUserPaymentsByStatusStmt
{
    fn params(
        &'s self,
        client: &'c C,
        params: &'a ListUserPaymentsByStatusParams<T1>,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 5> {
        self.bind(
            client,
            &params.user_id,
            &params.status,
            &params.after_id,
            &params.after_created,
            &params.limit,
        )
    }
}
pub struct ListOrderPaymentsStmt(&'static str, Option<tokio_postgres::Statement>);
/// Every payment of one order, newest first (an order has a few): payments_order_idx.
pub fn list_order_payments() -> ListOrderPaymentsStmt {
    ListOrderPaymentsStmt(
        "SELECT id, order_id, user_id, provider, tx_ref, amount, currency, status, checkout_url, provider_reference, failure_reason, captured_amount, created_at, updated_at FROM payments WHERE order_id = $1 ORDER BY created_at DESC, id DESC",
        None,
    )
}
impl ListOrderPaymentsStmt {
    pub async fn prepare<'a, C: GenericClient>(
        mut self,
        client: &'a C,
    ) -> Result<Self, tokio_postgres::Error> {
        self.1 = Some(client.prepare(self.0).await?);
        Ok(self)
    }
    pub fn bind<'c, 'a, 's, C: GenericClient>(
        &'s self,
        client: &'c C,
        order_id: &'a i64,
    ) -> PaymentQuery<'c, 'a, 's, C, Payment, 1> {
        PaymentQuery {
            client,
            params: [order_id],
            query: self.0,
            cached: self.1.as_ref(),
            extractor:
                |row: &tokio_postgres::Row| -> Result<PaymentBorrowed, tokio_postgres::Error> {
                    Ok(PaymentBorrowed {
                        id: row.try_get(0)?,
                        order_id: row.try_get(1)?,
                        user_id: row.try_get(2)?,
                        provider: row.try_get(3)?,
                        tx_ref: row.try_get(4)?,
                        amount: row.try_get(5)?,
                        currency: row.try_get(6)?,
                        status: row.try_get(7)?,
                        checkout_url: row.try_get(8)?,
                        provider_reference: row.try_get(9)?,
                        failure_reason: row.try_get(10)?,
                        captured_amount: row.try_get(11)?,
                        created_at: row.try_get(12)?,
                        updated_at: row.try_get(13)?,
                    })
                },
            mapper: |it| Payment::from(it),
        }
    }
}
