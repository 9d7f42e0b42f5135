//! Incremental rebuilds: the same site as [`crate::render_site`], byte for byte,
//! re-rendering only the outputs whose inputs changed.
//!
//! What is kept between rebuilds:
//! - every content file parsed once ([`SourceCache`]), re-read only when the
//!   watcher names it; `site.yaml` and the theme (with its parsed templates)
//!   reloaded only when they change;
//! - the model, the rendered Markdown and the page cards of the last build;
//! - for every output file, what it showed when it was rendered: the explicit
//!   dependency set of its job ([`crate::render::Renderer::output_deps`]: the page
//!   cards and the rendered Markdown it shows, a hash of the rest of its
//!   context) and the hash of the globals every page gets (site, menu,
//!   interface strings, templates, URL settings).
//!
//! Two paths:
//! - **Fast**: only Markdown bodies changed (front matter byte-identical, no
//!   file added or removed, no asset, template or `site.yaml` change, no
//!   future-dated page coming due). The model only reads front matter, so it
//!   stays as it is: the changed documents' Markdown is rendered again, their
//!   cards rebuilt, and exactly the jobs that show a changed card or changed
//!   Markdown are rendered, found through a reverse index of the dependencies.
//! - **Wide**: anything else. The build's own stage runner
//!   ([`crate::pipeline::stages::run`]) with this engine's caches
//!   ([`warm::Warm`]): the model is rebuilt from the cached sources, Markdown
//!   is reused where the document, its place and the site's link targets are
//!   unchanged, cards are reused where their fingerprint is, and the job
//!   filter compares every output's dependencies with those it had when it was
//!   last rendered; only outputs with a difference are rendered. Output paths
//!   are claimed as a full build claims them. A change of the globals
//!   (templates, `site.yaml`, menu, index counts shown site-wide) renders
//!   everything.
//!
//! A failed rebuild changes no output: the last good site keeps being served.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use jiff::Timestamp;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::Value;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, Target};
use crate::pipeline::stages::{self, Output};
use crate::pipeline::{BuildOptions, Claims};
use crate::render::{Body, JobDeps, OutputFile, RenderedDocs, Renderer};
use crate::urls::UrlMaker;

use super::sources::{Applied, SourceCache};
use md_cache::{CachedMd, MdMeta, MdSlots};

mod fast;
mod md_cache;
mod warm;

/// What changed on disk since the last update.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// `site.yaml` changed.
    pub config: bool,
    /// Something under `themes/` changed.
    pub theme: bool,
    /// Files or directories inside `content/` (absolute, as on disk) that were
    /// created, modified, renamed or removed.
    pub content: Vec<PathBuf>,
    /// Read everything again (the watcher lost events, or `content/` was replaced).
    pub rescan: bool,
}

impl Changes {
    /// Everything may have changed.
    pub fn everything() -> Changes {
        Changes {
            config: true,
            theme: true,
            content: Vec::new(),
            rescan: true,
        }
    }
    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && !self.rescan && self.content.is_empty()
    }
    pub fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.theme |= other.theme;
        self.rescan |= other.rescan;
        self.content.extend(other.content);
    }
}

pub use super::verified::OutBody;

/// One file of the served site.
#[derive(Debug, Clone)]
pub struct OutEntry {
    pub body: OutBody,
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Output files added, removed or whose bytes changed (sorted).
    pub changed: Vec<String>,
    /// Those of them that are copied files (theme static files, content assets):
    /// every open page may show them.
    pub copied: Vec<String>,
    /// Jobs rendered, out of `jobs`.
    pub rendered: usize,
    pub jobs: usize,
    /// Whether the fast path (Markdown bodies only) was taken.
    pub fast: bool,
    pub elapsed: Duration,
    /// Time per stage (for `CONGXA_TIMINGS=1 congxa serve`).
    pub timings: Vec<(&'static str, Duration)>,
}

/// Stage timer.
struct Laps {
    t: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            t: Instant::now(),
            laps: Vec::new(),
        }
    }
    fn mark(&mut self, name: &'static str) {
        self.laps.push((name, self.t.elapsed()));
        self.t = Instant::now();
    }
}

/// What an output showed when it was last rendered (dependency keys are stable ids).
#[derive(Debug, Clone, PartialEq, Eq)]
struct JobRecord {
    own: u64,
    cards: Vec<u32>,
    contents: Vec<u32>,
    sources: Vec<u32>,
}

/// The state that matches the files being served.
#[derive(Default)]
struct Rendered {
    files: BTreeMap<String, OutEntry>,
    /// By output path (a fast hash: 37k lookups at every wide rebuild at 10k pages).
    records: FxHashMap<String, JobRecord>,
    globals: Option<u64>,
    /// Card of each page (by stable id) as rendered, with its fingerprint.
    cards: FxHashMap<u32, (u64, Value)>,
    /// Markdown version of each page and section (by stable id) as rendered.
    contents: FxHashMap<u32, u64>,
    /// Source generation of each page (by stable id) as rendered.
    sources: FxHashMap<u32, u64>,
    /// Output files made by the discovery stage (feeds, sitemap, search index).
    discovery: std::collections::HashSet<String>,
}

impl Rendered {
    /// Keep a freshly rendered file, noting its path in `changed` when its
    /// bytes differ from what is served now. Copied files are left alone.
    fn store(&mut self, file: OutputFile, changed: &mut Vec<String>) {
        let OutputFile { path, body } = file;
        let Body::Bytes(bytes) = body else { return };
        let same = matches!(
            self.files.get(&path),
            Some(OutEntry { body: OutBody::Bytes(old), .. }) if old[..] == bytes[..]
        );
        if !same {
            changed.push(path.clone());
            let body = OutBody::Bytes(Bytes::from(bytes));
            self.files.insert(path, OutEntry { body });
        }
    }
}

/// The model, Markdown and cards of the last build whose sources passed the model stage.
struct Built {
    site: Site,
    docs: RenderedDocs,
    page_md: Vec<MdMeta>,
    section_md: Vec<Option<MdMeta>>,
    cards: Vec<Value>,
    card_fps: Vec<u64>,
    /// Hash of the URL settings the Markdown was rendered with.
    urls_fp: u64,
    page_keys: Vec<u32>,
    section_keys: Vec<u32>,
    units: Vec<Output>,
    /// Source generation of each page.
    page_gens: Vec<u64>,
    /// Every output's dependencies, in the order of `units`.
    deps: Vec<JobDeps>,
    /// The copied files' output paths.
    copied: Vec<String>,
    /// Their reverse index, made when the fast path first needs it.
    users: std::sync::OnceLock<Users>,
    /// The output paths of the pages and copied files (discovery claims after them).
    claims: Claims,
}

/// The outputs (indices into `units`) showing each page's card / each page's
/// or section's Markdown / reading each page's source.
struct Users {
    cards: Vec<Vec<usize>>,
    page_contents: Vec<Vec<usize>>,
    section_contents: Vec<Vec<usize>>,
    sources: Vec<Vec<usize>>,
}

impl Users {
    fn of(site: &Site, deps: &[JobDeps]) -> Users {
        let mut u = Users {
            cards: vec![Vec::new(); site.pages.len()],
            page_contents: vec![Vec::new(); site.pages.len()],
            section_contents: vec![Vec::new(); site.sections.len()],
            sources: vec![Vec::new(); site.pages.len()],
        };
        for (j, d) in deps.iter().enumerate() {
            for &id in &d.cards {
                u.cards[id].push(j);
            }
            for &id in &d.sources {
                u.sources[id].push(j);
            }
            for t in &d.contents {
                match t {
                    Target::Page(id) => u.page_contents[*id].push(j),
                    Target::Section(id) => u.section_contents[*id].push(j),
                    _ => {}
                }
            }
        }
        u
    }
}

/// Changes seen since the last successful build.
#[derive(Debug, Default)]
struct Pending {
    applied: Applied,
    config: bool,
    theme: bool,
}

/// The incremental site builder behind `serve`.
pub struct Engine {
    opts: BuildOptions,
    /// Use the clock for "now" at every update (else `opts.now` stays fixed).
    follow_clock: bool,
    sources: SourceCache,
    config: Option<Result<Config, Vec<Diagnostic>>>,
    theme: Option<warm::ThemeCache>,
    built: Option<Built>,
    /// Markdown kept from a build that failed later on, by stable id.
    spare_md: MdSlots,
    rendered: Rendered,
    pending: Pending,
    /// Feeds, sitemap and search index still reflect an older build.
    discovery_stale: bool,
    keys: FxHashMap<String, u32>,
    counter: u64,
    /// Collation sort keys of the titles, kept between rebuilds.
    sort_keys: std::sync::Arc<crate::text::SortKeys>,
    /// The photo and drawing links of every body, kept between rebuilds.
    links: crate::images::LinkMemo,
    /// The previous build, to free once the rebuild is done.
    garbage: Option<Built>,
}

impl Engine {
    /// Read the site (nothing is rendered until [`Engine::update`]).
    pub fn new(opts: BuildOptions) -> Engine {
        let sources = SourceCache::load(&opts.root);
        Engine {
            opts,
            follow_clock: false,
            sources,
            config: None,
            theme: None,
            built: None,
            spare_md: MdSlots::default(),
            rendered: Rendered::default(),
            discovery_stale: false,
            pending: Pending {
                applied: Applied {
                    structural: true,
                    ..Applied::default()
                },
                config: true,
                theme: true,
            },
            keys: FxHashMap::default(),
            counter: 0,
            sort_keys: Default::default(),
            links: Default::default(),
            garbage: None,
        }
    }

    /// Take "now" from the clock at every update (for `serve`; tests keep a fixed now).
    pub fn follow_clock(mut self, yes: bool) -> Self {
        self.follow_clock = yes;
        self
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The site as last built successfully: output path → body.
    pub fn files(&self) -> impl Iterator<Item = (&str, &OutBody)> {
        self.rendered
            .files
            .iter()
            .map(|(k, v)| (k.as_str(), &v.body))
    }

    /// One output file of the last good build.
    pub fn file(&self, path: &str) -> Option<&OutBody> {
        self.rendered.files.get(path).map(|e| &e.body)
    }

    /// Number of pages in the last model.
    pub fn page_count(&self) -> usize {
        self.built.as_ref().map_or(0, |b| b.site.pages.len())
    }

    /// The warnings of the site as last built successfully (likely
    /// mistakes that are no errors: see `Site::warnings`).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.built.as_ref().map_or(&[], |b| &b.site.warnings)
    }

    /// When a future-dated page left out of the site comes due (rebuild then).
    pub fn next_release(&self) -> Option<Timestamp> {
        self.built.as_ref().and_then(|b| b.site.next_release)
    }

    /// Take in changes and rebuild what they touch, everything included (pages,
    /// then feeds, sitemap and search index). On error nothing served changes.
    pub fn update(&mut self, changes: &Changes) -> Result<Outcome, Diagnostics> {
        let mut outcome = self.update_pages(changes)?;
        let more = self.update_discovery()?;
        outcome.changed.extend(more.changed);
        outcome.changed.sort();
        outcome.timings.extend(more.timings);
        outcome.elapsed += more.elapsed;
        Ok(outcome)
    }

    /// First half of [`Engine::update`]: every page and file made from
    /// templates, and the copied files. The feeds, sitemap and search index
    /// follow with [`Engine::update_discovery`] (the server publishes pages first).
    pub fn update_pages(&mut self, changes: &Changes) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        if self.follow_clock {
            self.opts.now = Timestamp::now();
        }
        if changes.rescan {
            let a = self.sources.reload_all();
            self.pending.applied.merge(a);
        } else if !changes.content.is_empty() {
            let a = self.sources.apply(&changes.content);
            self.pending.applied.merge(a);
        }
        if changes.config || changes.rescan {
            self.config = None;
            self.pending.config = true;
        }
        if changes.theme || changes.rescan {
            self.theme = None;
            self.pending.theme = true;
        }
        let anything = self.built.is_none()
            || self.pending.config
            || self.pending.theme
            || !self.pending.applied.is_empty();
        let result = match self.fast_path_possible() {
            true => self.fast(),
            false => self.wide(),
        };
        match result {
            Ok(mut outcome) => {
                self.pending = Pending::default();
                self.discovery_stale |= anything || !outcome.fast;
                outcome.elapsed = start.elapsed();
                Ok(outcome)
            }
            Err(problems) => Err(problems.sorted()),
        }
    }

    /// Does [`Engine::update_discovery`] have work to do?
    pub fn discovery_stale(&self) -> bool {
        self.discovery_stale
    }

    /// Second half of [`Engine::update`]: feeds, sitemap, `robots.txt` and the
    /// search index, made again from the current model and Markdown.
    pub fn update_discovery(&mut self) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        if !self.discovery_stale {
            return Ok(Outcome::default());
        }
        let Some(built) = &self.built else {
            return Ok(Outcome::default());
        };
        let urls = urls_of(&built.site.config, &self.opts);
        let files: Vec<OutputFile> = crate::discovery::outputs(
            &built.site,
            &built.docs,
            &urls,
            self.opts.now,
            true,
            self.opts.local_backend.as_deref(),
        )
        .collect();
        // The same claims as a full build: the pages' and copied files', then these.
        let mut claims = built.claims.clone();
        let mut problems = Diagnostics::default();
        problems.extend(claims.claim_all(files.iter().map(|f| f.path.as_str())));
        if !problems.is_empty() {
            return Err(problems.sorted());
        }
        let mut changed = Vec::new();
        let new_paths: std::collections::HashSet<String> =
            files.iter().map(|f| f.path.clone()).collect();
        for gone in self.rendered.discovery.difference(&new_paths) {
            self.rendered.files.remove(gone);
            changed.push(gone.clone());
        }
        for f in files {
            self.rendered.store(f, &mut changed);
        }
        changed.sort();
        self.rendered.discovery = new_paths;
        self.discovery_stale = false;
        Ok(Outcome {
            changed,
            elapsed: start.elapsed(),
            timings: vec![("discovery", start.elapsed())],
            ..Outcome::default()
        })
    }

    fn fast_path_possible(&self) -> bool {
        let p = &self.pending;
        let Some(built) = &self.built else {
            return false;
        };
        if p.config || p.theme || p.applied.structural || self.rendered.globals.is_none() {
            return false;
        }
        if built.site.next_release.is_some_and(|t| self.opts.now >= t) {
            return false;
        }
        p.applied.modified_docs.iter().all(|rel| {
            let Some(new) = self.sources.docs.get(rel) else {
                return false;
            };
            let old = match built.site.routes.sources.get(rel) {
                Some(Target::Page(id)) => &built.site.pages[*id].doc,
                Some(Target::Section(id)) => match &built.site.sections[*id].doc {
                    Some(d) => d,
                    None => return false,
                },
                _ => return false,
            };
            // The model reads only the front matter (and the file's path);
            // the photos stay as they are, so the body must name the same ones.
            old.rel == new.doc.rel
                && old.shown == new.doc.shown
                && old.body_offset == new.doc.body_offset
                && old.text[..old.body_offset] == new.doc.text[..new.doc.body_offset]
                && crate::images::same_photo_links(old.body(), new.doc.body())
        })
    }

    // ---- Wide path: the stage runner with serve's caches -------------------

    /// Run the stages with the engine's caches ([`warm::Warm`]): the model
    /// rebuilt, Markdown and cards reused where unchanged, only the outputs
    /// whose dependencies changed rendered; then publish them.
    fn wide(&mut self) -> Result<Outcome, Diagnostics> {
        let opts = self.opts.clone();
        let files = Mutex::new(Vec::new());
        let sink = |f: OutputFile| -> Result<(), Diagnostic> {
            files
                .lock()
                .expect("no panics while holding the lock")
                .push(f);
            Ok(())
        };
        let mut warm = warm::Warm {
            sources: &self.sources,
            config: &mut self.config,
            theme: &mut self.theme,
            built: &mut self.built,
            spare_md: &mut self.spare_md,
            rendered: &self.rendered,
            keys: &mut self.keys,
            counter: &mut self.counter,
            md: None,
            cards: None,
            select: None,
            prev_claims: None,
            sort_keys: &self.sort_keys,
            links: &mut self.links,
            garbage: &mut self.garbage,
        };
        let run = stages::run(&opts, &mut warm, WIDE, &sink);
        let (md, cards, select) = (warm.md, warm.cards, warm.select);
        let mut run = match run {
            Ok(run) => run,
            Err(problems) => {
                free_later(self.garbage.take());
                return Err(problems);
            }
        };
        self.spare_md.clear();
        let (Some(md), Some(cards), Some(select)) = (md, cards, select) else {
            unreachable!("a successful run went through every stage")
        };
        let files = files
            .into_inner()
            .expect("no panics while holding the lock");
        let mut laps = Laps::new();
        laps.laps = std::mem::take(&mut run.timings);
        let (changed, copied_changed) = self.publish(&select, &run.claims, files);
        self.remember(&md, &cards, &select);
        laps.mark("commit");
        let rendered = select.dirty.len();
        let total = run.outputs.len();
        self.built = Some(index(run, md, cards, select));
        laps.mark("index");
        free_later(self.garbage.take());
        Ok(Outcome {
            changed,
            copied: copied_changed,
            rendered,
            jobs: total,
            fast: false,
            elapsed: Duration::ZERO,
            timings: laps.laps,
        })
    }

    /// Put the rendered outputs and the copied files in place, remove those
    /// gone; the paths changed (and those of them copied).
    fn publish(
        &mut self,
        select: &warm::SelectState,
        claims: &Claims,
        files: Vec<OutputFile>,
    ) -> (Vec<String>, Vec<String>) {
        let (copied, made): (Vec<OutputFile>, Vec<OutputFile>) = files
            .into_iter()
            .partition(|f| matches!(f.body, Body::File(_)));
        let mut changed = Vec::new();
        let mut copied_changed = Vec::new();
        // With every output path of the last good run still made, nothing is gone.
        if !select.none_gone {
            self.drop_gone(claims, &mut changed);
        }
        for file in made {
            self.rendered.store(file, &mut changed);
        }
        // Copied files are served only while they are the files checked now.
        let files = &mut self.rendered.files;
        let stamper = super::verified::Stamper::new(&self.opts.root);
        for f in &copied {
            let Body::File(src) = &f.body else { continue };
            if let Some(body) = stamper.refresh(src, files.get(&f.path).map(|e| &e.body)) {
                changed.push(f.path.clone());
                copied_changed.push(f.path.clone());
                files.insert(f.path.clone(), OutEntry { body });
            }
        }
        changed.sort();
        changed.dedup();
        (changed, copied_changed)
    }

    /// Forget the files and records of outputs that are no longer made: those
    /// this run did not claim (its claims hold every page's and copied file's
    /// path), the discovery outputs aside.
    fn drop_gone(&mut self, claims: &Claims, changed: &mut Vec<String>) {
        let discovery = &self.rendered.discovery;
        self.rendered.files.retain(|path, _| {
            let keep = claims.has_file(path) || discovery.contains(path);
            if !keep {
                changed.push(path.clone());
            }
            keep
        });
        self.rendered.records.retain(|k, _| claims.has_file(k));
    }

    /// Remember what each output shows now: records of the outputs rendered,
    /// cards, Markdown versions and source generations of the pages.
    fn remember(
        &mut self,
        md: &warm::MdState,
        cards: &warm::CardState,
        select: &warm::SelectState,
    ) {
        let rendered = &mut self.rendered;
        rendered.globals = Some(select.globals);
        for (&j, record) in select.dirty.iter().zip(&select.records) {
            rendered
                .records
                .insert(select.deps[j].output.clone(), record.clone());
        }
        let mut live_keys = vec![false; self.keys.len()];
        for (i, &k) in md.page_keys.iter().enumerate() {
            live_keys[k as usize] = true;
            if cards.changed[i] {
                rendered
                    .cards
                    .insert(k, (cards.fps[i], cards.cards[i].clone()));
            }
            if rendered.contents.get(&k) != Some(&md.page_md[i].version) {
                rendered.contents.insert(k, md.page_md[i].version);
            }
            if rendered.sources.get(&k) != Some(&select.page_gens[i]) {
                rendered.sources.insert(k, select.page_gens[i]);
            }
        }
        for (i, &k) in md.section_keys.iter().enumerate() {
            if let Some(m) = &md.section_md[i] {
                live_keys[k as usize] = true;
                if rendered.contents.get(&k) != Some(&m.version) {
                    rendered.contents.insert(k, m.version);
                }
            }
        }
        rendered.cards.retain(|k, _| live_keys[*k as usize]);
        rendered.contents.retain(|k, _| live_keys[*k as usize]);
        rendered.sources.retain(|k, _| live_keys[*k as usize]);
    }
}

/// How the wide path runs the stages: pages and copied files only (the feeds,
/// sitemap and search index follow as a second phase), the source texts kept
/// (the fast path compares front matter with them).
const WIDE: stages::Mode = stages::Mode {
    check_only: false,
    discovery: false,
    release_texts: false,
};

/// The state of a successful run (the reverse index of its dependencies,
/// for the fast path, is made when first needed: a run of the wide path
/// followed by another needs none).
fn index(
    run: stages::Run,
    md: warm::MdState,
    cards: warm::CardState,
    select: warm::SelectState,
) -> Built {
    Built {
        site: run.site,
        docs: run.docs,
        page_md: md.page_md,
        section_md: md.section_md,
        cards: cards.cards,
        card_fps: cards.fps,
        urls_fp: md.urls_fp,
        page_keys: md.page_keys,
        section_keys: md.section_keys,
        units: run.outputs,
        page_gens: select.page_gens,
        deps: select.deps,
        copied: select.copied,
        users: std::sync::OnceLock::new(),
        claims: run.claims,
    }
}

/// Move the Markdown of a previous build into the cache, by stable id; the
/// rest of the old build (model, sources, cards: a lot of small allocations)
/// is returned, to be freed once the rebuild is done ([`free_later`]).
fn stash_md(mut old: Built, cache: &mut MdSlots) -> Built {
    let docs = std::mem::replace(
        &mut old.docs,
        RenderedDocs {
            pages: Vec::new(),
            sections: Vec::new(),
        },
    );
    let page_md = std::mem::take(&mut old.page_md);
    let section_md = std::mem::take(&mut old.section_md);
    for ((md, meta), &k) in docs.pages.into_iter().zip(page_md).zip(&old.page_keys) {
        cache.put(k, CachedMd { md, meta });
    }
    for ((md, meta), &k) in docs
        .sections
        .into_iter()
        .zip(section_md)
        .zip(&old.section_keys)
    {
        if let (Some(md), Some(meta)) = (md, meta) {
            cache.put(k, CachedMd { md, meta });
        }
    }
    old
}

/// Free an old build on another thread. Called once a rebuild is done: freed
/// during the rebuild, it took a core from the rebuild's own parallel stages.
fn free_later(old: Option<Built>) {
    if let Some(old) = old {
        let _ = std::thread::Builder::new()
            .name("congxa-free".into())
            .spawn(move || drop(old));
    }
}

fn urls_of(config: &Config, opts: &BuildOptions) -> UrlMaker {
    UrlMaker {
        base_path: config.base_path.clone(),
        base_url: config.base_url.clone(),
        relative: opts.relative,
    }
}

/// Render the given units in parallel.
fn render_units(
    renderer: &Renderer<'_>,
    units: &[Output],
    which: &[usize],
) -> Result<Vec<(OutputFile, usize)>, Diagnostics> {
    let results: Vec<Result<(OutputFile, usize), Diagnostic>> = which
        .par_iter()
        .map(|&j| renderer.render_output(&units[j]).map(|f| (f, j)))
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut problems = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => out.push(f),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The site root for a build (used by the watcher to tell paths apart).
pub fn content_dir(root: &Path) -> PathBuf {
    root.join(crate::load::CONTENT_DIR)
}
