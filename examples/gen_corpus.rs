//! Bench corpus generator: a commune site of N articles (~700 words each,
//! 2–4 tags, 1–2 governance indices with areas), deterministic for a given N.
//!
//! `cargo run --release --example gen_corpus -- --pages 10000 DIR [--hugo]`
//!
//! With `--hugo`, also writes `hugo.toml` and minimal Hugo layouts so Hugo can
//! build the very same content for the comparison in `scripts/bench.sh`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "người",
    "dân",
    "xã",
    "thủ",
    "tục",
    "hành",
    "chính",
    "cải",
    "cách",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "hài",
    "lòng",
    "chỉ",
    "số",
    "đánh",
    "giá",
    "minh",
    "bạch",
    "trách",
    "nhiệm",
    "giải",
    "trình",
    "đường",
    "làng",
    "ngõ",
    "xóm",
    "cán",
    "bộ",
    "công",
    "chức",
    "tiếp",
    "nhận",
    "trả",
    "kết",
    "quả",
    "hồ",
    "sơ",
    "một",
    "cửa",
    "tuyên",
    "truyền",
    "hội",
    "nghị",
    "thôn",
    "bảng",
    "tin",
    "loa",
    "truyền",
    "thanh",
    "phản",
    "ánh",
    "kiến",
    "nghị",
    "góp",
    "ý",
    "quản",
    "trị",
    "điện",
    "tử",
    "môi",
    "trường",
    "tham",
    "nhũng",
    "kiểm",
    "soát",
    "thể",
    "chế",
    "tài",
    "chính",
    "tổ",
    "chức",
    "bộ",
    "máy",
    "chế",
    "độ",
    "chính",
    "quyền",
    "số",
    "năm",
    "tháng",
    "ngày",
    "kế",
    "hoạch",
    "thực",
    "hiện",
    "nâng",
    "cao",
    "hiệu",
    "quả",
    "phục",
    "vụ",
    "nhân",
    "dân",
    "dương",
    "liễu",
    "đồng",
    "ruộng",
    "nước",
    "sạch",
    "học",
    "sinh",
    "trường",
];

const TAGS: &[&str] = &[
    "tuyên truyền",
    "một cửa",
    "dịch vụ công",
    "chuyển đổi số",
    "hội nghị",
    "thủ tục hành chính",
    "minh bạch",
    "góp ý",
    "môi trường",
    "an sinh",
    "giáo dục",
    "y tế",
    "nông nghiệp",
    "đường giao thông",
    "văn hóa",
    "thanh niên",
    "phụ nữ",
    "cựu chiến binh",
    "người cao tuổi",
    "khuyến học",
];

const INDICES: &[(&str, &str, &[&str])] = &[
    (
        "par-index",
        "PAR INDEX",
        &[
            "chi-dao-dieu-hanh",
            "cai-cach-the-che",
            "cai-cach-thu-tuc-hanh-chinh",
            "cai-cach-to-chuc-bo-may",
            "cai-cach-che-do-cong-vu",
            "cai-cach-tai-chinh-cong",
            "chinh-quyen-so",
        ],
    ),
    (
        "papi",
        "PAPI",
        &[
            "tham-gia",
            "cong-khai-minh-bach",
            "trach-nhiem-giai-trinh",
            "kiem-soat-tham-nhung",
            "thu-tuc-hanh-chinh-cong",
            "cung-ung-dich-vu-cong",
            "quan-tri-moi-truong",
            "quan-tri-dien-tu",
        ],
    ),
    (
        "sipas",
        "SIPAS",
        &[
            "tiep-can-dich-vu",
            "thu-tuc-hanh-chinh",
            "cong-chuc",
            "ket-qua",
            "gop-y-phan-anh",
        ],
    ),
];

const SECTIONS: &[(&str, &str)] = &[
    ("tin-tuc", "Tin tức"),
    ("thong-bao", "Thông báo"),
    ("tim-hieu", "Tìm hiểu"),
    ("hoat-dong", "Hoạt động"),
];

/// Small deterministic generator (xorshift), so corpora are identical run to run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.word();
        if i == 0 {
            let mut c = w.chars();
            let first = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>())
                .unwrap_or_default();
            s.push_str(&first);
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pages = 1000usize;
    let mut dir: Option<PathBuf> = None;
    let mut hugo = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pages" => pages = it.next().and_then(|n| n.parse().ok()).expect("--pages N"),
            "--hugo" => hugo = true,
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.expect("usage: gen_corpus --pages N DIR [--hugo]");
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("remove old corpus");
    }
    write(
        &dir.join("site.yaml"),
        "title: Xã Thử Nghiệm\ndescription: Bộ dữ liệu đo tốc độ\nbase_url: https://bench.example.vn/\npaginate: 10\norganization: {name: UBND xã Thử Nghiệm}\nabbreviations: {UBND: Ủy ban nhân dân}\n",
    );
    write(
        &dir.join("content/_index.md"),
        "---\ntitle: Trang chủ\n---\nTrang đo tốc độ.\n",
    );
    for (i, (key, title)) in SECTIONS.iter().enumerate() {
        write(
            &dir.join(format!("content/{key}/_index.md")),
            &format!("---\ntitle: {title}\nmenu: {i}\n---\n"),
        );
    }
    for (key, code, areas) in INDICES {
        let mut s = format!(
            "---\ntitle: Chỉ số {code}\nmenu: 9\nindex:\n  code: {code}\n  name: Chỉ số {code}\n  publisher: Bộ Nội vụ\n  areas:\n"
        );
        for a in areas.iter() {
            let _ = writeln!(s, "    - {{key: {a}, title: Lĩnh vực {a}}}");
        }
        s.push_str("---\nGiới thiệu chỉ số.\n");
        write(&dir.join(format!("content/{key}/_index.md")), &s);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for n in 0..pages {
        let (section, _) = SECTIONS[n % SECTIONS.len()];
        let day = 1 + (n % 28);
        let month = 1 + (n / 28) % 12;
        let year = 2015 + (n / 336) % 10;
        let title_len = 6 + rng.below(6);
        let title = sentence(&mut rng, title_len)
            .trim_end_matches('.')
            .to_string();
        let n_idx = 1 + rng.below(2);
        let first = rng.below(INDICES.len());
        let idx: Vec<usize> = (0..n_idx).map(|k| (first + k) % INDICES.len()).collect();
        let areas: Vec<&str> = idx
            .iter()
            .map(|&i| INDICES[i].2[rng.below(INDICES[i].2.len())])
            .collect();
        let n_tags = 2 + rng.below(3);
        let mut tags: Vec<&str> = Vec::new();
        while tags.len() < n_tags {
            let t = TAGS[rng.below(TAGS.len())];
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut body = String::new();
        let mut words = 0;
        let mut h = 0;
        while words < 700 {
            if words % 150 == 0 {
                h += 1;
                let _ = writeln!(
                    body,
                    "## Mục {h}: {}\n",
                    sentence(&mut rng, 4).trim_end_matches('.')
                );
            }
            let len = 12 + rng.below(10);
            let mut para = String::new();
            for _ in 0..3 {
                para.push_str(&sentence(&mut rng, len / 3 + 3));
                para.push(' ');
            }
            if rng.below(5) == 0 {
                let _ = write!(
                    para,
                    "Xem [chỉ số](/{}/) và **thông tin** thêm.",
                    INDICES[idx[0]].0
                );
            }
            let _ = writeln!(body, "{}\n", para.trim_end());
            words += 3 * (len / 3 + 3);
            if rng.below(8) == 0 {
                body.push_str(
                    "- UBND xã tiếp nhận hồ sơ\n- Trả kết quả đúng hạn\n- Lấy ý kiến người dân\n\n",
                );
            }
        }
        let fm = format!(
            "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02}\nindices: [{}]\nareas: [{}]\ntags: [{}]\n---\n\n",
            idx.iter()
                .map(|&i| INDICES[i].0)
                .collect::<Vec<_>>()
                .join(", "),
            areas.join(", "),
            tags.join(", ")
        );
        write(
            &dir.join(format!("content/{section}/bai-{n:05}.md")),
            &(fm + &body),
        );
    }
    if hugo {
        write_hugo(&dir);
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// Minimal Hugo site over the same `content/`, with comparable pages:
/// home, sections (paginated), articles, taxonomies tags/indices/areas.
fn write_hugo(dir: &Path) {
    // The menu is configured, as a Hugo site would: `.Site.Sections` in every page's
    // frame costs Hugo 0.168 work over all pages per call (10k: 19.8 s instead of 5.7 s).
    let mut config = String::from(
        "baseURL = 'https://bench.example.vn/'\nlanguageCode = 'vi'\ntitle = 'Xã Thử Nghiệm'\n[pagination]\npagerSize = 10\n[taxonomies]\ntag = 'tags'\nindex = 'indices'\narea = 'areas'\n[markup.goldmark.renderer]\nunsafe = true\n",
    );
    let menu = SECTIONS
        .iter()
        .map(|(key, title)| (*key, title.to_string()))
        .chain(
            INDICES
                .iter()
                .map(|(key, code, _)| (*key, format!("Chỉ số {code}"))),
        );
    for (weight, (key, name)) in (1..).zip(menu) {
        let _ = write!(
            config,
            "[[menus.main]]\nname = '{name}'\npageRef = '/{key}'\nweight = {weight}\n"
        );
    }
    write(&dir.join("hugo.toml"), &config);
    let base = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><nav>{{ range site.Menus.main }}<a href=\"{{ .URL }}\">{{ .Name }}</a>{{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    write(&dir.join("layouts/baseof.html"), base);
    write(
        &dir.join("layouts/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format \"2/1/2006\" }}</time>{{ .Content }}{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a>{{ end }}{{ end }}",
    );
    write(
        &dir.join("layouts/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ range (.Paginate .Pages).Pages }}<article><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a><p>{{ .Summary }}</p></article>{{ end }}{{ end }}",
    );
    write(
        &dir.join("layouts/home.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range first 10 .Site.RegularPages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
    );
    write(
        &dir.join("layouts/taxonomy.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Data.Terms.ByCount }}<a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a>{{ end }}{{ end }}",
    );
    write(
        &dir.join("layouts/term.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range (.Paginate .Pages).Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}",
    );
}
