//! The one stage runner: `build`, `check` and `serve` all run the stages in
//! the order written here. What a run may reuse and which outputs it renders
//! come from its [`Caches`]: a full build passes [`Cold`] (nothing kept,
//! everything rendered); `serve`'s engine keeps its own (the previous model's
//! Markdown and cards, and a job filter from each output's dependencies).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::{Tera, Value};

use super::{BuildOptions, Claims, Sink, Timings, model_options};
use crate::civic::CivicJob;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{self, Site};
use crate::render::{
    CardLinks, Describe, Job, OutputFile, Recipe, RenderedDocs, Renderer, Scene, card_value,
};
use crate::templating::{self, TemplatePaths};
use crate::theme::{self, ThemeFiles};
use crate::urls::UrlMaker;

/// The theme with its templates parsed, for one URL setting and time zone.
pub struct Templates {
    pub files: ThemeFiles,
    pub tera: Tera,
    pub paths: TemplatePaths,
}

/// Load the theme named in `config` and parse its templates, with the helpers
/// of the features the pipeline wires in (civic's `score_chart`).
pub fn load_templates(
    opts: &BuildOptions,
    config: &Config,
    urls: &UrlMaker,
) -> Result<Arc<Templates>, Vec<Diagnostic>> {
    let files = theme::load_theme(&opts.root, &config.theme)?;
    let (tera, paths) = templating::build_tera(
        &files,
        urls,
        config.offset,
        opts.lang,
        crate::civic::register_helpers,
    )?;
    Ok(Arc::new(Templates { files, tera, paths }))
}

/// One output file made from a template (or a script): a core job or a civic one.
#[derive(Debug, Clone)]
pub enum Output {
    Core(Job),
    Civic(CivicJob),
}

impl Describe for Output {
    fn describe<'r, 'a, S: Scene<'a>>(
        &self,
        r: &'r Renderer<'a>,
        s: &mut S,
    ) -> Result<Recipe<'r>, Diagnostic> {
        match self {
            Output::Core(j) => j.describe(r, s),
            Output::Civic(j) => j.describe(r, s),
        }
    }
}

impl Output {
    /// The file an output is made from, for reporting a bug in it.
    fn source(&self, r: &Renderer<'_>) -> std::path::PathBuf {
        match self {
            Output::Core(j) => r.job_source(j),
            Output::Civic(j) => crate::civic::source_of(r, j),
        }
    }
}

/// Every output of the site made from a template, in a stable order.
pub fn outputs(r: &Renderer<'_>) -> Vec<Output> {
    r.jobs()
        .into_iter()
        .map(Output::Core)
        .chain(crate::civic::jobs(r.site).into_iter().map(Output::Civic))
        .collect()
}

/// Which outputs a run renders: their indices in the output list, and the
/// paths of those it leaves as they are (claimed all the same).
pub struct Selection {
    pub render: Vec<usize>,
    pub kept: Vec<String>,
    /// The claims of an earlier run whose output paths (and copied files)
    /// are all among this run's: each was claimed without a problem, and only
    /// `unclaimed` (this run's other paths) are claimed on top. `None`: claim
    /// every path.
    pub(crate) claimed: Option<Claims>,
    pub(crate) unclaimed: Vec<String>,
}

/// What a run may reuse, and its job filter. Every method has the full
/// build's meaning in [`Cold`].
pub trait Caches {
    /// `site.yaml`, resolved.
    fn config(&mut self, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>>;
    /// The theme and its templates for `config` and `urls`.
    fn templates(
        &mut self,
        opts: &BuildOptions,
        config: &Config,
        urls: &UrlMaker,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>>;
    /// The content files, parsed, with their problems.
    fn sources(&mut self, opts: &BuildOptions) -> (crate::load::Sources, Vec<Diagnostic>);
    /// Every document's Markdown (with `full`, also what only a build's
    /// outputs need: broadcast paragraphs, plain text).
    fn markdown(
        &mut self,
        site: &Site,
        urls: &UrlMaker,
        full: bool,
    ) -> (RenderedDocs, Vec<Diagnostic>);
    /// Every page's card, by page id.
    fn cards(&mut self, site: &Site, docs: &RenderedDocs) -> Vec<Value>;
    /// The job filter: which outputs to render.
    fn select(&mut self, r: &Renderer<'_>, outputs: &[Output]) -> Selection;
    /// The run failed after the Markdown stage: its model and Markdown, to keep.
    fn failed(&mut self, site: Site, docs: RenderedDocs);
    /// The photo and drawing links of the bodies, found by earlier runs
    /// (none: every body is parsed for them).
    fn links(&mut self) -> Option<&mut crate::images::LinkMemo> {
        None
    }
    /// Collation sort keys kept between runs (none: made afresh).
    fn sort_keys(&self) -> Option<Arc<crate::text::SortKeys>> {
        None
    }
}

/// A full build: nothing kept, everything rendered.
pub struct Cold;

impl Caches for Cold {
    fn config(&mut self, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
        Config::load(&opts.root, opts.base_url.as_deref())
    }
    fn templates(
        &mut self,
        opts: &BuildOptions,
        config: &Config,
        urls: &UrlMaker,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        load_templates(opts, config, urls)
    }
    fn sources(&mut self, opts: &BuildOptions) -> (crate::load::Sources, Vec<Diagnostic>) {
        crate::load::load_content(&opts.root)
    }
    fn markdown(
        &mut self,
        site: &Site,
        urls: &UrlMaker,
        full: bool,
    ) -> (RenderedDocs, Vec<Diagnostic>) {
        super::render_markdown(site, urls, full)
    }
    fn cards(&mut self, site: &Site, docs: &RenderedDocs) -> Vec<Value> {
        let links = CardLinks::new(site);
        site.pages
            .par_iter()
            .map(|p| card_value(site, docs, &links, p))
            .collect()
    }
    fn select(&mut self, _: &Renderer<'_>, outputs: &[Output]) -> Selection {
        Selection {
            render: (0..outputs.len()).collect(),
            kept: Vec::new(),
            claimed: None,
            unclaimed: Vec::new(),
        }
    }
    fn failed(&mut self, _: Site, _: RenderedDocs) {}
}

/// How a run is made.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// `congxa check`: templates rendered for their errors only.
    pub check_only: bool,
    /// Make the feeds, sitemap and search index beside the pages (`serve`
    /// makes them later, as a second phase).
    pub discovery: bool,
    /// Drop the pages' source texts before rendering (a build that keeps no
    /// model afterwards).
    pub release_texts: bool,
}

/// What a successful run leaves: the model and Markdown it rendered from.
pub struct Run {
    pub site: Site,
    pub docs: RenderedDocs,
    pub timings: Timings,
    /// Every output made from a template, in order (the job filter chose among them).
    pub outputs: Vec<Output>,
    /// Every output path of the run (pages, kept ones, copied files, discovery).
    pub(crate) claims: Claims,
}

/// Run the stages: configuration, theme, load, model, Markdown, checks,
/// cards, the selected outputs, the copied files (and, with
/// `mode.discovery`, the feeds, sitemap and search index), every output
/// path claimed once, each file handed to `sink` as soon as it exists.
/// Nothing reaches the sink unless load, model and Markdown found no problem.
pub fn run<C: Caches>(
    opts: &BuildOptions,
    caches: &mut C,
    mode: Mode,
    sink: &Sink<'_>,
) -> Result<Run, Diagnostics> {
    let mut timings: Timings = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let mut problems = Diagnostics::default();
    let config = match caches.config(opts) {
        Ok(c) => c,
        Err(e) => {
            problems.extend(e);
            return Err(problems.sorted());
        }
    };
    let urls = UrlMaker {
        base_path: config.base_path.clone(),
        base_url: config.base_url.clone(),
        relative: opts.relative,
    };
    let templates = caches
        .templates(opts, &config, &urls)
        .map_err(|e| problems.extend(e))
        .ok();
    lap("theme", &mut timings);
    let (sources, p) = caches.sources(opts);
    problems.extend(p);
    lap("load", &mut timings);
    let model_opts = model::ModelOptions {
        sort_keys: caches.sort_keys(),
        ..model_options(opts)
    };
    let (mut site, p) = model::build_model(config, sources, model_opts);
    problems.extend(p);
    lap("model", &mut timings);
    // Photos before the Markdown: their variants' sizes go into the HTML.
    site.photos = crate::images::process(&site, &opts.root, &site.config.images, caches.links());
    lap("images", &mut timings);
    // `check` makes no broadcast scripts and no search index, so it keeps no
    // paragraphs or plain text for them.
    let (docs, p) = caches.markdown(&site, &urls, !mode.check_only);
    problems.extend(p);
    problems.extend(super::markdown_problems(&site, &docs));
    problems.extend(super::check_images(&site));
    problems.extend(crate::organization::check_logo(&site));
    lap("markdown", &mut timings);
    let templates = match templates {
        Some(t) if problems.is_empty() => t,
        _ => {
            caches.failed(site, docs);
            return Err(problems.sorted());
        }
    };
    // Past this point only a kiosk build reads the pages' Markdown again (its
    // leaflets sit a directory deeper than the articles, so their links are
    // made again): a build drops the source texts, 55 MB at 10k pages, before
    // the render stage adds its own memory.
    if mode.release_texts && !urls.relative {
        for p in &mut site.pages {
            p.doc.release_text();
        }
    }
    let cards = caches.cards(&site, &docs);
    let Templates { files, tera, paths } = &*templates;
    let mut renderer = Renderer::with_cards(&site, &docs, tera, paths, &urls, files, cards);
    renderer.check_only = mode.check_only;
    renderer.limits = opts.render_limits;
    // Every output comes from an `Output` (whose one description gives both
    // its context and its dependencies) or from `copied_files`.
    let outputs = outputs(&renderer);
    let mut selection = caches.select(&renderer, &outputs);
    lap("renderer", &mut timings);
    let (rendered, claims) = render_outputs(opts, mode, &renderer, &outputs, &mut selection, sink);
    problems.extend(rendered);
    lap("render+write", &mut timings);
    if opts.free_memory {
        drop(renderer);
    } else {
        std::mem::forget(renderer);
        std::mem::forget(templates);
    }
    let claims = if opts.free_memory {
        claims
    } else {
        // 74,000 claimed paths at 10k pages: freed one by one on one core.
        std::mem::forget(claims);
        Claims::default()
    };
    if !problems.is_empty() {
        caches.failed(site, docs);
        return Err(problems.sorted());
    }
    Ok(Run {
        site,
        docs,
        timings,
        outputs,
        claims,
    })
}

/// Render the selected outputs (broadcast scripts first: each frees the
/// paragraphs the Markdown stage kept for it before the pages' outputs pile
/// up), beside the copied files and the discovery outputs (sequential steps:
/// made beside the pages, they keep both cores busy). Every output path is
/// claimed once; a second claim is a duplicate, and a file cannot be where
/// another output needs a directory.
fn render_outputs(
    opts: &BuildOptions,
    mode: Mode,
    renderer: &Renderer<'_>,
    outputs: &[Output],
    selection: &mut Selection,
    sink: &Sink<'_>,
) -> (Vec<Diagnostic>, Claims) {
    // Paths claimed by an earlier run are not claimed again (`serve`: 37k
    // paths at 10k pages, for a title edit or a new article).
    let reuse = selection.claimed.take().filter(|_| !mode.discovery);
    let fresh = reuse.is_none();
    let mut claims = reuse.unwrap_or_default();
    let mut problems = match fresh {
        true => claims.claim_all(selection.kept.iter().map(String::as_str)),
        false => claims.claim_all(selection.unclaimed.iter().map(String::as_str)),
    };
    let claimed = Mutex::new(claims);
    let claiming_sink = |f: OutputFile| -> Result<(), Diagnostic> {
        if fresh {
            claimed
                .lock()
                .expect("no panics while holding the lock")
                .claim(&f.path)?;
        }
        sink(f)
    };
    let is_broadcast = |&&j: &&usize| matches!(outputs[j], Output::Civic(CivicJob::Broadcast(_)));
    let render = |which: &[usize]| -> Vec<Diagnostic> {
        which
            .par_iter()
            .filter_map(|&j| {
                let out = &outputs[j];
                crate::bug::catch(&out.source(renderer), || renderer.render_output(out))
                    .and_then(|made| made)
                    .and_then(&claiming_sink)
                    .err()
            })
            .collect()
    };
    let (first, rest): (Vec<usize>, Vec<usize>) =
        selection.render.iter().partition(|j| is_broadcast(j));
    let (rendered, copied) = rayon::join(
        || {
            let mut p = render(&first);
            p.extend(render(&rest));
            p
        },
        || {
            let discovery = mode.discovery.then(|| {
                crate::discovery::outputs(
                    renderer.site,
                    renderer.docs,
                    renderer.urls,
                    opts.now,
                    !mode.check_only,
                    opts.local_backend.as_deref(),
                )
            });
            renderer
                .copied_files()
                .into_par_iter()
                .chain(discovery.into_par_iter().flatten())
                .filter_map(|f| claiming_sink(f).err())
                .collect::<Vec<_>>()
        },
    );
    problems.extend(rendered);
    problems.extend(copied);
    let claims = claimed
        .into_inner()
        .expect("no panics while holding the lock");
    (problems, claims)
}
