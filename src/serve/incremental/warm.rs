//! `serve`'s caches for the one stage runner ([`crate::pipeline::stages`]):
//! configuration and templates reloaded only when they changed, sources kept
//! in memory, Markdown reused where nothing it depends on changed, cards
//! reused by fingerprint, and a job filter that renders only the outputs
//! whose dependencies changed.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::md_cache::{
    CachedMd, MdMeta, MdSlots, anchor_paths, md_key, reads_fingerprint, remap_anchors, same_content,
};
use super::{Built, JobRecord, Rendered, SourceCache};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{Site, Target};
use crate::pipeline::stages::{self, Caches, Output, Selection, Templates};
use crate::pipeline::{self, BuildOptions};
use crate::render::{JobDeps, RenderedDocs, Renderer};
use crate::urls::UrlMaker;

/// The templates, and the theme name, URL settings and time zone they were
/// set up for.
pub(super) struct ThemeCache {
    pub(super) key: (String, String, String, bool, String),
    pub(super) templates: Result<Arc<Templates>, Vec<Diagnostic>>,
}

/// The Markdown of a run and what it was made from.
pub(super) struct MdState {
    pub(super) page_keys: Vec<u32>,
    pub(super) section_keys: Vec<u32>,
    pub(super) page_md: Vec<MdMeta>,
    pub(super) section_md: Vec<Option<MdMeta>>,
    pub(super) urls_fp: u64,
}

/// The cards of a run: made again only when their fingerprint changed.
pub(super) struct CardState {
    pub(super) cards: Vec<Value>,
    pub(super) fps: Vec<u64>,
    pub(super) changed: Vec<bool>,
}

/// The job filter's findings: every output's dependencies and record, those to render.
pub(super) struct SelectState {
    pub(super) deps: Vec<JobDeps>,
    /// The outputs to render, and the record of each.
    pub(super) dirty: Vec<usize>,
    pub(super) records: Vec<JobRecord>,
    pub(super) page_gens: Vec<u64>,
    pub(super) globals: u64,
    /// The copied files' output paths.
    pub(super) copied: Vec<String>,
    /// Every output path (and copied file) of the last good run is still made.
    pub(super) none_gone: bool,
}

/// The engine's parts a run reads and keeps, and what the run found.
pub(super) struct Warm<'e> {
    pub(super) sources: &'e SourceCache,
    pub(super) config: &'e mut Option<Result<Config, Vec<Diagnostic>>>,
    pub(super) theme: &'e mut Option<ThemeCache>,
    pub(super) built: &'e mut Option<Built>,
    pub(super) spare_md: &'e mut MdSlots,
    pub(super) rendered: &'e Rendered,
    pub(super) keys: &'e mut rustc_hash::FxHashMap<String, u32>,
    pub(super) counter: &'e mut u64,
    pub(super) md: Option<MdState>,
    pub(super) cards: Option<CardState>,
    pub(super) select: Option<SelectState>,
    /// The last good run's claims (taken with its model; its output paths
    /// stay in `garbage`).
    pub(super) prev_claims: Option<crate::pipeline::Claims>,
    pub(super) sort_keys: &'e Arc<crate::text::SortKeys>,
    pub(super) links: &'e mut crate::images::LinkMemo,
    /// Where the previous build goes once its Markdown is taken.
    pub(super) garbage: &'e mut Option<Built>,
}

impl Warm<'_> {
    fn key(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.keys.get(name) {
            return k;
        }
        let next = self.keys.len() as u32;
        self.keys.insert(name.to_string(), next);
        next
    }

    fn next_version(&mut self) -> u64 {
        *self.counter += 1;
        *self.counter
    }
}

impl Caches for Warm<'_> {
    fn config(&mut self, opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
        self.config
            .get_or_insert_with(|| Config::load(&opts.root, opts.base_url.as_deref()))
            .clone()
    }

    fn templates(
        &mut self,
        opts: &BuildOptions,
        config: &Config,
        urls: &UrlMaker,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        let key = (
            config.theme.clone(),
            urls.base_path.clone(),
            urls.base_url.clone(),
            urls.relative,
            format!("{:?}", config.offset),
        );
        if self.theme.as_ref().is_none_or(|t| t.key != key) {
            let templates = stages::load_templates(opts, config, urls);
            *self.theme = Some(ThemeCache { key, templates });
        }
        self.theme.as_ref().expect("just set").templates.clone()
    }

    fn sources(&mut self, _: &BuildOptions) -> (crate::load::Sources, Vec<Diagnostic>) {
        (self.sources.sources(), self.sources.all_problems())
    }

    fn markdown(
        &mut self,
        site: &Site,
        urls: &UrlMaker,
        _: bool,
    ) -> (RenderedDocs, Vec<Diagnostic>) {
        let mut cache = std::mem::take(self.spare_md);
        if let Some(mut old) = self.built.take() {
            self.prev_claims = Some(std::mem::take(&mut old.claims));
            *self.garbage = Some(super::stash_md(old, &mut cache));
        }
        let urls_fp = {
            let mut h = crate::render::stable_hasher();
            (&urls.base_path, &urls.base_url, urls.relative).hash(&mut h);
            h.finish()
        };
        let page_keys: Vec<u32> = site.pages.iter().map(|p| self.key(&p.doc.rel)).collect();
        let section_keys: Vec<u32> = site
            .sections
            .iter()
            .map(|s| self.key(&format!("§{}", s.dir)))
            .collect();
        // Every document with its cached Markdown: pages, then sections with a file.
        let mut docs: Vec<(Target, Option<CachedMd>)> = (0..site.pages.len())
            .map(|i| (Target::Page(i), cache.take(page_keys[i])))
            .collect();
        for (i, s) in site.sections.iter().enumerate() {
            if s.doc.is_some() {
                docs.push((Target::Section(i), cache.take(section_keys[i])));
            }
        }
        *self.spare_md = cache;
        // Reused where it still holds, else rendered again; in parallel.
        let sources = self.sources;
        let made: Vec<MdSlot> = docs
            .into_par_iter()
            .map(|(t, cached)| refresh_md(site, urls, sources, urls_fp, t, cached))
            .collect();
        let mut made = made.into_iter();
        let mut docs = RenderedDocs {
            pages: Vec::with_capacity(site.pages.len()),
            sections: Vec::with_capacity(site.sections.len()),
        };
        let mut page_md = Vec::with_capacity(site.pages.len());
        for slot in made.by_ref().take(site.pages.len()) {
            let c = self.settle(slot);
            page_md.push(c.meta);
            docs.pages.push(c.md);
        }
        let mut section_md = Vec::with_capacity(site.sections.len());
        for s in &site.sections {
            let c = s
                .doc
                .as_ref()
                .and_then(|_| made.next())
                .map(|s| self.settle(s));
            section_md.push(c.as_ref().map(|c| c.meta.clone()));
            docs.sections.push(c.map(|c| c.md));
        }
        self.md = Some(MdState {
            page_keys,
            section_keys,
            page_md,
            section_md,
            urls_fp,
        });
        (docs, Vec::new())
    }

    fn cards(&mut self, site: &Site, docs: &RenderedDocs) -> Vec<Value> {
        let keys = &self.md.as_ref().expect("Markdown comes first").page_keys;
        let links = crate::render::CardLinks::new(site);
        let made: Vec<(Value, u64, bool)> = site
            .pages
            .par_iter()
            .map(|p| {
                let fp = crate::render::card_fingerprint(site, docs, p);
                match self.rendered.cards.get(&keys[p.id]) {
                    Some((old_fp, old)) if *old_fp == fp => (old.clone(), fp, false),
                    _ => (crate::render::card_value(site, docs, &links, p), fp, true),
                }
            })
            .collect();
        let mut state = CardState {
            cards: Vec::with_capacity(made.len()),
            fps: Vec::with_capacity(made.len()),
            changed: Vec::with_capacity(made.len()),
        };
        for (v, fp, changed) in made {
            state.cards.push(v);
            state.fps.push(fp);
            state.changed.push(changed);
        }
        let cards = state.cards.clone();
        self.cards = Some(state);
        cards
    }

    fn select(&mut self, r: &Renderer<'_>, outputs: &[Output]) -> Selection {
        let md = self.md.as_ref().expect("Markdown comes first");
        let card_changed = &self.cards.as_ref().expect("cards come first").changed;
        let site = r.site;
        let deps: Vec<JobDeps> = outputs.par_iter().map(|u| r.output_deps(u)).collect();
        let page_gens: Vec<u64> = site
            .pages
            .par_iter()
            .map(|p| {
                self.sources
                    .docs
                    .get(&p.doc.rel)
                    .map_or(0, |e| e.generation)
            })
            .collect();
        let globals = r.globals_fingerprint();
        let all_dirty = self.rendered.globals != Some(globals);
        let content_key = |t: &Target| match t {
            Target::Page(id) => md.page_keys[*id],
            Target::Section(id) => md.section_keys[*id],
            _ => u32::MAX,
        };
        let content_version = |t: &Target| match t {
            Target::Page(id) => Some(md.page_md[*id].version),
            Target::Section(id) => md.section_md[*id].as_ref().map(|m| m.version),
            _ => None,
        };
        // An output's record names its dependencies by stable id.
        let page_key = |&id: &usize| md.page_keys[id];
        let record = |d: &JobDeps| JobRecord {
            own: d.own,
            cards: d.cards.iter().map(page_key).collect(),
            contents: d.contents.iter().map(content_key).collect(),
            sources: d.sources.iter().map(page_key).collect(),
        };
        // Compared with the stored record without making a new one (a record
        // is made only for the outputs to render).
        let same_record = |d: &JobDeps, old: &JobRecord| {
            old.own == d.own
                && old.cards.iter().copied().eq(d.cards.iter().map(page_key))
                && old
                    .contents
                    .iter()
                    .copied()
                    .eq(d.contents.iter().map(content_key))
                && old
                    .sources
                    .iter()
                    .copied()
                    .eq(d.sources.iter().map(page_key))
        };
        let rendered = self.rendered;
        let is_dirty = |d: &JobDeps| {
            all_dirty
                || !rendered
                    .records
                    .get(&d.output)
                    .is_some_and(|old| same_record(d, old))
                || d.cards.iter().any(|&id| card_changed[id])
                || d.contents
                    .iter()
                    .any(|t| rendered.contents.get(&content_key(t)).copied() != content_version(t))
                || d.sources
                    .iter()
                    .any(|&id| rendered.sources.get(&md.page_keys[id]) != Some(&page_gens[id]))
        };
        let flags: Vec<bool> = deps.par_iter().map(is_dirty).collect();
        let (dirty, kept): (Vec<usize>, Vec<usize>) = (0..outputs.len()).partition(|&j| flags[j]);
        let records: Vec<JobRecord> = dirty.iter().map(|&j| record(&deps[j])).collect();
        let copied: Vec<String> = r.copied_files().into_iter().map(|f| f.path).collect();
        // Every path of the last good run is still made (the same paths, or
        // more: a new article): its claims hold, the new paths go on top.
        let now = deps.iter().map(|d| &d.output).chain(&copied);
        let added = self.garbage.as_ref().and_then(|old| {
            let then = old.deps.iter().map(|d| &d.output).chain(&old.copied);
            paths_added(then, now)
        });
        let (claimed, unclaimed) = match (self.prev_claims.take(), added) {
            (Some(claims), Some(added)) => (Some(claims), added),
            _ => (None, Vec::new()),
        };
        // The kept outputs' paths are claimed again only when some are gone.
        let kept = match claimed {
            Some(_) => Vec::new(),
            None => kept.into_iter().map(|j| deps[j].output.clone()).collect(),
        };
        self.select = Some(SelectState {
            deps,
            records,
            dirty: dirty.clone(),
            page_gens,
            globals,
            copied,
            none_gone: claimed.is_some(),
        });
        Selection {
            render: dirty,
            kept,
            claimed,
            unclaimed,
        }
    }

    fn links(&mut self) -> Option<&mut crate::images::LinkMemo> {
        Some(self.links)
    }

    fn sort_keys(&self) -> Option<Arc<crate::text::SortKeys>> {
        Some(self.sort_keys.clone())
    }

    fn failed(&mut self, _: Site, docs: RenderedDocs) {
        let Some(md) = self.md.take() else { return };
        for ((md_, meta), &k) in docs.pages.into_iter().zip(md.page_md).zip(&md.page_keys) {
            self.spare_md.put(k, CachedMd { md: md_, meta });
        }
        for ((md_, meta), &k) in docs
            .sections
            .into_iter()
            .zip(md.section_md)
            .zip(&md.section_keys)
        {
            if let (Some(md_), Some(meta)) = (md_, meta) {
                self.spare_md.put(k, CachedMd { md: md_, meta });
            }
        }
    }
}

/// The paths of `now` that are not in `then`, when `then` is a subsequence of
/// `now` (outputs keep their order from run to run: a new article's outputs
/// come in between); `None` when some path of `then` is gone (or moved).
fn paths_added<'a>(
    then: impl Iterator<Item = &'a String>,
    now: impl Iterator<Item = &'a String>,
) -> Option<Vec<String>> {
    let mut then = then.peekable();
    let mut added = Vec::new();
    for path in now {
        if then.peek() == Some(&path) {
            then.next();
        } else {
            added.push(path.clone());
        }
    }
    then.next().is_none().then_some(added)
}

/// A document's Markdown after [`refresh_md`]: reused, or new with the
/// version to take (`None`: a new version, its HTML or contents changed).
struct MdSlot {
    md: CachedMd,
    version: Option<u64>,
}

/// A document's cached Markdown, kept where its key, its route lookups and
/// its anchors' targets still hold; else rendered again (keeping the old
/// version when the HTML and table of contents came out the same).
fn refresh_md(
    site: &Site,
    urls: &UrlMaker,
    sources: &SourceCache,
    urls_fp: u64,
    t: Target,
    cached: Option<CachedMd>,
) -> MdSlot {
    let rel = match t {
        Target::Page(id) => Some(site.pages[id].doc.rel.as_str()),
        Target::Section(id) => site.sections[id].doc.as_ref().map(|d| d.rel.as_str()),
        _ => None,
    };
    let generation = rel
        .and_then(|r| sources.docs.get(r))
        .map_or(0, |e| e.generation);
    let key = md_key(site, t, generation, urls_fp);
    let old = match cached {
        Some(mut c) => {
            if c.meta.key == key
                && reads_fingerprint(site, &c.md.route_reads) == c.meta.reads
                && remap_anchors(site, &mut c.md, &c.meta.anchors)
            {
                let version = Some(c.meta.version);
                return MdSlot { md: c, version };
            }
            Some(c) // kept only to compare with the new rendering
        }
        None => None,
    };
    let md = pipeline::render_doc(site, urls, t, true).unwrap_or_default();
    let version = old
        .filter(|old| same_content(&old.md, &md))
        .map(|old| old.meta.version);
    let meta = MdMeta {
        key,
        reads: reads_fingerprint(site, &md.route_reads),
        anchors: anchor_paths(site, &md),
        version: 0,
    };
    MdSlot {
        md: CachedMd { md, meta },
        version,
    }
}

impl Warm<'_> {
    /// The Markdown of a slot with its version.
    fn settle(&mut self, slot: MdSlot) -> CachedMd {
        let mut c = slot.md;
        c.meta.version = match slot.version {
            Some(v) => v,
            None => self.next_version(),
        };
        c
    }
}
