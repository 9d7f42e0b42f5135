//! The documents register `/van-ban/`: every page with a `document:` block,
//! newest first, with filter pages that work without JavaScript:
//! `/van-ban/loai/<type-slug>/` (one per document type) and
//! `/van-ban/nam/<year>/` (one per year of issue). All of them render
//! `documents.html` with the same context.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{DOCUMENTS_PATH, PageId, Site};
use crate::render::{Renderer, Scene};
use crate::text::{VietnameseOrder, slugify};

/// Which documents a register page lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Slug of the document type (`ke-hoach`).
    Type(String),
    Year(i16),
}

/// A document type with its filter page.
#[derive(Debug, Clone, Serialize)]
pub struct TypeEntry {
    /// As first written in front matter (`Kế hoạch`).
    pub name: String,
    pub slug: String,
    pub path: String,
    pub count: usize,
    pub current: bool,
}

/// A year of issue with its filter page.
#[derive(Debug, Clone, Serialize)]
pub struct YearEntry {
    pub year: i16,
    pub path: String,
    pub count: usize,
    pub current: bool,
}

/// `register` in the template context.
#[derive(Debug, Serialize)]
struct RegisterView {
    /// `all`, `type` or `year`.
    filter: &'static str,
    /// The chosen type's name or year, as text (empty for `all`).
    filter_label: String,
    all_path: &'static str,
    /// Documents in the whole register.
    total: usize,
    /// Some document of the register has a `status:` (the column is shown).
    has_status: bool,
    types: Vec<TypeEntry>,
    years: Vec<YearEntry>,
}

/// `/van-ban/loai/ke-hoach/`
pub fn type_path(slug: &str) -> String {
    format!("{DOCUMENTS_PATH}loai/{slug}/")
}

/// `/van-ban/nam/2024/`
pub fn year_path(year: i16) -> String {
    format!("{DOCUMENTS_PATH}nam/{year}/")
}

fn doc_type_slug(site: &Site, id: PageId) -> Option<String> {
    site.pages[id]
        .document
        .as_ref()
        .map(|d| slugify(&d.kind))
        .filter(|s| !s.is_empty())
}

fn doc_year(site: &Site, id: PageId) -> Option<i16> {
    site.pages[id]
        .document
        .as_ref()
        .map(|d| d.issued.local.year())
}

/// Document types in Vietnamese alphabetical order (types whose name gives no slug have no page).
pub fn types(site: &Site) -> Vec<TypeEntry> {
    let mut by_slug: BTreeMap<String, TypeEntry> = BTreeMap::new();
    for &id in &site.documents {
        let (Some(slug), Some(d)) = (doc_type_slug(site, id), site.pages[id].document.as_ref())
        else {
            continue;
        };
        by_slug
            .entry(slug.clone())
            .or_insert_with(|| TypeEntry {
                name: d.kind.trim().to_string(),
                path: type_path(&slug),
                slug,
                count: 0,
                current: false,
            })
            .count += 1;
    }
    let order = VietnameseOrder::new();
    let mut out: Vec<TypeEntry> = by_slug.into_values().collect();
    out.sort_by(|a, b| order.compare(&a.name, &b.name).then(a.slug.cmp(&b.slug)));
    out
}

/// Years of issue, newest first.
pub fn years(site: &Site) -> Vec<YearEntry> {
    let mut by_year: BTreeMap<i16, usize> = BTreeMap::new();
    for &id in &site.documents {
        if let Some(y) = doc_year(site, id) {
            *by_year.entry(y).or_default() += 1;
        }
    }
    by_year
        .into_iter()
        .rev()
        .map(|(year, count)| YearEntry {
            year,
            path: year_path(year),
            count,
            current: false,
        })
        .collect()
}

/// Every register page: the whole register and one page per type and per year.
pub fn filters(site: &Site) -> Vec<Filter> {
    let mut out = vec![Filter::All];
    out.extend(types(site).into_iter().map(|t| Filter::Type(t.slug)));
    out.extend(years(site).into_iter().map(|y| Filter::Year(y.year)));
    out
}

/// Does the register page for `filter` list document page `id`?
pub fn shows(site: &Site, filter: &Filter, id: PageId) -> bool {
    match filter {
        Filter::All => true,
        Filter::Type(slug) => doc_type_slug(site, id).as_deref() == Some(slug.as_str()),
        Filter::Year(y) => doc_year(site, id) == Some(*y),
    }
}

/// Site path of a register page.
pub fn path_of(filter: &Filter) -> String {
    match filter {
        Filter::All => DOCUMENTS_PATH.to_string(),
        Filter::Type(slug) => type_path(slug),
        Filter::Year(y) => year_path(*y),
    }
}

/// What a register page shows: `documents` (page cards, newest issue first)
/// and `register` (the filters).
pub fn describe<'a, S: Scene<'a>>(r: &Renderer<'a>, s: &mut S, filter: &Filter) {
    let site = r.site;
    let path = path_of(filter);
    s.base(&path, &site.config.language, "documents");
    let docs: Vec<PageId> = site
        .documents
        .iter()
        .copied()
        .filter(|&id| shows(site, filter, id))
        .collect();
    let mut types = types(site);
    let mut years = years(site);
    let mut label = String::new();
    for t in &mut types {
        if matches!(filter, Filter::Type(s) if *s == t.slug) {
            t.current = true;
            label = t.name.clone();
        }
    }
    for y in &mut years {
        if matches!(filter, Filter::Year(v) if *v == y.year) {
            y.current = true;
            label = y.year.to_string();
        }
    }
    s.plain_cards("documents", &docs);
    s.value(
        "register",
        &RegisterView {
            filter: match filter {
                Filter::All => "all",
                Filter::Type(_) => "type",
                Filter::Year(_) => "year",
            },
            filter_label: label,
            all_path: DOCUMENTS_PATH,
            total: site.documents.len(),
            has_status: site.documents.iter().any(|&id| {
                site.pages[id]
                    .document
                    .as_ref()
                    .is_some_and(|d| d.status.is_some())
            }),
            types,
            years,
        },
    );
}
