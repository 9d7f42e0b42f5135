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
//! - **Wide**: anything else. The model is rebuilt from the cached sources,
//!   Markdown is reused where the document, its place and the site's link
//!   targets are unchanged, all cards are rebuilt, and every job's dependencies
//!   are compared with those it had when its output was last rendered; only
//!   jobs with a difference are rendered. A change of the globals (templates,
//!   `site.yaml`, menu, index counts shown site-wide) renders everything.
//!
//! A failed rebuild changes no output: the last good site keeps being served.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use jiff::Timestamp;
use rayon::prelude::*;
use tera::{Tera, Value};

use crate::civic::CivicJob;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::RenderedMarkdown;
use crate::model::{self, Site, Target};
use crate::pipeline::{self, BuildOptions, Claims};
use crate::render::{
    Body, Describe, Job, JobDeps, OutputFile, Recipe, RenderedDocs, Renderer, Scene,
};
use crate::templating::{self, TemplatePaths};
use crate::theme::{self, ThemeFiles};
use crate::urls::UrlMaker;

use super::sources::{Applied, SourceCache};
use md_cache::{
    CachedMd, MdKey, MdMeta, anchor_paths, md_key, reads_fingerprint, remap_anchors, same_content,
};

mod fast;
mod md_cache;

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
    records: HashMap<String, JobRecord>,
    globals: Option<u64>,
    /// Card of each page (by stable id) as rendered, with its fingerprint.
    cards: HashMap<u32, (u64, Value)>,
    /// Markdown version of each page and section (by stable id) as rendered.
    contents: HashMap<u32, u64>,
    /// Source generation of each page (by stable id) as rendered.
    sources: HashMap<u32, u64>,
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
    units: Vec<Unit>,
    /// Source generation of each page.
    page_gens: Vec<u64>,
    /// Units showing each page's card / each page's or section's Markdown /
    /// reading each page's source.
    card_users: Vec<Vec<usize>>,
    page_content_users: Vec<Vec<usize>>,
    section_content_users: Vec<Vec<usize>>,
    source_users: Vec<Vec<usize>>,
    /// The output paths of the pages and copied files (discovery claims after them).
    claims: Claims,
}

/// One output file to render: a core job or a civic one.
#[derive(Debug, Clone)]
enum Unit {
    Core(Job),
    Civic(CivicJob),
}

/// Every output unit of the site, in a stable order.
fn all_units(r: &Renderer<'_>) -> Vec<Unit> {
    r.jobs()
        .into_iter()
        .map(Unit::Core)
        .chain(crate::civic::jobs(r.site).into_iter().map(Unit::Civic))
        .collect()
}

impl Describe for Unit {
    fn describe<'r, 'a, S: Scene<'a>>(
        &self,
        r: &'r Renderer<'a>,
        s: &mut S,
    ) -> Result<Recipe<'r>, Diagnostic> {
        match self {
            Unit::Core(j) => j.describe(r, s),
            Unit::Civic(j) => j.describe(r, s),
        }
    }
}

/// The theme with its templates parsed, for one URL setting.
struct ThemeState {
    files: ThemeFiles,
    tera: Result<(Tera, TemplatePaths), Vec<Diagnostic>>,
    /// Theme name, URL settings and time zone the templates were set up for.
    key: (String, String, String, bool, String),
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
    theme: Option<Result<ThemeState, Vec<Diagnostic>>>,
    built: Option<Built>,
    /// Markdown kept from a build that failed later on, by stable id.
    spare_md: HashMap<u32, CachedMd>,
    rendered: Rendered,
    pending: Pending,
    /// Feeds, sitemap and search index still reflect an older build.
    discovery_stale: bool,
    keys: HashMap<String, u32>,
    counter: u64,
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
            spare_md: HashMap::new(),
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
            keys: HashMap::new(),
            counter: 0,
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
        let files: Vec<OutputFile> =
            crate::discovery::outputs(&built.site, &built.docs, &urls, self.opts.now, true)
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

    fn key(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.keys.get(name) {
            return k;
        }
        let next = self.keys.len() as u32;
        self.keys.insert(name.to_string(), next);
        next
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
            // The model reads only the front matter (and the file's path).
            old.rel == new.doc.rel
                && old.shown == new.doc.shown
                && old.body_offset == new.doc.body_offset
                && old.text[..old.body_offset] == new.doc.text[..new.doc.body_offset]
        })
    }

    // ---- Wide path: rebuild the model, compare every job's dependencies -------

    fn wide(&mut self) -> Result<Outcome, Diagnostics> {
        let mut laps = Laps::new();
        let mut problems = Diagnostics::default();
        // Configuration.
        if self.config.is_none() {
            self.config = Some(Config::load(&self.opts.root, self.opts.base_url.as_deref()));
        }
        let config = match self.config.as_ref().expect("just loaded") {
            Ok(c) => c.clone(),
            Err(e) => {
                problems.extend(e.iter().cloned());
                return Err(problems);
            }
        };
        let urls = urls_of(&config, &self.opts);
        // Theme and templates.
        let theme_key = (
            config.theme.clone(),
            urls.base_path.clone(),
            urls.base_url.clone(),
            urls.relative,
            format!("{:?}", config.offset),
        );
        let reload_theme = match &self.theme {
            None => true,
            Some(Ok(t)) => t.key != theme_key,
            Some(Err(_)) => false,
        };
        if reload_theme {
            self.theme = Some(
                theme::load_theme(&self.opts.root, &config.theme).map(|files| {
                    let tera = templating::build_tera(
                        &files,
                        &urls,
                        config.offset,
                        crate::civic::register_helpers,
                    );
                    ThemeState {
                        files,
                        tera,
                        key: theme_key,
                    }
                }),
            );
        }
        if let Some(Err(e)) = &self.theme {
            problems.extend(e.iter().cloned());
        }

        laps.mark("config+theme");
        // Model.
        problems.extend(self.sources.all_problems());
        let sources = self.sources.sources();
        laps.mark("clone sources");
        let (site, p) = model::build_model(config, sources, pipeline::model_options(&self.opts));
        problems.extend(p);

        laps.mark("model");
        // Markdown, reused where nothing it depends on changed.
        let mut cache = std::mem::take(&mut self.spare_md);
        if let Some(old) = self.built.take() {
            self.stash_md(old, &mut cache);
        }
        let urls_fp = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&urls.base_path, &urls.base_url, urls.relative).hash(&mut h);
            h.finish()
        };
        let page_keys: Vec<u32> = site.pages.iter().map(|p| self.key(&p.doc.rel)).collect();
        let section_keys: Vec<u32> = site
            .sections
            .iter()
            .map(|s| self.key(&format!("§{}", s.dir)))
            .collect();
        let targets: Vec<(Target, u32)> = (0..site.pages.len())
            .map(|i| (Target::Page(i), page_keys[i]))
            .chain(
                (0..site.sections.len())
                    .filter(|&i| site.sections[i].doc.is_some())
                    .map(|i| (Target::Section(i), section_keys[i])),
            )
            .collect();
        let mut reused: HashMap<u32, CachedMd> = HashMap::new();
        let mut to_render: Vec<(Target, u32, MdKey)> = Vec::new();
        for &(t, k) in &targets {
            let rel = match t {
                Target::Page(id) => Some(site.pages[id].doc.rel.as_str()),
                Target::Section(id) => site.sections[id].doc.as_ref().map(|d| d.rel.as_str()),
                _ => None,
            };
            let generation = rel
                .and_then(|r| self.sources.docs.get(r))
                .map_or(0, |e| e.generation);
            let md_key = md_key(&site, t, generation, urls_fp);
            let cached = cache.remove(&k).map(|mut c| {
                let valid = c.meta.key == md_key
                    && reads_fingerprint(&site, &c.md.route_reads) == c.meta.reads
                    && remap_anchors(&site, &mut c.md, &c.meta.anchors);
                (c, valid)
            });
            match cached {
                Some((c, true)) => {
                    reused.insert(k, c);
                }
                old => {
                    if let Some((old, _)) = old {
                        reused.insert(k, old); // kept only to compare with the new rendering
                    }
                    to_render.push((t, k, md_key));
                }
            }
        }
        let fresh: Vec<(Target, u32, MdKey, RenderedMarkdown)> = to_render
            .into_par_iter()
            .map(|(t, k, key)| {
                let md = pipeline::render_doc(&site, &urls, t, true).unwrap_or_default();
                (t, k, key, md)
            })
            .collect();
        for (_, k, key, md) in fresh {
            let version = match reused.remove(&k) {
                Some(old) if same_content(&old.md, &md) => old.meta.version,
                _ => {
                    self.counter += 1;
                    self.counter
                }
            };
            let meta = MdMeta {
                key,
                reads: reads_fingerprint(&site, &md.route_reads),
                anchors: anchor_paths(&site, &md),
                version,
            };
            reused.insert(k, CachedMd { md, meta });
        }
        let mut page_md = Vec::with_capacity(site.pages.len());
        let mut pages = Vec::with_capacity(site.pages.len());
        for &k in &page_keys {
            let c = reused.remove(&k).expect("every page's Markdown is ready");
            page_md.push(c.meta);
            pages.push(c.md);
        }
        let mut section_md = Vec::with_capacity(site.sections.len());
        let mut sections = Vec::with_capacity(site.sections.len());
        for (i, &k) in section_keys.iter().enumerate() {
            if site.sections[i].doc.is_none() {
                section_md.push(None);
                sections.push(None);
                continue;
            }
            let c = reused
                .remove(&k)
                .expect("every section's Markdown is ready");
            section_md.push(Some(c.meta));
            sections.push(Some(c.md));
        }
        laps.mark("markdown");
        let docs = RenderedDocs { pages, sections };
        problems.extend(pipeline::markdown_problems(&site, &docs));
        problems.extend(pipeline::check_images(&site));
        laps.mark("checks");

        let theme = match &self.theme {
            Some(Ok(t)) => Some(t),
            _ => None,
        };
        let tera = match theme.map(|t| &t.tera) {
            Some(Ok(t)) if problems.is_empty() => Some(t),
            Some(Err(e)) if problems.is_empty() => {
                problems.extend(e.iter().cloned());
                None
            }
            _ => None,
        };
        let (Some(theme), Some((tera, template_paths))) = (theme, tera) else {
            self.spare_md = cache;
            self.keep_md(docs, page_md, section_md, &page_keys, &section_keys);
            return Err(problems);
        };

        // Cards, jobs and their dependencies.
        // A card is made again only when its fingerprint changed.
        let links = crate::render::CardLinks::new(&site);
        let made: Vec<(Value, u64, bool)> = site
            .pages
            .par_iter()
            .map(|p| {
                let fp = crate::render::card_fingerprint(&site, &docs, p);
                match self.rendered.cards.get(&page_keys[p.id]) {
                    Some((old_fp, old)) if *old_fp == fp => (old.clone(), fp, false),
                    _ => (crate::render::card_value(&site, &docs, &links, p), fp, true),
                }
            })
            .collect();
        let mut cards = Vec::with_capacity(made.len());
        let mut card_fps = Vec::with_capacity(made.len());
        let mut card_changed = Vec::with_capacity(made.len());
        for (v, fp, changed) in made {
            cards.push(v);
            card_fps.push(fp);
            card_changed.push(changed);
        }
        let mut renderer = Renderer::with_cards(
            &site,
            &docs,
            tera,
            template_paths,
            &urls,
            &theme.files,
            cards.clone(),
        );
        renderer.limits = self.opts.render_limits;
        laps.mark("cards");
        let units = all_units(&renderer);
        let deps: Vec<JobDeps> = units.par_iter().map(|u| renderer.output_deps(u)).collect();
        let page_gens: Vec<u64> = site
            .pages
            .iter()
            .map(|p| {
                self.sources
                    .docs
                    .get(&p.doc.rel)
                    .map_or(0, |e| e.generation)
            })
            .collect();
        let globals = renderer.globals_fingerprint();
        let all_dirty = self.rendered.globals != Some(globals);
        let content_key = |t: &Target| match t {
            Target::Page(id) => page_keys[*id],
            Target::Section(id) => section_keys[*id],
            _ => u32::MAX,
        };
        let content_version = |t: &Target| match t {
            Target::Page(id) => Some(page_md[*id].version),
            Target::Section(id) => section_md[*id].as_ref().map(|m| m.version),
            _ => None,
        };
        let records: Vec<JobRecord> = deps
            .iter()
            .map(|d| JobRecord {
                own: d.own,
                cards: d.cards.iter().map(|&id| page_keys[id]).collect(),
                contents: d.contents.iter().map(content_key).collect(),
                sources: d.sources.iter().map(|&id| page_keys[id]).collect(),
            })
            .collect();
        let dirty: Vec<usize> = (0..units.len())
            .filter(|&j| {
                let d = &deps[j];
                all_dirty
                    || self.rendered.records.get(&d.output) != Some(&records[j])
                    || d.cards.iter().any(|&id| card_changed[id])
                    || d.contents.iter().any(|t| {
                        self.rendered.contents.get(&content_key(t)).copied() != content_version(t)
                    })
                    || d.sources.iter().any(|&id| {
                        self.rendered.sources.get(&page_keys[id]) != Some(&page_gens[id])
                    })
            })
            .collect();
        laps.mark("deps");
        let outputs = match render_units(&renderer, &units, &dirty) {
            Ok(o) => o,
            Err(e) => {
                drop(renderer);
                self.spare_md = cache;
                self.keep_md(docs, page_md, section_md, &page_keys, &section_keys);
                return Err(e);
            }
        };

        laps.mark("render");
        // Copied files: theme static files and content assets.
        let copied = renderer.copied_files();
        drop(renderer);
        // Every output path claimed as a full build claims them.
        let mut claims = Claims::default();
        let refused = claims.claim_all(
            deps.iter()
                .map(|d| d.output.as_str())
                .chain(copied.iter().map(|f| f.path.as_str())),
        );
        if !refused.is_empty() {
            problems.extend(refused);
            self.spare_md = cache;
            self.keep_md(docs, page_md, section_md, &page_keys, &section_keys);
            return Err(problems);
        }

        // Commit: rendered outputs whose bytes changed, copied files, removals.
        let mut changed = Vec::new();
        let mut copied_changed = Vec::new();
        let live: std::collections::HashSet<&str> = deps
            .iter()
            .map(|d| d.output.as_str())
            .chain(copied.iter().map(|f| f.path.as_str()))
            .collect();
        let files = &mut self.rendered.files;
        let discovery = &self.rendered.discovery;
        files.retain(|path, _| {
            let keep = live.contains(path.as_str()) || discovery.contains(path);
            if !keep {
                changed.push(path.clone());
            }
            keep
        });
        for (file, _) in outputs {
            let OutputFile { path, body } = file;
            let Body::Bytes(bytes) = body else { continue };
            let same = matches!(
                files.get(&path),
                Some(OutEntry { body: OutBody::Bytes(old), .. }) if old[..] == bytes[..]
            );
            if !same {
                changed.push(path.clone());
                let body = OutBody::Bytes(Bytes::from(bytes));
                files.insert(path, OutEntry { body });
            }
        }
        // Copied files are served only while they are the files checked now.
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

        // Remember what each output shows now.
        self.rendered.globals = Some(globals);
        self.rendered
            .records
            .retain(|k, _| live.contains(k.as_str()));
        for &j in &dirty {
            self.rendered
                .records
                .insert(deps[j].output.clone(), records[j].clone());
        }
        let mut live_keys = vec![false; self.keys.len()];
        for (i, &k) in page_keys.iter().enumerate() {
            live_keys[k as usize] = true;
            if card_changed[i] {
                self.rendered
                    .cards
                    .insert(k, (card_fps[i], cards[i].clone()));
            }
            if self.rendered.contents.get(&k) != Some(&page_md[i].version) {
                self.rendered.contents.insert(k, page_md[i].version);
            }
            if self.rendered.sources.get(&k) != Some(&page_gens[i]) {
                self.rendered.sources.insert(k, page_gens[i]);
            }
        }
        for (i, &k) in section_keys.iter().enumerate() {
            if let Some(m) = &section_md[i] {
                live_keys[k as usize] = true;
                if self.rendered.contents.get(&k) != Some(&m.version) {
                    self.rendered.contents.insert(k, m.version);
                }
            }
        }
        self.rendered.cards.retain(|k, _| live_keys[*k as usize]);
        self.rendered.contents.retain(|k, _| live_keys[*k as usize]);
        self.rendered.sources.retain(|k, _| live_keys[*k as usize]);
        drop(live);

        laps.mark("commit");
        // Reverse index for the fast path.
        let mut card_users = vec![Vec::new(); site.pages.len()];
        let mut page_content_users = vec![Vec::new(); site.pages.len()];
        let mut section_content_users = vec![Vec::new(); site.sections.len()];
        let mut source_users = vec![Vec::new(); site.pages.len()];
        for (j, d) in deps.iter().enumerate() {
            for &id in &d.cards {
                card_users[id].push(j);
            }
            for &id in &d.sources {
                source_users[id].push(j);
            }
            for t in &d.contents {
                match t {
                    Target::Page(id) => page_content_users[*id].push(j),
                    Target::Section(id) => section_content_users[*id].push(j),
                    _ => {}
                }
            }
        }
        let rendered = dirty.len();
        let total = units.len();
        self.built = Some(Built {
            site,
            docs,
            page_md,
            section_md,
            cards,
            card_fps,
            urls_fp,
            page_keys,
            section_keys,
            units,
            page_gens,
            card_users,
            page_content_users,
            section_content_users,
            source_users,
            claims,
        });
        laps.mark("index");
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

    /// Move the Markdown of a previous build into the cache, by stable id.
    /// The rest of the old build (model, sources, cards: a lot of small
    /// allocations) is freed on another thread, off the rebuild's path.
    fn stash_md(&mut self, mut old: Built, cache: &mut HashMap<u32, CachedMd>) {
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
            cache.insert(k, CachedMd { md, meta });
        }
        for ((md, meta), &k) in docs
            .sections
            .into_iter()
            .zip(section_md)
            .zip(&old.section_keys)
        {
            if let (Some(md), Some(meta)) = (md, meta) {
                cache.insert(k, CachedMd { md, meta });
            }
        }
        let _ = std::thread::Builder::new()
            .name("congxa-free".into())
            .spawn(move || drop(old));
    }

    /// After a failed build, keep its Markdown for the next one.
    fn keep_md(
        &mut self,
        docs: RenderedDocs,
        page_md: Vec<MdMeta>,
        section_md: Vec<Option<MdMeta>>,
        page_keys: &[u32],
        section_keys: &[u32],
    ) {
        for ((md, meta), &k) in docs.pages.into_iter().zip(page_md).zip(page_keys) {
            self.spare_md.insert(k, CachedMd { md, meta });
        }
        for ((md, meta), &k) in docs.sections.into_iter().zip(section_md).zip(section_keys) {
            if let (Some(md), Some(meta)) = (md, meta) {
                self.spare_md.insert(k, CachedMd { md, meta });
            }
        }
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
    units: &[Unit],
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
