//! The typed views templates get (`site`, `section`, `index`, `area`, `tag`,
//! `paginator`, `menu`, …), borrowing from the model, and the helpers that
//! make the shared parts of a page once.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Tera, Value};

use crate::markdown::TocEntry;
use crate::model::{self, Site};

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) language: &'a str,
    pub(crate) organization: &'a crate::config::Organization,
    /// Site path of the logo (`logo:`), shown in the header instead of the drawn icon.
    pub(crate) logo: Option<String>,
    /// The focal-point officials (`contacts:`), shown on the contact pages.
    pub(crate) contacts: &'a [crate::config::Contact],
    pub(crate) menu: Vec<MenuItem>,
    pub(crate) links: &'a [crate::config::Link],
    pub(crate) abbreviations: &'a BTreeMap<String, String>,
    pub(crate) indices: Vec<IndexSummary<'a>>,
    pub(crate) tags_path: &'static str,
    pub(crate) documents_path: &'static str,
    pub(crate) search_path: &'static str,
    pub(crate) has_documents: bool,
    pub(crate) relative: bool,
}

#[derive(Serialize)]
pub(crate) struct MenuItem {
    pub(crate) title: String,
    pub(crate) path: String,
    /// The code of the governance index at `path` (`PAPI`), if there is one.
    pub(crate) code: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct IndexSummary<'a> {
    pub(crate) key: &'a str,
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) publisher: &'a str,
    pub(crate) path: &'a str,
    pub(crate) count: usize,
    pub(crate) areas: Vec<AreaView<'a>>,
    /// The index's page is an item of `menu`.
    pub(crate) in_menu: bool,
}

/// What `cache` holds for `key`, made by `make` the first time (outside the
/// lock: two threads may both make it, and the first one kept wins).
pub(crate) fn made_once<K: std::hash::Hash + Eq, V: Clone>(
    cache: &std::sync::Mutex<rustc_hash::FxHashMap<K, V>>,
    key: K,
    make: impl FnOnce(&K) -> V,
) -> V {
    let lock = || {
        cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(known) = lock().get(&key) {
        return known.clone();
    }
    let made = make(&key);
    lock().entry(key).or_insert(made).clone()
}

/// Whether the theme has `template` and it reads nothing beyond `context`, so
/// that rendered on its own it prints what it prints in a page.
pub(crate) fn renders_alone(tera: &Tera, template: &str, context: &[&str]) -> bool {
    tera.contains_template(template)
        && tera
            .get_template_variables(template)
            .is_ok_and(|vars| vars.iter().all(|v| context.contains(v)))
}

/// The page frame's HTML by language, kind of page and menu marking.
pub(crate) type FrameCache =
    rustc_hash::FxHashMap<(String, String, Vec<MenuMark>), Option<Vec<Value>>>;

/// How a menu item relates to the output being rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum MenuMark {
    None,
    /// The item is this output.
    Page,
    /// The output is inside the item's section.
    Inside,
}

impl MenuMark {
    /// The item's `current` field (`aria-current` values), if it gets one.
    pub(crate) fn as_str(self) -> Option<&'static str> {
        match self {
            MenuMark::None => None,
            MenuMark::Page => Some("page"),
            MenuMark::Inside => Some("true"),
        }
    }
}

/// `item` (a menu item's path) seen from `current` (a site path). Only site
/// paths hold pages; the home page holds everything and is never `Inside`.
pub(crate) fn menu_mark(current: &str, item: &str) -> MenuMark {
    if current == item {
        MenuMark::Page
    } else if item != "/" && item.starts_with('/') && current.starts_with(item) {
        MenuMark::Inside
    } else {
        MenuMark::None
    }
}

/// The code of the index whose page is `path`.
pub(crate) fn index_code_at(site: &Site, path: &str) -> Option<String> {
    site.indices
        .iter()
        .find(|ix| ix.path == path)
        .map(|ix| ix.code.clone())
}

pub(crate) fn site_view(site: &Site) -> SiteView<'_> {
    let c = &site.config;
    let menu: Vec<MenuItem> = match &c.menu {
        Some(items) => items
            .iter()
            .map(|l| MenuItem {
                title: l.title.clone(),
                path: l.url.clone(),
                code: index_code_at(site, &l.url),
            })
            .collect(),
        None => site
            .menu_sections
            .iter()
            .map(|&s| MenuItem {
                title: site.sections[s].title.clone(),
                path: site.sections[s].path.clone(),
                code: index_code_at(site, &site.sections[s].path),
            })
            .collect(),
    };
    SiteView {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        language: &c.language,
        organization: &c.organization,
        logo: crate::organization::logo_path(site),
        contacts: &c.contacts,
        links: &c.links,
        abbreviations: &c.abbreviations,
        indices: site
            .indices
            .iter()
            .map(|i| IndexSummary {
                key: &i.key,
                code: &i.code,
                name: &i.name,
                publisher: &i.publisher,
                path: &i.path,
                count: i.pages.len(),
                in_menu: menu.iter().any(|m| m.path == i.path),
                areas: i
                    .areas
                    .iter()
                    .map(|a| AreaView {
                        key: &a.key,
                        title: &a.title,
                        summary: &a.summary,
                        path: &a.path,
                        count: a.pages.len(),
                    })
                    .collect(),
            })
            .collect(),
        tags_path: model::TAGS_PATH,
        documents_path: model::DOCUMENTS_PATH,
        search_path: model::SEARCH_PATH,
        has_documents: !site.documents.is_empty(),
        relative: false,
        menu,
    }
}

#[derive(Serialize)]
pub(crate) struct HomeBlock<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) pages: Vec<Value>,
}

#[derive(Serialize, Hash)]
pub(crate) struct SectionLink<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
}

#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) path: &'a str,
    pub(crate) content: std::borrow::Cow<'a, str>,
    pub(crate) toc: &'a [TocEntry],
    pub(crate) subsections: Vec<SectionLink<'a>>,
    pub(crate) ancestors: Vec<SectionLink<'a>>,
    pub(crate) count: usize,
}

#[derive(Serialize, Hash)]
pub(crate) struct IndexLink<'a> {
    pub(crate) key: &'a str,
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) path: &'a str,
}

#[derive(Serialize)]
pub(crate) struct IndexView<'a> {
    pub(crate) key: &'a str,
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) publisher: &'a str,
    pub(crate) path: &'a str,
    pub(crate) areas: Vec<AreaView<'a>>,
    pub(crate) scores: &'a [crate::frontmatter::Score],
    pub(crate) count: usize,
}

#[derive(Serialize)]
pub(crate) struct AreaView<'a> {
    pub(crate) key: &'a str,
    pub(crate) title: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) path: &'a str,
    pub(crate) count: usize,
}

#[derive(Serialize)]
pub(crate) struct TagLink<'a> {
    pub(crate) name: &'a str,
    pub(crate) path: &'a str,
    pub(crate) count: usize,
}

impl TagLink<'_> {
    pub(crate) fn of(t: &model::Tag) -> TagLink<'_> {
        TagLink {
            name: &t.name,
            path: &t.path,
            count: t.pages.len(),
        }
    }
}

/// `paginator` in the template context, made into a `Value` by
/// [`PaginatorView::into_value`] so the page cards are shared, not copied.
#[derive(Serialize)]
pub(crate) struct PaginatorView {
    #[serde(skip)]
    pub(crate) pages: Vec<Value>,
    pub(crate) number: usize,
    pub(crate) total_pages: usize,
    pub(crate) total_items: usize,
    pub(crate) per_page: usize,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) links: Vec<PageLinkView>,
}

impl PaginatorView {
    /// The view as a template value; `pages` holds the shared cards themselves
    /// (serialising them would deep-copy ten cards per list page).
    pub(crate) fn into_value(self) -> Value {
        let mut map = Value::from_serializable(&self)
            .as_map()
            .cloned()
            .unwrap_or_default();
        map.insert("pages".into(), Value::from(self.pages));
        Value::from(map)
    }
}

#[derive(Serialize)]
pub(crate) struct PageLinkView {
    pub(crate) number: usize,
    pub(crate) path: String,
    pub(crate) current: bool,
    /// Pages were skipped before this one (show "…").
    pub(crate) gap_before: bool,
}

/// Page numbers to link from page `n` of `total`: the first, the last and two
/// either side of the current one — a list with 150 pages must not put 150
/// links on every page. Each entry says whether numbers were skipped before it.
pub(crate) fn window(n: usize, total: usize) -> Vec<(usize, bool)> {
    let mut numbers = vec![1, total];
    numbers.extend(n.saturating_sub(2).max(1)..=(n + 2).min(total));
    numbers.sort_unstable();
    numbers.dedup();
    let mut out: Vec<(usize, bool)> = Vec::with_capacity(numbers.len());
    for k in numbers {
        let gap = out.last().is_some_and(|(prev, _)| k > prev + 1);
        out.push((k, gap));
    }
    out
}

#[derive(Serialize)]
pub(crate) struct TranslationView<'a> {
    pub(crate) lang: &'a str,
    pub(crate) path: &'a str,
    pub(crate) title: &'a str,
}
