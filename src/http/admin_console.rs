//! The admin console (`admin/`), embedded in the binary and served at `/admin`.
//!
//! `build.rs` embeds every file of the checked-in bundle `admin/dist`. Hashed
//! assets (`/admin/assets/index-3f9a.js`) are cached for a year as immutable;
//! every other path below `/admin` is a client route and answers `index.html`,
//! which is never cached, so a deploy is picked up at the next load. Every
//! answer carries a Content-Security-Policy that allows only this origin's
//! scripts, styles and API: no inline code, no framing.

use poem::{
    Endpoint, IntoResponse, Request, Response, Result,
    http::{HeaderValue, Method, StatusCode, header},
};

mod files {
    include!(concat!(env!("OUT_DIR"), "/admin_console_files.rs"));
}

/// Where the console is mounted (its Vite `base`).
pub const MOUNT: &str = "/admin";

/// The console's policy: same-origin scripts, styles, images and API calls only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Cache policy of content-hashed assets.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache policy of `index.html` and other unhashed files: revalidate every time.
const NO_CACHE: &str = "no-cache";

/// The embedded file at `path` (below `admin/dist`), if any.
fn file(path: &str) -> Option<&'static [u8]> {
    files::FILES
        .binary_search_by(|(name, _)| (*name).cmp(path))
        .ok()
        .map(|i| files::FILES[i].1)
}

/// The `Content-Type` of a file, by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves the console; mount it with `Route::nest(MOUNT, AdminConsole)`.
pub struct AdminConsole;

impl Endpoint for AdminConsole {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return Err(poem::Error::from_response(response));
        }
        // `nest` strips the mount point: "", "/", "/assets/index-3f9a.js", "/products/12".
        let path = req.uri().path().trim_start_matches('/');
        let (name, cache) = if path.starts_with("assets/") {
            // Hashed assets: a missing one is a 404, never the page (a stale
            // index.html would otherwise run HTML as a script).
            (path, IMMUTABLE)
        } else if path != "index.html" && file(path).is_some() {
            (path, NO_CACHE)
        } else {
            ("index.html", NO_CACHE)
        };
        let Some(body) = file(name) else {
            return Err(poem::Error::from_string(
                format!("no file {MOUNT}/{path}"),
                StatusCode::NOT_FOUND,
            ));
        };
        Ok(Response::builder()
            .content_type(content_type(name))
            .header(header::CACHE_CONTROL, cache)
            .header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::X_FRAME_OPTIONS, "DENY")
            .header(header::REFERRER_POLICY, "no-referrer")
            .body(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_is_embedded_sorted_with_its_index_page() {
        assert!(file("index.html").is_some());
        assert!(files::FILES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            files::FILES
                .iter()
                .any(|(name, _)| name.starts_with("assets/")),
            "hashed assets are embedded"
        );
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type("assets/a-1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("assets/a-1.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
