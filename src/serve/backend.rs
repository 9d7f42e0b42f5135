//! Decap CMS's local backend, spoken by `congxa serve` itself: an editor
//! edits on their own computer with the congxa binary alone (no Node, no
//! `decap-server`). The protocol is `decap-server`'s file-system mode: `POST
//! /api/v1` with a JSON body `{action, params}` (`info`, `entriesByFolder`,
//! `entriesByFiles`, `getEntry`, `persistEntry`, `getMedia`, `getMediaFile`,
//! `persistMedia`, `deleteFile`, `deleteFiles`, `getDeployPreview`), answered
//! in JSON; an error is `{"error": "..."}` with a 4xx status, which Decap
//! shows the editor as it is.
//!
//! Safety: it listens on loopback only (whatever `--bind` says), answers
//! only its own host names ([`super::host`]), and a request from a web page
//! must come from `serve`'s own origin (`http://localhost:<port>` and the
//! loopback addresses): CORS is granted to that origin only, and a request
//! with another `Origin` is refused, so no other site can drive it. Every
//! path is confined to `content/` ([`files`]); every write is validated like
//! a build first ([`validate`]) and lands with a rename. `serve`'s watcher
//! then picks the change up like any edit.

pub mod files;
pub mod validate;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Value, json};

use files::{Checked, ContentDir, Refused};
use validate::Change;

use crate::messages::{Lang, Msg};
use crate::msg;

/// The API's path (Decap's `local_backend.url` ends with it).
pub const API_PATH: &str = "/api/v1";

/// Largest request accepted: a few photos as base64 (decap-server: 50 MB).
pub const MAX_REQUEST: usize = 64 << 20;

/// What the handlers share.
pub struct BackendState {
    dir: ContentDir,
    /// Origins allowed to call: `serve`'s own pages.
    origins: super::host::AllowedHosts,
    /// One change at a time: validating and writing are one step.
    writing: Mutex<()>,
    /// Language of the error texts (Decap shows them to the editor as they are).
    lang: Lang,
}

/// The router of the local backend; `root` is the canonical site root,
/// `serve_port` the port of the preview whose pages may call it; its error
/// texts are in `lang`.
pub fn router(root: PathBuf, serve_port: u16, lang: Lang) -> Router {
    let state = Arc::new(BackendState {
        dir: ContentDir::new(&root),
        origins: super::host::AllowedHosts::new(std::net::IpAddr::from([127, 0, 0, 1]), serve_port),
        writing: Mutex::new(()),
        lang,
    });
    Router::new()
        .route(API_PATH, post(api).options(preflight))
        .layer(DefaultBodyLimit::max(MAX_REQUEST))
        .with_state(state)
}

/// An answer: JSON, or an error status with its message (a catalogue
/// message: no text of its own, so that `--lang en` answers in English).
enum Answer {
    Json(Value),
    Error(StatusCode, Msg),
}

fn ok(v: Value) -> Answer {
    Answer::Json(v)
}

fn error(status: StatusCode, message: Msg) -> Answer {
    Answer::Error(status, message)
}

impl From<Refused> for Answer {
    fn from(r: Refused) -> Answer {
        error(StatusCode::FORBIDDEN, r.0)
    }
}

/// `Some(origin)` when the request's `Origin` is allowed, `None` when it
/// has none; `Err` when it is another site's.
fn origin_of(state: &BackendState, headers: &HeaderMap) -> Result<Option<HeaderValue>, ()> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(None);
    };
    let host = origin
        .to_str()
        .ok()
        .and_then(|o| o.strip_prefix("http://"))
        .ok_or(())?;
    if state.origins.allows(host) {
        Ok(Some(origin.clone()))
    } else {
        Err(())
    }
}

fn with_cors(mut res: Response, origin: Option<HeaderValue>) -> Response {
    if let Some(o) = origin {
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    res
}

async fn preflight(State(state): State<Arc<BackendState>>, headers: HeaderMap) -> Response {
    let Ok(Some(origin)) = origin_of(&state, &headers) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    // Chrome asks before a page reaches a loopback address (Private Network Access).
    h.insert(
        "access-control-allow-private-network",
        HeaderValue::from_static("true"),
    );
    with_cors(res, Some(origin))
}

async fn api(State(state): State<Arc<BackendState>>, headers: HeaderMap, body: Bytes) -> Response {
    let origin = match origin_of(&state, &headers) {
        Ok(o) => o,
        Err(()) => {
            let e = error(StatusCode::FORBIDDEN, msg!("backend-foreign-origin"));
            return respond(e, None, state.lang);
        }
    };
    // JSON only: a form or `text/plain` post from another page (which needs
    // no CORS permission to be sent) is never read.
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json_body {
        let e = error(StatusCode::UNSUPPORTED_MEDIA_TYPE, msg!("backend-not-json"));
        return respond(e, origin, state.lang);
    }
    let lang = state.lang;
    let answer = tokio::task::spawn_blocking(move || handle(&state, &body))
        .await
        .unwrap_or_else(|_| error(StatusCode::INTERNAL_SERVER_ERROR, msg!("backend-internal")));
    respond(answer, origin, lang)
}

fn respond(answer: Answer, origin: Option<HeaderValue>, lang: Lang) -> Response {
    let (status, v) = match answer {
        Answer::Json(v) => (StatusCode::OK, v),
        Answer::Error(status, m) => (status, json!({ "error": m.render(lang) })),
    };
    let bytes = serde_json::to_vec(&v).unwrap_or_default();
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    with_cors(res, origin)
}

#[derive(Deserialize)]
struct Request {
    action: String,
    #[serde(default)]
    params: Value,
}

#[derive(Deserialize)]
struct PathParam {
    path: String,
}

#[derive(Deserialize)]
struct FolderParams {
    folder: String,
    extension: String,
    #[serde(default = "one")]
    depth: u32,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
struct FilesParams {
    files: Vec<FileRef>,
}

#[derive(Deserialize)]
struct FileRef {
    path: String,
    label: Option<String>,
}

#[derive(Deserialize)]
struct MediaFolderParams {
    #[serde(rename = "mediaFolder")]
    media_folder: String,
}

#[derive(Deserialize, Clone)]
struct DataFile {
    path: String,
    raw: String,
    #[serde(rename = "newPath")]
    new_path: Option<String>,
}

#[derive(Deserialize, Clone)]
struct AssetParam {
    path: String,
    content: String,
    #[serde(default)]
    encoding: String,
}

#[derive(Deserialize)]
struct PersistEntryParams {
    entry: Option<DataFile>,
    #[serde(rename = "dataFiles")]
    data_files: Option<Vec<DataFile>>,
    #[serde(default)]
    assets: Vec<AssetParam>,
}

#[derive(Deserialize)]
struct PersistMediaParams {
    asset: AssetParam,
}

#[derive(Deserialize)]
struct DeleteFilesParams {
    paths: Vec<String>,
}

fn params<T: for<'de> Deserialize<'de>>(v: Value) -> Result<T, Answer> {
    serde_json::from_value(v).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            msg!("backend-bad-params", error = e.to_string()),
        )
    })
}

fn handle(state: &BackendState, body: &[u8]) -> Answer {
    let req: Request = match serde_json::from_slice(body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                msg!("backend-bad-json", error = e.to_string()),
            );
        }
    };
    match dispatch(state, &req.action, req.params) {
        Ok(a) | Err(a) => a,
    }
}

fn dispatch(state: &BackendState, action: &str, p: Value) -> Result<Answer, Answer> {
    let dir = &state.dir;
    Ok(match action {
        "info" => ok(json!({
            "repo": dir.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => {
            let p: FolderParams = params(p)?;
            let folder = dir.check(&p.folder)?;
            let entries: Vec<Value> = files::list_entries(&folder, &p.extension, p.depth)
                .iter()
                .map(|c| entry_json(c, None))
                .collect();
            ok(Value::Array(entries))
        }
        "entriesByFiles" => {
            let p: FilesParams = params(p)?;
            let mut out = Vec::new();
            for f in &p.files {
                out.push(entry_json(&dir.check(&f.path)?, f.label.as_deref()));
            }
            ok(Value::Array(out))
        }
        "getEntry" => {
            let p: PathParam = params(p)?;
            ok(entry_json(&dir.check(&p.path)?, None))
        }
        "persistEntry" => persist_entry(state, params(p)?)?,
        "getMedia" => {
            let p: MediaFolderParams = params(p)?;
            let folder = dir.check(&p.media_folder)?;
            let media: Vec<Value> = files::list_media(&folder)
                .iter()
                .filter_map(|c| media_json(c).ok())
                .collect();
            ok(Value::Array(media))
        }
        "getMediaFile" => {
            let p: PathParam = params(p)?;
            let c = dir.check(&p.path)?;
            ok(media_json(&c).map_err(|_| {
                error(
                    StatusCode::NOT_FOUND,
                    msg!("backend-no-file", path = c.repo_path()),
                )
            })?)
        }
        "persistMedia" => {
            let p: PersistMediaParams = params(p)?;
            let _one = state.writing.lock().unwrap_or_else(|e| e.into_inner());
            let c = save_assets(state, &[p.asset], &[])?;
            match c.first() {
                Some(c) => ok(media_json(c).map_err(io_error)?),
                None => error(StatusCode::BAD_REQUEST, msg!("backend-no-upload")),
            }
        }
        "deleteFile" => {
            let p: PathParam = params(p)?;
            delete(state, &[p.path])?
        }
        "deleteFiles" => {
            let p: DeleteFilesParams = params(p)?;
            delete(state, &p.paths)?
        }
        "getDeployPreview" => ok(Value::Null),
        other => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            msg!("backend-unknown-action", action = other),
        ),
    })
}

fn io_error(e: std::io::Error) -> Answer {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        msg!("backend-io", error = e.to_string()),
    )
}

/// `{data, file: {path, label, id}}`; `data` null when the file is missing.
fn entry_json(c: &Checked, label: Option<&str>) -> Value {
    match std::fs::read(&c.abs) {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": { "path": c.repo_path(), "label": label, "id": files::content_id(&bytes) },
        }),
        Err(_) => json!({
            "data": null,
            "file": { "path": c.repo_path(), "label": label, "id": null },
        }),
    }
}

fn media_json(c: &Checked) -> std::io::Result<Value> {
    let bytes = std::fs::read(&c.abs)?;
    let name = c.rel.rsplit('/').next().unwrap_or_default();
    Ok(json!({
        "id": files::content_id(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": c.repo_path(),
        "name": name,
    }))
}

fn refuse(message: Msg) -> Answer {
    error(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// Write uploaded files (validated with `more` changes, e.g. the article
/// they belong to), each renamed into place; the checked targets.
fn save_assets(
    state: &BackendState,
    assets: &[AssetParam],
    more: &[Change],
) -> Result<Vec<Checked>, Answer> {
    let staged = stage_assets(state, assets)?;
    let mut changes: Vec<Change> = staged
        .files
        .iter()
        .map(|(c, temp, size)| Change::PutAsset {
            rel: c.rel.clone(),
            abs: temp.clone(),
            size: *size,
        })
        .collect();
    changes.extend(more.iter().cloned());
    let checked = validate::validate(&state.dir.root, &changes, state.lang);
    finish_assets(&staged, checked.is_ok())?;
    checked.map_err(|p| refuse(validate::refusal(&p, true, state.lang)))?;
    Ok(staged.files.into_iter().map(|(c, _, _)| c).collect())
}

/// Uploads written to their temp files, and the folders made for them.
#[derive(Default)]
struct Staged {
    files: Vec<(Checked, PathBuf, u64)>,
    /// Folders that did not exist (the topmost of each new chain).
    created: Vec<PathBuf>,
}

/// Decode and write each upload to its hidden temp file.
fn stage_assets(state: &BackendState, assets: &[AssetParam]) -> Result<Staged, Answer> {
    let mut staged = Staged::default();
    for a in assets {
        let c = state.dir.check(&a.path)?;
        if crate::load::is_markdown(&c.rel) || c.rel.is_empty() {
            finish_assets(&staged, false)?;
            return Err(error(
                StatusCode::FORBIDDEN,
                msg!("backend-upload-markdown", path = c.repo_path()),
            ));
        }
        if a.encoding != "base64" {
            finish_assets(&staged, false)?;
            return Err(error(StatusCode::BAD_REQUEST, msg!("backend-not-base64")));
        }
        let bytes = match base64::engine::general_purpose::STANDARD.decode(a.content.as_bytes()) {
            Ok(b) => b,
            Err(e) => {
                finish_assets(&staged, false)?;
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    msg!(
                        "backend-bad-base64",
                        path = c.repo_path(),
                        error = e.to_string()
                    ),
                ));
            }
        };
        staged
            .created
            .extend(files::first_missing(&state.dir.content, &c.abs));
        let temp = files::write_temp(&c.abs, &bytes).map_err(io_error)?;
        staged.files.push((c, temp, bytes.len() as u64));
    }
    Ok(staged)
}

/// Rename staged uploads into place (`keep`) or remove them.
/// A refused change leaves no temp file and no folder made for it behind.
fn finish_assets(staged: &Staged, keep: bool) -> Result<(), Answer> {
    for (c, temp, _) in &staged.files {
        if keep {
            std::fs::rename(temp, &c.abs).map_err(io_error)?;
        } else {
            let _ = std::fs::remove_file(temp);
        }
    }
    if !keep {
        for (c, _, _) in &staged.files {
            for top in &staged.created {
                files::remove_empty_dirs(c.abs.parent(), top);
            }
        }
    }
    Ok(())
}

/// `persistEntry`: the article (maybe under a new path) and its uploads.
fn persist_entry(state: &BackendState, p: PersistEntryParams) -> Result<Answer, Answer> {
    let data_files = match (p.data_files, p.entry) {
        (Some(files), _) if !files.is_empty() => files,
        (_, Some(entry)) => vec![entry],
        _ => {
            return Err(error(StatusCode::BAD_REQUEST, msg!("backend-no-entry")));
        }
    };
    let _one = state.writing.lock().unwrap_or_else(|e| e.into_inner());
    let mut changes = Vec::new();
    let mut writes = Vec::new();
    for f in &data_files {
        let from = state.dir.check(&f.path)?;
        let to = match &f.new_path {
            Some(n) => Some(state.dir.check(n)?),
            None => None,
        };
        for c in std::iter::once(&from).chain(to.as_ref()) {
            if !crate::load::is_markdown(&c.rel) {
                return Err(error(
                    StatusCode::FORBIDDEN,
                    msg!("backend-not-article", path = c.repo_path()),
                ));
            }
        }
        let target = to.clone().unwrap_or_else(|| from.clone());
        if let Some(to) = &to
            && to.rel != from.rel
        {
            changes.extend(rename_changes(&from, to)?);
        }
        changes.push(Change::PutDoc {
            rel: target.rel.clone(),
            bytes: f.raw.clone().into_bytes(),
        });
        writes.push((from, to, f.raw.clone()));
    }
    save_assets(state, &p.assets, &changes)?;
    for (from, to, raw) in writes {
        let target = match &to {
            Some(to) if to.rel != from.rel => {
                move_entry(&from, to).map_err(io_error)?;
                to.clone()
            }
            _ => from,
        };
        let temp = files::write_temp(&target.abs, raw.as_bytes()).map_err(io_error)?;
        std::fs::rename(&temp, &target.abs).map_err(io_error)?;
    }
    Ok(ok(json!({ "message": "entry persisted" })))
}

/// The changes of renaming an article: a bundle (`<dir>/index.md` to
/// `<new dir>/index.md`) moves with its folder, a single file alone.
fn rename_changes(from: &Checked, to: &Checked) -> Result<Vec<Change>, Answer> {
    if to.abs.exists() {
        return Err(refuse(msg!("backend-exists", path = to.repo_path())));
    }
    Ok(match bundle_dirs(from, to) {
        Some((a, b)) => {
            if to.abs.parent().is_some_and(Path::exists) {
                return Err(refuse(msg!(
                    "backend-folder-exists",
                    dir = format!("content/{b}")
                )));
            }
            vec![Change::MoveDir { from: a, to: b }]
        }
        None => vec![Change::Remove {
            rel: from.rel.clone(),
        }],
    })
}

/// Both paths are `index.md` of a bundle folder that is not a section:
/// (old folder, new folder).
fn bundle_dirs(from: &Checked, to: &Checked) -> Option<(String, String)> {
    let a = from.rel.strip_suffix("/index.md")?;
    let b = to.rel.strip_suffix("/index.md")?;
    let section = from.abs.parent()?.join("_index.md");
    (!section.exists()).then(|| (a.to_string(), b.to_string()))
}

fn move_entry(from: &Checked, to: &Checked) -> std::io::Result<()> {
    match (bundle_dirs(from, to), from.abs.parent(), to.abs.parent()) {
        (Some(_), Some(a), Some(b)) if b.exists() => merge_dir(a, b),
        (Some(_), Some(a), Some(b)) => {
            if let Some(parent) = b.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(a, b)
        }
        _ => {
            if let Some(parent) = to.abs.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&from.abs, &to.abs)
        }
    }
}

/// Move what folder `a` holds into `b`, which the photos saved with the
/// renamed article already made: those win over old files of the same name.
fn merge_dir(a: &Path, b: &Path) -> std::io::Result<()> {
    for e in std::fs::read_dir(a)? {
        let e = e?;
        let dest = b.join(e.file_name());
        if std::fs::symlink_metadata(&dest).is_ok() {
            if e.file_type()?.is_file() {
                std::fs::remove_file(e.path())?;
            }
        } else {
            std::fs::rename(e.path(), dest)?;
        }
    }
    // (A folder left non-empty stays: nothing is deleted that was not moved.)
    let _ = std::fs::remove_dir(a);
    Ok(())
}

/// `deleteFile(s)`: an article's `index.md` takes its bundle folder with it
/// (its photos would be left behind otherwise); refused when the rest of
/// the site would break (a link to it).
fn delete(state: &BackendState, paths: &[String]) -> Result<Answer, Answer> {
    let _one = state.writing.lock().unwrap_or_else(|e| e.into_inner());
    let mut targets = Vec::new();
    let mut changes = Vec::new();
    for p in paths {
        let c = state.dir.check(p)?;
        if c.rel.is_empty() || c.abs.is_dir() {
            return Err(error(
                StatusCode::FORBIDDEN,
                msg!("backend-delete-folder", path = c.repo_path()),
            ));
        }
        let bundle = whole_bundle(&c);
        changes.push(match &bundle {
            Some(dir) => Change::RemoveDir { rel: dir.clone() },
            None => Change::Remove { rel: c.rel.clone() },
        });
        targets.push((c, bundle));
    }
    validate::validate(&state.dir.root, &changes, state.lang)
        .map_err(|p| refuse(validate::refusal(&p, false, state.lang)))?;
    for (c, bundle) in &targets {
        let done = match bundle {
            Some(_) => c
                .abs
                .parent()
                .map(std::fs::remove_dir_all)
                .unwrap_or(Ok(())),
            None => std::fs::remove_file(&c.abs),
        };
        match done {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(e)),
            _ => {}
        }
    }
    Ok(ok(
        json!({ "message": format!("deleted files {}", paths.join(", ")) }),
    ))
}

/// The folder of the bundle `c` is the `index.md` of, when it holds nothing
/// but its own files (no other article, no sub-folder, not a section).
fn whole_bundle(c: &Checked) -> Option<String> {
    let dir = c.rel.strip_suffix("/index.md")?;
    let parent = c.abs.parent()?;
    let entries = std::fs::read_dir(parent).ok()?;
    for e in entries {
        let e = e.ok()?;
        let name = e.file_name().to_string_lossy().into_owned();
        let kind = e.file_type().ok()?;
        if kind.is_dir()
            || kind.is_symlink()
            || (name != "index.md" && crate::load::is_markdown(&name))
        {
            return None;
        }
    }
    Some(dir.to_string())
}
