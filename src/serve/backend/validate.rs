//! "Validated like a build before it is saved": a change the admin asks for
//! (articles written, moved or deleted, photos added) is applied to the
//! site's sources in memory and the site is checked as `congxa check` does
//! (front matter through the normal loader, the model, Markdown links,
//! templates). The change is refused when the files it writes have any
//! problem, or when it gives the rest of the site a problem it did not have
//! (a link to the article just deleted).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Asset, Sources};
use crate::messages::{Lang, Msg};
use crate::model::Site;
use crate::pipeline::BuildOptions;
use crate::pipeline::stages::{self, Caches, Cold, Output, Selection, Templates};
use crate::render::{RenderedDocs, Renderer};
use crate::urls::UrlMaker;

/// One change to the sources, in `content/`-relative paths.
#[derive(Debug, Clone)]
pub enum Change {
    /// A Markdown file with these bytes (new or replaced).
    PutDoc { rel: String, bytes: Vec<u8> },
    /// A file (already written to `abs`, a hidden temp file) at `rel`.
    PutAsset {
        rel: String,
        abs: PathBuf,
        size: u64,
    },
    /// A file gone.
    Remove { rel: String },
    /// A folder and everything in it gone.
    RemoveDir { rel: String },
    /// A folder renamed (an article bundle getting a new slug).
    MoveDir { from: String, to: String },
}

/// The sources as they would be after `changes`; a Markdown file that does
/// not even parse is a problem at once.
fn apply(mut sources: Sources, changes: &[Change]) -> Result<Sources, Vec<Diagnostic>> {
    let under = |rel: &str, dir: &str| rel.strip_prefix(dir).is_some_and(|r| r.starts_with('/'));
    for change in changes {
        match change {
            Change::PutDoc { rel, bytes } => {
                let shown = PathBuf::from(crate::load::CONTENT_DIR).join(rel);
                let doc = crate::load::parse_doc(shown, rel.clone(), bytes)?;
                sources.docs.retain(|d| &d.rel != rel);
                sources.docs.push(doc);
            }
            Change::PutAsset { rel, abs, size } => {
                sources.assets.retain(|a| &a.rel != rel);
                sources.assets.push(Asset {
                    rel: rel.clone(),
                    abs: abs.clone(),
                    size: *size,
                });
            }
            Change::Remove { rel } => {
                sources.docs.retain(|d| &d.rel != rel);
                sources.assets.retain(|a| &a.rel != rel);
            }
            Change::RemoveDir { rel } => {
                sources.docs.retain(|d| !under(&d.rel, rel));
                sources.assets.retain(|a| !under(&a.rel, rel));
            }
            Change::MoveDir { from, to } => {
                let moved = |rel: &str| format!("{to}{}", &rel[from.len()..]);
                for d in sources.docs.iter_mut().filter(|d| under(&d.rel, from)) {
                    d.rel = moved(&d.rel);
                    d.shown = PathBuf::from(crate::load::CONTENT_DIR).join(&d.rel);
                }
                // (The files stay where they are until the change is saved.)
                for a in sources.assets.iter_mut().filter(|a| under(&a.rel, from)) {
                    a.rel = moved(&a.rel);
                }
            }
        }
    }
    sources.docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    sources.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(sources)
}

/// A full build's stages, reading these sources instead of the disk.
struct Overlay {
    sources: Option<(Sources, Vec<Diagnostic>)>,
}

impl Caches for Overlay {
    fn config(&mut self, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
        Cold.config(opts)
    }
    fn templates(
        &mut self,
        opts: &BuildOptions,
        config: &Config,
        urls: &UrlMaker,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        Cold.templates(opts, config, urls)
    }
    fn sources(&mut self, opts: &BuildOptions) -> (Sources, Vec<Diagnostic>) {
        self.sources.take().unwrap_or_else(|| Cold.sources(opts))
    }
    fn markdown(
        &mut self,
        site: &Site,
        urls: &UrlMaker,
        full: bool,
    ) -> (RenderedDocs, Vec<Diagnostic>) {
        Cold.markdown(site, urls, full)
    }
    fn cards(&mut self, site: &Site, docs: &RenderedDocs) -> Vec<tera::Value> {
        Cold.cards(site, docs)
    }
    fn select(&mut self, r: &Renderer<'_>, outputs: &[Output]) -> Selection {
        Cold.select(r, outputs)
    }
    fn failed(&mut self, _: Site, _: RenderedDocs) {}
}

/// Every problem `congxa check --drafts` finds in these sources.
fn problems_of(opts: &BuildOptions, sources: (Sources, Vec<Diagnostic>)) -> Vec<Diagnostic> {
    let mode = stages::Mode {
        check_only: true,
        discovery: true,
        release_texts: true,
    };
    let mut caches = Overlay {
        sources: Some(sources),
    };
    match stages::run(opts, &mut caches, mode, &|_| Ok(())) {
        Ok(_) => Vec::new(),
        Err(Diagnostics(problems)) => problems,
    }
}

/// Check `changes` against the site at `root`; `Err` holds the problems
/// the change would make (see [`refusal`] for the editor's words). `lang` is
/// the language of the texts made while rendering (`range()` misuse).
pub fn validate(
    root: &std::path::Path,
    changes: &[Change],
    lang: Lang,
) -> Result<(), Vec<Diagnostic>> {
    let mut opts = BuildOptions::new(root);
    opts.drafts = true;
    opts.lang = lang;
    let (before, load_problems) = crate::load::load_content(root);
    let touched: HashSet<PathBuf> = changes
        .iter()
        .filter_map(|c| match c {
            Change::PutDoc { rel, .. } | Change::PutAsset { rel, .. } => {
                Some(PathBuf::from(crate::load::CONTENT_DIR).join(rel))
            }
            _ => None,
        })
        .collect();
    let after = apply(clone_sources(&before), changes)?;
    let new_problems = problems_of(&opts, (after, load_problems.clone()));
    if new_problems.is_empty() {
        return Ok(());
    }
    // Problems the site already had, in files this change does not write,
    // are not this change's doing.
    let old: HashSet<(PathBuf, crate::messages::Msg)> = problems_of(&opts, (before, load_problems))
        .into_iter()
        .map(|d| (d.path, d.message))
        .collect();
    let own: Vec<Diagnostic> = new_problems
        .into_iter()
        .filter(|d| {
            touched.contains(&d.path) || !old.contains(&(d.path.clone(), d.message.clone()))
        })
        .collect();
    if own.is_empty() { Ok(()) } else { Err(own) }
}

fn clone_sources(s: &Sources) -> Sources {
    Sources {
        docs: s.docs.clone(),
        assets: s.assets.clone(),
    }
}

/// What the admin shows when a change is refused: a first line (`saving`:
/// not saved, else not deleted), then every problem as `congxa check` prints
/// it, in `lang`.
pub fn refusal(problems: &[Diagnostic], saving: bool, lang: Lang) -> Msg {
    let head = if saving {
        crate::msg!("backend-not-saved", n = problems.len())
    } else {
        crate::msg!("backend-not-deleted", n = problems.len())
    };
    let mut out = head.render(lang);
    out.push_str("\n\n");
    for d in problems {
        out.push_str(&d.render(lang));
        out.push_str("\n\n");
    }
    Msg::from(out.trim_end())
}
