//! Civic outputs, what no generic generator gives a commune: the documents
//! register with filter pages (`register`), score charts (`scores`), printable
//! leaflets with a QR code (`leaflet`), loudspeaker broadcast scripts
//! (`broadcast`, with Vietnamese numbers in words from `words`).
//!
//! Civic depends on the core; the core never imports civic. The pipeline wires
//! it in: [`FEATURE`] for the model (the civic outputs' site paths, so
//! duplicates are caught and Markdown may link to these pages, and the QR code
//! check), [`speech_observer`] for the Markdown stage, [`register_helpers`] when
//! Tera is set up, and its jobs ([`jobs`]) beside the core ones
//! (`pipeline::stages::outputs`).

pub mod broadcast;
pub mod leaflet;
pub mod register;
pub mod scores;
pub mod words;

use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::model::{Page, PageId, Site, Target};
use crate::render::{Describe, Make, Recipe, Renderer, Scene};

/// File name of the broadcast script under its article: `/tin-tuc/bai/truyen-thanh.txt`.
pub const BROADCAST_FILE: &str = "truyen-thanh.txt";

/// Language of the loudspeaker broadcasts; pages in other languages get none.
pub const BROADCAST_LANG: &str = "vi";

/// `/tin-tuc/bai/` → `/tin-tuc/bai/truyen-thanh.txt`.
pub fn broadcast_path(page_path: &str) -> String {
    format!("{page_path}{BROADCAST_FILE}")
}

/// One civic output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CivicJob {
    /// A register page: the whole register (`Filter::All`, `/van-ban/`) or a filtered one.
    Register(register::Filter),
    Leaflet(PageId),
    Broadcast(PageId),
}

/// Does page `p` get a broadcast script? (Those are read in Vietnamese.)
pub fn has_broadcast(p: &crate::model::Page) -> bool {
    p.lang == BROADCAST_LANG
}

/// Every civic output of the site, in a stable order.
pub fn jobs(site: &Site) -> Vec<CivicJob> {
    let mut jobs: Vec<CivicJob> = register::filters(site)
        .into_iter()
        .map(CivicJob::Register)
        .collect();
    for p in &site.pages {
        jobs.push(CivicJob::Leaflet(p.id));
        if has_broadcast(p) {
            jobs.push(CivicJob::Broadcast(p.id));
        }
    }
    jobs
}

/// Site paths the civic outputs will take, with what they are (for duplicate-URL
/// errors). The whole register `/van-ban/` is claimed by the model itself.
pub fn generated_paths(site: &Site) -> Vec<(String, CivicJob)> {
    use rayon::prelude::*;
    jobs(site)
        .into_par_iter()
        .filter(|j| *j != CivicJob::Register(register::Filter::All))
        .map(|j| {
            let path = match &j {
                CivicJob::Register(f) => register::path_of(f),
                CivicJob::Leaflet(id) => leaflet::path_of(&site.pages[*id].path),
                CivicJob::Broadcast(id) => broadcast_path(&site.pages[*id].path),
            };
            (path, j)
        })
        .collect()
}

/// What civic adds to the model (wired in by the pipeline): the site paths of
/// its outputs, what the output at one of them is, and the QR code check.
pub const FEATURE: crate::model::Feature = crate::model::Feature {
    paths: claimed_paths,
    describe: describe_path,
    checks: qr_codes,
};

fn claimed_paths(site: &Site) -> Vec<String> {
    generated_paths(site).into_iter().map(|(p, _)| p).collect()
}

/// What the civic output at `path` is (looked up only for a duplicate report).
fn describe_path(site: &Site, path: &str) -> crate::messages::Msg {
    generated_paths(site)
        .into_iter()
        .find(|(p, _)| p == path)
        .map_or_else(
            || crate::msg!("what-output", path = path),
            |(_, job)| describe(site, &job),
        )
}

/// Pages whose leaflet cannot carry a QR code of the article's address.
fn qr_codes(site: &Site) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    site.pages
        .par_iter()
        .filter_map(|p| {
            let url = site.config.absolute_url(&p.path);
            let why = leaflet::qr_problem(&url)?;
            let (l, c) = crate::diagnostics::yaml_key_position(p.doc.yaml(), "slug")
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            Some(
                Diagnostic::new(&p.doc.shown, l, c, why)
                    .with_source(&p.doc.text)
                    .with_hint(crate::msg!("leaflet-qr-too-long-hint")),
            )
        })
        .collect()
}

/// What a civic output is, for a duplicate-URL report.
pub fn describe(site: &Site, job: &CivicJob) -> crate::messages::Msg {
    use crate::msg;
    match job {
        CivicJob::Register(_) => msg!("what-register-page"),
        CivicJob::Leaflet(id) => msg!(
            "what-leaflet-of",
            file = site.pages[*id].doc.shown.display().to_string()
        ),
        CivicJob::Broadcast(id) => msg!(
            "what-broadcast-of",
            file = site.pages[*id].doc.shown.display().to_string()
        ),
    }
}

/// The file a civic output is made from, for reporting a bug in it.
pub fn source_of(r: &Renderer<'_>, job: &CivicJob) -> std::path::PathBuf {
    match job {
        CivicJob::Register(_) => r
            .template_paths
            .get("documents.html")
            .cloned()
            .unwrap_or_else(|| "documents.html".into()),
        CivicJob::Leaflet(id) | CivicJob::Broadcast(id) => r.site.pages[*id].doc.shown.clone(),
    }
}

/// The broadcast script's paragraphs, collected by the Markdown stage from
/// the article's own parse (plugged in by the pipeline).
pub fn speech_observer(bytes: usize) -> Box<dyn crate::markdown::Observer> {
    Box::new(broadcast::Walker::with_capacity(bytes))
}

impl crate::markdown::Observer for broadcast::Walker {
    fn event(&mut self, ev: &pulldown_cmark::Event<'_>) {
        broadcast::Walker::event(self, ev)
    }
    fn finish(self: Box<Self>) -> String {
        self.finish_lines()
    }
}

/// Template functions of the civic outputs (`score_chart`).
pub fn register_helpers(tera: &mut Tera) {
    scores::register(tera);
}

impl Describe for CivicJob {
    fn describe<'r, 'a, S: Scene<'a>>(
        &self,
        r: &'r Renderer<'a>,
        s: &mut S,
    ) -> Result<Recipe<'r>, Diagnostic> {
        let site = r.site;
        Ok(match self {
            CivicJob::Register(filter) => {
                register::describe(r, s, filter);
                let path = register::path_of(filter);
                let what = match filter {
                    register::Filter::All => crate::msg!("what-register"),
                    _ => crate::msg!("what-register-filter", path = &path),
                };
                Recipe {
                    what,
                    path,
                    kind: "register",
                    make: Make::Template("documents.html"),
                }
            }
            CivicJob::Leaflet(id) => describe_leaflet(r, s, &site.pages[*id])?,
            &CivicJob::Broadcast(id) => {
                let p = &site.pages[id];
                let path = broadcast_path(&p.path);
                let date = p.date.map(|d| d.local.date());
                s.value("broadcast", &(&p.title, date.map(|d| d.to_string())));
                s.source(id);
                let make: Box<dyn FnOnce() -> Vec<u8>> = if r.check_only {
                    Box::new(Vec::new)
                } else {
                    Box::new(move || {
                        // Collected by the Markdown stage (and taken: a build
                        // makes each script once); parsed here when they are not
                        // there, as when `serve` makes a script again from a
                        // reused page.
                        let mut paragraphs = r.docs.pages[id].speech.take();
                        if paragraphs.is_empty() {
                            paragraphs = broadcast::body_paragraphs(p.doc.body()).join("\n");
                        }
                        let text = broadcast::script(&broadcast::ScriptInput {
                            title: &p.title,
                            date,
                            paragraphs: &paragraphs,
                            abbreviations: &site.config.abbreviations,
                        });
                        text.into_bytes()
                    })
                };
                Recipe {
                    what: crate::msg!("what-broadcast", path = &path),
                    path,
                    kind: "broadcast",
                    make: Make::Bytes(make),
                }
            }
        })
    }
}

/// The leaflet of page `p`: the page, and `leaflet`: the article's canonical
/// absolute URL (what the QR code says); the inline `<svg>` of the QR code
/// (decorative for screen readers: `aria-hidden`; the template prints the URL
/// beside it); the article's HTML, shared, not copied (links relative to the
/// leaflet in a kiosk build).
fn describe_leaflet<'r, 'a, S: Scene<'a>>(
    r: &'r Renderer<'a>,
    s: &mut S,
    p: &'a Page,
) -> Result<Recipe<'r>, Diagnostic> {
    let (site, urls, check_only, docs) = (r.site, r.urls, r.check_only, r.docs);
    let path = leaflet::path_of(&p.path);
    let url = urls.absolute(&p.path);
    s.base(&path, &p.lang, "leaflet");
    s.page(p);
    // In a kiosk build the article's links are relative to the article; the
    // leaflet sits one directory deeper, so its copy of the article is
    // rendered again for its own path (from the source).
    let sources = if urls.relative {
        vec![p.id]
    } else {
        Vec::new()
    };
    let make = || {
        let qr = if check_only {
            String::new()
        } else {
            leaflet::qr_svg(&url, &r.shared.get::<leaflet::QrCache>())
                .map_err(|m| Diagnostic::new(&p.doc.shown, 1, 1, m))?
        };
        let content = if urls.relative {
            let rel_dir = p
                .bundle_dir
                .clone()
                .unwrap_or_else(|| crate::model::parent_dir(&p.doc.rel).to_string());
            let ctx = crate::markdown::LinkContext {
                site,
                urls,
                rel_dir: &rel_dir,
                self_path: &path,
                self_target: Target::Page(p.id),
                shown: &p.doc.shown,
                body_line: p.doc.body_line,
                file_text: &p.doc.text,
                speech: None,
                plain_text: false,
            };
            crate::markdown::render(p.doc.body(), &ctx).html.value()
        } else {
            docs.pages[p.id].html.value()
        };
        let mut leaflet = tera::Map::default();
        leaflet.insert("url".into(), tera::Value::from(url.as_str()));
        leaflet.insert("qr_svg".into(), tera::Value::from(qr));
        leaflet.insert("content".into(), content);
        Ok(tera::Value::from(leaflet))
    };
    s.made("leaflet", &url, &[Target::Page(p.id)], &sources, make)?;
    Ok(Recipe {
        what: crate::msg!(
            "what-leaflet",
            path = &path,
            file = p.doc.shown.display().to_string()
        ),
        path,
        kind: "leaflet",
        make: Make::Template("leaflet.html"),
    })
}
