//! The Markdown stage: CommonMark + GFM extensions to HTML, with Vietnamese
//! heading ids, a table of contents, a plain-text summary, and every internal
//! link checked and rewritten for the site's base path. It transforms
//! pulldown-cmark events; it never edits rendered HTML.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

mod media;
mod raw_img;

use crate::diagnostics::Diagnostic;
use crate::model::{Site, Target};
use crate::text::{controls, slugify, truncate_words};
use crate::urls::{UrlMaker, join_relative};

/// May a body hold a raw-HTML `<img>` (or `<source>`)? A quick look.
pub fn mentions_img(body: &str) -> bool {
    raw_img::mentions_img(body)
}

pub use raw_img::raw_img_sources;

/// Longest default summary, in characters.
pub const SUMMARY_CHARS: usize = 300;

/// Most link problems reported one by one per document; the rest are counted
/// (20,000 broken links must not mean 20,000 messages, nor minutes to make them).
pub const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Where a document sits, for resolving its links.
pub struct LinkContext<'a> {
    pub site: &'a Site,
    pub urls: &'a UrlMaker,
    /// Content-relative directory that relative links start from.
    pub rel_dir: &'a str,
    /// The document's own site path.
    pub self_path: &'a str,
    pub self_target: Target,
    pub shown: &'a Path,
    pub body_line: usize,
    pub file_text: &'a str,
    /// Also collect the paragraphs of the broadcast script
    /// (`RenderedMarkdown::speech`) with this observer, plugged in by the pipeline.
    pub speech: Option<MakeObserver>,
    /// Keep the plain text (`RenderedMarkdown::plain_text`, for the search
    /// index); its words are counted either way.
    pub plain_text: bool,
}

/// A heading being collected: level, given id, classes, attributes, inner events, text.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    Vec<Event<'a>>,
    String,
);

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to `#fragment` of another document, checked once all are rendered.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target: Target,
    pub fragment: String,
    pub line: usize,
    pub col: usize,
}

/// One lookup in `Site::routes` made while resolving a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteRead {
    /// `routes.paths[site path]`
    Path(String),
    /// `routes.sources[content path]` and the target's site path
    Source(String),
    /// `routes.assets[content path]`
    Asset(String),
    /// `routes.excluded` contains the content path
    Excluded(String),
    /// `site.photos[content path]`
    Photo(String),
}

#[derive(Debug, Default, Clone)]
pub struct RenderedMarkdown {
    pub html: Html,
    /// First paragraph as plain text, at most `SUMMARY_CHARS` characters.
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub heading_ids: HashSet<String>,
    pub anchor_refs: Vec<AnchorRef>,
    /// The whole text without marks, for the search index (empty unless
    /// `LinkContext::plain_text` asked for it).
    pub plain_text: String,
    /// Words in `plain_text` (counted once: every card shows it).
    pub words: usize,
    /// Every lookup of the site's routes the links made, in order: with the
    /// document's text, site path and link directory, all the rendering read
    /// (`serve` keeps the result while these lookups give the same answers).
    pub route_reads: Vec<RouteRead>,
    pub problems: Vec<Diagnostic>,
    /// Link problems counted but not listed (past `MAX_PROBLEMS_PER_FILE`).
    pub problems_left_out: usize,
    /// The paragraphs of the page's broadcast script, when asked for
    /// (`LinkContext::speech`): collected from the same events, so the
    /// article is parsed once.
    pub speech: Speech,
}

/// A feature following a document's Markdown events, to collect its own text
/// from the same parse (the broadcast script's paragraphs). The pipeline plugs
/// it in: the Markdown stage knows no feature.
pub trait Observer {
    fn event(&mut self, ev: &Event<'_>);
    /// What it collected, one paragraph a line.
    fn finish(self: Box<Self>) -> String;
}

/// Makes an [`Observer`] for a body of so many bytes.
pub type MakeObserver = fn(usize) -> Box<dyn Observer>;

/// A broadcast script's paragraphs, one per line, handed over once: the script
/// takes them (and frees their memory) when it is made, early in the render
/// stage, so they do not add to the build's peak memory.
#[derive(Debug, Default)]
pub struct Speech(std::sync::Mutex<String>);

impl Speech {
    pub fn new(lines: String) -> Speech {
        Speech(std::sync::Mutex::new(lines))
    }

    /// The paragraphs, leaving nothing behind (empty if taken before or never collected).
    pub fn take(&self) -> String {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

impl Clone for Speech {
    fn clone(&self) -> Speech {
        let lines = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Speech::new(lines.clone())
    }
}

/// A document's HTML, made once as the template value that shows it: every
/// page and leaflet that prints it shares it instead of copying it.
#[derive(Debug, Clone, PartialEq)]
pub struct Html(tera::Value);

impl Default for Html {
    fn default() -> Html {
        Html::new("")
    }
}

impl Html {
    pub fn new(html: &str) -> Html {
        Html(tera::Value::safe_string(html))
    }
    pub fn as_str(&self) -> &str {
        self.0.as_str().unwrap_or("")
    }
    /// The HTML as a template value, printed as it is.
    pub fn value(&self) -> tera::Value {
        self.0.clone()
    }
}

/// `s` in an allocation of its own size. Every page's HTML and plain text stay
/// in memory until the site is written, and were made in buffers sized
/// generously up front; `shrink_to_fit` would not help, as the allocator keeps
/// a block that shrinks by less than half.
fn exact(s: String) -> String {
    if s.capacity() - s.len() > s.len() / 8 {
        s.as_str().to_owned()
    } else {
        s
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render one document body.
pub fn render(body: &str, ctx: &LinkContext<'_>) -> RenderedMarkdown {
    let mut out = RenderedMarkdown::default();
    // Where each line starts: found (by memchr's vector search) only when a
    // position is first asked for (for a problem or an `#anchor`), which most
    // documents never do.
    let found_line_starts = std::cell::OnceCell::new();
    let line_starts = || -> &Vec<usize> {
        found_line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1))
                .collect()
        })
    };
    // The last position asked for: links come in order, so on a long line the
    // column is counted on from the previous link (linear, not quadratic).
    let last = std::cell::Cell::new((0usize, 0usize, 1usize)); // (offset, line index, col)
    let position = |offset: usize| -> (usize, usize) {
        let offset = offset.min(body.len());
        let line_starts = line_starts();
        let idx = line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let (last_offset, last_idx, last_col) = last.get();
        let col = if last_idx == idx && last_offset <= offset {
            last_col + body[last_offset..offset].chars().count()
        } else {
            body[line_starts[idx]..offset].chars().count() + 1
        };
        last.set((offset, idx, col));
        (ctx.body_line + idx, col)
    };

    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut next_suffix = std::collections::HashMap::new();
    // Explicit `{#id}`s are reserved first so generated ids never take them:
    // a body that may hold one (any `{`: `{ #id }` is one too) is parsed ahead;
    // the others stream.
    let mut parser = Some(Parser::new_ext(body, options()).into_offset_iter());
    let all: Vec<(Event<'_>, std::ops::Range<usize>)> = if body.contains('{') {
        parser.take().into_iter().flatten().collect()
    } else {
        Vec::new()
    };
    for (ev, range) in &all {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = ev
            && !used_ids.insert(id.to_string())
            && out.problems.len() < MAX_PROBLEMS_PER_FILE
        {
            let (line, col) = position(range.start);
            out.problems.push(
                Diagnostic::new(
                    ctx.shown,
                    line,
                    col,
                    crate::msg!("md-duplicate-heading-id", id = id.to_string()),
                )
                .with_source(ctx.file_text)
                .with_hint(crate::msg!("md-duplicate-heading-id-hint")),
            );
        }
    }

    let mut heading: Option<OpenHeading<'_>> = None;
    let mut text = TextTrack {
        plain: String::with_capacity(body.len()),
        ..TextTrack::default()
    };
    let mut speech = ctx.speech.map(|make| make(body.len()));
    let href = |p: &str| ctx.urls.href(ctx.self_path, &encode_path(p));
    // Photos: the first one loads at once unless the page has a front-matter photo.
    let mut media = MediaTrack {
        first_photo: !has_hero(ctx),
        ..MediaTrack::default()
    };
    for (ev, range) in all.into_iter().chain(parser.into_iter().flatten()) {
        if let Some(w) = &mut speech {
            w.event(&ev);
        }
        text.event(&ev, heading.is_some());
        // Where the event starts, as a problem would show it (worked out on demand).
        let at = || position(range.start);
        let Some(ev) = media.event(ev, &range, ctx, &position, &href, &mut out) else {
            continue;
        };
        let ev = match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match photo_link(&dest_url, ctx, &at, &mut out) {
                    Some(variant) => CowStr::from(href(&variant)),
                    None => rewrite_link(&dest_url, link_type, ctx, &at, &mut out),
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(&dest_url, link_type, ctx, &at, &mut out);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            other => other,
        };
        let mut ids = HeadingIds {
            used: &mut used_ids,
            next_suffix: &mut next_suffix,
        };
        headings(ev, &mut heading, &mut ids, &mut out, &mut events);
        if let Some(ev) = media.after.take() {
            headings(ev, &mut heading, &mut ids, &mut out, &mut events);
        }
    }
    spaced_path_problems(body, &media.code, ctx, &position, &mut out);
    let events = unwrap_blocks(events, &media.blocks);
    let TextTrack { plain, summary, .. } = text;
    if out.problems_left_out > 0
        && let Some(last) = out.problems.last_mut()
    {
        last.message = crate::msg!("links-more-missing", n = out.problems_left_out - 1);
    }
    write_out(&mut out, events, body, ctx, (summary, plain), speech);
    out
}

/// Image syntax that Markdown left as text because its path has spaces
/// (outside code, which shows such text on purpose).
fn spaced_path_problems(
    body: &str,
    code: &[std::ops::Range<usize>],
    ctx: &LinkContext<'_>,
    position: &dyn Fn(usize) -> (usize, usize),
    out: &mut RenderedMarkdown,
) {
    for (offset, path) in media::spaced_image_paths(body) {
        if code.iter().any(|r| r.contains(&offset)) || out.problems.len() >= MAX_PROBLEMS_PER_FILE {
            continue;
        }
        let (line, col) = position(offset);
        let (stem, ext) = path.rsplit_once('.').unwrap_or((path.as_str(), ""));
        let renamed = if ext.is_empty() {
            slugify(stem)
        } else {
            format!("{}.{}", slugify(stem), ext.to_lowercase())
        };
        out.problems.push(
            Diagnostic::new(
                ctx.shown,
                line,
                col,
                crate::msg!("image-path-spaces", path = &path),
            )
            .with_source(ctx.file_text)
            .with_hint(crate::msg!(
                "image-path-spaces-hint",
                renamed = renamed,
                path = &path
            )),
        );
    }
}

/// The images a document's events are replacing, and where its code is.
#[derive(Default)]
struct MediaTrack {
    /// The next photo is the page's first image.
    first_photo: bool,
    open: Option<media::Open>,
    /// Inline HTML of each replaced image → its block form.
    blocks: std::collections::HashMap<String, String>,
    code: Vec<std::ops::Range<usize>>,
    /// The HTML block being collected (its raw `<img>`s rewritten at its end).
    html: Option<raw_img::RawHtml>,
    /// An event to pass on after the one returned (a block's end after its HTML).
    after: Option<Event<'static>>,
}

impl MediaTrack {
    /// `ev` as the rest of the stage sees it; `None` when an image being
    /// replaced consumed it.
    fn event<'a>(
        &mut self,
        ev: Event<'a>,
        range: &std::ops::Range<usize>,
        ctx: &LinkContext<'_>,
        position: &dyn Fn(usize) -> (usize, usize),
        href: &dyn Fn(&str) -> String,
        out: &mut RenderedMarkdown,
    ) -> Option<Event<'a>> {
        if matches!(
            ev,
            Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::CodeBlock(_))
        ) {
            self.code.push(range.clone());
        }
        let ev = self.raw_html(ev, range, ctx, position, href, out)?;
        let ev = media::follow(&mut self.open, ev, href, &mut self.blocks)?;
        if let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &ev
        {
            let at = || position(range.start);
            self.open = media_start(dest_url, title, ctx, &at, out, &mut self.first_photo);
            if self.open.is_some() {
                return None;
            }
        }
        Some(ev)
    }
}

/// The document's HTML, summary, word count, plain text and broadcast
/// paragraphs, from its finished events and text.
fn write_out(
    out: &mut RenderedMarkdown,
    events: Vec<Event<'_>>,
    body: &str,
    ctx: &LinkContext<'_>,
    (summary, plain): (String, String),
    speech: Option<Box<dyn Observer>>,
) {
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // A character reference (`&#27;`, also in a link's title or address) can
    // decode to a control character: what was made of the text gets U+FFFD.
    let refs = memchr::memmem::find(body.as_bytes(), b"&#").is_some();
    let clean = |s: String| if refs { controls::replace_owned(s) } else { s };
    let (html, summary, plain) = (clean(html), clean(summary), clean(plain));
    if refs {
        out.toc
            .iter_mut()
            .for_each(|t| t.title = controls::replace(&t.title).into_owned());
    }
    out.html = Html::new(&html);
    out.summary = truncate_words(
        summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
        SUMMARY_CHARS,
    );
    out.words = crate::text::count_words(&plain);
    if ctx.plain_text {
        out.plain_text = exact(plain);
    }
    if let Some(w) = speech {
        out.speech = Speech::new(clean(w.finish()));
    }
}

/// Does the page have a front-matter photo (the first image of the page)?
fn has_hero(ctx: &LinkContext<'_>) -> bool {
    let Target::Page(id) = ctx.self_target else {
        return false;
    };
    let p = &ctx.site.pages[id];
    p.image
        .as_deref()
        .and_then(|i| crate::images::page_photo_rel(ctx.site, p, i))
        .is_some_and(|rel| ctx.site.photos.ok(&rel).is_some())
}

/// An image that congxa replaces (a photo, a video address) or refuses (a
/// Windows path, a photo that cannot be published); `None` for one written
/// as it is (a drawing, an outside address).
fn media_start(
    dest: &str,
    title: &str,
    ctx: &LinkContext<'_>,
    position: &dyn Fn() -> (usize, usize),
    out: &mut RenderedMarkdown,
    first_photo: &mut bool,
) -> Option<media::Open> {
    let open = |kind: media::Kind, first: bool| media::Open {
        kind,
        first,
        title: title.to_string(),
        alt: String::new(),
    };
    if let Some((watch, embed)) = crate::images::video_embed(dest) {
        return Some(open(media::Kind::Video(watch, embed), false));
    }
    let problem =
        |out: &mut RenderedMarkdown, msg: crate::messages::Msg, hint: crate::messages::Msg| {
            let (line, col) = position();
            out.problems.push(
                Diagnostic::new(ctx.shown, line, col, msg)
                    .with_source(ctx.file_text)
                    .with_hint(hint),
            );
        };
    if media::is_windows_path(dest) {
        let name = dest.rsplit(['\\', '/']).next().unwrap_or(dest);
        problem(
            out,
            crate::msg!("image-path-windows", path = dest),
            crate::msg!("image-path-windows-hint", name = name),
        );
        return Some(open(media::Kind::Refused, false));
    }
    if is_external(dest) {
        return None;
    }
    let decoded = decoded_dest(dest);
    if let Some(rel) = crate::images::drawing_rel(ctx.site, ctx.rel_dir, &decoded) {
        out.route_reads.push(RouteRead::Photo(rel.clone()));
        let d = ctx.site.photos.drawings.get(&rel)?;
        let first = std::mem::replace(first_photo, false);
        return Some(open(media::Kind::Drawing(d.clone()), first));
    }
    let rel = crate::images::photo_rel(ctx.site, ctx.rel_dir, &decoded)?;
    out.route_reads.push(RouteRead::Photo(rel.clone()));
    match ctx.site.photos.get(&rel) {
        Some(Ok(photo)) => {
            let first = std::mem::replace(first_photo, false);
            Some(open(media::Kind::Photo(photo.clone()), first))
        }
        Some(Err(e)) => {
            problem(
                out,
                crate::msg!("photo-problem", path = dest, problem = e.message.clone()),
                e.hint.clone(),
            );
            Some(open(media::Kind::Refused, false))
        }
        None => None,
    }
}

/// A link to a photo goes to its widest variant (the original is not published).
fn photo_link(
    dest: &str,
    ctx: &LinkContext<'_>,
    position: &dyn Fn() -> (usize, usize),
    out: &mut RenderedMarkdown,
) -> Option<String> {
    if is_external(dest) {
        return None;
    }
    let rel = crate::images::photo_rel(ctx.site, ctx.rel_dir, &decoded_dest(dest))?;
    out.route_reads.push(RouteRead::Photo(rel.clone()));
    match ctx.site.photos.get(&rel)? {
        Ok(photo) => Some(photo.largest().path.clone()),
        Err(e) => {
            let (line, col) = position();
            out.problems.push(
                Diagnostic::new(
                    ctx.shown,
                    line,
                    col,
                    crate::msg!("photo-problem", path = dest, problem = e.message.clone()),
                )
                .with_source(ctx.file_text)
                .with_hint(e.hint.clone()),
            );
            None
        }
    }
}

/// A link's path, percent-decoded and NFC.
fn decoded_dest(dest: &str) -> String {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    crate::text::nfc(&percent_encoding::percent_decode_str(path).decode_utf8_lossy())
}

/// A replaced image alone in its paragraph becomes a block (a `<figure>`,
/// a video box) instead of the paragraph.
fn unwrap_blocks<'a>(
    events: Vec<Event<'a>>,
    blocks: &std::collections::HashMap<String, String>,
) -> Vec<Event<'a>> {
    if blocks.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut it = events.into_iter().peekable();
    while let Some(ev) = it.next() {
        if matches!(ev, Event::Start(Tag::Paragraph))
            && let Some(Event::InlineHtml(inline)) = it.peek()
            && let Some(block) = blocks.get(inline.as_ref())
        {
            let block = block.clone();
            let inline = it.next();
            if matches!(it.peek(), Some(Event::End(TagEnd::Paragraph))) {
                it.next();
                out.push(Event::Html(block.into()));
            } else {
                out.push(ev);
                out.extend(inline);
            }
            continue;
        }
        out.push(ev);
    }
    out
}

/// The plain text of a document (search index, word count) and its summary
/// (the first paragraph with any text, outside headings).
#[derive(Default)]
struct TextTrack {
    plain: String,
    summary: String,
    in_first_paragraph: bool,
    summary_done: bool,
}

impl TextTrack {
    fn event(&mut self, ev: &Event<'_>, in_heading: bool) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                self.plain.push_str(t);
                if self.in_first_paragraph {
                    self.summary.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain.push(' ');
                if self.in_first_paragraph {
                    self.summary.push(' ');
                }
            }
            Event::Start(Tag::Paragraph) if !self.summary_done && !in_heading => {
                // Only blanks so far: drop them, so 20,000 empty paragraphs stay linear.
                self.summary.clear();
                self.in_first_paragraph = true
            }
            Event::End(TagEnd::Paragraph) if self.in_first_paragraph => {
                self.in_first_paragraph = false;
                self.summary_done = !self.summary.trim().is_empty();
                self.plain.push('\n');
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => self.plain.push('\n'),
            _ => {}
        }
    }
}

/// The heading ids given so far, and where each base's search for a free
/// suffix stopped (see [`unique_id`]).
struct HeadingIds<'h> {
    used: &'h mut HashSet<String>,
    next_suffix: &'h mut std::collections::HashMap<String, usize>,
}

/// Pass `ev` on to `events`, holding a heading's events back until its end:
/// then its id is known (given, or made from its text), and it joins the
/// table of contents.
fn headings<'a>(
    ev: Event<'a>,
    heading: &mut Option<OpenHeading<'a>>,
    ids: &mut HeadingIds<'_>,
    out: &mut RenderedMarkdown,
    events: &mut Vec<Event<'a>>,
) {
    match ev {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            *heading = Some((level, id, classes, attrs, Vec::new(), String::new()));
        }
        Event::End(TagEnd::Heading(level)) => {
            let Some((_, given_id, classes, attrs, inner, text)) = heading.take() else {
                return;
            };
            let title = text.trim().to_string();
            let id = match given_id {
                Some(id) => id.to_string(),
                None => unique_id(&slugify(&title), ids.used, ids.next_suffix),
            };
            out.toc.push(TocEntry {
                level: level as u8,
                id: id.clone(),
                title,
            });
            out.heading_ids.insert(id.clone());
            events.push(Event::Start(Tag::Heading {
                level,
                id: Some(id.into()),
                classes,
                attrs,
            }));
            events.extend(inner);
            events.push(Event::End(TagEnd::Heading(level)));
        }
        ev => match heading {
            Some((_, _, _, _, inner, text)) => {
                if let Event::Text(t) | Event::Code(t) = &ev {
                    text.push_str(t);
                }
                inner.push(ev);
            }
            None => events.push(ev),
        },
    }
}

/// `base`, or `base-N` with the smallest free N. `next` remembers where each
/// base's search stopped, so 20,000 headings with one title take linear time.
fn unique_id(
    base: &str,
    used: &mut HashSet<String>,
    next: &mut std::collections::HashMap<String, usize>,
) -> String {
    let base = if base.is_empty() { "muc" } else { base };
    let mut id = base.to_string();
    let n = next.entry(base.to_string()).or_insert(1);
    while used.contains(&id) {
        id = format!("{base}-{n}");
        *n += 1;
    }
    used.insert(id.clone());
    id
}

/// Check a link and return the href to write. `position` (line, column) is
/// worked out only for a problem or an `#anchor` checked later.
fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    link_type: LinkType,
    ctx: &LinkContext<'_>,
    position: &dyn Fn() -> (usize, usize),
    out: &mut RenderedMarkdown,
) -> CowStr<'a> {
    if matches!(link_type, LinkType::Autolink | LinkType::Email) || is_external(dest) {
        return dest.clone();
    }
    let problem = |msg: crate::messages::Msg, hint: crate::messages::Msg| {
        let (line, col) = position();
        Diagnostic::new(ctx.shown, line, col, msg)
            .with_source(ctx.file_text)
            .with_hint(hint)
    };
    let (path_part, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], Some(&dest[i + 1..])),
        None => (&dest[..], None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    if path_part.is_empty() {
        if let Some(f) = fragment {
            let (line, col) = position();
            out.anchor_refs.push(AnchorRef {
                target: ctx.self_target,
                fragment: f.to_string(),
                line,
                col,
            });
        }
        return dest.clone();
    }
    let decoded = percent_encoding::percent_decode_str(path_part)
        .decode_utf8_lossy()
        .to_string();
    let decoded = crate::text::nfc(&decoded);
    let routes = &ctx.site.routes;
    let reads = &mut out.route_reads;
    let resolved: Option<(String, Target)> = if decoded.starts_with('/') {
        let mut p = decoded.clone();
        reads.push(RouteRead::Path(p.clone()));
        let found = routes.paths.get(&p).copied().or_else(|| {
            if !p.ends_with('/') && !p.contains('.') {
                p.push('/');
                reads.push(RouteRead::Path(p.clone()));
                routes.paths.get(&p).copied()
            } else {
                None
            }
        });
        found.map(|t| (p, t))
    } else {
        match join_relative(ctx.rel_dir, &decoded) {
            None => None,
            Some(rel) if rel.ends_with(".md") => {
                let t = routes.sources.get(&rel).copied();
                reads.push(RouteRead::Source(rel));
                t.map(|t| (target_path(ctx.site, t), t))
            }
            Some(rel) => {
                let t = routes.assets.get(&rel).map(|p| (p.clone(), Target::Asset));
                reads.push(RouteRead::Asset(rel));
                t
            }
        }
    };
    let Some((site_path, target)) = resolved else {
        let excluded = join_relative(ctx.rel_dir, &decoded).is_some_and(|r| {
            let x = routes.excluded.contains(&r);
            out.route_reads.push(RouteRead::Excluded(r));
            x
        });
        let hint = if excluded {
            crate::msg!("link-target-excluded-hint")
        } else if decoded.starts_with('/') {
            crate::msg!("link-absolute-hint")
        } else {
            crate::msg!("link-relative-hint")
        };
        if out.problems.len() < MAX_PROBLEMS_PER_FILE {
            out.problems.push(problem(
                crate::msg!("link-missing", dest = dest.to_string()),
                hint,
            ));
        } else {
            if out.problems_left_out == 0 {
                // Placed at the first link left out; `render` fills in the count.
                out.problems.push(problem(
                    crate::messages::Msg::from(""),
                    crate::msg!("first-problems-only-hint"),
                ));
            }
            out.problems_left_out += 1;
        }
        return dest.clone();
    };
    if let Some(f) = fragment
        && matches!(target, Target::Page(_) | Target::Section(_))
    {
        let (line, col) = position();
        out.anchor_refs.push(AnchorRef {
            target,
            fragment: f.to_string(),
            line,
            col,
        });
    }
    let with_fragment = match fragment {
        Some(f) => format!("{site_path}#{f}"),
        None => site_path,
    };
    let href = ctx.urls.href(ctx.self_path, &encode_path(&with_fragment));
    CowStr::from(href)
}

/// Percent-encode characters that may not appear raw in an href path.
pub fn encode_path(p: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    percent_encoding::utf8_percent_encode(p, SET).to_string()
}

/// Is `dest` outside the site (written as it is, not checked)? Whatever
/// [`crate::urls::classify`] does not call a site path: web addresses, and
/// also the schemes front matter may not publish (`javascript:`): in a body
/// they are the editor's, like raw HTML.
fn is_external(dest: &str) -> bool {
    !matches!(
        crate::urls::classify(dest),
        crate::urls::UrlKind::SitePath(_)
    )
}

/// Site path of a page or section target.
pub fn target_path(site: &Site, t: Target) -> String {
    match t {
        Target::Page(id) => site.pages[id].path.clone(),
        Target::Section(id) => site.sections[id].path.clone(),
        Target::Generated | Target::Asset => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links() {
        assert!(is_external("https://dichvucong.gov.vn"));
        assert!(is_external("mailto:a@b.vn"));
        assert!(is_external("tel:0241"));
        assert!(!is_external("../tin-tuc/bai.md"));
        assert!(!is_external("/par-index/"));
        assert!(is_external("javascript:alert(1)") && is_external("//host.vn/"));
    }

    #[test]
    fn ids_are_unique() {
        let (mut used, mut next) = (HashSet::new(), std::collections::HashMap::new());
        assert_eq!(unique_id("huong-dan", &mut used, &mut next), "huong-dan");
        assert_eq!(unique_id("huong-dan", &mut used, &mut next), "huong-dan-1");
        assert_eq!(unique_id("", &mut used, &mut next), "muc");
        used.insert("a-2".to_string());
        assert_eq!(unique_id("a-1", &mut used, &mut next), "a-1");
        assert_eq!(unique_id("a", &mut used, &mut next), "a");
        assert_eq!(unique_id("a", &mut used, &mut next), "a-3");
        assert_eq!(unique_id("a", &mut used, &mut next), "a-4");
    }
}
