//! Stage 2, model: turn loaded documents into the site's structure — sections,
//! pages with their URLs, governance indices and areas, tags, documents,
//! aliases — and validate everything that can be checked without rendering.
//!
//! The model is a small database: entities in vectors, relations as lists of
//! ids. Nothing here does I/O.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use jiff::Timestamp;

use crate::config::Config;
use crate::dates::PageDate;
use crate::diagnostics::{Diagnostic, did_you_mean, yaml_item_position, yaml_key_position};
use crate::frontmatter::{DocumentFrontMatter, Score, SortBy};
use crate::load::{Asset, Front, SourceDoc, Sources};
use crate::text::{VietnameseOrder, slugify};
use crate::urls::{UrlKind, fields::refused, join_relative};
use rayon::prelude::*;

mod checks;

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
    /// Every listed dated page, newest first (home, feeds).
    pub latest: Vec<PageId>,
    pub assets: Vec<OutputAsset>,
    pub routes: Routes,
    /// Sections in the main navigation, by `menu` weight.
    pub menu_sections: Vec<SectionId>,
    /// When the earliest future-dated page left out of this build comes due
    /// (`serve` rebuilds then).
    pub next_release: Option<Timestamp>,
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
#[derive(Debug, Clone, Copy)]
pub struct ModelOptions {
    pub drafts: bool,
    pub now: Timestamp,
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
    pub describe: fn(&Site, &str) -> String,
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

fn a_path(_: &Site, path: &str) -> String {
    format!("the output `{path}`")
}

fn no_checks(_: &Site) -> Vec<Diagnostic> {
    Vec::new()
}

/// The site paths a feature claims, and how to say what one is.
pub(crate) struct Generated {
    paths: Vec<String>,
    describe: fn(&Site, &str) -> String,
}

/// Build the site model from loaded sources. Returns the model even when
/// problems were found, so later stages can report their problems too.
pub fn build_model(
    config: Config,
    sources: Sources,
    opts: ModelOptions,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let order = VietnameseOrder::new();
    let Sources { docs, assets } = sources;
    let (section_docs, page_docs): (Vec<_>, Vec<_>) = docs
        .into_iter()
        .partition(|d| matches!(d.front, Front::Section(_)));

    // Sections, by content directory.
    let mut sections: Vec<Section> = Vec::new();
    let mut section_by_dir: BTreeMap<String, SectionId> = BTreeMap::new();
    let mut index_blocks = Vec::new();
    for doc in section_docs {
        let dir = parent_dir(&doc.rel).to_string();
        let _processing = crate::bug::processing(&doc.shown);
        let Front::Section(fm) = &doc.front else {
            unreachable!("partitioned above")
        };
        let fm = (**fm).clone();
        let id = sections.len();
        let path = dir_path(&dir);
        let title = fm.title.clone().unwrap_or_else(|| {
            if dir.is_empty() {
                config.title.clone()
            } else {
                last_segment(&dir).to_string()
            }
        });
        if let Some(p) = fm.paginate
            && p == 0
        {
            let (l, c) = yaml_key_position(doc.yaml(), "paginate")
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            problems.push(
                Diagnostic::new(&doc.shown, l, c, "`paginate` must be at least 1")
                    .with_source(&doc.text),
            );
        }
        if let Some(ix) = fm.index.clone() {
            index_blocks.push((id, ix));
        }
        if let Some(l) = fm.lang.as_deref().filter(|l| *l != "vi" && *l != "en") {
            let (line, col) = yaml_key_position(doc.yaml(), "lang")
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            problems.push(
                Diagnostic::new(&doc.shown, line, col, format!("unsupported language `{l}`"))
                    .with_source(&doc.text)
                    .with_hint("use `lang: vi` or `lang: en`"),
            );
        }
        sections.push(Section {
            id,
            dir: dir.clone(),
            path,
            title,
            description: fm.description.clone(),
            sort_by: fm.sort_by.unwrap_or_default(),
            paginate: fm.paginate.filter(|p| *p > 0).unwrap_or(config.paginate),
            menu: fm.menu,
            lang: fm.lang.clone().unwrap_or_else(|| config.language.clone()),
            index: None,
            parent: None,
            subsections: Vec::new(),
            pages: Vec::new(),
            doc: Some(doc),
        });
        section_by_dir.insert(dir, id);
    }
    if !section_by_dir.contains_key("") {
        let id = sections.len();
        sections.push(Section {
            id,
            doc: None,
            dir: String::new(),
            path: "/".into(),
            title: config.title.clone(),
            description: config.description.clone(),
            sort_by: SortBy::Date,
            paginate: config.paginate,
            menu: None,
            lang: config.language.clone(),
            index: None,
            parent: None,
            subsections: Vec::new(),
            pages: Vec::new(),
        });
        section_by_dir.insert(String::new(), id);
    }
    // Parents: nearest ancestor directory with a section.
    for id in 0..sections.len() {
        if sections[id].dir.is_empty() {
            continue;
        }
        let parent = nearest_section(&section_by_dir, parent_dir(&sections[id].dir));
        sections[id].parent = Some(parent);
        sections[parent].subsections.push(id);
    }

    // Governance indices.
    let mut indices: Vec<GovIndex> = Vec::new();
    for (sid, ix) in index_blocks {
        let (sec_dir, sec_path) = (sections[sid].dir.clone(), sections[sid].path.clone());
        let doc = sections[sid]
            .doc
            .clone()
            .expect("index sections come from files");
        let key = last_segment(&sec_dir).to_string();
        if sec_dir.is_empty() {
            problems.push(
                Diagnostic::new(&doc.shown, 1, 1, "the home page cannot be a governance index")
                    .with_hint("move the `index:` block to `content/<key>/_index.md`, e.g. `content/sipas/_index.md`"),
            );
            continue;
        }
        let mut seen = HashSet::default();
        let mut areas = Vec::new();
        for a in &ix.areas {
            let pos = yaml_item_position(doc.yaml(), "index", &a.key)
                .map(|(l, c)| (l + 1, c))
                .unwrap_or((1, 1));
            if slugify(&a.key) != a.key {
                problems.push(
                    Diagnostic::new(
                        &doc.shown,
                        pos.0,
                        pos.1,
                        format!("area key `{}` is not a URL slug", a.key),
                    )
                    .with_source(&doc.text)
                    .with_hint(format!("use `{}`", slugify(&a.key))),
                );
            }
            if !seen.insert(a.key.clone()) {
                problems.push(
                    Diagnostic::new(
                        &doc.shown,
                        pos.0,
                        pos.1,
                        format!("area key `{}` is declared twice", a.key),
                    )
                    .with_source(&doc.text),
                );
                continue;
            }
            areas.push(Area {
                key: a.key.clone(),
                title: a.title.clone(),
                summary: a.summary.clone(),
                path: format!("{}{}/", sec_path, a.key),
                pages: Vec::new(),
            });
        }
        for s in &ix.scores {
            if s.source.trim().is_empty() {
                let pos = yaml_key_position(doc.yaml(), "index")
                    .map(|(l, c)| (l + 1, c))
                    .unwrap_or((1, 1));
                problems.push(
                    Diagnostic::new(
                        &doc.shown,
                        pos.0,
                        pos.1,
                        format!("score for {} has no source", s.year),
                    )
                    .with_hint("every score needs `source:` naming where it was published"),
                );
            }
        }
        let id = indices.len();
        sections[sid].index = Some(id);
        indices.push(GovIndex {
            id,
            key,
            section: sid,
            code: ix.code,
            name: ix.name,
            publisher: ix.publisher,
            areas,
            scores: ix.scores,
            pages: Vec::new(),
            path: sec_path.clone(),
        });
    }
    let index_by_key: HashMap<String, IndexId> =
        indices.iter().map(|i| (i.key.clone(), i.id)).collect();

    // Pages.
    let mut routes = Routes::default();
    let mut pages: Vec<Page> = Vec::new();
    let mut tag_ids: HashMap<String, TagId> = HashMap::default();
    // Tag name as written → its tag (`None`: the name gives no slug).
    let mut tag_by_name: HashMap<String, Option<TagId>> = HashMap::default();
    let mut tags: Vec<Tag> = Vec::new();
    // The file each tag was first named in (for a report of two names, one URL).
    let mut tag_origins: Vec<std::path::PathBuf> = Vec::new();
    let asset_sizes: HashMap<&str, u64> = assets.iter().map(|a| (a.rel.as_str(), a.size)).collect();
    let mut bundle_dirs: HashMap<String, usize> = HashMap::default();
    // Bundles of pages left out (drafts, future): none of their files is published.
    let mut excluded_bundles: HashSet<String> = HashSet::default();
    let mut pending_translations: Vec<(PageId, String, (usize, usize))> = Vec::new();
    let mut next_release: Option<Timestamp> = None;
    // Each page on its own, in parallel (front matter checks, slugs, dates,
    // indices and areas, the attached document, aliases)...
    let shared = PageContext {
        config: &config,
        opts: &opts,
        indices: &indices,
        index_by_key: &index_by_key,
        section_by_dir: &section_by_dir,
        asset_sizes: &asset_sizes,
    };
    let prepared: Vec<PreparedPage> = page_docs
        .into_par_iter()
        .map(|doc| prepare_page(doc, &shared))
        .collect();
    // ...then, in file order, what pages share: ids, tags, bundles.
    pages.reserve(prepared.len());
    for prep in prepared {
        problems.extend(prep.problems);
        if let Some(release) = prep.release {
            next_release = Some(next_release.map_or(release, |n: Timestamp| n.min(release)));
        }
        let p = match prep.outcome {
            Prepared::Dropped => continue,
            Prepared::Excluded(rel) => {
                if let (_, _, true) = page_location(&rel) {
                    excluded_bundles.insert(parent_dir(&rel).to_string());
                }
                routes.excluded.insert(rel);
                continue;
            }
            Prepared::Page(p) => p,
        };
        let PagePrep {
            page: mut p,
            tag_names,
            translation,
        } = *p;
        let id = pages.len();
        p.id = id;
        if let Some(b) = &p.bundle_dir {
            bundle_dirs.insert(b.clone(), id);
        }
        let mut page_tags = Vec::with_capacity(tag_names.len());
        for name in &tag_names {
            // Many pages share each tag: slug each name once.
            let tid = match tag_by_name.get(name.as_str()) {
                Some(&tid) => tid,
                None => {
                    let tslug = slugify(name);
                    let tid = (!tslug.is_empty()).then(|| {
                        *tag_ids.entry(tslug.clone()).or_insert_with(|| {
                            tag_origins.push(p.doc.shown.clone());
                            tags.push(Tag {
                                id: tags.len(),
                                name: name.trim().to_string(),
                                path: format!("{TAGS_PATH}{tslug}/"),
                                slug: tslug,
                                pages: Vec::new(),
                            });
                            tags.len() - 1
                        })
                    });
                    tag_by_name.insert(name.clone(), tid);
                    if let Some(t) = tid.map(|t| &tags[t])
                        && !same_tag_name(&t.name, name)
                    {
                        let pos = yaml_item_position(p.doc.yaml(), "tags", name)
                            .map(|(l, c)| (l + 1, c))
                            .unwrap_or((1, 1));
                        problems.push(
                            Diagnostic::new(
                                &p.doc.shown,
                                pos.0,
                                pos.1,
                                format!(
                                    "tag `{}` and tag `{}` (first in `{}`) would share the URL `{}`",
                                    name.trim(),
                                    t.name,
                                    tag_origins[t.id].display(),
                                    t.path
                                ),
                            )
                            .with_source(&p.doc.text)
                            .with_hint("write the tag the same way everywhere, or give the two tags names that differ in letters or digits"),
                        );
                    }
                    tid
                }
            };
            let Some(tid) = tid else {
                let pos = yaml_item_position(p.doc.yaml(), "tags", name)
                    .map(|(l, c)| (l + 1, c))
                    .unwrap_or((1, 1));
                problems.push(
                    Diagnostic::new(
                        &p.doc.shown,
                        pos.0,
                        pos.1,
                        format!("tag `{name}` gives an empty URL slug"),
                    )
                    .with_source(&p.doc.text),
                );
                continue;
            };
            if !page_tags.contains(&tid) {
                page_tags.push(tid);
            }
        }
        if let Some((t, pos)) = translation {
            pending_translations.push((id, t, pos));
        }
        p.tags = page_tags;
        pages.push(p);
    }

    // Assets: bundle assets move with their page; others keep their path.
    let mut out_assets = Vec::new();
    for a in assets {
        let dir = parent_dir(&a.rel);
        let file = last_segment(&a.rel);
        let path = match owning_bundle(&bundle_dirs, &excluded_bundles, dir) {
            Bundle::LeftOut => {
                // Links to it get the "left out of this build" hint.
                routes.excluded.insert(a.rel.clone());
                continue;
            }
            Bundle::Of(bdir, pid) => format!(
                "{}{}",
                pages[pid].path,
                a.rel[bdir.len()..].trim_start_matches('/')
            ),
            Bundle::None => format!("{}{}", dir_path(dir), file),
        };
        let _ = file;
        routes.assets.insert(a.rel.clone(), path.clone());
        out_assets.push(OutputAsset { src: a, path });
    }
    // Document files: content-relative → site path.
    for p in &mut pages {
        if let Some(doc) = &mut p.document
            && let Some((rel, _)) = &mut doc.file
        {
            if let Some(site_path) = routes.assets.get(rel.as_str()) {
                *rel = site_path.clone();
            } else if routes.excluded.contains(rel.as_str()) {
                let (l, c) = yaml_key_position(p.doc.yaml(), "document")
                    .map(|(l, c)| (l + 1, c))
                    .unwrap_or((1, 1));
                problems.push(
                    Diagnostic::new(&p.doc.shown, l, c, format!("attached file `{rel}` belongs to a page left out of this build (a draft or dated in the future)"))
                        .with_source(&p.doc.text)
                        .with_hint("move the file next to this page, or publish the page it belongs to"),
                );
                doc.file = None;
            }
        }
    }

    // Translations are symmetric.
    let page_by_rel: HashMap<String, PageId> =
        pages.iter().map(|p| (p.doc.rel.clone(), p.id)).collect();
    for (id, target, pos) in pending_translations {
        match page_by_rel.get(target.trim_start_matches('/')) {
            Some(&other) if other != id => {
                pages[id].translation = Some(other);
                if pages[other].translation.is_none() {
                    pages[other].translation = Some(id);
                }
            }
            _ => {
                let p = &pages[id];
                problems.push(
                    Diagnostic::new(&p.doc.shown, pos.0, pos.1, format!("translation `{target}` is not a page"))
                        .with_source(&p.doc.text)
                        .with_hint("give the other page's path inside `content/`, e.g. `translation: en/contact.md`"),
                );
            }
        }
    }

    // Lists: sections, indices, areas, tags, documents, latest.
    for p in &pages {
        sections[p.section].pages.push(p.id);
        for &ix in &p.indices {
            indices[ix].pages.push(p.id);
        }
        for &(ix, ai) in &p.areas {
            indices[ix].areas[ai].pages.push(p.id);
        }
        for &t in &p.tags {
            tags[t].pages.push(p.id);
        }
    }
    for ix in &mut indices {
        for &pid in &sections[ix.section].pages {
            if !ix.pages.contains(&pid) {
                ix.pages.push(pid);
            }
        }
    }
    let title_rank = order.ranks(&pages.iter().map(|p| p.title.as_str()).collect::<Vec<_>>());
    // Every page's place in newest-first order: lists sorted by date sort by it.
    let mut date_order: Vec<PageId> = (0..pages.len()).collect();
    date_order.par_sort_unstable_by(|&a, &b| newest_first(&pages, &title_rank, a, b));
    let mut date_rank = vec![0u32; pages.len()];
    for (place, &id) in date_order.iter().enumerate() {
        date_rank[id] = u32::try_from(place).unwrap_or(u32::MAX);
    }
    let by_date = |id: &PageId| date_rank[*id];
    for s in &mut sections {
        match s.sort_by {
            SortBy::Date => {
                if !s.dir.is_empty() {
                    for &pid in &s.pages {
                        if pages[pid].date.is_none() {
                            let p = &pages[pid];
                            problems.push(
                                Diagnostic::new(&p.doc.shown, 2, 1, format!("`date` is required: section `{}` is sorted by date", s.title))
                                    .with_source(&p.doc.text)
                                    .with_hint("add `date: YYYY-MM-DD`, or set `sort_by: weight` or `sort_by: title` in the section's `_index.md`"),
                            );
                        }
                    }
                }
                s.pages.sort_unstable_by_key(by_date);
            }
            SortBy::Weight => s.pages.sort_by(|a, b| {
                pages[*a]
                    .weight
                    .cmp(&pages[*b].weight)
                    .then_with(|| order.compare(&pages[*a].title, &pages[*b].title))
            }),
            SortBy::Title => s.pages.sort_by_key(|id| title_rank[*id]),
        }
        s.subsections.sort_by(|a, b| (a, b).0.cmp(b));
    }
    for ix in &mut indices {
        ix.pages.sort_unstable_by_key(by_date);
        for a in &mut ix.areas {
            a.pages.sort_unstable_by_key(by_date);
        }
    }
    for t in &mut tags {
        t.pages.sort_unstable_by_key(by_date);
    }
    let latest: Vec<PageId> = date_order
        .into_iter()
        .filter(|&id| pages[id].date.is_some())
        .collect();
    tags.sort_by(|a, b| order.compare(&a.name, &b.name));
    // Tag ids change with sorting: remap pages' tag lists.
    let remap: HashMap<TagId, TagId> = tags
        .iter()
        .enumerate()
        .map(|(new, t)| (t.id, new))
        .collect();
    for (new, t) in tags.iter_mut().enumerate() {
        t.id = new;
    }
    for p in &mut pages {
        for t in &mut p.tags {
            *t = remap[t];
        }
    }
    let mut documents: Vec<PageId> = pages
        .iter()
        .filter(|p| p.document.is_some())
        .map(|p| p.id)
        .collect();
    documents.sort_by(|a, b| {
        let (da, db) = (
            &pages[*a].document.as_ref().expect("filtered").issued,
            &pages[*b].document.as_ref().expect("filtered").issued,
        );
        db.cmp(da)
            .then_with(|| order.compare(&pages[*a].title, &pages[*b].title))
    });

    let mut menu_sections: Vec<SectionId> = sections
        .iter()
        .filter(|s| s.menu.is_some() && !s.dir.is_empty())
        .map(|s| s.id)
        .collect();
    menu_sections.sort_by(|a, b| {
        sections[*a]
            .menu
            .cmp(&sections[*b].menu)
            .then_with(|| order.compare(&sections[*a].title, &sections[*b].title))
    });

    let mut site = Site {
        config,
        pages,
        sections,
        indices,
        tags,
        documents,
        latest,
        assets: out_assets,
        routes,
        menu_sections,
        next_release,
    };
    let routes = std::mem::take(&mut site.routes);
    let (routes, p) = register_routes(&site, routes, &opts.feature);
    site.routes = routes;
    problems.extend(p);
    (site, problems)
}

/// Whether two tag names are the same name written differently (case, spaces).
fn same_tag_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Newest first, then by title in Vietnamese order (`title_rank`, from
/// [`VietnameseOrder::ranks`]), then by path.
fn newest_first(pages: &[Page], title_rank: &[u32], a: PageId, b: PageId) -> std::cmp::Ordering {
    let (pa, pb) = (&pages[a], &pages[b]);
    pb.date
        .cmp(&pa.date)
        .then_with(|| title_rank[a].cmp(&title_rank[b]))
        .then_with(|| pa.path.cmp(&pb.path))
}

/// Who claims a site path: described (with its file) only for a duplicate.
#[derive(Clone, Copy)]
enum Claimant {
    Fixed(&'static str),
    Section(SectionId),
    IndexFeed(IndexId),
    Area(IndexId, usize),
    Page(PageId),
    Alias(PageId, usize),
    Tag(TagId),
    Asset(usize),
    Civic(usize),
}

impl Claimant {
    /// What it is, and the content file it comes from.
    fn describe<'a>(self, site: &'a Site, civic: &Generated) -> (String, Option<&'a SourceDoc>) {
        let index_doc = |ix: IndexId| site.sections[site.indices[ix].section].doc.as_ref();
        match self {
            Claimant::Fixed(what) => (what.to_string(), None),
            Claimant::Section(id) => {
                let s = &site.sections[id];
                (format!("section `{}`", s.dir), s.doc.as_ref())
            }
            Claimant::IndexFeed(ix) => (
                format!("the feed of index `{}`", site.indices[ix].key),
                index_doc(ix),
            ),
            Claimant::Area(ix, a) => {
                let i = &site.indices[ix];
                (
                    format!("area `{}` of index `{}`", i.areas[a].key, i.key),
                    index_doc(ix),
                )
            }
            Claimant::Page(id) => {
                let p = &site.pages[id];
                (format!("`{}`", p.doc.shown.display()), Some(&p.doc))
            }
            Claimant::Alias(id, _) => {
                let p = &site.pages[id];
                (
                    format!("alias of `{}`", p.doc.shown.display()),
                    Some(&p.doc),
                )
            }
            Claimant::Tag(id) => (format!("tag `{}`", site.tags[id].name), None),
            Claimant::Asset(i) => (format!("file `content/{}`", site.assets[i].src.rel), None),
            Claimant::Civic(i) => ((civic.describe)(site, &civic.paths[i]), None),
        }
    }

    /// A problem with this claim, at its file and line (else at `fallback`):
    /// `message` gets what the claimant is.
    fn problem(
        self,
        site: &Site,
        civic: &Generated,
        fallback: std::path::PathBuf,
        message: impl FnOnce(&str) -> String,
        hint: &str,
    ) -> Diagnostic {
        let (what, doc) = self.describe(site, civic);
        let (line, col) = self.position(site);
        let shown = doc.map(|d| d.shown.clone()).unwrap_or(fallback);
        let mut d = Diagnostic::new(shown, line, col, message(&what));
        if let Some(doc) = doc {
            d = d.with_source(&doc.text);
        }
        d.with_hint(hint)
    }

    /// Where in its file the claim is made (the `slug:` or alias line).
    fn position(self, site: &Site) -> (usize, usize) {
        let at = match self {
            Claimant::Page(id) => yaml_key_position(site.pages[id].doc.yaml(), "slug"),
            Claimant::Alias(id, a) => {
                let p = &site.pages[id];
                yaml_item_position(p.doc.yaml(), "aliases", p.aliases[a].trim_end_matches('/'))
            }
            _ => None,
        };
        at.map(|(l, c)| (l + 1, c)).unwrap_or((1, 1))
    }
}

/// Every site path the build will write (added to `routes`), checked for duplicates.
fn register_routes(
    site: &Site,
    mut routes: Routes,
    feature: &Feature,
) -> (Routes, Vec<Diagnostic>) {
    let civic = Generated {
        paths: (feature.paths)(site),
        describe: feature.describe,
    };
    let index_feeds: Vec<String> = site
        .indices
        .iter()
        .map(|ix| format!("{}{FEED_FILE}", ix.path))
        .collect();
    // Every claim in order: (path, what it shows, who claims it).
    let mut claims: Vec<(&str, Target, Claimant)> = Vec::with_capacity(
        8 + site.sections.len()
            + site
                .indices
                .iter()
                .map(|ix| 1 + ix.areas.len())
                .sum::<usize>()
            + site
                .pages
                .iter()
                .map(|p| 1 + p.aliases.len())
                .sum::<usize>()
            + site.tags.len()
            + site.assets.len()
            + civic.paths.len(),
    );
    for (path, what) in [
        (TAGS_PATH, "the tag list"),
        (DOCUMENTS_PATH, "the documents register"),
        (SEARCH_PATH, "the search page"),
        (NOT_FOUND_PATH, "the 404 page"),
        (FEED_PATH, "the site feed"),
        (SITEMAP_PATH, "the sitemap"),
        (ROBOTS_PATH, "robots.txt"),
    ] {
        claims.push((path, Target::Generated, Claimant::Fixed(what)));
    }
    for s in &site.sections {
        claims.push((&s.path, Target::Section(s.id), Claimant::Section(s.id)));
    }
    for (ix, feed) in site.indices.iter().zip(&index_feeds) {
        claims.push((feed, Target::Generated, Claimant::IndexFeed(ix.id)));
        for (ai, a) in ix.areas.iter().enumerate() {
            claims.push((&a.path, Target::Generated, Claimant::Area(ix.id, ai)));
        }
    }
    for p in &site.pages {
        claims.push((&p.path, Target::Page(p.id), Claimant::Page(p.id)));
        for (ai, a) in p.aliases.iter().enumerate() {
            claims.push((a, Target::Page(p.id), Claimant::Alias(p.id, ai)));
        }
    }
    for t in &site.tags {
        claims.push((&t.path, Target::Generated, Claimant::Tag(t.id)));
    }
    for (i, a) in site.assets.iter().enumerate() {
        claims.push((&a.path, Target::Asset, Claimant::Asset(i)));
    }
    // Filter pages, leaflets and broadcast scripts.
    for (i, path) in civic.paths.iter().enumerate() {
        claims.push((path, Target::Generated, Claimant::Civic(i)));
    }
    // The first claim of a path wins; a later one is a duplicate (whose first
    // claimant is looked up only then). The sources map is filled meanwhile.
    let Routes { paths, sources, .. } = &mut routes;
    let (duplicates, ()) = rayon::join(
        || {
            paths.reserve(claims.len());
            let mut duplicates = Vec::new();
            for &(path, target, who) in &claims {
                match paths.entry(path.to_string()) {
                    std::collections::hash_map::Entry::Occupied(_) => duplicates.push((path, who)),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(target);
                    }
                }
            }
            duplicates
        },
        || {
            sources.reserve(site.pages.len() + site.sections.len());
            for s in &site.sections {
                if let Some(doc) = &s.doc {
                    sources.insert(doc.rel.clone(), Target::Section(s.id));
                }
            }
            for p in &site.pages {
                sources.insert(p.doc.rel.clone(), Target::Page(p.id));
            }
        },
    );
    // (A duplicate's path was always claimed before it.)
    let first_claimant = |path: &str| {
        claims
            .iter()
            .find(|c| c.0 == path)
            .map_or(Claimant::Fixed("another output"), |c| c.2)
    };
    // A content file is published as a file: nothing can be inside it.
    let mut nested: Vec<(usize, &str, Claimant)> = Vec::new();
    if !site.assets.is_empty() {
        let files: HashMap<&str, usize> = site
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_str(), i))
            .collect();
        for &(path, _, who) in &claims {
            for (i, _) in path.match_indices('/').filter(|(i, _)| *i > 0) {
                if let Some(&asset) = files.get(&path[..i]) {
                    nested.push((asset, path, who));
                }
            }
        }
        // One report per file, naming the first path inside it (and, the sort
        // being stable, the path's first claimant).
        nested.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        nested.dedup_by_key(|n| n.0);
    }
    let nested = nested.into_iter().map(|(asset, path, who)| {
        let a = &site.assets[asset];
        who.problem(
            site,
            &civic,
            format!("content/{}", a.src.rel).into(),
            |what| {
                format!(
                    "URL `{path}` of {what} would be inside `{}`, which is the file `content/{}`",
                    a.path, a.src.rel
                )
            },
            "rename the file, or give the page another `slug:` (or file name)",
        )
    });
    let long_names = checks::long_names(site, &civic, &claims);
    let problems = duplicates
        .into_iter()
        .map(|(path, second)| {
            let (first_what, first_doc) = first_claimant(path).describe(site, &civic);
            let fallback = first_doc.map_or_else(|| "content".into(), |d| d.shown.clone());
            second.problem(
                site,
                &civic,
                fallback,
                |what| {
                    format!("duplicate URL `{path}`: {what} and {first_what} would both be written there")
                },
                "change the `slug:` (or file name) of one of them",
            )
        })
        .chain(nested)
        .chain(long_names)
        .chain((feature.checks)(site))
        .collect();
    (routes, problems)
}

/// What every page's preparation reads.
struct PageContext<'a> {
    config: &'a Config,
    opts: &'a ModelOptions,
    indices: &'a [GovIndex],
    index_by_key: &'a HashMap<String, IndexId>,
    section_by_dir: &'a BTreeMap<String, SectionId>,
    asset_sizes: &'a HashMap<&'a str, u64>,
}

/// One page file after the checks it needs no other page for.
struct PreparedPage {
    problems: Vec<Diagnostic>,
    /// When a future-dated, non-draft page comes due.
    release: Option<Timestamp>,
    outcome: Prepared,
}

enum Prepared {
    /// Left out for a problem (reported).
    Dropped,
    /// A draft or future page, left out of this build: its content path.
    Excluded(String),
    Page(Box<PagePrep>),
}

/// A page before it has an id and tags.
struct PagePrep {
    /// The page without its id (0) and tags (none) yet.
    page: Page,
    /// Tag names, as written.
    tag_names: Vec<String>,
    /// The `translation:` target and its position in the front matter.
    translation: Option<(String, (usize, usize))>,
}

/// The checks and values of one page file that need no other page.
fn prepare_page(mut doc: SourceDoc, cx: &PageContext<'_>) -> PreparedPage {
    let _processing = crate::bug::processing(&doc.shown);
    crate::bug::test_panic_point("model", &doc.shown);
    let fm = match std::mem::replace(&mut doc.front, Front::Page(Box::default())) {
        Front::Page(fm) => *fm,
        Front::Section(_) => unreachable!("only pages are prepared"),
    };
    let (config, indices) = (cx.config, cx.indices);
    let mut problems = Vec::new();
    let mut release = None;
    let yaml = doc.yaml();
    let at = |key: &str| {
        yaml_key_position(yaml, key)
            .map(|(l, c)| (l + 1, c))
            .unwrap_or((1, 1))
    };
    let item_at = |key: &str, item: &str| {
        yaml_item_position(yaml, key, item)
            .map(|(l, c)| (l + 1, c))
            .unwrap_or((1, 1))
    };
    let mut err = |pos: (usize, usize), msg: String, hint: Option<String>| {
        let mut d = Diagnostic::new(&doc.shown, pos.0, pos.1, msg).with_source(&doc.text);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        problems.push(d);
    };
    let done = |problems, release, outcome| PreparedPage {
        problems,
        release,
        outcome,
    };

    let (dir, stem, bundle) = page_location(&doc.rel);
    let (date_prefix, bare_stem) = split_date_prefix(stem);
    let slug_src = fm.slug.as_deref().unwrap_or(bare_stem);
    let slug = slugify(slug_src);
    if slug.is_empty() {
        err(
            at("slug"),
            format!("`{slug_src}` gives an empty URL slug"),
            Some("use letters or digits in the file name or in `slug:`".into()),
        );
        return done(problems, release, Prepared::Dropped);
    }
    let date = match (&fm.date, date_prefix) {
        (Some(s), _) => match PageDate::parse(s, config.offset) {
            Ok(d) => Some(d),
            Err(e) => {
                err(
                    at("date"),
                    format!("bad date: {e}"),
                    Some("write `date: 2024-07-16` or `date: 2024-07-16T08:00:00+07:00`".into()),
                );
                None
            }
        },
        (None, Some(prefix)) => PageDate::parse(prefix, config.offset).ok(),
        (None, None) => None,
    };
    let updated = fm
        .updated
        .as_ref()
        .and_then(|s| match PageDate::parse(s, config.offset) {
            Ok(d) => Some(d),
            Err(e) => {
                err(
                    at("updated"),
                    format!("bad date: {e}"),
                    Some("write `updated: 2024-07-20`".into()),
                );
                None
            }
        });
    let future = date.is_some_and(|d| d.instant > cx.opts.now);
    // The page appears (or, with --drafts, enters feeds and search) then.
    if future
        && !fm.draft
        && let Some(d) = date
    {
        release = Some(d.instant);
    }
    if (fm.draft || future) && !cx.opts.drafts {
        let rel = doc.rel.clone();
        return done(problems, release, Prepared::Excluded(rel));
    }
    if fm.image.is_some()
        && fm
            .image_alt
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
    {
        err(
            at("image"),
            "`image` is set but `image_alt` is missing".into(),
            Some("add `image_alt:` describing the picture for blind readers, e.g. `image_alt: Hội nghị tuyên truyền tại hội trường UBND xã`".into()),
        );
    }
    if let Some((message, hint)) = fm.image.as_deref().and_then(|i| refused("image", i)) {
        err(at("image"), message, Some(hint));
    }
    let lang = fm.lang.clone().unwrap_or_else(|| config.language.clone());
    if lang != "vi" && lang != "en" {
        err(
            at("lang"),
            format!("unsupported language `{lang}`"),
            Some("use `lang: vi` or `lang: en`".into()),
        );
    }

    // Indices and areas.
    let mut page_indices = Vec::new();
    for key in &fm.indices {
        match cx.index_by_key.get(key) {
            Some(&ix) => page_indices.push(ix),
            None => {
                let hint = match did_you_mean(key, indices.iter().map(|i| i.key.as_str())) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if indices.is_empty() => "no governance index is declared; add an `index:` block to `content/<key>/_index.md`".into(),
                    None => format!("known indices: {}", indices.iter().map(|i| format!("`{}`", i.key)).collect::<Vec<_>>().join(", ")),
                };
                err(
                    item_at("indices", key),
                    format!("unknown index `{key}`"),
                    Some(hint),
                );
            }
        }
    }
    let mut page_areas = Vec::new();
    for key in &fm.areas {
        let found = page_indices.iter().find_map(|&ix| {
            indices[ix]
                .areas
                .iter()
                .position(|a| &a.key == key)
                .map(|ai| (ix, ai))
        });
        match found {
            Some(pair) => page_areas.push(pair),
            None => {
                let in_other = indices
                    .iter()
                    .find(|i| i.areas.iter().any(|a| &a.key == key));
                let hint = match in_other {
                    Some(other) => format!(
                        "`{key}` is an area of `{}`: add `{}` to `indices`",
                        other.key, other.key
                    ),
                    None => {
                        let candidates: Vec<&str> = page_indices
                            .iter()
                            .flat_map(|&ix| indices[ix].areas.iter().map(|a| a.key.as_str()))
                            .collect();
                        match did_you_mean(key, candidates.iter().copied()) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None if page_indices.is_empty() => {
                                "list the area's index in `indices` first".into()
                            }
                            None => {
                                format!("areas of the listed indices: {}", candidates.join(", "))
                            }
                        }
                    }
                };
                err(
                    item_at("areas", key),
                    format!("unknown area `{key}` for the listed indices"),
                    Some(hint),
                );
            }
        }
    }

    let section = nearest_section(cx.section_by_dir, dir);
    let path = format!("{}{}/", dir_path(dir), slug);
    let bundle_dir = bundle.then(|| parent_dir(&doc.rel).to_string());

    let document = fm.document.as_ref().and_then(|d: &DocumentFrontMatter| {
        let issued = match PageDate::parse(&d.issued, config.offset) {
            Ok(x) => x,
            Err(e) => {
                err(
                    item_at("document", &d.issued),
                    format!("bad `issued` date: {e}"),
                    Some("write `issued: 2024-07-16`".into()),
                );
                return None;
            }
        };
        let file = match d.file.as_deref().map(|f| (f, crate::urls::classify(f))) {
            None => None,
            Some((_, UrlKind::Web(f))) => Some((f.into_owned(), 0)),
            Some((f, UrlKind::Refused(r))) => {
                let (l, c) = crate::urls::fields::position(yaml, "document", Some(("file", 0)), f);
                err(
                    (l + 1, c),
                    r.message("document.file", f),
                    Some(r.hint().into()),
                );
                None
            }
            Some((f, UrlKind::SitePath(_))) => {
                let base = bundle_dir.as_deref().unwrap_or(dir);
                match join_relative(base, f)
                    .and_then(|rel| cx.asset_sizes.get(rel.as_str()).map(|s| (rel, *s)))
                {
                    Some((rel, size)) => Some((rel, size)),
                    None => {
                        err(
                            item_at("document", f),
                            format!("attached file `{f}` does not exist"),
                            Some(format!("put the file next to `{}`", doc.rel)),
                        );
                        None
                    }
                }
            }
        };
        Some(Document {
            number: d.number.clone(),
            issued,
            issuer: d.issuer.clone(),
            kind: d.kind.clone(),
            file,
        })
    });

    let mut aliases = Vec::new();
    for a in &fm.aliases {
        let p = match crate::urls::fields::alias_path(a) {
            Ok(p) => p,
            Err((message, hint)) => {
                err(item_at("aliases", a), message, Some(hint));
                continue;
            }
        };
        if let Some(why) = checks::alias_problem(&p) {
            err(
                item_at("aliases", a),
                format!(
                    "alias `{}` is not a clean site path: {why}",
                    crate::paths::shown(a)
                ),
                Some("write it like `/tin-cu/ke-hoach/`".into()),
            );
            continue;
        }
        aliases.push(p);
    }
    let translation = fm
        .translation
        .as_ref()
        .map(|t| (t.clone(), item_at("translation", t)));
    let page = PagePrep {
        page: Page {
            id: 0,
            title: fm.title.trim().to_string(),
            date,
            updated,
            summary: fm.summary,
            indices: page_indices,
            areas: page_areas,
            tags: Vec::new(),
            image: fm.image,
            image_alt: fm.image_alt,
            author: fm.author,
            draft: fm.draft,
            slug,
            path,
            section,
            weight: fm.weight,
            lang,
            translation: None,
            document,
            aliases,
            bundle_dir,
            doc,
        },
        tag_names: fm.tags,
        translation,
    };
    done(problems, release, Prepared::Page(Box::new(page)))
}

/// (directory, file stem, is bundle) of a page's content path.
/// `tin-tuc/bai.md` → (`tin-tuc`, `bai`, false); `tin-tuc/bai/index.md` → (`tin-tuc`, `bai`, true).
fn page_location(rel: &str) -> (&str, &str, bool) {
    let dir = parent_dir(rel);
    let file = last_segment(rel);
    if file == "index.md" && !dir.is_empty() {
        (parent_dir(dir), last_segment(dir), true)
    } else {
        (dir, file.trim_end_matches(".md"), false)
    }
}

/// `2024-07-16-ke-hoach` → (Some(`2024-07-16`), `ke-hoach`).
fn split_date_prefix(stem: &str) -> (Option<&str>, &str) {
    let b = stem.as_bytes();
    let is_date = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b[10] == b'-' || b[10] == b'_');
    if is_date {
        (Some(&stem[..10]), &stem[11..])
    } else {
        (None, stem)
    }
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

/// The page bundle a content directory belongs to (its nearest bundle folder).
enum Bundle<'a> {
    /// The bundle of a published page: its folder and the page.
    Of(&'a str, PageId),
    /// The bundle of a page left out of this build.
    LeftOut,
    None,
}

fn owning_bundle<'a>(
    bundles: &'a HashMap<String, PageId>,
    left_out: &HashSet<String>,
    mut dir: &'a str,
) -> Bundle<'a> {
    while !dir.is_empty() {
        if let Some((k, &id)) = bundles.get_key_value(dir) {
            return Bundle::Of(k.as_str(), id);
        }
        if left_out.contains(dir) {
            return Bundle::LeftOut;
        }
        dir = parent_dir(dir);
    }
    Bundle::None
}

#[cfg(test)]
mod tests {
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
