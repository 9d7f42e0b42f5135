//! Bounds on one template render, so that a runaway theme (loops nested
//! 100,000 × 100,000 deep) cannot hang a build or `serve`.
//!
//! Tera 2 has no limits of its own besides `range()` producing at most
//! 100,000 numbers, and cannot be interrupted from outside. What congxa
//! bounds, per render of one template for one output (a page, a card, ...):
//!
//! - **Output size** ([`RenderLimits::bytes`], 64 MiB): the render writes
//!   through [`Limited`], which fails once the budget is spent; Tera stops at
//!   the failed write.
//! - **Time** ([`RenderLimits::time`], 10 s), checked cooperatively: at every
//!   1,024th write, and at every call of `range()` (congxa's own, same
//!   results as Tera's) and of congxa's helpers. A loop whose inner
//!   `range()` is called anew for every turn of the outer one (the usual
//!   way to nest), or that writes anything, is stopped at the deadline.
//! - **Every loop**: each `{% for %}` body starts with a call congxa adds
//!   ([`super::ticks`]), which checks the time like a helper does.
//! - **Everything else**: a loop inside one expression (a list comprehension,
//!   `[[1 for y in r] | length for x in r]`) calls nothing of congxa's and
//!   cannot be interrupted. Each render is registered here while it runs
//!   ([`overdue`]), so a watchdog can find it once its deadline plus a grace
//!   period passed: the command line then reports it and exits 1
//!   ([`exit_on_runaway`]); `serve` reports it, abandons the rebuild (the
//!   stuck thread finishes or spins on its own) and rebuilds from scratch
//!   once a template changes.
//!
//! Not bounded: output captured into a variable (`{% set x %}…{% endset %}`,
//! `{% filter %}`) is not counted against the output budget (only time
//! bounds it, and only through the checks above), nor is memory in general.

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tera::{Context, Kwargs, State, Tera};

use super::TemplatePaths;
use crate::diagnostics::Diagnostic;
use crate::messages::Lang;

/// Bounds on one render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderLimits {
    /// Longest a render may take.
    pub time: Duration,
    /// Most bytes a render may write.
    pub bytes: u64,
}

impl Default for RenderLimits {
    fn default() -> RenderLimits {
        RenderLimits {
            time: Duration::from_secs(10),
            bytes: 64 * 1024 * 1024,
        }
    }
}

/// Environment variables overriding the defaults (for the command line).
pub const TIME_VAR: &str = "CONGXA_RENDER_TIMEOUT_MS";
pub const BYTES_VAR: &str = "CONGXA_RENDER_MAX_BYTES";

impl RenderLimits {
    /// The defaults, or what `CONGXA_RENDER_TIMEOUT_MS` and
    /// `CONGXA_RENDER_MAX_BYTES` say (positive integers; others are ignored).
    pub fn from_env() -> RenderLimits {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        let mut l = RenderLimits::default();
        if let Some(ms) = var(TIME_VAR) {
            l.time = Duration::from_millis(ms);
        }
        if let Some(b) = var(BYTES_VAR) {
            l.bytes = b;
        }
        l
    }

    /// How long after its deadline a render still running is taken as stuck
    /// (the cooperative checks stop it well within this).
    pub fn grace(&self) -> Duration {
        (self.time / 2).clamp(Duration::from_secs(1), Duration::from_secs(5))
    }
}

/// Which bound a render hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Time(Duration),
    Bytes(u64),
    /// Not rendered: an earlier render of the same build ran over a limit.
    Skipped,
}

impl Exceeded {
    /// What the render did, as a message.
    fn said(&self) -> crate::messages::Msg {
        match self {
            Exceeded::Time(d) => crate::msg!("limits-took-longer", limit = show_duration(*d)),
            Exceeded::Bytes(n) => crate::msg!("limits-wrote-more", limit = show_bytes(*n)),
            Exceeded::Skipped => crate::msg!("limits-was-skipped"),
        }
    }
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().to_string())
    }
}

fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn show_bytes(n: u64) -> crate::messages::Msg {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!("{} MiB", n / (1024 * 1024)).into()
    } else {
        crate::msg!("limits-bytes", n = n)
    }
}

/// A render stopped by a bound: carried (as an `io::Error`) inside the
/// `tera::Error` the render returns, and turned into a diagnostic by
/// [`diagnostic`].
#[derive(Debug, Clone, thiserror::Error)]
#[error("template `{template}` stopped: it {exceeded}")]
pub struct LimitHit {
    /// The template rendered (`page.html`).
    pub template: String,
    pub exceeded: Exceeded,
    /// Where Tera was when stopped by a `range()` or helper call: template
    /// name, line, column.
    pub at: Option<(String, usize, usize)>,
    pub limits: RenderLimits,
}

/// The bound a failed render hit, if that is why it failed.
pub fn hit(e: &tera::Error) -> Option<&LimitHit> {
    std::error::Error::source(e)?
        .downcast_ref::<std::io::Error>()?
        .get_ref()?
        .downcast_ref::<LimitHit>()
}

/// What to do about a stopped render.
fn hint(limits: &RenderLimits) -> crate::messages::Msg {
    crate::msg!(
        "limits-hint",
        time = show_duration(limits.time),
        bytes = show_bytes(limits.bytes)
    )
}

/// The error for a render skipped because `first` ran over the limits earlier.
pub fn skipped(first: &str, limits: RenderLimits) -> tera::Error {
    tera::Error::from(std::io::Error::other(LimitHit {
        template: first.to_string(),
        exceeded: Exceeded::Skipped,
        at: None,
        limits,
    }))
}

/// The diagnostic for a stopped render of `what` (`/tin-tuc/bai/ (content/…)`).
/// Skipped renders all get the same one (reported once).
pub fn diagnostic(
    hit: &LimitHit,
    paths: &TemplatePaths,
    what: Option<&crate::messages::Msg>,
) -> Diagnostic {
    let shown = |name: &str| {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    };
    if hit.exceeded == Exceeded::Skipped {
        return Diagnostic::file(
            shown(&hit.template),
            crate::msg!("limits-skipped", template = &hit.template),
        )
        .with_hint(hint(&hit.limits));
    }
    let message = crate::msg!(
        "limits-stopped",
        what = hit.exceeded.said(),
        template = &hit.template
    );
    let mut d = match &hit.at {
        Some((name, line, col)) => Diagnostic::new(shown(name), *line, *col, message),
        None => Diagnostic::file(shown(&hit.template), message),
    };
    d.hint = Some(hint(&hit.limits));
    if let Some(what) = what {
        d.rendering = Some(Box::new(crate::diagnostics::Rendering {
            what: what.clone(),
            also: 0,
        }));
    }
    d
}

// ---- The render in progress on this thread ------------------------------------

/// The bounds of the render running on this thread.
#[derive(Debug, Clone, Copy)]
struct Budget {
    deadline: Instant,
    limits: RenderLimits,
    tripped: Option<Exceeded>,
}

thread_local! {
    static BUDGET: Cell<Option<Budget>> = const { Cell::new(None) };
    /// Calls of helpers since the clock was last read.
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// Stop the render on this thread if its time is up: called by `range()` (every
/// call) and by congxa's helpers (every 64th call: they are hot). (The text,
/// in `lang`, is Tera's error until [`render_to`] replaces it by the
/// diagnostic of the limit hit.)
pub fn check(every: u32, lang: Lang) -> tera::TeraResult<()> {
    if every > 1 {
        let t = TICKS.with(|c| {
            let t = c.get().wrapping_add(1);
            c.set(t);
            t
        });
        if !t.is_multiple_of(every) {
            return Ok(());
        }
    }
    BUDGET.with(|b| match b.get() {
        Some(mut budget) if Instant::now() >= budget.deadline => {
            budget.tripped = Some(Exceeded::Time(budget.limits.time));
            b.set(Some(budget));
            Err(tera::Error::message(
                crate::msg!(
                    "limits-check-took-longer",
                    limit = show_duration(budget.limits.time)
                )
                .render(lang),
            ))
        }
        _ => Ok(()),
    })
}

/// A writer that fails once the render's byte budget or time is spent.
pub struct Limited<W> {
    inner: W,
    left: u64,
    writes: u32,
    deadline: Instant,
    limits: RenderLimits,
    tripped: Option<Exceeded>,
}

impl<W: Write> Limited<W> {
    fn spend(&mut self, n: usize) -> std::io::Result<()> {
        let n = n as u64;
        if n > self.left {
            self.left = 0;
            return Err(self.trip(Exceeded::Bytes(self.limits.bytes)));
        }
        self.left -= n;
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(1024) && Instant::now() >= self.deadline {
            return Err(self.trip(Exceeded::Time(self.limits.time)));
        }
        Ok(())
    }

    fn trip(&mut self, e: Exceeded) -> std::io::Error {
        self.tripped = Some(e);
        // Never shown: `render_to` sees `tripped` and returns the limit's
        // diagnostic (in the catalogue) instead of this error.
        std::io::Error::other(format!("rendering {e:?}"))
    }
}

impl<W: Write> Write for Limited<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.spend(buf.len())?;
        self.inner.write_all(buf)?;
        Ok(buf.len())
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.spend(buf.len())?;
        self.inner.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `tera.render_to(template, ctx, out)` within `limits`, registered for the
/// watchdog while it runs. A render stopped by a bound returns an error
/// [`hit`] recognises.
pub fn render_to(
    tera: &Tera,
    limits: RenderLimits,
    paths: &TemplatePaths,
    template: &str,
    ctx: &Context,
    out: impl Write,
) -> tera::TeraResult<()> {
    let started = Instant::now();
    let deadline = started + limits.time;
    let outer = BUDGET.with(|b| {
        b.replace(Some(Budget {
            deadline,
            limits,
            tripped: None,
        }))
    });
    let registered = outer.is_none() && register(template, paths, ctx, started, limits);
    let mut w = Limited {
        inner: out,
        left: limits.bytes,
        writes: 0,
        deadline,
        limits,
        tripped: None,
    };
    let result = tera.render_to(template, ctx, &mut w);
    let mine = BUDGET.with(|b| b.replace(outer));
    if registered {
        unregister();
    }
    let Err(e) = result else { return Ok(()) };
    match w.tripped.or(mine.and_then(|m| m.tripped)) {
        Some(exceeded) => {
            let at = match e.kind() {
                tera::ErrorKind::RenderingError(r) => {
                    let (line, col) =
                        paths.original(r.filename(), r.span().start_line, r.span().start_col);
                    Some((r.filename().to_string(), line, col + 1))
                }
                _ => None,
            };
            Err(tera::Error::from(std::io::Error::other(LimitHit {
                template: template.to_string(),
                exceeded,
                at,
                limits,
            })))
        }
        None => Err(e),
    }
}

/// Tera's `range(start=0, end, step_by=1)`, with the same results and limit
/// (100,000 numbers), checking the render's time at every call. Its errors
/// are said in `lang` (a theme author reads them in the template error).
pub fn range(kwargs: Kwargs, _: &State, lang: Lang) -> tera::TeraResult<Vec<i128>> {
    check(1, lang)?;
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    let said = |m: crate::messages::Msg| tera::Error::message(m.render(lang));
    if start > end && step > 0 {
        return Err(said(crate::msg!(
            "range-start-after-end",
            start = start.to_string(),
            end = end.to_string()
        )));
    }
    if step == 0 {
        return Err(said(crate::msg!("range-step-zero")));
    }
    let overflow = || said(crate::msg!("range-overflow"));
    let len = if step > 0 {
        let span = end.checked_sub(start).ok_or_else(overflow)?;
        span.checked_add(step - 1).ok_or_else(overflow)? / step
    } else if start <= end {
        0
    } else {
        let s = step.checked_neg().ok_or_else(overflow)?;
        let span = start.checked_sub(end).ok_or_else(overflow)?;
        span.checked_add(s - 1).ok_or_else(overflow)? / s
    };
    if len > MAX_RANGE_LEN {
        return Err(said(crate::msg!(
            "range-too-long",
            len = len.to_string(),
            limit = MAX_RANGE_LEN.to_string()
        )));
    }
    Ok((0..len).map(|i| start + i * step).collect())
}

/// Tera 2's own bound on `range()`.
const MAX_RANGE_LEN: i128 = 100_000;

// ---- Renders in flight, for the watchdog ------------------------------------------

/// A render running now.
#[derive(Debug, Clone)]
pub struct InFlight {
    /// Set by [`set_owner`] for the rendering thread (`serve`: one per rebuild pool).
    pub owner: u64,
    pub template: String,
    /// The template's file as shown to the user.
    pub shown: PathBuf,
    /// The site path being rendered (`current_path`).
    pub page: String,
    pub started: Instant,
    pub limits: RenderLimits,
}

#[derive(Default)]
struct Slot {
    /// `Some` while this thread renders; its strings are reused.
    now: Mutex<Option<InFlight>>,
}

static SLOTS: Mutex<Vec<Weak<Slot>>> = Mutex::new(Vec::new());

thread_local! {
    static SLOT: Arc<Slot> = {
        let slot = Arc::new(Slot::default());
        let mut all = SLOTS.lock().unwrap_or_else(|e| e.into_inner());
        all.retain(|w| w.strong_count() > 0);
        all.push(Arc::downgrade(&slot));
        slot
    };
    static OWNER: Cell<u64> = const { Cell::new(0) };
    /// The last registration, kept to reuse its strings.
    static SPARE: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

/// Mark renders on this thread as `owner`'s (`serve` sets it on its rebuild threads).
pub fn set_owner(owner: u64) {
    OWNER.with(|o| o.set(owner));
}

fn register(
    template: &str,
    paths: &TemplatePaths,
    ctx: &Context,
    started: Instant,
    limits: RenderLimits,
) -> bool {
    let shown: &Path = paths.get(template).map_or(Path::new(template), |p| p);
    let page = ctx
        .get(super::CURRENT_PATH)
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let mut entry = SPARE
        .with(|s| s.borrow_mut().take())
        .unwrap_or_else(|| InFlight {
            owner: 0,
            template: String::new(),
            shown: PathBuf::new(),
            page: String::new(),
            started,
            limits,
        });
    entry.owner = OWNER.with(Cell::get);
    entry.template.clear();
    entry.template.push_str(template);
    entry.shown.clear();
    entry.shown.push(shown);
    entry.page.clear();
    entry.page.push_str(page);
    entry.started = started;
    entry.limits = limits;
    SLOT.with(|s| *s.now.lock().unwrap_or_else(|e| e.into_inner()) = Some(entry));
    true
}

fn unregister() {
    let entry = SLOT.with(|s| s.now.lock().unwrap_or_else(|e| e.into_inner()).take());
    SPARE.with(|s| *s.borrow_mut() = entry);
}

/// Renders (of `owner`, or of anyone) still running past their deadline plus grace.
pub fn overdue(owner: Option<u64>) -> Vec<InFlight> {
    let slots: Vec<Arc<Slot>> = SLOTS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    slots
        .iter()
        .filter_map(|s| s.now.lock().unwrap_or_else(|e| e.into_inner()).clone())
        .filter(|f| owner.is_none_or(|o| f.owner == o))
        .filter(|f| f.started.elapsed() >= f.limits.time + f.limits.grace())
        .collect()
}

/// The diagnostic for a render the watchdog found stuck.
pub fn overdue_diagnostic(f: &InFlight) -> Diagnostic {
    let page = if f.page.is_empty() { "?" } else { &f.page };
    Diagnostic::file(
        &f.shown,
        crate::msg!(
            "limits-overdue",
            limit = show_duration(f.limits.time),
            template = &f.template
        ),
    )
    .with_hint(crate::msg!(
        "limits-overdue-hint",
        what = page,
        hint = hint(&f.limits)
    ))
}

/// For the command line: a thread that, should a render run past its deadline
/// and grace without stopping, prints the problem and ends the process with
/// exit code 1 (nothing has been written to the output yet: a build writes
/// its staging tree, and swaps it in only once every render succeeded).
pub fn exit_on_runaway(lang: crate::messages::Lang) {
    let _ = std::thread::Builder::new()
        .name("congxa-watchdog".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                if let Some(f) = overdue(None).first() {
                    let problems = crate::diagnostics::Diagnostics(vec![overdue_diagnostic(f)]);
                    eprintln!("{}", problems.render(lang));
                    std::process::exit(1);
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(body: &str) -> Tera {
        let mut t = Tera::new();
        t.register_function("range", |k: Kwargs, s: &State| range(k, s, Lang::En));
        t.add_raw_template("t.html", body).unwrap();
        t
    }

    fn render(t: &Tera, limits: RenderLimits) -> (tera::TeraResult<()>, usize) {
        let mut out = Vec::new();
        let r = render_to(
            t,
            limits,
            &TemplatePaths::new(),
            "t.html",
            &Context::new(),
            &mut out,
        );
        (r, out.len())
    }

    #[test]
    fn range_gives_teras_results() {
        let t = tera(
            "{% for i in range(end=3) %}{{ i }}{% endfor %}|{% for i in range(start=5, end=1, step_by=-2) %}{{ i }}{% endfor %}|{% for i in range(start=2, end=2) %}x{% endfor %}",
        );
        let mut out = Vec::new();
        t.render_to("t.html", &Context::new(), &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "012|53|");
        let big = tera("{% for i in range(end=100001) %}{% endfor %}");
        assert!(big.render("t.html", &Context::new()).is_err());
    }

    #[test]
    fn output_is_capped() {
        let t = tera("{% for i in range(end=100000) %}xxxxxxxxxx{% endfor %}");
        let limits = RenderLimits {
            time: Duration::from_secs(60),
            bytes: 10_000,
        };
        let (r, n) = render(&t, limits);
        let e = r.unwrap_err();
        let h = hit(&e).expect("a limit error");
        assert_eq!(h.exceeded, Exceeded::Bytes(10_000));
        assert_eq!(h.template, "t.html");
        assert!(n <= 10_000);
    }

    #[test]
    fn nested_loops_writing_nothing_are_stopped_by_the_inner_range() {
        let t = tera(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let limits = RenderLimits {
            time: Duration::from_millis(200),
            bytes: 1 << 20,
        };
        let start = Instant::now();
        let (r, _) = render(&t, limits);
        let e = r.unwrap_err();
        let h = hit(&e).expect("a limit error");
        assert_eq!(h.exceeded, Exceeded::Time(limits.time));
        assert_eq!(
            h.at.as_ref().map(|a| (a.0.as_str(), a.1)),
            Some(("t.html", 1))
        );
        assert!(start.elapsed() < Duration::from_secs(10));
        // The thread is free for the next render.
        let ok = tera("fine");
        assert!(render(&ok, limits).0.is_ok());
        assert!(
            overdue(None)
                .iter()
                .all(|f| f.template != "t.html" || f.started > start)
        );
    }

    #[test]
    fn ordinary_errors_stay_themselves() {
        let t = tera("{{ missing }}");
        let (r, _) = render(&t, RenderLimits::default());
        assert!(hit(&r.unwrap_err()).is_none());
    }
}
