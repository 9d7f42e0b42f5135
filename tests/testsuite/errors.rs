//! Every bad input of SPEC.md gives `path:line:col: message` with a hint,
//! all problems at once, and leaves the previous output byte-identical.

use crate::support::*;

/// Build a good site, break it with `setup`, and check the failed build's
/// message contains each of `expected` while the old output stays intact.
fn fails_with(setup: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/ok.md",
        "---\ntitle: Ổn\ndate: 2024-01-01\n---\n## Mục một\n",
    );
    f.build_ok();
    let before = snapshot(&f.out(""));
    setup(&f);
    let msg = f.build_err();
    for e in expected {
        assert!(msg.contains(e), "expected `{e}` in:\n{msg}");
    }
    assert_eq!(
        before,
        snapshot(&f.out("")),
        "previous output must be untouched"
    );
    let out = f.cli(&["check"]);
    assert_eq!(out.status.code(), Some(1), "check exits 1");
    msg
}

/// Make the site use theme `rieng`, which extends the default theme and
/// overrides one template.
fn theme_with(f: &Fixture, template: &str, text: &str) {
    f.file("themes/rieng/theme.yaml", "extends: default\n");
    f.file(&format!("themes/rieng/templates/{template}"), text);
    f.file("site.yaml", &format!("{SITE_YAML}theme: rieng\n"));
}

#[test]
fn malformed_yaml() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "---\ntitle: A\ndate: [2024\n---\n");
        },
        &[
            "content/tin-tuc/x.md:3:7: `date` phải là một giá trị viết liền, không phải danh sách hay nhóm khóa",
            "gợi ý",
        ],
    );
}

#[test]
fn missing_front_matter_fence() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "title: A\n");
        },
        &[
            "content/tin-tuc/x.md:1:1: thiếu phần đầu bài (front matter)",
            "mở đầu tệp bằng một dòng `---`",
        ],
    );
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "---\ntitle: A\n");
        },
        &["content/tin-tuc/x.md:1:1: phần đầu bài (front matter) chưa được đóng"],
    );
}

#[test]
fn non_utf8_file() {
    fails_with(
        |f| {
            f.bytes("content/tin-tuc/x.md", b"---\ntitle: Ho\xe0 Ph\xfa\n---\n");
        },
        &["content/tin-tuc/x.md:2:10: tệp không phải UTF-8", "UTF-8"],
    );
}

#[test]
fn unknown_front_matter_key_with_suggestion() {
    fails_with(
        |f| {
            f.file(
                "content/tin-tuc/x.md",
                "---\ntitle: A\ndate: 2024-01-01\ntagz: [a]\n---\n",
            );
        },
        &[
            "content/tin-tuc/x.md:4:1: khóa `tagz` không dùng được ở đây",
            "có phải là `tags`?",
            " 4 | tagz: [a]",
        ],
    );
}

#[test]
fn unknown_index_and_area_with_did_you_mean() {
    let msg = fails_with(
        |f| {
            f.file(
                "content/tin-tuc/x.md",
                "---\ntitle: A\ndate: 2024-01-01\nindices: [sipass]\n---\n",
            );
            f.file("content/tin-tuc/y.md", "---\ntitle: B\ndate: 2024-01-01\nindices: [sipas]\nareas: [tiep-can-dich-vuu]\n---\n");
        },
        &[
            "content/tin-tuc/x.md:4:11: không có chỉ số `sipass`",
            "có phải là `sipas`?",
            "content/tin-tuc/y.md:5:9: không có lĩnh vực `tiep-can-dich-vuu` trong các chỉ số đã ghi",
            "có phải là `tiep-can-dich-vu`?",
        ],
    );
    assert!(
        msg.contains("2 lỗi"),
        "both problems reported at once:\n{msg}"
    );
}

#[test]
fn area_of_an_unlisted_index() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "---\ntitle: A\ndate: 2024-01-01\nindices: [papi]\nareas: [tiep-can-dich-vu]\n---\n");
        },
        &[
            "không có lĩnh vực `tiep-can-dich-vu`",
            "là lĩnh vực của chỉ số `sipas`: thêm `sipas` vào `indices`",
        ],
    );
}

#[test]
fn bad_date() {
    fails_with(
        |f| {
            f.file(
                "content/tin-tuc/x.md",
                "---\ntitle: A\ndate: 2024-02-30\n---\n",
            );
        },
        &[
            "content/tin-tuc/x.md:3:7: ngày `2024-02-30` không có thật: tháng 2 năm 2024 chỉ có 29 ngày",
            "`date: 16/7/2024`",
        ],
    );
}

#[test]
fn duplicate_url() {
    fails_with(
        |f| {
            f.file(
                "content/tin-tuc/a.md",
                "---\ntitle: A\ndate: 2024-01-01\nslug: trung\n---\n",
            );
            f.file(
                "content/tin-tuc/b.md",
                "---\ntitle: B\ndate: 2024-01-01\nslug: trung\n---\n",
            );
        },
        &[
            "trùng địa chỉ (URL) `/tin-tuc/trung/`: `content/tin-tuc/b.md` và `content/tin-tuc/a.md` sẽ cùng được ghi vào đó",
            "content/tin-tuc/b.md:4:7:",
        ],
    );
}

#[test]
fn image_without_alt() {
    fails_with(
        |f| {
            f.bytes("content/tin-tuc/a.png", b"png");
            f.file(
                "content/tin-tuc/x.md",
                "---\ntitle: A\ndate: 2024-01-01\nimage: a.png\n---\n",
            );
        },
        &[
            "content/tin-tuc/x.md:4:8: có `image` nhưng thiếu `image_alt`",
            "thêm `image_alt:`",
        ],
    );
}

#[test]
fn link_to_missing_page_and_anchor() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "---\ntitle: A\ndate: 2024-01-01\n---\nXem [bài](khong-co.md) và\n[mục](ok.md#muc-hai) và [trang](/khong-co/).\n");
        },
        &[
            "content/tin-tuc/x.md:5:5: liên kết tới trang hoặc tệp không có: `khong-co.md`",
            "content/tin-tuc/x.md:6:1: liên kết tới mục `#muc-hai` không có",
            "có phải là `#muc-mot`?",
            "content/tin-tuc/x.md:6:25: liên kết tới trang hoặc tệp không có: `/khong-co/`",
        ],
    );
}

#[test]
fn template_syntax_error() {
    fails_with(
        |f| {
            f.file("themes/default/theme.yaml", "extends: default\n");
        },
        &[],
    );
    fails_with(
        |f| {
            theme_with(
                f,
                "page.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n",
            );
        },
        &[
            "themes/rieng/templates/page.html:",
            "lỗi cú pháp trong mẫu giao diện",
        ],
    );
}

#[test]
fn missing_theme() {
    fails_with(
        |f| {
            f.file("site.yaml", &format!("{SITE_YAML}theme: defualt\n"));
        },
        &[
            "không có giao diện `defualt`",
            "có phải là `theme: default`?",
        ],
    );
}

#[test]
fn unknown_site_yaml_key() {
    fails_with(
        |f| {
            f.file("site.yaml", &format!("{SITE_YAML}paginte: 3\n"));
        },
        &[
            "site.yaml:4:1: khóa `paginte` không dùng được ở đây",
            "có phải là `paginate`?",
        ],
    );
}

#[test]
fn output_dir_equal_to_or_above_the_root_is_refused() {
    let f = Fixture::new();
    for out in [".", ".."] {
        let mut o = f.opts();
        o.output = Some(f.root().join(out));
        let e = congxa::build(&o).unwrap_err().to_string();
        assert!(e.contains("thư mục kết quả"), "{e}");
    }
    let mut o = f.opts();
    o.output = Some(f.root().join("content/out"));
    assert!(
        congxa::build(&o)
            .unwrap_err()
            .to_string()
            .contains("nằm trong `content/`")
    );
    // A non-empty directory congxa did not create is never replaced.
    f.file("output/quan-trong.txt", "dữ liệu");
    let e = f.build_err();
    assert!(e.contains("không do congxa tạo ra"), "{e}");
    assert_eq!(
        std::fs::read_to_string(f.out("quan-trong.txt")).unwrap(),
        "dữ liệu"
    );
}

#[test]
fn symlink_out_of_the_site_is_refused() {
    let f = Fixture::new();
    std::os::unix::fs::symlink("/etc/passwd", f.root().join("content/passwd")).unwrap();
    let e = f.build_err();
    assert!(
        e.contains(
            "content/passwd:1:1: liên kết tượng trưng (symbolic link) trỏ ra ngoài trang web"
        ),
        "{e}"
    );
}

#[test]
fn section_sorted_by_date_needs_dates() {
    fails_with(
        |f| {
            f.file("content/tin-tuc/x.md", "---\ntitle: Không ngày\n---\n");
        },
        &["content/tin-tuc/x.md:2:1: cần có `date`", "sort_by: weight"],
    );
}

#[test]
fn runtime_template_error_in_a_leaflet_is_found_by_build_and_check() {
    // `check` skips making QR codes, broadcast scripts and the search index, but
    // still renders every template of every output: an error that only shows
    // when a page's leaflet is rendered must fail both commands.
    fails_with(
        |f| {
            theme_with(
                f,
                "leaflet.html",
                "{{ leaflet.qr_svg | safe }}<p>{{ page.title | date_vi }}</p>\n",
            );
        },
        &["tờ rơi /tin-tuc/ok/in/"],
    );
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/ok.md",
        "---\ntitle: Ổn\ndate: 2024-01-01\n---\nNội dung.\n",
    );
    theme_with(&f, "leaflet.html", "<p>{{ page.title | date_vi }}</p>\n");
    let out = f.cli(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("tờ rơi /tin-tuc/ok/in/"), "{stderr}");
    assert!(!f.out("").exists(), "check writes nothing");
}

#[test]
fn unknown_template_helpers_are_each_reported_at_their_place() {
    // Tera checks the templates as a set and reports these in one message;
    // each must come out as its own `path:line:col` with a suggestion.
    let msg = fails_with(
        |f| {
            theme_with(
                f,
                "page.html",
                "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title | uppr }}</h1>\n\
                 <a href=\"{{ urll(path='/') }}\">x</a>{% endblock content %}\n{% block cuoi %}{% endblock cuoi %}\n",
            );
        },
        &[
            "themes/rieng/templates/page.html:2:40: lỗi trong mẫu giao diện: Unknown filter `uppr`",
            "có phải là `upper`?",
            "themes/rieng/templates/page.html:3:13: lỗi trong mẫu giao diện: Unknown function `urll`",
            "có phải là `url`?",
            "themes/rieng/templates/page.html:4:10: lỗi trong mẫu giao diện: Block `cuoi` is not defined in any parent template",
            "3 lỗi",
        ],
    );
    assert!(!msg.contains("templates:1:1"), "{msg}");
    // The offending line is shown with a caret under the column.
    let at = msg.find("Unknown filter").unwrap();
    let shown: Vec<&str> = msg[at..].lines().take(3).collect();
    let caret = shown[2].find('^').unwrap();
    assert_eq!(&shown[1][caret..caret + 4], "uppr", "{msg}");
}

#[test]
fn one_template_error_on_every_page_is_reported_once() {
    let msg = fails_with(
        |f| {
            f.file(
                "content/tin-tuc/hai.md",
                "---\ntitle: Hai\ndate: 2024-01-02\n---\nBài hai.\n",
            );
            theme_with(
                f,
                "page.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ page.tieu_de | upper }}{% endblock content %}\n",
            );
        },
        &[
            "themes/rieng/templates/page.html:2:",
            "khi dựng /tin-tuc/hai/ (content/tin-tuc/hai.md) và 1 trang khác gặp cùng lỗi này; xem các biến của mẫu giao diện trong hướng dẫn sử dụng (reference/template-context)",
            "1 lỗi",
        ],
    );
    assert_eq!(msg.matches("page.html:2:").count(), 1, "{msg}");
}
