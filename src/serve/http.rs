//! The preview web server (axum): the site from memory, a 404 page with
//! status 404, `Content-Type` by file extension, `HEAD`, and a live-reload
//! script injected into HTML responses only (never into built files). Tabs
//! listen on a Server-Sent Events stream that tells them to reload when their
//! page (or any stylesheet, script or picture) changed, and shows build errors
//! as an overlay.
//!
//! Request paths are checked before anything else: `..` and `.` segments,
//! percent-encoded slashes and backslashes, NUL, empty segments and invalid
//! UTF-8 get 400; only files of the built site are ever served.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::watch;

use super::incremental::OutBody;
use crate::messages::Lang;

/// URL prefix of the server's own resources (never a site path: slugs have no `_`).
pub const INTERNAL_PREFIX: &str = "/__congxa/";
const SCRIPT_PATH: &str = "/__congxa/livereload.js";
const EVENTS_PATH: &str = "/__congxa/events";

/// `/admin/` (Decap CMS), never given the live-reload script.
const ADMIN_PAGE: &str = "admin/index.html";

/// The live-reload client: reloads the tab when told, shows build errors over the page.
const LIVERELOAD_JS: &str = include_str!("livereload.js");

/// Shown while the site has never built (the script overlays the problems).
fn waiting_page(lang: Lang) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>congxa serve</title></head>\n<body><p>{}</p></body></html>\n",
        lang.code(),
        lang.text("serve-waiting")
    )
}

/// The live-reload client with the overlay's words in `lang` (JSON strings).
fn livereload_in(lang: Lang) -> String {
    let json = |id| serde_json::Value::String(lang.text(id)).to_string();
    LIVERELOAD_JS
        .replace("\"__OVERLAY_TITLE__\"", &json("serve-overlay-title"))
        .replace("\"__OVERLAY_HELP__\"", &json("serve-overlay-help"))
        .replace("\"__OVERLAY_CLOSE__\"", &json("serve-overlay-close"))
}

/// One file of the served site and the generation it last changed in.
#[derive(Debug, Clone)]
pub struct ServedFile {
    pub body: OutBody,
    pub generation: u64,
}

/// The site as served right now.
#[derive(Debug, Default)]
pub struct Served {
    /// Output path (`tin-tuc/bai/index.html`) → file.
    pub files: HashMap<String, ServedFile>,
    /// Bumped by every rebuild that changed something (and by errors coming and going).
    pub generation: u64,
    /// Last generation in which a file other than an HTML page changed
    /// (stylesheets, scripts, pictures: every open page reloads then).
    pub assets_generation: u64,
    /// The problems of the last rebuild, when it failed.
    pub error: Option<String>,
    /// Feeds, sitemap and search index are up to date with the pages.
    pub settled: bool,
    /// The rebuild epoch allowed to publish (`supervise`): others are stale.
    pub epoch: u64,
    /// The warnings of the last good build, once one was made (printed in
    /// the terminal: see `serve::warnings`).
    pub warnings: Option<Vec<crate::diagnostics::Diagnostic>>,
}

/// State shared by the HTTP handlers and the rebuild loop.
pub struct Shared {
    pub served: RwLock<Served>,
    /// Language of the waiting page and of the error overlay.
    pub lang: Lang,
    /// Pinged after each change of `served`.
    pub ping: watch::Sender<u64>,
}

impl Shared {
    pub fn new(first_generation: u64, lang: Lang) -> Arc<Shared> {
        let (ping, _) = watch::channel(first_generation);
        Arc::new(Shared {
            lang,
            served: RwLock::new(Served {
                generation: first_generation,
                assets_generation: first_generation,
                ..Served::default()
            }),
            ping,
        })
    }

    /// Apply a change to the served site and wake the listening tabs.
    pub fn update(&self, f: impl FnOnce(&mut Served)) {
        let generation = {
            let mut s = self.served.write().unwrap_or_else(|e| e.into_inner());
            f(&mut s);
            s.generation
        };
        self.ping.send_replace(generation);
    }

    /// The rebuild epoch allowed to publish.
    pub fn epoch(&self) -> u64 {
        self.read().epoch
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// The router of the preview server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(livereload_js).with_state(shared.clone()))
        .route(EVENTS_PATH, get(events))
        .fallback_service(get(site_file).with_state(shared.clone()))
        .with_state(shared)
}

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// Traversal, encoded separators, backslashes, NUL, bad encoding: 400.
    Malformed,
}

/// The output file a request path names, before looking it up: `/` →
/// `index.html`, `/a/` → `a/index.html`, `/a/b.css` → `a/b.css`, `/a` → `a`
/// (the caller tries `a/index.html` and redirects). Percent-decoded and NFC.
pub fn request_file(raw_path: &str) -> Result<String, BadPath> {
    let lower = raw_path.to_ascii_lowercase();
    if !raw_path.starts_with('/')
        || raw_path.starts_with("//")
        || raw_path.contains('\\')
        || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e))
    {
        return Err(BadPath::Malformed);
    }
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .map_err(|_| BadPath::Malformed)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(BadPath::Malformed);
    }
    let rel = &decoded[1..];
    let segments: Vec<&str> = rel.split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if *s == ".." || *s == "." || (s.is_empty() && !last) {
            return Err(BadPath::Malformed);
        }
    }
    let rel = crate::text::nfc(rel);
    if rel.is_empty() || rel.ends_with('/') {
        Ok(format!("{rel}index.html"))
    } else {
        Ok(rel)
    }
}

/// `Content-Type` of an output file, with `charset=utf-8` for text.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s.as_str() == "xml");
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// Insert the live-reload script before `</body>` (or at the end).
pub fn inject_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>");
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

async fn livereload_js(State(shared): State<Arc<Shared>>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        livereload_in(shared.lang),
    )
        .into_response()
}

async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let file = match request_file(uri.path()) {
        Ok(f) => f,
        Err(BadPath::Malformed) => {
            return plain(
                StatusCode::BAD_REQUEST,
                crate::msg!("serve-http-bad-path"),
                shared.lang,
            );
        }
    };
    let (found, generation, redirect) = {
        let s = shared.read();
        let found = s.files.get(&file).map(|f| (file.clone(), f.body.clone()));
        let redirect = found.is_none()
            && !file.ends_with("index.html")
            && s.files.contains_key(&format!("{file}/index.html"));
        (found, s.generation, redirect)
    };
    if redirect {
        let location = format!("{}/", uri.path());
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, location)
            .header(header::CACHE_CONTROL, "no-store")
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    match found {
        Some((path, body)) => respond(StatusCode::OK, &path, body, generation, shared.lang).await,
        None => {
            let page = shared.read().files.get("404.html").map(|f| f.body.clone());
            match page {
                Some(body) => {
                    respond(
                        StatusCode::NOT_FOUND,
                        "404.html",
                        body,
                        generation,
                        shared.lang,
                    )
                    .await
                }
                // No good build yet: a page whose script shows the problems.
                None => {
                    let html =
                        inject_reload_script(waiting_page(shared.lang).as_bytes(), generation);
                    (
                        StatusCode::SERVICE_UNAVAILABLE,
                        [
                            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                            (header::CACHE_CONTROL, "no-store"),
                        ],
                        html,
                    )
                        .into_response()
                }
            }
        }
    }
}

async fn respond(
    status: StatusCode,
    path: &str,
    body: OutBody,
    generation: u64,
    lang: Lang,
) -> Response {
    // Copied files are read from disk, and only while they are the files the
    // last good build checked (`verified`): a file replaced since (by a link
    // out of the site, say) is refused, whatever the rebuild makes of it.
    let read = match body {
        OutBody::Bytes(b) => Ok(b),
        file => tokio::task::spawn_blocking(move || file.read())
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e))),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return plain(
                StatusCode::NOT_FOUND,
                crate::msg!("serve-http-not-found"),
                lang,
            );
        }
        Err(_) => {
            let changed = crate::msg!("serve-http-changed-file");
            let mut res = plain(StatusCode::SERVICE_UNAVAILABLE, changed, lang);
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            return res;
        }
    };
    let ctype = content_type(path);
    // The admin page is left alone: a reload there (any photo saved makes
    // every tab reload) would throw away the form being filled in.
    let bytes = if ctype.starts_with("text/html") && path != ADMIN_PAGE {
        Bytes::from(inject_reload_script(&bytes, generation))
    } else {
        bytes
    };
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&ctype) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// A plain-text answer: `text` (a catalogue message) in `lang`.
pub fn plain(status: StatusCode, text: crate::messages::Msg, lang: Lang) -> Response {
    let mut text = text.render(lang);
    text.push('\n');
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

/// Query of the events stream: the tab's path and the generation it was served in.
#[derive(Debug, Deserialize)]
struct EventsQuery {
    #[serde(default)]
    path: String,
    #[serde(default)]
    generation: u64,
}

/// What a tab has been told so far.
struct Listener {
    shared: Arc<Shared>,
    rx: watch::Receiver<u64>,
    /// The tab's output file (`None` when its path is malformed).
    file: Option<String>,
    known: u64,
    existed: bool,
    error_shown: Option<String>,
    first: bool,
    done: bool,
}

/// What to tell a tab now, if anything.
fn decide(l: &mut Listener) -> Option<Event> {
    let s = l.shared.read();
    if let Some(err) = &s.error {
        if l.error_shown.as_ref() != Some(err) {
            l.error_shown = Some(err.clone());
            return Some(Event::default().event("problem").data(err.clone()));
        }
        return None;
    }
    let file_changed = match &l.file {
        Some(f) => match s.files.get(f) {
            Some(sf) => sf.generation > l.known || !l.existed,
            None => l.existed,
        },
        None => false,
    };
    if l.error_shown.is_some() || file_changed || s.assets_generation > l.known {
        l.done = true;
        return Some(
            Event::default()
                .event("reload")
                .data(s.generation.to_string()),
        );
    }
    None
}

async fn events(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<EventsQuery>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let file = request_file(&q.path).ok();
    let existed = file
        .as_ref()
        .is_some_and(|f| shared.read().files.contains_key(f));
    let rx = shared.ping.subscribe();
    let listener = Listener {
        shared,
        rx,
        file,
        known: q.generation,
        existed,
        error_shown: None,
        first: true,
        done: false,
    };
    let stream = futures_util::stream::unfold(listener, |mut l| async move {
        if l.done {
            return None;
        }
        loop {
            if l.first {
                l.first = false;
                // Say hello, so the tab knows the stream is up.
                if let Some(e) = decide(&mut l) {
                    return Some((Ok(e), l));
                }
                return Some((Ok(Event::default().event("hello").data("ok")), l));
            }
            if l.rx.changed().await.is_err() {
                return None;
            }
            if let Some(e) = decide(&mut l) {
                return Some((Ok(e), l));
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_speaks_the_chosen_language() {
        let vi = livereload_in(Lang::Vi);
        assert!(!vi.contains("__OVERLAY"), "every placeholder filled");
        assert!(vi.contains("\"Lỗi khi dựng trang — đang hiển thị bản dựng tốt gần nhất\""));
        assert!(vi.contains("\"Đóng\""));
        let en = livereload_in(Lang::En);
        assert!(!en.contains("__OVERLAY"));
        assert!(en.contains("\"Error while building — showing the last good build\""));
        assert!(en.contains("\"Close\""));
        assert!(waiting_page(Lang::En).contains("<html lang=\"en\">"));
        assert!(waiting_page(Lang::Vi).contains("Trang chưa dựng được"));
    }

    #[test]
    fn request_paths() {
        assert_eq!(request_file("/").unwrap(), "index.html");
        assert_eq!(request_file("/tin-tuc/").unwrap(), "tin-tuc/index.html");
        assert_eq!(request_file("/style.css").unwrap(), "style.css");
        assert_eq!(request_file("/tin-tuc").unwrap(), "tin-tuc");
        assert_eq!(
            request_file("/t%E1%BA%A3i/%E1%BA%A3nh%20m%E1%BB%9Bi.png").unwrap(),
            "tải/ảnh mới.png"
        );
        // NFD in the URL finds the NFC file.
        assert_eq!(request_file("/a%CC%89nh.png").unwrap(), "ảnh.png");
        for bad in [
            "/../etc/passwd",
            "/tin-tuc/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/tin-tuc/%2e%2e/%2e%2e/",
            "/..%2fetc%2fpasswd",
            "/a%2Fb",
            "/a%5cb",
            "/a\\b",
            "/..\\..\\windows",
            "//etc/passwd",
            "/a//b",
            "/./a",
            "/a/%00",
            "/%ff%fe",
            "etc/passwd",
        ] {
            assert_eq!(request_file(bad), Err(BadPath::Malformed), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("anh.png", "image/png"),
            ("anh.jpg", "image/jpeg"),
            ("anh.webp", "image/webp"),
            ("kh-93.pdf", "application/pdf"),
            ("atom.xml", "text/xml; charset=utf-8"),
            ("search.json", "application/json; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("x.unknownext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>";
        let out = String::from_utf8(inject_reload_script(html, 7)).unwrap();
        assert!(
            out.ends_with("<script src=\"/__congxa/livereload.js\" data-generation=\"7\" defer></script></BODY></html>"),
            "{out}"
        );
        let out = String::from_utf8(inject_reload_script(b"<p>x", 1)).unwrap();
        assert!(out.starts_with("<p>x<script"));
    }
}
