//! Benchmark of `congxa serve`: time from saving a file to the updated page
//! being served, measured the way a browser tab sees it: the tab listens on
//! the live-reload stream, the file is written, the tab gets `reload`, fetches
//! the page and finds the new text. Beside the wall times it prints the
//! server's CPU time per save (Linux), which other programs sharing the cores
//! do not inflate.
//!
//! `cargo run --release --example bench_serve -- CORPUS_DIR [--runs 15] [--bin target/release/congxa]`
//! (`scripts/bench-serve.sh` makes the corpus and runs this.)

#[path = "support/cpu.rs"]
mod cpu;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);
/// Between saves: an editor saves, then looks at the page. Long enough for the
/// server's second phase (feeds, sitemap, search index) to run in between.
const PAUSE: Duration = Duration::from_millis(2500);

fn main() {
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut runs = 15usize;
    let mut bin = PathBuf::from("target/release/congxa");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--bin" => bin = PathBuf::from(args.next().expect("--bin PATH")),
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let corpus = corpus.expect("usage: bench_serve CORPUS_DIR [--runs N] [--bin PATH]");
    let pages = count_md(&corpus.join("content"));
    println!("corpus: {} ({pages} Markdown files)", corpus.display());

    let started = Instant::now();
    let (server, addr, log) = start_server(&bin, &corpus);
    let pid = server.0.id();
    println!(
        "first build and ready: {} ms",
        started.elapsed().as_millis()
    );

    let article = first_article(&corpus.join("content/tin-tuc"));
    let url_path = format!(
        "/tin-tuc/{}/",
        article.file_stem().unwrap().to_string_lossy()
    );
    let original = std::fs::read_to_string(&article).unwrap();

    let mut report = Vec::new();
    // 1. Body edit (fast path): a sentence added to the first paragraph (the summary, so lists change too).
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let marker = format!("Đo lần {i} thân bài.");
        let text = original.replacen("\n\n## Mục 1", &format!("\n\n{marker}\n\n## Mục 1"), 1);
        let (t, c) = save_and_wait(addr, pid, &article, &text, &url_path, &marker);
        times.push(t);
        cpu.push(c);
        std::thread::sleep(PAUSE);
    }
    report.push(("edit body (summary changes)", times, cpu, drain(&log)));

    // 2. Title edit (front matter: model rebuilt, lists re-sorted).
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let title_line = original.lines().nth(1).unwrap().to_string();
    for i in 0..runs {
        let marker = format!("Tiêu đề đo {i}");
        let text = original.replacen(&title_line, &format!("title: \"{marker}\""), 1);
        let (t, c) = save_and_wait(addr, pid, &article, &text, &url_path, &marker);
        times.push(t);
        cpu.push(c);
        std::thread::sleep(PAUSE);
    }
    report.push(("edit title (front matter)", times, cpu, drain(&log)));

    // 3. New article.
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let dir = corpus.join("content/tin-tuc");
    for i in 0..runs.min(5) {
        let name = format!("do-moi-{i}");
        let marker = format!("Bài mới đo {i}.");
        let text = format!(
            "---\ntitle: Bài đo {i}\ndate: 2024-07-16\ntags: [tuyên truyền]\n---\n\n{marker}\n"
        );
        let (t, c) = save_and_wait(
            addr,
            pid,
            &dir.join(format!("{name}.md")),
            &text,
            &format!("/tin-tuc/{name}/"),
            &marker,
        );
        times.push(t);
        cpu.push(c);
        std::thread::sleep(PAUSE);
    }
    report.push(("add an article", times, cpu, drain(&log)));

    // Put the corpus back.
    std::fs::write(&article, &original).unwrap();
    for i in 0..runs.min(5) {
        let _ = std::fs::remove_file(dir.join(format!("do-moi-{i}.md")));
    }
    std::thread::sleep(Duration::from_millis(1500));
    drop(server);

    println!();
    println!("save → updated page served (ms), {runs} runs; rebuild = congxa's own log line");
    for (what, mut t, mut cpu, rebuilds) in report {
        t.sort();
        cpu.sort_by(f64::total_cmp);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{what:<30} median {:6.1}  min {:6.1}  max {:6.1}   rebuild median {:>5} ms   server CPU median {:6.1} ms",
            ms(t[t.len() / 2]),
            ms(t[0]),
            ms(t[t.len() - 1]),
            median(&rebuilds),
            cpu[cpu.len() / 2]
        );
    }
}

fn count_md(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            n += count_md(&p);
        } else if p.extension().is_some_and(|x| x == "md") {
            n += 1;
        }
    }
    n
}

fn first_article(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .next()
        .expect("an article in content/tin-tuc")
}

/// The server process, stopped when dropped.
struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `congxa serve` on a free port; returns the child, its address and its log lines.
fn start_server(bin: &Path, corpus: &Path) -> (ServerProcess, SocketAddr, mpsc::Receiver<String>) {
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start congxa serve");
    let stdout = child.stdout.take().unwrap();
    let child = ServerProcess(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + PATIENCE;
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("congxa serve prints its address");
        if let Some(i) = line.find("http://") {
            let rest = &line[i + 7..];
            let addr: SocketAddr = rest[..rest.find('/').unwrap()].parse().unwrap();
            return (child, addr, rx);
        }
    }
}

/// Rebuild times (ms) from the log lines received so far.
fn drain(log: &mpsc::Receiver<String>) -> Vec<u64> {
    let mut out = Vec::new();
    while let Ok(line) = log.recv_timeout(Duration::from_millis(50)) {
        if line.contains("chỉ mục tìm kiếm") {
            continue; // the second phase (feeds, sitemap, search index)
        }
        if let Some(ms) = line
            .strip_prefix("Cập nhật trong ")
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
        {
            out.push(ms);
        }
    }
    out
}

fn median(v: &[u64]) -> String {
    let mut v = v.to_vec();
    v.sort();
    v.get(v.len() / 2)
        .map(|m| m.to_string())
        .unwrap_or_else(|| "-".into())
}

/// Write `text` to `file`, then wait as a tab on `url_path` would: reload
/// event, fetch, new text present. Returns the time from the write.
fn save_and_wait(
    addr: SocketAddr,
    pid: u32,
    file: &Path,
    text: &str,
    url_path: &str,
    marker: &str,
) -> (Duration, f64) {
    let (_, page) = get(addr, url_path);
    let generation = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0")
        .to_string();
    let mut events = TcpStream::connect(addr).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        events,
        "GET /__congxa/events?path={url_path}&generation={generation} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    wait_event(&mut events, "hello");

    let cpu0 = cpu::cpu_ms(&pid.to_string());
    let t0 = Instant::now();
    std::fs::write(file, text).unwrap();
    wait_event(&mut events, "reload");
    let (status, body) = get(addr, url_path);
    let took = t0.elapsed();
    let cpu = cpu::cpu_ms(&pid.to_string()) - cpu0;
    assert!(
        status == 200 && body.contains(marker),
        "{url_path} does not show `{marker}` ({status})"
    );
    (took, cpu)
}

fn wait_event(r: &mut BufReader<TcpStream>, name: &str) {
    let want = format!("event: {name}");
    loop {
        let mut line = String::new();
        let n = r.read_line(&mut line).expect("event stream");
        assert!(n > 0, "event stream closed before `{name}`");
        let line = line.trim_end();
        if line == want {
            return;
        }
        assert!(line != "event: problem", "the server reported a problem");
    }
}

/// A plain HTTP/1.1 GET: (status, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}
