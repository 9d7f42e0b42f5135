//! `congxa serve`: live preview. Builds the site in memory, serves it over
//! HTTP, watches `content/`, `themes/` and `site.yaml`, rebuilds only what an
//! edit touches ([`incremental`]) and reloads the open browser tabs ([`http`]).
//!
//! Threads: a tokio runtime serves HTTP ([`listen`]: header-read timeout,
//! connection cap; [`host`]: only requests for the server's own names); one
//! plain thread receives the debounced file events ([`watch`]) and runs the
//! rebuilds on its own rayon pool, watched over by [`supervise`], which
//! replaces it when a template render runs away. The site is kept in memory
//! (copied files are read from disk only while a build's checks still hold:
//! [`verified`]): nothing is written to `output/`.

pub mod backend;
pub mod host;
pub mod http;
pub mod incremental;
pub mod listen;
pub mod sources;
mod supervise;
pub mod verified;
mod warnings;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::diagnostics::Diagnostics;
use crate::pipeline::BuildOptions;
use http::{ServedFile, Shared};
use incremental::{Engine, Outcome};

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// Address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    pub drafts: bool,
    /// Print rebuilds and problems to the terminal.
    pub verbose: bool,
    /// Header-read timeout and connection cap.
    pub http: listen::HttpLimits,
    /// Bounds on each template render.
    pub render_limits: crate::templating::limits::RenderLimits,
    /// Port of the Decap local backend (started when `site.yaml` has
    /// `admin:`): `None` for the preview's port + 1, or any free port when
    /// that one is taken or the preview's is 0.
    pub backend_port: Option<u16>,
    /// Language of the terminal's messages and of the page's error overlay.
    pub lang: crate::messages::Lang,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            drafts: false,
            verbose: false,
            http: listen::HttpLimits::default(),
            render_limits: Default::default(),
            backend_port: None,
            lang: crate::messages::Lang::Vi,
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    Watch(notify_debouncer_full::notify::Error),
    Runtime(std::io::Error),
}

impl From<notify_debouncer_full::notify::Error> for ServeError {
    fn from(e: notify_debouncer_full::notify::Error) -> Self {
        ServeError::Watch(e)
    }
}

impl ServeError {
    /// The error in words, in `lang` (with its hint when there is one).
    pub fn render(&self, lang: crate::messages::Lang) -> String {
        use crate::msg;
        match self {
            ServeError::Bind { addr, source } => format!(
                "{}\n  = {}: {}",
                msg!(
                    "serve-error-bind",
                    addr = addr.to_string(),
                    error = source.to_string()
                )
                .render(lang),
                lang.text("hint-label"),
                lang.text("serve-error-bind-hint")
            ),
            ServeError::Root { path, source } => msg!(
                "serve-error-root",
                path = path.display().to_string(),
                error = source.to_string()
            )
            .render(lang),
            ServeError::Watch(e) => msg!("serve-error-watch", error = e.to_string()).render(lang),
            ServeError::Runtime(e) => {
                msg!("serve-error-runtime", error = e.to_string()).render(lang)
            }
        }
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::messages::Lang::Vi))
    }
}

impl std::error::Error for ServeError {}

/// Quiet time after the first event of a batch: events still arriving (a
/// `git checkout` writing many files) join the same rebuild.
const SETTLE: Duration = Duration::from_millis(10);
/// A batch is rebuilt at the latest this long after its first event.
const MAX_BATCH: Duration = Duration::from_secs(2);

/// A running preview server.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// `http://127.0.0.1:1111/`: the site's base URL while serving.
    pub url: String,
    /// Where the Decap local backend listens (with `admin:` in `site.yaml`).
    pub backend_addr: Option<SocketAddr>,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    rebuilds: Arc<AtomicU64>,
    runtime: Option<tokio::runtime::Runtime>,
    supervisor: Option<supervise::Supervisor>,
}

impl Server {
    /// Bind, build the site, start watching and serving. A site with errors
    /// still starts: the problems show in the terminal and in the browser.
    pub fn start(opts: ServeOptions) -> Result<Server, ServeError> {
        let root = opts.root.canonicalize().map_err(|e| ServeError::Root {
            path: opts.root.clone(),
            source: e,
        })?;
        let want = SocketAddr::new(opts.bind, opts.port);
        let listener = TcpListener::bind(want).map_err(|e| ServeError::Bind {
            addr: want,
            source: e,
        })?;
        let addr = listener.local_addr().map_err(|e| ServeError::Bind {
            addr: want,
            source: e,
        })?;
        listener
            .set_nonblocking(true)
            .map_err(ServeError::Runtime)?;
        let url = format!("http://{addr}/");

        let mut build = BuildOptions::new(&root);
        build.base_url = Some(url.clone());
        build.drafts = opts.drafts;
        build.now = Timestamp::now();
        build.render_limits = opts.render_limits;
        build.lang = opts.lang;
        let backend = bind_backend(&root, &opts, addr.port())?;
        build.local_backend = backend
            .as_ref()
            .map(|(_, a)| format!("http://{a}{}", backend::API_PATH));
        // Generations start from the clock, so tabs open across a restart reload.
        let first_generation = Timestamp::now().as_millisecond().max(1) as u64;
        let shared = Shared::new(first_generation, opts.lang);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("congxa-http")
            .enable_all()
            .build()
            .map_err(ServeError::Runtime)?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?
        };

        let stop = Arc::new(AtomicBool::new(false));
        let rebuilds = Arc::new(AtomicU64::new(0));
        // The first build happens here (on the rebuild thread, watched over).
        let supervisor = supervise::Supervisor::start(supervise::Site {
            root,
            build,
            shared: shared.clone(),
            stop: stop.clone(),
            rebuilds: rebuilds.clone(),
            verbose: opts.verbose,
        })?;

        let allowed = host::AllowedHosts::new(opts.bind, addr.port()).in_lang(opts.lang);
        let app = http::router(shared.clone())
            .layer(axum::middleware::from_fn_with_state(allowed, host::guard));
        runtime.spawn(listen::serve(listener, app, opts.http));
        let backend_addr = match backend {
            Some((listener, backend_addr)) => {
                let listener = {
                    let _guard = runtime.enter();
                    tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?
                };
                let allowed = host::AllowedHosts::new(backend_addr.ip(), backend_addr.port())
                    .in_lang(opts.lang);
                let app = backend::router(root_of(&opts)?, addr.port(), opts.lang)
                    .layer(axum::middleware::from_fn_with_state(allowed, host::guard));
                runtime.spawn(listen::serve(listener, app, opts.http));
                Some(backend_addr)
            }
            None => None,
        };
        Ok(Server {
            addr,
            url,
            backend_addr,
            shared,
            stop,
            rebuilds,
            runtime: Some(runtime),
            supervisor: Some(supervisor),
        })
    }

    /// Block until Ctrl-C.
    pub fn wait_for_ctrl_c(&self) {
        if let Some(rt) = &self.runtime {
            let _ = rt.block_on(tokio::signal::ctrl_c());
        }
    }

    /// The generation of the served site (bumped by each rebuild that changed something).
    pub fn generation(&self) -> u64 {
        self.shared
            .served
            .read()
            .map(|s| s.generation)
            .unwrap_or_default()
    }

    /// Has everything been rebuilt (feeds, sitemap and search index included)?
    pub fn settled(&self) -> bool {
        self.shared
            .served
            .read()
            .map(|s| s.settled)
            .unwrap_or(false)
    }

    /// How many rebuilds file events have caused so far.
    pub fn rebuilds(&self) -> u64 {
        self.rebuilds.load(Ordering::SeqCst)
    }

    /// Stop serving and watching.
    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(2));
        }
        if let Some(mut t) = self.supervisor.take() {
            t.stop();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

/// What the rebuild loop works with.
struct LoopContext<'a> {
    root: &'a std::path::Path,
    output: &'a std::path::Path,
    shared: &'a Shared,
    stop: &'a AtomicBool,
    rebuilds: &'a AtomicU64,
    verbose: bool,
    /// How long the first build's feeds, sitemap and search index took.
    discovery_took: Duration,
    /// This loop's epoch ([`supervise`]): it stops once another one is current.
    epoch: u64,
    /// Where the engine works (its threads mark their renders with `epoch`).
    pool: &'a rayon::ThreadPool,
}

/// Receive file events, rebuild, publish; until stopped.
fn rebuild_loop(
    mut engine: Engine,
    mut watcher: watch::SiteWatcher,
    rx: mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
    cx: LoopContext<'_>,
) {
    let LoopContext {
        root,
        output,
        shared,
        stop,
        rebuilds,
        verbose,
        discovery_took,
        epoch,
        pool,
    } = cx;
    let poll = Duration::from_millis(200);
    // Feeds, sitemap and search index wait until the edits pause for twice as
    // long as they last took to make (at most 1 s): on a big site they take
    // half a second, which a save arriving meanwhile would have to wait for.
    let mut last_change = Instant::now();
    let mut discovery_took = discovery_took;
    while !stop.load(Ordering::SeqCst) && shared.epoch() == epoch {
        let mut events = Vec::new();
        let mut watch_errors = Vec::new();
        let mut take = |r: notify_debouncer_full::DebounceEventResult| match r {
            Ok(evs) => events.extend(evs.into_iter().map(|e| e.event)),
            Err(errs) => watch_errors.extend(errs),
        };
        // Wait for events (or for a future-dated page coming due).
        let due = engine.next_release().is_some_and(|t| Timestamp::now() >= t);
        if !due {
            let idle = (discovery_took * 2).min(Duration::from_secs(1));
            let wait = if engine.discovery_stale() {
                idle.saturating_sub(last_change.elapsed())
            } else {
                poll
            };
            match rx.recv_timeout(wait) {
                Ok(r) => take(r),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if engine.discovery_stale() && last_change.elapsed() >= idle {
                        let result = pool.install(|| engine.update_discovery());
                        if let Ok(o) = &result {
                            discovery_took = o.elapsed;
                        }
                        publish(shared, epoch, &engine, &result, verbose, false, true);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            // Let a burst of events (git checkout, editors) finish.
            let first = Instant::now();
            while first.elapsed() < MAX_BATCH {
                match rx.recv_timeout(SETTLE) {
                    Ok(r) => take(r),
                    Err(_) => break,
                }
            }
        }
        let (mut changes, rewatch) = watch::changes_from_events(root, output, events.iter());
        if !watch_errors.is_empty() {
            if verbose {
                for e in &watch_errors {
                    let e = crate::msg!("serve-watcher", error = e.to_string());
                    eprintln!("congxa serve: {}", e.render(shared.lang));
                }
            }
            changes.rescan = true;
        }
        if rewatch {
            watcher.rewatch();
        }
        if changes.is_empty() && !due {
            continue;
        }
        // Pages first (what the tabs show); feeds, sitemap and search index
        // follow when the edits pause (see above).
        let result = pool.install(|| engine.update_pages(&changes));
        rebuilds.fetch_add(1, Ordering::SeqCst);
        last_change = Instant::now();
        publish(shared, epoch, &engine, &result, verbose, false, false);
        if result.is_ok() {
            report_warnings(shared, epoch, &engine, verbose);
        }
    }
}

/// Hand a rebuild's result to the HTTP side and report it in the terminal
/// (unless `epoch` is stale: see [`supervise`]).
fn publish(
    shared: &Shared,
    epoch: u64,
    engine: &Engine,
    result: &Result<Outcome, Diagnostics>,
    verbose: bool,
    first: bool,
    discovery: bool,
) {
    let settled = !engine.discovery_stale();
    if shared.epoch() != epoch {
        return;
    }
    match result {
        Ok(o) => {
            if o.changed.is_empty() && !first {
                // Nothing to show; an error may have gone away all the same.
                shared.update(|s| {
                    if s.epoch != epoch {
                        return;
                    }
                    s.settled = settled;
                    if s.error.take().is_some() {
                        s.generation += 1;
                    }
                });
            } else {
                shared.update(|s| {
                    if s.epoch != epoch {
                        return;
                    }
                    s.settled = settled;
                    s.generation += 1;
                    let g = s.generation;
                    if first {
                        // A new epoch's engine built everything: drop what it did not make.
                        s.files.retain(|path, _| engine.file(path).is_some());
                    }
                    let search_dir = crate::search::INDEX_DIR.trim_start_matches('/');
                    let mut search_changed = false;
                    for path in &o.changed {
                        search_changed |= path.starts_with(search_dir);
                        match engine.file(path) {
                            Some(body) => {
                                s.files.insert(
                                    path.clone(),
                                    ServedFile {
                                        body: body.clone(),
                                        generation: g,
                                    },
                                );
                            }
                            None => {
                                s.files.remove(path);
                            }
                        }
                    }
                    // Stylesheets and pictures may show on any page.
                    if !o.copied.is_empty() {
                        s.assets_generation = g;
                    }
                    // An open search page reloads for a new index.
                    if search_changed
                        && let Some(f) = s
                            .files
                            .get_mut(&crate::render::output_file_of(crate::model::SEARCH_PATH))
                    {
                        f.generation = g;
                    }
                    s.error = None;
                });
            }
            if verbose && std::env::var_os("CONGXA_TIMINGS").is_some() {
                for (stage, d) in &o.timings {
                    println!("  {stage}: {} ms", d.as_millis());
                }
            }
            if verbose && !first && !(discovery && o.changed.is_empty()) {
                let shown: Vec<&str> = o.changed.iter().take(3).map(String::as_str).collect();
                let more = o.changed.len().saturating_sub(shown.len());
                let what = if discovery {
                    crate::msg!("serve-updated-discovery")
                } else if o.fast {
                    crate::msg!("serve-updated-fast", rendered = o.rendered, jobs = o.jobs)
                } else {
                    crate::msg!("serve-updated-full", rendered = o.rendered, jobs = o.jobs)
                };
                let updated = crate::msg!(
                    "serve-updated",
                    ms = o.elapsed.as_millis().to_string(),
                    what = what,
                    n = o.changed.len(),
                    shown = shown.len(),
                    files = shown.join(", "),
                    more = more
                );
                println!("{}", updated.render(shared.lang));
            }
        }
        Err(problems) => {
            let mut text = String::new();
            for d in problems.iter() {
                text.push_str(&d.render(shared.lang));
                text.push_str("\n\n");
            }
            let summary = crate::msg!("serve-summary-errors", n = problems.len());
            text.push_str(&summary.render(shared.lang));
            if verbose {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{text}");
            }
            shared.update(|s| {
                if s.epoch != epoch {
                    return;
                }
                s.settled = settled;
                if s.error.as_deref() != Some(text.as_str()) {
                    s.generation += 1;
                    s.error = Some(text);
                }
            });
        }
    }
}

/// After a good build: remember its warnings and print those the terminal
/// has not seen yet ([`warnings`]), unless `epoch` is stale.
fn report_warnings(shared: &Shared, epoch: u64, engine: &Engine, verbose: bool) {
    let now = engine.warnings();
    let before = {
        let mut s = shared.served.write().unwrap_or_else(|e| e.into_inner());
        if s.epoch != epoch {
            return;
        }
        s.warnings.replace(now.to_vec())
    };
    if verbose && let Some(text) = warnings::report(before.as_deref(), now, shared.lang) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{text}");
    }
}

/// The canonical site root.
fn root_of(opts: &ServeOptions) -> Result<PathBuf, ServeError> {
    opts.root.canonicalize().map_err(|e| ServeError::Root {
        path: opts.root.clone(),
        source: e,
    })
}

/// The local backend's listener, when `site.yaml` (as it is now) has
/// `admin:`: on loopback only, whatever `--bind` says; port + 1, else any
/// free port.
fn bind_backend(
    root: &std::path::Path,
    opts: &ServeOptions,
    serve_port: u16,
) -> Result<Option<(TcpListener, SocketAddr)>, ServeError> {
    let admin = crate::config::Config::load(root, None)
        .ok()
        .and_then(|c| c.admin);
    if admin.is_none() {
        return Ok(None);
    }
    let loopback = IpAddr::from([127, 0, 0, 1]);
    let wanted = opts.backend_port.or_else(|| {
        (opts.port != 0)
            .then(|| serve_port.checked_add(1))
            .flatten()
    });
    let listener = match wanted.map(|p| TcpListener::bind(SocketAddr::new(loopback, p))) {
        Some(Ok(l)) => l,
        Some(Err(e)) if opts.backend_port.is_some() => {
            return Err(ServeError::Bind {
                addr: SocketAddr::new(loopback, opts.backend_port.unwrap_or_default()),
                source: e,
            });
        }
        _ => TcpListener::bind(SocketAddr::new(loopback, 0)).map_err(|e| ServeError::Bind {
            addr: SocketAddr::new(loopback, 0),
            source: e,
        })?,
    };
    let addr = listener.local_addr().map_err(ServeError::Runtime)?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    Ok(Some((listener, addr)))
}

/// Is this an address only this computer can reach?
pub fn is_loopback(ip: IpAddr) -> bool {
    ip.is_loopback()
}
