//! Civic outputs, what no generic generator gives a commune: the documents
//! register with filter pages (`register`), score charts (`scores`), printable
//! leaflets with a QR code (`leaflet`), loudspeaker broadcast scripts
//! (`broadcast`, with Vietnamese numbers in words from `words`).
//!
//! The core pipeline calls in at three points: `generated_paths` while the
//! model registers routes (so duplicates are caught and Markdown may link to
//! these pages), `register_helpers` when Tera is set up, and `render_all` after
//! the core jobs, for the extra files.

pub mod broadcast;
pub mod leaflet;
pub mod register;
pub mod scores;
pub mod words;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::model::{PageId, Site};
use crate::render::{Fingerprint, JobDeps, OutputFile, Renderer, output_file_of};

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
    /// A filtered register page (`Filter::All` is the core's `Job::Documents`).
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
        .filter(|f| *f != register::Filter::All)
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
/// errors). The whole register `/van-ban/` is claimed by the core.
pub fn generated_paths(site: &Site) -> Vec<(String, CivicJob)> {
    jobs(site)
        .into_iter()
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

/// What a civic output is, for a duplicate-URL report.
pub fn describe(site: &Site, job: &CivicJob) -> String {
    match job {
        CivicJob::Register(_) => "a documents register page".into(),
        CivicJob::Leaflet(id) => {
            format!("the leaflet of `{}`", site.pages[*id].doc.shown.display())
        }
        CivicJob::Broadcast(id) => format!(
            "the broadcast script of `{}`",
            site.pages[*id].doc.shown.display()
        ),
    }
}

/// Template functions of the civic outputs (`score_chart`).
pub fn register_helpers(tera: &mut Tera) {
    scores::register(tera);
}

/// Render the broadcast scripts (`broadcasts`) or every other civic output, in
/// parallel, handing each file to `sink` (which writes it or checks it);
/// returns the problems.
pub fn render_all(
    r: &Renderer<'_>,
    sink: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    broadcasts: bool,
) -> Vec<Diagnostic> {
    jobs(r.site)
        .par_iter()
        .filter(|j| matches!(j, CivicJob::Broadcast(_)) == broadcasts)
        .filter_map(|j| render_job(r, j).and_then(sink).err())
        .collect()
}

/// The explicit dependencies of a civic output (see [`Renderer::job_deps`]);
/// keep in step with [`render_job`].
pub fn job_deps(r: &Renderer<'_>, job: &CivicJob) -> JobDeps {
    let site = r.site;
    let mut own = Fingerprint::default();
    let mut cards = Vec::new();
    let mut contents = Vec::new();
    let mut sources = Vec::new();
    let path = match job {
        CivicJob::Register(filter) => {
            register::deps(site, filter, &mut cards, &mut own);
            register::path_of(filter)
        }
        CivicJob::Leaflet(id) => {
            let p = &site.pages[*id];
            r.page_value_deps(p, &mut cards, &mut contents, &mut own);
            if r.urls.relative {
                // The kiosk leaflet renders the article's Markdown again for its own path.
                sources.push(*id);
            }
            leaflet::path_of(&p.path)
        }
        CivicJob::Broadcast(id) => {
            let p = &site.pages[*id];
            sources.push(*id);
            own.add(&(&p.title, p.date.map(|d| d.local.date().to_string())));
            broadcast_path(&p.path)
        }
    };
    own.add(&job_kind(job));
    own.add(&path);
    JobDeps {
        output: output_file_of(&path),
        cards,
        contents,
        sources,
        own: own.finish(),
    }
}

fn job_kind(job: &CivicJob) -> &'static str {
    match job {
        CivicJob::Register(_) => "register",
        CivicJob::Leaflet(_) => "leaflet",
        CivicJob::Broadcast(_) => "broadcast",
    }
}

/// Render one civic output.
pub fn render_job(r: &Renderer<'_>, job: &CivicJob) -> Result<OutputFile, Diagnostic> {
    match job {
        CivicJob::Register(filter) => {
            let path = register::path_of(filter);
            let ctx = register::context(r, filter);
            let html = r.render_template("documents.html", &ctx).map_err(|e| {
                crate::templating::template_error(
                    &e,
                    r.template_paths,
                    Some(&format!("the documents register page {path}")),
                )
            })?;
            Ok(OutputFile::bytes(output_file_of(&path), html))
        }
        CivicJob::Leaflet(id) => leaflet::render(r, &r.site.pages[*id]),
        CivicJob::Broadcast(id) if r.check_only => Ok(OutputFile::bytes(
            output_file_of(&broadcast_path(&r.site.pages[*id].path)),
            Vec::new(),
        )),
        CivicJob::Broadcast(id) => {
            let p = &r.site.pages[*id];
            // Collected by the Markdown stage (and taken: a build makes each
            // script once); parsed here when they are not there, as when
            // `serve` makes a script again from a reused page.
            let mut paragraphs = r.docs.pages[*id].speech.take();
            if paragraphs.is_empty() {
                paragraphs = broadcast::body_paragraphs(p.doc.body()).join("\n");
            }
            let text = broadcast::script(&broadcast::ScriptInput {
                title: &p.title,
                date: p.date.map(|d| d.local.date()),
                paragraphs: &paragraphs,
                abbreviations: &r.site.config.abbreviations,
            });
            Ok(OutputFile::bytes(
                output_file_of(&broadcast_path(&p.path)),
                text.into_bytes(),
            ))
        }
    }
}
