//! The printable leaflet `/<page>/in/`: the article on A4 with the commune's
//! header and a QR code (SVG, made at build time with the `qrcode` crate) to
//! the article's canonical URL, for bulletin boards, panos and the one-stop
//! office. The page renders the theme's `leaflet.html` with `page` and
//! `leaflet` (`url`, `qr_svg`, `content`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version};

use crate::messages::Msg;

/// Path segment of the leaflet under its article: `/tin-tuc/bai/in/`.
pub const SEGMENT: &str = "in";

/// `/tin-tuc/bai/` → `/tin-tuc/bai/in/`.
pub fn path_of(page_path: &str) -> String {
    format!("{page_path}{SEGMENT}/")
}

/// Modules of light margin around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// Error correction level M: about 15 % of the code may be damaged or dirty.
const EC_LEVEL: EcLevel = EcLevel::M;
/// Bytes a version-40 QR code holds in byte mode at level H (the least of all levels).
const QR_ALWAYS_FITS: usize = 1273;

/// An inline SVG QR code of `text` (error correction level M, quiet zone included).
/// Each row is one stroked path, one module wide, through the row's middle: a
/// dark run is `h{len}`, a light gap `m{gap} 0` (butt caps, so a run covers
/// exactly its modules). Two numbers per run keep the SVG small and quick to write.
pub fn qr_svg(text: &str, cache: &QrCache) -> Result<String, Msg> {
    let modules = qr_modules_cached(text, cache)?;
    let n = modules.width();
    let size = n + 2 * QUIET_ZONE;
    let mut d = String::with_capacity(n * n / 2);
    match &modules {
        QrModules::Bits { rows, .. } => {
            for (y, &row) in rows.iter().enumerate() {
                push_row_path(&mut d, y, bit_runs(row));
            }
        }
        QrModules::Bools { dark, .. } => {
            for (y, row) in dark.chunks(n).enumerate() {
                push_row_path(&mut d, y, bool_runs(row));
            }
        }
    }
    Ok(format!(
        concat!(
            r#"<svg class="qr-code" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg""#,
            r#" width="200" height="200" viewBox="0 0 {s} {s}" shape-rendering="crispEdges">"#,
            r##"<rect width="{s}" height="{s}" fill="#fff"/><path fill="none" stroke="#000" d="{d}"/></svg>"##
        ),
        s = size,
        d = d
    ))
}

/// The SVG path of row `y`'s dark `runs` (`(start, length)`, left to right).
fn push_row_path(d: &mut String, y: usize, runs: impl Iterator<Item = (usize, usize)>) {
    let mut num = itoa::Buffer::new();
    // Where the pen is: `None` before the row's first run.
    let mut pen: Option<usize> = None;
    for (start, len) in runs {
        match pen {
            None => {
                d.push('M');
                d.push_str(num.format(start + QUIET_ZONE));
                d.push(' ');
                d.push_str(num.format(y + QUIET_ZONE));
                d.push_str(".5h");
            }
            Some(at) => {
                d.push('m');
                d.push_str(num.format(start - at));
                d.push_str(" 0h");
            }
        }
        d.push_str(num.format(len));
        pen = Some(start + len);
    }
}

/// The runs of set bits of `row`: `(start, length)`, from bit 0 up.
fn bit_runs(mut row: u64) -> impl Iterator<Item = (usize, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if row == 0 {
            return None;
        }
        let gap = row.trailing_zeros();
        row >>= gap;
        let len = row.trailing_ones();
        row = row.checked_shr(len).unwrap_or(0);
        let start = at + gap as usize;
        at = start + len as usize;
        Some((start, len as usize))
    })
}

/// The runs of `true` in `row`: `(start, length)`, left to right.
fn bool_runs(row: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut x = 0;
    std::iter::from_fn(move || {
        let start = x + row.get(x..)?.iter().position(|&m| m)?;
        let len = row[start..]
            .iter()
            .position(|&m| !m)
            .unwrap_or(row.len() - start);
        x = start + len;
        Some((start, len))
    })
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

/// What every QR code of one version shares, made once per version and build:
/// which modules are function patterns, and the whole blank symbol after each
/// mask (function patterns with that mask's format information, the mask's
/// own pattern everywhere else), as bit rows.
struct VersionMasks {
    functional: Vec<u64>,
    masked_blank: Vec<Vec<u64>>,
}

/// Per-version QR data for a build (see `VersionMasks`): masking then costs a
/// few bit operations per row instead of a pass over the `qrcode` canvas.
#[derive(Default)]
pub struct QrCache {
    versions: Mutex<HashMap<i16, Arc<VersionMasks>>>,
}

impl QrCache {
    /// The shared data of `version` (width `n`).
    fn masks(&self, version: Version, n: usize) -> Arc<VersionMasks> {
        let width = version.width();
        if let Some(m) = self.lock().get(&width) {
            return m.clone();
        }
        let mut blank = Canvas::new(version, EC_LEVEL);
        blank.draw_all_functional_patterns();
        let functional = bit_rows(n, |x, y| matches!(blank.get(x, y), Module::Masked(_)));
        let masked_blank = MASKS
            .iter()
            .map(|&mask| {
                let mut c = blank.clone();
                c.apply_mask(mask);
                bit_rows(n, |x, y| c.get(x, y).is_dark())
            })
            .collect();
        let m = Arc::new(VersionMasks {
            functional,
            masked_blank,
        });
        self.lock().insert(width, m.clone());
        m
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i16, Arc<VersionMasks>>> {
        // The map is only ever added to: a panic elsewhere cannot leave it half-written.
        self.versions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// `n` rows of `n` bits: bit `x` of row `y` is `dark(x, y)`.
fn bit_rows(n: usize, dark: impl Fn(i16, i16) -> bool) -> Vec<u64> {
    (0..n)
        .map(|y| {
            (0..n).rev().fold(0u64, |acc, x| {
                (acc << 1) | u64::from(dark(x as i16, y as i16))
            })
        })
        .collect()
}

/// Why no QR code can be made of `text` (too long for the largest symbol at
/// this error correction level), if so. Cheap: the data is only encoded.
pub fn qr_problem(text: &str) -> Option<crate::messages::Msg> {
    // The largest QR code (version 40) holds 1,273 bytes at the highest error
    // correction level: shorter addresses (all real ones) always fit, and
    // `serve` checks every page's address at every rebuild.
    if text.len() <= QR_ALWAYS_FITS {
        return None;
    }
    qrcode::bits::encode_auto(text.as_bytes(), EC_LEVEL)
        .err()
        .map(|e| {
            crate::msg!(
                "leaflet-qr-too-long",
                bytes = text.len(),
                error = e.to_string()
            )
        })
}

fn qr_failure(text: &str, e: qrcode::types::QrError) -> Msg {
    crate::msg!(
        "leaflet-qr-too-long",
        bytes = text.len(),
        error = e.to_string()
    )
}

/// The QR code's drawn but unmasked canvas (data, error correction, function
/// patterns), with its version and width.
fn unmasked_canvas(text: &str) -> Result<(Version, usize, Canvas), Msg> {
    let fail = |e: qrcode::types::QrError| qr_failure(text, e);
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EC_LEVEL).map_err(fail)?;
    let version = bits.version();
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).map_err(fail)?;
    let n = usize::try_from(version.width())
        .map_err(|_| crate::msg!("leaflet-qr-failed", url = text))?;
    let mut canvas = Canvas::new(version, EC_LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    Ok((version, n, canvas))
}

/// The modules of a QR symbol: bit `x` of `rows[y]` (or `dark[y * n + x]`
/// for a symbol too wide for bit rows) is module (x, y), set when dark.
#[derive(Debug, PartialEq)]
pub enum QrModules {
    Bits { n: usize, rows: Vec<u64> },
    Bools { n: usize, dark: Vec<bool> },
}

impl QrModules {
    pub fn width(&self) -> usize {
        match self {
            QrModules::Bits { n, .. } | QrModules::Bools { n, .. } => *n,
        }
    }

    /// Width and modules row by row, `true` = dark (as [`qr_modules`] gives them).
    pub fn to_bools(&self) -> (usize, Vec<bool>) {
        match self {
            QrModules::Bits { n, rows } => (
                *n,
                rows.iter()
                    .flat_map(|row| (0..*n).map(move |x| row >> x & 1 == 1))
                    .collect(),
            ),
            QrModules::Bools { n, dark } => (*n, dark.clone()),
        }
    }
}

/// [`qr_modules`] with masks applied as bit rows from `cache` (the same modules).
pub fn qr_modules_cached(text: &str, cache: &QrCache) -> Result<QrModules, Msg> {
    let (version, n, canvas) = unmasked_canvas(text)?;
    if n > BITS_MAX_WIDTH {
        let (n, dark) = qr_modules(text)?;
        return Ok(QrModules::Bools { n, dark });
    }
    let v = cache.masks(version, n);
    let data = bit_rows(n, |x, y| canvas.get(x, y).is_dark());
    let (mut best, mut best_score) = (vec![0u64; n], u32::MAX);
    let mut rows = vec![0u64; n];
    for blank in &v.masked_blank {
        // Function modules as drawn with this mask's format information; data
        // modules flipped where the mask is dark.
        for (y, row) in rows.iter_mut().enumerate() {
            *row = (v.functional[y] & blank[y]) | (!v.functional[y] & (data[y] ^ blank[y]));
        }
        let score = penalty_bits(&rows, n);
        if score < best_score {
            best_score = score;
            std::mem::swap(&mut best, &mut rows);
        }
    }
    Ok(QrModules::Bits { n, rows: best })
}

/// Width and modules (row by row, `true` = dark) of the QR code of `text`.
///
/// The `qrcode` crate encodes the data, error correction and function patterns;
/// the mask with the lowest penalty (ISO/IEC 18004 §7.8.3, scored by the plain
/// `penalty`) is chosen here. The reference for [`qr_modules_cached`], which
/// builds use, and its path for symbols too wide for its bit rows.
pub fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), Msg> {
    let (_, n, canvas) = unmasked_canvas(text)?;
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let score = penalty(&dark, n);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, dark));
        }
    }
    let (_, dark) = best.expect("eight masks were scored");
    Ok((n, dark))
}

/// Widest symbol `penalty_bits` scores: a row plus the quiet zone on both sides
/// fits in a `u64` (version 10; the URL of a page needs version 3 to 6).
const BITS_MAX_WIDTH: usize = 64 - 2 * QUIET_ZONE;

/// `penalty` with each row as the bits of a `u64` (bit `x` of `rows[y]` = module
/// (x, y) is dark), every rule computed for a whole row, or for all columns at
/// once from consecutive rows, with a few bit operations: the same score, many
/// times faster. Needs `n <= BITS_MAX_WIDTH`.
fn penalty_bits(rows: &[u64], n: usize) -> u32 {
    let ones = |w: usize| u64::MAX >> (64 - w);
    let full = ones(n);
    // N1 from the windows of five same-coloured modules (a bit per window) and
    // the windows one step before them: a run of `len` >= 5 has `len - 4` windows
    // and scores `len - 2`, so the score is the windows plus twice the runs (a
    // run starts at a window whose predecessor is none). N3 counts the finder-like
    // patterns. Each mask's bits are counted as it is made (`count_ones`: a
    // dozen branch-free instructions for a `u64` on the default x86-64 target,
    // which has no `POPCNT`; adding them up in bit-sliced counters instead took
    // fewer instructions but 60 % more time, its branches mispredicted).
    let (mut windows, mut runs, mut finder_like) = (0u32, 0u32, 0u32);
    let mut add_runs = |w: u64, before: u64| {
        windows += w.count_ones();
        runs += (w & !before).count_ones();
    };
    let five = |l: u64| l & (l >> 1) & (l >> 2) & (l >> 3) & (l >> 4);
    // N3 of one line padded by the quiet zone: bit `j` of `d` dark, of `l` light.
    let finders = |d: u64, l: u64| {
        let at = d & (l >> 1) & (d >> 2) & (d >> 3) & (d >> 4) & (l >> 5) & (d >> 6);
        let before = (l << 1) & (l << 2) & (l << 3) & (l << 4);
        let after = (l >> 7) & (l >> 8) & (l >> 9) & (l >> 10);
        at & (before | after)
    };
    let padded_full = ones(n + 2 * QUIET_ZONE);
    for &row in rows {
        let (dark_runs, light_runs) = (five(row), five(!row & full));
        add_runs(dark_runs, dark_runs << 1);
        add_runs(light_runs, light_runs << 1);
        let d = row << QUIET_ZONE;
        finder_like += finders(d, !d & padded_full).count_ones();
    }
    // Columns, all at once: bit x of a mask = column x, from rows y, y+1, …
    // Outside the symbol (the quiet zone) every module is light: the rows are
    // padded with `PAD` light rows above and below, so every look-up is a plain index.
    const PAD: usize = 10;
    let mut dark = [0u64; BITS_MAX_WIDTH + 2 * PAD];
    dark[PAD..PAD + n].copy_from_slice(rows);
    let light = |i: usize| !dark[i] & full;
    let mut previous = [0u64; 2];
    for i in PAD..PAD + n {
        let (dark_windows, light_windows) = if i + 5 <= PAD + n {
            (
                dark[i] & dark[i + 1] & dark[i + 2] & dark[i + 3] & dark[i + 4],
                light(i) & light(i + 1) & light(i + 2) & light(i + 3) & light(i + 4),
            )
        } else {
            (0, 0)
        };
        add_runs(dark_windows, previous[0]);
        add_runs(light_windows, previous[1]);
        previous = [dark_windows, light_windows];
        let at = dark[i]
            & light(i + 1)
            & dark[i + 2]
            & dark[i + 3]
            & dark[i + 4]
            & light(i + 5)
            & dark[i + 6];
        let before = light(i - 1) & light(i - 2) & light(i - 3) & light(i - 4);
        let after = light(i + 7) & light(i + 8) & light(i + 9) & light(i + 10);
        finder_like += (at & (before | after)).count_ones();
    }
    let mut score = windows + 2 * runs + 40 * finder_like;
    // N2: a 2×2 block at x needs a[x] = a[x+1], b[x] = b[x+1] and a[x] = b[x].
    let inner = ones(n - 1);
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let blocks = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & inner;
        score += 3 * blocks.count_ones();
    }
    let dark_count: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let deviation = (dark_count as usize * 100 / (n * n)).abs_diff(50) / 5;
    score + 10 * deviation as u32
}

/// Penalty score of a masked symbol (ISO/IEC 18004 §7.8.3.1): runs of five or more
/// same-coloured modules in a row or column (N1 = 3, +1 per extra module), 2×2 blocks
/// of one colour (N2 = 3 each), dark-light-dark-dark-dark-light-dark (1:1:3:1:1)
/// with four light modules before or after it in a row or column (N3 = 40 each;
/// the quiet zone is light), and the dark/light imbalance (N4 = 10 per 5 % away
/// from half).
fn penalty(dark: &[bool], n: usize) -> u32 {
    let mut score = 0u32;
    let mut line = vec![false; n];
    for horizontal in [true, false] {
        for i in 0..n {
            for (j, m) in line.iter_mut().enumerate() {
                *m = if horizontal {
                    dark[i * n + j]
                } else {
                    dark[j * n + i]
                };
            }
            // N1
            let mut run = 1;
            for j in 1..=n {
                if j < n && line[j] == line[j - 1] {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += run - 2;
                    }
                    run = 1;
                }
            }
            // N3, with the quiet zone around the line.
            let at = |j: isize| {
                usize::try_from(j)
                    .ok()
                    .and_then(|j| line.get(j))
                    .copied()
                    .unwrap_or(false)
            };
            for j in 0..n as isize {
                let finder = [true, false, true, true, true, false, true]
                    .iter()
                    .enumerate()
                    .all(|(k, m)| at(j + k as isize) == *m);
                let before = (1..=4).all(|k| !at(j - k));
                let after = (7..=10).all(|k| !at(j + k));
                if finder && (before || after) {
                    score += 40;
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_up_to_the_always_fitting_length_skip_the_encoder_rightly() {
        // The shortcut agrees with the encoder at its bound (any byte, any
        // level), and longer addresses are still checked.
        let longest = "é".repeat(QR_ALWAYS_FITS / 2) + "a";
        assert_eq!(longest.len(), QR_ALWAYS_FITS);
        for level in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
            assert!(qrcode::bits::encode_auto(longest.as_bytes(), level).is_ok());
        }
        assert_eq!(qr_problem(&longest), None);
        assert!(qr_problem(&"a/".repeat(1500)).is_some());
    }

    #[test]
    fn qr_is_inline_svg() {
        let s = qr_svg(
            "https://hoaphu.example.gov.vn/tin-tuc/bai/",
            &QrCache::default(),
        )
        .unwrap();
        assert!(
            s.starts_with(r#"<svg class="qr-code" aria-hidden="true""#),
            "{s}"
        );
        assert!(!s.contains("<?xml"));
        assert!(s.ends_with("</svg>"));
        assert_eq!(path_of("/tin-tuc/bai/"), "/tin-tuc/bai/in/");
    }

    #[test]
    fn svg_path_covers_exactly_the_dark_modules() {
        // A usual URL (bit rows) and one too long for them (version 30, rows of bools).
        let long = format!("https://hoaphu.example.gov.vn/{}/", "a".repeat(1000));
        for url in ["https://hoaphu.example.gov.vn/tin-tuc/ke-hoach-93/", &long] {
            svg_path_replays_to(url);
        }
        let wide = qr_modules_cached(&long, &QrCache::default()).unwrap();
        assert!(matches!(wide, QrModules::Bools { .. }), "{}", wide.width());
    }

    fn svg_path_replays_to(url: &str) {
        let cache = QrCache::default();
        let modules = qr_modules_cached(url, &cache).unwrap();
        assert_eq!(
            matches!(modules, QrModules::Bits { .. }),
            modules.width() <= BITS_MAX_WIDTH
        );
        let (n, dark) = modules.to_bools();
        let svg = qr_svg(url, &cache).unwrap();
        let d = &svg[pos_after(&svg, " d=\"")..];
        let d = &d[..d.find('"').unwrap()];
        // Replay the pen: `M{x} {y}.5` starts a row, `h{len}` draws, `m{gap} 0` skips.
        let size = n + 2 * QUIET_ZONE;
        let mut drawn = vec![false; size * size];
        let (mut x, mut y) = (0usize, 0usize);
        let mut rest = d;
        let number = |r: &mut &str| -> usize {
            let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            let v = r[..end].parse().unwrap();
            *r = &r[end..];
            v
        };
        while let Some(c) = rest.chars().next() {
            rest = &rest[1..];
            match c {
                'M' => {
                    x = number(&mut rest);
                    rest = rest.strip_prefix(' ').unwrap();
                    y = number(&mut rest);
                    rest = rest.strip_prefix(".5").unwrap();
                }
                'm' => {
                    x += number(&mut rest);
                    rest = rest.strip_prefix(" 0").unwrap();
                }
                'h' => {
                    let len = number(&mut rest);
                    for i in x..x + len {
                        drawn[y * size + i] = true;
                    }
                    x += len;
                }
                other => panic!("unexpected `{other}` in {d}"),
            }
        }
        for my in 0..size {
            for mx in 0..size {
                let inside = (QUIET_ZONE..QUIET_ZONE + n).contains(&mx)
                    && (QUIET_ZONE..QUIET_ZONE + n).contains(&my);
                let want = inside && dark[(my - QUIET_ZONE) * n + mx - QUIET_ZONE];
                assert_eq!(drawn[my * size + mx], want, "{url}: module ({mx}, {my})");
            }
        }
    }

    /// Deterministic pseudo-random numbers for the tests (xorshift64).
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn pos_after(hay: &str, needle: &str) -> usize {
        hay.find(needle).unwrap() + needle.len()
    }

    #[test]
    fn bit_penalty_equals_the_plain_one() {
        // Deterministic pseudo-random symbols (xorshift), several widths and densities.
        let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
        for &n in &[5usize, 11, 21, 41, 55, 56] {
            for density in [2u64, 3, 5] {
                let dark: Vec<bool> = (0..n * n).map(|_| next().is_multiple_of(density)).collect();
                let rows = bit_rows(n, |x, y| dark[y as usize * n + x as usize]);
                assert_eq!(penalty_bits(&rows, n), penalty(&dark, n), "n = {n}");
            }
        }
        let (n, dark) = qr_modules("https://hoaphu.example.gov.vn/tin-tuc/bai/").unwrap();
        assert_eq!(dark.len(), n * n);
    }

    #[test]
    fn cached_masks_give_the_same_symbols() {
        // One cache across several versions (short to long URLs), each version
        // met more than once.
        let cache = QrCache::default();
        for round in 0..2 {
            for len in [10usize, 40, 60, 90, 150, 300, 600] {
                let url = format!("https://xa.example.vn/{}{round}/", "a".repeat(len));
                assert_eq!(
                    qr_modules_cached(&url, &cache).unwrap().to_bools(),
                    qr_modules(&url).unwrap(),
                    "{len}"
                );
            }
        }
        assert!(cache.lock().len() >= 4);
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
