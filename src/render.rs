//! Stage 3, render: every output of the site, in memory. Each list (section,
//! index, area, tag) is built once; page cards are serialised once and shared
//! by every list that shows them; pages render in parallel.
//!
//! Templates receive typed views with fixed top-level names: `site`, `page`,
//! `section`, `index`, `area`, `tag`, `paginator`, `menu`, plus `current_path`,
//! `lang` and `t` (interface strings).

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
use crate::model::{self, Page, PageId, Site};
use crate::templating::{CURRENT_PATH, TemplatePaths, template_error};
use crate::theme::{FileSource, ThemeFiles};
use crate::urls::UrlMaker;

mod bounded;
mod cards;
mod jobs;
mod scene;
mod views;

pub use cards::{CardLinks, card_fingerprint, card_value, resolve_image};
pub use jobs::Job;
use jobs::pages_count;
pub use scene::{ContextScene, DepsScene, Describe, JobDeps, Make, Recipe, Scene};
pub(crate) use scene::{Fingerprint, stable_hasher};
use views::*;

/// A theme's template for one card in a list. When the theme has it and it
/// reads nothing beyond [`CARD_CONTEXT`], every card a list shows carries
/// `html`: the card rendered by this template, once per build where it is the
/// same in every list, so a list page prints ten strings instead of running
/// the template ten times (`{{ p.html }}`; an `include` of the template works
/// as before).
pub const CARD_TEMPLATE: &str = "partials/card.html";

/// The page frame's templates, each with the context variable that carries its
/// HTML. When the theme has one and it reads nothing beyond [`FRAME_CONTEXT`],
/// it is rendered once per language, kind of page and menu marking (not in a
/// kiosk build, whose links depend on the page), and every page gets its HTML:
/// `base.html` prints `header_html` instead of running the template.
pub const FRAME_TEMPLATES: [(&str, &str); 2] = [
    ("header_html", "partials/site_header.html"),
    ("footer_html", "partials/site_footer.html"),
];

/// The side box listing the areas of one index. When the theme has it and it
/// reads nothing beyond [`AREAS_BOX_CONTEXT`], it is rendered once per index
/// and language for the article pages (not in a kiosk build), and each article
/// with an area gets the box of its first area's index as `areas_box_html`.
pub const AREAS_BOX_TEMPLATE: &str = "partials/index_areas_box.html";

/// What [`AREAS_BOX_TEMPLATE`] may read to be rendered on its own. On an
/// article page `kind` is `page`, and `area` and `paginator` (which area pages
/// have) are not defined.
pub const AREAS_BOX_CONTEXT: [&str; 7] = [
    "site",
    "t",
    "lang",
    "kind",
    "index_key",
    "area",
    "paginator",
];

/// What [`FRAME_TEMPLATES`] get when they render on their own.
pub const FRAME_CONTEXT: [&str; 5] = ["site", "t", "lang", "menu", "kind"];

/// What [`CARD_TEMPLATE`] gets when it renders a card on its own (`kind` is `card`).
pub const CARD_CONTEXT: [&str; 7] = ["p", "site", "t", "lang", "menu", "current_path", "kind"];

const CARD_HINT: &str = "`partials/card.html` also renders each card on its own (`p.html`), with \
    `p`, `site`, `t`, `lang`, `menu`, `current_path` (`/`) and `kind` (`card`); see the template \
    context in the user guide (reference/template-context)";

/// Rendered Markdown of every page and section, by id.
pub struct RenderedDocs {
    pub pages: Vec<RenderedMarkdown>,
    pub sections: Vec<Option<RenderedMarkdown>>,
}

/// One file of the output tree.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output directory, `/`-separated: `tin-tuc/bai/index.html`.
    pub path: String,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    File(FileSource),
}

impl OutputFile {
    /// A generated file, text without control characters (checked in debug builds).
    pub fn bytes(path: String, bytes: Vec<u8>) -> OutputFile {
        debug_assert!(!crate::text::controls::any_control(&bytes), "{path}");
        let body = Body::Bytes(bytes);
        OutputFile { path, body }
    }
}

impl Body {
    /// The bytes, unless they are in a file on disk still to be copied.
    pub fn in_memory(&self) -> Option<&[u8]> {
        match self {
            Body::Bytes(b) => Some(b),
            Body::File(crate::theme::FileSource::Embedded(b)) => Some(b),
            Body::File(crate::theme::FileSource::Disk(_)) => None,
        }
    }
}

/// Output file of a site path: `/a/` → `a/index.html`, `/404.html` → `404.html`.
pub fn output_file_of(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// Site path of page `n` (1-based) of a paginated list at `base`.
pub fn paginated_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}{}/{n}/", model::PAGE_SEGMENT)
    }
}

/// Values the outputs of one render share, one per type, made on first use:
/// the door through which a feature (civic's leaflets) keeps its own caches
/// without the renderer knowing it.
#[derive(Default)]
pub struct Shared(
    std::sync::Mutex<
        rustc_hash::FxHashMap<std::any::TypeId, std::sync::Arc<dyn std::any::Any + Send + Sync>>,
    >,
);

impl Shared {
    /// The shared value of type `T`, made with `T::default()` the first time.
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> std::sync::Arc<T> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let any = map
            .entry(std::any::TypeId::of::<T>())
            .or_insert_with(|| std::sync::Arc::new(T::default()))
            .clone();
        any.downcast::<T>()
            .unwrap_or_else(|_| unreachable!("stored under its own type id"))
    }
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub docs: &'a RenderedDocs,
    pub tera: &'a Tera,
    pub template_paths: &'a TemplatePaths,
    pub urls: &'a UrlMaker,
    pub theme: &'a ThemeFiles,
    site_value: Value,
    menu_value: Value,
    /// `menu` as each page sees it, one value per distinct marking (see [`Renderer::menu_for`]).
    menus: std::sync::Mutex<rustc_hash::FxHashMap<Vec<MenuMark>, Value>>,
    i18n: BTreeMap<String, Value>,
    cards: Vec<Value>,
    /// Whether cards in lists carry `html` (see [`CARD_TEMPLATE`]).
    card_html: bool,
    /// Which of [`FRAME_TEMPLATES`] are rendered on their own.
    frame_templates: Vec<(&'static str, &'static str)>,
    /// Their HTML by language, kind and menu marking, made on first use;
    /// `None` if one failed (the page then includes it, and reports the error).
    frames: std::sync::Mutex<FrameCache>,
    /// Whether article pages get `areas_box_html` (see [`AREAS_BOX_TEMPLATE`]).
    areas_box: bool,
    /// The areas box by index key and language, made on first use; `None` if
    /// it failed (the page then includes it, and reports the error).
    areas_boxes: std::sync::Mutex<rustc_hash::FxHashMap<(String, String), Option<Value>>>,
    /// Cards with their `html`, made on first use, for the lists whose cards
    /// are alike (see [`Renderer::listed_card`]).
    listed_cards: Vec<std::sync::OnceLock<Result<Value, tera::Error>>>,
    /// `congxa check`: templates are rendered (their errors are problems) but
    /// what they print is dropped, and outputs made without templates and
    /// without user-facing errors (QR codes, broadcast scripts) are left empty.
    pub check_only: bool,
    /// What the outputs of a feature wired in by the pipeline share during
    /// this render (the leaflets' QR code tables).
    pub shared: Shared,
    /// Bounds on each template render ([`crate::templating::limits`]), and
    /// the first template that ran over them (later renders are skipped).
    pub limits: crate::templating::limits::RenderLimits,
    limit_hit: std::sync::OnceLock<String>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        docs: &'a RenderedDocs,
        tera: &'a Tera,
        template_paths: &'a TemplatePaths,
        urls: &'a UrlMaker,
        theme: &'a ThemeFiles,
    ) -> Self {
        let links = CardLinks::new(site);
        let cards = site
            .pages
            .par_iter()
            .map(|p| card_value(site, docs, &links, p))
            .collect();
        Self::with_cards(site, docs, tera, template_paths, urls, theme, cards)
    }

    /// Like [`Renderer::new`], with the page cards already made (by [`card_value`],
    /// in page-id order); `serve` reuses the cards of pages an edit did not touch.
    pub fn with_cards(
        site: &'a Site,
        docs: &'a RenderedDocs,
        tera: &'a Tera,
        template_paths: &'a TemplatePaths,
        urls: &'a UrlMaker,
        theme: &'a ThemeFiles,
        cards: Vec<Value>,
    ) -> Self {
        let mut site_view = site_view(site);
        site_view.relative = urls.relative;
        let menu_value = Value::from_serializable(&site_view.menu);
        let site_value = Value::from_serializable(&site_view);
        let i18n = theme
            .i18n
            .iter()
            .map(|(lang, map)| (lang.clone(), Value::from_serializable(map)))
            .collect();
        let card_html = renders_alone(tera, CARD_TEMPLATE, &CARD_CONTEXT);
        let listed_cards = cards.iter().map(|_| Default::default()).collect();
        let frame_templates = FRAME_TEMPLATES
            .into_iter()
            .filter(|(_, name)| !urls.relative && renders_alone(tera, name, &FRAME_CONTEXT))
            .collect();
        let areas_box =
            !urls.relative && renders_alone(tera, AREAS_BOX_TEMPLATE, &AREAS_BOX_CONTEXT);
        Renderer {
            site,
            docs,
            tera,
            template_paths,
            urls,
            theme,
            site_value,
            menu_value,
            menus: Default::default(),
            i18n,
            cards,
            card_html,
            frame_templates,
            frames: Default::default(),
            areas_box,
            areas_boxes: Default::default(),
            listed_cards,
            check_only: false,
            shared: Default::default(),
            limits: Default::default(),
            limit_hit: Default::default(),
        }
    }

    /// Static files of the theme and content assets.
    pub fn copied_files(&self) -> Vec<OutputFile> {
        let mut out: Vec<OutputFile> = self
            .theme
            .static_files
            .iter()
            .map(|(rel, src)| OutputFile {
                path: rel.clone(),
                body: Body::File(src.clone()),
            })
            .collect();
        // A photo is never published as it is (its metadata would be): only
        // the variants the image stage made of it. The logo (`logo:`) is the
        // commune's emblem, shown and shared as the file it is.
        let logo = crate::organization::logo_source(self.site);
        out.extend(
            self.site
                .assets
                .iter()
                .filter(|a| {
                    !crate::images::is_photo_path(&a.src.rel)
                        || logo.as_deref() == Some(a.src.rel.as_str())
                })
                .map(|a| OutputFile {
                    path: a.path.trim_start_matches('/').to_string(),
                    body: Body::File(FileSource::Disk(a.src.abs.clone())),
                }),
        );
        out.extend(self.site.photos.variants().into_iter().map(|v| OutputFile {
            path: v.path.trim_start_matches('/').to_string(),
            body: Body::File(FileSource::Disk(v.file.clone())),
        }));
        out
    }

    /// The page card of page `id` (what every list shows of it).
    pub fn card(&self, id: PageId) -> &Value {
        &self.cards[id]
    }

    /// `menu` for the output at `current_path`: the site's menu items, the one
    /// that is this output with `current: "page"` and those holding it with
    /// `current: "true"`. Templates then test one field per item instead of
    /// calling `starting_with` (a test call with keyword arguments) twice. There
    /// are only a few distinct markings, so each is made once and shared.
    fn menu_marks(&self, current_path: &str) -> Vec<MenuMark> {
        let items = self.menu_value.as_array().unwrap_or(&[]);
        let mark_of = |item: &Value| {
            item.as_map()
                .and_then(|m| m.get(&"path".into()))
                .and_then(Value::as_str)
                .map(|p| menu_mark(current_path, p))
                .unwrap_or(MenuMark::None)
        };
        items.iter().map(mark_of).collect()
    }

    /// `menu` with the items marked by `marks` (see [`Renderer::menu_marks`]).
    fn menu_for(&self, marks: &[MenuMark]) -> Value {
        let items = self.menu_value.as_array().unwrap_or(&[]);
        if marks.iter().all(|m| *m == MenuMark::None) {
            return self.menu_value.clone();
        }
        made_once(&self.menus, marks.to_vec(), |marks| {
            let marked: Vec<Value> = items
                .iter()
                .zip(marks)
                .map(|(item, mark)| match (mark.as_str(), item.as_map()) {
                    (Some(current), Some(map)) => {
                        let mut map = map.clone();
                        map.insert("current".into(), Value::from(current));
                        Value::from(map)
                    }
                    _ => item.clone(),
                })
                .collect();
            Value::from(marked)
        })
    }

    /// Page `id`'s card as a list in `lang` shows it: with `html` when the
    /// theme renders cards on their own (see [`CARD_TEMPLATE`]) and the HTML is
    /// the same in every list, that is in lists in the site's language of a
    /// build with root-relative links; made once per build, on first use. (In a
    /// kiosk build a card's relative links depend on the list: lists there, and
    /// lists in another language, render the template themselves.)
    fn listed_card(&self, id: PageId, lang: &str) -> Result<Value, Diagnostic> {
        if !self.card_html || self.urls.relative || lang != self.site.config.language {
            return Ok(self.cards[id].clone());
        }
        match self.listed_cards[id].get_or_init(|| self.card_with_html(id, lang)) {
            Ok(card) => Ok(card.clone()),
            Err(e) => {
                let p = &self.site.pages[id];
                let what = crate::msg!(
                    "what-card",
                    path = &p.path,
                    file = p.doc.shown.display().to_string()
                );
                let mut d = template_error(e, self.template_paths, Some(&what));
                if crate::templating::limits::hit(e).is_none() {
                    d.hint = Some(CARD_HINT.into());
                }
                Err(d)
            }
        }
    }

    /// Page `id`'s card with `html`: [`CARD_TEMPLATE`] rendered for it.
    fn card_with_html(&self, id: PageId, lang: &str) -> tera::TeraResult<Value> {
        let card = &self.cards[id];
        let mut ctx = self.base_context("/", lang, "card");
        ctx.insert_value("p", card.clone());
        let mut map = card.as_map().cloned().unwrap_or_default();
        map.insert("html".into(), self.render_alone(CARD_TEMPLATE, &ctx)?);
        Ok(Value::from(map))
    }

    /// The cards of `ids` as a list in `lang` shows them.
    fn listed_cards<'i>(
        &self,
        ids: impl IntoIterator<Item = &'i PageId>,
        lang: &str,
    ) -> Result<Vec<Value>, Diagnostic> {
        ids.into_iter()
            .map(|&id| self.listed_card(id, lang))
            .collect()
    }

    /// Context every template gets: `site`, `menu`, `current_path`, `lang`, `kind`, `t`.
    /// With the page frame's HTML (`header_html`, …) where it is made on its own.
    pub fn base_context(&self, current_path: &str, lang: &str, kind: &str) -> Context {
        let marks = self.menu_marks(current_path);
        let menu = self.menu_for(&marks);
        let t = self.strings(lang);
        let mut ctx = Context::new();
        if kind != "card" {
            for (name, html) in self.frame(lang, kind, marks, &menu, &t) {
                ctx.insert_value(name, html);
            }
        }
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("menu", menu);
        ctx.insert(CURRENT_PATH, current_path);
        ctx.insert("lang", lang);
        ctx.insert("kind", kind);
        ctx.insert_value("t", t);
        ctx
    }

    /// The interface strings (`t`) of `lang`.
    fn strings(&self, lang: &str) -> Value {
        self.i18n
            .get(lang)
            .or_else(|| self.i18n.get("vi"))
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(&BTreeMap::<String, String>::new()))
    }

    /// The areas box of article `p` (its first area's index) rendered on its
    /// own, made once per index and language; `None` where the page renders
    /// the template itself (see [`AREAS_BOX_TEMPLATE`]).
    fn areas_box_html(&self, p: &Page) -> Option<Value> {
        if !self.areas_box {
            return None;
        }
        let &(ix, _) = p.areas.first()?;
        let key = (self.site.indices[ix].key.clone(), p.lang.clone());
        made_once(&self.areas_boxes, key, |(index_key, lang)| {
            let mut ctx = Context::new();
            ctx.insert_value("site", self.site_value.clone());
            ctx.insert_value("t", self.strings(lang));
            ctx.insert("lang", lang);
            ctx.insert("kind", "page");
            ctx.insert("index_key", index_key);
            self.render_alone(AREAS_BOX_TEMPLATE, &ctx).ok()
        })
    }

    /// The HTML of the frame templates rendered on their own, for pages in
    /// `lang` of `kind` whose menu is marked `marks`, made once per build.
    fn frame(
        &self,
        lang: &str,
        kind: &str,
        marks: Vec<MenuMark>,
        menu: &Value,
        t: &Value,
    ) -> Vec<(&'static str, Value)> {
        if self.frame_templates.is_empty() {
            return Vec::new();
        }
        let key = (lang.to_string(), kind.to_string(), marks);
        let html = made_once(&self.frames, key, |_| {
            let mut ctx = Context::new();
            ctx.insert_value("site", self.site_value.clone());
            ctx.insert_value("menu", menu.clone());
            ctx.insert("lang", lang);
            ctx.insert("kind", kind);
            ctx.insert_value("t", t.clone());
            self.frame_templates
                .iter()
                .map(|(_, template)| self.render_alone(template, &ctx).ok())
                .collect::<Option<Vec<Value>>>()
        });
        let names = self.frame_templates.iter().map(|(name, _)| *name);
        names.zip(html.unwrap_or_default()).collect()
    }

    /// Hash of what every output gets: `site`, `menu`, `t`, the templates and
    /// the settings of the helpers (URLs, time zone). When it changes, every job
    /// has to be rendered again.
    pub fn globals_fingerprint(&self) -> u64 {
        let mut f = Fingerprint::default();
        f.add_value(&self.site_value);
        f.add_value(&self.menu_value);
        for (lang, strings) in &self.i18n {
            f.add(lang);
            f.add_value(strings);
        }
        f.add(&self.theme.templates);
        f.add(&(
            &self.urls.base_path,
            &self.urls.base_url,
            self.urls.relative,
            &self.site.config.language,
            format!("{:?}", self.site.config.offset),
        ));
        f.finish()
    }

    /// The page cards, by page id.
    pub fn cards(&self) -> &[Value] {
        &self.cards
    }

    /// `section_view` without the Markdown (that is a separate dependency).
    fn section_meta(&self, sid: model::SectionId) -> SectionView<'_> {
        let mut v = self.section_view(sid, &self.site.sections[sid].path);
        v.content = "".into();
        v.toc = &[];
        v
    }

    /// Page `n` of the list of `ids` at `base`, in `lang`.
    fn paginator(
        &self,
        ids: &[PageId],
        base: &str,
        n: usize,
        per_page: usize,
        lang: &str,
    ) -> Result<PaginatorView, Diagnostic> {
        let total = pages_count(ids.len(), per_page);
        let start = (n - 1) * per_page;
        let pages = self.listed_cards(ids.iter().skip(start).take(per_page), lang)?;
        Ok(PaginatorView {
            pages,
            number: n,
            total_pages: total,
            total_items: ids.len(),
            per_page,
            previous: (n > 1).then(|| paginated_path(base, n - 1)),
            next: (n < total).then(|| paginated_path(base, n + 1)),
            links: window(n, total)
                .into_iter()
                .map(|(k, gap_before)| PageLinkView {
                    number: k,
                    path: paginated_path(base, k),
                    current: k == n,
                    gap_before,
                })
                .collect(),
        })
    }

    fn section_link(&self, sid: model::SectionId) -> SectionLink<'_> {
        let s = &self.site.sections[sid];
        SectionLink {
            title: &s.title,
            path: &s.path,
        }
    }

    /// `current` is the site path being rendered (`/tin-tuc/trang/2/` shows the section too).
    fn section_view(&self, sid: model::SectionId, current: &str) -> SectionView<'_> {
        let s = &self.site.sections[sid];
        let md = self.docs.sections[sid].as_ref();
        let mut ancestors = Vec::new();
        let mut cur = s.parent;
        while let Some(p) = cur {
            ancestors.push(self.section_link(p));
            cur = self.site.sections[p].parent;
        }
        ancestors.reverse();
        SectionView {
            title: &s.title,
            description: &s.description,
            path: &s.path,
            content: self.section_content(sid, current),
            toc: md.map(|m| m.toc.as_slice()).unwrap_or(&[]),
            subsections: s
                .subsections
                .iter()
                .map(|&c| self.section_link(c))
                .collect(),
            ancestors,
            count: s.pages.len(),
        }
    }

    /// A section's HTML for the page at `current`. In a kiosk build links are relative
    /// to the page, so pagination pages (`/tin-tuc/trang/2/`) get the Markdown rendered
    /// again for their own directory.
    fn section_content(&self, sid: model::SectionId, current: &str) -> std::borrow::Cow<'a, str> {
        let s = &self.site.sections[sid];
        let Some(md) = self.docs.sections[sid].as_ref() else {
            return "".into();
        };
        match &s.doc {
            Some(doc) if self.urls.relative && current != s.path => {
                let ctx = crate::markdown::LinkContext {
                    site: self.site,
                    urls: self.urls,
                    rel_dir: &s.dir,
                    self_path: current,
                    self_target: model::Target::Section(sid),
                    shown: &doc.shown,
                    body_line: doc.body_line,
                    file_text: &doc.text,
                    speech: None,
                    plain_text: false,
                };
                crate::markdown::render(doc.body(), &ctx)
                    .html
                    .as_str()
                    .to_string()
                    .into()
            }
            _ => md.html.as_str().into(),
        }
    }

    fn index_link(&self, ix: model::IndexId) -> IndexLink<'_> {
        let i = &self.site.indices[ix];
        IndexLink {
            key: &i.key,
            code: &i.code,
            name: &i.name,
            path: &i.path,
        }
    }

    fn index_view(&self, ix: model::IndexId) -> IndexView<'_> {
        let i = &self.site.indices[ix];
        IndexView {
            key: &i.key,
            code: &i.code,
            name: &i.name,
            publisher: &i.publisher,
            path: &i.path,
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
            scores: &i.scores,
            count: i.pages.len(),
        }
    }

    /// The `page` object: the page's card plus its content, table of contents,
    /// translation and related pages. Built from the shared card's map (cheap
    /// Arc clones) instead of re-serialising everything per page.
    pub(crate) fn page_value(&self, p: &'a Page) -> Value {
        let md = &self.docs.pages[p.id];
        let mut map = self.cards[p.id].as_map().cloned().unwrap_or_default();
        let translation = p.translation.map(|t| {
            let o = &self.site.pages[t];
            TranslationView {
                lang: &o.lang,
                path: &o.path,
                title: &o.title,
            }
        });
        let related: Vec<Value> = related(self.site, p)
            .into_iter()
            .map(|id| self.cards[id].clone())
            .collect();
        map.insert("content".into(), md.html.value());
        map.insert("toc".into(), Value::from_serializable(&md.toc));
        map.insert("translation".into(), Value::from_serializable(&translation));
        map.insert("related".into(), Value::from(related));
        map.insert(
            "gallery".into(),
            Value::from_serializable(&cards::page_gallery(self.site, p)),
        );
        Value::from(map)
    }
}

/// Up to five other pages about the same areas, then tags, then indices.
pub(crate) fn related(site: &Site, p: &Page) -> Vec<PageId> {
    let mut out: Vec<PageId> = Vec::new();
    let lists = p
        .areas
        .iter()
        .map(|&(ix, ai)| &site.indices[ix].areas[ai].pages)
        .chain(p.tags.iter().map(|&t| &site.tags[t].pages))
        .chain(p.indices.iter().map(|&ix| &site.indices[ix].pages));
    for list in lists {
        for &id in list.iter() {
            if out.len() >= 5 {
                return out;
            }
            if id != p.id && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A renderer of a site without content with the default theme, some of whose
    /// templates are replaced by `templates` (name, text).
    fn with_renderer(
        relative: bool,
        templates: &[(&str, &str)],
        check: impl FnOnce(&Renderer<'_>),
    ) {
        let root = std::path::Path::new("/nonexistent-congxa-test");
        let config = crate::config::Config::parse(
            root,
            std::path::Path::new("site.yaml"),
            "title: Xã Thử\nbase_url: https://xa.example.vn/\nmenu: [{title: Tin tức, url: /tin-tuc/}]\n",
            None,
        )
        .expect("valid site.yaml");
        let urls = UrlMaker {
            base_path: config.base_path.clone(),
            base_url: config.base_url.clone(),
            relative,
        };
        let mut theme = crate::theme::load_theme(root, "default").expect("embedded theme");
        for (name, text) in templates {
            let file = theme.templates.get_mut(*name).expect("a default template");
            file.1 = text.to_string();
        }
        let (tera, paths) = crate::templating::build_tera(
            &theme,
            &urls,
            config.offset,
            crate::messages::Lang::Vi,
            crate::templating::feature_stubs,
        )
        .expect("templates parse");
        let (site, problems) = model::build_model(
            config,
            crate::load::Sources::default(),
            model::ModelOptions {
                drafts: false,
                now: jiff::Timestamp::UNIX_EPOCH,
                sort_keys: None,
                feature: model::Feature::NONE,
            },
        );
        // The menu leads to a section this site without content lacks: the
        // only problem expected.
        assert!(
            problems
                .iter()
                .all(|p| p.message.starts_with("`menu:` trỏ tới `/tin-tuc/`")),
            "{problems:?}"
        );
        let (docs, _) = crate::pipeline::render_markdown(&site, &urls, false);
        check(&Renderer::new(&site, &docs, &tera, &paths, &urls, &theme));
    }

    #[test]
    fn frame_and_cards_are_made_on_their_own_where_nothing_else_shapes_them() {
        with_renderer(false, &[], |r| {
            assert!(r.card_html);
            assert!(r.areas_box);
            assert_eq!(r.frame_templates, FRAME_TEMPLATES);
            let ctx = r.base_context("/tin-tuc/", "vi", "section");
            let header = ctx.get("header_html").and_then(Value::as_str).unwrap_or("");
            assert!(
                header.starts_with(r#"<header class="site-header">"#),
                "{header}"
            );
            assert!(
                header.contains(r#"<a href="/tin-tuc/" aria-current="page">"#),
                "{header}"
            );
            assert!(ctx.get("footer_html").is_some());
            // Made once per language, kind and menu marking.
            r.base_context("/tin-tuc/", "vi", "section");
            r.base_context("/tin-tuc/trang/2/", "vi", "section");
            r.base_context("/", "vi", "home");
            r.base_context("/", "en", "home");
            assert_eq!(r.frames.lock().unwrap().len(), 4);
            assert!(
                r.base_context("/", "vi", "card")
                    .get("header_html")
                    .is_none()
            );
        });
        // Links relative to each page: every page renders the templates itself.
        with_renderer(true, &[], |r| {
            assert!(r.frame_templates.is_empty());
            assert!(!r.areas_box);
            assert!(
                r.base_context("/", "vi", "home")
                    .get("header_html")
                    .is_none()
            );
        });
        // Templates that read anything else than their own context are included.
        let header = "<header>{{ current_path }}</header>\n";
        let card = "<article>{{ paginator.number }}</article>\n";
        let areas_box = "<nav>{{ index_key }} {{ page.title }}</nav>\n";
        let replaced = [
            ("partials/site_header.html", header),
            ("partials/card.html", card),
            (AREAS_BOX_TEMPLATE, areas_box),
        ];
        with_renderer(false, &replaced, |r| {
            assert!(!r.card_html);
            assert!(!r.areas_box);
            assert_eq!(r.frame_templates, [FRAME_TEMPLATES[1]]);
            let ctx = r.base_context("/", "vi", "home");
            assert!(ctx.get("header_html").is_none());
            assert!(ctx.get("footer_html").is_some());
        });
    }

    #[test]
    fn output_paths() {
        assert_eq!(output_file_of("/"), "index.html");
        assert_eq!(output_file_of("/tin-tuc/bai/"), "tin-tuc/bai/index.html");
        assert_eq!(output_file_of("/404.html"), "404.html");
        assert_eq!(paginated_path("/tin-tuc/", 1), "/tin-tuc/");
        assert_eq!(paginated_path("/tin-tuc/", 3), "/tin-tuc/trang/3/");
        assert_eq!(pages_count(0, 10), 1);
        assert_eq!(pages_count(21, 10), 3);
        assert_eq!(window(1, 3), vec![(1, false), (2, false), (3, false)]);
        assert_eq!(
            window(10, 150),
            vec![
                (1, false),
                (8, true),
                (9, false),
                (10, false),
                (11, false),
                (12, false),
                (150, true)
            ]
        );
    }
}
