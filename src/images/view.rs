//! Photos as templates see them (`page.photo`, `page.gallery`, and the
//! Markdown stage's `<picture>`): variant site paths and sizes, never the
//! original.

use serde::Serialize;

use super::{Photo, SHARE_MAX_WIDTH, Variant};

/// Width of the variant an `<img src>` falls back to (browsers without
/// `srcset`), and of a list's thumbnail.
const DEFAULT_SRC_WIDTH: u32 = 960;
const THUMB_WIDTH: u32 = 480;

/// One file of a photo.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct FileView {
    pub path: String,
    pub width: u32,
    pub height: u32,
}

impl From<&Variant> for FileView {
    fn from(v: &Variant) -> FileView {
        FileView {
            path: v.path.clone(),
            width: v.width,
            height: v.height,
        }
    }
}

/// A photo for a template: `<picture>` sources and the fixed-purpose variants.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct PhotoView {
    pub alt: String,
    /// The `<img src>`: the fallback variant nearest 960 pixels across.
    pub src: FileView,
    /// MIME type of the fallback variants (`image/jpeg` or `image/png`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// WebP variants, narrowest first (a `srcset`).
    pub webp: Vec<FileView>,
    /// JPEG (or PNG) variants, narrowest first.
    pub fallback: Vec<FileView>,
    /// A list's thumbnail (fallback, at most 480 across).
    pub thumb: FileView,
    /// The thumbnail's WebP twin.
    pub thumb_webp: FileView,
    /// The share image (`og:image`): fallback, at most 1200 across.
    pub share: FileView,
    /// For print (leaflets): the widest fallback.
    pub print: FileView,
    /// The widest fallback, what a gallery links to.
    pub large: FileView,
}

pub fn photo_view(photo: &Photo, alt: &str) -> PhotoView {
    let webp_at_most = |max: u32| -> FileView {
        photo
            .webp
            .iter()
            .rev()
            .find(|v| v.width <= max)
            .or_else(|| photo.webp.first())
            .expect("a photo has at least one variant")
            .into()
    };
    PhotoView {
        alt: alt.to_string(),
        src: photo.fallback_at_most(DEFAULT_SRC_WIDTH).into(),
        kind: photo.largest().format.mime(),
        webp: photo.webp.iter().map(FileView::from).collect(),
        fallback: photo.fallback.iter().map(FileView::from).collect(),
        thumb: photo.fallback_at_most(THUMB_WIDTH).into(),
        thumb_webp: webp_at_most(THUMB_WIDTH),
        share: photo.fallback_at_most(SHARE_MAX_WIDTH).into(),
        print: photo.largest().into(),
        large: photo.largest().into(),
    }
}

/// A gallery item for a template.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct GalleryView {
    #[serde(flatten)]
    pub photo: PhotoView,
    pub caption: Option<String>,
}
