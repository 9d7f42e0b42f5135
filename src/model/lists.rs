//! Lists: joining the prepared pages (ids, tags with the check that two tag
//! names do not share a URL, bundles), then what needs all pages — assets
//! placed with their bundle, attached document files, translations — and the
//! sorted lists of sections, indices, areas, tags, documents and the menu.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use jiff::Timestamp;
use rayon::prelude::*;

use super::pages::{PagePrep, Prepared, PreparedPage, page_location};
use super::{
    GovIndex, OutputAsset, Page, PageId, Routes, Section, SectionId, TAGS_PATH, Tag, TagId,
    dir_path, last_segment, parent_dir,
};
use crate::diagnostics::{Diagnostic, yaml_item_position, yaml_key_position};
use crate::frontmatter::SortBy;
use crate::load::Asset;
use crate::text::{VietnameseOrder, slugify};

/// The prepared pages, joined in file order.
pub(super) struct Joined {
    pub(super) pages: Vec<Page>,
    pub(super) tags: Vec<Tag>,
    /// Page bundle folder → its page.
    pub(super) bundle_dirs: HashMap<String, PageId>,
    /// Bundles of pages left out (drafts, future): none of their files is published.
    pub(super) excluded_bundles: HashSet<String>,
    /// (page, `translation:` target, its position), linked once all pages are in.
    pub(super) pending_translations: Vec<(PageId, String, (usize, usize))>,
    /// When the first future-dated page comes due.
    pub(super) next_release: Option<Timestamp>,
}

/// The tags named so far.
#[derive(Default)]
struct TagTable {
    /// Slug → tag.
    ids: HashMap<String, TagId>,
    /// Tag name as written → its tag (`None`: the name gives no slug).
    by_name: HashMap<String, Option<TagId>>,
    tags: Vec<Tag>,
    /// The file each tag was first named in (for a report of two names, one URL).
    origins: Vec<std::path::PathBuf>,
}

/// In file order, what pages share: ids, tags, bundles. Left-out pages go to
/// `routes.excluded`.
pub(super) fn join_pages(
    prepared: Vec<PreparedPage>,
    routes: &mut Routes,
    problems: &mut Vec<Diagnostic>,
) -> Joined {
    let mut pages: Vec<Page> = Vec::with_capacity(prepared.len());
    let mut table = TagTable::default();
    let mut bundle_dirs: HashMap<String, usize> = HashMap::default();
    let mut excluded_bundles: HashSet<String> = HashSet::default();
    let mut pending_translations: Vec<(PageId, String, (usize, usize))> = Vec::new();
    let mut next_release: Option<Timestamp> = None;
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
        let page_tags = table.page_tags(&p, &tag_names, problems);
        if let Some((t, pos)) = translation {
            pending_translations.push((id, t, pos));
        }
        p.tags = page_tags;
        pages.push(p);
    }
    Joined {
        pages,
        tags: table.tags,
        bundle_dirs,
        excluded_bundles,
        pending_translations,
        next_release,
    }
}

impl TagTable {
    /// The tags of page `p`, named `tag_names`: new names get their tag (or a
    /// report of a name with no slug, or of two names sharing a URL).
    fn page_tags(
        &mut self,
        p: &Page,
        tag_names: &[String],
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<TagId> {
        let mut page_tags = Vec::with_capacity(tag_names.len());
        for name in tag_names {
            // Many pages share each tag: slug each name once.
            let tid = match self.by_name.get(name.as_str()) {
                Some(&tid) => tid,
                None => {
                    let tslug = slugify(name);
                    let tid = (!tslug.is_empty()).then(|| {
                        *self.ids.entry(tslug.clone()).or_insert_with(|| {
                            self.origins.push(p.doc.shown.clone());
                            self.tags.push(Tag {
                                id: self.tags.len(),
                                name: name.trim().to_string(),
                                path: format!("{TAGS_PATH}{tslug}/"),
                                slug: tslug,
                                pages: Vec::new(),
                            });
                            self.tags.len() - 1
                        })
                    });
                    self.by_name.insert(name.clone(), tid);
                    if let Some(t) = tid.map(|t| &self.tags[t])
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
                                crate::msg!(
                                    "tag-clash",
                                    tag = name.trim(),
                                    other = &t.name,
                                    first = self.origins[t.id].display().to_string(),
                                    path = &t.path
                                ),
                            )
                            .with_source(&p.doc.text)
                            .with_hint(crate::msg!("tag-clash-hint")),
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
                        crate::msg!("tag-empty-slug", tag = name.as_str()),
                    )
                    .with_source(&p.doc.text),
                );
                continue;
            };
            if !page_tags.contains(&tid) {
                page_tags.push(tid);
            }
        }
        page_tags
    }
}

/// Assets: bundle assets move with their page; others keep their path.
/// Files of left-out bundles go to `routes.excluded`.
pub(super) fn place_assets(
    assets: Vec<Asset>,
    pages: &[Page],
    bundle_dirs: &HashMap<String, PageId>,
    excluded_bundles: &HashSet<String>,
    routes: &mut Routes,
) -> Vec<OutputAsset> {
    let mut out_assets = Vec::new();
    for a in assets {
        let dir = parent_dir(&a.rel);
        let file = last_segment(&a.rel);
        let path = match owning_bundle(bundle_dirs, excluded_bundles, dir) {
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
    out_assets
}

/// Document files: content-relative → site path (a file of a left-out page
/// is reported and dropped).
pub(super) fn resolve_document_files(
    pages: &mut [Page],
    routes: &Routes,
    problems: &mut Vec<Diagnostic>,
) {
    for p in pages.iter_mut() {
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
                    Diagnostic::new(
                        &p.doc.shown,
                        l,
                        c,
                        crate::msg!("attachment-excluded", file = rel.as_str()),
                    )
                    .with_source(&p.doc.text)
                    .with_hint(crate::msg!("attachment-excluded-hint")),
                );
                doc.file = None;
            }
        }
    }
}

/// Translations are symmetric.
pub(super) fn link_translations(
    pages: &mut [Page],
    pending_translations: Vec<(PageId, String, (usize, usize))>,
    problems: &mut Vec<Diagnostic>,
) {
    if pending_translations.is_empty() {
        return;
    }
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
                    Diagnostic::new(
                        &p.doc.shown,
                        pos.0,
                        pos.1,
                        crate::msg!("translation-not-page", target = target.as_str()),
                    )
                    .with_source(&p.doc.text)
                    .with_hint(crate::msg!("translation-not-page-hint")),
                );
            }
        }
    }
}

/// Lists: sections, indices, areas, tags, latest. Fills and sorts them (tags
/// by name, remapping pages' tag ids) and returns the dated pages, newest first.
pub(super) fn sort_lists(
    order: &VietnameseOrder,
    pages: &mut [Page],
    sections: &mut [Section],
    indices: &mut [GovIndex],
    tags: &mut [Tag],
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    for p in pages.iter() {
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
    for ix in indices.iter_mut() {
        let mut listed: HashSet<PageId> = ix.pages.iter().copied().collect();
        for &pid in &sections[ix.section].pages {
            if listed.insert(pid) {
                ix.pages.push(pid);
            }
        }
    }
    let title_rank = order.ranks(&pages.iter().map(|p| p.title.as_str()).collect::<Vec<_>>());
    // Every page's place in newest-first order: lists sorted by date sort by it.
    let mut date_order: Vec<PageId> = (0..pages.len()).collect();
    date_order.par_sort_unstable_by(|&a, &b| newest_first(pages, &title_rank, a, b));
    let mut date_rank = vec![0u32; pages.len()];
    for (place, &id) in date_order.iter().enumerate() {
        date_rank[id] = u32::try_from(place).unwrap_or(u32::MAX);
    }
    let by_date = |id: &PageId| date_rank[*id];
    for s in sections.iter_mut() {
        match s.sort_by {
            SortBy::Date => {
                if !s.dir.is_empty() {
                    for &pid in &s.pages {
                        // A `date:` that was refused is reported once, as a bad date.
                        if pages[pid].date.is_none()
                            && crate::diagnostics::yaml_key_position(pages[pid].doc.yaml(), "date")
                                .is_none()
                        {
                            let p = &pages[pid];
                            problems.push(
                                Diagnostic::new(
                                    &p.doc.shown,
                                    2,
                                    1,
                                    crate::msg!("date-required", section = &s.title),
                                )
                                .with_source(&p.doc.text)
                                .with_hint(crate::msg!("date-required-hint")),
                            );
                        }
                    }
                }
                s.pages.par_sort_unstable_by_key(by_date);
            }
            SortBy::Weight => s.pages.sort_by(|a, b| {
                pages[*a]
                    .weight
                    .cmp(&pages[*b].weight)
                    .then_with(|| order.compare(&pages[*a].title, &pages[*b].title))
            }),
            SortBy::Title => s.pages.sort_by_key(|id| title_rank[*id]),
        }
        // Pinned pages first, each group in the section's order (a stable sort).
        if s.pages.iter().any(|&id| pages[id].pinned) {
            s.pages.sort_by_key(|&id| !pages[id].pinned);
        }
        s.subsections.sort_by(|a, b| (a, b).0.cmp(b));
    }
    for ix in indices.iter_mut() {
        ix.pages.par_sort_unstable_by_key(by_date);
        // An index's page is its section's list: pinned pages first there too.
        if ix.pages.iter().any(|&id| pages[id].pinned) {
            ix.pages.sort_by_key(|&id| !pages[id].pinned);
        }
        for a in &mut ix.areas {
            a.pages.par_sort_unstable_by_key(by_date);
        }
    }
    for t in tags.iter_mut() {
        t.pages.par_sort_unstable_by_key(by_date);
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
    for p in pages.iter_mut() {
        for t in &mut p.tags {
            *t = remap[t];
        }
    }
    latest
}

/// The pages with a document, newest issued first (then by title).
pub(super) fn documents(order: &VietnameseOrder, pages: &[Page]) -> Vec<PageId> {
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
    documents
}

/// The pinned pages (`pinned: true`), newest first, then the undated ones in
/// file order.
pub(super) fn pinned(pages: &[Page], latest: &[PageId]) -> Vec<PageId> {
    let dated = latest.iter().copied().filter(|&id| pages[id].pinned);
    let undated = pages
        .iter()
        .filter(|p| p.pinned && p.date.is_none())
        .map(|p| p.id);
    dated.chain(undated).collect()
}

/// The sections in the menu, by `menu` weight (then by title).
pub(super) fn menu(order: &VietnameseOrder, sections: &[Section]) -> Vec<SectionId> {
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
    menu_sections
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
