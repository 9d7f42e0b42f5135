//! Atom 1.0 feeds: `/atom.xml` for the whole site and `/<index-key>/atom.xml`
//! for each governance index. Newest [`FEED_ENTRIES`] dated pages, absolute
//! URLs from `base_url`, times in the site's offset. XML is written with
//! `quick-xml`, which escapes every text and attribute.

use std::io;

use jiff::Timestamp;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::dates::PageDate;
use crate::model::{self, Page, PageId, Site};
use crate::render::{OutputFile, RenderedDocs};
use crate::urls::UrlMaker;

/// How many entries a feed carries.
pub const FEED_ENTRIES: usize = 20;

/// Is `p` public: not a draft, not dated in the future? (`--drafts` previews
/// render such pages, but feeds, sitemaps and search never carry them.)
pub fn is_public(p: &Page, now: Timestamp) -> bool {
    !p.draft && p.date.is_none_or(|d| d.instant <= now)
}

/// The later of a page's `date` and `updated`.
pub fn last_modified(p: &Page) -> Option<PageDate> {
    match (p.date, p.updated) {
        (Some(d), Some(u)) => Some(d.max(u)),
        (d, u) => d.or(u),
    }
}

/// Site path of an index's feed: `/sipas/` → `/sipas/atom.xml`.
pub fn index_feed_path(index_path: &str) -> String {
    format!("{index_path}{}", model::FEED_FILE)
}

/// The site feed and one feed per governance index.
pub fn feeds(site: &Site, docs: &RenderedDocs, urls: &UrlMaker, now: Timestamp) -> Vec<OutputFile> {
    let c = &site.config;
    // A feed's `updated` when it has no entries: the newest change anywhere
    // (never the build time, so output stays byte-identical).
    let fallback = site
        .pages
        .iter()
        .filter(|p| is_public(p, now))
        .filter_map(last_modified)
        .max()
        .unwrap_or_else(|| PageDate::from_instant(Timestamp::UNIX_EPOCH, c.offset));
    let mut out = vec![feed(
        site,
        docs,
        urls,
        FeedHead {
            title: &c.title,
            subtitle: &c.description,
            path: "/",
            self_path: model::FEED_PATH,
        },
        &site.latest,
        now,
        fallback,
    )];
    for ix in &site.indices {
        let title = format!("{} – {}", ix.code, c.title);
        let self_path = index_feed_path(&ix.path);
        out.push(feed(
            site,
            docs,
            urls,
            FeedHead {
                title: &title,
                subtitle: &ix.name,
                path: &ix.path,
                self_path: &self_path,
            },
            &ix.pages,
            now,
            fallback,
        ));
    }
    out
}

struct FeedHead<'a> {
    title: &'a str,
    subtitle: &'a str,
    /// The HTML page the feed belongs to.
    path: &'a str,
    self_path: &'a str,
}

fn feed(
    site: &Site,
    docs: &RenderedDocs,
    urls: &UrlMaker,
    head: FeedHead<'_>,
    newest_first: &[PageId],
    now: Timestamp,
    fallback: PageDate,
) -> OutputFile {
    let entries: Vec<&Page> = newest_first
        .iter()
        .map(|&id| &site.pages[id])
        .filter(|p| p.date.is_some() && is_public(p, now))
        .take(FEED_ENTRIES)
        .collect();
    let updated = entries
        .iter()
        .filter_map(|p| last_modified(p))
        .max()
        .unwrap_or(fallback);
    let c = &site.config;
    let author = if c.organization.name.trim().is_empty() {
        &c.title
    } else {
        &c.organization.name
    };
    let mut w = XmlOut::new();
    w.decl();
    w.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &c.language),
        ],
    );
    w.text("title", head.title);
    if !head.subtitle.trim().is_empty() {
        w.text("subtitle", head.subtitle);
    }
    w.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &urls.absolute(head.self_path)),
        ],
    );
    w.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &urls.absolute(head.path)),
        ],
    );
    w.text("id", &urls.absolute(head.path));
    w.text("updated", &updated.rfc3339());
    w.open("author", &[]);
    w.text("name", author);
    w.close("author");
    w.text("generator", "congxa");
    for p in entries {
        let href = urls.absolute(&p.path);
        let lang_attr: Vec<(&str, &str)> = if p.lang != c.language {
            vec![("xml:lang", p.lang.as_str())]
        } else {
            vec![]
        };
        w.open("entry", &lang_attr);
        w.text("title", &p.title);
        w.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", &href)],
        );
        // The page's photo, as its share variant (absolute, never the original).
        if let Some(v) = crate::images::page_cover(site, p)
            .map(|(photo, _)| photo.fallback_at_most(crate::images::SHARE_MAX_WIDTH))
        {
            w.empty(
                "link",
                &[
                    ("rel", "enclosure"),
                    ("type", v.format.mime()),
                    ("href", &urls.absolute(&v.path)),
                ],
            );
        }
        w.text("id", &href);
        if let Some(d) = p.date {
            w.text("published", &d.rfc3339());
        }
        if let Some(u) = last_modified(p) {
            w.text("updated", &u.rfc3339());
        }
        if let Some(a) = p.author.as_deref().filter(|a| !a.trim().is_empty()) {
            w.open("author", &[]);
            w.text("name", a);
            w.close("author");
        }
        let summary = p.summary.as_deref().unwrap_or(&docs.pages[p.id].summary);
        if !summary.trim().is_empty() {
            w.text_with("summary", &[("type", "text")], summary);
        }
        for &t in &p.tags {
            let t = &site.tags[t];
            w.empty(
                "category",
                &[
                    ("term", t.slug.as_str()),
                    ("label", t.name.as_str()),
                    ("scheme", &urls.absolute(model::TAGS_PATH)),
                ],
            );
        }
        w.close("entry");
    }
    w.close("feed");
    OutputFile::bytes(
        head.self_path.trim_start_matches('/').to_string(),
        w.finish(),
    )
}

/// An indented XML document being written to memory; text and attribute
/// values are escaped by `quick-xml`, and characters XML 1.0 forbids are
/// dropped. Writing to a `Vec` cannot fail, so the methods do not return errors.
pub(crate) struct XmlOut {
    w: Writer<Vec<u8>>,
}

impl XmlOut {
    pub(crate) fn new() -> Self {
        XmlOut {
            w: Writer::new_with_indent(Vec::new(), b' ', 2),
        }
    }

    fn ok(r: io::Result<()>) {
        r.expect("writing XML to memory cannot fail");
    }

    pub(crate) fn decl(&mut self) {
        Self::ok(
            self.w
                .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None))),
        );
    }

    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = quick_xml::events::BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, xml_chars(v).as_str()));
        }
        Self::ok(self.w.write_event(Event::Start(start)));
    }

    pub(crate) fn close(&mut self, name: &str) {
        Self::ok(
            self.w
                .write_event(Event::End(quick_xml::events::BytesEnd::new(name))),
        );
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = quick_xml::events::BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, xml_chars(v).as_str()));
        }
        Self::ok(self.w.write_event(Event::Empty(start)));
    }

    /// `<name>text</name>` on one line.
    pub(crate) fn text(&mut self, name: &str, text: &str) {
        self.text_with(name, &[], text);
    }

    /// `<name attr="…">text</name>` on one line.
    pub(crate) fn text_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        let clean = xml_chars(text);
        let mut el = self.w.create_element(name);
        for (k, v) in attrs {
            el = el.with_attribute((*k, xml_chars(v).as_str()));
        }
        Self::ok(el.write_text_content(BytesText::new(&clean)).map(|_| ()));
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        let mut v = self.w.into_inner();
        v.push(b'\n');
        v
    }
}

/// Drop characters XML 1.0 does not allow (C0 controls but tab/newline/CR,
/// lone surrogates cannot occur in `str`, U+FFFE/U+FFFF).
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_writer_escapes_and_drops_forbidden_characters() {
        let mut w = XmlOut::new();
        w.open("a", &[("href", "x?a=1&b=\"2\"")]);
        w.text("t", "<b>Tôi & bạn</b>\u{1}");
        w.close("a");
        let s = String::from_utf8(w.finish()).unwrap();
        assert!(s.contains(r#"href="x?a=1&amp;b=&quot;2&quot;""#), "{s}");
        assert!(s.contains("<t>&lt;b&gt;Tôi &amp; bạn&lt;/b&gt;</t>"), "{s}");
        assert!(!s.contains('\u{1}'));
    }
}
