//! The printable leaflet `/<page>/in/`: the article on A4 with the commune's
//! header and a QR code (SVG, made at build time with the `qrcode` crate) to
//! the article's canonical URL, for bulletin boards, panos and the one-stop
//! office. The page renders the theme's `leaflet.html` with `page` and
//! `leaflet` (`url`, `qr_svg`, `content`).

use std::fmt::Write;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};
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

/// Error correction level M: about 15 % of the code may be damaged or dirty.
const EC_LEVEL: EcLevel = EcLevel::M;

/// An inline SVG QR code of `text` (error correction level M, quiet zone included).
/// Each row's dark runs become one path segment, which keeps the SVG about a third
/// of the size of one square per module.
pub fn qr_svg(text: &str) -> Result<String, String> {
    let (n, dark) = qr_modules(text)?;
    let size = n + 2 * QUIET_ZONE;
    let mut d = String::new();
    for (y, row) in dark.chunks(n).enumerate() {
        let mut x = 0;
        while x < n {
            if row[x] {
                let start = x;
                while x < n && row[x] {
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

/// The eight mask patterns of a (non-micro) QR code, in the standard's order.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Width and modules (row by row, `true` = dark) of the QR code of `text`.
///
/// The `qrcode` crate encodes the data, error correction and function patterns;
/// the mask with the lowest penalty (ISO/IEC 18004 §7.8.3) is chosen here with a
/// faster scorer than the crate's own, which took half of a build's CPU time
/// (`penalty_bits`; `penalty` is the plain version and its reference).
pub fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), String> {
    let fail = |e: qrcode::types::QrError| format!("cannot make a QR code of `{text}`: {e}");
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EC_LEVEL).map_err(fail)?;
    let version = bits.version();
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).map_err(fail)?;
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let n = usize::try_from(version.width()).map_err(|_| format!("bad QR version for `{text}`"))?;
    let mut best: Option<(u32, Vec<bool>)> = None;
    let (mut rows, mut cols) = (vec![0u128; n], vec![0u128; n]);
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let score = if n <= 128 {
            rows.fill(0);
            cols.fill(0);
            for (y, line) in dark.chunks_exact(n).enumerate() {
                for (x, _) in line.iter().enumerate().filter(|(_, m)| **m) {
                    rows[y] |= 1 << x;
                    cols[x] |= 1 << y;
                }
            }
            penalty_bits(&rows, &cols, n)
        } else {
            penalty(&dark, n)
        };
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, dark));
        }
    }
    let (_, dark) = best.expect("eight masks were scored");
    Ok((n, dark))
}

/// `penalty` for symbols up to 128 modules wide (every URL a leaflet needs), with
/// each row and each column as the bits of a `u128` (bit `x` of `rows[y]` and bit `y`
/// of `cols[x]` = module (x, y) is dark): the same score,
/// about ten times faster.
fn penalty_bits(rows: &[u128], cols: &[u128], n: usize) -> u32 {
    let mut score = 0u32;
    let mut runs = [(false, 0u32); 128];
    for &line in rows.iter().chain(cols.iter()) {
        // Runs of the line, from bit 0.
        let mut count = 0;
        let mut pos = 0usize;
        while pos < n {
            let rest = line >> pos;
            let dark = rest & 1 == 1;
            let len = if dark {
                rest.trailing_ones()
            } else {
                rest.trailing_zeros()
            }
            .min((n - pos) as u32);
            runs[count] = (dark, len);
            count += 1;
            pos += len as usize;
            if len >= 5 {
                score += len - 2;
            }
        }
        score += finder_penalty(&runs[..count]);
    }
    // N2: a 2×2 block at x needs a[x] = a[x+1], b[x] = b[x+1] and a[x] = b[x].
    let inner = if n >= 129 {
        u128::MAX
    } else {
        (1u128 << (n - 1)) - 1
    };
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let blocks = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & inner;
        score += 3 * blocks.count_ones();
    }
    let dark_count: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let deviation = (dark_count as usize * 100 / (n * n)).abs_diff(50) / 5;
    score + 10 * deviation as u32
}

/// N3 of one row or column, given its runs as (dark, length): 40 for each
/// dark-light-dark-light-dark run of 1:1:3:1:1 with four light modules (or the
/// quiet zone, which is light) before or after it.
fn finder_penalty(runs: &[(bool, u32)]) -> u32 {
    let mut score = 0;
    for k in 0..runs.len().saturating_sub(4) {
        let w = &runs[k..k + 5];
        if w == [(true, 1), (false, 1), (true, 3), (false, 1), (true, 1)] {
            let light_before = k == 0 || runs[k - 1].1 >= 4;
            let light_after = k + 5 == runs.len() || runs[k + 5].1 >= 4;
            if light_before || light_after {
                score += 40;
            }
        }
    }
    score
}

/// Penalty score of a masked symbol (ISO/IEC 18004 §7.8.3.1): runs of five or more
/// same-coloured modules in a row or column (N1 = 3, +1 per extra module), 2×2 blocks
/// of one colour (N2 = 3 each), finder-like 1:1:3:1:1 patterns with four light
/// modules on one side (N3 = 40 each; the quiet zone counts as light), and the
/// dark/light imbalance (N4 = 10 per 5 % away from half).
fn penalty(dark: &[bool], n: usize) -> u32 {
    let mut score = 0u32;
    // N1 and N3 over the runs of each row, then of each column.
    let mut runs: Vec<(bool, u32)> = Vec::with_capacity(n);
    let mut column = vec![false; n];
    for horizontal in [true, false] {
        for i in 0..n {
            let line: &[bool] = if horizontal {
                &dark[i * n..(i + 1) * n]
            } else {
                for (y, m) in column.iter_mut().enumerate() {
                    *m = dark[y * n + i];
                }
                &column
            };
            runs.clear();
            for &m in line {
                match runs.last_mut() {
                    Some((c, len)) if *c == m => *len += 1,
                    _ => runs.push((m, 1)),
                }
            }
            score += runs
                .iter()
                .filter(|(_, len)| *len >= 5)
                .map(|(_, len)| len - 2)
                .sum::<u32>();
            score += finder_penalty(&runs);
        }
    }
    // N2: 2×2 blocks of one colour.
    for y in 0..n - 1 {
        let (row, next) = (&dark[y * n..(y + 1) * n], &dark[(y + 1) * n..(y + 2) * n]);
        for x in 0..n - 1 {
            let m = row[x];
            if row[x + 1] == m && next[x] == m && next[x + 1] == m {
                score += 3;
            }
        }
    }
    // N4: balance.
    let dark_count = dark.iter().filter(|m| **m).count();
    let deviation = (dark_count * 100 / (n * n)).abs_diff(50) / 5;
    score + 10 * deviation as u32
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

    #[test]
    fn bit_penalty_equals_the_plain_one() {
        // Deterministic pseudo-random symbols (xorshift), several widths and densities.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for &n in &[5usize, 21, 41, 57, 125, 128] {
            for density in [2u64, 3, 5] {
                let dark: Vec<bool> = (0..n * n).map(|_| next() % density == 0).collect();
                let bit = |x: usize, y: usize| u128::from(dark[y * n + x]);
                let rows: Vec<u128> = (0..n)
                    .map(|y| (0..n).fold(0, |a, x| a | (bit(x, y) << x)))
                    .collect();
                let cols: Vec<u128> = (0..n)
                    .map(|x| (0..n).fold(0, |a, y| a | (bit(x, y) << y)))
                    .collect();
                assert_eq!(penalty_bits(&rows, &cols, n), penalty(&dark, n), "n = {n}");
            }
        }
        let (n, dark) = qr_modules("https://hoaphu.example.gov.vn/tin-tuc/bai/").unwrap();
        assert_eq!(dark.len(), n * n);
    }

    #[test]
    fn penalty_rules() {
        // 5×5 all light: N1 = 5 rows + 5 columns of 5 (3 each) = 30; N2 = 16 blocks × 3 = 48;
        // N4 = 50 % off balance → 10 × 10 = 100.
        assert_eq!(penalty(&[false; 25], 5), 30 + 48 + 100);
        // Checkerboard 4×4: no runs, no blocks, exact balance, no finder patterns.
        let board: Vec<bool> = (0..16).map(|i| (i / 4 + i % 4) % 2 == 0).collect();
        assert_eq!(penalty(&board, 4), 0);
        // The same board with a finder-like first row 1011101 (light quiet zone around):
        // one N3 pattern (40); a run of 3 is no N1; 26 of 49 dark is within 50–55 %.
        let mut m: Vec<bool> = (0..49).map(|i| (i / 7 + i % 7) % 2 == 0).collect();
        assert_eq!(penalty(&m, 7), 0);
        m[..7].copy_from_slice(&[true, false, true, true, true, false, true]);
        assert_eq!(penalty(&m, 7), 40);
        // The same pattern down the first column.
        let t: Vec<bool> = (0..49).map(|i| m[(i % 7) * 7 + i / 7]).collect();
        assert_eq!(penalty(&t, 7), 40);
    }
}
