//! One photo's variants: planned from its header, taken from the cache, or
//! decoded (a JPEG at a reduced DCT scale when the widest variant is at most
//! half its size), turned as shot, resized (SIMD Lanczos3) and encoded: WebP
//! by libwebp, JPEG by `jpeg-encoder`, PNG by `image`. Only pixels reach an
//! encoder, so nothing of the source's metadata is carried over; every
//! variant keeps the source's ICC colour profile (the one thing copied), so a
//! Display-P3 phone photo does not lose its colours.

use std::io::Cursor;
use std::path::Path;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::cache::{self, Cache};
use super::probe::{self, Header};
use super::{Format, Photo, PhotoError, Settings, Variant, variant_path};

/// Changes whenever congxa encodes differently (new crates, new steps), so
/// older cache entries are not reused.
const ENCODER_VERSION: &str = "congxa-img-3;libwebp-0.9;jpeg-encoder-0.7;fir-5";

/// Longest side of a variant (WebP's limit).
const MAX_SIDE: u32 = 16383;

/// The widths to make for a photo `shown_width` wide: the configured ones
/// it reaches, and its own width when it is narrower than one of them
/// (never upscaled).
pub fn widths(settings: &Settings, shown_width: u32) -> Vec<u32> {
    let mut ws: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w <= shown_width)
        .collect();
    if settings.widths.iter().any(|&w| w > shown_width) || ws.is_empty() {
        ws.push(shown_width);
    }
    ws.sort_unstable();
    ws.dedup();
    ws
}

/// Height of a `width`-wide variant of a `w`x`h` photo (at least 1).
fn height_for(w: u32, h: u32, width: u32) -> u32 {
    ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w)).max(1) as u32
}

struct Planned {
    variant: Variant,
    key: String,
}

/// Make (or find) every variant of the photo at `abs`, published at `site_path`.
pub fn photo(
    abs: &Path,
    site_path: &str,
    settings: &Settings,
    cache: &Cache,
) -> Result<Photo, PhotoError> {
    let bytes = std::fs::read(abs).map_err(|e| {
        probe::error(
            crate::msg!("photo-unreadable", error = e.to_string()),
            crate::msg!("photo-unreadable-hint"),
        )
    })?;
    let ext = abs
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let header = probe::header(&bytes, &ext)?;
    let (sw, sh) = header.shown();
    let source_hash = blake3::hash(&bytes).to_hex().to_string();
    let fallback = if header.alpha {
        Format::Png
    } else {
        Format::Jpeg
    };
    let mut plan = Vec::new();
    for format in [Format::Webp, fallback] {
        for w in widths(settings, sw) {
            let h = height_for(sw, sh, w);
            let op = format!(
                "{ENCODER_VERSION};{w}x{h};orientation={:?};{};q={}",
                header.orientation,
                format.ext(),
                settings.quality
            );
            plan.push(Planned {
                variant: Variant {
                    width: w,
                    height: h,
                    format,
                    path: variant_path(site_path, w, format),
                    file: Default::default(),
                },
                key: cache::key(&source_hash, &op),
            });
        }
    }
    // WebP stores at most 16383 pixels a side (a panorama 60 times as tall as wide).
    if let Some(v) = plan
        .iter()
        .map(|p| &p.variant)
        .find(|v| v.width > MAX_SIDE || v.height > MAX_SIDE)
    {
        return Err(probe::error(
            crate::msg!(
                "photo-too-tall",
                width = sw.to_string(),
                height = sh.to_string(),
                vwidth = v.width.to_string(),
                vheight = v.height.to_string(),
            ),
            crate::msg!("photo-too-tall-hint"),
        ));
    }
    let mut missing = Vec::new();
    for (i, p) in plan.iter_mut().enumerate() {
        match cache.get(&p.key, p.variant.format.ext()) {
            Some(file) => p.variant.file = file,
            None => missing.push(i),
        }
    }
    if !missing.is_empty() {
        // Decoded at the scale the widest planned variant needs (not the widest
        // missing one): a variant's bytes depend on its key only, never on
        // which other variants the cache held.
        let widest = plan.iter().map(|p| p.variant.width).max().unwrap_or(sw);
        let pixels = decode(&bytes, &header, widest)?;
        make(&pixels, &mut plan, &missing, settings, cache)?;
    }
    let (webp, fallback): (Vec<Variant>, Vec<Variant>) = plan
        .into_iter()
        .map(|p| p.variant)
        .partition(|v| v.format == Format::Webp);
    Ok(Photo {
        width: sw,
        height: sh,
        webp,
        fallback,
        source_hash,
    })
}

/// Decoded pixels and the source's ICC profile.
type Decoded = (DynamicImage, Option<Vec<u8>>);

/// Decoded pixels, turned as shown, at least `widest` wide (when the photo is).
struct Pixels {
    image: DynamicImage,
    icc: Option<Vec<u8>>,
}

/// A decoder's error: the photo is truncated or corrupt (its words as they are).
fn corrupt(e: impl std::fmt::Display) -> PhotoError {
    probe::corrupt(e.to_string().into())
}

fn decode(bytes: &[u8], header: &Header, widest: u32) -> Result<Pixels, PhotoError> {
    let (mut image, icc) = match header.format {
        ImageFormat::Jpeg => match decode_jpeg_scaled(bytes, header, widest)? {
            Some(done) => done,
            None => decode_any(bytes, header.format)?,
        },
        f => decode_any(bytes, f)?,
    };
    image = if header.alpha {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    if header.orientation != Orientation::NoTransforms {
        image.apply_orientation(header.orientation);
    }
    Ok(Pixels { image, icc })
}

/// Any supported format, at full size (a GIF: its first frame).
fn decode_any(bytes: &[u8], format: ImageFormat) -> Result<Decoded, PhotoError> {
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(corrupt)?;
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    Ok((image, icc))
}

/// A JPEG decoded at the smallest DCT scale (1/8, 1/4, 1/2, 1) that still
/// gives `widest` pixels across once turned; `None` for a CMYK JPEG (left
/// to the general decoder).
fn decode_jpeg_scaled(
    bytes: &[u8],
    header: &Header,
    widest: u32,
) -> Result<Option<Decoded>, PhotoError> {
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(corrupt)?;
    let (sw, _) = header.shown();
    // The width wanted in the photo's stored orientation, and its height.
    let scale = |n: u32| -> u16 {
        (u64::from(n) * u64::from(widest))
            .div_ceil(u64::from(sw))
            .min(u64::from(u16::MAX)) as u16
    };
    d.scale(scale(header.width), scale(header.height))
        .map_err(corrupt)?;
    let Some(info) = d.info() else {
        return Err(probe::corrupt(crate::msg!("photo-corrupt-no-frame")));
    };
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let icc = d.icc_profile();
    let image = match info.pixel_format {
        jpeg_decoder::PixelFormat::CMYK32 => return Ok(None),
        jpeg_decoder::PixelFormat::RGB24 => {
            let px = d.decode().map_err(corrupt)?;
            image::RgbImage::from_raw(w, h, px).map(DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => {
            let px = d.decode().map_err(corrupt)?;
            image::GrayImage::from_raw(w, h, px).map(DynamicImage::ImageLuma8)
        }
        jpeg_decoder::PixelFormat::L16 => return Ok(None),
    };
    image
        .map(|i| Some((i, icc)))
        .ok_or_else(|| probe::corrupt(crate::msg!("photo-corrupt-few-pixels")))
}

/// Resize and encode the `missing` entries of `plan`, storing each in the
/// cache. Every planned width is resized, widest first, each from the
/// previous one while that is at most twice as wide, so a variant's pixels
/// are the same whichever entries were missing.
fn make(
    pixels: &Pixels,
    plan: &mut [Planned],
    missing: &[usize],
    settings: &Settings,
    cache: &Cache,
) -> Result<(), PhotoError> {
    let mut widths: Vec<(u32, u32)> = plan
        .iter()
        .map(|p| (p.variant.width, p.variant.height))
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();
    // Nothing narrower than the narrowest missing variant is needed.
    let narrowest = missing
        .iter()
        .map(|&i| plan[i].variant.width)
        .min()
        .unwrap_or(0);
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let mut from: Option<DynamicImage> = None;
    for (w, h) in widths.into_iter().take_while(|&(w, _)| w >= narrowest) {
        let base = match &from {
            Some(f) if f.width() <= w * 2 => f,
            _ => &pixels.image,
        };
        let sized = if base.width() == w && base.height() == h {
            base.clone()
        } else {
            let mut dst = DynamicImage::new(w, h, base.color());
            resizer.resize(base, &mut dst, &options).map_err(corrupt)?;
            dst
        };
        let at_width: Vec<usize> = missing
            .iter()
            .copied()
            .filter(|&i| plan[i].variant.width == w)
            .collect();
        for i in at_width {
            let p = &mut plan[i];
            let bytes = encode(
                &sized,
                p.variant.format,
                settings.quality,
                pixels.icc.as_deref(),
            )?;
            p.variant.file = cache
                .put(&p.key, p.variant.format.ext(), &bytes)
                .map_err(|e| {
                    probe::error(
                        crate::msg!(
                            "photo-cache-write",
                            dir = super::CACHE_DIR,
                            error = e.to_string()
                        ),
                        crate::msg!("photo-cache-write-hint"),
                    )
                })?;
        }
        from = Some(sized);
    }
    Ok(())
}

/// Encode `image` (RGB8 or RGBA8) as `format`.
pub fn encode(
    image: &DynamicImage,
    format: Format,
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = (image.width(), image.height());
    let failed = |e: String| {
        probe::error(
            crate::msg!("photo-encode-failed", error = e),
            crate::msg!("photo-bug-hint"),
        )
    };
    match format {
        Format::Webp => {
            let enc = match image {
                DynamicImage::ImageRgba8(px) => webp::Encoder::from_rgba(px.as_raw(), w, h),
                _ => webp::Encoder::from_rgb(image.as_bytes(), w, h),
            };
            let webp = enc
                .encode_simple(false, f32::from(quality))
                .map(|m| m.to_vec())
                .map_err(|e| failed(format!("{e:?}")))?;
            Ok(match icc {
                Some(icc) => super::riff::with_icc(webp, icc, w, h),
                None => webp,
            })
        }
        Format::Jpeg => {
            let mut out = Vec::new();
            let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
            enc.set_optimized_huffman_tables(true);
            if let Some(icc) = icc {
                // A profile too large for APP2 segments is dropped, not fatal.
                let _ = enc.add_icc_profile(icc);
            }
            let rgb = image.to_rgb8();
            enc.encode(
                rgb.as_raw(),
                w as u16,
                h as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .map_err(|e| failed(e.to_string()))?;
            Ok(out)
        }
        Format::Png => {
            use image::ImageEncoder;
            let mut out = Vec::new();
            let mut enc = image::codecs::png::PngEncoder::new(&mut out);
            if let Some(icc) = icc {
                // A profile the encoder refuses is dropped, not fatal.
                let _ = enc.set_icc_profile(icc.to_vec());
            }
            let rgba = image.to_rgba8();
            enc.write_image(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
                .map_err(|e| failed(e.to_string()))?;
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_upscaled() {
        let s = Settings::default();
        assert_eq!(widths(&s, 4000), vec![480, 960, 1600]);
        assert_eq!(widths(&s, 1000), vec![480, 960, 1000]);
        assert_eq!(widths(&s, 960), vec![480, 960]);
        assert_eq!(widths(&s, 300), vec![300]);
        assert_eq!(height_for(4000, 3000, 480), 360);
        assert_eq!(height_for(3000, 1, 480), 1);
    }
}
