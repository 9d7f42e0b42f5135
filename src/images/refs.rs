//! Which photos the site references: front-matter `image:`, `gallery:`
//! items, and the images and links of every Markdown body (found by the
//! same rules the Markdown stage resolves them with, [`photo_rel`]).

use std::collections::HashMap;
use std::path::PathBuf;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

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
    photo_rel(site, &page_dir(p), image)
}

/// The directory a page's relative links start from.
pub fn page_dir(p: &Page) -> String {
    p.bundle_dir
        .clone()
        .unwrap_or_else(|| model::parent_dir(&p.doc.rel).to_string())
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

/// Every photo and drawing referenced.
pub fn referenced(site: &Site) -> Referenced {
    let mut rels: Vec<String> = Vec::new();
    let mut drawings: Vec<String> = Vec::new();
    let mut first_in_body = HashMap::new();
    for p in &site.pages {
        let dir = page_dir(p);
        let mut first = p.image.is_none().then_some(FirstPhoto::default());
        if let Some(img) = p.image.as_deref().filter(|i| !crate::urls::is_web(i)) {
            rels.extend(page_photo_rel(site, p, img));
            drawings.extend(drawing_rel(site, &dir, img));
        }
        for g in &p.gallery {
            rels.extend(photo_rel(site, &dir, &g.file));
        }
        let body = p.doc.body();
        markdown_refs(site, &dir, body, &mut rels, &mut drawings, first.as_mut());
        if let Some(FirstPhoto {
            rel: Some(rel),
            alt,
        }) = first
        {
            first_in_body.insert(p.doc.rel.clone(), (rel, alt));
        }
    }
    for s in &site.sections {
        if let Some(doc) = &s.doc {
            markdown_refs(site, &s.dir, doc.body(), &mut rels, &mut drawings, None);
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

/// The first photo page `p`'s body shows as a Markdown image, (photo content
/// path, alt), when the page has no front-matter `image:` (for `serve`, which
/// keeps [`Referenced::first_in_body`] up to date after a body edit).
pub fn first_in_body(site: &Site, p: &Page) -> Option<(String, String)> {
    let mut first = p.image.is_none().then_some(FirstPhoto::default())?;
    let mut scratch = (Vec::new(), Vec::new());
    let (rels, drawings) = (&mut scratch.0, &mut scratch.1);
    markdown_refs(
        site,
        &page_dir(p),
        p.doc.body(),
        rels,
        drawings,
        Some(&mut first),
    );
    Some((first.rel?, first.alt))
}

/// The first photo a body shows as a Markdown image, while it is being read:
/// `rel` once found, its alt text gathered until the image ends.
#[derive(Default)]
struct FirstPhoto {
    rel: Option<String>,
    alt: String,
}

/// The photos a Markdown body shows or links to.
fn markdown_refs(
    site: &Site,
    rel_dir: &str,
    body: &str,
    out: &mut Vec<String>,
    drawings: &mut Vec<String>,
    mut first: Option<&mut FirstPhoto>,
) {
    if memchr::memmem::find(body.as_bytes(), b"](").is_none()
        && memchr::memmem::find(body.as_bytes(), b"]:").is_none()
        && !crate::markdown::mentions_img(body)
    {
        return;
    }
    // Raw HTML `<img>`s: an HTML block's lines are read together (a tag may
    // span them), as the Markdown stage rewrites them.
    let mut block: Option<String> = None;
    let raw = |html: &str, out: &mut Vec<String>| {
        for src in crate::markdown::raw_img_sources(html) {
            out.extend(photo_rel(site, rel_dir, &src));
        }
    };
    // Inside the first photo's image: its alt text is being gathered.
    let mut in_first = false;
    for ev in Parser::new_ext(body, crate::markdown::options()) {
        if let Some(f) = first.as_deref_mut() {
            match &ev {
                Event::Text(t) | Event::Code(t) if in_first => f.alt.push_str(t),
                Event::End(TagEnd::Image) if in_first => in_first = false,
                Event::Start(Tag::Image { dest_url, .. }) if f.rel.is_none() => {
                    let decoded = percent_encoding::percent_decode_str(dest_url);
                    let decoded = crate::text::nfc(&decoded.decode_utf8_lossy());
                    f.rel = photo_rel(site, rel_dir, &decoded);
                    in_first = f.rel.is_some();
                }
                _ => {}
            }
        }
        match &ev {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::Html(t) => match &mut block {
                Some(b) => b.push_str(t),
                None => raw(t, out),
            },
            Event::End(TagEnd::HtmlBlock) => raw(&block.take().unwrap_or_default(), out),
            Event::InlineHtml(t) => raw(t, out),
            _ => {}
        }
        if let Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) = &ev {
            let decoded = percent_encoding::percent_decode_str(dest_url).decode_utf8_lossy();
            let decoded = crate::text::nfc(&decoded);
            out.extend(photo_rel(site, rel_dir, &decoded));
            if matches!(ev, Event::Start(Tag::Image { .. })) {
                drawings.extend(drawing_rel(site, rel_dir, &decoded));
            }
        }
    }
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
