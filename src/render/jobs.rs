//! The site's outputs made from templates: one [`Job`] per output file, each
//! described once ([`Describe`]); its context and its dependencies both come
//! from that description (see [`super::scene`]).

use super::scene::{Describe, Fingerprint, Make, Recipe, Scene};
use super::{AreaView, Renderer, TagLink, TranslationView, paginated_path, related};
use crate::diagnostics::Diagnostic;
use crate::model::{self, Page, PageId};
use crate::templating::ALIAS_TEMPLATE_NAME;

/// A unit of rendering work; each produces one file.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    Page(PageId),
    Section(model::SectionId, usize),
    Index(model::IndexId, usize),
    Area(model::IndexId, usize, usize),
    Tags,
    Tag(model::TagId, usize),
    Search,
    NotFound,
    Alias(PageId, String),
}

pub(super) fn pages_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// A recipe rendering `template`.
fn template(
    template: &'static str,
    path: String,
    kind: &'static str,
    what: crate::messages::Msg,
) -> Recipe<'static> {
    Recipe {
        path,
        kind,
        what,
        make: Make::Template(template),
    }
}

impl Describe for Job {
    fn describe<'r, 'a, S: Scene<'a>>(
        &self,
        r: &'r Renderer<'a>,
        s: &mut S,
    ) -> Result<Recipe<'r>, Diagnostic> {
        let site = r.site;
        let lang = site.config.language.as_str();
        Ok(match self {
            Job::Home => {
                let home = site
                    .sections
                    .iter()
                    .find(|s| s.dir.is_empty())
                    .expect("home section exists");
                s.base("/", lang, "home");
                s.section("section", home.id, "/");
                let latest = &site.latest[..site.latest.len().min(site.config.paginate)];
                s.listed("latest", latest, lang)?;
                // Standing notices (`pinned: true`), all of them.
                s.plain_cards("pinned", &site.pinned);
                let org = crate::organization::json_ld(site, r.urls);
                s.value("json_ld", &crate::jsonld::script_text(&org));
                s.home_blocks("sections", &site.menu_sections, lang)?;
                template("home.html", "/".into(), "home", crate::msg!("what-home"))
            }
            Job::Page(id) => {
                let p = &site.pages[*id];
                s.base(&p.path, &p.lang, "page");
                s.page(p);
                s.areas_box(p);
                s.value("section", &r.section_link(p.section));
                if crate::organization::is_contact_page(site, p) {
                    s.value("contact_page", &true);
                }
                if let Some(v) = crate::jsonld::legislation(p, r.urls) {
                    s.value("json_ld", &crate::jsonld::script_text(&v));
                }
                let what = crate::msg!(
                    "what-page",
                    path = &p.path,
                    file = p.doc.shown.display().to_string()
                );
                template("page.html", p.path.clone(), "page", what)
            }
            Job::Section(sid, n) => {
                let sec = &site.sections[*sid];
                let path = paginated_path(&sec.path, *n);
                s.base(&path, &sec.lang, "section");
                s.section("section", *sid, &path);
                s.paginator(&sec.pages, &sec.path, *n, sec.paginate, &sec.lang)?;
                let what = crate::msg!("what-section-page", path = &sec.path);
                template("section.html", path, "section", what)
            }
            Job::Index(ix, n) => {
                let index = &site.indices[*ix];
                let sec = &site.sections[index.section];
                let path = paginated_path(&index.path, *n);
                s.base(&path, lang, "index");
                s.section("section", sec.id, &path);
                s.value("index", &r.index_view(*ix));
                s.paginator(&index.pages, &index.path, *n, sec.paginate, lang)?;
                let what = crate::msg!("what-index-page", path = &index.path);
                template("index.html", path, "index", what)
            }
            Job::Area(ix, ai, n) => {
                let area = &site.indices[*ix].areas[*ai];
                let path = paginated_path(&area.path, *n);
                s.base(&path, lang, "area");
                s.value("index", &r.index_link(*ix));
                s.value(
                    "area",
                    &AreaView {
                        key: &area.key,
                        title: &area.title,
                        summary: &area.summary,
                        path: &area.path,
                        count: area.pages.len(),
                    },
                );
                s.paginator(&area.pages, &area.path, *n, site.config.paginate, lang)?;
                let what = crate::msg!("what-area-page", path = &area.path);
                template("area.html", path, "area", what)
            }
            Job::Tags => {
                s.base(model::TAGS_PATH, lang, "tags");
                let tags: Vec<TagLink> = site.tags.iter().map(TagLink::of).collect();
                s.value("tags", &tags);
                let path = model::TAGS_PATH.to_string();
                template("tags.html", path, "tags", crate::msg!("what-tag-list"))
            }
            Job::Tag(tid, n) => {
                let t = &site.tags[*tid];
                let path = paginated_path(&t.path, *n);
                s.base(&path, lang, "tag");
                s.value("tag", &TagLink::of(t));
                s.paginator(&t.pages, &t.path, *n, site.config.paginate, lang)?;
                template(
                    "tag.html",
                    path,
                    "tag",
                    crate::msg!("what-tag-page", path = &t.path),
                )
            }
            Job::Search => {
                s.base(model::SEARCH_PATH, lang, "search");
                let path = model::SEARCH_PATH.to_string();
                template("search.html", path, "search", crate::msg!("what-search"))
            }
            Job::NotFound => {
                s.base(model::NOT_FOUND_PATH, lang, "404");
                let path = model::NOT_FOUND_PATH.to_string();
                template("404.html", path, "404", crate::msg!("what-404"))
            }
            Job::Alias(id, alias) => {
                let p = &site.pages[*id];
                s.base(alias, lang, "alias");
                s.value("target", &p.path);
                s.value("title", &p.title);
                let what = crate::msg!("what-alias-page", path = alias.as_str());
                template(ALIAS_TEMPLATE_NAME, alias.clone(), "alias", what)
            }
        })
    }
}

impl<'a> Renderer<'a> {
    /// Every job of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = vec![Job::Home, Job::Tags, Job::Search, Job::NotFound];
        jobs.extend(site.pages.iter().map(|p| Job::Page(p.id)));
        for p in &site.pages {
            jobs.extend(p.aliases.iter().map(|a| Job::Alias(p.id, a.clone())));
        }
        for s in &site.sections {
            if s.dir.is_empty() {
                continue;
            }
            match s.index {
                Some(ix) => jobs.extend(
                    (1..=pages_count(site.indices[ix].pages.len(), s.paginate))
                        .map(|n| Job::Index(ix, n)),
                ),
                None => jobs.extend(
                    (1..=pages_count(s.pages.len(), s.paginate)).map(|n| Job::Section(s.id, n)),
                ),
            }
        }
        for ix in &site.indices {
            for (ai, a) in ix.areas.iter().enumerate() {
                jobs.extend(
                    (1..=pages_count(a.pages.len(), site.config.paginate))
                        .map(|n| Job::Area(ix.id, ai, n)),
                );
            }
        }
        for t in &site.tags {
            jobs.extend(
                (1..=pages_count(t.pages.len(), site.config.paginate)).map(|n| Job::Tag(t.id, n)),
            );
        }
        jobs
    }

    /// The file a job renders from, for reporting a bug in it.
    pub(crate) fn job_source(&self, job: &Job) -> std::path::PathBuf {
        let site = self.site;
        let section_file = |sid: model::SectionId| {
            site.sections[sid]
                .doc
                .as_ref()
                .map(|d| d.shown.clone())
                .unwrap_or_else(|| "content".into())
        };
        match job {
            Job::Page(id) | Job::Alias(id, _) => site.pages[*id].doc.shown.clone(),
            Job::Section(sid, _) => section_file(*sid),
            Job::Index(ix, _) | Job::Area(ix, _, _) => section_file(site.indices[*ix].section),
            Job::Home => site
                .sections
                .iter()
                .find(|s| s.dir.is_empty())
                .map_or_else(|| "content".into(), |s| section_file(s.id)),
            // Lists made from the whole site: the template is the file at hand.
            other => {
                let template = match other {
                    Job::Tags => "tags.html",
                    Job::Tag(..) => "tag.html",
                    Job::Search => "search.html",
                    Job::NotFound => "404.html",
                    _ => return "templates".into(),
                };
                self.template_paths
                    .get(template)
                    .cloned()
                    .unwrap_or_else(|| template.into())
            }
        }
    }

    /// What [`Renderer::page_value`] shows (the page object), plus the page's language.
    pub(crate) fn page_value_deps(
        &self,
        p: &Page,
        cards: &mut Vec<PageId>,
        contents: &mut Vec<model::Target>,
        own: &mut Fingerprint,
    ) {
        let site = self.site;
        cards.push(p.id);
        contents.push(model::Target::Page(p.id));
        let related = related(site, p);
        own.add(&related.len());
        cards.extend(related);
        own.add(&p.lang);
        own.add(&p.translation.map(|t| {
            let o = &site.pages[t];
            TranslationView {
                lang: &o.lang,
                path: &o.path,
                title: &o.title,
            }
        }));
    }
}
