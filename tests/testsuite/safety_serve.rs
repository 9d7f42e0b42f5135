//! Issue #19, points 5–7: `serve` answers only to its own names and cuts off
//! clients that never finish their headers; it never serves a file the build
//! did not check; a runaway template is stopped (build and serve alike).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use congxa::serve::listen::HttpLimits;
use congxa::serve::{ServeOptions, Server};

use crate::support::*;

/// Longest wait for something that works (never reached when it does).
const PATIENCE: Duration = Duration::from_secs(20);

struct Serving {
    f: Fixture,
    server: Running,
}

/// A server in this process, or `congxa serve` in a child process (for
/// runaway renders, whose thread spins until its process ends).
enum Running {
    Here(Server),
    Child(ServeProcess),
}

struct ServeProcess {
    child: std::process::Child,
    addr: SocketAddr,
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn addr(&self) -> SocketAddr {
        match self {
            Running::Here(s) => s.addr,
            Running::Child(p) => p.addr,
        }
    }
}

/// A raw HTTP answer.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Serving {
    fn start(f: Fixture) -> Serving {
        Serving::start_with(f, |_| {})
    }

    fn start_with(f: Fixture, tweak: impl FnOnce(&mut ServeOptions)) -> Serving {
        let mut opts = ServeOptions::new(f.root());
        opts.port = 0;
        opts.lang = congxa::messages::Lang::En;
        tweak(&mut opts);
        let server = Server::start(opts).expect("server starts");
        Serving {
            f,
            server: Running::Here(server),
        }
    }

    /// `congxa serve --port 0` in a child process, renders limited to `ms`.
    fn start_process(f: Fixture, ms: u64) -> Serving {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
            .env("CONGXA_LANG", "en")
            .args(["serve", "--port", "0"])
            .current_dir(f.root())
            .env("CONGXA_RENDER_TIMEOUT_MS", ms.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("congxa serve starts");
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let mut process = ServeProcess {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        let mut line = String::new();
        while out.read_line(&mut line).expect("serve prints") > 0 {
            if let Some(rest) = line.split("http://").nth(1) {
                let host = rest.split('/').next().unwrap_or_default();
                process.addr = host.parse().expect("serve prints its address");
                break;
            }
            line.clear();
        }
        assert_ne!(process.addr.port(), 0, "serve printed no address: {line}");
        // Keep reading what it prints, so it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        Serving {
            f,
            server: Running::Child(process),
        }
    }

    fn port(&self) -> u16 {
        self.server.addr().port()
    }

    /// Where to connect (a server bound to every address is reached on loopback).
    fn connect_to(&self) -> SocketAddr {
        let mut a = self.server.addr();
        if a.ip().is_unspecified() {
            a.set_ip([127, 0, 0, 1].into());
        }
        a
    }

    /// The request `head` (without the final blank line), answer read to the end.
    fn raw(&self, head: &str) -> Answer {
        let mut s = TcpStream::connect(self.connect_to()).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(s, "{head}\r\n\r\n").unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no answer to {head:?}: {out:?}"));
        let head_text = String::from_utf8_lossy(&out[..split]).into_owned();
        let status = head_text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status: {head_text}"));
        Answer {
            status,
            head: head_text,
            body: out[split + 4..].to_vec(),
        }
    }

    /// `GET path` with the given `Host` header.
    fn get_as(&self, host: &str, path: &str) -> Answer {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close"
        ))
    }

    /// `GET path` as a browser on this computer asks for it.
    fn get(&self, path: &str) -> Answer {
        self.get_as(&format!("localhost:{}", self.port()), path)
    }

    fn wait_until(&self, what: &str, mut ok: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ok() {
            assert!(start.elapsed() < PATIENCE, "gave up waiting: {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn article(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-07-16\n{extra}---\n\n{body}\n")
}

fn news_site() -> Fixture {
    let f = Fixture::new();
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    f.file(
        "content/tin-tuc/loa.md",
        &article("Loa truyền thanh", "", "Phát trên hệ thống loa."),
    );
    f.file(
        "content/tin-tuc/bi-mat.md",
        &article("Dự thảo", "draft: true\n", "Nội dung dự thảo chưa công bố."),
    );
    f
}

// ---- 5. Host names and slow clients ----------------------------------------

#[test]
fn only_requests_for_its_own_names_are_answered() {
    let s = Serving::start_with(news_site(), |o| o.drafts = true);
    let p = s.port();
    for host in [
        format!("localhost:{p}"),
        format!("127.0.0.1:{p}"),
        format!("LocalHost:{p}"),
    ] {
        let a = s.get_as(&host, "/tin-tuc/bi-mat/");
        assert_eq!(a.status, 200, "{host}");
        assert!(a.text().contains("Nội dung dự thảo"), "{host}");
    }
    // DNS rebinding: the attacker's name, resolving to 127.0.0.1, with our port.
    for host in [
        format!("evil.example:{p}"),
        format!("localhost.evil.example:{p}"),
        format!("127.0.0.1.nip.io:{p}"),
        format!("localhost:{}", p.wrapping_add(1)),
        format!("192.168.1.5:{p}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        for path in [
            "/tin-tuc/bi-mat/",
            "/",
            "/__congxa/livereload.js",
            "/__congxa/events?path=/&generation=0",
            "/khong-co/",
        ] {
            let a = s.get_as(&host, path);
            assert_eq!(a.status, 421, "{host} {path}: {}", a.head);
            let text = a.text();
            assert!(
                text.contains("congxa serve only answers requests addressed to its own names"),
                "{text}"
            );
            assert!(!text.contains("dự thảo"), "{text}");
        }
    }
}

#[test]
fn missing_repeated_or_odd_host_headers_are_refused() {
    let s = Serving::start(news_site());
    let p = s.port();
    // HTTP/1.0 without a Host header.
    let a = s.raw("GET / HTTP/1.0");
    assert_eq!(a.status, 400, "{}", a.head);
    assert!(
        a.text()
            .contains("only answers requests addressed to its own names")
    );
    // HTTP/1.1 without one.
    assert_eq!(s.raw("GET / HTTP/1.1\r\nConnection: close").status, 400);
    // Two Host headers, one of them ours.
    let a = s.raw(&format!(
        "GET / HTTP/1.1\r\nHost: localhost:{p}\r\nHost: evil.example:{p}\r\nConnection: close"
    ));
    assert_eq!(a.status, 400);
    for odd in [
        format!("user@localhost:{p}"),
        format!("localhost:{p}x"),
        format!("[::1:{p}"),
        ":80".to_string(),
    ] {
        let a = s.get_as(&odd, "/");
        assert!(matches!(a.status, 400 | 421), "{odd}: {}", a.head);
    }
    // An absolute-form target names the host too: it must be ours as well.
    let a = s.raw(&format!(
        "GET http://evil.example:{p}/ HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close"
    ));
    assert_eq!(a.status, 421);
    let a = s.raw(&format!(
        "GET http://127.0.0.1:{p}/ HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nConnection: close"
    ));
    assert_eq!(a.status, 200);
    // HTTP/1.0 with our Host is fine.
    let a = s.raw(&format!("GET / HTTP/1.0\r\nHost: localhost:{p}"));
    assert_eq!(a.status, 200);
}

#[test]
fn bound_to_every_address_it_answers_ip_addresses_not_names() {
    let s = Serving::start_with(news_site(), |o| o.bind = [0, 0, 0, 0].into());
    let p = s.port();
    // From another machine the preview is opened by this machine's IP address.
    for host in [
        format!("192.168.1.5:{p}"),
        format!("10.0.0.7:{p}"),
        format!("127.0.0.1:{p}"),
        format!("localhost:{p}"),
        format!("[fe80::1]:{p}"),
    ] {
        assert_eq!(s.get_as(&host, "/").status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{p}"),
        format!("may-tinh.local:{p}"),
        format!("192.168.1.5:{}", p.wrapping_add(1)),
    ] {
        assert_eq!(s.get_as(&host, "/").status, 421, "{host}");
    }
}

/// Connect, send `partial` (never the end of the headers), and return how
/// long the server kept the connection open (`None`: still open after `PATIENCE`).
fn held_for(addr: SocketAddr, partial: &[u8]) -> Option<Duration> {
    let mut c = TcpStream::connect(addr).unwrap();
    let start = Instant::now();
    c.write_all(partial).unwrap();
    c.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut buf = Vec::new();
    match c.read_to_end(&mut buf) {
        // Closed by the server (perhaps after a 408).
        Ok(_) => Some(start.elapsed()),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Some(start.elapsed()),
        Err(_) => None,
    }
}

fn quick_timeouts(o: &mut ServeOptions) {
    o.http = HttpLimits {
        header_timeout: Duration::from_millis(300),
        max_connections: 8,
    };
}

#[test]
fn clients_that_never_finish_their_headers_are_cut_off() {
    let s = Serving::start_with(news_site(), quick_timeouts);
    let p = s.port();
    let cases: [&[u8]; 3] = [
        b"",
        b"GET / HTTP/1.1\r\nHost: local",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n",
    ];
    for partial in cases {
        let held = held_for(s.connect_to(), partial)
            .unwrap_or_else(|| panic!("{partial:?}: connection never closed"));
        eprintln!(
            "slow client {:?} held for {held:?}",
            String::from_utf8_lossy(partial)
        );
        assert!(
            held >= Duration::from_millis(250),
            "closed before the timeout: {held:?}"
        );
    }
    // A client dripping one byte at a time gains nothing either.
    let mut c = TcpStream::connect(s.connect_to()).unwrap();
    let start = Instant::now();
    let drip = format!("GET / HTTP/1.1\r\nHost: localhost:{p}\r\nX-Drip: ");
    let mut closed = false;
    for b in drip.bytes().chain(std::iter::repeat(b'a')) {
        if c.write_all(&[b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        if start.elapsed() > PATIENCE {
            break;
        }
    }
    assert!(closed, "a dripping client was never cut off");
    eprintln!("dripping client cut off after {:?}", start.elapsed());
    // Well-behaved clients are still served.
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn a_crowd_of_slow_clients_does_not_lock_out_the_browser() {
    let s = Serving::start_with(news_site(), quick_timeouts);
    let addr = s.connect_to();
    // Far more idle connections than the server serves at once.
    let crowd: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut c = TcpStream::connect(addr).unwrap();
            c.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            c
        })
        .collect();
    let start = Instant::now();
    let a = s.get("/tin-tuc/loa/");
    assert_eq!(a.status, 200);
    eprintln!("served behind 40 slow clients after {:?}", start.elapsed());
    // Every one of them was closed by the server.
    for mut c in crowd {
        c.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut buf = Vec::new();
        let r = c.read_to_end(&mut buf);
        assert!(
            r.is_ok() || r.unwrap_err().kind() == std::io::ErrorKind::ConnectionReset,
            "a slow client was held"
        );
    }
}

/// The next server-sent event: (name, data).
fn next_event(r: &mut BufReader<TcpStream>) -> (String, String) {
    let mut name = String::new();
    let mut data = String::new();
    loop {
        let mut line = String::new();
        let n = r.read_line(&mut line).expect("event stream stays open");
        assert!(n > 0, "event stream closed");
        let line = line.trim_end_matches(['\r', '\n']);
        if let Some(v) = line.strip_prefix("event: ") {
            name = v.to_string();
        } else if let Some(v) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
            data.push_str(v);
            data.push('\n');
        } else if line.is_empty() && !name.is_empty() {
            return (name, data);
        }
    }
}

/// Open the live-reload stream of the tab showing `path`.
fn listen(s: &Serving, path: &str) -> BufReader<TcpStream> {
    let page = s.get(path).text();
    let generation = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|g| g.split('"').next())
        .expect("served HTML carries the reload script")
        .to_string();
    let mut c = TcpStream::connect(s.connect_to()).unwrap();
    c.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        c,
        "GET /__congxa/events?path={path}&generation={generation} HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
        s.port()
    )
    .unwrap();
    BufReader::new(c)
}

#[test]
fn live_reload_streams_outlive_the_header_timeout() {
    let s = Serving::start_with(news_site(), quick_timeouts);
    let mut tab = listen(&s, "/tin-tuc/loa/");
    assert_eq!(next_event(&mut tab).0, "hello");
    // Several header timeouts pass with the stream open and quiet.
    std::thread::sleep(Duration::from_millis(1200));
    s.f.file(
        "content/tin-tuc/loa.md",
        &article("Loa truyền thanh", "", "Đã sửa sau khi chờ."),
    );
    assert_eq!(next_event(&mut tab).0, "reload");
    s.wait_until("the edit is served", || {
        s.get("/tin-tuc/loa/")
            .text()
            .contains("Đã sửa sau khi chờ.")
    });
}

// ---- 6. Only files the build checked are served ------------------------------

const SECRET: &str = "BÍ MẬT NGOÀI TRANG";

/// A directory outside the site holding a file that must never be served.
fn outside() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("bi-mat.txt"), SECRET).unwrap();
    std::fs::create_dir_all(d.path().join("tep")).unwrap();
    std::fs::write(d.path().join("tep/ghi-chu.txt"), SECRET).unwrap();
    d
}

fn asset_site() -> Fixture {
    let f = news_site();
    f.file("content/tep/ghi-chu.txt", "bản gốc");
    f.file("content/tep/khac.txt", "tệp khác");
    f
}

#[cfg(unix)]
fn symlink(target: &std::path::Path, link: &std::path::Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Wait for the next `problem` event on `tab`, checking meanwhile (and
/// after) that `path` never carries the secret.
fn problem_while_never_leaking(s: &Serving, tab: &mut BufReader<TcpStream>, path: &str) -> String {
    // Ask while the rebuild runs, as often as we can.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (name, data) = std::thread::scope(|sc| {
        let asker = sc.spawn(|| {
            let mut asked = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let a = s.get(path);
                assert!(!a.text().contains(SECRET), "{path} served the outside file");
                asked += 1;
            }
            asked
        });
        let ev = next_event(tab);
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        eprintln!(
            "asked {path} {} times during the rebuild",
            asker.join().unwrap()
        );
        ev
    });
    assert_eq!(name, "problem", "{data}");
    let a = s.get(path);
    assert_eq!(a.status, 503, "{}", a.text());
    assert!(!a.text().contains(SECRET));
    data
}

#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_link_out_of_the_site_is_never_served() {
    let out = outside();
    let s = Serving::start(asset_site());
    assert_eq!(s.get("/tep/ghi-chu.txt").text(), "bản gốc");
    let mut tab = listen(&s, "/tin-tuc/loa/");
    assert_eq!(next_event(&mut tab).0, "hello");
    let link = s.f.root().join("content/tep/ghi-chu.txt");
    std::fs::remove_file(&link).unwrap();
    symlink(&out.path().join("bi-mat.txt"), &link);
    let problem = problem_while_never_leaking(&s, &mut tab, "/tep/ghi-chu.txt");
    assert!(
        problem.contains("content/tep/ghi-chu.txt") && problem.contains("outside the site"),
        "{problem}"
    );
    // The rest of the last good site is still served.
    assert_eq!(s.get("/tep/khac.txt").text(), "tệp khác");
    assert_eq!(s.get("/tin-tuc/loa/").status, 200);
    // Fixed: a real file again, served once a build checked it.
    std::fs::remove_file(&link).unwrap();
    std::fs::write(&link, "bản mới").unwrap();
    assert_eq!(next_event(&mut tab).0, "reload");
    s.wait_until("the new file is served", || {
        s.get("/tep/ghi-chu.txt").text() == "bản mới"
    });
}

#[cfg(unix)]
#[test]
fn a_folder_or_theme_file_swapped_for_a_link_out_is_never_served() {
    let out = outside();
    let f = asset_site();
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file("themes/rieng/static/rieng.css", "body{color:navy}");
    let s = Serving::start(f);
    assert_eq!(s.get("/rieng.css").text(), "body{color:navy}");
    let mut tab = listen(&s, "/");
    assert_eq!(next_event(&mut tab).0, "hello");
    // A theme static file.
    let css = s.f.root().join("themes/rieng/static/rieng.css");
    std::fs::remove_file(&css).unwrap();
    symlink(&out.path().join("bi-mat.txt"), &css);
    let problem = problem_while_never_leaking(&s, &mut tab, "/rieng.css");
    assert!(problem.contains("rieng.css"), "{problem}");
    // A whole folder of assets, replaced by a link to a folder outside.
    let dir = s.f.root().join("content/tep");
    std::fs::rename(&dir, s.f.root().join("tep-cu")).unwrap();
    symlink(&out.path().join("tep"), &dir);
    // Its problem joins the one still shown; wait until the link is noticed.
    s.wait_until("the folder link is reported", || {
        let r = s.get("/tep/ghi-chu.txt");
        assert!(!r.text().contains(SECRET), "the folder link was followed");
        r.status == 503 || r.status == 404
    });
    for _ in 0..20 {
        let r = s.get("/tep/ghi-chu.txt");
        assert!(!r.text().contains(SECRET), "the folder link was followed");
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_and_edits_in_place_still_work() {
    let f = asset_site();
    symlink(
        &f.root().join("content/tep/ghi-chu.txt"),
        &f.root().join("content/tep/ban-sao.txt"),
    );
    let s = Serving::start(f);
    assert_eq!(s.get("/tep/ban-sao.txt").text(), "bản gốc");
    // An asset edited in place is served as soon as the rebuild checked it.
    std::fs::write(s.f.root().join("content/tep/ghi-chu.txt"), "bản sửa").unwrap();
    s.wait_until("the edit is served", || {
        s.get("/tep/ghi-chu.txt").text() == "bản sửa"
    });
    assert_eq!(s.get("/tep/ban-sao.txt").text(), "bản sửa");
}

#[test]
fn while_the_build_is_broken_a_changed_asset_is_not_served_unchecked() {
    let s = Serving::start(asset_site());
    let mut tab = listen(&s, "/tin-tuc/loa/");
    assert_eq!(next_event(&mut tab).0, "hello");
    // Break the build, then change an asset: the change is not checked by
    // any successful build, so the new bytes are not served...
    s.f.file("content/tin-tuc/loa.md", "---\ntitle: [Loa\n---\n");
    assert_eq!(next_event(&mut tab).0, "problem");
    std::fs::write(s.f.root().join("content/tep/ghi-chu.txt"), "chưa kiểm tra").unwrap();
    for _ in 0..20 {
        let a = s.get("/tep/ghi-chu.txt");
        assert!(
            !a.text().contains("chưa kiểm tra"),
            "unchecked bytes served"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let a = s.get("/tep/ghi-chu.txt");
    assert_eq!(a.status, 503);
    assert!(
        a.text()
            .contains("served again once a build has checked it")
    );
    // ...while the rest of the last good site is.
    assert_eq!(s.get("/tep/khac.txt").text(), "tệp khác");
    // Fixed: everything served again, the new asset included.
    s.f.file(
        "content/tin-tuc/loa.md",
        &article("Loa truyền thanh", "", "Phát lại."),
    );
    assert_eq!(next_event(&mut tab).0, "reload");
    s.wait_until("the checked asset is served", || {
        s.get("/tep/ghi-chu.txt").text() == "chưa kiểm tra"
    });
}

// ---- 7. A runaway template is stopped -----------------------------------------

/// The loops: printing (stopped by the output writer), empty with the
/// inner `range()` called anew each turn (stopped at that call), and empty
/// over a list made once (stopped at the call congxa adds to every loop).
const PRINTING: &str =
    "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
const EMPTY: &str =
    "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
const FOREVER: &str =
    "{% set r = range(end=100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}";
/// A loop inside one expression (a list comprehension): nothing congxa can
/// check runs inside it, so only the watchdog stops it. Only ever run in a
/// child process: the thread it takes spins until the process ends.
const UNINTERRUPTIBLE: &str =
    "{% set r = range(end=100000) %}{% set n = [[1 for y in r] | length for x in r] %}";

/// A theme whose article template runs `lp` after the article.
fn page_template(lp: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>{{{{ page.title }}}}</h1>\n{{{{ page.content | safe }}}}\n{lp}\n{{% endblock content %}}\n"
    )
}

fn themed_site(lp: &str) -> Fixture {
    let f = news_site();
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file("themes/rieng/templates/page.html", &page_template(lp));
    f
}

/// Run the real `congxa` with short render limits; `None` if it ran for a minute.
fn cli_limited(
    f: &Fixture,
    args: &[&str],
    ms: u64,
    bytes: Option<u64>,
) -> Option<(i32, String, Duration)> {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"));
    cmd.env("CONGXA_LANG", "en");
    cmd.args(args)
        .current_dir(f.root())
        .env("CONGXA_RENDER_TIMEOUT_MS", ms.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if let Some(b) = bytes {
        cmd.env("CONGXA_RENDER_MAX_BYTES", b.to_string());
    }
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let took = start.elapsed();
            return Some((status.code().unwrap_or(-1), reader.join().unwrap(), took));
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_runaway_template_fails_the_build_naming_template_and_page() {
    // A good build first: a failed one must leave it as it is.
    let f = themed_site("");
    f.build_ok();
    let before = snapshot(&f.root().join("output"));
    for (lp, interrupted) in [
        (PRINTING, true),
        (EMPTY, true),
        (FOREVER, true),
        (UNINTERRUPTIBLE, false),
    ] {
        f.file("themes/rieng/templates/page.html", &page_template(lp));
        let (code, err, took) = cli_limited(&f, &["build"], 400, None)
            .unwrap_or_else(|| panic!("build still running after a minute: {lp}"));
        eprintln!("{lp}: exit {code} after {took:?}");
        assert_eq!(code, 1, "{lp}\n{err}");
        assert!(
            err.contains("themes/rieng/templates/page.html"),
            "names the template: {err}"
        );
        assert!(err.contains("rendering stopped"), "{err}");
        assert!(err.contains("took longer than 400 ms"), "{err}");
        assert!(err.contains("/tin-tuc/loa/"), "names the page: {err}");
        assert!(err.contains("hint"), "{err}");
        assert_eq!(
            err.contains("could not be interrupted"),
            !interrupted,
            "{lp}: {err}"
        );
        assert!(took < Duration::from_secs(30), "{lp}: {took:?}");
        assert_eq!(snapshot(&f.root().join("output")), before, "output touched");
    }
}

#[test]
fn stopped_loops_point_at_their_line_and_check_stops_too() {
    let f = themed_site(EMPTY);
    let (code, err, _) = cli_limited(&f, &["check"], 300, None).expect("check ends");
    assert_eq!(code, 1, "{err}");
    // Stopped at the inner `range()` call: its line in the template.
    assert!(err.contains("themes/rieng/templates/page.html:5:"), "{err}");
    assert!(
        err.contains("/tin-tuc/loa/ (content/tin-tuc/loa.md)"),
        "{err}"
    );
    // A loop over a list made once: stopped at its `{% for %}` tag.
    let f = themed_site(FOREVER);
    let (code, err, _) = cli_limited(&f, &["check"], 300, None).expect("check ends");
    assert_eq!(code, 1, "{err}");
    let col = FOREVER.find("{% for j").unwrap() + 1;
    assert!(
        err.contains(&format!("themes/rieng/templates/page.html:5:{col}:")),
        "{err}"
    );
    // The output cap: 64 MiB by default, 100,000 bytes here.
    let f = themed_site(PRINTING);
    let (code, err, took) = cli_limited(&f, &["build"], 60_000, Some(100_000)).expect("build ends");
    eprintln!("100,000-byte cap reached after {took:?}");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("wrote more than 100000 bytes"), "{err}");
    assert!(err.contains("themes/rieng/templates/page.html"), "{err}");
    assert!(!f.exists("index.html"), "nothing written");
    // A theme within the limits builds as ever.
    let f = themed_site("{% for i in range(end=100) %}{{ i }}{% endfor %}");
    let (code, err, _) = cli_limited(&f, &["build"], 10_000, None).expect("build ends");
    assert_eq!(code, 0, "{err}");
}

fn limited(ms: u64) -> impl FnOnce(&mut ServeOptions) {
    move |o: &mut ServeOptions| {
        o.render_limits.time = Duration::from_millis(ms);
    }
}

/// Serve a good site, break its template with `lp`, see the problem, keep
/// the last good site, fix the template, see it served again.
fn serve_through(lp: &str, interrupted: bool) {
    let s = if interrupted {
        Serving::start_with(themed_site(""), limited(300))
    } else {
        Serving::start_process(themed_site(""), 300)
    };
    let good = s.get("/tin-tuc/loa/");
    assert_eq!(good.status, 200);
    let mut tab = listen(&s, "/tin-tuc/loa/");
    assert_eq!(next_event(&mut tab).0, "hello");
    let start = Instant::now();
    s.f.file("themes/rieng/templates/page.html", &page_template(lp));
    let (name, data) = next_event(&mut tab);
    eprintln!("{lp}: problem shown after {:?}", start.elapsed());
    assert_eq!(name, "problem", "{data}");
    assert!(data.contains("themes/rieng/templates/page.html"), "{data}");
    assert!(data.contains("/tin-tuc/loa/"), "{data}");
    assert!(data.contains("rendering stopped"), "{data}");
    assert_eq!(
        data.contains("could not be interrupted"),
        !interrupted,
        "{data}"
    );
    // The last good site is still served.
    let now = s.get("/tin-tuc/loa/");
    assert_eq!(now.status, 200);
    assert!(now.text().contains("Phát trên hệ thống loa."));
    // Content edits while the template is broken do not hang anything either.
    s.f.file(
        "content/tin-tuc/loa.md",
        &article("Loa truyền thanh", "", "Phát lúc 6 giờ."),
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(s.get("/tin-tuc/").status, 200);
    // Fixed: the site is built again, the edit included.
    s.f.file(
        "themes/rieng/templates/page.html",
        &page_template("<p>Đã sửa mẫu.</p>"),
    );
    s.wait_until("the fixed template is served", || {
        let t = s.get("/tin-tuc/loa/").text();
        t.contains("Đã sửa mẫu.") && t.contains("Phát lúc 6 giờ.")
    });
    eprintln!("{lp}: recovered after {:?}", start.elapsed());
}

#[test]
fn serve_stops_a_runaway_template_and_recovers_once_fixed() {
    serve_through(PRINTING, true);
    serve_through(EMPTY, true);
    serve_through(FOREVER, true);
}

#[test]
fn serve_abandons_a_render_it_cannot_interrupt_and_recovers_once_fixed() {
    serve_through(UNINTERRUPTIBLE, false);
}

#[test]
fn serve_starts_even_if_its_first_build_runs_away() {
    for (s, interrupted) in [
        (
            Serving::start_with(themed_site(FOREVER), limited(300)),
            true,
        ),
        (
            Serving::start_process(themed_site(UNINTERRUPTIBLE), 300),
            false,
        ),
    ] {
        starts_with_the_problem_shown(s, interrupted);
    }
}

fn starts_with_the_problem_shown(s: Serving, interrupted: bool) {
    // Started: the problem is shown instead of the site.
    let a = s.get("/tin-tuc/loa/");
    assert_eq!(a.status, 503, "{}", a.text());
    let mut tab = listen_any(&s, "/");
    let (name, data) = next_event(&mut tab);
    assert_eq!(name, "problem");
    assert!(data.contains("rendering stopped"), "{data}");
    assert_eq!(
        data.contains("could not be interrupted"),
        !interrupted,
        "{data}"
    );
    assert!(data.contains("themes/rieng/templates/page.html"), "{data}");
    s.f.file("themes/rieng/templates/page.html", &page_template(""));
    assert_eq!(next_event(&mut tab).0, "reload");
    s.wait_until("the site is served", || {
        s.get("/tin-tuc/loa/").status == 200
    });
}

/// The live-reload stream of `path` in generation 0 (for a site never built).
fn listen_any(s: &Serving, path: &str) -> BufReader<TcpStream> {
    let mut c = TcpStream::connect(s.connect_to()).unwrap();
    c.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        c,
        "GET /__congxa/events?path={path}&generation=0 HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
        s.port()
    )
    .unwrap();
    BufReader::new(c)
}

#[test]
fn once_a_render_ran_away_the_rest_of_the_build_is_skipped() {
    // 60 articles on the runaway template: without skipping, 60 × the limit.
    let f = themed_site(EMPTY);
    for i in 0..60 {
        f.file(
            &format!("content/tin-tuc/bai-{i}.md"),
            &article(&format!("Bài {i}"), "", "Nội dung."),
        );
    }
    let (code, err, took) = cli_limited(&f, &["build"], 300, None).expect("build ends");
    eprintln!("60 runaway pages: exit {code} after {took:?}");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("rendering stopped"), "{err}");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 30 {
        assert!(
            err.contains("the outputs still to render were skipped"),
            "{err}"
        );
    }
    // Reported once per distinct problem, not once per page.
    assert!(err.matches("rendering stopped").count() <= threads, "{err}");
}
