//! Outputs made beside the templates, for machines rather than readers:
//! Atom feeds ([`crate::feeds`]), the sitemap and `robots.txt`
//! ([`crate::sitemap`]) and the search index ([`crate::search`]).

use jiff::Timestamp;

use crate::model::Site;
use crate::render::{OutputFile, RenderedDocs};
use crate::urls::UrlMaker;

/// Every feed, sitemap and search-index file of the site. Drafts and
/// future-dated pages are left out even in a `--drafts` build.
pub fn outputs(
    site: &Site,
    docs: &RenderedDocs,
    urls: &UrlMaker,
    now: Timestamp,
) -> Vec<OutputFile> {
    let mut files = crate::feeds::feeds(site, docs, urls, now);
    files.extend(crate::sitemap::sitemaps(
        site,
        urls,
        now,
        crate::sitemap::MAX_URLS,
    ));
    files.push(crate::sitemap::robots(urls));
    files.extend(crate::search::index_files(site, docs, urls, now));
    files
}
