//! Raw HTML in a Markdown body that names a photo of the site, whose
//! original is never published: an `<img src="anh.jpg" alt="...">` (in a
//! paragraph, a `<figure>`, any HTML block) becomes the same `<picture>` of
//! variants as a Markdown image; an `<a href="anh.jpg">` goes to the widest
//! variant, as a Markdown link to a photo does. The tags are found by
//! lol_html's tokenizer (any quoting, any letter case, not inside comments
//! or scripts); only those start tags are replaced, every other byte of the
//! editor's HTML is written as it is.
//!
//! Problems, each at the tag's line: a photo that is missing or cannot be
//! published, an `<img>` without `alt`, a `srcset` naming a photo of the site
//! (its originals are not published), a path on a Windows computer.
//! Outside addresses (`https://...`) are left alone.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{
    LinkContext, MediaTrack, RenderedMarkdown, RouteRead, decoded_dest, is_external, media,
};
use crate::diagnostics::Diagnostic;

/// One `<img>` or `<source>` start tag of a piece of raw HTML: its byte range
/// there and its attributes as written (entities not decoded).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RawTag {
    pub range: std::ops::Range<usize>,
    pub is_img: bool,
    pub src: Option<String>,
    pub srcset: Option<String>,
    pub alt: Option<String>,
    pub width: Option<String>,
    pub height: Option<String>,
    /// ` class="..."` and the like, kept on the new `<img>`.
    pub kept: String,
    /// An `<a href>`: its attributes in order, as written.
    pub link: Option<Vec<(String, String)>>,
}

/// Attributes of the editor's `<img>` written again on the new one.
const KEPT: &[&str] = &["class", "id", "style", "title"];

/// May `html` hold an `<img>`, `<source>` or `<a ...>` tag (any letter
/// case)? A quick look before tokenizing.
pub fn mentions_img(html: &str) -> bool {
    memchr::memchr_iter(b'<', html.as_bytes()).any(|i| {
        let rest = &html.as_bytes()[i + 1..];
        let starts =
            |name: &[u8]| rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name);
        starts(b"img")
            || starts(b"source")
            || (starts(b"a") && rest.get(1).is_some_and(u8::is_ascii_whitespace))
    })
}

/// Every `<img>`, `<source>` and `<a href>` start tag of `html`, in order.
pub fn scan(html: &str) -> Vec<RawTag> {
    if !mentions_img(html) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
        lol_html::element!("img, source, a[href]", |el| {
            let attr = |name: &str| el.get_attribute(name);
            let mut kept = String::new();
            for name in KEPT {
                if let Some(v) = attr(name) {
                    kept.push_str(&format!(r#" {name}="{}""#, attr_text(&v)));
                }
            }
            found.push(RawTag {
                range: el.source_location().bytes(),
                is_img: el.tag_name().eq_ignore_ascii_case("img"),
                link: el.tag_name().eq_ignore_ascii_case("a").then(|| {
                    el.attributes()
                        .iter()
                        .map(|a| (a.name(), a.value()))
                        .collect()
                }),
                src: attr("src"),
                srcset: attr("srcset"),
                alt: attr("alt"),
                width: attr("width"),
                height: attr("height"),
                kept,
            });
            Ok(())
        }),
    );
    // The output is not used; an error (none is expected from a string of
    // UTF-8 without limits set) leaves what was found so far.
    let _ = lol_html::rewrite_str(html, settings);
    found
}

/// An attribute value as written, made safe inside double quotes (its
/// entities stay as the editor wrote them).
fn attr_text(raw: &str) -> String {
    raw.replace('"', "&quot;")
}

/// An attribute value with its character references decoded (`&amp;` → `&`).
pub fn decoded(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// The addresses of a `srcset` (`a.jpg 480w, b.jpg 2x`).
pub fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
}

/// Pieces of raw HTML being rewritten: the text, and where each of its
/// pieces starts in the body (for problem positions).
#[derive(Default)]
pub struct RawHtml {
    pub text: String,
    /// (offset in `text`, offset in the body)
    starts: Vec<(usize, usize)>,
}

impl RawHtml {
    pub fn push(&mut self, piece: &str, body_offset: usize) {
        self.starts.push((self.text.len(), body_offset));
        self.text.push_str(piece);
    }

    /// The body offset of `offset` in the text.
    fn body_offset(&self, offset: usize) -> usize {
        let i = self
            .starts
            .partition_point(|&(t, _)| t <= offset)
            .saturating_sub(1);
        self.starts
            .get(i)
            .map_or(0, |&(t, b)| b + offset.saturating_sub(t))
    }
}

/// What a Markdown document's raw HTML is rewritten with.
pub struct Rewrite<'r, 'c> {
    pub ctx: &'r LinkContext<'c>,
    pub position: &'r dyn Fn(usize) -> (usize, usize),
    pub href: &'r dyn Fn(&str) -> String,
    pub first_photo: &'r mut bool,
}

impl Rewrite<'_, '_> {
    /// `raw` with each `<img>` of a photo of the site replaced by its
    /// `<picture>`; problems go to `out`.
    pub fn rewrite(&mut self, raw: &RawHtml, out: &mut RenderedMarkdown) -> String {
        let tags = scan(&raw.text);
        if tags.is_empty() {
            return raw.text.clone();
        }
        let mut html = String::with_capacity(raw.text.len() + tags.len() * 600);
        let mut from = 0;
        for tag in &tags {
            let at = raw.body_offset(tag.range.start);
            if let Some(made) = self.tag(tag, at, out) {
                html.push_str(&raw.text[from..tag.range.start]);
                html.push_str(&made);
                from = tag.range.end;
            }
        }
        html.push_str(&raw.text[from..]);
        html
    }

    fn problem(
        &self,
        out: &mut RenderedMarkdown,
        at: usize,
        msg: crate::messages::Msg,
        hint: crate::messages::Msg,
    ) {
        if out.problems.len() >= super::MAX_PROBLEMS_PER_FILE {
            return;
        }
        let (line, col) = (self.position)(at);
        out.problems.push(
            Diagnostic::new(self.ctx.shown, line, col, msg)
                .with_source(self.ctx.file_text)
                .with_hint(hint),
        );
    }

    /// What replaces `tag` (body offset `at`), if anything.
    fn tag(&mut self, tag: &RawTag, at: usize, out: &mut RenderedMarkdown) -> Option<String> {
        if let Some(attrs) = &tag.link {
            return self.link(attrs, at, out);
        }
        let src = tag.src.as_deref().map(decoded).unwrap_or_default();
        let src = src.trim();
        let photo_src = !src.is_empty()
            && !is_external(src)
            && crate::images::is_photo_path(&decoded_dest(src));
        // A srcset naming photos of the site that the src does not replace.
        if !(tag.is_img && photo_src)
            && let Some(set) = &tag.srcset
        {
            let set = decoded(set);
            if let Some(url) = srcset_urls(&set)
                .find(|u| !is_external(u) && crate::images::is_photo_path(&decoded_dest(u)))
            {
                let name = if tag.is_img { "img" } else { "source" };
                self.problem(
                    out,
                    at,
                    crate::msg!("raw-img-srcset", tag = name, path = url),
                    crate::msg!("raw-img-markdown-hint", path = url),
                );
            }
        }
        if !tag.is_img || src.is_empty() {
            return None;
        }
        if tag.alt.is_none() {
            self.problem(
                out,
                at,
                crate::msg!("raw-img-no-alt", path = src),
                crate::msg!("raw-img-no-alt-hint", path = src),
            );
        }
        if media::is_windows_path(src) {
            let name = src.rsplit(['\\', '/']).next().unwrap_or(src);
            self.problem(
                out,
                at,
                crate::msg!("image-path-windows", path = src),
                crate::msg!("image-path-windows-hint", name = name),
            );
            return None;
        }
        if !photo_src {
            return None;
        }
        let ctx = self.ctx;
        let dest = decoded_dest(src);
        let Some(rel) = crate::images::photo_rel(ctx.site, ctx.rel_dir, &dest) else {
            if let Some(rel) = crate::urls::join_relative(ctx.rel_dir, &dest) {
                out.route_reads.push(RouteRead::Asset(rel));
            }
            self.problem(
                out,
                at,
                crate::msg!("raw-img-missing", path = src),
                crate::msg!("raw-img-missing-hint"),
            );
            return None;
        };
        out.route_reads.push(RouteRead::Photo(rel.clone()));
        match ctx.site.photos.get(&rel)? {
            Ok(photo) => {
                let first = std::mem::replace(self.first_photo, false);
                let alt = attr_text(tag.alt.as_deref().unwrap_or(""));
                let shown = media::Shown {
                    alt_html: &alt,
                    first,
                    size: asked_size(tag, (photo.width, photo.height)),
                    extra: &tag.kept,
                };
                Some(media::picture_as(photo, &shown, self.href))
            }
            Err(e) => {
                self.problem(
                    out,
                    at,
                    crate::msg!("photo-problem", path = src, problem = e.message.clone()),
                    e.hint.clone(),
                );
                Some(String::new())
            }
        }
    }
}

impl Rewrite<'_, '_> {
    /// An `<a href>` to a photo of the site goes to its widest variant (as a
    /// Markdown link does): the start tag written again with that `href`.
    fn link(
        &mut self,
        attrs: &[(String, String)],
        at: usize,
        out: &mut RenderedMarkdown,
    ) -> Option<String> {
        let at_href = attrs
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case("href"))?;
        let dest = decoded(&attrs[at_href].1);
        let dest = dest.trim();
        if dest.is_empty()
            || is_external(dest)
            || !crate::images::is_photo_path(&decoded_dest(dest))
        {
            return None;
        }
        let ctx = self.ctx;
        let Some(rel) = crate::images::photo_rel(ctx.site, ctx.rel_dir, &decoded_dest(dest)) else {
            if let Some(rel) = crate::urls::join_relative(ctx.rel_dir, &decoded_dest(dest)) {
                out.route_reads.push(RouteRead::Asset(rel));
            }
            self.problem(
                out,
                at,
                crate::msg!("link-missing", dest = dest),
                crate::msg!("raw-img-missing-hint"),
            );
            return None;
        };
        out.route_reads.push(RouteRead::Photo(rel.clone()));
        match ctx.site.photos.get(&rel)? {
            Ok(photo) => {
                let url = (self.href)(&photo.largest().path);
                let mut tag = String::from("<a");
                for (i, (name, value)) in attrs.iter().enumerate() {
                    let value = if i == at_href {
                        quick_xml::escape::escape(url.as_str()).into_owned()
                    } else {
                        attr_text(value)
                    };
                    tag.push_str(&format!(r#" {name}="{value}""#));
                }
                tag.push('>');
                Some(tag)
            }
            Err(e) => {
                self.problem(
                    out,
                    at,
                    crate::msg!("photo-problem", path = dest, problem = e.message.clone()),
                    e.hint.clone(),
                );
                None
            }
        }
    }
}

/// The size the editor gave an `<img>` (`width`, `height` in pixels), the
/// missing one worked out from the photo's proportions.
fn asked_size(tag: &RawTag, (pw, ph): (u32, u32)) -> Option<(u32, u32)> {
    let px = |v: &Option<String>| {
        v.as_deref()
            .map(|s| s.trim().trim_end_matches("px"))
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|&n| (1..=10_000).contains(&n))
    };
    let (pw, ph) = (u64::from(pw.max(1)), u64::from(ph.max(1)));
    let scale = |n: u32, num: u64, den: u64| ((u64::from(n) * num + den / 2) / den).max(1) as u32;
    match (px(&tag.width), px(&tag.height)) {
        (Some(w), Some(h)) => Some((w, h)),
        (Some(w), None) => Some((w, scale(w, ph, pw))),
        (None, Some(h)) => Some((scale(h, pw, ph), h)),
        (None, None) => None,
    }
}

/// The `src` of every raw-HTML `<img>` in `html`: percent-decoded, NFC,
/// local paths only.
pub fn raw_img_sources(html: &str) -> Vec<String> {
    scan(html)
        .into_iter()
        .filter_map(|t| match t.link {
            Some(attrs) => attrs
                .into_iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("href"))
                .map(|(_, v)| v),
            None => t.is_img.then_some(t.src).flatten(),
        })
        .map(|s| decoded(&s).trim().to_string())
        .filter(|s| !s.is_empty() && !is_external(s))
        .map(|s| decoded_dest(&s))
        .collect()
}

impl MediaTrack {
    /// Raw HTML: a block's lines are collected and written at its end, an
    /// inline tag at once, each with its `<img>`s of photos rewritten.
    pub(super) fn raw_html<'a>(
        &mut self,
        ev: Event<'a>,
        range: &std::ops::Range<usize>,
        ctx: &LinkContext<'_>,
        position: &dyn Fn(usize) -> (usize, usize),
        href: &dyn Fn(&str) -> String,
        out: &mut RenderedMarkdown,
    ) -> Option<Event<'a>> {
        let mut rewrite = |raw: &RawHtml, first_photo: &mut bool| {
            Rewrite {
                ctx,
                position,
                href,
                first_photo,
            }
            .rewrite(raw, out)
        };
        match ev {
            Event::Start(Tag::HtmlBlock) => {
                self.html = Some(RawHtml::default());
                Some(ev)
            }
            Event::Html(t) if self.html.is_some() => {
                if let Some(raw) = &mut self.html {
                    raw.push(&t, range.start);
                }
                None
            }
            Event::End(TagEnd::HtmlBlock) if self.html.is_some() => {
                let raw = self.html.take().unwrap_or_default();
                self.after = Some(Event::End(TagEnd::HtmlBlock));
                Some(Event::Html(rewrite(&raw, &mut self.first_photo).into()))
            }
            Event::InlineHtml(t) if mentions_img(&t) => {
                let mut raw = RawHtml::default();
                raw.push(&t, range.start);
                Some(Event::InlineHtml(
                    rewrite(&raw, &mut self.first_photo).into(),
                ))
            }
            Event::Html(t) if mentions_img(&t) => {
                let mut raw = RawHtml::default();
                raw.push(&t, range.start);
                Some(Event::Html(rewrite(&raw, &mut self.first_photo).into()))
            }
            ev => Some(ev),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_img_in_any_form() {
        let html = "<figure>\n<IMG SRC='anh 1.jpg' Alt=\"Họp\" class=\"to\">\n<img src=b.jpg>\n<picture><source srcset=\"c.jpg 2x\"></picture>\n<!-- <img src=\"d.jpg\"> --><script>\"<img src=e.jpg>\"</script></figure>";
        let tags = scan(html);
        assert_eq!(tags.len(), 3, "{tags:?}");
        assert_eq!(tags[0].src.as_deref(), Some("anh 1.jpg"));
        assert_eq!(tags[0].alt.as_deref(), Some("Họp"));
        assert_eq!(tags[0].kept, r#" class="to""#);
        assert_eq!(
            &html[tags[0].range.clone()],
            "<IMG SRC='anh 1.jpg' Alt=\"Họp\" class=\"to\">"
        );
        assert_eq!(tags[1].src.as_deref(), Some("b.jpg"));
        assert!(tags[1].alt.is_none());
        assert!(!tags[2].is_img && tags[2].srcset.as_deref() == Some("c.jpg 2x"));
        assert!(!mentions_img("<p>ảnh</p>") && mentions_img("<Source>"));
    }

    #[test]
    fn sizes_keep_the_photo_proportions() {
        let tag = |w: Option<&str>, h: Option<&str>| RawTag {
            width: w.map(str::to_string),
            height: h.map(str::to_string),
            ..RawTag::default()
        };
        assert_eq!(
            asked_size(&tag(Some("300"), None), (1600, 1200)),
            Some((300, 225))
        );
        assert_eq!(
            asked_size(&tag(None, Some("150px")), (1600, 1200)),
            Some((200, 150))
        );
        assert_eq!(asked_size(&tag(Some("100%"), None), (1600, 1200)), None);
        assert_eq!(
            srcset_urls("a.jpg 480w, b.jpg 2x").collect::<Vec<_>>(),
            ["a.jpg", "b.jpg"]
        );
    }
}
