//! Page cards: what every list shows of a page, serialised once per page and
//! shared by every list (and fingerprinted, so `serve` remakes only changed ones).

use serde::Serialize;
use tera::Value;

use super::RenderedDocs;
use super::views::{IndexLink, SectionLink};
use crate::model::{self, Page, Site};

/// A tag as a card shows it. No page count here: a count would make every
/// card of a tag depend on every other page with that tag (and `serve` would
/// re-render thousands of list pages when one tagged article is added).
#[derive(Serialize, Hash)]
pub(crate) struct CardTag<'a> {
    pub(crate) name: &'a str,
    pub(crate) path: &'a str,
}

/// What every list shows of a page. `Hash` hashes exactly what `Serialize`
/// shows ([`card_fingerprint`]).
#[derive(Serialize, Hash)]
pub(crate) struct Card<'a> {
    #[serde(flatten)]
    pub(crate) own: CardOwn<'a>,
    pub(crate) section: SectionLink<'a>,
    pub(crate) indices: Vec<IndexLink<'a>>,
    pub(crate) areas: Vec<CardArea<'a>>,
    pub(crate) tags: Vec<CardTag<'a>>,
}

/// The fields of a card that are the page's own; its links to its section,
/// indices, areas and tags are shared (see [`CardLinks`]).
#[derive(Serialize, Hash)]
pub(crate) struct CardOwn<'a> {
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) date: Option<String>,
    pub(crate) date_vi: Option<String>,
    pub(crate) date_long_vi: Option<String>,
    pub(crate) datetime: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) updated_vi: Option<String>,
    pub(crate) summary: &'a str,
    pub(crate) document: Option<DocumentView<'a>>,
    /// `pinned: true`: first in its section's lists and on the home page.
    pub(crate) pinned: bool,
    pub(crate) lang: &'a str,
    /// Site path of the share image: a variant of a photo (never the
    /// original), or the address written.
    pub(crate) image: Option<String>,
    pub(crate) image_alt: Option<&'a str>,
    /// The front-matter photo's variants (the page's hero).
    pub(crate) photo: Option<crate::images::PhotoView>,
    /// The photo standing for the page in lists and shares: `photo`, else the
    /// body's first photo.
    pub(crate) cover: Option<crate::images::PhotoView>,
    /// A front-matter SVG drawing: its site path and declared size.
    pub(crate) drawing: Option<crate::images::FileView>,
    pub(crate) author: Option<&'a str>,
    pub(crate) words: usize,
    pub(crate) reading_minutes: usize,
}

#[derive(Serialize, Hash)]
pub(crate) struct CardArea<'a> {
    pub(crate) key: &'a str,
    pub(crate) title: &'a str,
    pub(crate) path: &'a str,
    pub(crate) index_key: &'a str,
    pub(crate) index_code: &'a str,
}

#[derive(Serialize, Hash)]
pub(crate) struct DocumentView<'a> {
    pub(crate) number: &'a str,
    pub(crate) issued: String,
    pub(crate) issued_vi: String,
    pub(crate) year: i16,
    pub(crate) issuer: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'a str,
    pub(crate) type_slug: String,
    pub(crate) file: Option<&'a str>,
    pub(crate) file_size: Option<u64>,
    /// Ngày hiệu lực (`2024-07-16`, `16/07/2024`), when given.
    pub(crate) effective: Option<String>,
    pub(crate) effective_vi: Option<String>,
    /// Tình trạng hiệu lực as written, when given.
    pub(crate) status: Option<&'a str>,
    /// Trích yếu: `excerpt:`, else the page title.
    pub(crate) excerpt: &'a str,
    /// Number, excerpt and issuer folded for the register's search field
    /// (lower case, no marks, `đ` → `d`).
    pub(crate) search: String,
}

impl<'a> DocumentView<'a> {
    pub(crate) fn of(p: &'a Page, d: &'a model::Document) -> DocumentView<'a> {
        let excerpt = d.excerpt.as_deref().unwrap_or(&p.title);
        DocumentView {
            number: &d.number,
            issued: d.issued.iso_date(),
            issued_vi: d.issued.short_vi(),
            year: d.issued.local.year(),
            issuer: &d.issuer,
            kind: &d.kind,
            type_slug: crate::text::slugify(&d.kind),
            file: d.file.as_ref().map(|(p, _)| p.as_str()),
            file_size: d.file.as_ref().map(|(_, s)| *s).filter(|s| *s > 0),
            effective: d.effective.map(|e| e.iso_date()),
            effective_vi: d.effective.map(|e| e.short_vi()),
            status: d.status.as_deref(),
            excerpt,
            search: crate::text::fold(&format!("{} {excerpt} {}", d.number, d.issuer)),
        }
    }
}

/// The template values of what cards link to (sections, indices, areas, tags),
/// made once per site: every card holds the same few hundred shared maps
/// instead of its own copies, which saves memory and lets a list page find
/// them in the processor's cache.
pub struct CardLinks {
    pub(crate) sections: Vec<Value>,
    pub(crate) indices: Vec<Value>,
    pub(crate) areas: Vec<Vec<Value>>,
    pub(crate) tags: Vec<Value>,
}

impl CardLinks {
    pub fn new(site: &Site) -> CardLinks {
        CardLinks {
            sections: site
                .sections
                .iter()
                .map(|s| Value::from_serializable(&section_link(s)))
                .collect(),
            indices: site
                .indices
                .iter()
                .map(|i| Value::from_serializable(&index_link(i)))
                .collect(),
            areas: site
                .indices
                .iter()
                .map(|i| {
                    (0..i.areas.len())
                        .map(|a| Value::from_serializable(&card_area(i, a)))
                        .collect()
                })
                .collect(),
            tags: site
                .tags
                .iter()
                .map(|t| Value::from_serializable(&card_tag(t)))
                .collect(),
        }
    }
}

/// The card of page `p` as a template value: what every list shows of it.
pub fn card_value(site: &Site, docs: &RenderedDocs, links: &CardLinks, p: &Page) -> Value {
    let _processing = crate::bug::processing(&p.doc.shown);
    let mut map = Value::from_serializable(&card_own(site, docs, p))
        .into_map()
        .unwrap_or_default();
    let shared = |values: Vec<Value>| Value::from(values);
    map.insert("section".into(), links.sections[p.section].clone());
    let indices = p.indices.iter().map(|&ix| links.indices[ix].clone());
    map.insert("indices".into(), shared(indices.collect()));
    let areas = p.areas.iter().map(|&(ix, a)| links.areas[ix][a].clone());
    map.insert("areas".into(), shared(areas.collect()));
    let tags = p.tags.iter().map(|&t| links.tags[t].clone());
    map.insert("tags".into(), shared(tags.collect()));
    Value::from(map)
}

/// A hash of everything page `p`'s card shows (much cheaper than [`card_value`]):
/// equal fingerprints mean equal cards, so `serve` keeps the old card. The
/// card's own `Hash` (not its JSON): serde_json's escaping of every string
/// was most of the time `serve` spent on 10,000 cards at each rebuild.
pub fn card_fingerprint(site: &Site, docs: &RenderedDocs, p: &Page) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = super::stable_hasher();
    card(site, docs, p).hash(&mut h);
    h.finish()
}

pub(crate) fn card<'a>(site: &'a Site, docs: &'a RenderedDocs, p: &'a Page) -> Card<'a> {
    Card {
        own: card_own(site, docs, p),
        section: section_link(&site.sections[p.section]),
        indices: p
            .indices
            .iter()
            .map(|&ix| index_link(&site.indices[ix]))
            .collect(),
        areas: p
            .areas
            .iter()
            .map(|&(ix, ai)| card_area(&site.indices[ix], ai))
            .collect(),
        tags: p.tags.iter().map(|&t| card_tag(&site.tags[t])).collect(),
    }
}

pub(crate) fn section_link(s: &model::Section) -> SectionLink<'_> {
    SectionLink {
        title: &s.title,
        path: &s.path,
    }
}

pub(crate) fn index_link(i: &model::GovIndex) -> IndexLink<'_> {
    IndexLink {
        key: &i.key,
        code: &i.code,
        name: &i.name,
        path: &i.path,
    }
}

pub(crate) fn card_area(i: &model::GovIndex, area: usize) -> CardArea<'_> {
    let a = &i.areas[area];
    CardArea {
        key: &a.key,
        title: &a.title,
        path: &a.path,
        index_key: &i.key,
        index_code: &i.code,
    }
}

pub(crate) fn card_tag(t: &model::Tag) -> CardTag<'_> {
    CardTag {
        name: &t.name,
        path: &t.path,
    }
}

pub(crate) fn card_own<'a>(site: &'a Site, docs: &'a RenderedDocs, p: &'a Page) -> CardOwn<'a> {
    let md = &docs.pages[p.id];
    let words = md.words;
    let photo = page_photo(site, p);
    let cover = page_cover(site, p, &photo);
    CardOwn {
        title: &p.title,
        path: &p.path,
        date: p.date.map(|d| d.iso_date()),
        date_vi: p.date.map(|d| d.short_vi()),
        date_long_vi: p.date.map(|d| d.long_vi()),
        datetime: p.date.map(|d| d.rfc3339()),
        updated: p.updated.map(|d| d.iso_date()),
        updated_vi: p.updated.map(|d| d.short_vi()),
        summary: p.summary.as_deref().unwrap_or(&md.summary),
        document: p.document.as_ref().map(|d| DocumentView::of(p, d)),
        pinned: p.pinned,
        lang: &p.lang,
        image: match &photo {
            Some(v) => Some(v.share.path.clone()),
            None => p.image.as_ref().map(|i| resolve_image(site, p, i)),
        },
        image_alt: p.image_alt.as_deref(),
        photo,
        cover,
        drawing: page_drawing(site, p),
        author: p.author.as_deref(),
        words,
        // About 200 words a minute for Vietnamese read aloud or silently.
        reading_minutes: words.div_ceil(200).max(1),
    }
}

/// The variants of a page's front-matter photo, if it has one.
pub(crate) fn page_photo(site: &Site, p: &Page) -> Option<crate::images::PhotoView> {
    let img = p.image.as_deref()?;
    let rel = crate::images::page_photo_rel(site, p, img)?;
    let photo = site.photos.ok(&rel)?;
    Some(crate::images::photo_view(
        photo,
        p.image_alt.as_deref().unwrap_or(""),
    ))
}

/// The variants of the photo standing for a page in lists and shares: its
/// front-matter photo, else its body's first photo.
fn page_cover(
    site: &Site,
    p: &Page,
    photo: &Option<crate::images::PhotoView>,
) -> Option<crate::images::PhotoView> {
    if p.image.is_some() {
        return photo.clone();
    }
    let (cover, alt) = crate::images::page_cover(site, p)?;
    Some(crate::images::photo_view(cover, alt))
}

/// A page's front-matter SVG drawing with the size it declares.
pub(crate) fn page_drawing(site: &Site, p: &Page) -> Option<crate::images::FileView> {
    let img = p.image.as_deref().filter(|i| !crate::urls::is_web(i))?;
    let rel = crate::images::drawing_rel(site, crate::images::page_dir(p), img)?;
    let d = site.photos.drawings.get(&rel)?;
    let (width, height) = d.size?;
    Some(crate::images::FileView {
        path: d.path.clone(),
        width,
        height,
    })
}

/// The `gallery:` of a page, as templates see it.
pub(crate) fn page_gallery(site: &Site, p: &Page) -> Vec<crate::images::GalleryView> {
    let dir = crate::images::page_dir(p);
    p.gallery
        .iter()
        .filter_map(|g| {
            let rel = crate::images::photo_rel(site, dir, &g.file)?;
            let photo = site.photos.ok(&rel)?;
            Some(crate::images::GalleryView {
                photo: crate::images::photo_view(photo, &g.alt),
                caption: g.caption.clone(),
            })
        })
        .collect()
}

/// Site path of a page's image (relative to its file, or a site path, or a URL).
pub fn resolve_image(site: &Site, p: &Page, image: &str) -> String {
    if crate::urls::is_web(image) || image.starts_with('/') {
        return image.to_string();
    }
    let base = p
        .bundle_dir
        .clone()
        .unwrap_or_else(|| model::parent_dir(&p.doc.rel).to_string());
    crate::urls::join_relative(&base, image)
        .and_then(|rel| site.routes.assets.get(&rel).cloned())
        .unwrap_or_else(|| image.to_string())
}
