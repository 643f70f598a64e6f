//! `JsonBytes<T>`: a JSON body serialised ahead of time, documented exactly like `Json<T>`.
//!
//! Cached responses are stored as the bytes the client receives, so serving
//! one is a copy, not a parse and a re-serialisation. In the OpenAPI document
//! the payload is indistinguishable from `Json<T>`: same content type, and the
//! schema is `T`'s.

use std::marker::PhantomData;

use bytes::Bytes;
use poem::{IntoResponse, Response, http::header};
use poem_openapi::{
    payload::Payload,
    registry::{MetaSchemaRef, Registry},
    types::{ToJSON, Type},
};

/// The content type `Json<T>` answers with.
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A serialised `T`, sent as is.
#[derive(Debug, Clone)]
pub struct JsonBytes<T> {
    bytes: Bytes,
    _body: PhantomData<fn() -> T>,
}

impl<T: ToJSON> JsonBytes<T> {
    /// Serialises `value` exactly as poem-openapi's `Json<T>` does (`ToJSON`, then `serde_json`).
    pub fn encode(value: &T) -> Self {
        let bytes = serde_json::to_vec(&value.to_json())
            .expect("a serde_json::Value always serialises (its map keys are strings)");
        Self::from_encoded(bytes.into())
    }
}

impl<T> JsonBytes<T> {
    /// Wraps bytes that [`JsonBytes::encode`] produced for a `T` earlier (they are not re-checked).
    pub fn from_encoded(bytes: Bytes) -> Self {
        Self {
            bytes,
            _body: PhantomData,
        }
    }

    /// The serialised body.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

impl<T: Type> Payload for JsonBytes<T> {
    const CONTENT_TYPE: &'static str = CONTENT_TYPE;

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T> IntoResponse for JsonBytes<T> {
    fn into_response(self) -> Response {
        Response::builder()
            .header(header::CONTENT_TYPE, CONTENT_TYPE)
            .body(self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use poem_openapi::{Object, payload::Json};

    use super::*;

    #[derive(Debug, Clone, Object)]
    struct Sample {
        name: String,
        price: Option<String>,
        tags: Vec<i64>,
    }

    #[tokio::test]
    async fn responds_with_the_same_bytes_and_content_type_as_json() {
        let value = Sample {
            name: "Lamp \"deluxe\" ü".into(),
            price: None,
            tags: vec![1, 2],
        };

        let expected = Json(value.clone()).into_response();
        let actual = JsonBytes::encode(&value).into_response();

        assert_eq!(
            actual.headers().get(header::CONTENT_TYPE),
            expected.headers().get(header::CONTENT_TYPE)
        );
        assert_eq!(
            actual.into_body().into_bytes().await.unwrap(),
            expected.into_body().into_bytes().await.unwrap()
        );
    }

    #[test]
    fn documents_the_schema_of_its_body_type_like_json() {
        assert_eq!(
            <JsonBytes<Sample> as Payload>::CONTENT_TYPE,
            <Json<Sample> as Payload>::CONTENT_TYPE
        );
        assert_eq!(
            format!("{:?}", <JsonBytes<Sample> as Payload>::schema_ref()),
            format!("{:?}", <Json<Sample> as Payload>::schema_ref())
        );
    }
}
