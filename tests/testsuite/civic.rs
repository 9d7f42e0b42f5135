//! Civic outputs: documents register with filter pages, score charts,
//! printable leaflets with a QR code, broadcast scripts, the kiosk build,
//! English pages and links to related agencies.

use std::path::{Path, PathBuf};

use crate::support::*;

fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{body}")
}

// ---- Documents register ------------------------------------------------

fn register_site() -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/2024-07-16-ke-hoach-93.md",
        &article(
            "Kế hoạch tuyên truyền PAR INDEX, SIPAS, PAPI năm 2024",
            "2024-07-16",
            "document: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã Thử Nghiệm, type: Kế hoạch, file: kh-93.pdf}\n",
            "Nội dung kế hoạch.\n\n## Mục\n\nChi tiết.\n",
        ),
    );
    f.bytes("content/tin-tuc/kh-93.pdf", &[b'%'; 1536]);
    f.file(
        "content/tin-tuc/2024-03-02-quyet-dinh-12.md",
        &article(
            "Quyết định kiện toàn Bộ phận một cửa",
            "2024-03-02",
            "document: {number: 12/QĐ-UBND, issued: 2024-03-02, issuer: UBND xã Thử Nghiệm, type: Quyết định}\n",
            "Nội dung quyết định.\n",
        ),
    );
    f.file(
        "content/tin-tuc/2025-01-10-ke-hoach-5.md",
        &article(
            "Kế hoạch cải cách hành chính năm 2025",
            "2025-01-10",
            "document: {number: 5/KH-UBND, issued: 2025-01-10, issuer: UBND xã Thử Nghiệm, type: Kế hoạch}\n",
            "Nội dung.\n",
        ),
    );
    f.file(
        "content/tin-tuc/2025-02-01-tin-thuong.md",
        &article("Tin thường không phải văn bản", "2025-02-01", "", "Tin.\n"),
    );
    f
}

#[test]
fn register_lists_documents_newest_first_with_every_column() {
    let f = register_site();
    f.build_ok();
    let reg = f.read("van-ban/index.html");
    assert!(reg.contains(r#"<table class="register">"#), "{reg}");
    // Newest issue date first.
    let (a, b, c) = (
        pos(&reg, "5/KH-UBND"),
        pos(&reg, "93/KH-UBND"),
        pos(&reg, "12/QĐ-UBND"),
    );
    assert!(a < b && b < c, "newest first");
    assert!(
        !reg.contains("Tin thường"),
        "only pages with a document block"
    );
    for cell in [
        r#"<time datetime="2024-07-16">16/07/2024</time>"#,
        r#"<time datetime="2024-03-02">02/03/2024</time>"#,
        r#"<a href="/tin-tuc/ke-hoach-93/">Kế hoạch tuyên truyền PAR INDEX, SIPAS, PAPI năm 2024</a>"#,
        "<td data-label=\"Cơ quan ban hành\">UBND xã Thử Nghiệm</td>",
        r#"<a href="/van-ban/loai/quyet-dinh/">Quyết định</a>"#,
        "<th scope=\"col\">Số hiệu</th>",
        "<th scope=\"col\">Trích yếu</th>",
        "<th scope=\"col\">Cơ quan ban hành</th>",
    ] {
        assert!(reg.contains(cell), "missing {cell} in\n{reg}");
    }
    // The attachment: link and size with a Vietnamese decimal comma.
    assert!(
        reg.contains(r#"<a href="/tin-tuc/kh-93.pdf">Tải về <span class="register-file">kh-93.pdf</span> (1,5 KB)</a>"#),
        "{reg}"
    );
    assert!(f.exists("tin-tuc/kh-93.pdf"));
    assert!(reg.contains(r#"<a href="/civic.css""#) || reg.contains(r#"href="/civic.css""#));
    assert!(f.exists("civic.css"));
}

#[test]
fn register_filters_are_pages_that_need_no_javascript() {
    let f = register_site();
    f.build_ok();
    let reg = f.read("van-ban/index.html");
    // Filters are links; the one script (the instant search field, hidden
    // without it) only enhances the page.
    let scripts: Vec<String> = reg
        .match_indices("<script")
        .map(|(i, _)| reg[i..].chars().take(48).collect())
        .collect();
    assert!(
        scripts
            .iter()
            .all(|s| s.starts_with(r#"<script src="/register.js" defer>"#)),
        "filters work without JavaScript: {scripts:?}"
    );
    for link in [
        r#"<a href="/van-ban/loai/ke-hoach/">Kế hoạch (2)</a>"#,
        r#"<a href="/van-ban/loai/quyet-dinh/">Quyết định (1)</a>"#,
        r#"<a href="/van-ban/nam/2025/">2025 (1)</a>"#,
        r#"<a href="/van-ban/nam/2024/">2024 (2)</a>"#,
        r#"<a href="/van-ban/" aria-current="page">Tất cả (3)</a>"#,
    ] {
        assert!(reg.contains(link), "missing {link} in\n{reg}");
    }
    // Types in Vietnamese alphabetical order, years newest first.
    assert!(pos(&reg, "Kế hoạch (2)") < pos(&reg, "Quyết định (1)"));
    assert!(pos(&reg, "2025 (1)") < pos(&reg, "2024 (2)"));

    let by_type = f.read("van-ban/loai/ke-hoach/index.html");
    assert!(by_type.contains("93/KH-UBND") && by_type.contains("5/KH-UBND"));
    assert!(!by_type.contains("12/QĐ-UBND"), "{by_type}");
    assert!(by_type.contains("<h1>Văn bản: Kế hoạch</h1>"), "{by_type}");
    assert!(
        by_type
            .contains(r#"<a href="/van-ban/loai/ke-hoach/" aria-current="page">Kế hoạch (2)</a>"#)
    );
    assert!(pos(&by_type, "5/KH-UBND") < pos(&by_type, "93/KH-UBND"));

    let by_year = f.read("van-ban/nam/2024/index.html");
    assert!(by_year.contains("93/KH-UBND") && by_year.contains("12/QĐ-UBND"));
    assert!(!by_year.contains("5/KH-UBND</td>"), "{by_year}");
    assert!(by_year.contains(r#"<a href="/van-ban/nam/2024/" aria-current="page">2024 (2)</a>"#));
    assert!(f.exists("van-ban/nam/2025/index.html"));
    assert!(f.exists("van-ban/loai/quyet-dinh/index.html"));
    assert!(!f.exists("van-ban/nam/2023/index.html"));
}

#[test]
fn register_filter_pages_are_routes_markdown_can_link_to() {
    let f = register_site();
    f.file(
        "content/tin-tuc/2025-03-01-xem.md",
        &article(
            "Xem các kế hoạch",
            "2025-03-01",
            "",
            "Xem [các kế hoạch](/van-ban/loai/ke-hoach/) và [năm 2024](/van-ban/nam/2024/).\n",
        ),
    );
    f.build_ok();
    let p = f.read("tin-tuc/xem/index.html");
    assert!(
        p.contains(r#"<a href="/van-ban/loai/ke-hoach/">các kế hoạch</a>"#),
        "{p}"
    );
}

#[test]
fn a_page_taking_a_register_filter_url_is_a_duplicate() {
    let f = register_site();
    f.file(
        "content/van-ban/loai/ke-hoach.md",
        "---\ntitle: Trang trùng\n---\nTrùng.\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("trùng địa chỉ (URL) `/van-ban/loai/ke-hoach/`"),
        "{err}"
    );
    assert!(err.contains("một trang của danh mục văn bản"), "{err}");
}

// ---- Scores ------------------------------------------------------------

const SCORES_INDEX: &str = "---\ntitle: Chỉ số SIPAS\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng\n  areas:\n    - {key: tiep-can, title: Tiếp cận dịch vụ}\n  scores:\n    - {year: 2024, value: 84.75, unit: \"%\", scope: Thành phố thử, rank: \"3/63\", source: Báo cáo thử nghiệm 2024}\n    - {year: 2023, value: 80.1, unit: \"%\", scope: Thành phố thử, source: Báo cáo thử nghiệm 2023}\n---\nGiới thiệu.\n";

#[test]
fn scores_are_an_accessible_svg_chart_with_a_data_table() {
    let f = Fixture::new();
    f.file("content/sipas/_index.md", SCORES_INDEX);
    f.build_ok();
    let ix = f.read("sipas/index.html");
    let svg = &ix[pos(&ix, "<svg role=\"img\"")..pos(&ix, "</svg>")];
    assert!(
        svg.contains(r#"aria-labelledby="scores-sipas-title scores-sipas-desc""#),
        "{svg}"
    );
    assert!(svg.contains(r#"<title id="scores-sipas-title">Biểu đồ kết quả SIPAS</title>"#));
    assert!(svg.contains(
        r#"<desc id="scores-sipas-desc">Năm 2023: 80,1% (Thành phố thử); Năm 2024: 84,75% (Thành phố thử).</desc>"#
    ), "{svg}");
    // Years along the axis, values with a decimal comma, taller bar for the larger value.
    assert!(svg.contains(">2023</text>") && svg.contains(">2024</text>"));
    assert!(svg.contains(">84,75%</text>") && svg.contains(">80,1%</text>"));
    let heights: Vec<f64> = svg
        .match_indices("<rect ")
        .map(|(i, _)| {
            let rest = &svg[i..];
            let h = &rest[rest.find(" height=\"").unwrap() + 9..];
            h[..h.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(heights.len(), 2, "{svg}");
    assert!(
        heights[0] < heights[1],
        "2023 bar lower than 2024: {heights:?}"
    );
    // The table is the source of truth.
    let table = &ix[pos(&ix, "<table class=\"scores-table\">")..pos(&ix, "</table>")];
    assert!(
        table.contains("<caption id=\"scores-sipas-caption\">SIPAS: Kết quả qua các năm</caption>")
    );
    assert!(table.contains(
        "<tr><th scope=\"row\">2024</th><td>84,75%</td><td>Thành phố thử</td><td>3/63</td><td>Báo cáo thử nghiệm 2024</td></tr>"
    ), "{table}");
    assert!(table.contains(
        "<tr><th scope=\"row\">2023</th><td>80,1%</td><td>Thành phố thử</td><td></td><td>Báo cáo thử nghiệm 2023</td></tr>"
    ), "{table}");
    assert!(pos(table, "2023") < pos(table, "2024"), "oldest year first");
    assert!(!ix.contains("<script"), "no JavaScript");
}

#[test]
fn an_index_without_scores_shows_no_chart() {
    let f = Fixture::with_indices();
    f.build_ok();
    let ix = f.read("sipas/index.html");
    assert!(!ix.contains("scores-table") && !ix.contains("<svg"), "{ix}");
}

// ---- Leaflet -----------------------------------------------------------

fn leaflet_site() -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "site.yaml",
        "title: Trang thông tin điện tử xã Thử Nghiệm\nbase_url: https://xa.example.vn/xa-thu/\norganization: {name: UBND xã Thử Nghiệm, address: \"thôn Một, xã Thử Nghiệm\"}\n",
    );
    f.file(
        "content/tin-tuc/2024-07-16-ke-hoach.md",
        &article(
            "Kế hoạch tuyên truyền năm 2024",
            "2024-07-16",
            "document: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã, type: Kế hoạch}\n",
            "## Mục đích\n\nNâng cao nhận thức. Xem [chỉ số SIPAS](/sipas/).\n",
        ),
    );
    f
}

/// The first `<svg class="qr-code"…</svg>` of `html`, rasterised and decoded.
fn decode_qr(html: &str) -> String {
    let start = pos(html, "<svg class=\"qr-code\"");
    let end = start + pos(&html[start..], "</svg>") + "</svg>".len();
    let svg = &html[start..end];
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("QR SVG does not parse: {e}\n{svg}"));
    let scale = 4.0;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let data = pixmap.data();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        let i = (y * w as usize + x) * 4;
        data[i]
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the SVG");
    grids[0].decode().expect("QR decodes").1
}

#[test]
fn leaflet_is_a_printable_a4_page_with_a_qr_code_to_the_canonical_url() {
    let f = leaflet_site();
    f.build_ok();
    let l = f.read("tin-tuc/ke-hoach/in/index.html");
    // The A4 print style is one file all leaflets share.
    assert!(
        l.contains(r#"<link rel="stylesheet" href="/xa-thu/leaflet.css">"#),
        "{l}"
    );
    assert!(
        f.read("leaflet.css").contains("@page { size: A4"),
        "A4 print CSS"
    );
    assert!(
        l.contains("<p class=\"leaflet-org\">UBND xã Thử Nghiệm</p>"),
        "{l}"
    );
    assert!(l.contains("<h1>Kế hoạch tuyên truyền năm 2024</h1>"));
    assert!(l.contains(r#"<time datetime="2024-07-16">Thứ Ba, 16/07/2024</time>"#));
    assert!(l.contains("<dd>93/KH-UBND</dd>"));
    assert!(
        l.contains(r#"<h2 id="muc-dich">Mục đích</h2>"#),
        "the article"
    );
    assert!(
        l.contains(r#"<a href="/xa-thu/sipas/">chỉ số SIPAS</a>"#),
        "{l}"
    );
    assert!(l.contains(
        r#"<link rel="canonical" href="https://xa.example.vn/xa-thu/tin-tuc/ke-hoach/">"#
    ));
    assert!(
        l.contains("https://xa.example.vn/xa-thu/tin-tuc/ke-hoach/</span>"),
        "URL printed"
    );
    assert!(!l.contains("<script"));
    assert_eq!(
        decode_qr(&l),
        "https://xa.example.vn/xa-thu/tin-tuc/ke-hoach/",
        "the QR code leads to the article"
    );
    // Each article links to its leaflet.
    let page = f.read("tin-tuc/ke-hoach/index.html");
    assert!(
        page.contains(r#"<a href="/xa-thu/tin-tuc/ke-hoach/in/">In tờ rơi</a>"#),
        "{page}"
    );
}

#[test]
fn leaflet_qr_of_a_long_vietnamese_url_decodes() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/huong-dan-nop-ho-so-truc-tuyen-tren-cong-dich-vu-cong-quoc-gia-cho-nguoi-cao-tuoi.md",
        "---\ntitle: Hướng dẫn\n---\nNội dung.\n",
    );
    f.build_ok();
    let l = f.read("tin-tuc/huong-dan-nop-ho-so-truc-tuyen-tren-cong-dich-vu-cong-quoc-gia-cho-nguoi-cao-tuoi/in/index.html");
    assert_eq!(
        decode_qr(&l),
        "https://xa.example.vn/tin-tuc/huong-dan-nop-ho-so-truc-tuyen-tren-cong-dich-vu-cong-quoc-gia-cho-nguoi-cao-tuoi/"
    );
}

#[test]
fn a_page_taking_a_leaflet_url_is_a_duplicate() {
    let f = Fixture::new();
    f.file("content/tin-tuc/bai.md", "---\ntitle: Bài\n---\nA.\n");
    f.file("content/tin-tuc/bai/in.md", "---\ntitle: In\n---\nB.\n");
    let err = f.build_err();
    assert!(
        err.contains("trùng địa chỉ (URL) `/tin-tuc/bai/in/`"),
        "{err}"
    );
    assert!(err.contains("tờ rơi của `content/tin-tuc/bai.md`"), "{err}");
}

// ---- Broadcast script --------------------------------------------------

#[test]
fn broadcast_script_is_plain_text_for_the_announcer() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        &format!(
            "{SITE_YAML}abbreviations: {{UBND: Ủy ban nhân dân, HĐND: Hội đồng nhân dân, TTHC: thủ tục hành chính}}\n"
        ),
    );
    f.file(
        "content/tin-tuc/2024-07-16-thong-bao.md",
        &article(
            "UBND xã thông báo lịch tiếp dân",
            "2024-07-16",
            "",
            "## Lịch **tiếp dân**\n\nNgày 16/7/2024, *UBND* xã và HĐND xã thông báo về [TTHC](/):\n\n\
             1. Mang theo `giấy tờ`.\n2. Đến đúng giờ.\n\n\
             | Ngày | Người tiếp |\n|---|---|\n| Thứ Hai | Chủ tịch UBND |\n| Thứ Năm | Phó Chủ tịch |\n\n\
             > Trích dẫn ~~bỏ~~ giữ.\n\n![ảnh hội nghị](anh.png)\n\n<div>html</div>\n\n\
             Kế hoạch số 93/KH-UBND; UBNDX không phải viết tắt.\n",
        ),
    );
    f.bytes("content/tin-tuc/anh.png", &tiny_png(8, 6));
    f.build_ok();
    let bytes = std::fs::read(f.out("tin-tuc/thong-bao/truyen-thanh.txt")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 BOM for browsers and Notepad"
    );
    let text = String::from_utf8(bytes).unwrap();
    let expected = "\u{feff}Ủy ban nhân dân xã thông báo lịch tiếp dân\n\
        Ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư.\n\
        [Ghi chú cho người đọc, không đọc lên: thời lượng đọc ước tính khoảng 1 phút, 99 chữ.]\n\
        \n\
        Lịch tiếp dân\n\
        \n\
        Ngày mười sáu tháng bảy năm hai nghìn không trăm hai mươi tư, Ủy ban nhân dân xã và Hội đồng nhân dân xã thông báo về thủ tục hành chính:\n\
        \n\
        Một là, Mang theo giấy tờ.\n\
        \n\
        Hai là, Đến đúng giờ.\n\
        \n\
        Ngày: Thứ Hai, Người tiếp: Chủ tịch Ủy ban nhân dân.\n\
        \n\
        Ngày: Thứ Năm, Người tiếp: Phó Chủ tịch.\n\
        \n\
        Trích dẫn giữ.\n\
        \n\
        Kế hoạch số 93/KH-UBND; UBNDX không phải viết tắt.\n\
        \n\
        Hết.\n";
    assert_eq!(text, expected);
    for mark in ["**", "`", "|", "](", "##", "<div", "ảnh hội nghị", "~~"] {
        assert!(!text.contains(mark), "`{mark}` left in the script");
    }
    let page = f.read("tin-tuc/thong-bao/index.html");
    assert!(
        page.contains(r#"<a href="/tin-tuc/thong-bao/truyen-thanh.txt" type="text/plain">Bản đọc trên loa truyền thanh</a>"#),
        "{page}"
    );
}

#[test]
fn english_pages_get_no_broadcast_script() {
    let f = Fixture::new();
    f.file(
        "content/en/about.md",
        "---\ntitle: About\nlang: en\n---\nHello.\n",
    );
    f.build_ok();
    assert!(
        f.exists("en/about/in/index.html"),
        "leaflets for every page"
    );
    assert!(!f.exists("en/about/truyen-thanh.txt"));
    let page = f.read("en/about/index.html");
    assert!(
        page.contains(r#"<a href="/en/about/in/">Print leaflet</a>"#),
        "{page}"
    );
    assert!(!page.contains("truyen-thanh.txt"));
}

// ---- Kiosk build -------------------------------------------------------

/// Every link target in an HTML file: `href`, `src`, `action` and meta-refresh `url=`.
fn links_of(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\"", "; url="] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Check a `--relative` output tree: no root-relative links, and every internal
/// link names a file that exists. Returns how many internal links were checked.
fn assert_kiosk_tree(out: &Path) -> usize {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let shown = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        for link in links_of(&html) {
            assert!(
                !link.starts_with('/'),
                "{shown}: `{link}` is root-relative; kiosk links must be relative"
            );
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            assert!(
                path.ends_with(".html")
                    || path.ends_with(".css")
                    || path.ends_with(".txt")
                    || path.ends_with(".js")
                    || path.ends_with(".json")
                    || path.ends_with(".xml")
                    || path.contains('.'),
                "{shown}: `{link}` must name a file (end in index.html)"
            );
            let decoded = percent_decode(path);
            let target: PathBuf = entry.path().parent().unwrap().join(&decoded);
            assert!(
                target.is_file(),
                "{shown}: `{link}` leads to {}, which does not exist",
                target.display()
            );
            checked += 1;
        }
    }
    checked
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn kiosk_build_links_are_relative_and_resolve_to_files() {
    let f = register_site();
    f.file("site.yaml", &format!("{SITE_YAML}paginate: 1\n"));
    f.file(
        "content/tin-tuc/2025-05-05-anh/index.md",
        &article(
            "Bài có ảnh",
            "2025-05-05",
            "indices: [sipas]\nareas: [tiep-can-dich-vu]\ntags: [một cửa]\naliases: [/tin-cu/anh/]\nimage: hinh.png\nimage_alt: Hội trường\n",
            "![Hội trường](hinh.png)\n\nXem [kế hoạch](../2024-07-16-ke-hoach-93.md#muc), [SIPAS](/sipas/), [mục dưới](#muc) và [văn bản](/van-ban/nam/2024/).\n\n## Mục\n\nNội dung.\n",
        ),
    );
    f.bytes("content/tin-tuc/2025-05-05-anh/hinh.png", &tiny_png(8, 6));
    let out = f.root().join("kiosk");
    let mut o = f.opts();
    o.relative = true;
    o.output = Some(out.clone());
    congxa::build(&o).unwrap_or_else(|e| panic!("{e}"));
    let checked = assert_kiosk_tree(&out);
    assert!(checked > 100, "only {checked} links checked");
    let page = std::fs::read_to_string(out.join("tin-tuc/anh/index.html")).unwrap();
    for href in [
        r##"href="../ke-hoach-93/index.html#muc""##,
        r#"href="../../sipas/index.html""#,
        r##"href="#muc""##,
        r#"src="hinh-8.jpg""#,
        r#"srcset="hinh-8.webp 8w""#,
        r#"href="in/index.html""#,
        r#"href="truyen-thanh.txt""#,
        r#"href="../../style.css""#,
    ] {
        assert!(page.contains(href), "missing {href} in\n{page}");
    }
    // The leaflet sits one level deeper: its copy of the article is relinked.
    let leaflet = std::fs::read_to_string(out.join("tin-tuc/anh/in/index.html")).unwrap();
    assert!(leaflet.contains(r#"src="../hinh-8.jpg""#), "{leaflet}");
    assert!(
        leaflet.contains(r##"href="../../ke-hoach-93/index.html#muc""##),
        "{leaflet}"
    );
    // Absolute URLs stay absolute where they must: canonical links and the QR code.
    assert!(
        leaflet.contains(r#"<link rel="canonical" href="https://xa.example.vn/tin-tuc/anh/">"#)
    );
    assert_eq!(decode_qr(&leaflet), "https://xa.example.vn/tin-tuc/anh/");
    let paginated = std::fs::read_to_string(out.join("tin-tuc/trang/2/index.html")).unwrap();
    assert!(
        paginated.contains(r#"href="../../index.html""#),
        "{paginated}"
    );
}

#[test]
fn kiosk_build_of_the_hoa_phu_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("kiosk");
    // The real site is built as of now, as `congxa build` would (it has recent articles).
    let mut o = congxa::BuildOptions::new(root);
    o.relative = true;
    o.output = Some(out.clone());
    congxa::build(&o).unwrap_or_else(|e| panic!("{e}"));
    let checked = assert_kiosk_tree(&out);
    assert!(checked > 500, "only {checked} links checked");
    assert!(out.join("van-ban/index.html").is_file());
}

// ---- English pages -----------------------------------------------------

#[test]
fn english_pages_get_english_strings_and_hreflang_links() {
    let f = Fixture::new();
    f.file(
        "content/lien-he.md",
        "---\ntitle: Liên hệ\ntranslation: en/contact.md\n---\nĐịa chỉ.\n",
    );
    f.file(
        "content/en/contact.md",
        "---\ntitle: Contact\nlang: en\n---\nAddress.\n",
    );
    f.build_ok();
    let en = f.read("en/contact/index.html");
    assert!(
        en.starts_with("<!doctype html>\n<html lang=\"en\">"),
        "{en}"
    );
    assert!(en.contains("Skip to main content"));
    assert!(en.contains(">Print leaflet</a>"));
    assert!(
        en.contains(
            r#"<link rel="alternate" hreflang="en" href="https://xa.example.vn/en/contact/">"#
        ),
        "{en}"
    );
    assert!(
        en.contains(
            r#"<link rel="alternate" hreflang="vi" href="https://xa.example.vn/lien-he/">"#
        )
    );
    let vi = f.read("lien-he/index.html");
    assert!(vi.starts_with("<!doctype html>\n<html lang=\"vi\">"));
    assert!(vi.contains("Bỏ qua, đến nội dung chính") && vi.contains(">In tờ rơi</a>"));
    assert!(
        vi.contains(
            r#"<link rel="alternate" hreflang="en" href="https://xa.example.vn/en/contact/">"#
        ),
        "{vi}"
    );
    assert!(
        vi.contains(
            r#"<link rel="alternate" hreflang="vi" href="https://xa.example.vn/lien-he/">"#
        )
    );
    // The English leaflet speaks English too.
    let leaflet = f.read("en/contact/in/index.html");
    assert!(leaflet.contains("<html lang=\"en\">") && leaflet.contains("Scan the QR code"));
}

#[test]
fn pages_without_translation_have_no_hreflang() {
    let f = Fixture::new();
    f.file("content/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nA.\n");
    f.build_ok();
    assert!(!f.read("gioi-thieu/index.html").contains("hreflang"));
    assert!(!f.read("index.html").contains("hreflang"));
}

// ---- Links to related agencies -----------------------------------------

#[test]
fn footer_links_to_related_agencies() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        &format!(
            "{SITE_YAML}links:\n  - {{title: Cổng Dịch vụ công quốc gia, url: \"https://dichvucong.gov.vn\"}}\n  - {{title: Bộ Nội vụ, url: \"https://moha.gov.vn\"}}\n"
        ),
    );
    f.file("content/tin-tuc/bai.md", "---\ntitle: Bài\n---\nA.\n");
    f.build_ok();
    for file in [
        "index.html",
        "tin-tuc/bai/index.html",
        "van-ban/index.html",
        "404.html",
    ] {
        let html = f.read(file);
        let footer = &html[pos(&html, "<footer")..];
        let a = pos(
            footer,
            r#"<a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>"#,
        );
        let b = pos(footer, r#"<a href="https://moha.gov.vn">Bộ Nội vụ</a>"#);
        assert!(a < b, "{file}: links in site.yaml order");
    }
}
