//! What a photo is, read from its first bytes and its header only: its
//! format, declared size, orientation and transparency. Refuses HEIC/HEIF,
//! unknown formats, truncated JPEGs and decompression bombs before anything
//! is decoded.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};

use super::{MAX_PIXELS, PhotoError};
use crate::messages::Msg;
use crate::msg;

/// A photo's header, as far as the variants depend on it.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub format: ImageFormat,
    /// As stored (before orientation).
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
    pub alpha: bool,
}

impl Header {
    /// Width and height as shown (orientation applied).
    pub fn shown(&self) -> (u32, u32) {
        if turns(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Does `o` swap width and height?
pub fn turns(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

pub fn error(message: Msg, hint: Msg) -> PhotoError {
    PhotoError { message, hint }
}

fn heif_error() -> PhotoError {
    error(msg!("photo-heif"), msg!("photo-heif-hint"))
}

/// A truncated or corrupt photo; `detail` says what is wrong (a catalogue
/// message, or a decoder's own words as they are).
pub fn corrupt(detail: Msg) -> PhotoError {
    error(
        msg!("photo-corrupt", detail = detail),
        msg!("photo-corrupt-hint"),
    )
}

/// The format of `bytes`, from their first bytes (the file name may lie).
fn sniff(bytes: &[u8]) -> Result<ImageFormat, PhotoError> {
    let head = &bytes[..bytes.len().min(32)];
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        let heif: &[&[u8]] = &[
            b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
        ];
        if heif.contains(&brand) {
            return Err(heif_error());
        }
    }
    match image::guess_format(head) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => {
            Ok(f)
        }
        _ if bytes.is_empty() => Err(corrupt(msg!("photo-corrupt-empty"))),
        _ => Err(error(
            msg!("photo-unknown-format"),
            msg!("photo-unknown-format-hint"),
        )),
    }
}

/// The header of the photo in `bytes` (`ext` is its file extension, lower case).
pub fn header(bytes: &[u8], ext: &str) -> Result<Header, PhotoError> {
    if matches!(ext, "heic" | "heif") {
        return Err(heif_error());
    }
    let format = sniff(bytes)?;
    if format == ImageFormat::Jpeg {
        jpeg_complete(bytes)?;
    }
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| corrupt(Msg::from(e.to_string())))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(corrupt(msg!("photo-corrupt-no-pixels")));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(error(
            msg!(
                "photo-too-many-pixels",
                width = width.to_string(),
                height = height.to_string(),
                megapixels = (pixels / 1_000_000).to_string(),
                max = (MAX_PIXELS / 1_000_000).to_string(),
            ),
            msg!("photo-too-many-pixels-hint"),
        ));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let alpha = decoder.color_type().has_alpha();
    Ok(Header {
        format,
        width,
        height,
        orientation,
        alpha,
    })
}

/// A JPEG must end its image data with the end-of-image marker (after the
/// start of scan); decoders fill a truncated file's missing rows with grey
/// instead of failing, so this is checked first. Data after the marker (a
/// phone's appended motion-photo video) is allowed.
fn jpeg_complete(bytes: &[u8]) -> Result<(), PhotoError> {
    let mut i = 2;
    let scan = loop {
        // Markers may be preceded by fill bytes (0xFF).
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(0xFF), Some(0xDA)) => break i,
            (Some(0xFF), Some(m)) if (0xD0..=0xD7).contains(m) || *m == 0x01 => i += 2,
            (Some(0xFF), Some(_)) => {
                let len = match (bytes.get(i + 2), bytes.get(i + 3)) {
                    (Some(&a), Some(&b)) => usize::from(a) << 8 | usize::from(b),
                    _ => return Err(corrupt(msg!("photo-corrupt-header-cut"))),
                };
                i += 2 + len;
            }
            _ => return Err(corrupt(msg!("photo-corrupt-header-cut"))),
        }
    };
    match memchr::memmem::rfind(bytes, &[0xFF, 0xD9]) {
        Some(end) if end > scan => Ok(()),
        _ => Err(corrupt(msg!("photo-corrupt-data-cut"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heif_is_refused_by_content_and_name() {
        let mut b = vec![0, 0, 0, 24];
        b.extend_from_slice(b"ftypheic");
        b.extend_from_slice(&[0; 16]);
        assert_eq!(header(&b, "jpg").unwrap_err().message, msg!("photo-heif"));
        assert!(
            header(b"whatever", "heic")
                .unwrap_err()
                .hint
                .render(crate::messages::Lang::En)
                .contains("JPEG")
        );
    }

    #[test]
    fn unknown_and_empty() {
        assert!(
            header(b"", "jpg")
                .unwrap_err()
                .message
                .render(crate::messages::Lang::En)
                .contains("truncated")
        );
        assert!(
            header(b"<svg/>", "png")
                .unwrap_err()
                .message
                .render(crate::messages::Lang::En)
                .contains("not a photo")
        );
    }

    #[test]
    fn truncated_jpeg_header() {
        let b = [0xFF, 0xD8, 0xFF, 0xE0, 0x00];
        assert_eq!(
            header(&b, "jpg").unwrap_err().message,
            corrupt(msg!("photo-corrupt-header-cut")).message
        );
    }
}
