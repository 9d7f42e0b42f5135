//! Routes: every site path the build will write, who claims it, and the
//! checks that no two claims share a path and that no path lies inside a
//! published file.

use rustc_hash::FxHashMap as HashMap;

use super::{
    DOCUMENTS_PATH, FEED_FILE, FEED_PATH, Feature, Generated, IndexId, NOT_FOUND_PATH, PageId,
    ROBOTS_PATH, Routes, SEARCH_PATH, SITEMAP_PATH, SectionId, Site, TAGS_PATH, TagId, Target,
    checks,
};
use crate::diagnostics::{Diagnostic, yaml_item_position, yaml_key_position};
use crate::load::SourceDoc;
use crate::messages::Msg;
use crate::{msg, msg_id};

/// A claim of a site path: (path, what it shows, who claims it).
type Claim<'s> = (&'s str, Target, Claimant);

/// Who claims a site path: described (with its file) only for a duplicate.
#[derive(Clone, Copy)]
pub(super) enum Claimant {
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
    fn describe<'a>(self, site: &'a Site, civic: &Generated) -> (Msg, Option<&'a SourceDoc>) {
        let index_doc = |ix: IndexId| site.sections[site.indices[ix].section].doc.as_ref();
        match self {
            Claimant::Fixed(what) => (Msg::new(what), None),
            Claimant::Section(id) => {
                let s = &site.sections[id];
                (msg!("what-section", dir = &s.dir), s.doc.as_ref())
            }
            Claimant::IndexFeed(ix) => (
                msg!("what-index-feed", index = &site.indices[ix].key),
                index_doc(ix),
            ),
            Claimant::Area(ix, a) => {
                let i = &site.indices[ix];
                (
                    msg!("what-area", area = &i.areas[a].key, index = &i.key),
                    index_doc(ix),
                )
            }
            Claimant::Page(id) => {
                let p = &site.pages[id];
                (
                    msg!("what-file", file = p.doc.shown.display().to_string()),
                    Some(&p.doc),
                )
            }
            Claimant::Alias(id, _) => {
                let p = &site.pages[id];
                (
                    msg!("what-alias-of", file = p.doc.shown.display().to_string()),
                    Some(&p.doc),
                )
            }
            Claimant::Tag(id) => (msg!("what-tag", tag = &site.tags[id].name), None),
            Claimant::Asset(i) => (msg!("what-asset", file = &site.assets[i].src.rel), None),
            Claimant::Civic(i) => ((civic.describe)(site, &civic.paths[i]), None),
        }
    }

    /// A problem with this claim, at its file and line (else at `fallback`):
    /// `message` gets what the claimant is.
    pub(super) fn problem(
        self,
        site: &Site,
        civic: &Generated,
        fallback: std::path::PathBuf,
        message: impl FnOnce(Msg) -> Msg,
        hint: Msg,
    ) -> Diagnostic {
        let (what, doc) = self.describe(site, civic);
        let (line, col) = self.position(site);
        let shown = doc.map(|d| d.shown.clone()).unwrap_or(fallback);
        let mut d = Diagnostic::new(shown, line, col, message(what));
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
pub(super) fn register_routes(
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
    let claims = all_claims(site, &civic, &index_feeds);
    let mut duplicates = claim_paths(site, &mut routes, &claims);
    // Two pages at one path also clash on their leaflets and broadcast
    // scripts below it: one mistake, reported once (at the page).
    let clashing_pages: Vec<&str> = duplicates
        .iter()
        .filter(|(_, who)| matches!(who, Claimant::Page(_)))
        .map(|(path, _)| *path)
        .collect();
    if !clashing_pages.is_empty() {
        duplicates.retain(|(path, who)| {
            !matches!(who, Claimant::Civic(_))
                || !clashing_pages
                    .iter()
                    .any(|p| path.len() > p.len() && path.starts_with(p) && p.ends_with('/'))
        });
    }
    // (A duplicate's path was always claimed before it.)
    let first_claimant = |path: &str| {
        claims
            .iter()
            .find(|c| c.0 == path)
            .map_or(Claimant::Fixed(msg_id!("what-another-output")), |c| c.2)
    };
    let nested = nested_in_files(site, &claims);
    let nested = nested.into_iter().map(|(asset, path, who)| {
        let a = &site.assets[asset];
        who.problem(
            site,
            &civic,
            format!("content/{}", a.src.rel).into(),
            |what| {
                msg!(
                    "url-inside-file",
                    path = path,
                    what = what,
                    file_path = &a.path,
                    file = &a.src.rel
                )
            },
            msg!("url-inside-file-hint"),
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
                    msg!(
                        "url-duplicate",
                        path = path,
                        what = what,
                        first = first_what
                    )
                },
                msg!("url-duplicate-hint"),
            )
        })
        .chain(nested)
        .chain(long_names)
        .chain((feature.checks)(site))
        .collect();
    (routes, problems)
}

/// Every claim in order: the fixed outputs, sections, index feeds and areas,
/// pages and their aliases, tags, assets, then the feature's paths.
fn all_claims<'s>(
    site: &'s Site,
    civic: &'s Generated,
    index_feeds: &'s [String],
) -> Vec<Claim<'s>> {
    let mut claims: Vec<Claim<'s>> = Vec::with_capacity(
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
        (TAGS_PATH, msg_id!("what-tag-list")),
        (DOCUMENTS_PATH, msg_id!("what-register")),
        (SEARCH_PATH, msg_id!("what-search")),
        (NOT_FOUND_PATH, msg_id!("what-404")),
        (FEED_PATH, msg_id!("what-feed")),
        (SITEMAP_PATH, msg_id!("what-sitemap")),
        (ROBOTS_PATH, msg_id!("what-robots")),
    ] {
        claims.push((path, Target::Generated, Claimant::Fixed(what)));
    }
    for s in &site.sections {
        claims.push((&s.path, Target::Section(s.id), Claimant::Section(s.id)));
    }
    for (ix, feed) in site.indices.iter().zip(index_feeds) {
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
    claims
}

/// Enters the claims in `routes.paths` (the first claim of a path wins) and
/// fills `routes.sources`; returns the later claims of a taken path.
fn claim_paths<'s>(
    site: &Site,
    routes: &mut Routes,
    claims: &[Claim<'s>],
) -> Vec<(&'s str, Claimant)> {
    // The first claim of a path wins; a later one is a duplicate (whose first
    // claimant is looked up only then). The sources map is filled meanwhile.
    let Routes { paths, sources, .. } = routes;
    let (duplicates, ()) = rayon::join(
        || {
            paths.reserve(claims.len());
            let mut duplicates = Vec::new();
            for &(path, target, who) in claims {
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
    duplicates
}

/// Claimed paths inside a published content file, one per file: (asset,
/// path, claimant).
fn nested_in_files<'s>(site: &Site, claims: &[Claim<'s>]) -> Vec<(usize, &'s str, Claimant)> {
    // A content file is published as a file: nothing can be inside it.
    let mut nested: Vec<(usize, &str, Claimant)> = Vec::new();
    if !site.assets.is_empty() {
        let files: HashMap<&str, usize> = site
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_str(), i))
            .collect();
        for &(path, _, who) in claims {
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
    nested
}
