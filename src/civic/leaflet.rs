//! The printable leaflet `/<page>/in/`: the article on A4 with the commune's
//! header and a QR code (SVG, made at build time with the `qrcode` crate) to
//! the article's canonical URL, for bulletin boards, panos and the one-stop
//! office. The page renders the theme's `leaflet.html` with `page` and
//! `leaflet` (`url`, `qr_svg`, `content`).

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, LinkContext};
use crate::model::{self, Page, Target};
use crate::render::{OutputFile, Renderer, output_file_of};
use crate::templating::template_error;

/// Path segment of the leaflet under its article: `/tin-tuc/bai/in/`.
pub const SEGMENT: &str = "in";

/// `/tin-tuc/bai/` → `/tin-tuc/bai/in/`.
pub fn path_of(page_path: &str) -> String {
    format!("{page_path}{SEGMENT}/")
}

/// `leaflet` in the template context.
#[derive(Debug, Serialize)]
struct LeafletView<'a> {
    /// The article's canonical absolute URL (what the QR code says).
    url: String,
    /// Inline `<svg>` of the QR code (decorative for screen readers: `aria-hidden`;
    /// the template prints the URL beside it).
    qr_svg: String,
    /// The article's HTML, with links relative to the leaflet in a `--relative` build.
    content: &'a str,
}

/// Modules of light margin around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// An inline SVG QR code of `text` (error correction level M, quiet zone included).
/// The `qrcode` crate encodes; each row's dark runs become one path segment, which
/// keeps the SVG about a third of the size of one square per module.
pub fn qr_svg(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("cannot make a QR code of `{text}`: {e}"))?;
    let n = code.width();
    let colors = code.to_colors();
    let size = n + 2 * QUIET_ZONE;
    let mut d = String::new();
    for (y, row) in colors.chunks(n).enumerate() {
        let mut x = 0;
        while x < n {
            if row[x] == Color::Dark {
                let start = x;
                while x < n && row[x] == Color::Dark {
                    x += 1;
                }
                let len = x - start;
                let _ = write!(
                    d,
                    "M{} {}h{len}v1h-{len}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        concat!(
            r#"<svg class="qr-code" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg""#,
            r#" width="200" height="200" viewBox="0 0 {s} {s}" shape-rendering="crispEdges">"#,
            r##"<rect width="{s}" height="{s}" fill="#fff"/><path fill="#000" d="{d}"/></svg>"##
        ),
        s = size,
        d = d
    ))
}

/// Render the leaflet of page `p`.
pub fn render(r: &Renderer<'_>, p: &Page) -> Result<OutputFile, Diagnostic> {
    let path = path_of(&p.path);
    let url = r.urls.absolute(&p.path);
    let qr = qr_svg(&url).map_err(|m| Diagnostic::new(&p.doc.shown, 1, 1, m))?;
    // In a kiosk build the article's links are relative to the article; the leaflet
    // sits one directory deeper, so its copy of the article is rendered for its own path.
    let relinked;
    let content = if r.urls.relative {
        let rel_dir = p
            .bundle_dir
            .clone()
            .unwrap_or_else(|| model::parent_dir(&p.doc.rel).to_string());
        relinked = markdown::render(
            p.doc.body(),
            &LinkContext {
                site: r.site,
                urls: r.urls,
                rel_dir: &rel_dir,
                self_path: &path,
                self_target: Target::Page(p.id),
                shown: &p.doc.shown,
                body_line: p.doc.body_line,
                file_text: &p.doc.text,
            },
        );
        relinked.html.as_str()
    } else {
        r.docs.pages[p.id].html.as_str()
    };
    let mut ctx = r.base_context(&path, &p.lang, "leaflet");
    ctx.insert_value("page", r.page_value(p));
    ctx.insert(
        "leaflet",
        &LeafletView {
            url,
            qr_svg: qr,
            content,
        },
    );
    let html = r.tera.render("leaflet.html", &ctx).map_err(|e| {
        template_error(
            &e,
            r.template_paths,
            Some(&format!("the leaflet {path} ({})", p.doc.shown.display())),
        )
    })?;
    Ok(OutputFile::bytes(output_file_of(&path), html.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_inline_svg() {
        let s = qr_svg("https://hoaphu.example.gov.vn/tin-tuc/bai/").unwrap();
        assert!(
            s.starts_with(r#"<svg class="qr-code" aria-hidden="true""#),
            "{s}"
        );
        assert!(!s.contains("<?xml"));
        assert!(s.ends_with("</svg>"));
        assert_eq!(path_of("/tin-tuc/bai/"), "/tin-tuc/bai/in/");
    }
}
