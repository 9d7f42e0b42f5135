//! One description per output, two readings of it. An output's job says once
//! what its template gets ([`Describe::describe`], writing into a [`Scene`]);
//! a [`ContextScene`] turns that into the Tera context to render, a
//! [`DepsScene`] into its dependency record ([`JobDeps`]) for `serve`. A value
//! added to one is added to the other by construction: there are no parallel
//! `match`es to keep in step.

use serde::Serialize;
use tera::{Context, Value};

use super::{HomeBlock, OutputFile, Renderer, output_file_of};
use crate::diagnostics::Diagnostic;
use crate::model::{self, Page, PageId, SectionId, Target};
use crate::templating::template_error;

/// What an output is made of, written once by its job.
pub trait Scene<'a> {
    /// What every template gets (`site`, `menu`, `current_path`, `lang`, `kind`, `t`).
    fn base(&mut self, current: &str, lang: &str, kind: &str);
    /// A plain value, shown as it is.
    fn value<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T);
    /// A section's view with its Markdown, for the output at `current`.
    fn section(&mut self, name: &'static str, sid: SectionId, current: &str);
    /// The cards of `ids` as a list in `lang` shows them.
    fn listed(&mut self, name: &'static str, ids: &[PageId], lang: &str) -> Result<(), Diagnostic>;
    /// The cards of `ids`, plain (without `html`).
    fn plain_cards(&mut self, name: &'static str, ids: &[PageId]);
    /// `paginator`: page `n` of the list of `ids` at `base`.
    fn paginator(
        &mut self,
        ids: &[PageId],
        base: &str,
        n: usize,
        per_page: usize,
        lang: &str,
    ) -> Result<(), Diagnostic>;
    /// `page`: the page's card with its content, table of contents, translation, related pages.
    fn page(&mut self, p: &'a Page);
    /// `areas_box_html`, where the theme renders the areas box on its own.
    fn areas_box(&mut self, p: &Page);
    /// The home page's blocks: title, path and the first cards of each menu section.
    fn home_blocks(
        &mut self,
        name: &'static str,
        sections: &[SectionId],
        lang: &str,
    ) -> Result<(), Diagnostic>;
    /// A value made by `make` from `key`, the Markdown of `contents` and the
    /// source text of `sources` alone (made only when rendering).
    fn made<K: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        key: &K,
        contents: &[Target],
        sources: &[PageId],
        make: impl FnOnce() -> Result<Value, Diagnostic>,
    ) -> Result<(), Diagnostic>;
    /// The output reads page `id`'s Markdown source itself.
    fn source(&mut self, id: PageId);
}

/// How an output's bytes are made once its scene is described.
pub enum Make<'r> {
    /// A template of the theme, rendered with the scene's context.
    Template(&'static str),
    /// Bytes made without a template (a broadcast script), from what the
    /// scene declared.
    Bytes(Box<dyn FnOnce() -> Vec<u8> + 'r>),
}

/// An output described: where it goes, what it is, how it is made.
pub struct Recipe<'r> {
    /// Site path (`/tin-tuc/bai/`); the output file follows from it.
    pub path: String,
    /// Its kind, without ids (ids shift when pages come and go).
    pub kind: &'static str,
    /// What it is, for error messages (`the tag list`).
    pub what: crate::messages::Msg,
    pub make: Make<'r>,
}

/// An output job: describes its scene once.
pub trait Describe {
    /// Write what the output shows into `s`; say how it is made.
    fn describe<'r, 'a, S: Scene<'a>>(
        &self,
        r: &'r Renderer<'a>,
        s: &mut S,
    ) -> Result<Recipe<'r>, Diagnostic>;
}

/// Explicit dependencies of one output file; see [`Renderer::output_deps`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobDeps {
    /// Output file, relative to the output directory.
    pub output: String,
    /// Pages whose card the output shows, in the order shown.
    pub cards: Vec<PageId>,
    /// Pages and sections whose rendered Markdown (HTML, table of contents) it shows.
    pub contents: Vec<model::Target>,
    /// Pages whose Markdown source text it reads itself (broadcast scripts).
    pub sources: Vec<PageId>,
    /// Hash of the rest of its context: titles, paths, counts, pagination.
    pub own: u64,
}

/// A stable hash of serialisable values (serialised as JSON, then hashed).
///
/// The JSON is gathered in a buffer and hashed once at the end: serde_json
/// writes a value in many small pieces (a quote, a key, a comma), and feeding
/// those one by one to the hasher cost more than serialising (`serve` takes
/// a fingerprint of every output's context at each rebuild).
pub(crate) struct Fingerprint(Vec<u8>);

impl Default for Fingerprint {
    fn default() -> Self {
        // Most contexts' own part fits: no regrowth while serialising.
        Fingerprint(Vec::with_capacity(512))
    }
}

impl Fingerprint {
    pub(crate) fn add<T: Serialize + ?Sized>(&mut self, v: &T) {
        // Serialising plain data into a vector cannot fail; a separator keeps
        // consecutive values apart.
        let _ = serde_json::to_writer(&mut self.0, v);
        self.0.push(0xff);
    }
    /// Template values hash through their display form, which sorts map keys
    /// (their serialisation follows hash-map order, which differs run to run).
    pub(crate) fn add_value(&mut self, v: &Value) {
        use std::io::Write;
        let _ = write!(self.0, "{v}");
        self.0.push(0xff);
    }
    pub(crate) fn finish(self) -> u64 {
        use std::hash::Hasher;
        let mut h = stable_hasher();
        h.write(&self.0);
        h.finish()
    }
}

/// A fast hasher with fixed keys: the same value hashes the same way for the
/// whole life of the process (fingerprints are compared between rebuilds).
pub(crate) fn stable_hasher() -> ahash::AHasher {
    use std::hash::BuildHasher;
    ahash::RandomState::with_seeds(
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    )
    .build_hasher()
}

/// The ids shown on page `n` (1-based) of a list paginated by `per_page`.
pub(super) fn paginator_window(
    ids: &[PageId],
    n: usize,
    per_page: usize,
) -> impl Iterator<Item = PageId> + '_ {
    ids.iter().skip((n - 1) * per_page).take(per_page).copied()
}

/// A scene read as a template context.
pub struct ContextScene<'s, 'a> {
    r: &'s Renderer<'a>,
    ctx: Context,
}

impl<'a> Scene<'a> for ContextScene<'_, 'a> {
    fn base(&mut self, current: &str, lang: &str, kind: &str) {
        let base = self.r.base_context(current, lang, kind);
        self.ctx.extend(base);
    }
    fn value<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T) {
        self.ctx.insert(name, v);
    }
    fn section(&mut self, name: &'static str, sid: SectionId, current: &str) {
        self.ctx.insert(name, &self.r.section_view(sid, current));
    }
    fn listed(&mut self, name: &'static str, ids: &[PageId], lang: &str) -> Result<(), Diagnostic> {
        let cards = self.r.listed_cards(ids, lang)?;
        self.ctx.insert(name, &cards);
        Ok(())
    }
    fn plain_cards(&mut self, name: &'static str, ids: &[PageId]) {
        let cards: Vec<Value> = ids.iter().map(|&id| self.r.card(id).clone()).collect();
        self.ctx.insert(name, &cards);
    }
    fn paginator(
        &mut self,
        ids: &[PageId],
        base: &str,
        n: usize,
        per_page: usize,
        lang: &str,
    ) -> Result<(), Diagnostic> {
        let p = self.r.paginator(ids, base, n, per_page, lang)?;
        self.ctx.insert_value("paginator", p.into_value());
        Ok(())
    }
    fn page(&mut self, p: &'a Page) {
        self.ctx.insert_value("page", self.r.page_value(p));
    }
    fn areas_box(&mut self, p: &Page) {
        if let Some(html) = self.r.areas_box_html(p) {
            self.ctx.insert_value("areas_box_html", html);
        }
    }
    fn home_blocks(
        &mut self,
        name: &'static str,
        sections: &[SectionId],
        lang: &str,
    ) -> Result<(), Diagnostic> {
        let site = self.r.site;
        let blocks = sections
            .iter()
            .map(|&sid| {
                let s = &site.sections[sid];
                Ok(HomeBlock {
                    title: &s.title,
                    path: &s.path,
                    pages: self.r.listed_cards(home_block(s), lang)?,
                })
            })
            .collect::<Result<Vec<HomeBlock>, Diagnostic>>()?;
        self.ctx.insert(name, &blocks);
        Ok(())
    }
    fn made<K: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        _key: &K,
        _contents: &[Target],
        _sources: &[PageId],
        make: impl FnOnce() -> Result<Value, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        self.ctx.insert_value(name, make()?);
        Ok(())
    }
    fn source(&mut self, _id: PageId) {}
}

/// The cards a home block shows of section `s`: its first five.
fn home_block(s: &model::Section) -> &[PageId] {
    &s.pages[..s.pages.len().min(5)]
}

/// A scene read as a dependency record.
pub struct DepsScene<'s, 'a> {
    r: &'s Renderer<'a>,
    own: Fingerprint,
    cards: Vec<PageId>,
    contents: Vec<Target>,
    sources: Vec<PageId>,
}

impl<'a> Scene<'a> for DepsScene<'_, 'a> {
    fn base(&mut self, current: &str, lang: &str, kind: &str) {
        self.own.add(&("base", current, lang, kind));
    }
    fn value<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T) {
        self.own.add(name);
        self.own.add(v);
    }
    fn section(&mut self, name: &'static str, sid: SectionId, current: &str) {
        self.own.add(&(name, current));
        self.own.add(&self.r.section_meta(sid));
        self.contents.push(Target::Section(sid));
    }
    fn listed(&mut self, name: &'static str, ids: &[PageId], lang: &str) -> Result<(), Diagnostic> {
        self.own.add(&(name, ids.len(), lang));
        self.cards.extend_from_slice(ids);
        Ok(())
    }
    fn plain_cards(&mut self, name: &'static str, ids: &[PageId]) {
        self.own.add(&(name, ids.len()));
        self.cards.extend_from_slice(ids);
    }
    fn paginator(
        &mut self,
        ids: &[PageId],
        base: &str,
        n: usize,
        per_page: usize,
        lang: &str,
    ) -> Result<(), Diagnostic> {
        self.own
            .add(&("paginator", ids.len(), base, n, per_page, lang));
        self.cards.extend(paginator_window(ids, n, per_page));
        Ok(())
    }
    fn page(&mut self, p: &'a Page) {
        self.r
            .page_value_deps(p, &mut self.cards, &mut self.contents, &mut self.own);
    }
    fn areas_box(&mut self, p: &Page) {
        let site = self.r.site;
        let index = p.areas.first().map(|&(ix, _)| &site.indices[ix].key);
        self.own.add(&("areas_box", index, &p.lang));
    }
    fn home_blocks(
        &mut self,
        name: &'static str,
        sections: &[SectionId],
        lang: &str,
    ) -> Result<(), Diagnostic> {
        self.own.add(&(name, lang));
        for &sid in sections {
            let s = &self.r.site.sections[sid];
            let shown = home_block(s);
            self.own.add(&(&s.title, &s.path, shown.len()));
            self.cards.extend_from_slice(shown);
        }
        Ok(())
    }
    fn made<K: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        key: &K,
        contents: &[Target],
        sources: &[PageId],
        _make: impl FnOnce() -> Result<Value, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        self.own.add(name);
        self.own.add(key);
        self.contents.extend_from_slice(contents);
        self.sources.extend_from_slice(sources);
        Ok(())
    }
    fn source(&mut self, id: PageId) {
        self.sources.push(id);
    }
}

impl<'a> Renderer<'a> {
    /// Render one output from its description.
    pub fn render_output<D: Describe>(&self, job: &D) -> Result<OutputFile, Diagnostic> {
        let mut s = ContextScene {
            r: self,
            ctx: Context::new(),
        };
        let recipe = job.describe(self, &mut s)?;
        let bytes = match recipe.make {
            Make::Template(template) => self
                .render_template(template, &s.ctx)
                .map_err(|e| template_error(&e, self.template_paths, Some(&recipe.what)))?,
            Make::Bytes(make) => make(),
        };
        Ok(OutputFile::bytes(output_file_of(&recipe.path), bytes))
    }

    /// The explicit dependencies of an output, from the same description:
    /// which page cards and which rendered Markdown it shows, which sources it
    /// reads, and a hash of everything else in its context. Together with
    /// [`Renderer::globals_fingerprint`] this is everything the output depends
    /// on; `serve` re-renders a job only when one of them changed.
    pub fn output_deps<D: Describe>(&self, job: &D) -> JobDeps {
        let mut s = DepsScene {
            r: self,
            own: Fingerprint::default(),
            cards: Vec::new(),
            contents: Vec::new(),
            sources: Vec::new(),
        };
        // Describing for the record reads no template and fails nowhere: the
        // only fallible parts (cards with `html`, made values) are not made.
        let Ok(recipe) = job.describe(self, &mut s) else {
            unreachable!("a dependency record is described without failing")
        };
        // The kind of job and where it writes (not its ids).
        s.own.add(&(recipe.kind, &recipe.path));
        JobDeps {
            output: output_file_of(&recipe.path),
            cards: s.cards,
            contents: s.contents,
            sources: s.sources,
            own: s.own.finish(),
        }
    }
}
