//! W3C trace context (`traceparent`, `tracestate`) in and out of this process.
//!
//! A trace crosses three boundaries: a client's HTTP request into the api
//! ([`continue_remote`] on the request span), the outbox row a request
//! enqueues ([`current`], stored by [`crate::jobs::enqueue`]), and the AMQP
//! message the worker consumes (the relay copies the row's values into the
//! message headers; the worker calls [`continue_remote`] on the job span).
//!
//! With trace export off there is no OpenTelemetry layer: spans have no trace
//! id, [`current`] finds none and stores nothing, and [`continue_remote`]
//! parses the header only to find no layer to hand it to.

use std::collections::HashMap;

use opentelemetry::{
    propagation::{Extractor, TextMapPropagator},
    trace::TraceContextExt,
};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// The W3C header carrying the trace id, parent span id and sampling flag.
pub const TRACEPARENT: &str = "traceparent";
/// The W3C header carrying vendor-specific trace state.
pub const TRACESTATE: &str = "tracestate";
/// Longest `traceparent` kept (the outbox column's bound; version 00 is 55 characters).
pub const MAX_TRACEPARENT: usize = 128;
/// Longest `tracestate` kept (the outbox column's bound; W3C lets vendors cut it at 512).
pub const MAX_TRACESTATE: usize = 512;

/// The trace context of one span, as its two W3C header values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceContext {
    /// `traceparent`, `None` when the span has no valid trace context.
    pub traceparent: Option<String>,
    /// `tracestate`, `None` when empty or longer than [`MAX_TRACESTATE`].
    pub tracestate: Option<String>,
}

/// The trace context of the current span, if it is exported (an OpenTelemetry layer is installed).
pub fn current() -> TraceContext {
    let context = tracing::Span::current().context();
    if !context.span().span_context().is_valid() {
        return TraceContext::default();
    }
    let mut headers = HashMap::new();
    TraceContextPropagator::new().inject_context(&context, &mut headers);
    TraceContext {
        traceparent: headers
            .remove(TRACEPARENT)
            .filter(|v| v.len() <= MAX_TRACEPARENT),
        tracestate: headers
            .remove(TRACESTATE)
            .filter(|v| !v.is_empty() && v.len() <= MAX_TRACESTATE),
    }
}

/// Makes `span` a child of the remote span named by `headers`' `traceparent`; ignores a missing or malformed one.
///
/// Call it before anything runs inside `span`: once started, a span keeps
/// its parent. Returns whether a parent was set.
pub fn continue_remote(span: &tracing::Span, headers: &dyn Extractor) -> bool {
    if headers.get(TRACEPARENT).is_none() {
        return false;
    }
    let context = TraceContextPropagator::new().extract(headers);
    if !context.span().span_context().is_valid() {
        return false;
    }
    span.set_parent(context).is_ok()
}

/// Header values of an HTTP request, for [`continue_remote`].
pub struct HttpHeaders<'a>(pub &'a poem::http::HeaderMap);

impl Extractor for HttpHeaders<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_layer_nothing_is_stored_and_nothing_is_continued() {
        let mut map = poem::http::HeaderMap::new();
        map.insert(
            TRACEPARENT,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                .parse()
                .unwrap(),
        );
        let span = tracing::info_span!("no layer");

        assert_eq!(span.in_scope(current), TraceContext::default());
        assert!(!continue_remote(&span, &HttpHeaders(&map)));
    }
}
