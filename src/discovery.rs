//! Outputs made beside the templates, for machines rather than readers:
//! Atom feeds ([`crate::feeds`]), the sitemap and `robots.txt`
//! ([`crate::sitemap`]), the search index ([`crate::search`]), and the
//! editors' `/admin/` ([`crate::admin`]: made from the whole model, like them).

use jiff::Timestamp;
use rayon::prelude::*;

use crate::model::Site;
use crate::render::{OutputFile, RenderedDocs};
use crate::urls::UrlMaker;

/// Every feed, sitemap and search-index file of the site. Drafts and
/// future-dated pages are left out even in a `--drafts` build. The search
/// index's per-document files are made in parallel as they are consumed.
/// Without `with_search` (for `check`: the index has no error to report) the
/// search index is left out. `local_backend`: see [`crate::admin::outputs`].
pub fn outputs<'a>(
    site: &'a Site,
    docs: &'a RenderedDocs,
    urls: &UrlMaker,
    now: Timestamp,
    with_search: bool,
    local_backend: Option<&str>,
) -> impl ParallelIterator<Item = OutputFile> + 'a {
    let mut files = crate::feeds::feeds(site, docs, urls, now);
    files.extend(crate::admin::outputs(site, urls, local_backend));
    files.extend(crate::sitemap::sitemaps(
        site,
        urls,
        now,
        crate::sitemap::MAX_URLS,
    ));
    files.push(crate::sitemap::robots(urls));
    let search = with_search.then(|| crate::search::SearchIndex::new(site, docs, urls, now));
    if let Some(search) = &search {
        files.extend(search.index_files());
    }
    files
        .into_par_iter()
        .chain(search.map(|s| s.doc_files()).into_par_iter().flatten())
}
