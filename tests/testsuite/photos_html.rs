//! Raw-HTML `<img>` in a Markdown body: a photo of the site becomes the same
//! `<picture>` of variants as a Markdown image (its original is never
//! published); what cannot be published is an error at its line.

use crate::photos::phone_jpeg;
use crate::support::{Fixture, snapshot};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn raw_html_images_of_photos_become_pictures_of_variants() {
    let f = Fixture::new();
    f.bytes("content/tin-tuc/hop/anh.jpg", &phone_jpeg(1200, 900, 1));
    f.bytes("content/tin-tuc/hop/Anh-2.JPG", &phone_jpeg(800, 600, 1));
    f.bytes("content/tin-tuc/hop/anh-3.jpg", &phone_jpeg(640, 480, 1));
    f.bytes("content/tin-tuc/hop/anh-4.jpg", &phone_jpeg(600, 400, 1));
    f.file(
        "content/tin-tuc/hop/index.md",
        concat!(
            "---\ntitle: Họp dân thôn 3\n---\n",
            "Mở đầu.\n\n",
            "<figure>\n<IMG SRC='anh.jpg' ALT=\"Hội trường &amp; sân\"\n     class=\"rong\">\n<figcaption>Hội trường thôn 3</figcaption>\n</figure>\n\n",
            "Giữa đoạn <img src=Anh-2.JPG alt='Bà con \"dự họp\"' width=\"300\"> có ảnh.\n\n",
            "<img src=\"anh-3.jpg\" srcset=\"anh-3.jpg 1x\" alt=\"Đường thôn\" height=\"120\">\n\n",
            "<img src=\"https://example.com/xa.jpg\" alt=\"Ảnh ngoài\">\n\n",
            "`<img src=\"anh-4.jpg\">` là ví dụ trong mã.\n\n",
            "Xem <A class=\"lon\" HREF='anh.jpg' title=\"Ảnh &quot;lớn&quot;\">ảnh lớn</A> hoặc <a href=\"https://example.com/a.jpg\">ảnh ngoài</a>.\n",
        ),
    );
    f.build_ok();
    let html = f.read("tin-tuc/hop/index.html");
    // The block one, in the editor's figure: first image, high priority, its class and alt kept.
    assert!(html.contains(r#"<figure>
<picture><source type="image/webp" srcset="/tin-tuc/hop/anh-480.webp 480w, /tin-tuc/hop/anh-960.webp 960w, /tin-tuc/hop/anh-1200.webp 1200w" sizes="(max-width: 46rem) 100vw, 44rem"><img src="/tin-tuc/hop/anh-960.jpg" srcset="/tin-tuc/hop/anh-480.jpg 480w, /tin-tuc/hop/anh-960.jpg 960w, /tin-tuc/hop/anh-1200.jpg 1200w" sizes="(max-width: 46rem) 100vw, 44rem" width="960" height="720" alt="Hội trường &amp; sân" class="rong" fetchpriority="high" decoding="async"></picture>
<figcaption>Hội trường thôn 3</figcaption>"#), "{html}");
    // Inline, unquoted src, single-quoted alt with quotes, the editor's width (height kept in proportion).
    assert!(html.contains(r#"Giữa đoạn <picture><source type="image/webp" srcset="/tin-tuc/hop/Anh-2-480.webp 480w, /tin-tuc/hop/Anh-2-800.webp 800w" sizes="(max-width: 300px) 100vw, 300px">"#), "{html}");
    assert!(html.contains(r#"sizes="(max-width: 300px) 100vw, 300px" width="300" height="225" alt="Bà con &quot;dự họp&quot;" loading="lazy" decoding="async"></picture> có ảnh."#), "{html}");
    // Its own srcset is replaced; a height alone gives the width.
    assert!(
        html.contains(r#"width="160" height="120" alt="Đường thôn" loading="lazy""#),
        "{html}"
    );
    assert!(!html.contains(r#"srcset="anh-3.jpg 1x""#), "{html}");
    // Outside addresses and code stay as they are.
    assert!(
        html.contains(r#"<img src="https://example.com/xa.jpg" alt="Ảnh ngoài">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<code>&lt;img src="anh-4.jpg"&gt;</code>"#),
        "{html}"
    );
    // A raw link to a photo goes to its widest variant, its other attributes kept.
    assert!(html.contains(r#"Xem <a class="lon" href="/tin-tuc/hop/anh-1200.jpg" title="Ảnh &quot;lớn&quot;">ảnh lớn</A>"#), "{html}");
    assert!(
        html.contains(r#"<a href="https://example.com/a.jpg">ảnh ngoài</a>"#),
        "{html}"
    );
    // Variants published, originals not; no published byte carries the EXIF.
    for v in [
        "tin-tuc/hop/anh-1200.webp",
        "tin-tuc/hop/Anh-2-800.jpg",
        "tin-tuc/hop/anh-3-640.webp",
    ] {
        assert!(f.exists(v), "{v}");
    }
    for o in [
        "tin-tuc/hop/anh.jpg",
        "tin-tuc/hop/Anh-2.JPG",
        "tin-tuc/hop/anh-3.jpg",
    ] {
        assert!(!f.exists(o), "{o} is published");
    }
    assert!(
        !f.exists("tin-tuc/hop/anh-4-480.webp"),
        "a photo shown only in code is not made"
    );
    for (path, bytes) in snapshot(&f.root().join("output")) {
        assert!(!contains(&bytes, b"Exif\0\0"), "{path} carries EXIF");
    }
    // Every <img> of a photo of the site is sized.
    for img in html.split("<img ").skip(1) {
        let tag = &img[..img.find('>').unwrap()];
        assert!(
            tag.contains("https://") || (tag.contains("width=\"") && tag.contains("height=\"")),
            "{tag}"
        );
    }
}

#[test]
fn raw_html_images_that_cannot_be_shown_are_errors_at_their_line() {
    let f = Fixture::new();
    f.bytes("content/anh.jpg", &phone_jpeg(400, 300, 1));
    f.bytes("content/hong.jpg", &phone_jpeg(400, 300, 1)[..500]);
    f.file(
        "content/bai.md",
        concat!(
            "---\ntitle: Bài\n---\n",
            "<img src=\"anh.jpg\">\n\n",
            "Ảnh <img src=\"khong-co.jpg\" alt=\"Không có\"> đây.\n\n",
            "<picture><source srcset=\"anh.jpg 2x\"><img src=\"https://example.com/a.jpg\" alt=\"Ngoài\"></picture>\n\n",
            "<img src=\"C:\\Users\\Lan\\hop.jpg\" alt=\"Họp\">\n\n",
            "<div>\n<img alt=\"Hỏng\"\n     src=\"hong.jpg\">\n</div>\n\n",
            "Xem <a href=\"mat.jpg\">ảnh</a>.\n",
        ),
    );
    let err = f.build_err();
    assert!(
        err.contains("content/bai.md:4:1: thẻ `<img>` của ảnh `anh.jpg` chưa có `alt`"),
        "{err}"
    );
    assert!(err.contains("`![mô tả](anh.jpg)`"), "{err}");
    assert!(
        err.contains(
            "content/bai.md:6:5: thẻ `<img>` chỉ tới ảnh `khong-co.jpg` nhưng không có tệp ảnh này"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/bai.md:8:10: `srcset` của thẻ `<source>` chỉ tới ảnh `anh.jpg` của trang"
        ),
        "{err}"
    );
    assert!(err.contains("content/bai.md:10:1: đường dẫn ảnh `C:\\Users\\Lan\\hop.jpg` là một chỗ trên một máy tính"), "{err}");
    assert!(
        err.contains("content/bai.md:13:1: ảnh `hong.jpg`: ảnh bị cắt cụt hoặc bị hỏng"),
        "{err}"
    );
    assert!(
        err.contains("content/bai.md:17:5: liên kết tới trang hoặc tệp không có: `mat.jpg`"),
        "{err}"
    );
    assert!(!f.exists("index.html"));
    // In English too.
    let err = f.build_err_en();
    assert!(
        err.contains("content/bai.md:4:1: the `<img>` tag of photo `anh.jpg` has no `alt`"),
        "{err}"
    );
}
