//! The Markdown kept between rebuilds: what each document's rendered Markdown
//! was made from, so it is reused while its source, place and link targets
//! are the same.

use std::hash::{Hash, Hasher};

use crate::markdown::{RenderedMarkdown, RouteRead};
use crate::model::{self, Site, Target};

/// Hash of what a document's rendered Markdown was made from besides the
/// site's routes: source generation, site path, link directory, URL settings.
pub(super) type MdKey = u64;

/// Rendered Markdown and what it was rendered from.
pub(super) struct CachedMd {
    pub(super) md: RenderedMarkdown,
    pub(super) meta: MdMeta,
}

/// Cached Markdown by stable id. The ids are dense (0, 1, 2 ...): a vector,
/// not a map, so 10,000 documents move in and out with one copy each.
#[derive(Default)]
pub(super) struct MdSlots(Vec<Option<CachedMd>>);

impl MdSlots {
    pub(super) fn put(&mut self, k: u32, c: CachedMd) {
        let i = k as usize;
        if i >= self.0.len() {
            self.0.resize_with(i + 1, || None);
        }
        self.0[i] = Some(c);
    }
    pub(super) fn take(&mut self, k: u32) -> Option<CachedMd> {
        self.0.get_mut(k as usize).and_then(Option::take)
    }
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}

/// What a document's rendered Markdown depends on, and its version.
#[derive(Debug, Clone)]
pub(super) struct MdMeta {
    pub(super) key: MdKey,
    /// Hash of the answers its route lookups (`RenderedMarkdown::route_reads`) got.
    pub(super) reads: u64,
    /// Site paths of the documents its `#anchor` links point into (their ids
    /// change from build to build; the paths do not while `reads` holds).
    pub(super) anchors: Vec<String>,
    /// Changes whenever the HTML or table of contents changes.
    pub(super) version: u64,
}

/// Same HTML and table of contents (what outputs show of a document's Markdown).
pub(super) fn same_content(a: &RenderedMarkdown, b: &RenderedMarkdown) -> bool {
    a.html == b.html && a.toc == b.toc
}

/// What a document's rendered Markdown depends on besides route lookups: its
/// source (generation), its site path, its link directory, the URL settings.
pub(super) fn md_key(site: &Site, t: Target, generation: u64, urls_fp: u64) -> MdKey {
    let mut h = crate::render::stable_hasher();
    (generation, urls_fp).hash(&mut h);
    match t {
        Target::Page(id) => {
            let p = &site.pages[id];
            let dir = p
                .bundle_dir
                .as_deref()
                .unwrap_or_else(|| model::parent_dir(&p.doc.rel));
            (0u8, &p.path, dir).hash(&mut h);
        }
        Target::Section(id) => {
            let s = &site.sections[id];
            (1u8, &s.path, &s.dir).hash(&mut h);
        }
        _ => 2u8.hash(&mut h),
    }
    h.finish()
}

/// The answers `site` gives to a document's route lookups, hashed. Targets are
/// named by stable things (content path, site path), never by ids.
pub(super) fn reads_fingerprint(site: &Site, reads: &[RouteRead]) -> u64 {
    let routes = &site.routes;
    let stable = |t: &Target| -> (u8, &str) {
        match t {
            Target::Page(id) => (0, site.pages[*id].doc.rel.as_str()),
            Target::Section(id) => (1, site.sections[*id].dir.as_str()),
            Target::Generated => (2, ""),
            Target::Asset => (3, ""),
        }
    };
    let mut h = crate::render::stable_hasher();
    for r in reads {
        match r {
            RouteRead::Path(p) => (0u8, routes.paths.get(p).map(stable)).hash(&mut h),
            RouteRead::Source(rel) => (
                1u8,
                routes
                    .sources
                    .get(rel)
                    .map(|t| (stable(t), crate::markdown::target_path(site, *t))),
            )
                .hash(&mut h),
            RouteRead::Asset(rel) => (2u8, routes.assets.get(rel)).hash(&mut h),
            RouteRead::Excluded(rel) => (3u8, routes.excluded.contains(rel)).hash(&mut h),
            // A replaced photo (new bytes, new size) or a new problem with it.
            RouteRead::Photo(rel) => (
                4u8,
                site.photos.get(rel),
                site.photos.drawings.get(rel),
                routes.assets.get(rel),
            )
                .hash(&mut h),
        }
    }
    h.finish()
}

/// Site paths of the documents `md`'s anchor links point into.
pub(super) fn anchor_paths(site: &Site, md: &RenderedMarkdown) -> Vec<String> {
    md.anchor_refs
        .iter()
        .map(|a| crate::markdown::target_path(site, a.target))
        .collect()
}

/// Point reused Markdown's anchor links at the documents' ids in `site`.
/// `false` when a target is gone (then the Markdown is rendered again).
pub(super) fn remap_anchors(site: &Site, md: &mut RenderedMarkdown, paths: &[String]) -> bool {
    if paths.len() != md.anchor_refs.len() {
        return false;
    }
    for (a, p) in md.anchor_refs.iter_mut().zip(paths) {
        match site.routes.paths.get(p) {
            Some(t @ (Target::Page(_) | Target::Section(_))) => a.target = *t,
            _ => return false,
        }
    }
    true
}
