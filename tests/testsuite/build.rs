//! Building sites: URLs, listings, ordering, Vietnamese text, determinism.

use crate::support::*;

fn article(title: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\nNội dung của bài {title}.\n")
}

#[test]
fn bare_site_builds_every_kind_of_url() {
    let f = Fixture::with_indices();
    f.file("content/tin-tuc/2024-07-16-ke-hoach.md", &article("Kế hoạch 93", "2024-07-16", "indices: [sipas]\nareas: [tiep-can-dich-vu]\ntags: [tuyên truyền, Một cửa]\naliases: [/tin-cu/ke-hoach/]\ndocument: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã, type: Kế hoạch}\n"));
    f.build_ok();
    for path in [
        "index.html",
        "tin-tuc/index.html",
        "tin-tuc/ke-hoach/index.html",
        "sipas/index.html",
        "sipas/tiep-can-dich-vu/index.html",
        "sipas/thu-tuc-hanh-chinh/index.html",
        "the/index.html",
        "the/tuyen-truyen/index.html",
        "the/mot-cua/index.html",
        "van-ban/index.html",
        "tim-kiem/index.html",
        "404.html",
        "tin-cu/ke-hoach/index.html",
        "style.css",
        ".congxa-output",
    ] {
        assert!(f.exists(path), "missing {path}");
    }
    let area = f.read("sipas/tiep-can-dich-vu/index.html");
    assert!(area.contains("Kế hoạch 93"), "area page lists the article");
    let other_area = f.read("sipas/thu-tuc-hanh-chinh/index.html");
    assert!(!other_area.contains("Kế hoạch 93"), "other area does not");
    let alias = f.read("tin-cu/ke-hoach/index.html");
    assert!(
        alias.contains(r#"http-equiv="refresh" content="0; url=/tin-tuc/ke-hoach/""#),
        "{alias}"
    );
    assert!(
        alias.contains(r#"<link rel="canonical" href="https://xa.example.vn/tin-tuc/ke-hoach/">"#),
        "{alias}"
    );
    assert!(f.read("van-ban/index.html").contains("93/KH-UBND"));
    assert!(
        f.read("index.html").contains("Kế hoạch 93"),
        "home lists latest articles"
    );
}

#[test]
fn sections_paginate_under_trang() {
    let f = Fixture::new();
    f.file("site.yaml", &format!("{SITE_YAML}paginate: 2\n"));
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    for d in 1..=5 {
        f.file(
            &format!("content/tin-tuc/bai-{d}.md"),
            &article(&format!("Bài {d}"), &format!("2024-01-0{d}"), ""),
        );
    }
    f.build_ok();
    let p1 = f.read("tin-tuc/index.html");
    let p3 = f.read("tin-tuc/trang/3/index.html");
    assert!(pos(&p1, "Bài 5") < pos(&p1, "Bài 4"), "newest first");
    assert!(!p1.contains("Bài 3"));
    assert!(p3.contains("Bài 1") && !p3.contains("Bài 2"));
    assert!(p1.contains(r#"href="/tin-tuc/trang/2/""#));
    assert!(!f.exists("tin-tuc/trang/4/index.html"));
}

#[test]
fn sort_by_weight_and_vietnamese_title_order() {
    let f = Fixture::new();
    f.file(
        "content/a/_index.md",
        "---\ntitle: A\nsort_by: title\n---\n",
    );
    for (i, t) in [
        "Đường làng",
        "Dương liễu",
        "Ăn uống",
        "An toàn",
        "Ê-đê",
        "Bé",
    ]
    .iter()
    .enumerate()
    {
        f.file(
            &format!("content/a/p{i}.md"),
            &format!("---\ntitle: {t}\n---\n"),
        );
    }
    f.file(
        "content/b/_index.md",
        "---\ntitle: B\nsort_by: weight\n---\n",
    );
    f.file("content/b/x.md", "---\ntitle: Thứ ba\nweight: 3\n---\n");
    f.file("content/b/y.md", "---\ntitle: Thứ nhất\nweight: 1\n---\n");
    f.file("content/b/z.md", "---\ntitle: Thứ hai\nweight: 2\n---\n");
    f.build_ok();
    let a = f.read("a/index.html");
    let order: Vec<usize> = [
        "An toàn",
        "Ăn uống",
        "Bé",
        "Dương liễu",
        "Đường làng",
        "Ê-đê",
    ]
    .iter()
    .map(|t| pos(&a, t))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "Vietnamese alphabet order: {order:?}"
    );
    let b = f.read("b/index.html");
    assert!(pos(&b, "Thứ nhất") < pos(&b, "Thứ hai") && pos(&b, "Thứ hai") < pos(&b, "Thứ ba"));
}

#[test]
fn drafts_and_future_pages_are_left_out_unless_asked() {
    let f = Fixture::new();
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n");
    f.file(
        "content/tin-tuc/nhap.md",
        &article("Bản nháp", "2024-01-01", "draft: true\n"),
    );
    f.file(
        "content/tin-tuc/tuong-lai.md",
        &article("Tương lai", "2030-01-01", ""),
    );
    f.file(
        "content/tin-tuc/hom-nay.md",
        &article("Hôm nay", "2025-12-31", ""),
    );
    f.build_ok();
    assert!(!f.exists("tin-tuc/nhap/index.html"));
    assert!(!f.exists("tin-tuc/tuong-lai/index.html"));
    assert!(f.exists("tin-tuc/hom-nay/index.html"));
    assert!(!f.read("tin-tuc/index.html").contains("Tương lai"));
    let mut o = f.opts();
    o.drafts = true;
    congxa::build(&o).unwrap();
    assert!(f.exists("tin-tuc/nhap/index.html"));
    assert!(f.exists("tin-tuc/tuong-lai/index.html"));
}

#[test]
fn markup_in_front_matter_is_escaped() {
    let f = Fixture::new();
    f.file("content/x.md", "---\ntitle: \"<script>alert(1)</script> & \\\"quotes\\\" </title>\"\nsummary: \"<b>đậm</b>\"\ntags: [\"<i>tag</i>\"]\n---\nThân bài.\n");
    f.build_ok();
    let html = f.read("x/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
    assert!(!html.contains("<b>đậm</b>"));
    assert!(!html.contains("</title> \""));
    assert!(!f.read("the/index.html").contains("<i>tag</i>"));
}

#[test]
fn nfd_and_nfc_give_the_same_site() {
    use unicode_normalization::UnicodeNormalization;
    let nfc_text = "---\ntitle: Cải cách thủ tục hành chính\n---\n## Hướng dẫn\nĐường dây nóng.\n";
    let nfd_text: String = nfc_text.nfd().collect();
    let a = Fixture::new();
    a.file("content/cải-cách.md", nfc_text);
    a.build_ok();
    let b = Fixture::new();
    let nfd_name: String = "content/cải-cách.md".nfd().collect();
    b.file(&nfd_name, &nfd_text);
    b.build_ok();
    assert_eq!(snapshot(&a.out("")), snapshot(&b.out("")));
    let html = a.read("cai-cach/index.html");
    assert!(
        html.contains(r#"<h2 id="huong-dan">Hướng dẫn</h2>"#),
        "{html}"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let f = Fixture::new();
    f.bytes(
        "content/w.md",
        "\u{feff}---\r\ntitle: Soạn trên Windows\r\n---\r\n\r\nĐoạn một.\r\n".as_bytes(),
    );
    f.build_ok();
    let html = f.read("w/index.html");
    assert!(html.contains("Soạn trên Windows") && html.contains("<p>Đoạn một.</p>"));
}

#[test]
fn sub_path_base_url_rewrites_links() {
    let f = Fixture::new();
    f.file(
        "site.yaml",
        "title: X\nbase_url: https://host.vn/xa-hoa-phu\n",
    );
    f.file("content/tin-tuc/_index.md", "---\ntitle: Tin\n---\n");
    f.file("content/tin-tuc/a.md", &article("A", "2024-01-01", ""));
    f.file("content/b.md", "---\ntitle: B\n---\n[tới A](tin-tuc/a.md#muc) và [tin](/tin-tuc/) và [ngoài](https://dichvucong.gov.vn)\n");
    f.file(
        "content/tin-tuc/a.md",
        "---\ntitle: A\ndate: 2024-01-01\n---\n## Mục\n",
    );
    f.build_ok();
    let b = f.read("b/index.html");
    assert!(b.contains(r#"href="/xa-hoa-phu/tin-tuc/a/#muc""#), "{b}");
    assert!(b.contains(r#"href="/xa-hoa-phu/tin-tuc/""#));
    assert!(b.contains(r#"href="https://dichvucong.gov.vn""#));
    assert!(b.contains(r#"href="/xa-hoa-phu/style.css""#));
    assert!(
        b.contains(r#"href="https://host.vn/xa-hoa-phu/b/""#),
        "canonical is absolute"
    );
}

#[test]
fn heading_ids_are_vietnamese_slugs_and_unique() {
    let f = Fixture::new();
    f.file(
        "content/h.md",
        "---\ntitle: H\n---\n## Hướng dẫn\n## Hướng dẫn\n## Tùy chọn {#rieng}\n[x](#huong-dan-1)\n",
    );
    f.build_ok();
    let h = f.read("h/index.html");
    assert!(h.contains(r#"<h2 id="huong-dan">"#));
    assert!(h.contains(r#"<h2 id="huong-dan-1">"#));
    assert!(h.contains(r#"<h2 id="rieng">"#));
}

#[test]
fn a_given_heading_id_is_kept_from_a_generated_one_before_it() {
    // Both attribute spellings; the generated id of the first heading would be
    // `tuy-chon` if the later, given one were not reserved first.
    for given in ["{#tuy-chon}", "{ #tuy-chon }"] {
        let f = Fixture::new();
        f.file(
            "content/h.md",
            &format!("---\ntitle: H\n---\n## Tùy chọn\n## Khác {given}\n"),
        );
        f.build_ok();
        let h = f.read("h/index.html");
        assert!(
            h.contains(r#"<h2 id="tuy-chon-1">Tùy chọn</h2>"#),
            "{given}: {h}"
        );
        assert!(h.contains(r#"<h2 id="tuy-chon">Khác</h2>"#), "{given}: {h}");
    }
}

#[test]
fn gfm_extensions_render() {
    let f = Fixture::new();
    f.file("content/g.md", "---\ntitle: G\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~bỏ~~\n\n- [x] xong\n\nChú thích[^1].\n\n[^1]: Ghi chú.\n\n\"Trích\"\n");
    f.build_ok();
    let g = f.read("g/index.html");
    assert!(
        g.contains("<table>")
            && g.contains("<del>bỏ</del>")
            && g.contains("checkbox")
            && g.contains("footnote")
    );
    assert!(g.contains("“Trích”"), "smart punctuation");
}

#[test]
fn co_located_assets_follow_their_page() {
    let f = Fixture::new();
    f.file(
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin\nsort_by: title\n---\n",
    );
    f.file("content/tin-tuc/hoi-nghi/index.md", "---\ntitle: Hội nghị\nslug: hoi-nghi-2024\nimage: anh.png\nimage_alt: Hội trường\n---\n![Hội trường](anh.png)\n");
    f.bytes("content/tin-tuc/hoi-nghi/anh.png", &tiny_png(8, 6));
    f.bytes("content/tai-lieu/kh.pdf", b"%PDF fake");
    f.build_ok();
    // A photo moves with its page, as its variants (never the original).
    assert!(f.exists("tin-tuc/hoi-nghi-2024/anh-8.webp"));
    assert!(!f.exists("tin-tuc/hoi-nghi-2024/anh.png"));
    assert!(f.exists("tai-lieu/kh.pdf"));
    assert!(
        f.read("tin-tuc/hoi-nghi-2024/index.html")
            .contains(r#"src="/tin-tuc/hoi-nghi-2024/anh-8.jpg""#)
    );
}

#[test]
fn builds_are_byte_identical() {
    let f = Fixture::with_indices();
    for i in 0..30 {
        f.file(
            &format!("content/tin-tuc/b{i}.md"),
            &article(
                &format!("Bài {i}"),
                "2024-05-05",
                "indices: [sipas, papi]\ntags: [a, b, c]\n",
            ),
        );
    }
    f.build_ok();
    let first = snapshot(&f.out(""));
    f.build_ok();
    assert_eq!(first, snapshot(&f.out("")));
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let f = Fixture::new();
    f.file("content/a.md", "---\ntitle: A\n---\n");
    f.build_ok();
    let before = snapshot(&f.out(""));
    f.file("content/b.md", "---\ntitle: B\nunknown_key: 1\n---\n");
    f.build_err();
    assert_eq!(before, snapshot(&f.out("")));
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("congxa-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn sections_at_any_depth() {
    let f = Fixture::new();
    f.file("content/a/_index.md", "---\ntitle: A\n---\n");
    f.file("content/a/b/_index.md", "---\ntitle: Mục con B\n---\n");
    f.file("content/a/b/c.md", &article("Bài C", "2024-01-01", ""));
    f.build_ok();
    assert!(f.read("a/b/index.html").contains("Bài C"));
    assert!(f.read("a/index.html").contains("Mục con B"));
    assert!(f.exists("a/b/c/index.html"));
}

#[test]
fn theme_extends_default_and_overrides_one_template() {
    let f = Fixture::new();
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file(
        "themes/rieng/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"rieng\">{{ page.title }} – {{ page.date | date_vi(weekday=true) }}</p>{% endblock content %}",
    );
    f.file(
        "content/p.md",
        "---\ntitle: Trang riêng\ndate: 2024-07-16\n---\n",
    );
    f.build_ok();
    let p = f.read("p/index.html");
    assert!(
        p.contains(r#"<p class="rieng">Trang riêng – Thứ Ba, 16/07/2024</p>"#),
        "{p}"
    );
    assert!(
        p.contains("<footer"),
        "base.html comes from the default theme"
    );
    assert!(
        f.exists("style.css"),
        "static files of the default theme are kept"
    );
}

#[test]
fn english_pages_get_english_interface_strings() {
    let f = Fixture::new();
    f.file(
        "content/lien-he.md",
        "---\ntitle: Liên hệ\ntranslation: en/contact.md\n---\n",
    );
    f.file(
        "content/en/_index.md",
        "---\ntitle: English\nlang: en\nsort_by: title\n---\n",
    );
    f.file(
        "content/en/contact.md",
        "---\ntitle: Contact\nlang: en\n---\n",
    );
    f.build_ok();
    let en = f.read("en/contact/index.html");
    assert!(en.contains(r#"<html lang="en">"#), "{en}");
    assert!(en.contains("Skip to main content"));
    let vi = f.read("lien-he/index.html");
    assert!(vi.contains(r#"<html lang="vi">"#));
    assert!(
        vi.contains(r#"href="/en/contact/""#),
        "translation link both ways: {vi}"
    );
    assert!(en.contains(r#"href="/lien-he/""#));
    let section = f.read("en/index.html");
    assert!(
        section.contains(r#"<html lang="en">"#) && section.contains("Skip to main content"),
        "section `lang: en`"
    );
}
