//! The fast path: only Markdown bodies changed (front matter byte-identical,
//! no file added or removed, no asset, template or `site.yaml` change, no
//! future-dated page coming due). The model stays; the changed documents'
//! Markdown and cards are made again, and the jobs showing them are found
//! through the reverse index of the dependencies.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::md_cache::{anchor_paths, md_key, reads_fingerprint, same_content};
use super::{Engine, Outcome, render_units, urls_of};
use crate::diagnostics::Diagnostics;
use crate::markdown::RenderedMarkdown;
use crate::model::Target;
use crate::pipeline;
use crate::render::Renderer;

impl Engine {
    pub(super) fn fast(&mut self) -> Result<Outcome, Diagnostics> {
        let mut built = self.built.take().expect("checked by fast_path_possible");
        let mut targets = Vec::new();
        for rel in &self.pending.applied.modified_docs {
            let entry = &self.sources.docs[rel];
            let target = built.site.routes.sources[rel];
            match target {
                Target::Page(id) => {
                    built.site.pages[id].doc = entry.doc.clone();
                    built.page_gens[id] = entry.generation;
                }
                Target::Section(id) => built.site.sections[id].doc = Some(entry.doc.clone()),
                _ => unreachable!("checked by fast_path_possible"),
            }
            targets.push((target, entry.generation));
        }
        let urls = urls_of(&built.site.config, &self.opts);
        let fresh: Vec<(Target, u64, RenderedMarkdown)> = targets
            .par_iter()
            .filter_map(|&(t, generation)| {
                pipeline::render_doc(&built.site, &urls, t, true).map(|m| (t, generation, m))
            })
            .collect();
        for (t, generation, md) in fresh {
            let (slot, meta) = match t {
                Target::Page(id) => (&mut built.docs.pages[id], Some(&mut built.page_md[id])),
                Target::Section(id) => match built.docs.sections[id].as_mut() {
                    Some(slot) => (slot, built.section_md[id].as_mut()),
                    None => continue,
                },
                _ => continue,
            };
            let Some(meta) = meta else { continue };
            if !same_content(slot, &md) {
                self.counter += 1;
                meta.version = self.counter;
            }
            meta.key = md_key(&built.site, t, generation, built.urls_fp);
            meta.reads = reads_fingerprint(&built.site, &md.route_reads);
            meta.anchors = anchor_paths(&built.site, &md);
            *slot = md;
        }

        let mut problems = Diagnostics::default();
        problems.extend(self.sources.all_problems());
        problems.extend(pipeline::markdown_problems(&built.site, &built.docs));
        problems.extend(pipeline::check_images(&built.site));
        if !problems.is_empty() {
            self.built = Some(built);
            return Err(problems);
        }

        // New cards of the changed pages; find the jobs showing what changed.
        let users = built
            .users
            .get_or_init(|| super::Users::of(&built.site, &built.deps));
        let links = crate::render::CardLinks::new(&built.site);
        let mut dirty: BTreeSet<usize> = BTreeSet::new();
        for &(t, _) in &targets {
            match t {
                Target::Page(id) => {
                    let page = &built.site.pages[id];
                    let fp = crate::render::card_fingerprint(&built.site, &built.docs, page);
                    let key = built.page_keys[id];
                    match self.rendered.cards.get(&key) {
                        Some((old_fp, old)) if *old_fp == fp => built.cards[id] = old.clone(),
                        _ => {
                            built.cards[id] =
                                crate::render::card_value(&built.site, &built.docs, &links, page);
                            dirty.extend(&users.cards[id]);
                        }
                    }
                    built.card_fps[id] = fp;
                    if self.rendered.contents.get(&key) != Some(&built.page_md[id].version) {
                        dirty.extend(&users.page_contents[id]);
                    }
                    if self.rendered.sources.get(&key) != Some(&built.page_gens[id]) {
                        dirty.extend(&users.sources[id]);
                    }
                }
                Target::Section(id) => {
                    let key = built.section_keys[id];
                    let version = built.section_md[id].as_ref().map(|m| m.version);
                    if self.rendered.contents.get(&key).copied() != version {
                        dirty.extend(&users.section_contents[id]);
                    }
                }
                _ => {}
            }
        }
        let templates = match self.theme.as_ref().map(|t| &t.templates) {
            Some(Ok(t)) => t.clone(),
            _ => unreachable!("a build succeeded with these templates"),
        };
        let mut renderer = Renderer::with_cards(
            &built.site,
            &built.docs,
            &templates.tera,
            &templates.paths,
            &urls,
            &templates.files,
            built.cards.clone(),
        );
        renderer.limits = self.opts.render_limits;
        let dirty: Vec<usize> = dirty.into_iter().collect();
        let outputs = render_units(&renderer, &built.units, &dirty)?;
        drop(renderer);

        let mut changed = Vec::new();
        for (file, _) in outputs {
            self.rendered.store(file, &mut changed);
        }
        for &(t, _) in &targets {
            match t {
                Target::Page(id) => {
                    let key = built.page_keys[id];
                    self.rendered
                        .cards
                        .insert(key, (built.card_fps[id], built.cards[id].clone()));
                    self.rendered
                        .contents
                        .insert(key, built.page_md[id].version);
                    self.rendered.sources.insert(key, built.page_gens[id]);
                }
                Target::Section(id) => {
                    if let Some(m) = &built.section_md[id] {
                        self.rendered
                            .contents
                            .insert(built.section_keys[id], m.version);
                    }
                }
                _ => {}
            }
        }
        changed.sort();
        let jobs = built.units.len();
        self.built = Some(built);
        Ok(Outcome {
            changed,
            rendered: dirty.len(),
            jobs,
            fast: true,
            ..Outcome::default()
        })
    }
}
