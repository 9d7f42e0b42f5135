//! The rebuild thread and its watchdog. A template loop that cannot be
//! interrupted (a list comprehension: see [`crate::templating::limits`];
//! `{% for %}` loops can be) would keep the rebuild
//! thread forever, and the preview would never pick up the fix. So rebuilds
//! run in *epochs*: one thread with its own watcher and its own rayon pool,
//! whose threads mark their renders with the epoch's number. A watchdog
//! looks every 100 ms for a render of the current epoch running past its
//! deadline plus grace. When it finds one, it reports it (terminal and
//! browser, naming the template and the page), makes the epoch stale (a
//! stale epoch publishes nothing and stops once its render ends), and starts
//! a new epoch with a fresh engine, watcher and pool, which waits for a change
//! under `themes/` (or `site.yaml`) before building everything again. The
//! last good site is served all along.
//!
//! The abandoned thread keeps its CPU core busy until its loop ends by itself
//! (a loop of 10^10 empty turns: minutes), or until the process exits; each
//! further runaway edit abandons one more.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::http::Shared;
use super::incremental::{Changes, Engine};
use super::watch::{self, SiteWatcher};
use super::{LoopContext, ServeError, publish, rebuild_loop};
use crate::pipeline::BuildOptions;
use crate::templating::limits;

/// Epoch numbers, unique in the process (several servers may run, in tests).
static NEXT_EPOCH: AtomicU64 = AtomicU64::new(1);

/// What every epoch works with.
pub(super) struct Site {
    pub root: PathBuf,
    pub build: BuildOptions,
    pub shared: Arc<Shared>,
    pub stop: Arc<AtomicBool>,
    pub rebuilds: Arc<AtomicU64>,
    pub verbose: bool,
}

type Events = mpsc::Receiver<notify_debouncer_full::DebounceEventResult>;

/// The watchdog thread, and the current epoch's thread.
pub(super) struct Supervisor {
    watchdog: Option<JoinHandle<()>>,
    current: Arc<Mutex<Option<JoinHandle<()>>>>,
}

impl Supervisor {
    /// Start the first epoch (its first build included: this returns once it
    /// is published, or abandoned) and the watchdog.
    pub fn start(site: Site) -> Result<Supervisor, ServeError> {
        let site = Arc::new(site);
        let (tx, rx) = mpsc::channel();
        let watcher = SiteWatcher::start(&site.root, tx)?;
        let epoch = NEXT_EPOCH.fetch_add(1, Ordering::SeqCst);
        site.shared.update(|s| s.epoch = epoch);
        let (first_done, first_published) = mpsc::channel();
        let thread = spawn_epoch(&site, epoch, watcher, rx, false, first_done.clone())
            .map_err(ServeError::Runtime)?;
        let current = Arc::new(Mutex::new(Some(thread)));
        let watchdog = {
            let site = site.clone();
            let current = current.clone();
            std::thread::Builder::new()
                .name("congxa-watchdog".into())
                .spawn(move || watch_over(&site, &current, first_done))
                .map_err(ServeError::Runtime)?
        };
        let _ = first_published.recv();
        Ok(Supervisor {
            watchdog: Some(watchdog),
            current,
        })
    }

    /// After `stop` was set: wait for the watchdog, and up to 2 s for the
    /// current epoch (a stuck one is left behind).
    pub fn stop(&mut self) {
        if let Some(w) = self.watchdog.take() {
            let _ = w.join();
        }
        let thread = self
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(t) = thread {
            let start = Instant::now();
            while !t.is_finished() && start.elapsed() < Duration::from_secs(2) {
                std::thread::sleep(Duration::from_millis(10));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
    }
}

fn spawn_epoch(
    site: &Arc<Site>,
    epoch: u64,
    watcher: SiteWatcher,
    rx: Events,
    after_runaway: bool,
    first_done: mpsc::Sender<()>,
) -> std::io::Result<JoinHandle<()>> {
    let site = site.clone();
    std::thread::Builder::new()
        .name(format!("congxa-rebuild-{epoch}"))
        .spawn(move || run_epoch(&site, epoch, watcher, rx, after_runaway, first_done))
}

/// One epoch: a fresh engine on a fresh pool, its first build, then the
/// rebuild loop, until stopped or made stale.
fn run_epoch(
    site: &Site,
    epoch: u64,
    mut watcher: SiteWatcher,
    rx: Events,
    after_runaway: bool,
    first_done: mpsc::Sender<()>,
) {
    // `start` waits for this epoch's first build: tell it even if it panics.
    let first_done = Notify(first_done);
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("congxa-render-{epoch}-{i}"))
        .start_handler(move |_| limits::set_owner(epoch))
        .build();
    let pool = match pool {
        Ok(p) => p,
        Err(e) => {
            let e = crate::msg!("serve-no-threads", error = e.to_string());
            eprintln!("congxa serve: {}", e.render(site.shared.lang));
            return;
        }
    };
    let output = site.build.output_dir();
    if after_runaway && !wait_for_template_change(site, &mut watcher, &rx, &output) {
        return;
    }
    let started = Instant::now();
    let mut engine = pool.install(|| Engine::new(site.build.clone()).follow_clock(true));
    let first = pool.install(|| engine.update(&Changes::default()));
    let discovery_took = first
        .as_ref()
        .ok()
        .and_then(|o| o.timings.iter().find(|(n, _)| *n == "discovery"))
        .map_or(Duration::ZERO, |(_, d)| *d);
    publish(
        &site.shared,
        epoch,
        &engine,
        &first,
        site.verbose,
        true,
        false,
    );
    if site.verbose
        && site.shared.epoch() == epoch
        && let Ok(o) = &first
    {
        let built = crate::msg!(
            "serve-first-build",
            pages = engine.page_count(),
            files = o.changed.len(),
            ms = started.elapsed().as_millis().to_string()
        );
        println!("{}", built.render(site.shared.lang));
    }
    if first.is_ok() {
        super::report_warnings(&site.shared, epoch, &engine, site.verbose);
    }
    drop(first_done);
    let ctx = LoopContext {
        root: &site.root,
        output: &output,
        shared: &site.shared,
        stop: &site.stop,
        rebuilds: &site.rebuilds,
        verbose: site.verbose,
        discovery_took,
        epoch,
        pool: &pool,
    };
    rebuild_loop(engine, watcher, rx, ctx);
}

/// Sends once when dropped.
struct Notify(mpsc::Sender<()>);

impl Drop for Notify {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

/// After a runaway template: wait until something under `themes/` or
/// `site.yaml` changes (`false`: stopped or stale first).
fn wait_for_template_change(
    site: &Site,
    watcher: &mut SiteWatcher,
    rx: &Events,
    output: &std::path::Path,
) -> bool {
    loop {
        if site.stop.load(Ordering::SeqCst) {
            return false;
        }
        let Ok(r) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        let Ok(events) = r else {
            // Events lost: the templates may have changed.
            return true;
        };
        let events: Vec<_> = events.into_iter().map(|e| e.event).collect();
        let (changes, rewatch) = watch::changes_from_events(&site.root, output, events.iter());
        if rewatch {
            watcher.rewatch();
        }
        if changes.theme || changes.config || changes.rescan {
            return true;
        }
    }
}

/// The watchdog: abandon the current epoch when one of its renders is stuck.
fn watch_over(
    site: &Arc<Site>,
    current: &Mutex<Option<JoinHandle<()>>>,
    first_done: mpsc::Sender<()>,
) {
    while !site.stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
        let epoch = site.shared.epoch();
        let Some(stuck) = limits::overdue(Some(epoch)).into_iter().next() else {
            continue;
        };
        let next = NEXT_EPOCH.fetch_add(1, Ordering::SeqCst);
        let d = limits::overdue_diagnostic(&stuck);
        let text = format!(
            "{}\n\n{}",
            d.render(site.shared.lang),
            site.shared.lang.text("serve-runaway-summary")
        );
        if site.verbose {
            eprintln!("{text}");
        }
        site.shared.update(|s| {
            s.epoch = next;
            s.generation += 1;
            s.error = Some(text);
        });
        let (tx, rx) = mpsc::channel();
        let started = SiteWatcher::start(&site.root, tx)
            .map_err(|e| e.to_string())
            .and_then(|w| {
                spawn_epoch(site, next, w, rx, true, first_done.clone()).map_err(|e| e.to_string())
            });
        match started {
            // The stuck thread is left to finish on its own.
            Ok(t) => drop(current.lock().unwrap_or_else(|e| e.into_inner()).replace(t)),
            Err(e) => eprintln!(
                "congxa serve: {}",
                crate::msg!("serve-restart-failed", error = e).render(site.shared.lang)
            ),
        }
        // `start` may still be waiting for the first build.
        let _ = first_done.send(());
    }
}
