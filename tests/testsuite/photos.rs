//! Photos: variants instead of originals, no metadata in any published byte,
//! `<picture>` markup, the cache, and a clear error for each bad input.

use crate::support::{Fixture, snapshot};

use crate::exif::{ARTIST, MODEL, exif};

/// A `w`x`h` JPEG as a phone makes it: pixels, then EXIF (orientation,
/// model, artist, GPS) in an APP1 segment.
pub fn phone_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    let app1 = exif(orientation);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(len.to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A PNG with transparency.
fn transparent_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([200, 30, 30, (x % 256) as u8]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

fn article_site() -> Fixture {
    let f = Fixture::new();
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    // Shot with the phone held upright: stored 1800x1200, orientation 6 (turn 90°).
    f.bytes("content/tin-tuc/hop/anh.jpg", &phone_jpeg(1800, 1200, 6));
    f.bytes("content/tin-tuc/hop/anh-2.jpg", &phone_jpeg(640, 480, 1));
    f.bytes("content/tin-tuc/hop/logo.png", &transparent_png(300, 200));
    f.file(
        "content/tin-tuc/hop/index.md",
        "---\ntitle: Họp dân thôn 3\ndate: 2025-06-01\nimage: anh.jpg\nimage_alt: Hội trường thôn 3\ngallery:\n  - {file: anh-2.jpg, alt: Bà con dự họp, caption: Bà con dự họp}\n  - {file: logo.png, alt: Biểu trưng}\n---\nMở đầu.\n\n![Bà con dự họp](anh-2.jpg \"Bà con dự họp tại hội trường\")\n\nXem [ảnh gốc](anh.jpg).\n",
    );
    f
}

#[test]
fn photos_are_published_only_as_variants_without_metadata() {
    let f = article_site();
    f.build_ok();
    // The originals are not published.
    assert!(!f.exists("tin-tuc/hop/anh.jpg"));
    assert!(
        !f.exists("tin-tuc/hop/anh-2.jpg")
            || size_of(&std::fs::read(f.out("tin-tuc/hop/anh-2.jpg")).unwrap()) != (640, 480)
    );
    assert!(!f.exists("tin-tuc/hop/logo.png"));
    // Turned as shot: 1200x1800 shown; widths 480, 960 and its own 1200 (never upscaled).
    for (w, h) in [(480, 720), (960, 1440), (1200, 1800)] {
        for ext in ["webp", "jpg"] {
            let bytes = std::fs::read(f.out(&format!("tin-tuc/hop/anh-{w}.{ext}"))).unwrap();
            assert_eq!(size_of(&bytes), (w, h), "anh-{w}.{ext}");
        }
    }
    assert!(!f.exists("tin-tuc/hop/anh-1600.webp"));
    // The 640-wide photo: 480 and 640.
    assert!(f.exists("tin-tuc/hop/anh-2-480.webp") && f.exists("tin-tuc/hop/anh-2-640.jpg"));
    // Transparency keeps a PNG fallback.
    assert!(f.exists("tin-tuc/hop/logo-300.png") && f.exists("tin-tuc/hop/logo-300.webp"));
    assert!(!f.exists("tin-tuc/hop/logo-300.jpg"));
    // No published byte carries the EXIF, the model, the artist or the GPS block.
    for (path, bytes) in snapshot(&f.root().join("output")) {
        assert!(
            !contains(&bytes, MODEL.as_bytes()),
            "{path} carries the camera model"
        );
        assert!(
            !contains(&bytes, ARTIST.as_bytes()),
            "{path} carries the artist"
        );
        assert!(!contains(&bytes, b"Exif\0\0"), "{path} carries EXIF");
    }
}

#[test]
fn pages_get_pictures_figures_galleries_and_share_images() {
    let f = article_site();
    f.build_ok();
    let html = f.read("tin-tuc/hop/index.html");
    // The hero: WebP srcset, fallback, sizes, width and height, high priority.
    assert!(html.contains(r#"<source type="image/webp" srcset="/tin-tuc/hop/anh-480.webp 480w, /tin-tuc/hop/anh-960.webp 960w, /tin-tuc/hop/anh-1200.webp 1200w""#), "{html}");
    assert!(
        html.contains(
            r#"<img src="/tin-tuc/hop/anh-960.jpg" srcset="/tin-tuc/hop/anh-480.jpg 480w"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"width="960" height="1440" alt="Hội trường thôn 3" fetchpriority="high""#),
        "{html}"
    );
    // The body's photo: lazy (the hero is first), a figure with its title as caption.
    assert!(
        html.contains(r#"<figure class="photo"><picture>"#),
        "{html}"
    );
    assert!(html.contains(r#"alt="Bà con dự họp" loading="lazy" decoding="async"></picture><figcaption>Bà con dự họp tại hội trường</figcaption></figure>"#), "{html}");
    assert!(!html.contains("<p><figure"), "{html}");
    // A link to a photo goes to its widest variant.
    assert!(
        html.contains(r#"<a href="/tin-tuc/hop/anh-1200.jpg">ảnh gốc</a>"#),
        "{html}"
    );
    // Every <img> has width and height.
    for img in html.split("<img ").skip(1) {
        let tag = &img[..img.find('>').unwrap()];
        assert!(
            tag.contains("width=\"") && tag.contains("height=\""),
            "{tag}"
        );
    }
    // The album: figures linking the large variant, captions, PNG fallback for the logo.
    assert!(html.contains(r#"<section class="gallery""#), "{html}");
    assert!(
        html.contains(r#"<a href="/tin-tuc/hop/anh-2-640.jpg""#),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>Bà con dự họp</figcaption>"),
        "{html}"
    );
    assert!(
        html.contains(r#"srcset="/tin-tuc/hop/logo-300.png 300w""#),
        "{html}"
    );
    // Shared on Zalo: a variant of at most 1200 px, with its size.
    assert!(
        html.contains(
            r#"<meta property="og:image" content="https://xa.example.vn/tin-tuc/hop/anh-1200.jpg">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<meta property="og:image:width" content="1200">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<meta property="og:image:height" content="1800">"#),
        "{html}"
    );
    // Feeds point at the share variant, absolute.
    let feed = f.read("atom.xml");
    assert!(feed.contains(r#"<link rel="enclosure" type="image/jpeg" href="https://xa.example.vn/tin-tuc/hop/anh-1200.jpg"/>"#), "{feed}");
    // Lists show a sized thumbnail.
    let list = f.read("tin-tuc/index.html");
    assert!(
        list.contains(
            r#"<img src="/tin-tuc/hop/anh-480.jpg" width="480" height="720" alt="" loading="lazy""#
        ),
        "{list}"
    );
}

#[test]
fn an_article_whose_only_photos_are_in_its_body_gets_the_first_as_its_cover() {
    let f = Fixture::new();
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    f.bytes("content/tin-tuc/hop/mot.jpg", &phone_jpeg(800, 600, 1));
    f.bytes("content/tin-tuc/hop/hai.jpg", &phone_jpeg(640, 480, 1));
    f.file(
        "content/tin-tuc/hop/index.md",
        "---\ntitle: Họp dân thôn 3\ndate: 2025-06-01\n---\nXem [sơ đồ](hai.jpg).\n\n![Hội trường *thôn 3*](mot.jpg)\n\n![Bà con dự họp](hai.jpg)\n",
    );
    f.file(
        "content/tin-tuc/khong-anh.md",
        "---\ntitle: Thông báo\ndate: 2025-06-02\n---\nKhông có ảnh.\n",
    );
    f.build_ok();
    // The list's card: the body's first photo (not the one only linked), sized.
    let list = f.read("tin-tuc/index.html");
    assert!(
        list.contains(
            r#"<img src="/tin-tuc/hop/mot-480.jpg" width="480" height="360" alt="" loading="lazy""#
        ),
        "{list}"
    );
    assert_eq!(list.matches("card-thumb").count(), 1, "{list}");
    // Shares and feeds use it, with its alt text; the page shows it once, in its body.
    let html = f.read("tin-tuc/hop/index.html");
    assert!(
        html.contains(
            r#"<meta property="og:image" content="https://xa.example.vn/tin-tuc/hop/mot-800.jpg">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<meta property="og:image:alt" content="Hội trường thôn 3">"#),
        "{html}"
    );
    assert_eq!(
        html.matches(r#"srcset="/tin-tuc/hop/mot-480.webp"#).count(),
        1,
        "{html}"
    );
    let feed = f.read("atom.xml");
    assert!(
        feed.contains(r#"href="https://xa.example.vn/tin-tuc/hop/mot-800.jpg"/>"#),
        "{feed}"
    );
    // A page without a photo keeps the site's share image.
    let other = f.read("tin-tuc/khong-anh/index.html");
    assert!(other.contains("/share.png"), "{other}");
}

#[test]
fn the_cache_is_reused_and_a_corrupt_entry_is_made_again() {
    let f = article_site();
    f.build_ok();
    let first = snapshot(&f.root().join("output"));
    let cache = f.root().join(".congxa-cache/images");
    let entries: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "webp"))
        .collect();
    assert!(!entries.is_empty());
    // Damage one entry: the next build notices and makes it again.
    let victim = &entries[0];
    let good = std::fs::read(victim).unwrap();
    std::fs::write(victim, &good[..good.len() / 2]).unwrap();
    f.build_ok();
    assert_eq!(std::fs::read(victim).unwrap(), good);
    assert_eq!(snapshot(&f.root().join("output")), first);
    // A replaced photo (same name, other bytes) gets new variants.
    f.bytes("content/tin-tuc/hop/anh.jpg", &phone_jpeg(800, 600, 1));
    f.build_ok();
    assert_eq!(
        size_of(&std::fs::read(f.out("tin-tuc/hop/anh-800.jpg")).unwrap()),
        (800, 600)
    );
    assert!(!f.exists("tin-tuc/hop/anh-1200.jpg"));
}

/// A page showing `target` as its only image.
fn one_image(f: &Fixture, target: &str) {
    f.file(
        "content/bai.md",
        &format!("---\ntitle: Bài\n---\nMở đầu.\n\n![Ảnh]({target})\n"),
    );
}

#[test]
fn a_truncated_photo_is_an_error_at_its_reference() {
    let f = Fixture::new();
    let jpeg = phone_jpeg(400, 300, 1);
    f.bytes("content/anh.jpg", &jpeg[..jpeg.len() * 2 / 3]);
    one_image(&f, "anh.jpg");
    let err = f.build_err();
    assert!(
        err.contains("content/bai.md:6:1: ảnh `anh.jpg`: ảnh bị cắt cụt hoặc bị hỏng"),
        "{err}"
    );
    assert!(!f.exists("index.html"));
}

#[test]
fn heic_is_refused_with_how_to_export_jpeg() {
    let f = Fixture::new();
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 64]);
    f.bytes("content/IMG_0001.HEIC", &heic);
    one_image(&f, "IMG_0001.HEIC");
    let err = f.build_err();
    assert!(
        err.contains(
            "content/bai.md:6:1: ảnh `IMG_0001.HEIC`: ảnh HEIC/HEIF không đăng lên trang được"
        ),
        "{err}"
    );
    assert!(
        err.contains("xuất ảnh ra JPEG")
            && err.contains("iPhone")
            && err.contains("Tương thích nhất"),
        "{err}"
    );
    // The same in English (`--lang en`).
    let err = f.build_err_en();
    assert!(
        err.contains("content/bai.md:6:1: photo `IMG_0001.HEIC`: HEIC/HEIF"),
        "{err}"
    );
    assert!(
        err.contains("export the photo as JPEG") && err.contains("iPhone"),
        "{err}"
    );
}

/// CRC-32 (for a hand-made PNG chunk).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_decompression_bomb_is_refused_by_its_declared_size() {
    // A PNG declaring 30000x30000 pixels (2.7 GB decoded), with almost no data.
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(30000u32.to_be_bytes());
    ihdr.extend(30000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    let idat = b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01";
    png.extend(((idat.len() - 4) as u32).to_be_bytes());
    png.extend(idat);
    png.extend(crc32(idat).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    let f = Fixture::new();
    f.bytes("content/bom.png", &png);
    one_image(&f, "bom.png");
    let err = f.build_err();
    assert!(
        err.contains(
            "content/bai.md:6:1: ảnh `bom.png`: ảnh khai báo 30000x30000 điểm ảnh (900 megapixel)"
        ),
        "{err}"
    );
    let err = f.build_err_en();
    assert!(err.contains("content/bai.md:6:1: photo `bom.png`: the photo declares 30000x30000 pixels (900 megapixels)"), "{err}");
}

#[test]
fn image_paths_with_spaces_or_on_a_windows_computer_say_how_to_fix_them() {
    let f = Fixture::new();
    f.bytes("content/Ảnh họp thôn.JPG", &phone_jpeg(64, 48, 1));
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\n---\n![Họp thôn](Ảnh họp thôn.JPG)\n\n![Họp](C:\\Users\\Lan\\Pictures\\hop.jpg)\n\n`![mã](a b.jpg)` là ví dụ.\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("content/bai.md:4:1: đường dẫn ảnh `Ảnh họp thôn.JPG` có dấu cách"),
        "{err}"
    );
    assert!(
        err.contains("<Ảnh họp thôn.JPG>") && err.contains("anh-hop-thon.jpg"),
        "{err}"
    );
    assert!(err.contains("content/bai.md:6:1: đường dẫn ảnh `C:\\Users\\Lan\\Pictures\\hop.jpg` là một chỗ trên một máy tính"), "{err}");
    assert!(err.contains("`![...](hop.jpg)`"), "{err}");
    assert!(!err.contains("a b.jpg"), "code is not checked: {err}");
    // The angle-bracket form works.
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\n---\n![Họp thôn](<Ảnh họp thôn.JPG>)\n",
    );
    f.build_ok();
    assert!(f.exists("Ảnh họp thôn-64.webp"));
}

#[test]
fn a_gallery_item_needs_an_alt_and_an_existing_photo() {
    let f = Fixture::new();
    f.bytes("content/a.jpg", &phone_jpeg(64, 48, 1));
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\ngallery:\n  - file: a.jpg\n    caption: Không có alt\n  - {file: khong-co.jpg, alt: Ảnh}\n---\n",
    );
    let err = f.build_err();
    assert!(
        err.contains(
            "content/bai.md:4:11: ảnh `a.jpg` của thư viện ảnh (`gallery:`) chưa có `alt`"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/bai.md:6:12: không có ảnh `khong-co.jpg` của thư viện ảnh"),
        "{err}"
    );
}

#[test]
fn videos_load_nothing_from_the_host_until_clicked() {
    let f = Fixture::new();
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\n---\n![Lễ khánh thành](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
    );
    f.build_ok();
    let html = f.read("bai/index.html");
    assert!(!html.contains("<iframe"), "{html}");
    assert!(html.contains(r#"<div class="video" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1""#), "{html}");
    assert!(
        html.contains(r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ""#),
        "{html}"
    );
    assert!(html.contains("Xem video: Lễ khánh thành"), "{html}");
    assert!(html.contains("video.js"), "{html}");
    assert!(
        !html.contains("youtube.com/embed") && !html.contains("<img src=\"https"),
        "{html}"
    );
}

#[test]
fn a_drawing_is_a_sized_figure_with_its_caption() {
    let f = Fixture::new();
    f.file(
        "content/so-do.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 470"><title>Sơ đồ</title></svg>"#,
    );
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\n---\n![Sơ đồ ba nhóm](so-do.svg \"Các hình thức tuyên truyền\")\n",
    );
    f.build_ok();
    let html = f.read("bai/index.html");
    assert!(html.contains(r#"<figure class="photo"><img src="/so-do.svg" alt="Sơ đồ ba nhóm" width="960" height="470"><figcaption>Các hình thức tuyên truyền</figcaption></figure>"#), "{html}");
    assert!(f.exists("so-do.svg"), "a drawing is published as it is");
    // As the page's front-matter image, it is sized too.
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\nimage: so-do.svg\nimage_alt: Sơ đồ\n---\nChữ.\n",
    );
    f.build_ok();
    let html = f.read("bai/index.html");
    assert!(
        html.contains(
            r#"<img src="/so-do.svg" width="960" height="470" alt="Sơ đồ" fetchpriority="high">"#
        ),
        "{html}"
    );
}

#[test]
fn pages_without_a_photo_share_the_logo_or_the_default_image() {
    let f = Fixture::new();
    f.file("content/bai.md", "---\ntitle: Bài\n---\nKhông có ảnh.\n");
    f.build_ok();
    let html = f.read("bai/index.html");
    assert!(
        html.contains(r#"<meta property="og:image" content="https://xa.example.vn/share.png">"#),
        "{html}"
    );
    assert!(f.exists("share.png"));
    f.bytes("content/bieu-trung.png", &crate::support::tiny_png(64, 64));
    f.file(
        "site.yaml",
        &format!("{}logo: bieu-trung.png\n", crate::support::SITE_YAML),
    );
    f.build_ok();
    assert!(f.exists("bieu-trung.png"), "the logo is published");
    let html = f.read("bai/index.html");
    assert!(
        html.contains(
            r#"<meta property="og:image" content="https://xa.example.vn/bieu-trung.png">"#
        ),
        "{html}"
    );
    f.file(
        "site.yaml",
        &format!(
            "{}images: {{widths: [0], quality: 101}}\n",
            crate::support::SITE_YAML
        ),
    );
    let err = f.build_err();
    assert!(
        err.contains("site.yaml:4:")
            && err.contains("`images.widths` phải là danh sách độ rộng từ 16 đến 8192 điểm ảnh"),
        "{err}"
    );
    assert!(err.contains("`images.quality` phải từ 1 đến 100"), "{err}");
}

#[test]
fn the_colour_profile_is_kept_in_every_variant() {
    // A wide-gamut phone photo: its ICC profile must survive, or colours shift.
    let icc: Vec<u8> = b"congxa test ICC profile: Display P3"
        .iter()
        .copied()
        .cycle()
        .take(600)
        .collect();
    let img = image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([x as u8, y as u8, 200]));
    let mut jpeg = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut jpeg, 90);
    enc.add_icc_profile(&icc).unwrap();
    enc.encode(img.as_raw(), 640, 480, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let f = Fixture::new();
    f.bytes("content/p3.jpg", &jpeg);
    one_image(&f, "p3.jpg");
    f.build_ok();
    for name in ["p3-480.webp", "p3-640.webp", "p3-480.jpg"] {
        let bytes = std::fs::read(f.out(name)).unwrap();
        let mut decoder = image::ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        use image::ImageDecoder;
        assert_eq!(decoder.icc_profile().unwrap(), Some(icc.clone()), "{name}");
        assert_eq!(size_of(&bytes).1 * 4, size_of(&bytes).0 * 3, "{name}");
    }
}

#[test]
fn an_animated_gif_is_published_as_its_first_frame_and_webp_sources_work() {
    let frame = |rgb: [u8; 3]| {
        image::Frame::new(image::RgbaImage::from_pixel(
            40,
            30,
            image::Rgba([rgb[0], rgb[1], rgb[2], 255]),
        ))
    };
    let mut gif = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut gif);
        enc.encode_frames(vec![frame([250, 0, 0]), frame([0, 0, 250])])
            .unwrap();
    }
    let mut webp = Vec::new();
    image::RgbImage::from_pixel(50, 20, image::Rgb([0, 200, 0]))
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let f = Fixture::new();
    f.bytes("content/dong.gif", &gif);
    f.bytes("content/la.webp", &webp);
    f.file(
        "content/bai.md",
        "---\ntitle: Bài\n---\n![Động](dong.gif)\n\n![Lá](la.webp)\n",
    );
    f.build_ok();
    let first = image::load_from_memory(&std::fs::read(f.out("dong-40.png")).unwrap())
        .unwrap()
        .to_rgb8();
    let px = first.get_pixel(20, 15);
    assert!(px[0] > 200 && px[2] < 60, "the first (red) frame: {px:?}");
    assert_eq!(
        size_of(&std::fs::read(f.out("la-50.webp")).unwrap()),
        (50, 20)
    );
    assert!(!f.exists("dong.gif") && !f.exists("la.webp"));
}

#[test]
fn two_builds_sharing_the_cache_at_once_both_succeed() {
    let f = article_site();
    let opts = |dir: &str| {
        let mut o = f.opts();
        o.output = Some(f.root().join(dir));
        o
    };
    let (a, b) = (opts("out-a"), opts("out-b"));
    std::thread::scope(|s| {
        let x = s.spawn(|| congxa::build(&a).map(|_| ()).map_err(|e| e.to_string()));
        let y = s.spawn(|| congxa::build(&b).map(|_| ()).map_err(|e| e.to_string()));
        x.join().unwrap().unwrap();
        y.join().unwrap().unwrap();
    });
    let (a, b) = (
        snapshot(&f.root().join("out-a")),
        snapshot(&f.root().join("out-b")),
    );
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs ({} and {} bytes)", x.len(), y.len());
    }
    // No temporary file is left in the cache.
    for e in std::fs::read_dir(f.root().join(".congxa-cache/images")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".tmp-"), "{name}");
    }
}

#[test]
fn a_photo_too_tall_for_a_web_image_is_refused() {
    let f = Fixture::new();
    f.bytes("content/dai.png", &crate::support::tiny_png(20, 20000));
    one_image(&f, "dai.png");
    let err = f.build_err();
    assert!(
        err.contains("content/bai.md:6:1: ảnh `dai.png`: ảnh có 20x20000 điểm ảnh"),
        "{err}"
    );
}
