//! `serve`'s caches for the one stage runner ([`crate::pipeline::stages`]):
//! configuration and templates reloaded only when they changed, sources kept
//! in memory, Markdown reused where nothing it depends on changed, cards
//! reused by fingerprint, and a job filter that renders only the outputs
//! whose dependencies changed.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::md_cache::{
    CachedMd, MdKey, MdMeta, anchor_paths, md_key, reads_fingerprint, remap_anchors, same_content,
};
use super::{Built, JobRecord, Rendered, SourceCache};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
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
    pub(super) records: Vec<JobRecord>,
    pub(super) dirty: Vec<usize>,
    pub(super) page_gens: Vec<u64>,
    pub(super) globals: u64,
    /// The copied files' output paths.
    pub(super) copied: Vec<String>,
    /// The output paths (and copied files) are those of the last good run.
    pub(super) same_paths: bool,
}

/// The engine's parts a run reads and keeps, and what the run found.
pub(super) struct Warm<'e> {
    pub(super) sources: &'e SourceCache,
    pub(super) config: &'e mut Option<Result<Config, Vec<Diagnostic>>>,
    pub(super) theme: &'e mut Option<ThemeCache>,
    pub(super) built: &'e mut Option<Built>,
    pub(super) spare_md: &'e mut HashMap<u32, CachedMd>,
    pub(super) rendered: &'e Rendered,
    pub(super) keys: &'e mut HashMap<String, u32>,
    pub(super) counter: &'e mut u64,
    pub(super) md: Option<MdState>,
    pub(super) cards: Option<CardState>,
    pub(super) select: Option<SelectState>,
    /// The last good run's output paths and their claims (taken with its model).
    pub(super) prev_claims: Option<(Vec<String>, crate::pipeline::Claims)>,
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
            let paths = std::mem::take(&mut old.paths);
            self.prev_claims = Some((paths, std::mem::take(&mut old.claims)));
            *self.garbage = Some(super::stash_md(old, &mut cache));
        }
        let urls_fp = {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&urls.base_path, &urls.base_url, urls.relative).hash(&mut h);
            h.finish()
        };
        let page_keys: Vec<u32> = site.pages.iter().map(|p| self.key(&p.doc.rel)).collect();
        let section_keys: Vec<u32> = site
            .sections
            .iter()
            .map(|s| self.key(&format!("§{}", s.dir)))
            .collect();
        let (mut reused, to_render) =
            self.reusable(site, &page_keys, &section_keys, urls_fp, &mut cache);
        let fresh: Vec<(Target, u32, MdKey, RenderedMarkdown)> = to_render
            .into_par_iter()
            .map(|(t, k, key)| {
                let md = pipeline::render_doc(site, urls, t, true).unwrap_or_default();
                (t, k, key, md)
            })
            .collect();
        for (_, k, key, md) in fresh {
            let version = match reused.remove(&k) {
                Some(old) if same_content(&old.md, &md) => old.meta.version,
                _ => self.next_version(),
            };
            let meta = MdMeta {
                key,
                reads: reads_fingerprint(site, &md.route_reads),
                anchors: anchor_paths(site, &md),
                version,
            };
            reused.insert(k, CachedMd { md, meta });
        }
        *self.spare_md = cache;
        let mut page_md = Vec::with_capacity(site.pages.len());
        let mut pages = Vec::with_capacity(site.pages.len());
        for &k in &page_keys {
            let c = reused.remove(&k).expect("every page's Markdown is ready");
            page_md.push(c.meta);
            pages.push(c.md);
        }
        let mut section_md = Vec::with_capacity(site.sections.len());
        let mut sections = Vec::with_capacity(site.sections.len());
        for (i, &k) in section_keys.iter().enumerate() {
            let c = site.sections[i].doc.as_ref().map(|_| {
                reused
                    .remove(&k)
                    .expect("every section's Markdown is ready")
            });
            section_md.push(c.as_ref().map(|c| c.meta.clone()));
            sections.push(c.map(|c| c.md));
        }
        self.md = Some(MdState {
            page_keys,
            section_keys,
            page_md,
            section_md,
            urls_fp,
        });
        (RenderedDocs { pages, sections }, Vec::new())
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
            .iter()
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
        let records: Vec<JobRecord> = deps
            .iter()
            .map(|d| JobRecord {
                own: d.own,
                cards: d.cards.iter().map(|&id| md.page_keys[id]).collect(),
                contents: d.contents.iter().map(content_key).collect(),
                sources: d.sources.iter().map(|&id| md.page_keys[id]).collect(),
            })
            .collect();
        let rendered = self.rendered;
        let is_dirty = |j: usize| {
            let d = &deps[j];
            all_dirty
                || rendered.records.get(&d.output) != Some(&records[j])
                || d.cards.iter().any(|&id| card_changed[id])
                || d.contents
                    .iter()
                    .any(|t| rendered.contents.get(&content_key(t)).copied() != content_version(t))
                || d.sources
                    .iter()
                    .any(|&id| rendered.sources.get(&md.page_keys[id]) != Some(&page_gens[id]))
        };
        let (dirty, kept): (Vec<usize>, Vec<usize>) =
            (0..outputs.len()).partition(|&j| is_dirty(j));
        let kept = kept.into_iter().map(|j| deps[j].output.clone()).collect();
        let copied: Vec<String> = r.copied_files().into_iter().map(|f| f.path).collect();
        // The same paths as the last good run: its claims hold as they are.
        let claimed = self.prev_claims.take().and_then(|(paths, claims)| {
            let now = deps.iter().map(|d| &d.output).chain(&copied);
            let same = paths.len() == deps.len() + copied.len() && paths.iter().eq(now);
            same.then_some(claims)
        });
        self.select = Some(SelectState {
            deps,
            records,
            dirty: dirty.clone(),
            page_gens,
            globals,
            copied,
            same_paths: claimed.is_some(),
        });
        Selection {
            render: dirty,
            kept,
            claimed,
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
            self.spare_md.insert(k, CachedMd { md: md_, meta });
        }
        for ((md_, meta), &k) in docs
            .sections
            .into_iter()
            .zip(md.section_md)
            .zip(&md.section_keys)
        {
            if let (Some(md_), Some(meta)) = (md_, meta) {
                self.spare_md.insert(k, CachedMd { md: md_, meta });
            }
        }
    }
}

impl Warm<'_> {
    /// Each document's cached Markdown, checked: kept where its key, its route
    /// lookups and its anchors' targets still hold; the others to render
    /// (their old Markdown kept beside, to compare the new one with).
    #[allow(clippy::type_complexity)]
    fn reusable(
        &self,
        site: &Site,
        page_keys: &[u32],
        section_keys: &[u32],
        urls_fp: u64,
        cache: &mut HashMap<u32, CachedMd>,
    ) -> (HashMap<u32, CachedMd>, Vec<(Target, u32, MdKey)>) {
        let targets = (0..site.pages.len())
            .map(|i| (Target::Page(i), page_keys[i]))
            .chain(
                (0..site.sections.len())
                    .filter(|&i| site.sections[i].doc.is_some())
                    .map(|i| (Target::Section(i), section_keys[i])),
            );
        let mut reused: HashMap<u32, CachedMd> = HashMap::new();
        let mut to_render = Vec::new();
        for (t, k) in targets {
            let rel = match t {
                Target::Page(id) => Some(site.pages[id].doc.rel.as_str()),
                Target::Section(id) => site.sections[id].doc.as_ref().map(|d| d.rel.as_str()),
                _ => None,
            };
            let generation = rel
                .and_then(|r| self.sources.docs.get(r))
                .map_or(0, |e| e.generation);
            let md_key = md_key(site, t, generation, urls_fp);
            let cached = cache.remove(&k).map(|mut c| {
                let valid = c.meta.key == md_key
                    && reads_fingerprint(site, &c.md.route_reads) == c.meta.reads
                    && remap_anchors(site, &mut c.md, &c.meta.anchors);
                (c, valid)
            });
            match cached {
                Some((c, true)) => {
                    reused.insert(k, c);
                }
                old => {
                    if let Some((old, _)) = old {
                        reused.insert(k, old); // kept only to compare with the new rendering
                    }
                    to_render.push((t, k, md_key));
                }
            }
        }
        (reused, to_render)
    }
}
