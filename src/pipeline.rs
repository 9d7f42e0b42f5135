//! The build pipeline: load → model → render (to memory) → write.
//! `check` runs the same stages and stops before writing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkContext, RenderedMarkdown};
use crate::model::{self, ModelOptions, Site, Target};
use crate::render::{OutputFile, RenderedDocs};
use crate::urls::UrlMaker;
use crate::write;

pub mod stages;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub relative: bool,
    /// "Now", for leaving out future-dated pages (fixed in tests).
    pub now: Timestamp,
    /// Free the site's memory when done. The command line turns this off: the
    /// process ends right after, and the system takes the memory back at once,
    /// where freeing 10,000 pages' structures one by one takes ~60 ms at the
    /// end of a build.
    pub free_memory: bool,
    /// Bounds on each template render (time, output size).
    pub render_limits: crate::templating::limits::RenderLimits,
    /// Address of `serve`'s Decap local backend, written into the
    /// `/admin/config.yml` it serves (`None` in a build).
    pub local_backend: Option<String>,
    /// Language of the texts congxa hands Tera while rendering (a `range()`
    /// misuse, a `date_vi` error): they reach the editor inside a template
    /// error. Vietnamese by default.
    pub lang: crate::messages::Lang,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            relative: false,
            now: Timestamp::now(),
            free_memory: true,
            render_limits: Default::default(),
            local_backend: None,
            lang: crate::messages::Lang::Vi,
        }
    }
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

/// A fully rendered site, still in memory.
pub struct RenderedSite {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub timings: Timings,
}

/// Outcome of a successful `build`.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub timings: Timings,
    /// Likely mistakes that did not stop the build (see `Site::warnings`).
    pub warnings: Diagnostics,
}

/// How long each stage took.
pub type Timings = Vec<(&'static str, Duration)>;

/// A file sink: receives every output file as it is rendered.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Run every stage but writing; all problems in the site come back at once.
/// The files are returned in memory, sorted by path.
pub fn render_site(opts: &BuildOptions) -> Result<RenderedSite, Diagnostics> {
    let files = Mutex::new(Vec::new());
    let (site, timings) = render_site_to(opts, &|f| {
        files
            .lock()
            .expect("no panics while holding the lock")
            .push(f);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .expect("no panics while holding the lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedSite {
        site,
        files,
        timings,
    })
}

/// Run every stage, handing each output file to `sink` as soon as it exists.
/// Nothing reaches the sink unless load, model and Markdown found no problem.
pub fn render_site_to(
    opts: &BuildOptions,
    sink: &Sink<'_>,
) -> Result<(Site, Timings), Diagnostics> {
    render_site_for(opts, sink, false)
}

/// [`render_site_to`]; with `check_only`, templates are rendered for their
/// errors only and outputs that cannot hold a user's mistake are left empty
/// or out (see [`Renderer::check_only`]).
fn render_site_for(
    opts: &BuildOptions,
    sink: &Sink<'_>,
    check_only: bool,
) -> Result<(Site, Timings), Diagnostics> {
    let mode = stages::Mode {
        check_only,
        discovery: true,
        release_texts: true,
    };
    let run = stages::run(opts, &mut stages::Cold, mode, sink)?;
    if !opts.free_memory {
        std::mem::forget(run.docs);
        std::mem::forget(run.outputs);
    }
    Ok((run.site, run.timings))
}

/// What the model stage is asked: drafts, "now", and the feature wired in
/// (civic: its outputs' site paths and its checks).
pub(crate) fn model_options(opts: &BuildOptions) -> ModelOptions {
    ModelOptions {
        drafts: opts.drafts,
        now: opts.now,
        sort_keys: None,
        feature: crate::civic::FEATURE,
    }
}

/// The output paths handed out so far, and the directories they need: every
/// output path is claimed once, and a file cannot be where another output
/// needs a directory. `build`, `check` and `serve` all claim through it.
#[derive(Default, Clone)]
pub(crate) struct Claims {
    files: FxHashSet<String>,
    dirs: FxHashSet<String>,
}

impl Claims {
    /// Whether `path` is claimed as a file.
    pub(crate) fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// Claim every path, collecting one problem per refused claim.
    pub(crate) fn claim_all<'a>(
        &mut self,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Vec<Diagnostic> {
        paths
            .into_iter()
            .filter_map(|p| self.claim(p).err())
            .collect()
    }

    /// Claim one output path; refused when it is taken, is a directory of
    /// other outputs, or lies inside an output file.
    pub(crate) fn claim(&mut self, path: &str) -> Result<(), Diagnostic> {
        let clash = |msg: crate::messages::Msg, hint: crate::messages::Msg| {
            Err(Diagnostic::file("content", msg).with_hint(hint))
        };
        if self.dirs.contains(path) {
            return clash(
                crate::msg!("output-file-is-dir", path = path),
                crate::msg!("output-file-and-page-hint"),
            );
        }
        let ancestors = path.match_indices('/').map(|(i, _)| &path[..i]);
        // A known directory has known parents, none of them a file (a file
        // cannot be claimed where a directory is): the usual case, checked once.
        let parent_known = path
            .rfind('/')
            .is_some_and(|i| self.dirs.contains(&path[..i]));
        if !parent_known && let Some(dir) = ancestors.clone().find(|d| self.files.contains(*d)) {
            return clash(
                crate::msg!("output-inside-file", path = path, dir = dir),
                crate::msg!("output-file-and-page-hint"),
            );
        }
        if !self.files.insert(path.to_string()) {
            return clash(
                crate::msg!("output-duplicate", path = path),
                crate::msg!("output-duplicate-hint"),
            );
        }
        // Deepest first: once a directory is known, so are its parents.
        if !parent_known {
            for dir in ancestors.rev() {
                if !self.dirs.insert(dir.to_string()) {
                    break;
                }
            }
        }
        Ok(())
    }
}

/// `congxa build`: render, writing each file into a new tree that replaces
/// the output directory only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let output = opts.output_dir();
    let stage = write::Stage::open(&opts.root, &output).map_err(Diagnostics::from)?;
    let files = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let (mut site, mut timings) = render_site_to(opts, &|f| {
        let n = stage.write(&f)?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(n, Ordering::Relaxed);
        Ok(())
    })?;
    let t = Instant::now();
    stage.commit().map_err(Diagnostics::from)?;
    timings.push(("swap", t.elapsed()));
    let pages = site.pages.len();
    let warnings = Diagnostics(std::mem::take(&mut site.warnings));
    if !opts.free_memory {
        std::mem::forget(site);
    }
    Ok(BuildReport {
        pages,
        files: files.into_inner(),
        bytes: bytes.into_inner(),
        elapsed: start.elapsed(),
        output,
        timings,
        warnings,
    })
}

/// Outcome of a successful `check`.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    /// Outputs rendered to be checked (the search index is not made).
    pub files: usize,
    /// Likely mistakes that are no errors (see `Site::warnings`).
    pub warnings: Diagnostics,
}

/// `congxa check`: every validation of `build` (every template is rendered
/// for every output, so template errors on any page are found), nothing
/// written or kept; QR codes, broadcast scripts and the search index, which
/// cannot hold a user's mistake, are not made.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, Diagnostics> {
    let files = AtomicUsize::new(0);
    let (mut site, _) = render_site_for(
        opts,
        &|_| {
            files.fetch_add(1, Ordering::Relaxed);
            Ok(())
        },
        true,
    )?;
    let pages = site.pages.len();
    let warnings = Diagnostics(std::mem::take(&mut site.warnings));
    if !opts.free_memory {
        std::mem::forget(site);
    }
    Ok(CheckReport {
        pages,
        files: files.into_inner(),
        warnings,
    })
}

/// Markdown of every page and section, in parallel, with cross-document anchor
/// checks; with `full`, also what only a build's outputs need: the paragraphs
/// of every broadcast script and the plain text for the search index.
pub fn render_markdown(
    site: &Site,
    urls: &UrlMaker,
    full: bool,
) -> (RenderedDocs, Vec<Diagnostic>) {
    let pages: Vec<RenderedMarkdown> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| render_doc(site, urls, Target::Page(id), full).unwrap_or_default())
        .collect();
    let sections: Vec<Option<RenderedMarkdown>> = (0..site.sections.len())
        .into_par_iter()
        .map(|id| render_doc(site, urls, Target::Section(id), full))
        .collect();
    let docs = RenderedDocs { pages, sections };
    let problems = markdown_problems(site, &docs);
    (docs, problems)
}

/// The Markdown of one page or section (`None` for a section without `_index.md`);
/// with `full`, it keeps its plain text, and a page that gets a broadcast script
/// also gets its paragraphs.
pub fn render_doc(
    site: &Site,
    urls: &UrlMaker,
    target: Target,
    full: bool,
) -> Option<RenderedMarkdown> {
    let (doc, rel_dir, path) = match target {
        Target::Page(id) => {
            let p = &site.pages[id];
            let rel_dir = p
                .bundle_dir
                .clone()
                .unwrap_or_else(|| model::parent_dir(&p.doc.rel).to_string());
            (&p.doc, rel_dir, &p.path)
        }
        Target::Section(id) => {
            let s = &site.sections[id];
            (s.doc.as_ref()?, s.dir.clone(), &s.path)
        }
        Target::Generated | Target::Asset => return None,
    };
    let ctx = LinkContext {
        site,
        urls,
        rel_dir: &rel_dir,
        self_path: path,
        self_target: target,
        shown: &doc.shown,
        body_line: doc.body_line,
        file_text: &doc.text,
        speech: (full
            && matches!(target, Target::Page(id) if crate::civic::has_broadcast(&site.pages[id])))
        .then_some(crate::civic::speech_observer as markdown::MakeObserver),
        plain_text: full,
    };
    // A panic here is a bug in congxa; report it naming the file, as a problem.
    Some(
        crate::bug::catch(&doc.shown, || markdown::render(doc.body(), &ctx)).unwrap_or_else(|d| {
            RenderedMarkdown {
                problems: vec![d],
                ..Default::default()
            }
        }),
    )
}

/// Problems found while rendering Markdown, plus links to `#anchors` that the
/// target document does not have (checked once every document is rendered).
pub fn markdown_problems(site: &Site, docs: &RenderedDocs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let source_of = |t: Target| match t {
        Target::Page(id) => Some(&site.pages[id].doc),
        Target::Section(id) => site.sections[id].doc.as_ref(),
        _ => None,
    };
    let rendered_of = |t: Target| match t {
        Target::Page(id) => Some(&docs.pages[id]),
        Target::Section(id) => docs.sections[id].as_ref(),
        _ => None,
    };
    let all = docs
        .pages
        .iter()
        .enumerate()
        .map(|(i, r)| (Target::Page(i), r))
        .chain(
            docs.sections
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.as_ref().map(|r| (Target::Section(i), r))),
        );
    for (from, r) in all {
        problems.extend(r.problems.iter().cloned());
        let Some(from_doc) = source_of(from) else {
            continue;
        };
        // Past the first problems of a file, only count (line, col, count of the rest).
        let mut listed = 0usize;
        let mut left_out: Option<(usize, usize, usize)> = None;
        for a in &r.anchor_refs {
            let Some(target) = rendered_of(a.target) else {
                continue;
            };
            if !target.heading_ids.contains(&a.fragment) {
                if listed >= markdown::MAX_PROBLEMS_PER_FILE {
                    left_out.get_or_insert((a.line, a.col, 0)).2 += 1;
                    continue;
                }
                listed += 1;
                let target_name = source_of(a.target)
                    .map(|d| d.shown.display().to_string())
                    .unwrap_or_default();
                let mut known: Vec<&str> = target.heading_ids.iter().map(String::as_str).collect();
                known.sort();
                let hint =
                    match crate::diagnostics::did_you_mean(&a.fragment, known.iter().copied()) {
                        Some(s) => crate::msg!("did-you-mean", name = format!("#{s}")),
                        None if known.is_empty() => {
                            crate::msg!("anchor-no-headings", target = &target_name)
                        }
                        None => crate::msg!(
                            "anchor-headings-are",
                            target = &target_name,
                            list = format!(
                                "{}{}",
                                known
                                    .iter()
                                    .take(20)
                                    .map(|k| format!("#{k}"))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                if known.len() > 20 { ", …" } else { "" }
                            )
                        ),
                    };
                problems.push(
                    Diagnostic::new(
                        &from_doc.shown,
                        a.line,
                        a.col,
                        crate::msg!(
                            "anchor-missing",
                            anchor = &a.fragment,
                            target = &target_name
                        ),
                    )
                    .with_source(&from_doc.text)
                    .with_hint(hint),
                );
            }
        }
        if let Some((line, col, n)) = left_out {
            problems.push(
                Diagnostic::new(
                    &from_doc.shown,
                    line,
                    col,
                    crate::msg!("anchors-more-missing", n = n - 1),
                )
                .with_source(&from_doc.text)
                .with_hint(crate::msg!("first-problems-only-hint")),
            );
        }
    }
    problems
}

/// Front-matter `image:` must name a file that exists.
pub fn check_images(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &site.pages {
        let Some(img) = &p.image else { continue };
        // Outside addresses are not checked; refused ones are reported by the model.
        if !matches!(
            crate::urls::classify(img),
            crate::urls::UrlKind::SitePath(_)
        ) {
            continue;
        }
        let resolved = crate::render::resolve_image(site, p, img);
        let exists = site
            .routes
            .paths
            .get(&resolved)
            .is_some_and(|t| *t == Target::Asset);
        if !exists {
            let (l, c) = crate::diagnostics::yaml_key_position(p.doc.yaml(), "image")
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            out.push(
                Diagnostic::new(
                    &p.doc.shown,
                    l,
                    c,
                    crate::msg!("image-missing", image = img.as_str()),
                )
                .with_source(&p.doc.text)
                .with_hint(crate::msg!("image-missing-hint")),
            );
        }
    }
    out.extend(crate::images::front_matter_problems(site));
    out
}

/// Is `path` inside the site's output (so the watcher ignores it)?
pub fn is_output_path(opts: &BuildOptions, path: &Path) -> bool {
    path.starts_with(opts.output_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_are_claimed_once_and_files_never_hold_files() {
        let mut c = Claims::default();
        for ok in [
            "index.html",
            "a/b/index.html",
            "a/b/in/index.html",
            "a/c.txt",
        ] {
            assert!(c.claim(ok).is_ok(), "{ok}");
        }
        let refused = |c: &mut Claims, path: &str| {
            c.claim(path)
                .expect_err(path)
                .message
                .render(crate::messages::Lang::En)
        };
        assert!(refused(&mut c, "a/b/index.html").contains("duplicate output file"));
        // A file where outputs need a directory, at any depth.
        assert!(refused(&mut c, "a/b").contains("is also a directory"));
        assert!(refused(&mut c, "a").contains("is also a directory"));
        // Outputs inside a file, below a known directory or not.
        assert!(refused(&mut c, "a/c.txt/x.html").contains("inside output file `a/c.txt`"));
        assert!(c.claim("x/y.txt").is_ok());
        assert!(refused(&mut c, "x/y.txt/z/index.html").contains("inside output file `x/y.txt`"));
        // Refused claims leave nothing behind.
        assert!(c.claim("x/z/index.html").is_ok());
    }
}
