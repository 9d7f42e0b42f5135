//! The default theme: what every page carries (skip link, lang, Open Graph,
//! breadcrumbs, menu with the indices, footer contacts), the hooks other
//! features fill, kiosk-safe links, and the repository's own Hòa Phú site
//! (every area of every index has an article; the home page stays small).

use crate::support::*;

const SITE_WITH_ORG: &str = "title: Trang thông tin điện tử xã Thử Nghiệm\ndescription: Trang thử\nbase_url: https://xa.example.vn/\norganization: {name: UBND xã Thử Nghiệm, address: Thôn Một, phone: \"0123\", email: ubnd@xa.example.vn, hours: Sáng 7 giờ 30}\nlinks:\n  - {title: Cổng Dịch vụ công quốc gia, url: \"https://dichvucong.gov.vn\"}\n";

fn theme_site() -> Fixture {
    let f = Fixture::with_indices();
    f.file("site.yaml", SITE_WITH_ORG);
    f.file(
        "content/tin-tuc/2024-07-16-ke-hoach.md",
        "---\ntitle: Kế hoạch 93\ndate: 2024-07-16\nindices: [sipas]\nareas: [tiep-can-dich-vu]\ntags: [tuyên truyền]\ndocument: {number: 93/KH-UBND, issued: 2024-07-16, issuer: UBND xã, type: Kế hoạch}\n---\n\nNội dung kế hoạch.\n\n## Mục đích\n\nA.\n\n## Yêu cầu\n\nB.\n\n## Nội dung\n\nC.\n",
    );
    f.file(
        "content/tin-tuc/2024-07-17-bai-hai.md",
        "---\ntitle: Bài hai\ndate: 2024-07-17\nindices: [sipas]\nareas: [tiep-can-dich-vu]\n---\n\nBài thứ hai.\n",
    );
    f
}

#[test]
fn every_page_has_lang_skip_link_open_graph_and_favicon() {
    let f = theme_site();
    f.build_ok();
    let page = f.read("tin-tuc/ke-hoach/index.html");
    for needle in [
        r#"<html lang="vi">"#,
        r##"<a class="skip-link" href="#noi-dung">"##,
        r#"<main id="noi-dung""#,
        r#"<meta property="og:title" content="Kế hoạch 93">"#,
        r#"<meta property="og:url" content="https://xa.example.vn/tin-tuc/ke-hoach/">"#,
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:locale" content="vi_VN">"#,
        r#"<meta property="og:description" content="Nội dung kế hoạch.">"#,
        r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#,
        "<title>Kế hoạch 93 – Trang thông tin điện tử xã Thử Nghiệm</title>",
    ] {
        assert!(page.contains(needle), "missing {needle} in:\n{page}");
    }
    assert!(f.exists("favicon.svg"));
    let home = f.read("index.html");
    assert!(home.contains(r#"<meta property="og:type" content="website">"#));
    assert!(home.contains("<title>Trang thông tin điện tử xã Thử Nghiệm</title>"));
    let not_found = f.read("404.html");
    assert!(not_found.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!not_found.contains(r#"rel="canonical""#));
}

#[test]
fn header_menu_shows_index_codes_and_marks_the_current_section() {
    let f = theme_site();
    f.build_ok();
    let page = f.read("tin-tuc/ke-hoach/index.html");
    let nav = &page[pos(&page, r#"<nav class="main-nav""#)..];
    let nav = &nav[..pos(nav, "</nav>")];
    // Menu order: tin-tuc (menu 1), sipas (menu 2); indices shown by their code.
    let news = pos(
        nav,
        r#"<a href="/tin-tuc/" aria-current="true">Tin tức</a>"#,
    );
    let sipas = pos(nav, r#"<a href="/sipas/">SIPAS</a>"#);
    assert!(news < sipas, "{nav}");
    assert!(page.contains(r#"<span class="brand-org">UBND xã Thử Nghiệm</span>"#));
    assert!(
        page.contains(r#"<span class="brand-title">Trang thông tin điện tử xã Thử Nghiệm</span>"#)
    );
}

/// The `<nav>` of `html` that starts with `start`, up to its end tag.
fn nav(html: &str, start: &str) -> String {
    let nav = &html[pos(html, start)..];
    nav[..pos(nav, "</nav>")].to_string()
}

#[test]
fn menus_mark_the_current_page_and_the_section_holding_it() {
    let f = theme_site();
    f.file("site.yaml", &format!("{SITE_WITH_ORG}paginate: 1\n"));
    f.build_ok();
    let main_menu = |rel: &str| nav(&f.read(rel), r#"<nav class="main-nav""#);
    let news = |mark: &str| format!(r#"<a href="/tin-tuc/"{mark}>Tin tức</a>"#);
    let sipas = |mark: &str| format!(r#"<a href="/sipas/"{mark}>SIPAS</a>"#);
    for (rel, news_mark, sipas_mark) in [
        ("index.html", "", ""),
        ("tin-tuc/index.html", r#" aria-current="page""#, ""),
        ("tin-tuc/trang/2/index.html", r#" aria-current="true""#, ""),
        ("tin-tuc/ke-hoach/index.html", r#" aria-current="true""#, ""),
        ("sipas/index.html", "", r#" aria-current="page""#),
        (
            "sipas/tiep-can-dich-vu/index.html",
            "",
            r#" aria-current="true""#,
        ),
        ("the/index.html", "", ""),
    ] {
        let nav = main_menu(rel);
        assert!(nav.contains(&news(news_mark)), "{rel}: {nav}");
        assert!(nav.contains(&sipas(sipas_mark)), "{rel}: {nav}");
    }
    // The side column of an area's pages marks that area; of an article, none.
    let areas_box = |rel: &str| {
        let html = f.read(rel);
        let at = pos(&html, r#"aria-labelledby="cx-cac-linh-vuc""#);
        html[at..at + pos(&html[at..], "</nav>")].to_string()
    };
    let area = r#"<a href="/sipas/tiep-can-dich-vu/""#;
    let first = areas_box("sipas/tiep-can-dich-vu/index.html");
    assert!(
        first.contains(&format!(r#"{area} aria-current="page">"#)),
        "{first}"
    );
    let second = areas_box("sipas/tiep-can-dich-vu/trang/2/index.html");
    assert!(
        second.contains(&format!(r#"{area} aria-current="true">"#)),
        "{second}"
    );
    let article = areas_box("tin-tuc/ke-hoach/index.html");
    assert!(article.contains(&format!("{area}>")) && !article.contains("aria-current"));
    // The side menu of tag pages marks the tags link.
    let tag = f.read("the/tuyen-truyen/index.html");
    assert!(
        tag.contains(r#"<a href="/the/" aria-current="true">"#),
        "{tag}"
    );
    let section = f.read("tin-tuc/index.html");
    assert!(section.contains(r#"<a href="/the/">"#), "{section}");
}

#[test]
fn breadcrumbs_lead_from_home_to_the_page() {
    let f = theme_site();
    f.file("site.yaml", &format!("{SITE_WITH_ORG}paginate: 1\n"));
    f.build_ok();
    let crumbs = |rel: &str| nav(&f.read(rel), r#"<nav class="breadcrumb""#);
    let page = crumbs("tin-tuc/ke-hoach/index.html");
    assert!(
        page.contains(r#"<li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li><li class="here"><span aria-current="page">Kế hoạch 93</span></li>"#),
        "{page}"
    );
    let area = crumbs("sipas/tiep-can-dich-vu/index.html");
    assert!(
        area.contains(r#"<li><a href="/sipas/">SIPAS</a></li><li class="here"><span aria-current="page">Tiếp cận dịch vụ hành chính công</span></li>"#),
        "{area}"
    );
    let second = crumbs("tin-tuc/trang/2/index.html");
    assert!(
        second.contains(r#"<li><a href="/tin-tuc/">Tin tức</a></li><li class="here"><span aria-current="page">Trang 2</span></li>"#),
        "{second}"
    );
    assert!(
        f.read("tin-tuc/trang/2/index.html")
            .contains("<title>Tin tức – Trang 2 – ")
    );
    assert!(!f.read("index.html").contains(r#"class="breadcrumb""#));
}

#[test]
fn articles_show_badges_document_toc_tags_and_related() {
    let f = theme_site();
    f.build_ok();
    let page = f.read("tin-tuc/ke-hoach/index.html");
    let badges = pos(
        &page,
        r#"<a class="badge badge-index" href="/sipas/">SIPAS</a>"#,
    );
    let area = pos(
        &page,
        r#"<a class="badge badge-area" href="/sipas/tiep-can-dich-vu/">Tiếp cận dịch vụ hành chính công</a>"#,
    );
    assert!(badges < area);
    assert!(
        page.contains(r#"<time datetime="2024-07-16T00:00:00+07:00">Thứ Ba, 16/07/2024</time>"#),
        "{page}"
    );
    assert!(page.contains("<dt>Số hiệu</dt><dd>93/KH-UBND</dd>"));
    assert!(
        page.contains(r##"<a href="#muc-dich">Mục đích</a>"##),
        "table of contents"
    );
    assert!(page.contains(r#"<a href="/the/tuyen-truyen/">tuyên truyền</a>"#));
    let related = &page[pos(&page, r#"id="cx-lien-quan""#)..];
    assert!(related.contains(r#"<a href="/tin-tuc/bai-hai/">Bài hai</a>"#));
}

#[test]
fn index_page_shows_area_cards_with_article_counts() {
    let f = theme_site();
    f.build_ok();
    let index = f.read("sipas/index.html");
    let first = pos(
        &index,
        r#"<h3><a href="/sipas/tiep-can-dich-vu/">Tiếp cận dịch vụ hành chính công</a></h3>"#,
    );
    let count = pos(
        &index[first..],
        r#"<span class="badge badge-count">2 bài viết</span>"#,
    );
    let second = pos(
        &index,
        r#"<h3><a href="/sipas/thu-tuc-hanh-chinh/">Thủ tục hành chính</a></h3>"#,
    );
    assert!(first + count < second);
    assert!(index[second..].contains(r#"<span class="badge badge-count">0 bài viết</span>"#));
    assert!(index.contains("<dt>Cơ quan đánh giá</dt><dd>Bộ Nội vụ</dd>"));
    let home = f.read("index.html");
    assert!(home.contains(r#"<span class="index-code">SIPAS</span>"#));
    assert!(home.contains("2 lĩnh vực · 2 bài viết"), "{home}");
}

#[test]
fn footer_carries_the_organisation_and_related_agencies() {
    let f = theme_site();
    f.build_ok();
    let home = f.read("index.html");
    let footer = &home[pos(&home, r#"<footer class="site-footer">"#)..];
    for needle in [
        "<dt>Địa chỉ</dt><dd>Thôn Một</dd>",
        "<dt>Điện thoại</dt><dd>0123</dd>",
        r#"<a href="mailto:ubnd@xa.example.vn">ubnd@xa.example.vn</a>"#,
        "<dt>Giờ làm việc</dt><dd>Sáng 7 giờ 30</dd>",
        r#"<a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>"#,
        r#"<a href="/van-ban/">Văn bản</a>"#,
    ] {
        assert!(footer.contains(needle), "missing {needle} in:\n{footer}");
    }
}

#[test]
fn hooks_for_other_features_sit_where_documented() {
    let f = theme_site();
    f.file("site.yaml", &format!("{SITE_WITH_ORG}theme: mine\n"));
    f.file("themes/mine/theme.yaml", "extends: default\n");
    f.file(
        "themes/mine/templates/partials/head_links.html",
        r#"<link rel="alternate" type="application/atom+xml" href="{{ url(path='/atom.xml') }}" id="hook-head">"#,
    );
    f.file(
        "themes/mine/templates/partials/page_actions.html",
        r#"<p id="hook-actions">{{ page.title }}</p>"#,
    );
    f.file(
        "themes/mine/templates/partials/scores.html",
        r#"<p id="hook-scores">{{ index.code }}</p>"#,
    );
    f.build_ok();
    let page = f.read("tin-tuc/ke-hoach/index.html");
    let head_end = pos(&page, "</head>");
    assert!(pos(&page, r#"id="hook-head""#) < head_end);
    let badges = pos(&page, r#"class="badges""#);
    let actions = pos(&page, r#"<p id="hook-actions">Kế hoạch 93</p>"#);
    let document = pos(&page, r#"class="document-box""#);
    assert!(badges < actions && actions < document, "{page}");
    let index = f.read("sipas/index.html");
    let description = pos(&index, r#"<dl class="facts">"#);
    let scores = pos(&index, r#"<p id="hook-scores">SIPAS</p>"#);
    let areas = pos(&index, r#"id="cx-linh-vuc""#);
    assert!(description < scores && scores < areas);
}

#[test]
fn url_and_abs_url_filters_give_the_same_links_as_the_functions() {
    let f = theme_site();
    f.file("site.yaml", &format!("{SITE_WITH_ORG}theme: mine\n"));
    f.file("themes/mine/theme.yaml", "extends: default\n");
    // Every kind of path the default theme links: the home page, a page, a file
    // with an anchor and a query, an outside address.
    let mut probes = String::new();
    for path in [
        "/",
        "/sipas/tiep-can-dich-vu/",
        "/tai-lieu/ke-hoach.pdf#trang-2",
        "/tim-kiem/?q=hai+long",
        "https://dichvucong.gov.vn/",
    ] {
        probes.push_str(&format!(
            "<p class=\"probe\">{{{{ url(path='{path}') }}}}|{{{{ '{path}' | url }}}}|{{{{ abs_url(path='{path}') }}}}|{{{{ '{path}' | abs_url }}}}</p>\n"
        ));
    }
    f.file("themes/mine/templates/partials/page_actions.html", &probes);
    let check = |f: &Fixture, expect_first: &str| {
        let page = f.read("tin-tuc/ke-hoach/index.html");
        let probes: Vec<&str> = page
            .lines()
            .filter_map(|l| {
                l.trim_start()
                    .strip_prefix(r#"<p class="probe">"#)?
                    .strip_suffix("</p>")
            })
            .collect();
        assert_eq!(probes.len(), 5, "{page}");
        for p in &probes {
            let forms: Vec<&str> = p.split('|').collect();
            assert_eq!(forms[0], forms[1], "url() and | url differ: {p}");
            assert_eq!(forms[2], forms[3], "abs_url() and | abs_url differ: {p}");
        }
        assert!(probes[1].starts_with(expect_first), "{}", probes[1]);
    };
    f.build_ok();
    check(&f, "/sipas/tiep-can-dich-vu/|");
    f.file(
        "site.yaml",
        &format!(
            "{}theme: mine\n",
            SITE_WITH_ORG.replace("xa.example.vn/", "xa.example.vn/hoa-phu/")
        ),
    );
    f.build_ok();
    check(&f, "/hoa-phu/sipas/tiep-can-dich-vu/|");
    let mut opts = f.opts();
    opts.relative = true;
    congxa::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    check(&f, "../../sipas/tiep-can-dich-vu/index.html|");
}

#[test]
fn kiosk_build_has_no_root_relative_link_in_any_page() {
    let f = theme_site();
    let mut opts = f.opts();
    opts.relative = true;
    congxa::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for (path, bytes) in snapshot(&f.root().join("output")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in [r#"href="/"#, r#"src="/"#, r#"action="/"#] {
            assert!(
                !html.contains(attr),
                "{path} has {attr}…: every link must go through url()"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10);
    let page = f.read("tin-tuc/ke-hoach/index.html");
    assert!(page.contains(r#"href="../../style.css""#));
    assert!(page.contains(r#"href="../../sipas/tiep-can-dich-vu/index.html""#));
}

/// The repository's own site (content/ and site.yaml at the crate root).
fn hoa_phu() -> congxa::pipeline::RenderedSite {
    let opts = congxa::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    congxa::render_site(&opts).unwrap_or_else(|e| panic!("the Hòa Phú site does not build:\n{e}"))
}

#[test]
fn hoa_phu_has_an_article_for_every_area_of_every_index() {
    let r = hoa_phu();
    let keys: Vec<&str> = r.site.indices.iter().map(|i| i.key.as_str()).collect();
    for key in ["par-index", "papi", "sipas"] {
        assert!(keys.contains(&key), "index {key} missing: {keys:?}");
    }
    let expected_areas = [("par-index", 7), ("papi", 8), ("sipas", 5)];
    for (key, n) in expected_areas {
        let ix = r.site.indices.iter().find(|i| i.key == key).unwrap();
        assert_eq!(ix.areas.len(), n, "{key} areas");
        for a in &ix.areas {
            assert!(!a.pages.is_empty(), "{key}/{}: no article", a.key);
        }
    }
    let with_areas = r.site.pages.iter().filter(|p| !p.areas.is_empty()).count();
    assert!(with_areas >= 20, "{with_areas} articles name an area");
}

#[test]
fn hoa_phu_home_page_is_under_100_kb_without_images() {
    let r = hoa_phu();
    let size = |name: &str| {
        r.files
            .iter()
            .find(|f| f.path == name)
            .map(|f| match &f.body {
                congxa::render::Body::Bytes(b) => b.len(),
                congxa::render::Body::File(src) => src.read().unwrap().len(),
            })
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let total = size("index.html") + size("style.css");
    assert!(total < 100 * 1024, "home page + stylesheet = {total} bytes");
}

#[test]
fn english_pages_get_english_strings_and_mark_vietnamese_parts() {
    let f = theme_site();
    f.file(
        "content/en/_index.md",
        "---\ntitle: English\nsort_by: weight\n---\n",
    );
    f.file(
        "content/en/contact.md",
        "---\ntitle: Contact\nlang: en\n---\n\nThe People's Committee.\n",
    );
    f.build_ok();
    let page = f.read("en/contact/index.html");
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains(r#"<meta property="og:locale" content="en_US">"#));
    assert!(
        page.contains(">Skip to main content</a>"),
        "English interface strings"
    );
    assert!(
        page.contains(r#"<span class="brand-text" lang="vi">"#),
        "{page}"
    );
    assert!(page.contains(r#"<dd lang="vi">Thôn Một</dd>"#));
    let vi = f.read("tin-tuc/ke-hoach/index.html");
    assert_eq!(
        vi.matches(r#"lang="vi""#).count(),
        1,
        "only <html> carries lang on pages in the site's language"
    );
}

/// [`theme_site`] with an English section and page, and a page in the site's
/// language that, like the English one, is in no menu section (the same kind
/// of page and menu marking, another language).
fn bilingual_theme_site() -> Fixture {
    let f = theme_site();
    f.file(
        "content/en/_index.md",
        "---\ntitle: English\nlang: en\n---\n",
    );
    f.file(
        "content/en/contact.md",
        "---\ntitle: Contact\nlang: en\ndate: 2024-07-18\n---\n\nThe People's Committee.\n",
    );
    f.file(
        "content/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\n\nXã.\n",
    );
    f
}

/// The two builds wrote the same files, byte for byte.
fn assert_same_site(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    assert_eq!(a.len(), b.len());
    for ((path_a, x), (path_b, y)) in a.iter().zip(b) {
        assert_eq!(path_a, path_b);
        assert!(x == y, "{path_a} differs");
    }
}

/// The default theme with `partials/card.html` replaced by `card`.
fn with_card_template(f: &Fixture, card: &str) {
    f.file("site.yaml", &format!("{SITE_WITH_ORG}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file("themes/rieng/templates/partials/card.html", card);
}

#[test]
fn cards_printed_from_p_html_equal_the_included_template() {
    // Lists print `p.html` (the card rendered once) with the default theme; a
    // card template that reads a list's own variable is included by every list
    // instead. Both must give the same site, English lists included.
    let f = bilingual_theme_site();
    f.build_ok();
    let shared = snapshot(&f.out(""));
    let default_card = include_str!("../../themes/default/templates/partials/card.html");
    let included = default_card.replace(
        r#"<article class="card""#,
        r#"<article class="card"{% if paginator %}{% endif %}"#,
    );
    assert_ne!(included, default_card);
    with_card_template(&f, &included);
    f.build_ok();
    assert_same_site(&shared, &snapshot(&f.out("")));
    assert!(f.read("tin-tuc/index.html").contains("Bài hai"));
}

#[test]
fn a_card_is_rendered_on_its_own_once_unless_links_or_language_depend_on_the_list() {
    let f = bilingual_theme_site();
    with_card_template(
        &f,
        r#"<article class="card" data-kind="{{ kind }}"><a href="{{ p.path | url }}">{{ p.title }}</a></article>"#,
    );
    f.build_ok();
    let section = f.read("tin-tuc/index.html");
    assert!(
        section.contains(r#"<article class="card" data-kind="card"><a href="/tin-tuc/bai-hai/">Bài hai</a></article>"#),
        "{section}"
    );
    assert!(!section.contains(r#"data-kind="section""#), "{section}");
    let tag = f.read("the/tuyen-truyen/index.html");
    assert!(tag.contains(r#"data-kind="card""#), "{tag}");
    // A list in another language renders the card in its own context.
    let english = f.read("en/index.html");
    assert!(english.contains(r#"data-kind="section""#), "{english}");
    // So does every list of a kiosk build (its links are relative to the list).
    let out = f.cli(&["build", "--relative", "--quiet"]);
    assert!(out.status.success(), "{out:?}");
    let kiosk = f.read("tin-tuc/index.html");
    assert!(
        kiosk.contains(r#"data-kind="section"><a href="bai-hai/index.html">Bài hai</a>"#),
        "{kiosk}"
    );
    // A card template that reads a list's variable is always rendered by the list.
    with_card_template(
        &f,
        r#"<article class="card" data-kind="{{ kind }}">{{ p.title }}{% if paginator %} {{ paginator.number }}{% endif %}</article>"#,
    );
    f.build_ok();
    let section = f.read("tin-tuc/index.html");
    assert!(
        section.contains(r#"<article class="card" data-kind="section">Bài hai 1</article>"#),
        "{section}"
    );
}

#[test]
fn a_card_template_error_names_the_card_and_how_cards_are_rendered() {
    let f = theme_site();
    f.build_ok();
    let before = snapshot(&f.out(""));
    with_card_template(&f, "<article>\n{{ p.tieu_de | upper }}</article>\n");
    let msg = f.build_err_en();
    for needle in [
        "themes/rieng/templates/partials/card.html:2:",
        "while rendering the card of /tin-tuc/",
        "(content/tin-tuc/",
        "also renders each card on its own (`p.html`)",
    ] {
        assert!(msg.contains(needle), "expected `{needle}` in:\n{msg}");
    }
    assert_eq!(snapshot(&f.out("")), before, "the previous site stays");
}

#[test]
fn the_areas_box_made_once_equals_the_included_template() {
    // Articles print the areas box rendered once per index and language
    // (`areas_box_html`); a box template that reads the page's own variables is
    // included by every article instead. Both must give the same site, and area
    // pages (which always include it) mark their area the same either way.
    let f = bilingual_theme_site();
    f.file(
        "content/en/area-note.md",
        "---\ntitle: Area note\nlang: en\ndate: 2024-07-19\nindices: [sipas]\nareas: [tiep-can-dich-vu]\n---\n\nA note.\n",
    );
    f.build_ok();
    let made_once = snapshot(&f.out(""));
    let page = f.read("tin-tuc/ke-hoach/index.html");
    assert!(
        page.contains(r#"<nav class="side-box" aria-labelledby="cx-cac-linh-vuc">"#),
        "{page}"
    );
    let area = f.read("sipas/tiep-can-dich-vu/index.html");
    assert!(area.contains(r#"aria-current="page""#), "{area}");
    f.file("site.yaml", &format!("{SITE_WITH_ORG}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    let default_box = include_str!("../../themes/default/templates/partials/index_areas_box.html");
    let reads_the_page = default_box.replace(
        r#"<nav class="side-box""#,
        r#"<nav{% if current_path %}{% endif %} class="side-box""#,
    );
    assert_ne!(reads_the_page, default_box);
    f.file(
        "themes/rieng/templates/partials/index_areas_box.html",
        &reads_the_page,
    );
    f.build_ok();
    assert_same_site(&made_once, &snapshot(&f.out("")));
}

#[test]
fn the_page_frame_made_once_equals_the_included_templates() {
    // The default theme's header and footer are rendered once per language,
    // kind of page and menu marking; templates that also read `current_path`
    // are included by every page instead. Both must give the same site.
    let f = bilingual_theme_site();
    f.build_ok();
    let made_once = snapshot(&f.out(""));
    f.file("site.yaml", &format!("{SITE_WITH_ORG}theme: rieng\n"));
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    for (name, text) in [
        (
            "site_header.html",
            include_str!("../../themes/default/templates/partials/site_header.html"),
        ),
        (
            "site_footer.html",
            include_str!("../../themes/default/templates/partials/site_footer.html"),
        ),
    ] {
        let tag = name.trim_start_matches("site_").trim_end_matches(".html");
        let open = format!("<{tag} class=\"site-{tag}\">");
        assert!(text.contains(&open), "{name}");
        let reads_the_page = text.replace(
            &open,
            &format!("{open}{{% if current_path %}}{{% endif %}}"),
        );
        f.file(
            &format!("themes/rieng/templates/partials/{name}"),
            &reads_the_page,
        );
    }
    f.build_ok();
    assert_same_site(&made_once, &snapshot(&f.out("")));
    let english = f.read("en/contact/index.html");
    assert!(english.contains(">Skip to main content</a>"), "{english}");
}

#[test]
fn range_and_date_vi_misuse_is_said_in_the_editors_language() {
    // The texts congxa hands Tera (its own `range()` and `date_vi`) come from
    // the catalogue, in the language of the command line.
    let f = theme_site();
    with_card_template(
        &f,
        "<article>\n{% for i in range(start=5, end=1) %}{{ i }}{% endfor %}</article>\n",
    );
    let vi = f.cli(&["build"]);
    let vi = String::from_utf8_lossy(&vi.stderr).into_owned();
    assert!(
        vi.contains("hàm `range` được gọi với `start` (5) lớn hơn `end` (1)"),
        "{vi}"
    );
    let en = f.cli_en(&["check"]);
    let en = String::from_utf8_lossy(&en.stderr).into_owned();
    assert!(
        en.contains("function `range` was called with `start` (5) greater than `end` (1)"),
        "{en}"
    );
    assert!(!en.contains("hàm `range`"), "{en}");
    for (card, vi_text, en_text) in [
        (
            "{% for i in range(end=3, step_by=0) %}{% endfor %}",
            "`step_by=0`; bước phải khác 0",
            "`step_by=0`; the step must not be 0",
        ),
        (
            "{% for i in range(end=200000) %}{% endfor %}",
            "sẽ tạo 200000 số, quá giới hạn 100000",
            "would produce 200000 numbers, over the limit of 100000",
        ),
        ("{{ \"31/02/2024\" | date_vi }}", "31/02/2024", "31/02/2024"),
    ] {
        with_card_template(&f, &format!("<article>{card}</article>\n"));
        let vi = f.build_err();
        let en = f.build_err_en();
        assert!(vi.contains(vi_text), "{vi}");
        assert!(en.contains(en_text), "{en}");
        assert_ne!(
            vi.split("partials/card.html").nth(1),
            en.split("partials/card.html").nth(1),
            "the same text in both languages:\n{vi}"
        );
    }
}
