//! Which photos the site references: front-matter `image:`, `gallery:`
//! items, and the images and links of every Markdown body (found by the
//! same rules the Markdown stage resolves them with, [`photo_rel`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::load::SourceDoc;
use crate::model::{self, Page, Site};

/// File extensions congxa treats as photos (never published as they are).
const PHOTO_EXTS: &[&str] = &["jpg", "jpeg", "png", "webp", "gif", "heic", "heif"];

/// Is `path` (a file name or link) a photo by its extension?
pub fn is_photo_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| PHOTO_EXTS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The content path of the photo a link `dest` (already percent-decoded and
/// NFC) names from a document in `rel_dir`, if it names a photo of the site.
pub fn photo_rel(site: &Site, rel_dir: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if !is_photo_path(dest) {
        return None;
    }
    if dest.starts_with('/') {
        return site.photo_sources.get(dest).cloned();
    }
    let rel = crate::urls::join_relative(rel_dir, dest)?;
    site.routes.assets.contains_key(&rel).then_some(rel)
}

/// The content path of the SVG drawing a Markdown image `dest` (decoded,
/// NFC) names from a document in `rel_dir`.
pub fn drawing_rel(site: &Site, rel_dir: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if !dest.to_ascii_lowercase().ends_with(".svg") {
        return None;
    }
    if dest.starts_with('/') {
        return site.photo_sources.get(dest).cloned();
    }
    let rel = crate::urls::join_relative(rel_dir, dest)?;
    site.routes.assets.contains_key(&rel).then_some(rel)
}

/// The content path of a page's front-matter photo `image` (relative to its
/// file or bundle, or a site path).
pub fn page_photo_rel(site: &Site, p: &Page, image: &str) -> Option<String> {
    if crate::urls::is_web(image) {
        return None;
    }
    photo_rel(site, page_dir(p), image)
}

/// The directory a page's relative links start from.
pub fn page_dir(p: &Page) -> &str {
    p.bundle_dir
        .as_deref()
        .unwrap_or_else(|| model::parent_dir(&p.doc.rel))
}

/// What the site's pages show: photos and SVG drawings, each content path →
/// (file on disk, site path of the original).
pub struct Referenced {
    pub photos: HashMap<String, (PathBuf, String)>,
    pub drawings: HashMap<String, (PathBuf, String)>,
    /// For a page without a front-matter `image:`, the first photo its body
    /// shows as a Markdown image: page content path → (photo content path, alt).
    pub first_in_body: HashMap<String, (String, String)>,
}

/// A link or image destination in a Markdown body that may name a photo or a
/// drawing (percent-decoded, NFC); which file it names is decided each run.
/// `image`: a Markdown image (a raw `<img>` counts as a link: it shows a
/// photo, never a drawing). `first`: the body's first Markdown image of a
/// photo, with its alt text (the page's cover when it has no `image:`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct BodyLink {
    dest: String,
    image: bool,
    first: Option<String>,
}

/// The photo and drawing links of each document's body, kept between
/// `serve`'s rebuilds (by content path). A body's links depend on its text
/// alone, so a document whose text is the very same shared text as last time
/// is not parsed again: at 10k pages, parsing every body cost a title edit
/// more than everything else together.
#[derive(Default)]
pub struct LinkMemo {
    by_rel: HashMap<String, (Arc<str>, Arc<[BodyLink]>)>,
}

impl LinkMemo {
    /// `doc`'s links: kept ones when its text is the one they were found in.
    fn links(&self, doc: &SourceDoc) -> Arc<[BodyLink]> {
        match self.by_rel.get(&doc.rel) {
            Some((text, links)) if Arc::ptr_eq(text, &doc.text) => links.clone(),
            _ => body_links(doc.body()).into(),
        }
    }
}

/// Do two bodies link to the same photos and drawings? (`serve`'s fast path,
/// which keeps the photos as they are, is taken for a body edit only then.)
pub fn same_photo_links(a: &str, b: &str) -> bool {
    body_links(a) == body_links(b)
}

/// Every photo and drawing referenced. With `memo`, bodies whose text is
/// unchanged since the memo was made are not parsed again (and the memo is
/// brought up to date).
pub fn referenced(site: &Site, memo: Option<&mut LinkMemo>) -> Referenced {
    // Each document with the directory its relative links start from.
    let docs: Vec<(&str, &SourceDoc)> = site
        .pages
        .iter()
        .map(|p| (page_dir(p), &p.doc))
        .chain(
            site.sections
                .iter()
                .filter_map(|s| s.doc.as_ref().map(|d| (s.dir.as_str(), d))),
        )
        .collect();
    let empty = LinkMemo::default();
    let prev = memo.as_deref().unwrap_or(&empty);
    let links: Vec<Arc<[BodyLink]>> = docs.par_iter().map(|(_, d)| prev.links(d)).collect();
    let mut rels: Vec<String> = Vec::new();
    let mut drawings: Vec<String> = Vec::new();
    let mut first_in_body = HashMap::new();
    for (p, links) in site.pages.iter().zip(&links) {
        let first = links
            .iter()
            .find_map(|l| Some((&l.dest, l.first.as_ref()?)));
        if let Some((dest, alt)) = first.filter(|_| p.image.is_none())
            && let Some(rel) = photo_rel(site, page_dir(p), dest)
        {
            first_in_body.insert(p.doc.rel.clone(), (rel, alt.clone()));
        }
    }
    for p in &site.pages {
        let dir = page_dir(p);
        if let Some(img) = p.image.as_deref().filter(|i| !crate::urls::is_web(i)) {
            rels.extend(page_photo_rel(site, p, img));
            drawings.extend(drawing_rel(site, dir, img));
        }
        for g in &p.gallery {
            rels.extend(photo_rel(site, dir, &g.file));
        }
    }
    for ((dir, _), links) in docs.iter().zip(&links) {
        for l in links.iter() {
            rels.extend(photo_rel(site, dir, &l.dest));
            if l.image {
                drawings.extend(drawing_rel(site, dir, &l.dest));
            }
        }
    }
    if let Some(memo) = memo {
        // Brought up to date in place: only edited documents change entries.
        for ((_, d), l) in docs.iter().zip(links) {
            match memo.by_rel.get_mut(&d.rel) {
                Some((text, _)) if Arc::ptr_eq(text, &d.text) => {}
                Some(entry) => *entry = (d.text.clone(), l),
                None => {
                    memo.by_rel.insert(d.rel.clone(), (d.text.clone(), l));
                }
            }
        }
        // Every document has an entry: more entries means some are gone.
        if memo.by_rel.len() != docs.len() {
            let live: std::collections::HashSet<&str> =
                docs.iter().map(|(_, d)| d.rel.as_str()).collect();
            memo.by_rel.retain(|rel, _| live.contains(rel.as_str()));
        }
    }
    let by_rel: HashMap<&str, &model::OutputAsset> = site
        .assets
        .iter()
        .map(|a| (a.src.rel.as_str(), a))
        .collect();
    let located = |rels: Vec<String>| -> HashMap<String, (PathBuf, String)> {
        rels.into_iter()
            .filter_map(|rel| {
                let a = by_rel.get(rel.as_str())?;
                Some((rel, (a.src.abs.clone(), a.path.clone())))
            })
            .collect()
    };
    Referenced {
        photos: located(rels),
        drawings: located(drawings),
        first_in_body,
    }
}

/// The links and images of a Markdown body that may name a photo or a
/// drawing, raw HTML `<img>`s included (an HTML block's lines are read
/// together, as the Markdown stage rewrites them: a tag may span them).
fn body_links(body: &str) -> Vec<BodyLink> {
    if memchr::memmem::find(body.as_bytes(), b"](").is_none()
        && memchr::memmem::find(body.as_bytes(), b"]:").is_none()
        && !crate::markdown::mentions_img(body)
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let raw = |html: &str, out: &mut Vec<BodyLink>| {
        for src in crate::markdown::raw_img_sources(html) {
            let path = src.split(['#', '?']).next().unwrap_or("");
            if is_photo_path(path) {
                let (dest, image, first) = (src, false, None);
                out.push(BodyLink { dest, image, first });
            }
        }
    };
    let mut block: Option<String> = None;
    // Inside the body's first photo image: its alt text is being gathered.
    let (mut seen_first, mut in_first) = (false, false);
    for ev in Parser::new_ext(body, crate::markdown::options()) {
        match &ev {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::Html(t) => match &mut block {
                Some(b) => b.push_str(t),
                None => raw(t, &mut out),
            },
            Event::End(TagEnd::HtmlBlock) => raw(&block.take().unwrap_or_default(), &mut out),
            Event::InlineHtml(t) => raw(t, &mut out),
            Event::Text(t) | Event::Code(t) if in_first => {
                if let Some(BodyLink {
                    first: Some(alt), ..
                }) = out.last_mut()
                {
                    alt.push_str(t);
                }
            }
            Event::End(TagEnd::Image) => in_first = false,
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) => {
                let decoded = percent_encoding::percent_decode_str(dest_url).decode_utf8_lossy();
                let dest = crate::text::nfc(&decoded);
                let path = dest.split(['#', '?']).next().unwrap_or("");
                let image = matches!(ev, Event::Start(Tag::Image { .. }));
                let drawing = image && path.to_ascii_lowercase().ends_with(".svg");
                if is_photo_path(path) || drawing {
                    in_first = image && !drawing && !seen_first;
                    seen_first |= in_first;
                    let first = in_first.then(String::new);
                    out.push(BodyLink { dest, image, first });
                }
            }
            _ => {}
        }
    }
    out
}

/// A video page address a Markdown image may name: (watch link, click-to-load
/// embed address). YouTube (`youtube.com/watch?v=`, `youtu.be/`,
/// `youtube.com/shorts/`) and Facebook (`facebook.com/.../videos/...`,
/// `fb.watch/`).
pub fn video_embed(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let id_ok = |id: &str| {
        !id.is_empty()
            && id.len() <= 32
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let youtube = |id: &str| {
        id_ok(id).then(|| {
            (
                format!("https://www.youtube.com/watch?v={id}"),
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
            )
        })
    };
    match host {
        "youtube.com" => {
            if let Some(q) = path.strip_prefix("watch?") {
                let id = q.split('&').find_map(|kv| kv.strip_prefix("v="))?;
                youtube(id)
            } else {
                let id = path
                    .strip_prefix("shorts/")
                    .or_else(|| path.strip_prefix("embed/"))?;
                youtube(id.split(['?', '/']).next().unwrap_or(""))
            }
        }
        "youtu.be" => youtube(path.split(['?', '/']).next().unwrap_or("")),
        "facebook.com" | "fb.watch"
            if host == "fb.watch" || path.contains("/videos/") || path.starts_with("watch") =>
        {
            let watch = format!("https://{host}/{path}");
            let embed = format!(
                "https://www.facebook.com/plugins/video.php?href={}",
                percent_encoding::utf8_percent_encode(&watch, percent_encoding::NON_ALPHANUMERIC)
            );
            Some((watch, embed))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_by_extension() {
        assert!(is_photo_path("a/Ảnh.JPG") && is_photo_path("x.heic"));
        assert!(!is_photo_path("so-do.svg") && !is_photo_path("van-ban.pdf"));
    }

    #[test]
    fn videos() {
        let (w, e) = video_embed("https://www.youtube.com/watch?v=abc_D-1&t=3").unwrap();
        assert_eq!(w, "https://www.youtube.com/watch?v=abc_D-1");
        assert!(e.starts_with("https://www.youtube-nocookie.com/embed/abc_D-1"));
        assert!(video_embed("https://youtu.be/xyz").is_some());
        assert!(video_embed("https://www.facebook.com/ubnd/videos/123/").is_some());
        assert!(video_embed("https://www.facebook.com/ubnd/").is_none());
        assert!(video_embed("https://youtube.com/watch?v=<script>").is_none());
        assert!(video_embed("https://example.com/a.mp4").is_none());
    }
}
