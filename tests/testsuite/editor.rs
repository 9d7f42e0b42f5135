//! The editor's language (issue #22): Vietnamese dates, plain messages for
//! YAML mistakes, warnings for silent mistakes, `new` and `init` for a
//! commune official.

use crate::support::*;

/// A site with a news section holding `x.md` with this front matter.
fn news(front: &str) -> Fixture {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/x.md",
        &format!("---\n{front}---\nNội dung.\n"),
    );
    f
}

#[test]
fn day_first_dates_are_read_and_shown_with_two_digits() {
    let f = Fixture::with_indices();
    for (name, date) in [
        ("a", "5/8/2024"),
        ("b", "06/08/2024"),
        ("c", "2024-08-07 08:30"),
        ("d", "8/8/2024 14:05"),
        ("e", "2024-08-09T10:00:00+07:00"),
    ] {
        f.file(
            &format!("content/tin-tuc/{name}.md"),
            &format!("---\ntitle: Bài {name}\ndate: {date}\n---\nNội dung.\n"),
        );
    }
    f.file(
        "content/van-ban/qd.md",
        "---\ntitle: Quyết định\ndate: 1/7/2024\ndocument:\n  number: 01/QĐ-UBND\n  issued: 1/7/2024\n  issuer: UBND xã\n  type: Quyết định\n---\nNội dung.\n",
    );
    f.build_ok();
    let list = f.read("tin-tuc/index.html");
    for shown in [
        r#"<time datetime="2024-08-05">05/08/2024</time>"#,
        r#"<time datetime="2024-08-06">06/08/2024</time>"#,
        r#"<time datetime="2024-08-07">07/08/2024</time>"#,
        r#"<time datetime="2024-08-08">08/08/2024</time>"#,
    ] {
        assert!(list.contains(shown), "{shown} in\n{list}");
    }
    // Newest first: the times of day order pages of neighbouring days.
    assert!(pos(&list, "Bài e") < pos(&list, "Bài d"));
    assert!(pos(&list, "Bài d") < pos(&list, "Bài c"));
    let page = f.read("tin-tuc/d/index.html");
    assert!(
        page.contains(r#"<time datetime="2024-08-08T14:05:00+07:00">Thứ Năm, 08/08/2024</time>"#),
        "{page}"
    );
    let register = f.read("van-ban/index.html");
    assert!(register.contains("01/07/2024"), "{register}");
}

#[test]
fn an_impossible_date_is_one_clear_error() {
    let f = news("title: A\ndate: 31/2/2024\n");
    let msg = f.build_err();
    assert!(
        msg.contains("content/tin-tuc/x.md:3:7: ngày `31/2/2024` không có thật: tháng 2 năm 2024 chỉ có 29 ngày"),
        "{msg}"
    );
    assert!(msg.contains(" 3 | date: 31/2/2024"), "{msg}");
    assert!(msg.contains("`date: 16/7/2024`"), "{msg}");
    assert!(!msg.contains("is required"), "{msg}");
    assert!(
        msg.ends_with("1 lỗi — không ghi gì vào thư mục kết quả."),
        "{msg}"
    );
}

#[test]
fn bad_updated_and_issued_dates_are_errors() {
    let f = news(
        "title: A\ndate: 1/7/2024\nupdated: 32/7/2024\ndocument:\n  number: 1\n  issued: 7/15/2024\n  issuer: UBND xã\n  type: Quyết định\n",
    );
    let msg = f.build_err();
    assert!(
        msg.contains("x.md:4:10: ngày `32/7/2024` không có thật: tháng 7 năm 2024 chỉ có 31 ngày"),
        "{msg}"
    );
    assert!(
        msg.contains(
            "x.md:7:11: `document.issued`: ngày `7/15/2024` không có thật: không có tháng 15"
        ),
        "{msg}"
    );
    assert!(msg.contains("2 lỗi"), "{msg}");
}

/// The one problem of `front`, as printed.
fn only_problem(front: &str) -> String {
    let msg = news(front).build_err();
    assert!(msg.contains("\n1 lỗi"), "one problem expected:\n{msg}");
    msg
}

#[test]
fn yaml_mistakes_are_told_in_plain_vietnamese() {
    let cases: &[(&str, &[&str])] = &[
        (
            "title: Thông báo: lịch tiếp dân\ndate: 1/7/2024\n",
            &[
                "x.md:2:17: dấu hai chấm `:` nằm trong giá trị chưa đặt trong ngoặc kép",
                " 2 | title: Thông báo: lịch tiếp dân\n   |                 ^",
                "`title: \"Thông báo: lịch tiếp dân\"`",
            ],
        ),
        (
            "title: A\n\tdate: 1/7/2024\n",
            &["x.md:3:1: dòng này thụt vào bằng phím Tab", "dấu cách"],
        ),
        (
            "title:A\ndate: 1/7/2024\n",
            &["x.md:2:7: thiếu dấu cách sau `title:`", "`title: A`"],
        ),
        (
            "title: A\ndate: 1/7/2024\ndraft: có\n",
            &[
                "x.md:4:8: `draft` chỉ nhận `true` hoặc `false`, không nhận `có`",
                "`draft: true`",
            ],
        ),
        (
            "title: A\ndate: 1/7/2024\nweight: nhiều\n",
            &["x.md:4:9: `weight` phải là một số nguyên"],
        ),
        (
            "title: A\ndate: 1/7/2024\nweight:\n",
            &["x.md:4:8: `weight` để trống", "viết giá trị sau `weight:`"],
        ),
        (
            "title: A\ndate: 1/7/2024\ntags: an-ninh\n",
            &["x.md:4:7: `tags` phải là một danh sách", "`tags: [a, b]`"],
        ),
        (
            "title: \"A\ndate: 1/7/2024\n",
            &["x.md:2:8: dấu ngoặc kép mở ở đây chưa được đóng"],
        ),
        (
            "date: 1/7/2024\n",
            &["thiếu khóa bắt buộc `title`", "thêm một dòng `title: ...`"],
        ),
        (
            "title: A\ndate: 1/7/2024\ntitle: B\n",
            &["x.md:4:1: khóa `title` được viết hai lần"],
        ),
    ];
    for (front, expected) in cases {
        let msg = only_problem(front);
        for e in *expected {
            assert!(msg.contains(e), "expected `{e}` in:\n{msg}");
        }
        for jargon in [
            "invalid type",
            "mapping values",
            "expected",
            "scalar",
            "field `",
        ] {
            assert!(!msg.contains(jargon), "`{jargon}` in:\n{msg}");
        }
    }
}

#[test]
fn a_missing_closing_fence_points_where_it_belongs() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/x.md",
        "---\ntitle: A\ndate: 1/7/2024\n\nNội dung bài.\n",
    );
    let msg = f.build_err();
    assert!(
        msg.contains(
            "x.md:4:1: phần đầu bài (front matter) chưa được đóng: thiếu dòng `---` thứ hai"
        ),
        "{msg}"
    );
    assert!(msg.contains("(trước dòng 4)"), "{msg}");
}

#[test]
fn every_unknown_key_at_once_with_the_keys_of_its_level() {
    let f = news(
        "title: A\ndate: 1/7/2024\ntitel: B\nnumber: 5\ndocument:\n  number: 1\n  isued: 1/7/2024\n  issuer: UBND xã\n  type: Kế hoạch\n",
    );
    f.file(
        "content/sipas/_index.md",
        "---\ntitle: SIPAS\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng\n  areas:\n    - {key: a, title: A, tom-tat: x}\n---\n",
    );
    let msg = f.build_err();
    for e in [
        "content/tin-tuc/x.md:4:1: khóa `titel` không dùng được ở đây",
        "content/tin-tuc/x.md:5:1: khóa `number` không dùng được ở đây",
        "`number` là khóa con của `document:`",
        "content/tin-tuc/x.md:8:3: khóa `isued` không dùng được trong `document:`",
        "có phải là `issued`? Các khóa dùng được ở đây: `number`, `issued`, `issuer`, `type`, `file`",
        "content/sipas/_index.md:7:26: khóa `tom-tat` không dùng được trong `index.areas:`",
        "4 lỗi",
    ] {
        assert!(msg.contains(e), "expected `{e}` in:\n{msg}");
    }
    // The page's hint lists page keys only.
    let page_hint = msg
        .lines()
        .find(|l| l.contains("có phải là `title`"))
        .expect("a hint for `titel`");
    assert!(!page_hint.contains("`issuer`"), "{page_hint}");
}

#[test]
fn two_pages_at_one_address_are_one_error_naming_both() {
    let f = Fixture::with_indices();
    for name in ["a", "b"] {
        f.file(
            &format!("content/tin-tuc/{name}.md"),
            "---\ntitle: A\ndate: 1/7/2024\nslug: trung\n---\nNội dung.\n",
        );
    }
    let msg = f.build_err();
    assert!(
        msg.contains("content/tin-tuc/b.md:4:7: trùng địa chỉ (URL) `/tin-tuc/trung/`: `content/tin-tuc/b.md` và `content/tin-tuc/a.md`"),
        "{msg}"
    );
    assert!(
        msg.ends_with("1 lỗi — không ghi gì vào thư mục kết quả."),
        "{msg}"
    );
}

#[test]
fn silent_mistakes_are_warnings_and_strict_check_fails_on_them() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/x.md",
        "---\ntitle: Họp dân quý #3\ndate: 1/7/2024\nsummary: \"Nội dung cuộc họp gồm:\"\n---\nNội dung.\n",
    );
    f.file(
        "content/tin-tuc/y.md",
        "---\ntitle: \"Giữ nguyên #1\"\ndate: 2/2/2099\n---\nNội dung.\n",
    );
    let report = f.build_ok();
    let shown = report.warnings.to_string();
    for e in [
        "content/tin-tuc/x.md:2:20: cảnh báo: tiêu đề bị cắt tại ` #`: chỉ còn `Họp dân quý`",
        "`title: \"Họp dân quý #3\"`",
        "content/tin-tuc/x.md:4:10: cảnh báo: tóm tắt kết thúc bằng dấu hai chấm",
        "content/tin-tuc/y.md:3:7: cảnh báo: bài có ngày trong tương lai nên chưa hiện trên trang; bài sẽ xuất hiện ngày 02/02/2099",
    ] {
        assert!(shown.contains(e), "expected `{e}` in:\n{shown}");
    }
    assert_eq!(report.warnings.len(), 3, "{shown}");
    let out = f.cli(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 cảnh báo"));
    let out = f.cli(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--strict` coi cảnh báo là lỗi"));
}

#[test]
fn menu_and_links_to_nothing_inside_the_site_are_errors() {
    let f = Fixture::with_indices();
    f.file(
        "site.yaml",
        &format!(
            "{SITE_YAML}menu:\n  - {{title: Tin, url: /tin-tuc/}}\n  - {{title: Cũ, url: /tin-tuc-cu/}}\n  - {{title: SIPAS, url: \"/sipas/#gioi-thieu\"}}\nlinks:\n  - {{title: Cổng, url: https://dichvucong.gov.vn}}\n  - {{title: PAPI, url: /papii/}}\n"
        ),
    );
    let msg = f.build_err();
    assert!(
        msg.contains("site.yaml:6:22: `menu:` trỏ tới `/tin-tuc-cu/`, nhưng trang web không có trang nào ở địa chỉ đó"),
        "{msg}"
    );
    assert!(
        msg.contains("site.yaml:10:24: `links:` trỏ tới `/papii/`"),
        "{msg}"
    );
    assert!(msg.contains("có phải là `/papi/`?"), "{msg}");
    assert!(msg.contains("2 lỗi"), "{msg}");
}

#[test]
fn office_files_named_md_are_told_for_what_they_are() {
    let f = Fixture::with_indices();
    let mut docx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml word/document.xml");
    f.bytes("content/tin-tuc/quyet-dinh.md", &docx);
    f.bytes("content/tin-tuc/bang.md", b"PK\x03\x04....xl/workbook.xml");
    f.bytes(
        "content/tin-tuc/ke-hoach.md",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    );
    let msg = f.build_err();
    for e in [
        "content/tin-tuc/quyet-dinh.md:1:1: tệp này không phải bài viết Markdown mà là một tệp Word (.docx) bị đổi tên thành `.md`",
        "content/tin-tuc/bang.md:1:1: tệp này không phải bài viết Markdown mà là một tệp Excel (.xlsx)",
        "content/tin-tuc/ke-hoach.md:1:1: tệp này không phải bài viết Markdown mà là một tệp PDF (.pdf)",
        "đổi lại đuôi tệp cho đúng",
        "3 lỗi",
    ] {
        assert!(msg.contains(e), "expected `{e}` in:\n{msg}");
    }
    assert!(!msg.contains("UTF-8"), "{msg}");
}

#[test]
fn new_checks_index_and_area_and_writes_nothing_on_error() {
    let f = Fixture::with_indices();
    let out = f.cli(&[
        "new",
        "tin-tuc/hop.md",
        "--index",
        "sipass",
        "--area",
        "tiep-can-dich-vuu",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--index: không có chỉ số `sipass`"), "{err}");
    assert!(err.contains("có phải là `--index sipas`?"), "{err}");
    assert!(
        err.contains("--area: không có lĩnh vực `tiep-can-dich-vuu`"),
        "{err}"
    );
    assert!(
        err.contains("có phải là `--area tiep-can-dich-vu`?"),
        "{err}"
    );
    assert!(!f.root().join("content/tin-tuc/hop.md").exists());
    // An area of another index names the index to add.
    let out = f.cli(&[
        "new",
        "tin-tuc/hop.md",
        "--index",
        "papi",
        "--area",
        "cai-cach-the-che",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "`cai-cach-the-che` là lĩnh vực của chỉ số `par-index`: thêm `--index par-index`"
        ),
        "{err}"
    );
    assert!(!f.root().join("content/tin-tuc/hop.md").exists());
    let out = f.cli(&[
        "new",
        "tin-tuc/hop.md",
        "--index",
        "papi",
        "--area",
        "quan-tri-dien-tu",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(f.cli(&["check"]).status.code(), Some(0));
}

#[test]
fn init_makes_a_complete_commune_site() {
    let f = Fixture::empty();
    let out = f.cli(&["init", "xa", "--xa", "Thử Nghiệm"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = f.root().join("xa");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
            .args(args)
            .arg("--root")
            .arg(&site)
            .output()
            .unwrap()
    };
    let out = run(&["check", "--strict"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    assert!(read("output/index.html").contains("<h1>Trang thông tin điện tử xã Thử Nghiệm</h1>"));
    for (index, areas) in [("par-index", 8), ("papi", 8), ("sipas", 5)] {
        let dirs = std::fs::read_dir(site.join("output").join(index))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().join("index.html").is_file())
            .filter(|e| e.file_name() != "trang")
            .count();
        assert_eq!(dirs, areas, "areas of {index}");
    }
    let papi = read("content/papi/_index.md");
    for area in ["Quản trị môi trường", "Quản trị điện tử"] {
        assert!(papi.contains(area), "{area}");
    }
    assert!(
        !papi.contains("Hòa Phú"),
        "a new site names no other commune"
    );
    // Every key of site.yaml comes with a Vietnamese comment above it.
    let yaml = read("site.yaml");
    let lines: Vec<&str> = yaml.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with([' ', '#', '-']) && l.contains(':') {
            assert!(
                i > 0 && lines[i - 1].starts_with('#'),
                "no comment above `{l}`"
            );
        }
    }
    assert!(yaml.contains("name: Ủy ban nhân dân xã Thử Nghiệm"));
    for ci in [".github/workflows/site.yml", ".gitlab-ci.yml"] {
        let text = read(ci);
        assert!(
            text.contains("congxa check") && text.contains("congxa build"),
            "{ci}"
        );
    }
    let first = read("content/tin-tuc/huong-dan-viet-bai.md");
    assert!(first.contains("congxa new"), "{first}");
    assert!(
        site.join("output/tin-tuc/huong-dan-viet-bai/index.html")
            .is_file()
    );
}

#[test]
fn the_portable_output_swap_replaces_the_site_and_leaves_nothing_behind() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/a.md",
        "---\ntitle: Một\ndate: 1/7/2024\n---\nMột.\n",
    );
    let build = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_congxa"))
            .args(["build", "--quiet"])
            .env("CONGXA_PORTABLE_FS", "1")
            .current_dir(f.root())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build();
    assert!(f.read("tin-tuc/a/index.html").contains("Một"));
    f.file(
        "content/tin-tuc/a.md",
        "---\ntitle: Hai\ndate: 1/7/2024\n---\nHai.\n",
    );
    build();
    assert!(f.read("tin-tuc/a/index.html").contains("Hai"));
    // The two-rename swap keeps no previous tree beside the output.
    let beside: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("congxa-") && !n.ends_with("congxa-lock"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn every_unknown_key_of_site_yaml_at_once() {
    let f = Fixture::with_indices();
    f.file(
        "site.yaml",
        &format!("{SITE_YAML}paginte: 3\norganization:\n  name: UBND xã\n  phon: 1\nlinks:\n  - {{title: Cổng, ur: https://dichvucong.gov.vn}}\n"),
    );
    let msg = f.build_err();
    for e in [
        "site.yaml:4:1: khóa `paginte` không dùng được ở đây",
        "site.yaml:7:3: khóa `phon` không dùng được trong `organization:`",
        "có phải là `phone`? Các khóa dùng được ở đây: `name`, `address`, `phone`, `email`, `hours`",
        "site.yaml:9:19: khóa `ur` không dùng được trong `links:`",
        "3 lỗi",
    ] {
        assert!(msg.contains(e), "expected `{e}` in:\n{msg}");
    }
}

#[test]
fn section_titles_and_a_title_that_is_all_comment_are_warned_about() {
    let f = Fixture::with_indices();
    f.file(
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức #mới\ndescription: Tin của xã # và thôn\n---\n",
    );
    f.file(
        "content/tin-tuc/x.md",
        "---\ntitle: #3 Họp dân\ndate: 1/7/2024\n---\nNội dung.\n",
    );
    let shown = f.build_ok().warnings.to_string();
    for e in [
        "content/tin-tuc/_index.md:2:16: cảnh báo: tiêu đề bị cắt tại ` #`: chỉ còn `Tin tức`",
        "content/tin-tuc/_index.md:3:25: cảnh báo: mô tả bị cắt tại ` #`",
        "content/tin-tuc/x.md:2:8: cảnh báo: tiêu đề bị bỏ trống",
        "`title: \"#3 Họp dân\"`",
    ] {
        assert!(shown.contains(e), "expected `{e}` in:\n{shown}");
    }
}
