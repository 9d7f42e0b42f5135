//! The serve engine alone, in process (no watcher, no HTTP): the rebuild after
//! a body edit, a title edit and a new article, with the engine's stage
//! timings. Repeatable under a profiler (`perf record`, `valgrind
//! --tool=callgrind`), unlike the end-to-end `bench_serve`.
//!
//! `cargo run --release --example bench_engine -- CORPUS_DIR [--runs 5] [--only body|title|add]`
//! (make the corpus with `examples/gen_corpus.rs`; the corpus is edited and put back.)

#[path = "support/cpu.rs"]
mod cpu;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use congxa::BuildOptions;
use congxa::serve::incremental::{Changes, Engine};

// The allocator of the `congxa` binary, so the numbers match `serve`'s.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut runs = 5usize;
    let mut only: Option<String> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--only" => only = args.next(),
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let corpus = corpus.expect("usage: bench_engine CORPUS_DIR [--runs N] [--only WHAT]");
    let mut opts = BuildOptions::new(&corpus);
    opts.base_url = Some("http://127.0.0.1:1111".into());
    let t = Instant::now();
    let mut engine = Engine::new(opts);
    engine
        .update(&Changes::everything())
        .expect("the corpus builds");
    println!(
        "first build: {} ms, {} pages",
        t.elapsed().as_millis(),
        engine.page_count()
    );
    let dir = corpus.join("content/tin-tuc");
    let article = first_article(&dir);
    let original = std::fs::read_to_string(&article).expect("the article reads");
    let title_line = original.lines().nth(1).expect("a title line").to_string();
    let wants = |w: &str| only.as_deref().is_none_or(|o| o == w);

    if wants("body") {
        // Under `perf stat -D -1 --control fifo:CTL,ACK`, count only the edits.
        perf_control("enable");
        let times = (0..runs)
            .map(|i| {
                let text = original.replacen(
                    "\n\n## Mục 1",
                    &format!("\n\nĐo lần {i} thân bài.\n\n## Mục 1"),
                    1,
                );
                edit(&mut engine, &article, &text)
            })
            .collect();
        perf_control("disable");
        report("edit body", times);
    }
    if wants("title") {
        // Under `perf stat -D -1 --control fifo:CTL,ACK`, count only the edits.
        perf_control("enable");
        let times = (0..runs)
            .map(|i| {
                let text = original.replacen(&title_line, &format!("title: \"Tiêu đề đo {i}\""), 1);
                edit(&mut engine, &article, &text)
            })
            .collect();
        perf_control("disable");
        report("edit title", times);
    }
    std::fs::write(&article, &original).expect("the article is put back");
    edit(&mut engine, &article, &original);
    if wants("add") {
        // Under `perf stat -D -1 --control fifo:CTL,ACK`, count only the edits.
        perf_control("enable");
        let times = (0..runs)
            .map(|i| {
                let text = format!(
                    "---\ntitle: Bài đo {i}\ndate: 2024-07-16\ntags: [tuyên truyền]\n---\n\nBài mới đo {i}.\n"
                );
                edit(&mut engine, &dir.join(format!("do-moi-{i}.md")), &text)
            })
            .collect();
        perf_control("disable");
        report("add an article", times);
        for i in 0..runs {
            let _ = std::fs::remove_file(dir.join(format!("do-moi-{i}.md")));
        }
    }
}

/// Save a file, rebuild the pages (as serve does before publishing), print the stages.
fn edit(engine: &mut Engine, path: &Path, text: &str) -> Duration {
    std::fs::write(path, text).expect("the corpus is writable");
    let changes = Changes {
        content: vec![path.to_path_buf()],
        ..Changes::default()
    };
    if let Some(ms) = std::env::var("BENCH_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        // An editor's pause between saves (the allocator may return memory meanwhile).
        std::thread::sleep(Duration::from_millis(ms));
    }
    let cpu0 = cpu::cpu_ms("self");
    let t = Instant::now();
    let outcome = engine.update_pages(&changes).expect("the edit builds");
    let took = t.elapsed();
    let cpu = cpu::cpu_ms("self") - cpu0;
    let stages: Vec<String> = outcome
        .timings
        .iter()
        .map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1000.0))
        .collect();
    println!(
        "  {:.1} ms, CPU {cpu:.0} ms ({} of {} rendered, fast {}): {}",
        took.as_secs_f64() * 1000.0,
        outcome.rendered,
        outcome.jobs,
        outcome.fast,
        stages.join(", ")
    );
    // Feeds, sitemap and search index: serve makes them after a pause in the
    // edits, off the save-to-served path.
    if std::env::var_os("BENCH_DISCOVERY").is_some() {
        engine.update_discovery().expect("discovery builds");
    }
    took
}

/// Write `cmd` to the perf control FIFO named by `BENCH_PERF_CTL` (and wait for its ack).
fn perf_control(cmd: &str) {
    let (Some(ctl), Some(ack)) = (
        std::env::var_os("BENCH_PERF_CTL"),
        std::env::var_os("BENCH_PERF_ACK"),
    ) else {
        return;
    };
    std::fs::write(ctl, format!("{cmd}\n")).expect("perf's control FIFO");
    let _ = std::fs::read(ack);
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what}: median {:.1} ms",
        times[times.len() / 2].as_secs_f64() * 1000.0
    );
}

fn first_article(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("content/tin-tuc")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files.into_iter().next().expect("an article")
}
