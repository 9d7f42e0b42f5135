//! `congxa serve` in the editor's language: every answer of the preview
//! server and of the admin's editing backend comes from the message
//! catalogue (Vietnamese by default, English with `--lang en`), and the
//! warnings of each (re)build are printed in serve's terminal.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use congxa::messages::Lang;
use congxa::serve::{ServeOptions, Server};
use serde_json::{Value, json};

use crate::support::*;

/// Long enough for a rebuild on a busy machine; only reached when something is wrong.
const PATIENCE: Duration = Duration::from_secs(60);

fn site() -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "site.yaml",
        &format!("{SITE_YAML}admin:\n  backend: github\n  repo: ubnd-hoa-phu/trang\n"),
    );
    f.file(
        "content/tin-tuc/hoi-nghi/index.md",
        "---\ntitle: Hội nghị\ndate: 2024-07-20\nimage: anh.png\nimage_alt: Hội trường\n---\nHội nghị.\n",
    );
    f.bytes("content/tin-tuc/hoi-nghi/anh.png", &tiny_png(1, 1));
    f.file(
        "content/tin-tuc/ke-hoach.md",
        "---\ntitle: Kế hoạch\ndate: 2024-07-16\n---\nNội dung.\n",
    );
    f.file(
        "content/tin-tuc/loa.md",
        "---\ntitle: Loa\ndate: 2024-07-18\n---\nLoa.\n",
    );
    f.bytes("content/tep/ghi-chu.txt", b"ghi chu");
    f.bytes("content/tep/nguon.xml", b"<a/>");
    f
}

/// Vietnamese letters English never has.
fn has_vietnamese(s: &str) -> bool {
    s.chars().any(|c| "ăâđêôơưĂÂĐÊÔƠƯ".contains(c))
        || unicode_normalization::UnicodeNormalization::nfd(s)
            .any(|c| ('\u{300}'..='\u{323}').contains(&c))
}

/// One answer: status and the text the user reads (the JSON `error`, or the body).
#[derive(Debug, Clone)]
struct Said {
    status: u16,
    text: String,
}

/// A raw request to `addr`, read to the end (the server closes: `Connection: close`).
fn raw(addr: SocketAddr, head: &str) -> Said {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(s, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Said {
        status,
        text: body.to_string(),
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(PATIENCE))
        .build()
        .into()
}

fn post(url: &str, content_type: &str, origin: Option<&str>, body: &[u8]) -> Said {
    let mut req = agent().post(url).header("Content-Type", content_type);
    if let Some(o) = origin {
        req = req.header("Origin", o);
    }
    let mut r = req.send(body).expect("POST");
    let status = r.status().as_u16();
    let bytes = r.body_mut().read_to_vec().expect("body");
    let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Said {
        status,
        text: json["error"].as_str().unwrap_or("").to_string(),
    }
}

/// Every error answer serve and its backend can give, asked of a server
/// speaking `lang`: (what was asked, the answer).
fn every_error_answer(lang: Lang) -> Vec<(String, Said)> {
    let f = site();
    let mut opts = ServeOptions::new(f.root());
    opts.port = 0;
    opts.lang = lang;
    let server = Server::start(opts).expect("server starts");
    let addr = server.addr;
    let host = format!("Host: localhost:{}", addr.port());
    let mut out = Vec::new();
    let mut ask = |what: &str, said: Said| out.push((what.to_string(), said));

    // The preview.
    ask(
        "bad path",
        raw(addr, &format!("GET /a%5cb HTTP/1.1\r\n{host}")),
    );
    ask(
        "foreign host",
        raw(addr, "GET / HTTP/1.1\r\nHost: evil.example"),
    );
    ask("no host", raw(addr, "GET / HTTP/1.0"));
    // While the site does not build, the last good one is served; its copied
    // files only while they are the files that build checked.
    let before = server.generation();
    f.file("content/tin-tuc/loa.md", "---\ntitle: [Loa\n---\n");
    let start = Instant::now();
    while server.generation() == before {
        assert!(start.elapsed() < PATIENCE, "the broken build never showed");
        std::thread::sleep(Duration::from_millis(20));
    }
    f.bytes("content/tep/ghi-chu.txt", b"da sua");
    ask(
        "changed file",
        raw(addr, &format!("GET /tep/ghi-chu.txt HTTP/1.1\r\n{host}")),
    );
    f.remove("content/tep/nguon.xml");
    ask(
        "deleted file",
        raw(addr, &format!("GET /tep/nguon.xml HTTP/1.1\r\n{host}")),
    );
    f.file(
        "content/tin-tuc/loa.md",
        "---\ntitle: Loa\ndate: 2024-07-18\n---\nLoa.\n",
    );

    // The editing backend.
    let api = format!("http://{}/api/v1", server.backend_addr.expect("backend"));
    out.extend(backend_answers(&f, &api));
    drop(server);
    out
}

/// Every error answer of the editing backend at `api`, for the site `f`.
fn backend_answers(f: &Fixture, api: &str) -> Vec<(String, Said)> {
    let mut out = Vec::new();
    let mut ask = |what: &str, said: Said| out.push((what.to_string(), said));
    let call = |action: &str, params: Value| {
        let body = json!({ "action": action, "params": params });
        post(
            api,
            "application/json",
            None,
            &serde_json::to_vec(&body).unwrap(),
        )
    };
    let info = serde_json::to_vec(&json!({"action": "info"})).unwrap();
    ask(
        "foreign origin",
        post(api, "application/json", Some("http://evil.example"), &info),
    );
    ask("not JSON", post(api, "text/plain", None, &info));
    ask("bad JSON", post(api, "application/json", None, b"{"));
    ask("bad params", call("getEntry", json!({})));
    ask("unknown action", call("unpublishedEntries", json!({})));
    ask("empty path", call("getEntry", json!({"path": ""})));
    ask("outside", call("getEntry", json!({"path": "site.yaml"})));
    ask(
        "bad name",
        call("getEntry", json!({"path": "content/.git/config"})),
    );
    #[cfg(unix)]
    {
        let link = f.root().join("content/vong.md");
        std::os::unix::fs::symlink(f.root().join("site.yaml"), &link).unwrap();
        ask(
            "symlink",
            call("getEntry", json!({"path": "content/vong.md"})),
        );
        std::fs::remove_file(link).unwrap();
    }
    ask(
        "no media file",
        call(
            "getMediaFile",
            json!({"path": "content/tin-tuc/khong-co.png"}),
        ),
    );
    let asset = |path: &str, content: &str, encoding: &str| json!({"asset": {"path": path, "content": content, "encoding": encoding}});
    ask(
        "upload Markdown",
        call(
            "persistMedia",
            asset("content/tin-tuc/x.md", "eA==", "base64"),
        ),
    );
    ask(
        "not base64",
        call("persistMedia", asset("content/tep/x.txt", "x", "utf8")),
    );
    ask(
        "bad base64",
        call("persistMedia", asset("content/tep/x.txt", "!!!", "base64")),
    );
    ask("no entry", call("persistEntry", json!({"assets": []})));
    let entry = |path: &str, new_path: Option<&str>, raw: &str| json!({"dataFiles": [{"path": path, "newPath": new_path, "raw": raw}], "assets": []});
    let good = "---\ntitle: Bài mới\ndate: 2024-08-01\n---\nNội dung.\n";
    ask(
        "not an article",
        call("persistEntry", entry("content/tin-tuc/x.txt", None, good)),
    );
    ask(
        "invalid article",
        call(
            "persistEntry",
            entry(
                "content/tin-tuc/moi.md",
                None,
                "---\ntitle: Mới\ntieu_de_phu: x\n---\n",
            ),
        ),
    );
    ask(
        "rename onto another",
        call(
            "persistEntry",
            entry(
                "content/tin-tuc/ke-hoach.md",
                Some("content/tin-tuc/loa.md"),
                good,
            ),
        ),
    );
    ask(
        "delete a folder",
        call("deleteFile", json!({"path": "content/tin-tuc"})),
    );
    ask(
        "delete what a page needs",
        call(
            "deleteFile",
            json!({"path": "content/tin-tuc/hoi-nghi/anh.png"}),
        ),
    );
    out
}

#[test]
fn every_answer_of_serve_and_its_backend_speaks_the_chosen_language() {
    // A new English (or Vietnamese) literal in an answer says the same in both
    // languages, and fails here.
    let vi = every_error_answer(Lang::Vi);
    let en = every_error_answer(Lang::En);
    assert_eq!(vi.len(), en.len());
    assert!(vi.len() >= 20, "{vi:?}");
    for ((what, v), (_, e)) in vi.iter().zip(&en) {
        assert!(v.status >= 400, "{what}: {v:?}");
        assert_eq!(v.status, e.status, "{what}");
        // The sentence congxa writes (a refused change adds the problems, with
        // the site's own Vietnamese lines quoted).
        let v_line = v.text.lines().next().unwrap_or("");
        let e_line = e.text.lines().next().unwrap_or("");
        assert!(!v_line.trim().is_empty(), "{what}: no text: {v:?}");
        assert_ne!(
            v_line, e_line,
            "{what}: the same text in both languages: {v:?}"
        );
        assert!(has_vietnamese(v_line), "{what}: not Vietnamese: {v_line}");
        assert!(!has_vietnamese(e_line), "{what}: not English: {e_line}");
    }
    let find = |list: &[(String, Said)], what: &str| {
        list.iter()
            .find(|(w, _)| w == what)
            .map(|(_, s)| s.clone())
            .unwrap()
    };
    assert_eq!(find(&vi, "deleted file").status, 404);
    assert_eq!(find(&vi, "changed file").status, 503);
    assert_eq!(find(&vi, "foreign host").status, 421);
    assert!(find(&vi, "invalid article").text.starts_with("Chưa lưu"));
    assert!(find(&en, "invalid article").text.starts_with("Not saved"));
    assert!(
        find(&vi, "delete what a page needs")
            .text
            .starts_with("Chưa xóa")
    );
    assert!(
        find(&en, "delete what a page needs")
            .text
            .starts_with("Not deleted")
    );
}

/// `congxa serve` in a child process, in Vietnamese; its terminal's lines.
struct Child {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Child {
    fn start(f: &Fixture) -> Child {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
            .args(["serve", "--port", "0"])
            .current_dir(f.root())
            .env_remove("CONGXA_LANG")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("congxa serve starts");
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().expect("piped");
        let err = child.stderr.take().expect("piped");
        for stream in [Box::new(out) as Box<dyn Read + Send>, Box::new(err)] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    if tx.send(line).is_err() {
                        return;
                    }
                }
            });
        }
        Child { child, lines }
    }

    /// The lines printed until one contains `needle` (that one included).
    fn until(&self, needle: &str) -> String {
        let start = Instant::now();
        let mut seen = String::new();
        loop {
            let left = PATIENCE.saturating_sub(start.elapsed());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if line.contains(needle) {
                        return seen;
                    }
                }
                Err(_) => panic!("serve never printed `{needle}`; it printed:\n{seen}"),
            }
        }
    }
}

#[test]
fn serve_prints_the_warnings_of_each_build_new_ones_only_on_a_rebuild() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/hop-dan.md",
        "---\ntitle: Họp dân # thôn 3\ndate: 2024-07-16\n---\nNội dung.\n",
    );
    f.file(
        "content/tin-tuc/loa.md",
        "---\ntitle: Loa\ndate: 2024-07-18\nsummary: Lịch phát thanh\n---\nLoa.\n",
    );
    let serve = Child::start(&f);
    // The first build: every warning, then their count.
    let first = serve.until("1 cảnh báo.");
    assert!(first.contains("content/tin-tuc/hop-dan.md:2:"), "{first}");
    assert!(first.contains("bị cắt tại ` #`"), "{first}");
    // A new warning: only it is printed, with the counts.
    f.file(
        "content/tin-tuc/loa.md",
        "---\ntitle: Loa\ndate: 2024-07-18\nsummary: \"Lịch phát thanh gồm:\"\n---\nLoa.\n",
    );
    let next = serve.until("1 cảnh báo mới (trang web có tất cả 2 cảnh báo).");
    assert!(next.contains("content/tin-tuc/loa.md:4:"), "{next}");
    assert!(
        next.contains("tóm tắt kết thúc bằng dấu hai chấm"),
        "{next}"
    );
    assert!(
        !next.contains("hop-dan.md"),
        "an old warning printed again:\n{next}"
    );
    // A body edit (no warning changes) prints no warning; fixing both says so.
    f.file(
        "content/tin-tuc/hop-dan.md",
        "---\ntitle: \"Họp dân # thôn 3\"\ndate: 2024-07-16\n---\nNội dung.\n",
    );
    f.file(
        "content/tin-tuc/loa.md",
        "---\ntitle: Loa\ndate: 2024-07-18\nsummary: Lịch phát thanh\n---\nLoa.\n",
    );
    let end = serve.until("Đã hết cảnh báo.");
    assert!(!end.contains("cảnh báo:"), "{end}");
}
