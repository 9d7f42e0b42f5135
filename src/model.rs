//! Stage 2, model: turn loaded documents into the site's structure — sections,
//! pages with their URLs, governance indices and areas, tags, documents,
//! aliases — and validate everything that can be checked without rendering.
//!
//! The model is a small database: entities in vectors, relations as lists of
//! ids. Nothing here does I/O.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::dates::PageDate;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{Score, SortBy};
use crate::load::{Asset, Front, SourceDoc, Sources};
use crate::text::{VietnameseOrder, slugify};

mod checks;
mod lists;
mod pages;
mod routes;
mod sections;

use pages::{PageContext, PreparedPage, prepare_page};
use routes::Claimant;

pub type PageId = usize;
pub type SectionId = usize;
pub type IndexId = usize;
pub type TagId = usize;

/// Paths the generator itself owns; content may not take them.
pub const TAGS_PATH: &str = "/the/";
pub const DOCUMENTS_PATH: &str = "/van-ban/";
pub const SEARCH_PATH: &str = "/tim-kiem/";
pub const NOT_FOUND_PATH: &str = "/404.html";
/// The site's Atom feed; each governance index has its own `<index path>atom.xml`.
pub const FEED_PATH: &str = "/atom.xml";
pub const FEED_FILE: &str = "atom.xml";
pub const SITEMAP_PATH: &str = "/sitemap.xml";
pub const ROBOTS_PATH: &str = "/robots.txt";
/// Path segment of pagination pages: `/tin-tuc/trang/2/`.
pub const PAGE_SEGMENT: &str = "trang";

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub indices: Vec<GovIndex>,
    pub tags: Vec<Tag>,
    /// Pages with a `document:` block, newest issue date first.
    pub documents: Vec<PageId>,
    /// Pages with `pinned: true` (standing notices), newest first, then undated ones.
    pub pinned: Vec<PageId>,
    /// Every listed dated page, newest first (home, feeds).
    pub latest: Vec<PageId>,
    pub assets: Vec<OutputAsset>,
    pub routes: Routes,
    /// Sections in the main navigation, by `menu` weight.
    pub menu_sections: Vec<SectionId>,
    /// When the earliest future-dated page left out of this build comes due
    /// (`serve` rebuilds then).
    pub next_release: Option<Timestamp>,
    /// Likely mistakes that cannot be refused (a title cut by ` #`, a page
    /// dated in the future): printed, exit 0; `check --strict` fails on them.
    pub warnings: Vec<Diagnostic>,
    /// Site path of each photo or SVG file in `content/` → its content path.
    pub photo_sources: HashMap<String, String>,
    /// The photos the site shows, made by the image stage (empty until then).
    pub photos: crate::images::Photos,
}

/// One photo of a page's `gallery:`.
#[derive(Debug, Clone)]
pub struct GalleryItem {
    /// As written: relative to the page's file (or a site path).
    pub file: String,
    pub alt: String,
    pub caption: Option<String>,
}

#[derive(Debug)]
pub struct Page {
    pub id: PageId,
    pub doc: SourceDoc,
    pub title: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    /// Summary from front matter; the Markdown stage supplies the default.
    pub summary: Option<String>,
    pub indices: Vec<IndexId>,
    pub areas: Vec<(IndexId, usize)>,
    pub tags: Vec<TagId>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// `gallery:`, in order.
    pub gallery: Vec<GalleryItem>,
    pub author: Option<String>,
    pub draft: bool,
    pub slug: String,
    /// Site path, `/tin-tuc/bai/`.
    pub path: String,
    pub section: SectionId,
    pub weight: i64,
    pub lang: String,
    pub translation: Option<PageId>,
    pub document: Option<Document>,
    /// First in its section's lists and on the home page.
    pub pinned: bool,
    pub aliases: Vec<String>,
    /// Content-relative directory whose files are this page's assets (`<name>/index.md`).
    pub bundle_dir: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub number: String,
    pub issued: PageDate,
    pub issuer: String,
    pub kind: String,
    /// Site path and byte size of the attached file.
    pub file: Option<(String, u64)>,
    /// Date it takes effect (ngày hiệu lực), when given.
    pub effective: Option<PageDate>,
    /// Legal force as written (`Còn hiệu lực`), when given.
    pub status: Option<String>,
    /// Trích yếu as written, when given (the page title stands for it otherwise).
    pub excerpt: Option<String>,
}

#[derive(Debug)]
pub struct Section {
    pub id: SectionId,
    pub doc: Option<SourceDoc>,
    /// Content-relative directory (`""` for the home section).
    pub dir: String,
    pub path: String,
    pub title: String,
    pub description: String,
    pub sort_by: SortBy,
    pub paginate: usize,
    pub menu: Option<i64>,
    /// Language of the section's list pages.
    pub lang: String,
    pub index: Option<IndexId>,
    pub parent: Option<SectionId>,
    pub subsections: Vec<SectionId>,
    /// Pages directly in this section, in `sort_by` order.
    pub pages: Vec<PageId>,
}

#[derive(Debug)]
pub struct GovIndex {
    pub id: IndexId,
    pub key: String,
    pub section: SectionId,
    pub code: String,
    pub name: String,
    pub publisher: String,
    pub areas: Vec<Area>,
    pub scores: Vec<Score>,
    /// Pages naming this index or living in its section, newest first.
    pub pages: Vec<PageId>,
    pub path: String,
}

#[derive(Debug)]
pub struct Area {
    pub key: String,
    pub title: String,
    pub summary: String,
    pub path: String,
    pub pages: Vec<PageId>,
}

#[derive(Debug)]
pub struct Tag {
    pub id: TagId,
    pub name: String,
    pub slug: String,
    pub path: String,
    pub pages: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct OutputAsset {
    pub src: Asset,
    /// Site path of the copy.
    pub path: String,
}

/// What a site path or a content file leads to; used to check and rewrite links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Page(PageId),
    Section(SectionId),
    /// A page the generator makes (index area, tag, register, ...).
    Generated,
    Asset,
}

#[derive(Debug, Default)]
pub struct Routes {
    /// Site path → target.
    pub paths: HashMap<String, Target>,
    /// Content-relative `.md` path → target.
    pub sources: HashMap<String, Target>,
    /// Content-relative asset path → site path.
    pub assets: HashMap<String, String>,
    /// Content files left out of this build (drafts, future), for better hints.
    pub excluded: HashSet<String>,
}

/// Options that change which pages exist.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    pub drafts: bool,
    pub now: Timestamp,
    /// Sort keys kept between builds (`serve`), else made afresh.
    pub sort_keys: Option<std::sync::Arc<crate::text::SortKeys>>,
    /// What the feature the pipeline wires in (civic) adds to the model.
    pub feature: Feature,
}

/// What a feature wired in by the pipeline (civic) adds to the model: the
/// site paths its outputs take (claimed with the others, so duplicates are
/// caught and Markdown may link to them), what the output at one of them is
/// (for a duplicate report), and its own checks of the finished model. The
/// model knows no feature by name.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    pub paths: fn(&Site) -> Vec<String>,
    pub describe: fn(&Site, &str) -> crate::messages::Msg,
    pub checks: fn(&Site) -> Vec<Diagnostic>,
}

impl Feature {
    /// No feature: the core site alone.
    pub const NONE: Feature = Feature {
        paths: no_paths,
        describe: a_path,
        checks: no_checks,
    };
}

fn no_paths(_: &Site) -> Vec<String> {
    Vec::new()
}

fn a_path(_: &Site, path: &str) -> crate::messages::Msg {
    crate::msg!("what-output", path = path)
}

fn no_checks(_: &Site) -> Vec<Diagnostic> {
    Vec::new()
}

/// The site paths a feature claims, and how to say what one is.
pub(crate) struct Generated {
    paths: Vec<String>,
    describe: fn(&Site, &str) -> crate::messages::Msg,
}

/// Build the site model from loaded sources. Returns the model even when
/// problems were found, so later stages can report their problems too.
pub fn build_model(
    config: Config,
    sources: Sources,
    opts: ModelOptions,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let order = VietnameseOrder::with_memo(opts.sort_keys.clone());
    let Sources { docs, assets } = sources;
    let (section_docs, page_docs): (Vec<_>, Vec<_>) = docs
        .into_iter()
        .partition(|d| matches!(d.front, Front::Section(_)));

    // Sections, by content directory; then governance indices.
    let sections::Sections {
        mut sections,
        by_dir: section_by_dir,
        index_blocks,
    } = sections::build_sections(&config, section_docs, &mut problems);
    let mut indices = sections::build_indices(&mut sections, index_blocks, &mut problems);
    let index_by_key: HashMap<String, IndexId> =
        indices.iter().map(|i| (i.key.clone(), i.id)).collect();

    // Pages. Each page on its own, in parallel (front matter checks, slugs,
    // dates, indices and areas, the attached document, aliases)...
    let mut routes = Routes::default();
    let asset_sizes: HashMap<&str, u64> = assets.iter().map(|a| (a.rel.as_str(), a.size)).collect();
    let shared = PageContext {
        config: &config,
        opts: &opts,
        indices: &indices,
        index_by_key: &index_by_key,
        section_by_dir: &section_by_dir,
        asset_sizes: &asset_sizes,
    };
    let mut prepared: Vec<PreparedPage> = page_docs
        .into_par_iter()
        .map(|doc| prepare_page(doc, &shared))
        .collect();
    let mut warnings: Vec<Diagnostic> = prepared
        .iter_mut()
        .flat_map(|p| std::mem::take(&mut p.warnings))
        .collect();
    for s in &sections {
        if let Some(doc) = &s.doc {
            warnings.extend(pages::cut_by_comment(
                doc,
                &[
                    ("title", crate::msg!("field-title")),
                    ("description", crate::msg!("field-description")),
                ],
            ));
        }
    }
    // ...then, in file order, what pages share: ids, tags, bundles.
    let lists::Joined {
        mut pages,
        mut tags,
        bundle_dirs,
        excluded_bundles,
        pending_translations,
        next_release,
    } = lists::join_pages(prepared, &mut routes, &mut problems);

    // Assets: bundle assets move with their page; others keep their path.
    let out_assets =
        lists::place_assets(assets, &pages, &bundle_dirs, &excluded_bundles, &mut routes);
    lists::resolve_document_files(&mut pages, &routes, &mut problems);
    lists::link_translations(&mut pages, pending_translations, &mut problems);

    // Lists: sections, indices, areas, tags, documents, latest, menu.
    let latest = lists::sort_lists(
        &order,
        &mut pages,
        &mut sections,
        &mut indices,
        &mut tags,
        &mut problems,
    );
    let documents = lists::documents(&order, &pages);
    let pinned = lists::pinned(&pages, &latest);
    let menu_sections = lists::menu(&order, &sections);

    let mut site = Site {
        config,
        pages,
        sections,
        indices,
        tags,
        documents,
        pinned,
        latest,
        assets: out_assets,
        routes,
        menu_sections,
        next_release,
        warnings: Vec::new(),
        photo_sources: HashMap::default(),
        photos: Default::default(),
    };
    site.photo_sources = site
        .assets
        .iter()
        .filter(|a| {
            crate::images::is_photo_path(&a.src.rel)
                || a.src.rel.to_ascii_lowercase().ends_with(".svg")
        })
        .map(|a| (a.path.clone(), a.src.rel.clone()))
        .collect();
    let routes = std::mem::take(&mut site.routes);
    let (routes, p) = routes::register_routes(&site, routes, &opts.feature);
    site.routes = routes;
    problems.extend(p);
    problems.extend(checks::site_links(&site));
    warnings.sort();
    site.warnings = warnings;
    (site, problems)
}

pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map(|i| &rel[..i]).unwrap_or("")
}

fn last_segment(rel: &str) -> &str {
    rel.rfind('/').map(|i| &rel[i + 1..]).unwrap_or(rel)
}

/// Site path of a content directory, slugging each segment: `Tin tức/x` → `/tin-tuc/x/`.
pub fn dir_path(dir: &str) -> String {
    let mut p = String::from("/");
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        let s = slugify(seg);
        p.push_str(if s.is_empty() { seg } else { &s });
        p.push('/');
    }
    p
}

fn nearest_section(by_dir: &BTreeMap<String, SectionId>, mut dir: &str) -> SectionId {
    loop {
        if let Some(&id) = by_dir.get(dir) {
            return id;
        }
        if dir.is_empty() {
            unreachable!("the home section always exists");
        }
        dir = parent_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::pages::{page_location, split_date_prefix};
    use super::*;

    #[test]
    fn page_locations() {
        assert_eq!(page_location("tin-tuc/bai.md"), ("tin-tuc", "bai", false));
        assert_eq!(
            page_location("tin-tuc/bai/index.md"),
            ("tin-tuc", "bai", true)
        );
        assert_eq!(page_location("lien-he.md"), ("", "lien-he", false));
    }

    #[test]
    fn date_prefixes() {
        assert_eq!(
            split_date_prefix("2024-07-16-ke-hoach"),
            (Some("2024-07-16"), "ke-hoach")
        );
        assert_eq!(split_date_prefix("ke-hoach"), (None, "ke-hoach"));
        assert_eq!(dir_path("Tin tức/Mới"), "/tin-tuc/moi/");
        assert_eq!(dir_path(""), "/");
    }
}
