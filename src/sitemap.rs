//! `/sitemap.xml` (sitemaps.org 0.9) and `/robots.txt`.
//!
//! Every public HTML page is listed once by its canonical URL: home, sections
//! and governance indices, index areas, tags, the documents register and
//! articles. Left out: `404.html`, alias redirects, the search page and pages
//! 2, 3, … of paginated lists (their articles are listed themselves).
//! `lastmod` is a page's `updated` (or `date`); a list's is its newest page's.
//! Past `max_urls` URLs, `/sitemap.xml` becomes a sitemap index pointing at
//! `/sitemap-1.xml`, `/sitemap-2.xml`, ….

use std::collections::BTreeMap;

use jiff::Timestamp;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::dates::PageDate;
use crate::feeds::{XmlOut, is_public, last_modified};
use crate::model::{self, PageId, Site};
use crate::render::OutputFile;
use crate::urls::UrlMaker;

/// The protocol's limit of URLs per sitemap file.
pub const MAX_URLS: usize = 50_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Bytes a `<loc>` may not carry unencoded (non-ASCII is always encoded).
const LOC_ENCODE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>');

/// Site path → `lastmod` of every page the sitemap lists, in path order.
pub fn entries(site: &Site, now: Timestamp) -> BTreeMap<String, Option<PageDate>> {
    let newest = |ids: &[PageId]| {
        ids.iter()
            .map(|&id| &site.pages[id])
            .filter(|p| is_public(p, now))
            .filter_map(last_modified)
            .max()
    };
    let mut out = BTreeMap::new();
    let all: Vec<PageId> = site.pages.iter().map(|p| p.id).collect();
    out.insert("/".to_string(), newest(&all));
    for p in site.pages.iter().filter(|p| is_public(p, now)) {
        out.insert(p.path.clone(), last_modified(p));
    }
    for s in site.sections.iter().filter(|s| !s.dir.is_empty()) {
        let pages = match s.index {
            Some(ix) => &site.indices[ix].pages,
            None => &s.pages,
        };
        out.insert(s.path.clone(), newest(pages));
    }
    for ix in &site.indices {
        for a in &ix.areas {
            out.insert(a.path.clone(), newest(&a.pages));
        }
    }
    out.insert(model::TAGS_PATH.to_string(), None);
    // A tag whose pages are all drafts renders under `--drafts`, but is not public.
    for t in &site.tags {
        if t.pages.iter().any(|&id| is_public(&site.pages[id], now)) {
            out.insert(t.path.clone(), newest(&t.pages));
        }
    }
    out.insert(model::DOCUMENTS_PATH.to_string(), newest(&site.documents));
    out
}

/// `/sitemap.xml` (and its parts when there are more than `max_urls` URLs).
pub fn sitemaps(site: &Site, urls: &UrlMaker, now: Timestamp, max_urls: usize) -> Vec<OutputFile> {
    let entries: Vec<(String, Option<PageDate>)> = entries(site, now).into_iter().collect();
    let max_urls = max_urls.max(1);
    if entries.len() <= max_urls {
        return vec![OutputFile::bytes(
            file_of(model::SITEMAP_PATH),
            urlset(&entries, urls),
        )];
    }
    let mut out = Vec::new();
    let mut index = XmlOut::new();
    index.decl();
    index.open("sitemapindex", &[("xmlns", SITEMAP_NS)]);
    for (n, chunk) in entries.chunks(max_urls).enumerate() {
        let path = format!("/sitemap-{}.xml", n + 1);
        index.open("sitemap", &[]);
        index.text("loc", &loc(urls, &path));
        if let Some(d) = chunk.iter().filter_map(|(_, d)| *d).max() {
            index.text("lastmod", &d.rfc3339());
        }
        index.close("sitemap");
        out.push(OutputFile::bytes(file_of(&path), urlset(chunk, urls)));
    }
    index.close("sitemapindex");
    out.insert(
        0,
        OutputFile::bytes(file_of(model::SITEMAP_PATH), index.finish()),
    );
    out
}

fn urlset(entries: &[(String, Option<PageDate>)], urls: &UrlMaker) -> Vec<u8> {
    let mut w = XmlOut::new();
    w.decl();
    w.open("urlset", &[("xmlns", SITEMAP_NS)]);
    for (path, lastmod) in entries {
        w.open("url", &[]);
        w.text("loc", &loc(urls, path));
        if let Some(d) = lastmod {
            w.text("lastmod", &d.rfc3339());
        }
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}

/// Absolute, percent-encoded URL (the protocol wants ASCII URLs).
fn loc(urls: &UrlMaker, path: &str) -> String {
    utf8_percent_encode(&urls.absolute(path), LOC_ENCODE).to_string()
}

fn file_of(path: &str) -> String {
    path.trim_start_matches('/').to_string()
}

/// `/robots.txt`: everything may be crawled; where the sitemap is.
pub fn robots(urls: &UrlMaker) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        loc(urls, model::SITEMAP_PATH)
    );
    OutputFile::bytes(file_of(model::ROBOTS_PATH), text.into_bytes())
}
