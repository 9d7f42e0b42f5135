//! The image stage: every photo a page shows (front-matter `image:`, a
//! Markdown image, a `gallery:` item) is published only as resized variants,
//! WebP plus a JPEG fallback (PNG where the source declares transparency),
//! turned as shot (EXIF orientation) and with no metadata at all (nothing
//! of the source's EXIF, GPS, XMP or IPTC is ever copied: the variants are
//! encoded from pixels). The original file is never published.
//!
//! Runs after the model and before the Markdown stage: `refs` finds every
//! photo the site references, `probe` reads each one's header (and refuses
//! what it must before decoding anything), `cache` answers from
//! `.congxa-cache/` what was encoded before, and `encode` makes the rest,
//! one photo per thread (memory bounded: at most one decoded photo per
//! thread).

mod cache;
mod encode;
mod probe;
mod refs;
mod report;
mod riff;
mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

pub use cache::CACHE_DIR;
pub use refs::{
    LinkMemo, drawing_rel, is_photo_path, page_dir, page_photo_rel, photo_rel, same_photo_links,
    video_embed,
};
pub use report::front_matter_problems;
pub use view::{FileView, GalleryView, PhotoView, photo_view};

/// Default widths of the variants, in pixels (`images.widths`).
pub const DEFAULT_WIDTHS: &[u32] = &[480, 960, 1600];
/// Default encoder quality (`images.quality`), 1–100.
pub const DEFAULT_QUALITY: u8 = 80;
/// Largest photo congxa decodes, in pixels as declared by its header (a 50
/// megapixel phone photo is 8160x6144); anything larger is refused before
/// a byte of it is decoded.
pub const MAX_PIXELS: u64 = 60_000_000;
/// Widest `og:image` variant (what Zalo and Facebook show).
pub const SHARE_MAX_WIDTH: u32 = 1200;

/// `images:` in `site.yaml`, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    pub widths: Vec<u32>,
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: DEFAULT_QUALITY,
        }
    }
}

/// What a variant is encoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Webp,
    Jpeg,
    Png,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One published file of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Site path, `/tin-tuc/bai/anh-960.webp`.
    pub path: String,
    /// The encoded bytes in the cache, copied to the output as they are.
    pub file: PathBuf,
}

/// A photo as published: its size as shown (after orientation) and its
/// variants, narrowest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Photo {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<Variant>,
    /// JPEG, or PNG for a source with transparency; one per WebP variant.
    pub fallback: Vec<Variant>,
    /// Hash of the source bytes (serve compares it to see a replaced photo).
    pub source_hash: String,
}

impl Photo {
    /// The widest fallback variant no wider than `max` (else the narrowest).
    pub fn fallback_at_most(&self, max: u32) -> &Variant {
        self.fallback
            .iter()
            .rev()
            .find(|v| v.width <= max)
            .or_else(|| self.fallback.first())
            .expect("a photo has at least one variant")
    }
    /// The widest fallback variant.
    pub fn largest(&self) -> &Variant {
        self.fallback
            .last()
            .expect("a photo has at least one variant")
    }
    /// Every published file of the photo.
    pub fn variants(&self) -> impl Iterator<Item = &Variant> {
        self.webp.iter().chain(&self.fallback)
    }
}

/// Why a photo cannot be published; shown at every place that references it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhotoError {
    pub message: crate::messages::Msg,
    pub hint: crate::messages::Msg,
}

/// An SVG drawing a page shows, published as it is: its site path and the
/// size its root element declares (for `width`/`height`), if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Drawing {
    pub path: String,
    pub size: Option<(u32, u32)>,
}

/// Every photo the site references, by content-relative path.
#[derive(Debug, Default, Clone)]
pub struct Photos {
    pub by_rel: HashMap<String, Result<Arc<Photo>, PhotoError>>,
    /// SVG drawings shown by Markdown images, by content-relative path.
    pub drawings: HashMap<String, Drawing>,
    /// For a page without `image:`, the first photo of its body (page content
    /// path → (photo content path, alt)): its list thumbnail and share image.
    pub first_in_body: HashMap<String, (String, String)>,
}

impl Photos {
    pub fn get(&self, rel: &str) -> Option<&Result<Arc<Photo>, PhotoError>> {
        self.by_rel.get(rel)
    }
    /// The photo at `rel`, if it was made.
    pub fn ok(&self, rel: &str) -> Option<&Arc<Photo>> {
        self.by_rel.get(rel).and_then(|r| r.as_ref().ok())
    }
    /// Every variant to publish, in a stable order.
    pub fn variants(&self) -> Vec<&Variant> {
        let mut rels: Vec<&String> = self.by_rel.keys().collect();
        rels.sort();
        rels.into_iter()
            .filter_map(|r| self.ok(r))
            .flat_map(|p| p.variants())
            .collect()
    }
}

/// The photo that stands for page `p` in lists, feeds and shares (its
/// cover), with its alt text: its front-matter `image:` if that is a photo of
/// the site, else (when it has no `image:` at all) the first photo its body
/// shows.
pub fn page_cover<'a>(
    site: &'a crate::model::Site,
    p: &'a crate::model::Page,
) -> Option<(&'a Arc<Photo>, &'a str)> {
    match p.image.as_deref() {
        Some(img) => {
            let rel = refs::page_photo_rel(site, p, img)?;
            let photo = site.photos.ok(&rel)?;
            Some((photo, p.image_alt.as_deref().unwrap_or("")))
        }
        None => {
            let (rel, alt) = site.photos.first_in_body.get(&p.doc.rel)?;
            Some((site.photos.ok(rel)?, alt.as_str()))
        }
    }
}

/// Make (or find in the cache) the variants of every photo `site` references.
/// `site_root` is the site's directory, where `.congxa-cache/` lives. `links`:
/// the bodies' links found by an earlier run (`serve`), reused and updated.
pub fn process(
    site: &crate::model::Site,
    site_root: &Path,
    settings: &Settings,
    links: Option<&mut LinkMemo>,
) -> Photos {
    let wanted = refs::referenced(site, links);
    let cache = cache::Cache::new(site_root);
    let drawings = wanted
        .drawings
        .into_iter()
        .map(|(rel, (abs, path))| {
            let size = std::fs::read(&abs).ok().and_then(|b| svg_size(&b));
            (rel, Drawing { path, size })
        })
        .collect();
    let by_rel = wanted
        .photos
        .into_par_iter()
        .map(|(rel, (abs, site_path))| {
            let made =
                crate::bug::catch(&abs, || encode::photo(&abs, &site_path, settings, &cache))
                    .unwrap_or_else(|d| {
                        Err(PhotoError {
                            message: d.message,
                            hint: crate::msg!("photo-bug-hint"),
                        })
                    })
                    .map(Arc::new);
            (rel, made)
        })
        .collect();
    Photos {
        by_rel,
        drawings,
        first_in_body: wanted.first_in_body,
    }
}

/// The size an SVG's root element declares: `width` and `height` in pixels
/// (or without a unit), else its `viewBox`.
pub fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "svg" => {
                let attr = |name: &str| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().into_inner() == name)
                        .map(|a| a.value.to_string())
                };
                let px = |v: Option<String>| -> Option<u32> {
                    let v = v?;
                    let v = v.trim().strip_suffix("px").unwrap_or(v.trim());
                    let n: f64 = v.parse().ok()?;
                    (1.0..100_000.0).contains(&n).then_some(n.round() as u32)
                };
                if let (Some(w), Some(h)) = (px(attr("width")), px(attr("height"))) {
                    return Some((w, h));
                }
                let vb = attr("viewBox")?;
                let n: Vec<f64> = vb
                    .split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                let (w, h) = (*n.get(2)?, *n.get(3)?);
                return (w >= 1.0 && h >= 1.0 && w < 100_000.0 && h < 100_000.0)
                    .then(|| (w.round() as u32, h.round() as u32));
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Site path of variant `width` of the photo published at `site_path`:
/// `/a/anh.jpg` → `/a/anh-960.webp`.
fn variant_path(site_path: &str, width: u32, format: Format) -> String {
    let (dir, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    format!("{dir}/{stem}-{width}.{}", format.ext())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(br#"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="470"/>"#),
            Some((960, 470))
        );
        assert_eq!(
            svg_size(br#"<?xml version="1.0"?><svg viewBox="0 0 120.4 60"></svg>"#),
            Some((120, 60))
        );
        assert_eq!(svg_size(br#"<svg width="100%"/>"#), None);
        assert_eq!(svg_size(b"not xml <"), None);
    }

    #[test]
    fn variant_paths() {
        assert_eq!(
            variant_path("/tin-tuc/bai/anh.JPG", 960, Format::Webp),
            "/tin-tuc/bai/anh-960.webp"
        );
        assert_eq!(variant_path("/a.b.png", 480, Format::Png), "/a.b-480.png");
    }
}
