//! Sections and governance indices, from the section documents (`_index.md`):
//! one section per content directory (the home section always exists), each
//! with its nearest ancestor as parent, and the indices that sections declare.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;

use super::{
    Area, GovIndex, Section, SectionId, dir_path, last_segment, nearest_section, parent_dir,
};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, yaml_item_position, yaml_key_position};
use crate::frontmatter::{IndexFrontMatter, SortBy};
use crate::load::{Front, SourceDoc};
use crate::text::slugify;

/// The sections, by content directory, with their parents set, and the
/// `index:` blocks they declare (by section).
pub(super) struct Sections {
    pub(super) sections: Vec<Section>,
    pub(super) by_dir: BTreeMap<String, SectionId>,
    pub(super) index_blocks: Vec<(SectionId, IndexFrontMatter)>,
}

/// Sections, by content directory.
pub(super) fn build_sections(
    config: &Config,
    section_docs: Vec<SourceDoc>,
    problems: &mut Vec<Diagnostic>,
) -> Sections {
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
                Diagnostic::new(&doc.shown, l, c, crate::msg!("config-paginate"))
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
                Diagnostic::new(
                    &doc.shown,
                    line,
                    col,
                    crate::msg!("page-bad-lang", lang = l),
                )
                .with_source(&doc.text)
                .with_hint(crate::msg!("page-bad-lang-hint")),
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
    Sections {
        sections,
        by_dir: section_by_dir,
        index_blocks,
    }
}

/// Governance indices, from the sections' `index:` blocks (each section
/// gets its index id).
pub(super) fn build_indices(
    sections: &mut [Section],
    index_blocks: Vec<(SectionId, IndexFrontMatter)>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GovIndex> {
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
                Diagnostic::new(&doc.shown, 1, 1, crate::msg!("index-on-home"))
                    .with_hint(crate::msg!("index-on-home-hint")),
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
                        crate::msg!("index-area-not-slug", key = &a.key),
                    )
                    .with_source(&doc.text)
                    .with_hint(crate::msg!(
                        "index-area-not-slug-hint",
                        slug = slugify(&a.key)
                    )),
                );
            }
            if !seen.insert(a.key.clone()) {
                problems.push(
                    Diagnostic::new(
                        &doc.shown,
                        pos.0,
                        pos.1,
                        crate::msg!("index-area-twice", key = &a.key),
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
                        crate::msg!("index-score-no-source", year = s.year.to_string()),
                    )
                    .with_hint(crate::msg!("index-score-no-source-hint")),
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
    indices
}
