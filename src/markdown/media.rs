//! Markdown images made into what a phone should load: a photo becomes a
//! `<picture>` of its variants (a `<figure>` with its title as caption), a
//! YouTube or Facebook address a click-to-load video box; and the image
//! paths Markdown cannot read (spaces, `C:\...`) become problems that say
//! how to write them.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::{Event, TagEnd};

use quick_xml::escape::escape;

use crate::images::{Photo, Variant};

/// `sizes` of a photo in an article: the whole phone screen, else the
/// text column (`--measure`, 44rem, in the default theme).
pub const ARTICLE_SIZES: &str = "(max-width: 46rem) 100vw, 44rem";

/// An image being replaced: its alt text is collected until its end.
pub struct Open {
    pub kind: Kind,
    /// The page's first image: loaded at once, with high priority.
    pub first: bool,
    pub title: String,
    pub alt: String,
}

pub enum Kind {
    Photo(Arc<Photo>),
    /// (watch address, embed address)
    Video(String, String),
    /// An SVG drawing, published as it is.
    Drawing(crate::images::Drawing),
    /// Reported as a problem: shows nothing.
    Refused,
}

/// The HTML of a replaced image: inline (inside a paragraph's text), and as
/// a block (when it is its paragraph's only content).
pub struct Made {
    pub inline: String,
    pub block: String,
}

fn srcset(vs: &[Variant], href: &dyn Fn(&str) -> String) -> String {
    vs.iter()
        .map(|v| format!("{} {}w", href(&v.path), v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pass `ev` through an image being replaced (`open`): its text is collected
/// as the alt, and its end gives the replacement's inline HTML (its block
/// form kept in `blocks`). `None`: the event is consumed.
pub fn follow<'a>(
    open: &mut Option<Open>,
    ev: Event<'a>,
    href: &dyn Fn(&str) -> String,
    blocks: &mut HashMap<String, String>,
) -> Option<Event<'a>> {
    let Some(mut o) = open.take() else {
        return Some(ev);
    };
    match ev {
        Event::End(TagEnd::Image) => {
            let made = finish(o, href);
            blocks.insert(made.inline.clone(), made.block);
            Some(Event::InlineHtml(made.inline.into()))
        }
        ev => {
            if let Event::Text(t) | Event::Code(t) = &ev {
                o.alt.push_str(t);
            }
            *open = Some(o);
            None
        }
    }
}

/// `<picture>` of `photo`; `first` is the page's first image (loaded at once,
/// with high priority), the others load lazily.
pub fn picture(photo: &Photo, alt: &str, first: bool, href: &dyn Fn(&str) -> String) -> String {
    picture_as(
        photo,
        &Shown {
            alt_html: &escape(alt),
            first,
            size: None,
            extra: "",
        },
        href,
    )
}

/// How a `<picture>` is shown.
pub struct Shown<'s> {
    /// The alt text, escaped for an attribute in double quotes.
    pub alt_html: &'s str,
    /// The page's first image (loaded at once, with high priority).
    pub first: bool,
    /// Width and height in CSS pixels the editor asked for (the `sizes`
    /// follow them); `None`: the text column's.
    pub size: Option<(u32, u32)>,
    /// More attributes for the `<img>` (` class="..."`), ready to write.
    pub extra: &'s str,
}

/// `<picture>` of `photo`, shown as `shown` says.
pub fn picture_as(photo: &Photo, shown: &Shown<'_>, href: &dyn Fn(&str) -> String) -> String {
    let src = photo.fallback_at_most(960);
    let loading = if shown.first {
        r#" fetchpriority="high" decoding="async""#
    } else {
        r#" loading="lazy" decoding="async""#
    };
    let (w, h, sizes) = match shown.size {
        Some((w, h)) => (w, h, format!("(max-width: {w}px) 100vw, {w}px")),
        None => (src.width, src.height, ARTICLE_SIZES.to_string()),
    };
    format!(
        r#"<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}"><img src="{src}" srcset="{fallback}" sizes="{sizes}" width="{w}" height="{h}" alt="{alt}"{extra}{loading}></picture>"#,
        webp = escape(srcset(&photo.webp, href)),
        src = escape(href(&src.path)),
        fallback = escape(srcset(&photo.fallback, href)),
        alt = shown.alt_html,
        extra = shown.extra,
    )
}

/// The HTML of a finished image.
pub fn finish(open: Open, href: &dyn Fn(&str) -> String) -> Made {
    match open.kind {
        Kind::Refused => Made {
            inline: String::new(),
            block: String::new(),
        },
        Kind::Drawing(d) => {
            let size = d
                .size
                .map(|(w, h)| format!(r#" width="{w}" height="{h}""#))
                .unwrap_or_default();
            let loading = if open.first {
                ""
            } else {
                r#" loading="lazy" decoding="async""#
            };
            let img = format!(
                r#"<img src="{}" alt="{}"{size}{loading}>"#,
                escape(href(&d.path)),
                escape(&open.alt)
            );
            Made {
                block: figure(&img, &open.title),
                inline: img,
            }
        }
        Kind::Photo(photo) => {
            let pic = picture(&photo, &open.alt, open.first, href);
            let block = if open.title.trim().is_empty() {
                format!("<figure class=\"photo\">{pic}</figure>\n")
            } else {
                format!(
                    "<figure class=\"photo\">{pic}<figcaption>{}</figcaption></figure>\n",
                    escape(open.title.trim())
                )
            };
            Made { inline: pic, block }
        }
        Kind::Video(watch, embed) => {
            let label = if open.alt.trim().is_empty() {
                "Xem video".to_string()
            } else {
                format!("Xem video: {}", open.alt.trim())
            };
            let link = format!(
                r#"<a href="{}" rel="noopener">{}</a>"#,
                escape(&watch),
                escape(&label)
            );
            let block = format!(
                r#"<div class="video" data-embed="{embed}" data-title="{title}"><a class="video-link" href="{watch}" rel="noopener"><span class="video-play" aria-hidden="true">▶</span> {label}</a></div>
"#,
                embed = escape(&embed),
                title = escape(open.alt.trim()),
                watch = escape(&watch),
                label = escape(&label),
            );
            Made {
                inline: link,
                block,
            }
        }
    }
}

/// A `<figure>` of `inner`, with `title` as its caption if there is one.
fn figure(inner: &str, title: &str) -> String {
    if title.trim().is_empty() {
        format!("<figure class=\"photo\">{inner}</figure>\n")
    } else {
        format!(
            "<figure class=\"photo\">{inner}<figcaption>{}</figcaption></figure>\n",
            escape(title.trim())
        )
    }
}

/// Is `dest` a path on a Windows computer (`C:\...`, `C:/...`, `\\server\...`)?
pub fn is_windows_path(dest: &str) -> bool {
    let b = dest.as_bytes();
    (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/'))
        || dest.contains('\\')
}

/// Image syntax Markdown did not read because its path has spaces:
/// (byte offset of `![`, the path as written).
pub fn spaced_image_paths(body: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let mut from = 0;
        while let Some(i) = line[from..].find("![").map(|i| i + from) {
            let Some(close) = line[i..].find("](").map(|j| j + i) else {
                break;
            };
            let target_start = close + 2;
            let Some(end) = line[target_start..].find(')').map(|j| j + target_start) else {
                break;
            };
            let target = line[target_start..end].trim();
            from = end;
            if target.starts_with('<') || !target.contains(char::is_whitespace) {
                continue;
            }
            let rest = target
                .split_once(char::is_whitespace)
                .map(|(_, r)| r.trim_start())
                .unwrap_or("");
            if rest.starts_with(['"', '\'', '(']) {
                continue;
            }
            out.push((line_start + i, target.to_string()));
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths() {
        assert!(is_windows_path(r"C:\Users\a\anh.jpg"));
        assert!(is_windows_path("d:/anh.jpg"));
        assert!(!is_windows_path("anh.jpg") && !is_windows_path("/a/b.jpg"));
    }

    #[test]
    fn spaced_paths() {
        let b = "Mở đầu\n![Họp](Ảnh họp thôn.JPG) và ![b](ok.jpg \"Tiêu đề\") ![c](<a b.jpg>)\n";
        let found = spaced_image_paths(b);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "Ảnh họp thôn.JPG");
        assert_eq!(&b[found[0].0..found[0].0 + 2], "![");
    }
}
