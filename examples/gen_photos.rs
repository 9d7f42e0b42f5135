//! Photo benchmark corpus: N phone-like 4000x3000 JPEGs (smooth scenes with
//! sensor noise, EXIF with camera model, artist, GPS and orientation) in one
//! article, as a congxa site and as the same Hugo site, for
//! `scripts/bench-photos.sh`.
//!
//! `cargo run --release --example gen_photos -- DIR [N]`

#[path = "../tests/testsuite/exif.rs"]
mod exif;

use std::fs;
use std::path::Path;

/// One 4000x3000 photo: a sky-to-field gradient with shapes and noise.
fn photo(seed: u32) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 13) as i32 - 6;
        let sky = y < h * 2 / 5;
        let wave = (((x as f32 / 97.0 + seed as f32).sin() * 40.0) as i32).abs();
        let (r, g, b) = if sky {
            (120 + (y * 60 / h) as i32, 170 + wave / 4, 230)
        } else {
            (
                60 + wave,
                120 + (x * 50 / w) as i32,
                40 + (y * 30 / h) as i32,
            )
        };
        let c = |v: i32| (v + noise).clamp(0, 255) as u8;
        image::Rgb([c(r), c(g), c(b)])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&img)
        .expect("encode");
    let app1 = exif::exif(1);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: gen_photos DIR [N]");
    let n: u32 = args.next().map_or(20, |a| a.parse().expect("N"));
    let dir = Path::new(&dir);
    let congxa = dir.join("congxa");
    let hugo = dir.join("hugo");
    write(
        &congxa.join("site.yaml"),
        b"title: Bench\nbase_url: https://bench.example.vn/\n",
    );
    write(
        &congxa.join("content/_index.md"),
        "---\ntitle: Trang chủ\n---\n".as_bytes(),
    );
    write(
        &hugo.join("hugo.toml"),
        b"baseURL = 'https://bench.example.vn/'\ntitle = 'Bench'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n",
    );
    // Hugo: 480/960/1600 WebP and a 960 JPEG of every photo of the bundle.
    write(
        &hugo.join("layouts/_default/single.html"),
        br#"<h1>{{ .Title }}</h1>{{ range .Resources.ByType "image" }}<picture><source type="image/webp" srcset="{{ (.Resize "480x webp q80").RelPermalink }} 480w, {{ (.Resize "960x webp q80").RelPermalink }} 960w, {{ (.Resize "1600x webp q80").RelPermalink }} 1600w"><img src="{{ (.Resize "960x jpg q80").RelPermalink }}" alt=""></picture>{{ end }}"#,
    );
    write(&hugo.join("layouts/_default/list.html"), b"{{ .Title }}");
    write(&hugo.join("layouts/index.html"), b"{{ .Title }}");
    let mut body = String::new();
    for i in 1..=n {
        let bytes = photo(i);
        let name = format!("anh-{i:02}.jpg");
        write(&congxa.join("content/bai").join(&name), &bytes);
        write(&hugo.join("content/bai").join(&name), &bytes);
        body.push_str(&format!("![Ảnh {i}]({name})\n\n"));
    }
    let page = format!("---\ntitle: Ảnh\n---\n{body}");
    write(&congxa.join("content/bai/index.md"), page.as_bytes());
    write(&hugo.join("content/bai/index.md"), page.as_bytes());
    println!("{n} photos in {}", dir.display());
}
