//! What a photo is, read from its first bytes and its header only: its
//! format, declared size, orientation and transparency. Refuses HEIC/HEIF,
//! unknown formats, truncated JPEGs and decompression bombs before anything
//! is decoded.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};

use super::{MAX_PIXELS, PhotoError};

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

pub fn error(message: impl Into<String>, hint: impl Into<String>) -> PhotoError {
    PhotoError {
        message: message.into(),
        hint: hint.into(),
    }
}

fn heif_error() -> PhotoError {
    error(
        "HEIC/HEIF photos cannot be published (browsers do not show them)",
        "export the photo as JPEG and reference the .jpg: on an iPhone, Cài đặt > Camera > Định dạng > \
         “Tương thích nhất” makes new photos JPEG, and sharing a photo to Zalo or by e-mail sends a JPEG; \
         on a computer, open it and “Xuất/Export” as JPEG",
    )
}

fn corrupt(what: &str) -> PhotoError {
    error(
        format!("the photo is truncated or corrupt ({what})"),
        "copy the photo again from the phone or camera (a download or copy was cut short), or export it again as JPEG",
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
        _ if bytes.is_empty() => Err(corrupt("the file is empty")),
        _ => Err(error(
            "not a photo congxa can read",
            "publish photos as JPEG, PNG, WebP or GIF (a drawing can stay SVG, shown as it is)",
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
    let mut decoder = reader.into_decoder().map_err(|e| corrupt(&e.to_string()))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(corrupt("it declares no pixels"));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(error(
            format!(
                "the photo declares {width}x{height} pixels ({} megapixels); congxa decodes at most {} megapixels",
                pixels / 1_000_000,
                MAX_PIXELS / 1_000_000
            ),
            "resize the photo (a web page never shows more than 1600 pixels across) and export it again as JPEG",
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
                    _ => return Err(corrupt("it ends inside its header")),
                };
                i += 2 + len;
            }
            _ => return Err(corrupt("it ends inside its header")),
        }
    };
    match memchr::memmem::rfind(bytes, &[0xFF, 0xD9]) {
        Some(end) if end > scan => Ok(()),
        _ => Err(corrupt("its image data is cut short")),
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
        assert!(header(&b, "jpg").unwrap_err().message.contains("HEIC"));
        assert!(
            header(b"whatever", "heic")
                .unwrap_err()
                .hint
                .contains("JPEG")
        );
    }

    #[test]
    fn unknown_and_empty() {
        assert!(
            header(b"", "jpg")
                .unwrap_err()
                .message
                .contains("truncated")
        );
        assert!(
            header(b"<svg/>", "png")
                .unwrap_err()
                .message
                .contains("not a photo")
        );
    }

    #[test]
    fn truncated_jpeg_header() {
        let b = [0xFF, 0xD8, 0xFF, 0xE0, 0x00];
        assert!(header(&b, "jpg").unwrap_err().message.contains("truncated"));
    }
}
