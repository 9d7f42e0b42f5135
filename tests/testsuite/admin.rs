//! `/admin/` (Decap CMS): what a build publishes, and `congxa serve`'s local
//! backend driven over HTTP the way Decap's proxy backend drives it: list,
//! read, create, rename, upload, delete; and every way out of `content/`,
//! every invalid entry and every foreign caller refused.

use std::path::Path;
use std::time::{Duration, Instant};

use congxa::serve::{ServeOptions, Server};
use serde_json::{Value, json};

use crate::support::*;

const ADMIN: &str = "admin:\n  backend: github\n  repo: ubnd-hoa-phu/trang\n";

/// A real 1×1 PNG (photos are decoded: a damaged one is refused).
fn png() -> Vec<u8> {
    crate::support::tiny_png(1, 1)
}

fn site() -> Fixture {
    let f = Fixture::with_indices();
    f.file("site.yaml", &format!("{SITE_YAML}{ADMIN}"));
    f.file(
        "content/tin-tuc/2024-07-16-ke-hoach.md",
        "---\ntitle: Kế hoạch tuyên truyền\ndate: 2024-07-16\n---\nNội dung kế hoạch.\n",
    );
    f.file(
        "content/tin-tuc/hoi-nghi/index.md",
        "---\ntitle: Hội nghị\ndate: 2024-07-20\nimage: anh.png\nimage_alt: Hội trường\n---\nHội nghị.\n",
    );
    f.bytes("content/tin-tuc/hoi-nghi/anh.png", &png());
    f
}

#[test]
fn a_build_publishes_the_admin_only_with_admin_in_site_yaml() {
    let f = site();
    f.build_ok();
    let config = f.read("admin/config.yml");
    let parsed: Value = yaml_serde::from_str(&config).expect("YAML");
    assert_eq!(parsed["backend"]["name"], "github");
    assert_eq!(parsed["locale"], "vi");
    assert!(parsed.get("local_backend").is_none());
    let folders: Vec<&str> = parsed["collections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["folder"].as_str())
        .collect();
    assert!(folders.contains(&"content/tin-tuc"), "{folders:?}");
    let page = f.read("admin/index.html");
    assert!(page.contains("noindex"));
    assert!(page.contains("https://unpkg.com/decap-cms@"));
    // Not in the sitemap, the search index or the feeds.
    for file in ["sitemap.xml", "atom.xml"] {
        assert!(!f.read(file).contains("/admin/"), "{file}");
    }
    for (path, bytes) in snapshot(&f.root().join("output/tim-kiem")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("/admin/"),
            "{path}"
        );
    }
    // Without `admin:` nothing is published.
    f.file("site.yaml", SITE_YAML);
    f.build_ok();
    assert!(!f.exists("admin"));
}

#[test]
fn a_section_named_admin_clashes_with_the_admin_page() {
    let f = site();
    f.file("content/admin/_index.md", "---\ntitle: Quản trị\n---\n");
    let e = f.build_err();
    assert!(e.contains("admin/index.html"), "{e}");
}

/// The preview server with its local backend.
struct Running {
    f: Fixture,
    server: Server,
    agent: ureq::Agent,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    json: Value,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn error(&self) -> &str {
        self.json["error"].as_str().unwrap_or("")
    }
}

impl Running {
    fn start(f: Fixture) -> Running {
        let mut opts = ServeOptions::new(f.root());
        opts.port = 0;
        let server = Server::start(opts).expect("server starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Running { f, server, agent }
    }

    fn api_url(&self) -> String {
        format!(
            "http://{}/api/v1",
            self.server.backend_addr.expect("backend")
        )
    }

    fn send(&self, req: ureq::RequestBuilder<ureq::typestate::WithBody>, body: &Value) -> Reply {
        let mut r = req
            .header("Content-Type", "application/json")
            .send(serde_json::to_vec(body).unwrap())
            .expect("POST");
        let headers = r
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let status = r.status().as_u16();
        let bytes = r.body_mut().read_to_vec().expect("body");
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
        }
    }

    /// `{action, params}`, as Decap's proxy backend sends it.
    fn call(&self, action: &str, params: Value) -> Reply {
        let body = json!({ "action": action, "params": params, "branch": "main" });
        self.send(self.agent.post(&self.api_url()), &body)
    }

    fn ok(&self, action: &str, params: Value) -> Value {
        let r = self.call(action, params);
        assert_eq!(r.status, 200, "{action}: {}", r.json);
        r.json
    }

    fn page(&self, path: &str) -> (u16, String) {
        let mut r = self
            .agent
            .get(&format!("http://{}{path}", self.server.addr))
            .call()
            .expect("GET");
        (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    /// Wait until `path` is served containing `needle` (the watcher at work).
    fn wait_for(&self, path: &str, needle: &str) {
        let start = Instant::now();
        loop {
            let (status, text) = self.page(path);
            if status == 200 && text.contains(needle) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{path} never showed `{needle}`: {status}\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn exists(&self, rel: &str) -> bool {
        self.f.root().join(rel).exists()
    }

    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.f.root().join(rel)).unwrap()
    }
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn article(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-08-01\n{extra}---\nNội dung bài.\n")
}

#[test]
fn the_served_config_points_decap_at_the_local_backend() {
    let r = Running::start(site());
    let api = r.api_url();
    r.wait_for("/admin/config.yml", "local_backend");
    let (_, text) = r.page("/admin/config.yml");
    let config: Value = yaml_serde::from_str(&text).unwrap();
    assert_eq!(config["local_backend"]["url"], api.as_str());
    let backend = r.server.backend_addr.unwrap();
    assert!(backend.ip().is_loopback());
    // The admin page is not reloaded under the editor's hands.
    let (status, page) = r.page("/admin/");
    assert_eq!(status, 200);
    assert!(page.contains("decap-cms"), "{page}");
    assert!(!page.contains("livereload"), "{page}");
    let info = r.ok("info", json!({}));
    assert_eq!(info["type"], "local_fs");
    assert_eq!(info["publish_modes"], json!(["simple"]));
    assert!(info["repo"].is_string());
}

#[test]
fn no_admin_no_local_backend() {
    let f = site();
    f.file("site.yaml", SITE_YAML);
    let r = Running::start(f);
    assert!(r.server.backend_addr.is_none());
}

#[test]
fn list_read_create_rename_upload_and_delete() {
    let r = Running::start(site());
    // List: flat articles and bundles, never the section's `_index.md`.
    let list = r.ok(
        "entriesByFolder",
        json!({"folder": "content/tin-tuc", "extension": "md", "depth": 2}),
    );
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/tin-tuc/2024-07-16-ke-hoach.md",
            "content/tin-tuc/hoi-nghi/index.md"
        ]
    );
    assert!(
        list[0]["data"]
            .as_str()
            .unwrap()
            .contains("Kế hoạch tuyên truyền")
    );
    // Read.
    let e = r.ok(
        "getEntry",
        json!({"path": "content/tin-tuc/hoi-nghi/index.md"}),
    );
    assert!(
        e["data"]
            .as_str()
            .unwrap()
            .starts_with("---\ntitle: Hội nghị")
    );
    assert!(e["file"]["id"].is_string());
    let both = r.ok(
        "entriesByFiles",
        json!({"files": [{"path": "content/tin-tuc/hoi-nghi/index.md"}, {"path": "content/tin-tuc/khong-co.md"}]}),
    );
    assert!(both[0]["data"].is_string());
    assert!(both[1]["data"].is_null());
    let media = r.ok(
        "getMedia",
        json!({"mediaFolder": "content/tin-tuc/hoi-nghi"}),
    );
    assert_eq!(media.as_array().unwrap().len(), 1, "{media}");
    assert_eq!(media[0]["name"], "anh.png");
    assert_eq!(media[0]["content"], b64(&png()));

    // Create an article with a photo, in a bundle of its own.
    let raw = article(
        "Tiếp công dân tháng 8",
        "indices: [sipas]\nareas: [tiep-can-dich-vu]\nimage: tiep-dan.png\nimage_alt: Cán bộ tiếp công dân\n",
    );
    r.ok(
        "persistEntry",
        json!({
            "dataFiles": [{"slug": "tiep-cong-dan-thang-8", "path": "content/tin-tuc/tiep-cong-dan-thang-8/index.md", "raw": raw}],
            "assets": [{"path": "content/tin-tuc/tiep-cong-dan-thang-8/tiep-dan.png", "content": b64(&png()), "encoding": "base64"}],
            "options": {"commitMessage": "Thêm bài", "useWorkflow": false, "status": ""}
        }),
    );
    assert_eq!(
        r.text("content/tin-tuc/tiep-cong-dan-thang-8/index.md"),
        raw
    );
    assert_eq!(
        std::fs::read(
            r.f.root()
                .join("content/tin-tuc/tiep-cong-dan-thang-8/tiep-dan.png")
        )
        .unwrap(),
        png()
    );
    // The preview picks it up.
    r.wait_for("/tin-tuc/tiep-cong-dan-thang-8/", "Tiếp công dân tháng 8");
    r.wait_for("/sipas/tiep-can-dich-vu/", "Tiếp công dân tháng 8");

    // Update with a new slug: the bundle moves with its photo.
    let raw2 = raw.replace("Tiếp công dân tháng 8", "Tiếp công dân tháng Tám");
    r.ok(
        "persistEntry",
        json!({
            "dataFiles": [{"slug": "tiep-cong-dan-thang-tam", "path": "content/tin-tuc/tiep-cong-dan-thang-8/index.md",
                           "newPath": "content/tin-tuc/tiep-cong-dan-thang-tam/index.md", "raw": raw2}],
            "assets": [],
            "options": {"commitMessage": "Sửa bài", "useWorkflow": false, "status": ""}
        }),
    );
    assert!(!r.exists("content/tin-tuc/tiep-cong-dan-thang-8"));
    assert_eq!(
        r.text("content/tin-tuc/tiep-cong-dan-thang-tam/index.md"),
        raw2
    );
    assert!(r.exists("content/tin-tuc/tiep-cong-dan-thang-tam/tiep-dan.png"));
    r.wait_for(
        "/tin-tuc/tiep-cong-dan-thang-tam/",
        "Tiếp công dân tháng Tám",
    );

    // Renamed again, with a new photo saved beside it in the same request.
    let raw3 = raw2.replace("image: tiep-dan.png", "image: tiep-dan-2.png");
    r.ok(
        "persistEntry",
        json!({
            "dataFiles": [{"slug": "tiep-dan", "path": "content/tin-tuc/tiep-cong-dan-thang-tam/index.md",
                           "newPath": "content/tin-tuc/tiep-dan/index.md", "raw": raw3}],
            "assets": [{"path": "content/tin-tuc/tiep-dan/tiep-dan-2.png", "content": b64(&png()), "encoding": "base64"}],
            "options": {}
        }),
    );
    assert!(!r.exists("content/tin-tuc/tiep-cong-dan-thang-tam"));
    for f in ["index.md", "tiep-dan.png", "tiep-dan-2.png"] {
        assert!(r.exists(&format!("content/tin-tuc/tiep-dan/{f}")), "{f}");
    }
    // Back to its name, for what follows.
    r.ok(
        "persistEntry",
        json!({"dataFiles": [{"slug": "x", "path": "content/tin-tuc/tiep-dan/index.md",
                              "newPath": "content/tin-tuc/tiep-cong-dan-thang-tam/index.md", "raw": raw3}], "assets": []}),
    );

    // Update a single-file article in place.
    let flat = article("Kế hoạch tuyên truyền (sửa)", "");
    r.ok(
        "persistEntry",
        json!({"entry": {"slug": "x", "path": "content/tin-tuc/2024-07-16-ke-hoach.md", "raw": flat}, "assets": [], "options": {}}),
    );
    assert_eq!(r.text("content/tin-tuc/2024-07-16-ke-hoach.md"), flat);

    // Upload a photo into the bundle from the media library.
    let m = r.ok(
        "persistMedia",
        json!({"asset": {"path": "content/tin-tuc/tiep-cong-dan-thang-tam/anh-2.png", "content": b64(&png()), "encoding": "base64"},
               "options": {"commitMessage": "Tải lên"}}),
    );
    assert_eq!(
        m["path"],
        "content/tin-tuc/tiep-cong-dan-thang-tam/anh-2.png"
    );
    assert_eq!(m["name"], "anh-2.png");
    assert!(r.exists("content/tin-tuc/tiep-cong-dan-thang-tam/anh-2.png"));
    let got = r.ok(
        "getMediaFile",
        json!({"path": "content/tin-tuc/tiep-cong-dan-thang-tam/anh-2.png"}),
    );
    assert_eq!(got["content"], b64(&png()));

    // Delete: the bundle goes with its photos; the preview drops the page.
    r.ok(
        "deleteFiles",
        json!({"paths": ["content/tin-tuc/tiep-cong-dan-thang-tam/index.md"], "options": {"commitMessage": "Xóa"}}),
    );
    assert!(!r.exists("content/tin-tuc/tiep-cong-dan-thang-tam"));
    let start = Instant::now();
    while r.page("/tin-tuc/tiep-cong-dan-thang-tam/").0 != 404 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "page still served"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Nothing the admin did leaves the site failing `congxa check`.
    let mut opts = r.f.opts();
    opts.drafts = true;
    if let Err(e) = congxa::check(&opts) {
        panic!("{e}");
    }
}

#[test]
fn deleting_what_another_page_needs_is_refused() {
    let r = Running::start(site());
    let reply = r.call(
        "deleteFile",
        json!({"path": "content/tin-tuc/hoi-nghi/anh.png", "options": {"commitMessage": "Xóa"}}),
    );
    assert_eq!(reply.status, 422, "{}", reply.json);
    assert!(reply.error().starts_with("Chưa xóa"), "{}", reply.error());
    assert!(reply.error().contains("anh.png"), "{}", reply.error());
    assert!(r.exists("content/tin-tuc/hoi-nghi/anh.png"));
}

#[test]
fn invalid_entries_are_refused_with_the_problem_and_nothing_is_written() {
    let r = Running::start(site());
    let before = snapshot(&r.f.root().join("content"));
    let before_dirs = dirs(&r.f.root().join("content"));
    let cases = [
        (
            article("Bài lạ", "tieu_de_phu: x\n"),
            "khóa `tieu_de_phu` không dùng được",
        ),
        (
            article("Bài sai khu vực", "indices: [sipas]\nareas: [khong-co]\n"),
            "khong-co",
        ),
        (
            article("Ảnh không mô tả", "image: tiep-dan.png\n"),
            "image_alt",
        ),
        (article("Ngày sai", "updated: 31/02/2024\n"), "31/02/2024"),
        ("title: không có dấu ---\n".to_string(), "---"),
    ];
    for (raw, needle) in cases {
        let reply = r.call(
            "persistEntry",
            json!({
                "dataFiles": [{"slug": "moi", "path": "content/tin-tuc/moi/index.md", "raw": raw}],
                "assets": [{"path": "content/tin-tuc/moi/tiep-dan.png", "content": b64(&png()), "encoding": "base64"}],
                "options": {}
            }),
        );
        assert_eq!(reply.status, 422, "{raw}: {}", reply.json);
        let e = reply.error();
        assert!(e.starts_with("Chưa lưu"), "{e}");
        assert!(e.contains("content/tin-tuc/moi/index.md"), "{e}");
        assert!(e.contains(needle), "{needle} in {e}");
    }
    // Neither the article nor its photo, nor a temp file or a folder made
    // for them, was left behind.
    assert_eq!(snapshot(&r.f.root().join("content")), before);
    assert_eq!(dirs(&r.f.root().join("content")), before_dirs);
    // A duplicate address with another article is this article's problem too.
    let reply = r.call(
        "persistEntry",
        json!({"dataFiles": [{"slug": "hoi-nghi", "path": "content/tin-tuc/hoi-nghi.md", "raw": article("Hội nghị khác", "")}], "assets": []}),
    );
    assert_eq!(reply.status, 422, "{}", reply.json);
    assert_eq!(snapshot(&r.f.root().join("content")), before);
}

#[test]
fn nothing_outside_content_is_read_or_written() {
    let r = Running::start(site());
    std::fs::create_dir_all(r.f.root().join("themes/default/templates")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("bi-mat.md"),
        "---\ntitle: Bí mật\n---\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), r.f.root().join("content/ra-ngoai")).unwrap();
        std::os::unix::fs::symlink(
            r.f.root().join("site.yaml"),
            r.f.root().join("content/tin-tuc/cau-hinh.md"),
        )
        .unwrap();
    }
    let before_site = snapshot(r.f.root());
    let abs = r.f.root().join("content/tin-tuc/x.md");
    let bad_paths = [
        "content/../site.yaml".to_string(),
        "content/tin-tuc/../../site.yaml".to_string(),
        "../site.yaml".to_string(),
        "site.yaml".to_string(),
        "themes/default/templates/base.html".to_string(),
        "output/index.html".to_string(),
        abs.to_string_lossy().into_owned(),
        "/etc/passwd".to_string(),
        "content/ra-ngoai/bi-mat.md".to_string(),
        "content/tin-tuc/cau-hinh.md".to_string(),
        "content\\..\\site.yaml".to_string(),
        "content/.git/config".to_string(),
    ];
    for p in &bad_paths {
        let raw = article("Chiếm quyền", "");
        let writes = [
            r.call("persistEntry", json!({"dataFiles": [{"slug": "x", "path": p, "raw": raw}], "assets": []})),
            r.call(
                "persistEntry",
                json!({"dataFiles": [{"slug": "x", "path": "content/tin-tuc/y.md", "newPath": p, "raw": raw}], "assets": []}),
            ),
            r.call(
                "persistEntry",
                json!({"dataFiles": [{"slug": "x", "path": "content/tin-tuc/z.md", "raw": raw}],
                       "assets": [{"path": p, "content": b64(b"x"), "encoding": "base64"}]}),
            ),
            r.call("persistMedia", json!({"asset": {"path": p, "content": b64(b"x"), "encoding": "base64"}})),
            r.call("deleteFile", json!({"path": p})),
            r.call("deleteFiles", json!({"paths": ["content/tin-tuc/2024-07-16-ke-hoach.md", p]})),
        ];
        for w in &writes {
            assert_eq!(w.status, 403, "{p}: {}", w.json);
            assert!(w.error().starts_with("Không được phép"), "{}", w.error());
        }
        for read in [
            r.call("getEntry", json!({"path": p})),
            r.call("getMediaFile", json!({"path": p})),
            r.call("entriesByFiles", json!({"files": [{"path": p}]})),
            r.call("getMedia", json!({"mediaFolder": p})),
            r.call(
                "entriesByFolder",
                json!({"folder": p, "extension": "md", "depth": 2}),
            ),
        ] {
            assert_eq!(read.status, 403, "{p}: {}", read.json);
        }
    }
    assert_eq!(snapshot(r.f.root()), before_site, "nothing changed");
    assert!(Path::new(outside.path()).join("bi-mat.md").exists());
}

#[test]
fn only_the_previews_own_pages_may_call() {
    let r = Running::start(site());
    let serve_port = r.server.addr.port();
    let info = json!({"action": "info"});
    // Serve's own origin: allowed, with CORS for it only.
    for origin in [
        format!("http://localhost:{serve_port}"),
        format!("http://127.0.0.1:{serve_port}"),
    ] {
        let reply = r.send(r.agent.post(&r.api_url()).header("Origin", &origin), &info);
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some(origin.as_str())
        );
        let mut pre = r
            .agent
            .options(&r.api_url())
            .header("Origin", &origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .call()
            .unwrap();
        assert_eq!(pre.status().as_u16(), 204);
        assert_eq!(
            pre.headers()
                .get("access-control-allow-origin")
                .and_then(|v| v.to_str().ok()),
            Some(origin.as_str())
        );
        let _ = pre.body_mut().read_to_vec();
    }
    // Any other page: refused, no CORS.
    for origin in [
        "http://evil.example".to_string(),
        format!("http://localhost:{}", serve_port.wrapping_add(7)),
        format!("https://localhost:{serve_port}"),
        "null".to_string(),
    ] {
        let reply = r.send(r.agent.post(&r.api_url()).header("Origin", &origin), &info);
        assert_eq!(reply.status, 403, "{origin}");
        assert!(reply.header("access-control-allow-origin").is_none());
        let pre = r
            .agent
            .options(&r.api_url())
            .header("Origin", &origin)
            .call()
            .unwrap();
        assert_eq!(pre.status().as_u16(), 403, "{origin}");
    }
    // A form post (no preflight needed to send it) is never read.
    let mut reply = r
        .agent
        .post(&r.api_url())
        .header("Content-Type", "text/plain")
        .send(serde_json::to_vec(&info).unwrap())
        .unwrap();
    assert_eq!(reply.status().as_u16(), 415);
    let _ = reply.body_mut().read_to_vec();
    // Another host name (DNS rebinding): refused like the preview does.
    let backend = r.server.backend_addr.unwrap();
    let mut reply = r
        .agent
        .post(&r.api_url())
        .header("Host", &format!("evil.example:{}", backend.port()))
        .header("Content-Type", "application/json")
        .send(serde_json::to_vec(&info).unwrap())
        .unwrap();
    assert_eq!(reply.status().as_u16(), 421);
    let _ = reply.body_mut().read_to_vec();
    // Unknown actions get Decap's 422.
    let reply = r.call("unpublishedEntries", json!({}));
    assert_eq!(reply.status, 422);
}
